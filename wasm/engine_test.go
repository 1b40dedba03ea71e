//go:build js && wasm

package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// Run with: GOOS=js GOARCH=wasm go test -tags ne -exec wasmbrowsertest ./wasm

var testKey = mustKey()

func mustKey() bundle.PrivateKey {
	k, err := bundle.GenerateKey()
	if err != nil {
		panic(err)
	}
	return k
}

func trusted() string { return "# test key\n" + testKey.Public().String() + "\n" }

func signed(t *testing.T, version int64, terms ...bundle.Term) []byte {
	t.Helper()
	data, err := bundle.Seal(&bundle.Bundle{Version: version, Terms: terms})
	if err != nil {
		t.Fatal(err)
	}
	s, err := bundle.Sign(data, testKey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	ivory   = bundle.Term{ID: "ivo-001", Term: "象牙", Kind: "product", Risk: 4, Species: &bundle.Species{En: "elephants"}}
	ivoryEn = bundle.Term{ID: "ivo-en", Term: "ivory", Kind: "product", Risk: 4}
)

// frame encodes listings as the host does: alternating ids and texts.
func frame(idText ...string) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint32(len(idText)/2))
	for _, s := range idText {
		binary.Write(&b, binary.LittleEndian, uint32(len(s)))
		b.WriteString(s)
	}
	return b.Bytes()
}

func TestDecodeBatch(t *testing.T) {
	for _, c := range []struct {
		name    string
		in      []byte
		want    string // "id=text;..." or the error
		wantErr bool
	}{
		{"doc example", []byte("\x01\x00\x00\x00\x01\x00\x00\x00a\x06\x00\x00\x00\xe8\xb1\xa1\xe7\x89\x99"), "a=象牙;", false},
		{"empty batch", frame(), "", false},
		{"two listings", frame("a", "x y", "b", ""), "a=x y;b=;", false},
		{"empty input", nil, "batch: truncated length", true},
		{"truncated text length", frame("a", "xy")[:9], "batch: truncated length", true},
		{"text overruns", frame("a", "xy")[:14], "batch: field of 2 bytes overruns the 1 left", true},
		{"trailing bytes", append(frame("a", "x"), 0), "batch: 1 bytes after the last listing", true},
		{"absurd count", []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}, "batch: count 4294967295 does not fit in 8 bytes", true},
	} {
		items, err := DecodeBatch(c.in)
		var got string
		if err != nil {
			got = err.Error()
		} else {
			for _, it := range items {
				got += it.ID + "=" + it.Text + ";"
			}
		}
		if got != c.want || (err != nil) != c.wantErr {
			t.Errorf("%s: got %q (err %v), want %q", c.name, got, err, c.want)
		}
	}
}

func TestLoadVerifiesAndKeepsPreviousOnRefusal(t *testing.T) {
	var e Engine
	if _, err := e.ScanBatch(frame("a", "象牙")); err == nil || err.Error() != "no lexicon loaded" {
		t.Fatalf("scan before load: err = %v", err)
	}
	v2 := signed(t, 2, ivory)
	info, err := e.Load(v2, trusted())
	if err != nil || info.Version != 2 || info.Terms != 1 {
		t.Fatalf("Load(v2) = %+v, %v", info, err)
	}
	other, _ := bundle.GenerateKey()
	sealed, _ := bundle.Seal(&bundle.Bundle{Version: 3, Terms: []bundle.Term{ivoryEn}})
	byOther, _ := bundle.Sign(sealed, other)
	for _, c := range []struct {
		name, keys string
		bundle     []byte
		wantErr    string
	}{
		{"tampered", trusted(), bytes.Replace(signed(t, 3, ivoryEn), []byte("ivory"), []byte("ivorx"), 1), "does not verify"},
		{"untrusted key", trusted(), byOther, "signed only by untrusted key"},
		{"older", trusted(), signed(t, 1, ivory), "bundle version 1 is older than the loaded version 2"},
		{"same version, other content", trusted(), signed(t, 2, ivoryEn), "bundle version 2 has different content"},
		{"unsigned JSON", trusted(), sealed, "not a signed bundle"},
		{"no trusted keys", "# none\n", signed(t, 3, ivoryEn), "trusted keys: no public keys"},
	} {
		if _, err := e.Load(c.bundle, c.keys); err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.wantErr)
		}
	}
	if got := e.Info(); got.Version != 2 || got.Terms != 1 {
		t.Errorf("after refusals Info() = %+v, want version 2 still loaded", got)
	}
	if _, err := e.Load(v2, trusted()); err != nil {
		t.Errorf("reloading the same bundle: %v", err)
	}
	if info, err := e.Load(signed(t, 3, ivory, ivoryEn), trusted()); err != nil || info.Version != 3 || info.Terms != 2 {
		t.Errorf("Load(v3) = %+v, %v", info, err)
	}
}

func scanResults(t *testing.T, out []byte) []match.Result {
	t.Helper()
	var rs []match.Result
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	return rs
}

// spans is "id: term_id text start16-end16, ..." per listing.
func spans(rs []match.Result) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s:", r.ID)
		for _, m := range r.Matches {
			fmt.Fprintf(&b, " %s %s %d-%d", m.TermID, m.Text, m.Start16, m.End16)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestScanReportsUTF16Offsets(t *testing.T) {
	var e Engine
	if _, err := e.Load(signed(t, 1, ivory, ivoryEn), trusted()); err != nil {
		t.Fatal(err)
	}
	out, err := e.ScanBatch(frame(
		"bmp", "出售象牙",
		"astral", "🐘𝐢 象牙 ivory", // 🐘 and 𝐢 are two UTF-16 units each
		"none", "nothing",
	))
	if err != nil {
		t.Fatal(err)
	}
	want := "bmp: ivo-001 象牙 2-4\nastral: ivo-001 象牙 5-7 ivo-en ivory 8-13\nnone:\n"
	rs := scanResults(t, out)
	if got := spans(rs); got != want {
		t.Errorf("spans:\n%s\nwant:\n%s", got, want)
	}
	if rs[2].Matches == nil {
		t.Error("a listing without hits must carry matches: [] for the host, not null")
	}
}

func TestDescribe(t *testing.T) {
	var e Engine
	if _, err := e.Load(signed(t, 4, ivory), trusted()); err != nil {
		t.Fatal(err)
	}
	got, err := e.Describe("ivo-001")
	if err != nil || string(got) != `{"id":"ivo-001","term":"象牙","kind":"product","species":{"en":"elephants"},"risk":4}` {
		t.Errorf("Describe(ivo-001) = %s, %v", got, err)
	}
	if _, err := e.Describe("nope"); err == nil || err.Error() != `no term "nope" in lexicon version 4` {
		t.Errorf("Describe(nope): err = %v", err)
	}
}

// TestJSPaths drives the functions the host calls with real JS values.
func TestJSPaths(t *testing.T) {
	engine = Engine{}
	bundleBytes := signed(t, 9, ivory)
	arr := js.Global().Get("Uint8Array").New(len(bundleBytes))
	js.CopyBytesToJS(arr, bundleBytes)
	reply := jsLoadBundle(js.Undefined(), []js.Value{arr, js.ValueOf(trusted())})
	if s, ok := reply.(string); !ok || !strings.Contains(s, `"version":9`) {
		t.Fatalf("loadBundle reply = %#v", reply)
	}
	bad := jsLoadBundle(js.Undefined(), []js.Value{js.ValueOf("not bytes")})
	if m, ok := bad.(map[string]any); !ok || m["error"] != "loadBundle(signed: Uint8Array, trustedKeys: string)" {
		t.Errorf("loadBundle with bad arguments = %#v", bad)
	}

	in := frame("a", "🐘象牙")
	frameArr := js.Global().Get("Uint8Array").New(len(in))
	js.CopyBytesToJS(frameArr, in)
	if s, ok := jsScan(js.Undefined(), []js.Value{frameArr}).(string); !ok || spans(scanResults(t, []byte(s))) != "a: ivo-001 象牙 2-4\n" {
		t.Errorf("scan reply = %#v", s)
	}
	truncated := js.Global().Get("Uint8Array").New(3)
	if m, ok := jsScan(js.Undefined(), []js.Value{truncated}).(map[string]any); !ok || m["error"] != "batch: truncated length" {
		t.Errorf("scan of a truncated frame = %#v", m)
	}
	if s, ok := jsDescribe(js.Undefined(), []js.Value{js.ValueOf("ivo-001")}).(string); !ok || !strings.Contains(s, `"term":"象牙"`) {
		t.Errorf("describe reply = %#v", s)
	}
}

func TestGuardTurnsPanicIntoError(t *testing.T) {
	f := guard(func(js.Value, []js.Value) any { panic("boom") })
	defer f.Release()
	got := f.Invoke()
	if got.Type() != js.TypeObject || got.Get("error").String() != "engine panic: boom" {
		t.Errorf("guarded panic answered %v", got)
	}
	ok := guard(func(js.Value, []js.Value) any { return "fine" })
	defer ok.Release()
	if got := ok.Invoke(); got.String() != "fine" {
		t.Errorf("guarded call answered %v", got)
	}
}
