//go:build !js

package match_test

import (
	"flag"
	"os"
	"testing"

	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/lexicon/bundle"
)

var update = flag.Bool("update", false, "rewrite testdata/match/bundle.json from testdata/match/lexicon.yaml")

// TestCommittedBundle keeps the bundle the wasm tests load in step with its source: the
// wasm build cannot compile a lexicon (OpenCC, pinyin and gse's full dictionary are
// native-only), so it reads this compiled copy.
func TestCommittedBundle(t *testing.T) {
	lex, err := lexicon.Load(testdata + "lexicon.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := lex.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		data, err := bundle.Encode(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(testdata+"bundle.json", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed := loadBundle(t)
	if committed.ContentSHA256 != b.ContentSHA256 {
		t.Fatalf("testdata/match/bundle.json is stale (content %s, lexicon.yaml compiles to %s): run go test ./wasm/match -run TestCommittedBundle -update",
			committed.ContentSHA256, b.ContentSHA256)
	}
}
