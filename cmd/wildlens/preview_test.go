package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

func TestPreviewRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"preview"}, 2, "usage: wildlens preview"},
		{[]string{"preview", "a.html", "b.html"}, 2, "want one FILE or URL"},
		{[]string{"preview", filepath.Join(dir, "missing.html")}, 1, "missing.html: stat"},
		{[]string{"preview", dir}, 1, "is a directory"},
		{[]string{"preview", "--url", "ftp://example.com/x", filepath.Join(dir, "missing.html")}, 1, `--url "ftp://example.com/x": want an absolute http(s) URL`},
	} {
		code, _, stderr := runCmd(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("wildlens %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, stderr, c.code, c.want)
		}
	}
}

// The whole path: a lexicon file compiled and signed for a temporary copy of the built
// extension, a page file served over loopback, real Chromium.
func TestPreviewPrintsHighlightsInDocumentOrder(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("needs /usr/bin/chromium")
	}
	dir := writeFiles(t, map[string]string{
		"lexicon.yaml": testLexicon,
		"site/page.html": `<!doctype html><meta charset="utf-8"><body>
<p>出售象<b>牙</b>手镯，另有象牙塔书签。</p>
<p hidden>象牙</p>
<div>🔥🔥 carved rhino horn cup; a rhino hornbill print is not one.</div>`,
	})
	shot := filepath.Join(dir, "shot.png")
	code, stdout, stderr := runCmd(t, "", "preview", "--extension", builtExtension(t),
		"--lexicon", filepath.Join(dir, "lexicon.yaml"), "--screenshot", shot, filepath.Join(dir, "site", "page.html"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []highlight
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not a JSON array of highlights: %v\n%s", err, stdout)
	}
	want := []highlight{{"象牙", "t-ivory"}, {"rhino horn", "t-rhino"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("highlights: got %v, want %v", got, want)
	}
	png, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("--screenshot did not write a PNG (%v)", err)
	}
}

// builtExtension runs scripts/build into a temporary directory. preview replaces the
// lexicon and keys of its copy, so the build gets a placeholder of its own.
func builtExtension(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	key, err := bundle.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	data, err := bundle.Seal(&bundle.Bundle{Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := bundle.Sign(data, key)
	if err != nil {
		t.Fatal(err)
	}
	files := writeFiles(t, map[string]string{"placeholder.wlb": string(signed), "keys.txt": key.Public().String() + "\n"})
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "build"), "--out", out,
		"--bundle", filepath.Join(files, "placeholder.wlb"), "--trusted-keys", filepath.Join(files, "keys.txt"))
	cmd.Dir = root
	if log, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/build: %v\n%s", err, log)
	}
	return filepath.Join(out, "extension")
}
