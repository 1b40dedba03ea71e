package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/wildlens/wildlens/pagetext"
	"github.com/wildlens/wildlens/wasm/match"
)

const scanUsage = `usage: wildlens scan [--lexicon PATH] [--jsonl] [--format json|text] INPUT...

Scans listings for suspicious wildlife-trade terms and prints one result per listing.

An INPUT is a file, a directory (every file below it, recursively, in sorted order;
names starting with "." are skipped) or - for stdin. A file is one listing: plain text,
or HTML when its name ends in .html or .htm or its content starts like HTML, reduced to
its visible text as the extension reduces a page (package pagetext). With --jsonl every
line of every input is one listing {"id": ..., "text": ...}; a line without "id" is
named FILE:LINE.

Output (--format json, the default): one JSON object per listing on stdout, the matcher's
result {"id","verdict","score","matches":[...]} (wasm/match/result.go). --format text
prints the same for people, hits marked «like this» in their line.

Exit status: 0 when every listing was scanned; 1 with a one-line error when an input
cannot be read or the lexicon is bad (nothing is scanned when an input is missing);
1 after scanning everything else when some JSONL lines were malformed (each is reported
on stderr with its file and line number), so a pipeline notices the listings it lost;
2 for bad usage.

Flags:
`

// progressMinBytes is the input size from which scan shows a progress bar (only when
// stderr is a terminal): below it the scan finishes before a bar would be read.
const progressMinBytes = 4 << 20

func cmdScan(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "scan")
	lexiconPath := fs.String("lexicon", "", "lexicon YAML file or directory (default: the built-in lexicon)")
	jsonl := fs.Bool("jsonl", false, `inputs hold one {"id","text"} JSON object per line`)
	format := fs.String("format", "json", "output format: json or text")
	fs.Usage = func() { fmt.Fprint(e.stderr, scanUsage); fs.PrintDefaults() }
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("%w: no input (name files, directories, or - for stdin)", errUsage)
	}
	out, err := newResultWriter(*format, e.stdout)
	if err != nil {
		return err
	}
	sources, err := expandInputs(inputs)
	if err != nil {
		return err
	}
	m, err := loadMatcher(*lexiconPath)
	if err != nil {
		return err
	}
	defer out.flush()

	bar := newProgress(e.stderr, sources)
	defer bar.finish()
	malformed := 0
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := src.read(e.stdin)
		if err != nil {
			return err
		}
		if *jsonl {
			bad, err := scanJSONL(src.name, data, e.stderr, func(id, text string, lineBytes int) error {
				bar.add(lineBytes)
				return out.write(m.Scan(id, text), text)
			})
			if err != nil {
				return err
			}
			malformed += bad
		} else {
			text, err := documentText(src.name, data)
			if err != nil {
				return err
			}
			if err := out.write(m.Scan(src.name, text), text); err != nil {
				return err
			}
			bar.add(len(data))
		}
		if err := out.flush(); err != nil {
			return err
		}
	}
	if malformed > 0 {
		return fmt.Errorf("%d malformed JSONL line(s) skipped (reported above)", malformed)
	}
	return nil
}

// parseArgs parses flags that may come before, between or after the positional
// arguments (wildlens scan dir --format text), up to a "--".
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// loadMatcher compiles a lexicon (a YAML file or directory; "" for the built-in one)
// and builds the matcher for it.
func loadMatcher(path string) (*match.Matcher, error) {
	lx, err := loadLexicon(path)
	if err != nil {
		return nil, fmt.Errorf("bad lexicon: %s", oneLine(err))
	}
	b, err := lx.Compile(1) // a version only matters to clients that compare bundles

	if err != nil {
		return nil, fmt.Errorf("bad lexicon: %s", oneLine(err))
	}
	m, err := match.New(b, match.Options{})
	if err != nil {
		return nil, fmt.Errorf("bad lexicon: %s", oneLine(err))
	}
	return m, nil
}

// oneLine keeps the first line of a multi-line error (the lexicon reports every
// problem, one a line) and says how many more there are.
func oneLine(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%s (and %d more problems)", lines[0], len(lines)-1)
}

// source is one input to read: a file, or stdin when path is "".
type source struct {
	name string // the listing id for a whole-file input, and the name in messages
	path string
	size int64 // -1 when unknown (stdin)
}

func (s source) read(stdin io.Reader) ([]byte, error) {
	if s.path == "" {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return data, nil
	}
	return os.ReadFile(s.path)
}

// expandInputs turns the command line into the files to read, checking that each
// exists before anything is scanned.
func expandInputs(inputs []string) ([]source, error) {
	var sources []source
	for _, in := range inputs {
		if in == "-" {
			sources = append(sources, source{name: "-", size: -1})
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			sources = append(sources, source{name: in, path: in, size: info.Size()})
			continue
		}
		var below []source
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := os.Stat(path) // follows a symlink to a file
			if err != nil {
				return err
			}
			if info.Mode().IsRegular() {
				below = append(below, source{name: path, path: path, size: info.Size()})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(below, func(i, j int) bool { return below[i].path < below[j].path })
		sources = append(sources, below...)
	}
	return sources, nil
}

// documentText is the text a whole-file input is scanned as.
func documentText(name string, data []byte) (string, error) {
	if !isHTML(name, data) {
		return string(data), nil
	}
	text, err := pagetext.FromHTML(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return text, nil
}

// isHTML reports whether a file is read as HTML: by its name, or because its content
// (after a byte order mark and white space) starts with <!doctype html, <html, <head,
// <body or a comment, as saved pages do.
func isHTML(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n\f")
	head := strings.ToLower(string(data[:min(len(data), len("<!doctype html"))]))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// jsonlListing is one line of a JSONL input: {"id", "text"}, and "label" in the
// labelled files eval reads; other fields (note, technique) are ignored.
type jsonlListing struct {
	ID    string  `json:"id"`
	Text  *string `json:"text"`
	Label string  `json:"label"`
}

func parseJSONLLine(line []byte) (jsonlListing, error) {
	var l jsonlListing
	if err := json.Unmarshal(line, &l); err != nil {
		return l, err
	}
	if l.Text == nil {
		return l, errors.New(`no "text" field`)
	}
	return l, nil
}

// scanJSONL calls scan for every listing line of data and returns how many lines were
// malformed, each reported on stderr as NAME:LINE; an error from scan (writing the
// output) stops it. Blank lines are skipped.
func scanJSONL(name string, data []byte, stderr io.Writer, scan func(id, text string, lineBytes int) error) (malformed int, err error) {
	if name == "-" {
		name = "stdin"
	}
	for n, line := range bytes.Split(data, []byte("\n")) {
		lineNo, lineBytes := n+1, len(line)+1
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		l, err := parseJSONLLine(line)
		if err != nil {
			fmt.Fprintf(stderr, "wildlens scan: %s:%d: malformed JSONL line: %v\n", name, lineNo, err)
			malformed++
			continue
		}
		if l.ID == "" {
			l.ID = fmt.Sprintf("%s:%d", name, lineNo)
		}
		if err := scan(l.ID, *l.Text, lineBytes); err != nil {
			return malformed, err
		}
	}
	return malformed, nil
}

// resultWriter prints results as JSON lines or for people.
type resultWriter struct {
	w    *bufio.Writer
	enc  *json.Encoder
	text bool
}

func newResultWriter(format string, w io.Writer) (*resultWriter, error) {
	bw := bufio.NewWriter(w)
	switch format {
	case "json":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &resultWriter{w: bw, enc: enc}, nil
	case "text":
		return &resultWriter{w: bw, text: true}, nil
	}
	return nil, fmt.Errorf("%w: --format must be json or text, not %q", errUsage, format)
}

func (rw *resultWriter) write(r match.Result, text string) error {
	if r.Matches == nil {
		r.Matches = []match.Match{} // "matches": [] rather than null
	}
	if !rw.text {
		return rw.enc.Encode(r)
	}
	writeTextResult(rw.w, r, text)
	return nil
}

func (rw *resultWriter) flush() error { return rw.w.Flush() }

// writeTextResult prints a result for people: a header line, then every line of the
// listing that holds a hit with the hits marked «», each followed by one line per hit.
//
//	== listing-7: flag, score 7.5, 2 hits
//	   出售«象牙»手镯，«私聊»
//	     «象牙» ivo-001 象牙 (product, risk 4) +5
//	     «私聊» ctx-001 私聊 (trade_context, risk 2) via 私聊 +2.5
func writeTextResult(w io.Writer, r match.Result, text string) {
	fmt.Fprintf(w, "== %s: %s, score %g, %d %s\n", r.ID, r.Verdict, r.Score, len(r.Matches), plural(len(r.Matches), "hit", "hits"))
	hits := append([]match.Match(nil), r.Matches...)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Start < hits[j].Start })
	lineStart := 0
	for lineStart <= len(text) && len(hits) > 0 {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		var onLine []match.Match
		for len(hits) > 0 && hits[0].Start <= lineEnd {
			onLine = append(onLine, hits[0])
			hits = hits[1:]
		}
		if len(onLine) > 0 {
			fmt.Fprintf(w, "   %s\n", markLine(text, lineStart, lineEnd, onLine))
			for _, h := range onLine {
				fmt.Fprintf(w, "     %s\n", describeHit(h))
			}
		}
		lineStart = lineEnd + 1
	}
}

// markLine returns text[start:end] with each hit wrapped in «», clipped around the hits
// when the line is long. Hits never overlap (leftmost-longest display spans); a span
// reaching past the line is closed at its end.
func markLine(text string, start, end int, hits []match.Match) string {
	const context = 60 // runes kept on either side of the hits in a long line
	var b strings.Builder
	pos := start
	for _, h := range hits {
		s, e := max(h.Start, pos), min(h.End, end)
		if s > e {
			continue
		}
		b.WriteString(text[pos:s])
		b.WriteString("«" + text[s:e] + "»")
		pos = e
	}
	b.WriteString(text[pos:end])
	marked := b.String()
	first := strings.Index(marked, "«")
	last := strings.LastIndex(marked, "»") + len("»")
	before, after := marked[:first], marked[last:]
	if utf8.RuneCountInString(before) > context {
		r := []rune(before)
		before = "…" + string(r[len(r)-context:])
	}
	if utf8.RuneCountInString(after) > context {
		after = string([]rune(after)[:context]) + "…"
	}
	return before + marked[first:last] + after
}

func describeHit(h match.Match) string {
	var b strings.Builder
	fmt.Fprintf(&b, "«%s» %s %s (", h.Text, h.TermID, h.Term)
	if h.Kind != "" {
		b.WriteString(h.Kind + ", ")
	}
	fmt.Fprintf(&b, "risk %d)", h.Risk)
	if h.Variant != "" && h.Variant != h.Term {
		fmt.Fprintf(&b, " via %s", h.Variant)
	}
	if len(h.Folds) > 0 {
		fmt.Fprintf(&b, " folds %s", strings.Join(h.Folds, ","))
	}
	fmt.Fprintf(&b, " %+g", h.Contribution)
	if len(h.Also) > 0 {
		fmt.Fprintf(&b, " also %s", strings.Join(h.Also, ","))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progress is a byte-counting bar on stderr, or nothing when stderr is not a terminal
// or the input is small.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(stderr io.Writer, sources []source) progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return progress{}
	}
	var total int64
	for _, s := range sources {
		if s.size < 0 {
			return progress{} // stdin: no total to show progress against
		}
		total += s.size
	}
	if total < progressMinBytes {
		return progress{}
	}
	return progress{progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("scanning"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
	)}
}

func (p progress) add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
