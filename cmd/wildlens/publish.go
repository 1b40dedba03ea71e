package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/server"
)

// cmdLexiconPublish is `wildlens lexicon publish BUNDLE --trusted FILE --data DIR`: it
// stores a signed bundle for `wildlens serve` to distribute. The bundle must verify
// against the keys the extensions trust (a publish must never ship a bundle they would
// refuse) and its version must be above the published one. A running server picks it up
// within its poll interval (a second) and pushes it.
func cmdLexiconPublish(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "lexicon publish")
	stf := addStoreFlags(fs)
	var trustedFiles stringsFlag
	fs.Var(&trustedFiles, "trusted", "file of the public keys extensions trust, one per line; repeat for each key set in the field: the bundle must verify against every one")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || len(trustedFiles) == 0 {
		return fmt.Errorf("%w: wildlens lexicon publish SIGNED-BUNDLE --trusted FILE [--data DIR | --db URL]", errUsage)
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		return err
	}
	// Each --trusted file is the key set of one generation of extensions in the field;
	// during a key rotation old and new builds must both accept the bundle.
	var b *bundle.Bundle
	for _, name := range trustedFiles {
		keys, err := readPublicKeys(name)
		if err != nil {
			return err
		}
		if b, err = bundle.Verify(data, keys); err != nil {
			return fmt.Errorf("%s: refusing to publish: extensions trusting %s would refuse it: %w", rest[0], name, err)
		}
	}
	store, err := stf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	sum := sha256.Sum256(data)
	err = store.PublishLexicon(ctx, server.LexiconRelease{
		Version: b.Version, ContentSHA256: b.ContentSHA256, SHA256: hex.EncodeToString(sum[:]), Signed: data, PublishedAt: time.Now(),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "published lexicon version %d (%d terms, content %s)\n", b.Version, len(b.Terms), b.ContentSHA256[:16])
	return nil
}
