package registry

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// recipeCompose is the docker-compose.yml the registry's "Authenticate
// proxy with apache" recipe writes, as its documentation has it.
const recipeCompose = "apache:\n" +
	"  image: \"httpd:2.4\"\n" +
	"  hostname: myregistrydomain.com\n" +
	"  ports:\n" +
	"    - 5043:5043\n" +
	"  links:\n" +
	"    - registry:registry\n" +
	"  volumes:\n" +
	"    - `pwd`/auth:/usr/local/apache2/conf\n" +
	"\n" +
	"registry:\n" +
	"  image: registry:3\n" +
	"  ports:\n" +
	"    - 127.0.0.1:5000:5000\n" +
	"  volumes:\n" +
	"    - `pwd`/data:/var/lib/registry\n"

// image is the name the Dockerfile's own instructions tag gohttpd's image
// with.
const image = "gohttpd"

// The example's compose file is the recipe's with only the apache
// service's image swapped: same services, ports, link and mounts, so a
// user's stack keeps everything but that one line.
func TestComposeIsTheRecipes(t *testing.T) {
	t.Parallel()
	// The recipe writes its file through a shell here-document, which
	// replaces `pwd` with the directory: the user's file names the auth
	// and data directories beside it, as ./ does for compose.
	want := decode(t, "the recipe's", []byte(strings.ReplaceAll(recipeCompose, "`pwd`/", "./")))
	data, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	got := decode(t, "docker-compose.yml", data)
	apache, ok := got["apache"].(map[string]any)
	if !ok || apache["image"] != image {
		t.Fatalf("docker-compose.yml: the apache service's image is %v, want %q", apache["image"], image)
	}
	want["apache"].(map[string]any)["image"] = image
	if !reflect.DeepEqual(got, want) {
		t.Errorf("docker-compose.yml differs from the recipe's in more than the image:\n got %v\nwant %v", got, want)
	}
}

// The image name in the compose file is the one the Dockerfile says to
// build, so following the README's build step gives the image compose
// runs.
func TestComposeImageIsBuilt(t *testing.T) {
	t.Parallel()
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if build := "docker build -t " + image + " ."; !strings.Contains(string(dockerfile), build) {
		t.Errorf("the Dockerfile does not say to build with %q", build)
	}
}

// decode parses a compose file, failing the test with what it is.
func decode(t *testing.T, what string, data []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}
