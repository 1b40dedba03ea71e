package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"github.com/wildlens/wildlens/pagetext"
)

// The content script's serialisation (extension/content/pagetext.js, in the browser's
// live DOM) and pagetext.FromHTML (Go, x/net/html) must produce the same text for every
// test page: offsets the engine returns for one are used on the other.
func TestPagetextParity(t *testing.T) {
	b, base := pagesBrowser(t, nil)
	files, err := filepath.Glob(filepath.Join(RepoRoot(), "testdata", "pages", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test pages (%v)", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want, err := pagetext.FromHTML(f)
			if err != nil {
				t.Fatal(err)
			}
			tab := b.Open(t, base+name)
			got := contentValue[string](t, tab, `WildlensPageText.serialise(document).text`)
			if got != want {
				t.Errorf("serialisations differ at UTF-16 offset %d:\nJS: %q\nGo: %q", firstDifference(got, want), got, want)
			}
		})
	}
}

// firstDifference returns the UTF-16 offset of the first unit where a and b differ.
func firstDifference(a, b string) int {
	ua, ub := utf16Encode(a), utf16Encode(b)
	n := 0
	for n < len(ua) && n < len(ub) && ua[n] == ub[n] {
		n++
	}
	return n
}

func utf16Encode(s string) []uint16 { return utf16.Encode([]rune(s)) }

func utf16Decode(u []uint16) string { return string(utf16.Decode(u)) }
