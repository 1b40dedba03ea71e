package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// policyDir is where Debian's Chromium reads mandatory policy on Linux (the binary names
// /etc/chromium/policies; Google Chrome's is /etc/opt/chrome/policies). Extension policy
// goes under {"3rdparty": {"extensions": {ID: {...}}}} and reaches the extension as
// chrome.storage.managed, checked against its storage.managed_schema.
const policyDir = "/etc/chromium/policies/managed"

// unpackedExtensionID is the id Chromium gives an extension loaded unpacked from dir
// (no manifest "key"): SHA-256 of the absolute path, first 16 bytes, each hex digit
// 0-f written as a-p.
func unpackedExtensionID(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	hexID := []byte(hex.EncodeToString(sum[:16]))
	for i, c := range hexID {
		if c <= '9' {
			hexID[i] = 'a' + (c - '0')
		} else {
			hexID[i] = 'a' + 10 + (c - 'a')
		}
	}
	return string(hexID)
}

func TestUnpackedExtensionID(t *testing.T) {
	// SHA-256("/tmp/ext") = b259ee84 20722c90 8f8c5083 2d087031 ...; b→l, 2→c, 5→f, 9→j, ...
	if got, want := unpackedExtensionID("/tmp/ext"), "lcfjooiecahccmjaipimfaidcnaihadb"; got != want {
		t.Errorf("unpackedExtensionID(/tmp/ext) = %q, want %q", got, want)
	}
}

// setExtensionPolicy writes policy for the extension with id into a policy file of its
// own and removes it at test end. Only this extension's id is named, so other browsers
// on the machine are unaffected. It skips the test when the policy directory cannot be
// created (not root).
func setExtensionPolicy(t *testing.T, id string, policy map[string]any) string {
	t.Helper()
	if err := os.MkdirAll(policyDir, 0o755); err != nil {
		t.Skipf("cannot create Chromium's policy directory (the test needs root): %v", err)
	}
	doc := map[string]any{"3rdparty": map[string]any{"extensions": map[string]any{id: policy}}}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(policyDir, "wildlens-e2e-"+id+".json")
	t.Cleanup(func() { os.Remove(path) })
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A platform presets the report server, the token and a site switched off by policy:
// the background sends reports there although chrome.storage.local names another server,
// the options page shows those two fields locked while the lexicon feed, not set by
// policy, stays the moderator's, and the site is not scanned.
func TestManagedSettingsWinOverLocal(t *testing.T) {
	managedData, localData := t.TempDir(), t.TempDir()
	managed := startServer(t, managedData, "127.0.0.1:0")
	local := startServer(t, localData, "127.0.0.1:0")
	managedToken := addModerator(t, managedData, "mod-managed")
	localToken := addModerator(t, localData, "mod-local")

	ext := Extension(t, Sign(t, reportBundle(3)))
	grantHostAccess(t, ext) // so the test finds the listing's tab by URL
	id := unpackedExtensionID(ext)
	policyFile := setExtensionPolicy(t, id, map[string]any{
		"reportServer":   managed.URL,
		"moderatorToken": managedToken,
		"disabledSites":  []string{"localhost"},
	})
	b := Launch(t, ext)
	if b.ExtensionID != id {
		t.Fatalf("Chromium gave the extension in %s the id %s, not %s: the policy in %s names the wrong extension", ext, b.ExtensionID, id, policyFile)
	}

	ui := b.Open(t, b.URL("ui/options.html"))
	applied := pageValue[map[string]any](t, ui, `chrome.storage.managed.get(null)`)
	if applied["reportServer"] != managed.URL || applied["moderatorToken"] != managedToken || fmt.Sprint(applied["disabledSites"]) != "[localhost]" {
		t.Fatalf("chrome.storage.managed = %v, want the policy in %s; chrome://policy says:\n%s", applied, policyFile, policyPage(t, b))
	}
	pageValue[any](t, ui, fmt.Sprintf(`chrome.storage.local.set({'wildlens.settings': {reportServer: %q, lexiconFeed: %q, moderatorToken: %q}})`,
		local.URL, local.URL, localToken))

	// The options page, read fresh: the managed fields show the policy's values, disabled.
	opts := b.Open(t, b.URL("ui/options.html"))
	type field struct {
		Value    string
		Disabled bool
	}
	form := pageValue[map[string]field](t, opts, `(async () => {
		while (document.body.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 20));
		const f = (id) => ({Value: document.getElementById(id).value, Disabled: document.getElementById(id).disabled});
		return {reportServer: f('reportServer'), lexiconFeed: f('lexiconFeed'), moderatorToken: f('moderatorToken'),
			hint: {Value: document.getElementById('managed').textContent, Disabled: false}};
	})()`)
	want := map[string]field{
		"reportServer":   {managed.URL, true},
		"moderatorToken": {managedToken, true},
		"lexiconFeed":    {local.URL, false},
		"hint":           {"Fields in grey are set by your platform's policy.", false},
	}
	for k, w := range want {
		if form[k] != w {
			t.Errorf("options page %s = %+v, want %+v", k, form[k], w)
		}
	}

	// The policy's sites start switched off: the same page is not scanned on localhost.
	waitFor(t, "the managed sites in the per-site list", func() bool {
		return pageValue[string](t, ui, `chrome.storage.local.get('wildlens.disabledSites').then((s) => JSON.stringify(s['wildlens.disabledSites']))`) == `["localhost"]`
	})
	pageURL := servePage(t, listingPage)
	off := b.Open(t, strings.Replace(pageURL, "127.0.0.1", "localhost", 1))
	waitFor(t, "the content script on localhost", func() bool {
		_, err := ContentEval[bool](off, `__wildlens.idle`)
		return err == nil
	})
	time.Sleep(time.Second) // time enough to scan, were the site on
	if got := contentValue[string](t, off, `JSON.stringify([__wildlens.state.enabled, __wildlens.sent.listings, __wildlens.hits().length])`); got != "[false,0,0]" {
		t.Errorf("on localhost, switched off by policy: [enabled, listings sent to the engine, hits] = %s, want [false,0,0]", got)
	}

	// A report filed the popup's way goes to the managed server with the managed token.
	openScanned(t, b, pageURL)
	filed := pageValue[map[string]any](t, ui, fmt.Sprintf(`(async () => {
		const tab = (await chrome.tabs.query({})).find((t) => t.url === %q);
		return chrome.runtime.sendMessage({type: 'wildlens/report/tab', tabId: tab.id});
	})()`, pageURL))
	if filed["ok"] != true {
		t.Fatalf("report from the tab: %v", filed)
	}
	reports := waitReports(t, managedData, 1, 40*time.Second)
	if len(reports) != 1 || reports[0].ID != filed["id"] || reports[0].Moderator != "mod-managed" || reports[0].URL != pageURL {
		t.Errorf("the managed server holds %d reports, want the one filed (%v) by mod-managed for %s: %+v", len(reports), filed["id"], pageURL, reports)
	}
	if n := len(storedReports(t, localData)); n != 0 {
		t.Errorf("the server in chrome.storage.local received %d reports, want 0", n)
	}
}

// policyPage is the text of chrome://policy, to say why a policy did not reach the
// extension (file not read, JSON error, unknown extension id).
func policyPage(t *testing.T, b *Browser) string {
	t.Helper()
	tab := b.Open(t, "chrome://policy")
	time.Sleep(500 * time.Millisecond)
	text, err := Eval[string](tab.Ctx, `document.body.innerText`)
	if err != nil {
		return fmt.Sprintf("(chrome://policy unreadable: %v)", err)
	}
	return text
}
