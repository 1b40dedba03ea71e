package http_test

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wildlens/wildlens/server"
)

// BenchmarkCreateReport is the load benchmark: concurrent clients POST reports without
// screenshots over loopback to a real listener backed by a SQLite file with
// synchronous=FULL; each 2xx is a committed report. Bounded by -benchtime=Nx:
//
//	go test -run '^$' -bench CreateReport -benchtime 20000x -cpu 2 ./server/http/
//
// It reports reports/s and the p50 and p99 latency seen by the clients (which share the
// 2 cores with the server), and the CPU time per report.
func BenchmarkCreateReport(b *testing.B) {
	e := newEnv(b)
	var seq atomic.Int64
	cpuStart := processCPU()
	latencies, elapsed := load(b, 32, http.StatusCreated, func() *http.Request {
		n := seq.Add(1)
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", n, n)
		req, _ := http.NewRequest("POST", e.url+"/v1/reports", strings.NewReader(strings.Replace(validBody, reportID, id, 1)))
		return req
	})
	cpu := processCPU() - cpuStart
	if len(latencies) > 0 {
		reportLatencies(b, latencies, elapsed, "reports/s")
		// CPU time of server and clients together per report: what 2 cores would carry
		// when nothing else runs (2 s / this), whatever else the machine is doing now.
		b.ReportMetric(float64(cpu.Microseconds())/float64(len(latencies)), "cpu-µs/report")
	}
}

// load runs b.N requests from parallelism × GOMAXPROCS concurrent clients, each request
// made by next and sent with the benchmark's moderator token, and returns the latency
// of each, sorted, and the time all took. A status other than want fails the benchmark.
func load(b *testing.B, parallelism, want int, next func() *http.Request) ([]time.Duration, time.Duration) {
	conns := 8 * parallelism // a connection for each client on up to 8 cores
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}}
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	var latencies []time.Duration
	b.SetParallelism(parallelism)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			req := next()
			req.Header.Set("Authorization", "Bearer "+token)
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mine = append(mine, time.Since(t0))
			if resp.StatusCode != want {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(latencies)
	return latencies, elapsed
}

// reportLatencies reports throughput in unit and the p50 and p99 latency.
func reportLatencies(b *testing.B, sorted []time.Duration, elapsed time.Duration, unit string) {
	b.ReportMetric(float64(len(sorted))/elapsed.Seconds(), unit)
	b.ReportMetric(float64(sorted[len(sorted)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(sorted[len(sorted)*99/100].Microseconds())/1000, "p99-ms")
}

// processCPU is the user+system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAnnotateReport: concurrent clients each PATCH the note and category of a
// report of their own, over loopback to a real listener backed by a SQLite file with
// synchronous=FULL. Annotations are not group-committed (each is one transaction and
// one sync: they are rare next to reports):
//
//	go test -run '^$' -bench AnnotateReport -benchtime 2000x -cpu 2 ./server/http/
func BenchmarkAnnotateReport(b *testing.B) {
	e := newEnv(b)
	ids := make([]string, b.N)
	for i := range ids {
		ids[i] = fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)
		r, err := server.DecodeReport([]byte(strings.Replace(validBody, reportID, ids[i], 1)), now)
		if err != nil {
			b.Fatal(err)
		}
		r.Moderator = "ana"
		if _, _, err := e.store.CreateReport(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	var seq atomic.Int64
	latencies, elapsed := load(b, 8, http.StatusOK, func() *http.Request {
		id := ids[seq.Add(1)-1]
		req, _ := http.NewRequest("PATCH", e.url+"/v1/reports/"+id, strings.NewReader(`{"note":"seller moved to WeChat","category":"ivory"}`))
		return req
	})
	if len(latencies) > 0 {
		reportLatencies(b, latencies, elapsed, "annotations/s")
	}
}
