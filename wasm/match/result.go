package match

// Result is the matcher's verdict on one listing: the contract shared by `wildlens scan`,
// the wasm engine and the server's reports.
type Result struct {
	ID      string  `json:"id"`
	Verdict string  `json:"verdict"` // VerdictFlag | VerdictClear
	Score   float64 `json:"score"`
	Matches []Match `json:"matches"`
}

const (
	VerdictFlag  = "flag"
	VerdictClear = "clear"
)

// Match is one highlighted span of the original text.
type Match struct {
	TermID string `json:"term_id"`
	Term   string `json:"term"` // the entry's canonical form
	Kind   string `json:"kind,omitempty"`
	Risk   int    `json:"risk"`
	Text   string `json:"text"` // the original text of the span
	// Start and End are byte offsets into the original (UTF-8) text; Start16 and End16
	// are the same span in UTF-16 code units, as the DOM counts.
	Start   int `json:"start"`
	End     int `json:"end"`
	Start16 int `json:"start16"`
	End16   int `json:"end16"`
	// Variant is the lexicon form that matched (the term itself, a variant, or a
	// generated pinyin form); Folds names the folds the text needed to reach it, in
	// pipeline order (see Fold).
	Variant string   `json:"variant"`
	Folds   []string `json:"folds"`
	// Also lists other entries that matched within this span but lost to it under
	// leftmost-longest display.
	Also []string `json:"also,omitempty"`
	// Contribution is what this hit added to the listing's score.
	Contribution float64 `json:"contribution"`
}
