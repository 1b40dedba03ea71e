// Every message name that crosses between extension contexts, and the shape of each
// payload. The background validates every message from a content script against these
// shapes; sender identity comes from `sender`, never from the payload.
//
// Contexts: content (per tab/frame), background (service worker), engine (offscreen
// document hosting the wasm engine), ui (popup, options).
export const MSG = Object.freeze({
  // content -> background -> engine: scan a batch of listing texts.
  //   {type, batch: [{id: string, text: string}]}
  //   -> {ok: true, lexiconVersion: number, results: [Result]} | {ok: false, error: string}
  SCAN: 'wildlens/scan',
  // content|ui -> background -> engine: describe a term for the hover card.
  //   {type, termId: string} -> {ok: true, term: Term, lexiconVersion: number}
  DESCRIBE: 'wildlens/describe',
  // background -> content: the lexicon changed; re-scan the page.  {type, lexiconVersion}
  LEXICON_CHANGED: 'wildlens/lexicon-changed',
});
