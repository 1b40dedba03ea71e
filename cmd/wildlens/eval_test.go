package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// evalJSON runs `wildlens eval --json` in-process and decodes its report.
func evalJSON(t *testing.T, args ...string) evalReport {
	t.Helper()
	code, stdout, stderr := runCmd(t, "", append([]string{"eval", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("wildlens eval %q: exit %d: %s", args, code, stderr)
	}
	var r evalReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("eval output is not a report: %v\n%s", err, stdout)
	}
	return r
}

func evalIDs(ls []evalListing) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.ID)
	}
	return out
}

// One listing in each cell of the confusion matrix.
const labelledListings = `{"id":"tp","text":"出售象牙手镯，私聊","label":"illicit"}
{"id":"fn","text":"犀角杯，懂的来","label":"illicit"}
{"id":"tn","text":"走出象牙塔的第一年","label":"benign","note":"ivory tower"}
{"id":"fp","text":"象牙白色连衣裙 ivory dress","label":"benign"}
`

func TestEvalCountsEveryCell(t *testing.T) {
	dir := writeFiles(t, map[string]string{"l.jsonl": labelledListings})
	r := evalJSON(t, "--lexicon", lexiconFile(t), filepath.Join(dir, "l.jsonl"))
	if r.Listings != 4 || r.Illicit != 2 || r.Benign != 2 || r.FlagIllicit != 1 || r.FlagBenign != 1 {
		t.Errorf("counts = %d listings, %d illicit, %d benign, %d/%d flagged; want 4, 2, 2, 1/1",
			r.Listings, r.Illicit, r.Benign, r.FlagIllicit, r.FlagBenign)
	}
	if r.Precision != 0.5 || r.Recall != 0.5 || r.FalseFlagRate != 0.5 {
		t.Errorf("precision, recall, false-flag rate = %v, %v, %v; want 0.5 each", r.Precision, r.Recall, r.FalseFlagRate)
	}
	expectStrings(t, "false flags", evalIDs(r.FalseFlags), []string{"fp"})
	expectStrings(t, "misses", evalIDs(r.Misses), []string{"fn"})
	if len(r.FalseFlags) == 1 {
		if ff := r.FalseFlags[0]; len(ff.Matches) == 0 || ff.Matches[0].TermID != "t-ivory" || ff.Text != "象牙白色连衣裙 ivory dress" {
			t.Errorf("false flag = %+v, want the text and the t-ivory hit that caused it", ff)
		}
	}
}

func TestEvalTextReport(t *testing.T) {
	dir := writeFiles(t, map[string]string{"l.jsonl": labelledListings})
	code, stdout, stderr := runCmd(t, "", "eval", "--lexicon", lexiconFile(t), filepath.Join(dir, "l.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"listings   4: 2 illicit, 2 benign\n",
		"flagged    1 illicit, 1 benign\n",
		"precision  0.500   recall 0.500   false-flag rate 0.500\n",
		"\nfalse flags (1 benign listings flagged):\n  fp  score ",
		"t-ivory «象牙» +",
		"      象牙白色连衣裙 ivory dress\n",
		"\nmisses (1 illicit listings not flagged):\n  fn  score 0  no hits\n      犀角杯，懂的来\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
}

func TestEvalRejectsMalformedLines(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"label.jsonl": `{"id":"a","text":"象牙","label":"illicit"}` + "\n" + `{"id":"b","text":"象牙","label":"maybe"}` + "\n",
		"json.jsonl":  `{"id":"a","text":"象牙","label":"illicit"}` + "\n\n" + `{"id":"b",` + "\n",
		"empty.jsonl": "\n",
	})
	for name, want := range map[string]string{
		"label.jsonl": ":2: \"label\" must be \"illicit\" or \"benign\"\n",
		"json.jsonl":  ":3: unexpected end of JSON input\n",
		"empty.jsonl": ": no listings\n",
	} {
		path := filepath.Join(dir, name)
		code, stdout, stderr := runCmd(t, "", "eval", "--lexicon", lexiconFile(t), path)
		if code != 1 || stdout != "" || stderr != "wildlens eval: "+path+want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 1, nothing, %q", name, code, stdout, stderr, "wildlens eval: "+path+want)
		}
	}
}

// TestCorpusAccuracy is the accuracy gate of issue 2: the built-in lexicon over the
// hand-labelled corpus must keep recall at or above 0.95 and flag at most 5% of the benign
// listings. The sets written blind to the lexicon (testdata/corpus/README.md) are held to
// floors a little under what they measure now, so that a change that loses ground on
// text nobody tuned it to fails too. It prints the numbers (go test -v) and every false
// flag and miss.
func TestCorpusAccuracy(t *testing.T) {
	for _, gate := range []struct {
		name                string
		minRecall, maxFalse float64
	}{
		{"listings.jsonl", 0.95, 0.05},
		{"obfuscations.jsonl", 0.95, 0.05},
		{"independent.jsonl", 0.95, 0.015},
		{"independent-obfuscations.jsonl", 0.88, 0.05},
	} {
		name := gate.name
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", "corpus", name)
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				t.Skipf("%s does not exist yet", path)
			}
			path = withinContract(t, path)
			r := evalJSON(t, path)
			t.Logf("%s: %d listings (%d illicit, %d benign): precision %.3f, recall %.3f, false-flag rate %.3f",
				name, r.Listings, r.Illicit, r.Benign, r.Precision, r.Recall, r.FalseFlagRate)
			for _, l := range r.FalseFlags {
				t.Logf("false flag %s (score %g): %s", l.ID, l.Score, hitSummary(l))
			}
			for _, l := range r.Misses {
				t.Logf("miss %s (score %g): %s", l.ID, l.Score, hitSummary(l))
			}
			if r.Recall < gate.minRecall {
				t.Errorf("recall %.3f is below %.2f (%d of %d illicit listings missed)", r.Recall, gate.minRecall, len(r.Misses), r.Illicit)
			}
			if r.FalseFlagRate > gate.maxFalse {
				t.Errorf("false-flag rate %.3f is above %.2f (%d of %d benign listings flagged)", r.FalseFlagRate, gate.maxFalse, r.FlagBenign, r.Benign)
			}
		})
	}
}

// outOfContract are the obfuscation techniques the matcher's contract rules out: a term
// broken across lines (象\n牙, Pango\nlin). A line is a block, and noise is never dropped
// across a block boundary (wasm/match/doc.go): the DOM's blocks serialise to lines, and
// 大象\n牙刷 on two list items is not ivory.
var outOfContract = []string{"one character per line", "line break inside the word"}

// withinContract returns path, or a copy of it without the lines whose technique is out of
// the contract, which it logs.
func withinContract(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		var l struct{ ID, Technique string }
		if err := json.Unmarshal([]byte(line), &l); err == nil && slices.Contains(outOfContract, l.Technique) {
			t.Logf("%s: skipped, %s is out of the matcher's contract", l.ID, l.Technique)
			continue
		}
		kept = append(kept, line)
	}
	if len(kept) == strings.Count(strings.TrimRight(string(data), "\n"), "\n")+1 {
		return path
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, []byte(strings.Join(kept, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func hitSummary(l evalListing) string {
	var hits []string
	for _, h := range l.Matches {
		hits = append(hits, h.TermID+" «"+h.Text+"»")
	}
	if len(hits) == 0 {
		hits = []string{"no hits"}
	}
	return strings.Join(hits, ", ") + " | " + clip(l.Text, 80)
}
