package authfile

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// shaHash is the {SHA} hash of password: quick to make, so the file tests
// are about the file, not the hash.
func shaHash(password string) string {
	sum := sha1.Sum([]byte(password))
	return "{SHA}" + base64.StdEncoding.EncodeToString(sum[:])
}

// login is one basic-auth attempt at a location.
type login struct{ path, user, password string }

// apacheWorld is a real apache2 with files in its ServerRoot and one
// <Location> per test case.
type apacheWorld struct {
	root      *apachetest.Root
	locations strings.Builder
}

func newApacheWorld(t *testing.T) *apacheWorld {
	apachetest.Require(t)
	return &apacheWorld{root: apachetest.NewRoot(t)}
}

// file writes a file into the ServerRoot and returns its path.
func (w *apacheWorld) file(t *testing.T, name, content string) string {
	path := filepath.Join(w.root.Dir, name)
	writeTestFile(t, path, content)
	return path
}

// location protects path with basic auth from userFile and the given
// Require line, with groupFile if not "".
func (w *apacheWorld) location(path, userFile, groupFile, require string) {
	fmt.Fprintf(&w.locations, "<Location %s>\n  AuthType Basic\n  AuthName test\n  AuthUserFile %s\n", path, userFile)
	if groupFile != "" {
		fmt.Fprintf(&w.locations, "  AuthGroupFile %s\n", groupFile)
	}
	fmt.Fprintf(&w.locations, "  %s\n</Location>\n", require)
}

// start runs apache2 with the locations; every location answers 200 with
// the right credentials (an Alias to one file).
func (w *apacheWorld) start(t *testing.T) {
	ok := w.file(t, "htdocs/ok", "ok\n")
	w.file(t, "httpd.conf", w.root.Head()+authModules+
		"LoadModule alias_module modules/mod_alias.so\nAliasMatch ^/ "+ok+"\n<Directory />\n  Require all granted\n</Directory>\n"+
		w.locations.String())
	w.root.Start(t)
}

// status is Apache's answer to a login.
func (w *apacheWorld) status(t *testing.T, l login) int {
	return basicStatus(t, w.root.Addr, l.path, l.user, l.password)
}

// wantStatus is 200 for a granted login, else 401.
func wantStatus(granted bool) int { return map[bool]int{true: 200, false: 401}[granted] }

// TestUserFileAsApache writes htpasswd files with every quirk of the
// format and requires ReadUsers and Verify to let in exactly whom a real
// apache2 lets in.
func TestUserFileAsApache(t *testing.T) {
	t.Parallel()
	w := newApacheWorld(t)
	files := map[string]string{}
	main := strings.Join([]string{
		"# comment:" + shaHash("c"),
		"   #indented:" + shaHash("c"),
		"",
		"   ",
		"alice:" + shaHash("a") + "\r",
		"alice:" + shaHash("a2"),
		"bob:" + shaHash("b") + ":extra:fields",
		"carol:" + shaHash("c") + "   \t",
		"   dave:" + shaHash("d"),
		"Erin:" + shaHash("e"),
		"jörg:" + shaHash("j"),
		"frank:",
		"gina::" + shaHash("g"),
		"hank:" + shaHash("h") + " :x",
		"ivan:" + shaHash("i")[:10] + "\\",
		shaHash("i")[10:],
		"judy :" + shaHash("u"),
		"kim: " + shaHash("k"),
		"lee:" + shaHash("l") + "\\",
		"",
		"nul:" + shaHash("n") + "\x00junk",
		":" + shaHash("empty"),
		"last:" + shaHash("z"),
	}, "\n")
	files["main"] = main
	logins := []login{}
	for _, u := range []struct{ user, pw string }{
		{"# comment", "c"}, {"#indented", "c"}, {"alice", "a"}, {"alice", "a2"}, {"bob", "b"}, {"carol", "c"},
		{"dave", "d"}, {"Erin", "e"}, {"erin", "e"}, {"jörg", "j"}, {"frank", ""}, {"frank", "x"}, {"gina", "g"},
		{"hank", "h"}, {"ivan", "i"}, {"judy", "u"}, {"judy ", "u"}, {"kim", "k"}, {"lee", "l"}, {"nul", "n"},
		{"", "empty"}, {"last", "z"}, {"nobody", "x"},
	} {
		logins = append(logins, login{"/main", u.user, u.pw}, login{"/main", u.user, u.pw + "x"})
	}
	// Lines around Apache's limit of 8190 bytes before the newline: a
	// longer line stops the reading, so "after" cannot log in.
	for _, n := range []int{8189, 8190, 8191, 8192} {
		for _, eol := range []string{"\n", "\r\n"} {
			for _, lead := range []string{"", "  "} {
				name := fmt.Sprintf("long%d-%d-%d", n, len(eol), len(lead))
				filler := lead + "# " + strings.Repeat("x", n-2-len(lead))
				files[name] = "before:" + shaHash("b") + "\n" + filler + eol + "after:" + shaHash("a") + "\n"
				logins = append(logins, login{"/" + name, "before", "b"}, login{"/" + name, "after", "a"})
			}
		}
	}
	// A continued line counts all its parts.
	for _, n := range []int{4094, 4095, 4096} {
		name := fmt.Sprintf("continued%d", n)
		part := "#" + strings.Repeat("y", n-1)
		files[name] = "before:" + shaHash("b") + "\n" + part + "\\\n" + part + "\nafter:" + shaHash("a") + "\n"
		logins = append(logins, login{"/" + name, "before", "b"}, login{"/" + name, "after", "a"})
	}
	for name, content := range files {
		w.location("/"+name, w.file(t, name, content), "", "Require valid-user")
	}
	w.start(t)
	for _, l := range logins {
		name := strings.TrimPrefix(l.path, "/")
		u, found := ReadUsers(name, []byte(files[name])).ByName[l.user]
		want := wantStatus(found && Verify(u.Hash, l.password))
		if got := w.status(t, l); got != want {
			t.Errorf("%s: user %q password %q: apache2 answers %d, ReadUsers+Verify give %d (found %v, hash %q)",
				l.path, l.user, l.password, got, want, found, u.Hash)
		}
	}
}

// TestGroupFileAsApache writes a group file with every quirk of the
// format and requires ReadGroups to put in each group whom a real
// apache2 finds there; group names compare without regard to case.
func TestGroupFileAsApache(t *testing.T) {
	t.Parallel()
	w := newApacheWorld(t)
	users := []string{"alice", "bob smith", "carol", "dave", "erin", "Erin", "frank", "gina", "hank", "ivan", "judy", "kim", `"q`, "lee", "mia"}
	var htpasswd strings.Builder
	for _, u := range users {
		htpasswd.WriteString(u + ":" + shaHash("pw") + "\n")
	}
	userFile := w.file(t, "users", htpasswd.String())
	groups := strings.Join([]string{
		"# pushers: mia",
		"pushers: alice \"bob smith\" 'carol'",
		"pushers: dave\r",
		"Readers: erin",
		"  leaders  : frank",
		"quoted: \"gina",
		"multi:: hank",
		"split: iv\\",
		"an judy",
		"esc: \"k\\im\" \\\"q",
		"nocolon lee",
		"tabs:\tmia\t",
	}, "\n") + "\n"
	groupFile := w.file(t, "groups", groups)
	names := []string{"pushers", "PUSHERS", "readers", "Readers", "leaders", "quoted", "multi", "split", "esc", "nocolon lee", "nocolon", "tabs", "\"k\\im\""}
	for i, g := range names {
		w.location(fmt.Sprintf("/g%d", i), userFile, groupFile, "Require group "+quoteWord(g))
	}
	w.start(t)
	parsed := ReadGroups("groups", []byte(groups))
	for i, g := range names {
		for _, u := range users {
			want := wantStatus(inGroup(parsed, g, u))
			if got := w.status(t, login{fmt.Sprintf("/g%d", i), u, "pw"}); got != want {
				t.Errorf("Require group %s, user %q: apache2 answers %d, ReadGroups gives %d (groups %q)", g, u, got, want, parsed.Members)
			}
		}
	}
}

// quoteWord writes a group name as one Require argument.
func quoteWord(s string) string {
	if !strings.ContainsAny(s, " \"'\\") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// inGroup reports whether user is a member of group as Apache's
// mod_authz_groupfile decides: group names match without regard to ASCII
// case (its table of the user's groups is an APR table), members exactly.
func inGroup(g *Groups, group, user string) bool {
	for name, members := range g.Members {
		if !strings.EqualFold(name, group) {
			continue
		}
		for _, m := range members {
			if m == user {
				return true
			}
		}
	}
	return false
}
