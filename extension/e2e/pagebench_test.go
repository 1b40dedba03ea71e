package e2e

import (
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkContentScript2000Listings: a generated page of 2,000 listings (~1 MB of
// text) with the lexicon under test. Each iteration opens the page in a new tab and
// reports the time from the content script's start to highlights set, against the
// floor: a bare walk of the same listings plus one round trip of the same text through
// the engine host (which includes the engine's matching, so the difference is the
// content script's own work: listings, offsets to ranges, highlights). It also reports
// the engine's start-up with this lexicon and its wasm memory.
//
//	go test -run '^$' -bench ContentScript -benchtime 3x ./extension/e2e
func BenchmarkContentScript2000Listings(b *testing.B) {
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "pages"), 0o755); err != nil {
		b.Fatal(err)
	}
	page, units := benchPage(2000)
	if err := os.WriteFile(filepath.Join(dir, "pages", "bench-2000.html"), []byte(page), 0o644); err != nil {
		b.Fatal(err)
	}
	br := Launch(b, Extension(b, Sign(b, pagesBundle(b))))
	url := Serve(b, dir, nil).URL + "/pages/bench-2000.html"

	cold := benchOpen(b, br, url) // the engine starts with the first page
	var total, floor, walk, heap float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := benchOpen(b, br, url)
		total += r.Highlighted
		floor += r.Floor.TotalMs
		walk += r.Floor.WalkMs
		heap += r.HeapMB
		if r.Listings != 2000 {
			b.Fatalf("%d listings scanned, want 2000", r.Listings)
		}
	}
	n := float64(b.N)
	b.ReportMetric(cold.Highlighted, "ms-cold")
	// The engine host: its start-up with this lexicon (instantiate, Go start, bundle
	// verified and loaded, first scan) and its wasm memory after all the runs.
	engine, err := Eval[struct {
		Timings struct {
			FirstScanMs float64 `json:"firstScanMs"`
		} `json:"timings"`
		MemoryBytes float64 `json:"memoryBytes"`
	}](br.EngineHost(b), `wildlensEngine.ready.then(() => wildlensEngine.status())`)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(engine.Timings.FirstScanMs, "ms-engine-start")
	b.ReportMetric(engine.MemoryBytes/1e6, "MB-engine-wasm")
	b.ReportMetric(total/n, "ms-to-highlights")
	b.ReportMetric(floor/n, "ms-floor")
	b.ReportMetric(walk/n, "ms-walk")
	b.ReportMetric(heap/n, "MB-page-heap")
	b.ReportMetric(float64(units)/1e6, "M-text-units")
}

type benchRun struct {
	Highlighted float64 `json:"highlighted"`
	Profile     float64 `json:"profile"`
	Walk        float64 `json:"walk"`
	Listings    int     `json:"listings"`
	Hits        int     `json:"hits"`
	HeapMB      float64 `json:"heap"`
	Floor       struct {
		WalkMs  float64 `json:"walkMs"`
		TotalMs float64 `json:"totalMs"`
	} `json:"floor"`
}

func benchOpen(b *testing.B, br *Browser, url string) benchRun {
	b.Helper()
	start := time.Now()
	tab := br.Open(b, url)
	waitScanned(b, tab)
	r := contentValue[benchRun](b, tab, `(async () => ({
		highlighted: __wildlens.timings.highlighted - __wildlens.timings.start,
		profile: __wildlens.timings.profiled - __wildlens.timings.start,
		walk: __wildlens.timings.walked - __wildlens.timings.profiled,
		listings: __wildlens.listings().length,
		hits: __wildlens.hits().length,
		heap: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : 0,
		floor: await __wildlens.floor(),
	}))()`)
	b.Logf("open to scanned %v; content script: site profile after %.0f ms, walk %.0f ms, highlights after %.0f ms; floor %.0f ms (walk %.0f ms)",
		time.Since(start).Round(time.Millisecond), r.Profile, r.Walk, r.Highlighted, r.Floor.TotalMs, r.Floor.WalkMs)
	return r
}

// benchPage writes n listings of mixed Chinese and English second-hand goods, one in
// twenty carrying a lexicon term, and returns the page and its text length in UTF-16
// units (approximately: the listing texts only).
func benchPage(n int) (string, int) {
	rng := rand.New(rand.NewPCG(1, 2))
	goods := []string{"台灯", "沙发", "手机壳", "自行车", "电饭煲", "羽绒服", "书架", "显示器",
		"oak table", "desk lamp", "winter coat", "road bike", "phone case", "bookshelf"}
	terms := []string{"犀牛角", "象牙", "虎骨", "山甲片", "ivory", "rhino horn", "pangolin scales", "鹦鹉"}
	sentences := []string{
		"九成新，功能正常，无划痕。", "搬家处理，同城可送货上门。", "原价购入，用了不到半年。",
		"Barely used, works perfectly, smoke-free home. ", "Local pickup preferred, can ship at buyer's cost. ",
		"尺寸见图，颜色以实物为准。", "Comes with the original box and manual. ",
	}
	var sb strings.Builder
	sb.WriteString("<!doctype html><html><head><meta charset=\"utf-8\"><title>bench</title></head><body><main><ul class=\"list\">\n")
	units := 0
	for i := 0; i < n; i++ {
		title := goods[rng.IntN(len(goods))] + " " + goods[rng.IntN(len(goods))]
		if i%20 == 7 {
			title += " " + terms[rng.IntN(len(terms))]
		}
		var desc strings.Builder
		for desc.Len() < 900 {
			desc.WriteString(sentences[rng.IntN(len(sentences))])
		}
		text := title + desc.String()
		units += len([]rune(text))
		fmt.Fprintf(&sb, "<li class=\"list-item\" data-infoid=\"b%d\"><div class=\"title\"><a href=\"#%d\">%s</a></div><p class=\"desc\">%s</p><b class=\"price\">%d 元</b><span class=\"seller\" data-uid=\"u%d\">卖家%d</span></li>\n",
			i, i, html.EscapeString(title), html.EscapeString(desc.String()), 10+rng.IntN(900), i%97, i%97)
	}
	sb.WriteString("</ul></main></body></html>\n")
	return sb.String(), units
}
