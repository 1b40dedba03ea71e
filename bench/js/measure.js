// Helpers evaluated on both sides of the highlighting comparison: in the page's main
// world for mark.js and in the extension's content-script world for wildlens. Both sides
// describe what they highlighted in one coordinate system, the offsets of the body's
// text nodes concatenated in document order, which wrapping in <mark> does not change.
(() => {
  'use strict';

  // textIndex maps each text node under root to its offset in the concatenation.
  function textIndex(root) {
    const index = new Map();
    let offset = 0;
    let text = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      index.set(n, offset);
      offset += n.data.length;
      text += n.data;
    }
    return {index, text};
  }

  // runs merges highlighted intervals [start, end) into maximal runs and names each run
  // "start<TAB>text". Both sides go through the same merge, so a match split into
  // several <mark> elements and one Range over the same characters compare equal.
  function runs(intervals, text) {
    intervals.sort((a, b) => a[0] - b[0]);
    const out = [];
    let cur = null;
    for (const [s, e] of intervals) {
      if (e <= s) continue;
      if (cur && s <= cur[1]) {
        cur[1] = Math.max(cur[1], e);
      } else {
        if (cur) out.push(cur);
        cur = [s, e];
      }
    }
    if (cur) out.push(cur);
    return out.map(([s, e]) => s + '\t' + text.slice(s, e));
  }

  // boundary converts a Range boundary to a text offset; wildlens sets its ranges on
  // text nodes, so an element boundary is only a fallback.
  function boundary(index, container, offset) {
    if (container.nodeType === Node.TEXT_NODE) return index.get(container) + offset;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const child = container.childNodes[offset];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!child || child.contains(n)) return index.get(n);
    }
    return 0;
  }

  // wildlensRuns reads the ranges wildlens registered with the CSS Custom Highlight API.
  function wildlensRuns() {
    const {index, text} = textIndex(document.body);
    const intervals = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('wildlens-risk-')) continue;
      for (const r of highlight) {
        intervals.push([boundary(index, r.startContainer, r.startOffset),
          boundary(index, r.endContainer, r.endOffset)]);
      }
    }
    return runs(intervals, text);
  }

  // markjsRuns reads the text wrapped in mark.js's <mark data-markjs> elements.
  function markjsRuns() {
    const {index, text} = textIndex(document.body);
    const intervals = [];
    for (const [node, offset] of index) {
      if (node.parentElement && node.parentElement.closest('mark[data-markjs]')) {
        intervals.push([offset, offset + node.data.length]);
      }
    }
    return runs(intervals, text);
  }

  function wildlensLiveRanges() {
    let n = 0;
    for (const [name, highlight] of CSS.highlights) {
      if (name.startsWith('wildlens-')) n += highlight.size;
    }
    return n;
  }

  // nextTask yields to the event loop without setTimeout's 4 ms clamp.
  function nextTask() {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(0);
    });
  }

  // floor is what any content script must do for this page: a bare TreeWalker walk of
  // each listing's text and one round trip of that text to the engine host (through the
  // background, as the product sends it: batches of at most 256 Ki UTF-16 units). The
  // round trip includes the engine's matching.
  async function floor(listingSelector) {
    const t0 = performance.now();
    const texts = [];
    for (const root of document.querySelectorAll(listingSelector)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let s = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) s += n.data;
      texts.push({id: 'floor' + texts.length, text: s});
    }
    const t1 = performance.now();
    let batch = [];
    let units = 0;
    const send = async () => {
      const reply = await chrome.runtime.sendMessage({type: 'wildlens/scan', batch});
      if (!reply || !reply.ok) throw new Error('floor scan: ' + (reply ? reply.error : 'no reply'));
    };
    for (const item of texts) {
      if (batch.length > 0 && units + item.text.length > 256 * 1024) {
        await send();
        batch = [];
        units = 0;
      }
      batch.push(item);
      units += item.text.length;
    }
    if (batch.length > 0) await send();
    return {walkMs: t1 - t0, totalMs: performance.now() - t0};
  }

  // wildlensClear switches the site off as the popup does and times until the last
  // wildlens range is gone.
  async function wildlensClear(disabledSites) {
    const before = wildlensLiveRanges();
    const t0 = performance.now();
    await chrome.storage.local.set({'wildlens.disabledSites': disabledSites});
    while (wildlensLiveRanges() > 0) {
      if (performance.now() - t0 > 60000) throw new Error('wildlens did not clear within 60 s');
      await nextTask();
    }
    return {ms: performance.now() - t0, ranges: before};
  }

  globalThis.wildlensBench = {textIndex, runs, wildlensRuns, markjsRuns, wildlensLiveRanges,
    floor, wildlensClear};
})();
