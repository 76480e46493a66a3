package auth

import (
	"encoding/base64"
	"testing"
)

func basic(userpass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(userpass))
}

var (
	reader = basic("testuser:testpassword")
	pusher = basic("testuserpush:testpasswordpush")
)

// recipe is the registry recipe's <Location /v2>.
const recipe = `
<Location /v2>
  AuthName "Registry Realm"
  AuthType basic
  AuthUserFile ${ROOT}/htpasswd
  AuthGroupFile ${ROOT}/groups
  <Limit GET HEAD>
    Require valid-user
  </Limit>
  <Limit POST PUT DELETE PATCH>
    Require group pusher
  </Limit>
</Location>
`

func TestApacheRecipe(t *testing.T) {
	t.Parallel()
	w := newWorld(t, recipe)
	w.start(t)
	var probes []probe
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FROB", "get"} {
		for _, auth := range [][]string{nil, {reader}, {pusher},
			{basic("testuser:wrong")}, {basic("nobody:testpassword")}} {
			probes = append(probes, probe{method: m, path: "/v2/", auth: auth})
		}
	}
	probes = append(probes, probe{method: "GET", path: "/v2"}, probe{method: "GET", path: "/v2/x/blobs"},
		probe{method: "GET", path: "/v2foo"}, probe{method: "GET", path: "/"})
	compare(t, w, probes)
}

func TestApacheAuthorizationHeader(t *testing.T) {
	t.Parallel()
	w := newWorld(t, recipe)
	w.start(t)
	enc := base64.StdEncoding.EncodeToString([]byte("testuser:testpassword"))
	raw := base64.RawStdEncoding.EncodeToString([]byte("testuser:testpassword"))
	headers := [][]string{
		{"basic " + enc}, {"BASIC " + enc}, {"bAsIc " + enc},
		{"Basic    " + enc}, {"Basic \t " + enc}, {"Basic\t" + enc},
		{"Basic " + raw}, {"Basic " + raw + "!!junk"}, {"Basic " + enc + " trailing"},
		{"Basic " + enc + ",more"},
		{basic("url:a?>b")}, {"Basic " + base64.URLEncoding.EncodeToString([]byte("url:a?>b"))},
		{basic("testuser")}, {basic("nocolon")}, {basic(":empty")}, {basic(":")}, {basic("")},
		{"Basic !!!!"}, {"Basic"}, {"Basic "}, {""},
		{"Bearer abc"}, {"Digest username=\"testuser\""},
		{basic("testuser:testpassword\x00junk")}, {basic("testuser\x00:testpassword")},
		{reader, basic("testuser:wrong")}, {basic("testuser:wrong"), reader},
		{"Bearer x", reader}, {reader, "Bearer x"}, {"", reader},
		{basic("testuser:testpassword:extra")},
	}
	var probes []probe
	for _, h := range headers {
		probes = append(probes, probe{method: "GET", path: "/v2/", auth: h})
	}
	compare(t, w, probes)
}

const sections = `
<Location /auth>
  AuthName "Sections"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  AuthGroupFile ${ROOT}/groups
</Location>
<Location /auth/all>
  <RequireAll>
    Require valid-user
    Require ip 127.0.0.1
  </RequireAll>
</Location>
<Location /auth/any>
  <RequireAny>
    Require ip 10.0.0.0/8
    Require user testuser
  </RequireAny>
</Location>
<Location /auth/none>
  <RequireAll>
    Require valid-user
    <RequireNone>
      Require user testuserpush
      Require ip 127.0.0.3
    </RequireNone>
  </RequireAll>
</Location>
<Location /auth/not>
  <RequireAll>
    Require group readers pusher
    Require not group pusher
  </RequireAll>
</Location>
<Location /auth/nested>
  <RequireAny>
    Require ip 127.0.0.2
    <RequireAll>
      Require method GET
      Require user testuserpush
    </RequireAll>
  </RequireAny>
</Location>
<Location /auth/groupcase>
  Require group PUSHER
</Location>
<Location /auth/forbid>
  AuthzSendForbiddenOnFailure On
  Require user testuserpush
</Location>
<Location /auth/merge>
  Require valid-user
</Location>
<Location /auth/merge/and>
  AuthMerging And
  Require ip 127.0.0.2
</Location>
<Location /auth/merge/or>
  AuthMerging Or
  Require ip 127.0.0.2
</Location>
<Location /auth/merge/off>
  Require ip 127.0.0.2
</Location>
<Location /ip>
  Require ip 127.0.0.1
</Location>
<Location /net10>
  Require ip 10.0.0.0/8
</Location>
<Location /local>
  Require local
</Location>
<Location /denied>
  Require all denied
</Location>
<Location /granted>
  Require all granted
</Location>
`

func TestApacheRequireSections(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sections)
	w.start(t)
	var probes []probe
	for _, path := range []string{"/auth/all", "/auth/any", "/auth/none", "/auth/not", "/auth/nested",
		"/auth/groupcase", "/auth/forbid", "/auth/merge", "/auth/merge/and", "/auth/merge/or",
		"/auth/merge/off", "/ip", "/net10", "/local", "/denied", "/granted", "/auth"} {
		for _, from := range []string{"127.0.0.1", "127.0.0.2"} {
			for _, m := range []string{"GET", "POST"} {
				for _, auth := range [][]string{nil, {reader}, {pusher}, {basic("url:a?>b")}, {basic("testuser:x")}} {
					probes = append(probes, probe{method: m, path: path, from: from, auth: auth})
				}
			}
		}
	}
	compare(t, w, probes)
}

const access = `
<Location /satisfy>
  AuthName "Satisfy"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
  Order deny,allow
  Deny from all
  Allow from 127.0.0.1
  Satisfy Any
</Location>
<Location /satisfyall>
  AuthName "Satisfy"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
  Order deny,allow
  Deny from all
  Allow from 127.0.0.1
</Location>
<Location /order>
  Order allow,deny
  Allow from all
  Deny from 127.0.0.2
</Location>
<Location /orderauth>
  AuthName "Order"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
  Order allow,deny
  Allow from 127.0.0.0/8
  Deny from 127.0.0.2
</Location>
<Location /limitorder>
  <Limit POST>
    Order deny,allow
    Deny from all
  </Limit>
</Location>
<Location /nofile>
  AuthName "Missing"
  AuthType Basic
  AuthUserFile ${ROOT}/missing
  Require valid-user
</Location>
<Location /nogroupfile>
  AuthName "Groups"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  AuthGroupFile ${ROOT}/missing
  Require group pusher
</Location>
<Location /noname>
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
<Location /typenone>
  AuthType None
  Require valid-user
</Location>
<Location /typeonly>
  AuthType Basic
  AuthName "Only"
</Location>
<Location /digest>
  AuthType Digest
  AuthName "Digest"
  Require valid-user
</Location>
<Location /noauthtype>
  Require valid-user
</Location>
<Location /quote>
  AuthName 'say "hi" \"there\" end\'
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
<Location /quote2>
  AuthName x\"y\\z"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
<Location /notauthoritative>
  AuthName "NotAuthoritative"
  AuthType Basic
  AuthBasicAuthoritative Off
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
`

func TestApacheAccessAndErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t, access)
	w.start(t)
	var probes []probe
	for _, path := range []string{"/satisfy", "/satisfyall", "/order", "/orderauth", "/limitorder",
		"/nofile", "/nogroupfile", "/noname", "/typenone", "/typeonly", "/digest", "/noauthtype",
		"/quote", "/quote2", "/notauthoritative"} {
		for _, from := range []string{"127.0.0.1", "127.0.0.2"} {
			for _, m := range []string{"GET", "POST"} {
				for _, auth := range [][]string{nil, {reader}, {basic("testuser:x")}, {basic("nobody:x")}, {"Bearer x"}} {
					probes = append(probes, probe{method: m, path: path, from: from, auth: auth})
				}
			}
		}
	}
	compare(t, w, probes)
}
