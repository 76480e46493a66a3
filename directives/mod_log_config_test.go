package directives

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

const logPrelude = "LoadModule log_config_module modules/mod_log_config.so\nLoadModule logio_module modules/mod_logio.so\n"

// Every message here was checked against apache2 -t (2.4).
func TestLogConfigErrors(t *testing.T) {
	runErrorCases(t, logPrelude, []errorCase{
		{"LogFormat unknown item", "LogFormat \"%Z\" x\n", 1, "Unrecognized LogFormat directive %Z"},
		{"LogFormat unclosed brace", "LogFormat \"%{x\" x\n", 1, "Ran off end of LogFormat parsing args to some directive"},
		{"LogFormat % at the end", "LogFormat \"abc%\"\n", 1, "Ran off end of LogFormat parsing args to some directive"},
		{"LogFormat modifier at the end", "LogFormat \"%>\"\n", 1, "Ran off end of LogFormat parsing args to some directive"},
		{"LogFormat unknown ^ item", "LogFormat \"%^FB %^ti %^xx\" x\n", 1, "Unrecognized LogFormat directive %^"},
		{"LogFormat mod_ssl item without mod_ssl", "LogFormat \"%c\"\n", 1, "Unrecognized LogFormat directive %c"},
		{"LogFormat three arguments", "LogFormat x y z\n", 1,
			"LogFormat takes 1-2 arguments, a log format string (see docs) and an optional format name"},
		{"CustomLog unknown item", "CustomLog logs/x \"%Z\"\n", 1, "Unrecognized LogFormat directive %Z"},
		{"CustomLog one argument", "CustomLog logs/x\n", 1,
			"CustomLog takes two or three arguments, a file name, a custom log format string or format name, and an optional \"env=\" or \"expr=\" clause (see docs)"},
		{"CustomLog env= empty", "CustomLog logs/x common env=\n", 1, "missing environment variable name"},
		{"CustomLog env=! empty", "CustomLog logs/x common env=!\n", 1, "missing environment variable name"},
		{"CustomLog expr= empty", "CustomLog logs/x common expr=\n", 1, "missing condition"},
		{"CustomLog bad clause", "CustomLog logs/x common foo\n", 1, "error in condition clause"},
		{"CustomLog bad clause before bad format", "CustomLog logs/x \"%Z\" foo\n", 1, "error in condition clause"},
		{"CustomLog in a Location", "<Location />\nCustomLog logs/x common\n</Location>\n", 2, "CustomLog not allowed in <Location> context"},
		{"TransferLog two arguments", "TransferLog a b\n", 1, "TransferLog takes one argument, the filename of the access log"},
		{"GlobalLog in a VirtualHost", "<VirtualHost *:80>\nGlobalLog logs/y common\n</VirtualHost>\n", 2,
			"GlobalLog cannot occur within <VirtualHost> section"},
		{"BufferedLogs maybe", "BufferedLogs maybe\n", 1, "BufferedLogs must be On or Off"},
	})
}

func TestLogFormatItems(t *testing.T) {
	cfg := mustLoad(t, logPrelude+`LogFormat "%h %<s %>s %!200,304{Referer}i %{%Y}t %^ti %^FB %I \"%r\"\t%%" mine
`)
	f := cfg.Main.Log.Formats["mine"]
	var got []string
	for _, it := range f.Items {
		if it.Directive == "" {
			got = append(got, "'"+it.Literal+"'")
			continue
		}
		s := it.Directive
		if it.Arg != "" {
			s += "{" + it.Arg + "}"
		}
		if it.Original {
			s = "<" + s
		}
		if it.NegateConditions {
			s = "!" + s
		}
		for _, c := range it.Conditions {
			s += "/" + string(rune('0'+c/100))
		}
		got = append(got, s)
	}
	want := []string{"h", "' '", "<s", "' '", "s", "' '", "!i{Referer}/2/3", "' '", "t{%Y}", "' '", "^ti", "' '", "^FB", "' '",
		"I", "' \"'", "<r", "'\"\t'", "'%'"}
	if !slices.Equal(got, want) {
		t.Errorf("items\n%q\nwant\n%q", got, want)
	}
}

func TestLogServerModel(t *testing.T) {
	cfg := mustLoadFiles(t, map[string]string{"logs/.keep": ""}, logPrelude+`LogFormat "%h %>s" common
LogFormat "MAINDEF %s"
CustomLog logs/access common env=!dontlog
TransferLog "|/usr/bin/logger"
GlobalLog logs/all "%h" expr=%{REQUEST_STATUS}=200
BufferedLogs on
<VirtualHost *:80>
LogFormat "VHOST %s" common
CustomLog logs/vh common
</VirtualHost>
<VirtualHost *:81>
LogFormat vhdefault
LogFormat "%v" vhdefault
</VirtualHost>
`)
	main := &cfg.Main.Log
	if len(main.Logs) != 3 {
		t.Fatalf("main logs %+v", main.Logs)
	}
	access, transfer, global := main.Logs[0], main.Logs[1], main.Logs[2]
	if access.Env != "dontlog" || !access.EnvNegated || main.Format(access).Text != "%h %>s" {
		t.Errorf("access log %+v", access)
	}
	if transfer.Target != "|/usr/bin/logger" || main.Format(transfer).Text != "MAINDEF %s" {
		t.Errorf("TransferLog %+v writes %q", transfer, main.Format(transfer).Text)
	}
	if !global.Global || global.Expr != "%{REQUEST_STATUS}=200" || main.Format(global).Text != "%h" {
		t.Errorf("GlobalLog %+v", global)
	}

	vh := &cfg.VirtualHosts[0].Log
	active := vh.Active()
	if len(active) != 2 || active[0].Target != "logs/vh" || active[1] != global {
		t.Errorf("vhost with its own log writes to %+v, want it and the GlobalLog", active)
	}
	// Checked by serving a request with apache2: a virtual host's
	// nickname wins over the main server's.
	if vh.Format(active[0]).Text != "VHOST %s" || *vh.BufferedLogs != true {
		t.Errorf("vhost log format %q", vh.Format(active[0]).Text)
	}
	other := &cfg.VirtualHosts[1].Log
	if got := other.Active(); len(got) != 3 {
		t.Errorf("vhost without logs writes to %d logs, want the main server's 3", len(got))
	}
	if f := other.Format(transfer); f.Text != "%v" {
		t.Errorf("the main TransferLog in the second vhost writes %q, want its default format by nickname", f.Text)
	}
	if f := (&LogServerConfig{}).Format(&CustomLog{}); f.Text != CommonLogFormat {
		t.Errorf("no format at all: %q", f.Text)
	}
}

func TestCheckLogDirs(t *testing.T) {
	// Load runs the check after the directives, as Apache does.
	_, err := loadConfig(t, map[string]string{"httpd.conf": logPrelude + "CustomLog \"|cat\" common\nCustomLog /nonexistent/x common\n"}, Options{})
	var de *LogDirError
	if !errors.As(err, &de) || de.Dir != "/nonexistent/" || de.Line != 4 || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err %v", err)
	}
	// Checked against apache2 -t, which prints it after the errno text.
	if !strings.HasPrefix(err.Error(), "AH02297: Cannot access directory '/nonexistent/' for log file '/nonexistent/x' defined at ") {
		t.Errorf("message %q", err)
	}
}

func TestLogIOTrackTTFB(t *testing.T) {
	cfg := mustLoad(t, logPrelude+"LogIOTrackTTFB on\n<Location /a>\n</Location>\n<Location /b>\nLogIOTrackTTFB off\n</Location>\n")
	d := cfg.Main.Dir.Core
	a := cfg.Main.Sections[0].Dir.Core.merge(&d)
	b := cfg.Main.Sections[1].Dir.Core.merge(&d)
	if !*d.LogIOTrackTTFB || !*a.LogIOTrackTTFB || *b.LogIOTrackTTFB {
		t.Errorf("TTFB server %v, /a %v (inherited), /b %v", *d.LogIOTrackTTFB, *a.LogIOTrackTTFB, *b.LogIOTrackTTFB)
	}
}
