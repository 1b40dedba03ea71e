package http_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wildlens/wildlens/server"
	wlhttp "github.com/wildlens/wildlens/server/http"
	"github.com/wildlens/wildlens/server/sqlite"
)

var (
	ctx = context.Background()
	now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

const (
	token     = "wlm_test-token-of-ana"
	reportID  = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
	pageHash  = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	validBody = `{"id":"` + reportID + `","url":"https://market.example/item/42","title":"Old carved ivory bangle",
"client_time":"2026-03-01T11:59:58Z","lexicon_version":3,"page_sha256":"` + pageHash + `",
"matches":[{"term_id":"ivory","term":"ivory","text":"ivory","start16":11,"end16":16,"snippet":"Old carved ivory bangle"}],
"verdict":"flag","score":3.5,"extension_version":"0.1.0","platform":"market","listing_id":"42","seller_id":"s9"}`
)

// env is a server over a real SQLite file behind a real listener.
type env struct {
	store  server.Store
	server *wlhttp.Server
	url    string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	store, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.AddModerator(ctx, server.Moderator{Name: "ana", TokenSHA256: server.HashSecret(token), CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	s := wlhttp.New(store, slog.New(slog.DiscardHandler), func() time.Time { return now })
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() { s.Close(); ts.Close() })
	return &env{store: store, server: s, url: ts.URL}
}

// noRedirects shows redirects as they are (the reviewer forms answer 303).
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

type response struct {
	status int
	header http.Header
	body   string
}

func (e *env) do(t *testing.T, method, path, body string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (e *env) report(t *testing.T, body string) response {
	t.Helper()
	return e.do(t, "POST", "/v1/reports", body, "Authorization", "Bearer "+token, "Content-Type", "application/json")
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestCreateReport(t *testing.T) {
	e := newEnv(t)
	want := `{"id":"` + reportID + `","received_at":"2026-03-01T12:00:00Z","body_sha256":"` + sha(validBody) + `"}` + "\n"
	if got := e.report(t, validBody); got.status != 201 || got.body != want {
		t.Fatalf("first POST = %d %s; want 201 %s", got.status, got.body, want)
	}
	if got := e.report(t, validBody); got.status != 200 || got.body != want {
		t.Fatalf("repeat POST = %d %s; want 200 and the original receipt", got.status, got.body)
	}
	stored, err := e.store.Report(ctx, reportID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Moderator != "ana" || stored.Title != "Old carved ivory bangle" || stored.Matches[0].Snippet != "Old carved ivory bangle" ||
		stored.Matches[0].Start16 != 11 || stored.SellerID != "s9" || !stored.ReceivedAt.Equal(now) {
		t.Errorf("stored = %+v", stored)
	}
	other := strings.Replace(validBody, "Old carved", "New carved", 1)
	if got := e.report(t, other); got.status != 409 || !strings.Contains(got.body, `"error":"id `+reportID+` was already used for a different report"`) {
		t.Errorf("reused id = %d %s; want 409", got.status, got.body)
	}
}

func TestCreateReportScreenshot(t *testing.T) {
	e := newEnv(t)
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	body := strings.Replace(validBody, `"seller_id":"s9"`, `"seller_id":"s9","screenshot_png":"`+base64.StdEncoding.EncodeToString([]byte(png))+`"`, 1)
	got := e.report(t, body)
	if got.status != 201 || !strings.Contains(got.body, `"screenshot_sha256":"`+sha(png)+`"`) {
		t.Fatalf("POST = %d %s; want 201 with the screenshot's SHA-256", got.status, got.body)
	}
	stored, _ := e.store.Report(ctx, reportID)
	if string(stored.Screenshot) != png {
		t.Errorf("stored screenshot = %q", stored.Screenshot)
	}
}

// replace returns validBody with one substring replaced, failing if it is absent.
func replace(t *testing.T, old, new string) string {
	if !strings.Contains(validBody, old) {
		t.Fatalf("validBody lacks %q", old)
	}
	return strings.Replace(validBody, old, new, 1)
}

// categories is the list the server's messages name, written out by hand.
const categories = "ivory, rhino_horn, pangolin, big_cat, bear, primate, reptile, bird, marine, medicine, other"

func TestBadReports(t *testing.T) {
	e := newEnv(t)
	e.store.AddModerator(ctx, server.Moderator{Name: "gone", TokenSHA256: server.HashSecret("wlm_revoked"), CreatedAt: now})
	e.store.RevokeModerator(ctx, "gone", now)
	b64 := base64.StdEncoding.EncodeToString
	bigPNG := b64(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, server.MaxScreenshotBytes)...))
	for _, tc := range []struct {
		name, auth, body string
		status           int
		msg              string
	}{
		{"no token", "", validBody, 401, "missing bearer token (Authorization: Bearer <moderator token>)"},
		{"not bearer", "Basic YTpi", validBody, 401, "missing bearer token (Authorization: Bearer <moderator token>)"},
		{"unknown token", "Bearer wlm_nobody", validBody, 401, "unknown or revoked token"},
		{"revoked token", "Bearer wlm_revoked", validBody, 401, "unknown or revoked token"},
		{"not JSON", "", "id=1", 400, "body is not a JSON object"},
		{"array", "", "[]", 400, "body is not a JSON object"},
		{"empty", "", "", 400, "body is not a JSON object"},
		{"trailing data", "", validBody + "{}", 400, "body holds data after the JSON object"},
		{"unknown field", "", replace(t, `"platform"`, `"colour":"red","platform"`), 400, `unknown field "colour"`},
		{"missing id", "", replace(t, `"id":"`+reportID+`",`, ""), 400, `field "id" is required`},
		{"missing url", "", replace(t, `"url":"https://market.example/item/42",`, ""), 400, `field "url" is required`},
		{"missing matches", "", replace(t, `"matches":[`, `"x_matches":[`), 400, `unknown field "x_matches"`},
		{"id not a UUID", "", replace(t, reportID, "report-1"), 400, `field "id": want a UUID like 0b9f7c1e-2d3a-4f5b-8c6d-7e8f9a0b1c2d`},
		{"url not http", "", replace(t, "https://market.example/item/42", "ftp://market.example/42"), 400, `field "url": want an absolute http or https URL`},
		{"url with credentials", "", replace(t, "https://market.example", "https://u:p@market.example"), 400, `field "url": must not carry credentials`},
		{"title a number", "", replace(t, `"Old carved ivory bangle",`, `7,`), 400, `field "title": want string, got number`},
		{"client_time not UTC", "", replace(t, "2026-03-01T11:59:58Z", "2026-03-01T19:59:58+08:00"), 400, `field "client_time": want an RFC 3339 UTC time like 2026-01-02T15:04:05Z`},
		{"lexicon_version zero", "", replace(t, `"lexicon_version":3`, `"lexicon_version":0`), 400, `field "lexicon_version": want a positive integer`},
		{"lexicon_version fraction", "", replace(t, `"lexicon_version":3`, `"lexicon_version":3.5`), 400, `field "lexicon_version": want integer, got number 3.5`},
		{"page_sha256 short", "", replace(t, pageHash, "abc"), 400, `field "page_sha256": want 64 lowercase hex digits`},
		{"matches not array", "", replace(t, `"matches":[`, `"matches":{"a":`), 400, "body is not a JSON object"},
		{"match without term_id", "", replace(t, `"term_id":"ivory",`, ""), 400, `field "matches[0].term_id" is required`},
		{"match backwards", "", replace(t, `"start16":11,"end16":16`, `"start16":16,"end16":11`), 400, `field "matches[0].end16": want 0 <= start16 < end16`},
		{"match offset a string", "", replace(t, `"start16":11`, `"start16":"11"`), 400, `field "matches.start16": want integer, got string`},
		{"verdict unknown", "", replace(t, `"verdict":"flag"`, `"verdict":"maybe"`), 400, `field "verdict": want "flag" or "clear"`},
		{"score negative", "", replace(t, `"score":3.5`, `"score":-1`), 400, `field "score": want a number not below 0`},
		{"extension_version empty", "", replace(t, `"extension_version":"0.1.0"`, `"extension_version":""`), 400, `field "extension_version" is empty`},
		{"title too long", "", replace(t, "Old carved ivory bangle\",", strings.Repeat("象", 2001)+`",`), 400, `field "title" is longer than 2000 characters`},
		{"category unknown", "", replace(t, `"platform"`, `"category":"elephant","platform"`), 400, `field "category": want one of ` + categories},
		{"category with a space", "", replace(t, `"platform"`, `"category":"rhino horn","platform"`), 400, `field "category": want one of ` + categories},
		{"category not a string", "", replace(t, `"platform"`, `"category":["ivory"],"platform"`), 400, `field "category": want string, got array`},
		{"screenshot not base64", "", replace(t, `"seller_id":"s9"`, `"seller_id":"s9","screenshot_png":"%%%"`), 400, `field "screenshot_png": want standard base64`},
		{"screenshot a JPEG", "", replace(t, `"seller_id":"s9"`, `"seller_id":"s9","screenshot_png":"`+b64([]byte("\xff\xd8\xff\xe0JFIF"))+`"`), 400, `field "screenshot_png": not a PNG image`},
		{"screenshot over 5 MB", "", replace(t, `"seller_id":"s9"`, `"seller_id":"s9","screenshot_png":"`+bigPNG+`"`), 413, `field "screenshot_png": screenshot is larger than 5242880 bytes`},
		{"body over the limit", "", replace(t, `"seller_id":"s9"`, `"seller_id":"s9","note":"`+strings.Repeat("x", server.MaxReportBody)+`"`), 413, "body is larger than 7514796 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			auth := tc.auth
			if auth == "" && !strings.HasPrefix(tc.name, "no token") {
				auth = "Bearer " + token
			}
			got := e.do(t, "POST", "/v1/reports", tc.body, "Authorization", auth)
			var body wlhttp.ErrorBody
			json.Unmarshal([]byte(got.body), &body)
			if got.status != tc.status || body.Error != tc.msg {
				t.Errorf("got %d %q; want %d %q", got.status, body.Error, tc.status, tc.msg)
			}
		})
	}
	if all, err := e.store.Reports(ctx, server.ReportFilter{}); err != nil || len(all) != 0 {
		t.Errorf("bad requests wrote %d reports (%v); want none", len(all), err)
	}
}

// TestAnnotateReport files a report with a category, then its moderator changes the
// note and category through PATCH /v1/reports/{id}, twice with the same body.
func TestAnnotateReport(t *testing.T) {
	e := newEnv(t)
	auth := e.reviewer(t)
	e.store.AddModerator(ctx, server.Moderator{Name: "ben", TokenSHA256: server.HashSecret("wlm_ben"), CreatedAt: now})
	if got := e.report(t, replace(t, `"platform"`, `"category":"bird","platform"`)); got.status != 201 {
		t.Fatalf("report: %d %s", got.status, got.body)
	}
	if r, _ := e.store.Report(ctx, reportID); r.Category != "bird" {
		t.Fatalf("category sent with the report: stored %q, want bird", r.Category)
	}
	path := "/v1/reports/" + reportID
	patch := func(auth, path, body string) response {
		return e.do(t, "PATCH", path, body, "Authorization", auth, "Content-Type", "application/json")
	}
	body := `{"note":"seen at the Lyon fair","category":"ivory"}`
	want := `{"id":"` + reportID + `","note":"seen at the Lyon fair","category":"ivory","annotated_at":"2026-03-01T12:00:00Z"}` + "\n"
	for i := range 2 {
		if got := patch("Bearer "+token, path, body); got.status != 200 || got.body != want {
			t.Fatalf("PATCH #%d = %d %s; want 200 %s", i+1, got.status, got.body, want)
		}
	}
	// An id in capitals names the same report.
	if got := patch("Bearer "+token, "/v1/reports/"+strings.ToUpper(reportID), `{"category":"ivory"}`); got.status != 200 || got.body != want {
		t.Errorf("PATCH with the id in capitals = %d %s", got.status, got.body)
	}

	for _, tc := range []struct {
		name, auth, path, body string
		status                 int
		msg                    string
	}{
		{"no token", "", path, body, 401, "missing bearer token (Authorization: Bearer <moderator token>)"},
		{"another moderator", "Bearer wlm_ben", path, `{"note":"mine now"}`, 403, "report " + reportID + " was filed by another moderator; only they can change its note and category"},
		{"unknown report", "", "/v1/reports/7a1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", body, 404, "no report 7a1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"},
		{"id not a UUID", "", "/v1/reports/42", body, 400, `report id "42": want a UUID like 0b9f7c1e-2d3a-4f5b-8c6d-7e8f9a0b1c2d`},
		{"category unknown", "", path, `{"category":"elephant"}`, 400, `field "category": want one of ` + categories},
		{"category a number", "", path, `{"category":3}`, 400, `field "category": want string, got number`},
		{"note too long", "", path, `{"note":"` + strings.Repeat("x", 10001) + `"}`, 400, `field "note" is longer than 10000 characters`},
		{"neither field", "", path, `{}`, 400, `body needs "note" or "category"`},
		{"a field of the report", "", path, `{"title":"New title"}`, 400, `unknown field "title"`},
		{"not JSON", "", path, "note=x", 400, "body is not a JSON object"},
		{"body over the limit", "", path, `{"note":"` + strings.Repeat("x", server.MaxAnnotationBody) + `"}`, 413, "body is larger than 65536 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.auth
			if a == "" && tc.name != "no token" {
				a = "Bearer " + token
			}
			got := patch(a, tc.path, tc.body)
			var body wlhttp.ErrorBody
			json.Unmarshal([]byte(got.body), &body)
			if got.status != tc.status || body.Error != tc.msg {
				t.Errorf("got %d %q; want %d %q", got.status, body.Error, tc.status, tc.msg)
			}
		})
	}

	r, err := e.store.Report(ctx, reportID)
	if err != nil || r.Note != "seen at the Lyon fair" || r.Category != "ivory" || !r.AnnotatedAt.Equal(now) || r.BodySHA256 != sha(replace(t, `"platform"`, `"category":"bird","platform"`)) {
		t.Errorf("stored after the refusals: note %q category %q annotated %v body %s (%v)", r.Note, r.Category, r.AnnotatedAt, r.BodySHA256, err)
	}
	page := e.do(t, "GET", "/review/reports/"+reportID, "", auth...)
	for _, want := range []string{"<tr><th>Category</th><td>ivory</td></tr>", "<tr><th>Note</th><td>seen at the Lyon fair</td></tr>",
		"by the reporting moderator at 2026-03-01 12:00:00Z"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	for _, tc := range []struct{ query, has string }{
		{"category=ivory", "Old carved ivory bangle"},
		{"category=bird", "No reports match"},
		{"category=ivory&status=dismissed", "No reports match"},
	} {
		if got := e.do(t, "GET", "/review/?"+tc.query, "", auth...); got.status != 200 || !strings.Contains(got.body, tc.has) {
			t.Errorf("queue?%s = %d; want %q", tc.query, got.status, tc.has)
		}
	}
	if got := e.do(t, "GET", "/review/?category=elephant", "", auth...); got.status != 400 || !strings.Contains(got.body, `field "category": want one of `+categories) {
		t.Errorf("queue?category=elephant = %d %s", got.status, got.body)
	}
	js := e.form(t, "/review/export", url.Values{"id": {reportID}, "format": {"json"}}, auth, "same-origin")
	if !strings.Contains(js.body, `"note": "seen at the Lyon fair",
    "category": "ivory",
    "annotated_at": "2026-03-01T12:00:00Z",`) {
		t.Errorf("JSON export lacks the note, category and annotation time:\n%s", js.body)
	}
	log, _ := e.store.AuditLog(ctx, 10)
	if len(log) < 2 || log[1].Action != "annotate" || log[1].Actor != "moderator ana" || log[1].Detail != "note, category ivory" {
		t.Errorf("audit log = %+v; want one annotate entry by moderator ana before the export", log)
	}
}

func TestReportStatusAndFalseAlarms(t *testing.T) {
	e := newEnv(t)
	auth := []string{"Authorization", "Bearer " + token}
	q := "/v1/reports/status?" + url.Values{"url": {"https://market.example/item/42"}}.Encode()
	if got := e.do(t, "GET", q, "", auth...); got.status != 200 || got.body != `{"count":0,"by_you":0}`+"\n" {
		t.Errorf("before: %d %s", got.status, got.body)
	}
	e.report(t, validBody)
	want := `{"count":1,"by_you":1,"first_reported_at":"2026-03-01T12:00:00Z","status":"new"}` + "\n"
	if got := e.do(t, "GET", "/v1/reports/status?platform=market&listing_id=42", "", auth...); got.status != 200 || got.body != want {
		t.Errorf("after: %d %s; want %s", got.status, got.body, want)
	}
	if got := e.do(t, "GET", "/v1/reports/status", "", auth...); got.status != 400 || !strings.Contains(got.body, "query needs url, or platform and listing_id") {
		t.Errorf("no query: %d %s", got.status, got.body)
	}
	if got := e.do(t, "GET", q, ""); got.status != 401 {
		t.Errorf("no token: %d", got.status)
	}

	alarm := `{"id":"0a0b0c0d-0000-4000-8000-000000000001","term_id":"ivory","url":"https://market.example/item/7","text":"ivory","snippet":"ivory white wall paint","lexicon_version":3}`
	if got := e.do(t, "POST", "/v1/false-alarms", alarm, auth...); got.status != 201 {
		t.Errorf("false alarm: %d %s", got.status, got.body)
	}
	if got := e.do(t, "POST", "/v1/false-alarms", alarm, auth...); got.status != 200 {
		t.Errorf("false alarm repeat: %d %s", got.status, got.body)
	}
	if got := e.do(t, "POST", "/v1/false-alarms", strings.Replace(alarm, `"term_id":"ivory",`, "", 1), auth...); got.status != 400 || !strings.Contains(got.body, `field \"term_id\" is required`) {
		t.Errorf("false alarm without term: %d %s", got.status, got.body)
	}
	counts, _ := e.store.FalseAlarmsByTerm(ctx)
	if len(counts) != 1 || counts[0].Count != 1 {
		t.Errorf("false alarms stored: %+v; want one for ivory", counts)
	}
}

func publish(t *testing.T, store server.Store, version int64, text string) server.LexiconRelease {
	t.Helper()
	rel := server.LexiconRelease{Version: version, ContentSHA256: sha("content " + text), SHA256: sha(text), Signed: []byte(text), PublishedAt: now}
	if err := store.PublishLexicon(ctx, rel); err != nil {
		t.Fatal(err)
	}
	return rel
}

func TestLexicon(t *testing.T) {
	e := newEnv(t)
	if got := e.do(t, "GET", "/v1/lexicon", ""); got.status != 404 || !strings.Contains(got.body, "no lexicon published yet") {
		t.Errorf("empty: %d %s", got.status, got.body)
	}
	publish(t, e.store, 1, "signed bundle one")
	tag1 := `"v1-` + sha("signed bundle one")[:16] + `"`
	got := e.do(t, "GET", "/v1/lexicon", "")
	if got.status != 200 || got.body != "signed bundle one" || got.header.Get("ETag") != tag1 || got.header.Get("X-Wildlens-Lexicon-Version") != "1" {
		t.Fatalf("GET = %d %q etag %s", got.status, got.body, got.header.Get("ETag"))
	}
	if got := e.do(t, "GET", "/v1/lexicon", "", "If-None-Match", tag1); got.status != 304 || got.body != "" {
		t.Errorf("If-None-Match current = %d %q; want 304", got.status, got.body)
	}
	publish(t, e.store, 2, "signed bundle two")
	e.server.RefreshLexicon(ctx)
	if got := e.do(t, "GET", "/v1/lexicon", "", "If-None-Match", tag1); got.status != 200 || got.body != "signed bundle two" {
		t.Errorf("If-None-Match old = %d %q; want 200 and version 2", got.status, got.body)
	}
	if got := e.do(t, "GET", "/v1/lexicon/1", ""); got.status != 200 || got.body != "signed bundle one" || !strings.Contains(got.header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET /v1/lexicon/1 = %d %q %v", got.status, got.body, got.header)
	}
	if got := e.do(t, "GET", "/v1/lexicon/3", ""); got.status != 404 || !strings.Contains(got.body, "no lexicon version 3") {
		t.Errorf("GET /v1/lexicon/3 = %d %s", got.status, got.body)
	}
	if got := e.do(t, "GET", "/v1/lexicon/latest", ""); got.status != 400 || !strings.Contains(got.body, `lexicon version \"latest\" is not a positive integer`) {
		t.Errorf("GET /v1/lexicon/latest = %d %s", got.status, got.body)
	}
	metrics := e.do(t, "GET", "/metrics", "").body
	for _, want := range []string{`wildlens_lexicon_fetches_total{status="200"} 3`, `wildlens_lexicon_fetches_total{status="304"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestCORS(t *testing.T) {
	e := newEnv(t)
	ext := "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
	got := e.do(t, "OPTIONS", "/v1/reports", "", "Origin", ext, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type")
	if got.status != 204 || got.header.Get("Access-Control-Allow-Origin") != ext || !strings.Contains(got.header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("extension preflight = %d %v", got.status, got.header)
	}
	if got := e.do(t, "GET", "/v1/lexicon", "", "Origin", ext); got.header.Get("Access-Control-Allow-Origin") != ext || !strings.Contains(got.header.Get("Access-Control-Expose-Headers"), "ETag") {
		t.Errorf("extension GET lacks CORS headers: %v", got.header)
	}
	patch := e.do(t, "OPTIONS", "/v1/reports/"+reportID, "", "Origin", ext, "Access-Control-Request-Method", "PATCH")
	if patch.status != 204 || !strings.Contains(patch.header.Get("Access-Control-Allow-Methods"), "PATCH") {
		t.Errorf("extension preflight of PATCH = %d %v", patch.status, patch.header)
	}
	if got := e.do(t, "OPTIONS", "/v1/reports", "", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"); got.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("web page origin allowed: %v", got.header)
	}
}

// sseClient reads events from /v1/lexicon/events.
type sseClient struct {
	lines  *bufio.Scanner
	cancel context.CancelFunc
}

func openEvents(t *testing.T, base string) *sseClient {
	t.Helper()
	cctx, cancel := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(cctx, "GET", base+"/v1/lexicon/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return &sseClient{bufio.NewScanner(resp.Body), cancel}
}

// next returns the data of the next "lexicon" event.
func (c *sseClient) next(t *testing.T) string {
	t.Helper()
	event := ""
	for c.lines.Scan() {
		line := c.lines.Text()
		if v, ok := strings.CutPrefix(line, "event: "); ok {
			event = v
		}
		if v, ok := strings.CutPrefix(line, "data: "); ok && event == "lexicon" {
			return v
		}
	}
	t.Fatalf("stream ended: %v", c.lines.Err())
	return ""
}

// serve runs s.Serve on a loopback port; stop starts its shutdown, served reports its end.
func serve(t *testing.T, s *wlhttp.Server) (base string, stop func(), served chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	served = make(chan error, 1)
	go func() { served <- s.Serve(serveCtx, ln) }()
	return "http://" + ln.Addr().String(), stop, served
}

// TestLexiconPush publishes through a second store handle, as `wildlens lexicon publish`
// does from another process, and expects the push clients of a running server to hear
// of it; then shuts the server down with the streams still open.
func TestLexiconPush(t *testing.T) {
	dir := t.TempDir()
	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	publisher, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer publisher.Close()
	rel1 := publish(t, publisher, 1, "bundle one")

	s := wlhttp.New(store, slog.New(slog.DiscardHandler), time.Now)
	s.LexiconPoll = 20 * time.Millisecond
	base, stop, served := serve(t, s)

	a, b := openEvents(t, base), openEvents(t, base)
	want1 := `{"version":1,"content_sha256":"` + rel1.ContentSHA256 + `","sha256":"` + rel1.SHA256 + `"}`
	for _, c := range []*sseClient{a, b} {
		if got := c.next(t); got != want1 {
			t.Fatalf("first event = %s; want the current version %s", got, want1)
		}
	}
	rel2 := publish(t, publisher, 2, "bundle two")
	want2 := `{"version":2,"content_sha256":"` + rel2.ContentSHA256 + `","sha256":"` + rel2.SHA256 + `"}`
	for _, c := range []*sseClient{a, b} {
		if got := c.next(t); got != want2 {
			t.Fatalf("pushed event = %s; want %s", got, want2)
		}
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(m), "wildlens_push_clients 2") {
		t.Errorf("metrics do not count 2 push clients")
	}

	start := time.Now()
	stop()
	select {
	case err := <-served:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("open push streams blocked shutdown for 5 s")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("shutdown took %v with push streams open", d)
	}
}

func TestHealthzAndMetrics(t *testing.T) {
	e := newEnv(t)
	if got := e.do(t, "GET", "/healthz", ""); got.status != 200 || got.body != "ok\n" {
		t.Errorf("healthz = %d %q", got.status, got.body)
	}
	e.report(t, validBody)
	e.report(t, validBody)
	e.report(t, "{}")
	e.do(t, "POST", "/v1/reports", validBody)
	metrics := e.do(t, "GET", "/metrics", "").body
	for _, want := range []string{
		`wildlens_reports_received_total{result="created"} 1`,
		`wildlens_reports_received_total{result="duplicate"} 1`,
		`wildlens_reports_rejected_total{code="invalid"} 1`,
		`wildlens_reports_rejected_total{code="unauthorized"} 1`,
		"wildlens_push_clients 0",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestServeRetention runs the server with a retention of 30 days and expects the
// evidence of a report dismissed 31 days ago to go, and a recent one to stay.
func TestServeRetention(t *testing.T) {
	store, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	png := []byte("\x89PNG\r\n\x1a\n")
	for i, dismissed := range []time.Time{now.AddDate(0, 0, -31), now.AddDate(0, 0, -29)} {
		r, err := server.DecodeReport([]byte(strings.Replace(validBody, reportID[:8], fmt.Sprintf("%08d", i), 1)), now.AddDate(0, 0, -40))
		if err != nil {
			t.Fatal(err)
		}
		r.Moderator, r.Screenshot, r.Note = "ana", png, "chat handle in photo"
		if _, _, err := store.CreateReport(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := store.SetStatus(ctx, r.ID, server.StatusDismissed, "", "rita", dismissed); err != nil {
			t.Fatal(err)
		}
	}
	s := wlhttp.New(store, slog.New(slog.DiscardHandler), func() time.Time { return now })
	s.RetentionDays = 30
	_, stop, served := serve(t, s)
	defer func() { stop(); <-served }()

	old, recent := "00000000"+reportID[8:], "00000001"+reportID[8:]
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, err := store.Report(ctx, old)
		if err != nil {
			t.Fatal(err)
		}
		if !r.EvidenceDeletedAt.IsZero() {
			if r.Screenshot != nil || r.Note != "" || r.Matches[0].Snippet != "" {
				t.Errorf("evidence left after retention: %+v", r)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("retention did not run within 5 s of start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if r, _ := store.Report(ctx, recent); r.Screenshot == nil || r.Note == "" || !r.EvidenceDeletedAt.IsZero() {
		t.Errorf("report dismissed 29 days ago lost its evidence: %+v", r)
	}
}

// TestRevokedTokenStopsWithinASecond revokes a token through the store, as `wildlens
// moderators revoke` does from another process, while the server has it cached.
func TestRevokedTokenStopsWithinASecond(t *testing.T) {
	e := newEnv(t)
	if got := e.report(t, validBody); got.status != 201 {
		t.Fatalf("first report: %d %s", got.status, got.body)
	}
	if err := e.store.RevokeModerator(ctx, "ana", now); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		got := e.report(t, validBody)
		if got.status == 401 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("revoked token still accepted after 2 s: %d", got.status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
