package e2e

import "testing"

// What a page's stylesheet hides is left out of the serialisation; what only looks
// boxless (display:contents, a closed <details>) is kept. Elements take a fast
// visibility check first and the computed style only when it says no (pagetext.js).
func TestSerialiseLeavesOutWhatStylesheetsHide(t *testing.T) {
	b, base := pagesBrowser(t, nil)
	tab := b.Open(t, base+"visible-text.html")
	contentValue[int](t, tab, `(() => {
		const probe = document.createElement('div');
		probe.id = 'style-probe';
		probe.innerHTML = '<style>.gone{display:none} .ghost{visibility:hidden} .folded{visibility:collapse}</style>' +
			'<p>shown: 象牙</p><p class="gone">gone: 犀角</p><p class="ghost">ghost: 虎骨</p>' +
			'<p class="folded">folded: 山甲片</p>' +
			'<div style="display:contents"><span>contents: 玳瑁</span></div>' +
			'<details><summary>summary</summary>closed details: 熊胆</details>';
		document.body.append(probe);
		return 0;
	})()`)
	got := contentValue[string](t, tab, `WildlensPageText.serialise(document.getElementById('style-probe')).text`)
	if want := "shown: 象牙\ncontents: 玳瑁\nsummary\nclosed details: 熊胆"; got != want {
		t.Errorf("serialise with the page's styles:\n got %q\nwant %q", got, want)
	}
	// Without computed styles (what the Go side can know) the stylesheet hides nothing.
	got = contentValue[string](t, tab, `WildlensPageText.serialise(document.getElementById('style-probe'), {computedStyle: false}).text`)
	if want := "shown: 象牙\ngone: 犀角\nghost: 虎骨\nfolded: 山甲片\ncontents: 玳瑁\nsummary\nclosed details: 熊胆"; got != want {
		t.Errorf("serialise without computed styles:\n got %q\nwant %q", got, want)
	}
}
