package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/wasm/match"
)

// testLexicon is a small lexicon the scan and eval tests expect hits from. Risk 5 is
// enough for a lone hit to flag; a risk 1-2 term alone never flags (matcher contract).
const testLexicon = `terms:
- id: t-ivory
  term: 象牙
  kind: product
  risk: 5
  benign: [象牙塔]
- id: t-rhino
  term: rhino horn
  kind: product
  risk: 5
- id: t-dm
  term: 私聊
  kind: trade_context
  risk: 1
`

// runCmd runs the wildlens command line in-process and returns its exit status and
// output.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), env{strings.NewReader(stdin), &out, &errOut}, args)
	return code, out.String(), errOut.String()
}

// writeFiles creates files (relative path → content) under a new temporary directory
// and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func lexiconFile(t *testing.T) string {
	return filepath.Join(writeFiles(t, map[string]string{"lexicon.yaml": testLexicon}), "lexicon.yaml")
}

// scanResult is the JSON shape scan prints, decoded loosely so the test sees exactly
// which fields are there.
type scanResult map[string]any

func decodeResults(t *testing.T, stdout string) []scanResult {
	t.Helper()
	var rs []scanResult
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if line == "" {
			continue
		}
		var r scanResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line is not JSON: %q: %v", line, err)
		}
		rs = append(rs, r)
	}
	return rs
}

func resultIDs(rs []scanResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r["id"].(string))
	}
	return out
}

// resultHits lists a result's matches as "term_id text start-end" strings.
func resultHits(r scanResult) []string {
	out := []string{}
	for _, m := range r["matches"].([]any) {
		m := m.(map[string]any)
		out = append(out, m["term_id"].(string)+" "+m["text"].(string)+" "+
			jsonText(m["start"])+"-"+jsonText(m["end"]))
	}
	return out
}

func jsonText(v any) string { b, _ := json.Marshal(v); return string(b) }

func fieldNames(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func expectStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("%s\n got %q\nwant %q", what, got, want)
	}
}

func TestScanFileExactJSON(t *testing.T) {
	// 🐘 is 4 bytes and 2 UTF-16 units: 象牙 starts at byte 4+1+6 = 11, unit 2+1+2 = 5.
	dir := writeFiles(t, map[string]string{"listing.txt": "🐘 出售象牙手镯"})
	code, stdout, stderr := runCmd(t, "", "scan", "--lexicon", lexiconFile(t), filepath.Join(dir, "listing.txt"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rs := decodeResults(t, stdout)
	if len(rs) != 1 {
		t.Fatalf("got %d results, want 1: %s", len(rs), stdout)
	}
	r := rs[0]
	expectStrings(t, "result fields", fieldNames(r), []string{"id", "matches", "score", "verdict"})
	if r["id"] != filepath.Join(dir, "listing.txt") || r["verdict"] != "flag" {
		t.Errorf("id, verdict = %v, %v; want the file name, flag", r["id"], r["verdict"])
	}
	if score, _ := r["score"].(float64); score <= 0 {
		t.Errorf("score = %v, want > 0", r["score"])
	}
	ms := r["matches"].([]any)
	if len(ms) != 1 {
		t.Fatalf("got %d matches, want 1: %s", len(ms), stdout)
	}
	m := ms[0].(map[string]any)
	for _, k := range []string{"term_id", "term", "kind", "risk", "text", "start", "end", "start16", "end16", "variant", "folds", "contribution"} {
		if _, ok := m[k]; !ok {
			t.Errorf("match has no %q field: %s", k, stdout)
		}
	}
	want := map[string]any{
		"term_id": "t-ivory", "term": "象牙", "kind": "product", "risk": 5.0, "text": "象牙",
		"start": 11.0, "end": 17.0, "start16": 5.0, "end16": 7.0, "variant": "象牙",
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("match[%q] = %v, want %v", k, m[k], v)
		}
	}
	if folds, _ := m["folds"].([]any); len(folds) != 0 {
		t.Errorf("folds = %v, want none for an exact hit", m["folds"])
	}
}

func TestScanClearListingHasEmptyMatches(t *testing.T) {
	code, stdout, _ := runCmd(t, "出租两室一厅", "scan", "--lexicon", lexiconFile(t), "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got, want := stdout, `{"id":"-","verdict":"clear","score":0,"matches":[]}`+"\n"; got != want {
		t.Errorf("stdout\n got %q\nwant %q", got, want)
	}
}

func TestScanDirectoryRecursiveSorted(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.txt":            "rhino horn cup",
		"a/2.txt":          "象牙手镯",
		"a/1.txt":          "象牙塔",
		"a/10.txt":         "nothing here",
		".hidden.txt":      "象牙",
		".git/config":      "象牙",
		"c/page.HTML":      "<p>象<b>牙</b></p>",
		"c/saved-page.dat": "<!DOCTYPE html><title>象牙</title><p>rhino horn</p>",
	})
	code, stdout, stderr := runCmd(t, "", "scan", "--lexicon", lexiconFile(t), dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rs := decodeResults(t, stdout)
	rel := func(p ...string) string { return filepath.Join(append([]string{dir}, p...)...) }
	expectStrings(t, "ids", resultIDs(rs), []string{
		rel("a", "1.txt"), rel("a", "10.txt"), rel("a", "2.txt"), rel("b.txt"),
		rel("c", "page.HTML"), rel("c", "saved-page.dat"),
	})
	if len(rs) != 6 {
		return
	}
	expectStrings(t, "a/1.txt (benign phrase)", resultHits(rs[0]), nil)
	expectStrings(t, "a/10.txt", resultHits(rs[1]), nil)
	expectStrings(t, "a/2.txt", resultHits(rs[2]), []string{"t-ivory 象牙 0-6"})
	expectStrings(t, "b.txt", resultHits(rs[3]), []string{"t-rhino rhino horn 0-10"})
	expectStrings(t, "page.HTML (split by <b>)", resultHits(rs[4]), []string{"t-ivory 象牙 0-6"})
	expectStrings(t, "saved page (title is not visible)", resultHits(rs[5]), []string{"t-rhino rhino horn 0-10"})
}

func TestScanHTMLVisibleTextOffsets(t *testing.T) {
	page := `<html><head><title>象牙</title><script>var s = "象牙"</script></head><body>
<div class="listing"><h2>老货 &amp; 摆件</h2><p>出售象<b>牙</b>手镯</p></div>
<div hidden>象牙</div><div style="display: none">象牙</div>
</body></html>`
	dir := writeFiles(t, map[string]string{"page.htm": page})
	code, stdout, stderr := runCmd(t, "", "scan", "--lexicon", lexiconFile(t), filepath.Join(dir, "page.htm"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rs := decodeResults(t, stdout)
	// The visible text is "老货 & 摆件\n出售象牙手镯": 象牙 at byte 15+1+6 = 22, unit 7+1+2 = 10.
	expectStrings(t, "hits", resultHits(rs[0]), []string{"t-ivory 象牙 22-28"})
	m := rs[0]["matches"].([]any)[0].(map[string]any)
	if m["start16"] != 10.0 || m["end16"] != 12.0 {
		t.Errorf("start16, end16 = %v, %v; want 10, 12", m["start16"], m["end16"])
	}
}

func TestScanStdinHTMLIsSniffed(t *testing.T) {
	code, stdout, _ := runCmd(t, "\n  <!doctype html><p>rhino <i>horn</i></p><script>象牙</script>",
		"scan", "--lexicon", lexiconFile(t), "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rs := decodeResults(t, stdout)
	expectStrings(t, "ids", resultIDs(rs), []string{"-"})
	expectStrings(t, "hits", resultHits(rs[0]), []string{"t-rhino rhino horn 0-10"})
}

func TestScanJSONL(t *testing.T) {
	dir := writeFiles(t, map[string]string{"in.jsonl": `{"id":"l1","text":"出售象牙手镯","label":"illicit"}

{"text":"vintage rhino horn cup"}
{"id":"l3","text":"<p>象牙</p>"}
`})
	code, stdout, stderr := runCmd(t, "", "scan", "--jsonl", "--lexicon", lexiconFile(t), filepath.Join(dir, "in.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rs := decodeResults(t, stdout)
	expectStrings(t, "ids", resultIDs(rs), []string{"l1", filepath.Join(dir, "in.jsonl") + ":3", "l3"})
	if len(rs) != 3 {
		return
	}
	expectStrings(t, "l1", resultHits(rs[0]), []string{"t-ivory 象牙 6-12"})
	expectStrings(t, "line 3", resultHits(rs[1]), []string{"t-rhino rhino horn 8-18"})
	// JSONL text is listing text, never HTML: offsets count the tags.
	expectStrings(t, "l3", resultHits(rs[2]), []string{"t-ivory 象牙 3-9"})
}

func TestScanJSONLFromStdin(t *testing.T) {
	code, stdout, _ := runCmd(t, `{"text":"象牙"}`, "scan", "--jsonl", "--lexicon", lexiconFile(t), "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	expectStrings(t, "ids", resultIDs(decodeResults(t, stdout)), []string{"stdin:1"})
}

func TestScanMalformedJSONLLineIsReportedAndSkipped(t *testing.T) {
	dir := writeFiles(t, map[string]string{"in.jsonl": `{"id":"ok1","text":"象牙"}
{"id":"bad2","text":"象牙"
{"id":"bad3"}
{"id":"ok4","text":"rhino horn"}
{"id":5,"text":"象牙"}
`})
	path := filepath.Join(dir, "in.jsonl")
	code, stdout, stderr := runCmd(t, "", "scan", "--jsonl", "--lexicon", lexiconFile(t), path)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	expectStrings(t, "ids", resultIDs(decodeResults(t, stdout)), []string{"ok1", "ok4"})
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("stderr has %d lines, want 4 (three bad lines and a summary):\n%s", len(lines), stderr)
	}
	for i, lineNo := range []string{":2: ", ":3: ", ":5: "} {
		if !strings.HasPrefix(lines[i], "wildlens scan: "+path+lineNo+"malformed JSONL line: ") {
			t.Errorf("stderr line %d = %q, want it to name %s%s", i+1, lines[i], path, lineNo)
		}
	}
	if !strings.Contains(lines[1], `no "text" field`) {
		t.Errorf("stderr line 2 = %q, want it to say the text field is missing", lines[1])
	}
	if want := "wildlens scan: 3 malformed JSONL line(s) skipped (reported above)"; lines[3] != want {
		t.Errorf("last stderr line = %q, want %q", lines[3], want)
	}
}

func TestScanUnreadableInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ok.txt": "象牙"})
	missing := filepath.Join(dir, "missing.txt")
	code, stdout, stderr := runCmd(t, "", "scan", "--lexicon", lexiconFile(t), filepath.Join(dir, "ok.txt"), missing)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing scanned when an input is missing", stdout)
	}
	if want := "wildlens scan: stat " + missing + ": no such file or directory\n"; stderr != want {
		t.Errorf("stderr\n got %q\nwant %q", stderr, want)
	}
}

func TestScanBadLexicon(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"dup.yaml": "terms:\n- id: a\n  term: 象牙\n- id: a\n  term: 犀角\n- id: b\n  term: ''\n",
		"in.txt":   "象牙",
	})
	for _, tc := range []struct{ lexicon, wantPrefix string }{
		{filepath.Join(dir, "dup.yaml"), "wildlens scan: bad lexicon: " + filepath.Join(dir, "dup.yaml") + ":"},
		{filepath.Join(dir, "none.yaml"), "wildlens scan: bad lexicon: "},
	} {
		code, stdout, stderr := runCmd(t, "", "scan", "--lexicon", tc.lexicon, filepath.Join(dir, "in.txt"))
		if code != 1 || stdout != "" {
			t.Errorf("--lexicon %s: exit %d, stdout %q; want 1 and nothing", tc.lexicon, code, stdout)
		}
		if !strings.HasPrefix(stderr, tc.wantPrefix) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("--lexicon %s: stderr %q, want one line starting %q", tc.lexicon, stderr, tc.wantPrefix)
		}
	}
}

func TestScanUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"scan"},
		{"scan", "--format", "xml", "-"},
		{"scan", "--no-such-flag", "-"},
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		if code != 2 || stdout != "" || stderr == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, nothing, a message", args, code, stdout, stderr)
		}
	}
}

func TestScanFlagsAfterInputs(t *testing.T) {
	lexicon := lexiconFile(t)
	t.Chdir(writeFiles(t, map[string]string{"a.txt": "象牙", "--format": "rhino horn"}))
	code, stdout, stderr := runCmd(t, "", "scan", "a.txt", "--format", "text", "--lexicon", lexicon, "--", "--format")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"== a.txt: flag", "== --format: flag"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

func TestScanFormatText(t *testing.T) {
	dir := writeFiles(t, map[string]string{"in.jsonl": `{"id":"l1","text":"老货\n出售象牙手镯，rhino horn也有\n私聊"}
{"id":"l2","text":"象牙塔"}
`})
	code, stdout, stderr := runCmd(t, "", "scan", "--jsonl", "--format", "text", "--lexicon", lexiconFile(t), filepath.Join(dir, "in.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	wantPrefixes := []string{
		"== l1: flag, score ",
		"   出售«象牙»手镯，«rhino horn»也有",
		"     «象牙» t-ivory 象牙 (product, risk 5) +",
		"     «rhino horn» t-rhino rhino horn (product, risk 5) +",
		"   «私聊»",
		"     «私聊» t-dm 私聊 (trade_context, risk 1) +",
		"== l2: clear, score 0, 0 hits",
	}
	if len(lines) != len(wantPrefixes) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(wantPrefixes), stdout)
	}
	for i, p := range wantPrefixes {
		if !strings.HasPrefix(lines[i], p) {
			t.Errorf("line %d = %q, want prefix %q", i+1, lines[i], p)
		}
	}
	if !strings.HasSuffix(lines[0], ", 3 hits") {
		t.Errorf("header %q does not end with the hit count", lines[0])
	}
}

func TestMarkLineClipsLongLines(t *testing.T) {
	text := strings.Repeat("甲", 100) + "象牙" + strings.Repeat("乙", 100)
	start := len(strings.Repeat("甲", 100))
	got := markLine(text, 0, len(text), []match.Match{{Start: start, End: start + len("象牙")}})
	want := "…" + strings.Repeat("甲", 60) + "«象牙»" + strings.Repeat("乙", 60) + "…"
	if got != want {
		t.Errorf("markLine\n got %q\nwant %q", got, want)
	}
}

func TestNoProgressBarWhenStderrIsNotATerminal(t *testing.T) {
	big := strings.Repeat("出售手镯 bracelet for sale\n", progressMinBytes/30+1)
	dir := writeFiles(t, map[string]string{"big.txt": big})
	code, _, stderr := runCmd(t, "", "scan", "--lexicon", lexiconFile(t), filepath.Join(dir, "big.txt"))
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 0 and a silent stderr", code, stderr)
	}
}

// TestScanPagesGiveTheBrowsersHighlights checks the promise that a page scanned on the
// command line gives the hits the extension highlights on it: for every test page, the
// hit strings and term ids, in document order, are the hand-written highlights of
// testdata/pages/<page>.expected.json (before any script adds content). The page's
// "unshown" hits are the exception: trade-context words in a listing without goods,
// which the engine reports and the extension does not highlight (content.js
// shownMatches). The command line sees the page as one text, so it reports them.
func TestScanPagesGiveTheBrowsersHighlights(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pages", "*.html"))
	if len(pages) == 0 {
		t.Skip("no testdata/pages/*.html yet")
	}
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			data, err := os.ReadFile(strings.TrimSuffix(page, ".html") + ".expected.json")
			if err != nil {
				t.Fatal(err)
			}
			var expected struct {
				Highlights []struct {
					Text   string `json:"text"`
					TermID string `json:"term_id"`
				} `json:"highlights"`
				Unshown []struct {
					Text   string `json:"text"`
					TermID string `json:"term_id"`
				} `json:"unshown"`
			}
			if err := json.Unmarshal(data, &expected); err != nil {
				t.Fatal(err)
			}
			want := []string{}
			for _, h := range expected.Highlights {
				want = append(want, h.TermID+" "+h.Text)
			}
			unshown := map[string]int{}
			for _, h := range expected.Unshown {
				unshown[h.TermID+" "+h.Text]++
			}
			code, stdout, stderr := runCmd(t, "", "scan", page)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got := []string{}
			for _, m := range decodeResults(t, stdout)[0]["matches"].([]any) {
				m := m.(map[string]any)
				hit := m["term_id"].(string) + " " + m["text"].(string)
				if unshown[hit] > 0 && m["kind"] == "trade_context" {
					unshown[hit]--
					continue
				}
				got = append(got, hit)
			}
			expectStrings(t, "hits", got, want)
			for hit, n := range unshown {
				if n > 0 {
					t.Errorf("the engine did not report %q, which the extension leaves unshown", hit)
				}
			}
		})
	}
}

func TestIsHTML(t *testing.T) {
	expect := func(name, content string, want bool) {
		t.Helper()
		if got := isHTML(name, []byte(content)); got != want {
			t.Errorf("isHTML(%q, %q) = %v, want %v", name, content, got, want)
		}
	}
	expect("a.html", "象牙", true)
	expect("a.HTM", "", true)
	expect("a.txt", "<!DOCTYPE html><p>x", true)
	expect("a.txt", "\ufeff\n  <html lang=zh>", true)
	expect("-", "<HEAD><title>x", true)
	expect("-", "<body>x", true)
	expect("a", "<!-- saved from url=(0014)about:internet -->", true)
	expect("a.txt", "出售 <b>象牙</b>", false)
	expect("a.txt", "<<象牙>> 手镯", false)
	expect("a.txt", "", false)
	expect("page.html.txt", "plain", false)
}
