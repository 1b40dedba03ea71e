// Package match finds lexicon terms in listing text and gives each listing a verdict. It
// is pure Go with no I/O, and runs natively (`wildlens scan`) and inside the extension's
// wasm engine (built with -tags ne); both read the same bundle and give the same hits.
//
// A Matcher is built once per bundle (New) and then scans text (Scan, ScanBatch). A scan
// folds the text, runs one Aho-Corasick automaton over it, applies the word and benign
// rules to each occurrence, keeps the leftmost-longest spans and scores the listing.
// Positions always refer to the original text, as UTF-8 byte offsets and as UTF-16
// offsets (the DOM's).
//
// # Folds
//
// Text and lexicon forms go through the same folds, in this order; Options.DisableFolds
// switches them off by name. Match.Folds names the folds that made a hit's text and its
// lexicon form meet, those applied to one but not the other: 下3滥 meets 下三滥 by numeral,
// IVORY meets ivory by case, 加V meets 加V by none. Each example is a line of
// testdata/match/folds.txt or noise.txt.
//
//   - compat: Unicode compatibility forms (NFKC) and the enclosed forms NFKC leaves
//     alone, from bundle.Tables.Compat: Ｉｖｏｒｙ, 𝐢𝐯𝐨𝐫𝐲 and ⓘⓥⓞⓡⓨ are ivory; ③号料 and
//     ⑶号料 are 3号料; ⻆ is 角; Latin letters lose their diacritics, so ívory is ivory
//     and pinyin with tone marks, xiàng yá, is xiang ya; small capitals (ɪᴠᴏʀʏ, from
//     fancy-text generators) are their letters. Symbols NFKC spells with letters (™ is
//     TM) are left symbols: folded, Rhino Horn™ would be the word horntm.
//   - emoji: an emoji written for a character of a Chinese form is that character
//     (bundle.Tables.Emoji, right after compat): 🐘牙, 🐘🦷 and 象🦷 are 象牙, 🐅骨 and
//     🐯🦴 are 虎骨. The compiler keeps only emoji whose character is part of a longer
//     form and not a form of its own, so a decorative 🦧 is not 猩猩. In English the
//     emoji stands for a word (emojiWords: 🐻 bear, 🐆 leopard, 🦜 parrot, 🥚 egg): a Latin
//     form of two words or more is also read with its first word so written (🐻 paws,
//     🐆 skin rug, 🦉 chicks); not the words after it (snow 🐆 pelt): each such form is a
//     key of its own to the automaton, and the memory budget would not hold them.
//   - case: lower case (unicode.ToLower): IVORY is ivory.
//   - t2s: traditional to simplified characters, OpenCC's TSCharacters table carried
//     in bundle.Tables.T2S: 象牙製品 is 象牙制品, 紅木 is 红木.
//   - numeral: Chinese numerals to digits (bundle.Tables.Numeral), in text and forms
//     alike: 下三滥, 下3滥 and 下③滥 are one pattern.
//   - homoglyph: letters of any script that Unicode's confusables (UTS #39) list as one
//     Latin letter (Cyrillic, Greek, Armenian, Cherokee, Latin ı), and digits typed
//     for letters (0 1 3 4 5 7 for o i e a s t), only inside a word that already has a
//     Latin letter: іvоrу (Cyrillic і, о, у), ivorү and iv0ry are ivory, p4ngolin is
//     pangolin, tiger b0n3 is tiger bone;
//     a word of digits (100) or of Cyrillic alone is left as it is unless a word with
//     a Latin letter stands beside it across white space (Ѕеа turtlе, іѵогу pendant:
//     no language writes the two side by side; айвори stays), while a word of
//     look-alikes alone from a script listings are only disguised with (Cherokee, Lisu:
//     ꓲꓦꓳꓣꓬ, ᏴᎬᎪᏒ; their letters are drawn as capitals, so the one UTS #39 reads l is
//     I there) is a Latin word; a digit folds only
//     alone, since two digits together are a number (1vory yes, 10kg and ivory10g no),
//     and never when it is an enclosed number, a list's item number (③hornbill casque
//     is item 3, not ehornbill).
//     A letter folded from a digit at the edge of a word bounds a Latin form as the
//     digit would, and the word is looked up without it too: ivory1 and 3ivory have
//     ivory (a number written against the word), 1vory has it as a look-alike; on a
//     form's first or last word the form goes on past it (tiger5 bone, and pinyin with
//     tone numbers: xiang4 ya2). A lone
//     look-alike, letter or digit, counts as a letter beside other one-letter words
//     (і.v.o.r.y, i v 0 r y, r-h-1-n-o). Latin letters with a stroke, which have no
//     diacritic to strip, are reviewed look-alikes (ivøry). Capital I and small l, each
//     a letter of some form, are read a word at a time (lookalike.go): a word that
//     spells a word of a lexicon form letter for letter but for capital I written for l
//     and small l written for i is that word (pangoIin, hawksbiII, lvory, RHlNO HORN,
//     ivory bangIe); pangoiin (a small i) and loin (not lion) are not.
//   - noise: spaces, punctuation, symbols, emoji and one-stroke ideographs written as
//     separators (丶 丨 丿 乀 乁) are dropped between two CJK characters (象 牙, 象*牙,
//     象🔥牙, 象丶牙; a Chinese numeral the numeral fold made a digit still counts as a
//     character: 辐*射*陆*龟, 十 三 鳞) and between two single Latin letters (i.v.o.r.y);
//     invisible characters (zero-width space, joiners, variation selectors, combining
//     marks, the Hangul fillers) are dropped everywhere (象\u200b牙, iv\u200bory). Elsewhere a run of noise
//     becomes one space. Never dropped: a block boundary (newline: 象\n牙 is two blocks),
//     Chinese clause punctuation, also typed half-width beside a character (大象。牙齿
//     and 老虎,骨头 do not contain 象牙 or 虎骨; a clause mark of either width between
//     two characters one of which stands alone is noise, 象,牙 手镯, 象，牙 and 犀,牛,角,
//     but for a list's 、, and a full stop of any width between letters spelled out one
//     at a time is noise too, Ｒ．Ｈ．Ｉ．Ｎ．Ｏ and i。v。o。r。y; a dash or ellipsis
//     alone is no clause punctuation, 象—牙 and 象…牙 are 象牙, while doubled, ——
//     and ……, they are; nor is a pair of brackets around one character, 象【牙】 and
//     「犀」角, while a title's brackets around a phrase, 大象【牙刷】, are), and any symbol a
//     lexicon form begins or ends with (+V keeps +). Such a symbol counts as its
//     neighbour in the form does. A form's Latin word written in up to four pieces
//     joined by single symbols (ivo-ry, iv*ory, pan.go.lin, rhi_no horn) is looked up
//     joined and reported as noise; pieces apart by spaces or by a run of symbols stay
//     words of their own ("ivo - ry", "bangle, ivory"), except that a word of a lexicon
//     form broken once by spaces, the first piece of 3+ letters, is looked up run
//     together (ivo ry, hawks bill, pango lin, ivor y), for goods only ("we chat" is English) and
//     not where the two words are a form as written (tiger claw). A symbol typed for a letter
//     (@ for a, $ for s, ! and | for i) is also tried as that letter, reported as a
//     look-alike too (p@ngolin, be@r bile, t!ger bone), and so is one that starts a word
//     after a space or the line's start (!vory, $hark fin); and a possessive 's on a form's
//     first word is dropped (rhino's horn, tiger’s bone). Any mix of symbols, digits and
//     separators inside the words of a form is read too, each word as written with every
//     symbol as its letter, every digit as its look-alike and other separators as
//     nothing, up to two symbols before a word and one after its last letter: m@c@w,
//     r.h!n.o horn, m@mm0th !v0ry, h0rnb!ll c@squ3, $@ig@ horn (wordIndex.leetWord),
//     two digits together after a letter too, which the look-alike fold leaves as a
//     number (t00th, b34r b1l3, hornbill c45que; not shaht001sh);
//     other folds may stand among them (h@wksbi\u200bll, Cyrillic lе0pard, ｍ@ｃａｗ), and a
//     1 the look-alike fold read as i is tried as l, a word at a time (turt1e, hornbi11,
//     E1ephant ha1r). Pinyin
//     typed with tone numbers (xiang4ya2, xi1niu2jiao3, and spaced: chuan1 shan1 jia3) is
//     read without the digits 1-5 that follow a syllable's final letter, also where the
//     repeat fold wrote a digit's letter into the letter before it (xi1). The other way round, a form of
//     several Latin words also matches written as one word
//     (rhinohorn, #tigerbone: hashtags and handles drop the spaces), reported as noise;
//     and inside a hashtag, whose words run together, a single-word form of five
//     letters or more is found anywhere (#ivorycarving, #rhinohornforsale).
//   - repeat: a letter (CJK or Latin) written several times in a row is written once,
//     with its count kept; a form needs at least its own counts: 象象牙牙 and iivvoorryy
//     match 象牙 and ivory, 猩猩 and 猩猩猩 match 猩猩, a lone 猩 does not. (FoldPattern
//     shows the counts: 猩猩 stays 猩猩.) A Latin form under four letters needs its own
//     counts exactly: ddmm is a date's, not DM, and ppm is not PM.
//   - pinyin: the bundle's generated pinyin of Chinese forms of two syllables or more,
//     with and without the spaces between syllables (xiang ya, xiangya for 象牙), as whole
//     Latin words (written together, not of three letters, an ordinary word too often: aka
//     for 阿卡; of four only for entries of risk 3 or more: hupi, not suka, Malay for
//     "like"); and a form written half in pinyin (象ya, xiang牙, 穿shan甲, chuan shan
//     jia 片), where the characters around the Latin words must be the form's own at
//     their places and a one-letter Latin part does not count (E卡 is an e-card, not
//     阿卡): see mixedIndex. An English name stands for a form's characters the same way
//     (englishHan: Rhino 角 cup, Pangolin 片), when the form does not run on into a word
//     (Rhino 角度, an angle; a longer form names the compound: Rhino 角杯); tiger, bear,
//     elephant, leopard and saiga only written against the characters (tiger骨, bear胆:
//     Onitsuka Tiger 牙刷 is a brand and a toothbrush). Pinyin written as a name, each
//     word capitalised and the rest
//     lower case (Xiangya Hospital, Huya Live, Dai Mao), is a place, a firm or a person
//     and does not count; at a block's start, where any word is capitalised, only when
//     the word after it is capitalised too ("Xiangya bangle" counts). Disguised goods
//     are typed xiangya, XIANGYA or XiangYa. The initials of an entry's pinyin (xy for
//     象牙, xj 犀角, hg 虎骨, hdh 鹤顶红: goods or code words of risk 4 or more, from the
//     entry's own term in its first reading) count only right against the Chinese word
//     they qualify, or across a space before the form goods are sold in (XD 粉, XY 手镯),
//     and not after a digit (XY手镯, 长期收XD粉, 出XJ杯; not XY axis, XY 手机,
//     50Hz电源, or a chat word after them: DM报价, DM我), and as risk 3 at most, 4 right
//     against a goods word (see
//     Verdict): two letters stand for many words.
//     A two-character term is also read half in initials (犀J粉, X牙手镯), with the same
//     risk; a lexicon variant so written (象Y) keeps its entry's. And one character of any
//     Chinese form of an entry of risk 3 or more, not a trade word, written as its initial,
//     a capital touching the characters around it (雪B皮, 长臂Y, 鹤D红, 川山J), or a small
//     letter between two of them (羚y角, 鹰z龟), is read by the mixed rule above (not
//     穿山j, 穿山 J or 穿山JJ), as initials: the initial of the character's most likely
//     reading (犀牛J, not 犀牛G for 角 read gu). No initial counts against a digit, where
//     a letter is part of a model's name (猎豹Q6, 宝马X5, 象Y6).
//   - reverse: forms written backwards, as sellers write goods to pass a filter: a
//     Latin form of an entry that is not a trade word, five letters or more, its words
//     in reverse order too (yrovi, nilognap, enob regit: no English word), and the own
//     two-character Chinese term of goods
//     of risk 4 or more (牙象 手镯, 角犀碗, 膽熊粉), which must begin its run of characters
//     (刷牙象征 holds no 象牙). A disguise (see Verdict).
//   - homophone: a goods form of three to six characters (an entry of risk 3 or more,
//     not a trade word) written with one character swapped for another of the same
//     reading (bundle.Tables.Homophone, from go-pinyin over GB 2312): 穿山钾片 is 穿山甲片
//     (jia3), 犀牛脚杯 is 犀牛角杯 (jiao3), tone aside (河顶红 for 鹤顶红); at the form's
//     edge only with no character touching it there (只会鹦鹉学舌 holds no 灰鹦鹉, 大猫找领养
//     no 大猫爪, 果园麝香葡萄 no 原麝香: gse's trimmed dictionary knows the words around the
//     forms, not around their sounds). The window must be a word to gse (海归蛋糕 is 海归 and 蛋糕, no 海龟蛋) and
//     is judged as if the form were written, so its benign phrases and context words
//     apply. Not two swaps, and not forms of two characters, whose homophones are
//     everyday words (像牙 of 像牙膏): those (象呀, 橡牙) are lexicon variants;
//     Match.Variant names the form that matched. Not a disguise: a swapped character is
//     also a typo. See soundIndex (sounds.go).
//
// # Occurrences and positions
//
// Each folded form is one pattern, mapped to every entry it stands for. Forms made only
// of whole Latin words (ivory, rhino horn, xiang ya) match as whole words anyway and are
// looked up word by word (wordIndex): with the product lexicon they are 86% of the
// pattern bytes. The automaton (github.com/cloudflare/ahocorasick), which holds ~4 KB per
// byte, finds the others by their first two characters, each such key held once
// (象牙 for 象牙, 象牙塔 and 象牙雕刻). It reports which keys occur in a text, not where;
// the scan runs it per chunk of 1 KB (plus the longest form), locates only the reported
// keys inside that chunk and compares their patterns where they occur, so the cost stays
// linear in the text. The folded
// text keeps, for every byte, the original span it came from, so a hit on 象*牙 covers
// the three original characters and 𝐢𝐯𝐨𝐫𝐲 covers ten UTF-16 units.
//
// # Rules on each occurrence
//
//   - Latin words: a form that starts (ends) with a Latin letter matches only where no
//     letter precedes (follows) it; digits, CJK characters, spaces and punctuation are
//     boundaries. ivory matches in "ivory bangle" and "3ivory", not in "ivorytower".
//     A goods form ending in an English word also matches its regular plural (ivories,
//     rhino horns, leopard skins), reported with the lexicon's form; a trade word's
//     plural does not (DM for prices). The words of a form of several are joined by
//     spaces, hyphens and symbols (rhino-horn, rhino*horn), not by clause punctuation
//     (, ; : . ! ?): "Colour: ivory, bangle size M" lists a colour and an item.
//     Likewise a form that starts (ends) with a digit: 3号料 is not in 13号料, nor in
//     十三号料 (a Chinese number's units 十 百 千 万 亿 continue it as digits do).
//   - Word boundaries: Chinese forms of entries with boundary: word, and forms that are
//     one Chinese character (出, 扣扣), count only where gse, segmenting three characters
//     on each side of the hit (up to a separator) with the bundle's words and without
//     HMM, cuts at both ends of it: 出 counts in 出象牙手镯 (出/象牙/手镯), not in 出租房
//     (出租/房). TrimDictionary chooses the words; TestTrimmedDictionaryAgrees measures
//     its decisions against gse's full dictionary. The matcher makes gse's decisions
//     with its own segmenter (segment.go), which does not link gse into the engine;
//     TestSegmenterAgreesWithGse compares the two.
//   - Benign phrases: a hit is dropped when one of its entry's benign phrases covers it
//     in the folded text: 象牙塔 covers 象牙; 三黄片 covers 黄片 there and nowhere else; a
//     compound the lexicon does not list (象牙片) still counts. A phrase never begins
//     inside a Latin word (no real ivory does not cover "piano real ivory"). A benign phrase that ends
//     with a generic animal name (a species entry of risk 1-2) names a kind of it
//     (虎皮鹦鹉, a budgie, for 鹦鹉): a listing that names one is about that kind, and the
//     bare generic name elsewhere in it does not count either (出售鹦鹉 … 虎皮鹦鹉一对).
//     A phrase that ends with the hit it covers (vegetable ivory, 虎皮鹦鹉, 仿玳瑁) also
//     takes any longer hit, of any entry, that begins there: vegetable ivory carved is
//     not "ivory carved", 虎皮鹦鹉 活体 not 鹦鹉活体 (dropShadowing); one that goes on past
//     it (ivory tops) leaves "genuine ivory tops" alone. A name of the same entry, or of
//     an entry of the same species, in the other script written right beside a covered
//     hit, with nothing between but spaces, brackets, slashes, dashes or a colon, glosses
//     it and is covered with it (crane top red 鹤顶红金鱼, hdh（鹤顶红金鱼）, สีงาช้าง
//     (ivory); not across a comma, and not in one script: in 象牙 象牙白手镯 the first may
//     be the goods) (dropGlosses).
//     A word of the entry's benign_context anywhere in the hit's clause (a Latin one as a
//     whole word, not right after a negation) shows the term's other sense, and the hit is
//     cancelled: Bear claws 🐻 (pastry) dozen and Fresh b3ar cl@ws 🐻 almond pastries are
//     a bakery's, 大猫 出 英短蓝白 疫苗驱虫齐 a cat's; "bear claws, not pastries" is a
//     seller's wink (inOtherSense). The clause is the line cut at a Chinese sentence's end
//     and at a comma beside a Chinese character, where Chinese lists one item after
//     another: in 麝香葡萄新鲜上市，另有野生麝香仁 the grapes leave the musk alone. English
//     punctuation does not cut it: an English line goes on about its item (Bear claws out
//     the oven this morning! almond filling) (clauseAround).
//     Goods negated right before (非, 不是 or 并非, with or without 真; the word non) are
//     covered too, as the lexicon's 非象牙 and 不是真玳瑁 are: 非犀角, non-ivory; not a code
//     word, whose negation claims the real thing (不是牛骨).
//     A Chinese phrase covers the form's pinyin spelled with it, generated at build time
//     (bundle.Term.BenignPinyin: xiangya bai for 象牙白), only as whole Latin words at its
//     edges (dai mao ban, 玳瑁板, does not cover daimao bangle); and a hit that spells a
//     Chinese form in Latin letters, in whole or in part (hdh, mi猴, 象ya), or writes the
//     term with other characters of its length (代帽 for 玳瑁, 像牙, 贺顶红), stands where
//     the form stands in any of the entry's phrases: the text around it reads as the
//     phrase does around the form (hdh 金鱼 as 鹤顶红金鱼, mi猴桃 as 猕猴桃, 象ya 塔), a space
//     allowed between a Latin letter and a character.
//   - Appearance: a hit followed by one of the bundle's appearance words is a look,
//     not the goods, and does not count: a Latin word after spaces or a hyphen (rhino
//     horn shaped, rhino-horn-shaped, tusk style; not "rhino horn cup, shape is
//     round"), another directly (犀牛角造型). The lexicon keeps the list
//     (lexicon/appearance.yaml).
//   - Colours: a weak product (risk 1-2, ending in a Latin word: bare ivory,
//     tortoiseshell) right before a material word (Tortoiseshell Acetate Frame, ivory
//     resin figurine) is that material's colour or pattern, and so is one that is the
//     value of a product page's colour field, a label, a colon and at most two words
//     before it (Colour: Natural ivory, 颜色：ivory), or an item of a list of colours,
//     two of the items around it colours (Ivory, Sand, Teal; black/ivory/navy; not
//     "ivory, white, heavy"): neither counted nor shown.
//   - Depiction: a goods hit beside one of the bundle's depiction words names what a
//     toy or a picture depicts, and does not count: a Latin word before or after it
//     with up to two words between, across spaces or hyphens only and not past a word
//     that joins phrases (pangolin plush, macaw parrot plush, cartoon rhino horn
//     sticker, Book: 'Ivory, Horn and Blood' (a colon labelling a quoted title); not
//     "rhino horn, plush box" or "rhino horn cup with plush box"),
//     another right before or after it (金刚鹦鹉毛绒玩具, 卡通老虎), or one space from a Latin
//     hit (pangolin 毛绒). Trade-context hits
//     keep counting (plush toy, DM me). "Stuffed" is no depiction in a listing that says
//     taxidermy or shows the animal under a glass dome or a bell jar: it is preserved, not
//     sewn (stuffed barn owl, old taxidermy; stuffed snowy owl under a glass dome). The
//     lexicon keeps the list (lexicon/appearance.yaml).
//   - Supplies: a hit of a species entry (an animal, not a product of it) followed by one
//     of the bundle's supply words is a supply for the animal and does not count, read
//     as appearance words are: macaw cage, tortoise food, 鹦鹉笼子, 陆龟粮; not "macaw
//     with cage"; also after a young-animal word (macaw egg incubator, 鹦鹉幼鸟饲料). The
//     list holds likenesses too (macaw statue, 猩猩雕塑): they follow animals only, since
//     an ivory statue is ivory.
//     (lexicon/appearance.yaml.)
//   - Young animals: a species hit with one of the bundle's young-animal words right
//     before or after it, or as its own first or last word, is a young animal offered
//     live, which the verdict counts as a booster: macaw chicks, orangutan babies, baby
//     macaw, tortoise hatchlings, 陆龟苗, 猩猩幼崽 (Latin words across spaces or a hyphen,
//     others touching). Products are not affected. (lexicon/appearance.yaml.)
//   - Offers: a species hit with one of the bundle's offer words beside it is the animal
//     offered, which the verdict counts as a booster too: "hyacinth macaw pair for sale"
//     (a Latin word after the animal, at most one word between), 大鲵 出售 and
//     出售一对金刚鹦鹉 (a Chinese phrase within four characters after or before it); not
//     "macaw feather earrings for sale", not after a negation (not for sale, 不出售).
//     Products are not affected: their listings are for sale as much as a toy's.
//     (lexicon/appearance.yaml.)
//   - Purpose: a species hit right after one of the bundle's purpose words, with a supply
//     word earlier in its line, is what the supply is for and does not count: "Parrot
//     cage for sale, large, for macaw", 鸟笼 适合金刚鹦鹉; "price for macaw" and "looking
//     for macaw" still count. (lexicon/appearance.yaml.)
//   - Objects: a weak product hit (a Latin form of risk 1-2: ivory, mostly a colour)
//     followed by one of the bundle's object words, with at most two words between, none
//     a material, a discourse verb or a word that joins phrases, and only spaces or
//     hyphens around them, names what the object is made of and counts as risk 4, as the
//     lexicon's own "ivory figurine" does: Vintage ivory elephant statue, ivory billiard
//     balls, ivory puzzle ball; not ivory resin figurine, not ivory glass beads (beads are
//     no object word: colour words describe them), not an object word followed by an
//     appearance word (ivory-handled look), not in a line that names a material anywhere
//     ("Ivory-handled cutlery, made of acrylic"). (lexicon/appearance.yaml.)
//   - Prohibitions: a goods hit after one of the bundle's prohibition phrases (禁止发布,
//     严禁出售; and the seizure verbs 查获, seized, which read the same way:
//     海关又查获一批象牙制品和穿山甲片, "Customs seized 120kg of rhino horn"), in its clause (up to 。，；！？ or the line's end; a list's 、 and ： do not
//     end it) and within 20 characters, is a platform's rule naming goods, not an offer,
//     and does not count: 禁止发布以下物品：象牙、犀角等制品. Chinese phrases are found
//     as patterns are (by the automaton's keys). Phrases of
//     whole Latin words (say no to, prohibited items) are found by the word index; their
//     clause runs past commas, which separate an English list, and ends at . ! ? ; or a
//     line's end ("Prohibited items include ivory, rhino horn and tiger bone"; "Say no to
//     fakes. Real ivory bangle" counts). (lexicon/appearance.yaml.)
//   - Refusals: the goods a refusal phrase (一律不收不卖, 都不做) follows, as a list running
//     up to it with nothing between its items and the phrase but separators (a comma
//     too, not a sentence's end) and a list's words (等, 这些, 制品), are refused, not
//     offered: 象牙 犀角 玳瑁 一律不收不卖, 象牙、犀角等制品都不做; not 高价收象牙 染色的一律不收,
//     where the phrase refuses something else. (lexicon/appearance.yaml.)
//   - Discourse: a goods hit followed by one of the bundle's discourse words, or after
//     one of its discourse verbs, is the subject of talk about its trade, not an offer,
//     and does not count: rhino horn trade, ivory seized, seized ivory, 象牙贸易,
//     象牙走私案, 拒绝象牙, 海关查获犀角, 本店不卖象牙制品. Latin words stand next to the
//     form after a space or a hyphen, others touch it, but for a quantity, an aspect or
//     a qualifier between a Chinese verb and the goods (查获了大量走私象牙, 拒绝一切象牙).
//     Each list counts on its own side: after goods, 拒绝 is a seller's 拒绝砍价 (no
//     haggling). Goods joined by or, and, 和, 与, 及, 或 or a list's 、 to goods a
//     discourse word follows share it: ivory or rhino horn trade, 象牙和犀角贸易,
//     象牙、犀角、穿山甲片走私链条, quoted items back to back too (以“白料”“黑料”等暗语;
//     not across a comma: 象牙，犀角走私案 offers 象牙); and
//     a discourse verb before a list's first item takes its later items (拒绝象牙、犀角、
//     穿山甲制品).
//     (lexicon/appearance.yaml.)
//   - Materials: a goods hit after one of the bundle's materials, read as a discourse
//     verb, is made of it and does not count: resin ivory Buddha, acetate tortoiseshell
//     frames, 树脂象牙摆件, 不锈钢象牙筷. (lexicon/appearance.yaml.)
//   - Provenance: a line that says where an item of a lawful material came from (the
//     bundle's provenance phrases: 有小票, 模具缝, receipt, mould seam) and holds no tell
//     drops the code words of risk 1-2 it names, and those of risk 3 whose term is a cover
//     itself (cow bone, bovine bone), the covers it accounts for (仿象牙 树脂手镯
//     饰品店买的 有小票; faux ivory resin cabochons, visible mould seam): neither shown nor
//     counted. A weak fossil name (mammoth ivory, 猛犸象牙) in a line that shows its bark
//     (bark intact, 带皮; not 不要带皮的) is accounted for by the bark, wherever its
//     papers are.
//   - Permits: a listing that states a live animal's papers with one of the bundle's
//     permit phrases (CITES permit, with papers, 人工繁育许可证, 专用标识), not right after a
//     negation (no CITES papers, without papers, 没有专用标识, 无人工繁育许可证), offers a
//     lawfully kept animal: its species hits are shown but count 0. Products are not
//     affected: a certificate does not make ivory lawful. (lexicon/appearance.yaml.)
//   - Advocacy: a listing with one of the bundle's advocacy phrases (没有买卖就没有杀害,
//     看到请举报, please report) speaks against the trade: news, a campaign or an appeal.
//     Its goods hits count 0, and those in a line that holds the phrase are not shown;
//     the lines around it keep theirs, for a page may hold a sale and, in a reply under
//     it, the appeal against it. (lexicon/appearance.yaml.)
//   - Titles: a goods hit inside title marks, 《…》, 〈…〉 or 『…』 (holding kana: Chinese
//     posts quote with it), in its line names a book, a film or a game (剧本杀《鹤顶红》,
//     《象牙的故事》, DVD『象牙の闇』) and does not count; so does a Latin one
//     inside a quoted title (two to eight words, capitalised) in a line with a depiction
//     word (Book lot: 'The Pangolin Chronicles', National Geographic 'Blood Ivory' issue;
//     not a seller's wink, 'ivory' or 'Ivory') (quotedTitle).
//   - A span that appearance, depiction, supply, discourse or material words cancel
//     takes every hit inside it along: African grey parrot cage drops African grey too,
//     穿山甲片造型 drops 穿山甲.
//   - Overlaps: spans are chosen leftmost first, longest first, without overlap
//     (穿山甲片 beats 穿山甲); the entries that lost are listed in the winner's Also.
//
// # Verdict
//
// Hits are combined per listing into a score; Match.Contribution is each hit's share
// and the shares add up to Result.Score:
//
//	terms   = Σ risk(i) / 2^i over the distinct non-trade_context entries shown, highest risk first
//	score   = terms × (1 + 0.5·min(boosters, 2)), boosters = distinct trade_context entries,
//	          one more when a term is disguised, one more when an animal is young, one
//	          more when an animal is offered, and one more when the listing weighs the
//	          item to the gram
//	verdict = flag when score ≥ FlagThreshold (4)
//
// A disguised term is spelled to get past filters, which is itself a sign of trade:
// look-alike letters (1vory), emoji for a character (🐘牙), a term written backwards (yrovi), symbols or invisible
// characters inside it (象*牙, i.v.o.r.y), fancy-text letters (𝓲𝓿𝓸𝓻𝔂); so is a code word
// in quotation marks ('old bone', “white gold”, 「白料」), a wink at what it covers. Its
// hit carries that booster's share. Case, full-width letters, tone marks, spaces and a
// hyphen between words are how people type and do not count. A disguised weak term (risk
// 1-2: bare ivory, mostly a colour) counts as risk 3: nobody disguises a colour, so 1vory
// is the material, and alone scores 4.5 and flags, where ivory (2) scores 2. Likewise a young animal: orangutan (risk 3) scores 3, orangutan
// babies 4.5 and flags, carried by the animal's hit. And a weight to the gram (9.8g,
// 236 grams, 52克; not a packet's round 500g, not kg): ivory, horn and bone are priced by
// the gram, and "bone" listings found to be ivory stated their weight precisely (S07).
// ivory (2) in "ivory cigarette holder, 9.8g" scores 3, carried by the riskiest goods
// hit. A trade code word for a material (a Chinese term ending in 料, risk 3 or less,
// of a protected species: 白料, 非洲料, 黑料; not 白色塑料, also plain white plastic) made
// into an object, a Chinese object word right after it across one space and a size word
// (白料小挂件, 非洲料 手镯), counts as goods of risk 4 as ivory made into one does, in a line
// that names no other material (黑料 树脂摆件 does not).
//
// A span counts as the riskiest goods entry in it, shown or beaten (Also): leftmost-
// longest picks what is highlighted, not what the text offers. In 川山甲片 the homophone
// 川山甲 (pangolin, 3) is shown and 山甲片 (scales, 5), starting one character later,
// lost to it; the span counts 5. A listing that claims a cover (bundle.Bundle.Covers:
// 水牛角, buffalo horn, resin, 猛犸) and then shows a tell of the real material (an entry
// of bundle.Bundle.Evidence: 马尾丝 fibres, a lattice grain, a burn test) counts the first
// tell after the cover as goods of risk 4: 水牛角杯 毛丝明显 flags, 马尾丝琴弓 and 水牛角梳子
// do not. A cover right after a negation (not buffalo, 不是牛角) denies the lawful
// material, which claims the real one: it counts as a cover for a tell that describes the
// material (fibres, a lattice grain: not resin, 马尾丝 flags; the denied cover is not
// marked), not for a burn test, which amber passes too (not plastic, passes the burn test
// does not). A tell denied right before it (no lattice, without horsehair fibres, 没有交叉纹)
// is none: the seller says what the item lacks. A cover after the tell is
// the tested thing's own (amber: hot-needle test smells of pine resin). Fossil mammoth
// ivory whose bark shows in the tell's line (with bark, 带皮; not no bark, 无皮) is the
// lawful fossil, whose own grain shows the lattice: a mammoth cover makes no tell count
// there, and beside a mammoth name the tell counts nothing. An admission (bundle.Bundle.Admissions: 懂的人自然懂, you know
// what it is) is a tell only after a claimed cover, one the listing says the item is sold
// as (说是水牛角, sold as resin, 'bone' in quotation marks) or an imitation (仿象牙, faux):
// 塑料收纳盒 懂的都懂 admits nothing. The cover is then marked too, under the tell's entry and
// counting nothing, for the moderator to see what the listing disguises (Horn cup, not
// buffalo, fibrous like horse hair: Horn). A weak product or code word of the tell's species is a
// cover of its own (ivory beads with lattice grain: the material named as if it were the
// colour; 白料 有交叉纹: as if it were white jade); the tell itself is none. Goods named by their pinyin initials (xy 手串) count
// as risk 3 at most, so they flag with one trade word beside them (xy 手串 私聊) and not
// alone, and as risk 4 before the form goods are sold in, against it or across one space
// (XY手镯, XD粉, HG酒, CQ原壳, XJ 手镯; a species so named, as its part: 雪B 皮), where two
// letters and the goods word leave few readings but the trade's, and so does a form with
// one capital for a character that ends with the part it names (犀J片, 抹香J牙); so does a span one of them lost to at the same place (dm镯子, where 私聊's dm is
// shown and 玳瑁's initials lost). A code word shown keeps its own risk: it is the seller's
// name for the material, and the entries it beat name the same goods (mammoth ivory
// pendant is not an ivory pendant), but for those of its own species (东北虎鞭 is a
// tiger's penis, 虎鞭, not the code word 东北虎 a brand also writes).
//
// An entry counts once however often it appears (its first span carries its share);
// each counted booster contributes 0.5 × terms. Halving means weak terms never add up
// to a strong one: risk-2 terms alone reach at most 2+1+0.5+… < 4, so a risk 1-2 term
// alone never flags (made into an object it is no longer alone: see Objects); a risk-4 term flags alone, a risk-3 term with one booster, a
// risk-2 term with two; boosters alone score 0. Example: 犀角 (5) + 象牙 (4) + 私聊 →
// terms = 5 + 4/2 = 7, score = 7 × 1.5 = 10.5, flag; contributions 5, 2 and 3.5.
package match
