package directives

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ReqTimeoutStage is one stage of RequestReadTimeout (handshake, header,
// body): a first timeout, extended by a second per MinRate bytes
// received, up to MaxTimeout (0: no cap). Set reports whether the
// configuration named the stage; unset stages take mod_reqtimeout's
// defaults when the module is loaded.
type ReqTimeoutStage struct {
	Set        bool
	Timeout    int // seconds; 0 disables the stage
	MaxTimeout int // seconds; 0: no cap
	MinRate    int // bytes per second; 0: no extension
}

// ReqTimeoutConfig is mod_reqtimeout's per-server config.
type ReqTimeoutConfig struct {
	Handshake, Header, Body ReqTimeoutStage
}

// mod_reqtimeout's defaults (MRT_DEFAULT_*): header=20-40,MinRate=500
// body=20,MinRate=500; the handshake stage is off.
var (
	DefaultReqTimeoutHeader = ReqTimeoutStage{Set: true, Timeout: 20, MaxTimeout: 40, MinRate: 500}
	DefaultReqTimeoutBody   = ReqTimeoutStage{Set: true, Timeout: 20, MinRate: 500}
)

// Effective is the config with mod_reqtimeout's defaults in the stages
// left unset.
func (c ReqTimeoutConfig) Effective() ReqTimeoutConfig {
	if !c.Header.Set {
		c.Header = DefaultReqTimeoutHeader
	}
	if !c.Body.Set {
		c.Body = DefaultReqTimeoutBody
	}
	return c
}

// mergeServer takes each stage a virtual host left unset from the main
// server.
func (c *ReqTimeoutConfig) mergeServer(main *ReqTimeoutConfig) {
	for _, p := range []struct{ s, m *ReqTimeoutStage }{
		{&c.Handshake, &main.Handshake}, {&c.Header, &main.Header}, {&c.Body, &main.Body},
	} {
		if !p.s.Set {
			*p.s = *p.m
		}
	}
}

func init() {
	register(&Module{Name: "reqtimeout_module", Source: "mod_reqtimeout.c", Commands: []*Command{
		{Name: "RequestReadTimeout", How: RawArgs, Where: RsrcConf, Run: setRequestReadTimeout,
			Usage: "Set various timeout parameters for TLS handshake and/or reading request headers and body"},
	}})
}

// setRequestReadTimeout reads "stage=timeout[-max][,MinRate=rate]" words
// as mod_reqtimeout's set_reqtimeouts, with its messages.
func setRequestReadTimeout(c *Cmd, args []string) error {
	conf := &c.Server.ReqTimeout
	for _, word := range confWords(args[0]) {
		key, val, ok := strings.Cut(word, "=")
		if !ok {
			return errors.New("Invalid RequestReadTimeout parameter. Parameter must be in the form 'key=value'")
		}
		if err := setReqTimeoutStage(conf, key, val); err != nil {
			return fmt.Errorf("RequestReadTimeout: %s=%s: %s", key, val, err)
		}
	}
	return nil
}

func setReqTimeoutStage(conf *ReqTimeoutConfig, key, val string) error {
	var st *ReqTimeoutStage
	switch strings.ToLower(key) {
	case "handshake":
		st = &conf.Handshake
	case "header":
		st = &conf.Header
	case "body":
		st = &conf.Body
	default:
		return errors.New("Unknown RequestReadTimeout parameter")
	}
	*st = ReqTimeoutStage{Set: true}
	initial := val
	if i := strings.Index(strings.ToLower(val), ",minrate="); i >= 0 {
		initial = val[:i]
		var err error
		if st.MinRate, err = parseNonNegative(val[i+len(",minrate="):]); err != nil {
			return err
		}
		if st.MinRate == 0 {
			return errors.New("Minimum data rate must be larger than 0")
		}
		if lo, hi, ok := strings.Cut(initial, "-"); ok {
			initial = lo
			if st.MaxTimeout, err = parseNonNegative(hi); err != nil {
				return err
			}
		}
	} else if strings.Contains(val, "-") {
		return errors.New("Must set MinRate option if using timeout range")
	}
	var err error
	if st.Timeout, err = parseNonNegative(initial); err != nil {
		return err
	}
	if st.MaxTimeout != 0 && st.Timeout >= st.MaxTimeout {
		return errors.New("Maximum timeout must be larger than initial timeout")
	}
	return nil
}

// parseNonNegative reads a number as mod_reqtimeout's parse_int (strtol:
// leading blanks and one sign allowed, nothing after the digits).
func parseNonNegative(s string) (int, error) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\v\f\r", s[i]) >= 0 {
		i++
	}
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	k := j
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == j {
		return 0, fmt.Errorf("Value '%s' not numerical", s)
	}
	if k < len(s) {
		return 0, fmt.Errorf("Cannot parse '%s'", s[k:])
	}
	n, err := strconv.Atoi(s[i:k])
	if err != nil {
		return 0, fmt.Errorf("Value '%s' not numerical", s)
	}
	if n < 0 {
		return 0, errors.New("Value must be non-negative")
	}
	return n, nil
}
