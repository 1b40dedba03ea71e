package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/postgres"
	"github.com/wildlens/wildlens/server/sqlite"
	"github.com/wildlens/wildlens/server/storetest"
)

func TestModeratorsAndReviewers(t *testing.T) {
	data := t.TempDir()
	token := addModerator(t, data, "ana")
	if !strings.HasPrefix(token, server.TokenPrefix) || len(token) != len(server.TokenPrefix)+43 {
		t.Fatalf("last line %q is not a token", token)
	}
	expectRun(t, 1, []string{"moderators", "add", "ana", "--data", data}, `moderator "ana" exists`)
	out := expectRun(t, 0, []string{"reviewers", "add", "rita", "--data", data}, "reviewer rita can sign in")
	password := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])

	store, err := sqlite.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := store.ModeratorByToken(context.Background(), server.HashSecret(token)); err != nil || m.Name != "ana" {
		t.Errorf("token does not authenticate ana: %v", err)
	}
	if r, err := store.Reviewer(context.Background(), "rita"); err != nil || r.PasswordSHA256 != server.HashSecret(password) {
		t.Errorf("printed password %q is not rita's: %v", password, err)
	}
	store.Close()

	expectRun(t, 0, []string{"moderators", "revoke", "ana", "--data", data}, "moderator ana: token revoked")
	expectRun(t, 1, []string{"moderators", "revoke", "ana", "--data", data}, `no moderator "ana" with a valid token`)
	expectRun(t, 2, []string{"moderators", "promote", "ana", "--data", data}, "usage: wildlens moderators add|revoke NAME")
	expectRun(t, 1, []string{"moderators", "add", "bo", "--db", "mysql://x"}, `--db: want a postgres:// URL, got "mysql://x"`)
}

func TestReportsExport(t *testing.T) {
	data := t.TempDir()
	store, err := sqlite.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i, platform := range []string{"market", "bazaar"} {
		r := &server.Report{ID: []string{"11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"}[i],
			Moderator: "ana", URL: "https://m.example/" + platform, Title: "=HYPERLINK(\"x\")", ClientTime: at, LexiconVersion: 1,
			PageSHA256: strings.Repeat("a", 64), Matches: []server.Match{{TermID: "ivory", Term: "ivory", Text: "ivory", Start16: 0, End16: 5}},
			Verdict: "flag", Score: 1, ExtensionVersion: "0.1", Platform: platform, ReceivedAt: at.Add(time.Duration(i) * time.Hour),
			BodySHA256: strings.Repeat("b", 64), Category: []server.Category{"", "pangolin"}[i]}
		if _, _, err := store.CreateReport(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()

	out := expectRun(t, 0, []string{"reports", "export", "--format", "csv", "--platform", "bazaar", "--data", data}, "exported 1 report(s)")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != "22222222-2222-4222-8222-222222222222" || rows[1][8] != `'=HYPERLINK("x")` || rows[1][17] != strings.Repeat("b", 64) {
		t.Fatalf("CSV = %q, %v", rows, err)
	}
	out = expectRun(t, 0, []string{"reports", "export", "--format", "json", "--to", "2026-03-01", "--data", data}, "exported 2 report(s)")
	var exported []server.ExportedReport
	if err := json.Unmarshal([]byte(out), &exported); err != nil || len(exported) != 2 || exported[0].Platform != "bazaar" || exported[1].Matches[0].TermID != "ivory" {
		t.Fatalf("JSON = %s, %v", out, err)
	}
	out = expectRun(t, 0, []string{"reports", "export", "--format", "csv", "--category", "pangolin", "--data", data}, "exported 1 report(s)")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); len(rows) != 2 || rows[1][0] != "22222222-2222-4222-8222-222222222222" || rows[1][20] != "pangolin" {
		t.Errorf("CSV of category pangolin = %q", rows)
	}
	expectRun(t, 2, []string{"reports", "export", "--format", "csv", "--category", "rhino horn", "--data", data},
		"--category: want one of ivory, rhino_horn, pangolin, big_cat, bear, primate, reptile, bird, marine, medicine, other")
	expectRun(t, 2, []string{"reports", "export", "--format", "xml", "--data", data}, "usage: wildlens reports export --format json|csv")
	expectRun(t, 2, []string{"reports", "export", "--format", "csv", "--from", "yesterday", "--data", data}, "--from: want a date like 2026-03-01")

	store, _ = sqlite.Open(context.Background(), data)
	defer store.Close()
	log, _ := store.AuditLog(context.Background(), 10)
	if len(log) != 3 || log[0].Actor != "cli" || log[0].Action != "export csv" || len(log[0].ReportIDs) != 1 || log[1].Action != "export json" || len(log[1].ReportIDs) != 2 {
		t.Errorf("audit log = %+v; want the three CLI exports", log)
	}
}

// TestCommandsOnPostgres runs the store commands with --db against the PostgreSQL of
// WILDLENS_TEST_POSTGRES, in a schema of its own.
func TestCommandsOnPostgres(t *testing.T) {
	db := storetest.PostgresURL(t)
	expectRun(t, 0, []string{"moderators", "add", "ana", "--db", db}, "moderator ana added")
	expectRun(t, 0, []string{"lexicon", "publish", bundles + "small.signed", "--trusted", bundles + "test.pub", "--db", db}, "published lexicon version 1")
	expectRun(t, 1, []string{"lexicon", "publish", bundles + "small.signed", "--trusted", bundles + "test.pub", "--db", db}, "version 1 is not above the published version 1")
	expectRun(t, 0, []string{"reports", "export", "--format", "csv", "--db", db}, "exported 0 report(s)")
	expectRun(t, 1, []string{"backup", "--db", db, filepath.Join(t.TempDir(), "b.db")}, "wildlens backup copies SQLite stores; back up PostgreSQL with pg_dump")
	store, err := postgres.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if latest, err := store.LatestLexiconVersion(context.Background()); err != nil || latest.Version != 1 {
		t.Errorf("lexicon in PostgreSQL: %+v, %v; want version 1", latest, err)
	}
}
