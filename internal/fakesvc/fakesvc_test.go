package fakesvc

import (
	"testing"
	"time"
)

// walk follows a listing from the first page, firing fault on the request
// numbered at, and returns the served ranges until the end, a repeated
// token or max pages.
func walk(l Listing, at int, fault Fault, max int) (ranges [][2]int, repeated bool) {
	seen := map[string]bool{}
	tok := ""
	for n := 1; n <= max; n++ {
		var f Fault
		if n == at {
			f = fault
		}
		p, err := l.Page(tok, f, uint64(n))
		if err != nil {
			panic(err)
		}
		ranges = append(ranges, [2]int{p.Start, p.End})
		if p.Next == "" {
			return ranges, false
		}
		if seen[p.Next] {
			return ranges, true
		}
		seen[p.Next] = true
		tok = p.Next
	}
	return ranges, false
}

func TestPage(t *testing.T) {
	l := Listing{Binding: Binding(OpListStageSessions, "arn"), Len: 10, Size: 3}
	tests := []struct {
		name     string
		at       int
		fault    Fault
		want     [][2]int
		repeated bool
	}{
		{"no fault", 0, Fault{}, [][2]int{{0, 3}, {3, 6}, {6, 9}, {9, 10}}, false},
		{"repeat on page 2", 2, Fault{Kind: FaultRepeatToken}, [][2]int{{0, 3}, {3, 6}}, true},
		{"repeat on page 1: a fresh token for it", 1, Fault{Kind: FaultRepeatToken}, [][2]int{{0, 3}, {0, 3}, {3, 6}, {6, 9}, {9, 10}}, false},
		{"cycle of 2 from page 1", 1, Fault{Kind: FaultTokenCycle, K: 2}, [][2]int{{0, 3}, {3, 6}, {6, 9}}, true},
		{"cycle of 1 (0 means 2) from page 2", 2, Fault{Kind: FaultTokenCycle}, [][2]int{{0, 3}, {3, 6}, {6, 9}, {9, 10}}, true},
		{"3 empty pages at page 2", 2, Fault{Kind: FaultEmptyPage, K: 3}, [][2]int{{0, 3}, {3, 3}, {3, 3}, {3, 3}, {3, 6}, {6, 9}, {9, 10}}, false},
		{"error faults do not shape pages", 2, Fault{Kind: FaultThrottle}, [][2]int{{0, 3}, {3, 6}, {6, 9}, {9, 10}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, repeated := walk(l, tt.at, tt.fault, 20)
			if len(got) != len(tt.want) || repeated != tt.repeated {
				t.Fatalf("ranges %v, repeated %t; want %v, %t", got, repeated, tt.want, tt.repeated)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("ranges %v; want %v", got, tt.want)
				}
			}
		})
	}
}

// A token is bound to its listing: another parent, filter or a forged
// string is refused; another page size is not.
func TestPageTokens(t *testing.T) {
	a := Listing{Binding: Binding(OpListStreamingSessions, "studio", nil), Len: 10, Size: 3}
	p, _ := a.Page("", Fault{}, 1)
	empty := ""
	for name, l := range map[string]Listing{
		"other parent":      {Binding: Binding(OpListStreamingSessions, "studio2", nil), Len: 10, Size: 3},
		"filter sent empty": {Binding: Binding(OpListStreamingSessions, "studio", &empty), Len: 10, Size: 3},
		"other operation":   {Binding: Binding(OpListStageSessions, "studio", nil), Len: 10, Size: 3},
	} {
		if _, err := l.Page(p.Next, Fault{}, 2); err == nil || err.Code != "ValidationException" {
			t.Errorf("%s: %v, want a ValidationException", name, err)
		}
	}
	for _, forged := range []string{"AAAAAAAAAAAAAAAAAAAAAAAA", p.Next[:len(p.Next)-1] + "x", "!!", p.Next + "A"} {
		if _, err := a.Page(forged, Fault{}, 2); err == nil {
			t.Errorf("token %q accepted", forged)
		}
	}
	b := a
	b.Size = 5
	if q, err := b.Page(p.Next, Fault{}, 2); err != nil || q.Start != 3 || q.End != 8 {
		t.Errorf("another page size: %+v, %v; want [3, 8)", q, err)
	}
	if q, err := a.Page(p.Next, Fault{}, 2); err != nil || q.Start != 3 {
		t.Errorf("own token: %+v, %v", q, err)
	}
}

func TestScript(t *testing.T) {
	var s Script
	s.Add(Fault{Kind: FaultThrottle, Parent: "a", Request: 2, Times: 2},
		Fault{Kind: FaultInternal, Op: OpListStages, Times: -1},
		Fault{Latency: time.Second, Request: 3})
	type req struct {
		op     Op
		parent string
	}
	reqs := []req{{OpListStageSessions, "a"}, {OpListStageSessions, "b"}, {OpListStageSessions, "a"}, {OpListStages, "r"}, {OpListStageSessions, "a"}, {OpListStageSessions, "a"}}
	want := []struct {
		kind    FaultKind
		latency time.Duration
	}{{FaultNone, 0}, {FaultNone, 0}, {FaultThrottle, time.Second}, {FaultInternal, 0}, {FaultThrottle, 0}, {FaultNone, 0}}
	for i, r := range reqs {
		f := s.Fire(r.op, r.parent)
		if f.Fault.Kind != want[i].kind || f.Latency != want[i].latency {
			t.Errorf("request %d: %v after %v, want %v after %v", i+1, f.Fault.Kind, f.Latency, want[i].kind, want[i].latency)
		}
	}
}

func TestCheck(t *testing.T) {
	arn := "arn:aws:ivs:us-west-2:111122223333:stage/AbCd"
	bad := int32(0)
	for name, c := range map[string]struct {
		arn      *string
		max      *int32
		tok      *string
		known    bool
		region   string
		wantCode string
	}{
		"no ARN":           {nil, nil, nil, false, "", "ValidationException"},
		"malformed":        {ptr("stage/x"), nil, nil, false, "", "ValidationException"},
		"malformed, known": {ptr("stage/x"), nil, nil, true, "", ""},
		"page size":        {&arn, &bad, nil, true, "", "ValidationException"},
		"token form":       {&arn, nil, ptr("a.b"), true, "", "ValidationException"},
		"unknown":          {&arn, nil, nil, false, "", "ResourceNotFoundException"},
		"other region":     {&arn, nil, nil, true, "eu-west-1", "ResourceNotFoundException"},
		"its region":       {&arn, nil, nil, true, "us-west-2", ""},
	} {
		_, err := CheckStageSessions(c.arn, c.max, c.tok, c.known, c.region)
		if got := ""; err != nil {
			got = err.Code
			if got != c.wantCode {
				t.Errorf("%s: %v, want %s", name, err, c.wantCode)
			}
		} else if c.wantCode != "" {
			t.Errorf("%s: accepted, want %s", name, c.wantCode)
		}
	}
}

func ptr[T any](v T) *T { return &v }
