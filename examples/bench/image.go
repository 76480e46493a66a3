package main

import (
	crand "crypto/rand"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// seed is the image every read load fetches: one blob of size bytes and a
// manifest, pushed straight to the registry before any proxy runs.
type seed struct {
	repo, tag string
	blob      v1.Hash
	size      int64
}

// newImage makes an image of one random layer of size bytes, its digests
// computed now so that pushing it times the push alone. Every layer is
// new to the registry: a push that found its layer there already would
// skip the upload and time only the manifest.
func newImage(size int64) (v1.Image, v1.Hash, error) {
	var key [32]byte
	crand.Read(key[:])
	data := make([]byte, size)
	rand.NewChaCha8(key).Read(data)
	layer := static.NewLayer(data, types.DockerLayer)
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return nil, v1.Hash{}, err
	}
	d, err := layer.Digest()
	if err != nil {
		return nil, v1.Hash{}, err
	}
	if _, err := img.Digest(); err != nil {
		return nil, v1.Hash{}, err
	}
	return img, d, nil
}

// seedRegistry pushes the seed image straight to the registry.
func seedRegistry(registry string, size int64) (*seed, error) {
	img, blob, err := newImage(size)
	if err != nil {
		return nil, fmt.Errorf("seed image: %w", err)
	}
	s := &seed{repo: "bench/seed", tag: "latest", blob: blob, size: size}
	ref, err := name.NewTag(registry+"/"+s.repo+":"+s.tag, name.Insecure)
	if err != nil {
		return nil, err
	}
	if err := remote.Write(ref, img); err != nil {
		return nil, fmt.Errorf("seeding the registry: %w", err)
	}
	return s, nil
}

// push writes a fresh image of size bytes to a repository of its own
// through ep as the pusher, with go-containerregistry (crane's and ko's
// client), times times, each image new and in a repository of its own,
// and returns the median rate in MiB/s. One push is a single long upload
// whose rate moves with what the shared cores and the page cache are
// doing at that moment, as a single download's does.
func push(ep endpoint, repo string, size int64, times int) (float64, error) {
	var rates []float64
	for i := range times {
		r, err := pushOnce(ep, fmt.Sprintf("%s-%d", repo, i+1), size)
		if err != nil {
			return 0, err
		}
		rates = append(rates, r)
	}
	return median(rates), nil
}

// pushOnce pushes one fresh image.
func pushOnce(ep endpoint, repo string, size int64) (float64, error) {
	img, _, err := newImage(size)
	if err != nil {
		return 0, fmt.Errorf("push image: %w", err)
	}
	host := ep.addr
	opts := []name.Option{name.Insecure}
	if ep.tls {
		host, opts = ep.base()[len("https://"):], nil
	}
	ref, err := name.NewTag(host+"/"+repo+":latest", opts...)
	if err != nil {
		return 0, err
	}
	tr := ep.transport()
	defer tr.CloseIdleConnections()
	t0 := time.Now()
	err = remote.Write(ref, img, remote.WithTransport(tr),
		remote.WithAuth(&authn.Basic{Username: pusher.name, Password: pusher.password}))
	if err != nil {
		return 0, fmt.Errorf("push to %s: %w", ref, err)
	}
	return float64(size) / mib / time.Since(t0).Seconds(), nil
}

// checkAuth makes sure a proxy does the recipe's job before it is
// measured: no credentials and a wrong password get 401, the reader gets
// the manifest but may not start an upload.
func checkAuth(ep endpoint, s *seed) error {
	c := &http.Client{Transport: ep.transport()}
	defer c.CloseIdleConnections()
	manifest := ep.base() + "/v2/" + s.repo + "/manifests/" + s.tag
	uploads := ep.base() + "/v2/" + s.repo + "/blobs/uploads/"
	wrong := user{reader.name, "wrong"}
	for _, t := range []struct {
		method, url string
		as          *user
		want        int
	}{
		{http.MethodHead, manifest, nil, http.StatusUnauthorized},
		{http.MethodHead, manifest, &wrong, http.StatusUnauthorized},
		{http.MethodHead, manifest, &reader, http.StatusOK},
		{http.MethodPost, uploads, &reader, http.StatusUnauthorized},
	} {
		req, err := http.NewRequest(t.method, t.url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", manifestTypes)
		who := "nobody"
		if t.as != nil {
			req.SetBasicAuth(t.as.name, t.as.password)
			who = t.as.name + ":" + t.as.password
		}
		resp, err := c.Do(req)
		if err != nil {
			return fmt.Errorf("%s %s: %w", t.method, t.url, err)
		}
		resp.Body.Close()
		if resp.StatusCode != t.want {
			return fmt.Errorf("%s %s as %s: %s, want %d", t.method, t.url, who, resp.Status, t.want)
		}
	}
	return nil
}
