package server

import (
	"crypto/rand"
	"encoding/base64"
)

// NewSecret returns a random moderator token or reviewer password: 32 random bytes in
// URL-safe base64 behind a prefix saying what it is ("wlm_" token, "wlr_" password), so
// a leaked one is recognisable in logs and pastes.
func NewSecret(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

const (
	TokenPrefix    = "wlm_"
	PasswordPrefix = "wlr_"
)

// HashSecret is what the store keeps of a token or password: its hex SHA-256. The
// secrets carry 256 random bits, so a fast hash is safe and checking a request is cheap.
func HashSecret(secret string) string { return hexSHA256([]byte(secret)) }
