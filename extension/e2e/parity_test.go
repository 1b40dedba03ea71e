package e2e

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/wildlens/wildlens/internal/testcorpus"
	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// listing is one text of a scan batch, as the engine host takes it.
type listing struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// TestEngineParityWithNativeMatcher scans the corpus and the test pages' text with the BUILT engine.wasm through
// the extension's own host (the offscreen document's wildlensEngine.scan, the code path
// every page scan takes) and with wasm/match natively on the same signed bundle, and
// requires identical results: verdicts, scores, spans, offsets, folds.
func TestEngineParityWithNativeMatcher(t *testing.T) {
	var listings []listing
	for _, l := range append(testcorpus.Listings(t, RepoRoot()), testcorpus.PageTexts(t, RepoRoot())...) {
		listings = append(listings, listing{ID: l.ID, Text: l.Text})
	}
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
