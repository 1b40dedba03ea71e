package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Limits of a report. The body limit leaves room for a maximal screenshot in base64.
const (
	MaxScreenshotBytes = 5 << 20
	MaxReportBody      = MaxScreenshotBytes/3*4 + 4 + 512<<10
	MaxFalseAlarmBody  = 64 << 10
	maxMatches         = 1000
	maxURL             = 4096
	maxShort           = 200  // ids, versions, term ids
	maxText            = 2000 // title, matched text, snippet
	maxNote            = 10000
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// reportWire is the report JSON as sent; pointers tell a missing field from a zero one.
type reportWire struct {
	ID               *string      `json:"id"`
	URL              *string      `json:"url"`
	Title            *string      `json:"title"`
	ClientTime       *string      `json:"client_time"`
	LexiconVersion   *int64       `json:"lexicon_version"`
	PageSHA256       *string      `json:"page_sha256"`
	Matches          *[]matchWire `json:"matches"`
	Verdict          *string      `json:"verdict"`
	Score            *float64     `json:"score"`
	ExtensionVersion *string      `json:"extension_version"`
	Platform         string       `json:"platform"`
	ListingID        string       `json:"listing_id"`
	SellerID         string       `json:"seller_id"`
	Note             string       `json:"note"`
	Category         string       `json:"category"`
	ScreenshotPNG    string       `json:"screenshot_png"`
}

type matchWire struct {
	TermID  *string `json:"term_id"`
	Term    *string `json:"term"`
	Text    *string `json:"text"`
	Start16 *int    `json:"start16"`
	End16   *int    `json:"end16"`
	Snippet *string `json:"snippet"`
}

// DecodeReport parses and validates a report body and stamps it with its receipt time
// and evidence hashes. Errors are EINVALID (or ETOOLARGE) with a message naming the
// field; Moderator is left for the caller.
func DecodeReport(body []byte, now time.Time) (*Report, error) {
	var w reportWire
	if err := decodeStrict(body, &w); err != nil {
		return nil, err
	}
	v := validator{}
	r := &Report{
		ID:               v.uuid("id", w.ID),
		URL:              v.url("url", w.URL),
		Title:            v.text("title", w.Title, maxText, true),
		ClientTime:       v.utcTime("client_time", w.ClientTime),
		PageSHA256:       v.sha256("page_sha256", w.PageSHA256),
		Verdict:          v.oneOf("verdict", w.Verdict, "flag", "clear"),
		ExtensionVersion: v.text("extension_version", w.ExtensionVersion, maxShort, false),
		Platform:         v.text("platform", &w.Platform, maxShort, true),
		ListingID:        v.text("listing_id", &w.ListingID, maxShort, true),
		SellerID:         v.text("seller_id", &w.SellerID, maxShort, true),
		Note:             v.text("note", &w.Note, maxNote, true),
		Category:         v.category("category", w.Category),
		ReceivedAt:       now.UTC(),
		BodySHA256:       hexSHA256(body),
		Status:           StatusNew,
	}
	r.LexiconVersion = v.positive("lexicon_version", w.LexiconVersion)
	r.Score = v.score("score", w.Score)
	r.Matches = v.matches(w.Matches)
	if v.err == nil && w.ScreenshotPNG != "" {
		r.Screenshot = v.png("screenshot_png", w.ScreenshotPNG)
		if r.Screenshot != nil {
			r.ScreenshotSHA256 = hexSHA256(r.Screenshot)
		}
	}
	if v.err != nil {
		return nil, v.err
	}
	return r, nil
}

// MaxAnnotationBody is the body limit of an annotation: a maximal note in JSON escapes.
const MaxAnnotationBody = 64 << 10

type annotationWire struct {
	Note     *string `json:"note"`
	Category *string `json:"category"`
}

// DecodeAnnotation parses and validates the body of a later note or category:
// {"note": "...", "category": "..."}, either field optional but not both.
func DecodeAnnotation(body []byte) (Annotation, error) {
	var w annotationWire
	if err := decodeStrict(body, &w); err != nil {
		return Annotation{}, err
	}
	if w.Note == nil && w.Category == nil {
		return Annotation{}, Errorf(EINVALID, `body needs "note" or "category"`)
	}
	v := validator{}
	var a Annotation
	if w.Note != nil {
		note := v.text("note", w.Note, maxNote, true)
		a.Note = &note
	}
	if w.Category != nil {
		c := v.category("category", *w.Category)
		a.Category = &c
	}
	return a, v.err
}

type falseAlarmWire struct {
	ID             *string `json:"id"`
	TermID         *string `json:"term_id"`
	URL            *string `json:"url"`
	Text           *string `json:"text"`
	Snippet        *string `json:"snippet"`
	LexiconVersion *int64  `json:"lexicon_version"`
}

// DecodeFalseAlarm parses and validates a "not trade" mark like DecodeReport.
func DecodeFalseAlarm(body []byte, now time.Time) (*FalseAlarm, error) {
	var w falseAlarmWire
	if err := decodeStrict(body, &w); err != nil {
		return nil, err
	}
	v := validator{}
	a := &FalseAlarm{
		ID:         v.uuid("id", w.ID),
		TermID:     v.text("term_id", w.TermID, maxShort, false),
		URL:        v.url("url", w.URL),
		Text:       v.text("text", w.Text, maxText, false),
		Snippet:    v.text("snippet", w.Snippet, maxText, true),
		ReceivedAt: now.UTC(),
		BodySHA256: hexSHA256(body),
	}
	a.LexiconVersion = v.positive("lexicon_version", w.LexiconVersion)
	if v.err != nil {
		return nil, v.err
	}
	return a, nil
}

// ParseReportID checks a report id given outside a body (in a URL path) and returns it
// as stored, in lower case.
func ParseReportID(s string) (string, error) {
	if _, err := uuid.Parse(s); err != nil || len(s) != 36 {
		return "", Errorf(EINVALID, "report id %q: want a UUID like 0b9f7c1e-2d3a-4f5b-8c6d-7e8f9a0b1c2d", s)
	}
	return strings.ToLower(s), nil
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// decodeStrict decodes one JSON object, refusing unknown fields (a misspelt optional
// field would otherwise be dropped without a word) and trailing data.
func decodeStrict(body []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(into)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return Errorf(EINVALID, "body holds data after the JSON object")
		}
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return Errorf(EINVALID, "body is not a JSON object")
	case errors.As(err, &typeErr):
		return Errorf(EINVALID, "field %q: want %s, got %s", typeErr.Field, jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return Errorf(EINVALID, "body is not a JSON object")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return Errorf(EINVALID, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return Errorf(EINVALID, "body is not a report: %v", err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "int", "int64":
		return "integer"
	case "float64":
		return "number"
	case "slice":
		return "array"
	case "struct", "ptr":
		return "object"
	}
	return goKind
}

// validator keeps the first error so DecodeReport reads as a list of fields.
type validator struct{ err error }

func (v *validator) fail(format string, args ...any) {
	if v.err == nil {
		v.err = Errorf(EINVALID, format, args...)
	}
}

func (v *validator) required(field string, p any) bool {
	missing := false
	switch p := p.(type) {
	case *string:
		missing = p == nil
	case *int64:
		missing = p == nil
	case *float64:
		missing = p == nil
	case *int:
		missing = p == nil
	case *[]matchWire:
		missing = p == nil
	}
	if missing {
		v.fail("field %q is required", field)
	}
	return !missing
}

func (v *validator) text(field string, p *string, max int, emptyOK bool) string {
	if !v.required(field, p) {
		return ""
	}
	s := *p
	switch {
	case !utf8.ValidString(s):
		v.fail("field %q is not valid UTF-8", field)
	case s == "" && !emptyOK:
		v.fail("field %q is empty", field)
	case utf8.RuneCountInString(s) > max:
		v.fail("field %q is longer than %d characters", field, max)
	}
	return s
}

func (v *validator) uuid(field string, p *string) string {
	s := v.text(field, p, maxShort, false)
	if s != "" {
		if _, err := uuid.Parse(s); err != nil || len(s) != 36 {
			v.fail("field %q: want a UUID like 0b9f7c1e-2d3a-4f5b-8c6d-7e8f9a0b1c2d", field)
		}
		return strings.ToLower(s)
	}
	return s
}

func (v *validator) url(field string, p *string) string {
	s := v.text(field, p, maxURL, false)
	if s != "" {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.fail("field %q: want an absolute http or https URL", field)
		} else if u.User != nil {
			v.fail("field %q: must not carry credentials", field)
		}
	}
	return s
}

func (v *validator) utcTime(field string, p *string) time.Time {
	s := v.text(field, p, maxShort, false)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !strings.HasSuffix(s, "Z") {
		v.fail("field %q: want an RFC 3339 UTC time like 2026-01-02T15:04:05Z", field)
	}
	return t
}

func (v *validator) sha256(field string, p *string) string {
	s := v.text(field, p, maxShort, false)
	if s != "" {
		if _, err := hex.DecodeString(s); err != nil || len(s) != 64 || strings.ToLower(s) != s {
			v.fail("field %q: want 64 lowercase hex digits", field)
		}
	}
	return s
}

func (v *validator) oneOf(field string, p *string, allowed ...string) string {
	if !v.required(field, p) {
		return ""
	}
	for _, a := range allowed {
		if *p == a {
			return a
		}
	}
	v.fail("field %q: want \"%s\"", field, strings.Join(allowed, `" or "`))
	return ""
}

func (v *validator) category(field, s string) Category {
	c, err := ParseCategory(field, s)
	if err != nil && v.err == nil {
		v.err = err
	}
	return c
}

func (v *validator) positive(field string, p *int64) int64 {
	if !v.required(field, p) {
		return 0
	}
	if *p <= 0 {
		v.fail("field %q: want a positive integer", field)
	}
	return *p
}

func (v *validator) score(field string, p *float64) float64 {
	if !v.required(field, p) {
		return 0
	}
	if *p < 0 || math.IsInf(*p, 0) || math.IsNaN(*p) {
		v.fail("field %q: want a number not below 0", field)
	}
	return *p
}

func (v *validator) matches(p *[]matchWire) []Match {
	if !v.required("matches", p) {
		return nil
	}
	if len(*p) > maxMatches {
		v.fail("field \"matches\" has more than %d entries", maxMatches)
		return nil
	}
	out := make([]Match, 0, len(*p))
	for i, w := range *p {
		f := func(name string) string { return fmt.Sprintf("matches[%d].%s", i, name) }
		m := Match{
			TermID:  v.text(f("term_id"), w.TermID, maxShort, false),
			Term:    v.text(f("term"), w.Term, maxShort, false),
			Text:    v.text(f("text"), w.Text, maxText, false),
			Snippet: v.text(f("snippet"), w.Snippet, maxText, true),
		}
		if v.required(f("start16"), w.Start16) && v.required(f("end16"), w.End16) {
			m.Start16, m.End16 = *w.Start16, *w.End16
			if m.Start16 < 0 || m.End16 <= m.Start16 {
				v.fail("field %q: want 0 <= start16 < end16", f("end16"))
			}
		}
		out = append(out, m)
	}
	return out
}

func (v *validator) png(field, b64 string) []byte {
	if base64.StdEncoding.DecodedLen(len(b64)) > MaxScreenshotBytes+3 {
		v.err = Errorf(ETOOLARGE, "field %q: screenshot is larger than %d bytes", field, MaxScreenshotBytes)
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	switch {
	case err != nil:
		v.fail("field %q: want standard base64", field)
	case len(raw) > MaxScreenshotBytes:
		v.err = Errorf(ETOOLARGE, "field %q: screenshot is larger than %d bytes", field, MaxScreenshotBytes)
	case !bytes.HasPrefix(raw, pngMagic):
		v.fail("field %q: not a PNG image", field)
	default:
		return raw
	}
	return nil
}
