package lexicon

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLint(t *testing.T) {
	lex, err := Load(filepath.Join(fixtures, "lint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	findings, err := lex.Lint(LintOptions{MaxCompounds: 3})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var ivoryCompounds []string
	for _, f := range findings {
		line := strings.TrimPrefix(f.Pos.String(), fixtures+"/") + " " + f.Kind + " " + f.EntryID
		if f.Kind == FindingCompounds {
			if f.EntryID == "ivo-001" {
				ivoryCompounds = f.Compounds
			}
		} else {
			line += ": " + f.Message
		}
		got = append(got, line)
	}
	want := []string{
		"lint.yaml:2 compounds ivo-001",
		`lint.yaml:4 collision ivo-001: ivo-001: "象 牙" folds to "象牙" like "象牙" at ` + fixtures + `/lint.yaml:3: the matcher finds both with either, keep one`,
		`lint.yaml:8 collision ivo-020: ivo-020: "i.v.o.r.y" folds to "ivory" like "ivory" at ` + fixtures + `/lint.yaml:7: the matcher finds both with either, keep one`,
		`lint.yaml:10 collision ivo-021: ivo-021: "Ivory" folds to "ivory" like "ivory" of ivo-020 at ` + fixtures + `/lint.yaml:7: the matcher cannot tell the entries apart`,
		`lint.yaml:14 collision ivo-030: ivo-030: "xiang ya" folds to "xiang ya" like generated pinyin "xiang ya" of ivo-001 at ` + fixtures + `/lint.yaml:3: the matcher cannot tell the entries apart`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lint:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// 象牙片 is a variant and 象牙塔, 象牙白 are benign: classified. 象牙色 and 假象牙
	// are in gse's dictionary and not classified. 出 has boundary word: no compounds.
	for _, w := range []string{"象牙色", "假象牙"} {
		if !slices.Contains(ivoryCompounds, w) {
			t.Errorf("ivo-001 compounds %v lack %s", ivoryCompounds, w)
		}
	}
	for _, w := range []string{"象牙片", "象牙塔", "象牙白", "象牙"} {
		if slices.Contains(ivoryCompounds, w) {
			t.Errorf("ivo-001 compounds %v list %s, which the lexicon classifies", ivoryCompounds, w)
		}
	}
}

func TestDroppedNoise(t *testing.T) {
	for _, c := range []struct {
		form    string
		dropped bool
	}{
		{"象 牙", true},
		{"象*牙", true},
		{"象\u200b牙", true},
		{"i.v.o.r.y", true},
		{"🐘牙", false},           // emoji at the edge is part of the form
		{"DM for price", false}, // spaces between words, not single letters
		{"加+V", false},          // + between a Chinese character and a letter
		{"象牙", false},
	} {
		if _, got := droppedNoise(c.form); got != c.dropped {
			t.Errorf("droppedNoise(%q) = %v, want %v", c.form, got, c.dropped)
		}
	}
}
