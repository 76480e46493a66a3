package auth

import (
	"errors"
	"fmt"

	"github.com/gohttpd/gohttpd/directives"
)

// authType is how AuthType is set: not at all (or "None"), "Basic", or a
// type no module of gohttpd handles.
type authType int

const (
	authNone authType = iota
	authBasic
	authOther
)

// Checker decides requests for one merged per-directory config. It is
// safe for concurrent use.
type Checker struct {
	dir      *directives.DirConfig
	typ      authType
	typeName string // AuthType as written, for messages
	// realm is AuthName with its quotes escaped; hasRealm is false when
	// AuthName is unset.
	realm    string
	hasRealm bool
	// challengeHeader is the WWW-Authenticate value of a 401.
	challengeHeader string
	// users are the AuthBasicProvider providers in order; userFile is
	// AuthUserFile as the config names it, which scopes cache entries.
	users         []Users
	userFile      string
	authoritative bool
	groups        Groups // nil without AuthGroupFile
	verifier      *verifier
}

// New builds the Checker of dir, precomputing what does not depend on the
// request. env is shared by every Checker of the process: it maps the
// paths the config names to this machine and holds the password and group
// files and the credential cache. It refuses what gohttpd cannot decide
// as Apache would: AuthType, AuthName or Require lists with variables,
// AuthBasicUseDigestAlgorithm MD5, Require forward-dns and file-group.
func New(dir *directives.DirConfig, env *Env) (*Checker, error) {
	c := &Checker{dir: dir, authoritative: true, userFile: dir.Auth.UserFile, verifier: env.verifier}
	a := &dir.Auth
	if a.Type != nil {
		s, ok := a.Type.Static()
		if !ok {
			return nil, fmt.Errorf("AuthType %s: expressions are not implemented by gohttpd", a.Type.Text)
		}
		c.typeName = s
		switch {
		case asciiEqualFold(s, "None"):
		case asciiEqualFold(s, "Basic"):
			c.typ = authBasic
		default:
			c.typ = authOther
		}
	}
	if a.Name != nil {
		s, ok := a.Name.Static()
		if !ok {
			return nil, fmt.Errorf("AuthName %s: expressions are not implemented by gohttpd", a.Name.Text)
		}
		c.realm, c.hasRealm = escapeQuotes(s), true
	}
	c.challengeHeader = `Basic realm="` + c.realm + `"`
	if asciiEqualFold(a.BasicUseDigestAlgorithm, "MD5") {
		return nil, errors.New("AuthBasicUseDigestAlgorithm MD5 is not implemented by gohttpd")
	}
	if a.BasicAuthoritative != nil {
		c.authoritative = *a.BasicAuthoritative
	}
	providers := a.BasicProviders
	if providers == nil {
		providers = []string{"file"}
	}
	for _, p := range providers {
		if p != "file" {
			return nil, fmt.Errorf("AuthBasicProvider %s is not implemented by gohttpd", p)
		}
		c.users = append(c.users, env.userFile(a.UserFile))
	}
	if a.GroupFile != "" {
		c.groups = env.groupFile(a.GroupFile)
	}
	if dir.Authz.Requires != nil {
		if err := supported(dir.Authz.Requires); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Check decides req in Apache's order (ap_process_request_internal):
// host access, authorization without a user, authentication, then
// authorization with the user.
func (c *Checker) Check(req *Request) Decision {
	m := req.Method
	acc := &c.dir.Access
	allowed := acc.Allowed(m, func(r *directives.AccessRule) bool { return accessMatches(r, req) })
	if acc.Satisfy(m) == directives.SatisfyAny {
		if allowed {
			return Decision{}
		}
	} else if !allowed {
		return Decision{Status: 403, Reason: "AH01797: client denied by server configuration: " + req.Filename + req.PathInfo}
	}
	if d, authn := c.authorizeUserless(req); !authn {
		return d
	}
	user, d := c.authenticate(req)
	if d.Status != 0 {
		return d
	}
	d = c.authorize(req, user)
	d.HasUser = true
	return d
}

// authorizeUserless is mod_authz_core's check before authentication; it
// reports whether a user is needed to decide.
func (c *Checker) authorizeUserless(req *Request) (Decision, bool) {
	if c.dir.Authz.Requires == nil {
		if c.typ != authNone {
			return Decision{Status: 500, Reason: "AH01627: AuthType configured with no corresponding authorization directives"}, false
		}
		return Decision{}, false
	}
	switch c.apply(req, nil) {
	case directives.AuthzGranted:
		return Decision{}, false
	case directives.AuthzDeniedNoUser:
		return Decision{}, true
	case directives.AuthzGeneralError:
		return Decision{Status: 500, Reason: "authorization: general error"}, false
	}
	return Decision{Status: 403, Reason: "AH01630: client denied by server configuration: " + req.Filename}, false
}

// authorize is mod_authz_core's check once user is authenticated.
func (c *Checker) authorize(req *Request, user string) Decision {
	switch c.apply(req, &user) {
	case directives.AuthzGranted:
		return Decision{User: user}
	case directives.AuthzDeniedNoUser:
		return c.challenge(user, "AH01629: authorization failure (no authenticated user)")
	case directives.AuthzGeneralError:
		return Decision{Status: 500, User: user, Reason: "authorization: general error"}
	}
	reason := fmt.Sprintf("AH01631: user %s: authorization failure for \"%s\": ", user, req.URI)
	if f := c.dir.Authz.SendForbiddenOnFailure; f != nil && *f {
		return Decision{Status: 403, User: user, Reason: reason}
	}
	return c.challenge(user, reason)
}

// challenge is a 401 asking for Basic credentials in the realm.
func (c *Checker) challenge(user, reason string) Decision {
	return Decision{Status: 401, User: user, Reason: reason,
		Authenticate: c.challengeHeader}
}
