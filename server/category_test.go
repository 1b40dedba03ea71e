package server_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/server"
)

// TestExtensionCategories reads the extension's category list from its source and
// expects exactly the server's, in the same order: a report's category is refused
// unless both sides name it the same way.
func TestExtensionCategories(t *testing.T) {
	src, err := os.ReadFile("../extension/shared/messages.js")
	if err != nil {
		t.Fatal(err)
	}
	list := regexp.MustCompile(`(?s)export const REPORT_CATEGORIES = Object\.freeze\(\[(.*?)\]\)`).FindSubmatch(src)
	if list == nil {
		t.Fatal("extension/shared/messages.js has no REPORT_CATEGORIES = Object.freeze([...])")
	}
	var js []string
	for _, m := range regexp.MustCompile(`'([^']*)'`).FindAllSubmatch(list[1], -1) {
		js = append(js, string(m[1]))
	}
	var goList []string
	for _, c := range server.Categories {
		goList = append(goList, string(c))
	}
	if strings.Join(js, " ") != strings.Join(goList, " ") {
		t.Errorf("extension categories:\n%v\nserver categories:\n%v", js, goList)
	}
}

func TestParseCategory(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"", "", ""},
		{"ivory", "ivory", ""},
		{"rhino_horn", "rhino_horn", ""},
		{"rhino horn", "", `field "category": want one of ivory, rhino_horn, pangolin, big_cat, bear, primate, reptile, bird, marine, medicine, other`},
		{"Ivory", "", `field "category": want one of ivory, rhino_horn, pangolin, big_cat, bear, primate, reptile, bird, marine, medicine, other`},
	} {
		got, err := server.ParseCategory("category", tc.in)
		if string(got) != tc.want || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
			t.Errorf("ParseCategory(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}
