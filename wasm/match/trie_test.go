package match

import (
	"fmt"
	"strings"
	"testing"
)

// expectFound checks every occurrence the trie finds, written start-end:pattern.
func expectFound(t *testing.T, patterns, text, want string) {
	t.Helper()
	ps := strings.Split(patterns, ",")
	ids := make([]int, len(ps))
	for i := range ids {
		ids[i] = i
	}
	var got []string
	for _, o := range newTrie(ps, ids).find([]byte(text), nil) {
		got = append(got, fmt.Sprintf("%d-%d:%s", o.start, o.end, ps[o.pattern]))
	}
	if g := strings.Join(got, " "); g != want {
		t.Errorf("patterns %s in %q: got %q, want %q", patterns, text, g, want)
	}
}

func TestTrieFindsEveryOccurrence(t *testing.T) {
	expectFound(t, "象牙,象牙塔,牙", "象牙塔", "0-6:象牙 0-9:象牙塔 3-6:牙")
	expectFound(t, "象牙", "大象 牙", "")
	expectFound(t, "猩猩", "猩猩猩", "0-6:猩猩 3-9:猩猩")
	expectFound(t, "象牙,犀角", "象牙\n犀角象", "0-6:象牙 7-13:犀角")
	expectFound(t, "🐘牙,+v", "买🐘牙加+v", "3-10:🐘牙 13-15:+v")
	expectFound(t, "3号料,号", "13号料", "1-8:3号料 2-5:号")
	expectFound(t, "ab,b", "xab", "1-3:ab 2-3:b")
	expectFound(t, "象牙", "象", "")
	expectFound(t, "象牙", "", "")
	expectFound(t, "牙", "\xe8\xb1", "") // a truncated rune at the end is not walked past
}
