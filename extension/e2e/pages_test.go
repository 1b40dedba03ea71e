package e2e

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// The content script on the hand-written pages of testdata/pages, in real Chromium with
// the built extension and engine. One browser serves every subtest: the engine's cold
// start is paid once.
func TestPages(t *testing.T) {
	b, base := pagesBrowser(t, nil)
	strict := Serve(t, filepath.Join(RepoRoot(), "testdata"), map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'",
	})

	for _, page := range []string{"classifieds-zh", "secondhand-item-zh", "search-en", "visible-text"} {
		t.Run("expected/"+page, func(t *testing.T) {
			want := loadExpected(t, page)
			tab := openScanned(t, b, base+page+".html")
			if got := contentValue[string](t, tab, `__wildlens.profile`); got != want.Profile {
				t.Errorf("site profile: got %q, want %q", got, want.Profile)
			}
			got := hitsOf(t, tab)
			expectHits(t, got, want.Highlights)
			expectListings(t, listingsOf(t, tab), want.Listings)
			if n := registeredRanges(t, tab); n != len(got) {
				t.Errorf("the page's highlight registry holds %d ranges, want one per hit (%d)", n, len(got))
			}
		})
	}

	t.Run("strict CSP", func(t *testing.T) {
		want := loadExpected(t, "strict-csp-zh")
		tab := openScanned(t, b, strict.URL+"/pages/strict-csp-zh.html")
		expectHits(t, hitsOf(t, tab), want.Highlights)
		expectListings(t, listingsOf(t, tab), want.Listings)
		if got := pageValue[string](t, tab, `document.body.dataset.pageScript || ''`); got != "ran" {
			t.Errorf("the page's own script did not run next to the extension (data-page-script=%q)", got)
		}
		card := hover(t, tab, hitsOf(t, tab)[0])
		if card["term"] != "犀角" || card["text"] != "犀角片" {
			t.Errorf("hover card on a strict-CSP page: got %v, want term 犀角 for the text 犀角片", card)
		}
	})

	t.Run("hover card", func(t *testing.T) {
		tab := openScanned(t, b, base+"classifieds-zh.html")
		var target pageHit
		for _, h := range hitsOf(t, tab) {
			if h.TermID == "pan-002" {
				target = h
			}
		}
		card := hover(t, tab, target)
		term := termOf(t, "pan-002")
		want := map[string]string{
			"term":    "山甲片",
			"text":    "山甲片",
			"risk":    "5",
			"listing": "山甲片 <b>炮制</b> 500g", // the title's markup is text on the page
			"verdict": "flagged",
			"version": "1",
			"why":     "the term itself",
			"kind":    strings.ReplaceAll(term.Kind, "_", " "),
		}
		if term.Species != nil {
			want["species"] = strings.Join(nonEmpty(term.Species.En, term.Species.Sci), " — ")
		}
		if term.Protection != nil {
			want["cites"], want["china"] = term.Protection.CITES, term.Protection.China
		}
		for field, value := range want {
			if card[field] != value {
				t.Errorf("card %s: got %q, want %q", field, card[field], value)
			}
		}
		if slices.Contains(strings.Fields(card["elements"]), "b") {
			t.Errorf("card elements: got %q: the title's <b> became markup (page text must stay text)", card["elements"])
		}
		if got := pageValue[string](t, tab, `[...document.querySelectorAll('[data-wildlens-ui]')].map(e => String(e.shadowRoot)).join()`); got != "null" {
			t.Errorf("the card's shadow root must be closed to the page: page sees %q", got)
		}
		move(t, tab, 5, 5)
		waitFor(t, "the card to hide after the pointer left the hit", func() bool {
			return contentValue[bool](t, tab, `__wildlens.card() === null`)
		})
		// The page's own tree is untouched: highlights are not elements, and the card's
		// host hangs off <html>, outside the body's layout.
		if got := pageValue[string](t, tab, `[...document.body.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('data-wildlens'))).map(e => e.localName).join() + '|' + document.documentElement.lastElementChild.hasAttribute('data-wildlens-ui')`); got != "|true" {
			t.Errorf("extension elements in the page: got %q, want none in the body and the card host last in <html>", got)
		}

		// Without highlightsFromPoint (Chromium before 140) hit-testing falls back to
		// caret positions and range rectangles. Removed from the content script's world only.
		removed := contentValue[bool](t, tab, `(() => {
			const registry = Object.getPrototypeOf(CSS.highlights);
			const had = typeof registry.highlightsFromPoint === 'function';
			delete registry.highlightsFromPoint;
			return had && CSS.highlights.highlightsFromPoint === undefined;
		})()`)
		if !removed {
			t.Fatal("this Chromium has no CSS.highlights.highlightsFromPoint to take away: the main hit-testing path went untested")
		}
		for _, h := range hitsOf(t, tab) {
			if h.TermID == "tig-001" {
				if card := hover(t, tab, h); card["term"] != "虎骨" || card["listing"] != "虎骨 一副 陈年" {
					t.Errorf("fallback hit-testing: card %v, want 虎骨 of listing 4305", card)
				}
			}
		}
	})

	t.Run("infinite scroll", func(t *testing.T) {
		want := loadExpected(t, "search-en")
		tab := openScanned(t, b, base+"search-en.html")
		expectHits(t, hitsOf(t, tab), want.Highlights)
		before := contentValue[sent](t, tab, `__wildlens.sent`)
		pageValue[bool](t, tab, `window.scrollTo(0, document.body.scrollHeight), true`)
		waitScanned(t, tab, func() bool { return len(listingsOf(t, tab)) == len(want.AfterScroll.Listings) })
		expectHits(t, hitsOf(t, tab), want.AfterScroll.Highlights)
		expectListings(t, listingsOf(t, tab), want.AfterScroll.Listings)
		after := contentValue[sent](t, tab, `__wildlens.sent`)
		if added := after.Listings - before.Listings; added != 4 {
			t.Errorf("after the scroll %d listing texts went to the engine, want the 4 new ones only", added)
		}
		if after.Messages-before.Messages > 2 {
			t.Errorf("the 4 appended listings took %d SCAN messages, want them batched", after.Messages-before.Messages)
		}
		// The card says which fold the mathematical bold letters needed.
		pageValue[bool](t, tab, `document.querySelector('[data-listing-id="v1-1005"]').scrollIntoView({block: 'center'}), true`)
		bold := hitsOf(t, tab)[2]
		if card := hover(t, tab, bold); card["why"] != "the term itself · folds: Unicode compatibility forms" {
			t.Errorf("card for %q: why = %q", bold.Text, card["why"])
		}
	})

	t.Run("removed and changed listings", func(t *testing.T) {
		tab := openScanned(t, b, base+"classifieds-zh.html")
		before := contentValue[sent](t, tab, `__wildlens.sent`)
		pageValue[bool](t, tab, `document.querySelector('[data-infoid="4301"]').remove(), true`)
		waitScanned(t, tab, func() bool { return len(hitsOf(t, tab)) == 3 })
		if n := registeredRanges(t, tab); n != 3 {
			t.Errorf("after removing listing 4301 the registry holds %d ranges, want 3", n)
		}
		// Text changed inside one listing: that listing alone is scanned again.
		pageValue[bool](t, tab, `document.querySelector('[data-infoid="4304"] .desc').textContent = '附赠玳瑁手镯', true`)
		waitScanned(t, tab, func() bool { return len(hitsOf(t, tab)) == 4 })
		expectHits(t, hitsOf(t, tab), []pageHit{
			{Text: "山甲片", TermID: "pan-002", Listing: "4303"},
			{Text: "玳瑁手镯", TermID: "tur-001", Listing: "4304"},
			{Text: "虎骨", TermID: "tig-001", Listing: "4305"},
			{Text: "鹦鹉", TermID: "bird-001", Listing: "4306"},
		})
		after := contentValue[sent](t, tab, `__wildlens.sent`)
		if added := after.Listings - before.Listings; added != 1 {
			t.Errorf("%d listing texts were scanned again, want 1 (the changed listing)", added)
		}
	})

	t.Run("site switch, summary and jumps", func(t *testing.T) {
		tab := openScanned(t, b, base+"classifieds-zh.html")
		s := contentValue[summary](t, tab, `__wildlens.summary()`)
		if s.Verdict != "flag" || s.Hits != 4 || len(s.Listings) != 6 || len(s.Terms) != 4 {
			t.Errorf("summary: got verdict %s, %d hits, %d listings, %d terms; want flag, 4, 6, 4", s.Verdict, s.Hits, len(s.Listings), len(s.Terms))
		}
		for i, want := range []string{"0/4", "1/4", "0/4"} {
			direction := map[bool]string{true: "next", false: "prev"}[i < 2]
			j := contentValue[jumpReply](t, tab, fmt.Sprintf(`__wildlens.jump(%q)`, direction))
			if got := fmt.Sprintf("%d/%d", j.Index, j.Hits); got != want {
				t.Errorf("jump %d (%s): got %s, want %s", i, direction, got, want)
			}
		}
		if n := pageValue[int](t, tab, `CSS.highlights.get('wildlens-current')?.size || 0`); n != 1 {
			t.Errorf("the jumped-to hit is not marked (wildlens-current holds %d ranges)", n)
		}
		contentValue[bool](t, tab, `chrome.storage.local.set({'wildlens.disabledSites': [location.hostname]}).then(() => true)`)
		waitFor(t, "highlights to clear when the site is switched off", func() bool { return registeredRanges(t, tab) == 0 })
		contentValue[bool](t, tab, `chrome.storage.local.set({'wildlens.disabledSites': []}).then(() => true)`)
		waitFor(t, "highlights to return when the site is switched on", func() bool { return registeredRanges(t, tab) == 4 })
	})

	// Built by script, so not a testdata page: the Go serialisation cannot see shadow trees.
	t.Run("open shadow roots", func(t *testing.T) {
		tab := openShadowPage(t, b, "<p>Light text before.</p>")
		expectHits(t, hitsOf(t, tab), []pageHit{
			{Text: "rhino horn", TermID: "rhi-005", Listing: "1"},
			{Text: "tiger bone", TermID: "tig-012", Listing: "1"},
		})
		// Text added inside the shadow tree later is seen too.
		pageValue[bool](t, tab, `document.getElementById('host').shadowRoot.append(Object.assign(document.createElement('p'), {textContent: 'pangolin scales'})), true`)
		waitScanned(t, tab, func() bool { return len(hitsOf(t, tab)) == 3 })
		// The shadow tree paints our highlights as the document does.
		colours := pageValue[string](t, tab, `[
			getComputedStyle(document.querySelector('p'), '::highlight(wildlens-risk-5)').backgroundColor,
			getComputedStyle(document.getElementById('host').shadowRoot.querySelector('b'), '::highlight(wildlens-risk-5)').backgroundColor,
		].join(' | ')`)
		if parts := strings.Split(colours, " | "); parts[0] != parts[1] || parts[0] == "rgba(0, 0, 0, 0)" {
			t.Errorf("risk-5 highlight colour: document | shadow tree = %s, want the same, not transparent", colours)
		}
	})

	t.Run("same-origin iframe", func(t *testing.T) {
		dir := t.TempDir()
		for name, page := range map[string]string{
			"outer.html": `<!doctype html><meta charset="utf-8"><p>Outer page: nothing here.</p><iframe src="inner.html"></iframe>`,
			"inner.html": `<!doctype html><meta charset="utf-8"><p>Inner listing: rhino horn bowl.</p>`,
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tab := openScanned(t, b, Serve(t, dir, nil).URL+"/outer.html")
		if hits := hitsOf(t, tab); len(hits) != 0 {
			t.Errorf("the outer page's own text has no terms, got %v", hits)
		}
		// The frame's own content script scans the frame's document.
		waitFor(t, "the frame's highlight", func() bool {
			return pageValue[int](t, tab, `document.querySelector('iframe').contentWindow.CSS.highlights.get('wildlens-risk-5')?.size || 0`) == 1
		})
	})

	t.Run("popup", func(t *testing.T) {
		tab := openScanned(t, b, base+"classifieds-zh.html")
		// Opened in a background tab, the popup's "active tab" is the page, as when it
		// drops down from the toolbar.
		background := true
		created, err := chromedp.CallBrowser(b.Ctx, target.CreateTarget, target.CreateTargetParams{
			URL: b.URL("ui/popup.html"), Background: &background})
		if err != nil {
			t.Fatal(err)
		}
		popup := &Tab{Ctx: b.Attach(t, created.TargetID), b: b}
		text := func(expr string) string { return pageValue[string](t, popup, expr) }
		waitFor(t, "the popup to show the page's verdict", func() bool { return text(`document.getElementById('verdict')?.textContent || ''`) != "" })
		if got := text(`document.getElementById('verdict').textContent`); got != "This page has flagged listings" {
			t.Errorf("popup verdict: got %q", got)
		}
		if got := text(`document.getElementById('counts').textContent`); got != "Listings: 6 scanned, 3 flagged" {
			t.Errorf("popup counts: got %q", got)
		}
		// Grouped by term, riskiest first; counts per term.
		if got := text(`[...document.querySelectorAll('#terms li')].map((li) => li.textContent).join(' | ')`); got != "犀牛角1 | 山甲片1 | 虎骨1 | 鹦鹉1" {
			t.Errorf("popup terms: got %q", got)
		}
		text(`document.getElementById('next').click(), ''`)
		waitFor(t, "the jump", func() bool { return text(`document.getElementById('position').textContent`) == "Hit 1 of 4" })
		if n := pageValue[int](t, tab, `CSS.highlights.get('wildlens-current')?.size || 0`); n != 1 {
			t.Errorf("the popup's jump did not mark a hit on the page")
		}
		text(`document.getElementById('site-enabled').click(), ''`)
		waitFor(t, "the popup's switch to clear the page", func() bool { return registeredRanges(t, tab) == 0 })
		text(`document.getElementById('site-enabled').click(), ''`)
		waitFor(t, "the popup's switch to restore the page", func() bool { return registeredRanges(t, tab) == 4 })
	})

	// Last: it replaces the engine's lexicon for the rest of this browser.
	t.Run("lexicon change re-scans", func(t *testing.T) {
		tab := openScanned(t, b, base+"classifieds-zh.html")
		next := *pagesBundle(t)
		next.Version = 2
		next.Terms = append(slices.Clone(next.Terms), bundle.Term{ID: "test-bike", Term: "儿童自行车", Kind: "product", Risk: 5})
		engine := b.EngineHost(t)
		if _, err := Eval[any](engine, fmt.Sprintf(`(wildlensEngine.loadBundle(Uint8Array.from(atob(%q), (c) => c.charCodeAt(0))), true)`,
			base64.StdEncoding.EncodeToString(Sign(t, &next)))); err != nil {
			t.Fatalf("load lexicon version 2: %v", err)
		}
		// What the background does after a new lexicon: tell every tab (here from an
		// extension page, which may message tabs).
		options := b.Open(t, b.URL("ui/options.html"))
		pageValue[any](t, options, `chrome.tabs.query({}).then((tabs) => Promise.all(tabs.map((tab) =>
			chrome.tabs.sendMessage(tab.id, {type: 'wildlens/lexicon-changed', lexiconVersion: 2}).catch(() => null))))`)
		waitFor(t, "the re-scan with lexicon version 2", func() bool {
			return contentValue[int](t, tab, `__wildlens.summary().lexiconVersion`) == 2 && contentValue[bool](t, tab, `__wildlens.idle`)
		})
		expectHits(t, hitsOf(t, tab), []pageHit{
			{Text: "犀牛角", TermID: "rhi-001", Listing: "4301"},
			{Text: "山甲片", TermID: "pan-002", Listing: "4303"},
			{Text: "儿童自行车", TermID: "test-bike", Listing: "4304"},
			{Text: "虎骨", TermID: "tig-001", Listing: "4305"},
			{Text: "鹦鹉", TermID: "bird-001", Listing: "4306"},
		})
	})
}

type sent struct {
	Messages int `json:"messages"`
	Listings int `json:"listings"`
	Units    int `json:"units"`
}

type summary struct {
	Verdict  string           `json:"verdict"`
	Hits     int              `json:"hits"`
	Listings []map[string]any `json:"listings"`
	Terms    []map[string]any `json:"terms"`
}

type jumpReply struct {
	Index int `json:"index"`
	Hits  int `json:"hits"`
}

// hover moves the mouse onto a hit and returns the card's fields once it shows.
func hover(t testing.TB, tab *Tab, h pageHit) map[string]string {
	t.Helper()
	if h.Text == "" {
		t.Fatal("no hit to hover")
	}
	move(t, tab, h.X, h.Y)
	var card map[string]string
	waitFor(t, "the hover card", func() bool {
		card = contentValue[map[string]string](t, tab, `__wildlens.card()`)
		return card != nil && card["text"] == h.Text
	})
	return card
}

func move(t testing.TB, tab *Tab, x, y float64) {
	t.Helper()
	if err := chromedp.Do(tab.Ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y)); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func termOf(t testing.TB, id string) bundle.Term {
	t.Helper()
	for _, term := range pagesBundle(t).Terms {
		if term.ID == id {
			return term
		}
	}
	t.Fatalf("term %s is not in the lexicon under test", id)
	return bundle.Term{}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// openShadowPage opens, scanned, a page of intro and a host whose script attaches an open
// shadow tree with a term of its own (rhino horn) and a slot for the host's light-DOM
// text (tiger bone). Built by script, so not a testdata page: the Go serialisation cannot
// see shadow trees.
func openShadowPage(t *testing.T, b *Browser, intro string) *Tab {
	t.Helper()
	dir := t.TempDir()
	page := `<!doctype html><meta charset="utf-8"><body>
` + intro + `
<div id="host"><span>tiger bone</span></div>
<script>
document.getElementById('host').attachShadow({mode: 'open'}).innerHTML =
  '<p>Carved <b>rhino horn</b> bowl</p><p><slot></slot> powder</p>';
</script>`
	if err := os.WriteFile(filepath.Join(dir, "shadow.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return openScanned(t, b, Serve(t, dir, nil).URL+"/shadow.html")
}
