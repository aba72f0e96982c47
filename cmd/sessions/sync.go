package main

// "sessions sync" keeps every stage session of an account in an archive
// file (package archive); "sessions report" (report.go) reads it back.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/archive"
)

// defaultDB is the archive file when --db is left out: in the working
// directory.
const defaultDB = "sessions.db"

var dbOption = option{name: "db", arg: "FILE", help: "The archive file, an SQLite database (default " + defaultDB + " in the working directory)", example: "--db sessions.db"}

// syncOptions are sync's own options; the global options (--region,
// --profile, --endpoint-url, --concurrency …) apply as to the listings.
var syncOptions = []option{
	dbOption,
	{name: "stage-arn", arg: "ARN", repeat: true, help: "Sync only this stage (repeat for several); with --region as well, the stages of those regions too", example: "--stage-arn arn:aws:ivs:us-west-2:123456789012:stage/AbCdEf123456"},
	allStagesOptions[1], // --stage-name
	allStagesOptions[2], // --stage-tag
	{name: "studio-id", arg: "ID", repeat: true, help: "Sync the streaming sessions of this Nimble Studio studio instead of stages (repeat for several)", example: "--studio-id stid-a1b2c3d4e5f6g7h8"},
}

const syncUsage = `usage: sessions sync [--db FILE] [--region REGION ...] [--stage-arn ARN ...] [--stage-name PATTERN] [--stage-tag KEY=VALUE ...] [global options]
       sessions sync [--db FILE] --studio-id ID ... [global options]

Lists every stage session of the account into the archive FILE (an SQLite
database; default sessions.db in the working directory): the stages that
ListStages finds in each --region (default: the configured region), or
only the --stage-arn stages. Each page is committed with the point to
resume from, so an interrupted sync loses at most the page in flight and
the next one continues there. A stage listed to its end before is read
only down to what is new when the service lists it most recent first.
Requests are paced to the service's quota, as every listing's.
With --studio-id, it keeps the streaming sessions of those Nimble Studio
studios instead, every field, listed in full each time (they change state).
The last line says what it did:
  synced S stages: N new, U updated sessions, R requests in T
`

// runSync is "sessions sync".
func runSync(ctx context.Context, e env, global args, words []string, stdout, stderr io.Writer) int {
	if slices.Contains(words, "--help") || slices.Contains(words, "-h") || slices.Contains(words, "help") {
		fmt.Fprint(stdout, syncUsage)
		return exitOK
	}
	a := global
	unknown, err := parse(words, slices.Concat(syncOptions, globalOptions), &a)
	if err != nil {
		return reportErr(stderr, err)
	}
	if len(unknown) > 0 {
		return report(stderr, "sync", usagef("unknown options: %s", strings.Join(unknown, ", ")))
	}
	q, err := syncQuery(&a)
	if err != nil {
		return reportErr(stderr, err)
	}
	if a.has("studio-id") && (a.has("stage-arn") || a.has("stage-name") || a.has("stage-tag")) {
		return reportErr(stderr, paramf("--studio-id syncs studios: sync stages (--stage-arn, --stage-name, --stage-tag) in another run"))
	}
	concurrency, set, err := a.integer("concurrency")
	if err != nil {
		return reportErr(stderr, err)
	}
	if set && concurrency < 1 {
		return reportErr(stderr, paramf("--concurrency %d: must be at least 1", concurrency))
	}
	conn, err := newConnection(&a)
	if err != nil {
		return reportErr(stderr, err)
	}
	if a.has("debug") {
		conn.debug = stderr
	}
	// The file first: a file that cannot be an archive, or cannot be
	// written, fails before credentials are looked for or any request sent.
	db := a.str("db")
	if db == "" {
		db = defaultDB
	}
	arc, err := archive.Open(ctx, db)
	if err != nil {
		return syncErr(ctx, stderr, err)
	}
	defer arc.Close()
	cfg, err := conn.config(ctx, e)
	if err != nil {
		return syncErr(ctx, stderr, err)
	}
	if len(q.Regions) == 0 && len(q.StageARNs) == 0 {
		q.Regions = []string{cfg.Region}
	}
	clients := sessions.ClientsFromConfig(cfg, sessions.IVSErrorMessages, func(o *ivsrealtime.Options) {
		if conn.endpoint != "" {
			o.BaseEndpoint = aws.String(conn.endpoint)
		}
	})
	prog := &progress{w: stderr, on: e.progress}
	opt := archive.SyncOptions{Concurrency: concurrency, OnPage: prog.page}
	var res archive.SyncResult
	if studios := a.list("studio-id"); len(studios) > 0 {
		res, err = arc.SyncStudios(ctx, newStudioClient(cfg, conn.endpoint), studios, opt)
	} else {
		res, err = arc.Sync(ctx, clients, q, opt)
	}
	prog.done()
	fmt.Fprintln(stdout, res)
	if err != nil {
		return syncErr(ctx, stderr, inputError(err))
	}
	return exitOK
}

// syncErr reports a failed sync: interrupted whenever ctx ended, wherever
// that stopped it (opening or migrating the file, a request, a write), as
// the cancel is the cause of whatever error came of it.
func syncErr(ctx context.Context, stderr io.Writer, err error) int {
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "\nInterrupted: the next sync continues where this one stopped")
		return exitInterrupted
	}
	return archiveErr(stderr, err)
}

// syncQuery is the account the command line names.
func syncQuery(a *args) (sessions.AccountQuery, error) {
	q := sessions.AccountQuery{StageARNs: a.list("stage-arn")}
	if a.has("region") || len(q.StageARNs) == 0 {
		q.Regions = a.list("region") // none: the configured region, once loaded
	}
	q.Stages.Name = a.str("stage-name")
	for _, kv := range a.list("stage-tag") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return q, paramf("--stage-tag %q: must be KEY=VALUE", kv)
		}
		if q.Stages.Tags == nil {
			q.Stages.Tags = map[string]string{}
		}
		q.Stages.Tags[k] = v
	}
	return q, nil
}

// archiveErr reports an error of the archive file on one line (exit
// status 255), and any other as the listings report it.
func archiveErr(stderr io.Writer, err error) int {
	var fe *archive.FileError
	if errors.As(err, &fe) {
		fmt.Fprintf(stderr, "\nsessions: %s\n", strings.TrimPrefix(fe.Error(), "archive: "))
		return exitFailure
	}
	return reportErr(stderr, err)
}
