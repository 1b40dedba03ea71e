package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// expectRun runs a command line and checks its exit status and that each of the wanted
// pieces occurs in stdout+stderr.
func expectRun(t *testing.T, wantCode int, args []string, want ...string) string {
	t.Helper()
	code, stdout, stderr := runCmd(t, "", args...)
	all := stdout + stderr
	if code != wantCode {
		t.Fatalf("wildlens %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantCode, all)
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("wildlens %s: output lacks %q:\n%s", strings.Join(args, " "), w, all)
		}
	}
	return stdout
}

const goodLexicon = "../../testdata/lexicons/good"

func TestLexiconKeygenBuildSignVerify(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }

	out := expectRun(t, 0, []string{"lexicon", "keygen", "--out", at("old")}, "wildlens-ed25519-public:", "key id ")
	pub, _ := os.ReadFile(at("old.pub"))
	if !strings.HasPrefix(out, strings.TrimSpace(string(pub))+"\n") {
		t.Errorf("keygen printed %q, want the public key %q first", out, pub)
	}
	if info, err := os.Stat(at("old.key")); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("old.key: %v, mode %v; want mode 0600", err, info.Mode())
	}
	expectRun(t, 1, []string{"lexicon", "keygen", "--out", at("old")}, "old.key exists")
	expectRun(t, 0, []string{"lexicon", "keygen", "--out", at("new")})
	expectRun(t, 0, []string{"lexicon", "keygen", "--out", at("stranger")})

	expectRun(t, 0, []string{"lexicon", "build", "--lexicon", goodLexicon, "--version", "7", "--out", at("b.json")},
		"bundle version 7, content sha256 ", ", 5 terms, ")
	expectRun(t, 0, []string{"lexicon", "sign", "--key", at("old.key"), "--out", at("b.signed"), at("b.json")}, "signed with key ")
	expectRun(t, 1, []string{"lexicon", "sign", "--key", at("old.key"), "--out", at("b.signed"), at("b.signed")}, "already signed by key ")
	// Key rotation: the second signature goes onto the already signed file.
	expectRun(t, 0, []string{"lexicon", "sign", "--key", at("new.key"), "--out", at("b.signed"), at("b.signed")})

	verified := regexp.MustCompile(`^ok: version 7, content sha256 [0-9a-f]{64}, 5 terms\nsigned by [0-9a-f]{8} \((trusted, verified|not trusted, not checked)\), [0-9a-f]{8} \((trusted, verified|not trusted, not checked)\)\n$`)
	for _, trusted := range [][]string{{"old.pub"}, {"new.pub"}, {"old.pub", "new.pub"}} {
		args := []string{"lexicon", "verify"}
		for _, k := range trusted {
			args = append(args, "--trusted", at(k))
		}
		out := expectRun(t, 0, append(args, at("b.signed")), "(trusted, verified)")
		if !verified.MatchString(out) {
			t.Errorf("verify with %v printed %q", trusted, out)
		}
	}
	expectRun(t, 1, []string{"lexicon", "verify", "--trusted", at("stranger.pub"), at("b.signed")}, "signed only by untrusted key(s)")
	expectRun(t, 1, []string{"lexicon", "verify", "--trusted", at("old.pub"), at("b.json")}, "not a signed bundle")

	signed, _ := os.ReadFile(at("b.signed"))
	tampered := strings.Replace(string(signed), `"version":7`, `"version":8`, 1)
	os.WriteFile(at("tampered.signed"), []byte(tampered), 0o644)
	expectRun(t, 1, []string{"lexicon", "verify", "--trusted", at("old.pub"), at("tampered.signed")}, "does not verify: the bundle was altered after signing")
}

func TestLexiconBuildIsReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	first := expectRun(t, 0, []string{"lexicon", "build", "--lexicon", goodLexicon, "--version", "1"})
	again := expectRun(t, 0, []string{"lexicon", "build", "--lexicon", goodLexicon, "--version", "1"})
	if first != again {
		t.Error("two builds of one lexicon with SOURCE_DATE_EPOCH set differ")
	}
	if !strings.Contains(first, `"created":"2026-01-01T00:00:00Z"`) {
		t.Errorf("bundle lacks the SOURCE_DATE_EPOCH creation time: %.200s", first)
	}
}

func TestLexiconBuildRefusesBadLexicon(t *testing.T) {
	expectRun(t, 1, []string{"lexicon", "build", "--lexicon", "../../testdata/lexicons/duplicates.yaml", "--version", "1"},
		`duplicates.yaml:7: ivo-002: "橡牙" is also a variant of ivo-001 at `,
		`duplicates.yaml:8: duplicate id ivo-001`)
}

func TestLexiconLint(t *testing.T) {
	out := expectRun(t, 0, []string{"lexicon", "lint", "--lexicon", "../../testdata/lexicons/lint.yaml", "--max", "2"},
		"5 entries: 1 with compounds to classify, 4 collisions, 0 unreachable forms")
	if !regexp.MustCompile(`lint.yaml:2: compounds: ivo-001 象牙: \d+ compound\(s\) in gse's dictionary are neither forms nor benign; classify each as a variant or benign: \S+ \S+ … and \d+ more\n`).MatchString(out) {
		t.Errorf("lint output lacks the ivo-001 compounds line:\n%s", out)
	}
}

func TestLexiconUsage(t *testing.T) {
	expectRun(t, 2, []string{"lexicon"}, "usage: wildlens lexicon COMMAND")
	expectRun(t, 2, []string{"lexicon", "frobnicate"}, `unknown subcommand "frobnicate"`)
	expectRun(t, 2, []string{"lexicon", "build"}, "--version N")
	expectRun(t, 2, []string{"lexicon", "build", "--version", "0"}, "N a positive integer")
	expectRun(t, 2, []string{"lexicon", "keygen"}, "keygen --out PREFIX")
	expectRun(t, 2, []string{"lexicon", "sign", "--key", "k"}, "sign --key FILE")
	expectRun(t, 2, []string{"lexicon", "verify", "x.signed"}, "verify --trusted FILE")
}
