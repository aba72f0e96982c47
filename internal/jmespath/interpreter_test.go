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
