package pagetext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// expectText checks FromHTML, and that parseDeep (the tree builder for documents nested
// too deeply for x/net/html) gives the same text for the same UTF-8 input.
func expectText(t *testing.T, in, want string) {
	t.Helper()
	got, err := FromHTML(strings.NewReader(in))
	if err != nil {
		t.Fatalf("FromHTML(%q): %v", in, err)
	}
	if got != want {
		t.Errorf("FromHTML(%q)\n got %q\nwant %q", in, got, want)
	}
	if !utf8.ValidString(in) {
		return
	}
	doc, err := parseDeep(strings.NewReader(strings.TrimPrefix(in, "\ufeff")))
	if err != nil {
		t.Fatalf("parseDeep(%q): %v", in, err)
	}
	if got := FromNode(doc); got != want {
		t.Errorf("parseDeep(%q)\n got %q\nwant %q", in, got, want)
	}
}

func TestInline(t *testing.T) {
	expectText(t, `象<b>牙</b>手镯`, "象牙手镯")
	expectText(t, `<span>象</span><span>牙</span>`, "象牙")
	expectText(t, `<a href="#">i</a><em>v</em><code>ory</code>`, "ivory")
	expectText(t, `<p>象<img src=x alt="牙">牙</p>`, "象牙")
	expectText(t, `<p>出售<button>私聊</button></p>`, "出售私聊")
	expectText(t, `<p>a<!-- comment -->b</p>`, "ab")
	expectText(t, `<!DOCTYPE html><p>a</p>`, "a")
}

func TestBlocks(t *testing.T) {
	expectText(t, `<p>a</p><p>b</p>`, "a\nb")
	expectText(t, `<div>a<div>b</div>c</div>`, "a\nb\nc")
	expectText(t, `<p>a</p><p></p><div><p>b</p></div>`, "a\nb")
	expectText(t, `<h1>title</h1>text`, "title\ntext")
	expectText(t, `<ul><li>one</li><li>two</li></ul>`, "one\ntwo")
	expectText(t, `<dl><dt>k</dt><dd>v</dd></dl>`, "k\nv")
	expectText(t, `<section><header>h</header><footer>f</footer></section>`, "h\nf")
	expectText(t, `<details><summary>s</summary>body</details>`, "s\nbody")
	expectText(t, `<pre>a  b</pre>`, "a  b")
	expectText(t, `a<blockquote>q</blockquote>b`, "a\nq\nb")
	expectText(t, `<div></div><div></div>a`, "a")
	expectText(t, `a<div></div>`, "a")
}

func TestBr(t *testing.T) {
	expectText(t, `a<br>b`, "a\nb")
	expectText(t, `a<br><br><br>b`, "a\nb")
	expectText(t, `<br>a<br>`, "a")
	expectText(t, `a<hr>b`, "a\nb")
	expectText(t, `象<br>牙`, "象\n牙")
}

func TestTables(t *testing.T) {
	expectText(t, `<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>`, "a\nb\nc")
	expectText(t, `<table><caption>cap</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>`, "cap\nh\nd")
	expectText(t, "<table>\n  <tr>\n    <td>a</td>\n    <td>b</td>\n  </tr>\n</table>", "a\nb")
	expectText(t, `<table><tr><td>象<b>牙</b></td></tr></table>`, "象牙")
}

func TestWhitespace(t *testing.T) {
	expectText(t, "a\tb\nc\rd\fe", "a b c d e")
	expectText(t, "<p>a</p>  <p>b</p>", "a\nb")
	expectText(t, "<b>a</b>  <i>b</i>", "a  b")
	expectText(t, "<b>a</b>\n<i>b</i>", "a b")
	expectText(t, "<p>a</p>\n\n<b>b</b>", "a\nb")
	expectText(t, "<div>\n  <span>a</span>\n  <span>b</span>\n</div>", "a   b ")
	expectText(t, "<p>a</p><b> </b>b", "a\nb")
	expectText(t, "\u00a0<p>a</p>", "\u00a0\na")
	expectText(t, "<p>a\u00a0</p><p>\u00a0</p>", "a\u00a0\n\u00a0")
	expectText(t, "<p>a</p>\u3000<p>b</p>", "a\n\u3000\nb")
}

func TestWhitespaceInText(t *testing.T) {
	// A text node with some non-space character is appended whole, leading spaces too.
	expectText(t, "<p>a</p><p>  b  </p>", "a\n  b  ")
	expectText(t, "<p>  a  </p>", "  a  ")
	expectText(t, "x<p> y</p>", "x\n y")
}

func TestEntities(t *testing.T) {
	expectText(t, `&lt;b&gt;象&amp;牙&lt;/b&gt;`, "<b>象&牙</b>")
	expectText(t, `象&#29273;`, "象牙")
	expectText(t, `象&#x200b;牙`, "象\u200b牙")
	expectText(t, `a&nbsp;b`, "a\u00a0b")
	expectText(t, `a&#9;b&#10;c`, "a b c")
	expectText(t, `<p>a</p>&#32;<p>b</p>`, "a\nb")
}

func TestSkippedElements(t *testing.T) {
	expectText(t, `<head><title>t</title><style>p{}</style></head><body>a</body>`, "a")
	expectText(t, `a<script>var x = "象牙"</script>b`, "ab")
	expectText(t, `a<style>.x{}</style>b`, "ab")
	expectText(t, `a<noscript>象牙</noscript>b`, "ab")
	expectText(t, `a<template>象牙</template>b`, "ab")
	expectText(t, `a<textarea>象牙</textarea>b`, "ab")
	expectText(t, `a<input value="象牙">b`, "ab")
	expectText(t, `a<select><option>象牙</option></select>b`, "ab")
	expectText(t, `a<svg><text>象牙</text></svg>b`, "ab")
	expectText(t, `a<math><mi>x</mi></math>b`, "ab")
	expectText(t, `a<iframe>象牙</iframe>b`, "ab")
	expectText(t, `a<object>象牙</object>b`, "ab")
	expectText(t, `a<embed>b`, "ab")
	expectText(t, `a<canvas>象牙</canvas>b`, "ab")
	expectText(t, `<p>a</p><script>x</script> <p>b</p>`, "a\nb")
}

func TestHiddenByTheBrowsersStylesheet(t *testing.T) {
	expectText(t, `a<title>象牙</title>b`, "ab")
	expectText(t, `a<datalist><option>x</option>象牙</datalist>b`, "ab")
	expectText(t, `a<noembed>象牙</noembed>b`, "ab")
	expectText(t, `a<noframes>象牙</noframes>b`, "ab")
	expectText(t, `a<ruby>象<rp>(</rp><rt>xiang</rt><rp>)</rp></ruby>b`, "a象xiangb")
	expectText(t, `<dialog>象牙</dialog>x`, "x")
	expectText(t, `<dialog open>象牙</dialog>x`, "象牙\nx")
	expectText(t, `a<video>fallback</video>b`, "afallbackb") // not hidden by display:none
}

func TestHidden(t *testing.T) {
	expectText(t, `a<span hidden>象牙</span>b`, "ab")
	expectText(t, `a<div hidden=until-found><p>象牙</p></div>b`, "ab")
	expectText(t, `a<span aria-hidden="true">象牙</span>b`, "a象牙b")
	expectText(t, `a<span data-wildlens-ui>card</span>b`, "ab")
	expectText(t, `a<div data-wildlens-ui=""><p>card</p></div>b`, "ab")
}

func TestContentEditable(t *testing.T) {
	expectText(t, `a<div contenteditable>象牙</div>b`, "ab")
	expectText(t, `a<div contenteditable="true">象牙</div>b`, "ab")
	expectText(t, `a<div contenteditable="plaintext-only">象牙</div>b`, "ab")
	expectText(t, `a<div contenteditable="false">象牙</div>b`, "a\n象牙\nb")
	expectText(t, `a<div contenteditable="FALSE">象牙</div>b`, "a\n象牙\nb")
}

func TestInlineStyle(t *testing.T) {
	expectText(t, `a<span style="display:none">象牙</span>b`, "ab")
	expectText(t, `a<span style="DISPLAY : NONE">象牙</span>b`, "ab")
	expectText(t, `a<span style="color:red; display: none !important;">象牙</span>b`, "ab")
	expectText(t, `a<span style="visibility:hidden">象牙</span>b`, "ab")
	expectText(t, `a<span style="visibility : Hidden ! important">象牙</span>b`, "ab")
	expectText(t, `a<span style="visibility: COLLAPSE !important">象牙</span>b`, "ab")
	expectText(t, `<table><tr style="visibility:collapse"><td>象牙</td></tr></table>b`, "b")
	expectText(t, `a<span style="display:none;display:inline">象牙</span>b`, "ab")
	expectText(t, `a<span style="display:inline;display:none">象牙</span>b`, "ab")
	expectText(t, `a<span style="visibility:visible">象牙</span>b`, "a象牙b")
	expectText(t, `a<span style="display:block">象牙</span>b`, "a象牙b") // blocks are by name only
	expectText(t, `a<span style="display:nonex">象牙</span>b`, "a象牙b")
	expectText(t, `a<span style="opacity:0">象牙</span>b`, "a象牙b")
	expectText(t, `a<span style="content:'display:none'">象牙</span>b`, "a象牙b")
}

func TestDeclarativeShadowRoots(t *testing.T) {
	expectText(t, `<div><template shadowrootmode="open"><p>shadow</p></template>light</div>`, "shadow")
	expectText(t, `<div><template shadowrootmode="open"><p>shadow</p><slot></slot></template>light</div>`, "shadow\nlight")
	expectText(t, `<div><template shadowrootmode="closed"><p>shadow</p></template>light</div>`, "light")
	expectText(t, `<div><template shadowrootmode="OPEN">象<slot>fallback</slot></template></div>`, "象fallback")
	expectText(t, `<x-card><template shadowrootmode="open">象<slot name=t></slot>手镯</template><b slot=t>牙</b>x</x-card>`, "象牙手镯")
	expectText(t, `<div><template shadowrootmode="open"><slot name=a></slot>|<slot></slot></template>t<i slot=a>a</i><i>d</i></div>`, "a|td")
	expectText(t, `<div><template shadowrootmode="open"><slot></slot><slot>second</slot></template>one</div>`, "onesecond")
	expectText(t, `<div><template shadowrootmode="open"><span hidden><slot></slot></span><slot>x</slot></template>one</div>`, "x")
	expectText(t, `<div><template shadowrootmode="open"><span><template shadowrootmode="open">in<slot></slot></template>mid</span></template>out</div>`, "inmid")
	expectText(t, `<div><template shadowrootmode="open"><span><template shadowrootmode="open">in<slot></slot></template><slot></slot></span></template>out</div>`, "inout")
	expectText(t, `<table><template shadowrootmode="open">shadow</template></table>x`, "x") // a table cannot host one
}

func TestHiddenKeepsBoundaries(t *testing.T) {
	// A skipped block contributes nothing, not even its boundaries.
	expectText(t, `象<div hidden>x</div>牙`, "象牙")
	expectText(t, `<p>a</p><p hidden>x</p><p>b</p>`, "a\nb")
}

func TestFromNode(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(
		`<div id=l1><h3>出售象<b>牙</b></h3><p>私聊</p></div><div id=l2 hidden>x</div>`))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*html.Node{}
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" {
				byID[a.Val] = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if got, want := FromNode(byID["l1"]), "出售象牙\n私聊"; got != want {
		t.Errorf("FromNode(l1) = %q, want %q", got, want)
	}
	if got := FromNode(byID["l2"]); got != "" {
		t.Errorf("FromNode(hidden l2) = %q, want empty", got)
	}
}

func TestNeverStartsOrEndsWithNewline(t *testing.T) {
	for _, in := range []string{
		`<br><p> </p><div>a</div><br>`, "<div>\n</div>a<p>\n</p>", `<hr><hr>`, ``,
	} {
		got, err := FromHTML(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(got, "\n") || strings.HasSuffix(got, "\n") || strings.Contains(got, "\n\n") {
			t.Errorf("FromHTML(%q) = %q", in, got)
		}
	}
}

func TestEncoding(t *testing.T) {
	expectText(t, "\xef\xbb\xbf<html><head><title>t</title></head><body>象牙</body></html>", "象牙")
	// 象牙 in GBK is 0xCF 0xF3 0xD1 0xC0.
	expectText(t, "<meta charset=gbk><p>\xcf\xf3\xd1\xc0</p>", "象牙")
	expectText(t, "<meta charset=\"gb2312\"><title>t</title>\xcf\xf3\xd1\xc0", "象牙")
	// Valid UTF-8 wins over a stale declaration, as a saved page usually is UTF-8.
	expectText(t, "<meta charset=gbk><p>象牙</p>", "象牙")
	expectText(t, "<p>caf\xe9</p>", "café")
}

func TestNestedDeeperThanTheParserAllows(t *testing.T) {
	deep := strings.Repeat("<small>", 600)
	expectText(t, deep+"出售象<b>牙</b>", "出售象牙")
	expectText(t, "<p>x</p>"+deep+"<span hidden>象牙</span>y", "x\ny")
	// Past depth 512 Chromium attaches elements to the current element's parent but text
	// to the current element, so the " " after <br> lands before it in the tree and is
	// kept, as in a real saved classifieds page.
	expectText(t, deep+"a;\n<br> <font>b</font>", "a;  \nb")
	expectText(t, deep+"<div>a</div>b", "b\na") // the div went up, "b" stayed deep, before it
	expectText(t, deep+"a<!--c--> <p>b</p>c", "a c\nb")
}
