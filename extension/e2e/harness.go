// Package e2e drives the built extension in real Chromium. This file is the shared
// harness: build the extension once per test process, give each test its own copy
// with a lexicon signed by a throwaway key, launch Chromium with it, reach its
// contexts (pages, the offscreen engine host, content scripts) and serve files.
//
// A test package using it declares
//
//	func TestMain(m *testing.M) { os.Exit(e2e.Main(m)) }
//
// so the build directory is removed when the tests end.
package e2e

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/wildlens/wildlens/extension/chromium"
	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/lexicon/bundle"
)

// ChromiumPath is the browser the tests drive (Debian's chromium package).
const ChromiumPath = chromium.Path

// RepoRoot is the module's root directory, found from this file's path so tests
// work from any package directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var built struct {
	once sync.Once
	dir  string // holds extension/ and wildlens-extension.zip
	log  string
	err  error
}

var testKey struct {
	once sync.Once
	key  bundle.PrivateKey
	err  error
}

// Main runs the tests and removes the per-process build afterwards.
func Main(m *testing.M) int {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	return code
}

// TestKey is the throwaway signing key of this test process; every extension copy
// made by Extension trusts it (and only it).
func TestKey(tb testing.TB) bundle.PrivateKey {
	tb.Helper()
	testKey.once.Do(func() { testKey.key, testKey.err = bundle.GenerateKey() })
	if testKey.err != nil {
		tb.Fatal(testKey.err)
	}
	return testKey.key
}

// Sign seals a copy of b (setting its content hash) and signs it with TestKey.
func Sign(tb testing.TB, b *bundle.Bundle) []byte {
	tb.Helper()
	sealed := *b
	data, err := bundle.Seal(&sealed)
	if err != nil {
		tb.Fatal(err)
	}
	signed, err := bundle.Sign(data, TestKey(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return signed
}

var builtin struct {
	once sync.Once
	b    *bundle.Bundle
	err  error
}

// BuiltinBundle is the built-in lexicon (lexicon/terms) compiled as version 1, once
// per process. Callers must not modify it.
func BuiltinBundle(tb testing.TB) *bundle.Bundle {
	tb.Helper()
	builtin.once.Do(func() {
		l, err := lexicon.Builtin()
		if err != nil {
			builtin.err = fmt.Errorf("built-in lexicon: %w", err)
			return
		}
		builtin.b, builtin.err = l.Compile(1)
	})
	if builtin.err != nil {
		tb.Fatal(builtin.err)
	}
	return builtin.b
}

// Built returns the directory of the extension built by scripts/build for this
// process (built on first use). Treat it as read-only: use Extension for a copy.
func Built(tb testing.TB) string {
	tb.Helper()
	built.once.Do(func() { built.err = buildExtension() })
	if built.err != nil {
		tb.Fatalf("scripts/build failed: %v\n%s", built.err, built.log)
	}
	return filepath.Join(built.dir, "extension")
}

// buildExtension runs scripts/build with a placeholder lexicon: Extension replaces
// the lexicon of every copy, so the build does not depend on the lexicon compiler.
func buildExtension() error {
	dir, err := os.MkdirTemp("", "wildlens-e2e-build-")
	if err != nil {
		return err
	}
	built.dir = dir
	key, err := bundle.GenerateKey()
	if err != nil {
		return err
	}
	placeholder, err := bundle.Seal(&bundle.Bundle{Version: 1})
	if err != nil {
		return err
	}
	signed, err := bundle.Sign(placeholder, key)
	if err != nil {
		return err
	}
	bundlePath := filepath.Join(dir, "placeholder.wlb")
	keysPath := filepath.Join(dir, "placeholder-keys.txt")
	if err := os.WriteFile(bundlePath, signed, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(keysPath, []byte(key.Public().String()+"\n"), 0o644); err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(RepoRoot(), "scripts", "build"),
		"--out", dir, "--bundle", bundlePath, "--trusted-keys", keysPath)
	cmd.Dir = RepoRoot()
	out, err := cmd.CombinedOutput()
	built.log = string(out)
	return err
}

// Extension returns a fresh copy of the built extension whose bundled lexicon is
// signedBundle and whose only trusted key is TestKey. Pass Sign(tb, b) for a valid
// lexicon, or deliberately broken bytes to test refusal.
func Extension(tb testing.TB, signedBundle []byte) string {
	tb.Helper()
	src := Built(tb)
	dst := filepath.Join(tb.TempDir(), "extension")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		tb.Fatal(err)
	}
	lex := filepath.Join(dst, "lexicon")
	if err := os.WriteFile(filepath.Join(lex, "bundle.wlb"), signedBundle, 0o644); err != nil {
		tb.Fatal(err)
	}
	keys := TestKey(tb).Public().String() + "\n"
	if err := os.WriteFile(filepath.Join(lex, "trusted-keys.txt"), []byte(keys), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// Browser is a headless Chromium with one unpacked extension loaded.
type Browser struct {
	// Ctx is the browser's first tab; derive other contexts from it.
	Ctx         context.Context
	ExtensionID string
}

// Launch starts Chromium with the extension in extDir (see Extension) and waits for
// the extension's service worker to find its id. The browser is closed at test end.
func Launch(tb testing.TB, extDir string) *Browser {
	tb.Helper()
	return LaunchProfile(tb, extDir, tb.TempDir())
}

// LaunchProfile is Launch with a given profile directory, so a test can close the
// browser (Close) and start it again on the same profile, as a restart.
func LaunchProfile(tb testing.TB, extDir, userDataDir string) *Browser {
	tb.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		tb.Fatalf("%s is missing: apt-get install -y chromium", ChromiumPath)
	}
	return launch(tb, chromium.Options(extDir, userDataDir))
}

// LaunchOnDisplay is Launch with a headful Chromium on an X display (see StartXvfb),
// where extension keyboard commands and native context menus work.
func LaunchOnDisplay(tb testing.TB, extDir, display string) *Browser {
	tb.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		tb.Fatalf("%s is missing: apt-get install -y chromium", ChromiumPath)
	}
	return launch(tb, append(chromium.Options(extDir, tb.TempDir()), chromium.OnDisplay(display)...))
}

func launch(tb testing.TB, opts []chromedp.ExecAllocatorOption) *Browser {
	tb.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	info, err := WaitTarget(ctx, 30*time.Second, func(t *target.Info) bool {
		return t.Type == "service_worker" && strings.HasPrefix(t.URL, "chrome-extension://")
	})
	if err != nil {
		tb.Fatalf("the extension's service worker never started (did it load? manifest errors show in chrome://extensions): %v", err)
	}
	id := strings.TrimPrefix(info.URL, "chrome-extension://")
	id = id[:strings.IndexByte(id, '/')]
	return &Browser{Ctx: ctx, ExtensionID: id}
}

// Close closes the browser gracefully (Browser.close), so the profile is written out
// as on a normal quit.
func (b *Browser) Close() error {
	return chromedp.Cancel(b.Ctx)
}

// URL returns the URL of a file of the extension ("ui/popup.html").
func (b *Browser) URL(path string) string {
	return "chrome-extension://" + b.ExtensionID + "/" + strings.TrimPrefix(path, "/")
}

// WaitTarget polls the browser's targets until one satisfies match.
func WaitTarget(ctx context.Context, timeout time.Duration, match func(*target.Info) bool) (*target.Info, error) {
	deadline := time.Now().Add(timeout)
	for {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range infos {
			if match(t) {
				return t, nil
			}
		}
		if time.Now().After(deadline) {
			seen := make([]string, 0, len(infos))
			for _, t := range infos {
				seen = append(seen, t.Type+" "+t.URL)
			}
			return nil, fmt.Errorf("no matching target within %v; targets: %s", timeout, strings.Join(seen, "; "))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Attach returns a context driving an existing target (a page, the offscreen
// document). Cancelling it detaches without closing the target.
func (b *Browser) Attach(tb testing.TB, id target.ID) context.Context {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(b.Ctx, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("attach to target %s: %v", id, err)
	}
	return ctx
}

// EngineHostPath is the offscreen document that hosts the wasm engine.
const EngineHostPath = "engine/engine.html"

// EngineHost waits for the offscreen engine document (the background creates it at
// start-up) and returns a context attached to it; evaluate `wildlensEngine.…` there.
func (b *Browser) EngineHost(tb testing.TB) context.Context {
	tb.Helper()
	info, err := WaitTarget(b.Ctx, 30*time.Second, func(t *target.Info) bool { return t.URL == b.URL(EngineHostPath) })
	if err != nil {
		tb.Fatalf("engine host: %v", err)
	}
	return b.Attach(tb, info.TargetID)
}

// Tab is a page opened by Open; it records the extension's content-script worlds.
type Tab struct {
	Ctx    context.Context
	b      *Browser
	worlds *chromium.ContentWorlds
}

// Open opens url in a new tab and waits for the load event.
func (b *Browser) Open(tb testing.TB, url string) *Tab {
	tb.Helper()
	tab := &Tab{b: b, worlds: chromium.NewContentWorlds(b.ExtensionID)}
	// Content scripts run in an isolated world whose origin is the extension's; the
	// listener must see the tab from its start or their creation events are missed.
	ctx, cancel := chromedp.NewContext(b.Ctx, chromedp.WithListener(tab.worlds.Record))
	tb.Cleanup(cancel)
	tab.Ctx = ctx
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		tb.Fatalf("open %s: %v", url, err)
	}
	return tab
}

// Eval evaluates a JavaScript expression in the main world of ctx's target,
// awaiting a promise, and returns its JSON value as a T.
func Eval[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// ContentEval evaluates expr in the extension's content-script world of the tab's
// top frame (where chrome.runtime is the content script's), awaiting a promise. It
// waits up to 10 s for the content script to start.
func ContentEval[T any](t *Tab, expr string) (T, error) {
	var zero T
	top := cdp.FrameID(chromedp.FromContext(t.Ctx).Target.TargetID)
	deadline := time.Now().Add(10 * time.Second)
	for {
		world := t.worlds.Get(top)
		if world != "" {
			return chromedp.Run(t.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise,
				func(p *cdpruntime.EvaluateParams) { p.UniqueContextID = world }))
		}
		if time.Now().After(deadline) {
			return zero, errors.New("the extension's content script never ran in this tab")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Serve serves dir over a loopback HTTP server for the test's duration. headers,
// if given, are set on every response (e.g. a strict Content-Security-Policy).
func Serve(tb testing.TB, dir string, headers map[string]string) *httptest.Server {
	tb.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		files.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// StartXvfb starts a virtual X server on a free display for the test's duration and
// returns its name (":NN"). It skips the test when Xvfb is not installed
// (scripts/test-deps installs it).
func StartXvfb(tb testing.TB) string {
	tb.Helper()
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		tb.Skip("Xvfb is not installed (apt-get install -y xvfb, as scripts/test-deps does): no display for a headful Chromium")
	}
	// -displayfd: Xvfb picks a free display itself and writes its number once it accepts
	// connections, so parallel test processes never race for a number. -noreset: the
	// server would otherwise reset, refusing connections, whenever its last client left.
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	tb.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	number := make(chan string, 1)
	go func() {
		// The whole line: Xvfb writes the number and the newline apart, and exits
		// ("Cannot write display number") if the pipe has closed in between.
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		if n == "" {
			<-done
			tb.Fatalf("Xvfb exited without a display: %s", stderr.String())
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		tb.Fatalf("Xvfb named no display within 20 s: %s", stderr.String())
	}
	return ""
}
