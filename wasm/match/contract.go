package match

import (
	"sync"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// patternFolder caches the folder of the last table set FoldPattern saw: the validator
// folds every form of a lexicon with the same tables.
var patternFolder struct {
	sync.Mutex
	tables *bundle.Tables
	folder *folder
}

// FoldPattern returns the form a lexicon pattern takes after every fold, as the matcher
// folds it; the lexicon validator uses it to refuse patterns that fold to nothing or to
// a single character. Repeated letters count as written: 猩猩 stays 猩猩 (the
// matcher requires the repeat in the text), 象象牙 stays 象象牙. Symbols the pattern itself needs (🐘 in 🐘牙, + in +V) stay, as
// they do in a matcher built from a lexicon containing the pattern. Tables the matcher
// would refuse fold nothing: the result is "".
func FoldPattern(t *bundle.Tables, s string) string {
	patternFolder.Lock()
	defer patternFolder.Unlock()
	if patternFolder.tables != t {
		built, err := newFolder(t, 0)
		if err != nil {
			return ""
		}
		patternFolder.tables, patternFolder.folder = t, built
	}
	// The folder is used in place, under the lock, with a protected set of this pattern's
	// own: a copy of it (a 64 KB look-alike table among its fields) per form cost the
	// lexicon's compile 1.4 GB of garbage.
	f := patternFolder.folder
	f.protected = map[rune]class{}
	var fd folded
	f.learn(s, &fd)
	f.fold(s, &fd, nil)
	// A letter the form writes several times in a row stays so (猩猩): the matcher
	// requires as many in the text, so the form is not the single character.
	out := make([]byte, 0, len(fd.text))
	for i := 0; i < len(fd.text); {
		_, size := utf8.DecodeRune(fd.text[i:])
		for range fd.meta[i].runs {
			out = append(out, fd.text[i:i+size]...)
		}
		i += size
	}
	return string(out)
}

// LatinWords reports whether a folded phrase is ASCII letters in words separated by
// single spaces, as the matcher's word index holds them (say no to): the validator
// takes such prohibition phrases.
func LatinWords(folded string) bool { return wholeWords(folded) }
