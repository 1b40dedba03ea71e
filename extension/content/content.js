// The content script: finds the page's listings, sends their visible text to the engine
// (through the background), highlights the hits with the CSS Custom Highlight API, shows
// the hover card, and keeps up with content the page adds or removes later.
//
// Classic script, loaded after pagetext.js. Message names come from shared/messages.js
// through a dynamic import (content scripts cannot be modules).
(function () {
  'use strict';

  if (globalThis.__wildlens) return; // injected twice (extension reload): keep the first

  const PageText = WildlensPageText;
  const HIGHLIGHT_PREFIX = 'wildlens-risk-'; // + risk; the registry is shared with the page
  const CURRENT_HIGHLIGHT = 'wildlens-current';
  // A SCAN message carries at most this many UTF-16 units of listing text; a bigger
  // listing travels alone.
  const BATCH_UNITS = 256 * 1024;
  // Mutations are collected for this long before one incremental scan.
  const MUTATION_DELAY_MS = 100;
  const CARD_HIDE_DELAY_MS = 250;
  const TRADE_CONTEXT = 'trade_context'; // the bundle's kind for booster entries
  const OBSERVED = {childList: true, subtree: true, characterData: true};
  const hasHighlightAPI = typeof CSS !== 'undefined' && 'highlights' in CSS &&
    typeof Highlight === 'function';
  // The document gets its ::highlight() rules from content.css (the manifest injects it,
  // invisible to the page); a shadow tree sees only its own styles, so open shadow roots
  // the walk enters adopt these. Keep the two in step: a test compares the painted colours.
  const SHADOW_HIGHLIGHT_CSS = `
    ::highlight(wildlens-risk-1) { background-color: rgba(120, 160, 255, 0.28); }
    ::highlight(wildlens-risk-2) { background-color: rgba(255, 214, 0, 0.40); }
    ::highlight(wildlens-risk-3) { background-color: rgba(255, 160, 0, 0.45); }
    ::highlight(wildlens-risk-4) { background-color: rgba(255, 90, 40, 0.45); text-decoration: underline 2px rgba(200, 40, 0, 0.9); }
    ::highlight(wildlens-risk-5) { background-color: rgba(230, 0, 40, 0.45); color: inherit; text-decoration: underline 2px rgb(160, 0, 20); }
    ::highlight(wildlens-current) { background-color: rgba(0, 170, 255, 0.55); }`;
  let shadowSheet = null;

  let MSG = null;
  let STORAGE = null;
  let LIMITS = {}; // what the background accepts in one SCAN

  const state = {
    enabled: false,
    profile: null,
    lexiconVersion: 0,
    chunks: new Map(), // root element -> Chunk
    nextChunkID: 0,
    hits: new Set(), // Hit
    hitByRange: new Map(), // Range -> Hit
    hitsByNode: new Map(), // Text -> Hit[] (the hit's first text node)
    sorted: null, // Hit[] in document order, or null when stale
    current: -1, // index in sorted of the hit the popup jumped to
    hitByMark: new Map(), // <mark> -> Hit, in the wrapping fallback
    highlights: new Map(), // highlight name -> Highlight
    url: location.href, // the URL the profile was asked for (see followLocation)
    observer: null,
    pendingNodes: new Set(), // changed nodes, mapped to listings when the batch is scanned
    pruneNeeded: false,
    mutationTimer: 0,
    queue: Promise.resolve(),
    busy: 0, // scans in flight or queued
    cycles: 0, // completed scan cycles
    lastError: '',
    timings: {start: performance.now()},
    sent: {messages: 0, listings: 0, units: 0}, // what went to the engine, for tests
    termCache: new Map(), // term id -> Promise<{term, lexiconVersion}>
    shadowRoots: new Set(), // open shadow roots we observe and style (see adoptShadowRoot)
  };

  // ---- Listings and scanning ----

  // A Chunk is a subtree scanned as one text: a listing when the site has a profile; the
  // body, or a block added or changed later, when it has none.
  function newChunk(root) {
    const chunk = {id: String(++state.nextChunkID), root, text: null, serial: null,
      result: null, meta: listingMeta(root)};
    state.chunks.set(root, chunk);
    return chunk;
  }

  // listingMeta reads the profile's title, price and id selectors ("selector@attr" reads
  // an attribute; an empty selector is the listing element itself).
  function listingMeta(root) {
    const p = state.profile;
    if (!p) return {};
    const read = (spec) => {
      if (!spec) return '';
      const at = spec.lastIndexOf('@');
      const selector = at >= 0 ? spec.slice(0, at).trim() : spec;
      const el = selector === '' ? root : root.querySelector(selector);
      if (!el) return '';
      return (at >= 0 ? el.getAttribute(spec.slice(at + 1)) || '' : el.textContent).trim();
    };
    return {title: read(p.title), price: read(p.price), listingId: read(p.listing_id),
      sellerId: read(p.seller_id)};
  }

  // within reports whether node is one of roots or inside one (crossing shadow roots).
  // Walking up is O(depth); pages have thousands of listings, so never compare pairs.
  function within(node, roots) {
    for (let n = node; n; n = n.parentNode || n.host) {
      if (roots.has(n)) return true;
    }
    return false;
  }

  function outermost(elements) {
    const set = new Set(elements);
    return [...set].filter((el) => !within(el.parentNode || el.host, set));
  }

  function initialRoots() {
    if (state.profile) return outermost(document.querySelectorAll(state.profile.listing));
    return document.body ? [document.body] : [];
  }

  // rootFor maps a changed node to the subtree to scan again: its listing, or (without a
  // profile) its nearest block, so a word split across inline siblings stays whole.
  function rootsFor(node, into) {
    let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (!el || !el.isConnected || el.closest('[data-wildlens-ui]')) return;
    if (state.profile) {
      const listing = el.closest(state.profile.listing);
      if (listing) {
        into.add(listing);
        return;
      }
      for (const found of el.querySelectorAll(state.profile.listing)) into.add(found);
      return;
    }
    while (el !== document.body && el.parentElement && !PageText.isBlock(el)) el = el.parentElement;
    into.add(el);
  }

  // scanRoots serialises each root, sends what changed to the engine and highlights the
  // hits. A root whose text is unchanged is not scanned again: its last result is mapped
  // onto the current nodes.
  async function scanRoots(roots) {
    const toScan = [];
    const fresh = new Set(outermost(roots).filter((root) => root.isConnected));
    // What these roots replace: chunks nested in them, and every hit inside them.
    for (const [other, chunk] of state.chunks) {
      if (!fresh.has(other) && within(other, fresh)) state.chunks.delete(chunk.root);
    }
    for (const hit of [...state.hits]) {
      if (within(hit.startNode, fresh) || within(hit.endNode, fresh)) removeHit(hit);
    }
    for (const root of fresh) {
      const serial = PageText.serialise(root);
      serial.shadowRoots.forEach(adoptShadowRoot);
      let chunk = state.chunks.get(root);
      if (chunk && chunk.text === serial.text && chunk.result) {
        chunk.serial = serial;
        applyResult(chunk, chunk.result);
        continue;
      }
      if (!chunk) chunk = newChunk(root);
      chunk.text = serial.text;
      chunk.serial = serial;
      chunk.result = null;
      if (serial.text !== '') toScan.push(chunk);
    }
    state.timings.walked ??= performance.now();
    // All batches are in flight at once: the engine works on one while the next is
    // being copied through the background, and each is highlighted as it returns.
    await Promise.all([...batches(toScan)].map(async (batch) => {
      const reply = await sendScan(batch.map((c) => ({id: c.id, text: c.text})));
      if (!reply) return;
      const byID = new Map(batch.map((c) => [c.id, c]));
      for (const result of reply.results) {
        const chunk = byID.get(result.id);
        // A chunk replaced while its scan was in flight is stale: its scan is queued.
        if (chunk && state.chunks.get(chunk.root) === chunk && chunk.root.isConnected) {
          chunk.result = result;
          applyResult(chunk, result);
        }
      }
    }));
  }

  function* batches(chunks) {
    let batch = [];
    let units = 0;
    const maxUnits = Math.min(BATCH_UNITS, LIMITS.BATCH_UNITS || Infinity);
    const maxListings = LIMITS.BATCH_LISTINGS || Infinity;
    for (const chunk of chunks) {
      if (batch.length > 0 && (units + chunk.text.length > maxUnits || batch.length >= maxListings)) {
        yield batch;
        batch = [];
        units = 0;
      }
      batch.push(chunk);
      units += chunk.text.length;
    }
    if (batch.length > 0) yield batch;
  }

  async function sendScan(batch) {
    let reply;
    try {
      state.sent.messages++;
      state.sent.listings += batch.length;
      for (const item of batch) state.sent.units += item.text.length;
      reply = await chrome.runtime.sendMessage({type: MSG.SCAN, batch});
    } catch (err) {
      reply = {ok: false, error: String(err && err.message || err)};
    }
    if (!reply || !reply.ok) {
      state.lastError = reply ? reply.error : 'no reply from the background';
      console.warn('wildlens: scan failed:', state.lastError);
      return null;
    }
    state.lexiconVersion = reply.lexiconVersion;
    return reply;
  }

  // ---- Offsets to ranges, ranges to highlights ----

  // position finds the text node and offset of a UTF-16 offset in a serialisation. A start
  // belongs to the node it begins; an end to the node it finishes.
  function position(serial, offset, isEnd) {
    const {nodes, starts} = serial;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) { // last i with starts[i] < offset (end) or <= offset (start)
      const mid = (lo + hi + 1) >> 1;
      if (isEnd ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    let i = lo;
    let within = offset - starts[i];
    if (!isEnd && within >= nodes[i].data.length && i + 1 < nodes.length) {
      i++; // the offset is the "\n" of a block boundary: the span starts in the next node
      within = 0;
    }
    return {node: nodes[i], offset: Math.max(0, Math.min(within, nodes[i].data.length))};
  }

  // shownMatches are the matches a chunk highlights. Trade-context words (出, 收, 私聊,
  // DM for price) are words of any sale: they matter next to goods, and alone they would
  // mark ordinary listings all over a marketplace. The engine still reports them, and
  // the verdict already counts them only beside goods.
  function shownMatches(result) {
    const matches = result.matches || [];
    return matches.some((m) => m.kind !== TRADE_CONTEXT) ? matches : [];
  }

  function applyResult(chunk, result) {
    if (!chunk.serial || chunk.serial.nodes.length === 0) return;
    // Every range is made before any hit is added: the fallback's wrapping splits text
    // nodes, which live ranges follow but the serialisation's offsets do not.
    const hits = [];
    for (const match of shownMatches(result)) {
      const start = position(chunk.serial, match.start16, false);
      const end = position(chunk.serial, match.end16, true);
      const range = new Range();
      try {
        range.setStart(start.node, start.offset);
        range.setEnd(end.node, end.offset);
      } catch (err) {
        continue; // the nodes changed under us: the observer queues a re-scan
      }
      hits.push({range, match, chunk, startNode: start.node, endNode: end.node});
    }
    hits.forEach(addHit);
  }

  function highlightFor(risk) {
    const name = HIGHLIGHT_PREFIX + Math.max(1, Math.min(5, risk | 0));
    let h = state.highlights.get(name);
    if (!h) {
      h = new Highlight();
      h.priority = risk;
      state.highlights.set(name, h);
      CSS.highlights.set(name, h);
    }
    return h;
  }

  function addHit(hit) {
    state.hits.add(hit);
    state.hitByRange.set(hit.range, hit);
    const list = state.hitsByNode.get(hit.startNode);
    if (list) list.push(hit);
    else state.hitsByNode.set(hit.startNode, [hit]);
    state.sorted = null;
    if (hasHighlightAPI) highlightFor(hit.match.risk).add(hit.range);
    else wrap(hit);
  }

  function removeHit(hit) {
    state.hits.delete(hit);
    state.hitByRange.delete(hit.range);
    const list = state.hitsByNode.get(hit.startNode);
    if (list) {
      list.splice(list.indexOf(hit), 1);
      if (list.length === 0) state.hitsByNode.delete(hit.startNode);
    }
    state.sorted = null;
    if (hasHighlightAPI) highlightFor(hit.match.risk).delete(hit.range);
    else unwrap(hit);
    if (card.hit === hit) hideCard();
  }

  // prune forgets hits whose text left the document. Live ranges collapse onto the
  // remaining parent, so the removed nodes themselves are checked.
  function prune() {
    for (const hit of [...state.hits]) {
      if (!hit.startNode.isConnected || !hit.endNode.isConnected) removeHit(hit);
    }
    for (const chunk of [...state.chunks.values()]) {
      if (!chunk.root.isConnected) state.chunks.delete(chunk.root);
    }
    for (const shadow of state.shadowRoots) {
      if (!shadow.host.isConnected) state.shadowRoots.delete(shadow);
    }
  }

  function clearAll() {
    for (const hit of [...state.hits]) removeHit(hit);
    state.chunks.clear();
    if (hasHighlightAPI) CSS.highlights.delete(CURRENT_HIGHLIGHT);
    state.current = -1;
  }

  // Without the Highlight API (older browsers) hits are wrapped in inline elements the
  // serialisation treats like any inline element. Our own mutations are taken off the
  // observer's queue so they do not trigger a scan.
  function wrap(hit) {
    const texts = [];
    const walker = document.createTreeWalker(hit.range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE && hit.range.intersectsNode(n)) texts.push(n);
    }
    hit.marks = [];
    for (const text of texts) {
      const r = new Range();
      r.selectNodeContents(text);
      if (text === hit.range.startContainer) r.setStart(text, hit.range.startOffset);
      if (text === hit.range.endContainer) r.setEnd(text, hit.range.endOffset);
      if (r.collapsed) continue;
      const mark = document.createElement('mark');
      mark.setAttribute('data-wildlens-mark', String(hit.match.risk));
      r.surroundContents(mark);
      hit.marks.push(mark);
      state.hitByMark.set(mark, hit);
    }
    // Moving the text into the marks collapsed the hit's range: it spans the marks now.
    if (hit.marks.length > 0) {
      hit.range.setStartBefore(hit.marks[0]);
      hit.range.setEndAfter(hit.marks[hit.marks.length - 1]);
    }
    if (state.observer) state.observer.takeRecords();
  }

  function unwrap(hit) {
    for (const mark of hit.marks || []) {
      state.hitByMark.delete(mark);
      if (!mark.parentNode) continue;
      mark.replaceWith(...mark.childNodes);
    }
    if (state.observer) state.observer.takeRecords();
  }

  // documentAnchor lifts a node out of shadow trees to the host in the document.
  function documentAnchor(node) {
    for (let root = node.getRootNode(); root instanceof ShadowRoot; root = node.getRootNode()) node = root.host;
    return node;
  }

  // sortedHits lists hits in the order of the flat tree: within a chunk that is the order
  // of its serialisation; across chunks, DOM order (through shadow hosts when the two
  // ranges live in different trees).
  function sortedHits() {
    if (!state.sorted) {
      state.sorted = [...state.hits].sort((a, b) => {
        if (a.chunk === b.chunk) return a.match.start16 - b.match.start16;
        try {
          return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
        } catch (err) {
          const x = documentAnchor(a.startNode);
          const y = documentAnchor(b.startNode);
          return x === y ? 0 : x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
        }
      });
    }
    return state.sorted;
  }

  // adoptShadowRoot makes an open shadow root paint our highlights and report its
  // mutations (an observer on the document does not see inside shadow trees).
  function adoptShadowRoot(shadow) {
    if (state.shadowRoots.has(shadow)) return;
    state.shadowRoots.add(shadow);
    if (hasHighlightAPI) {
      if (!shadowSheet) {
        shadowSheet = new CSSStyleSheet();
        shadowSheet.replaceSync(SHADOW_HIGHLIGHT_CSS);
      }
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, shadowSheet];
    }
    if (state.observer) state.observer.observe(shadow, OBSERVED);
  }

  // ---- Later content ----

  function observe() {
    if (state.observer || !document.body) return;
    state.observer = new MutationObserver(onMutations);
    state.observer.observe(document.body, OBSERVED);
    for (const shadow of state.shadowRoots) state.observer.observe(shadow, OBSERVED);
  }

  // Changed nodes are mapped to listings only when their batch is scanned, with the
  // profile of that moment: a single-page app may render its next view just before or
  // just after it changes the URL, and the view's listings follow the new URL's profile.
  function onMutations(records) {
    followLocation();
    for (const record of records) {
      if (record.type === 'characterData') {
        state.pendingNodes.add(record.target);
        continue;
      }
      if (record.removedNodes.length > 0) state.pruneNeeded = true;
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.hasAttribute('data-wildlens-ui')) continue;
        if (node.nodeType === Node.TEXT_NODE) state.pendingNodes.add(record.target);
        else if (node.nodeType === Node.ELEMENT_NODE) state.pendingNodes.add(node);
      }
    }
    if (!state.mutationTimer && (state.pendingNodes.size > 0 || state.pruneNeeded)) {
      state.mutationTimer = setTimeout(flushMutations, MUTATION_DELAY_MS);
    }
  }

  function flushMutations() {
    state.mutationTimer = 0;
    const nodes = [...state.pendingNodes];
    state.pendingNodes.clear();
    const pruneNeeded = state.pruneNeeded;
    state.pruneNeeded = false;
    enqueue(async () => {
      if (pruneNeeded) prune();
      const roots = new Set();
      for (const node of nodes) rootsFor(node, roots);
      if (roots.size > 0) await scanRoots([...roots]);
    });
  }

  // followLocation notices that a single-page app moved to another URL (history.pushState,
  // replaceState, back and forward) and, when the new URL falls under another site profile
  // (search results -> item page), scans the page again with that profile. Called from the
  // navigation API's currententrychange, popstate and each batch of DOM mutations: no polling.
  function followLocation() {
    if (location.href === state.url) return;
    state.url = location.href;
    enqueue(async () => {
      if (!state.enabled) return; // start() asks for the profile of the URL it finds
      const before = state.profile ? state.profile.id : '';
      await loadProfile();
      if ((state.profile ? state.profile.id : '') === before) return; // new content arrives as mutations
      clearAll();
      await scanRoots(initialRoots());
      state.timings.followed = performance.now();
    });
  }

  function enqueue(task) {
    state.busy++;
    state.queue = state.queue.then(task).catch((err) => {
      state.lastError = String(err && err.stack || err);
      console.warn('wildlens:', err);
    }).finally(() => {
      state.busy--;
      state.cycles++;
    });
    return state.queue;
  }

  // ---- Start, stop, re-scan ----

  // loadProfile asks for the profile of the frame's current URL: the background takes it
  // only on the sending frame's origin (sender.url does not follow history.pushState).
  async function loadProfile() {
    state.profile = null;
    state.url = location.href;
    try {
      const reply = await chrome.runtime.sendMessage({type: MSG.PROFILE, url: state.url});
      if (!reply || !reply.ok) throw new Error(reply ? reply.error : 'no reply from the background');
      if (reply.profile && reply.profile.listing) {
        document.querySelector(reply.profile.listing); // throws on a bad selector
        state.profile = reply.profile;
      }
    } catch (err) {
      console.warn('wildlens: no site profile:', err && err.message || err);
    }
  }

  async function siteEnabled() {
    const stored = await chrome.storage.local.get(STORAGE.DISABLED_SITES);
    const disabled = stored[STORAGE.DISABLED_SITES] || [];
    return !disabled.includes(location.hostname);
  }

  function start() {
    return enqueue(async () => {
      state.enabled = await siteEnabled();
      if (!state.enabled) return;
      await loadProfile();
      state.timings.profiled ??= performance.now();
      await scanRoots(initialRoots());
      state.timings.highlighted ??= performance.now();
      observe();
    });
  }

  function stop() {
    return enqueue(async () => {
      state.enabled = false;
      if (state.observer) state.observer.disconnect();
      state.observer = null;
      clearTimeout(state.mutationTimer);
      state.mutationTimer = 0;
      state.pendingNodes.clear();
      clearAll();
      hideCard();
    });
  }

  function rescanAll() {
    state.termCache.clear();
    return enqueue(async () => {
      if (!state.enabled) return;
      clearAll();
      await loadProfile();
      await scanRoots(initialRoots());
    });
  }

  // ---- Hover card ----

  const card = {host: null, root: null, hit: null, hideTimer: 0, x: 0, y: 0, frame: 0};

  const CARD_CSS = `
    :host { all: initial; }
    .card { font: 13px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #fff;
      border: 1px solid #c9c9c9; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.18);
      padding: 8px 10px; max-width: 340px; }
    .head { font-weight: 600; font-size: 15px; margin-bottom: 4px; }
    .row { display: flex; gap: 8px; }
    .label { color: #666; min-width: 92px; }
    .value { overflow-wrap: anywhere; }
    .risk-4 .head, .risk-5 .head { color: #a40000; }
    .verdict-flag { color: #a40000; font-weight: 600; }`;

  function ensureCard() {
    if (card.host && card.host.isConnected) return;
    card.host = document.createElement('div');
    card.host.setAttribute('data-wildlens-ui', '');
    const s = card.host.style;
    s.setProperty('position', 'fixed', 'important');
    s.setProperty('z-index', '2147483647', 'important');
    s.setProperty('display', 'none', 'important');
    s.setProperty('margin', '0', 'important');
    // A closed root: the page cannot reach the card's text.
    card.root = card.host.attachShadow({mode: 'closed'});
    // A constructed sheet applies under a strict style-src, where a <style> would not.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    card.root.adoptedStyleSheets = [sheet];
    card.host.addEventListener('mouseenter', () => clearTimeout(card.hideTimer));
    card.host.addEventListener('mouseleave', scheduleHide);
    document.documentElement.appendChild(card.host);
  }

  function hitAt(x, y) {
    if (!hasHighlightAPI) return markedHitAt(x, y);
    if (typeof CSS.highlights.highlightsFromPoint === 'function') {
      for (const entry of CSS.highlights.highlightsFromPoint(x, y)) {
        for (const range of entry.ranges) {
          const hit = state.hitByRange.get(range);
          if (hit) return hit;
        }
      }
      return null;
    }
    const pos = document.caretPositionFromPoint ? document.caretPositionFromPoint(x, y) : null;
    const candidates = pos ? state.hitsByNode.get(pos.offsetNode) || [] : [...state.hits];
    for (const hit of candidates) {
      for (const rect of hit.range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return hit;
      }
    }
    return null;
  }

  // markedHitAt finds the hit of the wrapping fallback under a point: its text nodes are
  // split into the marks, so the element under the point is what identifies it.
  function markedHitAt(x, y) {
    let el = document.elementFromPoint(x, y);
    // In an open shadow tree the document reports only the host.
    while (el && el.shadowRoot) {
      const inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    const mark = el ? el.closest('mark[data-wildlens-mark]') : null;
    return mark ? state.hitByMark.get(mark) || null : null;
  }

  function onMouseMove(event) {
    card.x = event.clientX;
    card.y = event.clientY;
    if (!card.frame && state.hits.size > 0) card.frame = requestAnimationFrame(hoverNow);
  }

  function hoverNow() {
    card.frame = 0;
    const hit = hitAt(card.x, card.y);
    if (hit) {
      clearTimeout(card.hideTimer);
      if (hit !== card.hit) showCard(hit);
    } else if (card.hit) {
      scheduleHide();
    }
  }

  function scheduleHide() {
    clearTimeout(card.hideTimer);
    card.hideTimer = setTimeout(hideCard, CARD_HIDE_DELAY_MS);
  }

  function hideCard() {
    card.hit = null;
    if (card.host) card.host.style.setProperty('display', 'none', 'important');
  }

  function describe(termId) {
    let p = state.termCache.get(termId);
    if (!p) {
      p = chrome.runtime.sendMessage({type: MSG.DESCRIBE, termId}).then((reply) => {
        if (!reply || !reply.ok) throw new Error(reply ? reply.error : 'no reply');
        return reply;
      });
      p.catch(() => state.termCache.delete(termId));
      state.termCache.set(termId, p);
    }
    return p;
  }

  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;

  // whyMatched explains the hit: the lexicon form that matched and the folds it needed.
  function whyMatched(match) {
    const parts = [];
    parts.push(match.variant && match.variant !== match.term ?
      t('cardVariant', match.variant) : t('cardExactTerm'));
    if (match.folds && match.folds.length > 0) {
      parts.push(t('cardFolds', match.folds.map((f) => chrome.i18n.getMessage('fold_' + f) || f).join(', ')));
    }
    return parts.join(' · ');
  }

  async function showCard(hit) {
    card.hit = hit;
    const match = hit.match;
    let described = null;
    try {
      described = await describe(match.term_id);
    } catch (err) {
      console.warn('wildlens: describe failed:', err && err.message || err);
    }
    if (card.hit !== hit) return;
    const term = described ? described.term : {};
    const species = term.species ? [term.species.en, term.species.sci].filter(Boolean) : [];
    const protection = term.protection || {};
    const verdict = hit.chunk.result ? hit.chunk.result.verdict : '';
    const rows = [
      ['text', t('cardText'), match.text],
      ['kind', t('cardKind'), term.kind || match.kind ? t('kind_' + (term.kind || match.kind)) : ''],
      ['species', t('cardSpecies'), species.join(' — ')],
      ['cites', t('cardCites'), protection.cites || ''],
      ['china', t('cardChina'), protection.china || ''],
      ['risk', t('cardRisk'), String(match.risk)],
      ['why', t('cardWhy'), whyMatched(match)],
      ['listing', t('cardListing'), hit.chunk.meta.title || ''],
      ['verdict', t('cardVerdict'), verdict ? t('verdict_' + verdict) : ''],
      ['version', t('cardLexicon'), String(described ? described.lexiconVersion : state.lexiconVersion)],
    ];
    ensureCard();
    const box = document.createElement('div');
    box.className = 'card risk-' + match.risk;
    const head = document.createElement('div');
    head.className = 'head';
    head.setAttribute('data-field', 'term');
    head.textContent = match.term;
    box.append(head);
    for (const [field, label, value] of rows) {
      if (value === '') continue;
      const row = document.createElement('div');
      row.className = 'row';
      row.setAttribute('data-field', field);
      const l = document.createElement('span');
      l.className = 'label';
      l.textContent = label;
      const v = document.createElement('span');
      v.className = field === 'verdict' ? 'value verdict-' + verdict : 'value';
      v.textContent = value; // page text enters the card as text, never as HTML
      row.append(l, v);
      box.append(row);
    }
    if (globalThis.WildlensReport) WildlensReport.decorateCard(box, hit); // content/report.js
    card.root.replaceChildren(box);
    placeCard(hit.range.getBoundingClientRect());
  }

  function placeCard(rect) {
    const s = card.host.style;
    s.setProperty('display', 'block', 'important');
    s.setProperty('left', '0px', 'important');
    s.setProperty('top', '0px', 'important');
    const size = card.host.getBoundingClientRect();
    const left = Math.max(4, Math.min(rect.left, innerWidth - size.width - 4));
    let top = rect.bottom + 6;
    if (top + size.height > innerHeight) top = Math.max(4, rect.top - size.height - 6);
    s.setProperty('left', left + 'px', 'important');
    s.setProperty('top', top + 'px', 'important');
  }

  // ---- Popup ----

  function summary() {
    const terms = new Map();
    const hits = sortedHits();
    for (const hit of hits) {
      const m = hit.match;
      const entry = terms.get(m.term_id) || {termId: m.term_id, term: m.term, risk: m.risk, count: 0};
      entry.count++;
      terms.set(m.term_id, entry);
    }
    const listings = [];
    for (const chunk of state.chunks.values()) {
      if (!chunk.result) continue;
      listings.push({id: chunk.id, listingId: chunk.meta.listingId || '', title: chunk.meta.title || '',
        verdict: chunk.result.verdict, score: chunk.result.score,
        hits: shownMatches(chunk.result).length});
    }
    return {
      ok: true, host: location.hostname, enabled: state.enabled,
      lexiconVersion: state.lexiconVersion,
      verdict: listings.some((l) => l.verdict === 'flag') ? 'flag' : 'clear',
      listings, terms: [...terms.values()].sort((a, b) => b.risk - a.risk || b.count - a.count),
      hits: hits.length,
    };
  }

  function jump(direction) {
    const hits = sortedHits();
    if (hits.length === 0) return {ok: true, index: -1, hits: 0};
    const step = direction === 'prev' ? -1 : 1;
    state.current = state.current < 0 && step < 0 ? hits.length - 1 :
      (state.current + step + hits.length) % hits.length;
    const hit = hits[state.current];
    const el = hit.startNode.parentElement;
    if (el) el.scrollIntoView({block: 'center', behavior: 'instant'});
    if (hasHighlightAPI) {
      const h = new Highlight(hit.range);
      h.priority = 10;
      CSS.highlights.set(CURRENT_HIGHLIGHT, h);
    }
    return {ok: true, index: state.current, hits: hits.length};
  }

  // ---- What tests and `wildlens preview` read ----
  // Lives in the content script's isolated world: the page cannot see it.
  globalThis.__wildlens = {
    state, // read by content/report.js (same isolated world)
    get idle() {
      return state.busy === 0 && !state.mutationTimer && state.pendingNodes.size === 0;
    },
    get cycles() { return state.cycles; },
    get lastError() { return state.lastError; },
    get profile() { return state.profile ? state.profile.id : ''; },
    timings: state.timings,
    sent: state.sent,
    hits: () => sortedHits().map((h) => {
      const r = h.range.getBoundingClientRect();
      return {text: h.range.toString(), term_id: h.match.term_id, risk: h.match.risk,
        listing: h.chunk.meta.listingId || h.chunk.id,
        x: r.left + r.width / 2, y: r.top + r.height / 2};
    }),
    listings: () => [...state.chunks.values()].filter((c) => c.result).map((c) => ({
      id: c.meta.listingId || c.id, title: c.meta.title || '', verdict: c.result.verdict})),
    summary,
    jump,
    card: () => {
      if (!card.host || card.host.style.getPropertyValue('display') === 'none') return null;
      const fields = {};
      for (const el of card.root.querySelectorAll('[data-field]')) {
        const value = el.querySelector('.value');
        fields[el.getAttribute('data-field')] = (value || el).textContent;
      }
      // Element names in the card, to show page text never became markup.
      fields.elements = [...new Set([...card.root.querySelectorAll('*')].map((e) => e.localName))].sort().join(' ');
      return fields;
    },
    // cardLabels: the shown card's label per field, to check the UI language.
    cardLabels: () => {
      if (!card.host || card.host.style.getPropertyValue('display') === 'none') return null;
      const labels = {};
      for (const el of card.root.querySelectorAll('[data-field] > .label')) {
        labels[el.parentElement.getAttribute('data-field')] = el.textContent;
      }
      return labels;
    },
    // floor times what any content script must do for this page: walk the text of the
    // same roots and send it to the engine host and back.
    floor: async () => {
      const t0 = performance.now();
      const chunks = initialRoots().map((root, i) => ({id: 'floor' + i, text: PageText.serialise(root).text}));
      const t1 = performance.now();
      await Promise.all([...batches(chunks)].map((batch) => chrome.runtime.sendMessage({type: MSG.SCAN, batch})));
      return {walkMs: t1 - t0, totalMs: performance.now() - t0, units: chunks.reduce((n, c) => n + c.text.length, 0)};
    },
  };

  // ---- Wiring ----

  import(chrome.runtime.getURL('shared/messages.js')).then((messages) => {
    MSG = messages.MSG;
    STORAGE = messages.STORAGE;
    LIMITS = messages.LIMITS || {};
    chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== chrome.runtime.id || !message) return false;
      switch (message.type) {
        case MSG.LEXICON_CHANGED:
          rescanAll();
          return false;
        case MSG.PAGE_SUMMARY:
          sendResponse(summary());
          return false;
        case MSG.JUMP:
          sendResponse(jump(message.direction));
          return false;
        default:
          return false;
      }
    });
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !(STORAGE.DISABLED_SITES in changes)) return;
      const disabled = changes[STORAGE.DISABLED_SITES].newValue || [];
      const enabled = !disabled.includes(location.hostname);
      if (enabled && !state.enabled) start();
      else if (!enabled && state.enabled) stop();
    });
    document.addEventListener('mousemove', onMouseMove, {passive: true, capture: true});
    addEventListener('scroll', () => { if (card.hit) hideCard(); }, {passive: true, capture: true});
    if (globalThis.navigation) navigation.addEventListener('currententrychange', followLocation);
    addEventListener('popstate', followLocation);
    start();
  }).catch((err) => {
    state.lastError = String(err && err.message || err);
    console.warn('wildlens: content script failed to start:', err);
  });
})();
