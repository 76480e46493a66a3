// Package kubernetes holds the registry recipe's Kubernetes manifests for
// gohttpd (a Deployment of three replicas reading the recipe's auth
// directory from a Secret, its Service and PodDisruptionBudget) and the
// tests that keep them true: the manifests agree with the recipe's
// httpd.conf, a Secret update reaches a running server without a restart,
// and BenchmarkFootprint measures the memory the resource requests are
// taken from. The package has no code of its own.
package kubernetes
