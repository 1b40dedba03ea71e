// Package sqlite is the default server.Store: one SQLite file (modernc.org/sqlite, no
// cgo) in the data directory.
//
// Durability: WAL with synchronous=FULL syncs the WAL on every commit, so a committed
// report survives a power cut, not only a killed process; every write transaction is
// BEGIN IMMEDIATE (no deadlocking lock upgrades); busy_timeout lets the CLI write while
// the server runs. Throughput comes from group commit (see sqlstore), not from a weaker
// sync.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/internal/sqlstore"
	_ "modernc.org/sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database file inside the data directory.
const FileName = "wildlens.db"

// Open opens (creating if needed) the store in directory dir.
func Open(ctx context.Context, dir string) (*sqlstore.Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path, err := filepath.Abs(filepath.Join(dir, FileName))
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// Keep connections open: each new one re-reads the schema and runs the pragmas.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	sub, _ := fs.Sub(migrations, "migrations")
	s, err := sqlstore.New(ctx, db, sqlstore.Dialect{Migrations: sub, Backup: backup})
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// backup uses VACUUM INTO: a consistent snapshot (one read transaction) that does not
// stop writers, written as a compact standalone database file.
func backup(ctx context.Context, db *sql.DB, path string) error {
	if _, err := os.Stat(path); err == nil {
		return server.Errorf(server.EINVALID, "%s exists; backup never overwrites", path)
	}
	_, err := db.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}
