package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Where the CSS Custom Highlight API is missing, the content script wraps hits in
// <mark data-wildlens-mark> elements. Chromium has the API, so a copy of the extension
// takes it away from the extension's isolated world (the page's world keeps it) before
// the content script runs, with a first content script at document_start: content
// scripts of one extension share one world per frame.
func TestHighlightFallback(t *testing.T) {
	ext := Extension(t, Sign(t, pagesBundle(t)))
	removeHighlightAPI(t, ext)
	b := Launch(t, ext)
	base := Serve(t, filepath.Join(RepoRoot(), "testdata"), nil).URL + "/pages/"

	// visible-text has hits split across inline elements and two hits in one text node.
	want := loadExpected(t, "visible-text")
	tab := openScanned(t, b, base+"visible-text.html")
	if got := contentValue[string](t, tab, `typeof Highlight + ' ' + (typeof CSS.highlights)`); got != "undefined undefined" {
		t.Fatalf("the Highlight API is still there in the content script's world (Highlight, CSS.highlights: %s)", got)
	}
	if got := pageValue[string](t, tab, `typeof Highlight + ' ' + (typeof CSS.highlights)`); got != "function object" {
		t.Fatalf("the page's own world lost the Highlight API (Highlight, CSS.highlights: %s)", got)
	}
	expectHits(t, hitsOf(t, tab), want.Highlights)

	var wantTexts []string
	for _, h := range want.Highlights {
		wantTexts = append(wantTexts, h.Text)
	}
	if got := wrappedTexts(t, tab); strings.Join(got, "|") != strings.Join(wantTexts, "|") {
		t.Errorf("wrapped texts in document order:\ngot  %q\nwant %q", got, wantTexts)
	}
	if n := registeredRanges(t, tab); n != 0 {
		t.Errorf("the page's highlight registry holds %d of our ranges, want 0 (the fallback wraps instead)", n)
	}

	// The page as its server sent it, parsed apart from the live document (the page's
	// only script changes the title, not the body).
	source := pageValue[string](t, tab, `fetch(location.href).then((r) => r.text()).then((html) =>
		new DOMParser().parseFromString(html, 'text/html').body.innerHTML)`)
	if got := pageValue[string](t, tab, `(() => {
		const body = document.body.cloneNode(true);
		for (const mark of body.querySelectorAll('mark[data-wildlens-mark]')) mark.replaceWith(...mark.childNodes);
		return body.innerHTML;
	})()`); got != source {
		t.Errorf("with the wrappers taken out, the body differs from the page's source:\ngot  %s\nwant %s", got, source)
	}
	visibleWrapped := pageValue[string](t, tab, `document.body.innerText`)

	contentValue[bool](t, tab, `chrome.storage.local.set({'wildlens.disabledSites': [location.hostname]}).then(() => true)`)
	waitFor(t, "the wrappers to go when the site is switched off", func() bool {
		return pageValue[int](t, tab, `document.querySelectorAll('mark[data-wildlens-mark]').length`) == 0
	})
	if got := pageValue[string](t, tab, `document.body.innerHTML`); got != source {
		t.Errorf("after switching the site off, the body differs from the page's source:\ngot  %s\nwant %s", got, source)
	}
	if got := pageValue[string](t, tab, `document.body.innerText`); got != visibleWrapped {
		t.Errorf("the wrappers changed the visible text:\nwrapped %q\nwithout %q", visibleWrapped, got)
	}
}

// wrappedTexts reads the wrappers' texts in document order, read from the page's world.
// A hit split across inline elements has one wrapper per text node: wrappers with no
// text between them are one hit.
func wrappedTexts(t testing.TB, tab *Tab) []string {
	t.Helper()
	return pageValue[[]string](t, tab, `(() => {
		const texts = [];
		let previous = null;
		for (const mark of document.querySelectorAll('mark[data-wildlens-mark]')) {
			const between = new Range();
			if (previous) {
				between.setStartAfter(previous);
				between.setEndBefore(mark);
			}
			if (previous && between.toString() === '') texts[texts.length - 1] += mark.textContent;
			else texts.push(mark.textContent);
			previous = mark;
		}
		return texts;
	})()`)
}

// removeHighlightAPI deletes, in the content script's world of the extension in dir, the
// API the content script looks for (CSS.highlights and Highlight).
func removeHighlightAPI(t testing.TB, dir string) {
	t.Helper()
	firstContentScript(t, dir, "e2e-no-highlight-api.js", "delete CSS.highlights;\ndelete globalThis.Highlight;\n")
}

// firstContentScript adds to the extension in dir a content script, run at
// document_start on the pages the content script runs on, before it in the same world.
func firstContentScript(t testing.TB, dir, script, source string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, script), []byte(source), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var manifest map[string]any
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	scripts, _ := manifest["content_scripts"].([]any)
	if len(scripts) == 0 {
		t.Fatal("manifest.json has no content_scripts")
	}
	first, _ := scripts[0].(map[string]any)
	manifest["content_scripts"] = append([]any{map[string]any{
		"matches":           first["matches"],
		"js":                []string{script},
		"all_frames":        true,
		"match_about_blank": true,
		"run_at":            "document_start",
	}}, scripts...)
	if data, err = json.MarshalIndent(manifest, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
