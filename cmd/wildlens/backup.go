package main

import (
	"context"
	"fmt"
	"os"
)

// cmdBackup copies the SQLite store to OUT while the server keeps running (VACUUM INTO:
// one consistent snapshot). For PostgreSQL use pg_dump.
func cmdBackup(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "backup")
	stf := addStoreFlags(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: wildlens backup [--data DIR] OUT", errUsage)
	}
	store, err := stf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Backup(ctx, rest[0]); err != nil {
		return err
	}
	info, err := os.Stat(rest[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s (%d bytes)\n", rest[0], info.Size())
	return nil
}
