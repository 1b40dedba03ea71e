package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/pagetext"
	"github.com/wildlens/wildlens/wasm/match"
)

// listing is one line of testdata/corpus/*.jsonl.
type listing struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

func corpus(t testing.TB) []listing {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(RepoRoot(), "testdata", "corpus", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var all []listing
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			var l listing
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Fatalf("%s:%d: %v", p, n, err)
			}
			l.ID = filepath.Base(p) + ":" + l.ID // ids repeat across files
			all = append(all, l)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if len(all) < 50 {
		t.Fatalf("testdata/corpus holds %d listings; the parity test needs the corpus", len(all))
	}
	return all
}

// pageTexts is the visible text of each testdata/pages/*.html, one listing per page:
// longer texts with block boundaries, as the content script sends them.
func pageTexts(t testing.TB) []listing {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(RepoRoot(), "testdata", "pages", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var all []listing
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		text, err := pagetext.FromHTML(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		all = append(all, listing{ID: "pages/" + filepath.Base(p), Text: text})
	}
	return all
}

// TestEngineParityWithNativeMatcher scans the corpus and the test pages' text with the BUILT engine.wasm through
// the extension's own host (the offscreen document's wildlensEngine.scan, the code path
// every page scan takes) and with wasm/match natively on the same signed bundle, and
// requires identical results: verdicts, scores, spans, offsets, folds.
func TestEngineParityWithNativeMatcher(t *testing.T) {
	listings := append(corpus(t), pageTexts(t)...)
	signed := Sign(t, BuiltinBundle(t))
	b, err := bundle.Verify(signed, []bundle.PublicKey{TestKey(t).Public()})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	native, err := match.New(b, match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("native matcher built in %v", time.Since(start))

	start = time.Now()
	browser := Launch(t, Extension(t, signed))
	engine := browser.EngineHost(t)
	if s := status(t, engine); !s.OK || s.Info.ContentSHA256 != b.ContentSHA256 {
		t.Fatalf("engine status %+v, want the built-in lexicon %s", s, b.ContentSHA256)
	}
	t.Logf("extension built and engine ready in %v", time.Since(start))
	batch, err := json.Marshal(listings)
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	got, err := Eval[[]match.Result](engine, `wildlensEngine.scan(`+string(batch)+`)`)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("engine scanned %d listings in %v", len(listings), time.Since(start))
	if len(got) != len(listings) {
		t.Fatalf("engine returned %d results for %d listings", len(got), len(listings))
	}
	flagged, hits := 0, 0
	for i, l := range listings {
		want := native.Scan(l.ID, l.Text)
		if want.Matches == nil {
			want.Matches = []match.Match{}
		}
		normalise(&want)
		normalise(&got[i])
		if !reflect.DeepEqual(got[i], want) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(want)
			t.Errorf("%s %q:\n wasm   %s\n native %s", l.ID, l.Text, g, w)
		}
		if want.Verdict == match.VerdictFlag {
			flagged++
		}
		hits += len(want.Matches)
	}
	// A parity of empty results would prove nothing.
	if flagged == 0 || hits < len(listings)/4 {
		t.Errorf("only %d flagged listings and %d hits over %d listings: is the lexicon loaded?", flagged, hits, len(listings))
	}
	t.Logf("%d listings, %d hits, %d flagged by the native matcher", len(listings), hits, flagged)
}

// normalise makes empty and missing lists compare equal: JSON drops the difference
// between a nil slice with omitempty and an empty one.
func normalise(r *match.Result) {
	for i := range r.Matches {
		m := &r.Matches[i]
		if len(m.Folds) == 0 {
			m.Folds = nil
		}
		if len(m.Also) == 0 {
			m.Also = nil
		}
	}
}
