package directives

// missingModules are common Apache modules gohttpd does not implement,
// with the directives each declares (from Apache httpd 2.4's sources, and
// PHP's and ModSecurity's for theirs). Loading one is a warning; any of
// its directives is an error that names the module, rather than Apache's
// "Invalid command" or, worse, silence. A directive another module that
// gohttpd implements also declares (mod_auth_digest's AuthName) is left
// out, so that module's stays in force.
var missingModules = []*Module{
	{Name: "actions_module", Source: "mod_actions.c", Missing: true, Commands: []*Command{
		{Name: "Action"}, {Name: "Script"},
	}},
	{Name: "alias_module", Source: "mod_alias.c", Missing: true, Commands: []*Command{
		{Name: "Alias"}, {Name: "ScriptAlias"}, {Name: "Redirect"}, {Name: "AliasMatch"},
		{Name: "ScriptAliasMatch"}, {Name: "RedirectMatch"}, {Name: "RedirectTemp"}, {Name: "RedirectPermanent"},
		{Name: "RedirectRelative"}, {Name: "AliasPreservePath"},
	}},
	{Name: "allowmethods_module", Source: "mod_allowmethods.c", Missing: true, Commands: []*Command{
		{Name: "AllowMethods"},
	}},
	{Name: "asis_module", Source: "mod_asis.c", Missing: true},
	{Name: "auth_digest_module", Source: "mod_auth_digest.c", Missing: true, Commands: []*Command{
		{Name: "AuthDigestProvider"}, {Name: "AuthDigestQop"}, {Name: "AuthDigestNonceLifetime"},
		{Name: "AuthDigestNonceFormat"}, {Name: "AuthDigestNcCheck"}, {Name: "AuthDigestAlgorithm"},
		{Name: "AuthDigestDomain"}, {Name: "AuthDigestShmemSize"},
	}},
	{Name: "auth_form_module", Source: "mod_auth_form.c", Missing: true, Commands: []*Command{
		{Name: "AuthFormProvider"}, {Name: "AuthFormUsername"}, {Name: "AuthFormPassword"},
		{Name: "AuthFormLocation"}, {Name: "AuthFormMethod"}, {Name: "AuthFormMimetype"}, {Name: "AuthFormBody"},
		{Name: "AuthFormSize"}, {Name: "AuthFormLoginRequiredLocation"}, {Name: "AuthFormLoginSuccessLocation"},
		{Name: "AuthFormLogoutLocation"}, {Name: "AuthFormSitePassphrase"}, {Name: "AuthFormAuthoritative"},
		{Name: "AuthFormFakeBasicAuth"}, {Name: "AuthFormDisableNoStore"},
	}},
	{Name: "authn_anon_module", Source: "mod_authn_anon.c", Missing: true, Commands: []*Command{
		{Name: "Anonymous"}, {Name: "Anonymous_MustGiveEmail"}, {Name: "Anonymous_NoUserId"},
		{Name: "Anonymous_VerifyEmail"}, {Name: "Anonymous_LogEmail"},
	}},
	{Name: "authn_dbd_module", Source: "mod_authn_dbd.c", Missing: true, Commands: []*Command{
		{Name: "AuthDBDUserPWQuery"}, {Name: "AuthDBDUserRealmQuery"},
	}},
	{Name: "authn_dbm_module", Source: "mod_authn_dbm.c", Missing: true, Commands: []*Command{
		{Name: "AuthDBMUserFile"}, {Name: "AuthDBMType"},
	}},
	{Name: "authn_socache_module", Source: "mod_authn_socache.c", Missing: true, Commands: []*Command{
		{Name: "AuthnCacheSOCache"}, {Name: "AuthnCacheEnable"}, {Name: "AuthnCacheProvideFor"},
		{Name: "AuthnCacheTimeout"}, {Name: "AuthnCacheContext"},
	}},
	{Name: "authnz_fcgi_module", Source: "mod_authnz_fcgi.c", Missing: true, Commands: []*Command{
		{Name: "AuthnzFcgiDefineProvider"}, {Name: "AuthnzFcgiCheckAuthnProvider"},
	}},
	{Name: "authnz_ldap_module", Source: "mod_authnz_ldap.c", Missing: true, Commands: []*Command{
		{Name: "AuthLDAPURL"}, {Name: "AuthLDAPBindDN"}, {Name: "AuthLDAPBindPassword"},
		{Name: "AuthLDAPBindAuthoritative"}, {Name: "AuthLDAPRemoteUserIsDN"},
		{Name: "AuthLDAPRemoteUserAttribute"}, {Name: "AuthLDAPCompareDNOnServer"},
		{Name: "AuthLDAPSubGroupAttribute"}, {Name: "AuthLDAPSubGroupClass"}, {Name: "AuthLDAPMaxSubGroupDepth"},
		{Name: "AuthLDAPGroupAttribute"}, {Name: "AuthLDAPGroupAttributeIsDN"},
		{Name: "AuthLDAPDereferenceAliases"}, {Name: "AuthLDAPCharsetConfig"}, {Name: "AuthLDAPAuthorizePrefix"},
		{Name: "AuthLDAPInitialBindAsUser"}, {Name: "AuthLDAPInitialBindPattern"}, {Name: "AuthLDAPSearchAsUser"},
		{Name: "AuthLDAPCompareAsUser"},
	}},
	{Name: "authz_dbd_module", Source: "mod_authz_dbd.c", Missing: true, Commands: []*Command{
		{Name: "AuthzDBDLoginToReferer"}, {Name: "AuthzDBDQuery"}, {Name: "AuthzDBDRedirectQuery"},
	}},
	{Name: "authz_dbm_module", Source: "mod_authz_dbm.c", Missing: true, Commands: []*Command{
		{Name: "AuthDBMGroupFile"}, {Name: "AuthzDBMType"},
	}},
	{Name: "authz_owner_module", Source: "mod_authz_owner.c", Missing: true},
	{Name: "autoindex_module", Source: "mod_autoindex.c", Missing: true, Commands: []*Command{
		{Name: "AddIcon"}, {Name: "AddIconByType"}, {Name: "AddIconByEncoding"}, {Name: "AddAlt"},
		{Name: "AddAltByType"}, {Name: "AddAltByEncoding"}, {Name: "IndexOptions"}, {Name: "IndexOrderDefault"},
		{Name: "IndexIgnore"}, {Name: "IndexIgnoreReset"}, {Name: "AddDescription"}, {Name: "HeaderName"},
		{Name: "ReadmeName"}, {Name: "FancyIndexing"}, {Name: "DefaultIcon"}, {Name: "IndexStyleSheet"},
		{Name: "IndexHeadInsert"},
	}},
	{Name: "brotli_module", Source: "mod_brotli.c", Missing: true, Commands: []*Command{
		{Name: "BrotliFilterNote"}, {Name: "BrotliCompressionQuality"}, {Name: "BrotliCompressionWindow"},
		{Name: "BrotliCompressionMaxInputBlock"}, {Name: "BrotliAlterETag"},
	}},
	{Name: "buffer_module", Source: "mod_buffer.c", Missing: true, Commands: []*Command{
		{Name: "BufferSize"},
	}},
	{Name: "cache_disk_module", Source: "mod_cache_disk.c", Missing: true, Commands: []*Command{
		{Name: "CacheRoot"}, {Name: "CacheDirLevels"}, {Name: "CacheDirLength"}, {Name: "CacheMinFileSize"},
		{Name: "CacheMaxFileSize"}, {Name: "CacheReadSize"}, {Name: "CacheReadTime"},
	}},
	{Name: "cache_module", Source: "mod_cache.c", Missing: true, Commands: []*Command{
		{Name: "CacheEnable"}, {Name: "CacheDisable"}, {Name: "CacheMaxExpire"}, {Name: "CacheMinExpire"},
		{Name: "CacheDefaultExpire"}, {Name: "CacheQuickHandler"}, {Name: "CacheIgnoreNoLastMod"},
		{Name: "CacheIgnoreCacheControl"}, {Name: "CacheStoreExpired"}, {Name: "CacheStorePrivate"},
		{Name: "CacheStoreNoStore"}, {Name: "CacheIgnoreHeaders"}, {Name: "CacheIgnoreQueryString"},
		{Name: "CacheIgnoreURLSessionIdentifiers"}, {Name: "CacheLastModifiedFactor"}, {Name: "CacheLock"},
		{Name: "CacheLockPath"}, {Name: "CacheLockMaxAge"}, {Name: "CacheHeader"}, {Name: "CacheDetailHeader"},
		{Name: "CacheKeyBaseURL"}, {Name: "CacheStaleOnError"},
	}},
	{Name: "cache_socache_module", Source: "mod_cache_socache.c", Missing: true, Commands: []*Command{
		{Name: "CacheSocache"}, {Name: "CacheSocacheMaxTime"}, {Name: "CacheSocacheMinTime"},
		{Name: "CacheSocacheMaxSize"}, {Name: "CacheSocacheReadSize"}, {Name: "CacheSocacheReadTime"},
	}},
	{Name: "cern_meta_module", Source: "mod_cern_meta.c", Missing: true, Commands: []*Command{
		{Name: "MetaFiles"}, {Name: "MetaDir"}, {Name: "MetaSuffix"},
	}},
	{Name: "cgi_module", Source: "mod_cgi.c", Missing: true, Commands: []*Command{
		{Name: "ScriptLog"}, {Name: "ScriptLogLength"}, {Name: "ScriptLogBuffer"}, {Name: "CGIScriptTimeout"},
	}},
	{Name: "cgid_module", Source: "mod_cgid.c", Missing: true, Commands: []*Command{
		{Name: "ScriptLog"}, {Name: "ScriptLogLength"}, {Name: "ScriptLogBuffer"}, {Name: "ScriptSock"},
		{Name: "CGIDScriptTimeout"},
	}},
	{Name: "charset_lite_module", Source: "mod_charset_lite.c", Missing: true, Commands: []*Command{
		{Name: "CharsetSourceEnc"}, {Name: "CharsetDefault"}, {Name: "CharsetOptions"},
	}},
	{Name: "data_module", Source: "mod_data.c", Missing: true},
	{Name: "dav_fs_module", Source: "mod_dav_fs.c", Missing: true, Commands: []*Command{
		{Name: "DAVLockDB"},
	}},
	{Name: "dav_lock_module", Source: "mod_dav_lock.c", Missing: true, Commands: []*Command{
		{Name: "DAVGenericLockDB"},
	}},
	{Name: "dav_module", Source: "mod_dav.c", Missing: true, Commands: []*Command{
		{Name: "DAV"}, {Name: "DAVBasePath"}, {Name: "DAVMinTimeout"}, {Name: "DAVDepthInfinity"},
		{Name: "DAVLockDiscovery"},
	}},
	{Name: "dbd_module", Source: "mod_dbd.c", Missing: true, Commands: []*Command{
		{Name: "DBDriver"}, {Name: "DBDParams"}, {Name: "DBDPersist"}, {Name: "DBDPrepareSQL"},
		{Name: "DBDInitSQL"}, {Name: "DBDMin"}, {Name: "DBDKeep"}, {Name: "DBDMax"}, {Name: "DBDExptime"},
	}},
	{Name: "deflate_module", Source: "mod_deflate.c", Missing: true, Commands: []*Command{
		{Name: "DeflateFilterNote"}, {Name: "DeflateWindowSize"}, {Name: "DeflateBufferSize"},
		{Name: "DeflateMemLevel"}, {Name: "DeflateCompressionLevel"}, {Name: "DeflateInflateLimitRequestBody"},
		{Name: "DeflateInflateRatioLimit"}, {Name: "DeflateInflateRatioBurst"}, {Name: "DeflateAlterEtag"},
	}},
	{Name: "dir_module", Source: "mod_dir.c", Missing: true, Commands: []*Command{
		{Name: "FallbackResource"}, {Name: "DirectoryIndex"}, {Name: "DirectorySlash"},
		{Name: "DirectoryCheckHandler"}, {Name: "DirectoryIndexRedirect"},
	}},
	{Name: "dumpio_module", Source: "mod_dumpio.c", Missing: true, Commands: []*Command{
		{Name: "DumpIOInput"}, {Name: "DumpIOOutput"},
	}},
	{Name: "echo_module", Source: "mod_echo.c", Missing: true, Commands: []*Command{
		{Name: "ProtocolEcho"},
	}},
	{Name: "env_module", Source: "mod_env.c", Missing: true, Commands: []*Command{
		{Name: "PassEnv"}, {Name: "SetEnv"}, {Name: "UnsetEnv"},
	}},
	{Name: "expires_module", Source: "mod_expires.c", Missing: true, Commands: []*Command{
		{Name: "ExpiresActive"}, {Name: "ExpiresByType"}, {Name: "ExpiresDefault"},
	}},
	{Name: "ext_filter_module", Source: "mod_ext_filter.c", Missing: true, Commands: []*Command{
		{Name: "ExtFilterOptions"}, {Name: "ExtFilterDefine"},
	}},
	{Name: "file_cache_module", Source: "mod_file_cache.c", Missing: true, Commands: []*Command{
		{Name: "cachefile"}, {Name: "mmapfile"},
	}},
	{Name: "filter_module", Source: "mod_filter.c", Missing: true, Commands: []*Command{
		{Name: "FilterDeclare"}, {Name: "FilterProvider"}, {Name: "FilterChain"}, {Name: "FilterTrace"},
		{Name: "AddOutputFilterByType"}, {Name: "FilterProtocol"},
	}},
	{Name: "heartbeat_module", Source: "mod_heartbeat.c", Missing: true, Commands: []*Command{
		{Name: "HeartbeatAddress"},
	}},
	{Name: "heartmonitor_module", Source: "mod_heartmonitor.c", Missing: true, Commands: []*Command{
		{Name: "HeartbeatListen"}, {Name: "HeartbeatStorage"}, {Name: "HeartbeatMaxServers"},
	}},
	{Name: "http2_module", Source: "mod_http2.c", Missing: true, Commands: []*Command{
		{Name: "H2MaxSessionStreams"}, {Name: "H2WindowSize"}, {Name: "H2MinWorkers"}, {Name: "H2MaxWorkers"},
		{Name: "H2MaxWorkerIdleSeconds"}, {Name: "H2StreamMaxMemSize"}, {Name: "H2SerializeHeaders"},
		{Name: "H2ModernTLSOnly"}, {Name: "H2Upgrade"}, {Name: "H2Direct"}, {Name: "H2SessionExtraFiles"},
		{Name: "H2TLSWarmUpSize"}, {Name: "H2TLSCoolDownSecs"}, {Name: "H2Push"}, {Name: "H2PushPriority"},
		{Name: "H2PushDiarySize"}, {Name: "H2CopyFiles"}, {Name: "H2PushResource"}, {Name: "H2EarlyHints"},
		{Name: "H2Padding"}, {Name: "H2OutputBuffering"}, {Name: "H2StreamTimeout"}, {Name: "H2MaxDataFrameLen"},
		{Name: "H2EarlyHint"}, {Name: "H2ProxyRequests"}, {Name: "H2WebSockets"},
	}},
	{Name: "ident_module", Source: "mod_ident.c", Missing: true, Commands: []*Command{
		{Name: "IdentityCheck"}, {Name: "IdentityCheckTimeout"},
	}},
	{Name: "imagemap_module", Source: "mod_imagemap.c", Missing: true, Commands: []*Command{
		{Name: "ImapMenu"}, {Name: "ImapDefault"}, {Name: "ImapBase"},
	}},
	{Name: "include_module", Source: "mod_include.c", Missing: true, Commands: []*Command{
		{Name: "XBitHack"}, {Name: "SSIErrorMsg"}, {Name: "SSITimeFormat"}, {Name: "SSIStartTag"},
		{Name: "SSIEndTag"}, {Name: "SSIUndefinedEcho"}, {Name: "SSILegacyExprParser"}, {Name: "SSILastModified"},
		{Name: "SSIEtag"},
	}},
	{Name: "info_module", Source: "mod_info.c", Missing: true, Commands: []*Command{
		{Name: "AddModuleInfo"},
	}},
	{Name: "lbmethod_bybusyness_module", Source: "mod_lbmethod_bybusyness.c", Missing: true},
	{Name: "lbmethod_byrequests_module", Source: "mod_lbmethod_byrequests.c", Missing: true},
	{Name: "lbmethod_bytraffic_module", Source: "mod_lbmethod_bytraffic.c", Missing: true},
	{Name: "lbmethod_heartbeat_module", Source: "mod_lbmethod_heartbeat.c", Missing: true, Commands: []*Command{
		{Name: "HeartbeatStorage"},
	}},
	{Name: "ldap_module", Source: "util_ldap.c", Missing: true, Commands: []*Command{
		{Name: "LDAPSharedCacheSize"}, {Name: "LDAPSharedCacheFile"}, {Name: "LDAPCacheEntries"},
		{Name: "LDAPCacheTTL"}, {Name: "LDAPOpCacheEntries"}, {Name: "LDAPOpCacheTTL"},
		{Name: "LDAPTrustedGlobalCert"}, {Name: "LDAPTrustedClientCert"}, {Name: "LDAPTrustedMode"},
		{Name: "LDAPVerifyServerCert"}, {Name: "LDAPConnectionTimeout"}, {Name: "LDAPReferrals"},
		{Name: "LDAPReferralHopLimit"}, {Name: "LDAPLibraryDebug"}, {Name: "LDAPTimeout"},
		{Name: "LDAPConnectionPoolTTL"}, {Name: "LDAPRetries"}, {Name: "LDAPRetryDelay"},
	}},
	{Name: "log_debug_module", Source: "mod_log_debug.c", Missing: true, Commands: []*Command{
		{Name: "LogMessage"},
	}},
	{Name: "log_forensic_module", Source: "mod_log_forensic.c", Missing: true, Commands: []*Command{
		{Name: "ForensicLog"},
	}},
	{Name: "lua_module", Source: "mod_lua.c", Missing: true, Commands: []*Command{
		{Name: "LuaRoot"}, {Name: "LuaPackagePath"}, {Name: "LuaPackageCPath"}, {Name: "LuaAuthzProvider"},
		{Name: "LuaHookPreTranslateName"}, {Name: "<LuaHookPreTranslateName"}, {Name: "LuaHookTranslateName"},
		{Name: "<LuaHookTranslateName"}, {Name: "LuaHookFixups"}, {Name: "<LuaHookFixups"},
		{Name: "LuaHookMapToStorage"}, {Name: "<LuaHookMapToStorage"}, {Name: "LuaHookCheckUserID"},
		{Name: "<LuaHookCheckUserID"}, {Name: "LuaHookTypeChecker"}, {Name: "<LuaHookTypeChecker"},
		{Name: "LuaHookAccessChecker"}, {Name: "<LuaHookAccessChecker"}, {Name: "LuaHookAuthChecker"},
		{Name: "<LuaHookAuthChecker"}, {Name: "LuaHookInsertFilter"}, {Name: "LuaHookLog"}, {Name: "LuaScope"},
		{Name: "LuaInherit"}, {Name: "LuaCodeCache"}, {Name: "LuaQuickHandler"}, {Name: "<LuaQuickHandler"},
		{Name: "Lua_____ByteCodeHack"}, {Name: "LuaMapHandler"}, {Name: "LuaOutputFilter"},
		{Name: "LuaInputFilter"},
	}},
	{Name: "macro_module", Source: "mod_macro.c", Missing: true, Commands: []*Command{
		{Name: "<Macro"}, {Name: "Use"}, {Name: "UndefMacro"},
	}},
	{Name: "md_module", Source: "mod_md.c", Missing: true, Commands: []*Command{
		{Name: "MDCertificateAuthority"}, {Name: "MDCertificateAgreement"}, {Name: "MDCAChallenges"},
		{Name: "MDCertificateProtocol"}, {Name: "MDContactEmail"}, {Name: "MDDriveMode"}, {Name: "MDRenewMode"},
		{Name: "MDomain"}, {Name: "<MDomainSet"}, {Name: "<MDomain"}, {Name: "MDMember"}, {Name: "MDMembers"},
		{Name: "MDMustStaple"}, {Name: "MDPortMap"}, {Name: "MDPrivateKeys"}, {Name: "MDHttpProxy"},
		{Name: "MDStoreDir"}, {Name: "MDRenewWindow"}, {Name: "MDRequireHttps"}, {Name: "MDNotifyCmd"},
		{Name: "MDBaseServer"}, {Name: "MDChallengeDns01"}, {Name: "MDChallengeDns01Version"},
		{Name: "MDCertificateFile"}, {Name: "MDCertificateKeyFile"}, {Name: "MDServerStatus"},
		{Name: "MDCertificateStatus"}, {Name: "MDWarnWindow"}, {Name: "MDMessageCmd"}, {Name: "MDStapling"},
		{Name: "MDStapleOthers"}, {Name: "MDStaplingKeepResponse"}, {Name: "MDStaplingRenewWindow"},
		{Name: "MDCertificateCheck"}, {Name: "MDActivationDelay"}, {Name: "MDCACertificateFile"},
		{Name: "MDExternalAccountBinding"}, {Name: "MDRetryDelay"}, {Name: "MDRetryFailover"},
		{Name: "MDStoreLocks"}, {Name: "MDMatchNames"}, {Name: "MDCheckInterval"},
	}},
	{Name: "mime_magic_module", Source: "mod_mime_magic.c", Missing: true, Commands: []*Command{
		{Name: "MimeMagicFile"},
	}},
	{Name: "mime_module", Source: "mod_mime.c", Missing: true, Commands: []*Command{
		{Name: "AddCharset"}, {Name: "AddEncoding"}, {Name: "AddHandler"}, {Name: "AddInputFilter"},
		{Name: "AddLanguage"}, {Name: "AddOutputFilter"}, {Name: "AddType"}, {Name: "DefaultLanguage"},
		{Name: "MultiviewsMatch"}, {Name: "RemoveCharset"}, {Name: "RemoveEncoding"}, {Name: "RemoveHandler"},
		{Name: "RemoveInputFilter"}, {Name: "RemoveLanguage"}, {Name: "RemoveOutputFilter"}, {Name: "RemoveType"},
		{Name: "TypesConfig"}, {Name: "ModMimeUsePathInfo"},
	}},
	{Name: "negotiation_module", Source: "mod_negotiation.c", Missing: true, Commands: []*Command{
		{Name: "CacheNegotiatedDocs"}, {Name: "LanguagePriority"}, {Name: "ForceLanguagePriority"},
	}},
	{Name: "php5_module", Source: "mod_php5.c", Missing: true, Commands: []*Command{
		{Name: "php_value"}, {Name: "php_flag"}, {Name: "php_admin_value"}, {Name: "php_admin_flag"},
		{Name: "PHPINIDir"},
	}},
	{Name: "php7_module", Source: "mod_php7.c", Missing: true, Commands: []*Command{
		{Name: "php_value"}, {Name: "php_flag"}, {Name: "php_admin_value"}, {Name: "php_admin_flag"},
		{Name: "PHPINIDir"},
	}},
	{Name: "php_module", Source: "mod_php.c", Missing: true, Commands: []*Command{
		{Name: "php_value"}, {Name: "php_flag"}, {Name: "php_admin_value"}, {Name: "php_admin_flag"},
		{Name: "PHPINIDir"},
	}},
	{Name: "proxy_ajp_module", Source: "mod_proxy_ajp.c", Missing: true},
	{Name: "proxy_balancer_module", Source: "mod_proxy_balancer.c", Missing: true},
	{Name: "proxy_connect_module", Source: "mod_proxy_connect.c", Missing: true, Commands: []*Command{
		{Name: "AllowCONNECT"},
	}},
	{Name: "proxy_express_module", Source: "mod_proxy_express.c", Missing: true, Commands: []*Command{
		{Name: "ProxyExpressEnable"}, {Name: "ProxyExpressDBMFile"}, {Name: "ProxyExpressDBMType"},
	}},
	{Name: "proxy_fcgi_module", Source: "mod_proxy_fcgi.c", Missing: true, Commands: []*Command{
		{Name: "ProxyFCGIBackendType"}, {Name: "ProxyFCGISetEnvIf"},
	}},
	{Name: "proxy_fdpass_module", Source: "mod_proxy_fdpass.c", Missing: true},
	{Name: "proxy_ftp_module", Source: "mod_proxy_ftp.c", Missing: true, Commands: []*Command{
		{Name: "ProxyFtpListOnWildcard"}, {Name: "ProxyFtpEscapeWildcards"}, {Name: "ProxyFtpDirCharset"},
	}},
	{Name: "proxy_hcheck_module", Source: "mod_proxy_hcheck.c", Missing: true, Commands: []*Command{
		{Name: "ProxyHCTemplate"}, {Name: "ProxyHCExpr"}, {Name: "ProxyHCTPsize"},
	}},
	{Name: "proxy_html_module", Source: "mod_proxy_html.c", Missing: true, Commands: []*Command{
		{Name: "ProxyHTMLEvents"}, {Name: "ProxyHTMLLinks"}, {Name: "ProxyHTMLURLMap"}, {Name: "ProxyHTMLDoctype"},
		{Name: "ProxyHTMLFixups"}, {Name: "ProxyHTMLMeta"}, {Name: "ProxyHTMLInterp"}, {Name: "ProxyHTMLExtended"},
		{Name: "ProxyHTMLStripComments"}, {Name: "ProxyHTMLBufSize"}, {Name: "ProxyHTMLCharsetOut"},
		{Name: "ProxyHTMLEnable"},
	}},
	{Name: "proxy_http2_module", Source: "mod_proxy_http2.c", Missing: true},
	{Name: "proxy_scgi_module", Source: "mod_proxy_scgi.c", Missing: true, Commands: []*Command{
		{Name: "ProxySCGISendfile"}, {Name: "ProxySCGIInternalRedirect"},
	}},
	{Name: "proxy_uwsgi_module", Source: "mod_proxy_uwsgi.c", Missing: true},
	{Name: "proxy_wstunnel_module", Source: "mod_proxy_wstunnel.c", Missing: true, Commands: []*Command{
		{Name: "ProxyWebsocketFallbackToProxyHttp"},
	}},
	{Name: "ratelimit_module", Source: "mod_ratelimit.c", Missing: true},
	{Name: "reflector_module", Source: "mod_reflector.c", Missing: true, Commands: []*Command{
		{Name: "ReflectorHeader"},
	}},
	{Name: "remoteip_module", Source: "mod_remoteip.c", Missing: true, Commands: []*Command{
		{Name: "RemoteIPHeader"}, {Name: "RemoteIPProxiesHeader"}, {Name: "RemoteIPTrustedProxy"},
		{Name: "RemoteIPInternalProxy"}, {Name: "RemoteIPTrustedProxyList"}, {Name: "RemoteIPInternalProxyList"},
		{Name: "RemoteIPProxyProtocol"}, {Name: "RemoteIPProxyProtocolExceptions"},
	}},
	{Name: "request_module", Source: "mod_request.c", Missing: true, Commands: []*Command{
		{Name: "KeptBodySize"},
	}},
	{Name: "rewrite_module", Source: "mod_rewrite.c", Missing: true, Commands: []*Command{
		{Name: "RewriteEngine"}, {Name: "RewriteOptions"}, {Name: "RewriteBase"}, {Name: "RewriteCond"},
		{Name: "RewriteRule"}, {Name: "RewriteMap"},
	}},
	{Name: "security2_module", Source: "mod_security2.c", Missing: true, Commands: []*Command{
		{Name: "SecAction"}, {Name: "SecArgumentSeparator"}, {Name: "SecArgumentsLimit"},
		{Name: "SecCookiev0Separator"}, {Name: "SecAuditEngine"}, {Name: "SecAuditLog"}, {Name: "SecAuditLog2"},
		{Name: "SecAuditLogParts"}, {Name: "SecAuditLogRelevantStatus"}, {Name: "SecAuditLogType"},
		{Name: "SecAuditLogStorageDir"}, {Name: "SecAuditLogDirMode"}, {Name: "SecAuditLogFileMode"},
		{Name: "SecAuditLogFormat"}, {Name: "SecCacheTransformations"}, {Name: "SecChrootDir"},
		{Name: "SecCollectionTimeout"}, {Name: "SecComponentSignature"}, {Name: "SecConnEngine"},
		{Name: "SecConnReadStateLimit"}, {Name: "SecConnWriteStateLimit"}, {Name: "SecContentInjection"},
		{Name: "SecCookieFormat"}, {Name: "SecDataDir"}, {Name: "SecDebugLog"}, {Name: "SecDebugLogLevel"},
		{Name: "SecDefaultAction"}, {Name: "SecDisableBackendCompression"}, {Name: "SecGeoLookupDB"},
		{Name: "SecGsbLookupDB"}, {Name: "SecGuardianLog"}, {Name: "SecHashEngine"}, {Name: "SecHashKey"},
		{Name: "SecHashMethodPm"}, {Name: "SecHashMethodRx"}, {Name: "SecHashParam"}, {Name: "SecHttpBlKey"},
		{Name: "SecInterceptOnError"}, {Name: "SecMarker"}, {Name: "SecPcreMatchLimit"},
		{Name: "SecPcreMatchLimitRecursion"}, {Name: "SecReadStateLimit"}, {Name: "SecRemoteRules"},
		{Name: "SecRemoteRulesFailAction"}, {Name: "SecRequestBodyAccess"}, {Name: "SecRequestBodyInMemoryLimit"},
		{Name: "SecRequestBodyJsonDepthLimit"}, {Name: "SecRequestBodyLimit"}, {Name: "SecRequestBodyLimitAction"},
		{Name: "SecRequestBodyNoFilesLimit"}, {Name: "SecRequestEncoding"}, {Name: "SecResponseBodyAccess"},
		{Name: "SecResponseBodyLimit"}, {Name: "SecResponseBodyLimitAction"}, {Name: "SecResponseBodyMimeType"},
		{Name: "SecResponseBodyMimeTypesClear"}, {Name: "SecRule"}, {Name: "SecRuleEngine"},
		{Name: "SecRuleInheritance"}, {Name: "SecRulePerfTime"}, {Name: "SecRuleRemoveById"},
		{Name: "SecRuleRemoveByMsg"}, {Name: "SecRuleRemoveByTag"}, {Name: "SecRuleScript"},
		{Name: "SecRuleUpdateActionById"}, {Name: "SecRuleUpdateTargetById"}, {Name: "SecRuleUpdateTargetByMsg"},
		{Name: "SecRuleUpdateTargetByTag"}, {Name: "SecSensorId"}, {Name: "SecServerSignature"},
		{Name: "SecStatusEngine"}, {Name: "SecStreamInBodyInspection"}, {Name: "SecStreamOutBodyInspection"},
		{Name: "SecTmpDir"}, {Name: "SecUnicodeCodePage"}, {Name: "SecUnicodeMapFile"}, {Name: "SecUploadDir"},
		{Name: "SecUploadFileLimit"}, {Name: "SecUploadFileMode"}, {Name: "SecUploadKeepFiles"},
		{Name: "SecWebAppId"}, {Name: "SecWriteStateLimit"}, {Name: "SecXmlExternalEntity"},
	}},
	{Name: "sed_module", Source: "mod_sed.c", Missing: true, Commands: []*Command{
		{Name: "OutputSed"}, {Name: "InputSed"},
	}},
	{Name: "session_cookie_module", Source: "mod_session_cookie.c", Missing: true, Commands: []*Command{
		{Name: "SessionCookieName"}, {Name: "SessionCookieName2"}, {Name: "SessionCookieRemove"},
	}},
	{Name: "session_crypto_module", Source: "mod_session_crypto.c", Missing: true, Commands: []*Command{
		{Name: "SessionCryptoPassphrase"}, {Name: "SessionCryptoPassphraseFile"}, {Name: "SessionCryptoCipher"},
		{Name: "SessionCryptoDriver"},
	}},
	{Name: "session_dbd_module", Source: "mod_session_dbd.c", Missing: true, Commands: []*Command{
		{Name: "SessionDBDSelectLabel"}, {Name: "SessionDBDInsertLabel"}, {Name: "SessionDBDUpdateLabel"},
		{Name: "SessionDBDDeleteLabel"}, {Name: "SessionDBDPerUser"}, {Name: "SessionDBDCookieRemove"},
		{Name: "SessionDBDCookieName"}, {Name: "SessionDBDCookieName2"},
	}},
	{Name: "session_module", Source: "mod_session.c", Missing: true, Commands: []*Command{
		{Name: "Session"}, {Name: "SessionMaxAge"}, {Name: "SessionHeader"}, {Name: "SessionEnv"},
		{Name: "SessionInclude"}, {Name: "SessionExclude"}, {Name: "SessionExpiryUpdateInterval"},
	}},
	{Name: "setenvif_module", Source: "mod_setenvif.c", Missing: true, Commands: []*Command{
		{Name: "SetEnvIf"}, {Name: "SetEnvIfNoCase"}, {Name: "SetEnvIfExpr"}, {Name: "BrowserMatch"},
		{Name: "BrowserMatchNoCase"},
	}},
	{Name: "slotmem_plain_module", Source: "mod_slotmem_plain.c", Missing: true},
	{Name: "slotmem_shm_module", Source: "mod_slotmem_shm.c", Missing: true},
	{Name: "socache_dbm_module", Source: "mod_socache_dbm.c", Missing: true},
	{Name: "socache_dc_module", Source: "mod_socache_dc.c", Missing: true},
	{Name: "socache_memcache_module", Source: "mod_socache_memcache.c", Missing: true, Commands: []*Command{
		{Name: "MemcacheConnTTL"},
	}},
	{Name: "socache_redis_module", Source: "mod_socache_redis.c", Missing: true, Commands: []*Command{
		{Name: "RedisConnPoolTTL"}, {Name: "RedisTimeout"},
	}},
	{Name: "socache_shmcb_module", Source: "mod_socache_shmcb.c", Missing: true},
	{Name: "speling_module", Source: "mod_speling.c", Missing: true, Commands: []*Command{
		{Name: "CheckSpelling"}, {Name: "CheckCaseOnly"}, {Name: "CheckBasenameMatch"},
	}},
	{Name: "substitute_module", Source: "mod_substitute.c", Missing: true, Commands: []*Command{
		{Name: "Substitute"}, {Name: "SubstituteMaxLineLength"}, {Name: "SubstituteInheritBefore"},
	}},
	{Name: "suexec_module", Source: "mod_suexec.c", Missing: true, Commands: []*Command{
		{Name: "SuexecUserGroup"},
	}},
	{Name: "systemd_module", Source: "mod_systemd.c", Missing: true},
	{Name: "unique_id_module", Source: "mod_unique_id.c", Missing: true},
	{Name: "userdir_module", Source: "mod_userdir.c", Missing: true, Commands: []*Command{
		{Name: "UserDir"},
	}},
	{Name: "usertrack_module", Source: "mod_usertrack.c", Missing: true, Commands: []*Command{
		{Name: "CookieExpires"}, {Name: "CookieDomain"}, {Name: "CookieStyle"}, {Name: "CookieTracking"},
		{Name: "CookieName"}, {Name: "CookieSameSite"}, {Name: "CookieSecure"}, {Name: "CookieHttpOnly"},
	}},
	{Name: "version_module", Source: "mod_version.c", Missing: true, Commands: []*Command{
		{Name: "<IfVersion"},
	}},
	{Name: "vhost_alias_module", Source: "mod_vhost_alias.c", Missing: true, Commands: []*Command{
		{Name: "VirtualScriptAlias"}, {Name: "VirtualDocumentRoot"}, {Name: "VirtualScriptAliasIP"},
		{Name: "VirtualDocumentRootIP"},
	}},
	{Name: "watchdog_module", Source: "mod_watchdog.c", Missing: true, Commands: []*Command{
		{Name: "WatchdogInterval"},
	}},
	{Name: "xml2enc_module", Source: "mod_xml2enc.c", Missing: true, Commands: []*Command{
		{Name: "xml2EncDefault"}, {Name: "xml2EncAlias"}, {Name: "xml2StartParse"},
	}},
}

// The table above is data the compiler lays out in the binary: no code
// runs for it at start, where every run of gohttpd (and -t) would pay for
// hundreds of allocations. Only the modules are listed at init; their
// directives are indexed on first use (missingCommands).
func init() {
	modules = append(modules, missingModules...)
}
