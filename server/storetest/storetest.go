// Package storetest is the test suite every server.Store implementation runs.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // for PostgresURL

	"github.com/wildlens/wildlens/server"
)

// PostgresURL returns a URL of the PostgreSQL in WILDLENS_TEST_POSTGRES whose
// search_path is a new schema, dropped when the test ends; it skips the test when the
// variable is unset.
func PostgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("WILDLENS_TEST_POSTGRES")
	if base == "" {
		t.Skip("WILDLENS_TEST_POSTGRES is not set: source scripts/test-deps to start a PostgreSQL (scripts/test does)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("wildlens_test_%d_%d", time.Now().UnixNano(), schemaSeq.Add(1))
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE"); admin.Close() })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var schemaSeq atomic.Int64

// Open returns a new, empty store; the suite closes it.
type Open func(t *testing.T) server.Store

var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// Report returns a valid report with the given id, filed by moderator at t0+minutes.
func Report(id, moderator string, minutes int) *server.Report {
	return &server.Report{
		ID: id, Moderator: moderator, URL: "https://market.example/item/" + id[:8], Title: "carved ivory bangle",
		ClientTime: t0, LexiconVersion: 3, PageSHA256: fmt.Sprintf("%064x", 1),
		Matches: []server.Match{
			{TermID: "ivory", Term: "ivory", Text: "ivory", Start16: 7, End16: 12, Snippet: "carved ivory bangle"},
			{TermID: "xiangya", Term: "象牙", Text: "象牙", Start16: 20, End16: 22, Snippet: "象牙手镯"},
		},
		Verdict: "flag", Score: 4.5, ExtensionVersion: "0.1.0", Platform: "market", ListingID: "L-" + id[:8],
		ReceivedAt: t0.Add(time.Duration(minutes) * time.Minute), BodySHA256: fmt.Sprintf("%064x", minutes+1000),
		Status: server.StatusNew,
	}
}

func id(n int) string { return fmt.Sprintf("%08x-0000-4000-8000-000000000000", n) }

// Run runs the suite, each test on a fresh store.
func Run(t *testing.T, open Open) {
	tests := map[string]func(t *testing.T, s server.Store){
		"CreateReportIdempotent":  testCreateReportIdempotent,
		"CreateReportConcurrent":  testCreateReportConcurrent,
		"ReportScreenshot":        testReportScreenshot,
		"ReportsFilter":           testReportsFilter,
		"StatusWorkflow":          testStatusWorkflow,
		"ListingReports":          testListingReports,
		"AnnotateReport":          testAnnotateReport,
		"CategoryFilter":          testCategoryFilter,
		"DeleteDismissedEvidence": testDeleteDismissedEvidence,
		"Moderators":              testModerators,
		"Reviewers":               testReviewers,
		"Lexicon":                 testLexicon,
		"FalseAlarms":             testFalseAlarms,
		"Backup":                  testBackup,
	}
	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			test(t, s)
		})
	}
}

var ctx = context.Background()

func create(t *testing.T, s server.Store, r *server.Report) {
	t.Helper()
	if _, created, err := s.CreateReport(ctx, r); err != nil || !created {
		t.Fatalf("CreateReport(%s) = created %v, %v; want created", r.ID, created, err)
	}
}

func testCreateReportIdempotent(t *testing.T, s server.Store) {
	r := Report(id(1), "ana", 0)
	create(t, s, r)
	again := Report(id(1), "ana", 0)
	again.ReceivedAt = t0.Add(time.Hour) // a retry arrives later; the original stamp stays
	stored, created, err := s.CreateReport(ctx, again)
	if err != nil || created || !stored.ReceivedAt.Equal(t0) {
		t.Fatalf("repeat = %+v, created %v, %v; want the original (received %v), not created", stored, created, err, t0)
	}
	other := Report(id(1), "ana", 0)
	other.BodySHA256 = fmt.Sprintf("%064x", 7)
	if _, _, err := s.CreateReport(ctx, other); server.ErrorCode(err) != server.ECONFLICT {
		t.Fatalf("same id, other body: err %v, want conflict", err)
	}
	byOther := Report(id(1), "ben", 0)
	if _, _, err := s.CreateReport(ctx, byOther); server.ErrorCode(err) != server.ECONFLICT {
		t.Fatalf("same id, other moderator: err %v, want conflict", err)
	}
	all, err := s.Reports(ctx, server.ReportFilter{})
	if err != nil || len(all) != 1 {
		t.Fatalf("Reports = %d, %v; want exactly 1", len(all), err)
	}
	got := all[0]
	if got.Title != r.Title || len(got.Matches) != 2 || got.Matches[1].Term != "象牙" || got.Score != 4.5 ||
		!got.ClientTime.Equal(t0) || got.Status != server.StatusNew || got.ListingID != r.ListingID {
		t.Errorf("stored report differs: %+v", got)
	}
}

func testCreateReportConcurrent(t *testing.T, s server.Store) {
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		for range 2 { // every report twice, concurrently: one creates, one finds it
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, _, err := s.CreateReport(ctx, Report(id(i), "ana", i)); err != nil {
					errs <- err
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	all, err := s.Reports(ctx, server.ReportFilter{Limit: 1000})
	if err != nil || len(all) != n {
		t.Fatalf("Reports = %d, %v; want %d", len(all), err, n)
	}
}

func testReportScreenshot(t *testing.T, s server.Store) {
	r := Report(id(1), "ana", 0)
	r.Screenshot, r.ScreenshotSHA256 = []byte("\x89PNG\r\n\x1a\nfake"), "abc"
	create(t, s, r)
	got, err := s.Report(ctx, id(1))
	if err != nil || string(got.Screenshot) != "\x89PNG\r\n\x1a\nfake" || got.ScreenshotSHA256 != "abc" {
		t.Fatalf("Report = %+v, %v; want the screenshot back", got, err)
	}
	if _, err := s.Report(ctx, id(2)); server.ErrorCode(err) != server.ENOTFOUND {
		t.Fatalf("missing report: %v, want not found", err)
	}
}

func ids(rs []*server.Report) string {
	out := ""
	for _, r := range rs {
		out += r.ID[:8] + " "
	}
	return out
}

func testReportsFilter(t *testing.T, s server.Store) {
	a := Report(id(1), "ana", 0)
	b := Report(id(2), "ana", 60)
	b.Platform, b.Matches = "bazaar", b.Matches[:1]
	c := Report(id(3), "ben", 120)
	c.Matches = c.Matches[1:]
	for _, r := range []*server.Report{a, b, c} {
		create(t, s, r)
	}
	if err := s.SetStatus(ctx, id(3), server.StatusDismissed, "", "rita", t0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    server.ReportFilter
		want string
	}{
		{server.ReportFilter{}, "00000003 00000002 00000001 "},
		{server.ReportFilter{Status: server.StatusNew}, "00000002 00000001 "},
		{server.ReportFilter{TermID: "xiangya"}, "00000003 00000001 "},
		{server.ReportFilter{Platform: "bazaar"}, "00000002 "},
		{server.ReportFilter{From: t0.Add(time.Minute), To: t0.Add(2 * time.Hour)}, "00000002 "},
		{server.ReportFilter{IDs: []string{id(1), id(3)}}, "00000003 00000001 "},
		{server.ReportFilter{Limit: 1}, "00000003 "},
	} {
		got, err := s.Reports(ctx, tc.f)
		if err != nil || ids(got) != tc.want {
			t.Errorf("Reports(%+v) = %q, %v; want %q", tc.f, ids(got), err, tc.want)
		}
	}
}

func testStatusWorkflow(t *testing.T, s server.Store) {
	create(t, s, Report(id(1), "ana", 0))
	steps := []struct {
		to     server.Status
		action server.Action
		code   string // "" for success
	}{
		{server.StatusActioned, server.ActionRemoved, server.ECONFLICT}, // new cannot skip confirmation
		{server.StatusConfirmed, server.ActionRemoved, server.EINVALID},
		{server.StatusConfirmed, "", ""},
		{server.StatusDismissed, "", server.ECONFLICT},
		{server.StatusActioned, "", server.EINVALID},
		{server.StatusActioned, server.ActionReferred, ""},
		{server.StatusConfirmed, "", server.ECONFLICT},
	}
	for i, st := range steps {
		err := s.SetStatus(ctx, id(1), st.to, st.action, "rita", t0.Add(time.Duration(i)*time.Minute))
		if (st.code == "" && err != nil) || (st.code != "" && server.ErrorCode(err) != st.code) {
			t.Errorf("step %d: SetStatus(%s, %q) = %v; want code %q", i, st.to, st.action, err, st.code)
		}
	}
	r, err := s.Report(ctx, id(1))
	if err != nil || r.Status != server.StatusActioned || r.Action != server.ActionReferred || r.StatusBy != "rita" || !r.StatusAt.Equal(t0.Add(5*time.Minute)) {
		t.Fatalf("after workflow: %+v, %v", r, err)
	}
	if err := s.SetStatus(ctx, id(9), server.StatusConfirmed, "", "rita", t0); server.ErrorCode(err) != server.ENOTFOUND {
		t.Errorf("unknown report: %v", err)
	}
	log, err := s.AuditLog(ctx, 10)
	if err != nil || len(log) != 2 || log[0].Action != "status actioned" || log[0].Detail != "action referred_to_police" ||
		log[1].Action != "status confirmed" || log[1].Actor != "rita" || len(log[1].ReportIDs) != 1 || log[1].ReportIDs[0] != id(1) {
		t.Fatalf("audit log = %+v, %v", log, err)
	}
}

func str(s string) *string                        { return &s }
func category(c server.Category) *server.Category { return &c }

// testAnnotateReport adds and changes a report's note and category after filing, as
// its moderator; repeats change nothing, others are refused.
func testAnnotateReport(t *testing.T, s server.Store) {
	r := Report(id(1), "ana", 0)
	r.Note = "filed with a note"
	create(t, s, r)
	t1, t2, t3 := t0.Add(time.Hour), t0.Add(2*time.Hour), t0.Add(3*time.Hour)
	for i, step := range []struct {
		moderator string
		a         server.Annotation
		at        time.Time
		code      string // "" for success
		note      string
		category  server.Category
		annotated time.Time
	}{
		{"ana", server.Annotation{Category: category("ivory")}, t1, "", "filed with a note", "ivory", t1},
		{"ana", server.Annotation{Category: category("ivory")}, t2, "", "filed with a note", "ivory", t1}, // a repeat: nothing changes
		{"ana", server.Annotation{Note: str("seen at the Lyon fair")}, t2, "", "seen at the Lyon fair", "ivory", t2},
		{"ana", server.Annotation{Note: str("seen at the Lyon fair"), Category: category("ivory")}, t3, "", "seen at the Lyon fair", "ivory", t2},
		{"ben", server.Annotation{Note: str("not mine")}, t3, server.EFORBIDDEN, "seen at the Lyon fair", "ivory", t2},
		{"ana", server.Annotation{Note: str(""), Category: category(server.CategoryNone)}, t3, "", "", "", t3},
	} {
		got, err := s.AnnotateReport(ctx, id(1), step.moderator, step.a, step.at)
		if (err == nil) != (step.code == "") || (err != nil && server.ErrorCode(err) != step.code) {
			t.Fatalf("step %d: err %v, want code %q", i, err, step.code)
		}
		if err == nil && (got.Note != step.note || got.Category != step.category || !got.AnnotatedAt.Equal(step.annotated)) {
			t.Errorf("step %d: answered note %q category %q at %v", i, got.Note, got.Category, got.AnnotatedAt)
		}
		stored, err := s.Report(ctx, id(1))
		if err != nil || stored.Note != step.note || stored.Category != step.category || !stored.AnnotatedAt.Equal(step.annotated) {
			t.Fatalf("step %d: stored note %q category %q at %v (%v); want %q %q at %v", i, stored.Note, stored.Category,
				stored.AnnotatedAt, err, step.note, step.category, step.annotated)
		}
	}
	if stored, _ := s.Report(ctx, id(1)); stored.BodySHA256 != r.BodySHA256 || stored.Title != r.Title {
		t.Errorf("annotating changed the report as filed: %+v", stored)
	}
	if _, err := s.AnnotateReport(ctx, id(9), "ana", server.Annotation{Note: str("x")}, t3); server.ErrorCode(err) != server.ENOTFOUND {
		t.Errorf("unknown report: %v, want not found", err)
	}
	log, err := s.AuditLog(ctx, 10)
	want := []string{"note, category cleared", "note", "category ivory"} // newest first; repeats left no entry
	if err != nil || len(log) != len(want) {
		t.Fatalf("audit log = %+v, %v; want %d annotate entries", log, err, len(want))
	}
	for i, e := range log {
		if e.Action != "annotate" || e.Actor != "moderator ana" || e.Detail != want[i] || e.ReportIDs[0] != id(1) {
			t.Errorf("audit[%d] = %+v; want annotate by moderator ana, %q", i, e, want[i])
		}
	}

	// Retention deleted the note with the evidence: no new note on it.
	s.SetStatus(ctx, id(1), server.StatusDismissed, "", "rita", t0)
	s.DeleteDismissedEvidence(ctx, t3, t3)
	if _, err := s.AnnotateReport(ctx, id(1), "ana", server.Annotation{Note: str("again")}, t3); server.ErrorCode(err) != server.ECONFLICT {
		t.Errorf("annotate after retention: %v, want conflict", err)
	}
}

func testCategoryFilter(t *testing.T, s server.Store) {
	a := Report(id(1), "ana", 0)
	a.Category = "pangolin" // sent with the report
	create(t, s, a)
	create(t, s, Report(id(2), "ana", 1))
	create(t, s, Report(id(3), "ana", 2))
	if _, err := s.AnnotateReport(ctx, id(3), "ana", server.Annotation{Category: category("pangolin")}, t0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		c    server.Category
		want string
	}{
		{"pangolin", "00000003 00000001 "},
		{"ivory", ""},
		{server.CategoryNone, "00000003 00000002 00000001 "},
	} {
		got, err := s.Reports(ctx, server.ReportFilter{Category: tc.c})
		if err != nil || ids(got) != tc.want {
			t.Errorf("Reports(category %q) = %q, %v; want %q", tc.c, ids(got), err, tc.want)
		}
	}
}

func testListingReports(t *testing.T, s server.Store) {
	a := Report(id(1), "ana", 0)
	b := Report(id(2), "ben", 5)
	b.ListingID, b.URL = a.ListingID, "https://market.example/other-url"
	c := Report(id(3), "ben", 9)
	c.ListingID = ""
	d := Report(id(4), "ana", 12) // the same listing id on another platform: another listing
	d.ListingID, d.Platform = a.ListingID, "bazaar"
	for _, r := range []*server.Report{a, b, c, d} {
		create(t, s, r)
	}
	s.SetStatus(ctx, id(2), server.StatusConfirmed, "", "rita", t0)
	for _, tc := range []struct {
		listing server.Listing
		mod     string
		want    server.ListingReports
	}{
		{server.Listing{Platform: "market", ListingID: a.ListingID}, "ana", server.ListingReports{Count: 2, ByYou: 1, FirstReportedAt: t0, Status: server.StatusConfirmed}},
		{server.Listing{Platform: "market", ListingID: a.ListingID}, "cleo", server.ListingReports{Count: 2, ByYou: 0, FirstReportedAt: t0, Status: server.StatusConfirmed}},
		{server.Listing{Platform: "bazaar", ListingID: a.ListingID}, "ana", server.ListingReports{Count: 1, ByYou: 1, FirstReportedAt: t0.Add(12 * time.Minute), Status: server.StatusNew}},
		{server.Listing{URL: c.URL}, "ben", server.ListingReports{Count: 1, ByYou: 1, FirstReportedAt: t0.Add(9 * time.Minute), Status: server.StatusNew}},
		{server.Listing{URL: "https://nowhere.example/"}, "ana", server.ListingReports{}},
	} {
		got, err := s.ListingReports(ctx, tc.listing, tc.mod)
		if err != nil || got.Count != tc.want.Count || got.ByYou != tc.want.ByYou || !got.FirstReportedAt.Equal(tc.want.FirstReportedAt) || got.Status != tc.want.Status {
			t.Errorf("ListingReports(%+v, %q) = %+v, %v; want %+v", tc.listing, tc.mod, got, err, tc.want)
		}
	}
}

func testDeleteDismissedEvidence(t *testing.T, s server.Store) {
	for i := 1; i <= 3; i++ {
		r := Report(id(i), "ana", i)
		r.Note, r.Screenshot, r.ScreenshotSHA256 = "seller also on chat", []byte("\x89PNG\r\n\x1a\n"), "feed"
		create(t, s, r)
	}
	s.SetStatus(ctx, id(1), server.StatusDismissed, "", "rita", t0)                      // old: cleared
	s.SetStatus(ctx, id(2), server.StatusDismissed, "", "rita", t0.Add(20*24*time.Hour)) // recent: kept
	s.SetStatus(ctx, id(3), server.StatusConfirmed, "", "rita", t0)                      // not dismissed: kept
	now := t0.Add(31 * 24 * time.Hour)
	n, err := s.DeleteDismissedEvidence(ctx, now.Add(-30*24*time.Hour), now)
	if err != nil || n != 1 {
		t.Fatalf("DeleteDismissedEvidence = %d, %v; want 1", n, err)
	}
	r1, _ := s.Report(ctx, id(1))
	if r1.Screenshot != nil || r1.Note != "" || r1.Matches[0].Snippet != "" || r1.Matches[0].Text != "" ||
		r1.Matches[0].TermID != "ivory" || r1.ScreenshotSHA256 != "feed" || !r1.EvidenceDeletedAt.Equal(now) {
		t.Errorf("cleared report keeps evidence or lost its hashes: %+v", r1)
	}
	for _, keep := range []string{id(2), id(3)} {
		r, _ := s.Report(ctx, keep)
		if r.Screenshot == nil || r.Note == "" || r.Matches[0].Snippet == "" || !r.EvidenceDeletedAt.IsZero() {
			t.Errorf("report %s lost evidence it should keep: %+v", keep, r)
		}
	}
	if n, _ := s.DeleteDismissedEvidence(ctx, now.Add(-30*24*time.Hour), now); n != 0 {
		t.Errorf("second run cleared %d, want 0", n)
	}
}

func testModerators(t *testing.T, s server.Store) {
	if err := s.AddModerator(ctx, server.Moderator{Name: "ana", TokenSHA256: "h1", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddModerator(ctx, server.Moderator{Name: "ana", TokenSHA256: "h2", CreatedAt: t0}); server.ErrorCode(err) != server.ECONFLICT {
		t.Errorf("duplicate name: %v, want conflict", err)
	}
	if m, err := s.ModeratorByToken(ctx, "h1"); err != nil || m.Name != "ana" {
		t.Errorf("ModeratorByToken(h1) = %+v, %v", m, err)
	}
	if _, err := s.ModeratorByToken(ctx, "h2"); server.ErrorCode(err) != server.EUNAUTHORIZED {
		t.Errorf("unknown token: %v", err)
	}
	if err := s.RevokeModerator(ctx, "ana", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ModeratorByToken(ctx, "h1"); server.ErrorCode(err) != server.EUNAUTHORIZED {
		t.Errorf("revoked token: %v, want unauthorized", err)
	}
	if err := s.RevokeModerator(ctx, "ana", t0); server.ErrorCode(err) != server.ENOTFOUND {
		t.Errorf("second revoke: %v, want not found", err)
	}
}

func testReviewers(t *testing.T, s server.Store) {
	if err := s.AddReviewer(ctx, server.Reviewer{Name: "rita", PasswordSHA256: "p1", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	// Adding again resets the password: the way to recover a lost one.
	if err := s.AddReviewer(ctx, server.Reviewer{Name: "rita", PasswordSHA256: "p2", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Reviewer(ctx, "rita"); err != nil || r.PasswordSHA256 != "p2" {
		t.Errorf("Reviewer = %+v, %v; want password p2", r, err)
	}
	if _, err := s.Reviewer(ctx, "nobody"); server.ErrorCode(err) != server.ENOTFOUND {
		t.Errorf("unknown reviewer: %v", err)
	}
}

func testLexicon(t *testing.T, s server.Store) {
	if _, err := s.LatestLexiconVersion(ctx); server.ErrorCode(err) != server.ENOTFOUND {
		t.Errorf("empty store: %v, want not found", err)
	}
	rel := func(v int64) server.LexiconRelease {
		return server.LexiconRelease{Version: v, ContentSHA256: "c", SHA256: fmt.Sprint("s", v), Signed: []byte(fmt.Sprint("bundle ", v)), PublishedAt: t0}
	}
	for _, step := range []struct {
		version int64
		code    string
	}{{2, ""}, {2, server.ECONFLICT}, {1, server.ECONFLICT}, {5, ""}} {
		err := s.PublishLexicon(ctx, rel(step.version))
		if (step.code == "" && err != nil) || (step.code != "" && server.ErrorCode(err) != step.code) {
			t.Errorf("publish %d: %v, want code %q", step.version, err, step.code)
		}
	}
	latest, err := s.LatestLexiconVersion(ctx)
	if err != nil || latest.Version != 5 || latest.SHA256 != "s5" || latest.Signed != nil {
		t.Errorf("latest = %+v, %v", latest, err)
	}
	if l, err := s.Lexicon(ctx, 2); err != nil || string(l.Signed) != "bundle 2" {
		t.Errorf("Lexicon(2) = %+v, %v", l, err)
	}
	if _, err := s.Lexicon(ctx, 3); server.ErrorCode(err) != server.ENOTFOUND {
		t.Errorf("Lexicon(3): %v", err)
	}
}

func testFalseAlarms(t *testing.T, s server.Store) {
	fa := func(n int, term, body string) *server.FalseAlarm {
		return &server.FalseAlarm{ID: id(n), Moderator: "ana", TermID: term, URL: "https://m.example/1", Text: "ivory", Snippet: "ivory white paint",
			LexiconVersion: 3, ReceivedAt: t0.Add(time.Duration(n) * time.Minute), BodySHA256: body}
	}
	for _, a := range []*server.FalseAlarm{fa(1, "ivory", "b1"), fa(2, "ivory", "b2"), fa(3, "horn", "b3")} {
		if _, created, err := s.CreateFalseAlarm(ctx, a); err != nil || !created {
			t.Fatalf("CreateFalseAlarm: %v %v", created, err)
		}
	}
	if _, created, err := s.CreateFalseAlarm(ctx, fa(1, "ivory", "b1")); err != nil || created {
		t.Errorf("repeat: created %v, %v; want not created, no error", created, err)
	}
	if _, _, err := s.CreateFalseAlarm(ctx, fa(1, "ivory", "other")); server.ErrorCode(err) != server.ECONFLICT {
		t.Errorf("reused id: %v", err)
	}
	counts, err := s.FalseAlarmsByTerm(ctx)
	if err != nil || len(counts) != 2 || counts[0].TermID != "ivory" || counts[0].Count != 2 || !counts[0].Last.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("FalseAlarmsByTerm = %+v, %v", counts, err)
	}
	list, err := s.FalseAlarms(ctx, "ivory", 10)
	if err != nil || len(list) != 2 || list[0].ID != id(2) || list[0].Snippet != "ivory white paint" {
		t.Errorf("FalseAlarms = %+v, %v", list, err)
	}
}

func testBackup(t *testing.T, s server.Store) {
	create(t, s, Report(id(1), "ana", 0))
	out := filepath.Join(t.TempDir(), "backup.db")
	err := s.Backup(ctx, out)
	if server.ErrorCode(err) == server.EUNSUPPORTED {
		t.Skip("store has no backup:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, out); server.ErrorCode(err) != server.EINVALID {
		t.Errorf("backup over an existing file: %v, want invalid", err)
	}
}
