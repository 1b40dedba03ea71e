// Package chromium says how wildlens starts Debian's Chromium with an unpacked build of
// the extension: one set of flags for `wildlens preview` and the end-to-end tests.
package chromium

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Path is the browser wildlens drives (Debian's chromium package).
const Path = "/usr/bin/chromium"

// Options are the allocator options for a headless Chromium that loads only the unpacked
// extension in extDir and keeps its profile in userDataDir. The networking flags keep
// the browser from calling out (the machines reach no network but package registries);
// --no-sandbox because tests and preview run as root.
func Options(extDir, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-extensions", false),
		chromedp.Flag("load-extension", extDir),
		chromedp.Flag("disable-extensions-except", extDir),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
	}
}

// OnDisplay, appended to Options, makes the browser headful on the X display (":99"):
// keyboard shortcuts of extension commands and native context menus exist only there.
func OnDisplay(display string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.Flag("headless", false),
		chromedp.Env("DISPLAY=" + display),
	}
}

// ContentWorlds records, frame by frame, the isolated world the extension's content
// script runs in (its state lives there, out of the page's reach). Hand Record to
// chromedp.WithListener when the tab is created: the creation events come first.
type ContentWorlds struct {
	origin string
	mu     sync.Mutex
	ids    map[cdp.FrameID]string
}

// NewContentWorlds records the content-script worlds of the extension with this id.
func NewContentWorlds(extensionID string) *ContentWorlds {
	return &ContentWorlds{origin: "chrome-extension://" + extensionID, ids: map[cdp.FrameID]string{}}
}

// Record is a chromedp listener.
func (w *ContentWorlds) Record(ev any) {
	switch ev := ev.(type) {
	case *cdpruntime.EventExecutionContextCreated:
		var aux struct {
			FrameID cdp.FrameID `json:"frameId"`
			Type    string      `json:"type"`
		}
		_ = json.Unmarshal(ev.Context.AuxData, &aux)
		if aux.Type == "isolated" && strings.HasPrefix(ev.Context.Origin, w.origin) {
			w.mu.Lock()
			w.ids[aux.FrameID] = ev.Context.UniqueID
			w.mu.Unlock()
		}
	case *cdpruntime.EventExecutionContextsCleared:
		w.mu.Lock()
		clear(w.ids)
		w.mu.Unlock()
	}
}

// Get returns the unique context id of the content script's world in frame, or ""
// (also on a nil ContentWorlds: a tab nothing recorded).
func (w *ContentWorlds) Get(frame cdp.FrameID) string {
	if w == nil {
		return ""
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ids[frame]
}
