package bench

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// These run in CI (no browser): the comparison's own arithmetic and inputs.

func TestAgree(t *testing.T) {
	for _, c := range []struct {
		name                       string
		want, got                  []string
		precision, recall, jaccard float64
	}{
		{"identical", []string{"0\t象牙", "9\tivory"}, []string{"9\tivory", "0\t象牙"}, 1, 1, 1},
		{"disjoint", []string{"0\t象牙"}, []string{"3\t象牙"}, 0, 0, 0},
		{"one of two each way", []string{"0\t象牙", "9\tivory"}, []string{"9\tivory", "20\t大鲵"}, 0.5, 0.5, 1.0 / 3},
		{"peer found nothing", []string{"0\t象牙"}, nil, 0, 0, 0},
		{"peer found more", []string{"0\t象牙"}, []string{"0\t象牙", "5\t象牙塔"}, 0.5, 1, 0.5},
	} {
		a := agree(c.want, c.got)
		if a.precision != c.precision || a.recall != c.recall || a.jaccard != c.jaccard {
			t.Errorf("%s: got P %.3f R %.3f J %.3f, want %.3f %.3f %.3f", c.name,
				a.precision, a.recall, a.jaccard, c.precision, c.recall, c.jaccard)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}, {nil, 0}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

var tinyBundle = &bundle.Bundle{Terms: []bundle.Term{
	{ID: "ivo-001", Term: "象牙", Variants: []string{"ivory", "象牙"}, Pinyin: []string{"xiang ya"},
		Benign: []string{"象牙塔"}},
	{ID: "amp-001", Term: "大鲵", Pinyin: []string{"da ni"}, Benign: []string{"大鲵玩偶"}},
	{ID: "x-1", Term: "a.b(c)"},
}}

func TestTermList(t *testing.T) {
	got := strings.Join(termList(tinyBundle), "|")
	want := "象牙|ivory|xiang ya|xiangya|大鲵|da ni|dani|a.b(c)"
	if got != want {
		t.Errorf("termList = %s, want %s", got, want)
	}
}

func TestMarkRegExp(t *testing.T) {
	source, flags := markRegExp(tinyBundle)
	want := `(?<![A-Za-z0-9])(?:xiang ya|xiangya|a\.b\(c\)|ivory|da ni|dani)(?![A-Za-z0-9])|象牙|大鲵`
	if source != want || flags != "gi" {
		t.Errorf("markRegExp = /%s/%s, want /%s/gi", source, flags, want)
	}
}

// The engine-only timing feeds the engine each listing's Texts entry in place of the
// DOM's text, so the two must be equal: every listing's markup, tags stripped and
// entities decoded, is its text.
func TestGeneratePage(t *testing.T) {
	page := generatePage(tinyBundle, 300)
	if again := generatePage(tinyBundle, 300); again.HTML != page.HTML {
		t.Fatal("the same size gave two different pages: the seed is not fixed")
	}
	items := regexp.MustCompile(`<li class="listing"[^>]*>(.*)</li>`).FindAllStringSubmatch(page.HTML, -1)
	if len(items) != 300 || len(page.Texts) != 300 {
		t.Fatalf("%d listings in the markup and %d texts, want 300", len(items), len(page.Texts))
	}
	tags := regexp.MustCompile(`<[^>]*>`)
	split, hits := 0, 0
	for i, m := range items {
		if text := html.UnescapeString(tags.ReplaceAllString(m[1], "")); text != page.Texts[i] {
			t.Fatalf("listing %d: markup reads %q, text is %q", i, text, page.Texts[i])
		}
		if strings.Contains(m[1], "<b>") {
			split++
		}
		for _, form := range []string{"象牙", "ivory", "大鲵", "da ni", "xiang ya", "象 牙", "大 鲵", "a.b(c)"} {
			if strings.Contains(page.Texts[i], form) {
				hits++
				break
			}
		}
	}
	// 6% with a form and 3% with a benign phrase (which holds a term here): 27 expected.
	if hits < 15 || hits > 45 {
		t.Errorf("%d of 300 listings hold a lexicon form or benign phrase, want about 27", hits)
	}
	if split == 0 {
		t.Error("no listing splits a form across an inline element")
	}
}
