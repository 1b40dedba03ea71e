package match_test

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/wildlens/wildlens/wasm/match"
)

// FuzzScan checks what must hold for any text: no panic; spans in range, on rune
// boundaries, ordered and non-overlapping; Text is the original span; UTF-16 offsets
// agree with the bytes before them; contributions add up to the score; and the same
// text always gives the same result; and the stream fold scans use folds it as the
// reference pipeline does. The seeds are every case-table input plus texts
// that stress the folds (CI runs the seeds only).
func FuzzScan(f *testing.F) {
	for _, name := range []string{"folds.txt", "noise.txt", "boundaries.txt", "benign.txt", "overlaps.txt", "offsets.txt", "verdict.txt"} {
		data, err := os.ReadFile(testdata + name)
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if in, _, ok := strings.Cut(line, " | "); ok && !strings.HasPrefix(line, "#") {
				f.Add(in)
			}
		}
	}
	for _, s := range []string{"", "\n", " ", "\xff\xfe象牙\xc3", "象\u200d\u200d牙\ufe0f", "𝐢\u0301𝐯𝐨𝐫𝐲🐘🐘牙牙牙",
		strings.Repeat("象", 3000) + "牙", strings.Repeat("i.", 2000) + "vory", "⑸⒦㈤⓿➃⻆ＡＢ\u3000象\r\n牙",
		"出出出象牙 出租 出\n出", "猩猩猩猩猩 xiang   ya XiAnGyA", "ǅ ﬁ ㎏ ½ ﷺ"} {
		f.Add(s)
	}
	all := testMatcher(f)
	none := testMatcher(f, match.FoldNames()...)
	f.Fuzz(func(t *testing.T, text string) {
		checkScan(t, all, text)
		checkScan(t, none, text) // every fold off: the other paths through the pipeline
		for _, m := range []*match.Matcher{all, none} {
			if bad := match.StreamFoldDisagreements(m, []string{text}); len(bad) > 0 {
				t.Fatal(bad[0])
			}
		}
	})
}

func checkScan(t *testing.T, m *match.Matcher, text string) {
	res := m.Scan("fuzz", text)
	prevEnd, sum := 0, 0.0
	for i, mt := range res.Matches {
		if mt.Start < prevEnd || mt.End <= mt.Start || mt.End > len(text) {
			t.Fatalf("match %d: span [%d,%d) after %d in %d bytes", i, mt.Start, mt.End, prevEnd, len(text))
		}
		if !boundary(text, mt.Start) || !boundary(text, mt.End) {
			t.Fatalf("match %d: span [%d,%d) not on rune boundaries of %q", i, mt.Start, mt.End, text)
		}
		if mt.Text != text[mt.Start:mt.End] {
			t.Fatalf("match %d: Text %q, span holds %q", i, mt.Text, text[mt.Start:mt.End])
		}
		if s16, e16 := utf16Len(text[:mt.Start]), utf16Len(text[:mt.End]); mt.Start16 != s16 || mt.End16 != e16 {
			t.Fatalf("match %d: UTF-16 [%d,%d), want [%d,%d)", i, mt.Start16, mt.End16, s16, e16)
		}
		prevEnd = mt.End
		sum += mt.Contribution
	}
	if d := sum - res.Score; d > 1e-9 || d < -1e-9 {
		t.Fatalf("contributions add to %v, score %v", sum, res.Score)
	}
	if again := m.Scan("fuzz", text); !reflect.DeepEqual(res, again) {
		t.Fatalf("not deterministic:\n%+v\n%+v", res, again)
	}
}

// boundary reports whether i starts a rune of s (or ends s); an invalid byte is a rune
// of its own, as the scan decodes it.
func boundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	for j := 0; j < len(s); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}
