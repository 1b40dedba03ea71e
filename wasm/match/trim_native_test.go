//go:build !js

package match_test

import (
	"os"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/internal/testcorpus"
	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/wasm/match"
)

// TestTrimmedDictionaryAgrees measures how often word-boundary decisions made with the
// bundle's trimmed dictionary agree with gse's full dictionary, at every occurrence of a
// boundary-checked form in the corpus and the test pages, with the product lexicon. It
// must be at least 99%.
func TestTrimmedDictionaryAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("loads gse's full dictionary")
	}
	full, err := lexicon.FullDictionary()
	if err != nil {
		t.Fatal(err)
	}
	b, m := builtinMatcher(t)
	var texts []string
	for _, l := range corpusListings(t) {
		texts = append(texts, l.Text)
	}
	for _, l := range testcorpus.PageTexts(t, repoRoot) {
		texts = append(texts, l.Text)
	}
	total, disagree := match.BoundaryAgreement(m, full, texts)
	if total < 100 {
		t.Fatalf("only %d boundary decisions in testdata: too few to measure", total)
	}
	rate := 1 - float64(len(disagree))/float64(total)
	t.Logf("trimmed (%d words) vs full (%d words): %d of %d decisions agree (%.2f%%); disagreements: %s",
		len(b.Words), len(full), total-len(disagree), total, 100*rate, strings.Join(disagree, " | "))
	if rate < 0.99 {
		t.Errorf("agreement %.2f%% is below 99%%", 100*rate)
	}
}

// TestSegmenterAgreesWithGse checks that the matcher's own segmenter decides as gse's
// does, over the product bundle's words, at every window of one to three runes in the
// corpus and the test pages (about a million windows): none may differ.
func TestSegmenterAgreesWithGse(t *testing.T) {
	m := productMatcher(t)
	b, _ := fullBundle()
	var texts []string
	for _, l := range corpusListings(t) {
		texts = append(texts, l.Text)
	}
	for _, p := range testcorpus.PageFiles(t, repoRoot) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	total, disagree := match.SegmenterAgreement(m, b.Words, texts)
	if total < 100000 {
		t.Fatalf("only %d windows: too few to compare", total)
	}
	t.Logf("%d windows compared", total)
	if len(disagree) > 0 {
		t.Errorf("%d of %d windows differ from gse, first: %s", len(disagree), total, strings.Join(disagree[:min(10, len(disagree))], " | "))
	}
}
