package bench

import "slices"

// agreement compares two sets of highlighted runs ("offset<TAB>text"): precision and
// recall of got against want, and their Jaccard index.
type agreement struct {
	precision, recall, jaccard float64
	onlyGot, onlyWant          []string
}

func agree(want, got []string) agreement {
	w := map[string]bool{}
	for _, s := range want {
		w[s] = true
	}
	g := map[string]bool{}
	both := 0
	var a agreement
	for _, s := range got {
		g[s] = true
		if w[s] {
			both++
		} else {
			a.onlyGot = append(a.onlyGot, s)
		}
	}
	for _, s := range want {
		if !g[s] {
			a.onlyWant = append(a.onlyWant, s)
		}
	}
	if len(g) > 0 {
		a.precision = float64(both) / float64(len(g))
	}
	if len(w) > 0 {
		a.recall = float64(both) / float64(len(w))
	}
	if union := len(w) + len(g) - both; union > 0 {
		a.jaccard = float64(both) / float64(union)
	}
	return a
}

// median is the middle value of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
