package server

import (
	"errors"
	"net"
	"strconv"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
)

// generation is one configuration at work: its servers, ports and logs.
// A reload builds a new one and retires the old, which closes its logs
// and backend connections once its last request is done.
type generation struct {
	srv   *Server
	cfg   *directives.Config
	main  *site
	vhost []*site          // in config order
	ports map[string]*port // by listenKey
	keys  []string         // the ports' keys in config order
	logs  *logSet
	// status is mod_status's settings in this configuration.
	status *statusSettings

	mu       sync.Mutex
	requests int // in flight
	retired  bool
}

// port is one Listen directive of a generation.
type port struct {
	conf directives.Listener
}

// listenKey names the socket a Listen directive binds, so a reload keeps
// a socket whose address stays.
func listenKey(l directives.Listener) string {
	return net.JoinHostPort(l.Addr, strconv.Itoa(l.Port))
}

func newGeneration(s *Server, cfg *directives.Config) (*generation, error) {
	if len(cfg.Listeners) == 0 {
		return nil, errors.New("AH00526: no listening sockets available, shutting down (no Listen directive)")
	}
	logs, err := openLogs(cfg, s.opts)
	if err != nil {
		return nil, err
	}
	g := &generation{srv: s, cfg: cfg, logs: logs, ports: map[string]*port{}, status: statusOf(cfg)}
	if err := g.build(); err != nil {
		g.close()
		return nil, err
	}
	return g, nil
}

func (g *generation) build() error {
	var err error
	if g.main, err = newSite(g, g.cfg.Main); err != nil {
		return err
	}
	for _, v := range g.cfg.VirtualHosts {
		st, err := newSite(g, v)
		if err != nil {
			return err
		}
		g.vhost = append(g.vhost, st)
	}
	for _, l := range g.cfg.Listeners {
		k := listenKey(l) // the model refuses a Listen given twice
		g.ports[k] = &port{conf: l}
		g.keys = append(g.keys, k)
	}
	return nil
}

// acquire counts a request in; false when the generation is retired and
// the request must go to the current one.
func (g *generation) acquire() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.retired {
		return false
	}
	g.requests++
	return true
}

// release counts a request out.
func (g *generation) release() {
	g.mu.Lock()
	g.requests--
	last := g.retired && g.requests == 0
	g.mu.Unlock()
	if last {
		g.close()
	}
}

// retire lets the generation's requests finish, then closes it.
func (g *generation) retire() {
	g.mu.Lock()
	if g.retired {
		g.mu.Unlock()
		return
	}
	g.retired = true
	idle := g.requests == 0
	g.mu.Unlock()
	if idle {
		g.close()
	}
}

func (g *generation) close() {
	for _, st := range append([]*site{g.main}, g.vhost...) {
		if st != nil {
			st.close()
		}
	}
	g.logs.Close()
}
