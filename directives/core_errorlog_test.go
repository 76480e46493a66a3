package directives

import "testing"

// "% " makes the following text a field separator, as Apache's
// parse_errorlog_item does, even when that text is not a space: with it,
// "[a]% x[b]" prints "x" only between two fields that both printed.
func TestErrorLogFormatFieldSeparatorBeforeText(t *testing.T) {
	items, err := parseErrorLogFormat("[%m]% x[%M]", true)
	if err != nil {
		t.Fatal(err)
	}
	var sep *ErrorLogItem
	for i := range items {
		if items[i].Literal == "x[" || items[i].Literal == "x" {
			sep = &items[i]
		}
	}
	if sep == nil {
		t.Fatalf("no item for the text after %% : %+v", items)
	}
	if !sep.FieldSep {
		t.Errorf("the text after %% is not a field separator: %+v", *sep)
	}
}
