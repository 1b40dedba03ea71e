package match

import "testing"

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
