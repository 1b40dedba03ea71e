package match

import "testing"

// TestKeyOf: a pattern's automaton key is its first two characters, and more while they
// are ASCII, so that every key holds a byte above 0x7F; of two characters beyond ASCII,
// without the second's last byte when it has three.
func TestKeyOf(t *testing.T) {
	for _, c := range []struct{ pattern, key string }{
		{"象", "象"},
		{"象牙", "象\xe7\x89"},
		{"象牙塔", "象\xe7\x89"},
		{"3号料", "3号"},
		{"加v", "加v"},
		{"dm私聊", "dm私"},
		{"🐘牙", "🐘\xe7\x89"},
		{"象ya", "象y"},
		{"é牙", "é\xe7\x89"},
		{"ab c象牙", "ab c象"},
	} {
		if got := keyOf(c.pattern); got != c.key {
			t.Errorf("keyOf(%q) = %q, want %q", c.pattern, got, c.key)
		}
	}
}
