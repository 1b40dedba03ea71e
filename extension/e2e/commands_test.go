package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// The keyboard command and the context menu item are browser UI: headless Chromium has
// neither accelerators nor native menus, so these tests run a headful Chromium on their
// own Xvfb display and press keys and click with xdotool, as a moderator would.

// reportShortcut is the manifest's suggested key for the report-listing command.
const reportShortcut = "Alt+Shift+L"

// Chromium leaves a suggested key unassigned, silently, when it is one of its own
// shortcuts (Alt+Shift+R opens reading mode in Chromium 156): the command then has no key.
func TestCommandShortcutIsAssigned(t *testing.T) {
	b := Launch(t, Extension(t, Sign(t, reportBundle(1))))
	ui := b.Open(t, b.URL("ui/options.html"))
	got := pageValue[string](t, ui, `chrome.commands.getAll().then((cs) => cs.find((c) => c.name === 'report-listing').shortcut)`)
	if got != reportShortcut {
		t.Errorf("report-listing shortcut = %q, want %q (empty: Chromium claims the manifest's suggested key itself)", got, reportShortcut)
	}
}

// xdo runs xdotool on display and returns its output.
func xdo(t testing.TB, display string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("xdotool")
	if err != nil {
		t.Fatal("xdotool is not installed (apt-get install -y xdotool, as scripts/test-deps does)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// headfulReport is a headful Chromium with the extension configured for a real
// `wildlens serve`, and the listing page scanned in the front tab of a focused window.
type headfulReport struct {
	display string
	data    string // the server's data directory
	tab     *Tab
}

func startHeadfulReport(t *testing.T) *headfulReport {
	t.Helper()
	h := &headfulReport{display: StartXvfb(t), data: t.TempDir()}
	srv := startServer(t, h.data, "127.0.0.1:0")
	token := addModerator(t, h.data, "mod1")
	b := LaunchOnDisplay(t, Extension(t, Sign(t, reportBundle(3))), h.display)
	if got := configure(t, b, srv.URL, srv.URL, token); got != "Saved. Connected: the server accepts this token." {
		t.Fatalf("options page says %q", got)
	}
	h.tab = openScanned(t, b, servePage(t, listingPage))
	front := target.ActivateTargetParams{TargetID: chromedp.FromContext(h.tab.Ctx).Target.TargetID}
	if _, err := chromedp.CallBrowser(h.tab.Ctx, target.ActivateTarget, front); err != nil {
		t.Fatal(err)
	}
	// Each tab chromedp opens is a window of its own; no window manager, so focus by hand.
	window := strings.Fields(xdo(t, h.display, "search", "--sync", "--onlyvisible", "--name", "^Bangle"))[0]
	xdo(t, h.display, "windowfocus", "--sync", window)
	return h
}

// pointAtFirstHit moves the X pointer onto the page's first highlight, so the content
// script sees a real mousemove there.
func (h *headfulReport) pointAtFirstHit(t *testing.T) {
	t.Helper()
	hit := hitsOf(t, h.tab)[0]
	// Viewport to screen: the window's corner plus the browser's frame and toolbars.
	origin := pageValue[[]float64](t, h.tab, `[window.screenX + (window.outerWidth - window.innerWidth) / 2, window.screenY + window.outerHeight - window.innerHeight]`)
	xdo(t, h.display, "mousemove", "--sync", strconv.Itoa(int(origin[0]+hit.X)), strconv.Itoa(int(origin[1]+hit.Y)))
}

// expectReported waits for the one report the server should get and checks it holds
// the listing's terms and a screenshot (the command and the menu grant activeTab; the
// extension has no host permission here). ifNone says what to suspect when none came.
func (h *headfulReport) expectReported(t *testing.T, how, ifNone string) {
	t.Helper()
	reports := waitReports(t, h.data, 1, 40*time.Second)
	if len(reports) != 1 {
		t.Fatalf("server holds %d reports after %s, want 1 (%s)", len(reports), how, ifNone)
	}
	r := reports[0]
	want := "ivo-en ivory 7-12 \"Carved ivory bangle\\nOld 象牙 bracelet, antique, from a\"\n" +
		"ivo-001 象牙 24-26 \"Carved ivory bangle\\nOld 象牙 bracelet, antique, from a private colle\"\n"
	if got := matchLines(r); got != want {
		t.Errorf("matches:\n%s\nwant:\n%s", got, want)
	}
	if r.Moderator != "mod1" || r.Title != "Bangle" {
		t.Errorf("report by %q titled %q, want mod1 and Bangle", r.Moderator, r.Title)
	}
	if !bytes.HasPrefix(r.Screenshot, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("screenshot: %d bytes, want a PNG (%s grants activeTab)", len(r.Screenshot), how)
	}
}

func TestKeyboardCommandFilesReport(t *testing.T) {
	h := startHeadfulReport(t)
	h.pointAtFirstHit(t)
	xdo(t, h.display, "key", "--clearmodifiers", strings.ToLower(reportShortcut))
	h.expectReported(t, reportShortcut, "did the window have the keyboard focus?")
}

func TestContextMenuFilesReport(t *testing.T) {
	h := startHeadfulReport(t)
	h.pointAtFirstHit(t)
	before := strings.Fields(xdo(t, h.display, "search", "--onlyvisible", "--name", ""))
	xdo(t, h.display, "click", "3")
	waitFor(t, "the context menu to open", func() bool {
		for _, w := range strings.Fields(xdo(t, h.display, "search", "--onlyvisible", "--name", "")) {
			if !slices.Contains(before, w) {
				return true
			}
		}
		return false
	})
	// The page menu ends with the extension's item, then View page source and Inspect:
	// from no selection, Up wraps to the last item, so the third Up is ours.
	xdo(t, h.display, "key", "Up", "Up", "Up", "Return")
	h.expectReported(t, "the context menu", "did Chromium put items below the extension's other than View page source and Inspect?")
}
