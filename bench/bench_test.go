//go:build bench

package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/extension/e2e"
	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

func TestMain(m *testing.M) { os.Exit(e2e.Main(m)) }

// pageSizes are the generated pages' listing counts; targetSize is the page the
// highlighting targets are judged on.
var pageSizes = []int{200, 2000, 10000}

const targetSize = 2000

// coldStarts is how many fresh browsers measure the engine's cold start.
const coldStarts = 3

// config comes from the environment scripts/bench passes.
type config struct {
	runs int           // BENCH_RUNS: runs per figure (the median is reported)
	cap  time.Duration // BENCH_CAP: a mark.js call running longer is stopped and reported "> cap"
	out  string        // BENCH_OUT: file for the markdown report
	// BENCH_COMMIT: the commit measured, as scripts/bench found it ("-dirty" when the
	// work tree had changes).
	commit string
}

func loadConfig(t *testing.T) config {
	c := config{runs: 5, cap: 30 * time.Second, out: os.Getenv("BENCH_OUT"), commit: os.Getenv("BENCH_COMMIT")}
	if c.commit == "" {
		c.commit = "unknown"
	}
	if s := os.Getenv("BENCH_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("BENCH_RUNS=%q: want a positive integer", s)
		}
		c.runs = n
	}
	if s := os.Getenv("BENCH_CAP"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			t.Fatalf("BENCH_CAP=%q: want a duration such as 30s", s)
		}
		c.cap = d
	}
	return c
}

// TestBench runs the whole comparison in one Chromium with the built extension; the
// generated pages are served from 127.0.0.1 (wildlens on) and, for the peers, from
// localhost (wildlens switched off there, as a moderator would with the popup).
func TestBench(t *testing.T) {
	cfg := loadConfig(t)
	bd := benchBundle(t)
	dir := t.TempDir()
	in := writeInputs(t, dir, bd)
	srv := serve(t, dir)
	wildlensURL := srv.URL
	peerURL := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)

	ext := e2e.Extension(t, e2e.Sign(t, bd))
	br := e2e.Launch(t, ext)
	engine := br.EngineHost(t)
	firstStatus := engineReady(t, engine)
	// A tab where wildlens is off, for switching it on and off between runs.
	control := br.Open(t, peerURL+"/js/blank.html")
	setDisabledSites(t, control, "localhost")

	r := report{cfg: cfg, machine: machineInfo(t, br.Ctx), terms: len(in.terms)}
	// Warm-up: the first page pays for the engine's cold start and the browser's caches.
	wildlensRun(t, br, control, wildlensURL, 200, false)

	for _, n := range pageSizes {
		row := highlightRow{listings: n, units: in.units[n]}
		var wl []wildlensResult
		for i := range cfg.runs {
			wl = append(wl, wildlensRun(t, br, control, wildlensURL, n, i == 0))
		}
		row.wildlens = summarise(wl)
		row.wildlensRuns = wl[0].Runs
		row.engineMs = engineOnly(t, engine, in.pages[n].Texts, cfg.runs)
		row.markRegExp = markjsRows(t, br, peerURL, n, cfg, markRegExpCall)
		row.markKeywords = markjsRows(t, br, peerURL, n, cfg, markKeywordsCall)
		r.highlight = append(r.highlight, row)
		if !row.markRegExp.capped {
			a := agree(row.wildlensRuns, row.markRegExp.runs)
			t.Logf("%d listings: only mark.js highlighted %d runs, e.g. %q; only wildlens %d, e.g. %q",
				n, len(a.onlyGot), a.onlyGot[:min(8, len(a.onlyGot))], len(a.onlyWant), a.onlyWant[:min(8, len(a.onlyWant))])
		}
		t.Logf("%d listings: wildlens %.0f ms (floor %.0f ms), mark.js markRegExp %s, mark() %s",
			n, row.wildlens.HighlightMs, row.wildlens.FloorMs, row.markRegExp.highlight(), row.markKeywords.highlight())
	}

	r.matching = matchingRows(t, br, engine, peerURL, bd, in, cfg.runs)

	r.engine = engineRow{wasm: wasmSize(t)}
	statuses := []engineStatus{firstStatus}
	heap, err := chromedp.Call(engine, cdpruntime.GetHeapUsage, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	r.engine.heapUsed, r.engine.wasmMemory = heap.UsedSize, engineReady(t, engine).MemoryBytes
	for range coldStarts - 1 {
		fresh := e2e.Launch(t, ext)
		statuses = append(statuses, engineReady(t, fresh.EngineHost(t)))
		chromedp.Cancel(fresh.Ctx)
	}
	r.engine.cold = statuses

	r.machine.loadEnd = loadAverage()
	table := r.markdown()
	t.Log("\n" + table)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// benchBundle is the built-in lexicon plus the generated marketplace's site profile.
func benchBundle(t *testing.T) *bundle.Bundle {
	b := *e2e.BuiltinBundle(t)
	b.Profiles = append(slices.Clone(b.Profiles), benchProfile)
	return &b
}

type inputs struct {
	pages map[int]generatedPage
	units map[int]int // UTF-16 units of listing text per page
	terms []string
	// text is ~1 MB of listing text for the matching comparison, and listings the same
	// text as the engine receives it (one entry per listing).
	text     string
	listings []match.Listing
}

// writeInputs writes what the pages fetch: bench/listings-N.html, bench/terms.json
// (the AC peers' term list), bench/markjs.json (mark.js's inputs), bench/text.json.
func writeInputs(t *testing.T, dir string, bd *bundle.Bundle) inputs {
	in := inputs{pages: map[int]generatedPage{}, units: map[int]int{}, terms: termList(bd)}
	write := func(name string, data []byte) {
		path := filepath.Join(dir, "bench", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	asJSON := func(v any) []byte {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, n := range pageSizes {
		p := generatePage(bd, n)
		in.pages[n] = p
		for _, text := range p.Texts {
			in.units[n] += utf16Len(text)
		}
		write(fmt.Sprintf("listings-%d.html", n), []byte(p.HTML))
	}
	var sb strings.Builder
	for i, text := range in.pages[targetSize].Texts {
		if sb.Len() >= 1_000_000 {
			break
		}
		sb.WriteString(text)
		sb.WriteByte('\n')
		in.listings = append(in.listings, match.Listing{ID: "m" + strconv.Itoa(i), Text: text})
	}
	in.text = sb.String()
	source, flags := markRegExp(bd)
	write("terms.json", asJSON(in.terms))
	write("text.json", asJSON(in.text))
	write("markjs.json", asJSON(map[string]any{"source": source, "flags": flags, "keywords": in.terms}))
	return in
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n++
		}
		n++
	}
	return n
}

// serve serves the generated files under /bench/, bench/js under /js/ and the npm
// peers under /node_modules/. mint-filter's ES modules import "./node" without an
// extension (written for bundlers), so a missing path is retried with ".js".
func serve(t *testing.T, dir string) *httptest.Server {
	root := e2e.RepoRoot()
	mux := http.NewServeMux()
	mux.Handle("/bench/", http.FileServer(http.Dir(dir)))
	mux.Handle("/js/", http.StripPrefix("/js/", http.FileServer(http.Dir(filepath.Join(root, "bench", "js")))))
	modules := filepath.Join(root, "bench", "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "mark.js")); err != nil {
		t.Fatalf("%s has no mark.js: run scripts/bench (it installs the npm peers)", modules)
	}
	files := http.StripPrefix("/node_modules/", http.FileServer(http.Dir(modules)))
	mux.HandleFunc("/node_modules/", func(w http.ResponseWriter, r *http.Request) {
		rel := filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/node_modules/"))
		if _, err := os.Stat(filepath.Join(modules, rel)); err != nil {
			r.URL.Path += ".js"
		}
		files.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func readJS(t *testing.T, name string) string {
	data, err := os.ReadFile(filepath.Join(e2e.RepoRoot(), "bench", "js", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func setDisabledSites(t *testing.T, tab *e2e.Tab, sites ...string) {
	list, _ := json.Marshal(sites)
	if _, err := e2e.ContentEval[int](tab, `chrome.storage.local.set({'wildlens.disabledSites': `+string(list)+`}).then(() => 0)`); err != nil {
		t.Fatal(err)
	}
}

func closeTab(t *testing.T, tab *e2e.Tab) {
	if _, err := chromedp.Call(tab.Ctx, page.Close, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
}

// ---- Highlighting ----

// wildlensResult is one page load with wildlens, in milliseconds.
type wildlensResult struct {
	HighlightMs float64  `json:"highlightMs"` // content script start → highlights set
	SetupWalkMs float64  `json:"setupWalkMs"` // … → every listing serialised (site switch, profile, walk)
	SerialiseMs float64  `json:"serialiseMs"` // PageText.serialise of every listing, alone
	FloorWalkMs float64  `json:"floorWalkMs"`
	FloorMs     float64  `json:"floorMs"`
	ClearMs     float64  `json:"clearMs"`
	Ranges      int      `json:"ranges"`
	Listings    int      `json:"listings"`
	HeapMB      float64  `json:"heapMB"`
	Runs        []string `json:"runs"`
}

// wildlensRun opens the page with wildlens on, waits for its highlights, times the
// floor in the same tab, switches the site off (timing the clear) and closes the tab.
func wildlensRun(t *testing.T, br *e2e.Browser, control *e2e.Tab, base string, n int, withRuns bool) wildlensResult {
	tab := br.Open(t, fmt.Sprintf("%s/bench/listings-%d.html", base, n))
	waitHighlighted(t, tab)
	if _, err := e2e.ContentEval[int](tab, readJS(t, "measure.js")+";0"); err != nil {
		t.Fatal(err)
	}
	res, err := e2e.ContentEval[wildlensResult](tab, `(async () => {
		const t = __wildlens.timings;
		const out = {highlightMs: t.highlighted - t.start, setupWalkMs: t.walked - t.start,
			ranges: wildlensBench.wildlensLiveRanges(), listings: __wildlens.listings().length,
			heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : 0};
		let t0 = performance.now();
		for (const root of document.querySelectorAll('`+listingSelector+`')) WildlensPageText.serialise(root);
		out.serialiseMs = performance.now() - t0;
		const floor = await wildlensBench.floor('`+listingSelector+`');
		out.floorWalkMs = floor.walkMs;
		out.floorMs = floor.totalMs;
		out.runs = `+strconv.FormatBool(withRuns)+` ? wildlensBench.wildlensRuns() : [];
		out.clearMs = (await wildlensBench.wildlensClear(['localhost', location.hostname])).ms;
		return out;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if res.Listings != n {
		t.Fatalf("wildlens scanned %d listings of %d", res.Listings, n)
	}
	closeTab(t, tab)
	setDisabledSites(t, control, "localhost")
	return res
}

func waitHighlighted(t *testing.T, tab *e2e.Tab) {
	deadline := time.Now().Add(120 * time.Second)
	for {
		done, err := e2e.ContentEval[bool](tab, `__wildlens.idle && __wildlens.cycles > 0 && !!__wildlens.timings.highlighted`)
		if err != nil {
			t.Fatal(err)
		}
		if done {
			if msg, _ := e2e.ContentEval[string](tab, `__wildlens.lastError`); msg != "" {
				t.Fatalf("content script: %s", msg)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the page was not highlighted within 120 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wildlensSummary holds the medians of wildlens's runs.
type wildlensSummary struct {
	HighlightMs, SetupWalkMs, SerialiseMs, FloorWalkMs, FloorMs, ClearMs, HeapMB float64
	Ranges                                                                       int
}

func summarise(rs []wildlensResult) wildlensSummary {
	pick := func(f func(wildlensResult) float64) float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = f(r)
		}
		return median(xs)
	}
	return wildlensSummary{
		HighlightMs: pick(func(r wildlensResult) float64 { return r.HighlightMs }),
		SetupWalkMs: pick(func(r wildlensResult) float64 { return r.SetupWalkMs }),
		SerialiseMs: pick(func(r wildlensResult) float64 { return r.SerialiseMs }),
		FloorWalkMs: pick(func(r wildlensResult) float64 { return r.FloorWalkMs }),
		FloorMs:     pick(func(r wildlensResult) float64 { return r.FloorMs }),
		ClearMs:     pick(func(r wildlensResult) float64 { return r.ClearMs }),
		HeapMB:      pick(func(r wildlensResult) float64 { return r.HeapMB }),
		Ranges:      rs[0].Ranges,
	}
}

// engineOnly times the engine host scanning the page's listing texts directly, in the
// content script's batches (no messaging, no DOM): the matching share of the floor.
func engineOnly(t *testing.T, engine context.Context, texts []string, runs int) float64 {
	batch := make([]match.Listing, len(texts))
	for i, s := range texts {
		batch[i] = match.Listing{ID: "e" + strconv.Itoa(i), Text: s}
	}
	data, _ := json.Marshal(batch)
	ms, err := e2e.Eval[[]float64](engine, `((listings, runs) => {
		const batches = [];
		let batch = [], units = 0;
		for (const l of listings) {
			if (batch.length > 0 && units + l.text.length > 256 * 1024) { batches.push(batch); batch = []; units = 0; }
			batch.push(l);
			units += l.text.length;
		}
		if (batch.length > 0) batches.push(batch);
		for (const b of batches) wildlensEngine.scan(b);
		const out = [];
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			for (const b of batches) wildlensEngine.scan(b);
			out.push(performance.now() - t);
		}
		return out;
	})(`+string(data)+`, `+strconv.Itoa(runs)+`)`)
	if err != nil {
		t.Fatal(err)
	}
	return median(ms)
}

// markjsCall is a mark.js call and the options it is given, as the table shows them.
type markjsCall struct {
	name, options, expr string
}

var markRegExpCall = markjsCall{
	name:    "mark.js markRegExp",
	options: "markRegExp(/(?<![A-Za-z0-9])(?:LATIN FORMS)(?![A-Za-z0-9])|OTHER FORMS/gi, {acrossElements: true}), every form literal, longest first",
	expr: `new Promise((resolve) => {
		const re = new RegExp(benchMark.source, benchMark.flags);
		const t0 = performance.now();
		new Mark(document.body).markRegExp(re, {acrossElements: true,
			done: (n) => resolve({ms: performance.now() - t0, marks: n})});
	})`,
}

// mark.js's mark() handles its keywords one after the other by recursion (each
// keyword's done callback starts the next), so 3,000 forms in one call overflow the
// stack; they are given in calls of 200, which makes the same passes.
var markKeywordsCall = markjsCall{
	name:    "mark.js mark()",
	options: "mark(every form, in calls of 200, {separateWordSearch: false, accuracy: 'partially', acrossElements: true, ignoreJoiners: true, caseSensitive: false, diacritics: false})",
	expr: `new Promise((resolve) => {
		const mark = new Mark(document.body);
		const forms = benchMark.keywords;
		const t0 = performance.now();
		let marks = 0;
		for (let i = 0; i < forms.length; i += 200) {
			mark.mark(forms.slice(i, i + 200), {separateWordSearch: false,
				accuracy: 'partially', acrossElements: true, ignoreJoiners: true,
				caseSensitive: false, diacritics: false, done: (n) => { marks += n; }});
		}
		resolve({ms: performance.now() - t0, marks});
	})`,
}

// markjsResult is the median of a mark.js call's runs; capped says a run hit the cap
// (then no more runs are made and the figures are "> cap").
type markjsResult struct {
	call                 markjsCall
	highlightMs, clearMs float64
	capped, clearCapped  bool
	runs                 []string
	cap                  time.Duration
}

func (m markjsResult) highlight() string {
	if m.capped {
		return "> " + m.cap.String()
	}
	return fmt.Sprintf("%.0f ms", m.highlightMs)
}

func markjsRows(t *testing.T, br *e2e.Browser, base string, n int, cfg config, call markjsCall) markjsResult {
	res := markjsResult{call: call, cap: cfg.cap}
	var hl, cl []float64
	for i := range cfg.runs {
		tab := br.Open(t, fmt.Sprintf("%s/bench/listings-%d.html", base, n))
		if _, err := e2e.Eval[int](tab.Ctx, `(async () => {
			for (const src of ['/node_modules/mark.js/dist/mark.min.js', '/js/measure.js']) {
				await new Promise((ok, fail) => {
					const s = document.createElement('script');
					s.src = src;
					s.onload = ok;
					s.onerror = () => fail(new Error('cannot load ' + src));
					document.head.append(s);
				});
			}
			globalThis.benchMark = await (await fetch('/bench/markjs.json')).json();
			return 0;
		})()`); err != nil {
			t.Fatal(err)
		}
		type timed struct {
			Ms    float64 `json:"ms"`
			Marks int     `json:"marks"`
		}
		got, capped := evalCapped[timed](t, tab.Ctx, call.expr, cfg.cap)
		if capped {
			res.capped = true
			closeTab(t, tab)
			break
		}
		hl = append(hl, got.Ms)
		if i == 0 {
			runs, err := e2e.Eval[[]string](tab.Ctx, `wildlensBench.markjsRuns()`)
			if err != nil {
				t.Fatal(err)
			}
			res.runs = runs
		}
		clear, capped := evalCapped[float64](t, tab.Ctx, `(() => {
			const t0 = performance.now();
			new Mark(document.body).unmark();
			return performance.now() - t0;
		})()`, cfg.cap)
		if capped {
			res.clearCapped = true
		} else {
			cl = append(cl, clear)
		}
		closeTab(t, tab)
	}
	if len(hl) > 0 && !res.capped {
		res.highlightMs = median(hl)
	}
	if len(cl) > 0 {
		res.clearMs = median(cl)
	}
	return res
}

// evalCapped evaluates expr in the page's main world; a script still running after cap
// is terminated (Runtime.terminateExecution) and reported as capped.
func evalCapped[T any](t *testing.T, ctx context.Context, expr string, cap time.Duration) (T, bool) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := e2e.Eval[T](ctx, expr)
		done <- result{v, err}
	}()
	var zero T
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.v, false
	case <-time.After(cap):
		if _, err := chromedp.Call(ctx, cdpruntime.TerminateExecution, cdp.Empty{}); err != nil {
			t.Fatalf("terminate a capped script: %v", err)
		}
		<-done
		return zero, true
	}
}

// ---- Matching ----

type matchRow struct {
	name, where   string
	mbps, buildMs float64
	hits          int
}

func matchingRows(t *testing.T, br *e2e.Browser, engine context.Context, base string, bd *bundle.Bundle, in inputs, runs int) []matchRow {
	textBytes := 0
	for _, l := range in.listings {
		textBytes += len(l.Text)
	}
	mbps := func(ms float64) float64 { return float64(textBytes) / 1e6 / (ms / 1000) }
	var rows []matchRow

	// The wasm engine through its host's scan API (encode into wasm memory, scan,
	// parse the JSON answer), all folds on.
	batch, _ := json.Marshal(in.listings)
	type engineTimes struct {
		Ms   []float64 `json:"ms"`
		Hits int       `json:"hits"`
	}
	et, err := e2e.Eval[engineTimes](engine, `((batch, runs) => {
		wildlensEngine.scan(batch);
		const out = {ms: [], hits: 0};
		for (let i = 0; i < runs; i++) {
			const t = performance.now();
			const results = wildlensEngine.scan(batch);
			out.ms.push(performance.now() - t);
			out.hits = results.reduce((n, r) => n + r.matches.length, 0);
		}
		return out;
	})(`+string(batch)+`, `+strconv.Itoa(runs)+`)`)
	if err != nil {
		t.Fatal(err)
	}
	status := engineReady(t, engine)
	rows = append(rows, matchRow{name: "wildlens wasm", where: "engine host (offscreen document), scan API",
		mbps: mbps(median(et.Ms)), buildMs: status.Timings["bundleLoadedMs"] - status.Timings["goStartMs"], hits: et.Hits})

	// The native matcher on the same listings.
	start := time.Now()
	m, err := match.New(bd, match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	build := time.Since(start)
	m.ScanBatch(in.listings)
	var native []float64
	hits := 0
	for range runs {
		start := time.Now()
		results := m.ScanBatch(in.listings)
		native = append(native, float64(time.Since(start).Microseconds())/1000)
		hits = 0
		for _, r := range results {
			hits += len(r.Matches)
		}
	}
	rows = append(rows, matchRow{name: "wildlens native", where: fmt.Sprintf("Go %s, match.ScanBatch", runtime.Version()),
		mbps: mbps(median(native)), buildMs: float64(build.Microseconds()) / 1000, hits: hits})

	// The JS peers in a page of the same browser, on the same text joined by newlines.
	tab := br.Open(t, base+"/js/peers.html")
	type peerTimes struct {
		BuildMs  float64   `json:"buildMs"`
		SearchMs []float64 `json:"searchMs"`
		Hits     int       `json:"hits"`
	}
	peers, err := e2e.Eval[map[string]peerTimes](tab.Ctx, `(async () => {
		for (let i = 0; i < 200 && typeof peerBench !== 'function'; i++) await new Promise((r) => setTimeout(r, 25));
		return peerBench(`+strconv.Itoa(runs)+`);
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	closeTab(t, tab)
	for _, p := range []struct{ key, name, where string }{
		{"fastscan", "fastscan 1.0.6", "page, search(text): every occurrence with offsets"},
		{"mint", "mint-filter 4.0.3", "page, search(text, {replace: false}): words, no offsets"},
	} {
		pt, ok := peers[p.key]
		if !ok {
			t.Fatalf("peer %s did not run", p.key)
		}
		rows = append(rows, matchRow{name: p.name, where: p.where, mbps: mbps(median(pt.SearchMs)),
			buildMs: pt.BuildMs, hits: pt.Hits})
	}
	t.Logf("matching text: %d listings, %d bytes", len(in.listings), textBytes)
	return rows
}

// ---- Engine ----

type engineStatus struct {
	OK   bool `json:"ok"`
	Info struct {
		VerifyMs  float64 `json:"verifyMs"`  // signatures checked and bundle decoded
		MatcherMs float64 `json:"matcherMs"` // match.New
	} `json:"info"`
	Error       string             `json:"error"`
	Timings     map[string]float64 `json:"timings"`
	MemoryBytes float64            `json:"memoryBytes"`
}

func engineReady(t *testing.T, engine context.Context) engineStatus {
	s, err := e2e.Eval[engineStatus](engine, `(async () => {
		// Attached before the host's module ran: wait for its API.
		for (let i = 0; i < 1500 && !globalThis.wildlensEngine; i++) await new Promise((r) => setTimeout(r, 20));
		await wildlensEngine.ready;
		return wildlensEngine.status();
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if !s.OK {
		t.Fatalf("engine: %s", s.Error)
	}
	return s
}

type sizes struct{ raw, gzip int }

func wasmSize(t *testing.T) sizes {
	data, err := os.ReadFile(filepath.Join(e2e.Built(t), "engine", "engine.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return sizes{raw: len(data), gzip: buf.Len()}
}

type engineRow struct {
	wasm                 sizes
	cold                 []engineStatus
	heapUsed, wasmMemory float64
}

// ---- Report ----

type machine struct{ date, cpu, chromium, goVersion, loadStart, loadEnd string }

// loadAverage is the 1-minute load average: the machine is shared, and a load above
// its core count stretches every wall-clock figure.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}

func machineInfo(t *testing.T, ctx context.Context) machine {
	m := machine{date: time.Now().UTC().Format("2006-01-02 15:04 UTC"), goVersion: runtime.Version(), loadStart: loadAverage()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	m.chromium = v.Product
	return m
}

type highlightRow struct {
	listings, units          int
	wildlens                 wildlensSummary
	wildlensRuns             []string
	engineMs                 float64
	markRegExp, markKeywords markjsResult
}

type report struct {
	cfg       config
	machine   machine
	terms     int
	highlight []highlightRow
	matching  []matchRow
	engine    engineRow
}

func ms(x float64) string {
	if x >= 100 {
		return fmt.Sprintf("%.0f ms", x)
	}
	return fmt.Sprintf("%.1f ms", x)
}

// times formats how many times longer peer took than wildlens (> 1: wildlens is faster).
func times(peer, wildlens float64) string {
	if wildlens <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f×", peer/wildlens)
}

func (r report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("Commit %s. ", r.cfg.commit)
	p("Measured %s on %d cores (%s; load average %s at the start, %s at the end), %s, %s; each figure the median of %d runs; mark.js capped at %s.\n",
		r.machine.date, runtime.NumCPU(), r.machine.cpu, r.machine.loadStart, r.machine.loadEnd, r.machine.chromium,
		r.machine.goVersion, r.cfg.runs, r.cfg.cap)
	p("Term list given to every peer: %d forms (each entry's term, variants and generated pinyin, spaced and unspaced, from the built bundle).\n\n", r.terms)

	p("**Highlighting** (generated zh/en listing pages, %.0f%% of listings with a lexicon form, %.0f%% with a benign look-alike). Ratios are the peer's time over wildlens's (> 1×: wildlens is faster).\n\n", hitShare*100, benignShare*100)
	p("| listings (UTF-16 units) | tool | highlight | vs wildlens | clear | vs wildlens | highlighted runs | agreement with wildlens: precision / recall / Jaccard |\n")
	p("|---|---|---|---|---|---|---|---|\n")
	for _, h := range r.highlight {
		size := fmt.Sprintf("%d (%.2f M)", h.listings, float64(h.units)/1e6)
		w := h.wildlens
		p("| %s | **wildlens** | %s | 1× | %s | 1× | %d | — |\n", size, ms(w.HighlightMs), ms(w.ClearMs), len(h.wildlensRuns))
		p("| %s | floor: TreeWalker walk + round trip to the engine host | %s (walk %s) | %s | — | — | — | — |\n",
			size, ms(w.FloorMs), ms(w.FloorWalkMs), times(w.FloorMs, w.HighlightMs))
		for _, m := range []markjsResult{h.markRegExp, h.markKeywords} {
			if m.capped {
				p("| %s | %s | > %s | > %s | — | — | — | — |\n", size, m.call.name, m.cap, times(m.cap.Seconds()*1000, w.HighlightMs))
				continue
			}
			a := agree(h.wildlensRuns, m.runs)
			clear, clearRatio := ms(m.clearMs), times(m.clearMs, w.ClearMs)
			if m.clearCapped {
				clear, clearRatio = "> "+m.cap.String(), "> "+times(m.cap.Seconds()*1000, w.ClearMs)
			}
			p("| %s | %s | %s | %s | %s | %s | %d | %.2f / %.2f / %.2f |\n", size, m.call.name, ms(m.highlightMs),
				times(m.highlightMs, w.HighlightMs), clear, clearRatio, len(m.runs), a.precision, a.recall, a.jaccard)
		}
	}
	p("\nmark.js options: `%s` (markRegExp row); `%s` (mark() row).\n\n", markRegExpCall.options, markKeywordsCall.options)

	p("Where wildlens's highlighting time goes (medians, ms):\n\n")
	p("| listings | content script start → listings serialised | of which PageText.serialise | → highlights set | floor: bare walk | floor: round trip | of which engine scan (timed alone in the host) | so messaging | page JS heap |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, h := range r.highlight {
		w := h.wildlens
		roundTrip := w.FloorMs - w.FloorWalkMs
		p("| %d | %s | %s | %s | %s | %s | %s | %s | %.0f MB |\n", h.listings, ms(w.SetupWalkMs), ms(w.SerialiseMs),
			ms(w.HighlightMs-w.SetupWalkMs), ms(w.FloorWalkMs), ms(roundTrip), ms(h.engineMs), ms(max(0, roundTrip-h.engineMs)), w.HeapMB)
	}

	p("\n**Matching** (the same ~1 MB of listing text and the same term list; MB/s of UTF-8; ratio is wildlens wasm's MB/s over the peer's):\n\n")
	p("| matcher | where | MB/s | wildlens wasm vs it | build | matches found |\n|---|---|---|---|---|---|\n")
	wasm := r.matching[0].mbps
	for _, m := range r.matching {
		p("| %s | %s | %.1f | %s | %s | %d |\n", m.name, m.where, m.mbps, times(wasm, m.mbps), ms(m.buildMs), m.hits)
	}
	p("\nwildlens runs with all its folds on (%s) and its word, benign and verdict rules; its build is bundle verify + matcher build inside wasm. The peers match the raw strings (mint-filter lower-cases).\n\n", strings.Join(match.FoldNames(), ", "))

	e := r.engine
	field := func(key string) float64 {
		xs := make([]float64, len(e.cold))
		for i, s := range e.cold {
			xs[i] = s.Timings[key]
		}
		return median(xs)
	}
	infoField := func(f func(engineStatus) float64) float64 {
		xs := make([]float64, len(e.cold))
		for i, s := range e.cold {
			xs[i] = f(s)
		}
		return median(xs)
	}
	p("**Engine**: engine.wasm %.2f MB raw, %.2f MB gzip -9. Cold start in the offscreen document, from the host's start (median of %d fresh browsers): instantiated %s, Go started %s, bundle loaded %s (of which signature check and decode %s, match.New %s), first scan done %s. Memory after the runs (CDP Runtime.getHeapUsage of the engine host, and the wasm linear memory): JS heap %.1f MB, wasm memory %.1f MB.\n",
		float64(e.wasm.raw)/1e6, float64(e.wasm.gzip)/1e6, len(e.cold), ms(field("instantiateMs")), ms(field("goStartMs")),
		ms(field("bundleLoadedMs")), ms(infoField(func(s engineStatus) float64 { return s.Info.VerifyMs })),
		ms(infoField(func(s engineStatus) float64 { return s.Info.MatcherMs })), ms(field("firstScanMs")),
		e.heapUsed/1e6, e.wasmMemory/1e6)

	p("\n**Targets**\n\n")
	for _, h := range r.highlight {
		if h.listings != targetSize {
			continue
		}
		w := h.wildlens
		// The issue gives mark.js "the same term list": mark() is the call that takes
		// one. markRegExp takes a regexp the bench builds from the list; it is reported
		// beside it, as the stronger comparison, and not hidden when it loses.
		if mk := h.markKeywords; mk.capped {
			p("- ≥ 20× faster than mark.js given the term list (mark()) on the %d-listing page: %s (mark() > cap %s, so > %.1f×; wildlens %s)\n",
				targetSize, metOrMissed(float64(mk.cap.Milliseconds())/w.HighlightMs >= 20), mk.cap, float64(mk.cap.Milliseconds())/w.HighlightMs, ms(w.HighlightMs))
		} else {
			ratio := mk.highlightMs / w.HighlightMs
			p("- ≥ 20× faster than mark.js given the term list (mark()) on the %d-listing page: %s (%.1f×)\n", targetSize, metOrMissed(ratio >= 20), ratio)
		}
		if h.markRegExp.capped {
			p("  - against mark.js markRegExp with one regexp built from the list (its fastest form, not asked): > cap %s\n", h.markRegExp.cap)
		} else {
			p("  - against mark.js markRegExp with one regexp built from the list (its fastest form, not asked): %.1f×\n", h.markRegExp.highlightMs/w.HighlightMs)
		}
		ratio := w.HighlightMs / w.FloorMs
		p("- within 2× of the floor on the %d-listing page: %s (%.2f× the floor: %s vs %s)\n", targetSize, metOrMissed(ratio <= 2), ratio, ms(w.HighlightMs), ms(w.FloorMs))
	}
	for _, m := range r.matching[2:] {
		want := 2.0
		if strings.HasPrefix(m.name, "mint") {
			want = 4
		}
		ratio := wasm / m.mbps
		p("- ≥ %.0f× %s's MB/s with all folds on: %s (%.2f×)\n", want, m.name, metOrMissed(ratio >= want), ratio)
	}
	return b.String()
}

func metOrMissed(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}
