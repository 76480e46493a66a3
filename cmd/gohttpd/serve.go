package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server"
)

// addHost is one --add-host NAME:IP: backends named NAME are dialed at
// IP, as a compose links: entry or docker run --add-host makes them
// resolve.
type addHost struct {
	name string
	ip   netip.Addr
}

func parseAddHost(v string) (addHost, error) {
	name, ip, ok := strings.Cut(v, ":")
	if !ok || name == "" {
		return addHost{}, fmt.Errorf("--add-host %q: want NAME:IP", v)
	}
	addr, err := netip.ParseAddr(strings.Trim(ip, "[]"))
	if err != nil {
		return addHost{}, fmt.Errorf("--add-host %q: %w", v, err)
	}
	return addHost{name: strings.ToLower(name), ip: addr}, nil
}

// dialer connects to backends, sending the --add-host names to their IPs.
func dialer(hosts []addHost) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err == nil {
			for _, h := range hosts {
				if strings.EqualFold(host, h.name) {
					addr = net.JoinHostPort(h.ip.String(), port)
					break
				}
			}
		}
		return d.DialContext(ctx, network, addr)
	}
}

// serve runs cfg until a signal stops it, as httpd -DFOREGROUND: SIGTERM
// and SIGINT stop at once, SIGWINCH stops gracefully (requests in flight
// finish, within GracefulShutdownTimeout when set). SIGUSR1 and SIGHUP
// re-read the configuration and switch to it without dropping a
// connection; a configuration that does not load keeps the old one
// serving (where httpd would exit).
func serve(cfg *directives.Config, f *flags, stderr io.Writer) int {
	srvFiles := &directives.Files{Mounts: f.options.Mounts}
	srv, err := server.New(cfg, server.Options{
		Files:     srvFiles,
		Dial:      dialer(f.hosts),
		AuthCache: f.authCache,
	})
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progName, err)
		return 1
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGWINCH, syscall.SIGUSR1, syscall.SIGHUP)
	defer signal.Stop(sig)
	defer writePid(pidFileOf(cfg, &directives.Files{Mounts: f.options.Mounts}), stderr)()
	for _, step := range []func() error{srv.Bind, func() error { return dropPrivileges(cfg, f, srvFiles) }, srv.Start} {
		if err := step(); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progName, err)
			srv.Close()
			return 1
		}
	}
	s := <-sig
	for ; s == syscall.SIGUSR1 || s == syscall.SIGHUP; s = <-sig {
		reload(srv, f, stderr)
	}
	if s != syscall.SIGWINCH {
		srv.Close()
		return 0
	}
	ctx := context.Background()
	if t := cfg.Process.GracefulShutdownTimeout; t != nil && *t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(*t)*time.Second)
		defer cancel()
	}
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	return 0
}

// reload re-reads the configuration as it was named at start and
// switches srv to it, or says why not and keeps the old one.
func reload(srv *server.Server, f *flags, stderr io.Writer) {
	cfg, ok := load(f, stderr)
	if !ok {
		fmt.Fprintf(stderr, "%s: the configuration did not load; still serving the previous one\n", progName)
		return
	}
	if err := srv.Reload(cfg); err != nil {
		fmt.Fprintf(stderr, "%s: %v; still serving the previous configuration\n", progName, err)
		return
	}
	fmt.Fprintf(stderr, "%s: configuration reloaded\n", progName)
}

// dropPrivileges is mod_unixd: a server started as root switches every
// thread to User and Group once its sockets are bound and keys read; one
// started as anyone else, or without mod_unixd loaded, goes on as it is.
// As Apache's set_group_privs, the supplementary groups are User's in
// /etc/group (initgroups), read through files as the names were.
// TLS files only root may read are kept as read before the switch (see
// holdSecrets), so that a reload still finds them.
// Changing every uid away from 0 also empties the permitted, effective
// and ambient capability sets (the kernel does it; nothing keeps them);
// the bounding set is left as inherited, as Apache leaves it.
func dropPrivileges(cfg *directives.Config, f *flags, files *directives.Files) error {
	if os.Geteuid() != 0 || !slices.Contains(cfg.Modules, "unixd_module") {
		return nil
	}
	id, err := unixdIdentity(&cfg.Process, files)
	if err != nil {
		return err
	}
	// Read before the switch what only root may read, so that a reload
	// as User still finds it (Apache's parent stays root for that).
	held := holdSecrets(cfg, files)
	if err := syscall.Setgid(id.gid); err != nil {
		return fmt.Errorf("AH02156: setgid: unable to set group id to Group %d: %w", id.gid, err)
	}
	if err := syscall.Setgroups(id.groups); err != nil {
		return fmt.Errorf("AH02157: initgroups: unable to set groups for User %s and Group %d: %w", id.name, id.gid, err)
	}
	if err := syscall.Setuid(id.uid); err != nil {
		return fmt.Errorf("AH02162: setuid: unable to change to uid: %d: %w", id.uid, err)
	}
	held.keepUnreadable(f, files)
	return nil
}

// lookupID finds a user's (or with group, a group's) numeric id by name.
func lookupID(name string, group bool) (int, error) {
	if group {
		g, err := user.LookupGroup(name)
		if err != nil {
			return -1, err
		}
		return strconv.Atoi(g.Gid)
	}
	u, err := user.Lookup(name)
	if err != nil {
		return -1, err
	}
	return strconv.Atoi(u.Uid)
}
