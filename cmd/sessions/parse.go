package main

// Reading the command's own options into a request: the stage command's,
// the studio command's and those of the stages of an account.

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/sessionkit/sessions"
)

// parseStage reads the stage command's own options into r.
func parseStage(a *args, r *request) error {
	f, err := a.filters()
	if err != nil {
		return err
	}
	r.stage = sessions.StageQuery{StartedAfter: f.after, StartedBefore: f.before}
	switch {
	case f.active:
		r.stage.Status = sessions.StageActive
	case f.ended:
		r.stage.Status = sessions.StageEnded
	}
	r.filtered = r.stage.Status != sessions.AnyStatus || !f.after.IsZero() || !f.before.IsZero()
	if r.pageSize, r.hasPageSize, err = a.integer("page-size"); err != nil {
		return err
	}
	if singleAsked(a, true) {
		r.single = &singleInput{}
	}
	r.parseParents(a)
	if err := parseAccount(a, r); err != nil {
		return err
	}
	if r.single == nil || len(r.parents) != 1 {
		return nil
	}
	return parseSingleStage(a, r)
}

// parseSingleStage reads the input of the single request and checks it as
// botocore does before sending it: the model's minimums (not its maximums
// or patterns, which the service checks).
func parseSingleStage(a *args, r *request) error {
	var bad []string
	if r.parents[0] == "" {
		bad = append(bad, "Invalid length for parameter stageArn, value: 0, valid min length: 1")
	}
	n, ok, err := a.integer("max-results")
	if err != nil {
		return err
	}
	if ok && n < 1 {
		bad = append(bad, fmt.Sprintf("Invalid value for parameter maxResults, value: %d, valid min value: 1", n))
	}
	if len(bad) > 0 {
		return paramf("Parameter validation failed:\n%s", strings.Join(bad, "\n"))
	}
	if ok {
		r.single.maxResults = aws.Int32(int32(n))
	}
	if a.has("next-token") {
		r.single.nextToken = aws.String(a.str("next-token"))
	}
	return nil
}

// parseAccount sets r.account when the command line asks for --all-stages
// or names several stages.
func parseAccount(a *args, r *request) error {
	r.allStages = a.has("all-stages")
	if !r.allStages && (a.has("stage-name") || a.has("stage-tag")) {
		return paramf("--stage-name and --stage-tag choose among the stages --all-stages finds: pass --all-stages")
	}
	if !r.allStages && len(r.parents) < 2 {
		return nil
	}
	r.account = &sessions.AccountQuery{StageARNs: r.parents}
	if !r.allStages {
		return nil
	}
	r.account.Regions = a.list("region")
	r.account.Stages.Name = a.str("stage-name")
	for _, kv := range a.list("stage-tag") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return paramf("--stage-tag %q: must be KEY=VALUE", kv)
		}
		if r.account.Stages.Tags == nil {
			r.account.Stages.Tags = map[string]string{}
		}
		r.account.Stages.Tags[k] = v
	}
	return nil
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// parseStudio reads the studio command's own options into r.
func parseStudio(a *args, r *request) error {
	f, err := a.filters()
	if err != nil {
		return err
	}
	if !f.after.IsZero() && !f.before.IsZero() && !f.after.Before(f.before) {
		return paramf("--started-before %s: must be later than --started-after (%s)", isoTime(f.before), isoTime(f.after))
	}
	q := sessions.StudioQuery{CreatedBy: a.str("created-by"), OwnedBy: a.str("owned-by"), SessionIDs: splitList(a.list("session-ids"))}
	if len(q.SessionIDs) == 1 && q.SessionIDs[0] == "" {
		// --session-ids '': the AWS CLI sends it as given, and prints what
		// the service answers; the library takes no empty ID, so the
		// transport adds it to each request.
		q.SessionIDs, r.emptySessionIDs = nil, true
	}
	for _, s := range splitList(a.list("state")) {
		st, err := sessions.ParseState(s)
		if err != nil {
			return inputError(err)
		}
		q.States = append(q.States, st)
	}
	timeFilter := f.active || f.ended || !f.after.IsZero() || !f.before.IsZero()
	if timeFilter {
		q.Where = studioFilter(f)
	}
	r.studio = q
	r.filtered = timeFilter || len(q.States) > 0 || len(q.SessionIDs) > 1
	if singleAsked(a, false) {
		r.single = &singleInput{}
		for _, m := range []struct {
			opt string
			dst **string
		}{{"created-by", &r.single.createdBy}, {"owned-by", &r.single.ownedBy}, {"next-token", &r.single.nextToken}, {"session-ids", &r.single.sessionIDs}} {
			if a.has(m.opt) {
				// The AWS CLI's single request: the last value given, as sent.
				*m.dst = aws.String(a.str(m.opt))
			}
		}
	}
	r.parseParents(a)
	return nil
}

// studioFilter returns the client-side filter of f for streaming sessions.
func studioFilter(f filters) func(sessions.StreamingSession) bool {
	return func(s sessions.StreamingSession) bool {
		switch {
		case f.active && !running(s.State),
			f.ended && !finished(s.State),
			!f.after.IsZero() && !s.StartedAt.After(f.after),
			!f.before.IsZero() && (s.StartedAt.IsZero() || !s.StartedAt.Before(f.before)):
			return false
		}
		return true
	}
}
