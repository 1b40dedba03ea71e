package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

const (
	// SignedHeader is the first line of a signed bundle.
	SignedHeader = "wildlens-signed-bundle/1"
	// SignedMessagePrefix is prepended to the bundle bytes before signing (domain
	// separation: a wildlens signature verifies nothing but a wildlens bundle).
	SignedMessagePrefix = SignedHeader + "\n"

	publicKeyPrefix  = "wildlens-ed25519-public:"
	privateKeyPrefix = "wildlens-ed25519-private:"
)

// PublicKey is a trusted signing key. Its text form is
// "wildlens-ed25519-public:<base64 of the 32-byte key>".
type PublicKey struct {
	Key ed25519.PublicKey
}

// PrivateKey is a signing key. Its text form is
// "wildlens-ed25519-private:<base64 of the 32-byte seed>".
type PrivateKey struct {
	Key ed25519.PrivateKey
}

// ID is the short name of a key used in signature lines: the first 4 bytes of the
// SHA-256 of the public key, in hex.
func (k PublicKey) ID() string {
	sum := sha256.Sum256(k.Key)
	return hex.EncodeToString(sum[:4])
}

func (k PublicKey) String() string {
	return publicKeyPrefix + base64.StdEncoding.EncodeToString(k.Key)
}

func (k PrivateKey) Public() PublicKey {
	return PublicKey{Key: k.Key.Public().(ed25519.PublicKey)}
}

func (k PrivateKey) String() string {
	return privateKeyPrefix + base64.StdEncoding.EncodeToString(k.Key.Seed())
}

// GenerateKey returns a new random signing key.
func GenerateKey() (PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return PrivateKey{}, err
	}
	return PrivateKey{Key: priv}, nil
}

// ParsePublicKey parses the text form of a public key (surrounding space ignored).
func ParsePublicKey(s string) (PublicKey, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, publicKeyPrefix) {
		return PublicKey{}, fmt.Errorf("public key: want text starting %q", publicKeyPrefix)
	}
	raw, err := base64.StdEncoding.DecodeString(s[len(publicKeyPrefix):])
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return PublicKey{}, fmt.Errorf("public key: want base64 of %d bytes", ed25519.PublicKeySize)
	}
	return PublicKey{Key: ed25519.PublicKey(raw)}, nil
}

// ParsePublicKeys parses one public key per non-empty line; lines starting with # are
// comments.
func ParsePublicKeys(text string) ([]PublicKey, error) {
	var keys []PublicKey
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := ParsePublicKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("no public keys")
	}
	return keys, nil
}

// ParsePrivateKey parses the text form of a private key.
func ParsePrivateKey(s string) (PrivateKey, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, privateKeyPrefix) {
		return PrivateKey{}, fmt.Errorf("private key: want text starting %q", privateKeyPrefix)
	}
	seed, err := base64.StdEncoding.DecodeString(s[len(privateKeyPrefix):])
	if err != nil || len(seed) != ed25519.SeedSize {
		return PrivateKey{}, fmt.Errorf("private key: want base64 of a %d-byte seed", ed25519.SeedSize)
	}
	return PrivateKey{Key: ed25519.NewKeyFromSeed(seed)}, nil
}

// Signature is one signature line of a signed bundle.
type Signature struct {
	KeyID string
	Sig   []byte
}

// Signed is a parsed signed bundle: its signatures and the bundle bytes they cover.
type Signed struct {
	Signatures []Signature
	Payload    []byte
}

// Sign signs bundle bytes (or adds a signature to an already signed bundle) and
// returns the signed bundle. The payload must be a bundle that Decode accepts.
func Sign(data []byte, key PrivateKey) ([]byte, error) {
	var s Signed
	if bytes.HasPrefix(data, []byte(SignedMessagePrefix)) {
		parsed, err := ParseSigned(data)
		if err != nil {
			return nil, err
		}
		s = *parsed
	} else {
		s.Payload = data
	}
	if _, err := Decode(s.Payload); err != nil {
		return nil, err
	}
	id := key.Public().ID()
	for _, sig := range s.Signatures {
		if sig.KeyID == id {
			return nil, fmt.Errorf("bundle: already signed by key %s", id)
		}
	}
	s.Signatures = append(s.Signatures, Signature{KeyID: id, Sig: ed25519.Sign(key.Key, message(s.Payload))})
	return s.Marshal(), nil
}

func message(payload []byte) []byte {
	return append([]byte(SignedMessagePrefix), payload...)
}

// Marshal returns the text form of a signed bundle.
func (s *Signed) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(SignedHeader + "\n")
	for _, sig := range s.Signatures {
		fmt.Fprintf(&b, "sig %s %s\n", sig.KeyID, base64.StdEncoding.EncodeToString(sig.Sig))
	}
	b.WriteString("\n")
	b.Write(s.Payload)
	return b.Bytes()
}

// ParseSigned splits a signed bundle into signatures and payload without verifying.
func ParseSigned(data []byte) (*Signed, error) {
	if !bytes.HasPrefix(data, []byte(SignedMessagePrefix)) {
		return nil, fmt.Errorf("bundle: not a signed bundle (first line is not %q)", SignedHeader)
	}
	rest := data[len(SignedMessagePrefix):]
	var s Signed
	for {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return nil, errors.New("bundle: signed bundle ends inside its header")
		}
		line := string(rest[:nl])
		rest = rest[nl+1:]
		if line == "" {
			break
		}
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "sig" {
			return nil, fmt.Errorf("bundle: malformed signature line %q", line)
		}
		sig, err := base64.StdEncoding.DecodeString(f[2])
		if err != nil || len(sig) != ed25519.SignatureSize {
			return nil, fmt.Errorf("bundle: signature by key %s is not base64 of %d bytes", f[1], ed25519.SignatureSize)
		}
		s.Signatures = append(s.Signatures, Signature{KeyID: f[1], Sig: sig})
	}
	if len(s.Signatures) == 0 {
		return nil, errors.New("bundle: signed bundle carries no signature")
	}
	s.Payload = rest
	return &s, nil
}

// Verify checks that a signed bundle carries a valid signature by at least one trusted
// key, and returns the decoded bundle. Every signature
// line naming a trusted key must verify: a bad signature by a trusted key is an error
// even when another trusted key's signature is good.
func Verify(data []byte, trusted []PublicKey) (*Bundle, error) {
	s, err := ParseSigned(data)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]PublicKey, len(trusted))
	for _, k := range trusted {
		byID[k.ID()] = k
	}
	good := 0
	var unknown []string
	for _, sig := range s.Signatures {
		k, ok := byID[sig.KeyID]
		if !ok {
			unknown = append(unknown, sig.KeyID)
			continue
		}
		if !ed25519.Verify(k.Key, message(s.Payload), sig.Sig) {
			return nil, fmt.Errorf("bundle: signature by trusted key %s does not verify: the bundle was altered after signing", sig.KeyID)
		}
		good++
	}
	if good == 0 {
		ids := make([]string, 0, len(trusted))
		for _, k := range trusted {
			ids = append(ids, k.ID())
		}
		return nil, fmt.Errorf("bundle: signed only by untrusted key(s) %s (trusted: %s)",
			strings.Join(unknown, ", "), strings.Join(ids, ", "))
	}
	// The content hash is not recomputed: Sign refuses a payload whose hash does not
	// hold, and the signatures cover the exact bytes it checked. Recomputing re-encodes
	// the whole bundle, 74 ms of every engine start in wasm.
	return decode(s.Payload)
}
