package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wildlens/wildlens/server"
)

// lexiconState is the latest release, kept in memory (bundles are read far more often
// than published), and the push clients waiting for the next.
type lexiconState struct {
	mu      sync.Mutex
	latest  *server.LexiconRelease
	clients map[chan server.LexiconRelease]struct{}
}

func (l *lexiconState) current() *server.LexiconRelease {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.latest
}

func (l *lexiconState) clientCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}

// subscribe returns a channel that receives each new release. It holds one release: a
// slow client skips to the newest, which is all it needs.
func (l *lexiconState) subscribe() (chan server.LexiconRelease, func()) {
	ch := make(chan server.LexiconRelease, 1)
	l.mu.Lock()
	l.clients[ch] = struct{}{}
	l.mu.Unlock()
	return ch, func() {
		l.mu.Lock()
		delete(l.clients, ch)
		l.mu.Unlock()
	}
}

func (l *lexiconState) set(rel *server.LexiconRelease) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.latest = rel
	announce := *rel
	announce.Signed = nil
	for ch := range l.clients {
		select {
		case <-ch:
		default:
		}
		ch <- announce
	}
}

// refreshLexicon loads the latest release if it is newer than the one in memory and
// announces it to push clients.
func (s *Server) refreshLexicon(ctx context.Context) error {
	latest, err := s.store.LatestLexiconVersion(ctx)
	if server.ErrorCode(err) == server.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	if cur := s.lexicon.current(); cur != nil && cur.Version >= latest.Version {
		return nil
	}
	full, err := s.store.Lexicon(ctx, latest.Version)
	if err != nil {
		return err
	}
	s.lexicon.set(full)
	s.logger.Info("lexicon: new version", "version", full.Version, "content_sha256", full.ContentSHA256)
	return nil
}

// watchLexicon polls the store: a publish is a write by another process (the CLI), and
// polling one indexed row a second is cheaper than any notification channel that would
// have to work for SQLite and PostgreSQL alike.
func (s *Server) watchLexicon(ctx context.Context) {
	t := time.NewTicker(s.LexiconPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.refreshLexicon(ctx); err != nil && ctx.Err() == nil {
				s.logger.Warn("lexicon: poll failed", "err", err)
			}
		}
	}
}

// RefreshLexicon checks the store for a newer lexicon now (tests; Serve polls).
func (s *Server) RefreshLexicon(ctx context.Context) error { return s.refreshLexicon(ctx) }

// etag names exactly the bytes served: version and a prefix of their SHA-256.
func etag(rel *server.LexiconRelease) string {
	return fmt.Sprintf(`"v%d-%s"`, rel.Version, rel.SHA256[:16])
}

func etagMatches(ifNoneMatch, tag string) bool {
	for _, t := range strings.Split(ifNoneMatch, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			return true
		}
	}
	return false
}

func (s *Server) serveRelease(w http.ResponseWriter, r *http.Request, rel *server.LexiconRelease, cacheControl string) {
	tag := etag(rel)
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Wildlens-Lexicon-Version", strconv.FormatInt(rel.Version, 10))
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatches(inm, tag) {
		s.metrics.lexiconFetches.WithLabelValues("304").Inc()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.metrics.lexiconFetches.WithLabelValues("200").Inc()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(rel.Signed)))
	w.Write(rel.Signed)
}

func (s *Server) handleLexicon(w http.ResponseWriter, r *http.Request) {
	rel := s.lexicon.current()
	if rel == nil {
		// Nothing in memory yet: the store may have one the watcher has not seen.
		if err := s.refreshLexicon(r.Context()); err != nil {
			s.writeError(w, r, err)
			return
		}
		if rel = s.lexicon.current(); rel == nil {
			s.writeError(w, r, server.Errorf(server.ENOTFOUND, "no lexicon published yet"))
			return
		}
	}
	// Revalidate every time: the ETag makes that a 304 until a new version lands.
	s.serveRelease(w, r, rel, "no-cache")
}

func (s *Server) handleLexiconVersion(w http.ResponseWriter, r *http.Request) {
	v, err := strconv.ParseInt(r.PathValue("version"), 10, 64)
	if err != nil || v <= 0 {
		s.writeError(w, r, server.Errorf(server.EINVALID, "lexicon version %q is not a positive integer", r.PathValue("version")))
		return
	}
	rel, err := s.store.Lexicon(r.Context(), v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// A published version never changes.
	s.serveRelease(w, r, rel, "public, max-age=31536000, immutable")
}

// LexiconEvent is the data of each "lexicon" push event.
type LexiconEvent struct {
	Version       int64  `json:"version"`
	ContentSHA256 string `json:"content_sha256"`
	SHA256        string `json:"sha256"`
}

// pushHeartbeat keeps proxies from closing an idle push stream.
const pushHeartbeat = 25 * time.Second

// handleLexiconEvents streams Server-Sent Events: the current version at once (a client
// that reconnects learns what it missed), then each new one.
func (s *Server) handleLexiconEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // the stream lives as long as the client wants
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	ch, unsubscribe := s.lexicon.subscribe()
	defer unsubscribe()
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 5000\n\n")
	if cur := s.lexicon.current(); cur != nil {
		writeLexiconEvent(w, cur)
	}
	if err := rc.Flush(); err != nil {
		return
	}
	heartbeat := time.NewTicker(pushHeartbeat)
	defer heartbeat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case rel := <-ch:
			writeLexiconEvent(w, &rel)
		case <-heartbeat.C:
			fmt.Fprint(w, ": heartbeat\n\n")
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

func writeLexiconEvent(w http.ResponseWriter, rel *server.LexiconRelease) {
	data, _ := json.Marshal(LexiconEvent{Version: rel.Version, ContentSHA256: rel.ContentSHA256, SHA256: rel.SHA256})
	fmt.Fprintf(w, "id: %d\nevent: lexicon\ndata: %s\n\n", rel.Version, data)
}
