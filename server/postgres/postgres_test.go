package postgres_test

import (
	"context"
	"testing"

	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/postgres"
	"github.com/wildlens/wildlens/server/storetest"
)

// TestStore runs the store suite against the PostgreSQL in WILDLENS_TEST_POSTGRES
// (scripts/test-deps starts one), each test in a schema of its own.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) server.Store {
		s, err := postgres.Open(context.Background(), storetest.PostgresURL(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
