package directives

import (
	"crypto/tls"
	"errors"
	"slices"
	"strings"
	"sync"
)

// The errors EvalCipherString returns, named as OpenSSL reports them when
// Apache's SSL_CTX_set_cipher_list fails (AH01898).
var (
	// ErrCipherInvalidCommand is a cipher string with a character outside
	// OpenSSL's alphabet, or an unknown "@" command.
	ErrCipherInvalidCommand = errors.New("invalid command")
	// ErrNoCipherMatch is a cipher string that selects no TLS 1.2 (or
	// older) cipher suite OpenSSL has.
	ErrNoCipherMatch = errors.New("no cipher match")
)

// EvalCipherString evaluates an OpenSSL cipher string (SSLCipherSuite's
// argument, and what Apache appends to it) as OpenSSL 3's
// SSL_CTX_set_cipher_list does, and returns the TLS 1.0–1.2 cipher suites Go's
// crypto/tls implements, in OpenSSL's order of preference. The evaluation
// runs over OpenSSL's own suites, so an error comes exactly where OpenSSL
// (and so Apache, at start) fails; a nil error with no suites means OpenSSL
// would only offer suites Go lacks (DHE, CCM, ARIA, CAMELLIA, PSK, SRP).
func EvalCipherString(spec string) ([]uint16, error) {
	list, _, err := evalCipherList(spec)
	if err != nil {
		return nil, err
	}
	var ids []uint16
	for _, c := range list {
		if goCipherSuites[c.id] {
			ids = append(ids, c.id)
		}
	}
	return ids, nil
}

// opensslCipher is one of OpenSSL's TLS 1.2-and-older cipher suites with
// the attributes its cipher-string language selects on.
type opensslCipher struct {
	id       uint16
	name     string // OpenSSL's spelling, e.g. ECDHE-RSA-AES128-GCM-SHA256
	kx, au   uint32
	enc, mac uint32
	minTLS   uint16 // the protocol version the suite first appeared in
	bits     int    // strength bits, what @STRENGTH sorts by
	strength uint32
}

// The attribute bits of opensslCipher and of cipherAlias; OpenSSL's own
// values do not matter, only which bits aliases share.
const (
	kRSA uint32 = 1 << iota
	kDHE
	kECDHE
	kPSK
	kRSAPSK
	kECDHEPSK
	kDHEPSK
	kSRP
	kAnyPSK = kPSK | kRSAPSK | kECDHEPSK | kDHEPSK
)

const (
	aRSA uint32 = 1 << iota
	aDSS
	aNULL
	aECDSA
	aPSK
	aSRP
)

const (
	encAES128 uint32 = 1 << iota
	encAES256
	encAES128GCM
	encAES256GCM
	encAES128CCM
	encAES256CCM
	encAES128CCM8
	encAES256CCM8
	encCAMELLIA128
	encCAMELLIA256
	encCHACHA20
	encARIA128GCM
	encARIA256GCM
	encNULL
	encAESGCM = encAES128GCM | encAES256GCM
	encAES    = encAES128 | encAES256 | encAESGCM | encAES128CCM | encAES256CCM | encAES128CCM8 | encAES256CCM8
)

const (
	macMD5 uint32 = 1 << iota
	macSHA1
	macSHA256
	macSHA384
	macAEAD
)

// Protocol versions, as a suite's minTLS.
const (
	ssl3  = 0x0300
	tls1  = 0x0301
	tls12 = 0x0303
)

// Strength classes: the low bits are OpenSSL's SSL_STRONG_MASK, matched
// as one group; strNotDefault is its SSL_DEFAULT_MASK, matched apart.
const (
	strNone uint32 = 1 << iota
	strLow
	strMedium
	strHigh
	strFIPS
	strNotDefault
	strStrongMask = strNone | strLow | strMedium | strHigh | strFIPS
)

// cipherAlias is a name of OpenSSL's cipher-string language for a group
// of suites: each non-zero mask must share a bit with a suite's attribute.
type cipherAlias struct {
	name             string
	kx, au, enc, mac uint32
	minTLS           uint16
	strength         uint32
}

// cipherAliases are OpenSSL 3's aliases (ssl_ciph.c) that can select a
// suite of opensslCiphers. Aliases of algorithms OpenSSL 3 leaves out
// (3DES, RC4, SEED, IDEA, GOST, DES, EXP) are absent: OpenSSL does not know
// them either, so they are ignored as any unknown name.
var cipherAliases = []cipherAlias{
	{name: "ALL", enc: ^encNULL},
	{name: "COMPLEMENTOFALL", enc: encNULL},
	{name: "COMPLEMENTOFDEFAULT", strength: strNotDefault},
	{name: "kRSA", kx: kRSA},
	{name: "kEDH", kx: kDHE}, {name: "kDHE", kx: kDHE}, {name: "DH", kx: kDHE},
	{name: "kEECDH", kx: kECDHE}, {name: "kECDHE", kx: kECDHE}, {name: "ECDH", kx: kECDHE},
	{name: "kPSK", kx: kPSK}, {name: "kRSAPSK", kx: kRSAPSK},
	{name: "kECDHEPSK", kx: kECDHEPSK}, {name: "kDHEPSK", kx: kDHEPSK},
	{name: "kSRP", kx: kSRP},
	{name: "aRSA", au: aRSA}, {name: "aDSS", au: aDSS}, {name: "DSS", au: aDSS},
	{name: "aNULL", au: aNULL}, {name: "aECDSA", au: aECDSA}, {name: "ECDSA", au: aECDSA},
	{name: "aPSK", au: aPSK}, {name: "aSRP", au: aSRP},
	{name: "EDH", kx: kDHE, au: ^aNULL}, {name: "DHE", kx: kDHE, au: ^aNULL},
	{name: "EECDH", kx: kECDHE, au: ^aNULL}, {name: "ECDHE", kx: kECDHE, au: ^aNULL},
	{name: "NULL", enc: encNULL}, {name: "eNULL", enc: encNULL},
	{name: "RSA", kx: kRSA, au: aRSA},
	{name: "ADH", kx: kDHE, au: aNULL}, {name: "AECDH", kx: kECDHE, au: aNULL},
	{name: "PSK", kx: kAnyPSK}, {name: "SRP", kx: kSRP},
	{name: "AES128", enc: encAES128 | encAES128GCM | encAES128CCM | encAES128CCM8},
	{name: "AES256", enc: encAES256 | encAES256GCM | encAES256CCM | encAES256CCM8},
	{name: "AES", enc: encAES}, {name: "AESGCM", enc: encAESGCM},
	{name: "AESCCM", enc: encAES128CCM | encAES256CCM | encAES128CCM8 | encAES256CCM8},
	{name: "AESCCM8", enc: encAES128CCM8 | encAES256CCM8},
	{name: "CAMELLIA128", enc: encCAMELLIA128}, {name: "CAMELLIA256", enc: encCAMELLIA256},
	{name: "CAMELLIA", enc: encCAMELLIA128 | encCAMELLIA256},
	{name: "CHACHA20", enc: encCHACHA20},
	{name: "ARIA", enc: encARIA128GCM | encARIA256GCM}, {name: "ARIAGCM", enc: encARIA128GCM | encARIA256GCM},
	{name: "ARIA128", enc: encARIA128GCM}, {name: "ARIA256", enc: encARIA256GCM},
	{name: "CBC", enc: encAES128 | encAES256 | encCAMELLIA128 | encCAMELLIA256},
	{name: "MD5", mac: macMD5}, {name: "SHA1", mac: macSHA1}, {name: "SHA", mac: macSHA1},
	{name: "SHA256", mac: macSHA256}, {name: "SHA384", mac: macSHA384},
	{name: "SSLv3", minTLS: ssl3}, {name: "TLSv1", minTLS: tls1},
	{name: "TLSv1.0", minTLS: tls1}, {name: "TLSv1.2", minTLS: tls12},
	{name: "LOW", strength: strLow}, {name: "MEDIUM", strength: strMedium},
	{name: "HIGH", strength: strHigh}, {name: "FIPS", enc: ^encNULL, strength: strFIPS},
}

// defaultCipherList is what "DEFAULT" at the start of a string stands for
// (OpenSSL 3's OSSL_default_cipher_list).
const defaultCipherList = "ALL:!COMPLEMENTOFDEFAULT:!eNULL"

// goCipherSuites are the TLS 1.2-and-older suites Go's crypto/tls offers.
var goCipherSuites = func() map[uint16]bool {
	m := map[uint16]bool{}
	for _, list := range [][]*tls.CipherSuite{tls.CipherSuites(), tls.InsecureCipherSuites()} {
		for _, s := range list {
			for _, v := range s.SupportedVersions {
				if v <= tls.VersionTLS12 {
					m[s.ID] = true
				}
			}
		}
	}
	return m
}()

// cipherNode is a suite in a list being evaluated; inactive ones keep
// their place, which decides where a later rule adds them.
type cipherNode struct {
	c      *opensslCipher
	active bool
}

// cipherList is a list being evaluated: its suites in order, and room to
// reorder them in, so that a rule allocates nothing.
type cipherList struct {
	nodes   []cipherNode
	scratch []cipherNode
	hits    []bool
}

// newCipherList starts an evaluation from a copy of nodes.
func newCipherList(nodes []cipherNode) *cipherList {
	return &cipherList{
		nodes:   slices.Clone(nodes),
		scratch: make([]cipherNode, 0, len(nodes)),
		hits:    make([]bool, len(nodes)),
	}
}

// cipherRule is what a rule does with the suites it selects.
type cipherRule int

const (
	ruleAdd  cipherRule = iota // add inactive ones at the end
	ruleKill                   // "!": remove for good
	ruleDel                    // "-": deactivate, moving them to the front
	ruleOrd                    // "+": move active ones to the end
	ruleBump                   // move active ones to the front (OpenSSL-internal)
)

// cipherSelector is what one rule selects: every non-zero mask must share
// a bit with the suite; byBits selects by strength bits alone.
type cipherSelector struct {
	id               uint16
	kx, au, enc, mac uint32
	minTLS           uint16
	strength         uint32
	byBits           bool
	bits             int
}

func (s *cipherSelector) matches(c *opensslCipher) bool {
	if s.byBits {
		return c.bits == s.bits
	}
	return (s.id == 0 || s.id == c.id) &&
		(s.kx == 0 || s.kx&c.kx != 0) && (s.au == 0 || s.au&c.au != 0) &&
		(s.enc == 0 || s.enc&c.enc != 0) && (s.mac == 0 || s.mac&c.mac != 0) &&
		(s.minTLS == 0 || s.minTLS == c.minTLS) &&
		(s.strength&strStrongMask == 0 || s.strength&strStrongMask&c.strength != 0) &&
		(s.strength&strNotDefault == 0 || c.strength&strNotDefault != 0)
}

// apply runs one rule, as OpenSSL's ssl_cipher_apply_rule: the selected
// suites move as a block, keeping their order.
func (l *cipherList) apply(rule cipherRule, sel cipherSelector) {
	hits := l.hits[:len(l.nodes)]
	for i := range l.nodes {
		hits[i] = rule.selects(sel, &l.nodes[i])
	}
	switch rule {
	case ruleKill:
		l.pick(false)
	case ruleDel, ruleBump:
		l.pick(true)
		l.pick(false)
	default:
		l.pick(false)
		l.pick(true)
	}
	l.nodes, l.scratch = l.scratch, l.nodes[:0]
}

// pick appends to scratch the suites whose hit is as given, in order.
func (l *cipherList) pick(hit bool) {
	for i, n := range l.nodes {
		if l.hits[i] == hit {
			l.scratch = append(l.scratch, n)
		}
	}
}

// selects says whether the rule selects n, and updates n's activity as
// the rule does.
func (rule cipherRule) selects(sel cipherSelector, n *cipherNode) bool {
	hit := sel.matches(n.c)
	switch rule {
	case ruleAdd:
		hit = hit && !n.active
		n.active = n.active || hit
	case ruleOrd, ruleBump:
		hit = hit && n.active
	case ruleDel:
		hit = hit && n.active
		n.active = n.active && !hit
	}
	return hit
}

// strengthSort is @STRENGTH: active suites by strength bits, strongest
// first, otherwise in their order; inactive ones stay in front of them in
// their order. It is what OpenSSL's ssl_cipher_strength_sort gets by
// moving each strength's suites to the end in turn, done as one stable
// sort.
func (l *cipherList) strengthSort() {
	for i, n := range l.nodes {
		l.hits[i] = n.active
	}
	l.pick(false)
	active := len(l.scratch)
	l.pick(true)
	slices.SortStableFunc(l.scratch[active:], func(a, b cipherNode) int { return b.c.bits - a.c.bits })
	l.nodes, l.scratch = l.scratch, l.nodes[:0]
}

// defaultCipherOrder is OpenSSL's list before a cipher string is applied:
// every suite inactive, in the preference order ssl_create_cipher_list
// sets up (ECDHE first, AEAD first, strongest first …). It is made on
// first use, so that a configuration without TLS never pays for it.
var defaultCipherOrder = sync.OnceValue(makeDefaultCipherOrder)

// makeDefaultCipherOrder runs the rules ssl_create_cipher_list starts with.
func makeDefaultCipherOrder() []cipherNode {
	nodes := make([]cipherNode, len(opensslCiphers))
	for i := range opensslCiphers {
		nodes[i] = cipherNode{c: &opensslCiphers[i]}
	}
	l := newCipherList(nodes)
	all := cipherSelector{}
	steps := []struct {
		rule cipherRule
		sel  cipherSelector
	}{
		{ruleAdd, cipherSelector{kx: kECDHE, au: aECDSA}},
		{ruleAdd, cipherSelector{kx: kECDHE}},
		{ruleDel, cipherSelector{kx: kECDHE}},
		{ruleAdd, cipherSelector{enc: encAESGCM}},
		{ruleAdd, cipherSelector{enc: encCHACHA20}},
		{ruleAdd, cipherSelector{enc: encAES &^ encAESGCM}},
		{ruleAdd, all},
		{ruleOrd, cipherSelector{mac: macMD5}},
		{ruleOrd, cipherSelector{au: aNULL}},
		{ruleOrd, cipherSelector{kx: kRSA}},
		{ruleOrd, cipherSelector{kx: kPSK}},
	}
	for _, s := range steps {
		l.apply(s.rule, s.sel)
	}
	l.strengthSort()
	for _, s := range []cipherSelector{
		{minTLS: tls12},
		{mac: macAEAD},
		{kx: kDHE | kECDHE},
		{kx: kDHE | kECDHE, mac: macAEAD},
	} {
		l.apply(ruleBump, s)
	}
	l.apply(ruleDel, all)
	return l.nodes
}

// evalCipherList evaluates spec as SSL_CTX_set_cipher_list and returns the
// active suites in order, and the security level an @SECLEVEL=n set (-1
// when none did).
func evalCipherList(spec string) ([]*opensslCipher, int, error) {
	spec = suiteB(spec)
	e := &cipherEval{list: newCipherList(defaultCipherOrder()), secLevel: -1}
	if rest, ok := strings.CutPrefix(spec, "DEFAULT"); ok {
		// Only a leading DEFAULT is expanded; elsewhere it is an unknown
		// name, as in OpenSSL.
		if err := e.process(defaultCipherList); err != nil {
			return nil, -1, err
		}
		spec = strings.TrimPrefix(rest, ":")
	}
	if err := e.process(spec); err != nil {
		return nil, -1, err
	}
	var out []*opensslCipher
	for _, n := range e.list.nodes {
		if n.active {
			out = append(out, n.c)
		}
	}
	if len(out) == 0 {
		return nil, -1, ErrNoCipherMatch
	}
	return out, e.secLevel, nil
}

// cipherEval is one evaluation: the list and what @SECLEVEL set.
type cipherEval struct {
	list     *cipherList
	secLevel int
}

// suiteB replaces a string starting with a Suite B keyword by the suites
// it stands for, as OpenSSL's check_suiteb_cipher_list.
func suiteB(spec string) string {
	switch {
	case strings.HasPrefix(spec, "SUITEB128ONLY"):
		return "ECDHE-ECDSA-AES128-GCM-SHA256"
	case strings.HasPrefix(spec, "SUITEB128C2"), strings.HasPrefix(spec, "SUITEB192"):
		return "ECDHE-ECDSA-AES256-GCM-SHA384"
	case strings.HasPrefix(spec, "SUITEB128"):
		return "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"
	}
	return spec
}

func isCipherSep(c byte) bool { return c == ':' || c == ' ' || c == ';' || c == ',' }

func isCipherNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '='
}

// process applies the rules of a cipher string, as OpenSSL's
// ssl_cipher_process_rulestr: an unknown name is ignored, a character
// outside the alphabet fails the whole string.
func (e *cipherEval) process(rules string) error {
	for i := 0; i < len(rules); {
		rule, special := ruleAdd, false
		switch rules[i] {
		case '-':
			rule = ruleDel
		case '+':
			rule = ruleOrd
		case '!':
			rule = ruleKill
		case '@':
			special = true
		default:
			if isCipherSep(rules[i]) {
				i++
				continue
			}
			i-- // no prefix to step over
		}
		i++
		r, err := parseCipherRule(rules, i, special)
		if err != nil {
			return err
		}
		i = r.next
		if special {
			if err := e.command(r.word); err != nil {
				return err
			}
		} else if r.found {
			// OpenSSL reads on right after a rule it applied: "ADH!MD5"
			// is two rules, and "ADH\"" fails at the quote.
			e.list.apply(rule, r.sel)
			continue
		}
		for i < len(rules) && !isCipherSep(rules[i]) {
			i++ // the rest of an ignored or special rule
		}
	}
	return nil
}

// parsedCipherRule is one rule's words read: the selector they make, or
// for an "@" command its word.
type parsedCipherRule struct {
	sel   cipherSelector
	word  string
	found bool // false when a word is unknown or the words select nothing together
	next  int
}

// parseCipherRule reads the words of one rule from rules[i:], joined by
// "+"; an empty word (a character outside the alphabet) is an error.
func parseCipherRule(rules string, i int, special bool) (parsedCipherRule, error) {
	var r parsedCipherRule
	for {
		start := i
		for i < len(rules) && isCipherNameChar(rules[i]) {
			i++
		}
		r.word, r.next = rules[start:i], i
		if r.word == "" {
			return r, ErrCipherInvalidCommand
		}
		if special {
			return r, nil
		}
		multi := i < len(rules) && rules[i] == '+'
		if multi {
			i++
			r.next = i
		}
		if r.found = r.sel.add(r.word); !r.found || !multi {
			return r, nil
		}
	}
}

// command runs an "@" command: @STRENGTH sorts, @SECLEVEL=n records the
// security level, which limits protocols and key sizes at run time.
func (e *cipherEval) command(word string) error {
	switch {
	case word == "STRENGTH":
		e.list.strengthSort()
	case len(word) == 10 && strings.HasPrefix(word, "SECLEVEL=") && word[9] >= '0' && word[9] <= '5':
		e.secLevel = int(word[9] - '0')
	default:
		return ErrCipherInvalidCommand
	}
	return nil
}

// add narrows the selector by one word, a suite's name or an alias, as
// OpenSSL combines the words of "A+B"; false when the word is unknown or
// the combination selects nothing.
func (s *cipherSelector) add(word string) bool {
	a, ok := lookupCipherWord(word)
	if !ok {
		return false
	}
	for _, f := range []struct{ have, with *uint32 }{{&s.kx, &a.kx}, {&s.au, &a.au}, {&s.enc, &a.enc}, {&s.mac, &a.mac}} {
		if *f.with == 0 {
			continue
		}
		if *f.have == 0 {
			*f.have = *f.with
		} else if *f.have &= *f.with; *f.have == 0 {
			return false
		}
	}
	if strong := a.strength & strStrongMask; strong != 0 {
		if s.strength&strStrongMask == 0 {
			s.strength = strong // OpenSSL drops an earlier default-class bit here
		} else if s.strength &= strong | ^strStrongMask; s.strength&strStrongMask == 0 {
			return false
		}
	}
	if a.strength&strNotDefault != 0 {
		s.strength |= strNotDefault
	}
	if a.id != 0 {
		s.id = a.id // a suite's own version does not narrow the selection
	} else if a.minTLS != 0 {
		if s.minTLS != 0 && s.minTLS != a.minTLS {
			return false
		}
		s.minTLS = a.minTLS
	}
	return true
}

// cipherWord is what a word of a cipher string names: a suite (id set) or
// an alias.
type cipherWord struct {
	id               uint16
	kx, au, enc, mac uint32
	minTLS           uint16
	strength         uint32
}

// lookupCipherWord finds a word, case-sensitively, among the suites' names
// first, then the aliases.
func lookupCipherWord(word string) (cipherWord, bool) {
	for i := range opensslCiphers {
		if c := &opensslCiphers[i]; c.name == word {
			return cipherWord{c.id, c.kx, c.au, c.enc, c.mac, c.minTLS, c.strength}, true
		}
	}
	for _, a := range cipherAliases {
		if a.name == word {
			return cipherWord{0, a.kx, a.au, a.enc, a.mac, a.minTLS, a.strength}, true
		}
	}
	return cipherWord{}, false
}

// opensslCiphers are the TLS 1.2-and-older suites OpenSSL 3 builds with
// (as Debian's libssl3, which the httpd image uses), in the order
// 'openssl ciphers -V ALL:COMPLEMENTOFALL' lists them.
var opensslCiphers = []opensslCipher{
	{0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", kECDHE, aECDSA, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0xC030, "ECDHE-RSA-AES256-GCM-SHA384", kECDHE, aRSA, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0x00A3, "DHE-DSS-AES256-GCM-SHA384", kDHE, aDSS, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS | strNotDefault},
	{0x009F, "DHE-RSA-AES256-GCM-SHA384", kDHE, aRSA, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305", kECDHE, aECDSA, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", kECDHE, aRSA, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xCCAA, "DHE-RSA-CHACHA20-POLY1305", kDHE, aRSA, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xC0AF, "ECDHE-ECDSA-AES256-CCM8", kECDHE, aECDSA, encAES256CCM8, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC0AD, "ECDHE-ECDSA-AES256-CCM", kECDHE, aECDSA, encAES256CCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC0A3, "DHE-RSA-AES256-CCM8", kDHE, aRSA, encAES256CCM8, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC09F, "DHE-RSA-AES256-CCM", kDHE, aRSA, encAES256CCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC05D, "ECDHE-ECDSA-ARIA256-GCM-SHA384", kECDHE, aECDSA, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC061, "ECDHE-ARIA256-GCM-SHA384", kECDHE, aRSA, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC057, "DHE-DSS-ARIA256-GCM-SHA384", kDHE, aDSS, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC053, "DHE-RSA-ARIA256-GCM-SHA384", kDHE, aRSA, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0x00A7, "ADH-AES256-GCM-SHA384", kDHE, aNULL, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS | strNotDefault},
	{0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256", kECDHE, aECDSA, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", kECDHE, aRSA, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0x00A2, "DHE-DSS-AES128-GCM-SHA256", kDHE, aDSS, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS | strNotDefault},
	{0x009E, "DHE-RSA-AES128-GCM-SHA256", kDHE, aRSA, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0xC0AE, "ECDHE-ECDSA-AES128-CCM8", kECDHE, aECDSA, encAES128CCM8, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC0AC, "ECDHE-ECDSA-AES128-CCM", kECDHE, aECDSA, encAES128CCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC0A2, "DHE-RSA-AES128-CCM8", kDHE, aRSA, encAES128CCM8, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC09E, "DHE-RSA-AES128-CCM", kDHE, aRSA, encAES128CCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC05C, "ECDHE-ECDSA-ARIA128-GCM-SHA256", kECDHE, aECDSA, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC060, "ECDHE-ARIA128-GCM-SHA256", kECDHE, aRSA, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC056, "DHE-DSS-ARIA128-GCM-SHA256", kDHE, aDSS, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC052, "DHE-RSA-ARIA128-GCM-SHA256", kDHE, aRSA, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0x00A6, "ADH-AES128-GCM-SHA256", kDHE, aNULL, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS | strNotDefault},
	{0xC024, "ECDHE-ECDSA-AES256-SHA384", kECDHE, aECDSA, encAES256, macSHA384, tls12, 256, strHigh | strFIPS},
	{0xC028, "ECDHE-RSA-AES256-SHA384", kECDHE, aRSA, encAES256, macSHA384, tls12, 256, strHigh | strFIPS},
	{0x006B, "DHE-RSA-AES256-SHA256", kDHE, aRSA, encAES256, macSHA256, tls12, 256, strHigh | strFIPS},
	{0x006A, "DHE-DSS-AES256-SHA256", kDHE, aDSS, encAES256, macSHA256, tls12, 256, strHigh | strFIPS | strNotDefault},
	{0xC073, "ECDHE-ECDSA-CAMELLIA256-SHA384", kECDHE, aECDSA, encCAMELLIA256, macSHA384, tls12, 256, strHigh | strNotDefault},
	{0xC077, "ECDHE-RSA-CAMELLIA256-SHA384", kECDHE, aRSA, encCAMELLIA256, macSHA384, tls12, 256, strHigh | strNotDefault},
	{0x00C4, "DHE-RSA-CAMELLIA256-SHA256", kDHE, aRSA, encCAMELLIA256, macSHA256, tls12, 256, strHigh | strNotDefault},
	{0x00C3, "DHE-DSS-CAMELLIA256-SHA256", kDHE, aDSS, encCAMELLIA256, macSHA256, tls12, 256, strHigh | strNotDefault},
	{0x006D, "ADH-AES256-SHA256", kDHE, aNULL, encAES256, macSHA256, tls12, 256, strHigh | strFIPS | strNotDefault},
	{0x00C5, "ADH-CAMELLIA256-SHA256", kDHE, aNULL, encCAMELLIA256, macSHA256, tls12, 256, strHigh | strNotDefault},
	{0xC023, "ECDHE-ECDSA-AES128-SHA256", kECDHE, aECDSA, encAES128, macSHA256, tls12, 128, strHigh | strFIPS},
	{0xC027, "ECDHE-RSA-AES128-SHA256", kECDHE, aRSA, encAES128, macSHA256, tls12, 128, strHigh | strFIPS},
	{0x0067, "DHE-RSA-AES128-SHA256", kDHE, aRSA, encAES128, macSHA256, tls12, 128, strHigh | strFIPS},
	{0x0040, "DHE-DSS-AES128-SHA256", kDHE, aDSS, encAES128, macSHA256, tls12, 128, strHigh | strFIPS | strNotDefault},
	{0xC072, "ECDHE-ECDSA-CAMELLIA128-SHA256", kECDHE, aECDSA, encCAMELLIA128, macSHA256, tls12, 128, strHigh | strNotDefault},
	{0xC076, "ECDHE-RSA-CAMELLIA128-SHA256", kECDHE, aRSA, encCAMELLIA128, macSHA256, tls12, 128, strHigh | strNotDefault},
	{0x00BE, "DHE-RSA-CAMELLIA128-SHA256", kDHE, aRSA, encCAMELLIA128, macSHA256, tls12, 128, strHigh | strNotDefault},
	{0x00BD, "DHE-DSS-CAMELLIA128-SHA256", kDHE, aDSS, encCAMELLIA128, macSHA256, tls12, 128, strHigh | strNotDefault},
	{0x006C, "ADH-AES128-SHA256", kDHE, aNULL, encAES128, macSHA256, tls12, 128, strHigh | strFIPS | strNotDefault},
	{0x00BF, "ADH-CAMELLIA128-SHA256", kDHE, aNULL, encCAMELLIA128, macSHA256, tls12, 128, strHigh | strNotDefault},
	{0xC00A, "ECDHE-ECDSA-AES256-SHA", kECDHE, aECDSA, encAES256, macSHA1, tls1, 256, strHigh | strFIPS},
	{0xC014, "ECDHE-RSA-AES256-SHA", kECDHE, aRSA, encAES256, macSHA1, tls1, 256, strHigh | strFIPS},
	{0x0039, "DHE-RSA-AES256-SHA", kDHE, aRSA, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS},
	{0x0038, "DHE-DSS-AES256-SHA", kDHE, aDSS, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS | strNotDefault},
	{0x0088, "DHE-RSA-CAMELLIA256-SHA", kDHE, aRSA, encCAMELLIA256, macSHA1, ssl3, 256, strHigh | strNotDefault},
	{0x0087, "DHE-DSS-CAMELLIA256-SHA", kDHE, aDSS, encCAMELLIA256, macSHA1, ssl3, 256, strHigh | strNotDefault},
	{0xC019, "AECDH-AES256-SHA", kECDHE, aNULL, encAES256, macSHA1, tls1, 256, strHigh | strFIPS | strNotDefault},
	{0x003A, "ADH-AES256-SHA", kDHE, aNULL, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS | strNotDefault},
	{0x0089, "ADH-CAMELLIA256-SHA", kDHE, aNULL, encCAMELLIA256, macSHA1, ssl3, 256, strHigh | strNotDefault},
	{0xC009, "ECDHE-ECDSA-AES128-SHA", kECDHE, aECDSA, encAES128, macSHA1, tls1, 128, strHigh | strFIPS},
	{0xC013, "ECDHE-RSA-AES128-SHA", kECDHE, aRSA, encAES128, macSHA1, tls1, 128, strHigh | strFIPS},
	{0x0033, "DHE-RSA-AES128-SHA", kDHE, aRSA, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS},
	{0x0032, "DHE-DSS-AES128-SHA", kDHE, aDSS, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS | strNotDefault},
	{0x0045, "DHE-RSA-CAMELLIA128-SHA", kDHE, aRSA, encCAMELLIA128, macSHA1, ssl3, 128, strHigh | strNotDefault},
	{0x0044, "DHE-DSS-CAMELLIA128-SHA", kDHE, aDSS, encCAMELLIA128, macSHA1, ssl3, 128, strHigh | strNotDefault},
	{0xC018, "AECDH-AES128-SHA", kECDHE, aNULL, encAES128, macSHA1, tls1, 128, strHigh | strFIPS | strNotDefault},
	{0x0034, "ADH-AES128-SHA", kDHE, aNULL, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS | strNotDefault},
	{0x0046, "ADH-CAMELLIA128-SHA", kDHE, aNULL, encCAMELLIA128, macSHA1, ssl3, 128, strHigh | strNotDefault},
	{0x00AD, "RSA-PSK-AES256-GCM-SHA384", kRSAPSK, aRSA, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0x00AB, "DHE-PSK-AES256-GCM-SHA384", kDHEPSK, aPSK, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0xCCAE, "RSA-PSK-CHACHA20-POLY1305", kRSAPSK, aRSA, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xCCAD, "DHE-PSK-CHACHA20-POLY1305", kDHEPSK, aPSK, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xCCAC, "ECDHE-PSK-CHACHA20-POLY1305", kECDHEPSK, aPSK, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xC0AB, "DHE-PSK-AES256-CCM8", kDHEPSK, aPSK, encAES256CCM8, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC0A7, "DHE-PSK-AES256-CCM", kDHEPSK, aPSK, encAES256CCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC06F, "RSA-PSK-ARIA256-GCM-SHA384", kRSAPSK, aRSA, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC06D, "DHE-PSK-ARIA256-GCM-SHA384", kDHEPSK, aPSK, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0x009D, "AES256-GCM-SHA384", kRSA, aRSA, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0xC0A1, "AES256-CCM8", kRSA, aRSA, encAES256CCM8, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC09D, "AES256-CCM", kRSA, aRSA, encAES256CCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC051, "ARIA256-GCM-SHA384", kRSA, aRSA, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0x00A9, "PSK-AES256-GCM-SHA384", kPSK, aPSK, encAES256GCM, macAEAD, tls12, 256, strHigh | strFIPS},
	{0xCCAB, "PSK-CHACHA20-POLY1305", kPSK, aPSK, encCHACHA20, macAEAD, tls12, 256, strHigh},
	{0xC0A9, "PSK-AES256-CCM8", kPSK, aPSK, encAES256CCM8, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC0A5, "PSK-AES256-CCM", kPSK, aPSK, encAES256CCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0xC06B, "PSK-ARIA256-GCM-SHA384", kPSK, aPSK, encARIA256GCM, macAEAD, tls12, 256, strHigh | strNotDefault},
	{0x00AC, "RSA-PSK-AES128-GCM-SHA256", kRSAPSK, aRSA, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0x00AA, "DHE-PSK-AES128-GCM-SHA256", kDHEPSK, aPSK, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0xC0AA, "DHE-PSK-AES128-CCM8", kDHEPSK, aPSK, encAES128CCM8, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC0A6, "DHE-PSK-AES128-CCM", kDHEPSK, aPSK, encAES128CCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC06E, "RSA-PSK-ARIA128-GCM-SHA256", kRSAPSK, aRSA, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC06C, "DHE-PSK-ARIA128-GCM-SHA256", kDHEPSK, aPSK, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0x009C, "AES128-GCM-SHA256", kRSA, aRSA, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0xC0A0, "AES128-CCM8", kRSA, aRSA, encAES128CCM8, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC09C, "AES128-CCM", kRSA, aRSA, encAES128CCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC050, "ARIA128-GCM-SHA256", kRSA, aRSA, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0x00A8, "PSK-AES128-GCM-SHA256", kPSK, aPSK, encAES128GCM, macAEAD, tls12, 128, strHigh | strFIPS},
	{0xC0A8, "PSK-AES128-CCM8", kPSK, aPSK, encAES128CCM8, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC0A4, "PSK-AES128-CCM", kPSK, aPSK, encAES128CCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0xC06A, "PSK-ARIA128-GCM-SHA256", kPSK, aPSK, encARIA128GCM, macAEAD, tls12, 128, strHigh | strNotDefault},
	{0x003D, "AES256-SHA256", kRSA, aRSA, encAES256, macSHA256, tls12, 256, strHigh | strFIPS},
	{0x00C0, "CAMELLIA256-SHA256", kRSA, aRSA, encCAMELLIA256, macSHA256, tls12, 256, strHigh | strNotDefault},
	{0x003C, "AES128-SHA256", kRSA, aRSA, encAES128, macSHA256, tls12, 128, strHigh | strFIPS},
	{0x00BA, "CAMELLIA128-SHA256", kRSA, aRSA, encCAMELLIA128, macSHA256, tls12, 128, strHigh | strNotDefault},
	{0xC038, "ECDHE-PSK-AES256-CBC-SHA384", kECDHEPSK, aPSK, encAES256, macSHA384, tls1, 256, strHigh | strFIPS},
	{0xC036, "ECDHE-PSK-AES256-CBC-SHA", kECDHEPSK, aPSK, encAES256, macSHA1, tls1, 256, strHigh | strFIPS},
	{0xC022, "SRP-DSS-AES-256-CBC-SHA", kSRP, aDSS, encAES256, macSHA1, ssl3, 256, strHigh | strNotDefault},
	{0xC021, "SRP-RSA-AES-256-CBC-SHA", kSRP, aRSA, encAES256, macSHA1, ssl3, 256, strHigh},
	{0xC020, "SRP-AES-256-CBC-SHA", kSRP, aSRP, encAES256, macSHA1, ssl3, 256, strHigh},
	{0x00B7, "RSA-PSK-AES256-CBC-SHA384", kRSAPSK, aRSA, encAES256, macSHA384, tls1, 256, strHigh | strFIPS},
	{0x00B3, "DHE-PSK-AES256-CBC-SHA384", kDHEPSK, aPSK, encAES256, macSHA384, tls1, 256, strHigh | strFIPS},
	{0x0095, "RSA-PSK-AES256-CBC-SHA", kRSAPSK, aRSA, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS},
	{0x0091, "DHE-PSK-AES256-CBC-SHA", kDHEPSK, aPSK, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS},
	{0xC09B, "ECDHE-PSK-CAMELLIA256-SHA384", kECDHEPSK, aPSK, encCAMELLIA256, macSHA384, tls1, 256, strHigh | strNotDefault},
	{0xC099, "RSA-PSK-CAMELLIA256-SHA384", kRSAPSK, aRSA, encCAMELLIA256, macSHA384, tls1, 256, strHigh | strNotDefault},
	{0xC097, "DHE-PSK-CAMELLIA256-SHA384", kDHEPSK, aPSK, encCAMELLIA256, macSHA384, tls1, 256, strHigh | strNotDefault},
	{0x0035, "AES256-SHA", kRSA, aRSA, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS},
	{0x0084, "CAMELLIA256-SHA", kRSA, aRSA, encCAMELLIA256, macSHA1, ssl3, 256, strHigh | strNotDefault},
	{0x00AF, "PSK-AES256-CBC-SHA384", kPSK, aPSK, encAES256, macSHA384, tls1, 256, strHigh | strFIPS},
	{0x008D, "PSK-AES256-CBC-SHA", kPSK, aPSK, encAES256, macSHA1, ssl3, 256, strHigh | strFIPS},
	{0xC095, "PSK-CAMELLIA256-SHA384", kPSK, aPSK, encCAMELLIA256, macSHA384, tls1, 256, strHigh | strNotDefault},
	{0xC037, "ECDHE-PSK-AES128-CBC-SHA256", kECDHEPSK, aPSK, encAES128, macSHA256, tls1, 128, strHigh | strFIPS},
	{0xC035, "ECDHE-PSK-AES128-CBC-SHA", kECDHEPSK, aPSK, encAES128, macSHA1, tls1, 128, strHigh | strFIPS},
	{0xC01F, "SRP-DSS-AES-128-CBC-SHA", kSRP, aDSS, encAES128, macSHA1, ssl3, 128, strHigh | strNotDefault},
	{0xC01E, "SRP-RSA-AES-128-CBC-SHA", kSRP, aRSA, encAES128, macSHA1, ssl3, 128, strHigh},
	{0xC01D, "SRP-AES-128-CBC-SHA", kSRP, aSRP, encAES128, macSHA1, ssl3, 128, strHigh},
	{0x00B6, "RSA-PSK-AES128-CBC-SHA256", kRSAPSK, aRSA, encAES128, macSHA256, tls1, 128, strHigh | strFIPS},
	{0x00B2, "DHE-PSK-AES128-CBC-SHA256", kDHEPSK, aPSK, encAES128, macSHA256, tls1, 128, strHigh | strFIPS},
	{0x0094, "RSA-PSK-AES128-CBC-SHA", kRSAPSK, aRSA, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS},
	{0x0090, "DHE-PSK-AES128-CBC-SHA", kDHEPSK, aPSK, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS},
	{0xC09A, "ECDHE-PSK-CAMELLIA128-SHA256", kECDHEPSK, aPSK, encCAMELLIA128, macSHA256, tls1, 128, strHigh | strNotDefault},
	{0xC098, "RSA-PSK-CAMELLIA128-SHA256", kRSAPSK, aRSA, encCAMELLIA128, macSHA256, tls1, 128, strHigh | strNotDefault},
	{0xC096, "DHE-PSK-CAMELLIA128-SHA256", kDHEPSK, aPSK, encCAMELLIA128, macSHA256, tls1, 128, strHigh | strNotDefault},
	{0x002F, "AES128-SHA", kRSA, aRSA, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS},
	{0x0041, "CAMELLIA128-SHA", kRSA, aRSA, encCAMELLIA128, macSHA1, ssl3, 128, strHigh | strNotDefault},
	{0x00AE, "PSK-AES128-CBC-SHA256", kPSK, aPSK, encAES128, macSHA256, tls1, 128, strHigh | strFIPS},
	{0x008C, "PSK-AES128-CBC-SHA", kPSK, aPSK, encAES128, macSHA1, ssl3, 128, strHigh | strFIPS},
	{0xC094, "PSK-CAMELLIA128-SHA256", kPSK, aPSK, encCAMELLIA128, macSHA256, tls1, 128, strHigh | strNotDefault},
	{0xC006, "ECDHE-ECDSA-NULL-SHA", kECDHE, aECDSA, encNULL, macSHA1, tls1, 0, strNone},
	{0xC010, "ECDHE-RSA-NULL-SHA", kECDHE, aRSA, encNULL, macSHA1, tls1, 0, strNone},
	{0xC015, "AECDH-NULL-SHA", kECDHE, aNULL, encNULL, macSHA1, tls1, 0, strNone},
	{0x003B, "NULL-SHA256", kRSA, aRSA, encNULL, macSHA256, tls12, 0, strNone},
	{0xC03B, "ECDHE-PSK-NULL-SHA384", kECDHEPSK, aPSK, encNULL, macSHA384, tls1, 0, strNone},
	{0xC03A, "ECDHE-PSK-NULL-SHA256", kECDHEPSK, aPSK, encNULL, macSHA256, tls1, 0, strNone},
	{0xC039, "ECDHE-PSK-NULL-SHA", kECDHEPSK, aPSK, encNULL, macSHA1, tls1, 0, strNone},
	{0x00B9, "RSA-PSK-NULL-SHA384", kRSAPSK, aRSA, encNULL, macSHA384, tls1, 0, strNone},
	{0x00B8, "RSA-PSK-NULL-SHA256", kRSAPSK, aRSA, encNULL, macSHA256, tls1, 0, strNone},
	{0x00B5, "DHE-PSK-NULL-SHA384", kDHEPSK, aPSK, encNULL, macSHA384, tls1, 0, strNone},
	{0x00B4, "DHE-PSK-NULL-SHA256", kDHEPSK, aPSK, encNULL, macSHA256, tls1, 0, strNone},
	{0x002E, "RSA-PSK-NULL-SHA", kRSAPSK, aRSA, encNULL, macSHA1, ssl3, 0, strNone},
	{0x002D, "DHE-PSK-NULL-SHA", kDHEPSK, aPSK, encNULL, macSHA1, ssl3, 0, strNone},
	{0x0002, "NULL-SHA", kRSA, aRSA, encNULL, macSHA1, ssl3, 0, strNone},
	{0x0001, "NULL-MD5", kRSA, aRSA, encNULL, macMD5, ssl3, 0, strNone},
	{0x00B1, "PSK-NULL-SHA384", kPSK, aPSK, encNULL, macSHA384, tls1, 0, strNone},
	{0x00B0, "PSK-NULL-SHA256", kPSK, aPSK, encNULL, macSHA256, tls1, 0, strNone},
	{0x002C, "PSK-NULL-SHA", kPSK, aPSK, encNULL, macSHA1, ssl3, 0, strNone},
}

// CipherName is OpenSSL's name of a cipher suite, what mod_ssl's
// SSL_CIPHER holds (ECDHE-RSA-AES128-GCM-SHA256; a TLS 1.3 suite by its
// standard name, TLS_AES_128_GCM_SHA256), and false for a suite OpenSSL
// lacks.
func CipherName(id uint16) (string, bool) {
	switch id {
	case tls.TLS_AES_128_GCM_SHA256:
		return "TLS_AES_128_GCM_SHA256", true
	case tls.TLS_AES_256_GCM_SHA384:
		return "TLS_AES_256_GCM_SHA384", true
	case tls.TLS_CHACHA20_POLY1305_SHA256:
		return "TLS_CHACHA20_POLY1305_SHA256", true
	}
	for i := range opensslCiphers {
		if opensslCiphers[i].id == id {
			return opensslCiphers[i].name, true
		}
	}
	return "", false
}
