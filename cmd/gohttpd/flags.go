package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/auth"
)

const usage = `Usage: gohttpd [-f file] [-d serverroot] [-C "directive"] [-c "directive"]
               [-D name] [-e level] [-k start|restart|graceful|graceful-stop|stop]
               [-t] [-S] [-M] [-v] [-V] [-h] [--mount src:dst]... [--add-host name:ip]...
               [--auth-cache off|ttl=5m,size=10000]
       gohttpd check [-f file] [-d serverroot] [-D name]... [--mount src:dst]...
                     [--explain] [--strict]
Options:
  -f file            read this configuration file (relative to the ServerRoot;
                     default conf/httpd.conf)
  -d serverroot      the ServerRoot to start with (default /usr/local/apache2;
                     a ServerRoot directive in the file still wins)
  -C "directive"     process this directive before reading the config file
  -c "directive"     process this directive after reading the config file
  -D name            define a name for <IfDefine name> and Define's tests;
                     -DFOREGROUND is accepted: gohttpd always runs in the foreground
  -e level           show startup messages of this level and above (LogLevel's
                     levels; warn by default)
  -k start           serve in the foreground, as -DFOREGROUND, unless the
                     server the PidFile names runs
  -k stop|restart|graceful|graceful-stop
                     signal that server: SIGTERM, SIGHUP, SIGUSR1, SIGWINCH
  -t                 check the configuration's syntax as httpd -t does and exit
  -t -D DUMP_VHOSTS  show the virtual hosts as httpd does
  -t -D DUMP_RUN_CFG show the run settings
  -t -D DUMP_MODULES show the modules the config loads
  -t -D DUMP_INCLUDES show the configuration files read
  -S                 -t -D DUMP_VHOSTS -D DUMP_RUN_CFG
  -M                 -t -D DUMP_MODULES
  -v                 print the version and exit
  -V                 print the version and build settings and exit
  -h                 print this help and exit
  --mount src:dst    read files the config names under dst from src instead,
                     as a container volume would (repeatable)
  --add-host name:ip connect to backends named name at ip, as a compose
                     links: entry would (repeatable)
  --auth-cache spec  gohttpd's credential cache for basic auth, which Apache
                     lacks: off, on (the default: ttl=5m,size=10000), or
                     ttl=DURATION,size=ENTRIES
check, beyond -t:
  --explain          print, per virtual host and location, who may use each
                     method and where it goes
  --strict           exit 1 when there are warnings
`

// flags are the parsed command line.
type flags struct {
	options                              directives.Options
	test, version, help, explain, strict bool
	hosts                                []addHost // --add-host
	compileSettings                      bool      // -V
	control                              string    // -k
	startupLevel                         string    // -e
	authCache                            auth.CacheOptions
}

// parseFlags parses httpd's flags; check adds its own when forCheck.
// Flags take their value attached (-DFOREGROUND) or as the next argument.
func parseFlags(args []string, forCheck bool) (*flags, error) {
	f := &flags{}
	o := &f.options
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func() (string, error) {
			if len(a) > 2 && !strings.HasPrefix(a, "--") {
				return a[2:], nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("option %s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var err error
		var v string
		switch {
		case strings.HasPrefix(a, "--mount"):
			if v, ok := strings.CutPrefix(a, "--mount="); ok {
				err = addMount(o, v)
			} else if a == "--mount" {
				if v, err = value(); err == nil {
					err = addMount(o, v)
				}
			} else {
				err = fmt.Errorf("unknown option %s", a)
			}
		case strings.HasPrefix(a, "--add-host") && !forCheck:
			v, ok := strings.CutPrefix(a, "--add-host=")
			if !ok && a == "--add-host" {
				v, err = value()
			} else if !ok {
				err = fmt.Errorf("unknown option %s", a)
			}
			if err == nil {
				var h addHost
				h, err = parseAddHost(v)
				f.hosts = append(f.hosts, h)
			}
		case strings.HasPrefix(a, "--auth-cache") && !forCheck:
			v, ok := strings.CutPrefix(a, "--auth-cache=")
			if !ok && a == "--auth-cache" {
				v, err = value()
			} else if !ok {
				err = fmt.Errorf("unknown option %s", a)
			}
			if err == nil {
				f.authCache, err = auth.ParseCacheOptions(v)
			}
		case forCheck && a == "--explain":
			f.explain = true
		case forCheck && a == "--strict":
			f.strict = true
		case strings.HasPrefix(a, "-f"):
			v, err = value()
			o.File = v
		case strings.HasPrefix(a, "-d"):
			v, err = value()
			o.ServerRoot = v
		case strings.HasPrefix(a, "-C") && !forCheck:
			v, err = value()
			o.Before = append(o.Before, v)
		case strings.HasPrefix(a, "-c") && !forCheck:
			v, err = value()
			o.After = append(o.After, v)
		case strings.HasPrefix(a, "-D"):
			v, err = value()
			o.Defines = append(o.Defines, v)
		case a == "-t" && !forCheck:
			f.test = true
		case a == "-v" && !forCheck:
			f.version = true
		case a == "-V" && !forCheck:
			f.compileSettings = true
		case a == "-S" && !forCheck:
			f.test = true
			o.Defines = append(o.Defines, "DUMP_VHOSTS", "DUMP_RUN_CFG")
		case a == "-M" && !forCheck:
			f.test = true
			o.Defines = append(o.Defines, "DUMP_MODULES")
		case strings.HasPrefix(a, "-k") && !forCheck:
			v, err = value()
			f.control = v
			if err == nil && !validControl(v) {
				err = fmt.Errorf("-k %s: want start, stop, restart, graceful or graceful-stop", v)
			}
		case strings.HasPrefix(a, "-e") && !forCheck:
			v, err = value()
			f.startupLevel = v
			if err == nil && !validLevel(v) {
				err = fmt.Errorf("-e %s: not a log level", v)
			}
		case a == "-h" || a == "--help":
			f.help = true
		default:
			err = fmt.Errorf("unknown option %s", a)
		}
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

func addMount(o *directives.Options, v string) error {
	m, err := directives.ParseMount(v)
	if err != nil {
		return err
	}
	o.Mounts = append(o.Mounts, m)
	return nil
}

var errWarnings = errors.New("warnings found (--strict)")
