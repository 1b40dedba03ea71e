// Package postgres is the server.Store for deployments that outgrow one SQLite file:
// PostgreSQL through pgx (its database/sql driver), chosen by `--db postgres://...`.
// It shares its queries with server/sqlite (server/internal/sqlstore), group commit
// included; durability is PostgreSQL's synchronous_commit, which must stay on.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at url (postgres://user@host:port/db?...; extra query
// parameters such as search_path become session settings) and migrates it.
func Open(ctx context.Context, url string) (*sqlstore.Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	sub, _ := fs.Sub(migrations, "migrations")
	s, err := sqlstore.New(ctx, db, sqlstore.Dialect{
		Numbered:    true,
		Migrations:  sub,
		LockLexicon: "LOCK TABLE lexicon_releases IN EXCLUSIVE MODE",
		Backup: func(context.Context, *sql.DB, string) error {
			return server.Errorf(server.EUNSUPPORTED, "wildlens backup copies SQLite stores; back up PostgreSQL with pg_dump")
		},
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
