// Package testcorpus reads the repository's shared test texts (testdata/corpus and
// testdata/pages) for the tests and benchmarks of several packages: the matcher's, the
// extension's end-to-end tests.
package testcorpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/wildlens/wildlens/pagetext"
)

// Listing is one line of testdata/corpus/*.jsonl, or one test page's visible text.
type Listing struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Label string `json:"label"`
}

// Listings reads every testdata/corpus/*.jsonl under the repository root; ids repeat
// across files, so each id is prefixed with its file's name.
func Listings(tb testing.TB, root string) []Listing {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(root, "testdata", "corpus", "*.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	var all []Listing
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			var l Listing
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				tb.Fatalf("%s:%d: %v", p, n, err)
			}
			l.ID = filepath.Base(p) + ":" + l.ID
			all = append(all, l)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	if len(all) < 50 {
		tb.Fatalf("testdata/corpus holds %d listings: the tests need the corpus", len(all))
	}
	return all
}

// PageTexts is the visible text (package pagetext) of each testdata/pages/*.html, one
// listing per page: longer texts with block boundaries, as the content script sends them.
func PageTexts(tb testing.TB, root string) []Listing {
	tb.Helper()
	return HTMLTexts(tb, PageFiles(tb, root))
}

// HTMLTexts reads HTML files as the extension reads a page (package pagetext), one
// listing per file, its id pages/ and the file's name.
func HTMLTexts(tb testing.TB, paths []string) []Listing {
	tb.Helper()
	var all []Listing
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		text, err := pagetext.FromHTML(f)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		all = append(all, Listing{ID: "pages/" + filepath.Base(p), Text: text})
	}
	return all
}

// PageFiles lists testdata/pages/*.html.
func PageFiles(tb testing.TB, root string) []string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(root, "testdata", "pages", "*.html"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Fatal("no testdata/pages/*.html")
	}
	return paths
}
