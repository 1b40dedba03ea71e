package server

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportedReport is a report as exported for platforms and police: everything but the
// screenshot bytes, whose SHA-256 identifies the image kept on the server.
type ExportedReport struct {
	ID                string    `json:"id"`
	ReceivedAt        time.Time `json:"received_at"`
	Moderator         string    `json:"moderator"`
	Status            Status    `json:"status"`
	Action            Action    `json:"action,omitempty"`
	StatusBy          string    `json:"status_by,omitempty"`
	StatusAt          string    `json:"status_at,omitempty"`
	URL               string    `json:"url"`
	Title             string    `json:"title"`
	Platform          string    `json:"platform,omitempty"`
	ListingID         string    `json:"listing_id,omitempty"`
	SellerID          string    `json:"seller_id,omitempty"`
	ClientTime        time.Time `json:"client_time"`
	Verdict           string    `json:"verdict"`
	Score             float64   `json:"score"`
	LexiconVersion    int64     `json:"lexicon_version"`
	ExtensionVersion  string    `json:"extension_version"`
	Note              string    `json:"note,omitempty"`
	Category          Category  `json:"category,omitempty"`
	AnnotatedAt       string    `json:"annotated_at,omitempty"`
	Matches           []Match   `json:"matches"`
	PageSHA256        string    `json:"page_sha256"`
	BodySHA256        string    `json:"body_sha256"`
	ScreenshotSHA256  string    `json:"screenshot_sha256,omitempty"`
	EvidenceDeletedAt string    `json:"evidence_deleted_at,omitempty"`
}

func rfc3339OrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func Export(r *Report) ExportedReport {
	return ExportedReport{
		ID: r.ID, ReceivedAt: r.ReceivedAt, Moderator: r.Moderator, Status: r.Status, Action: r.Action,
		StatusBy: r.StatusBy, StatusAt: rfc3339OrEmpty(r.StatusAt), URL: r.URL, Title: r.Title, Platform: r.Platform,
		ListingID: r.ListingID, SellerID: r.SellerID, ClientTime: r.ClientTime, Verdict: r.Verdict, Score: r.Score,
		LexiconVersion: r.LexiconVersion, ExtensionVersion: r.ExtensionVersion, Note: r.Note, Category: r.Category,
		AnnotatedAt: rfc3339OrEmpty(r.AnnotatedAt), Matches: r.Matches,
		PageSHA256: r.PageSHA256, BodySHA256: r.BodySHA256, ScreenshotSHA256: r.ScreenshotSHA256,
		EvidenceDeletedAt: rfc3339OrEmpty(r.EvidenceDeletedAt),
	}
}

// WriteJSON writes reports as one JSON array.
func WriteJSON(w io.Writer, reports []*Report) error {
	out := make([]ExportedReport, len(reports))
	for i, r := range reports {
		out[i] = Export(r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// CSVHeader is the first row of a CSV export. Terms are term ids joined by ";". New
// columns go at the end, so spreadsheets that read columns by position keep working.
var CSVHeader = []string{"id", "received_at", "moderator", "status", "action", "status_by", "status_at", "url", "title",
	"platform", "listing_id", "seller_id", "verdict", "score", "lexicon_version", "terms", "page_sha256", "body_sha256",
	"screenshot_sha256", "evidence_deleted_at", "category", "annotated_at"}

// WriteCSV writes reports one per row under CSVHeader.
func WriteCSV(w io.Writer, reports []*Report) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, r := range reports {
		e := Export(r)
		row := []string{e.ID, rfc3339OrEmpty(e.ReceivedAt), e.Moderator, string(e.Status), string(e.Action), e.StatusBy, e.StatusAt,
			e.URL, e.Title, e.Platform, e.ListingID, e.SellerID, e.Verdict, strconv.FormatFloat(e.Score, 'g', -1, 64),
			strconv.FormatInt(e.LexiconVersion, 10), strings.Join(r.TermIDs(), ";"), e.PageSHA256, e.BodySHA256,
			e.ScreenshotSHA256, e.EvidenceDeletedAt, string(e.Category), e.AnnotatedAt}
		for i, cell := range row {
			row[i] = defuseFormula(cell)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// defuseFormula keeps a spreadsheet from running a cell (titles and URLs come from
// sellers' pages) as a formula.
func defuseFormula(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
