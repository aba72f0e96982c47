package sessions

import (
	"context"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/sessionkit/sessions/internal/stagearn"
)

// A StageListTransport lists the stages of an IVS Real-Time account in one
// region. The SDK's *ivsrealtime.Client satisfies it unchanged, and so does
// the fake in package sessionstest. It is separate from [StageTransport], so
// that mocks of that interface keep compiling; the contract is the same.
type StageListTransport interface {
	ListStages(ctx context.Context, in *ivsrealtime.ListStagesInput, optFns ...func(*ivsrealtime.Options)) (*ivsrealtime.ListStagesOutput, error)
}

var _ StageListTransport = (*ivsrealtime.Client)(nil)

// Stage is one IVS Real-Time stage, as ListStages describes it.
type Stage struct {
	ARN             string            // e.g. "arn:aws:ivs:us-west-2:111122223333:stage/AbCdEf123456"
	Name            string            // may be empty, and need not be unique
	ActiveSessionID string            // the session running on the stage; "" when none is
	Tags            map[string]string // nil when the stage has none; shared, not copied
}

// Active reports whether a session was running on the stage when it was
// listed.
func (s Stage) Active() bool { return s.ActiveSessionID != "" }

// Region returns the region named in the stage's ARN ("us-west-2"), or ""
// if the ARN has none.
func (s Stage) Region() string { return stagearn.Region(s.ARN) }

// StageFilter selects stages. ListStages filters nothing on the service side,
// so every field applies on the client, to each page as it arrives. The zero
// value keeps every stage.
type StageFilter struct {
	// Name keeps stages whose name matches it, as a [path.Match] pattern:
	// "prod-eu" is that name only, "prod-*" every name starting "prod-".
	Name string
	// Tags keeps stages that carry every one of these tags with the same
	// value.
	Tags map[string]string
	// Where, if set, keeps only the stages for which it returns true. Like
	// [StageQuery.Where], it may run on several goroutines at once.
	Where func(Stage) bool
}

// Match reports whether s passes every field of f.
func (f StageFilter) Match(s Stage) bool { return f.match(&s) }

func (f *StageFilter) match(s *Stage) bool {
	if f.Name != "" {
		if ok, _ := path.Match(f.Name, s.Name); !ok { // the pattern was checked
			return false
		}
	}
	for k, v := range f.Tags {
		if got, ok := s.Tags[k]; !ok || got != v {
			return false
		}
	}
	return f.Where == nil || f.Where(*s)
}

func (f StageFilter) matcher() func(*Stage) bool {
	if f.Name == "" && len(f.Tags) == 0 && f.Where == nil {
		return nil
	}
	return f.match
}

func (f *StageFilter) check() error {
	if _, err := path.Match(f.Name, ""); err != nil {
		return &InputError{Field: "StageFilter.Name", Value: f.Name, Reason: "must be a path.Match pattern (* ? [a-z] \\x): " + err.Error(), Err: err}
	}
	return nil
}

// key is the filter as a cursor binds it; Where is not bound, like any
// client-side filter of a session query.
func (f *StageFilter) key() string {
	var b strings.Builder
	b.WriteString(strconv.Quote(f.Name))
	for _, k := range slices.Sorted(maps.Keys(f.Tags)) {
		b.WriteString(" " + strconv.Quote(k) + "=" + strconv.Quote(f.Tags[k]))
	}
	return b.String()
}

// Stages returns a paginator over the stages that t lists (the stages of one
// account in t's region) and that f keeps, in the service's order. It checks
// f and opts and returns an [*InputError] for bad input; no request is sent
// until the paginator is ranged over. [PageSize] is ListStages' maxResults
// (1–100; left out, 100).
//
// With an *ivsrealtime.Client, the client's region names the listing in
// errors and binds its cursors, so a cursor from one region is refused in
// another.
func Stages(t StageListTransport, f StageFilter, opts ...Option) (*Paginator[Stage], error) {
	return newStages(t, f, transportRegion(t), opts)
}

// newStages is Stages for the stages of region, which names the listing in
// errors and binds its cursors ("" if unknown).
func newStages(t StageListTransport, f StageFilter, region string, opts []Option) (*Paginator[Stage], error) {
	if isNil(t) {
		return nil, &InputError{Field: "transport", Value: "<nil>", Reason: "must be a StageListTransport such as *ivsrealtime.Client"}
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	var pc pacing // set once the options are checked
	fetch := func(ctx context.Context, token string, pageSize int, buf []Stage) ([]Stage, string, error) {
		in := &ivsrealtime.ListStagesInput{}
		if size := int32(pageSize); size > 0 {
			in.MaxResults = &size
		}
		if token != "" {
			in.NextToken = &token
		}
		out, err := call(ctx, &pc, func(ctx context.Context) (*ivsrealtime.ListStagesOutput, error) {
			return t.ListStages(ctx, in, pc.ivs...)
		})
		if err != nil {
			return buf, "", err
		}
		if out == nil {
			return buf, "", errNoOutput
		}
		for i := range out.Stages {
			s := &out.Stages[i]
			buf = append(buf, Stage{ARN: deref(s.Arn), Name: deref(s.Name), ActiveSessionID: deref(s.ActiveSessionId), Tags: s.Tags})
		}
		return buf, deref(out.NextToken), nil
	}
	p, err := newPaginator(operation[Stage]{
		bind: binding{op: opStages, parent: region}, pageSized: true, fetch: fetch,
		keep: f.matcher(), id: func(s *Stage) string { return s.ARN }, checkToken: ivsToken,
	}, opts)
	if err != nil {
		return nil, err
	}
	pc = ivsPacing(t, p.set.pace, region, "ListStages")
	return p, nil
}

// transportRegion returns the region an SDK client sends to, or "" for a
// transport that does not say.
func transportRegion(t any) string {
	if c, ok := t.(interface{ Options() ivsrealtime.Options }); ok && !isNil(t) {
		return c.Options().Region
	}
	return ""
}
