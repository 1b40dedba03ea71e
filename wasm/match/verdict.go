package match

import "sort"

// FlagThreshold is the score at or above which a listing is flagged.
const FlagThreshold = 4.0

// boosterWeight is what each trade-context entry (私聊, 加V, 克价, DM for price) adds to
// the listing's term score, as a fraction of it; at most maxBoosters count.
const (
	boosterWeight = 0.5
	maxBoosters   = 2
)

// KindTradeContext marks booster entries: words of the sale, not of the goods.
const KindTradeContext = "trade_context"

// score sets the listing's score, verdict and each match's contribution by the formula
// in the package documentation (Verdict).
func (m *Matcher) score(res *Result) {
	type entry struct {
		first int // index of the first match of the entry
		risk  int
	}
	var goods, boosters []entry
	seen := map[string]bool{}
	for i := range res.Matches {
		mt := &res.Matches[i]
		if seen[mt.TermID] {
			continue
		}
		seen[mt.TermID] = true
		if mt.Kind == KindTradeContext {
			boosters = append(boosters, entry{first: i, risk: mt.Risk})
		} else {
			goods = append(goods, entry{first: i, risk: mt.Risk})
		}
	}
	sort.SliceStable(goods, func(a, b int) bool { return goods[a].risk > goods[b].risk })
	terms, weight := 0.0, 1.0
	shares := make([]float64, len(goods))
	for i, g := range goods {
		shares[i] = float64(g.risk) * weight
		terms += shares[i]
		weight /= 2
	}
	nb := min(len(boosters), maxBoosters)
	if terms == 0 {
		nb = 0
	}
	for i, g := range goods {
		res.Matches[g.first].Contribution = shares[i]
	}
	for i := 0; i < nb; i++ {
		res.Matches[boosters[i].first].Contribution = boosterWeight * terms
	}
	res.Score = terms * (1 + boosterWeight*float64(nb))
	if res.Score >= FlagThreshold {
		res.Verdict = VerdictFlag
	}
}
