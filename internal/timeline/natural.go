package timeline

import (
	"cmp"
	"slices"
	"strings"
)

// SortLanes orders lanes by label as people count: "stage 2" before
// "stage 10", case aside; lanes with the same label by name.
func SortLanes(lanes []Lane) {
	slices.SortStableFunc(lanes, func(a, b Lane) int {
		return cmp.Or(NaturalCompare(a.label(), b.label()), strings.Compare(a.Name, b.Name))
	})
}

// NaturalCompare compares a and b as people order names: runs of digits
// by their value ("2" < "10"), the rest by letter, case aside, then
// byte by byte so that only equal strings compare equal. It returns -1,
// 0 or +1.
func NaturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			ie, je := digitsEnd(a, i), digitsEnd(b, j)
			if c := compareNumbers(a[i:ie], b[j:je]); c != 0 {
				return c
			}
			i, j = ie, je
			continue
		}
		if c := cmp.Compare(lower(a[i]), lower(b[j])); c != 0 {
			return c
		}
		i, j = i+1, j+1
	}
	return cmp.Or(cmp.Compare(len(a)-i, len(b)-j), strings.Compare(a, b))
}

// compareNumbers compares two runs of digits by value; equal values by
// their leading zeros, fewer first.
func compareNumbers(x, y string) int {
	tx, ty := strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
	return cmp.Or(cmp.Compare(len(tx), len(ty)), strings.Compare(tx, ty), cmp.Compare(len(x), len(y)))
}

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
