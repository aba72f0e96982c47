package sessions_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions"
)

func stagesFake(n int) (*accountFake, []sessions.Stage) {
	f := newAccountFake()
	for i := range n {
		tags := map[string]string{"env": "dev"}
		if i%3 == 0 {
			tags = map[string]string{"env": "prod", "team": fmt.Sprint("t", i%2)}
		}
		if i == 7 {
			tags = nil
		}
		name := fmt.Sprintf("dev-%d", i)
		if i%2 == 0 {
			name = fmt.Sprintf("prod-%d", i)
		}
		f.addStage("us-west-2", name, 1, i%4 == 0, tags)
	}
	return f, f.stages["us-west-2"] // in ARN order, as ListStages lists them
}

func TestStagesFilters(t *testing.T) {
	f, all := stagesFake(20)
	for _, tc := range []struct {
		name   string
		filter sessions.StageFilter
		keep   func(sessions.Stage) bool
	}{
		{"all", sessions.StageFilter{}, func(sessions.Stage) bool { return true }},
		{"name", sessions.StageFilter{Name: "prod-4"}, func(s sessions.Stage) bool { return s.Name == "prod-4" }},
		{"pattern", sessions.StageFilter{Name: "prod-*"}, func(s sessions.Stage) bool { return s.Name[:5] == "prod-" }},
		{"tags", sessions.StageFilter{Tags: map[string]string{"env": "prod", "team": "t0"}}, func(s sessions.Stage) bool { return s.Tags["env"] == "prod" && s.Tags["team"] == "t0" }},
		{"where", sessions.StageFilter{Where: sessions.Stage.Active}, sessions.Stage.Active},
		{"none", sessions.StageFilter{Tags: map[string]string{"env": "none"}}, func(sessions.Stage) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []sessions.Stage
			for _, s := range all {
				if tc.keep(s) {
					want = append(want, s)
				}
			}
			p, err := sessions.Stages(f.region("us-west-2"), tc.filter, sessions.PageSize(3))
			if err != nil {
				t.Fatal(err)
			}
			got, err := sessions.Collect(p.All(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Stages mismatch (-want +got):\n%s", diff)
			}
			for _, s := range got {
				if !tc.filter.Match(s) {
					t.Errorf("Match(%v) = false for a stage the paginator kept", s)
				}
			}
		})
	}
}

func TestStagesResumeAndMaxItems(t *testing.T) {
	f, all := stagesFake(23)
	tr := f.region("us-west-2")
	var got []sessions.Stage
	tok := ""
	for range 10 {
		opts := []sessions.Option{sessions.PageSize(4), sessions.MaxItems(5)}
		if tok != "" {
			opts = append(opts, sessions.StartingToken(tok))
		}
		p, err := sessions.Stages(tr, sessions.StageFilter{}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		page, err := sessions.Collect(p.All(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if tok = p.Cursor(); tok == "" {
			break
		}
	}
	if diff := cmp.Diff(all, got); diff != "" {
		t.Errorf("stages over resumed runs of 5 (-want +got):\n%s", diff)
	}
}

func TestStagesInput(t *testing.T) {
	f, _ := stagesFake(1)
	tr := f.region("us-west-2")
	for _, tc := range []struct {
		name   string
		t      sessions.StageListTransport
		filter sessions.StageFilter
		opts   []sessions.Option
		field  string
	}{
		{"nil transport", nil, sessions.StageFilter{}, nil, "transport"},
		{"typed nil client", (*ivsrealtime.Client)(nil), sessions.StageFilter{}, nil, "transport"},
		{"bad pattern", tr, sessions.StageFilter{Name: "prod-["}, nil, "StageFilter.Name"},
		{"page size", tr, sessions.StageFilter{}, []sessions.Option{sessions.PageSize(101)}, "PageSize"},
		{"concurrency", tr, sessions.StageFilter{}, []sessions.Option{sessions.Concurrency(4)}, "Concurrency"},
		{"bad token", tr, sessions.StageFilter{}, []sessions.Option{sessions.StartingToken("a b")}, "StartingToken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sessions.Stages(tc.t, tc.filter, tc.opts...)
			var ie *sessions.InputError
			if !errors.As(err, &ie) || ie.Field != tc.field {
				t.Fatalf("Stages error = %v, want an *InputError for %s", err, tc.field)
			}
		})
	}
	if n := f.total("ListStages"); n != 0 {
		t.Errorf("%d requests sent for bad input, want 0", n)
	}
}

func TestStagesCursorBoundToRegion(t *testing.T) {
	west := ivsrealtime.New(ivsrealtime.Options{Region: "us-west-2"})
	east := ivsrealtime.New(ivsrealtime.Options{Region: "us-east-1"})
	p, err := sessions.Stages(west, sessions.StageFilter{}, sessions.StartingToken("t40"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Stages(west, sessions.StageFilter{}, sessions.StartingToken(p.Cursor())); err != nil {
		t.Errorf("cursor refused in its own region: %v", err)
	}
	_, err = sessions.Stages(east, sessions.StageFilter{}, sessions.StartingToken(p.Cursor()))
	var ie *sessions.InputError
	if !errors.As(err, &ie) || ie.Field != "StartingToken" {
		t.Errorf("cursor of us-west-2 in us-east-1: error = %v, want an *InputError for StartingToken", err)
	}
}

func TestStageValue(t *testing.T) {
	s := sessions.Stage{ARN: "arn:aws:ivs:eu-central-1:111122223333:stage/AbCd", ActiveSessionID: "st-1"}
	if s.Region() != "eu-central-1" || !s.Active() {
		t.Errorf("Region() = %q, Active() = %t; want eu-central-1, true", s.Region(), s.Active())
	}
	if (sessions.Stage{}).Active() || (sessions.Stage{ARN: "x"}).Region() != "" {
		t.Error("the zero Stage is active, or an ARN without region has one")
	}
}

func ExampleStage_Region() {
	s := sessions.Stage{ARN: "arn:aws:ivs:eu-west-1:111122223333:stage/AbCdEf123456", ActiveSessionID: "st-1"}
	fmt.Println(s.Region(), s.Active())
	fmt.Printf("%q\n", sessions.Stage{ARN: "not-an-arn"}.Region())
	// Output:
	// eu-west-1 true
	// ""
}
