package match

import (
	"slices"
	"unicode/utf8"
)

// trie finds every occurrence of the automaton's patterns in folded text, with its
// position: at each rune that some pattern begins with, it walks the patterns' byte
// trie as far as the text follows one. It replaced github.com/cloudflare/ahocorasick,
// which reports which patterns occur but not where (every reported pattern was then
// located again with bytes.Index) and holds ~4 KB per pattern byte.
//
// A walk ends at the first byte no pattern continues with, so its cost is the length
// of the longest pattern prefix at that position: for listing text one table probe
// at most runes, a few trie steps at the others. Patterns hold no newline, so no walk
// crosses a block.
//
// With patterns 象牙, 象牙塔 and 牙, the text 象牙塔 gives (0,6,象牙), (0,9,象牙塔) and
// (3,6,牙): every occurrence, overlapping ones included, ordered by start.
type trie struct {
	// first holds, for each BMP rune some pattern begins with, the node after the
	// rune's bytes (0: none): the walk starts at the second rune. Runes above the BMP
	// are walked from the root.
	first  []int32
	root   [256]int32 // the root's child by byte; 0: none
	nodes  []trieNode
	labels []byte  // edge labels, each node's sorted
	next   []int32 // edge targets, beside labels
}

type trieNode struct {
	edges, numEdges int32 // the node's edges: labels[edges:edges+numEdges]
	pattern         int32 // the pattern that ends here, or -1
}

func newTrie(patterns []string, ids []int) *trie {
	type building struct {
		children map[byte]int32
		pattern  int32
	}
	nodes := []building{{children: map[byte]int32{}, pattern: -1}}
	t := &trie{first: make([]int32, 0x10000)}
	for k, p := range patterns {
		n := int32(0)
		for i := 0; i < len(p); i++ {
			c, ok := nodes[n].children[p[i]]
			if !ok {
				c = int32(len(nodes))
				nodes = append(nodes, building{children: map[byte]int32{}, pattern: -1})
				nodes[n].children[p[i]] = c
			}
			n = c
		}
		nodes[n].pattern = int32(ids[k])
	}
	t.nodes = make([]trieNode, len(nodes))
	for n, b := range nodes {
		keys := make([]byte, 0, len(b.children))
		for c := range b.children {
			keys = append(keys, c)
		}
		slices.Sort(keys)
		t.nodes[n] = trieNode{edges: int32(len(t.labels)), numEdges: int32(len(keys)), pattern: b.pattern}
		for _, c := range keys {
			t.labels = append(t.labels, c)
			t.next = append(t.next, b.children[c])
		}
	}
	for c, child := range nodes[0].children {
		t.root[c] = child
	}
	for _, p := range patterns {
		if r, size := utf8.DecodeRuneInString(p); r < 0x10000 {
			n := int32(0)
			for i := range size {
				n = nodes[n].children[p[i]]
			}
			t.first[r] = n
		}
	}
	return t
}

// child returns the node reached from n by byte c, or 0.
func (t *trie) child(n int32, c byte) int32 {
	nd := &t.nodes[n]
	labels := t.labels[nd.edges : nd.edges+nd.numEdges]
	for i, l := range labels {
		if l == c {
			return t.next[int(nd.edges)+i]
		}
		if l > c {
			break
		}
	}
	return 0
}

// occurrence is a pattern found in the folded text at [start, end).
type occurrence struct {
	start, end int
	pattern    int
}

// find appends every occurrence in text, ordered by start, then by length.
func (t *trie) find(text []byte, out []occurrence) []occurrence {
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		size := 1
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c >= 0xE0 && c < 0xF0 && i+2 < len(text):
			// Folded text is valid UTF-8: the fold writes every rune it keeps.
			r, size = rune(c&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
		default:
			r, size = utf8.DecodeRune(text[i:])
		}
		n, j := t.root[c], i+1
		if r < 0x10000 {
			n, j = t.first[r], i+size
		}
		for ; n != 0; j++ {
			if p := t.nodes[n].pattern; p >= 0 {
				out = append(out, occurrence{start: i, end: j, pattern: int(p)})
			}
			if j == len(text) {
				break
			}
			n = t.child(n, text[j])
		}
		i += size
	}
	return out
}
