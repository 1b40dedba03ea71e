package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/server/sqlite"
)

const bundles = "../../testdata/bundles/"

// signedVersion re-versions testdata's small bundle and signs it with the test key.
func signedVersion(t *testing.T, version int64) string {
	t.Helper()
	raw, err := os.ReadFile(bundles + "small.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	b.Version = version
	payload, err := bundle.Seal(b)
	if err != nil {
		t.Fatal(err)
	}
	keyText, _ := os.ReadFile(bundles + "test.key")
	key, err := bundle.ParsePrivateKey(string(keyText))
	if err != nil {
		t.Fatal(err)
	}
	signed, err := bundle.Sign(payload, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v.signed")
	os.WriteFile(path, signed, 0o644)
	return path
}

func TestLexiconPublish(t *testing.T) {
	data := t.TempDir()
	trusted := bundles + "test.pub"
	publish := func(file string, extra ...string) []string {
		return append([]string{"lexicon", "publish", file, "--data", data, "--trusted", trusted}, extra...)
	}
	expectRun(t, 0, publish(bundles+"small.signed"), "published lexicon version 1 (2 terms")
	expectRun(t, 1, publish(bundles+"tampered.signed"), "refusing to publish: extensions trusting ../../testdata/bundles/test.pub would refuse it: bundle: signature by trusted key", "altered after signing")
	expectRun(t, 1, publish(bundles+"other.signed"), "would refuse it: bundle: signed only by untrusted key(s)")
	expectRun(t, 1, publish(bundles+"small.json"), "would refuse it: bundle: not a signed bundle")
	// Mid-rotation, extensions trusting only the old key and extensions trusting only the
	// new one are both in the field: a bundle signed by one key only must wait.
	expectRun(t, 1, publish(bundles+"small.signed", "--trusted", bundles+"other.pub"), "extensions trusting ../../testdata/bundles/other.pub would refuse it")
	expectRun(t, 1, publish(bundles+"both.signed", "--trusted", bundles+"other.pub"), "version 1 is not above the published version 1 (to roll back, republish the old content under version 2)")
	v3 := signedVersion(t, 3)
	expectRun(t, 0, publish(v3), "published lexicon version 3")
	expectRun(t, 1, publish(signedVersion(t, 2)), "version 2 is not above the published version 3")
	expectRun(t, 2, []string{"lexicon", "publish", v3, "--data", data}, "usage: wildlens lexicon publish SIGNED-BUNDLE --trusted FILE")

	store, err := sqlite.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rel, err := store.Lexicon(context.Background(), 3)
	want, _ := os.ReadFile(v3)
	if err != nil || string(rel.Signed) != string(want) {
		t.Errorf("stored version 3 differs from the file published (%v)", err)
	}
	if latest, _ := store.LatestLexiconVersion(context.Background()); latest.Version != 3 {
		t.Errorf("latest = %d, want 3", latest.Version)
	}
}
