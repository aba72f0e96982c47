package sessions

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sessionkit/sessions/internal/stagearn"
)

// AccountQuery selects stages of an AWS account, in one or more regions, and
// the sessions of each to list with [AccountSessions].
type AccountQuery struct {
	// Regions are the regions whose stages are found with ListStages and
	// kept if they match Stages, e.g. "us-west-2".
	Regions []string
	// StageARNs are stages to list as well, in any region, without
	// ListStages; Stages does not apply to them.
	StageARNs []string
	// Stages keeps the stages found in Regions that match it.
	Stages StageFilter
	// Sessions selects the sessions of each stage; its StageARN must be
	// empty. With Status [StageActive], a stage that ListStages reports
	// with no active session is not asked for its sessions.
	Sessions StageQuery
}

var regionPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

// AccountSessions returns a [Fanout] over the sessions of the stages that q
// selects: the stages of q.Regions that match q.Stages, found with ListStages
// when the Fanout is first ranged over, and the stages q.StageARNs names.
// Every request goes to the region named in its stage's ARN, through the
// transport clients returns for that region ([ClientsFromConfig] builds SDK
// clients from an aws.Config). Each session carries its stage's ARN.
//
// The options are those of [NewFanout]: [MaxItems] across every stage,
// [StartingToken] from [Fanout.Cursor], [Concurrency] (stages, and regions
// while finding stages, listed at once), [Ordered], and [PageSize],
// [Prefetch] and [OnPage] for each stage's sessions (OnPage called one page
// at a time, each [PageInfo] naming its stage). A cursor records the
// stages found, so a resumed listing continues the same stages and does not
// look for new ones, except in a region whose ListStages had not finished.
// It is bound to q's regions, stage ARNs, stage filter (Where aside) and to
// whether only active sessions are listed.
//
// AccountSessions checks q and the options, and gets the transport of every
// region it can name, before any request; it returns an [*InputError] for
// bad input and the factory's error, if any, as it is.
func AccountSessions(clients ClientFactory, q AccountQuery, opts ...Option) (*Fanout[StageSession], error) {
	if clients == nil {
		return nil, &InputError{Field: "clients", Value: "<nil>", Reason: "must return the transport of a region, e.g. ClientsFromConfig(cfg)"}
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	a := &account{factory: clients, q: q, transports: map[string]RegionTransport{}}
	activeOnly := q.Sessions.Status == StageActive
	bind := []string{
		"fan-out", "AccountSessions",
		"regions", strings.Join(q.Regions, ","),
		"stage ARNs", strings.Join(q.StageARNs, ","),
		"stage filter", q.Stages.key(),
		"only active sessions", strconv.FormatBool(activeOnly),
	}
	f, st, err := newFanout(a.build, bind, opts)
	if err != nil {
		return nil, err
	}
	d := &stageDiscovery{activeOnly: activeOnly, pace: f.set.pace}
	f.disc = d
	for _, r := range q.Regions {
		if _, err := a.transport(r); err != nil {
			return nil, err
		}
	}
	lists, srcs := make([]entry, len(q.Regions)), make([]entry, len(q.StageARNs))
	for i, r := range q.Regions {
		lists[i].id = r
	}
	for i, arn := range q.StageARNs {
		srcs[i].id = arn
	}
	if st != nil {
		if err := q.checkState(f.set.startingToken, st); err != nil {
			return nil, err
		}
		lists, srcs = st.lists, st.sources
	}
	for _, e := range lists {
		if err := d.addEntry(a, e); err != nil {
			return nil, err
		}
	}
	for _, e := range srcs {
		if _, err := a.transport(stagearn.Region(e.id)); err != nil {
			return nil, err
		}
		// A stage that ListStages found but that cannot be listed (its ARN
		// fails the check) is reported by every range, as when it was found.
		if err := f.addEntry(e); err != nil && !slices.Contains(q.Regions, stagearn.Region(e.id)) {
			return nil, err
		}
	}
	return f, nil
}

// account builds the paginators of an account listing.
type account struct {
	factory    ClientFactory
	q          AccountQuery
	transports map[string]RegionTransport
}

// transport returns the transport of region, asking the factory once.
func (a *account) transport(region string) (RegionTransport, error) {
	if t, ok := a.transports[region]; ok {
		return t, nil
	}
	t, err := a.factory(region)
	if err == nil && isNil(t) {
		err = &InputError{Field: "clients", Value: region, Reason: "returned no transport and no error for the region"}
	}
	if err != nil {
		return nil, err
	}
	a.transports[region] = t
	return t, nil
}

func (a *account) build(arn string, opts ...Option) (*Paginator[StageSession], error) {
	t, err := a.transport(stagearn.Region(arn))
	if err != nil {
		return nil, err
	}
	q := a.q.Sessions
	q.StageARN = arn
	deletedEnds := Option{func(s *settings) { s.deletedEnds = true }}
	return StageSessions(t, q, append(slices.Clip(opts), deletedEnds)...)
}

func (q *AccountQuery) check() error {
	if len(q.Regions) == 0 && len(q.StageARNs) == 0 {
		return &InputError{Field: "AccountQuery.Regions", Value: "", Reason: "name at least one region or stage ARN (AccountQuery.StageARNs)"}
	}
	for i, r := range q.Regions {
		if !regionPattern.MatchString(r) {
			return &InputError{Field: "AccountQuery.Regions[" + strconv.Itoa(i) + "]", Value: r, Reason: "must be a region name such as us-west-2 (characters a-z 0-9 -)"}
		}
	}
	if err := checkOnce("AccountQuery.Regions", q.Regions); err != nil {
		return err
	}
	for i, arn := range q.StageARNs {
		if err := (&StageQuery{StageARN: arn}).check(); err != nil {
			err.(*InputError).Field = "AccountQuery.StageARNs[" + strconv.Itoa(i) + "]"
			return err
		}
	}
	if err := checkOnce("AccountQuery.StageARNs", q.StageARNs); err != nil {
		return err
	}
	if q.Sessions.StageARN != "" {
		return &InputError{Field: "AccountQuery.Sessions.StageARN", Value: q.Sessions.StageARN, Reason: "must be empty; name stages with AccountQuery.StageARNs"}
	}
	if err := q.Stages.check(); err != nil {
		err.(*InputError).Field = "AccountQuery.Stages." + strings.TrimPrefix(err.(*InputError).Field, "StageFilter.")
		return err
	}
	s := q.Sessions
	s.StageARN = "arn:aws:ivs:us-west-2:000000000000:stage/check" // any valid ARN: only the other fields are checked here
	if err := s.check(); err != nil {
		err.(*InputError).Field = "AccountQuery.Sessions." + strings.TrimPrefix(err.(*InputError).Field, "StageQuery.")
		return err
	}
	return nil
}

// checkState checks that a cursor's regions and stages are those q can
// list; its binding said so, but its content could still be forged. A
// stage of a listed region need not be valid: ListStages found it, and
// listing it reports the error.
func (q *AccountQuery) checkState(tok string, st *fanoutState) error {
	ok := len(st.lists) == len(q.Regions)
	for i := 0; ok && i < len(st.lists); i++ {
		ok = st.lists[i].id == q.Regions[i]
	}
	for _, e := range st.sources {
		ok = ok && (slices.Contains(q.Regions, stagearn.Region(e.id)) || slices.Contains(q.StageARNs, e.id))
	}
	if !ok {
		return &InputError{Field: "StartingToken", Value: tok, Reason: "not a valid fan-out cursor (malformed)"}
	}
	return nil
}
