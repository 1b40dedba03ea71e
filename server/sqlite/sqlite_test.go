package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/sqlite"
	"github.com/wildlens/wildlens/server/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) server.Store {
		s, err := sqlite.Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestMigrationTakesCategoryOutOfNote opens a store written before categories existed,
// when the extension sent the category inside the note ("[rhino horn] text").
func TestMigrationTakesCategoryOutOfNote(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old, err := sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{
		"00000001-0000-4000-8000-000000000000": "[rhino horn] seller asks to move to WeChat",
		"00000002-0000-4000-8000-000000000000": "[ivory] ",
		"00000003-0000-4000-8000-000000000000": "[big cat] bone wine",
		"00000004-0000-4000-8000-000000000000": "[unknown] kept as written",
		"00000005-0000-4000-8000-000000000000": "no category",
	}
	stmts := []string{`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`, string(schema),
		`INSERT INTO schema_migrations VALUES ('001_init.sql', '2026-03-01T00:00:00.000000000Z')`}
	for id, note := range notes {
		stmts = append(stmts, `INSERT INTO reports (id, moderator, url, title, client_time, lexicon_version, page_sha256, matches,
			verdict, score, extension_version, platform, listing_id, seller_id, note, received_at, body_sha256, screenshot_sha256)
			VALUES ('`+id+`', 'ana', 'https://market.example/1', 't', '2026-03-01T00:00:00.000000000Z', 1, 'x', '[]',
			'flag', 1, '0.1.0', '', '', '', '`+note+`', '2026-03-01T00:00:00.000000000Z', 'y', '')`)
	}
	for _, q := range stmts {
		if _, err := old.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	want := map[string]string{ // id: category|note
		"00000001-0000-4000-8000-000000000000": "rhino_horn|seller asks to move to WeChat",
		"00000002-0000-4000-8000-000000000000": "ivory|",
		"00000003-0000-4000-8000-000000000000": "big_cat|bone wine",
		"00000004-0000-4000-8000-000000000000": "|[unknown] kept as written",
		"00000005-0000-4000-8000-000000000000": "|no category",
	}
	for id, w := range want {
		r, err := store.Report(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(r.Category) + "|" + r.Note; got != w {
			t.Errorf("report %s after migration: %q, want %q", id[:8], got, w)
		}
	}
}
