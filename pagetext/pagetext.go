// Package pagetext reduces an HTML document to its visible text: the one serialisation
// that `wildlens scan` and the extension's content script both produce, so that a page
// scanned on the command line and the same page highlighted in the browser give the same
// text, and therefore the same hits at the same offsets. The content script is the
// JavaScript twin of this package; a parity test (extension/e2e) compares the two on
// every page in testdata/pages.
//
// # The serialisation (the contract)
//
// Input: an HTML document, or one element's subtree (the serialisation of a listing
// container). Go parses with golang.org/x/net/html.Parse, the HTML5 tree construction
// browsers use; the browser walks its live DOM. Character references are decoded: the
// text is the DOM's text node data.
//
// Walk: nodes in tree order, into OPEN shadow roots in place of the host's light
// children when a shadow root exists (the flat tree: a <slot> shows the light children
// assigned to it). The Go side sees the shadow roots HTML declares
// (<template shadowrootmode="open">, see shadowTree); the browser also those that
// scripts attach. Same-origin iframes are documents of their own, scanned by their own
// content script. An element and its whole subtree are skipped when
//
//   - its name is one of head, script, style, noscript, template, textarea, input,
//     select, svg, math, iframe, object, embed, canvas;
//   - its name is one the browser's own stylesheet hides (HTML standard, "Rendering:
//     hidden elements"): title, datalist, noembed, noframes, rp, area, base, link,
//     meta, param; or it is a dialog without the open attribute;
//   - it has the hidden attribute (any value);
//   - it has the contenteditable attribute with a value other than "false" (ASCII
//     case-insensitive, as HTML reads it; what someone is typing is not the listing);
//   - its inline style attribute has a declaration display:none, visibility:hidden or
//     visibility:collapse. Declarations are separated by ";", property and value by
//     the first ":"; ASCII case and all ASCII whitespace are ignored and a trailing
//     !important is allowed. The attribute is read as text, not as CSS: any such
//     declaration hides, even if a later one overrides it (rare on real pages; the
//     browser side reads the attribute the same way, because under a strict style-src
//     the browser ignores the attribute and its computed style says nothing);
//   - it has the data-wildlens-ui attribute (the extension's own UI).
//
// aria-hidden="true" does NOT skip: content hidden from screen readers is often
// visible. The browser additionally skips elements whose computed style is display:none
// or visibility:hidden/collapse; the Go side cannot evaluate the page's stylesheets, so
// the project's test pages hide content only with inline styles or the hidden attribute,
// where both sides agree. (The browser's default stylesheet is mirrored by the name
// rules above: without them a <title> in the body or an <rp> would differ.)
//
// Blocks: these elements put a block boundary before and after their content: address
// article aside blockquote body br caption dd details dialog div dl dt fieldset
// figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol
// p pre section summary table tbody td tfoot th thead tr ul. br and hr have no content:
// they are one boundary. Every other element is inline, so a term split across inline
// elements stays whole: 象<b>牙</b> serialises to "象牙".
//
// Output: the data of the text nodes, with each of \t \n \r \f replaced by a space (so
// an offset inside a text node maps 1:1 to the output), and "\n" for block boundaries,
// written lazily: a boundary sets a pending flag, and when the next text is appended
// and the output is not empty, one "\n" is written first. So the output never starts or
// ends with "\n" and never holds two in a row:
//
//	<p>a</p><p></p><div><p>b</p></div>   →  "a\nb"
//
// Whitespace: a text node made only of ASCII whitespace (space \t \n \r \f) is dropped
// when the output is empty, ends with "\n", or a boundary is pending (and then it does
// not clear the pending flag); otherwise it is appended like any other text. An empty
// text node appends nothing. Other white space, such as U+00A0, is text.
//
//	<p>a</p>  <p>b</p>     →  "a\nb"       (the "  " falls on a pending boundary)
//	<b>a</b>  <i>b</i>     →  "a  b"       (two spaces: whitespace is kept, not collapsed)
//
// Offsets the matcher returns (start16/end16) index this string in UTF-16 code units;
// the content script keeps, per appended text node, its start offset in the string to
// map spans back to DOM Ranges.
package pagetext

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// FromHTML parses an HTML document and returns its visible text.
//
// Bytes are decoded as a browser decodes a saved page: UTF-8 when they are valid UTF-8
// (a byte order mark is dropped, as the browser's decoder drops it; left in, it would be
// text before <html> and push the head's title into the body); otherwise the encoding the
// document declares by BOM or <meta charset> (GBK, Big5, Shift_JIS...), else windows-1252.
// A document nested deeper than 512 elements is built as Chromium builds it (parseDeep).
func FromHTML(r io.Reader) (string, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("pagetext: read HTML: %w", err)
	}
	var src []byte
	if utf8.Valid(raw) {
		src = bytes.TrimPrefix(raw, utf8BOM)
	} else {
		enc, _, _ := charset.DetermineEncoding(raw, "")
		if src, err = enc.NewDecoder().Bytes(raw); err != nil {
			return "", fmt.Errorf("pagetext: decode HTML: %w", err)
		}
	}
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		// x/net/html refuses documents nested deeper than 512 elements (a real saved
		// classifieds page opens 3,500 <small>s); browsers flatten them instead.
		if doc, err = parseDeep(bytes.NewReader(src)); err != nil {
			return "", fmt.Errorf("pagetext: parse HTML: %w", err)
		}
	}
	return FromNode(doc), nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

// FromNode returns the visible text of n and its subtree (n itself may be skipped).
func FromNode(n *html.Node) string {
	var w writer
	w.walk(n, nil)
	return w.out.String()
}

type writer struct {
	out     strings.Builder
	pending bool // a block boundary waits for the next text
}

// walk visits n, which belongs to tree: nil for the document tree, or the shadow tree
// whose <slot> elements take their host's light children.
func (w *writer) walk(n *html.Node, tree *shadowTree) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.DocumentNode:
		// walk its children below
	case html.ElementNode:
		if skipped(n) {
			return
		}
	default: // comments, doctypes
		return
	}
	block := n.Type == html.ElementNode && n.Namespace == "" && blocks[n.DataAtom]
	if block {
		w.pending = true
	}
	if root := openShadowRoot(n); root != nil {
		w.walkChildren(root, newShadowTree(n, root, tree))
	} else if assigned := tree.assigned(n); assigned != nil {
		for _, c := range assigned {
			w.walk(c, tree.outer)
		}
	} else {
		w.walkChildren(n, tree)
	}
	if block {
		w.pending = true
	}
}

func (w *writer) walkChildren(n *html.Node, tree *shadowTree) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, tree)
	}
}

func (w *writer) text(s string) {
	if s == "" {
		return
	}
	if strings.Trim(s, asciiSpace) == "" {
		if w.out.Len() == 0 || w.pending || strings.HasSuffix(w.out.String(), "\n") {
			return
		}
	}
	if w.pending && w.out.Len() > 0 {
		w.out.WriteByte('\n')
	}
	w.pending = false
	w.out.WriteString(controlSpaces.Replace(s))
}

const asciiSpace = " \t\n\r\f"

var controlSpaces = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", "\f", " ")

// skippedNames are matched by local name in any namespace: an <svg> or <math> root is
// a foreign element, and its subtree goes with it.
var skippedNames = map[string]bool{
	"head": true, "script": true, "style": true, "noscript": true, "template": true,
	"textarea": true, "input": true, "select": true, "svg": true, "math": true,
	"iframe": true, "object": true, "embed": true, "canvas": true,
	// hidden by the browser's default stylesheet
	"title": true, "datalist": true, "noembed": true, "noframes": true, "rp": true,
	"area": true, "base": true, "link": true, "meta": true, "param": true,
}

var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

func skipped(n *html.Node) bool {
	if skippedNames[n.Data] || n.DataAtom == atom.Dialog && !hasAttr(n, "open") {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden", "data-wildlens-ui":
			return true
		case "contenteditable":
			if !strings.EqualFold(a.Val, "false") {
				return true
			}
		case "style":
			if styleHides(a.Val) {
				return true
			}
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// styleHides reports whether an inline style attribute has a declaration display:none
// or visibility:hidden or collapse.
func styleHides(style string) bool {
	for _, decl := range strings.Split(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop, val = squeeze(prop), strings.TrimSuffix(squeeze(val), "!important")
		if prop == "display" && val == "none" || prop == "visibility" && (val == "hidden" || val == "collapse") {
			return true
		}
	}
	return false
}

// squeeze lower-cases ASCII letters and drops ASCII whitespace.
func squeeze(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(asciiSpace, c) >= 0:
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// A shadowTree is an open shadow root declared in HTML (<template shadowrootmode=open>
// as the first such child of a host that can have one), walked in place of the host's
// light children as the browser's flat tree: each <slot> shows the light children
// assigned to it (elements by their slot attribute, text to the unnamed slot; only the
// first slot of a name in tree order), or its own children when none are. A closed
// shadow root is invisible to the content script, so for both sides the host shows its
// light children.
type shadowTree struct {
	host  *html.Node
	root  *html.Node            // the template, which the browser's parser takes out of the host
	outer *shadowTree           // the tree the host belongs to
	slots map[*html.Node]string // the slots that receive children, by name
}

// shadowHosts are the HTML elements that may carry a shadow root (besides custom
// elements, whose names hold a hyphen).
var shadowHosts = map[atom.Atom]bool{
	atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true, atom.Div: true,
	atom.Footer: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Main: true, atom.Nav: true, atom.P: true,
	atom.Section: true, atom.Span: true,
}

// openShadowRoot returns the template holding n's declarative open shadow root, if any.
func openShadowRoot(n *html.Node) *html.Node {
	if n.Type != html.ElementNode || n.Namespace != "" || !(shadowHosts[n.DataAtom] || strings.Contains(n.Data, "-")) {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Template || c.Namespace != "" {
			continue
		}
		for _, a := range c.Attr {
			if a.Namespace == "" && a.Key == "shadowrootmode" {
				switch strings.ToLower(a.Val) {
				case "open":
					return c
				case "closed":
					return nil
				}
			}
		}
	}
	return nil
}

func newShadowTree(host, root *html.Node, outer *shadowTree) *shadowTree {
	t := &shadowTree{host: host, root: root, outer: outer, slots: map[*html.Node]string{}}
	seen := map[string]bool{}
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.Namespace != "" || c.DataAtom == atom.Template {
				continue // a nested template is another tree, or inert
			}
			if c.DataAtom == atom.Slot {
				name := attr(c, "name")
				if !seen[name] {
					seen[name] = true
					t.slots[c] = name
				}
			}
			find(c)
		}
	}
	find(root)
	return t
}

// assigned returns the light children of the host that slot n shows, or nil when n
// is not a slot of this tree or none are assigned to it (then its own children show).
func (t *shadowTree) assigned(n *html.Node) []*html.Node {
	if t == nil {
		return nil
	}
	name, ok := t.slots[n]
	if !ok {
		return nil
	}
	var out []*html.Node
	for c := t.host.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == t.root:
		case c.Type == html.TextNode && name == "",
			c.Type == html.ElementNode && attr(c, "slot") == name:
			out = append(out, c)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// parseDeep builds the tree for documents x/net/html refuses, those nested deeper than
// 512 elements, the way Chromium's parser does past its own depth limit of 512: an
// element (or comment) that would be deeper becomes a sibling of its would-be parent,
// while text still goes into the current element. The rest of tree construction is
// simplified: an end tag closes the elements open above its match; head closes at the
// first content that cannot be in it; a stray </p> or </br> makes an element; there is
// no foster parenting out of tables and no reconstruction of misnested formatting
// elements. The walk is then the same as for any tree.
func parseDeep(r io.Reader) (*html.Node, error) {
	const maxDepth = 512 // Chromium's kMaximumHTMLParserDOMTreeDepth
	doc := &html.Node{Type: html.DocumentNode}
	stack := []*html.Node{doc}
	top := func() *html.Node { return stack[len(stack)-1] }
	lastOpen := func(name string) int {
		for i := len(stack) - 1; i > 0; i-- {
			if stack[i].Data == name {
				return i
			}
		}
		return -1
	}
	insert := func(n *html.Node) {
		parent := top()
		if len(stack)-1 > maxDepth && parent.Parent != nil {
			parent = parent.Parent
		}
		parent.AppendChild(n)
	}
	closeHead := func() {
		if i := lastOpen("head"); i > 0 {
			stack = stack[:i]
		}
	}
	z := html.NewTokenizer(r)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, err
			}
			return doc, nil
		case html.TextToken:
			text := string(z.Text())
			if top().Data == "head" && strings.Trim(text, asciiSpace) != "" {
				closeHead()
			}
			if last := top().LastChild; last != nil && last.Type == html.TextNode {
				last.Data += text // the DOM holds one text node for adjacent text
			} else {
				top().AppendChild(&html.Node{Type: html.TextNode, Data: text})
			}
		case html.CommentToken:
			insert(&html.Node{Type: html.CommentNode, Data: string(z.Text())})
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !inHead[tok.DataAtom] {
				closeHead()
			}
			n := &html.Node{Type: html.ElementNode, Data: tok.Data, DataAtom: tok.DataAtom, Attr: tok.Attr}
			inForeign := top().Namespace != ""
			switch {
			case inForeign:
				n.Namespace = top().Namespace
			case tok.DataAtom == atom.Svg || tok.DataAtom == atom.Math:
				n.Namespace = tok.Data
			}
			insert(n)
			// "/>" closes an element only in foreign content (svg, math).
			if !voidElements[tok.DataAtom] && !(tt == html.SelfClosingTagToken && n.Namespace != "") {
				stack = append(stack, n)
			}
		case html.EndTagToken:
			tok := z.Token()
			if i := lastOpen(tok.Data); i > 0 {
				stack = stack[:i]
			} else if tok.DataAtom == atom.Br || tok.DataAtom == atom.P {
				insert(&html.Node{Type: html.ElementNode, Data: tok.Data, DataAtom: tok.DataAtom})
			}
		}
	}
}

// inHead are the elements that may stay in an open <head>.
var inHead = map[atom.Atom]bool{
	atom.Base: true, atom.Basefont: true, atom.Bgsound: true, atom.Link: true, atom.Meta: true,
	atom.Title: true, atom.Style: true, atom.Script: true, atom.Noscript: true, atom.Template: true,
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}
