package directives

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// ProcessConfig is what concerns the process rather than requests: the
// MPM's tuning, the scoreboard, mutexes, mod_unixd's user and group. All
// of it is global in Apache (set outside <VirtualHost>); nil is unset.
//
// gohttpd is one process serving each connection on a goroutine, so most
// of this has no counterpart; it is kept so configs load as in Apache and
// the server can say what it does with it. The server honours PidFile
// (it writes its pid there) and may bound the connections it serves at
// once by MaxRequestWorkers, and the listen socket by ListenBacklog,
// SendBufferSize and ReceiveBufferSize; User and Group tell whom Apache
// would serve as. The process-count and thread settings, MaxMemFree,
// ThreadStackSize, CoreDumpDirectory, ChrootDir, the scoreboard and
// mutexes are ignored knowingly.
type ProcessConfig struct {
	// mod_unixd; empty when not set (Apache's default is daemon). UserID
	// and GroupID are what the names resolve to in the /etc/passwd and
	// /etc/group the config sees, -1 when unknown; only with a name.
	User, Group     string
	UserID, GroupID int
	ChrootDir       string
	Suexec          *bool

	// Declared by the core (mpm_common.c, scoreboard.c).
	PidFile                string // as written; relative to the ServerRoot
	ScoreBoardFile         string
	CoreDumpDirectory      string // absolute
	MaxConnectionsPerChild *int   // MaxRequestsPerChild is its old name; 0: no limit
	MaxMemFree             *int   // in KiB
	ThreadStackSize        *int
	// ExtendedStatus is whether mod_status shows per-request detail; unset
	// is on when mod_status is loaded, as Apache.
	ExtendedStatus *bool
	SeeRequestTail *bool
	// Mutexes maps a mutex type ("default", "ssl-cache" …) to its Mutex.
	Mutexes map[string]Mutex

	// Declared by the MPMs (event.c, worker.c, prefork.c, listen.c).
	StartServers             *int
	MinSpareThreads          *int
	MaxSpareThreads          *int
	MinSpareServers          *int
	MaxSpareServers          *int
	ThreadsPerChild          *int
	ThreadLimit              *int
	ServerLimit              *int
	MaxRequestWorkers        *int // MaxClients is its old name
	AsyncRequestWorkerFactor *float64
	GracefulShutdownTimeout  *int // seconds; 0: wait for ever
	ListenBacklog            *int
	ListenCoresBucketsRatio  *int
	SendBufferSize           *int // 0: the system's
	ReceiveBufferSize        *int
}

// Mutex is one Mutex directive's choice for a mutex type.
type Mutex struct {
	None      bool   // "none"
	Mechanism string // "default", "fcntl", "flock", "posixsem", "sysvsem", "pthread"
	Dir       string // where lock files go; empty: the default
	OmitPID   bool
}

// mutexMechanisms is Apache's list of mechanisms on Linux, for messages.
const mutexMechanisms = "Mutex mechanisms are: 'none', 'default', 'flock:/path/to/file', 'fcntl:/path/to/file', " +
	"'file:/path/to/file', 'pthread', 'sysvsem', 'posixsem', 'sem'"

// coreProcessCommands are the process-wide directives the core declares.
var coreProcessCommands = []*Command{
	{Name: "PidFile", How: Take1, Where: RsrcConf, Run: setPidFile, Usage: "A file for logging the server process ID"},
	{Name: "ScoreBoardFile", How: Take1, Where: RsrcConf, Run: processString(func(p *ProcessConfig) *string { return &p.ScoreBoardFile }),
		Usage: "A file for Apache to maintain runtime process management information"},
	{Name: "MaxRequestsPerChild", How: Take1, Where: RsrcConf, Run: setMaxConnectionsPerChild,
		Usage: "Maximum number of connections a particular child serves before dying. (DEPRECATED, use MaxConnectionsPerChild)"},
	{Name: "MaxConnectionsPerChild", How: Take1, Where: RsrcConf, Run: setMaxConnectionsPerChild,
		Usage: "Maximum number of connections a particular child serves before dying."},
	{Name: "CoreDumpDirectory", How: Take1, Where: RsrcConf, Run: setCoreDumpDirectory,
		Usage: "The location of the directory Apache changes to before dumping core"},
	{Name: "MaxMemFree", How: Take1, Where: RsrcConf, Run: processSize(func(p *ProcessConfig) **int { return &p.MaxMemFree }),
		Usage: "Maximum number of 1k blocks a particular child's allocator may hold."},
	{Name: "ThreadStackSize", How: Take1, Where: RsrcConf, Run: processSize(func(p *ProcessConfig) **int { return &p.ThreadStackSize }),
		Usage: "Size in bytes of stack used by threads handling client connections"},
	{Name: "ExtendedStatus", How: Flag, Where: RsrcConf, Run: processFlag(func(p *ProcessConfig) **bool { return &p.ExtendedStatus }),
		Usage: "\"On\" to track extended status information, \"Off\" to disable"},
	{Name: "SeeRequestTail", How: Flag, Where: RsrcConf, Run: processFlag(func(p *ProcessConfig) **bool { return &p.SeeRequestTail }),
		Usage: "For extended status, \"On\" to see the last 63 chars of the request line, \"Off\" (default) to see the first 63"},
	{Name: "Mutex", How: RawArgs, Where: RsrcConf, Run: setMutex, Usage: "mutex (or \"default\") and mechanism"},
}

// mpmCommands returns an MPM's table: listen.c's LISTEN_COMMANDS (but
// Listen, which gohttpd's core declares, having no MPM to load), the
// tuning directives it names, and GracefulShutdownTimeout.
func mpmCommands(names ...string) []*Command {
	cmds := []*Command{
		{Name: "ListenBacklog", How: Take1, Where: RsrcConf, Run: setListenInt(func(p *ProcessConfig) **int { return &p.ListenBacklog }, 1),
			Usage: "Maximum length of the queue of pending connections, as used by listen(2)"},
		{Name: "ListenCoresBucketsRatio", How: Take1, Where: RsrcConf, Run: setListenInt(func(p *ProcessConfig) **int { return &p.ListenCoresBucketsRatio }, 1),
			Usage: "Ratio between the number of CPU cores (online) and the number of listeners buckets"},
		{Name: "SendBufferSize", How: Take1, Where: RsrcConf, Run: setBufferSize(func(p *ProcessConfig) **int { return &p.SendBufferSize }),
			Usage: "Send buffer size in bytes"},
		{Name: "ReceiveBufferSize", How: Take1, Where: RsrcConf, Run: setBufferSize(func(p *ProcessConfig) **int { return &p.ReceiveBufferSize }),
			Usage: "Receive buffer size in bytes"},
	}
	for _, n := range names {
		cmd := *mpmTuning[n]
		cmds = append(cmds, &cmd)
	}
	return append(cmds, &Command{Name: "GracefulShutdownTimeout", How: Take1, Where: RsrcConf,
		Run:   processInt(func(p *ProcessConfig) **int { return &p.GracefulShutdownTimeout }),
		Usage: "Maximum time in seconds to wait for child processes to complete transactions during shutdown"})
}

// mpmTuning are the MPMs' own directives by name; each MPM's table takes
// a copy of those it declares. Usages are event's; prefork words two
// differently.
var mpmTuning = map[string]*Command{
	"StartServers": {Name: "StartServers", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.StartServers }),
		Usage: "Number of child processes launched at server startup"},
	"ServerLimit": {Name: "ServerLimit", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.ServerLimit }),
		Usage: "Maximum number of child processes for this run of Apache"},
	"MinSpareThreads": {Name: "MinSpareThreads", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.MinSpareThreads }),
		Usage: "Minimum number of idle threads, to handle request spikes"},
	"MaxSpareThreads": {Name: "MaxSpareThreads", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.MaxSpareThreads }),
		Usage: "Maximum number of idle threads"},
	"MinSpareServers": {Name: "MinSpareServers", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.MinSpareServers }),
		Usage: "Minimum number of idle children, to handle request spikes"},
	"MaxSpareServers": {Name: "MaxSpareServers", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.MaxSpareServers }),
		Usage: "Maximum number of idle children"},
	"MaxClients": {Name: "MaxClients", How: Take1, Where: RsrcConf, Run: setMaxRequestWorkers,
		Usage: "Deprecated name of MaxRequestWorkers"},
	"MaxRequestWorkers": {Name: "MaxRequestWorkers", How: Take1, Where: RsrcConf, Run: setMaxRequestWorkers,
		Usage: "Maximum number of threads alive at the same time"},
	"ThreadsPerChild": {Name: "ThreadsPerChild", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.ThreadsPerChild }),
		Usage: "Number of threads each child creates"},
	"ThreadLimit": {Name: "ThreadLimit", How: Take1, Where: RsrcConf, Run: processInt(func(p *ProcessConfig) **int { return &p.ThreadLimit }),
		Usage: "Maximum number of worker threads per child process for this run of Apache - Upper limit for ThreadsPerChild"},
	"AsyncRequestWorkerFactor": {Name: "AsyncRequestWorkerFactor", How: Take1, Where: RsrcConf, Run: setAsyncRequestWorkerFactor,
		Usage: "How many additional connects will be accepted per idle worker thread"},
}

func init() {
	register(&Module{Name: "unixd_module", Source: "mod_unixd.c", Commands: []*Command{
		{Name: "User", How: Take1, Where: RsrcConf, Run: setUser, Usage: "Effective user id for this server"},
		{Name: "Group", How: Take1, Where: RsrcConf, Run: setGroup, Usage: "Effective group id for this server"},
		{Name: "ChrootDir", How: Take1, Where: RsrcConf, Run: setChrootDir, Usage: "The directory to chroot(2) into"},
		{Name: "Suexec", How: Flag, Where: RsrcConf, Run: setSuexec, Usage: "Enable or disable suEXEC support"},
	}})
	register(&Module{Name: "mpm_event_module", Source: "event.c", Commands: mpmCommands("StartServers", "ServerLimit",
		"MinSpareThreads", "MaxSpareThreads", "MaxClients", "MaxRequestWorkers", "ThreadsPerChild", "ThreadLimit",
		"AsyncRequestWorkerFactor")})
	register(&Module{Name: "mpm_worker_module", Source: "worker.c", Commands: mpmCommands("StartServers",
		"MinSpareThreads", "MaxSpareThreads", "MaxRequestWorkers", "MaxClients", "ThreadsPerChild", "ServerLimit",
		"ThreadLimit")})
	prefork := mpmCommands("StartServers", "MinSpareServers", "MaxSpareServers", "MaxClients", "MaxRequestWorkers", "ServerLimit")
	for _, c := range prefork {
		switch c.Name {
		case "MaxRequestWorkers":
			c.Usage = "Maximum number of children alive at the same time"
		case "ServerLimit":
			c.Usage = "Maximum value of MaxRequestWorkers for this run of Apache"
		}
	}
	register(&Module{Name: "mpm_prefork_module", Source: "prefork.c", Commands: prefork})
}

// processInt sets a number of the process config, read as C's atoi.
func processInt(field func(*ProcessConfig) **int) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(GlobalOnly); err != nil {
			return err
		}
		*field(&c.Config.Process) = ptr(cAtoi(args[0]))
		return nil
	}
}

func processFlag(field func(*ProcessConfig) **bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(GlobalOnly); err != nil {
			return err
		}
		*field(&c.Config.Process) = ptr(args[0] == "on")
		return nil
	}
}

func processString(field func(*ProcessConfig) *string) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(GlobalOnly); err != nil {
			return err
		}
		*field(&c.Config.Process) = args[0]
		return nil
	}
}

// processSize sets MaxMemFree or ThreadStackSize: a non-negative long.
func processSize(field func(*ProcessConfig) **int) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(GlobalOnly); err != nil {
			return err
		}
		n, _, _, overflow := cStrtol(args[0])
		if n < 0 || overflow {
			return fmt.Errorf("Invalid %s value: %s", c.Command.Name, args[0])
		}
		*field(&c.Config.Process) = ptr(int(n))
		return nil
	}
}

func setPidFile(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	c.Config.Process.PidFile = args[0]
	return nil
}

func setMaxConnectionsPerChild(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if strings.EqualFold(c.Command.Name, "MaxRequestsPerChild") {
		c.Warn("AH00545: MaxRequestsPerChild is deprecated, use MaxConnectionsPerChild instead.")
	}
	c.Config.Process.MaxConnectionsPerChild = ptr(cAtoi(args[0]))
	return nil
}

func setMaxRequestWorkers(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if strings.EqualFold(c.Command.Name, "MaxClients") {
		c.Warn("AH00521: MaxClients is deprecated, use MaxRequestWorkers instead.")
	}
	c.Config.Process.MaxRequestWorkers = ptr(cAtoi(args[0]))
	return nil
}

func setCoreDumpDirectory(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	dir := c.ServerRootRelative(args[0])
	fi, err := c.Files().Stat(dir)
	if err != nil {
		return fmt.Errorf("CoreDumpDirectory %s does not exist", dir)
	}
	if !fi.IsDir() {
		return fmt.Errorf("CoreDumpDirectory %s is not a directory", dir)
	}
	c.Config.Process.CoreDumpDirectory = dir
	return nil
}

// setAsyncRequestWorkerFactor reads a positive number as C's strtod.
func setAsyncRequestWorkerFactor(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	v, err := strconv.ParseFloat(strings.TrimLeft(args[0], " \t"), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return errors.New("error parsing value")
	}
	if v <= 0 {
		return errors.New("AsyncRequestWorkerFactor argument must be a positive number")
	}
	c.Config.Process.AsyncRequestWorkerFactor = &v
	return nil
}

// setListenInt sets ListenBacklog or ListenCoresBucketsRatio, at least min.
func setListenInt(field func(*ProcessConfig) **int, min int) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(GlobalOnly); err != nil {
			return err
		}
		n := cAtoi(args[0])
		if n < min {
			return fmt.Errorf("%s must be > 0", c.Command.Name)
		}
		*field(&c.Config.Process) = &n
		return nil
	}
}

func setBufferSize(field func(*ProcessConfig) **int) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		n := cAtoi(args[0])
		if err := c.Check(GlobalOnly); err != nil {
			return err
		}
		if n < 512 && n != 0 {
			return fmt.Errorf("%s must be >= 512 bytes, or 0 for system default.", c.Command.Name)
		}
		*field(&c.Config.Process) = &n
		return nil
	}
}

// setMutex parses Mutex as Apache's ap_set_mutex: a mechanism (with an
// optional directory), then mutex types (default "default") and OmitPID.
func setMutex(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	words := parser.Words(args[0])
	if len(words) == 0 {
		return errors.New("Mutex requires at least a mechanism argument (" + mutexMechanisms + ")")
	}
	m, err := parseMutexMechanism(c, words[0])
	if err != nil {
		return err
	}
	var types []string
	for _, w := range words[1:] {
		if strings.EqualFold(w, "omitpid") {
			m.OmitPID = true
		} else {
			types = append(types, w)
		}
	}
	if len(types) == 0 {
		types = []string{"default"}
	}
	valid := mutexTypes(c)
	p := &c.Config.Process
	for _, t := range slices.Backward(types) {
		if !slices.Contains(valid, t) {
			return fmt.Errorf("Mutex type %s is not valid", t)
		}
		if m.None {
			return fmt.Errorf("None is not allowed for mutex type %s", t)
		}
		p.Mutexes = overlay(p.Mutexes, map[string]Mutex{t: m})
	}
	return nil
}

// parseMutexMechanism reads "mech[:dir]" as Apache's ap_parse_mutex.
func parseMutexMechanism(c *Cmd, arg string) (Mutex, error) {
	meth, file, _ := strings.Cut(arg, ":")
	var m Mutex
	switch strings.ToLower(meth) {
	case "none", "no":
		return Mutex{None: true}, nil
	case "default", "yes":
		m.Mechanism = "default"
	case "fcntl", "file":
		m.Mechanism = "fcntl"
	case "flock":
		m.Mechanism = "flock"
	case "posixsem", "sem":
		// A semaphore's "file" is a name, taken as written, yet Apache
		// still checks it is a directory.
		m.Mechanism = "posixsem"
		if file != "" {
			if fi, err := c.Files().Stat(file); err != nil || !fi.IsDir() {
				return Mutex{}, errors.New("Invalid Mutex directory in argument " + arg)
			}
		}
		return Mutex{Mechanism: "posixsem", Dir: file}, nil
	case "sysvsem":
		m.Mechanism = "sysvsem"
	case "pthread":
		m.Mechanism = "pthread"
	default:
		return Mutex{}, fmt.Errorf("Invalid Mutex argument %s (%s)", arg, mutexMechanisms)
	}
	if file != "" {
		m.Dir = c.ServerRootRelative(file)
		if fi, err := c.Files().Stat(m.Dir); err != nil || !fi.IsDir() {
			return Mutex{}, errors.New("Invalid Mutex directory in argument " + arg)
		}
	}
	return m, nil
}

// mutexTypes are the mutex types the loaded modules register (in their
// pre_config, so before any directive runs).
func mutexTypes(c *Cmd) []string {
	types := []string{"default"}
	for module, ts := range map[string][]string{
		"mpm_prefork_module":    {"mpm-accept"},
		"mpm_worker_module":     {"mpm-accept"},
		"ssl_module":            {"ssl-cache", "ssl-stapling", "ssl-stapling-refresh"},
		"proxy_module":          {"proxy"},
		"proxy_balancer_module": {"proxy-balancer-shm"},
		"auth_digest_module":    {"authdigest-client", "authdigest-opaque"},
		"authn_socache_module":  {"authn-socache"},
		"cache_socache_module":  {"cache-socache"},
		"watchdog_module":       {"watchdog-callback"},
		"ldap_module":           {"ldap-cache"},
		"lua_module":            {"lua-ivm-shm"},
		"rewrite_module":        {"rewrite-map"},
	} {
		if c.ModuleLoaded(module) {
			types = append(types, ts...)
		}
	}
	return types
}

// setUser records the user Apache would serve as; root is refused, as
// Apache built without BIG_SECURITY_HOLE does.
func setUser(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	p := &c.Config.Process
	p.User, p.UserID = args[0], lookupID(c, "/etc/passwd", args[0])
	if p.UserID == 0 {
		return errors.New("Error:\tApache has not been designed to serve pages while\n" +
			"\trunning as root.  There are known race conditions that\n" +
			"\twill allow any local user to read any file on the system.\n" +
			"\tIf you still desire to serve pages as root then\n" +
			"\tadd -DBIG_SECURITY_HOLE to the CFLAGS env variable\n" +
			"\tand then rebuild the server.\n" +
			"\tIt is strongly suggested that you instead modify the User\n" +
			"\tdirective in your httpd.conf file to list a non-root\n" +
			"\tuser.\n")
	}
	return nil
}

func setGroup(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	p := &c.Config.Process
	p.Group, p.GroupID = args[0], lookupID(c, "/etc/group", args[0])
	return nil
}

// lookupID resolves "#n" or a name in a passwd-style file. Apache exits
// when a name is unknown (AH00543/AH00544); gohttpd's image need not have
// the users of Apache's, so an unknown name is a warning and -1.
func lookupID(c *Cmd, file, name string) int {
	if strings.HasPrefix(name, "#") {
		return cAtoi(name[1:])
	}
	data, err := c.Files().ReadFile(file)
	if err == nil {
		if id, ok := passwdID(string(data), name); ok {
			return id
		}
	}
	if name == "root" {
		return 0
	}
	what := map[string]string{"/etc/passwd": "AH00543: bad user name", "/etc/group": "AH00544: bad group name"}[file]
	c.Warn("%s %s (Apache would not start)", what, name)
	return -1
}

// passwdID finds name's line in the text of a passwd-style file and
// returns its third field as a number: the id, as getpwnam and getgrnam
// read it. Lines end at a newline, a carriage return before it dropped.
func passwdID(data, name string) (int, bool) {
	for line := range strings.Lines(data) {
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		user, rest, ok := strings.Cut(line, ":")
		if !ok || user != name {
			continue
		}
		_, rest, ok = strings.Cut(rest, ":") // the password field
		if !ok {
			continue
		}
		field, _, _ := strings.Cut(rest, ":")
		if id, err := strconv.Atoi(field); err == nil {
			return id, true
		}
	}
	return 0, false
}

func setChrootDir(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if fi, err := c.Files().Stat(args[0]); err != nil || !fi.IsDir() {
		return errors.New("ChrootDir must be a valid directory")
	}
	c.Config.Process.ChrootDir = args[0]
	return nil
}

// setSuexec refuses Suexec On as an Apache without the suexec binary
// does: gohttpd runs no CGI, so it has no suEXEC wrapper.
func setSuexec(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if args[0] == "on" {
		return errors.New("suEXEC isn't supported: Missing suexec binary " + DefaultServerRoot + "/bin/suexec")
	}
	c.Config.Process.Suexec = ptr(false)
	return nil
}
