package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/sqlite"
)

// ---- A real `wildlens serve` as a child process ----

var wildlensBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "wildlens-e2e-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "wildlens")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/wildlens")
	cmd.Dir = RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/wildlens: %v\n%s", err, out)
	}
	return bin, nil
})

// wildlens runs the CLI and returns its standard output.
func wildlens(t testing.TB, args ...string) string {
	t.Helper()
	bin, err := wildlensBinary()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("wildlens %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// reportServer is `wildlens serve` with its SQLite store in data.
type reportServer struct {
	URL  string // http://127.0.0.1:PORT
	data string
	cmd  *exec.Cmd
	done chan struct{}
}

// freeAddr returns a loopback address nothing listens on (yet).
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer runs `wildlens serve --addr addr --data data` until stop or test end.
func startServer(t testing.TB, data, addr string) *reportServer {
	t.Helper()
	bin, err := wildlensBinary()
	if err != nil {
		t.Fatal(err)
	}
	s := &reportServer{data: data, done: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve", "--addr", addr, "--data", data, "--log-level", "error")
	var stderr bytes.Buffer
	s.cmd.Stderr = &stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(s.stop)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "listening on ") {
		t.Fatalf("wildlens serve did not start (%q, %v)\n%s", line, err, stderr.String())
	}
	go io.Copy(io.Discard, stdout)
	s.URL = strings.TrimSpace(line[strings.Index(line, "listening on ")+len("listening on "):])
	return s
}

func (s *reportServer) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// addModerator creates a moderator and returns the token (the last line printed).
func addModerator(t testing.TB, data, name string) string {
	t.Helper()
	out := strings.Split(strings.TrimSpace(wildlens(t, "moderators", "add", name, "--data", data)), "\n")
	return out[len(out)-1]
}

// publish signs b with the test key and publishes it on the server in data.
func publish(t testing.TB, data string, b *bundle.Bundle) {
	t.Helper()
	dir := t.TempDir()
	signed := filepath.Join(dir, "bundle.wlb")
	keys := filepath.Join(dir, "keys.txt")
	if err := os.WriteFile(signed, Sign(t, b), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keys, []byte(TestKey(t).Public().String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wildlens(t, "lexicon", "publish", signed, "--trusted", keys, "--data", data)
}

// storedReports reads every report the server's SQLite store holds, oldest first.
func storedReports(t testing.TB, data string) []*server.Report {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	reports, err := store.Reports(ctx, server.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The list leaves screenshots out; one report at a time has them.
	for i, r := range reports {
		if reports[i], err = store.Report(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	sort.Slice(reports, func(i, j int) bool { return reports[i].ClientTime.Before(reports[j].ClientTime) })
	return reports
}

// ---- The extension, configured ----

// grantHostAccess gives an extension copy the optional <all_urls> permission up front:
// the state after a moderator granted it once on the options page (a permission prompt
// cannot be answered in headless Chromium).
func grantHostAccess(t testing.TB, extDir string) {
	t.Helper()
	path := filepath.Join(extDir, "manifest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["host_permissions"] = []string{"<all_urls>"}
	data, _ = json.Marshal(m)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// configure fills the options page as a moderator would, saves, and returns what the
// connection test says.
func configure(t testing.TB, b *Browser, reportServer, feed, token string) string {
	t.Helper()
	opts := b.Open(t, b.URL("ui/options.html"))
	set := fmt.Sprintf(`(async () => {
		while (document.body.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 20));
		document.getElementById('reportServer').value = %q;
		document.getElementById('lexiconFeed').value = %q;
		document.getElementById('moderatorToken').value = %q;
		document.getElementById('save').click();
		while (document.getElementById('result').textContent === '') await new Promise((r) => setTimeout(r, 20));
		const saved = document.getElementById('result').textContent;
		document.getElementById('test').click();
		while (['', 'Testing…', saved].includes(document.getElementById('result').textContent)) await new Promise((r) => setTimeout(r, 20));
		return saved + ' ' + document.getElementById('result').textContent;
	})()`, reportServer, feed, token)
	result := pageValue[string](t, opts, set)
	if err := chromedp.Do(opts.Ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return result
}

// reportBundle is a hand-written lexicon for the report tests.
func reportBundle(version int64) *bundle.Bundle {
	return &bundle.Bundle{
		Version: version,
		Terms: []bundle.Term{
			{ID: "ivo-001", Term: "象牙", Lang: "zh-Hans", Kind: "product", Risk: 4},
			{ID: "ivo-en", Term: "ivory", Lang: "en", Kind: "product", Risk: 4},
		},
	}
}

const listingPage = `<!doctype html><title>Bangle</title><body><h1>Carved ivory bangle</h1>` +
	`<p>Old 象牙 bracelet, antique, from a private collection in Lyon, shipped worldwide by courier within five days.</p>`

func servePage(t testing.TB, html string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "listing.html"), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return Serve(t, dir, nil).URL + "/listing.html"
}

// reportFromCard hovers the page's first hit and clicks the card's report button.
func reportFromCard(t testing.TB, tab *Tab) {
	t.Helper()
	hits := hitsOf(t, tab)
	if len(hits) == 0 {
		t.Fatal("no highlights to report from")
	}
	hover(t, tab, hits[0])
	type rect struct {
		X, Y     float64
		Disabled bool
	}
	var button *rect
	waitFor(t, "the report button", func() bool {
		button = contentValue[*rect](t, tab, `__wildlensReport.button('report')`)
		return button != nil && !button.Disabled
	})
	before := contentValue[string](t, tab, `JSON.stringify(__wildlensReport.lastReport)`)
	if err := chromedp.Do(tab.Ctx, chromedp.MouseClickXY(button.X, button.Y)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the report to be filed", func() bool {
		return contentValue[string](t, tab, `JSON.stringify(__wildlensReport.lastReport)`) != before
	})
}

func waitReports(t testing.TB, data string, n int, within time.Duration) []*server.Report {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		reports := storedReports(t, data)
		if len(reports) >= n || time.Now().After(deadline) {
			return reports
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitReport waits until the server in data holds exactly one report and ok(it), and
// returns it (or what it holds at the deadline, for the message).
func waitReport(t testing.TB, data string, within time.Duration, ok func(*server.Report) bool) *server.Report {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		reports := storedReports(t, data)
		if len(reports) == 1 && ok(reports[0]) {
			return reports[0]
		}
		if time.Now().After(deadline) {
			if len(reports) != 1 {
				t.Fatalf("server holds %d reports, want 1", len(reports))
			}
			return reports[0]
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func matchLines(r *server.Report) string {
	var b strings.Builder
	for _, m := range r.Matches {
		fmt.Fprintf(&b, "%s %s %d-%d %q\n", m.TermID, m.Text, m.Start16, m.End16, m.Snippet)
	}
	return b.String()
}

// Test 1: a page with hits; one click on the hover card's report button; a note and
// category added at once (while the report is held, so they ride in its body); the
// server holds exactly one report with the terms, snippets, a PNG, the note and the
// category.
func TestReportFromHoverCard(t *testing.T) {
	data := t.TempDir()
	srv := startServer(t, data, "127.0.0.1:0")
	token := addModerator(t, data, "mod1")
	ext := Extension(t, Sign(t, reportBundle(3)))
	grantHostAccess(t, ext)
	b := Launch(t, ext)
	if got := configure(t, b, srv.URL, srv.URL, token); got != "Saved. Connected: the server accepts this token." {
		t.Fatalf("options page says %q (server %q, token %q)", got, srv.URL, token)
	}
	pageURL := servePage(t, listingPage)
	tab := openScanned(t, b, pageURL+"#photos")

	reportFromCard(t, tab)
	if got := contentValue[string](t, tab, `__wildlensReport.status()`); got != "Reported. Add a note if you like:" {
		t.Errorf("card says %q after the click", got)
	}
	contentValue[any](t, tab, `__wildlensReport.note('seen at the Lyon antiques fair', 'ivory')`)
	waitFor(t, "the note", func() bool { return contentValue[string](t, tab, `__wildlensReport.noteStatus()`) == "Note added." })

	r := waitReport(t, data, 40*time.Second, func(r *server.Report) bool { return r.Category != "" })
	want := "ivo-en ivory 7-12 \"Carved ivory bangle\\nOld 象牙 bracelet, antique, from a\"\n" +
		"ivo-001 象牙 24-26 \"Carved ivory bangle\\nOld 象牙 bracelet, antique, from a private colle\"\n"
	if got := matchLines(r); got != want {
		t.Errorf("matches:\n%s\nwant:\n%s", got, want)
	}
	if r.URL != pageURL || r.Title != "Bangle" || r.LexiconVersion != 3 || r.Moderator != "mod1" ||
		r.Note != "seen at the Lyon antiques fair" || r.Category != "ivory" || !r.AnnotatedAt.IsZero() || r.ExtensionVersion != "0.1.0" || r.Verdict != "flag" {
		t.Errorf("report = url %q title %q lexicon %d moderator %q note %q category %q (annotated later at %v) extension %q verdict %q", r.URL, r.Title,
			r.LexiconVersion, r.Moderator, r.Note, r.Category, r.AnnotatedAt, r.ExtensionVersion, r.Verdict)
	}
	if !bytes.HasPrefix(r.Screenshot, []byte("\x89PNG\r\n\x1a\n")) || len(r.Screenshot) < 1000 {
		t.Errorf("screenshot: %d bytes, want a PNG", len(r.Screenshot))
	}
	// SHA-256 of the page's visible text, by hand: the serialisation is the two blocks.
	wantText := "Carved ivory bangle\nOld 象牙 bracelet, antique, from a private collection in Lyon, shipped worldwide by courier within five days."
	if r.PageSHA256 != sha256Hex(wantText) {
		t.Errorf("page_sha256 = %s, want SHA-256 of %q", r.PageSHA256, wantText)
	}

	// The card now says it was reported; the badge counts nothing waiting.
	move(t, tab, 1, 1)
	time.Sleep(400 * time.Millisecond)
	hover(t, tab, hitsOf(t, tab)[1])
	waitFor(t, "reported by you", func() bool {
		return contentValue[string](t, tab, `__wildlensReport.status()`) == "You reported this listing."
	})

	// "Not trade" on the 象牙 highlight: one click, one false alarm on the server.
	alarms := markNotTrade(t, tab, data, "ivo-001")
	if len(alarms) != 1 || alarms[0].Text != "象牙" || alarms[0].URL != pageURL || alarms[0].LexiconVersion != 3 ||
		alarms[0].Snippet != "Carved ivory bangle\nOld 象牙 bracelet, antique, from a private colle" {
		t.Errorf("false alarms of ivo-001: %+v", alarms)
	}

	// The popup's, context menu's and command's path: the background collects the
	// listing under the pointer from the tab.
	ui := b.Open(t, b.URL("ui/options.html"))
	filed := pageValue[map[string]any](t, ui, fmt.Sprintf(`(async () => {
		const tab = (await chrome.tabs.query({})).find((t) => t.url === %q);
		return chrome.runtime.sendMessage({type: 'wildlens/report/tab', tabId: tab.id});
	})()`, pageURL+"#photos"))
	if filed["ok"] != true {
		t.Fatalf("report from the tab: %v", filed)
	}
	reports := waitReports(t, data, 2, 40*time.Second)
	if len(reports) != 2 || reports[1].ID != filed["id"] || matchLines(reports[1]) != want || reports[1].Note != "" {
		t.Errorf("after the second report the server holds %d reports; the second: %+v", len(reports), reports[len(reports)-1])
	}
}

// Test: a note and category added from the hover card after the report reached the
// server land on that one report; changed later from the card hovered again, while the
// server is down and the browser restarts, the change arrives once both are back.
func TestNoteAndCategoryAfterReportWasSent(t *testing.T) {
	data := t.TempDir()
	addr := freeAddr(t)
	srv := startServer(t, data, addr)
	token := addModerator(t, data, "mod1")
	ext := Extension(t, Sign(t, reportBundle(3)))
	grantHostAccess(t, ext)
	profile := t.TempDir()
	b := LaunchProfile(t, ext, profile)
	if got := configure(t, b, srv.URL, srv.URL, token); got != "Saved. Connected: the server accepts this token." {
		t.Fatalf("options page says %q", got)
	}
	tab := openScanned(t, b, servePage(t, listingPage))
	reportFromCard(t, tab)
	// "Retry now" sends it before its note window ends.
	if got := popupRetry(t, b); got != "Reports: 0 waiting, 0 failed, 1 sent | badge " {
		t.Fatalf("popup once the report is sent: %q", got)
	}
	filed := waitReport(t, data, 5*time.Second, func(*server.Report) bool { return true })
	if filed.Note != "" || filed.Category != "" {
		t.Fatalf("report filed with note %q category %q; want neither", filed.Note, filed.Category)
	}

	// The card is still open on the listing: add the note and category there.
	if contentValue[any](t, tab, `__wildlensReport.button('note')`) == nil {
		t.Fatal("the hover card no longer offers the note form")
	}
	pressed := time.Now()
	contentValue[any](t, tab, `__wildlensReport.note('seller asks buyers to move to WeChat', 'ivory')`)
	waitFor(t, "the note to be taken", func() bool { return contentValue[string](t, tab, `__wildlensReport.noteStatus()`) == "Note added." })
	r := waitReport(t, data, 20*time.Second, func(r *server.Report) bool { return r.Category != "" })
	t.Logf("note and category on the server %v after the press (polled every 200 ms)", time.Since(pressed).Round(time.Millisecond))
	if r.ID != filed.ID || r.Note != "seller asks buyers to move to WeChat" || r.Category != "ivory" ||
		r.AnnotatedAt.IsZero() || r.BodySHA256 != filed.BodySHA256 {
		t.Fatalf("after the note: report %s note %q category %q annotated %v body %s; want report %s with the note, ivory, body %s",
			r.ID, r.Note, r.Category, r.AnnotatedAt, r.BodySHA256, filed.ID, filed.BodySHA256)
	}

	// Any time later, with the server down: the listing's card, hovered again, shows the
	// note and category as set; the change is queued, shown in the popup, and kept across
	// a browser restart.
	srv.stop()
	move(t, tab, 1, 1)
	waitFor(t, "the card to hide", func() bool { return contentValue[bool](t, tab, `__wildlens.card() === null`) })
	hover(t, tab, hitsOf(t, tab)[0])
	waitFor(t, "the note form on the card", func() bool { return contentValue[any](t, tab, `__wildlensReport.button('note')`) != nil })
	if got := contentValue[map[string]string](t, tab, `__wildlensReport.noteFields()`); got["note"] != "seller asks buyers to move to WeChat" || got["category"] != "ivory" {
		t.Errorf("the card's note form shows %v; want the note and category as set", got)
	}
	contentValue[any](t, tab, `__wildlensReport.note('same seller, second shop', 'medicine')`)
	waitFor(t, "the changed note to be taken", func() bool {
		return contentValue[string](t, tab, `__wildlensReport.noteStatus()`) == "Note added." // set again by the second press
	})
	want := "Reports: 0 waiting, 0 failed, 1 sent" + "Bangle — note not sent yet: server unreachable: Failed to fetch" + " | badge 1"
	if got := popupRetry(t, b); got != want {
		t.Errorf("popup with the server down:\n%s\nwant:\n%s", got, want)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	startServer(t, data, addr)
	b = LaunchProfile(t, ext, profile)
	if got := popupRetry(t, b); got != "Reports: 0 waiting, 0 failed, 1 sent | badge " {
		t.Errorf("popup after the restart: %q", got)
	}
	r = waitReport(t, data, 20*time.Second, func(r *server.Report) bool { return r.Category == "medicine" })
	if r.ID != filed.ID || r.Note != "same seller, second shop" || r.Category != "medicine" || r.BodySHA256 != filed.BodySHA256 {
		t.Errorf("after the restart: report %s note %q category %q; want %s with the changed note and medicine", r.ID, r.Note, r.Category, filed.ID)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// popupQueue opens the popup as a tab and returns its queue text after pressing
// "Retry now" (the test's way to skip the backoff; the moderator has the same button).
func popupRetry(t testing.TB, b *Browser) string {
	t.Helper()
	popup := b.Open(t, b.URL("ui/popup.html"))
	return pageValue[string](t, popup, `(async () => {
		const root = document.getElementById('wildlens-status');
		while (root.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 20));
		const queue = document.getElementById('queue');
		const retry = document.querySelector('[data-action=popupRetry]');
		retry.click(); // disabled until the queue is drawn again
		while (retry.disabled) await new Promise((r) => setTimeout(r, 20));
		return queue.textContent + ' | badge ' + await chrome.action.getBadgeText({});
	})()`)
}

// Test 2: three reports filed while the server is down; the browser restarts; with the
// server up, exactly those three arrive, each once.
func TestReportsSurviveOutageAndRestart(t *testing.T) {
	data := t.TempDir()
	addr := freeAddr(t) // nothing listens here until the server starts below
	token := addModerator(t, data, "mod1")
	ext := Extension(t, Sign(t, reportBundle(3)))
	grantHostAccess(t, ext)
	profile := t.TempDir()
	b := LaunchProfile(t, ext, profile)
	if got := configure(t, b, "http://"+addr, "http://"+addr, token); !strings.HasPrefix(got, "Saved. Connection failed: ") {
		t.Fatalf("options page with the server down says %q", got)
	}
	tab := openScanned(t, b, servePage(t, listingPage))
	var ids []string
	for i := 0; i < 3; i++ {
		reportFromCard(t, tab)
		ids = append(ids, contentValue[string](t, tab, `__wildlensReport.lastReport.id`))
		move(t, tab, 1, 1)
		waitFor(t, "the card to hide", func() bool { return contentValue[bool](t, tab, `__wildlens.card() === null`) })
	}
	wantFailing := "Reports: 3 waiting, 0 failed, 0 sent" +
		strings.Repeat("Bangle — server unreachable: Failed to fetch", 3) + " | badge 3"
	if got := popupRetry(t, b); got != wantFailing {
		t.Errorf("popup with the server down:\n%s\nwant:\n%s", got, wantFailing)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	srv := startServer(t, data, addr)
	b = LaunchProfile(t, ext, profile)
	if got := popupRetry(t, b); got != "Reports: 0 waiting, 0 failed, 3 sent | badge " {
		t.Errorf("popup after the restart: %q", got)
	}
	popupRetry(t, b) // nothing waits: nothing is sent again
	reports := storedReports(t, data)
	var got []string
	for _, r := range reports {
		got = append(got, r.ID)
	}
	sort.Strings(got)
	sort.Strings(ids)
	if strings.Join(got, " ") != strings.Join(ids, " ") {
		t.Errorf("server holds %v, want exactly the filed %v", got, ids)
	}
	res, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	metrics, _ := io.ReadAll(res.Body)
	if !bytes.Contains(metrics, []byte(`wildlens_reports_received_total{result="created"} 3`)) ||
		bytes.Contains(metrics, []byte(`wildlens_reports_received_total{result="duplicate"} `)) &&
			!bytes.Contains(metrics, []byte(`wildlens_reports_received_total{result="duplicate"} 0`)) {
		t.Errorf("server metrics: want 3 created and no duplicates:\n%s", grepLines(string(metrics), "wildlens_reports_received_total"))
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// The options page takes HTTPS addresses, or http only for this machine.
func TestOptionsRefuseInsecureAddresses(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, reportBundle(1))))
	opts := b.Open(t, b.URL("ui/options.html"))
	save := func(address string) string {
		return pageValue[string](t, opts, fmt.Sprintf(`(async () => {
			while (document.body.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 20));
			const result = document.getElementById('result');
			result.textContent = '';
			document.getElementById('reportServer').value = %q;
			document.getElementById('save').click();
			while (result.textContent === '') await new Promise((r) => setTimeout(r, 20));
			return result.textContent;
		})()`, address))
	}
	for _, c := range []struct{ address, want string }{
		{"https://wildlens.platform.example/", "Saved."},
		{"http://localhost:8787", "Saved."},
		{"http://market.example", "http://market.example: use https:// (http:// only for localhost)"},
		{"ftp://market.example", "ftp://market.example: use https:// (http:// only for localhost)"},
		{"market.example", "not a URL: market.example"},
		{"https://mod:pw@market.example", "https://mod:pw@market.example: must not carry credentials"},
		{"https://market.example/?token=1", "https://market.example/?token=1: no query or fragment, just the server's address"},
	} {
		if got := save(c.address); got != c.want {
			t.Errorf("save %q: %q, want %q", c.address, got, c.want)
		}
	}
	stored := pageValue[string](t, opts, `chrome.storage.local.get('wildlens.settings').then((s) => s['wildlens.settings'].reportServer)`)
	if stored != "http://localhost:8787" {
		t.Errorf("stored report server %q, want the last address saved, http://localhost:8787", stored)
	}
}

// markNotTrade clicks "Not trade" on the hover card showing, waits for the thanks, and
// returns the false alarms of termID in the server's SQLite file data.
func markNotTrade(t *testing.T, tab *Tab, data, termID string) []*server.FalseAlarm {
	t.Helper()
	notTrade := contentValue[struct{ X, Y float64 }](t, tab, `__wildlensReport.button('not-trade')`)
	if err := chromedp.Do(tab.Ctx, chromedp.MouseClickXY(notTrade.X, notTrade.Y)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the false alarm", func() bool {
		return contentValue[string](t, tab, `__wildlensReport.status()`) == "Marked as not trade. Thank you."
	})
	ctx := context.Background()
	store, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	alarms, err := store.FalseAlarms(ctx, termID, 10)
	if err != nil {
		t.Fatal(err)
	}
	return alarms
}
