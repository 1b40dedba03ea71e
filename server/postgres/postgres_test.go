package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/postgres"
	"github.com/wildlens/wildlens/server/storetest"
)

var schemaSeq atomic.Int64

// TestStore runs the store suite against the PostgreSQL in WILDLENS_TEST_POSTGRES
// (scripts/test-deps starts one), each test in a schema of its own.
func TestStore(t *testing.T) {
	base := os.Getenv("WILDLENS_TEST_POSTGRES")
	if base == "" {
		t.Skip("WILDLENS_TEST_POSTGRES is not set: source scripts/test-deps to start a PostgreSQL (scripts/test does)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	storetest.Run(t, func(t *testing.T) server.Store {
		schema := fmt.Sprintf("wildlens_test_%d_%d", time.Now().UnixNano(), schemaSeq.Add(1))
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE") })
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		s, err := postgres.Open(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
