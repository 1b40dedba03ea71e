package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wildlens/wildlens/server"
)

// cmdReviewers creates a reviewer account for the reviewer pages, or gives an existing
// one a new password. The password is generated and printed once, on the last line.
func cmdReviewers(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "reviewers")
	stf := addStoreFlags(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 || rest[0] != "add" || rest[1] == "" {
		return fmt.Errorf("%w: wildlens reviewers add NAME [--data DIR | --db URL] (again for a new password)", errUsage)
	}
	store, err := stf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	password := server.NewSecret(server.PasswordPrefix)
	if err := store.AddReviewer(ctx, server.Reviewer{Name: rest[1], PasswordSHA256: server.HashSecret(password), CreatedAt: time.Now()}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reviewer %s can sign in to /review/ with this password, shown only now:\n%s\n", rest[1], password)
	return nil
}
