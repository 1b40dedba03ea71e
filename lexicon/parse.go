package lexicon

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// TermPos records where an entry and its parts were written, for errors and lint.
type TermPos struct {
	Entry    Pos            // the entry's first line ("- id: …")
	Fields   map[string]Pos // the line of each field's key
	Variants []Pos          // parallel to Term.Variants
	Benign   []Pos          // parallel to Term.Benign
	Context  []Pos          // parallel to Term.BenignContext
	Source   []Pos          // parallel to Term.Source
}

// Field returns where field was written, or where the entry starts when the field is
// absent (a defaulted value is blamed on its entry).
func (p TermPos) Field(name string) Pos {
	if fp, ok := p.Fields[name]; ok {
		return fp
	}
	return p.Entry
}

// The closed sets of values a field may take.
var (
	kinds       = []string{"species", "product", "code_word", "trade_context"}
	langs       = []string{"zh-Hans", "zh-Hant", "en"}
	confidences = []string{"low", "medium"}
	boundaries  = []string{"word"}
)

// reader turns one YAML file into lexicon parts, recording every problem.
type reader struct {
	file string
	errs *errorList
	lex  *Lexicon
}

func (r *reader) pos(n *yaml.Node) Pos { return Pos{File: r.file, Line: n.Line} }

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs.add(r.pos(n), format, args...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readFile reads one source file: a mapping with any of the top-level keys terms,
// sources and profiles.
func (r *reader) readFile(data []byte) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&doc)
	if err == nil {
		var next yaml.Node
		if err = dec.Decode(&next); err == nil {
			r.errs.add(Pos{File: r.file, Line: next.Line}, "a second YAML document (---): keep one document per file")
			return
		}
		if err == io.EOF {
			err = nil
		}
	}
	switch {
	case err == io.EOF:
		r.errs.add(Pos{File: r.file, Line: 1}, "empty file: want a mapping with "+topKeys)
		return
	case err != nil:
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			r.errs.add(Pos{File: r.file, Line: line}, "malformed YAML: %s", m[2])
		} else {
			r.errs.add(Pos{File: r.file}, "malformed YAML: %s", strings.TrimPrefix(msg, "yaml: "))
		}
		return
	}
	if len(doc.Content) == 0 {
		r.errs.add(Pos{File: r.file, Line: 1}, "empty file: want a mapping with "+topKeys)
		return
	}
	top := deref(doc.Content[0])
	if top.Kind != yaml.MappingNode {
		r.errorf(top, "want a mapping with "+topKeys+", got %s", describe(top))
		return
	}
	r.fields(top, "", func(key string, k, v *yaml.Node) bool {
		switch key {
		case "terms":
			r.readTerms(v)
		case "sources":
			r.readSources(v)
		case "profiles":
			r.readProfiles(v)
		default:
			list, at := r.lex.wordList(key)
			if list == nil {
				return false
			}
			words, pos := r.texts(v, key+": ")
			*list, *at = append(*list, words...), append(*at, pos...)
		}
		return true
	})
}

// topKeys are the keys a lexicon file may hold, for error messages.
const topKeys = "terms:, sources:, profiles:, appearance:, depiction:, supplies:, young:, discourse:, discourse_verbs:, materials:, prohibition:, refusals:, offers:, purpose:, objects:, permits:, advocacy:, covers:, evidence:, admissions: or provenance:"

// wordList returns the word list a file's top-level key fills (appearance, depiction,
// supplies, young, discourse, discourse_verbs, materials, prohibition, refusals, offers, purpose, objects, permits, advocacy, covers, evidence) and where its
// words were written, or nil for another key.
func (l *Lexicon) wordList(key string) (*[]string, *[]Pos) {
	switch key {
	case "appearance":
		return &l.Appearance, &l.AppearPos
	case "depiction":
		return &l.Depiction, &l.DepictPos
	case "supplies":
		return &l.Supplies, &l.SupplyPos
	case "young":
		return &l.Young, &l.YoungPos
	case "discourse":
		return &l.Discourse, &l.TalkPos
	case "discourse_verbs":
		return &l.DiscourseVerbs, &l.TalkVerbPos
	case "materials":
		return &l.Materials, &l.MaterialPos
	case "prohibition":
		return &l.Prohibition, &l.BanPos
	case "refusals":
		return &l.Refusals, &l.RefusalPos
	case "offers":
		return &l.Offers, &l.OfferPos
	case "purpose":
		return &l.Purpose, &l.PurposePos
	case "objects":
		return &l.Objects, &l.ObjectPos
	case "permits":
		return &l.Permits, &l.PermitPos
	case "advocacy":
		return &l.Advocacy, &l.AdvocacyPos
	case "covers":
		return &l.Covers, &l.CoverPos
	case "evidence":
		return &l.Evidence, &l.EvidencePos
	case "admissions":
		return &l.Admissions, &l.AdmissionPos
	case "provenance":
		return &l.Provenance, &l.ProvenancePos
	}
	return nil, nil
}

// fields walks a mapping's pairs, refusing duplicate keys and the keys visit does not
// know (visit returns false). where prefixes messages ("ivo-001: ").
func (r *reader) fields(m *yaml.Node, where string, visit func(key string, k, v *yaml.Node) bool) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := deref(m.Content[i]), deref(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "%swant a field name, got %s", where, describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			r.errorf(k, "%sduplicate field %q (first at line %d)", where, k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		if !visit(k.Value, k, v) {
			r.errorf(k, "%sunknown field %q", where, k.Value)
		}
	}
}

func (r *reader) readTerms(seq *yaml.Node) {
	if seq.Kind != yaml.SequenceNode {
		if !isNull(seq) {
			r.errorf(seq, "terms: want a list of entries, got %s", describe(seq))
		}
		return
	}
	for _, item := range seq.Content {
		item = deref(item)
		if item.Kind != yaml.MappingNode {
			r.errorf(item, "terms: want an entry (a mapping with id and term), got %s", describe(item))
			continue
		}
		t, p := r.readTerm(item)
		r.lex.Terms = append(r.lex.Terms, t)
		r.lex.TermPos = append(r.lex.TermPos, p)
	}
}

func (r *reader) readTerm(m *yaml.Node) (bundle.Term, TermPos) {
	var t bundle.Term
	p := TermPos{Entry: r.pos(m), Fields: map[string]Pos{}}
	// The id names the entry in every message, so find it before the other fields.
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := deref(m.Content[i]); k.Value == "id" {
			t.ID, _ = r.text(deref(m.Content[i+1]), "id: ")
		}
	}
	where := "entry: "
	if t.ID != "" {
		where = t.ID + ": "
	}
	r.fields(m, where, func(key string, k, v *yaml.Node) bool {
		p.Fields[key] = r.pos(k)
		switch key {
		case "id":
			// read above
		case "term":
			var ok bool
			t.Term, ok = r.text(v, where+"term: ")
			if (ok || isNull(v)) && strings.TrimSpace(t.Term) == "" {
				r.errorf(v, "%sempty term", where)
			}
		case "lang":
			t.Lang = r.oneOf(v, where, "lang", langs)
		case "kind":
			t.Kind = r.oneOf(v, where, "kind", kinds)
		case "boundary":
			t.Boundary = r.oneOf(v, where, "boundary", boundaries)
		case "confidence":
			t.Confidence = r.oneOf(v, where, "confidence", confidences)
		case "variants":
			t.Variants, p.Variants = r.texts(v, where+"variants: ")
		case "benign":
			t.Benign, p.Benign = r.texts(v, where+"benign: ")
		case "benign_context":
			t.BenignContext, p.Context = r.texts(v, where+"benign_context: ")
		case "source":
			t.Source, p.Source = r.texts(v, where+"source: ")
		case "note":
			t.Note, _ = r.text(v, where+"note: ")
		case "risk":
			t.Risk = r.risk(v, where)
		case "species":
			t.Species = r.species(v, where)
		case "protection":
			t.Protection = r.protection(v, where)
		default:
			return false
		}
		return true
	})
	if t.ID == "" {
		r.errorf(m, "entry has no id")
	}
	if _, ok := p.Fields["term"]; !ok {
		r.errorf(m, "%sentry has no term", where)
	}
	return t, p
}

func (r *reader) risk(v *yaml.Node, where string) int {
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!int" {
		if n, err := strconv.Atoi(v.Value); err == nil && n >= 1 && n <= 5 {
			return n
		}
	}
	r.errorf(v, "%srisk: want an integer from 1 to 5, got %s", where, describe(v))
	return 0
}

func (r *reader) species(v *yaml.Node, where string) *bundle.Species {
	if v.Kind != yaml.MappingNode {
		r.errorf(v, "%sspecies: want a mapping {en, sci}, got %s", where, describe(v))
		return nil
	}
	s := &bundle.Species{}
	r.fields(v, where+"species: ", func(key string, k, v *yaml.Node) bool {
		switch key {
		case "en":
			s.En, _ = r.text(v, where+"species.en: ")
		case "sci":
			s.Sci, _ = r.text(v, where+"species.sci: ")
		default:
			return false
		}
		return true
	})
	return s
}

func (r *reader) protection(v *yaml.Node, where string) *bundle.Protection {
	if v.Kind != yaml.MappingNode {
		r.errorf(v, "%sprotection: want a mapping {cites, china}, got %s", where, describe(v))
		return nil
	}
	p := &bundle.Protection{}
	r.fields(v, where+"protection: ", func(key string, k, v *yaml.Node) bool {
		switch key {
		case "cites":
			p.CITES, _ = r.text(v, where+"protection.cites: ")
		case "china":
			p.China, _ = r.text(v, where+"protection.china: ")
		default:
			return false
		}
		return true
	})
	return p
}

func (r *reader) readSources(m *yaml.Node) {
	if m.Kind != yaml.MappingNode {
		r.errorf(m, "sources: want a mapping of key to {title, url}, got %s", describe(m))
		return
	}
	r.lex.sourcesDeclared = true
	if r.lex.Sources == nil {
		r.lex.Sources = map[string]bundle.Source{}
		r.lex.SourcePos = map[string]Pos{}
	}
	r.fields(m, "sources: ", func(key string, k, v *yaml.Node) bool {
		if first, dup := r.lex.SourcePos[key]; dup {
			r.errorf(k, "sources: duplicate key %q (first at %s)", key, first)
			return true
		}
		where := "source " + key + ": "
		if v.Kind != yaml.MappingNode {
			r.errorf(v, "%swant a mapping {title, url}, got %s", where, describe(v))
			return true
		}
		var s bundle.Source
		hasTitle := false
		r.fields(v, where, func(field string, fk, fv *yaml.Node) bool {
			switch field {
			case "title":
				s.Title, hasTitle = r.text(fv, where+"title: ")
			case "url":
				s.URL, _ = r.text(fv, where+"url: ")
			default:
				return false
			}
			return true
		})
		if !hasTitle || strings.TrimSpace(s.Title) == "" {
			r.errorf(k, "%sno title", where)
		}
		r.lex.Sources[key] = s
		r.lex.SourcePos[key] = r.pos(k)
		return true
	})
}

func (r *reader) readProfiles(seq *yaml.Node) {
	if seq.Kind != yaml.SequenceNode {
		r.errorf(seq, "profiles: want a list of site profiles, got %s", describe(seq))
		return
	}
	for _, item := range seq.Content {
		item = deref(item)
		if item.Kind != yaml.MappingNode {
			r.errorf(item, "profiles: want a profile (a mapping with id, urls and listing), got %s", describe(item))
			continue
		}
		var p bundle.Profile
		for i := 0; i+1 < len(item.Content); i += 2 {
			if k := deref(item.Content[i]); k.Value == "id" {
				p.ID, _ = r.text(deref(item.Content[i+1]), "profile id: ")
			}
		}
		where := "profile: "
		if p.ID != "" {
			where = "profile " + p.ID + ": "
		}
		r.fields(item, where, func(key string, k, v *yaml.Node) bool {
			field := map[string]*string{"name": &p.Name, "listing": &p.Listing, "title": &p.Title,
				"price": &p.Price, "listing_id": &p.ListingID, "seller_id": &p.SellerID}
			switch {
			case key == "id":
			case key == "urls":
				p.URLs, _ = r.texts(v, where+"urls: ")
			case field[key] != nil:
				*field[key], _ = r.text(v, where+key+": ")
			default:
				return false
			}
			return true
		})
		if p.ID == "" {
			r.errorf(item, "profile has no id")
		}
		if len(p.URLs) == 0 {
			r.errorf(item, "%sno urls", where)
		}
		if strings.TrimSpace(p.Listing) == "" {
			r.errorf(item, "%sno listing selector", where)
		}
		r.lex.Profiles = append(r.lex.Profiles, p)
		r.lex.ProfilePos = append(r.lex.ProfilePos, r.pos(item))
	}
}

// text reads a scalar as written. Numbers are taken literally (a variant 520 is the
// text "520"); booleans, lists and mappings are refused. ok is false for null.
func (r *reader) text(v *yaml.Node, where string) (s string, ok bool) {
	if v.Kind == yaml.ScalarNode {
		switch v.ShortTag() {
		case "!!str", "!!int", "!!float":
			return v.Value, true
		case "!!null":
			return "", false
		}
	}
	r.errorf(v, "%swant text, got %s", where, describe(v))
	return "", false
}

// texts reads a list of scalars and where each was written; null is an empty list.
func (r *reader) texts(v *yaml.Node, where string) ([]string, []Pos) {
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		r.errorf(v, "%swant a list, got %s", where, describe(v))
		return nil, nil
	}
	var out []string
	var pos []Pos
	for _, item := range v.Content {
		item = deref(item)
		s, ok := r.text(item, where)
		if !ok {
			if isNull(item) {
				r.errorf(item, "%sempty item", where)
			}
			continue
		}
		out = append(out, s)
		pos = append(pos, r.pos(item))
	}
	return out, pos
}

func (r *reader) oneOf(v *yaml.Node, where, field string, allowed []string) string {
	s, ok := r.text(v, where+field+": ")
	if !ok {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	if len(allowed) == 1 {
		r.errorf(v, "%s%s: want %q or nothing, got %q", where, field, allowed[0], s)
	} else {
		r.errorf(v, "%s%s: want one of %s, got %q", where, field, strings.Join(allowed, " | "), s)
	}
	return ""
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe names a node's YAML type for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool":
			return fmt.Sprintf("the boolean %s", n.Value)
		case "!!str":
			return fmt.Sprintf("%q", n.Value)
		default:
			return n.Value
		}
	}
	return "something else"
}
