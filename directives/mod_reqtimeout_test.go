package directives

import "testing"

const reqTimeoutPrelude = "LoadModule reqtimeout_module modules/mod_reqtimeout.so\n"

// Every message here was checked against apache2 -t (2.4.71).
func TestRequestReadTimeoutErrors(t *testing.T) {
	runErrorCases(t, reqTimeoutPrelude, []errorCase{
		{"unknown stage", "RequestReadTimeout foo=1\n", 1, "RequestReadTimeout: foo=1: Unknown RequestReadTimeout parameter"},
		{"no value", "RequestReadTimeout header\n", 1, "Invalid RequestReadTimeout parameter. Parameter must be in the form 'key=value'"},
		{"word", "RequestReadTimeout header=x\n", 1, "RequestReadTimeout: header=x: Value 'x' not numerical"},
		{"suffix", "RequestReadTimeout header=5x\n", 1, "RequestReadTimeout: header=5x: Cannot parse 'x'"},
		{"range without rate", "RequestReadTimeout header=10-20\n", 1, "RequestReadTimeout: header=10-20: Must set MinRate option if using timeout range"},
		{"range backwards", "RequestReadTimeout header=20-10,minrate=5\n", 1, "RequestReadTimeout: header=20-10,minrate=5: Maximum timeout must be larger than initial timeout"},
		{"zero rate", "RequestReadTimeout header=10,MinRate=0\n", 1, "RequestReadTimeout: header=10,MinRate=0: Minimum data rate must be larger than 0"},
		{"negative", "RequestReadTimeout body=-1\n", 1, "RequestReadTimeout: body=-1: Must set MinRate option if using timeout range"},
		{"in a directory", "<Directory />\nRequestReadTimeout header=1\n</Directory>\n", 2, "RequestReadTimeout not allowed in <Directory> context"},
	})
}

func TestRequestReadTimeoutModel(t *testing.T) {
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": reqTimeoutPrelude +
		"RequestReadTimeout header=1,minrate=5 body=0 handshake=3\n<VirtualHost *:80>\nRequestReadTimeout body=30\n</VirtualHost>\n"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	main := cfg.Main.ReqTimeout
	if main.Header != (ReqTimeoutStage{Set: true, Timeout: 1, MinRate: 5}) || main.Body != (ReqTimeoutStage{Set: true}) ||
		main.Handshake != (ReqTimeoutStage{Set: true, Timeout: 3}) {
		t.Errorf("main server: %+v", main)
	}
	v := cfg.VirtualHosts[0].ReqTimeout
	if v.Header != main.Header || v.Body != (ReqTimeoutStage{Set: true, Timeout: 30}) {
		t.Errorf("virtual host: %+v", v)
	}
	if d := (ReqTimeoutConfig{}).Effective(); d.Header != DefaultReqTimeoutHeader || d.Body != DefaultReqTimeoutBody || d.Handshake.Timeout != 0 {
		t.Errorf("defaults: %+v", d)
	}
}
