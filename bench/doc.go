// Package bench compares wildlens with the tools people would otherwise use (mark.js to
// highlight; fastscan and mint-filter to match) in one headless Chromium run. The
// comparison lives behind the "bench" build tag so `go test ./...` never runs it:
//
//	scripts/bench
//
// installs the npm peers into bench/node_modules, runs `go test -tags bench ./bench`,
// prints the markdown table and writes it into bench/README.md.
package bench
