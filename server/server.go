// Package server is wildlens's report intake and lexicon distribution: the domain types,
// their validation and the Store they live in. Adapters sit beside it: server/sqlite and
// server/postgres implement Store, server/http serves the API and the reviewer pages.
package server

import (
	"context"
	"time"
)

// Report is one moderator's report of one listing, as received and as reviewed.
type Report struct {
	ID               string // client-chosen UUID: the idempotency key
	Moderator        string // name of the moderator whose token filed it
	URL              string
	Title            string
	ClientTime       time.Time
	LexiconVersion   int64
	PageSHA256       string // of the page's visible text, computed by the extension
	Matches          []Match
	Verdict          string
	Score            float64
	ExtensionVersion string
	Platform         string
	ListingID        string
	SellerID         string
	Note             string
	Category         Category
	Screenshot       []byte // PNG; nil when none was sent or retention deleted it

	// Stamped by the server on receipt.
	ReceivedAt       time.Time
	BodySHA256       string // of the exact request body
	ScreenshotSHA256 string // "" when no screenshot was sent
	// AnnotatedAt is when the filing moderator last changed the note or category after
	// filing (zero if never). The body hash stays that of the report as filed.
	AnnotatedAt time.Time

	// The review.
	Status            Status
	Action            Action
	StatusBy          string
	StatusAt          time.Time // zero while new
	EvidenceDeletedAt time.Time // zero unless retention deleted the evidence
}

// Match is one highlighted span the report carries (a subset of wasm/match.Match plus
// the snippet around it).
type Match struct {
	TermID  string `json:"term_id"`
	Term    string `json:"term"`
	Text    string `json:"text"`
	Start16 int    `json:"start16"`
	End16   int    `json:"end16"`
	Snippet string `json:"snippet"`
}

// TermIDs returns the distinct term ids of r's matches in first-seen order.
func (r *Report) TermIDs() []string {
	seen := map[string]bool{}
	var ids []string
	for _, m := range r.Matches {
		if !seen[m.TermID] {
			seen[m.TermID] = true
			ids = append(ids, m.TermID)
		}
	}
	return ids
}

// Receipt is what the server answers to a report: the same for the first submission
// and for every repeat of the same id.
type Receipt struct {
	ID               string    `json:"id"`
	ReceivedAt       time.Time `json:"received_at"`
	BodySHA256       string    `json:"body_sha256"`
	ScreenshotSHA256 string    `json:"screenshot_sha256,omitempty"`
}

func (r *Report) Receipt() Receipt {
	return Receipt{ID: r.ID, ReceivedAt: r.ReceivedAt, BodySHA256: r.BodySHA256, ScreenshotSHA256: r.ScreenshotSHA256}
}

// ReportFilter selects reports for the reviewer queue and exports. Zero fields do not
// filter.
type ReportFilter struct {
	IDs      []string
	Status   Status
	TermID   string
	Platform string
	Category Category
	From, To time.Time // received_at in [From, To)
	Limit    int       // 0 means DefaultReportLimit
}

const DefaultReportLimit = 500

// Annotation is what the moderator who filed a report adds or changes later: a nil
// field keeps what is stored, an empty note or category clears it. Applying the same
// annotation twice leaves the same report.
type Annotation struct {
	Note     *string
	Category *Category
}

// AnnotationReceipt is the API's answer to an annotation: the report's note and
// category as they now are.
type AnnotationReceipt struct {
	ID          string    `json:"id"`
	Note        string    `json:"note"`
	Category    Category  `json:"category"`
	AnnotatedAt time.Time `json:"annotated_at,omitzero"`
}

func (r *Report) AnnotationReceipt() AnnotationReceipt {
	return AnnotationReceipt{ID: r.ID, Note: r.Note, Category: r.Category, AnnotatedAt: r.AnnotatedAt}
}

// Listing names a listing: by platform and listing id where the page shows an id
// (listing ids are only unique within a platform), else by URL.
type Listing struct {
	URL       string
	Platform  string
	ListingID string
}

// ListingReports tells a moderator whether a listing was already reported.
type ListingReports struct {
	Count           int       `json:"count"`                      // reports by anyone
	ByYou           int       `json:"by_you"`                     // reports by the asking moderator
	FirstReportedAt time.Time `json:"first_reported_at,omitzero"` // zero when Count is 0
	Status          Status    `json:"status,omitempty"`           // of the latest report
}

// Moderator holds a report token. Only the token's SHA-256 is stored.
type Moderator struct {
	Name        string
	TokenSHA256 string
	CreatedAt   time.Time
	RevokedAt   time.Time // zero while the token is valid
}

// Reviewer is an account for the reviewer pages. Only the password's SHA-256 is stored:
// passwords are generated (256 random bits), so a slow hash would protect nothing.
type Reviewer struct {
	Name           string
	PasswordSHA256 string
	CreatedAt      time.Time
}

// LexiconRelease is one published signed bundle.
type LexiconRelease struct {
	Version       int64
	ContentSHA256 string // the bundle's own content hash
	SHA256        string // of Signed, the exact bytes served
	Signed        []byte // nil in LatestLexiconVersion's answer
	PublishedAt   time.Time
}

// FalseAlarm is a moderator's "not trade" mark on one highlight.
type FalseAlarm struct {
	ID             string    `json:"id"`
	Moderator      string    `json:"moderator"`
	TermID         string    `json:"term_id"`
	URL            string    `json:"url"`
	Text           string    `json:"text"`
	Snippet        string    `json:"snippet"`
	LexiconVersion int64     `json:"lexicon_version"`
	ReceivedAt     time.Time `json:"received_at"`
	BodySHA256     string    `json:"body_sha256"`
}

// TermFalseAlarms counts the false alarms of one term, for lexicon maintainers.
type TermFalseAlarms struct {
	TermID string
	Count  int
	Last   time.Time
}

// AuditEntry records an export or a status change.
type AuditEntry struct {
	At        time.Time
	Actor     string // reviewer name, or "cli" for the command line
	Action    string // e.g. "status confirmed", "export csv"
	ReportIDs []string
	Detail    string
}

// Store holds everything the server keeps. Implementations: server/sqlite (the default,
// a file in --data) and server/postgres (chosen by --db). Both pass server/storetest.
type Store interface {
	// CreateReport stores r, stamped by the caller, and returns it with created=true; for
	// an id already stored with the same body and moderator it writes nothing and
	// returns the stored report with created=false; for an id stored with another body
	// it returns ECONFLICT. A nil error means the report is committed durably.
	CreateReport(ctx context.Context, r *Report) (stored *Report, created bool, err error)
	Report(ctx context.Context, id string) (*Report, error)
	// Reports returns the reports filter selects, newest first, without screenshots.
	Reports(ctx context.Context, f ReportFilter) ([]*Report, error)
	// SetStatus moves a report along the workflow (see CanTransition) and appends an
	// audit entry, in one transaction.
	SetStatus(ctx context.Context, id string, to Status, action Action, by string, at time.Time) error
	// AnnotateReport applies a to report id for moderator, who must be the one who filed
	// it (else EFORBIDDEN; ENOTFOUND for an unknown id; ECONFLICT once retention deleted
	// the evidence). It stamps AnnotatedAt with at and adds an audit entry only when
	// something changed, so a repeat changes nothing. It returns the report as stored.
	AnnotateReport(ctx context.Context, id, moderator string, a Annotation, at time.Time) (*Report, error)
	// ListingReports counts the reports of a listing, and those by one moderator.
	ListingReports(ctx context.Context, l Listing, moderator string) (ListingReports, error)
	// DeleteDismissedEvidence deletes the screenshot, snippets, matched text and note of
	// reports dismissed before the given time, and returns how many it cleared.
	DeleteDismissedEvidence(ctx context.Context, dismissedBefore, now time.Time) (int, error)

	AddModerator(ctx context.Context, m Moderator) error
	RevokeModerator(ctx context.Context, name string, at time.Time) error
	// ModeratorByToken returns the moderator whose token hashes to tokenSHA256, or
	// EUNAUTHORIZED when there is none or it was revoked.
	ModeratorByToken(ctx context.Context, tokenSHA256 string) (*Moderator, error)

	AddReviewer(ctx context.Context, r Reviewer) error
	Reviewer(ctx context.Context, name string) (*Reviewer, error)

	// PublishLexicon stores a release; a version not above the latest is ECONFLICT.
	PublishLexicon(ctx context.Context, l LexiconRelease) error
	// LatestLexiconVersion returns the latest release without its bytes (cheap enough to
	// poll every second), or ENOTFOUND when nothing was published.
	LatestLexiconVersion(ctx context.Context) (*LexiconRelease, error)
	Lexicon(ctx context.Context, version int64) (*LexiconRelease, error)

	// CreateFalseAlarm is idempotent by id like CreateReport.
	CreateFalseAlarm(ctx context.Context, a *FalseAlarm) (stored *FalseAlarm, created bool, err error)
	FalseAlarmsByTerm(ctx context.Context) ([]TermFalseAlarms, error)
	FalseAlarms(ctx context.Context, termID string, limit int) ([]*FalseAlarm, error)

	AddAudit(ctx context.Context, e AuditEntry) error
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)

	// Backup writes a consistent copy of the store to path while it is in use.
	Backup(ctx context.Context, path string) error
	Close() error
}
