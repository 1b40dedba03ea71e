package e2e

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// A report, a "not trade" mark and a status query from a single-page app's view reached
// by history.pushState name that view's URL: sender.url stays the document's first URL,
// so the content script sends its location.href, which the background takes only on the
// sending frame's origin.
func TestSPAReportCarriesPushedURL(t *testing.T) {
	data := t.TempDir()
	srv := startServer(t, data, "127.0.0.1:0")
	token := addModerator(t, data, "mod1")
	ext := Extension(t, Sign(t, spaBundle(t)))
	grantHostAccess(t, ext)
	b := Launch(t, ext)
	if got := configure(t, b, srv.URL, srv.URL, token); got != "Saved. Connected: the server accepts this token." {
		t.Fatalf("options page says %q", got)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "market"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "market", "search.html"), []byte(spaPage), 0o644); err != nil {
		t.Fatal(err)
	}
	site := Serve(t, dir, nil).URL // http://127.0.0.1:PORT

	tab := b.Open(t, site+"/market/search.html")
	expectView(t, tab, "spa-search", spaSearchHits, spaSearchListings)
	pageValue[bool](t, tab, `history.pushState({view: 'item'}, '', '/market/item/777?from=search#reviews'), render('item'), true`)
	expectView(t, tab, "spa-item", spaItemHits, spaItemListings)
	if got, pushed := pageValue[string](t, tab, `location.href`), site+"/market/item/777?from=search#reviews"; got != pushed {
		t.Fatalf("location.href after pushState = %q, want %q", got, pushed)
	}

	// Forged addresses from the content script's world are refused before anything is
	// stored or sent.
	origin := pageValue[string](t, tab, `location.origin`)
	queue := b.Open(t, b.URL("ui/options.html"))
	queued := func() int {
		return pageValue[int](t, queue, `chrome.runtime.sendMessage({type: 'wildlens/reports/list'}).then((r) => r.reports.length)`)
	}
	type reply struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	refusedOrigin := "url is not on the sending frame's origin " + origin
	refusedShape := "url must be a string of at most 8192 characters"
	const byHand = `{type: 'wildlens/report/file', pageText: 'x', ` +
		`report: {title: 'by hand', matches: [], verdict: 'clear', score: 0, lexicon_version: 1}`
	messages := map[string]string{
		"REPORT_FILE":   byHand,
		"REPORT_STATUS": `{type: 'wildlens/report/status', platform: '', listingId: ''`,
		"FALSE_ALARM":   `{type: 'wildlens/false-alarm', termId: 'pan-002', text: '山甲片', snippet: '山甲片', lexiconVersion: 1`,
	}
	for name, message := range messages {
		for _, c := range []struct{ url, want string }{
			{`, url: 'https://s.taobao.com/item.htm?id=1'`, refusedOrigin},                      // another site
			{`, url: location.origin.replace(/:\d+$/, ':1') + '/market/item/1'`, refusedOrigin}, // same host, another port
			{`, url: 'data:text/html,<p>x'`, refusedOrigin},                                     // an opaque origin
			{``, refusedShape},
		} {
			got := contentValue[reply](t, tab, `chrome.runtime.sendMessage(`+message+c.url+`})`)
			if got.OK || got.Error != c.want {
				t.Errorf("%s with %q: got %+v, want the refusal %q", name, c.url, got, c.want)
			}
		}
	}
	if n := queued(); n != 0 {
		t.Fatalf("after the forged reports the queue holds %d, want 0", n)
	}

	// The hover card's report, and one sent by hand with credentials in its url (Chromium
	// keeps them out of location.href, but they are on the origin): both at the pushed
	// URL without credentials or fragment.
	reportFromCard(t, tab)
	withCredentials := contentValue[reply](t, tab, `chrome.runtime.sendMessage(`+byHand+`, url: location.href.replace('://', '://mod:pw@')})`)
	if !withCredentials.OK {
		t.Fatalf("REPORT_FILE with credentials on the frame's origin: %+v", withCredentials)
	}
	if got := popupRetry(t, b); got != "Reports: 0 waiting, 0 failed, 2 sent | badge " {
		t.Errorf("popup after the reports: %q", got)
	}
	wantURL := site + "/market/item/777?from=search"
	got := map[string]string{}
	for _, r := range storedReports(t, data) {
		got[r.Title] = r.URL + " " + r.Platform + " " + r.ListingID
	}
	want := map[string]string{"山甲片 500g": wantURL + " spa-item 777", "by hand": wantURL + "  "}
	if !maps.Equal(got, want) {
		t.Fatalf("server holds reports (title: url platform listing) %q, want %q", got, want)
	}

	// "Not trade" on the same card: the same URL.
	alarms := markNotTrade(t, tab, data, "pan-002")
	if len(alarms) != 1 || alarms[0].URL != wantURL || alarms[0].Text != "山甲片" {
		t.Errorf("false alarms of pan-002: %+v, want one at %s", alarms, wantURL)
	}

	// The status query carries the pushed URL too: hovered again, the card knows.
	move(t, tab, 1, 1)
	waitFor(t, "the card to hide", func() bool { return contentValue[bool](t, tab, `__wildlens.card() === null`) })
	hover(t, tab, hitsOf(t, tab)[0])
	waitFor(t, "reported by you", func() bool {
		return contentValue[string](t, tab, `__wildlensReport.status()`) == "You reported this listing."
	})
}
