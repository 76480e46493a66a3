package accesslog

import (
	"net/http"
	"strconv"
	"strings"
)

// compile returns the function of a % item, by its directive letter and
// {argument}, as the functions mod_log_config, mod_logio and mod_ssl
// register.
func compile(directive, arg string) valueFunc {
	switch directive {
	case "h", "a", "A", "l", "u", "L":
		return connItem(directive, arg)
	case "t":
		return timeItem(arg)
	case "D", "T", "^FB":
		return durationItem(directive, arg)
	case "r", "f", "U", "m", "H", "q", "R", "s":
		return requestItem(directive)
	case "b", "B", "I", "O", "S":
		return bytesItem(directive)
	case "i", "o", "^ti", "^to", "C":
		return headerItem(directive, arg)
	case "n", "e", "x", "c":
		return varItem(directive, arg)
	case "v", "V", "p", "P", "X", "k":
		return serverItem(directive, arg)
	}
	return func(*Entry) (string, bool) { return "", false }
}

// text logs a value as it is, "-" when empty.
func text(s string) (string, bool) { return s, s != "" }

// escaped logs a value escaped, "-" when empty.
func escaped(s string) (string, bool) { return escape(s), s != "" }

// connItem: the client, the local address, the user and log ids.
func connItem(directive, arg string) valueFunc {
	conn := arg == "c"
	switch directive {
	case "h":
		return func(e *Entry) (string, bool) {
			switch {
			case conn && e.PeerAddr != "":
				return escaped(e.PeerAddr)
			case e.RemoteHost != "":
				return escaped(e.RemoteHost)
			}
			return escaped(e.RemoteAddr)
		}
	case "a":
		return func(e *Entry) (string, bool) {
			if conn && e.PeerAddr != "" {
				return text(e.PeerAddr)
			}
			return text(e.RemoteAddr)
		}
	case "A":
		return func(e *Entry) (string, bool) { return text(e.LocalAddr) }
	case "u":
		return logUser
	case "L":
		return func(e *Entry) (string, bool) {
			if conn {
				return text(e.ConnLogID)
			}
			return text(e.LogID)
		}
	}
	// %l: the identd name, which only mod_ident asks for.
	return func(*Entry) (string, bool) { return "", false }
}

// logUser logs the user name, `""` for an empty one: never a password.
func logUser(e *Entry) (string, bool) {
	switch {
	case !e.HasUser:
		return "", false
	case e.User == "":
		return `""`, true
	}
	return escape(e.User), true
}

// requestItem: the request line and its parts, the status.
func requestItem(directive string) valueFunc {
	switch directive {
	case "r":
		return func(e *Entry) (string, bool) { return escaped(hidePassword(e)) }
	case "f":
		return func(e *Entry) (string, bool) { return escaped(e.Filename) }
	case "U":
		return func(e *Entry) (string, bool) { return escaped(e.URI) }
	case "m":
		return func(e *Entry) (string, bool) { return escaped(e.Method) }
	case "H":
		return func(e *Entry) (string, bool) { return escaped(e.Protocol) }
	case "R":
		return func(e *Entry) (string, bool) { return escaped(e.Handler) }
	case "q":
		return func(e *Entry) (string, bool) {
			if !e.HasQuery {
				return "", true
			}
			return "?" + escape(e.Query), true
		}
	}
	return func(e *Entry) (string, bool) { return statusText(e.Status), true }
}

// statusTexts are the statuses a server answers, written out at start.
var statusTexts = func() (t [600]string) {
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

// statusText is status in decimal, without allocating for the usual ones.
func statusText(status int) string {
	if status >= 0 && status < len(statusTexts) {
		return statusTexts[status]
	}
	return strconv.Itoa(status)
}

// bytesItem: the body's bytes (%b logs "-" for none) and mod_logio's
// counts.
func bytesItem(directive string) valueFunc {
	return func(e *Entry) (string, bool) {
		switch directive {
		case "b":
			return strconv.FormatInt(e.BodyBytes, 10), e.BodyBytes != 0
		case "B":
			return strconv.FormatInt(e.BodyBytes, 10), true
		case "I":
			return strconv.FormatInt(e.BytesIn, 10), true
		case "O":
			return strconv.FormatInt(e.BytesOut, 10), true
		}
		return strconv.FormatInt(e.BytesIn+e.BytesOut, 10), true
	}
}

// headerItem: request and response headers and trailers, and cookies.
// The name is put in net/http's canonical form here, once.
func headerItem(directive, arg string) valueFunc {
	name := header(arg)
	switch directive {
	case "i":
		return func(e *Entry) (string, bool) { return get(e.RequestHeader, name) }
	case "^ti":
		return func(e *Entry) (string, bool) { return get(e.RequestTrailer, name) }
	case "^to":
		return func(e *Entry) (string, bool) { return get(e.ResponseTrailer, name) }
	case "C":
		return func(e *Entry) (string, bool) { return cookie(e.RequestHeader, arg) }
	}
	switch {
	case strings.EqualFold(arg, "Content-Type"):
		// Apache logs its content type, without parameters, when set.
		return func(e *Entry) (string, bool) {
			if e.ContentType == "" {
				return get(e.ResponseHeader, name)
			}
			ct, _, _ := strings.Cut(e.ContentType, ";")
			return escape(strings.TrimRight(ct, " \t")), true
		}
	case strings.EqualFold(arg, "Set-Cookie"):
		return func(e *Entry) (string, bool) {
			vs := values(e.ResponseHeader, name)
			return escape(strings.Join(vs, ", ")), vs != nil
		}
	}
	return func(e *Entry) (string, bool) { return get(e.ResponseHeader, name) }
}

// headerName is a header's name as a format writes it and in net/http's
// canonical form, the key an http.Header usually holds it under.
type headerName struct{ name, canonical string }

func header(name string) headerName {
	return headerName{name, http.CanonicalHeaderKey(name)}
}

// get logs the first value of a header, escaped; a header sent empty
// logs nothing (not "-"), as Apache.
func get(h http.Header, name headerName) (string, bool) {
	vs := values(h, name)
	if vs == nil {
		return "", false
	}
	return escape(vs[0]), true
}

// values finds a header's values whatever the case of its name.
func values(h http.Header, name headerName) []string {
	if vs, ok := h[name.canonical]; ok {
		return vs
	}
	for k, vs := range h {
		if strings.EqualFold(k, name.name) {
			return vs
		}
	}
	return nil
}

// cookieHeader is the Cookie header's name.
var cookieHeader = header("Cookie")

// cookie finds a cookie's value in the first Cookie header as Apache's
// log_cookie: names compare without case, blanks around names and values
// are dropped, a cookie without a value does not count.
func cookie(h http.Header, name string) (string, bool) {
	vs := values(h, cookieHeader)
	if vs == nil {
		return "", false
	}
	for c := range strings.SplitSeq(vs[0], ";") {
		k, v, ok := strings.Cut(c, "=")
		if !ok || k == "" || v == "" {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(strings.TrimLeft(k, " \t")), name) {
			return escape(strings.TrimSpace(strings.TrimLeft(v, " \t"))), true
		}
	}
	return "", false
}

// varItem: notes, environment and SSL variables.
func varItem(directive, arg string) valueFunc {
	switch directive {
	case "n":
		return func(e *Entry) (string, bool) { v, ok := e.Notes[arg]; return escape(v), ok }
	case "e":
		return func(e *Entry) (string, bool) { v, ok := e.Env[arg]; return escape(v), ok }
	case "x":
		return func(e *Entry) (string, bool) { return text(e.SSL[arg]) }
	}
	// %{…}c names a few SSL variables; errcode is always "-".
	name := map[string]string{"version": "SSL_PROTOCOL", "cipher": "SSL_CIPHER",
		"subjectdn": "SSL_CLIENT_S_DN", "clientcert": "SSL_CLIENT_S_DN",
		"issuerdn": "SSL_CLIENT_I_DN", "cacert": "SSL_CLIENT_I_DN"}[arg]
	return func(e *Entry) (string, bool) {
		if e.SSL == nil || name == "" {
			return "", false
		}
		return text(e.SSL[name])
	}
}

// serverItem: the virtual host, ports, process and connection state.
func serverItem(directive, arg string) valueFunc {
	switch directive {
	case "v":
		return func(e *Entry) (string, bool) { return escaped(e.ServerName) }
	case "V":
		return func(e *Entry) (string, bool) { return escaped(e.Hostname) }
	case "p":
		return portItem(arg)
	case "P":
		return pidItem(arg)
	case "X":
		return func(e *Entry) (string, bool) {
			switch {
			case e.Aborted:
				return "X", true
			case e.KeepAlive:
				return "+", true
			}
			return "-", true
		}
	}
	return func(e *Entry) (string, bool) { return strconv.Itoa(max(e.KeepAlives-1, 0)), true }
}

// portItem: %p is the canonical port; {remote} and {local} the
// connection's; any other argument is logged as written.
func portItem(arg string) valueFunc {
	switch strings.ToLower(arg) {
	case "", "canonical":
		return func(e *Entry) (string, bool) { return strconv.Itoa(e.Port), true }
	case "remote":
		return func(e *Entry) (string, bool) { return strconv.Itoa(e.RemotePort), true }
	case "local":
		return func(e *Entry) (string, bool) { return strconv.Itoa(e.LocalPort), true }
	}
	return func(*Entry) (string, bool) { return arg, true }
}

// pidItem: %P is the process id, {tid} and {hextid} the thread's.
func pidItem(arg string) valueFunc {
	switch strings.ToLower(arg) {
	case "", "pid":
		return func(e *Entry) (string, bool) { return strconv.Itoa(e.PID), true }
	case "tid":
		return func(e *Entry) (string, bool) { return strconv.Itoa(e.TID), true }
	case "hextid":
		return func(e *Entry) (string, bool) { return strconv.FormatInt(int64(e.TID), 16), true }
	}
	return func(*Entry) (string, bool) { return arg, true }
}
