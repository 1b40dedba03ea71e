package bundle

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func sampleBundle() *Bundle {
	return &Bundle{
		Version: 1,
		Terms: []Term{
			{ID: "ivo-001", Term: "象牙", Lang: "zh-Hans", Kind: "product", Variants: []string{"橡牙"},
				Pinyin: []string{"xiang ya"}, Risk: 4, Benign: []string{"象牙塔"}, Source: []string{"S03"}},
			{ID: "ctx-001", Term: "私聊", Kind: "trade_context", Risk: 1},
		},
		Sources: map[string]Source{"S03": {Title: "新京报 (2018-12) 象牙黑市调查"}},
		Tables:  Tables{T2S: map[string]string{"製": "制"}},
		Words:   []Word{{Text: "象牙塔", Freq: 120, Pos: "n"}},
	}
}

// sealed returns the encoding of a sealed sample bundle after edit.
func sealed(t *testing.T, edit func(b *Bundle)) []byte {
	t.Helper()
	b := sampleBundle()
	edit(b)
	data, err := Seal(b)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestContentHashIgnoresVersionAndCreated(t *testing.T) {
	a, _ := Decode(sealed(t, func(b *Bundle) {}))
	b, _ := Decode(sealed(t, func(b *Bundle) { b.Version, b.Created = 9, "2026-01-01T00:00:00Z" }))
	c, _ := Decode(sealed(t, func(b *Bundle) { b.Terms[0].Risk = 5 }))
	if a == nil || b == nil || c == nil {
		t.Fatal("a sealed bundle does not decode")
	}
	if a.ContentSHA256 != b.ContentSHA256 {
		t.Errorf("version and created changed the content hash: %s vs %s", a.ContentSHA256, b.ContentSHA256)
	}
	if a.ContentSHA256 == c.ContentSHA256 {
		t.Error("a changed risk left the content hash unchanged")
	}
}

func TestDecodeRefuses(t *testing.T) {
	good := string(sealed(t, func(b *Bundle) {}))
	for _, c := range []struct{ name, data, want string }{
		{"not JSON", `{"format":2,`, "bundle: malformed JSON"},
		{"future format", strings.Replace(good, `"format":2`, `"format":3`, 1), "bundle: format 3 is not supported (this build reads format 2)"},
		{"words as objects (format 1)", strings.Replace(good, `"words":"象牙塔 120 n\n"`, `"words":[{"w":"象牙塔","f":120,"p":"n"}]`, 1), "bundle: words: want one string"},
		{"word without frequency", strings.Replace(good, `"words":"象牙塔 120 n\n"`, `"words":"象牙塔\n"`, 1), `bundle: words line 1 "象牙塔": want "text freq [pos]"`},
		{"frequency not a number", strings.Replace(good, `"words":"象牙塔 120 n\n"`, `"words":"自然 5 n\n象牙塔 x n\n"`, 1), `bundle: words line 2 "象牙塔 x n": frequency`},
		{"version 0", strings.Replace(good, `"version":1`, `"version":0`, 1), "bundle: version 0 is not a positive integer"},
		{"edited content", strings.Replace(good, `"risk":4`, `"risk":5`, 1), "does not match the declared"},
	} {
		if _, err := Decode([]byte(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Decode = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestDictionaryText(t *testing.T) {
	for _, c := range []struct {
		words Dictionary
		json  string
	}{
		{Dictionary{{Text: "象牙塔", Freq: 120, Pos: "n"}, {Text: "自然", Freq: 5000}}, `"象牙塔 120 n\n自然 5000\n"`},
		{Dictionary{{Text: "\ue000", Freq: 1.5e+07}, {Text: "x", Freq: 0.25, Pos: "eng"}}, "\"\ue000 1.5e+07\\nx 0.25 eng\\n\""},
		{Dictionary{}, `""`},
	} {
		data, err := json.Marshal(c.words)
		if err != nil || string(data) != c.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", c.words, data, err, c.json)
		}
		var back Dictionary
		if err := json.Unmarshal([]byte(c.json), &back); err != nil || !slices.Equal(back, c.words) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", c.json, back, err, c.words)
		}
	}
	for _, bad := range []Dictionary{{{Text: "象 牙", Freq: 1}}, {{Text: "", Freq: 1}}, {{Text: "a", Freq: 1, Pos: "n\nb 2"}}} {
		if data, err := json.Marshal(bad); err == nil || !strings.Contains(err.Error(), "empty or holds white space") {
			t.Errorf("Marshal(%v) = %s, %v; want a white space error", bad, data, err)
		}
	}
}
