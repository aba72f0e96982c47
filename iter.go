package sessions

import "iter"

// Collect ranges over seq and returns the items in order. It stops at the
// first error and returns it with the items that came before it.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
