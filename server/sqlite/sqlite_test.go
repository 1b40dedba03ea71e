package sqlite_test

import (
	"context"
	"testing"

	"github.com/wildlens/wildlens/server"
	"github.com/wildlens/wildlens/server/sqlite"
	"github.com/wildlens/wildlens/server/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) server.Store {
		s, err := sqlite.Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
