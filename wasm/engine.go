//go:build js && wasm

// Command wasm is the extension's matching engine: wasm/match compiled to WebAssembly,
// hosted by the offscreen document extension/engine/host.js. This file holds the
// engine's state and the batch format; exports.go wires it to JavaScript.
package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unsafe"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// Engine holds the one verified bundle in use and its matcher. A bundle replaces it
// only after it verifies and its matcher builds, so a refused bundle leaves the
// engine answering with the previous one.
type Engine struct {
	bundle  *bundle.Bundle
	matcher *match.Matcher
	terms   map[string]*bundle.Term

	verifyMs, matcherMs, prepareMs float64
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Info describes the loaded bundle to the host.
type Info struct {
	Version       int64            `json:"version"`
	ContentSHA256 string           `json:"contentSha256"`
	Terms         int              `json:"terms"`
	Profiles      []bundle.Profile `json:"profiles"`
	// VerifyMs and MatcherMs are what the last Load spent checking signatures and
	// decoding, and building the matcher: the engine's share of cold start. The
	// matcher's word-boundary segmenter is built after Load returns (see exports.go);
	// PrepareMs is what that took, 0 until it is built.
	VerifyMs  float64 `json:"verifyMs"`
	MatcherMs float64 `json:"matcherMs"`
	PrepareMs float64 `json:"prepareMs"`
}

// Load verifies a signed bundle against the trusted keys (bundle.ParsePublicKeys
// text) and, only if it verifies, builds its matcher and makes it current. A bundle
// older than the current one is refused; the same version is accepted only with the
// same content (a reload).
func (e *Engine) Load(signed []byte, trustedKeys string) (Info, error) {
	start := time.Now()
	keys, err := bundle.ParsePublicKeys(trustedKeys)
	if err != nil {
		return Info{}, fmt.Errorf("trusted keys: %w", err)
	}
	b, err := bundle.Verify(signed, keys)
	if err != nil {
		return Info{}, err
	}
	if cur := e.bundle; cur != nil {
		switch {
		case b.Version < cur.Version:
			return Info{}, fmt.Errorf("bundle version %d is older than the loaded version %d", b.Version, cur.Version)
		case b.Version == cur.Version && b.ContentSHA256 != cur.ContentSHA256:
			return Info{}, fmt.Errorf("bundle version %d has different content from the loaded bundle of the same version", b.Version)
		}
	}
	verified := time.Now()
	m, err := match.New(b, match.Options{})
	if err != nil {
		return Info{}, fmt.Errorf("build matcher: %w", err)
	}
	e.verifyMs, e.matcherMs, e.prepareMs = ms(verified.Sub(start)), ms(time.Since(verified)), 0
	terms := make(map[string]*bundle.Term, len(b.Terms))
	for i := range b.Terms {
		terms[b.Terms[i].ID] = &b.Terms[i]
	}
	e.bundle, e.matcher, e.terms = b, m, terms
	return e.Info(), nil
}

// Info describes the current bundle (zero before the first Load).
func (e *Engine) Info() Info {
	if e.bundle == nil {
		return Info{}
	}
	return Info{
		Version:       e.bundle.Version,
		ContentSHA256: e.bundle.ContentSHA256,
		Terms:         len(e.bundle.Terms),
		Profiles:      e.bundle.Profiles,
		VerifyMs:      e.verifyMs,
		MatcherMs:     e.matcherMs,
		PrepareMs:     e.prepareMs,
	}
}

var errNoBundle = errors.New("no lexicon loaded")

// ScanBatch scans every listing of an encoded batch (see DecodeBatch) and returns
// the results as JSON, one match.Result per listing in batch order.
func (e *Engine) ScanBatch(frame []byte) ([]byte, error) {
	if e.matcher == nil {
		return nil, errNoBundle
	}
	items, err := DecodeBatch(frame)
	if err != nil {
		return nil, err
	}
	results := make([]match.Result, len(items))
	for i, it := range items {
		results[i] = e.matcher.Scan(it.ID, it.Text)
		if results[i].Matches == nil {
			results[i].Matches = []match.Match{}
		}
	}
	return json.Marshal(results)
}

// Describe returns the JSON of a term's lexicon entry, for the hover card.
func (e *Engine) Describe(termID string) ([]byte, error) {
	if e.bundle == nil {
		return nil, errNoBundle
	}
	t, ok := e.terms[termID]
	if !ok {
		return nil, fmt.Errorf("no term %q in lexicon version %d", termID, e.bundle.Version)
	}
	return json.Marshal(t)
}

// Item is one listing of a batch.
type Item struct {
	ID   string
	Text string
}

// unsafeString is b as a string without a copy: a listing's text is most of a batch,
// and each copy of it is garbage the collector has to chase through the matcher's
// pointer-heavy automaton (a fifth of a scan's time in Chromium's profiler).
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// DecodeBatch reads the batch format the host writes (all integers uint32, little
// endian): count, then per listing idLen, id bytes, textLen, text bytes (UTF-8).
// Example, one listing "a" with text "象牙":
//
//	01000000 01000000 61 06000000 e8b1a1e78999
//
// The texts share frame's memory: frame must not change while they are in use.
func DecodeBatch(frame []byte) ([]Item, error) {
	r := frameReader{buf: frame}
	n := r.u32()
	if r.err == nil && int(n) > len(frame)/8 {
		return nil, fmt.Errorf("batch: count %d does not fit in %d bytes", n, len(frame))
	}
	items := make([]Item, 0, n)
	for i := uint32(0); i < n && r.err == nil; i++ {
		id := r.bytes()
		text := r.bytes()
		items = append(items, Item{ID: string(id), Text: unsafeString(text)})
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.buf) != 0 {
		return nil, fmt.Errorf("batch: %d bytes after the last listing", len(r.buf))
	}
	return items, nil
}

type frameReader struct {
	buf []byte
	err error
}

func (r *frameReader) u32() uint32 {
	if r.err != nil {
		return 0
	}
	if len(r.buf) < 4 {
		r.err = errors.New("batch: truncated length")
		return 0
	}
	v := binary.LittleEndian.Uint32(r.buf)
	r.buf = r.buf[4:]
	return v
}

func (r *frameReader) bytes() []byte {
	n := r.u32()
	if r.err != nil {
		return nil
	}
	if uint64(n) > uint64(len(r.buf)) {
		r.err = fmt.Errorf("batch: field of %d bytes overruns the %d left", n, len(r.buf))
		return nil
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b
}
