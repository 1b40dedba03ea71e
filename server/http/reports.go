package http

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/wildlens/wildlens/server"
)

// tokenTTL is how long a checked token is trusted without asking the store again: a
// revocation (by the CLI, in another process) takes effect within it. At thousands of
// reports a second the lookup was a sixth of the server's CPU.
const tokenTTL = time.Second

type tokenCache struct {
	mu      sync.Mutex
	entries map[string]tokenEntry // by token SHA-256
}

type tokenEntry struct {
	moderator *server.Moderator
	checked   time.Time
}

// moderator authenticates a request's bearer token.
func (s *Server) moderator(r *http.Request) (*server.Moderator, error) {
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || token == "" {
		return nil, server.Errorf(server.EUNAUTHORIZED, "missing bearer token (Authorization: Bearer <moderator token>)")
	}
	hash := server.HashSecret(strings.TrimSpace(token))
	now := time.Now()
	c := &s.tokens
	c.mu.Lock()
	e, ok := c.entries[hash]
	c.mu.Unlock()
	if ok && now.Sub(e.checked) < tokenTTL {
		return e.moderator, nil
	}
	m, err := s.store.ModeratorByToken(r.Context(), hash)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.entries) > 10000 { // tokens are few; this only bounds a flood of valid ones
		clear(c.entries)
	}
	c.entries[hash] = tokenEntry{m, now}
	c.mu.Unlock()
	return m, nil
}

// readBody reads at most limit bytes of the body.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, server.Errorf(server.ETOOLARGE, "body is larger than %d bytes", limit)
	} else if err != nil {
		return nil, server.Errorf(server.EINVALID, "reading body: %v", err)
	}
	return body, nil
}

func (s *Server) handleCreateReport(w http.ResponseWriter, r *http.Request) {
	stored, created, err := s.createReport(w, r)
	if err != nil {
		s.metrics.reportsRejected.WithLabelValues(server.ErrorCode(err)).Inc()
		s.writeError(w, r, err)
		return
	}
	status, result := http.StatusCreated, "created"
	if !created {
		status, result = http.StatusOK, "duplicate"
	}
	s.metrics.reportsReceived.WithLabelValues(result).Inc()
	s.logger.Debug("report", "id", stored.ID, "moderator", stored.Moderator, "result", result)
	writeJSON(w, status, stored.Receipt())
}

func (s *Server) createReport(w http.ResponseWriter, r *http.Request) (*server.Report, bool, error) {
	m, err := s.moderator(r)
	if err != nil {
		return nil, false, err
	}
	body, err := readBody(w, r, server.MaxReportBody)
	if err != nil {
		return nil, false, err
	}
	report, err := server.DecodeReport(body, s.now())
	if err != nil {
		return nil, false, err
	}
	report.Moderator = m.Name
	return s.store.CreateReport(r.Context(), report)
}

// handleAnnotateReport adds or changes the note and category of a report already
// stored, for the moderator who filed it, at any time after filing.
func (s *Server) handleAnnotateReport(w http.ResponseWriter, r *http.Request) {
	stored, err := s.annotateReport(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, stored.AnnotationReceipt())
}

func (s *Server) annotateReport(w http.ResponseWriter, r *http.Request) (*server.Report, error) {
	m, err := s.moderator(r)
	if err != nil {
		return nil, err
	}
	id, err := server.ParseReportID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	body, err := readBody(w, r, server.MaxAnnotationBody)
	if err != nil {
		return nil, err
	}
	a, err := server.DecodeAnnotation(body)
	if err != nil {
		return nil, err
	}
	return s.store.AnnotateReport(r.Context(), id, m.Name, a, s.now())
}

func (s *Server) handleCreateFalseAlarm(w http.ResponseWriter, r *http.Request) {
	m, err := s.moderator(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	body, err := readBody(w, r, server.MaxFalseAlarmBody)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a, err := server.DecodeFalseAlarm(body, s.now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a.Moderator = m.Name
	stored, created, err := s.store.CreateFalseAlarm(r.Context(), a)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"id": stored.ID, "received_at": stored.ReceivedAt, "body_sha256": stored.BodySHA256})
}

func (s *Server) handleReportStatus(w http.ResponseWriter, r *http.Request) {
	m, err := s.moderator(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	listing := server.Listing{URL: q.Get("url"), Platform: q.Get("platform"), ListingID: q.Get("listing_id")}
	if listing.URL == "" && listing.ListingID == "" {
		s.writeError(w, r, server.Errorf(server.EINVALID, "query needs url, or platform and listing_id"))
		return
	}
	got, err := s.store.ListingReports(r.Context(), listing, m.Name)
	if err != nil {
		s.writeError(w, r, fmt.Errorf("listing reports: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, got)
}
