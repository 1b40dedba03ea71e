package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wildlens/wildlens/server"
)

const moderatorsUsage = "wildlens moderators add|revoke NAME [--data DIR | --db URL]"

// cmdModerators manages report tokens. `add` prints the new token once, on its last
// line; only its SHA-256 is stored.
func cmdModerators(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "moderators")
	stf := addStoreFlags(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 || (rest[0] != "add" && rest[0] != "revoke") || rest[1] == "" {
		return fmt.Errorf("%w: %s", errUsage, moderatorsUsage)
	}
	store, err := stf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	name := rest[1]
	if rest[0] == "revoke" {
		if err := store.RevokeModerator(ctx, name, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "moderator %s: token revoked\n", name)
		return nil
	}
	token := server.NewSecret(server.TokenPrefix)
	if err := store.AddModerator(ctx, server.Moderator{Name: name, TokenSHA256: server.HashSecret(token), CreatedAt: time.Now()}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "moderator %s added. Their report token, shown only now (the server keeps its SHA-256):\n%s\n", name, token)
	return nil
}
