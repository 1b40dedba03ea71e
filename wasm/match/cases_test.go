package match_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestFolds(t *testing.T)      { runCaseTable(t, "folds.txt") }
func TestNoise(t *testing.T)      { runCaseTable(t, "noise.txt") }
func TestBoundaries(t *testing.T) { runCaseTable(t, "boundaries.txt") }
func TestBenign(t *testing.T)     { runCaseTable(t, "benign.txt") }
func TestOverlaps(t *testing.T)   { runCaseTable(t, "overlaps.txt") }
func TestOffsets(t *testing.T)    { runCaseTable(t, "offsets.txt") }

// TestVerdict reads testdata/match/verdict.txt: `input | verdict score [| term=share ...]`.
func TestVerdict(t *testing.T) {
	data, err := os.ReadFile(testdata + "verdict.txt")
	if err != nil {
		t.Fatal(err)
	}
	m := testMatcher(t)
	for n, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, " | ")
		input, err := strconv.Unquote(`"` + strings.ReplaceAll(cols[0], `"`, `\"`) + `"`) // \n, \u200b
		if err != nil {
			t.Fatalf("verdict.txt:%d: %v", n+1, err)
		}
		res := m.Scan("case", input)
		got := fmt.Sprintf("%s %s", res.Verdict, strconv.FormatFloat(res.Score, 'f', -1, 64))
		if got != cols[1] {
			t.Errorf("verdict.txt:%d: %q: got %s, want %s", n+1, cols[0], got, cols[1])
		}
		if len(cols) > 2 {
			var shares []string
			for _, mt := range res.Matches {
				shares = append(shares, mt.Term+"="+strconv.FormatFloat(mt.Contribution, 'f', -1, 64))
			}
			if g := strings.Join(shares, " "); g != cols[2] {
				t.Errorf("verdict.txt:%d: %q: contributions %s, want %s", n+1, cols[0], g, cols[2])
			}
		}
		sum := 0.0
		for _, mt := range res.Matches {
			sum += mt.Contribution
		}
		if d := sum - res.Score; d > 1e-9 || d < -1e-9 {
			t.Errorf("verdict.txt:%d: %q: contributions add to %v, score is %v", n+1, cols[0], sum, res.Score)
		}
	}
}

// TestLongASCIIRuns: the automaton skips runs of ASCII text (find); occurrences at
// either end of a run, and between runs, are still found where they are.
func TestLongASCIIRuns(t *testing.T) {
	pad := strings.Repeat("plain words ", 30) // 360 bytes: longer than minASCIISkip
	m := testMatcher(t)
	for _, c := range []struct {
		text string
		want []string // term@start
	}{
		{pad + "3号料" + pad, []string{"3号料@360"}},
		{pad + "象牙", []string{"象牙@360"}},
		{"象牙" + pad + "3号料", []string{"象牙@0", "3号料@366"}},
		{pad + "+V " + pad + "加V", []string{"加V@360", "加V@723"}},
		{pad + pad + pad + "鹤顶红" + pad[:30] + "鹤顶红", []string{"鹤顶红@1080", "鹤顶红@1119"}},
	} {
		var got []string
		for _, mt := range m.Scan("c", c.text).Matches {
			got = append(got, fmt.Sprintf("%s@%d", mt.Term, mt.Start))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}
