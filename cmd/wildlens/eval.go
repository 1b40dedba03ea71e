package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/wildlens/wildlens/wasm/match"
)

const evalUsage = `usage: wildlens eval [--lexicon PATH] [--json] FILE.jsonl...

Scores a lexicon on labelled listings, so a lexicon change can be judged before it ships.
Every line of every FILE is {"id": ..., "text": ..., "label": "illicit"|"benign"} (other
fields are ignored); the files are pooled. A malformed line stops eval with its file and
line number: a score over part of the set would mislead.

Listing-level scores, a listing counting as flagged when its verdict is "flag":
  precision        flagged illicit / all flagged     (1 when nothing is flagged)
  recall           flagged illicit / all illicit     (1 when nothing is illicit)
  false-flag rate  flagged benign  / all benign      (0 when nothing is benign)
followed by every false flag (with the hits that caused it) and every miss.

Flags:
`

// evalReport is what eval prints; --json prints it as is.
type evalReport struct {
	Listings      int     `json:"listings"`
	Illicit       int     `json:"illicit"`
	Benign        int     `json:"benign"`
	FlagIllicit   int     `json:"flagged_illicit"`
	FlagBenign    int     `json:"flagged_benign"`
	Precision     float64 `json:"precision"`
	Recall        float64 `json:"recall"`
	FalseFlagRate float64 `json:"false_flag_rate"`
	// FalseFlags are the benign listings flagged, Misses the illicit listings not
	// flagged, in input order.
	FalseFlags []evalListing `json:"false_flags"`
	Misses     []evalListing `json:"misses"`
}

// evalListing is one listing eval got wrong: the matcher's result and the text it read.
type evalListing struct {
	match.Result
	Text string `json:"text"`
}

const (
	labelIllicit = "illicit"
	labelBenign  = "benign"
)

func cmdEval(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "eval")
	lexiconPath := fs.String("lexicon", "", "lexicon YAML file or directory (default: the built-in lexicon)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	fs.Usage = func() { fmt.Fprint(e.stderr, evalUsage); fs.PrintDefaults() }
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: no labelled JSONL file given", errUsage)
	}
	var listings []labelledListing
	for _, f := range files {
		ls, err := readLabelled(f)
		if err != nil {
			return err
		}
		listings = append(listings, ls...)
	}
	m, err := loadMatcher(*lexiconPath)
	if err != nil {
		return err
	}
	report := evaluate(ctx, m, listings)
	if err := ctx.Err(); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	writeEvalReport(e.stdout, report)
	return nil
}

type labelledListing struct {
	id, text, label string
}

// readLabelled reads a labelled JSONL file; the first malformed line is an error naming
// FILE:LINE.
func readLabelled(path string) ([]labelledListing, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []labelledListing
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		l, err := parseLabelledLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		if l.id == "" {
			l.id = fmt.Sprintf("%s:%d", path, n+1)
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no listings", path)
	}
	return out, nil
}

func parseLabelledLine(line []byte) (labelledListing, error) {
	l, err := parseJSONLLine(line)
	if err != nil {
		return labelledListing{}, err
	}
	if l.Label != labelIllicit && l.Label != labelBenign {
		return labelledListing{}, errors.New(`"label" must be "illicit" or "benign"`)
	}
	return labelledListing{id: l.ID, text: *l.Text, label: l.Label}, nil
}

func evaluate(ctx context.Context, m *match.Matcher, listings []labelledListing) evalReport {
	r := evalReport{FalseFlags: []evalListing{}, Misses: []evalListing{}}
	for _, l := range listings {
		if ctx.Err() != nil {
			break
		}
		res := m.Scan(l.id, l.text)
		if res.Matches == nil {
			res.Matches = []match.Match{}
		}
		flagged := res.Verdict == match.VerdictFlag
		r.Listings++
		switch {
		case l.label == labelIllicit && flagged:
			r.Illicit++
			r.FlagIllicit++
		case l.label == labelIllicit:
			r.Illicit++
			r.Misses = append(r.Misses, evalListing{res, l.text})
		case flagged:
			r.Benign++
			r.FlagBenign++
			r.FalseFlags = append(r.FalseFlags, evalListing{res, l.text})
		default:
			r.Benign++
		}
	}
	r.Precision = ratio(r.FlagIllicit, r.FlagIllicit+r.FlagBenign, 1)
	r.Recall = ratio(r.FlagIllicit, r.Illicit, 1)
	r.FalseFlagRate = ratio(r.FlagBenign, r.Benign, 0)
	return r
}

func ratio(n, d int, ifNone float64) float64 {
	if d == 0 {
		return ifNone
	}
	return float64(n) / float64(d)
}

func writeEvalReport(w io.Writer, r evalReport) {
	fmt.Fprintf(w, "listings   %d: %d illicit, %d benign\n", r.Listings, r.Illicit, r.Benign)
	fmt.Fprintf(w, "flagged    %d illicit, %d benign\n", r.FlagIllicit, r.FlagBenign)
	fmt.Fprintf(w, "precision  %.3f   recall %.3f   false-flag rate %.3f\n", r.Precision, r.Recall, r.FalseFlagRate)
	writeEvalListings(w, fmt.Sprintf("false flags (%d benign listings flagged)", len(r.FalseFlags)), r.FalseFlags)
	writeEvalListings(w, fmt.Sprintf("misses (%d illicit listings not flagged)", len(r.Misses)), r.Misses)
}

func writeEvalListings(w io.Writer, title string, ls []evalListing) {
	if len(ls) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, l := range ls {
		var hits []string
		for _, h := range l.Matches {
			hits = append(hits, fmt.Sprintf("%s «%s» %+g", h.TermID, h.Text, h.Contribution))
		}
		if len(hits) == 0 {
			hits = []string{"no hits"}
		}
		fmt.Fprintf(w, "  %s  score %g  %s\n", l.ID, l.Score, strings.Join(hits, ", "))
		fmt.Fprintf(w, "      %s\n", clip(strings.ReplaceAll(l.Text, "\n", " / "), 100))
	}
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
