package match

import "github.com/wildlens/wildlens/lexicon/bundle"

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
