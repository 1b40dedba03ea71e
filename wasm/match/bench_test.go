//go:build !js

package match_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudflare/ahocorasick"

	"github.com/wildlens/wildlens/internal/testcorpus"
	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// The benchmarks use the built-in product lexicon and text made of the labelled corpus
// (testdata/corpus): go test ./wasm/match -run '^$' -bench . -benchtime 20x

var fullBundle = sync.OnceValues(func() (*bundle.Bundle, error) {
	lex, err := lexicon.Builtin()
	if err != nil {
		return nil, err
	}
	return lex.Compile(1)
})

func benchBundle(b testing.TB) *bundle.Bundle {
	bd, err := fullBundle()
	if err != nil {
		b.Fatal(err)
	}
	return bd
}

// repoRoot is the repository from this package's directory.
const repoRoot = "../.."

func corpusListings(tb testing.TB) []testcorpus.Listing { return testcorpus.Listings(tb, repoRoot) }

// benchTexts returns the texts of the corpus's listings: those m finds nothing in, and all.
func benchTexts(tb testing.TB, m *match.Matcher) (clean, all []string) {
	for _, l := range corpusListings(tb) {
		all = append(all, l.Text)
		if len(m.Scan(l.ID, l.Text).Matches) == 0 {
			clean = append(clean, l.Text)
		}
	}
	return clean, all
}

// megabyte joins texts, one per line, until about 1 MB.
func megabyte(texts []string) string {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, t := range texts {
			sb.WriteString(t)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func benchScan(b *testing.B, text string) {
	m, err := match.New(benchBundle(b), match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res := m.Scan("bench", text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		m.Scan("bench", text)
	}
	reportCPU(b, cpu, len(text))
	b.ReportMetric(float64(len(res.Matches))/float64(len(text))*1024, "hits/KB")
}

// reportCPU adds MB/s by CPU time (cpu-MB/s): with other work on the machine, wall
// time also counts the waiting. The benchmark runs on one goroutine, so CPU time is
// its work (plus the collector's).
func reportCPU(b *testing.B, start time.Duration, size int) {
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/used.Seconds()/1e6, "cpu-MB/s")
	}
}

// BenchmarkScanNoHits: ~1 MB of mixed zh/en listings in which the lexicon finds nothing.
func BenchmarkScanNoHits(b *testing.B) {
	m, err := match.New(benchBundle(b), match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	clean, _ := benchTexts(b, m)
	if len(clean) < 20 {
		b.Fatalf("only %d corpus listings without hits", len(clean))
	}
	benchScan(b, megabyte(clean))
}

// BenchmarkScanFile scans the file WILDLENS_BENCH_FILE names, to compare two builds on
// one text: BenchmarkScanNoHits keeps the listings its own lexicon finds nothing in, so
// two lexicons scan two texts.
func BenchmarkScanFile(b *testing.B) {
	path := os.Getenv("WILDLENS_BENCH_FILE")
	if path == "" {
		b.Skip("WILDLENS_BENCH_FILE names no file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchScan(b, string(data))
}

// BenchmarkAutomatonAlone is the yardstick the speed targets were set against:
// cloudflare/ahocorasick by itself over the same two inputs, given every term and
// variant as written (no folds, no positions, no boundaries, no verdict). The
// pipeline's MB/s divided by this one's, from the same run, says what the pipeline
// costs on whatever machine runs it.
func BenchmarkAutomatonAlone(b *testing.B) {
	bd := benchBundle(b)
	var forms []string
	for _, t := range bd.Terms {
		forms = append(forms, t.Term)
		forms = append(forms, t.Variants...)
	}
	ac := ahocorasick.NewStringMatcher(forms)
	m, err := match.New(bd, match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	clean, all := benchTexts(b, m)
	// written: the forms as written; all: every folded pattern the pipeline looks for,
	// generated pinyin too (4,491 patterns, 52 KB, on day 7), as large as the 2,000-term
	// dictionary the speed targets were set against (../shared/design-notes.md: 49-59 MB/s
	// on that machine and text).
	folded := ahocorasick.NewStringMatcher(match.PatternTexts(m))
	for _, in := range []struct {
		name  string
		texts []string
	}{{"nohits", clean}, {"density", all}} {
		text := []byte(megabyte(in.texts))
		for _, dict := range []struct {
			name string
			ac   *ahocorasick.Matcher
		}{{"written", ac}, {"all", folded}} {
			b.Run(in.name+"/"+dict.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ResetTimer()
				cpu := cpuTime()
				for range b.N {
					dict.ac.Match(text)
				}
				reportCPU(b, cpu, len(text))
			})
		}
	}
}

// BenchmarkScanCorpusDensity: ~1 MB of the whole corpus, at its hit density.
func BenchmarkScanCorpusDensity(b *testing.B) {
	var texts []string
	for _, l := range corpusListings(b) {
		texts = append(texts, l.Text)
	}
	benchScan(b, megabyte(texts))
}

// realPages holds real marketplace pages saved by third parties, beside the project and
// never copied into it (see extension/e2e/realpages_test.go).
const realPages = repoRoot + "/../shared/real-pages"

// BenchmarkScanRealPages: ~1 MB of the visible text of real saved marketplace pages
// (Taobao, JD, 58.com, eBay, Craigslist, Amazon, …), reduced as the extension reduces a
// page (package pagetext) and repeated: listing text as moderators meet it, mostly
// without hits. BenchmarkScanNoHits is the harder case: corpus listings chosen for the
// trigger words they hold in an innocent sense. Skipped where the pages are absent.
func BenchmarkScanRealPages(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(realPages, "*.html"))
	if len(files) == 0 {
		b.Skipf("no real pages under %s", realPages)
	}
	var texts []string
	for _, l := range testcorpus.HTMLTexts(b, files) {
		texts = append(texts, l.Text)
	}
	benchScan(b, megabyte(texts))
}

// BenchmarkScanListing: one listing at a time, as the engine sees a page's listings.
func BenchmarkScanListing(b *testing.B) {
	m, err := match.New(benchBundle(b), match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m.Prepare()
	ls := corpusListings(b)
	size := 0
	for _, l := range ls {
		size += len(l.Text)
	}
	b.SetBytes(int64(size / len(ls)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		l := ls[i%len(ls)]
		m.Scan(l.ID, l.Text)
	}
}

// BenchmarkNew: building a matcher from a decoded bundle and preparing it (New-ms and
// Prepare-ms apart), the memory it holds (MB-held), the heap while a second is built
// beside it, as during a live update (MB-peak-two), and the bytes of the automaton's keys
// and of the patterns they stand for.
func BenchmarkNew(b *testing.B) {
	bd := benchBundle(b)
	b.ReportAllocs()
	var newTime, prepareTime time.Duration
	for range b.N {
		start := time.Now()
		m, err := match.New(bd, match.Options{})
		if err != nil {
			b.Fatal(err)
		}
		built := time.Now()
		m.Prepare()
		newTime, prepareTime = newTime+built.Sub(start), prepareTime+time.Since(built)
	}
	b.StopTimer()
	b.ReportMetric(float64(newTime.Milliseconds())/float64(b.N), "New-ms")
	b.ReportMetric(float64(prepareTime.Milliseconds())/float64(b.N), "Prepare-ms")
	prepared := func() *match.Matcher {
		m, _ := match.New(bd, match.Options{})
		m.Prepare()
		return m
	}
	base := heapMB()
	first := prepared()
	held := heapMB() - base
	peak := peakWhile(func() { second := prepared(); runtime.KeepAlive(second) }) - base
	runtime.KeepAlive(first)
	b.ReportMetric(held, "MB-held")
	b.ReportMetric(peak, "MB-peak-two")
	keys, patterns := match.AutomatonBytes(first)
	b.ReportMetric(float64(keys), "automaton-key-bytes")
	b.ReportMetric(float64(patterns), "automaton-pattern-bytes")
}

func heapMB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// peakWhile samples the heap while f runs: the most it reached, garbage included.
func peakWhile(f func()) float64 {
	done := make(chan struct{})
	peak := 0.0
	var mu sync.Mutex
	go func() {
		defer close(done)
		f()
	}()
	for {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, float64(ms.HeapAlloc)/(1<<20))
		mu.Unlock()
		select {
		case <-done:
			return peak
		default:
			runtime.Gosched()
		}
	}
}

// TestWriteWasmBenchInputs writes what bench_js_test.go reads inside wasm, where the
// product lexicon cannot be compiled: the product bundle signed by a fresh key, its
// public key, and the two 1 MB texts of the benchmarks above. It runs only when
// WILDLENS_WASM_BENCH names a directory.
func TestWriteWasmBenchInputs(t *testing.T) {
	dir := os.Getenv("WILDLENS_WASM_BENCH")
	if dir == "" {
		t.Skip("WILDLENS_WASM_BENCH not set")
	}
	bd, err := fullBundle()
	if err != nil {
		t.Fatal(err)
	}
	data, err := bundle.Encode(bd)
	if err != nil {
		t.Fatal(err)
	}
	key, err := bundle.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := bundle.Sign(data, key)
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.New(bd, match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clean, all := benchTexts(t, m)
	for name, content := range map[string]string{
		"product.signed": string(signed), "product.pub": key.Public().String() + "\n",
		"nohits.txt": megabyte(clean), "corpus.txt": megabyte(all),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestProductMixedPinyin checks the mixed pinyin rule on the product lexicon, where
// heteronyms make one-letter syllables (阿 reads a or e): goods written with a Latin
// letter (京东E卡, an e-card) must not read as 阿卡 (a coral code word).
func TestProductMixedPinyin(t *testing.T) {
	m := productMatcher(t)
	for text, want := range map[string]string{
		"京东E卡 100元 礼品卡":       "",
		"阿ka珊瑚手串":             "cor-002",
		"象ya手镯 老料":            "ivo-001",
		"chuan shan jia 片 中药": "pan-002",
	} {
		got := ""
		for _, h := range m.Scan("t", text).Matches {
			if slices.Contains(h.Folds, "pinyin") {
				got = h.TermID
			}
		}
		if got != want {
			t.Errorf("%s: mixed pinyin hit %q, want %q", text, got, want)
		}
	}
}
