package bundle

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The signed bundles in testdata/bundles are fixtures for every part that verifies
// bundles (the server, the extension's engine host). WILDLENS_UPDATE_TESTDATA=1
// regenerates them with fresh keys; otherwise this test checks that they still say
// what testdata/bundles/README.md promises.
const bundlesDir = "../../testdata/bundles"

func TestTestdataBundles(t *testing.T) {
	if os.Getenv("WILDLENS_UPDATE_TESTDATA") == "1" {
		writeTestdataBundles(t)
	}
	read := func(name string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(bundlesDir, name))
		if err != nil {
			t.Fatalf("%v (regenerate with WILDLENS_UPDATE_TESTDATA=1)", err)
		}
		return data
	}
	keys := func(name string) []PublicKey {
		t.Helper()
		k, err := ParsePublicKeys(string(read(name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return k
	}
	testPub := keys("test.pub")

	priv, err := ParsePrivateKey(string(read("test.key")))
	if err != nil || !priv.Public().Key.Equal(testPub[0].Key) {
		t.Errorf("test.key does not belong to test.pub (%v)", err)
	}
	small := read("small.json")
	if _, err := Decode(small); err != nil {
		t.Errorf("small.json: %v", err)
	}
	signed, err := ParseSigned(read("small.signed"))
	if err != nil || !bytes.Equal(signed.Payload, small) {
		t.Errorf("small.signed does not carry small.json (%v)", err)
	}

	for _, c := range []struct{ file, trusted, want string }{
		{"small.signed", "test.pub", ""},
		{"small.signed", "other.pub", "signed only by untrusted key(s)"},
		{"tampered.signed", "test.pub", "the bundle was altered after signing"},
		{"other.signed", "test.pub", "signed only by untrusted key(s)"},
		{"other.signed", "other.pub", ""},
		{"both.signed", "test.pub", ""},
		{"both.signed", "other.pub", ""},
	} {
		expectVerify(t, c.file+" trusting "+c.trusted, read(c.file), keys(c.trusted), c.want)
	}
}

func writeTestdataBundles(t *testing.T) {
	test, other := newKey(t), newKey(t)
	b := sampleBundle()
	b.Created = "2026-01-01T00:00:00Z"
	small, err := Seal(b)
	if err != nil {
		t.Fatal(err)
	}
	smallSigned := sign(t, small, test)
	tampered := bytes.Replace(smallSigned, []byte(`"risk":4`), []byte(`"risk":5`), 1)
	files := map[string][]byte{
		"test.key":        []byte(test.String() + "\n"),
		"test.pub":        []byte(test.Public().String() + "\n"),
		"other.pub":       []byte(other.Public().String() + "\n"),
		"small.json":      small,
		"small.signed":    smallSigned,
		"tampered.signed": tampered,
		"other.signed":    sign(t, small, other),
		"both.signed":     sign(t, small, test, other),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(bundlesDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %s: test key %s, other key %s (other's private key is not kept)",
		bundlesDir, test.Public().ID(), other.Public().ID())
}
