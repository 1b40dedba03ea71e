package http

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/wildlens/wildlens/server"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"time": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	},
	"terms": func(r *server.Report) string { return strings.Join(r.TermIDs(), ", ") },
	"next":  nextSteps,
	"short": func(s string) string { return s[:min(len(s), 12)] },
}).ParseFS(templateFS, "templates/*.html"))

// step is one button of the status form.
type step struct {
	Status server.Status
	Action server.Action
	Label  string
}

func nextSteps(from server.Status) []step {
	switch from {
	case server.StatusNew:
		return []step{{server.StatusConfirmed, "", "Confirm"}, {server.StatusDismissed, "", "Dismiss"}}
	case server.StatusConfirmed:
		return []step{{server.StatusActioned, server.ActionRemoved, "Listing removed"}, {server.StatusActioned, server.ActionReferred, "Referred to police"}}
	}
	return nil
}

type reviewerKey struct{}

func reviewerName(ctx context.Context) string {
	name, _ := ctx.Value(reviewerKey{}).(string)
	return name
}

// reviewHandler serves the reviewer pages. Reviewers sign in with HTTP Basic
// authentication (a generated password; no session state to keep); forms are protected
// against cross-site request forgery by net/http's CrossOriginProtection, which refuses
// unsafe requests a browser marks as cross-site (Sec-Fetch-Site, or an Origin that is
// not this host).
func (s *Server) reviewHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /review/{$}", s.handleQueue)
	mux.HandleFunc("GET /review/reports/{id}", s.handleReportPage)
	mux.HandleFunc("GET /review/reports/{id}/screenshot", s.handleScreenshot)
	mux.HandleFunc("POST /review/reports/{id}/status", s.handleSetStatus)
	mux.HandleFunc("POST /review/export", s.handleExport)
	mux.HandleFunc("GET /review/false-alarms", s.handleFalseAlarms)
	mux.HandleFunc("GET /review/audit", s.handleAudit)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.logger.Warn("cross-site request refused", "path", r.URL.Path, "origin", r.Header.Get("Origin"))
		http.Error(w, "cross-site request refused", http.StatusForbidden)
	}))
	return cop.Handler(s.reviewerAuth(mux))
}

func (s *Server) reviewerAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, password, ok := r.BasicAuth()
		if ok {
			rev, err := s.store.Reviewer(r.Context(), name)
			if err == nil && subtle.ConstantTimeCompare([]byte(server.HashSecret(password)), []byte(rev.PasswordSHA256)) == 1 {
				h := w.Header()
				h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
				h.Set("X-Content-Type-Options", "nosniff")
				h.Set("Referrer-Policy", "no-referrer") // report URLs must not leak to the listings' sites
				next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), reviewerKey{}, name)))
				return
			} else if err != nil && server.ErrorCode(err) != server.ENOTFOUND {
				s.reviewError(w, r, err)
				return
			}
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="wildlens reviewers", charset="UTF-8"`)
		http.Error(w, "reviewer name and password required (wildlens reviewers add NAME)", http.StatusUnauthorized)
	})
}

func (s *Server) reviewError(w http.ResponseWriter, r *http.Request, err error) {
	code := server.ErrorCode(err)
	if code == server.EINTERNAL {
		s.logger.Error("review page failed", "path", r.URL.Path, "err", err)
	}
	http.Error(w, server.ErrorMessage(err), errorStatus[code])
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data map[string]any) {
	data["Reviewer"] = reviewerName(r.Context())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		s.logger.Error("template", "name", name, "err", err)
	}
}

// queueFilter reads the queue's filter form. Dates are UTC days; "to" is inclusive.
func queueFilter(r *http.Request) (server.ReportFilter, error) {
	q := r.URL.Query()
	f := server.ReportFilter{Status: server.Status(q.Get("status")), TermID: q.Get("term"), Platform: q.Get("platform")}
	if f.Status != "" && !validStatus(f.Status) {
		return f, server.Errorf(server.EINVALID, "unknown status %q", f.Status)
	}
	category, err := server.ParseCategory("category", q.Get("category"))
	if err != nil {
		return f, err
	}
	f.Category = category
	for _, d := range []struct {
		name string
		into *time.Time
		add  int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		if v := q.Get(d.name); v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				return f, server.Errorf(server.EINVALID, "%s: want a date like 2026-03-01", d.name)
			}
			*d.into = t.AddDate(0, 0, d.add)
		}
	}
	return f, nil
}

func validStatus(st server.Status) bool {
	for _, s := range server.Statuses {
		if s == st {
			return true
		}
	}
	return false
}

func (s *Server) handleQueue(w http.ResponseWriter, r *http.Request) {
	f, err := queueFilter(r)
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	reports, err := s.store.Reports(r.Context(), f)
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	s.render(w, r, "queue.html", map[string]any{"Reports": reports, "Query": r.URL.Query(), "Statuses": server.Statuses, "Categories": server.Categories, "Limit": server.DefaultReportLimit})
}

func (s *Server) handleReportPage(w http.ResponseWriter, r *http.Request) {
	rep, err := s.store.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	s.render(w, r, "report.html", map[string]any{"R": rep, "HasScreenshot": rep.Screenshot != nil})
}

func (s *Server) handleScreenshot(w http.ResponseWriter, r *http.Request) {
	rep, err := s.store.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	if rep.Screenshot == nil {
		s.reviewError(w, r, server.Errorf(server.ENOTFOUND, "report %s has no screenshot", rep.ID))
		return
	}
	w.Header().Set("Content-Type", "image/png")
	sum, _ := hex.DecodeString(rep.ScreenshotSHA256)
	w.Header().Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	w.Write(rep.Screenshot)
}

func (s *Server) handleSetStatus(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	to, action := server.Status(r.PostFormValue("status")), server.Action(r.PostFormValue("action"))
	if err := s.store.SetStatus(r.Context(), id, to, action, reviewerName(r.Context()), s.now()); err != nil {
		s.reviewError(w, r, err)
		return
	}
	s.logger.Info("report status", "id", id, "status", to, "action", action, "by", reviewerName(r.Context()))
	http.Redirect(w, r, "/review/reports/"+id, http.StatusSeeOther)
}

func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	ids, format := r.PostForm["id"], r.PostFormValue("format")
	if len(ids) == 0 {
		s.reviewError(w, r, server.Errorf(server.EINVALID, "select at least one report to export"))
		return
	}
	if format != "csv" && format != "json" {
		s.reviewError(w, r, server.Errorf(server.EINVALID, "format: want csv or json"))
		return
	}
	reports, err := s.store.Reports(r.Context(), server.ReportFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	exported := make([]string, len(reports))
	for i, rep := range reports {
		exported[i] = rep.ID
	}
	// Audit before the data leaves: an export that cannot be logged does not happen.
	err = s.store.AddAudit(r.Context(), server.AuditEntry{At: s.now(), Actor: reviewerName(r.Context()), Action: "export " + format, ReportIDs: exported})
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	name := fmt.Sprintf("wildlens-reports-%s.%s", s.now().UTC().Format("20060102-150405"), format)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		err = server.WriteCSV(w, reports)
	} else {
		w.Header().Set("Content-Type", "application/json")
		err = server.WriteJSON(w, reports)
	}
	if err != nil {
		s.logger.Error("export", "err", err)
	}
}

func (s *Server) handleFalseAlarms(w http.ResponseWriter, r *http.Request) {
	counts, err := s.store.FalseAlarmsByTerm(r.Context())
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	data := map[string]any{"Counts": counts}
	if term := r.URL.Query().Get("term"); term != "" {
		list, err := s.store.FalseAlarms(r.Context(), term, 500)
		if err != nil {
			s.reviewError(w, r, err)
			return
		}
		data["Term"], data["Alarms"] = term, list
	}
	s.render(w, r, "false-alarms.html", data)
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	log, err := s.store.AuditLog(r.Context(), 1000)
	if err != nil {
		s.reviewError(w, r, err)
		return
	}
	s.render(w, r, "audit.html", map[string]any{"Log": log})
}
