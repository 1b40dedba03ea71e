// Package http serves the wildlens API (reports, false alarms, lexicon distribution with
// push) and the reviewer pages over a server.Store.
package http

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/wildlens/wildlens/server"
)

// Server is the HTTP face of a store. Create it with New; serve it with Serve or mount
// Handler yourself (tests) and call Close.
type Server struct {
	store  server.Store
	logger *slog.Logger
	now    func() time.Time

	// LexiconPoll is how often the store is asked for a newer lexicon, so a publish by
	// the CLI in another process reaches push clients.
	LexiconPoll time.Duration
	// RetentionDays > 0 deletes evidence of reports dismissed that many days ago.
	RetentionDays int
	// AllowedOrigins are origins, besides any chrome-extension:// one, that may call the
	// API from a browser.
	AllowedOrigins []string

	lexicon   lexiconState
	tokens    tokenCache
	closing   chan struct{} // closed on shutdown: ends push streams
	closeOnce sync.Once
	metrics   *metrics
	handler   http.Handler
}

// New returns a server over store. now is the clock (time.Now outside tests).
func New(store server.Store, logger *slog.Logger, now func() time.Time) *Server {
	s := &Server{
		store: store, logger: logger, now: now,
		LexiconPoll: time.Second,
		closing:     make(chan struct{}),
		metrics:     newMetrics(),
	}
	s.lexicon.clients = map[chan server.LexiconRelease]struct{}{}
	s.tokens.entries = map[string]tokenEntry{}
	s.metrics.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "wildlens_push_clients", Help: "Connected lexicon push (SSE) clients.",
	}, func() float64 { return float64(s.lexicon.clientCount()) }))

	mux := http.NewServeMux()
	mux.Handle("POST /v1/reports", s.api(s.handleCreateReport))
	mux.Handle("GET /v1/reports/status", s.api(s.handleReportStatus))
	mux.Handle("PATCH /v1/reports/{id}", s.api(s.handleAnnotateReport))
	mux.Handle("POST /v1/false-alarms", s.api(s.handleCreateFalseAlarm))
	mux.Handle("GET /v1/lexicon", s.api(s.handleLexicon))
	mux.Handle("GET /v1/lexicon/{version}", s.api(s.handleLexiconVersion))
	mux.Handle("GET /v1/lexicon/events", s.api(s.handleLexiconEvents))
	mux.Handle("OPTIONS /v1/", s.api(func(w http.ResponseWriter, r *http.Request) {}))
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	mux.Handle("/review/", s.reviewHandler())
	mux.Handle("GET /{$}", http.RedirectHandler("/review/", http.StatusFound))
	s.handler = mux
	return s
}

func (s *Server) Handler() http.Handler { return s.handler }

// Close ends push streams; in-flight requests finish on their own.
func (s *Server) Close() { s.closeOnce.Do(func() { close(s.closing) }) }

// Serve serves on ln until ctx is done, then shuts down gracefully: push streams end at
// once, other requests (reports being committed) finish, then Serve returns. It also
// runs the lexicon watcher and, when set, retention.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a 7 MB report over a slow link
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	hs.RegisterOnShutdown(s.Close)
	if err := s.refreshLexicon(ctx); err != nil {
		s.logger.Warn("lexicon: first load failed", "err", err)
	}
	bg, stopBackground := context.WithCancel(ctx)
	defer stopBackground()
	go s.watchLexicon(bg)
	if s.RetentionDays > 0 {
		go s.runRetention(bg)
	}
	shutdownDone := make(chan error, 1)
	go func() {
		<-ctx.Done()
		s.logger.Info("shutting down")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		shutdownDone <- hs.Shutdown(shutdownCtx)
	}()
	s.logger.Info("serving", "addr", ln.Addr().String())
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-shutdownDone
}

// errorStatus maps each error code to its HTTP status: the one place that does.
var errorStatus = map[string]int{
	server.ECONFLICT:     http.StatusConflict,
	server.EINVALID:      http.StatusBadRequest,
	server.EFORBIDDEN:    http.StatusForbidden,
	server.ENOTFOUND:     http.StatusNotFound,
	server.EUNAUTHORIZED: http.StatusUnauthorized,
	server.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	server.EUNSUPPORTED:  http.StatusNotImplemented,
	server.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorBody is the JSON of every API error.
type ErrorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := server.ErrorCode(err)
	if code == server.EINTERNAL {
		s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.logger.Info("request refused", "method", r.Method, "path", r.URL.Path, "code", code, "err", server.ErrorMessage(err))
	}
	if code == server.EUNAUTHORIZED && strings.HasPrefix(r.URL.Path, "/v1/") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="wildlens"`)
	}
	writeJSON(w, errorStatus[code], ErrorBody{Error: server.ErrorMessage(err), Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// api wraps the /v1 endpoints with CORS: the extension calls them from a
// chrome-extension:// origin; web pages get no CORS headers, so browsers refuse them.
func (s *Server) api(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && s.originAllowed(origin) {
			hd := w.Header()
			hd.Set("Access-Control-Allow-Origin", origin)
			hd.Add("Vary", "Origin")
			hd.Set("Access-Control-Expose-Headers", "ETag, X-Wildlens-Lexicon-Version")
			if r.Method == http.MethodOptions {
				hd.Set("Access-Control-Allow-Methods", "GET, POST, PATCH")
				hd.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match")
				hd.Set("Access-Control-Max-Age", "600")
			}
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h(w, r)
	})
}

func (s *Server) originAllowed(origin string) bool {
	if strings.HasPrefix(origin, "chrome-extension://") {
		return true
	}
	for _, o := range s.AllowedOrigins {
		if o == origin {
			return true
		}
	}
	return false
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	_, err := s.store.LatestLexiconVersion(ctx)
	if err != nil && server.ErrorCode(err) != server.ENOTFOUND {
		s.logger.Error("healthz: store", "err", err)
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}

func (s *Server) runRetention(ctx context.Context) {
	for {
		now := s.now()
		n, err := s.store.DeleteDismissedEvidence(ctx, now.AddDate(0, 0, -s.RetentionDays), now)
		if err != nil && ctx.Err() == nil {
			s.logger.Error("retention failed", "err", err)
		} else if n > 0 {
			s.logger.Info("retention: deleted evidence of dismissed reports", "reports", n, "days", s.RetentionDays)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Hour):
		}
	}
}
