package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/sqlite"
)

// buildBinary builds wildlens once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "wildlens-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "wildlens")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// child is `wildlens serve` running as a separate process.
type child struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan struct{} // closed when the process has exited; then err is its exit
	err    error
}

func startServe(t *testing.T, dataDir string) *child {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	c := &child{stderr: &bytes.Buffer{}, done: make(chan struct{})}
	c.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dataDir)
	c.cmd.Stderr = c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.done })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v\n%s", err, c.stderr)
	}
	go func() { io.Copy(io.Discard, stdout); c.err = c.cmd.Wait(); close(c.done) }()
	_, addr, ok := strings.Cut(strings.TrimSpace(line), "listening on ")
	if !ok {
		t.Fatalf("unexpected first line %q", line)
	}
	c.url = addr
	return c
}

func addModerator(t *testing.T, dataDir, name string) string {
	t.Helper()
	out := expectRun(t, 0, []string{"moderators", "add", name, "--data", dataDir}, "moderator "+name+" added")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func reportBody(id string, n int) string {
	return fmt.Sprintf(`{"id":%q,"url":"https://market.example/item/%d","title":"ivory bangle %d","client_time":"2026-03-01T10:00:00Z",
"lexicon_version":1,"page_sha256":"%064x","matches":[{"term_id":"ivory","term":"ivory","text":"ivory","start16":0,"end16":5,"snippet":"ivory bangle"}],
"verdict":"flag","score":2,"extension_version":"0.1.0"}`, id, n, n, n)
}

func post(client *http.Client, url, token, body string) (int, error) {
	req, _ := http.NewRequest("POST", url+"/v1/reports", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestServeSurvivesSIGKILL submits reports from concurrent clients, kills the server
// with SIGKILL once the clients have counted killAfter acknowledgements, restarts it and
// checks that every acknowledged report is there, that repeating any report stores
// nothing twice, and that SIGTERM then stops the server cleanly.
func TestServeSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	token := addModerator(t, dataDir, "ana")
	srv := startServe(t, dataDir)

	const workers, killAfter = 16, 300
	var (
		acked    atomic.Int64
		mu       sync.Mutex
		ackedIDs = map[string]string{} // id → body
		sentIDs  = map[string]string{}
		killOnce sync.Once
		wg       sync.WaitGroup
	)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				id := uuid.NewString()
				body := reportBody(id, w*100000+n)
				mu.Lock()
				sentIDs[id] = body
				mu.Unlock()
				status, err := post(client, srv.url, token, body)
				if err != nil {
					return // the server is gone
				}
				if status != http.StatusCreated {
					t.Errorf("status %d before the kill", status)
					return
				}
				mu.Lock()
				ackedIDs[id] = body
				mu.Unlock()
				if acked.Add(1) >= killAfter {
					killOnce.Do(func() { srv.cmd.Process.Signal(syscall.SIGKILL) })
				}
			}
		}()
	}
	wg.Wait()
	<-srv.done
	if srv.err == nil || !strings.Contains(srv.err.Error(), "killed") {
		t.Fatalf("server exit: %v, want killed", srv.err)
	}
	t.Logf("%d reports acknowledged before SIGKILL, %d sent", len(ackedIDs), len(sentIDs))
	if len(ackedIDs) < killAfter {
		t.Fatalf("only %d acknowledgements", len(ackedIDs))
	}

	srv = startServe(t, dataDir)
	// Retrying an acknowledged report must find it (200), never store it again (201).
	for id, body := range ackedIDs {
		if status, err := post(client, srv.url, token, body); err != nil || status != http.StatusOK {
			t.Fatalf("retry of acknowledged report %s: %d %v; want 200", id, status, err)
		}
	}
	// Reports in flight at the kill may or may not have been committed; the client's
	// retry settles each exactly once.
	for id, body := range sentIDs {
		if _, ok := ackedIDs[id]; ok {
			continue
		}
		if status, err := post(client, srv.url, token, body); err != nil || (status != http.StatusOK && status != http.StatusCreated) {
			t.Fatalf("retry of unacknowledged report %s: %d %v", id, status, err)
		}
	}

	// A backup taken while the server runs holds everything committed.
	backupDir := t.TempDir()
	expectRun(t, 0, []string{"backup", "--data", dataDir, filepath.Join(backupDir, sqlite.FileName)}, "backup written to")

	srv.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-srv.done:
		if srv.err != nil {
			t.Fatalf("after SIGTERM: %v\n%s", srv.err, srv.stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop within 10 s of SIGTERM")
	}

	for _, dir := range []string{dataDir, backupDir} {
		store, err := sqlite.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		all, err := store.Reports(context.Background(), server.ReportFilter{Limit: 1 << 20})
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, r := range all {
			seen[r.ID]++
		}
		for id := range ackedIDs {
			if seen[id] != 1 {
				t.Errorf("%s: acknowledged report %s stored %d times", dir, id, seen[id])
			}
		}
		if len(all) != len(sentIDs) || len(seen) != len(sentIDs) {
			t.Errorf("%s: %d rows, %d distinct ids; want exactly the %d reports sent", dir, len(all), len(seen), len(sentIDs))
		}
	}
}
