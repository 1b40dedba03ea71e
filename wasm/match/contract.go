package match

import (
	"sync"

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
// a single character. Symbols the pattern itself needs (🐘 in 🐘牙, + in +V) stay, as
// they do in a matcher built from a lexicon containing the pattern. Tables the matcher
// would refuse fold nothing: the result is "".
func FoldPattern(t *bundle.Tables, s string) string {
	patternFolder.Lock()
	if patternFolder.tables != t {
		built, err := newFolder(t, 0)
		if err != nil {
			patternFolder.Unlock()
			return ""
		}
		patternFolder.tables, patternFolder.folder = t, built
	}
	f := *patternFolder.folder
	patternFolder.Unlock()
	f.protected, f.doubled = map[rune]bool{}, map[rune]bool{}
	var fd folded
	f.learn(s, &fd)
	return f.foldString(s, &fd, nil)
}
