//go:build bench

package bench

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/extension/e2e"
	"github.com/wildlens/wildlens/wasm/match"
)

// TestProfileEngine answers "where does the engine's time go" in the browser itself:
// it swaps the extension's engine.wasm for one built with symbols (no -s -w), and
// samples the engine host with the CDP profiler while it scans the 2,000-listing
// page's text five times and while it loads the bundle again. It prints the functions
// with the most samples, on top of the stack (self) and anywhere on it (total):
//
//	go test -tags bench -run TestProfileEngine -v ./bench
func TestProfileEngine(t *testing.T) {
	bd := benchBundle(t)
	ext := e2e.Extension(t, e2e.Sign(t, bd))
	build := exec.Command("go", "build", "-tags", "ne", "-trimpath", "-o", filepath.Join(ext, "engine", "engine.wasm"), "./wasm")
	build.Dir = e2e.RepoRoot()
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build engine.wasm with symbols: %v\n%s", err, out)
	}
	br := e2e.Launch(t, ext)
	engine := br.EngineHost(t)
	engineReady(t, engine)

	page := generatePage(bd, targetSize)
	listings := make([]match.Listing, len(page.Texts))
	for i, s := range page.Texts {
		listings[i] = match.Listing{ID: strconv.Itoa(i), Text: s}
	}
	batch, _ := json.Marshal(listings)
	if _, err := e2e.Eval[int](engine, `globalThis.benchBatch = `+string(batch)+`; wildlensEngine.scan(benchBatch); 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(engine, profiler.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(engine, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ name, expr string }{
		{"scan of the 2,000-listing page's text, 5 times", `(() => {
			const t = performance.now();
			for (let i = 0; i < 5; i++) wildlensEngine.scan(benchBatch);
			return performance.now() - t;
		})()`},
		{"loadBundle of the bundled lexicon, engine warm", `fetch(chrome.runtime.getURL('lexicon/bundle.wlb'))
			.then((r) => r.arrayBuffer())
			.then((b) => {
				const t = performance.now();
				wildlensEngine.loadBundle(new Uint8Array(b));
				return performance.now() - t;
			})`},
	} {
		if _, err := chromedp.Call(engine, profiler.Start, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		took, err := e2e.Eval[float64](engine, step.expr)
		if err != nil {
			t.Fatal(err)
		}
		res, err := chromedp.Call(engine, profiler.Stop, cdp.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		self, total := sampleShares(res.Profile)
		t.Logf("%s: %.0f ms\nself:\n%s\ntotal:\n%s", step.name, took, top(self, 20), top(total, 35))
	}
}

// sampleShares returns each function's share of the samples: with it on top of the
// stack (self), and anywhere on the stack, counted once per sample (total).
func sampleShares(p *profiler.Profile) (self, total map[string]float64) {
	parent := map[int64]int64{}
	byID := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self, total = map[string]float64{}, map[string]float64{}
	var samples float64
	for _, n := range p.Nodes {
		samples += float64(n.HitCount)
	}
	if samples == 0 {
		return self, total
	}
	for _, n := range p.Nodes {
		if n.HitCount == 0 {
			continue
		}
		share := float64(n.HitCount) / samples
		self[n.CallFrame.FunctionName] += share
		seen := map[string]bool{}
		for id, ok := n.ID, true; ok; id, ok = parent[id] {
			name := byID[id].CallFrame.FunctionName
			if !seen[name] {
				seen[name] = true
				total[name] += share
			}
		}
	}
	return self, total
}

func top(shares map[string]float64, k int) string {
	names := make([]string, 0, len(shares))
	for name := range shares {
		if strings.TrimSpace(name) != "" && name != "(root)" {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(shares[b], shares[a]) })
	var sb strings.Builder
	for _, name := range names[:min(k, len(names))] {
		fmt.Fprintf(&sb, "  %5.1f%%  %s\n", 100*shares[name], name)
	}
	return sb.String()
}
