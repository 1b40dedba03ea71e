package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/wildlens/wildlens/server"
)

const reportsUsage = "wildlens reports export --format json|csv [--status S] [--term ID] [--platform P] [--category C] [--from DATE] [--to DATE] [--id ID ...] [--out FILE] [--data DIR | --db URL]"

// cmdReports exports reports like the reviewer pages' export, and logs it in the audit
// log as done by "cli".
func cmdReports(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "reports")
	stf := addStoreFlags(fs)
	format := fs.String("format", "", "json or csv")
	status := fs.String("status", "", "only reports in this status (new, confirmed, dismissed, actioned)")
	term := fs.String("term", "", "only reports matching this term id")
	platform := fs.String("platform", "", "only reports from this platform")
	category := fs.String("category", "", "only reports of this category (ivory, rhino_horn, pangolin, ...)")
	from := fs.String("from", "", "only reports received on or after this UTC date (2026-03-01)")
	to := fs.String("to", "", "only reports received on or before this UTC date")
	out := fs.String("out", "-", "output file (- for stdout)")
	var ids stringsFlag
	fs.Var(&ids, "id", "only this report (repeatable)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || rest[0] != "export" || (*format != "json" && *format != "csv") {
		return fmt.Errorf("%w: %s", errUsage, reportsUsage)
	}
	f := server.ReportFilter{IDs: ids, Status: server.Status(*status), TermID: *term, Platform: *platform, Limit: 1 << 30}
	if f.Category, err = server.ParseCategory("category", *category); err != nil {
		return fmt.Errorf("%w: --category: want one of %s", errUsage, server.CategoryNames())
	}
	for _, d := range []struct {
		flag, value string
		into        *time.Time
		days        int
	}{{"from", *from, &f.From, 0}, {"to", *to, &f.To, 1}} {
		if d.value == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.value)
		if err != nil {
			return fmt.Errorf("%w: --%s: want a date like 2026-03-01", errUsage, d.flag)
		}
		*d.into = t.AddDate(0, 0, d.days)
	}
	store, err := stf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	reports, err := store.Reports(ctx, f)
	if err != nil {
		return err
	}
	exported := make([]string, len(reports))
	for i, r := range reports {
		exported[i] = r.ID
	}
	if err := store.AddAudit(ctx, server.AuditEntry{At: time.Now(), Actor: "cli", Action: "export " + *format, ReportIDs: exported}); err != nil {
		return err
	}
	var w io.Writer = e.stdout
	if *out != "-" {
		file, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	if *format == "csv" {
		err = server.WriteCSV(w, reports)
	} else {
		err = server.WriteJSON(w, reports)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d report(s)\n", len(reports))
	return nil
}
