package timeline_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sessionkit/sessions/internal/timeline"
)

func TestNaturalCompare(t *testing.T) {
	want := []string{"", "DemoStage1", "DemoStage2", "demoStage3", "DemoStage10", "DemoStage11", "DemoStage011",
		"DemoStage100", "DemoStage100a", "DemoStage100b", "Stage", "stage 9 eu", "stage 9 us", "v1.2", "v1.10", "ü"}
	got := slices.Clone(want)
	for i := range got { // reverse, then sort
		j := len(got) - 1 - i
		if i < j {
			got[i], got[j] = got[j], got[i]
		}
	}
	slices.SortFunc(got, timeline.NaturalCompare)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted mismatch (-want +got):\n%s", diff)
	}
}

func FuzzNaturalCompare(f *testing.F) {
	for _, s := range []string{"a1", "a01", "A1", "a10b", "", "9", "x0y"} {
		f.Add(s, "a2")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := timeline.NaturalCompare(a, b), timeline.NaturalCompare(b, a)
		if ab != -ba || (ab == 0) != (a == b) || ab < -1 || ab > 1 {
			t.Errorf("NaturalCompare(%q, %q) = %d, reversed %d: not a total order", a, b, ab, ba)
		}
	})
}

func TestSortLanes(t *testing.T) {
	lanes := []timeline.Lane{{Name: "c", Label: "Stage10"}, {Name: "b", Label: "Stage2"}, {Name: "a", Label: "Stage2"}, {Name: "Stage1"}}
	timeline.SortLanes(lanes)
	var got []string
	for _, l := range lanes {
		got = append(got, l.Name)
	}
	if diff := cmp.Diff([]string{"Stage1", "a", "b", "c"}, got); diff != "" {
		t.Errorf("SortLanes() order mismatch (-want +got):\n%s", diff)
	}
}
