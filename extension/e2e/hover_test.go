package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/extension/chromium"
	"github.com/wildlens/wildlens/wasm/match"
)

// The hover card where hits are wrapped in <mark> elements (no Highlight API in the
// content script's world, as in fallback_test.go): the pointer goes onto the mark by CDP
// Input.dispatchMouseEvent, as a real pointer does.
func TestHoverCardInHighlightFallback(t *testing.T) {
	ext := Extension(t, Sign(t, pagesBundle(t)))
	removeHighlightAPI(t, ext)
	b := Launch(t, ext)
	base := Serve(t, filepath.Join(RepoRoot(), "testdata"), nil).URL + "/pages/"
	tab := openScanned(t, b, base+"classifieds-zh.html")
	if n := pageValue[int](t, tab, `document.querySelectorAll('mark[data-wildlens-mark]').length`); n == 0 {
		t.Fatal("no <mark> wrappers: the content script did not take the fallback")
	}

	// 犀牛角 is split across <em> (three marks, the pointer on the middle one); 山甲片
	// shares its text node with the rest of the title.
	for _, want := range []map[string]string{
		{"id": "rhi-001", "listing_id": "4301", "term": "犀牛角", "text": "犀牛角", "listing": "天然犀牛角 整只 摆件", "verdict": "flagged", "risk": "5"},
		{"id": "pan-002", "listing_id": "4303", "term": "山甲片", "text": "山甲片", "listing": "山甲片 <b>炮制</b> 500g", "verdict": "flagged", "risk": "5"},
		{"id": "bird-001", "listing_id": "4306", "term": "鹦鹉", "text": "鹦鹉", "listing": "鹦鹉 会说话 三岁", "verdict": "clear", "risk": "2"},
	} {
		pageValue[bool](t, tab, `document.querySelector('[data-infoid="`+want["listing_id"]+`"]').scrollIntoView({block: 'center'}), true`)
		var h pageHit
		for _, hit := range hitsOf(t, tab) {
			if hit.TermID == want["id"] {
				h = hit
			}
		}
		if h.Text == "" {
			t.Fatalf("no hit of %s on the page", want["id"])
		}
		under := pageValue[string](t, tab, `document.elementFromPoint(`+jsNumber(h.X)+`, `+jsNumber(h.Y)+`).closest('mark[data-wildlens-mark]')?.textContent || ''`)
		if under == "" || !strings.Contains(want["text"], under) {
			t.Fatalf("the point hovered for %s is not on its mark (found %q)", want["id"], under)
		}
		card := hover(t, tab, h)
		for field, value := range want {
			if field != "id" && field != "listing_id" && card[field] != value {
				t.Errorf("%s card %s: got %q, want %q", want["id"], field, card[field], value)
			}
		}
		move(t, tab, 5, 5)
		waitFor(t, "the card to hide after the pointer left the mark", func() bool {
			return contentValue[bool](t, tab, `__wildlens.card() === null`)
		})
	}

	// Marks in an open shadow tree (the document's elementFromPoint stops at the host) and
	// in light-DOM text slotted into it.
	tab = openShadowPage(t, b, "")
	if n := pageValue[int](t, tab, `document.getElementById('host').shadowRoot.querySelectorAll('mark[data-wildlens-mark]').length`); n != 1 {
		t.Fatalf("%d marks in the shadow tree, want 1 (rhino horn)", n)
	}
	for _, h := range hitsOf(t, tab) {
		card := hover(t, tab, h)
		if want := termOf(t, h.TermID).Term; card["term"] != want {
			t.Errorf("card for %q: term %q, want %q", h.Text, card["term"], want)
		}
		move(t, tab, 5, 5)
		waitFor(t, "the card to hide", func() bool { return contentValue[bool](t, tab, `__wildlens.card() === null`) })
	}
	if got := len(hitsOf(t, tab)); got != 2 {
		t.Errorf("%d hits on the shadow page, want 2 (rhino horn, tiger bone)", got)
	}
}

// The card in a browser whose UI language is Chinese: labels and the words the card
// fills in (kind, verdict, why) are _locales/zh_CN's, read from the extension under test.
func TestHoverCardInChinese(t *testing.T) {
	ext := Extension(t, Sign(t, pagesBundle(t)))
	// On Linux Chromium takes its UI language from the environment, not from --lang, and
	// has it only with Debian's chromium-l10n installed (scripts/test-deps).
	b := launch(t, append(chromium.Options(ext, t.TempDir()),
		chromedp.Flag("lang", "zh-CN"), chromedp.Env("LANGUAGE=zh_CN")))
	zh := localeMessages(t, ext, "zh_CN")
	en := localeMessages(t, ext, "en")
	base := Serve(t, filepath.Join(RepoRoot(), "testdata"), nil).URL + "/pages/"
	tab := openScanned(t, b, base+"classifieds-zh.html")
	if got := contentValue[string](t, tab, `chrome.i18n.getUILanguage()`); got != "zh-CN" {
		t.Fatalf("the browser's UI language is %q, want zh-CN (is chromium-l10n installed?)", got)
	}

	var target pageHit
	for _, h := range hitsOf(t, tab) {
		if h.TermID == "pan-002" {
			target = h
		}
	}
	card := hover(t, tab, target)
	labels := contentValue[map[string]string](t, tab, `__wildlens.cardLabels()`)
	term := termOf(t, "pan-002")
	wantLabels := map[string]string{
		"text": "cardText", "kind": "cardKind", "risk": "cardRisk", "why": "cardWhy",
		"listing": "cardListing", "verdict": "cardVerdict", "version": "cardLexicon",
	}
	if term.Species != nil {
		wantLabels["species"] = "cardSpecies"
	}
	if term.Protection != nil && term.Protection.CITES != "" {
		wantLabels["cites"] = "cardCites"
	}
	if term.Protection != nil && term.Protection.China != "" {
		wantLabels["china"] = "cardChina"
	}
	for field, key := range wantLabels {
		if labels[field] != zh[key] {
			t.Errorf("card label of %s: got %q, want zh_CN %s %q (en: %q)", field, labels[field], key, zh[key], en[key])
		}
	}
	if len(labels) != len(wantLabels) {
		t.Errorf("card labels: got %v, want the fields %v", labels, wantLabels)
	}
	for field, key := range map[string]string{"kind": "kind_" + term.Kind, "verdict": "verdict_flag", "why": "cardExactTerm"} {
		if card[field] != zh[key] {
			t.Errorf("card %s: got %q, want zh_CN %s %q (en: %q)", field, card[field], key, zh[key], en[key])
		}
	}
}

// TestEveryFoldHasALabel: the hover card names the folds a match needed from
// fold_NAME in each locale (content.js falls back to the bare name), so every fold the
// matcher reports has a label in both.
func TestEveryFoldHasALabel(t *testing.T) {
	for _, locale := range []string{"en", "zh_CN"} {
		messages := localeMessages(t, "..", locale)
		for _, fold := range match.FoldNames() {
			if messages["fold_"+fold] == "" {
				t.Errorf("_locales/%s: no fold_%s", locale, fold)
			}
		}
	}
}

// localeMessages reads _locales/LOCALE/messages.json of the extension in dir as key ->
// message.
func localeMessages(t testing.TB, dir, locale string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "_locales", locale, "messages.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]struct {
		Message string `json:"message"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("_locales/%s/messages.json: %v", locale, err)
	}
	messages := map[string]string{}
	for key, m := range raw {
		messages[key] = m.Message
	}
	return messages
}

func jsNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}
