// Package bundle is the compiled, signed form of the lexicon: the contract between
// `wildlens lexicon build`, the server that distributes bundles and the matcher that
// loads them (natively and inside the extension's wasm engine).
//
// It deliberately imports nothing heavier than encoding/json and crypto/ed25519 so the
// wasm engine can link it without growing.
//
// A bundle is a JSON document (see Bundle). A signed bundle is that document preceded by
// a small text header carrying one or more Ed25519 signatures:
//
//	wildlens-signed-bundle/1
//	sig 3f2a9c01 <base64 signature>
//	<empty line>
//	{"format":2,"version":7,...}
//
// Each signature is over SignedMessagePrefix followed by the bundle bytes, so a signature
// can never be replayed as a signature of something else. Several signatures let a key be
// rotated: sign with old and new key, ship the new public key, then drop the old one.
package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Format is the bundle format version this package reads and writes. A change that an
// older engine cannot read bumps it; engines refuse formats they do not know.
// Format 2 carries the dictionary as one text (Dictionary) instead of a list of objects.
const Format = 2

// Bundle is everything the matcher needs at run time.
type Bundle struct {
	Format int `json:"format"`
	// Version is a monotonic integer chosen at build time; clients refuse a version not
	// above the one they hold.
	Version int64 `json:"version"`
	// ContentSHA256 is the hex SHA-256 of the bundle encoded with Version, Created and
	// ContentSHA256 left empty (see ContentHash): two builds of the same lexicon have
	// the same content hash whatever version they were given.
	ContentSHA256 string `json:"content_sha256"`
	Created       string `json:"created,omitempty"` // RFC 3339 UTC, informational

	Terms    []Term            `json:"terms"`
	Sources  map[string]Source `json:"sources,omitempty"`
	Tables   Tables            `json:"tables"`
	Words    Dictionary        `json:"words,omitempty"`
	Profiles []Profile         `json:"profiles,omitempty"`
	// Appearance holds the words that, right after a form, say the item only looks like
	// it (rhino horn shaped, 犀牛角造型): such a hit does not count. Added after format
	// 2 shipped; engines that predate it ignore it.
	Appearance []string `json:"appearance,omitempty"`
	// Depiction holds the words that, next to a form, say the item depicts it (a
	// pangolin plush, a rhino horn sticker, 金刚鹦鹉毛绒玩具, 卡通老虎): such a hit does
	// not count. Latin ones count before or after the form with up to two words between;
	// the others right before or after it. Added after format 2 shipped; engines that
	// predate it ignore it.
	Depiction []string `json:"depiction,omitempty"`
	// Supplies holds the words that, right after a species form, say the item is a
	// supply for the animal (a macaw cage, tortoise food, 陆龟粮, 鹦鹉笼子): such a hit
	// does not count. Latin ones follow after spaces or a hyphen, the others directly.
	// Added after format 2 shipped; engines that predate it ignore it.
	Supplies []string `json:"supplies,omitempty"`
	// Young holds the words that, right before or after a species form, say a young
	// animal is offered (macaw chicks, baby orangutan, 陆龟苗, 猩猩幼崽): such a hit adds
	// one booster to the listing's score. Latin ones stand next to the form after spaces
	// or a hyphen, the others directly. Added after format 2 shipped; engines that
	// predate it ignore it.
	Young []string `json:"young,omitempty"`
	// Discourse holds the words that, right after a goods form, make it the subject of
	// talk about its trade, not an offer (象牙走私, 象牙贸易, rhino horn trade, ivory
	// seized), and DiscourseVerbs those that do so right before one, taking the goods as
	// their object (拒绝象牙, 海关查获象牙, 本店不卖象牙制品, seized ivory): such a hit does
	// not count. Latin ones stand next to the form after a space or a hyphen, the others
	// directly. Added after format 2 shipped; engines that predate them ignore them.
	Discourse      []string `json:"discourse,omitempty"`
	DiscourseVerbs []string `json:"discourse_verbs,omitempty"`
	// Materials holds the words that, right before a goods form, say what the item is
	// made of instead (resin ivory Buddha, 树脂象牙摆件, 不锈钢象牙筷): such a hit does not
	// count, read as DiscourseVerbs are. Added after format 2 shipped; engines that
	// predate it ignore it.
	Materials []string `json:"materials,omitempty"`
	// Prohibition holds the phrases of a platform's rules or a campaign (禁止发布, 严禁出售,
	// say no to) that name goods after them: a goods hit after one in the same clause (up
	// to 。，；！？ or the line's end; for Latin-word phrases past commas, to . ! ? ;) and
	// within 20 characters is the rule, not an offer (禁止发布象牙、犀角等制品). Each is
	// one Chinese phrase or whole Latin words. Added after format 2 shipped; engines that
	// predate it ignore it, and engines of day 5 ignore the Latin-word phrases.
	Prohibition []string `json:"prohibition,omitempty"`
	// Refusals holds the phrases with which a seller refuses goods named before them
	// (一律不收不卖, 不做违法): a goods hit before one in the same clause and within 20
	// characters is refused, not offered (象牙 犀角 玳瑁 一律不收不卖). Chinese phrases only.
	// Added within format 2 (day 14): engines that predate it ignore it.
	Refusals []string `json:"refusals,omitempty"`
	// Offers holds the words and phrases that, beside a species hit (an animal, not a
	// product of it), say the animal is offered (for sale, 出售): the listing counts one
	// more booster, as a young animal does. Beside: Latin words after the animal with at
	// most one word between, a Chinese phrase within four characters after or before
	// it; not after a negation (not for sale, 不出售). Each is one Chinese
	// phrase or whole Latin words. Added after format 2 shipped; engines that predate it
	// ignore it.
	Offers []string `json:"offers,omitempty"`
	// Purpose holds the words that, right before a species form, make the animal what a
	// supply earlier in the line is for ("parrot cage, for macaw or cockatoo", 鸟笼 适合
	// 金刚鹦鹉): such a hit does not count, as one followed by a supply word does not.
	// Latin ones come before the form and a space or a hyphen, the others directly. Added
	// after format 2 shipped; engines that predate it ignore it.
	Purpose []string `json:"purpose,omitempty"`
	// Objects holds the words that name a carved or turned object (figurine, netsuke,
	// billiard). After a weak product form (risk 1-2: ivory, mostly a colour) with at
	// most two Latin words between, none a material, they say the form is what the object
	// is made of (an ivory elephant figurine), and the hit counts as risk 4, as the
	// lexicon's own "ivory figurine" does. Latin words only. Added after format 2 shipped;
	// engines that predate it ignore it.
	Objects []string `json:"objects,omitempty"`
	// Permits holds the phrases that state a live animal's papers (CITES permit, 人工繁育许可证,
	// 专用标识), each one Chinese phrase or whole Latin words. A listing that states one, not
	// right after a negation (no CITES papers, 没有专用标识), offers a lawfully kept animal:
	// its species hits are shown but do not count toward the score. Products are not
	// affected (a certificate does not make ivory lawful). Added after format 2 shipped;
	// engines that predate it ignore it.
	Permits []string `json:"permits,omitempty"`
	// Advocacy holds the phrases that speak against the trade (没有买卖就没有杀害, 看到请举报,
	// please report), each one Chinese phrase or whole Latin words. A listing with one is
	// news, a campaign or an appeal naming the goods it fights: its goods hits are shown
	// but do not count toward the score. Added after format 2 shipped; engines that
	// predate it ignore it.
	Advocacy []string `json:"advocacy,omitempty"`
	// Covers holds the phrases that claim a lawful material the trade sells its goods
	// as (水牛角, buffalo horn, resin, 猛犸, ox bone), each one Chinese phrase or whole
	// Latin words; Evidence the ids of the entries that describe the real material's
	// tells (rhi-007 马尾丝: rhino horn's fibres; ivo-037: the Schreger grain; ivo-040:
	// mammoth without bark). A listing that claims a cover and shows a tell (the labelling
	// rule "a disguise claim with a cue of the real material") counts the tell's first
	// match as goods of risk 4. Added after format 2 shipped; engines that predate them
	// ignore them.
	Covers   []string `json:"covers,omitempty"`
	Evidence []string `json:"evidence,omitempty"`
	// Admissions holds the ids of the entries in which a seller admits that a claimed
	// cover is not what it says (ctx-006 懂的人自然懂, ctx-039 you know what it is): a
	// tell as Evidence's are, but only after a claimed cover (说是水牛角, 'bone', sold as
	// resin, 仿象牙), since the same words follow plastic boxes. Added within format 2
	// (day 11): engines that predate it ignore it.
	Admissions []string `json:"admissions,omitempty"`
	// Provenance holds the phrases that say where an item of a lawful material came from
	// (有小票, 有发票, receipt, mould seam, 模具缝, store-bought): in a line with one and no
	// tell, a cover the lexicon lists as a code word of risk 1-2 (仿象牙, cow bone, faux
	// ivory) is neither shown nor counted, as the labelling rules clear "resin … with a
	// shop, receipt or visible moulding seam". Added within format 2 (day 11): engines
	// that predate it ignore it.
	Provenance []string `json:"provenance,omitempty"`
}

// Term is one lexicon entry as compiled from lexicon/terms/*.yaml.
type Term struct {
	ID       string   `json:"id"`
	Term     string   `json:"term"`
	Lang     string   `json:"lang,omitempty"`
	Kind     string   `json:"kind,omitempty"` // species | product | code_word | trade_context
	Variants []string `json:"variants,omitempty"`
	// Pinyin holds pinyin spellings generated at build time for Chinese forms, one
	// string per form with syllables separated by single spaces ("xiang ya").
	Pinyin     []string    `json:"pinyin,omitempty"`
	Species    *Species    `json:"species,omitempty"`
	Protection *Protection `json:"protection,omitempty"`
	Risk       int         `json:"risk"`
	Benign     []string    `json:"benign,omitempty"`
	// BenignPinyin holds the Chinese benign phrases spelled in pinyin at build time as
	// the forms are (象牙白: "xiang ya bai", "xiangya bai", "xiang ya白", ...), so that a
	// phrase covers a form's pinyin as it covers its characters. Added within format 2
	// (day 14): engines that predate it ignore it.
	BenignPinyin []string `json:"benign_pinyin,omitempty"`
	// BenignContext holds words that, anywhere in the clause of one of the entry's forms
	// (its line, cut at a Chinese sentence's end or a comma beside a Chinese character),
	// say the form is used in its other sense: pastry or almond beside bear claw (a
	// Danish pastry), 青椒 beside 虎皮 (blistered peppers). A hit in such a line is
	// neither shown nor counted, unless a negation stands right before the word (bear
	// claws, not pastry). Added within format 2 (day 17): engines that predate it
	// ignore it.
	BenignContext []string `json:"benign_context,omitempty"`
	Boundary      string   `json:"boundary,omitempty"` // "" or "word"
	Note          string   `json:"note,omitempty"`
	Source        []string `json:"source,omitempty"`
	Confidence    string   `json:"confidence,omitempty"` // "" | low | medium
}

type Species struct {
	En  string `json:"en,omitempty"`
	Sci string `json:"sci,omitempty"`
}

type Protection struct {
	CITES string `json:"cites,omitempty"`
	China string `json:"china,omitempty"`
}

type Source struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Tables are the fold tables, computed natively at build time from maintained data so
// the engine needs neither the data nor the libraries that carry it. Keys and values
// are strings holding one rune each (JSON objects cannot have rune keys); a value may
// be longer than one rune where a fold expands.
type Tables struct {
	// Compat folds Unicode compatibility forms (NFKC), including the parenthesised and
	// circled forms NFKC leaves alone (⒦ ⑸ ㈤ ⓿ ➃) and radicals (⻆).
	Compat map[string]string `json:"compat,omitempty"`
	// T2S folds traditional Chinese characters to simplified, from OpenCC's
	// TSCharacters (first candidate for ambiguous characters).
	T2S map[string]string `json:"t2s,omitempty"`
	// Homoglyph folds look-alike letters (from Unicode's confusables, and digits) to
	// Latin; applied only inside Latin words.
	Homoglyph map[string]string `json:"homoglyph,omitempty"`
	// Numeral folds Chinese numerals to ASCII digits; applied only where a pattern
	// contains a digit or a numeral.
	Numeral map[string]string `json:"numeral,omitempty"`
	// Emoji folds the emoji sellers write for a character of a Chinese form (🐘 for 象
	// in 🐘牙, 🦴 for 骨 in 🐯🦴) to that character. Added after format 2 shipped;
	// engines that predate it ignore it and match the lexicon's emoji variants only.
	Emoji map[string]string `json:"emoji,omitempty"`
	// Homophone gives each character of GB 2312 its most likely reading, tone as a
	// digit (钾 → jia3): the matcher reads goods forms of three characters or more by
	// sound with it. Added on day 12, within format 2; engines that predate it ignore it.
	Homophone map[string]string `json:"homophone,omitempty"`
}

// Word is an entry of the trimmed segmentation dictionary (gse's format: text,
// frequency, part of speech).
type Word struct {
	Text string  `json:"w"`
	Freq float64 `json:"f"`
	Pos  string  `json:"p,omitempty"`
}

// Dictionary is the trimmed segmentation dictionary. It is encoded as one JSON string
// in gse's own dictionary format, a line "text freq pos" per word (pos omitted when
// empty), because the engine decodes it in every browser: 28k JSON objects took
// 165 ms of the engine's 222 ms JSON decode in wasm, one string a few.
//
//	[{Text: "象牙塔", Freq: 120, Pos: "n"}, {Text: "自然", Freq: 5000}] ⇄ "象牙塔 120 n\n自然 5000\n"
type Dictionary []Word

// MarshalJSON refuses a word that would not survive the text format: empty, or holding
// white space.
func (d Dictionary) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	for _, w := range d {
		if w.Text == "" || strings.ContainsAny(w.Text, " \t\r\n") || strings.ContainsAny(w.Pos, " \t\r\n") {
			return nil, fmt.Errorf("bundle: dictionary word %q (pos %q) is empty or holds white space", w.Text, w.Pos)
		}
		sb.WriteString(w.Text)
		sb.WriteByte(' ')
		sb.WriteString(strconv.FormatFloat(w.Freq, 'g', -1, 64))
		if w.Pos != "" {
			sb.WriteByte(' ')
			sb.WriteString(w.Pos)
		}
		sb.WriteByte('\n')
	}
	return json.Marshal(sb.String())
}

func (d *Dictionary) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("bundle: words: want one string of lines \"text freq [pos]\": %w", err)
	}
	words := make([]Word, 0, strings.Count(text, "\n"))
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		f := strings.Split(line, " ")
		if len(f) < 2 || len(f) > 3 || f[0] == "" {
			return fmt.Errorf("bundle: words line %d %q: want \"text freq [pos]\"", n, line)
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return fmt.Errorf("bundle: words line %d %q: frequency: %w", n, line, err)
		}
		w := Word{Text: f[0], Freq: freq}
		if len(f) == 3 {
			w.Pos = f[2]
		}
		words = append(words, w)
	}
	*d = words
	return nil
}

// Profile tells the extension where listings are on a known marketplace. Selector
// fields are CSS selectors; "selector@attr" reads an attribute instead of the text.
type Profile struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// URLs are glob patterns ("*" matches any run of characters) tested against the
	// page URL; the first profile with a matching pattern applies.
	URLs      []string `json:"urls"`
	Listing   string   `json:"listing"`
	Title     string   `json:"title,omitempty"`
	Price     string   `json:"price,omitempty"`
	ListingID string   `json:"listing_id,omitempty"`
	SellerID  string   `json:"seller_id,omitempty"`
}

// Encode returns the canonical JSON encoding of b.
func Encode(b *Bundle) ([]byte, error) {
	return json.Marshal(b)
}

// Decode parses bundle JSON and checks its format and content hash.
func Decode(data []byte) (*Bundle, error) {
	b, err := decode(data)
	if err != nil {
		return nil, err
	}
	sum, err := ContentHash(b)
	if err != nil {
		return nil, err
	}
	if sum != b.ContentSHA256 {
		return nil, fmt.Errorf("bundle: content hash %s does not match the declared %s", sum, b.ContentSHA256)
	}
	return b, nil
}

// decode parses bundle JSON and checks its format and version, not its content hash.
func decode(data []byte) (*Bundle, error) {
	var b Bundle
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("bundle: malformed JSON: %w", err)
	}
	if b.Format != Format {
		return nil, fmt.Errorf("bundle: format %d is not supported (this build reads format %d)", b.Format, Format)
	}
	if b.Version <= 0 {
		return nil, fmt.Errorf("bundle: version %d is not a positive integer", b.Version)
	}
	return &b, nil
}

// ContentHash returns the hex SHA-256 of b's content: its canonical encoding with
// Version, Created and ContentSHA256 cleared.
func ContentHash(b *Bundle) (string, error) {
	c := *b
	c.Version, c.Created, c.ContentSHA256 = 0, "", ""
	data, err := Encode(&c)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Seal sets b's ContentSHA256 and returns its encoding, ready to sign.
func Seal(b *Bundle) ([]byte, error) {
	b.Format = Format
	sum, err := ContentHash(b)
	if err != nil {
		return nil, err
	}
	b.ContentSHA256 = sum
	return Encode(b)
}
