package e2e

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// updateBundle: version 2 knows 象牙 and ivory; version 3 drops 象牙 and adds
// "pangolin scales".
func updateBundle(version int64) *bundle.Bundle {
	terms := []bundle.Term{{ID: "ivo-en", Term: "ivory", Lang: "en", Kind: "product", Risk: 4}}
	if version < 3 {
		terms = append(terms, bundle.Term{ID: "ivo-001", Term: "象牙", Lang: "zh-Hans", Kind: "product", Risk: 4})
	} else {
		terms = append(terms, bundle.Term{ID: "pan-en", Term: "pangolin scales", Lang: "en", Kind: "product", Risk: 5})
	}
	return &bundle.Bundle{Version: version, Terms: terms}
}

func hitTexts(t testing.TB, tab *Tab) string {
	var texts []string
	for _, h := range hitsOf(t, tab) {
		texts = append(texts, h.Text)
	}
	return strings.Join(texts, ", ")
}

// pushClients reads wildlens_push_clients from the server's metrics.
func pushClients(t testing.TB, serverURL string) string {
	res, err := http.Get(serverURL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, "wildlens_push_clients "); ok {
			return v
		}
	}
	return ""
}

// Test 3: with the service worker stopped, a published version with a new term reaches
// an open tab through the engine document's push stream within 10 s, no reload; the
// term the new version dropped is no longer highlighted.
func TestLexiconPushReachesOpenTabWithWorkerStopped(t *testing.T) {
	data := t.TempDir()
	srv := startServer(t, data, "127.0.0.1:0")
	publish(t, data, updateBundle(2))
	b := Launch(t, Extension(t, Sign(t, updateBundle(2))))
	configure(t, b, srv.URL, srv.URL, addModerator(t, data, "mod1"))
	waitFor(t, "the engine document's push stream", func() bool { return pushClients(t, srv.URL) == "1" })

	tab := openScanned(t, b, servePage(t, `<!doctype html><p>Carved ivory bangle. Old 象牙 bracelet. Also pangolin scales.</p>`))
	if got := hitTexts(t, tab); got != "ivory, 象牙" {
		t.Fatalf("version 2 highlights %q", got)
	}
	pageValue[any](t, tab, `window.notReloaded = true`)

	worker, err := WaitTarget(b.Ctx, 5*time.Second, func(i *target.Info) bool { return i.Type == "service_worker" })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(b.Ctx, target.CloseTarget, target.CloseTargetParams{TargetID: worker.TargetID}); err != nil {
		t.Fatal(err)
	}
	if err := waitGone(b.Ctx, func(i *target.Info) bool { return i.Type == "service_worker" }); err != nil {
		t.Fatalf("the service worker did not stop: %v", err)
	}

	publish(t, data, updateBundle(3))
	published := time.Now()
	deadline := published.Add(10 * time.Second)
	for hitTexts(t, tab) != "ivory, pangolin scales" {
		if time.Now().After(deadline) {
			t.Fatalf("10 s after publishing version 3 the tab highlights %q, want \"ivory, pangolin scales\"", hitTexts(t, tab))
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("version 3 highlighted %v after publish", time.Since(published).Round(10*time.Millisecond))
	if !pageValue[bool](t, tab, `window.notReloaded === true`) {
		t.Error("the tab was reloaded")
	}
}

// lexiconFeed is a feed that serves whatever bytes the test puts in it: a feed that was
// compromised or rolled back. It has no push stream (204 tells EventSource to stop).
func lexiconFeed(t testing.TB) (*httptest.Server, *atomic.Pointer[[]byte]) {
	var served atomic.Pointer[[]byte]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch r.URL.Path {
		case "/v1/lexicon/events":
			w.WriteHeader(http.StatusNoContent)
		case "/v1/lexicon":
			w.Header().Set("Content-Type", "text/plain")
			w.Write(*served.Load())
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &served
}

// Test 4: a tampered bundle and an older one are both refused, the current lexicon
// stays, and the popup says why.
func TestLexiconUpdateRefusesTamperedAndOlderBundles(t *testing.T) {
	feed, served := lexiconFeed(t)
	tampered := bytes.Replace(Sign(t, updateBundle(6)), []byte("pangolin scales"), []byte("pangolin scalez"), 1)
	served.Store(&tampered)
	b := Launch(t, Extension(t, Sign(t, updateBundle(5))))
	tab := openScanned(t, b, servePage(t, `<!doctype html><p>Carved ivory bangle. Also pangolin scales.</p>`))
	configure(t, b, "", feed.URL, "")

	popup := b.Open(t, b.URL("ui/popup.html"))
	refusal := func() string {
		return pageValue[string](t, popup, `document.querySelector('#lexicon-status .refused')?.textContent ?? ''`)
	}
	waitFor(t, "the popup to show the refusal", func() bool { return refusal() != "" })
	if got := refusal(); !strings.HasPrefix(got, "A lexicon update was refused: ") || !strings.Contains(got, "does not verify") {
		t.Errorf("popup after a tampered bundle: %q", got)
	}

	older := Sign(t, updateBundle(4))
	served.Store(&older)
	pageValue[any](t, popup, `document.querySelector('[data-action=popupCheckLexicon]').click()`)
	waitFor(t, "the popup to show the second refusal", func() bool { return strings.Contains(refusal(), "older") })
	if got := refusal(); got != "A lexicon update was refused: bundle version 4 is older than the loaded version 5" {
		t.Errorf("popup after an older bundle: %q", got)
	}
	if got := pageValue[string](t, popup, `document.querySelector('#lexicon-status .lexicon-version').textContent`); !strings.HasPrefix(got, "Lexicon version 5, last checked ") {
		t.Errorf("popup lexicon line: %q", got)
	}
	if s := status(t, b.EngineHost(t)); !s.OK || s.Info.Version != 5 {
		t.Errorf("engine after refusals: %+v, want version 5", s)
	}
	if got := hitTexts(t, tab); got != "ivory, pangolin scales" {
		t.Errorf("tab highlights %q, want version 5's \"ivory, pangolin scales\"", got)
	}
}
