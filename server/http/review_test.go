package http_test

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/server"
)

const password = "wlr_test-password-of-rita"

func (e *env) reviewer(t *testing.T) []string {
	t.Helper()
	if err := e.store.AddReviewer(ctx, server.Reviewer{Name: "rita", PasswordSHA256: server.HashSecret(password), CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	return []string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("rita:"+password))}
}

// form posts a form as a browser on the same site does.
func (e *env) form(t *testing.T, path string, values url.Values, auth []string, fetchSite string) response {
	t.Helper()
	h := append([]string{"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", fetchSite}, auth...)
	return e.do(t, "POST", path, values.Encode(), h...)
}

func TestReviewAuth(t *testing.T) {
	e := newEnv(t)
	e.reviewer(t)
	wrong := "Basic " + base64.StdEncoding.EncodeToString([]byte("rita:wlr_guess"))
	for _, h := range [][]string{nil, {"Authorization", wrong}, {"Authorization", "Bearer " + token}} {
		got := e.do(t, "GET", "/review/", "", h...)
		if got.status != 401 || !strings.HasPrefix(got.header.Get("WWW-Authenticate"), "Basic") {
			t.Errorf("GET /review/ with %v = %d; want 401 asking for Basic", h, got.status)
		}
	}
}

func TestReviewWorkflow(t *testing.T) {
	e := newEnv(t)
	auth := e.reviewer(t)
	e.report(t, validBody)
	second := strings.NewReplacer(reportID, "7a1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", `"platform":"market"`, `"platform":"bazaar"`,
		"Old carved ivory bangle", "Pangolin scale lot").Replace(validBody)
	if got := e.report(t, second); got.status != 201 {
		t.Fatalf("second report: %d %s", got.status, got.body)
	}

	queue := e.do(t, "GET", "/review/", "", auth...)
	if queue.status != 200 || !strings.Contains(queue.body, "Old carved ivory bangle") || !strings.Contains(queue.body, "Pangolin scale lot") {
		t.Fatalf("queue = %d\n%s", queue.status, queue.body)
	}
	for _, tc := range []struct{ query, has, hasNot string }{
		{"platform=bazaar", "Pangolin scale lot", "Old carved ivory bangle"},
		{"status=new&term=ivory", "Old carved ivory bangle", "No reports match"},
		{"term=pangolin", "No reports match", "Old carved"},
		{"from=2026-03-02", "No reports match", "Old carved"},
		{"from=2026-03-01&to=2026-03-01", "Old carved ivory bangle", "No reports match"},
	} {
		got := e.do(t, "GET", "/review/?"+tc.query, "", auth...)
		if got.status != 200 || !strings.Contains(got.body, tc.has) || strings.Contains(got.body, tc.hasNot) {
			t.Errorf("queue?%s = %d; want %q without %q", tc.query, got.status, tc.has, tc.hasNot)
		}
	}
	if got := e.do(t, "GET", "/review/?from=March", "", auth...); got.status != 400 || !strings.Contains(got.body, "from: want a date like 2026-03-01") {
		t.Errorf("bad date = %d %s", got.status, got.body)
	}

	page := e.do(t, "GET", "/review/reports/"+reportID, "", auth...)
	for _, want := range []string{"Old carved ivory bangle", "<code>ivory</code>", pageHash, ">Confirm</button>", ">Dismiss</button>"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}

	statusPath := "/review/reports/" + reportID + "/status"
	// A form posted from another site is refused and changes nothing.
	if got := e.form(t, statusPath, url.Values{"status": {"confirmed"}}, auth, "cross-site"); got.status != 403 {
		t.Errorf("cross-site POST = %d; want 403", got.status)
	}
	if got := e.do(t, "POST", statusPath, "status=confirmed", append([]string{"Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example"}, auth...)...); got.status != 403 {
		t.Errorf("POST with a foreign Origin = %d; want 403", got.status)
	}
	if r, _ := e.store.Report(ctx, reportID); r.Status != server.StatusNew {
		t.Fatalf("refused POSTs changed the status to %s", r.Status)
	}
	if got := e.form(t, statusPath, url.Values{"status": {"actioned"}, "action": {"removed"}}, auth, "same-origin"); got.status != 409 || !strings.Contains(got.body, "a new report cannot become actioned") {
		t.Errorf("skipping confirmation = %d %s", got.status, got.body)
	}
	if got := e.form(t, statusPath, url.Values{"status": {"confirmed"}}, auth, "same-origin"); got.status != 303 {
		t.Fatalf("confirm = %d %s", got.status, got.body)
	}
	if got := e.form(t, statusPath, url.Values{"status": {"actioned"}, "action": {"referred_to_police"}}, auth, "same-origin"); got.status != 303 {
		t.Fatalf("action = %d %s", got.status, got.body)
	}
	r, _ := e.store.Report(ctx, reportID)
	if r.Status != server.StatusActioned || r.Action != server.ActionReferred || r.StatusBy != "rita" || !r.StatusAt.Equal(now) {
		t.Errorf("after review: %s %s by %s at %v", r.Status, r.Action, r.StatusBy, r.StatusAt)
	}

	csv := e.form(t, "/review/export", url.Values{"id": {reportID}, "format": {"csv"}}, auth, "same-origin")
	wantRow := reportID + ",2026-03-01T12:00:00Z,ana,actioned,referred_to_police,rita,2026-03-01T12:00:00Z,https://market.example/item/42,Old carved ivory bangle,market,42,s9,flag,3.5,3,ivory," + pageHash + "," + sha(validBody) + ",,,,\n"
	if csv.status != 200 || csv.body != strings.Join(server.CSVHeader, ",")+"\n"+wantRow {
		t.Errorf("CSV export = %d\n%s\nwant row\n%s", csv.status, csv.body, wantRow)
	}
	js := e.form(t, "/review/export", url.Values{"id": {reportID, "7a1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"}, "format": {"json"}}, auth, "same-origin")
	if js.status != 200 || strings.Count(js.body, `"body_sha256"`) != 2 || !strings.Contains(js.body, `"snippet": "Old carved ivory bangle"`) {
		t.Errorf("JSON export = %d\n%s", js.status, js.body)
	}
	if got := e.form(t, "/review/export", url.Values{"format": {"csv"}}, auth, "same-origin"); got.status != 400 || !strings.Contains(got.body, "select at least one report to export") {
		t.Errorf("empty export = %d %s", got.status, got.body)
	}

	log, err := e.store.AuditLog(ctx, 10)
	if err != nil || len(log) != 4 {
		t.Fatalf("audit log = %+v, %v; want 2 status changes and 2 exports", log, err)
	}
	for i, want := range []string{"export json", "export csv", "status actioned", "status confirmed"} {
		if log[i].Action != want || log[i].Actor != "rita" {
			t.Errorf("audit[%d] = %s by %s; want %s by rita", i, log[i].Action, log[i].Actor, want)
		}
	}
	audit := e.do(t, "GET", "/review/audit", "", auth...)
	if !strings.Contains(audit.body, "export csv") || !strings.Contains(audit.body, "action referred_to_police") {
		t.Errorf("audit page lacks entries:\n%s", audit.body)
	}
}

func TestReviewScreenshotAndFalseAlarms(t *testing.T) {
	e := newEnv(t)
	auth := e.reviewer(t)
	png := "\x89PNG\r\n\x1a\nrest-of-image"
	body := strings.Replace(validBody, `"seller_id":"s9"`, `"seller_id":"s9","screenshot_png":"`+base64.StdEncoding.EncodeToString([]byte(png))+`"`, 1)
	e.report(t, body)
	if got := e.do(t, "GET", "/review/reports/"+reportID, "", auth...); !strings.Contains(got.body, `<img src="/review/reports/`+reportID+`/screenshot"`) {
		t.Errorf("report page lacks the screenshot")
	}
	shot := e.do(t, "GET", "/review/reports/"+reportID+"/screenshot", "", auth...)
	if shot.status != 200 || shot.body != png || shot.header.Get("Content-Type") != "image/png" {
		t.Errorf("screenshot = %d %q", shot.status, shot.header.Get("Content-Type"))
	}
	alarm := `{"id":"0a0b0c0d-0000-4000-8000-000000000001","term_id":"ivory","url":"https://market.example/item/7","text":"ivory","snippet":"ivory white wall paint","lexicon_version":3}`
	e.do(t, "POST", "/v1/false-alarms", alarm, "Authorization", "Bearer "+token)
	list := e.do(t, "GET", "/review/false-alarms?term=ivory", "", auth...)
	if !strings.Contains(list.body, `<a href="/review/false-alarms?term=ivory">ivory</a></td><td>1</td>`) || !strings.Contains(list.body, "ivory white wall paint") {
		t.Errorf("false alarms page:\n%s", list.body)
	}
}
