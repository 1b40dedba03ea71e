package match

import (
	"bytes"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// BoundaryAgreement folds each text as m does and, at every occurrence of a form that
// is checked for word boundaries, compares m's decision (the bundle's trimmed words)
// with the decision a segmenter over words makes. It returns how many occurrences
// there were and the ones where the two disagree, as "text around the hit".
func BoundaryAgreement(m *Matcher, words []bundle.Word, texts []string) (total int, disagree []string) {
	var fd folded
	folded := make([]bundle.Word, 0, len(words))
	for _, w := range words {
		if t := m.folder.foldString(w.Text, &fd, nil); t != "" {
			folded = append(folded, bundle.Word{Text: t, Freq: w.Freq, Pos: w.Pos})
		}
	}
	other := newSegmenter(folded)
	for _, text := range texts {
		m.folder.fold(text, &fd, nil)
		blockStart := 0
		for blockStart <= len(fd.text) {
			blockEnd := blockStart
			for blockEnd < len(fd.text) && fd.text[blockEnd] != '\n' {
				blockEnd++
			}
			block := fd.text[blockStart:blockEnd]
			for _, p := range m.patterns {
				checked := false
				for _, f := range p.forms {
					checked = checked || f.word
				}
				if !checked {
					continue
				}
				for off := 0; off < len(block); {
					k := indexFrom(block, p.text, off)
					if k < 0 {
						break
					}
					total++
					a := m.boundary().isWord(block, k, k+len(p.text))
					b := other.isWord(block, k, k+len(p.text))
					if a != b {
						lo, hi := max(0, k-12), min(len(block), k+len(p.text)+12)
						disagree = append(disagree, string(block[lo:hi]))
					}
					off = k + len(p.text)
				}
			}
			blockStart = blockEnd + 1
		}
	}
	return total, disagree
}

func indexFrom(b []byte, s string, from int) int {
	for i := from; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// SegmenterAgreement compares m's word segmenter with gse's own (github.com/go-ego/gse
// over the same folded words, without HMM) on every window isWord could frame in the
// texts: each rune, and each run of two and three runes, taken as the hit. It returns
// how many windows there were and the ones where the decisions differ.
func SegmenterAgreement(m *Matcher, words []bundle.Word, texts []string) (total int, disagree []string) {
	var fd folded
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	seg.Dict = gse.NewDict()
	seg.Init()
	for _, w := range words {
		if t := m.folder.foldString(w.Text, &fd, nil); t != "" && w.Freq > 0 {
			seg.AddToken(t, w.Freq, w.Pos)
		}
	}
	seg.CalcToken()
	gseIsWord := func(block []byte, start, end int) bool {
		ws, we := start, end
		for n := 0; n < segmentWindow && ws > 0; n++ {
			r, size := utf8.DecodeLastRune(block[:ws])
			if r == ' ' {
				break
			}
			ws -= size
		}
		for n := 0; n < segmentWindow && we < len(block); n++ {
			r, size := utf8.DecodeRune(block[we:])
			if r == ' ' {
				break
			}
			we += size
		}
		startCut, endCut := start == ws, end == we
		for _, sg := range seg.Segment(block[ws:we]) {
			startCut = startCut || ws+sg.Start() == start
			endCut = endCut || ws+sg.End() == end
		}
		return startCut && endCut
	}
	for _, text := range texts {
		m.folder.fold(text, &fd, nil)
		for _, block := range bytes.Split(fd.text, []byte("\n")) {
			for i := 0; i < len(block); {
				_, size := utf8.DecodeRune(block[i:])
				end := i
				for range 3 {
					if end == len(block) {
						break
					}
					_, s := utf8.DecodeRune(block[end:])
					end += s
					total++
					if gseIsWord(block, i, end) != m.boundary().isWord(block, i, end) {
						disagree = append(disagree, fmt.Sprintf("%q [%d,%d)", block[max(0, i-12):min(len(block), end+12)], i, end))
					}
				}
				i += size
			}
		}
	}
	return total, disagree
}

// StreamFoldDisagreements folds each text with the stream fold and with the reference
// unit pipeline and describes every text where the folded text, a rune's meta or
// where hashtag marks were passed differ.
func StreamFoldDisagreements(m *Matcher, texts []string) []string {
	var out []string
	var stream, ref folded
	for _, s := range texts {
		m.folder.foldStream(s, &stream)
		m.folder.foldUnits(s, &ref, nil)
		if !bytes.Equal(stream.text, ref.text) {
			out = append(out, fmt.Sprintf("%q: stream %q, reference %q", s, stream.text, ref.text))
			continue
		}
		if !slices.Equal(stream.tags, ref.tags) {
			out = append(out, fmt.Sprintf("%q: stream tag marks %v, reference %v", s, stream.tags, ref.tags))
		}
		if !slices.Equal(stream.digitLetters, ref.digitLetters) {
			out = append(out, fmt.Sprintf("%q: stream digit letters %v, reference %v", s, stream.digitLetters, ref.digitLetters))
		}
		if !slices.Equal(stream.joins, ref.joins) {
			out = append(out, fmt.Sprintf("%q: stream joins %v, reference %v", s, stream.joins, ref.joins))
		}
		if !slices.Equal(stream.leets, ref.leets) {
			out = append(out, fmt.Sprintf("%q: stream symbol marks %v, reference %v", s, stream.leets, ref.leets))
		}

		for i := range ref.text {
			if utf8.RuneStart(ref.text[i]) && stream.meta[i] != ref.meta[i] {
				out = append(out, fmt.Sprintf("%q: byte %d of %q: stream %+v, reference %+v", s, i, ref.text, stream.meta[i], ref.meta[i]))
				break
			}
		}
	}
	return out
}

// PatternTexts returns every folded pattern the matcher looks for, in the automaton or
// in the word index (BenchmarkAutomatonAlone's second yardstick).
func PatternTexts(m *Matcher) []string {
	out := make([]string, len(m.patterns))
	for i := range m.patterns {
		out[i] = m.patterns[i].text
	}
	return out
}

// AutomatonBytes returns the bytes of the keys the automaton holds and of the patterns
// they stand for (BenchmarkNew reports both).
func AutomatonBytes(m *Matcher) (keys, patterns int) {
	for _, k := range m.acKeys {
		keys += len(k.bytes)
		for _, kp := range k.patterns {
			patterns += len(m.patterns[kp.pattern].bytes)
		}
	}
	return keys, patterns
}
