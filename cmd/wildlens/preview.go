package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/extension/chromium"
	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/lexicon/bundle"
)

const previewUsage = `usage: wildlens preview [--lexicon PATH] [--screenshot out.png] [--extension DIR] [--url URL] FILE|URL

Loads the built extension in headless Chromium with the lexicon at PATH (default: the
built-in one), signed with a throwaway key that only this temporary copy trusts, opens
the page (a FILE is served from a loopback HTTP server at /<its directory's name>/<name>,
with every other host unreachable) and prints the highlighted strings in document order
as a JSON array of {"text", "term_id"}. With --url, the FILE is delivered as the response
for URL instead (nothing else is fetched), so the site profile for URL applies: this
is how saved marketplace pages are checked with their real profiles.`

// highlight is one line of preview's output.
type highlight struct {
	Text   string `json:"text"`
	TermID string `json:"term_id"`
}

func cmdPreview(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "preview")
	fs.Usage = func() { fmt.Fprintln(e.stderr, previewUsage); fs.PrintDefaults() }
	lexiconPath := fs.String("lexicon", "", "lexicon YAML file or directory (default: built-in)")
	screenshot := fs.String("screenshot", "", "write a PNG of the viewport to this file")
	extensionDir := fs.String("extension", "", "built extension directory (default: dist/extension, rebuilt with scripts/build when missing or older than extension/)")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	asURL := fs.String("url", "", "open FILE as if it were served at this http(s) URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want one FILE or URL", errUsage)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	var page previewPage
	var err error
	if *asURL != "" {
		page, err = previewAs(fs.Arg(0), *asURL)
	} else {
		page, err = previewTarget(fs.Arg(0))
	}
	if err != nil {
		return err
	}
	defer page.stop()

	signed, err := previewBundle(*lexiconPath)
	if err != nil {
		return err
	}
	ext, err := previewExtension(*extensionDir, signed)
	if err != nil {
		return err
	}
	defer os.RemoveAll(filepath.Dir(ext.dir))

	result, err := runPreview(ctx, ext, page, *screenshot)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wildlens preview: %d highlights in %d listings (profile %q); highlights set %.0f ms after the content script started (%.0f ms of it waiting for the engine's first reply)\n",
		len(result.Hits), result.Listings, result.Profile, result.HighlightMs, result.EngineWaitMs)
	out, err := json.MarshalIndent(result.Hits, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", out)
	return err
}

// previewBundle compiles the lexicon and signs it with a key made for this run.
func previewBundle(path string) (signedBundle, error) {
	var lex *lexicon.Lexicon
	var err error
	if path == "" {
		lex, err = lexicon.Builtin()
	} else {
		lex, err = lexicon.Load(path)
	}
	if err != nil {
		return signedBundle{}, err
	}
	b, err := lex.Compile(1)
	if err != nil {
		return signedBundle{}, err
	}
	data, err := bundle.Seal(b)
	if err != nil {
		return signedBundle{}, err
	}
	key, err := bundle.GenerateKey()
	if err != nil {
		return signedBundle{}, err
	}
	signed, err := bundle.Sign(data, key)
	if err != nil {
		return signedBundle{}, err
	}
	return signedBundle{data: signed, publicKey: key.Public().String()}, nil
}

type signedBundle struct {
	data      []byte
	publicKey string
}

type previewExt struct{ dir string }

// previewExtension copies the built extension to a temporary directory and replaces
// its lexicon and trusted keys (the layout scripts/build guarantees).
func previewExtension(dir string, signed signedBundle) (previewExt, error) {
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			return previewExt{}, fmt.Errorf("no --extension given and %w", err)
		}
		dir = filepath.Join(root, "dist", "extension")
		if stale(filepath.Join(root, "extension"), filepath.Join(dir, "manifest.json")) {
			cmd := exec.Command(filepath.Join(root, "scripts", "build"))
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				return previewExt{}, fmt.Errorf("scripts/build: %v\n%s", err, out)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		return previewExt{}, fmt.Errorf("%s is not a built extension (no manifest.json)", dir)
	}
	tmp, err := os.MkdirTemp("", "wildlens-preview-")
	if err != nil {
		return previewExt{}, err
	}
	dst := filepath.Join(tmp, "extension")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		os.RemoveAll(tmp)
		return previewExt{}, err
	}
	lex := filepath.Join(dst, "lexicon")
	err = errors.Join(
		os.MkdirAll(lex, 0o755),
		os.WriteFile(filepath.Join(lex, "bundle.wlb"), signed.data, 0o644),
		os.WriteFile(filepath.Join(lex, "trusted-keys.txt"), []byte(signed.publicKey+"\n"), 0o644),
	)
	if err != nil {
		os.RemoveAll(tmp)
		return previewExt{}, err
	}
	return previewExt{dir: dst}, nil
}

// stale reports whether built is missing or older than a file under src that the build
// copies (Go files and tests are not part of the built extension).
func stale(src, built string) bool {
	info, err := os.Stat(built)
	if err != nil {
		return true
	}
	newer := errors.New("newer")
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "e2e" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.ModTime().After(info.ModTime()) {
			return newer
		}
		return nil
	})
	return err != nil
}

// repoRoot finds the wildlens checkout containing the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "scripts", "build")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "extension", "manifest.json")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("the working directory is not inside a wildlens checkout")
		}
		dir = parent
	}
}

// previewPage is what preview opens: url, and, for a saved page delivered in place of
// a real URL, the document's bytes. offline says no other host may be reached.
type previewPage struct {
	url     string
	body    []byte // delivered for url when not nil
	offline bool
	stop    func()
}

// previewTarget returns the page to open: an http(s) URL as given, or a file served
// from a loopback server under /<directory name>/ (so the test pages' site profiles,
// "*/pages/NAME.html*", match).
func previewTarget(arg string) (previewPage, error) {
	if u, err := url.Parse(arg); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return previewPage{url: arg, stop: func() {}}, nil
	}
	abs, err := previewFile(arg)
	if err != nil {
		return previewPage{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return previewPage{}, err
	}
	dir, name := filepath.Split(abs)
	prefix := "/" + filepath.Base(dir) + "/"
	srv := &http.Server{Handler: http.StripPrefix(prefix, http.FileServer(http.Dir(dir)))}
	go srv.Serve(ln)
	return previewPage{url: "http://" + ln.Addr().String() + prefix + url.PathEscape(name),
		offline: true, stop: func() { srv.Close() }}, nil
}

// previewAs delivers a saved page as the response for pageURL.
func previewAs(file, pageURL string) (previewPage, error) {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return previewPage{}, fmt.Errorf("--url %q: want an absolute http(s) URL", pageURL)
	}
	abs, err := previewFile(file)
	if err != nil {
		return previewPage{}, err
	}
	body, err := os.ReadFile(abs)
	if err != nil {
		return previewPage{}, err
	}
	return previewPage{url: pageURL, body: body, offline: true, stop: func() {}}, nil
}

func previewFile(arg string) (string, error) {
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("%s: %w", arg, err)
	}
	if info.IsDir() {
		return "", fmt.Errorf("%s is a directory: give one HTML file", arg)
	}
	return abs, nil
}

type previewResult struct {
	Hits         []highlight
	Listings     int
	Profile      string
	HighlightMs  float64
	EngineWaitMs float64
}

func runPreview(ctx context.Context, ext previewExt, page previewPage, screenshot string) (previewResult, error) {
	pageURL := page.url
	profileDir, err := os.MkdirTemp("", "wildlens-preview-profile-")
	if err != nil {
		return previewResult{}, err
	}
	defer os.RemoveAll(profileDir)
	opts := chromium.Options(ext.dir, profileDir)
	if page.offline {
		// Saved pages point at live CDNs: fail those loads at once instead of waiting.
		opts = append(opts, chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		return previewResult{}, fmt.Errorf("start chromium: %w", err)
	}
	extensionID, err := waitExtensionID(browserCtx)
	if err != nil {
		return previewResult{}, err
	}

	worlds := chromium.NewContentWorlds(extensionID)
	tabCtx, cancelTab := chromedp.NewContext(browserCtx, chromedp.WithListener(worlds.Record))
	defer cancelTab()
	if page.body != nil {
		if err := deliverInPlace(tabCtx, pageURL, page.body); err != nil {
			return previewResult{}, err
		}
	}
	if err := chromedp.Do(tabCtx, chromedp.Navigate(pageURL)); err != nil {
		return previewResult{}, fmt.Errorf("open %s: %w", pageURL, err)
	}
	top := cdp.FrameID(chromedp.FromContext(tabCtx).Target.TargetID)

	type scanState struct {
		Idle      bool    `json:"idle"`
		Cycles    int     `json:"cycles"`
		LastError string  `json:"lastError"`
		Start     float64 `json:"start"`
		Profiled  float64 `json:"profiled"`
		Done      float64 `json:"done"`
	}
	var state scanState
	const stateExpr = `({idle: __wildlens.idle, cycles: __wildlens.cycles, lastError: __wildlens.lastError,
		start: __wildlens.timings.start, profiled: __wildlens.timings.profiled || 0,
		done: __wildlens.timings.highlighted || 0})`
	for {
		if world := worlds.Get(top); world != "" {
			got, err := chromedp.Run(tabCtx, evalIn[scanState](world, stateExpr))
			if err == nil {
				state = got
			}
			if err == nil && state.Idle && state.Cycles > 0 && state.Done > 0 {
				break
			}
		}
		select {
		case <-ctx.Done():
			if state.LastError != "" {
				return previewResult{}, fmt.Errorf("the page was not scanned: %s", state.LastError)
			}
			return previewResult{}, fmt.Errorf("the extension did not finish scanning %s: %w", pageURL, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	if state.LastError != "" {
		return previewResult{}, fmt.Errorf("scanning %s failed: %s", pageURL, state.LastError)
	}
	type scanOutput struct {
		Hits     []highlight `json:"hits"`
		Listings int         `json:"listings"`
		Profile  string      `json:"profile"`
	}
	out, err := chromedp.Run(tabCtx, evalIn[scanOutput](worlds.Get(top),
		`({hits: __wildlens.hits(), listings: __wildlens.listings().length, profile: __wildlens.profile})`))
	if err != nil {
		return previewResult{}, err
	}
	if out.Hits == nil {
		out.Hits = []highlight{}
	}
	if screenshot != "" {
		png, err := chromedp.Run(tabCtx, chromedp.CaptureScreenshot())
		if err != nil {
			return previewResult{}, fmt.Errorf("screenshot: %w", err)
		}
		if err := os.WriteFile(screenshot, png, 0o644); err != nil {
			return previewResult{}, err
		}
	}
	return previewResult{Hits: out.Hits, Listings: out.Listings, Profile: out.Profile,
		HighlightMs: state.Done - state.Start, EngineWaitMs: state.Profiled - state.Start}, nil
}

func waitExtensionID(ctx context.Context) (string, error) {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			return "", err
		}
		for _, t := range infos {
			if t.Type == "service_worker" && strings.HasPrefix(t.URL, "chrome-extension://") {
				id := strings.TrimPrefix(t.URL, "chrome-extension://")
				return id[:strings.IndexByte(id, '/')], nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", errors.New("the extension's service worker never started (is the built extension valid?)")
}

// evalIn evaluates expr in the given world (a unique context id), awaiting a promise.
func evalIn[T any](world, expr string) chromedp.Action[T] {
	return chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise,
		func(p *cdpruntime.EvaluateParams) { p.UniqueContextID = world })
}

// deliverInPlace answers the tab's request for pageURL with body and fails every other
// request the page makes, so a saved page runs offline under its real URL.
func deliverInPlace(tabCtx context.Context, pageURL string, body []byte) error {
	paused := make(chan *fetch.EventRequestPaused, 256)
	if err := chromedp.Listen(tabCtx, func(ev any) {
		if p, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- p
		}
	}); err != nil {
		return fmt.Errorf("start chromium: %w", err)
	}
	// Commands cannot be sent from inside a listener: answer from a goroutine.
	go func() {
		for {
			select {
			case <-tabCtx.Done():
				return
			case p := <-paused:
				if p.Request.URL == pageURL && p.ResourceType == network.ResourceTypeDocument {
					chromedp.Call(tabCtx, fetch.FulfillRequest, fetch.FulfillRequestParams{
						RequestID: p.RequestID, ResponseCode: http.StatusOK, Body: body,
						ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html"}},
					})
					continue
				}
				chromedp.Call(tabCtx, fetch.FailRequest, fetch.FailRequestParams{
					RequestID: p.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
		}
	}()
	// Only the web: the extension's own files (chrome-extension://) load as usual.
	_, err := chromedp.Call(tabCtx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "http://*"}, {URLPattern: "https://*"}}})
	return err
}
