package fakesvc

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCheckHistory(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC) }
	ok := []Span{
		{ID: "st-AAAAAAAAAAAA3", Start: at(9)},
		{ID: "st-AAAAAAAAAAAA1", Start: at(1), End: at(2)},
		{ID: "st-AAAAAAAAAAAA2", Start: at(2), End: at(5)},
	}
	if err := CheckHistory(ok); err != nil {
		t.Errorf("a valid history: %v", err)
	}
	tests := []struct {
		name       string
		spans      []Span
		index      int
		other      int
		wantReason string
	}{
		{"overlap", []Span{{ID: "st-AAAAAAAAAAAA1", Start: at(1), End: at(3)}, {ID: "st-AAAAAAAAAAAA2", Start: at(2), End: at(4)}}, 1, 0, "overlaps session st-AAAAAAAAAAAA1"},
		{"overlap, newest first", []Span{{ID: "st-AAAAAAAAAAAA2", Start: at(2), End: at(4)}, {ID: "st-AAAAAAAAAAAA1", Start: at(1), End: at(3)}}, 0, 1, "overlaps"},
		{"nested", []Span{{ID: "st-AAAAAAAAAAAA1", Start: at(1), End: at(9)}, {ID: "st-AAAAAAAAAAAA3", Start: at(5), End: at(6)}, {ID: "st-AAAAAAAAAAAA2", Start: at(2), End: at(3)}}, 2, 0, "overlaps"},
		{"two active", []Span{{ID: "st-AAAAAAAAAAAA1", Start: at(1)}, {ID: "st-AAAAAAAAAAAA2", Start: at(2)}}, 1, 0, "both active"},
		{"active, then a later one", []Span{{ID: "st-AAAAAAAAAAAA1", Start: at(1)}, {ID: "st-AAAAAAAAAAAA2", Start: at(2), End: at(3)}}, 0, 1, "only the newest session can be active"},
		{"ends before it starts", []Span{{ID: "st-AAAAAAAAAAAA1", Start: at(3), End: at(2)}}, 0, -1, "ends (2026-03-01T02:00:00Z) before it starts"},
		{"no start", []Span{{ID: "st-AAAAAAAAAAAA1", End: at(2)}}, 0, -1, "has no startTime"},
		{"short ID", []Span{{ID: "st-1", Start: at(1)}}, 0, -1, `"st-1" is not of the service's form`},
		{"wrong prefix", []Span{{ID: "xx-AAAAAAAAAAAA1", Start: at(1)}}, 0, -1, "not of the service's form"},
		{"punctuation", []Span{{ID: "st-AAAAAAAAAAA_1", Start: at(1)}}, 0, -1, "not of the service's form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckHistory(tt.spans)
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Index != tt.index || err.Other != tt.other || !strings.Contains(err.Reason, tt.wantReason) {
				t.Errorf("got %d, %d, %q; want %d, %d and a reason with %q", err.Index, err.Other, err.Reason, tt.index, tt.other, tt.wantReason)
			}
		})
	}
}

func TestNewestFirst(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC) }
	s := []Span{{ID: "a", Start: at(1)}, {ID: "c", Start: at(3)}, {ID: "b", Start: at(2)}}
	slices.SortFunc(s, NewestFirst)
	if got := s[0].ID + s[1].ID + s[2].ID; got != "cba" {
		t.Errorf("order %s, want cba", got)
	}
}
