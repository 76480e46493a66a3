package directives

import (
	"reflect"
	"strings"
	"testing"
)

// The messages were checked against Apache 2.4's apache2 -t, except those
// of what gohttpd does not implement.
func TestAuthzCoreErrors(t *testing.T) {
	loc := func(body string) string { return "<Location />\n" + body + "</Location>\n" }
	checkAuthErrors(t, []authErrorTest{
		{name: "no provider", conf: loc("Require\n"), line: 2, msg: "Unknown Authz provider: "},
		{name: "not without provider", conf: loc("Require not\n"), line: 2, msg: "Unknown Authz provider: "},
		{name: "provider names are case-sensitive", conf: loc("Require Valid-User\n"), line: 2,
			msg: "Unknown Authz provider: Valid-User"},
		{name: "provider of a module not loaded", bare: true,
			conf: "LoadModule authz_core_module modules/mod_authz_core.so\n" + loc("Require ip 10.0.0.1\n"), line: 3,
			msg: "Unknown Authz provider: ip"},
		{name: "negative line in the implicit RequireAny", conf: loc("Require not ip 1.2.3.4\n"), line: 2,
			msg: "negative Require directive has no effect in <RequireAny> directive"},
		{name: "NOT is not", conf: loc("<RequireAll>\nRequire NOT ip 1.2.3.4\nRequire valid-user\n</RequireAll>\n")},
		{name: "all needs granted or denied", conf: loc("Require all granted extra\n"), line: 2,
			msg: "Argument for 'Require all' must be 'granted' or 'denied'"},
		{name: "method names are case-sensitive", conf: loc("Require method GET get\n"), line: 2, msg: "Invalid Method 'get'"},
		{name: "method registered by the enclosing Limit", conf: loc("<Limit FOO>\nRequire method FOO\n</Limit>\n")},
		{name: "RequireAll of negatives only", conf: loc("<RequireAll>\nRequire not ip 1.2.3.4\n</RequireAll>\n"), line: 2,
			msg: "AH01624: <RequireAll> directive contains only negative authorization directives"},
		{name: "associative RequireAll is checked as one",
			conf: loc("<RequireAll>\n<RequireAll>\nRequire not ip 1.2.3.4\n</RequireAll>\nRequire ip 1.2.3.5\n</RequireAll>\n")},
		{name: "RequireNone in RequireAll is negatives only", conf: loc("<RequireAll>\n<RequireNone>\nRequire ip 1.2.3.4\n</RequireNone>\n</RequireAll>\n"),
			line: 2, msg: "AH01624: <RequireAll> directive contains only negative authorization directives"},
		{name: "nested negatives only", conf: loc("<RequireAny>\n<RequireAll>\n<RequireNone>\nRequire ip 1.2.3.4\n</RequireNone>\n</RequireAll>\n</RequireAny>\n"),
			line: 2, msg: "AH01624: <RequireAll> directive contains only negative authorization directives"},
		{name: "empty section", conf: loc("<RequireAll>\n</RequireAll>\n"), line: 2,
			msg: "<RequireAll> directive contains no authorization directives"},
		{name: "RequireNone in the implicit RequireAny", conf: loc("<RequireNone>\nRequire ip 1.2.3.4\n</RequireNone>\n"), line: 2,
			msg: "<RequireNone> directive has no effect in <RequireAny> directive"},
		{name: "section with an argument", conf: loc("<RequireAll x>\nRequire ip 1.2.3.4\n</RequireAll>\n"), line: 2,
			msg: "<RequireAll> directive doesn't take additional arguments"},
		{name: "section counts as a Limit", conf: loc("<RequireAll>\n<Files x>\n</Files>\n</RequireAll>\n"), line: 3,
			msg: "<Files> cannot occur within <Limit> or <LimitExcept> section"},
		{name: "section allows only AuthConfig directives", conf: loc("<RequireAll>\nOrder allow,deny\n</RequireAll>\n"), line: 3,
			msg: "order not allowed in <RequireAll> context"},
		{name: "section at server level", conf: "<RequireAll>\nRequire ip 1.2.3.4\n</RequireAll>\n", line: 1,
			msg: "<RequireAll not allowed here"},
		{name: "Require in a VirtualHost", conf: "<VirtualHost *:80>\nRequire all granted\n</VirtualHost>\n", line: 2,
			msg: "Require not allowed in <VirtualHost> context"},
		{name: "AuthMerging value", conf: loc("AuthMerging foo\n"), line: 2, msg: "AuthMerging must be one of: Off | And | Or"},
		{name: "AuthzSendForbiddenOnFailure value", conf: loc("AuthzSendForbiddenOnFailure foo\n"), line: 2,
			msg: "AuthzSendForbiddenOnFailure must be On or Off"},
		{name: "user list expression", conf: loc("Require user %{x}\n"), line: 2,
			msg: "Cannot parse expression in require line: Variable 'x' does not exist"},
		{name: "group list expression", conf: loc("Require group %{\n"), line: 2,
			msg: "Cannot parse expression in require line: syntax error, unexpected T_ERROR, expecting T_ID: Unterminated string or variable"},
		{name: "expr is not implemented", conf: loc("Require expr true\n"), line: 2,
			msg: "Require expr: the 'expr' Authz provider of authz_core_module is not implemented by gohttpd"},
		{name: "AuthzProviderAlias is not implemented", conf: "<AuthzProviderAlias ip x 1.2.3.4>\n</AuthzProviderAlias>\n", line: 1,
			msg: "<AuthzProviderAlias> is not implemented by gohttpd"},
	})
}

func TestRequireTree(t *testing.T) {
	cfg := loadAuth(t, `<Location /v2>
  Require ip 10.0.0.0/8
  <Limit GET HEAD>
    Require valid-user
  </Limit>
  <RequireAny>
    Require user alice
  </RequireAny>
  <LimitExcept GET>
    <RequireAll>
      Require group "push ers" admins
      <RequireAll>
        Require not env BLOCKED
      </RequireAll>
    </RequireAll>
  </LimitExcept>
</Location>
`)
	root := cfg.Main.Sections[0].Dir.Authz.Requires
	if root == nil || root.Op != LogicOr || root.Negate || !root.Limit.All() {
		t.Fatalf("root %+v, want an implicit RequireAny of every method", root)
	}
	var got []string
	for _, it := range root.Items {
		switch it := it.(type) {
		case *RequireLine:
			got = append(got, it.String()+" ["+it.Limit.String()+"]")
		case *RequireSection:
			got = append(got, it.String()+" ["+it.Limit.String()+"]")
		}
	}
	want := []string{
		"Require ip 10.0.0.0/8 [all methods]",
		"Require valid-user  [GET]",
		"Require user alice [all methods]", // the RequireAny is spliced in
		"<RequireAll> [all methods except GET]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items\n%q\nwant\n%q", got, want)
	}
	all := root.Items[3].(*RequireSection)
	if len(all.Items) != 2 {
		t.Fatalf("RequireAll items %d, want 2 (the inner RequireAll spliced)", len(all.Items))
	}
	group := all.Items[0].(*RequireLine)
	if p, ok := group.Provider.(*RequireGroup); !ok || !reflect.DeepEqual(p.Groups, []string{"push ers", "admins"}) {
		t.Errorf("group provider %+v", group.Provider)
	}
	env := all.Items[1].(*RequireLine)
	if p, ok := env.Provider.(*RequireEnv); !ok || !env.Negate || !reflect.DeepEqual(p.Vars, []string{"BLOCKED"}) {
		t.Errorf("env line %+v", env)
	}
	if env.Limit.String() != "all methods except GET" || env.Line != 13+authModuleLines {
		t.Errorf("env line limit %v line %d", env.Limit, env.Line)
	}
}

func TestRequireProviders(t *testing.T) {
	cfg := loadAuth(t, `<Location />
Require all granted
Require all DENIED
Require user "a b" c
Require user %{REMOTE_USER}
Require valid-user ignored words
Require method HEAD MERGE
Require local x
Require file-group
Require host example.com .example.org # a comment
Require forward-dns a.example.com b#c d
Require ip 10.1 ::1
</Location>
`)
	var got []RequireProvider
	for _, it := range cfg.Main.Sections[0].Dir.Authz.Requires.Items {
		got = append(got, it.(*RequireLine).Provider)
	}
	userExpr := StringExpr{Text: "%{REMOTE_USER}", Parts: []ExprPart{{Kind: ExprVar, Text: "REMOTE_USER"}}}
	want := []RequireProvider{
		&RequireAll{Granted: true},
		&RequireAll{},
		&RequireUser{Users: []string{"a b", "c"}},
		&RequireUser{Expr: &userExpr},
		&RequireValidUser{},
		&RequireMethod{Methods: Methods{Names: []string{"GET", "MERGE"}}},
		&RequireLocal{},
		&RequireFileGroup{},
		&RequireHost{Hosts: []string{"example.com", ".example.org"}},
		&RequireForwardDNS{Names: []string{"a.example.com", "b"}},
	}
	if !reflect.DeepEqual(got[:len(want)], want) {
		t.Errorf("providers\n%#v\nwant\n%#v", got[:len(want)], want)
	}
	ip := got[len(want)].(*RequireIP)
	if len(ip.Subnets) != 2 || ip.Subnets[0].Text != "10.1" || ip.Subnets[1].Net.String() != "::1" {
		t.Errorf("ip %+v", ip)
	}
}

// requireLine makes a Require line of a provider for the merge and Apply
// tests.
func requireLine(name string, limit Methods) *RequireLine {
	return &RequireLine{Name: name, Limit: limit}
}

func TestAuthzMerge(t *testing.T) {
	parentTree := &RequireSection{Op: LogicOr, Limit: AllMethods, Items: []RequireItem{requireLine("valid-user", AllMethods)}}
	childTree := &RequireSection{Op: LogicOr, Limit: Methods{Names: []string{"POST"}},
		Items: []RequireItem{requireLine("group", Methods{Names: []string{"POST"}})}}
	on := true
	parent := &AuthzConfig{Requires: parentTree}
	tests := []struct {
		name  string
		child AuthzConfig
		want  AuthzConfig
	}{
		{"nothing set inherits", AuthzConfig{}, *parent},
		{"only SendForbiddenOnFailure keeps the parent's tree", AuthzConfig{SendForbiddenOnFailure: &on},
			AuthzConfig{Requires: parentTree, SendForbiddenOnFailure: &on}},
		{"unset merging replaces", AuthzConfig{Requires: childTree}, AuthzConfig{Requires: childTree}},
		{"Off replaces", AuthzConfig{Requires: childTree, Merging: MergingOff},
			AuthzConfig{Requires: childTree, Merging: MergingOff}},
		{"And combines", AuthzConfig{Requires: childTree, Merging: MergingAnd},
			AuthzConfig{Merging: MergingAnd, Requires: &RequireSection{Op: LogicAnd, Merged: true, Limit: AllMethods,
				Items: []RequireItem{parentTree, childTree}}}},
		{"Or without own tree keeps the parent's", AuthzConfig{Merging: MergingOr},
			AuthzConfig{Requires: parentTree, Merging: MergingOr}},
	}
	for _, tt := range tests {
		if got := tt.child.merge(parent); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: merged %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if got := (&AuthzConfig{Requires: childTree, Merging: MergingOr}).merge(&AuthzConfig{}); got.Requires != childTree {
		t.Errorf("Or over nothing: %+v, want the child's tree", got.Requires)
	}
}

// The recipe's <Location>: Require lines in <Limit> sections, and a section
// below it with AuthMerging And.
func TestAuthzMergeFromConfig(t *testing.T) {
	cfg := loadAuth(t, `<Location /v2>
  <Limit GET HEAD>
    Require valid-user
  </Limit>
  <Limit POST PUT DELETE PATCH>
    Require group pusher
  </Limit>
</Location>
<Location /v2/admin>
  AuthMerging And
  Require user root
</Location>
`)
	v2, admin := cfg.Main.Sections[0].Dir, cfg.Main.Sections[1].Dir
	merged := admin.Merge(v2).Authz.Requires
	if !merged.Merged || merged.Op != LogicAnd || merged.String() != "AuthMerging All" {
		t.Fatalf("merged %v, want AuthMerging All", merged)
	}
	if merged.Items[0] != v2.Authz.Requires || merged.Items[1] != admin.Authz.Requires {
		t.Errorf("merged items are not the two trees")
	}
	if got := v2.Authz.Requires.Limit.String(); got != "GET POST PUT DELETE PATCH" {
		t.Errorf("v2 limit %q", got)
	}
}

func TestRequireApply(t *testing.T) {
	get, post := Methods{Names: []string{"GET"}}, Methods{Names: []string{"POST"}}
	// results says what each provider answers for the request.
	apply := func(s *RequireSection, method string, results map[string]AuthzStatus) AuthzStatus {
		return s.Apply(method, func(l *RequireLine) AuthzStatus { return results[l.Name] })
	}
	recipe := &RequireSection{Op: LogicOr, Limit: unionMethods(get, post),
		Items: []RequireItem{requireLine("valid-user", get), requireLine("group", post)}}
	noUser := map[string]AuthzStatus{"valid-user": AuthzDeniedNoUser, "group": AuthzDeniedNoUser}
	tests := []struct {
		name    string
		tree    *RequireSection
		method  string
		results map[string]AuthzStatus
		want    AuthzStatus
	}{
		{"GET without user needs one", recipe, "GET", noUser, AuthzDeniedNoUser},
		{"HEAD counts as GET", recipe, "HEAD", noUser, AuthzDeniedNoUser},
		{"a method no line covers is granted at the top", recipe, "OPTIONS", noUser, AuthzGranted},
		{"POST by a user outside the group", recipe, "POST",
			map[string]AuthzStatus{"valid-user": AuthzGranted, "group": AuthzDenied}, AuthzDenied},
		{"RequireNone grants nothing by itself",
			&RequireSection{Op: LogicAnd, Limit: AllMethods, Items: []RequireItem{
				&RequireSection{Op: LogicOr, Negate: true, Limit: AllMethods, Items: []RequireItem{requireLine("ip", AllMethods)}},
				requireLine("all", AllMethods)}},
			"GET", map[string]AuthzStatus{"ip": AuthzDenied, "all": AuthzGranted}, AuthzGranted},
		{"RequireNone refuses a match",
			&RequireSection{Op: LogicAnd, Limit: AllMethods, Items: []RequireItem{
				&RequireSection{Op: LogicOr, Negate: true, Limit: AllMethods, Items: []RequireItem{requireLine("ip", AllMethods)}},
				requireLine("all", AllMethods)}},
			"GET", map[string]AuthzStatus{"ip": AuthzGranted, "all": AuthzGranted}, AuthzDenied},
		{"an error stops", &RequireSection{Op: LogicOr, Limit: AllMethods,
			Items: []RequireItem{requireLine("a", AllMethods), requireLine("b", AllMethods)}},
			"GET", map[string]AuthzStatus{"a": AuthzGeneralError, "b": AuthzGranted}, AuthzGeneralError},
		{"RequireAll keeps DENIED over NO_USER", &RequireSection{Op: LogicAnd, Limit: AllMethods,
			Items: []RequireItem{requireLine("a", AllMethods), requireLine("b", AllMethods)}},
			"GET", map[string]AuthzStatus{"a": AuthzDeniedNoUser, "b": AuthzDenied}, AuthzDenied},
	}
	for _, tt := range tests {
		if got := apply(tt.tree, tt.method, tt.results); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// De Morgan: a RequireNone inside a RequireAll becomes its lines negated,
// as Apache rewrites the tree at start-up.
func TestRequireNoneIsRewritten(t *testing.T) {
	cfg := loadAuth(t, "<Location />\n<RequireAll>\n<RequireNone>\nRequire ip 10.0.0.1\nRequire host bad.example\n</RequireNone>\nRequire valid-user\n</RequireAll>\n</Location>\n")
	all := cfg.Main.Sections[0].Dir.Authz.Requires.Items[0].(*RequireSection)
	var got []string
	for _, it := range all.Items {
		got = append(got, strings.TrimSpace(it.(*RequireLine).String()))
	}
	want := []string{"Require not ip 10.0.0.1", "Require not host bad.example", "Require valid-user"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items %q, want %q", got, want)
	}
}

func TestUnionMethods(t *testing.T) {
	m := func(except bool, names ...string) Methods { return Methods{Except: except, Names: names} }
	tests := []struct{ a, b, want Methods }{
		{m(false, "GET"), m(false, "POST", "GET"), m(false, "GET", "POST")},
		{m(true, "GET", "PUT"), m(false, "GET"), m(true, "PUT")},
		{m(false, "GET"), m(true, "GET", "PUT"), m(true, "PUT")},
		{m(true, "GET", "PUT"), m(true, "PUT", "POST"), m(true, "PUT")},
		{Methods{}, m(false, "GET"), m(false, "GET")},
	}
	for _, tt := range tests {
		if got := unionMethods(tt.a, tt.b); !got.Equal(tt.want) {
			t.Errorf("%v ∪ %v = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
