//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/wildlens/wildlens/wasm/match"
)

var engine Engine

// frameBuf holds the last batch's frame, reused by the next (see jsScan).
var frameBuf []byte

// prepareDelay is how long after a load the matcher's deferred part is built.
const prepareDelay = 100 * time.Millisecond

// The host calls the engine through globalThis.wildlensGo, functions made with
// js.FuncOf. A scan crosses as one call per batch: the host encodes every listing
// into one Uint8Array (see DecodeBatch), copied in with one CopyBytesToGo, and gets
// one JSON string back. A //go:wasmexport entry over a shared buffer was measured
// against this: 3x faster per call (1,000 one-listing calls: 42 vs 131 ms) but no
// faster per batch (2,000 listings: 213 vs 198 ms), and batches are all the host sends
// (extension/README.md has the numbers), so the simpler way stayed.
func main() {
	// wasm memory only grows: without a limit the heap doubles past each big batch
	// and keeps it. The engine holds ~77 MiB after start (full lexicon); four 600 KB
	// batches took it to 122 MiB, and to 100 MiB with this limit at the same speed.
	debug.SetMemoryLimit(96 << 20)
	js.Global().Set("wildlensGo", js.ValueOf(map[string]any{
		"loadBundle": guard(jsLoadBundle),
		"describe":   guard(jsDescribe),
		"info":       guard(func(js.Value, []js.Value) any { return reply(json.Marshal(engine.Info())) }),
		"scan":       guard(jsScan),
	}))
	select {}
}

// guard makes a JS function of f that answers {error} when f panics: an unrecovered
// panic would end the Go program, and with it the engine of every tab, for one
// listing's text. The engine's state changes only at the end of a successful Load, so
// it stays consistent.
func guard(f func(js.Value, []js.Value) any) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				result = map[string]any{"error": fmt.Sprintf("engine panic: %v", r)}
			}
		}()
		return f(this, args)
	})
}

// reply turns a Go result into what the host expects from a js.FuncOf call: the
// JSON text of the value, or {error: message}.
func reply(data []byte, err error) any {
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	return string(data)
}

// jsLoadBundle(signed: Uint8Array, trustedKeys: string) → JSON Info | {error}.
func jsLoadBundle(_ js.Value, args []js.Value) any {
	if len(args) != 2 || args[0].Type() != js.TypeObject || args[1].Type() != js.TypeString {
		return map[string]any{"error": "loadBundle(signed: Uint8Array, trustedKeys: string)"}
	}
	signed := make([]byte, args[0].Get("length").Int())
	js.CopyBytesToGo(signed, args[0])
	// Loading decodes and indexes megabytes into a heap that starts near empty; at the
	// default GOGC it is collected over and over on the way up. At 400 (still under
	// the memory limit) verify took 1.1-1.4 s instead of 2.7-5.9 s and the matcher
	// build 1.1-1.4 s instead of 1.5-2.7 s (full lexicon, Chromium, loaded machine).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	info, err := engine.Load(signed, args[1].String())
	if err != nil {
		return reply(nil, err)
	}
	// The word-boundary segmenter (half the matcher's build) is left out of the load:
	// js/wasm runs every runnable goroutine before it returns to JavaScript, and a
	// goroutine whose timer has expired on any later call, so this one sleeps past the
	// host's start-up calls (load, warm-up scan) and builds the segmenter from a timer
	// while the host is idle. A scan that needs it sooner builds it.
	go func(e *Engine, m *match.Matcher) {
		time.Sleep(prepareDelay)
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		start := time.Now()
		m.Prepare()
		if e.matcher == m {
			e.prepareMs = ms(time.Since(start))
		}
	}(&engine, engine.matcher)
	return reply(json.Marshal(info))
}

// jsDescribe(termId: string) → JSON bundle.Term | {error}.
func jsDescribe(_ js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return map[string]any{"error": "describe(termId: string)"}
	}
	return reply(engine.Describe(args[0].String()))
}

// jsScan(frame: Uint8Array) → JSON [Result] | {error}: one batch of listings.
func jsScan(_ js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeObject {
		return map[string]any{"error": "scan(frame: Uint8Array)"}
	}
	n := args[0].Get("length").Int()
	if cap(frameBuf) < n {
		frameBuf = make([]byte, n)
	}
	frame := frameBuf[:n]
	js.CopyBytesToGo(frame, args[0])
	// ScanBatch's results are JSON before it returns: nothing keeps the texts, which
	// share frame's memory, past this call.
	return reply(engine.ScanBatch(frame))
}
