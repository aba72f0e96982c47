package main

import (
	"slices"
	"strings"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/awscli"
)

// A request is the command line of a listing, read and checked once into
// typed values, with the AWS CLI's errors in the AWS CLI's order. Past
// parseRequest nothing reads an option by its name.
type request struct {
	cmd *command
	aws bool // spelled as the AWS CLI spells it
	// parents are the stages or studios named, each once in the order
	// given; for the single request, the last one given.
	parents []string
	// single is the AWS CLI's one request (--no-paginate, --next-token,
	// --max-results); nil lists every page.
	single *singleInput
	// allStages: list the stages that ListStages finds (--all-stages).
	allStages bool
	// account lists stages of an account (several --stage-arn values or
	// --all-stages); its Regions are the configured one when empty.
	account *sessions.AccountQuery
	// stage and studio are the query of one parent, its ID left empty.
	stage  sessions.StageQuery
	studio sessions.StudioQuery
	// emptySessionIDs: every request sends sessionIds="", as the AWS CLI
	// sends --session-ids ''.
	emptySessionIDs bool
	// filtered: a filter runs on the client, so botocore's paging, which
	// counts the service's items, does not apply.
	filtered bool

	maxItems    int  // --max-items, if capped
	capped      bool // --max-items is given
	pageSize    int  // --page-size, if hasPageSize
	hasPageSize bool
	prefetch    int // --prefetch; 0 when not given
	concurrency int // --concurrency; 0 when not given
	token       startToken

	out      outputSpec
	conn     *connection
	pager    pagerSpec
	progress bool // a progress line may be drawn on stderr
}

// singleInput is the input of the AWS CLI's single request beyond the
// parent: nil members are not sent.
type singleInput struct {
	nextToken, createdBy, ownedBy, sessionIDs *string
	maxResults                                *int32
}

// A startToken is --starting-token, read once: botocore's own token, a
// cursor of the library, or a service token.
type startToken struct {
	raw string
	// boto is the token as botocore reads it: its own format, or raw as
	// the service token to send.
	boto   awscli.Token
	isBoto bool // raw is in botocore's own format
	cursor bool // raw is a cursor of the library (sessions.IsCursor)
}

func parseStartToken(raw string) startToken {
	t := startToken{raw: raw, cursor: sessions.IsCursor(raw)}
	t.boto, t.isBoto = awscli.ParseToken(raw)
	if !t.isBoto {
		// A service token of its own: botocore sends it as given, and a
		// page cut by --max-items resumes from it.
		t.boto = awscli.Token{Next: raw}
	}
	return t
}

// parseRequest reads the command line of inv. The order of the checks is
// the AWS CLI's where it has them, so that the first error reported is the
// one it reports.
func parseRequest(inv *invocation) (*request, error) {
	a, c := &inv.args, inv.cmd
	if !a.has(c.parentOpt) && !a.has("all-stages") {
		return nil, usagef("the following arguments are required: --%s", c.parentOpt)
	}
	r := &request{cmd: c, aws: inv.aws, progress: inv.env.progress}
	var err error
	if r.out, err = parseOutputSpec(a, inv.stdout); err != nil {
		return nil, err
	}
	if r.conn, err = newConnection(a); err != nil {
		return nil, err
	}
	if a.has("debug") {
		r.conn.debug = inv.stderr
	}
	r.pager = pagerSpec{off: a.has("no-cli-pager"), profile: a.str("profile")}
	if err := c.parse(a, r); err != nil {
		return nil, err
	}
	if err := r.parsePaging(a); err != nil {
		return nil, err
	}
	return r, nil
}

// singleAsked reports whether the command line asks for the AWS CLI's
// single request; alsoMaxResults: --max-results asks for it too (the stage
// command's; the studio command has no such option).
func singleAsked(a *args, alsoMaxResults bool) bool {
	return a.has("no-paginate") || a.has("next-token") || alsoMaxResults && a.has("max-results")
}

// parseParents sets the parents from the parent option's values.
func (r *request) parseParents(a *args) {
	vals := a.list(r.cmd.parentOpt)
	if r.single != nil && len(vals) > 0 {
		r.parents = vals[len(vals)-1:] // the AWS CLI takes the last one
		return
	}
	for _, v := range vals {
		if !slices.Contains(r.parents, v) {
			r.parents = append(r.parents, v)
		}
	}
}

// multi reports whether the listing is a fan-out over several parents.
func (r *request) multi() bool { return len(r.parents) > 1 || r.allStages }

// parsePaging reads the options of paging, common to both commands.
func (r *request) parsePaging(a *args) error {
	if r.single != nil {
		if err := pagingConflict(a); err != nil {
			return err
		}
		if r.multi() {
			return paramf("--no-paginate, --next-token and --max-results make one request: pass one --%s", r.cmd.parentOpt)
		}
	}
	var err error
	if r.maxItems, r.capped, err = a.integer("max-items"); err != nil {
		return err
	}
	if r.prefetch, _, err = a.integer("prefetch"); err != nil {
		return err
	}
	n, set, err := a.integer("concurrency")
	switch {
	case err != nil:
		return err
	case set && n < 1:
		return paramf("--concurrency %d: must be at least 1", n)
	}
	r.concurrency = n
	r.token = parseStartToken(a.str("starting-token"))
	return nil
}

// pagingConflict returns the AWS CLI's error for paginator options given
// with a single request.
func pagingConflict(a *args) error {
	var used []string
	for _, n := range []string{"starting-token", "page-size", "max-items"} {
		if a.has(n) {
			used = append(used, "--"+n)
		}
	}
	if len(used) == 0 {
		return nil
	}
	return paramf("Cannot specify --no-paginate along with pagination arguments: %s", strings.Join(used, ", "))
}
