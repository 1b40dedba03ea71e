//go:build js

package match_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// BenchmarkWasm times the engine's phases inside wasm with the product lexicon (run
// by Node's V8, as Chromium runs the extension's engine), from the inputs
// TestWriteWasmBenchInputs writes natively:
//
//	WILDLENS_WASM_BENCH=/tmp/wb go test ./wasm/match -run TestWriteWasmBenchInputs
//	WILDLENS_WASM_BENCH=/tmp/wb GOOS=js GOARCH=wasm go test -tags ne \
//	  -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/match -run '^$' -bench Wasm -benchtime 5x
func BenchmarkWasm(b *testing.B) {
	dir := os.Getenv("WILDLENS_WASM_BENCH")
	if dir == "" {
		b.Skip("WILDLENS_WASM_BENCH not set")
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	signed := read("product.signed")
	keys, err := bundle.ParsePublicKeys(string(read("product.pub")))
	if err != nil {
		b.Fatal(err)
	}
	bd, err := bundle.Verify(signed, keys)
	if err != nil {
		b.Fatal(err)
	}
	m, err := match.New(bd, match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Verify", func(b *testing.B) {
		b.SetBytes(int64(len(signed)))
		for range b.N {
			bundle.Verify(signed, keys)
		}
	})
	b.Run("New", func(b *testing.B) {
		for range b.N {
			match.New(bd, match.Options{})
		}
	})
	b.Run("Prepare", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			fresh, _ := match.New(bd, match.Options{})
			b.StartTimer()
			fresh.Prepare()
		}
	})
	m.Prepare()
	for _, text := range []string{"nohits", "corpus"} {
		data := string(read(text + ".txt"))
		b.Run("Scan-"+text, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for range b.N {
				m.Scan("bench", data)
			}
		})
	}
}
