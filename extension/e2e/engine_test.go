package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/internal/testcorpus"
	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// tinyBundle is a hand-written lexicon whose hits the tests below know by heart.
func tinyBundle(version int64) *bundle.Bundle {
	return &bundle.Bundle{
		Version: version,
		Terms: []bundle.Term{
			{ID: "ivo-001", Term: "象牙", Lang: "zh-Hans", Kind: "product", Risk: 4,
				Species:    &bundle.Species{En: "elephants", Sci: "Loxodontidae"},
				Protection: &bundle.Protection{CITES: "I", China: "Class I"}},
			{ID: "ivo-en", Term: "ivory", Lang: "en", Kind: "product", Risk: 4},
		},
	}
}

// engineStatus is the engine host's status(): what the background waits for.
type engineStatus struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
	Info  struct {
		Version       int64   `json:"version"`
		ContentSHA256 string  `json:"contentSha256"`
		Terms         int     `json:"terms"`
		VerifyMs      float64 `json:"verifyMs"`
		MatcherMs     float64 `json:"matcherMs"`
	} `json:"info"`
	Timings     map[string]float64 `json:"timings"`
	MemoryBytes int64              `json:"memoryBytes"`
}

func status(t testing.TB, engine context.Context) engineStatus {
	t.Helper()
	// The document's target exists before its module has run.
	s, err := Eval[engineStatus](engine, `(async () => {
		while (!globalThis.wildlensEngine) await new Promise((r) => setTimeout(r, 10));
		await wildlensEngine.ready;
		return wildlensEngine.status();
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// spans renders a listing's matches as "term_id text start16-end16" lines, the form
// the expectations below are written in.
func spans(r match.Result) string {
	var b strings.Builder
	for _, m := range r.Matches {
		fmt.Fprintf(&b, "%s %s %d-%d\n", m.TermID, m.Text, m.Start16, m.End16)
	}
	return b.String()
}

func TestEngineLoadsVerifiedBundleAndScans(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, tinyBundle(3))))
	engine := b.EngineHost(t)
	s := status(t, engine)
	if !s.OK || s.Info.Version != 3 || s.Info.Terms != 2 {
		t.Fatalf("status = %+v, want ok with version 3 and 2 terms", s)
	}
	results, err := Eval[[]match.Result](engine, `wildlensEngine.scan([
		{id: "a", text: "出售象牙手镯"},
		{id: "b", text: "🐘🐘 ivory"},
		{id: "c", text: "nothing here"}])`)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, spans string }{
		{"a", "ivo-001 象牙 2-4\n"},
		{"b", "ivo-en ivory 5-10\n"}, // each 🐘 is two UTF-16 units
		{"c", ""},
	}
	if len(results) != len(want) {
		t.Fatalf("got %d results, want %d", len(results), len(want))
	}
	for i, w := range want {
		if results[i].ID != w.id || spans(results[i]) != w.spans {
			t.Errorf("result %d = %s %q, want %s %q", i, results[i].ID, spans(results[i]), w.id, w.spans)
		}
	}
	term, err := Eval[bundle.Term](engine, `wildlensEngine.describe("ivo-001")`)
	if err != nil {
		t.Fatal(err)
	}
	if term.Term != "象牙" || term.Species == nil || term.Species.Sci != "Loxodontidae" || term.Protection.CITES != "I" {
		t.Errorf("describe(ivo-001) = %+v", term)
	}
	if _, err := Eval[bundle.Term](engine, `wildlensEngine.describe("no-such-term")`); err == nil ||
		!strings.Contains(err.Error(), `no term "no-such-term" in lexicon version 3`) {
		t.Errorf("describe of an unknown term: err = %v", err)
	}
}

func TestEngineRefusesTamperedBundleAndKeepsPrevious(t *testing.T) {
	signed := Sign(t, tinyBundle(5))
	b := Launch(t, Extension(t, signed))
	engine := b.EngineHost(t)
	before := status(t, engine)
	if !before.OK || before.Info.Version != 5 {
		t.Fatalf("status = %+v", before)
	}

	newer := Sign(t, tinyBundle(6))
	tampered := bytes.Replace(newer, []byte("象牙"), []byte("犀角"), 1)
	other, err := bundle.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	sealed, _ := bundle.Seal(tinyBundle(7))
	untrusted, err := bundle.Sign(sealed, other)
	if err != nil {
		t.Fatal(err)
	}
	older := Sign(t, tinyBundle(4))
	for _, c := range []struct {
		name    string
		bundle  []byte
		wantErr string
	}{
		{"tampered", tampered, "does not verify"},
		{"untrusted key", untrusted, "signed only by untrusted key"},
		{"older version", older, "version 4 is older than the loaded version 5"},
		{"not a bundle", []byte("{}"), "not a signed bundle"},
	} {
		_, err := Eval[any](engine, fmt.Sprintf(`wildlensEngine.loadBundle(Uint8Array.from(atob(%q), (c) => c.charCodeAt(0)))`,
			base64.StdEncoding.EncodeToString(c.bundle)))
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.wantErr)
		}
	}
	after := status(t, engine)
	if !after.OK || after.Info != before.Info {
		t.Errorf("after refusals status = %+v, want the version 5 bundle still loaded", after)
	}
	results, err := Eval[[]match.Result](engine, `wildlensEngine.scan([{id: "a", text: "象牙"}])`)
	if err != nil || len(results) != 1 || spans(results[0]) != "ivo-001 象牙 0-2\n" {
		t.Errorf("scan after refusals = %+v, %v", results, err)
	}
}

func TestEngineNeverLoadsTamperedBundledLexicon(t *testing.T) {
	signed := Sign(t, tinyBundle(1))
	tampered := bytes.Replace(signed, []byte(`"risk":4`), []byte(`"risk":1`), 1)
	b := Launch(t, Extension(t, tampered))
	engine := b.EngineHost(t)
	s := status(t, engine)
	if s.OK || !strings.Contains(s.Error, "bundled lexicon refused") || !strings.Contains(s.Error, "does not verify") {
		t.Fatalf("status = %+v, want the bundled lexicon refused", s)
	}
	if _, err := Eval[any](engine, `wildlensEngine.scan([{id: "a", text: "象牙"}])`); err == nil {
		t.Error("scan without a verified lexicon succeeded")
	}
}

func TestBuildRefusesBundleThatDoesNotVerify(t *testing.T) {
	dir := t.TempDir()
	signed := Sign(t, tinyBundle(1))
	tampered := filepath.Join(dir, "tampered.wlb")
	keys := filepath.Join(dir, "keys.txt")
	if err := os.WriteFile(tampered, bytes.Replace(signed, []byte("ivory"), []byte("ivorx"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keys, []byte(TestKey(t).Public().String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(RepoRoot(), "scripts", "build"), "--out", dir, "--bundle", tampered, "--trusted-keys", keys)
	cmd.Dir = RepoRoot()
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "tampered.wlb does not verify") ||
		!strings.Contains(string(out), "altered after signing") {
		t.Fatalf("scripts/build with a tampered bundle: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "extension")); !os.IsNotExist(err) {
		t.Error("the build wrote an extension around a bundle that does not verify")
	}
}

// scanReply is the background's answer to MSG.SCAN.
type scanReply struct {
	OK             bool           `json:"ok"`
	Error          string         `json:"error"`
	LexiconVersion int64          `json:"lexiconVersion"`
	Results        []match.Result `json:"results"`
}

// testPage is a page for the content script to run in; the tests talk to the
// background from the content script's world, as the content script does.
func testPage(t *testing.T, b *Browser) *Tab {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte("<!doctype html><p>nothing to see</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Open(t, Serve(t, dir, nil).URL+"/page.html")
}

func sendFromContent(t testing.TB, tab *Tab, message string) scanReply {
	t.Helper()
	r, err := ContentEval[scanReply](tab, `chrome.runtime.sendMessage(`+message+`)`)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBackgroundValidatesContentMessages(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, tinyBundle(2))))
	tab := testPage(t, b)
	ok := sendFromContent(t, tab, `{type: "wildlens/scan", batch: [{id: "x", text: "象牙"}]}`)
	if !ok.OK || ok.LexiconVersion != 2 || len(ok.Results) != 1 || spans(ok.Results[0]) != "ivo-001 象牙 0-2\n" {
		t.Fatalf("valid scan: %+v", ok)
	}
	for _, c := range []struct{ message, wantErr string }{
		{`{type: "wildlens/scan"}`, "batch must be an array"},
		{`{type: "wildlens/scan", batch: []}`, "batch must hold 1-5000 listings"},
		{`{type: "wildlens/scan", batch: [{id: "x", text: 7}]}`, "listing text must be a string"},
		{`{type: "wildlens/scan", batch: [{id: "", text: ""}]}`, "listing id must be a string of 1-256"},
		{`{type: "wildlens/scan", batch: [{id: "x".repeat(257), text: ""}]}`, "listing id must be a string of 1-256"},
		{`{type: "wildlens/scan", batch: [{id: "x", text: "", html: "<b>"}]}`, "unexpected field html"},
		{`{type: "wildlens/scan", batch: [null]}`, "each listing must be {id, text}"},
		{`{type: "wildlens/scan", batch: [{id: "x", text: "a".repeat(4 * 1024 * 1024 + 1)}]}`, "batch text exceeds 4194304 UTF-16 units"},
		{`{type: "wildlens/scan", batch: [{id: "x", text: ""}], tabId: 9}`, "unexpected field tabId"},
		{`{type: "wildlens/engine/scan", batch: [{id: "x", text: ""}]}`, "unknown message type"},
		{`{type: 42}`, "a message is an object with a string type"},
		{`{type: "wildlens/describe", termId: 5}`, "termId must be a string"},
	} {
		r := sendFromContent(t, tab, c.message)
		if r.OK || !strings.Contains(r.Error, c.wantErr) {
			t.Errorf("%s: reply %+v, want error containing %q", c.message, r, c.wantErr)
		}
	}
	// SCAN is for content scripts: an extension page (no sender.tab) is refused.
	page := b.Open(t, b.URL("engine/engine.html"))
	r, err := Eval[scanReply](page.Ctx, `chrome.runtime.sendMessage({type: "wildlens/scan", batch: [{id: "x", text: "象牙"}]})`)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK || !strings.Contains(r.Error, "not accepted from this sender") {
		t.Errorf("scan from an extension page: %+v", r)
	}
}

// A page whose CSP forbids wasm (and inline script) still gets scans: the engine runs
// under the extension's CSP, not the page's.
func TestEngineServesPageWhoseCSPForbidsWasm(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, tinyBundle(2))))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "strict.html"), []byte("<!doctype html><p>象牙</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := Serve(t, dir, map[string]string{"Content-Security-Policy": "default-src 'self'; script-src 'self'"})
	tab := b.Open(t, srv.URL+"/strict.html")
	compiles, err := Eval[bool](tab.Ctx, `(async () => {
		try { await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return true; }
		catch (e) { return false; }
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if compiles {
		t.Fatal("the page's CSP did not forbid wasm: the test proves nothing")
	}
	r := sendFromContent(t, tab, `{type: "wildlens/scan", batch: [{id: "x", text: "象牙"}]}`)
	if !r.OK || len(r.Results) != 1 || spans(r.Results[0]) != "ivo-001 象牙 0-2\n" {
		t.Errorf("scan from the strict-CSP page: %+v", r)
	}
}

func TestEngineSurvivesServiceWorkerStop(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, tinyBundle(2))))
	tab := testPage(t, b)
	if r := sendFromContent(t, tab, `{type: "wildlens/scan", batch: [{id: "x", text: "象牙"}]}`); !r.OK {
		t.Fatalf("first scan: %+v", r)
	}
	engineBefore, err := WaitTarget(b.Ctx, 5*time.Second, func(i *target.Info) bool { return i.URL == b.URL(EngineHostPath) })
	if err != nil {
		t.Fatal(err)
	}
	worker, err := WaitTarget(b.Ctx, 5*time.Second, func(i *target.Info) bool { return i.Type == "service_worker" })
	if err != nil {
		t.Fatal(err)
	}
	// What Chrome does to an idle worker: stop it (closing its target stops it).
	if _, err := chromedp.CallBrowser(b.Ctx, target.CloseTarget, target.CloseTargetParams{TargetID: worker.TargetID}); err != nil {
		t.Fatal(err)
	}
	if err := waitGone(b.Ctx, func(i *target.Info) bool { return i.TargetID == worker.TargetID }); err != nil {
		t.Fatal(err)
	}
	r := sendFromContent(t, tab, `{type: "wildlens/scan", batch: [{id: "y", text: "ivory"}]}`)
	if !r.OK || len(r.Results) != 1 || spans(r.Results[0]) != "ivo-en ivory 0-5\n" {
		t.Fatalf("scan after the worker stopped: %+v", r)
	}
	if _, err := WaitTarget(b.Ctx, 5*time.Second, func(i *target.Info) bool {
		return i.Type == "service_worker" && i.TargetID != worker.TargetID
	}); err != nil {
		t.Fatalf("no new service worker answered the scan: %v", err)
	}
	engineAfter, err := WaitTarget(b.Ctx, 5*time.Second, func(i *target.Info) bool { return i.URL == b.URL(EngineHostPath) })
	if err != nil {
		t.Fatal(err)
	}
	if engineAfter.TargetID != engineBefore.TargetID {
		t.Error("the engine document was recreated (and the module compiled again) after the worker stopped")
	}
}

func TestBackgroundRecreatesClosedEngine(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, tinyBundle(2))))
	tab := testPage(t, b)
	info, err := WaitTarget(b.Ctx, 15*time.Second, func(i *target.Info) bool { return i.URL == b.URL(EngineHostPath) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(b.Ctx, target.CloseTarget, target.CloseTargetParams{TargetID: info.TargetID}); err != nil {
		t.Fatal(err)
	}
	if err := waitGone(b.Ctx, func(i *target.Info) bool { return i.TargetID == info.TargetID }); err != nil {
		t.Fatal(err)
	}
	r := sendFromContent(t, tab, `{type: "wildlens/scan", batch: [{id: "x", text: "象牙"}]}`)
	if !r.OK || len(r.Results) != 1 || spans(r.Results[0]) != "ivo-001 象牙 0-2\n" {
		t.Fatalf("scan after the engine document closed: %+v", r)
	}
}

func waitGone(ctx context.Context, match func(*target.Info) bool) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			return err
		}
		found := false
		for _, i := range infos {
			found = found || match(i)
		}
		if !found {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("target still there after 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// benchListings builds ~1 MB of listing text at the corpus's hit density: 2,000
// listings, each corpus texts joined until it passes 500 bytes.
func benchListings(b *testing.B) []listing {
	b.Helper()
	src := testcorpus.Listings(b, RepoRoot())
	out := make([]listing, 0, 2000)
	k := 0
	for i := 0; i < 2000; i++ {
		var text strings.Builder
		for text.Len() < 500 {
			text.WriteString(src[k%len(src)].Text)
			text.WriteString("\n")
			k++
		}
		out = append(out, listing{ID: fmt.Sprintf("l%d", i), Text: text.String()})
	}
	return out
}

// engineTimings is what the benchmarks read back from the browser, in milliseconds.
type engineTimings struct {
	Scan, RoundTrip, Ping float64
}

// BenchmarkEngine measures the engine in its offscreen document with the built-in
// lexicon: cold start (a fresh browser per iteration), a ~1 MB batch scanned inside
// the host, and the round trip of the same 1 MB from a content script through the
// background. Run: go test -run '^$' -bench BenchmarkEngine -benchtime 3x ./extension/e2e
func BenchmarkEngine(b *testing.B) {
	signed := Sign(b, BuiltinBundle(b))
	ext := Extension(b, signed)
	listings := benchListings(b)
	batch, err := json.Marshal(listings)
	if err != nil {
		b.Fatal(err)
	}
	bytesTotal := 0
	for _, l := range listings {
		bytesTotal += len(l.Text)
	}

	b.Run("ColdStart", func(b *testing.B) {
		var inst, verify, matcher, loaded, first, mem float64
		for i := 0; i < b.N; i++ {
			br := Launch(b, ext)
			s := status(b, br.EngineHost(b))
			if !s.OK {
				b.Fatalf("engine: %+v", s)
			}
			inst += s.Timings["instantiateMs"]
			verify += s.Info.VerifyMs
			matcher += s.Info.MatcherMs
			loaded += s.Timings["bundleLoadedMs"]
			first += s.Timings["firstScanMs"]
			mem += float64(s.MemoryBytes)
		}
		n := float64(b.N)
		b.ReportMetric(inst/n, "instantiate-ms")
		b.ReportMetric(verify/n, "verify-ms")
		b.ReportMetric(matcher/n, "matcher-build-ms")
		b.ReportMetric(loaded/n, "bundle-loaded-ms")
		b.ReportMetric(first/n, "first-scan-ms")
		b.ReportMetric(mem/n/(1<<20), "wasm-MiB")
	})

	br := Launch(b, ext)
	engine := br.EngineHost(b)
	if s := status(b, engine); !s.OK {
		b.Fatalf("engine: %+v", s)
	}
	if _, err := Eval[any](engine, `globalThis.benchBatch = `+string(batch)+`; 0`); err != nil {
		b.Fatal(err)
	}
	b.Run("Scan1MB", func(b *testing.B) {
		var sum float64
		for i := 0; i < b.N; i++ {
			t, err := Eval[engineTimings](engine, `(() => {
				const t = performance.now();
				wildlensEngine.scan(benchBatch);
				return {Scan: performance.now() - t};
			})()`)
			if err != nil {
				b.Fatal(err)
			}
			sum += t.Scan
		}
		n := float64(b.N)
		b.ReportMetric(sum/n, "scan-ms")
		b.ReportMetric(float64(bytesTotal)/(sum/n/1000)/1e6, "MB/s")
	})

	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte("<!doctype html><p>bench</p>"), 0o644); err != nil {
		b.Fatal(err)
	}
	tab := br.Open(b, Serve(b, dir, nil).URL+"/page.html")
	if _, err := ContentEval[any](tab, `globalThis.benchBatch = `+string(batch)+`; 0`); err != nil {
		b.Fatal(err)
	}
	b.Run("RoundTripFromContent1MB", func(b *testing.B) {
		var sum engineTimings
		for i := 0; i < b.N; i++ {
			t, err := ContentEval[engineTimings](tab, `(async () => {
				let t = performance.now();
				await chrome.runtime.sendMessage({type: "wildlens/scan", batch: [{id: "p", text: "ping"}]});
				const ping = performance.now() - t;
				t = performance.now();
				const r = await chrome.runtime.sendMessage({type: "wildlens/scan", batch: benchBatch});
				if (!r.ok) throw new Error(r.error);
				return {Ping: ping, RoundTrip: performance.now() - t};
			})()`)
			if err != nil {
				b.Fatal(err)
			}
			sum.Ping += t.Ping
			sum.RoundTrip += t.RoundTrip
		}
		n := float64(b.N)
		b.ReportMetric(sum.Ping/n, "ping-ms")
		b.ReportMetric(sum.RoundTrip/n, "roundtrip-ms")
		b.ReportMetric(status(b, engine).Timings["lastScanMs"], "engine-scan-ms")
		worker, err := WaitTarget(br.Ctx, time.Second, func(i *target.Info) bool { return i.Type == "service_worker" })
		if err != nil {
			b.Fatal(err)
		}
		last, err := Eval[map[string]float64](br.Attach(b, worker.TargetID), `globalThis.lastScan`)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(last["engineRoundTripMs"], "background-to-engine-ms")
		b.ReportMetric(last["resultsChars"]/1e6, "results-Mchars")
	})
	s := status(b, engine)
	b.Logf("%d listings, %d bytes; wasm memory after the runs: %.1f MiB", len(listings), bytesTotal, float64(s.MemoryBytes)/(1<<20))
}

func TestBackgroundAnswersProfileForSenderPageAndDescribe(t *testing.T) {
	lex := tinyBundle(2)
	lex.Profiles = []bundle.Profile{
		{ID: "other", URLs: []string{"https://market.example/*"}, Listing: ".other"},
		{ID: "test-page", URLs: []string{"http://127.0.0.1:*/page.html*"}, Listing: ".item", Title: "h2"},
	}
	b := Launch(t, Extension(t, Sign(t, lex)))
	tab := testPage(t, b)
	type profileReply struct {
		OK             bool            `json:"ok"`
		Error          string          `json:"error"`
		Profile        *bundle.Profile `json:"profile"`
		LexiconVersion int64           `json:"lexiconVersion"`
	}
	// The payload claims another site: refused (the frame's origin comes from sender).
	p, err := ContentEval[profileReply](tab, `chrome.runtime.sendMessage({type: "wildlens/profile", url: "https://market.example/x"})`)
	if err != nil {
		t.Fatal(err)
	}
	if p.OK || p.Profile != nil || !strings.Contains(p.Error, "not on the sending frame's origin") {
		t.Errorf("profile reply for another origin's URL = %+v, want a refusal", p)
	}
	p, err = ContentEval[profileReply](tab, `chrome.runtime.sendMessage({type: "wildlens/profile", url: location.href})`)
	if err != nil {
		t.Fatal(err)
	}
	if !p.OK || p.Profile == nil || p.Profile.ID != "test-page" || p.Profile.Listing != ".item" || p.LexiconVersion != 2 {
		t.Errorf("profile reply = %+v, want the test-page profile", p)
	}
	type describeReply struct {
		OK             bool        `json:"ok"`
		Error          string      `json:"error"`
		Term           bundle.Term `json:"term"`
		LexiconVersion int64       `json:"lexiconVersion"`
	}
	d, err := ContentEval[describeReply](tab, `chrome.runtime.sendMessage({type: "wildlens/describe", termId: "ivo-001"})`)
	if err != nil {
		t.Fatal(err)
	}
	if !d.OK || d.Term.Term != "象牙" || d.Term.Protection == nil || d.Term.Protection.China != "Class I" || d.LexiconVersion != 2 {
		t.Errorf("describe reply = %+v", d)
	}
	d, err = ContentEval[describeReply](tab, `chrome.runtime.sendMessage({type: "wildlens/describe", termId: "nope"})`)
	if err != nil {
		t.Fatal(err)
	}
	if d.OK || d.Error != `no term "nope" in lexicon version 2` {
		t.Errorf("describe of an unknown term = %+v", d)
	}
}
