package match

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestClassTable: the painted table says what classify says, for every BMP rune.
func TestClassTable(t *testing.T) {
	classes := bmpClasses()
	bad := 0
	for r := range rune(0x10000) {
		if got, want := classes[r], classify(r); got != want {
			if bad++; bad <= 10 {
				t.Errorf("U+%04X: table says %d, classify %d", r, got, want)
			}
		}
	}
}

// isHan's table answers as unicode.Is does, for every rune.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isHan(r) != unicode.Is(unicode.Han, r) {
			t.Fatalf("isHan(%U) = %v", r, isHan(r))
		}
	}
}

// leadRune and tailRune decode as the utf8 package does, valid or not.
func TestLeadTailRune(t *testing.T) {
	for _, s := range []string{"", "a", "象", "象牙", "\xe8\xb1", "\xe8\xb1\xa1x", "x\xe8\xb1\xa1", "\xed\xa0\x80", "\xe0\x80\xaf", "🐘", "é"} {
		r, n := leadRune(s)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Errorf("leadRune(%q) = %U %d, want %U %d", s, r, n, wr, wn)
		}
		r, n = tailRune(s)
		wr, wn = utf8.DecodeLastRuneInString(s)
		if r != wr || n != wn {
			t.Errorf("tailRune(%q) = %U %d, want %U %d", s, r, n, wr, wn)
		}
	}
}
