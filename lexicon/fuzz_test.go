package lexicon

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: any bytes give either a lexicon or Errors whose every entry names the
// file and a line, never a panic. CI runs the seeds (every fixture) only.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(fixtures, "*.yaml"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("terms:\n- &e {id: a, term: 象牙, species: *e}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lex, err := parse([]sourceFile{{name: "f.yaml", data: data}})
		if err == nil {
			if lex == nil || len(lex.TermPos) != len(lex.Terms) {
				t.Fatalf("parse succeeded with %v", lex)
			}
			return
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("parse error %v is not a non-empty Errors", err)
		}
		for _, e := range errs {
			if e.Pos.File != "f.yaml" || e.Msg == "" {
				t.Fatalf("error %q lacks its file or message", e)
			}
		}
	})
}
