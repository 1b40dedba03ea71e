package match_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

func TestNewRefusesBadInput(t *testing.T) {
	tables := loadBundle(t).Tables
	for _, c := range []struct {
		name  string
		b     *bundle.Bundle
		opts  match.Options
		error string
	}{
		{"nil bundle", nil, match.Options{}, "nil bundle"},
		{"unknown fold", &bundle.Bundle{Tables: tables}, match.Options{DisableFolds: []string{"accents"}}, `unknown fold "accents"`},
		{"term without id", &bundle.Bundle{Tables: tables, Terms: []bundle.Term{{Term: "象牙"}}}, match.Options{}, "has no id"},
		{"duplicate id", &bundle.Bundle{Tables: tables, Terms: []bundle.Term{{ID: "a", Term: "象牙"}, {ID: "a", Term: "犀角"}}}, match.Options{}, `duplicate term id "a"`},
		{"table key of two runes", &bundle.Bundle{Tables: bundle.Tables{T2S: map[string]string{"紅木": "红木"}}}, match.Options{}, "not one rune"},
		{"homoglyph to two runes", &bundle.Bundle{Tables: bundle.Tables{Homoglyph: map[string]string{"а": "aa"}}}, match.Options{}, "want one ASCII letter or digit"},
		{"homoglyph to a non-Latin letter", &bundle.Bundle{Tables: bundle.Tables{Homoglyph: map[string]string{"а": "α"}}}, match.Options{}, "want one ASCII letter or digit"},
	} {
		_, err := match.New(c.b, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.error) {
			t.Errorf("%s: got error %v, want one containing %q", c.name, err, c.error)
		}
	}
}

// A bundle with terms and no tables, words or pinyin still matches literally: a file
// holding only id and term entries is a valid lexicon.
func TestMinimalBundle(t *testing.T) {
	m, err := match.New(&bundle.Bundle{Terms: []bundle.Term{{ID: "t1", Term: "象牙", Risk: 4}, {ID: "t2", Term: "出", Risk: 1}}}, match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	expectHits(t, "minimal", "出售象牙", m.Scan("x", "出售象牙").Matches, "出=出 ; 象牙=象牙")
}

func TestDescribe(t *testing.T) {
	m := testMatcher(t)
	term, ok := m.Describe("ivo-001")
	if !ok || term.Term != "象牙" || term.Species == nil || term.Species.Sci != "Loxodonta africana" || term.Protection.CITES != "I" {
		t.Errorf("Describe(ivo-001) = %+v, %v", term, ok)
	}
	if _, ok := m.Describe("no-such-id"); ok {
		t.Error("Describe(no-such-id) found an entry")
	}
}

func TestScanBatch(t *testing.T) {
	m := testMatcher(t)
	got := m.ScanBatch([]match.Listing{{ID: "a", Text: "象牙手镯"}, {ID: "b", Text: "象牙塔"}, {ID: "c", Text: ""}})
	if len(got) != 3 || got[0].ID != "a" || got[0].Verdict != match.VerdictFlag || got[1].ID != "b" ||
		len(got[1].Matches) != 0 || got[2].Verdict != match.VerdictClear || got[2].Matches == nil {
		t.Errorf("ScanBatch = %+v", got)
	}
}

// Match fields beyond the case tables' reach: the entry's data and the variant.
func TestMatchFields(t *testing.T) {
	got := testMatcher(t).Scan("l1", "收一对 橡 牙 手镯")
	if len(got.Matches) != 1 {
		t.Fatalf("got %+v", got.Matches)
	}
	mt := got.Matches[0]
	want := match.Match{TermID: "ivo-001", Term: "象牙", Kind: "product", Risk: 4, Text: "橡 牙", Start: 10, End: 17,
		Start16: 4, End16: 7, Variant: "橡牙", Folds: []string{"noise"}, Contribution: 4}
	if mt.TermID != want.TermID || mt.Term != want.Term || mt.Kind != want.Kind || mt.Risk != want.Risk ||
		mt.Text != want.Text || mt.Start != want.Start || mt.End != want.End || mt.Start16 != want.Start16 ||
		mt.End16 != want.End16 || mt.Variant != want.Variant || strings.Join(mt.Folds, ",") != "noise" ||
		mt.Contribution != want.Contribution || got.ID != "l1" {
		t.Errorf("got %+v\nwant %+v", mt, want)
	}
}

func TestConcurrentScans(t *testing.T) {
	m := testMatcher(t)
	texts := []string{"象牙手镯 私聊", "ivory bangle, DM for price", "出租房", "犀牛角 穿山甲片", strings.Repeat("象 牙 ", 2000)}
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(m.Scan("", s).Matches)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				k := (g + i) % len(texts)
				if n := len(m.Scan("", texts[k]).Matches); n != want[k] {
					t.Errorf("%q: %d matches under concurrency, %d alone", texts[k], n, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FoldPattern is what the lexicon validator sees: the form as the matcher folds it.
func TestFoldPattern(t *testing.T) {
	tables := loadBundle(t).Tables
	for _, c := range []struct{ in, want string }{
		{"象牙製品", "象牙制品"},
		{"Ｉｖｏｒｙ", "ivory"},
		{"象 · 牙", "象牙"},
		{"i.v.o.r.y", "ivory"},
		{"rhino-horn", "rhino horn"},
		{"DM  for Price", "dm for price"},
		{"🐘牙", "象牙"}, // the emoji fold
		{"+V", "+v"},
		{"猩猩", "猩猩"},
		{"下③滥", "下3滥"},
		{"  ", ""},
		{"🐘", "象"},
		{"★V", "★v"}, // symbols a form is made of are the form
		{"出", "出"},
	} {
		if got := match.FoldPattern(&tables, c.in); got != c.want {
			t.Errorf("FoldPattern(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTrimDictionary(t *testing.T) {
	terms := []bundle.Term{
		{ID: "a", Term: "出"},                    // one character: checked
		{ID: "b", Term: "扣扣"},                   // one character repeated: checked
		{ID: "c", Term: "白料", Boundary: "word"}, // marked
		{ID: "d", Term: "象牙"},                   // not checked
	}
	full := []bundle.Word{
		{Text: "出租", Freq: 100}, {Text: "纽扣", Freq: 100}, {Text: "白色", Freq: 100}, {Text: "饮料", Freq: 100},
		{Text: "象牙塔", Freq: 100}, {Text: "牙", Freq: 2}, {Text: "自己", Freq: 90000}, {Text: "房子", Freq: 50},
	}
	var got []string
	total := 0.0
	for _, w := range match.TrimDictionary(terms, full) {
		got = append(got, w.Text)
		total += w.Freq
	}
	want := "出租 白色 纽扣 自己 饮料 \ue000"
	if strings.Join(got, " ") != want {
		t.Errorf("TrimDictionary = %q, want %q", strings.Join(got, " "), want)
	}
	if total != 100*5+2+90000+50 {
		t.Errorf("trimmed words carry frequency %v, the full dictionary %v", total, 100*5+2+90000+50)
	}
}
