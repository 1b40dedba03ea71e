package match

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// wordSegmenter makes gse's segmentation decisions (github.com/go-ego/gse v0.80,
// Segment without HMM: its dictionary path with the least total distance) over the
// bundle's words, without building gse's segmenter: gse pre-segments every dictionary
// word for its search mode while loading (CalcToken), 150 ms of the engine's start in
// wasm for a mode the matcher never uses, and allocates on every call.
// TestWordSegmenterAgreesWithGse holds the two together, window by window.
//
// gse's rules, reproduced: text is cut into units, each rune on its own except runs of
// letters and digits encoded in at most two bytes (Latin, Greek, Cyrillic), which are
// one unit, ASCII lower-cased; a word costs log2(total frequency) − log2(its
// frequency) in float32, a unit no word starts with costs 32 (also when every word
// starting there is longer than one unit); ties keep the first path found.
type wordSegmenter struct {
	// prefixes holds every word (units, lower-cased) with its cost, and every shorter
	// run of a word's first units (word false), so a lookup stops where gse's trie does.
	prefixes bytesTable[prefix]
	words    int
	maxUnits int
}

type prefix struct {
	distance float32
	word     bool
}

const unknownUnitDistance = 32

func newWordSegmenter(words []bundle.Word) *wordSegmenter {
	s := &wordSegmenter{}
	prefixes := make(map[string]prefix, 2*len(words))
	freqs := make(map[string]float64, len(words))
	order := make([]string, 0, len(words))
	total := 0.0
	var units []unitSpan
	for _, w := range words {
		if w.Freq <= 0 {
			continue
		}
		key := []byte(w.Text)
		lowerASCII(key)
		units = splitUnits(key, units[:0])
		if _, dup := freqs[string(key)]; dup || len(units) == 0 {
			continue // gse keeps the first of duplicates
		}
		freqs[string(key)] = w.Freq
		order = append(order, string(key))
		for _, u := range units[:len(units)-1] {
			if _, ok := prefixes[string(key[:u.end])]; !ok {
				prefixes[string(key[:u.end])] = prefix{}
			}
		}
		total += w.Freq
		s.maxUnits = max(s.maxUnits, len(units))
	}
	logTotal := float32(math.Log2(total))
	for _, k := range order {
		prefixes[k] = prefix{distance: logTotal - float32(math.Log2(freqs[k])), word: true}
	}
	s.prefixes = newBytesTable(prefixes)
	s.words = len(order)
	return s
}

// unitSpan is one unit of gse's segmentation, as byte offsets.
type unitSpan struct{ start, end int }

func lowerASCII(b []byte) {
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// splitUnits cuts text as gse's SplitTextToWords does.
func splitUnits(text []byte, out []unitSpan) []unitSpan {
	inRun, runStart := true, 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inRun {
				runStart, inRun = i, true
			}
		} else {
			if inRun {
				inRun = false
				if i != 0 {
					out = append(out, unitSpan{runStart, i})
				}
			}
			out = append(out, unitSpan{i, i + size})
		}
		i += size
	}
	if inRun && i != 0 {
		out = append(out, unitSpan{runStart, i})
	}
	return out
}

// cuts reports whether the least-cost segmentation of window cuts at byte offsets
// start and end.
func (s *wordSegmenter) cuts(window []byte, start, end int) (startCut, endCut bool) {
	var textArr [64]byte
	text := append(textArr[:0], window...)
	lowerASCII(text)
	var unitArr [32]unitSpan
	units := splitUnits(text, unitArr[:0])
	type jumper struct {
		distance float32
		units    int // of the word ending here
	}
	var jumperArr [32]jumper
	var jumpers []jumper
	if len(units) <= len(jumperArr) {
		jumpers = jumperArr[:len(units)]
	} else {
		jumpers = make([]jumper, len(units))
	}
	update := func(j *jumper, d float32, n int) {
		if j.distance == 0 || j.distance > d {
			j.distance, j.units = d, n
		}
	}
	for cur := range units {
		var base float32
		if cur > 0 {
			base = jumpers[cur-1].distance
		}
		found, shortest := 0, 0
		h := uint32(fnvOffset)
		for n := 1; n <= s.maxUnits && cur+n <= len(units); n++ {
			// Units are contiguous: the key's hash extends the shorter key's.
			h = fnvAdd(h, text[units[cur+n-1].start:units[cur+n-1].end])
			p, ok := s.prefixes.get(h, text[units[cur].start:units[cur+n-1].end])
			if !ok {
				break
			}
			if !p.word {
				continue
			}
			if found == 0 {
				shortest = n
			}
			found++
			update(&jumpers[cur+n-1], base+p.distance, n)
		}
		if found == 0 || shortest > 1 {
			update(&jumpers[cur], base+unknownUnitDistance, 1)
		}
	}
	for i := len(units) - 1; i >= 0; {
		first := i - jumpers[i].units + 1
		if units[first].start == start {
			startCut = true
		}
		if units[i].end == end {
			endCut = true
		}
		i = first - 1
	}
	return startCut, endCut
}
