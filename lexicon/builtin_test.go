package lexicon

import (
	"strings"
	"testing"
)

// The shipped lexicon must load without errors and compile; this is also where a
// curation mistake surfaces in CI.
func TestBuiltinLoadsAndCompiles(t *testing.T) {
	lex, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Terms) < 150 || len(lex.Sources) == 0 || len(lex.Profiles) == 0 {
		t.Fatalf("built-in lexicon: %d terms, %d sources, %d profiles; want the curated lexicon",
			len(lex.Terms), len(lex.Sources), len(lex.Profiles))
	}
	if p := lex.TermPos[0].Entry.String(); !strings.HasPrefix(p, "lexicon/terms/") {
		t.Errorf("built-in positions read %q, want lexicon/terms/…", p)
	}
	b, err := lex.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Words) == 0 || len(b.Tables.T2S) == 0 {
		t.Errorf("built-in bundle has %d words and %d t2s entries", len(b.Words), len(b.Tables.T2S))
	}
}
