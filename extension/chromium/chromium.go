// Package chromium says how wildlens starts Debian's Chromium with an unpacked build of
// the extension: one set of flags for `wildlens preview` and the end-to-end tests.
package chromium

import "github.com/chromedp/chromedp"

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
