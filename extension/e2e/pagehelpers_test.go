package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/lexicon/bundle"
)

// Helpers for the page-side tests: the content script on testdata/pages, read through
// its isolated world (globalThis.__wildlens, which the page cannot see).

// pagesBundle is the lexicon the page tests run with: the built-in one, or the lexicon
// at $WILDLENS_TEST_LEXICON (a file or directory) to try a candidate lexicon against
// the hand-written expectations.
func pagesBundle(t testing.TB) *bundle.Bundle {
	t.Helper()
	path := os.Getenv("WILDLENS_TEST_LEXICON")
	if path == "" {
		return BuiltinBundle(t)
	}
	candidate.once.Do(func() {
		l, err := lexicon.Load(path)
		if err != nil {
			candidate.err = err
			return
		}
		candidate.b, candidate.err = l.Compile(1)
	})
	if candidate.err != nil {
		t.Fatalf("WILDLENS_TEST_LEXICON=%s: %v", path, candidate.err)
	}
	return candidate.b
}

var candidate struct {
	once sync.Once
	b    *bundle.Bundle
	err  error
}

// pagesBrowser launches Chromium with the extension and the page lexicon, and serves
// testdata/ so test pages live at /pages/NAME.html, as their site profiles expect.
func pagesBrowser(t testing.TB, headers map[string]string) (*Browser, string) {
	t.Helper()
	b := Launch(t, Extension(t, Sign(t, pagesBundle(t))))
	srv := Serve(t, filepath.Join(RepoRoot(), "testdata"), headers)
	return b, srv.URL + "/pages/"
}

// pageHit is one highlight as the content script reports it.
type pageHit struct {
	Text    string  `json:"text"`
	TermID  string  `json:"term_id"`
	Listing string  `json:"listing"`
	Risk    int     `json:"risk"`
	X       float64 `json:"x"` // centre of the hit's box, viewport pixels
	Y       float64 `json:"y"`
}

type pageListing struct {
	ID      string `json:"id"`
	Verdict string `json:"verdict"`
}

// expectedPage is testdata/pages/NAME.expected.json, written by hand from the lexicon.
type expectedPage struct {
	Profile     string        `json:"profile"`
	Highlights  []pageHit     `json:"highlights"`
	Listings    []pageListing `json:"listings"`
	AfterScroll *struct {
		Highlights []pageHit     `json:"highlights"`
		Listings   []pageListing `json:"listings"`
	} `json:"after_scroll"`
}

func loadExpected(t testing.TB, page string) expectedPage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(RepoRoot(), "testdata", "pages", page+".expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e expectedPage
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("%s.expected.json: %v", page, err)
	}
	return e
}

// waitScanned waits until the content script has scanned the page and has nothing
// queued (and, if more is given, until more(tab) holds too).
func waitScanned(t testing.TB, tab *Tab, more ...func() bool) {
	t.Helper()
	// Generous: the first page waits for the engine's cold start, slow on a busy machine.
	deadline := time.Now().Add(90 * time.Second)
	for {
		done, err := ContentEval[bool](tab, `__wildlens.idle && __wildlens.cycles > 0 && !!__wildlens.timings.highlighted`)
		if err != nil {
			t.Fatal(err)
		}
		if failed, _ := ContentEval[string](tab, `__wildlens.lastError`); failed != "" {
			t.Fatalf("content script: %s", failed)
		}
		if done && (len(more) == 0 || more[0]()) {
			lastError, _ := ContentEval[string](tab, `__wildlens.lastError`)
			if lastError != "" {
				t.Fatalf("content script: %s", lastError)
			}
			return
		}
		if time.Now().After(deadline) {
			lastError, _ := ContentEval[string](tab, `__wildlens.lastError`)
			t.Fatalf("the page was not scanned within 90 s (last error: %q)", lastError)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func openScanned(t testing.TB, b *Browser, url string) *Tab {
	t.Helper()
	tab := b.Open(t, url)
	waitScanned(t, tab)
	return tab
}

func contentValue[T any](t testing.TB, tab *Tab, expr string) T {
	t.Helper()
	v, err := ContentEval[T](tab, expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func pageValue[T any](t testing.TB, tab *Tab, expr string) T {
	t.Helper()
	v, err := Eval[T](tab.Ctx, expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func hitsOf(t testing.TB, tab *Tab) []pageHit {
	return contentValue[[]pageHit](t, tab, `__wildlens.hits()`)
}

func listingsOf(t testing.TB, tab *Tab) []pageListing {
	return contentValue[[]pageListing](t, tab, `__wildlens.listings()`)
}

// expectHits compares highlights by text, term and listing, in document order.
func expectHits(t testing.TB, got, want []pageHit) {
	t.Helper()
	line := func(h pageHit) string { return fmt.Sprintf("%q %s in %s", h.Text, h.TermID, h.Listing) }
	var g, w []string
	for _, h := range got {
		g = append(g, line(h))
	}
	for _, h := range want {
		w = append(w, line(h))
	}
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("highlights:\ngot:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
}

// expectListings compares listing verdicts, in any order.
func expectListings(t testing.TB, got, want []pageListing) {
	t.Helper()
	verdicts := func(ls []pageListing) string {
		m := map[string]string{}
		keys := []string{}
		for _, l := range ls {
			m[l.ID] = l.Verdict
			keys = append(keys, l.ID)
		}
		slices.Sort(keys)
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, "%s=%s ", k, m[k])
		}
		return b.String()
	}
	if g, w := verdicts(got), verdicts(want); g != w {
		t.Errorf("listing verdicts:\ngot  %s\nwant %s", g, w)
	}
}

// registeredRanges counts the ranges in the page's highlight registry under our names,
// read from the page's own world: what the browser actually paints.
func registeredRanges(t testing.TB, tab *Tab) int {
	return pageValue[int](t, tab, `[1,2,3,4,5].reduce((n, r) => n + (CSS.highlights.get('wildlens-risk-' + r)?.size || 0), 0)`)
}
