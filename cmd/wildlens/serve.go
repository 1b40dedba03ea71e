package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/wildlens/wildlens/server"
	wlhttp "github.com/wildlens/wildlens/server/http"
	"github.com/wildlens/wildlens/server/postgres"
	"github.com/wildlens/wildlens/server/sqlite"
)

// storeFlags are the --data and --db flags every command that touches the store takes.
type storeFlags struct{ data, db *string }

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		data: fs.String("data", "./wildlens-data", "directory of the embedded SQLite store"),
		db:   fs.String("db", "", "PostgreSQL URL (postgres://...) to use instead of the SQLite store in --data"),
	}
}

func (f storeFlags) open(ctx context.Context) (server.Store, error) {
	if *f.db == "" {
		return sqlite.Open(ctx, *f.data)
	}
	if !strings.HasPrefix(*f.db, "postgres://") && !strings.HasPrefix(*f.db, "postgresql://") {
		return nil, fmt.Errorf("--db: want a postgres:// URL, got %q", *f.db)
	}
	return postgres.Open(ctx, *f.db)
}

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve")
	addr := fs.String("addr", "127.0.0.1:8787", "listen address")
	stf := addStoreFlags(fs)
	retention := fs.Int("retention-days", 0, "delete the evidence (screenshot, snippets, note) of reports dismissed this many days ago; 0 keeps it")
	logLevel := fs.String("log-level", "info", "debug | info | warn | error")
	var origins stringsFlag
	fs.Var(&origins, "allow-origin", "a web origin allowed to call the API besides chrome-extension:// ones (repeatable)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: wildlens serve [--addr HOST:PORT] [--data DIR | --db URL] [--retention-days N]", errUsage)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level: %v", errUsage, err)
	}
	if *retention < 0 {
		return fmt.Errorf("%w: --retention-days must not be negative", errUsage)
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	store, err := stf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	s := wlhttp.New(store, logger, time.Now)
	s.RetentionDays = *retention
	s.AllowedOrigins = origins
	// Tests and scripts read the address from here (--addr 127.0.0.1:0 picks a free port).
	fmt.Fprintf(e.stdout, "wildlens serve: listening on http://%s\n", ln.Addr())
	return s.Serve(ctx, ln)
}
