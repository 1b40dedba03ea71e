// Package lexicon reads the lexicon source (YAML under lexicon/terms/, sources.yaml,
// profiles.yaml, appearance.yaml), validates it, compiles it into a bundle and lints it. The format is
// documented in README.md beside this file.
package lexicon

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// Lexicon is a parsed and validated lexicon source.
type Lexicon struct {
	Terms    []bundle.Term
	Sources  map[string]bundle.Source
	Profiles []bundle.Profile
	// Appearance: the words after a form that make it a look, not the goods (see
	// bundle.Bundle.Appearance).
	Appearance []string
	// Depiction: the words next to a form that make the item a picture or a toy of it
	// (see bundle.Bundle.Depiction).
	Depiction []string
	// Supplies: the words right after a species form that make the item a supply for the
	// animal (see bundle.Bundle.Supplies).
	Supplies []string
	// Young: the words beside a species form that make it a young animal offered live
	// (see bundle.Bundle.Young).
	Young []string
	// Discourse and DiscourseVerbs: the words right after and right before a goods form
	// that make it the subject of talk about its trade (see bundle.Bundle.Discourse).
	Discourse      []string
	DiscourseVerbs []string
	// Materials: the words right before a goods form that say what the item is made of
	// instead (see bundle.Bundle.Materials).
	Materials []string
	// Prohibition: the phrases of a platform's rules before goods they name (see
	// bundle.Bundle.Prohibition).
	Prohibition []string
	// Refusals: the phrases with which a seller refuses goods named before them (see
	// bundle.Bundle.Refusals).
	Refusals []string
	// Offers: the words anywhere in a listing that say something is offered, a booster
	// beside an animal (see bundle.Bundle.Offers).
	Offers []string
	// Purpose: the words right before an animal that make it what a supply earlier in
	// the line is for (see bundle.Bundle.Purpose).
	Purpose []string
	// Objects: the words after a weak product form that make it the material of an
	// object (see bundle.Bundle.Objects).
	Objects []string
	// Permits: the phrases that state a live animal's papers (see bundle.Bundle.Permits).
	Permits []string
	// Advocacy: the phrases that speak against the trade (see bundle.Bundle.Advocacy).
	Advocacy []string
	// Covers: the phrases that claim a lawful material (see bundle.Bundle.Covers).
	Covers []string
	// Evidence: the ids of the entries that describe the real material's tells (see
	// bundle.Bundle.Evidence).
	Evidence []string
	// Admissions: the ids of the entries in which a seller admits a claimed cover is not
	// what it says (see bundle.Bundle.Admissions).
	Admissions []string
	// Provenance: the phrases that say where an item of a lawful material came from (see
	// bundle.Bundle.Provenance).
	Provenance []string

	// TermPos[i] says where Terms[i] was written; SourcePos and ProfilePos likewise.
	TermPos       []TermPos
	SourcePos     map[string]Pos
	ProfilePos    []Pos
	AppearPos     []Pos
	DepictPos     []Pos
	SupplyPos     []Pos
	YoungPos      []Pos
	TalkPos       []Pos
	TalkVerbPos   []Pos
	MaterialPos   []Pos
	BanPos        []Pos
	RefusalPos    []Pos
	OfferPos      []Pos
	PurposePos    []Pos
	ObjectPos     []Pos
	PermitPos     []Pos
	AdvocacyPos   []Pos
	CoverPos      []Pos
	EvidencePos   []Pos
	AdmissionPos  []Pos
	ProvenancePos []Pos

	// sourcesDeclared turns on the source-key check: a lexicon without a sources:
	// section may cite whatever it likes.
	sourcesDeclared bool
}

// Load reads a lexicon from a YAML file or, recursively, a directory of them (*.yaml,
// *.yml). Each file is a mapping with any of the keys terms, sources and profiles. The
// error, when the source is invalid, is an Errors listing every problem with its
// file:line; file names are path joined with the file's place under it.
func Load(path string) (*Lexicon, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	if !info.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		return parse([]sourceFile{{name: path, data: data}})
	}
	files, err := readYAMLFiles(os.DirFS(path), ".", func(rel string) string { return filepath.Join(path, rel) })
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("lexicon: no .yaml files under %s", path)
	}
	return parse(files)
}

// Builtin returns the lexicon embedded in the binary (lexicon/terms/*.yaml,
// lexicon/sources.yaml, lexicon/profiles.yaml, lexicon/appearance.yaml); file names in
// errors start "lexicon/".
func Builtin() (*Lexicon, error) {
	files, err := readYAMLFiles(builtinFS, ".", func(rel string) string { return path.Join("lexicon", rel) })
	if err != nil {
		return nil, fmt.Errorf("lexicon: built-in: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("lexicon: the built-in lexicon is empty (no lexicon/terms/*.yaml when this binary was built)")
	}
	return parse(files)
}

type sourceFile struct {
	name string
	data []byte
}

// readYAMLFiles lists the YAML files under root in lexical order (so the compiled term
// order, and with it the bundle, is deterministic).
func readYAMLFiles(fsys fs.FS, root string, name func(rel string) string) ([]sourceFile, error) {
	var files []sourceFile
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, sourceFile{name: name(p), data: data})
		return nil
	})
	return files, err
}

func parse(files []sourceFile) (*Lexicon, error) {
	lex := &Lexicon{}
	var errs errorList
	for _, f := range files {
		r := reader{file: f.name, errs: &errs, lex: lex}
		r.readFile(f.data)
	}
	validate(lex, &errs)
	if err := errs.err(); err != nil {
		return nil, err
	}
	return lex, nil
}
