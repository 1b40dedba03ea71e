//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"
	"unsafe"
)

var engine Engine

// The host reaches the engine two ways. Rare calls (load a bundle, describe a term)
// go through globalThis.wildlensGo, functions made with js.FuncOf. Scans, the hot
// path, go through //go:wasmexport functions over a buffer in wasm memory: the host
// encodes the batch straight into it with TextEncoder.encodeInto and reads the JSON
// answer out of it. A js.FuncOf call costs 14-27 µs and copies strings twice; an
// export call costs ~10 ns (extension/README.md has the measurement).
func main() {
	js.Global().Set("wildlensGo", js.ValueOf(map[string]any{
		"loadBundle": js.FuncOf(jsLoadBundle),
		"describe":   js.FuncOf(jsDescribe),
		"info":       js.FuncOf(func(js.Value, []js.Value) any { return reply(json.Marshal(engine.Info())) }),
		"scanFrame":  js.FuncOf(jsScanFrame),
	}))
	select {}
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
	info, err := engine.Load(signed, args[1].String())
	if err != nil {
		return reply(nil, err)
	}
	return reply(json.Marshal(info))
}

// jsDescribe(termId: string) → JSON bundle.Term | {error}.
func jsDescribe(_ js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return map[string]any{"error": "describe(termId: string)"}
	}
	return reply(engine.Describe(args[0].String()))
}

// jsScanFrame(frame: Uint8Array) → JSON [Result] | {error}: the js.FuncOf path of a
// scan, kept for the measurement that chose the export path.
func jsScanFrame(_ js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeObject {
		return map[string]any{"error": "scanFrame(frame: Uint8Array)"}
	}
	frame := make([]byte, args[0].Get("length").Int())
	js.CopyBytesToGo(frame, args[0])
	return reply(engine.ScanBatch(frame))
}

// exchange is the buffer shared with the host: it holds the encoded batch on the way
// in and the JSON answer on the way out. Keeping it in a global keeps the GC from
// moving or freeing it between the host's write and the scan.
var exchange []byte

// bufferFor makes exchange hold at least n bytes and returns its address in wasm
// memory. The host must re-read memory.buffer afterwards: growing the heap replaces it.
//
//go:wasmexport wildlens_buffer
func bufferFor(n uint32) uint32 {
	if uint32(cap(exchange)) < n {
		exchange = make([]byte, n)
	}
	exchange = exchange[:cap(exchange)]
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(exchange))))
}

// scanBuffer scans the batch of n bytes the host wrote at the start of exchange and
// returns where the answer is: address<<32 | length. The answer is the JSON of
// [Result], or {"error": message} when the batch is refused.
//
//go:wasmexport wildlens_scan
func scanBuffer(n uint32) uint64 {
	var out []byte
	if int(n) > len(exchange) {
		out, _ = json.Marshal(map[string]string{"error": "batch is longer than the buffer"})
	} else {
		var err error
		out, err = engine.ScanBatch(exchange[:n])
		if err != nil {
			out, _ = json.Marshal(map[string]string{"error": err.Error()})
		}
	}
	exchange = out
	addr := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(out))))
	return addr<<32 | uint64(len(out))
}
