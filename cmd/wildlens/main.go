// Command wildlens is the one binary of the product: the report and lexicon server, the
// command-line scanner, and the lexicon maintainers' tools.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// env is what a command may touch besides its arguments, so tests can run commands
// in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	run     func(ctx context.Context, e env, args []string) error
	summary string
}

var commands = map[string]command{
	"scan":       {cmdScan, "scan files, directories, stdin or JSONL for suspicious terms"},
	"eval":       {cmdEval, "precision and recall of a lexicon over a labelled JSONL"},
	"lexicon":    {cmdLexicon, "keygen | build | sign | verify | lint | publish"},
	"serve":      {cmdServe, "run the report and lexicon server"},
	"moderators": {cmdModerators, "add | revoke moderator tokens"},
	"reviewers":  {cmdReviewers, "add reviewer accounts"},
	"reports":    {cmdReports, "export reports"},
	"backup":     {cmdBackup, "take a consistent copy of the store while the server runs"},
	"preview":    {cmdPreview, "show what the extension highlights on a page"},
}

// errUsage marks an error whose message is the usage text (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:]))
}

func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		return 2
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "wildlens: unknown command %q\n", args[0])
		usage(e.stderr)
		return 2
	}
	if err := c.run(ctx, e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintf(e.stderr, "wildlens %s: %v\n", args[0], err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: wildlens COMMAND [flags] [args]")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
}

// newFlags returns a flag set that reports errors to e.stderr instead of exiting.
func newFlags(e env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("wildlens "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}
