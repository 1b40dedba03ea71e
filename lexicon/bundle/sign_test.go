package bundle

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"strings"
	"testing"
)

func newKey(t *testing.T) PrivateKey {
	t.Helper()
	k, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sign(t *testing.T, data []byte, keys ...PrivateKey) []byte {
	t.Helper()
	for _, k := range keys {
		var err error
		if data, err = Sign(data, k); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// expectVerify checks Verify's outcome: want "" for success, else a piece of the error.
func expectVerify(t *testing.T, name string, data []byte, trusted []PublicKey, want string) {
	t.Helper()
	b, err := Verify(data, trusted)
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: Verify = %v, want success", name, err)
	case want == "" && b.Version != 1:
		t.Errorf("%s: Verify returned version %d, want 1", name, b.Version)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%s: Verify = %v, want an error containing %q", name, err, want)
	}
}

func TestSignVerify(t *testing.T) {
	old, next, stranger := newKey(t), newKey(t), newKey(t)
	payload := sealed(t, func(b *Bundle) {})
	byOld := sign(t, payload, old)
	byBoth := sign(t, payload, old, next)
	pub := func(ks ...PrivateKey) []PublicKey {
		var out []PublicKey
		for _, k := range ks {
			out = append(out, k.Public())
		}
		return out
	}

	expectVerify(t, "round trip", byOld, pub(old), "")
	expectVerify(t, "one of several trusted keys", byOld, pub(stranger, old), "")
	expectVerify(t, "untrusted key", byOld, pub(stranger), "bundle: signed only by untrusted key(s) "+old.Public().ID()+" (trusted: "+stranger.Public().ID()+")")
	// Key rotation: a bundle signed by both keys verifies for clients that trust
	// either, so clients can move from the old key to the new one at their own pace.
	expectVerify(t, "rotation, old key only", byBoth, pub(old), "")
	expectVerify(t, "rotation, new key only", byBoth, pub(next), "")
	expectVerify(t, "rotation, both keys", byBoth, pub(old, next), "")

	tamperedPayload := bytes.Replace(byOld, []byte(`"risk":4`), []byte(`"risk":5`), 1)
	expectVerify(t, "tampered payload", tamperedPayload, pub(old), "signature by trusted key "+old.Public().ID()+" does not verify: the bundle was altered after signing")

	s, _ := ParseSigned(byBoth)
	s.Signatures[1].Sig[0] ^= 1
	expectVerify(t, "tampered signature beside a good one", s.Marshal(), pub(old, next), "signature by trusted key "+next.Public().ID()+" does not verify")
	expectVerify(t, "tampered signature by an untrusted key is not checked", s.Marshal(), pub(old), "")

	// Domain separation: a signature of the bare payload is not a bundle signature.
	bare := ed25519.Sign(old.Key, payload)
	forged := (&Signed{Signatures: []Signature{{KeyID: old.Public().ID(), Sig: bare}}, Payload: payload}).Marshal()
	expectVerify(t, "signature without the prefix", forged, pub(old), "does not verify")

	notBundle := sign(t, payload, old)
	notBundle = append(notBundle[:bytes.Index(notBundle, []byte("\n\n"))+2], []byte(`{"format":1}`)...)
	expectVerify(t, "payload replaced", notBundle, pub(old), "does not verify")
}

func TestSignRefuses(t *testing.T) {
	k := newKey(t)
	payload := sealed(t, func(b *Bundle) {})
	if _, err := Sign([]byte(`{"format":2,"version":1}`), k); err == nil || !strings.Contains(err.Error(), "content hash") {
		t.Errorf("Sign(unsealed) = %v, want a content hash error", err)
	}
	if _, err := Sign(sign(t, payload, k), k); err == nil || !strings.Contains(err.Error(), "already signed by key "+k.Public().ID()) {
		t.Errorf("Sign twice with one key = %v, want already signed", err)
	}
}

func TestParseSignedRefusesMalformed(t *testing.T) {
	sig := base64.StdEncoding.EncodeToString(make([]byte, ed25519.SignatureSize))
	for _, c := range []struct{ name, data, want string }{
		{"bare JSON", `{"format":1}`, `bundle: not a signed bundle (first line is not "wildlens-signed-bundle/1")`},
		{"other header", "wildlens-signed-bundle/2\nsig ab " + sig + "\n\n{}", "not a signed bundle"},
		{"header never ends", "wildlens-signed-bundle/1\nsig ab " + sig, "bundle: signed bundle ends inside its header"},
		{"no signatures", "wildlens-signed-bundle/1\n\n{}", "bundle: signed bundle carries no signature"},
		{"malformed line", "wildlens-signed-bundle/1\nsignature ab " + sig + "\n\n{}", `bundle: malformed signature line "signature ab `},
		{"short signature", "wildlens-signed-bundle/1\nsig ab AAAA\n\n{}", "bundle: signature by key ab is not base64 of 64 bytes"},
		{"not base64", "wildlens-signed-bundle/1\nsig ab !!!!\n\n{}", "bundle: signature by key ab is not base64 of 64 bytes"},
	} {
		if _, err := ParseSigned([]byte(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: ParseSigned = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestKeysRoundTripAndRefuse(t *testing.T) {
	k := newKey(t)
	back, err := ParsePrivateKey(" " + k.String() + "\n")
	if err != nil || !back.Key.Equal(k.Key) {
		t.Fatalf("ParsePrivateKey(String()) = %v, %v", back, err)
	}
	pub, err := ParsePublicKey(k.Public().String())
	if err != nil || !pub.Key.Equal(k.Public().Key) || len(pub.ID()) != 8 {
		t.Fatalf("ParsePublicKey(String()) = %v (id %q), %v", pub, pub.ID(), err)
	}
	keys, err := ParsePublicKeys("# release keys\n\n" + pub.String() + "\n" + newKey(t).Public().String() + "\n")
	if err != nil || len(keys) != 2 {
		t.Errorf("ParsePublicKeys = %d keys, %v; want 2", len(keys), err)
	}
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"public as private", second(ParsePrivateKey(pub.String())), `private key: want text starting "wildlens-ed25519-private:"`},
		{"private as public", second(ParsePublicKey(k.String())), `public key: want text starting "wildlens-ed25519-public:"`},
		{"short public", second(ParsePublicKey("wildlens-ed25519-public:AAAA")), "public key: want base64 of 32 bytes"},
		{"short seed", second(ParsePrivateKey("wildlens-ed25519-private:AAAA")), "private key: want base64 of a 32-byte seed"},
		{"bad line", second(ParsePublicKeys("# keys\n" + pub.String() + "\nwildlens-ed25519-public:%%\n")), "line 3: public key: want base64 of 32 bytes"},
		{"no keys", second(ParsePublicKeys("# nothing\n\n")), "no public keys"},
	} {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", c.name, c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }
