package jmespath

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The one change from the released package: <, <=, >, >= order two
// strings; a string and a number stay unordered (null).
func TestOrderingComparisons(t *testing.T) {
	data := map[string]any{"t": []any{"2024-01-02", "2024-01-01", "2024-01-03", 5.0}}
	tests := []struct {
		expr string
		want any
	}{
		{"t[?@ > '2024-01-01']", []any{"2024-01-02", "2024-01-03"}},
		{"t[?@ >= '2024-01-02']", []any{"2024-01-02", "2024-01-03"}},
		{"t[?@ < '2024-01-02']", []any{"2024-01-01"}},
		{"t[?@ <= '2024-01-01']", []any{"2024-01-01"}},
		{"t[?@ > `4`]", []any{5.0}},
		{"'b' > 'a'", true},
		{"'b' > `1`", nil},
	}
	for _, tt := range tests {
		got, err := Search(tt.expr, data)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.expr, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Search(%q) mismatch (-want +got):\n%s", tt.expr, diff)
		}
	}
}

// The other change: SearchKeyOrder orders the keys of keys(), values(),
// merge() and the * wildcard.
func TestSearchKeyOrder(t *testing.T) {
	inner := map[string]any{"z": 1.0, "a": 2.0, "m": 3.0}
	data := map[string]any{"o": inner}
	order := func(m map[string]any) []string {
		if len(m) == 3 {
			return []string{"z", "a", "m"}
		}
		return nil
	}
	var merged []string
	for expr, want := range map[string]any{
		"keys(o)":   []any{"z", "a", "m"},
		"values(o)": []any{1.0, 2.0, 3.0},
		"o.*":       []any{1.0, 2.0, 3.0},
	} {
		got, err := MustCompile(expr).SearchKeyOrder(data, order, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", expr, diff)
		}
	}
	_, err := MustCompile("merge(o, `{\"b\": 4, \"a\": 5}`)").SearchKeyOrder(data, order, func(_ map[string]any, keys []string) { merged = keys })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"z", "a", "m", "b"}, merged); diff != "" {
		t.Errorf("merge() key order mismatch (-want +got):\n%s", diff)
	}
}
