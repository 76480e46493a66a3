package directives

import (
	"strings"
	"testing"
)

const eventPrelude = "LoadModule mpm_event_module modules/mod_mpm_event.so\nLoadModule unixd_module modules/mod_unixd.so\n"

// Every message here was checked against apache2 -t (2.4) with the event
// MPM loaded, except where a comment says otherwise.
func TestProcessErrors(t *testing.T) {
	runErrorCases(t, eventPrelude, []errorCase{
		{"User root", "User root\n", 1, "Error:\tApache has not been designed to serve pages while\n\trunning as root."},
		{"User #0", "User #0\n", 1, "Error:\tApache has not been designed to serve pages while\n"},
		{"ChrootDir missing", "ChrootDir /nonexistent\n", 1, "ChrootDir must be a valid directory"},
		// Apache names its own suexec path, which in the httpd image is
		// under /usr/local/apache2/bin.
		{"Suexec On", "Suexec On\n", 1, "suEXEC isn't supported: Missing suexec binary "},
		{"StartServers in a VirtualHost", "<VirtualHost *:80>\nStartServers 2\n</VirtualHost>\n", 2,
			"StartServers cannot occur within <VirtualHost> section"},
		{"AsyncRequestWorkerFactor word", "AsyncRequestWorkerFactor abc\n", 1, "error parsing value"},
		{"AsyncRequestWorkerFactor 0", "AsyncRequestWorkerFactor 0\n", 1, "AsyncRequestWorkerFactor argument must be a positive number"},
		{"AsyncRequestWorkerFactor suffix", "AsyncRequestWorkerFactor 1.5x\n", 1, "error parsing value"},
		{"MaxMemFree negative", "MaxMemFree -1\n", 1, "Invalid MaxMemFree value: -1"},
		{"ListenBacklog 0", "ListenBacklog 0\n", 1, "ListenBacklog must be > 0"},
		{"ListenCoresBucketsRatio negative", "ListenCoresBucketsRatio -1\n", 1, "ListenCoresBucketsRatio must be > 0"},
		{"SendBufferSize small", "SendBufferSize 100\n", 1, "SendBufferSize must be >= 512 bytes, or 0 for system default."},
		{"CoreDumpDirectory missing", "CoreDumpDirectory /nonexistent\n", 1, "CoreDumpDirectory /nonexistent does not exist"},
		{"PidFile in a VirtualHost", "<VirtualHost *:80>\nPidFile x\n</VirtualHost>\n", 2, "PidFile cannot occur within <VirtualHost> section"},
		{"MinSpareServers is prefork's", "MinSpareServers 3\n", 1, "Invalid command 'MinSpareServers'"},
		{"ExtendedStatus maybe", "ExtendedStatus maybe\n", 1, "ExtendedStatus must be On or Off"},
		{"ExtendedStatus in a VirtualHost", "<VirtualHost *:80>\nExtendedStatus on\n</VirtualHost>\n", 2,
			"ExtendedStatus cannot occur within <VirtualHost> section"},
		{"Mutex in a VirtualHost", "<VirtualHost *:80>\nMutex default\n</VirtualHost>\n", 2, "Mutex cannot occur within <VirtualHost> section"},
		{"Mutex without arguments", "Mutex\n", 1, "Mutex requires at least a mechanism argument (Mutex mechanisms are: 'none', "},
		{"Mutex semaphore name that is no directory", "Mutex sem:/nonexist\n", 1, "Invalid Mutex directory in argument sem:/nonexist"},
		{"Mutex mpm-accept with event", "Mutex default mpm-accept\n", 1, "Mutex type mpm-accept is not valid"},
	})
	runErrorCases(t, "LoadModule mpm_prefork_module modules/mod_mpm_prefork.so\n", []errorCase{
		{"MinSpareThreads is not prefork's", "MinSpareThreads 3\n", 1, "Invalid command 'MinSpareThreads'"},
	})
}

func TestProcessModel(t *testing.T) {
	cfg := mustLoad(t, eventPrelude+`User #33
Group #44
StartServers 3
MaxClients 150
MaxRequestsPerChild 10
ThreadsPerChild 25
AsyncRequestWorkerFactor 2.5
ThreadStackSize abc
ListenBacklog 511
SendBufferSize 0
GracefulShutdownTimeout 5
`)
	p := cfg.Process
	if p.User != "#33" || p.UserID != 33 || p.GroupID != 44 {
		t.Errorf("user %q %d group %d", p.User, p.UserID, p.GroupID)
	}
	if *p.StartServers != 3 || *p.MaxRequestWorkers != 150 || *p.MaxConnectionsPerChild != 10 || *p.ThreadsPerChild != 25 ||
		*p.AsyncRequestWorkerFactor != 2.5 || *p.ThreadStackSize != 0 || *p.ListenBacklog != 511 ||
		*p.SendBufferSize != 0 || *p.GracefulShutdownTimeout != 5 {
		t.Errorf("MPM settings %+v", p)
	}
	var warned []string
	for _, w := range cfg.Warnings {
		warned = append(warned, w.Msg)
	}
	for _, want := range []string{"AH00521: MaxClients is deprecated", "AH00545: MaxRequestsPerChild is deprecated"} {
		if !strings.Contains(strings.Join(warned, "\n"), want) {
			t.Errorf("warnings %q lack %q", warned, want)
		}
	}
}

// An unknown user is fatal in Apache (AH00543) but only a warning here:
// gohttpd's image need not have the users of Apache's.
func TestUnknownUserWarns(t *testing.T) {
	cfg := mustLoad(t, eventPrelude+"User no-such-user-here\nGroup no-such-group-here\n")
	if cfg.Process.UserID != -1 || cfg.Process.GroupID != -1 {
		t.Errorf("ids %d %d, want -1", cfg.Process.UserID, cfg.Process.GroupID)
	}
	if len(cfg.Warnings) < 2 || !strings.Contains(cfg.Warnings[len(cfg.Warnings)-2].Msg, "AH00543: bad user name no-such-user-here") {
		t.Errorf("warnings %v", cfg.Warnings)
	}
}

func TestMPMTablesShareNames(t *testing.T) {
	for _, mpm := range []string{"mpm_event_module", "mpm_worker_module", "mpm_prefork_module"} {
		m := moduleByName[mpm]
		var names []string
		for _, c := range m.Commands {
			names = append(names, c.Name)
		}
		for _, want := range []string{"StartServers", "MaxRequestWorkers", "MaxClients", "ServerLimit", "ListenBacklog", "GracefulShutdownTimeout"} {
			if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
				t.Errorf("%s lacks %s", mpm, want)
			}
		}
	}
}
