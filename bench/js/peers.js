// The JS multi-term matchers people reach for, timed in a page on the same text and
// terms as the wasm engine. fastscan is a classic script (window.FastScanner);
// mint-filter ships ES modules.
import {Mint} from '/node_modules/mint-filter/dist/module/index.js';

async function load(path) {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

// peerBench builds each matcher once, searches the text once unmeasured and then `runs`
// times, returning the build time, every search time, and what the last search found.
globalThis.peerBench = async function peerBench(runs) {
  const [terms, text] = await Promise.all([load('/bench/terms.json'), load('/bench/text.json')]);
  const out = {};

  let t = performance.now();
  const scanner = new FastScanner(terms);
  out.fastscan = {buildMs: performance.now() - t, searchMs: [], hits: 0};
  scanner.search(text); // warm-up, unmeasured, as every matcher gets
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    // All occurrences with offsets: what a highlighter needs.
    const found = scanner.search(text);
    out.fastscan.searchMs.push(performance.now() - t);
    out.fastscan.hits = found.length;
  }

  t = performance.now();
  const mint = new Mint(terms);
  out.mint = {buildMs: performance.now() - t, searchMs: [], hits: 0};
  mint.search(text, {replace: false});
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    // replace:false is its fastest mode; it returns words without offsets.
    const found = mint.search(text, {replace: false});
    out.mint.searchMs.push(performance.now() - t);
    out.mint.hits = found.words.length;
  }
  return out;
};
