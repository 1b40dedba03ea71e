package main

import (
	"context"
	"errors"
)

// cmdLexiconPublish is `wildlens lexicon publish BUNDLE --data DIR` (server side).
func cmdLexiconPublish(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
