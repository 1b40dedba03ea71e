package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/wildlens/wildlens/lexicon"
	"github.com/wildlens/wildlens/lexicon/bundle"
)

const lexiconUsage = `usage: wildlens lexicon COMMAND [flags] [args]

  keygen --out PREFIX                        write PREFIX.key (private, 0600) and PREFIX.pub
  build [--lexicon PATH] --version N [--out FILE]
                                             compile the lexicon (default: built-in) to bundle JSON
  sign --key FILE [--out FILE] BUNDLE        add a signature (run again with a second key to rotate)
  verify --trusted FILE [--trusted FILE ...] SIGNED
                                             check a signed bundle against trusted public keys
  lint [--lexicon PATH] [--max N]            compounds to classify, fold collisions, unreachable forms
  publish ...                                hand a signed bundle to the server (see its --help)

Files named - are stdin/stdout. The formats are documented in lexicon/README.md.
`

func cmdLexicon(ctx context.Context, e env, args []string) error {
	sub := map[string]func(context.Context, env, []string) error{
		"keygen":  cmdLexiconKeygen,
		"build":   cmdLexiconBuild,
		"sign":    cmdLexiconSign,
		"verify":  cmdLexiconVerify,
		"lint":    cmdLexiconLint,
		"publish": cmdLexiconPublish,
	}
	if len(args) == 0 || sub[args[0]] == nil {
		fmt.Fprint(e.stderr, lexiconUsage)
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			return flag.ErrHelp
		}
		return fmt.Errorf("%w: unknown subcommand %q", errUsage, args[0])
	}
	return sub[args[0]](ctx, e, args[1:])
}

func cmdLexiconKeygen(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "lexicon keygen")
	out := fs.String("out", "", "write PREFIX.key and PREFIX.pub")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(rest) > 0 {
		return fmt.Errorf("%w: wildlens lexicon keygen --out PREFIX", errUsage)
	}
	// A second keygen with the same prefix must not destroy a key in use, nor leave a
	// new private key beside an old public one.
	for _, name := range []string{*out + ".key", *out + ".pub"} {
		if _, err := os.Lstat(name); err == nil {
			return fmt.Errorf("%s exists: choose another --out prefix", name)
		}
	}
	key, err := bundle.GenerateKey()
	if err != nil {
		return err
	}
	pub := key.Public()
	if err := writeNew(*out+".key", key.String()+"\n", 0o600); err != nil {
		return err
	}
	if err := writeNew(*out+".pub", pub.String()+"\n", 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\nkey id %s\n", pub, pub.ID())
	return nil
}

func writeNew(name, text string, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func cmdLexiconBuild(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "lexicon build")
	path := fs.String("lexicon", "", "lexicon YAML file or directory (default: the built-in lexicon)")
	version := fs.Int64("version", 0, "bundle version, a positive integer above the published one")
	out := fs.String("out", "-", "bundle JSON file")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *version <= 0 || len(rest) > 0 {
		return fmt.Errorf("%w: wildlens lexicon build [--lexicon PATH] --version N [--out FILE] (N a positive integer)", errUsage)
	}
	lex, err := loadLexicon(*path)
	if err != nil {
		return err
	}
	b, err := lex.Compile(*version)
	if err != nil {
		return err
	}
	b.Created, err = buildTime()
	if err != nil {
		return err
	}
	data, err := bundle.Encode(b)
	if err != nil {
		return err
	}
	if err := writeOutput(e, *out, data); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "bundle version %d, content sha256 %s, %d terms, %d words, %d bytes\n",
		b.Version, b.ContentSHA256, len(b.Terms), len(b.Words), len(data))
	return nil
}

// buildTime is the bundle's informational creation time: now, or SOURCE_DATE_EPOCH
// for reproducible builds.
func buildTime() (string, error) {
	t := time.Now()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", fmt.Errorf("SOURCE_DATE_EPOCH=%q is not an integer", s)
		}
		t = time.Unix(sec, 0)
	}
	return t.UTC().Format(time.RFC3339), nil
}

func cmdLexiconSign(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "lexicon sign")
	keyFile := fs.String("key", "", "private key file (from keygen)")
	out := fs.String("out", "-", "signed bundle file")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *keyFile == "" || len(rest) != 1 {
		return fmt.Errorf("%w: wildlens lexicon sign --key FILE [--out FILE] BUNDLE", errUsage)
	}
	keyText, err := os.ReadFile(*keyFile)
	if err != nil {
		return err
	}
	key, err := bundle.ParsePrivateKey(string(keyText))
	if err != nil {
		return fmt.Errorf("%s: %w", *keyFile, err)
	}
	data, err := readInput(e, rest[0])
	if err != nil {
		return err
	}
	signed, err := bundle.Sign(data, key)
	if err != nil {
		return err
	}
	if err := writeOutput(e, *out, signed); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "signed with key %s\n", key.Public().ID())
	return nil
}

// stringsFlag is a flag that may be given several times.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func cmdLexiconVerify(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "lexicon verify")
	var trustedFiles stringsFlag
	fs.Var(&trustedFiles, "trusted", "file of trusted public keys, one per line (repeatable)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(trustedFiles) == 0 || len(rest) != 1 {
		return fmt.Errorf("%w: wildlens lexicon verify --trusted FILE [--trusted FILE ...] SIGNED", errUsage)
	}
	var trusted []bundle.PublicKey
	for _, name := range trustedFiles {
		keys, err := readPublicKeys(name)
		if err != nil {
			return err
		}
		trusted = append(trusted, keys...)
	}
	data, err := readInput(e, rest[0])
	if err != nil {
		return err
	}
	b, err := bundle.Verify(data, trusted)
	if err != nil {
		return err
	}
	signed, err := bundle.ParseSigned(data)
	if err != nil {
		return err
	}
	isTrusted := map[string]bool{}
	for _, k := range trusted {
		isTrusted[k.ID()] = true
	}
	var ids []string
	for _, s := range signed.Signatures {
		if isTrusted[s.KeyID] {
			ids = append(ids, s.KeyID+" (trusted, verified)")
		} else {
			ids = append(ids, s.KeyID+" (not trusted, not checked)")
		}
	}
	fmt.Fprintf(e.stdout, "ok: version %d, content sha256 %s, %d terms\nsigned by %s\n",
		b.Version, b.ContentSHA256, len(b.Terms), strings.Join(ids, ", "))
	return nil
}

func cmdLexiconLint(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "lexicon lint")
	path := fs.String("lexicon", "", "lexicon YAML file or directory (default: the built-in lexicon)")
	maxCompounds := fs.Int("max", 20, "compounds quoted per entry (0: all)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: wildlens lexicon lint [--lexicon PATH] [--max N]", errUsage)
	}
	lex, err := loadLexicon(*path)
	if err != nil {
		return err
	}
	findings, err := lex.Lint(lexicon.LintOptions{MaxCompounds: *maxCompounds})
	if err != nil {
		return err
	}
	count := map[string]int{}
	for _, f := range findings {
		fmt.Fprintf(e.stdout, "%s: %s: %s\n", f.Pos, f.Kind, f.Message)
		count[f.Kind]++
	}
	fmt.Fprintf(e.stderr, "%d entries: %d with compounds to classify, %d collisions, %d unreachable forms\n",
		len(lex.Terms), count[lexicon.FindingCompounds], count[lexicon.FindingCollision], count[lexicon.FindingUnreachable])
	return nil
}

// loadLexicon reads a lexicon file or directory, or the built-in lexicon for "".
func loadLexicon(path string) (*lexicon.Lexicon, error) {
	if path == "" {
		return lexicon.Builtin()
	}
	return lexicon.Load(path)
}

func readInput(e env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	return os.ReadFile(name)
}

func writeOutput(e env, name string, data []byte) error {
	if name == "-" {
		_, err := io.Copy(e.stdout, bytes.NewReader(data))
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// readPublicKeys reads a trusted-keys file: one public key per line, # comments.
func readPublicKeys(name string) ([]bundle.PublicKey, error) {
	text, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	keys, err := bundle.ParsePublicKeys(string(text))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return keys, nil
}
