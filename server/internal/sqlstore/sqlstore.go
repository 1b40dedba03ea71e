// Package sqlstore implements server.Store over database/sql for both SQLite and
// PostgreSQL: the queries are the same, written with ? placeholders and rebound for
// PostgreSQL; times are fixed-width UTC text in both so they sort and compare as text.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wildlens/wildlens/server"
)

// Dialect is what differs between the databases.
type Dialect struct {
	// Numbered is true for $1-style placeholders (PostgreSQL).
	Numbered bool
	// Migrations holds NNN_name.sql files applied in name order, each once.
	Migrations fs.FS
	// LockLexicon runs first in the publish transaction so two publishers cannot both
	// pass the version check ("" where write transactions are already serialised).
	LockLexicon string
	// Backup writes a consistent copy to path, or says how to back the database up.
	Backup func(ctx context.Context, db *sql.DB, path string) error
}

// Store is a server.Store. Reports are written by one goroutine that commits every
// report queued while the previous commit was syncing in one transaction (group
// commit): durability per report at the cost of one sync per batch.
type Store struct {
	db *sql.DB
	d  Dialect

	mu      sync.RWMutex // held for reading while sending on writes; Close takes it to close writes
	closed  bool
	writes  chan *pending
	stopped chan struct{}

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // the hot statements, parsed once
}

type pending struct {
	r       *server.Report
	stored  *server.Report
	created bool
	err     error
	done    chan struct{}
}

const maxBatch = 512

// New migrates db and starts the group committer.
func New(ctx context.Context, db *sql.DB, d Dialect) (*Store, error) {
	s := &Store{db: db, d: d, writes: make(chan *pending, maxBatch), stopped: make(chan struct{}), stmts: map[string]*sql.Stmt{}}
	if err := s.migrate(ctx); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	go s.groupCommit()
	return s, nil
}

// TimeFormat is how times are stored.
const TimeFormat = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeFormat)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(TimeFormat, s)
	return t
}

// q rebinds ? placeholders for the dialect.
func (s *Store) q(query string) string {
	if !s.d.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(s.d.Migrations, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM schema_migrations WHERE name = ?`), name).Scan(&n); err != nil || n > 0 {
				return err
			}
			body, err := fs.ReadFile(s.d.Migrations, name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`), name, fmtTime(time.Now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) tx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// prepared returns query (with ? placeholders) prepared once for the life of the store.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, s.q(query))
	if err != nil {
		return nil, err
	}
	s.stmts[query] = st
	return st, nil
}

// txExec runs a prepared statement inside tx.
func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

func (s *Store) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.writes)
	}
	s.mu.Unlock()
	<-s.stopped
	for _, st := range s.stmts {
		st.Close()
	}
	return s.db.Close()
}

func (s *Store) Backup(ctx context.Context, path string) error {
	return s.d.Backup(ctx, s.db, path)
}

// --- reports ---

func (s *Store) CreateReport(ctx context.Context, r *server.Report) (*server.Report, bool, error) {
	p := &pending{r: r, done: make(chan struct{})}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, false, errors.New("store is closed")
	}
	select {
	case s.writes <- p:
	case <-ctx.Done():
		s.mu.RUnlock()
		return nil, false, ctx.Err()
	}
	s.mu.RUnlock()
	// Once queued the report will be committed or fail with its batch; the caller
	// waits either way so a 2xx is only ever sent after the commit.
	<-p.done
	return p.stored, p.created, p.err
}

func (s *Store) groupCommit() {
	defer close(s.stopped)
	for first := range s.writes {
		batch := []*pending{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case p, ok := <-s.writes:
				if !ok {
					break drain
				}
				batch = append(batch, p)
			default:
				break drain
			}
		}
		err := s.tx(context.Background(), func(tx *sql.Tx) error {
			for _, p := range batch {
				if err := s.insertReport(tx, p); err != nil {
					return err
				}
			}
			return nil
		})
		for _, p := range batch {
			if err != nil {
				p.stored, p.created, p.err = nil, false, err
			}
			close(p.done)
		}
	}
}

const reportColumns = `id, moderator, url, title, client_time, lexicon_version, page_sha256, matches,
	verdict, score, extension_version, platform, listing_id, seller_id, note, received_at, body_sha256,
	screenshot_sha256, status, action, status_by, status_at, evidence_deleted_at, category, annotated_at`

// insertReport inserts p.r unless its id exists; a per-report conflict is p.err, a
// database failure is returned and fails the batch.
func (s *Store) insertReport(tx *sql.Tx, p *pending) error {
	ctx := context.Background()
	r := p.r
	matches, err := json.Marshal(r.Matches)
	if err != nil {
		return err
	}
	res, err := s.txExec(ctx, tx, `INSERT INTO reports (`+reportColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		r.ID, r.Moderator, r.URL, r.Title, fmtTime(r.ClientTime), r.LexiconVersion, r.PageSHA256, string(matches),
		r.Verdict, r.Score, r.ExtensionVersion, r.Platform, r.ListingID, r.SellerID, r.Note, fmtTime(r.ReceivedAt), r.BodySHA256,
		r.ScreenshotSHA256, string(server.StatusNew), "", "", "", "", string(r.Category), "")
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		stored, err := scanReport(tx.QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports WHERE id = ?`), r.ID))
		if err != nil {
			return err
		}
		if stored.BodySHA256 != r.BodySHA256 || stored.Moderator != r.Moderator {
			p.err = server.Errorf(server.ECONFLICT, "id %s was already used for a different report", r.ID)
			return nil
		}
		p.stored = stored
		return nil
	}
	for _, term := range r.TermIDs() {
		if _, err := s.txExec(ctx, tx, `INSERT INTO report_terms (term_id, report_id) VALUES (?, ?)`, term, r.ID); err != nil {
			return err
		}
	}
	if r.Screenshot != nil {
		if _, err := s.txExec(ctx, tx, `INSERT INTO screenshots (report_id, png) VALUES (?, ?)`, r.ID, r.Screenshot); err != nil {
			return err
		}
	}
	stored := *r
	stored.Status = server.StatusNew
	p.stored, p.created = &stored, true
	return nil
}

type scanner interface{ Scan(dest ...any) error }

func scanReport(row scanner) (*server.Report, error) {
	var r server.Report
	var clientTime, receivedAt, statusAt, deletedAt, annotatedAt, matches, status, action, category string
	err := row.Scan(&r.ID, &r.Moderator, &r.URL, &r.Title, &clientTime, &r.LexiconVersion, &r.PageSHA256, &matches,
		&r.Verdict, &r.Score, &r.ExtensionVersion, &r.Platform, &r.ListingID, &r.SellerID, &r.Note, &receivedAt, &r.BodySHA256,
		&r.ScreenshotSHA256, &status, &action, &r.StatusBy, &statusAt, &deletedAt, &category, &annotatedAt)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(matches), &r.Matches); err != nil {
		return nil, fmt.Errorf("report %s: matches: %w", r.ID, err)
	}
	r.ClientTime, r.ReceivedAt, r.StatusAt, r.EvidenceDeletedAt = parseTime(clientTime), parseTime(receivedAt), parseTime(statusAt), parseTime(deletedAt)
	r.Status, r.Action, r.Category, r.AnnotatedAt = server.Status(status), server.Action(action), server.Category(category), parseTime(annotatedAt)
	return &r, nil
}

func (s *Store) Report(ctx context.Context, id string) (*server.Report, error) {
	r, err := scanReport(s.db.QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, server.Errorf(server.ENOTFOUND, "no report %s", id)
	} else if err != nil {
		return nil, err
	}
	err = s.db.QueryRowContext(ctx, s.q(`SELECT png FROM screenshots WHERE report_id = ?`), id).Scan(&r.Screenshot)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	return r, nil
}

func (s *Store) Reports(ctx context.Context, f server.ReportFilter) ([]*server.Report, error) {
	var where []string
	var args []any
	if len(f.IDs) > 0 {
		where = append(where, "id IN (?"+strings.Repeat(", ?", len(f.IDs)-1)+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	if f.TermID != "" {
		where, args = append(where, "id IN (SELECT report_id FROM report_terms WHERE term_id = ?)"), append(args, f.TermID)
	}
	if f.Platform != "" {
		where, args = append(where, "platform = ?"), append(args, f.Platform)
	}
	if f.Category != "" {
		where, args = append(where, "category = ?"), append(args, string(f.Category))
	}
	if !f.From.IsZero() {
		where, args = append(where, "received_at >= ?"), append(args, fmtTime(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "received_at < ?"), append(args, fmtTime(f.To))
	}
	query := `SELECT ` + reportColumns + ` FROM reports`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = server.DefaultReportLimit
	}
	query += " ORDER BY received_at DESC, id LIMIT " + strconv.Itoa(limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*server.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) SetStatus(ctx context.Context, id string, to server.Status, action server.Action, by string, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var from string
		err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM reports WHERE id = ?`), id).Scan(&from)
		if errors.Is(err, sql.ErrNoRows) {
			return server.Errorf(server.ENOTFOUND, "no report %s", id)
		} else if err != nil {
			return err
		}
		if err := server.CheckTransition(server.Status(from), to, action); err != nil {
			return err
		}
		// The status condition makes a concurrent change by another reviewer lose
		// cleanly instead of being overwritten.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE reports SET status = ?, action = ?, status_by = ?, status_at = ? WHERE id = ? AND status = ?`),
			string(to), string(action), by, fmtTime(at), id, from)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return server.Errorf(server.ECONFLICT, "report %s changed meanwhile; reload it", id)
		}
		detail := ""
		if action != server.ActionNone {
			detail = "action " + string(action)
		}
		return s.addAudit(ctx, tx, server.AuditEntry{At: at, Actor: by, Action: "status " + string(to), ReportIDs: []string{id}, Detail: detail})
	})
}

func (s *Store) AnnotateReport(ctx context.Context, id, moderator string, a server.Annotation, at time.Time) (*server.Report, error) {
	var stored *server.Report
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r, err := scanReport(tx.QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports WHERE id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return server.Errorf(server.ENOTFOUND, "no report %s", id)
		} else if err != nil {
			return err
		}
		if r.Moderator != moderator {
			return server.Errorf(server.EFORBIDDEN, "report %s was filed by another moderator; only they can change its note and category", id)
		}
		if !r.EvidenceDeletedAt.IsZero() {
			return server.Errorf(server.ECONFLICT, "report %s was dismissed and its evidence deleted; it takes no more notes", id)
		}
		var changed []string
		if a.Note != nil && *a.Note != r.Note {
			r.Note, changed = *a.Note, append(changed, "note")
		}
		if a.Category != nil && *a.Category != r.Category {
			label := "category " + string(*a.Category)
			if *a.Category == server.CategoryNone {
				label = "category cleared"
			}
			r.Category, changed = *a.Category, append(changed, label)
		}
		stored = r
		if len(changed) == 0 {
			return nil
		}
		r.AnnotatedAt = at
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE reports SET note = ?, category = ?, annotated_at = ? WHERE id = ?`),
			r.Note, string(r.Category), fmtTime(at), id); err != nil {
			return err
		}
		// Reviewers see in the audit log that a report changed after it came in.
		return s.addAudit(ctx, tx, server.AuditEntry{At: at, Actor: "moderator " + moderator, Action: "annotate", ReportIDs: []string{id}, Detail: strings.Join(changed, ", ")})
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

func (s *Store) ListingReports(ctx context.Context, l server.Listing, moderator string) (server.ListingReports, error) {
	cond, keys := "url = ?", []any{l.URL}
	if l.ListingID != "" {
		cond, keys = "listing_id = ? AND platform = ?", []any{l.ListingID, l.Platform}
	}
	var out server.ListingReports
	var first string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT count(*), CAST(coalesce(sum(CASE WHEN moderator = ? THEN 1 ELSE 0 END), 0) AS INTEGER), coalesce(min(received_at), '')
		FROM reports WHERE `+cond), append([]any{moderator}, keys...)...).Scan(&out.Count, &out.ByYou, &first)
	if err != nil {
		return out, err
	}
	out.FirstReportedAt = parseTime(first)
	if out.Count > 0 {
		var status string
		err := s.db.QueryRowContext(ctx, s.q(`SELECT status FROM reports WHERE `+cond+` ORDER BY received_at DESC LIMIT 1`), keys...).Scan(&status)
		if err != nil {
			return out, err
		}
		out.Status = server.Status(status)
	}
	return out, nil
}

func (s *Store) DeleteDismissedEvidence(ctx context.Context, dismissedBefore, now time.Time) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports
			WHERE status = ? AND status_at < ? AND evidence_deleted_at = ''`), string(server.StatusDismissed), fmtTime(dismissedBefore))
		if err != nil {
			return err
		}
		var reports []*server.Report
		for rows.Next() {
			r, err := scanReport(rows)
			if err != nil {
				rows.Close()
				return err
			}
			reports = append(reports, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range reports {
			// Term ids and hashes stay: they are what statistics and the audit need.
			for i := range r.Matches {
				r.Matches[i].Text, r.Matches[i].Snippet = "", ""
			}
			matches, _ := json.Marshal(r.Matches)
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE reports SET matches = ?, note = '', evidence_deleted_at = ? WHERE id = ?`),
				string(matches), fmtTime(now), r.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM screenshots WHERE report_id = ?`), r.ID); err != nil {
				return err
			}
		}
		n = len(reports)
		return nil
	})
	return n, err
}

// --- accounts ---

func (s *Store) AddModerator(ctx context.Context, m server.Moderator) error {
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO moderators (name, token_sha256, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`),
		m.Name, m.TokenSHA256, fmtTime(m.CreatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return server.Errorf(server.ECONFLICT, "moderator %q exists (revoke does not free the name)", m.Name)
	}
	return nil
}

func (s *Store) RevokeModerator(ctx context.Context, name string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE moderators SET revoked_at = ? WHERE name = ? AND revoked_at = ''`), fmtTime(at), name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return server.Errorf(server.ENOTFOUND, "no moderator %q with a valid token", name)
	}
	return nil
}

func (s *Store) ModeratorByToken(ctx context.Context, tokenSHA256 string) (*server.Moderator, error) {
	var m server.Moderator
	var created, revoked string
	st, err := s.prepared(ctx, `SELECT name, token_sha256, created_at, revoked_at FROM moderators WHERE token_sha256 = ?`)
	if err != nil {
		return nil, err
	}
	err = st.QueryRowContext(ctx, tokenSHA256).Scan(&m.Name, &m.TokenSHA256, &created, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked != "") {
		return nil, server.Errorf(server.EUNAUTHORIZED, "unknown or revoked token")
	} else if err != nil {
		return nil, err
	}
	m.CreatedAt = parseTime(created)
	return &m, nil
}

func (s *Store) AddReviewer(ctx context.Context, r server.Reviewer) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO reviewers (name, password_sha256, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET password_sha256 = excluded.password_sha256`),
		r.Name, r.PasswordSHA256, fmtTime(r.CreatedAt))
	return err
}

func (s *Store) Reviewer(ctx context.Context, name string) (*server.Reviewer, error) {
	var r server.Reviewer
	var created string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT name, password_sha256, created_at FROM reviewers WHERE name = ?`), name).Scan(&r.Name, &r.PasswordSHA256, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, server.Errorf(server.ENOTFOUND, "no reviewer %q", name)
	} else if err != nil {
		return nil, err
	}
	r.CreatedAt = parseTime(created)
	return &r, nil
}

// --- lexicon ---

func (s *Store) PublishLexicon(ctx context.Context, l server.LexiconRelease) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.d.LockLexicon != "" {
			if _, err := tx.ExecContext(ctx, s.d.LockLexicon); err != nil {
				return err
			}
		}
		var latest int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM lexicon_releases`).Scan(&latest); err != nil {
			return err
		}
		if l.Version <= latest {
			return server.Errorf(server.ECONFLICT, "version %d is not above the published version %d (to roll back, republish the old content under version %d)", l.Version, latest, latest+1)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO lexicon_releases (version, content_sha256, sha256, signed, published_at) VALUES (?, ?, ?, ?, ?)`),
			l.Version, l.ContentSHA256, l.SHA256, l.Signed, fmtTime(l.PublishedAt))
		return err
	})
}

func (s *Store) LatestLexiconVersion(ctx context.Context) (*server.LexiconRelease, error) {
	var l server.LexiconRelease
	var published string
	err := s.db.QueryRowContext(ctx, `SELECT version, content_sha256, sha256, published_at FROM lexicon_releases ORDER BY version DESC LIMIT 1`).
		Scan(&l.Version, &l.ContentSHA256, &l.SHA256, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, server.Errorf(server.ENOTFOUND, "no lexicon published yet")
	} else if err != nil {
		return nil, err
	}
	l.PublishedAt = parseTime(published)
	return &l, nil
}

func (s *Store) Lexicon(ctx context.Context, version int64) (*server.LexiconRelease, error) {
	l := server.LexiconRelease{Version: version}
	var published string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT content_sha256, sha256, signed, published_at FROM lexicon_releases WHERE version = ?`), version).
		Scan(&l.ContentSHA256, &l.SHA256, &l.Signed, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, server.Errorf(server.ENOTFOUND, "no lexicon version %d", version)
	} else if err != nil {
		return nil, err
	}
	l.PublishedAt = parseTime(published)
	return &l, nil
}

// --- false alarms ---

const falseAlarmColumns = `id, moderator, term_id, url, text, snippet, lexicon_version, received_at, body_sha256`

func scanFalseAlarm(row scanner) (*server.FalseAlarm, error) {
	var a server.FalseAlarm
	var received string
	if err := row.Scan(&a.ID, &a.Moderator, &a.TermID, &a.URL, &a.Text, &a.Snippet, &a.LexiconVersion, &received, &a.BodySHA256); err != nil {
		return nil, err
	}
	a.ReceivedAt = parseTime(received)
	return &a, nil
}

func (s *Store) CreateFalseAlarm(ctx context.Context, a *server.FalseAlarm) (*server.FalseAlarm, bool, error) {
	var stored *server.FalseAlarm
	created := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO false_alarms (`+falseAlarmColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`),
			a.ID, a.Moderator, a.TermID, a.URL, a.Text, a.Snippet, a.LexiconVersion, fmtTime(a.ReceivedAt), a.BodySHA256)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			stored, created = a, true
			return nil
		}
		stored, err = scanFalseAlarm(tx.QueryRowContext(ctx, s.q(`SELECT `+falseAlarmColumns+` FROM false_alarms WHERE id = ?`), a.ID))
		if err != nil {
			return err
		}
		if stored.BodySHA256 != a.BodySHA256 || stored.Moderator != a.Moderator {
			return server.Errorf(server.ECONFLICT, "id %s was already used for a different false alarm", a.ID)
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return stored, created, nil
}

func (s *Store) FalseAlarmsByTerm(ctx context.Context) ([]server.TermFalseAlarms, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT term_id, count(*), max(received_at) FROM false_alarms GROUP BY term_id ORDER BY count(*) DESC, term_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.TermFalseAlarms
	for rows.Next() {
		var t server.TermFalseAlarms
		var last string
		if err := rows.Scan(&t.TermID, &t.Count, &last); err != nil {
			return nil, err
		}
		t.Last = parseTime(last)
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Store) FalseAlarms(ctx context.Context, termID string, limit int) ([]*server.FalseAlarm, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+falseAlarmColumns+` FROM false_alarms WHERE term_id = ? ORDER BY received_at DESC LIMIT `+strconv.Itoa(limit)), termID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*server.FalseAlarm
	for rows.Next() {
		a, err := scanFalseAlarm(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// --- audit ---

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Store) addAudit(ctx context.Context, db execer, e server.AuditEntry) error {
	ids, _ := json.Marshal(append([]string{}, e.ReportIDs...))
	_, err := db.ExecContext(ctx, s.q(`INSERT INTO audit_log (at, actor, action, report_ids, detail) VALUES (?, ?, ?, ?, ?)`),
		fmtTime(e.At), e.Actor, e.Action, string(ids), e.Detail)
	return err
}

func (s *Store) AddAudit(ctx context.Context, e server.AuditEntry) error {
	return s.addAudit(ctx, s.db, e)
}

func (s *Store) AuditLog(ctx context.Context, limit int) ([]server.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, actor, action, report_ids, detail FROM audit_log ORDER BY id DESC LIMIT `+strconv.Itoa(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []server.AuditEntry
	for rows.Next() {
		var e server.AuditEntry
		var at, ids string
		if err := rows.Scan(&at, &e.Actor, &e.Action, &ids, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		json.Unmarshal([]byte(ids), &e.ReportIDs)
		out = append(out, e)
	}
	return out, rows.Err()
}

var _ server.Store = (*Store)(nil)
