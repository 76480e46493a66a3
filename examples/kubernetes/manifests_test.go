package kubernetes

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/gohttpd/gohttpd/directives"
)

// The parts of the manifests the tests check, in Kubernetes' field names.
type (
	object struct {
		Kind     string `yaml:"kind"`
		Metadata struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
		Spec spec `yaml:"spec"`
	}
	spec struct {
		// Deployment
		Replicas int           `yaml:"replicas"`
		Selector labelSelector `yaml:"selector"`
		Template struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec podSpec `yaml:"spec"`
		} `yaml:"template"`
		// Service
		Ports []servicePort `yaml:"ports"`
		// PodDisruptionBudget
		MaxUnavailable int `yaml:"maxUnavailable"`
	}
	// labelSelector is a Deployment's and a PodDisruptionBudget's
	// selector; a Service's selector is the bare label map.
	labelSelector struct {
		MatchLabels map[string]string `yaml:"matchLabels"`
	}
	servicePort struct {
		Port       int    `yaml:"port"`
		TargetPort string `yaml:"targetPort"`
	}
	podSpec struct {
		SecurityContext struct {
			RunAsNonRoot bool `yaml:"runAsNonRoot"`
			RunAsUser    *int `yaml:"runAsUser"`
			RunAsGroup   *int `yaml:"runAsGroup"`
			FSGroup      *int `yaml:"fsGroup"`
		} `yaml:"securityContext"`
		Containers []container `yaml:"containers"`
		Volumes    []volume    `yaml:"volumes"`
	}
	container struct {
		Image string `yaml:"image"`
		Ports []struct {
			Name          string `yaml:"name"`
			ContainerPort int    `yaml:"containerPort"`
		} `yaml:"ports"`
		ReadinessProbe *probe `yaml:"readinessProbe"`
		LivenessProbe  *probe `yaml:"livenessProbe"`
		Resources      struct {
			Requests map[string]string `yaml:"requests"`
			Limits   map[string]string `yaml:"limits"`
		} `yaml:"resources"`
		SecurityContext struct {
			ReadOnlyRootFilesystem bool `yaml:"readOnlyRootFilesystem"`
		} `yaml:"securityContext"`
		VolumeMounts []struct {
			Name      string `yaml:"name"`
			MountPath string `yaml:"mountPath"`
			SubPath   string `yaml:"subPath"`
		} `yaml:"volumeMounts"`
	}
	probe struct {
		TCPSocket *struct {
			Port string `yaml:"port"`
		} `yaml:"tcpSocket"`
	}
	volume struct {
		Name   string `yaml:"name"`
		Secret *struct {
			SecretName  string `yaml:"secretName"`
			DefaultMode *int   `yaml:"defaultMode"`
			Items       []any  `yaml:"items"`
		} `yaml:"secret"`
		EmptyDir any `yaml:"emptyDir"`
	}
)

// secretName is the Secret README.md creates from the recipe's auth
// directory; secretKeys are the files that directory holds, each a key
// of the Secret.
const secretName = "registry-auth"

var secretKeys = []string{"httpd.conf", "domain.crt", "domain.key", "httpd.htpasswd", "httpd.groups"}

// manifests reads every object of the directory's YAML files, by kind.
func manifests(t *testing.T) map[string]object {
	t.Helper()
	files, _ := filepath.Glob("*.yaml")
	objs := map[string]object{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var o object
			if err := dec.Decode(&o); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if _, dup := objs[o.Kind]; dup {
				t.Fatalf("%s: a second %s", f, o.Kind)
			}
			objs[o.Kind] = o
		}
	}
	for _, kind := range []string{"Deployment", "Service", "PodDisruptionBudget"} {
		if _, ok := objs[kind]; !ok {
			t.Fatalf("no %s in %v", kind, files)
		}
	}
	return objs
}

// deployed is the Deployment's pod, its gohttpd container and where the
// Secret is mounted in it.
type deployed struct {
	pod       podSpec
	gohttpd   container
	secret    volume
	mountPath string
}

func deployment(t *testing.T, d object) deployed {
	t.Helper()
	pod := d.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("the Deployment has %d containers, want gohttpd's alone", len(pod.Containers))
	}
	dep := deployed{pod: pod, gohttpd: pod.Containers[0]}
	for _, v := range pod.Volumes {
		if v.Secret != nil {
			dep.secret = v
		}
	}
	if dep.secret.Secret == nil {
		t.Fatal("the Deployment mounts no Secret")
	}
	for _, m := range dep.gohttpd.VolumeMounts {
		if m.Name == dep.secret.Name {
			if m.SubPath != "" {
				t.Errorf("the Secret is mounted with subPath %q: its updates would never reach the pod", m.SubPath)
			}
			dep.mountPath = m.MountPath
		}
	}
	return dep
}

// loadRecipe reads the recipe's httpd.conf as gohttpd reads it in the
// pod: from a directory holding the Secret's keys, the example's files,
// mounted at mountPath.
func loadRecipe(t *testing.T, mountPath string) (*directives.Config, string) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range secretKeys {
		data, err := os.ReadFile(filepath.Join("..", "registry", k))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, k), string(data))
	}
	cfg, err := directives.Load(directives.Options{
		ServerRoot: "/usr/local/apache2",
		File:       "conf/httpd.conf",
		Mounts:     []directives.Mount{{Source: dir, Target: mountPath}},
	})
	if err != nil {
		t.Fatalf("the recipe's httpd.conf from the Secret mounted at %s: %v", mountPath, err)
	}
	return cfg, dir
}

// filesNamed are the files the configuration reads: certificates, keys,
// password and group files.
func filesNamed(cfg *directives.Config) []string {
	var files []string
	for _, s := range append([]*directives.Server{cfg.Main}, cfg.VirtualHosts...) {
		files = append(files, s.SSL.CertificateFiles...)
		files = append(files, s.SSL.CertificateKeyFiles...)
		for _, d := range append([]*directives.DirConfig{s.Dir}, sectionDirs(s)...) {
			if d != nil && d.Auth.UserFile != "" {
				files = append(files, d.Auth.UserFile)
			}
			if d != nil && d.Auth.GroupFile != "" {
				files = append(files, d.Auth.GroupFile)
			}
		}
	}
	return files
}

func sectionDirs(s *directives.Server) []*directives.DirConfig {
	var dirs []*directives.DirConfig
	for _, sec := range s.Sections {
		dirs = append(dirs, sec.Dir)
	}
	return dirs
}

// The Deployment mounts the Secret where the httpd:2.4 image reads its
// configuration, every key of it, and every file the recipe's httpd.conf
// names is one of those keys; three replicas.
func TestDeploymentMountsTheRecipe(t *testing.T) {
	t.Parallel()
	objs := manifests(t)
	d := objs["Deployment"]
	if d.Spec.Replicas != 3 {
		t.Errorf("replicas: %d, want 3", d.Spec.Replicas)
	}
	dep := deployment(t, d)
	if dep.mountPath != "/usr/local/apache2/conf" {
		t.Errorf("the Secret is mounted at %q, want the image's /usr/local/apache2/conf", dep.mountPath)
	}
	if s := dep.secret.Secret; s.SecretName != secretName || len(s.Items) != 0 {
		t.Errorf("the Secret volume: %q with items %v, want every key of %q", s.SecretName, s.Items, secretName)
	}
	readme, _ := os.ReadFile("README.md")
	if !strings.Contains(string(readme), "kubectl create secret generic "+secretName+" --from-file=auth/") {
		t.Errorf("README.md does not create the Secret %s from the recipe's auth directory", secretName)
	}
	if name, _, _ := strings.Cut(dep.gohttpd.Image, ":"); name != "gohttpd" {
		t.Errorf("image %q, want the one `docker build -t gohttpd .` makes", dep.gohttpd.Image)
	}
	cfg, dir := loadRecipe(t, dep.mountPath)
	files := filesNamed(cfg)
	if len(files) < 4 {
		t.Fatalf("the recipe's httpd.conf names %v; want its certificate, key, password and group files", files)
	}
	for _, f := range files {
		key, ok := strings.CutPrefix(f, dep.mountPath+"/")
		if !ok || !slices.Contains(secretKeys, key) {
			t.Errorf("httpd.conf reads %s, not a key of the Secret mounted at %s", f, dep.mountPath)
		} else if _, err := os.Stat(filepath.Join(dir, key)); err != nil {
			t.Error(err)
		}
	}
}

// Probes, container port and Service all reach the port the recipe's
// httpd.conf listens on, which a process that is not root may bind.
func TestPortsAreTheRecipes(t *testing.T) {
	t.Parallel()
	objs := manifests(t)
	dep := deployment(t, objs["Deployment"])
	cfg, _ := loadRecipe(t, dep.mountPath)
	if len(cfg.Listeners) != 1 {
		t.Fatalf("the recipe listens %d times, want once", len(cfg.Listeners))
	}
	listen := cfg.Listeners[0].Port
	ports := map[string]int{}
	for _, p := range dep.gohttpd.Ports {
		ports[p.Name] = p.ContainerPort
	}
	for what, p := range map[string]*probe{"readiness": dep.gohttpd.ReadinessProbe, "liveness": dep.gohttpd.LivenessProbe} {
		if p == nil || p.TCPSocket == nil {
			t.Errorf("no %s probe connecting to the Listen port", what)
		} else if ports[p.TCPSocket.Port] != listen {
			t.Errorf("the %s probe connects to %q (%d), the recipe listens on %d", what, p.TCPSocket.Port, ports[p.TCPSocket.Port], listen)
		}
	}
	svc := objs["Service"].Spec.Ports
	if len(svc) != 1 || ports[svc[0].TargetPort] != listen {
		t.Errorf("the Service's ports %v do not reach the Listen port %d", svc, listen)
	} else if svc[0].Port != listen {
		// Clients name the port (myregistrydomain.com:5043), and the
		// registry builds its upload URLs from the Host they send.
		t.Errorf("the Service answers on %d, the recipe's clients dial %d", svc[0].Port, listen)
	}
	sc := dep.pod.SecurityContext
	if !sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
		t.Errorf("the pod may run as root: %+v", sc)
	}
	if listen < 1024 {
		t.Errorf("the recipe listens on %d, which only root binds", listen)
	}
}

// The files the server reads and writes are reachable in a read-only
// root filesystem as the pod's user: the Secret's files (the key
// included) are readable by its group, and the PidFile that
// `httpd -k graceful` reads lies in a writable volume.
func TestPodCanReadAndWrite(t *testing.T) {
	t.Parallel()
	objs := manifests(t)
	dep := deployment(t, objs["Deployment"])
	sc := dep.pod.SecurityContext
	mode := dep.secret.Secret.DefaultMode
	if sc.FSGroup == nil || sc.RunAsGroup == nil || *sc.FSGroup != *sc.RunAsGroup {
		t.Errorf("fsGroup %v and runAsGroup %v: the Secret's files must belong to the pod's group", sc.FSGroup, sc.RunAsGroup)
	}
	if mode == nil {
		t.Error("the Secret's defaultMode is unset: Kubernetes' 0644 lets every user read the key")
	} else if *mode&0o040 == 0 || *mode&0o007 != 0 {
		t.Errorf("the Secret's defaultMode %#o: want readable by the group, not by others", *mode)
	}
	if !dep.gohttpd.SecurityContext.ReadOnlyRootFilesystem {
		t.Error("the root filesystem is writable")
	}
	cfg, _ := loadRecipe(t, dep.mountPath)
	pid := cfg.Process.PidFile
	if pid == "" {
		pid = "logs/httpd.pid" // Apache's default
	}
	if !filepath.IsAbs(pid) {
		pid = filepath.Join(cfg.ServerRoot, pid)
	}
	if !slices.Contains(emptyDirs(dep), filepath.Dir(pid)) {
		t.Errorf("the PidFile %s is in no writable volume", pid)
	}
	res := dep.gohttpd.Resources
	if res.Requests["memory"] == "" || res.Requests["cpu"] == "" || res.Limits["memory"] == "" {
		t.Errorf("resources %+v: want cpu and memory requests and a memory limit", res)
	}
}

// emptyDirs are the mount paths of the container's emptyDir volumes.
func emptyDirs(dep deployed) []string {
	var paths []string
	for _, v := range dep.pod.Volumes {
		for _, m := range dep.gohttpd.VolumeMounts {
			if v.EmptyDir != nil && m.Name == v.Name {
				paths = append(paths, m.MountPath)
			}
		}
	}
	return paths
}

// The Service and the PodDisruptionBudget select the Deployment's pods,
// and the budget lets at most one of the three go at a time.
func TestSelectorsMatchThePods(t *testing.T) {
	t.Parallel()
	objs := manifests(t)
	d := objs["Deployment"]
	labels := d.Spec.Template.Metadata.Labels
	var svc struct {
		Spec struct {
			Selector map[string]string `yaml:"selector"`
		} `yaml:"spec"`
	}
	data, _ := os.ReadFile("service.yaml")
	if err := yaml.Unmarshal(data, &svc); err != nil {
		t.Fatal(err)
	}
	for what, sel := range map[string]map[string]string{
		"Deployment":          d.Spec.Selector.MatchLabels,
		"Service":             svc.Spec.Selector,
		"PodDisruptionBudget": objs["PodDisruptionBudget"].Spec.Selector.MatchLabels,
	} {
		if len(sel) == 0 || !selects(sel, labels) {
			t.Errorf("the %s's selector %v does not select the pods labelled %v", what, sel, labels)
		}
	}
	if u := objs["PodDisruptionBudget"].Spec.MaxUnavailable; u != 1 {
		t.Errorf("the PodDisruptionBudget's maxUnavailable is %d, want 1", u)
	}
}

// selects says whether every label of sel is on labels.
func selects(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}
