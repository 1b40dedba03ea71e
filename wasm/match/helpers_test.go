package match_test

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

const testdata = "../../testdata/match/"

// loadBundle reads the small compiled test bundle (see TestCommittedBundle); wasm tests
// read it too.
func loadBundle(t testing.TB) *bundle.Bundle {
	t.Helper()
	data, err := os.ReadFile(testdata + "bundle.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	matchersMu sync.Mutex
	matchers   = map[string]*match.Matcher{}
)

// testMatcher returns a matcher over the test bundle with the named folds disabled,
// built once per option set.
func testMatcher(t testing.TB, disable ...string) *match.Matcher {
	t.Helper()
	key := strings.Join(disable, ",")
	matchersMu.Lock()
	defer matchersMu.Unlock()
	if m, ok := matchers[key]; ok {
		return m
	}
	m, err := match.New(loadBundle(t), match.Options{DisableFolds: disable})
	if err != nil {
		t.Fatal(err)
	}
	matchers[key] = m
	return m
}

// A case table holds one case per line:
//
//	input | expected hits
//
// where expected hits are "-" for none, or hits separated by " ; ", each
//
//	term=original text [fold,fold] @start,end,start16,end16 +also:id,id
//
// with everything after the text optional (an absent [..] does not check folds; [] says
// none). The input is a Go string literal body: \n, \t, \u200b work. A line
// "@disable fold,fold" applies to the lines after it; "@disable" alone ends it.
// Lines starting with # are comments.
func runCaseTable(t *testing.T, name string) {
	data, err := os.ReadFile(testdata + name)
	if err != nil {
		t.Fatal(err)
	}
	var disable []string
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "@disable"); ok {
			disable = nil
			if f := strings.TrimSpace(rest); f != "" {
				disable = strings.Split(f, ",")
			}
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n+1)
		input, want, ok := strings.Cut(line, " | ")
		if !ok {
			t.Fatalf("%s: want `input | hits`", where)
		}
		text, err := strconv.Unquote(`"` + strings.ReplaceAll(input, `"`, `\"`) + `"`)
		if err != nil {
			t.Fatalf("%s: input: %v", where, err)
		}
		res := testMatcher(t, disable...).Scan("case", text)
		expectHits(t, where, text, res.Matches, strings.TrimSpace(want))
	}
}

var hitRE = regexp.MustCompile(`^(.+?)=(.*?)(?: \[([^\]]*)\])?(?: @(\d+),(\d+),(\d+),(\d+))?(?: \+also:(\S+))?$`)

func expectHits(t *testing.T, where, text string, got []match.Match, want string) {
	t.Helper()
	var wants []string
	if want != "-" {
		wants = strings.Split(want, " ; ")
	}
	describe := func() string {
		var s []string
		for _, g := range got {
			s = append(s, fmt.Sprintf("%s=%s [%s] @%d,%d,%d,%d +also:%s", g.Term, g.Text, strings.Join(g.Folds, ","),
				g.Start, g.End, g.Start16, g.End16, strings.Join(g.Also, ",")))
		}
		if len(s) == 0 {
			return "-"
		}
		return strings.Join(s, " ; ")
	}
	if len(got) != len(wants) {
		t.Errorf("%s: %q: got %s, want %s", where, text, describe(), want)
		return
	}
	for i, w := range wants {
		m := hitRE.FindStringSubmatch(w)
		if m == nil {
			t.Fatalf("%s: cannot read expected hit %q", where, w)
		}
		g := got[i]
		wantText, err := strconv.Unquote(`"` + strings.ReplaceAll(m[2], `"`, `\"`) + `"`)
		if err != nil {
			t.Fatalf("%s: expected text: %v", where, err)
		}
		bad := g.Term != m[1] || g.Text != wantText
		if strings.Contains(w, " [") && strings.Join(g.Folds, ",") != m[3] {
			bad = true
		}
		if m[4] != "" && fmt.Sprintf("%d,%d,%d,%d", g.Start, g.End, g.Start16, g.End16) != strings.Join(m[4:8], ",") {
			bad = true
		}
		if m[8] != "" && strings.Join(g.Also, ",") != m[8] {
			bad = true
		}
		if bad {
			t.Errorf("%s: %q: got %s, want %s", where, text, describe(), want)
			return
		}
	}
}
