package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// A single-page marketplace: the search view at /market/search.html, whose script moves
// to an item view at /market/item/777 with history.pushState and renders that view's
// listings, and back again on popstate. The two URLs fall under two profiles with
// different listing selectors, so listings of the item view exist only under the item
// profile: scanned with the search profile they would not be listings at all.
const spaPage = `<!doctype html><meta charset="utf-8"><title>SPA market</title>
<header>热门搜索：象牙</header>
<main id="view"></main>
<script>
const views = {
  search: '<ul><li class="result" data-id="s1"><span class="name">犀牛角 摆件</span></li>' +
    '<li class="result" data-id="s2"><span class="name">儿童自行车 16寸</span></li></ul>',
  item: '<section class="item" data-item="777"><h1 class="item-title">山甲片 500g</h1><p>药材店清仓</p></section>' +
    '<aside class="rec" data-item="778"><span class="item-title">鹦鹉 会说话</span></aside>' +
    '<aside class="rec" data-item="779"><span class="item-title">虎骨 一副</span></aside>',
};
const render = (name) => { document.getElementById('view').innerHTML = views[name]; };
render('search');
// How the app moves to the item view: the URL before the new view, after it, or after it
// in a later task (past the content script's mutation delay).
window.openItem = (order) => {
  const push = () => { window.pushedAt = performance.now(); history.pushState({view: 'item'}, '', '/market/item/777'); };
  if (order === 'push, render') { push(); render('item'); }
  if (order === 'render, push') { render('item'); push(); }
  if (order === 'render, push later') { render('item'); setTimeout(push, 300); }
};
addEventListener('popstate', () => render(location.pathname.startsWith('/market/item/') ? 'item' : 'search'));
</script>`

func spaBundle(t testing.TB) *bundle.Bundle {
	b := *pagesBundle(t)
	b.Profiles = append([]bundle.Profile{
		{ID: "spa-search", URLs: []string{"*/market/search*"}, Listing: "li.result", Title: ".name", ListingID: "@data-id"},
		{ID: "spa-item", URLs: []string{"*/market/item/*"}, Listing: ".item, .rec", Title: ".item-title", ListingID: "@data-item"},
	}, b.Profiles...)
	return &b
}

var (
	spaSearchHits     = []pageHit{{Text: "犀牛角", TermID: "rhi-001", Listing: "s1"}}
	spaSearchListings = []pageListing{{ID: "s1", Verdict: "flag"}, {ID: "s2", Verdict: "clear"}}
	spaItemHits       = []pageHit{
		{Text: "山甲片", TermID: "pan-002", Listing: "777"},
		{Text: "鹦鹉", TermID: "bird-001", Listing: "778"},
		{Text: "虎骨", TermID: "tig-001", Listing: "779"},
	}
	spaItemListings = []pageListing{{ID: "777", Verdict: "flag"}, {ID: "778", Verdict: "clear"}, {ID: "779", Verdict: "flag"}}
)

// spaBrowser launches Chromium with the SPA profiles, optionally with a first content
// script (see firstContentScript), and serves the SPA page; it returns the page's URL.
func spaBrowser(t *testing.T, firstScript string) (*Browser, string) {
	ext := Extension(t, Sign(t, spaBundle(t)))
	if firstScript != "" {
		firstContentScript(t, ext, "e2e-first.js", firstScript)
	}
	b := Launch(t, ext)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "market"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "market", "search.html"), []byte(spaPage), 0o644); err != nil {
		t.Fatal(err)
	}
	return b, Serve(t, dir, nil).URL + "/market/search.html"
}

// expectView waits for the view's profile and listings, then checks its highlights.
func expectView(t *testing.T, tab *Tab, profile string, hits []pageHit, listings []pageListing) {
	t.Helper()
	waitScanned(t, tab) // the first view waits for the engine's cold start
	deadline := time.Now().Add(15 * time.Second)
	for {
		gotProfile := contentValue[string](t, tab, `__wildlens.profile`)
		gotListings := listingsOf(t, tab)
		if gotProfile == profile && len(gotListings) == len(listings) && contentValue[bool](t, tab, `__wildlens.idle`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("at %s the content script has profile %q and listings %v after 15 s, want profile %q and %d listings",
				pageValue[string](t, tab, `location.pathname`), gotProfile, gotListings, profile, len(listings))
		}
		time.Sleep(50 * time.Millisecond)
	}
	expectHits(t, hitsOf(t, tab), hits)
	expectListings(t, listingsOf(t, tab), listings)
	if n := registeredRanges(t, tab); n != len(hits) {
		t.Errorf("the page's highlight registry holds %d ranges, want one per hit (%d)", n, len(hits))
	}
}

var spaOrders = []string{"push, render", "render, push", "render, push later"}

// toItemAndBack opens the search view, moves to the item view in the given order, then
// goes back.
func toItemAndBack(t *testing.T, b *Browser, url, order string) {
	tab := b.Open(t, url)
	expectView(t, tab, "spa-search", spaSearchHits, spaSearchListings)
	pageValue[bool](t, tab, fmt.Sprintf(`openItem(%q), true`, order))
	expectView(t, tab, "spa-item", spaItemHits, spaItemListings)
	if got := pageValue[string](t, tab, `location.pathname`); got != "/market/item/777" {
		t.Fatalf("the page did not move: location.pathname = %q", got)
	}
	t.Logf("pushState to the item view scanned with its profile: %.0f ms",
		contentValue[float64](t, tab, `__wildlens.timings.followed`)-pageValue[float64](t, tab, `window.pushedAt`))
	// Back: popstate, and the app renders the search view again.
	pageValue[bool](t, tab, `history.back(), true`)
	expectView(t, tab, "spa-search", spaSearchHits, spaSearchListings)
}

func TestSPAProfileFollowsPushState(t *testing.T) {
	b, url := spaBrowser(t, "")
	for _, order := range spaOrders {
		t.Run(order, func(t *testing.T) { toItemAndBack(t, b, url, order) })
	}

	// replaceState with no DOM change at all: the navigation API's event alone moves the
	// profile (no mutation batch to notice it by).
	t.Run("replaceState alone", func(t *testing.T) {
		tab := b.Open(t, url)
		expectView(t, tab, "spa-search", spaSearchHits, spaSearchListings)
		pageValue[bool](t, tab, `history.replaceState(null, '', '/market/item/1'), true`)
		expectView(t, tab, "spa-item", nil, nil)
	})

	// The background takes the frame's URL from the payload only on the sender's origin.
	t.Run("cross-origin url refused", func(t *testing.T) {
		tab := b.Open(t, url)
		expectView(t, tab, "spa-search", spaSearchHits, spaSearchListings)
		type profileReply struct {
			OK      bool            `json:"ok"`
			Error   string          `json:"error"`
			Profile *bundle.Profile `json:"profile"`
		}
		ask := func(urlExpr string) profileReply {
			return contentValue[profileReply](t, tab, `chrome.runtime.sendMessage({type: 'wildlens/profile', url: `+urlExpr+`})`)
		}
		origin := pageValue[string](t, tab, `location.origin`)
		for _, forged := range []string{
			`'https://s.taobao.com/search?q=x'`,                         // another site with a profile
			`location.origin.replace(/:\d+$/, ':1') + '/market/item/1'`, // same host, another port
			`'data:text/html,<p>x'`,                                     // an opaque origin
			`'not a url'`,
		} {
			if p := ask(forged); p.OK || p.Profile != nil || p.Error != "url is not on the sending frame's origin "+origin {
				t.Errorf("PROFILE for url %s: got %+v, want a refusal naming the origin %s", forged, p, origin)
			}
		}
		if p := ask(`location.origin + '/market/item/2'`); !p.OK || p.Profile == nil || p.Profile.ID != "spa-item" {
			t.Errorf("PROFILE for a same-origin url: got %+v, want the spa-item profile", p)
		}
		if p := ask(`'x'.repeat(8193)`); p.OK || !strings.Contains(p.Error, "at most 8192") {
			t.Errorf("PROFILE for an over-long url: got %+v, want a refusal", p)
		}
	})
}

// Without the navigation API (taken away from the content script's world) the URL change
// is noticed by the DOM mutation batch that renders the new view, and by popstate. A URL
// change with no DOM change after it goes unnoticed until the next one: no polling, and
// every Chromium the manifest allows (120+) has the navigation API.
func TestSPAProfileFollowsPushStateWithoutNavigationAPI(t *testing.T) {
	b, url := spaBrowser(t, "delete globalThis.navigation;\n")
	tab := b.Open(t, url)
	if got := contentValue[string](t, tab, `typeof navigation`); got != "undefined" {
		t.Fatalf("the navigation API is still there in the content script's world (typeof navigation: %s)", got)
	}
	if got := pageValue[string](t, tab, `typeof navigation`); got != "object" {
		t.Fatalf("the page's own world lost the navigation API (typeof navigation: %s)", got)
	}
	for _, order := range []string{"push, render", "render, push"} {
		t.Run(order, func(t *testing.T) { toItemAndBack(t, b, url, order) })
	}
}
