package auth

import (
	"fmt"
	"strings"
)

// authenticate is Apache's check_user_id phase: mod_auth_basic, then
// mod_authn_core's fallback. It returns the user, or a refusal.
func (c *Checker) authenticate(req *Request) (string, Decision) {
	switch c.typ {
	case authNone:
		return "", Decision{Status: 500, Reason: "AH00027: No authentication done but request not allowed without authentication. Authentication not configured?"}
	case authOther:
		return "", noModule(c.typeName)
	}
	if !c.hasRealm {
		return "", Decision{Status: 500, Reason: "AH01615: need AuthName"}
	}
	line := strings.Join(req.Authorization, ", ") // no copy for one header
	if _, ok := basicScheme(line); !ok {
		if len(req.Authorization) == 0 {
			return "", c.challenge("", "") // asking is no error: Apache logs nothing
		}
		return "", c.challenge("", "AH01614: client used wrong authentication scheme: "+req.URI)
	}
	k := c.verifier.key(c.userFile, line)
	if user, ok := c.cachedUser(k); ok {
		return user, Decision{HasUser: true}
	}
	user, pw, _ := parseBasic(line)
	d := c.verifyUser(req, k, user, pw)
	d.HasUser = true // r->user is set from here on, even to ""
	return user, d
}

// cachedUser returns the user the credential cache holds under k, if the
// user's line still holds the hash the password was verified against. It
// allocates nothing: it is what a signed-in client's every request costs.
func (c *Checker) cachedUser(k cacheKey) (string, bool) {
	user, hash, ok := c.verifier.cached(k)
	if !ok {
		return "", false
	}
	for _, u := range c.users {
		now, found, err := u.Lookup(user)
		if err != nil || found && now != hash {
			return "", false
		}
		if found {
			c.verifier.stats.hits.Add(1)
			return user, true
		}
	}
	return "", false
}

// verifyUser checks the password of a user the client named, in the
// credentials named k.
func (c *Checker) verifyUser(req *Request, k cacheKey, user, pw string) Decision {
	res, err := c.checkPassword(k, user, pw)
	switch {
	case res == authGranted:
		return Decision{}
	case !c.authoritative && res != authDenied:
		// mod_auth_basic declines and no other module authenticates.
		return noModule(c.typeName)
	case res == authDenied:
		return c.challenge(user, fmt.Sprintf("AH01617: user %s: authentication failure for \"%s\": Password Mismatch", user, req.URI))
	case res == authUserNotFound:
		return c.challenge(user, fmt.Sprintf("AH01618: user %s not found: %s", user, req.URI))
	}
	return Decision{Status: 500, User: user, Reason: fmt.Sprintf("authentication of user %s: %v", user, err)}
}

func noModule(typ string) Decision {
	return Decision{Status: 500, Reason: fmt.Sprintf("AH01796: AuthType %s configured without corresponding module", typ)}
}

// authnResult is a provider's answer (Apache's authn_status).
type authnResult int

const (
	authDenied authnResult = iota
	authGranted
	authUserNotFound
	authGeneralError
)

// checkPassword asks the providers in order until one knows the user, as
// mod_auth_basic does. A user no provider knows costs a check against a
// decoy hash, as a wrong password would.
func (c *Checker) checkPassword(k cacheKey, user, pw string) (authnResult, error) {
	decoy := ""
	for _, u := range c.users {
		hash, found, lerr := u.Lookup(user)
		switch {
		case lerr != nil:
			return authGeneralError, lerr
		case !found:
			if decoy == "" {
				decoy = hash
			}
			continue
		case c.verifier.check(k, user, pw, hash):
			return authGranted, nil
		default:
			return authDenied, nil
		}
	}
	c.verifier.decoy(decoy, pw)
	return authUserNotFound, nil
}

// parseBasic reads Basic credentials as Apache's get_basic_auth: the
// scheme is the text up to the first space, "Basic" in any case; blanks
// after it are skipped; the rest is decoded as apr_base64_decode does
// (up to the first character outside the standard alphabet, so padding,
// trailing junk and a second merged header are ignored, and base64url's
// "-" or "_" cut the credentials short); the user ends at the first
// colon, the password is the rest (empty without a colon), and both end
// at a NUL byte, as C strings. No header is as an empty one: not Basic.
func parseBasic(line string) (user, pw string, ok bool) {
	rest, ok := basicScheme(line)
	if !ok {
		return "", "", false
	}
	decoded := decodeBase64(rest)
	if i := strings.IndexByte(decoded, 0); i >= 0 {
		decoded = decoded[:i]
	}
	user, pw, _ = strings.Cut(decoded, ":")
	return user, pw, true
}

// basicScheme reports whether line holds Basic credentials, as
// parseBasic reads it, and returns them still encoded.
func basicScheme(line string) (encoded string, ok bool) {
	scheme, rest, _ := strings.Cut(line, " ")
	if !asciiEqualFold(scheme, "Basic") {
		return "", false
	}
	return strings.TrimLeft(rest, " \t"), true
}

// decodeBase64 is apr_base64_decode: it decodes the longest prefix of s
// in the standard alphabet, ignoring a last lone character.
func decodeBase64(s string) string {
	var six []byte
	for i := 0; i < len(s); i++ {
		v := base64Value(s[i])
		if v < 0 {
			break
		}
		six = append(six, byte(v))
	}
	out := make([]byte, 0, len(six)*3/4+2)
	for len(six) >= 2 {
		out = append(out, six[0]<<2|six[1]>>4)
		if len(six) >= 3 {
			out = append(out, six[1]<<4|six[2]>>2)
		}
		if len(six) >= 4 {
			out = append(out, six[2]<<6|six[3])
		}
		six = six[min(4, len(six)):]
	}
	return string(out)
}

func base64Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// escapeQuotes is Apache's ap_escape_quotes: a backslash goes before every
// double quote not already escaped; an escaped character is copied as is.
func escapeQuotes(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			b.WriteString(`\"`)
		case s[i] == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
