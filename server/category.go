package server

import "strings"

// Category is what a reported listing sells, as the moderator who filed it classifies
// it: the animal group the product comes from, because that decides which law applies
// and which desk (or police unit) a confirmed report goes to. The list is closed so the
// reviewer queue can filter on it; the extension offers the same list
// (extension/shared/messages.js REPORT_CATEGORIES, checked by TestExtensionCategories).
type Category string

// CategoryNone is a report nobody has classified yet.
const CategoryNone Category = ""

// Categories lists every category, in the order a moderator is offered them: the trades
// the lexicon covers most, then the broad groups, then the catch-alls.
var Categories = []Category{
	"ivory",      // elephant ivory, and mammoth or walrus ivory used as its cover
	"rhino_horn", // horn, powder, cups and carvings
	"pangolin",   // scales, meat, live animals
	"big_cat",    // tiger, leopard, snow leopard: bone, skin, teeth, claws, wine
	"bear",       // bile, gall bladders, paws
	"primate",    // live slow lorises, gibbons, macaques sold as pets
	"reptile",    // turtles and tortoises (hawksbill shell too), lizards, snakes, amphibians
	"bird",       // live parrots, raptors, owls; hornbill casque
	"marine",     // coral, giant clam, shark fin, totoaba maw, whale teeth
	"medicine",   // a remedy whose animal ingredient the listing does not name
	"other",      // protected wildlife not above (musk deer, antelope, otter, wolf ...)
}

// ParseCategory returns the category named s ("" is CategoryNone), or an EINVALID
// error naming field.
func ParseCategory(field, s string) (Category, error) {
	if s == "" {
		return CategoryNone, nil
	}
	for _, c := range Categories {
		if string(c) == s {
			return c, nil
		}
	}
	return CategoryNone, Errorf(EINVALID, "field %q: want one of %s", field, CategoryNames())
}

// CategoryNames lists the categories for messages: "ivory, rhino_horn, ...".
func CategoryNames() string {
	names := make([]string, len(Categories))
	for i, c := range Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
