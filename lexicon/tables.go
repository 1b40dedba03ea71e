package lexicon

import "github.com/wildlens/wildlens/lexicon/bundle"

// BuildTables computes the fold tables from maintained data (NFKC, OpenCC, …) at build
// time. PLACEHOLDER: owned by the matcher's fold work.
func BuildTables() (bundle.Tables, error) { return bundle.Tables{}, nil }
