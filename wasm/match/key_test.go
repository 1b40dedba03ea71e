package match

import "testing"

// TestKeyOf: a pattern's automaton key is its first two characters, and more while they
// are ASCII, so that every key holds a byte above 0x7F; of two characters beyond ASCII,
// without the second's last byte when it has three, and without the first's lead byte
// when it is a common CJK character.
func TestKeyOf(t *testing.T) {
	for _, c := range []struct {
		pattern, key string
		at           int
	}{
		{"象", "象", 0},
		{"象牙", "\xb1\xa1\xe7\x89", 1},
		{"象牙塔", "\xb1\xa1\xe7\x89", 1},
		{"3号料", "3号", 0},
		{"加v", "加v", 0},
		{"dm私聊", "dm私", 0},
		{"🐘牙", "🐘\xe7\x89", 0},
		{"象ya", "象y", 0},
		{"é牙", "é\xe7\x89", 0},
		{"ab c象牙", "ab c象", 0},
		{"상아", "상\xec\x95", 0},
	} {
		if got, at := keyOf(c.pattern); got != c.key || at != c.at {
			t.Errorf("keyOf(%q) = %q at %d, want %q at %d", c.pattern, got, at, c.key, c.at)
		}
	}
}
