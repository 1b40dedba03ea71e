// One-click reports and "not trade" marks from the page. Classic script, loaded after
// content.js, whose scan state it reads (globalThis.__wildlens.state: listings as chunks
// {root, text, result, meta}). It adds the report and "not trade" buttons to the hover
// card, answers the background's REPORT_COLLECT (popup, context menu, keyboard command)
// with the draft for the listing under the pointer, and offers a note and category
// afterwards (at any time: the background sends them once the report is on the server).
var WildlensReport = (function () {
  'use strict';

  const SNIPPET_UNITS = 40; // each side of a match
  const TEXT_UNITS = 2000; // the server's limit on title, text and snippet
  const pointer = {x: -1, y: -1};
  const test = {buttons: {}, lastReport: null, lastFalseAlarm: null}; // what tests read
  let MSG = null;
  let CATEGORIES = []; // shared/messages.js REPORT_CATEGORIES, the server's list

  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
  const page = () => globalThis.__wildlens.state;
  const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

  // snippet is the listing text from 40 UTF-16 units before a match to 40 after, widened
  // so it never splits a surrogate pair.
  function snippet(text, start, end) {
    let a = Math.max(0, start - SNIPPET_UNITS);
    let b = Math.min(text.length, end + SNIPPET_UNITS);
    if (a > 0 && isLow(text.charCodeAt(a))) a--;
    if (b < text.length && isLow(text.charCodeAt(b))) b++;
    return text.slice(a, b).slice(0, TEXT_UNITS);
  }

  function draft(chunk) {
    const st = page();
    const r = chunk.result;
    const d = {
      title: (chunk.meta.title || document.title || '').trim().slice(0, TEXT_UNITS),
      matches: (r.matches || []).map((m) => ({term_id: m.term_id, term: m.term, text: m.text.slice(0, TEXT_UNITS),
        start16: m.start16, end16: m.end16, snippet: snippet(chunk.text, m.start16, m.end16)})),
      verdict: r.verdict,
      score: r.score,
      lexicon_version: st.lexiconVersion,
    };
    if (st.profile && st.profile.id) d.platform = st.profile.id;
    if (chunk.meta.listingId) d.listing_id = chunk.meta.listingId;
    if (chunk.meta.sellerId) d.seller_id = chunk.meta.sellerId;
    return d;
  }

  // The page's visible text (the pagetext contract), whose SHA-256 the report carries
  // so a reviewer can check a saved copy of the page against it.
  const pageText = () => WildlensPageText.serialise(document.documentElement).text;

  // listingUnderPointer finds the scanned listing under the last pointer position, else
  // the page's only listing, else its only flagged one.
  function listingUnderPointer() {
    const chunks = page().chunks;
    for (let n = document.elementFromPoint(pointer.x, pointer.y); n; n = n.parentNode || n.host) {
      const c = chunks.get(n);
      if (c && c.result) return c;
    }
    const scanned = [...chunks.values()].filter((c) => c.result);
    if (scanned.length === 1) return scanned[0];
    const flagged = scanned.filter((c) => c.result.verdict === 'flag');
    if (flagged.length === 1) return flagged[0];
    throw new Error(scanned.length === 0 ? t('reportNoListing') : t('reportPointAtListing', scanned.length));
  }

  function send(message) {
    return chrome.runtime.sendMessage(message).then((reply) => {
      if (!reply || !reply.ok) throw new Error(reply ? reply.error : 'no reply from the background');
      return reply;
    });
  }

  function button(label, name, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('data-action', name);
    b.style.cssText = 'font: inherit; margin: 6px 6px 0 0; padding: 2px 8px; cursor: pointer;';
    b.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      onClick(b);
    });
    test.buttons[name] = b;
    return b;
  }

  function line(text, field) {
    const p = document.createElement('div');
    p.setAttribute('data-field', field);
    p.style.cssText = 'margin-top: 4px; color: #333;';
    p.textContent = text;
    return p;
  }

  // noteForm lets the moderator add or change the note and category of a report already
  // filed, sent or not; each press sends both as the form shows them.
  function noteForm(id, current = {note: '', category: ''}) {
    const form = document.createElement('div');
    form.style.cssText = 'margin-top: 4px; display: flex; gap: 4px; flex-wrap: wrap;';
    const select = document.createElement('select');
    select.append(new Option(t('reportCategory'), ''));
    for (const c of CATEGORIES) select.append(new Option(t(`category_${c}`), c));
    const input = document.createElement('input');
    input.placeholder = t('reportNote');
    input.style.cssText = 'font: inherit; flex: 1;';
    select.value = current.category;
    input.value = current.note;
    const status = line('', 'note-status');
    form.append(select, input, button(t('reportAddNote'), 'note', () => {
      status.textContent = '';
      send({type: MSG.REPORT_NOTE, id, note: input.value, category: select.value})
        .then(() => {
          status.textContent = t('reportNoteAdded');
          statusByListing.clear(); // the next card shows the note as now set
        })
        .catch((e) => { status.textContent = e.message; });
    }), status);
    test.note = {select, input, status};
    return form;
  }

  async function fileFromCard(hit, box, b) {
    b.disabled = true;
    const status = box.querySelector('[data-field="report-status"]');
    try {
      const d = draft(hit.chunk);
      const reply = await send({type: MSG.REPORT_FILE, report: d, pageText: pageText(), url: location.href});
      test.lastReport = reply;
      statusByListing.clear();
      status.textContent = reply.screenshot ? t('reportFiled') : t('reportFiledNoScreenshot');
      box.append(noteForm(reply.id));
    } catch (e) {
      status.textContent = e.message;
      b.disabled = false;
    }
  }

  async function markNotTrade(hit, box, b) {
    b.disabled = true;
    const status = box.querySelector('[data-field="report-status"]');
    const m = hit.match;
    try {
      test.lastFalseAlarm = await send({type: MSG.FALSE_ALARM, termId: m.term_id, text: m.text.slice(0, TEXT_UNITS),
        snippet: snippet(hit.chunk.text, m.start16, m.end16), lexiconVersion: page().lexiconVersion, url: location.href});
      status.textContent = t('falseAlarmSent');
    } catch (e) {
      status.textContent = e.message;
      b.disabled = false;
    }
  }

  // One status query per listing while the page is open (hovering must not flood the
  // server); filing a report here forgets the answer.
  const statusByListing = new Map();

  function reportStatus(chunk) {
    const st = page();
    const platform = (st.profile && st.profile.id) || '';
    const listingId = chunk.meta.listingId || '';
    // As the background keys a listing: its id within its platform, else the page URL
    // (which a single-page app changes without a new document).
    const key = platform && listingId ? `${platform}|${listingId}` : location.href;
    if (!statusByListing.has(key)) {
      const p = send({type: MSG.REPORT_STATUS, platform, listingId, url: location.href});
      p.catch(() => statusByListing.delete(key));
      statusByListing.set(key, p);
    }
    return statusByListing.get(key);
  }

  // decorateCard adds the actions to a hover card content.js is about to show for hit.
  function decorateCard(box, hit) {
    if (!MSG) return;
    const status = line('', 'report-status');
    box.append(
      button(t('reportButton'), 'report', (b) => fileFromCard(hit, box, b)),
      button(t('falseAlarmButton'), 'not-trade', (b) => markNotTrade(hit, box, b)),
      status);
    reportStatus(hit.chunk)
      .then((r) => {
        if (status.textContent !== '') return;
        if (r.byYou) status.textContent = t('reportedByYou');
        else if (r.server && r.server.count > 0) status.textContent = t('reportedByOthers', r.server.count);
        // The moderator's own report: its note and category can change at any time.
        if (r.mine) box.append(noteForm(r.mine.id, r.mine));
      })
      .catch(() => {});
  }

  // A report filed from the popup, menu or command: a small panel offers the note.
  function showFiledPanel(id) {
    const host = document.createElement('div');
    host.setAttribute('data-wildlens-ui', '');
    host.style.cssText = 'position: fixed !important; right: 12px; bottom: 12px; z-index: 2147483647 !important;';
    const root = host.attachShadow({mode: 'closed'});
    const box = document.createElement('div');
    box.style.cssText = 'font: 13px/1.4 system-ui, sans-serif; background: #fff; color: #1b1b1b; border: 1px solid #c9c9c9; border-radius: 6px; padding: 8px 10px; box-shadow: 0 4px 16px rgba(0,0,0,.18);';
    box.append(line(t('reportFiled'), 'report-status'), noteForm(id),
      button(t('reportClose'), 'close', () => host.remove()));
    root.append(box);
    document.documentElement.append(host);
    setTimeout(() => host.remove(), 30_000);
  }

  document.addEventListener('mousemove', (e) => {
    pointer.x = e.clientX;
    pointer.y = e.clientY;
  }, {passive: true, capture: true});

  import(chrome.runtime.getURL('shared/messages.js')).then((messages) => {
    MSG = messages.MSG;
    CATEGORIES = messages.REPORT_CATEGORIES;
    if (window !== window.top) return; // the popup, menu and command act on the top frame
    chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== chrome.runtime.id || !message) return false;
      if (message.type === MSG.REPORT_COLLECT) {
        try {
          sendResponse({ok: true, report: draft(listingUnderPointer()), pageText: pageText(), url: location.href});
        } catch (e) {
          sendResponse({ok: false, error: e.message});
        }
      } else if (message.type === MSG.REPORT_FILED) {
        statusByListing.clear();
        showFiledPanel(message.id);
      }
      return false;
    });
  });

  // Tests read the card's buttons (the card is a closed shadow root) and the last replies.
  globalThis.__wildlensReport = {
    button: (name) => {
      const b = test.buttons[name];
      if (!b || !b.isConnected) return null;
      const r = b.getBoundingClientRect();
      return {x: r.left + r.width / 2, y: r.top + r.height / 2, disabled: b.disabled};
    },
    status: () => {
      const b = test.buttons.report;
      const s = b && b.parentNode && b.parentNode.querySelector('[data-field="report-status"]');
      return s ? s.textContent : null;
    },
    // note fills the note form as a moderator would and presses "Add note".
    note: (text, category) => {
      test.note.input.value = text;
      test.note.select.value = category;
      test.buttons.note.click();
    },
    noteStatus: () => (test.note ? test.note.status.textContent : null),
    noteFields: () => (test.note ? {note: test.note.input.value, category: test.note.select.value} : null),
    get lastReport() { return test.lastReport; },
    get lastFalseAlarm() { return test.lastFalseAlarm; },
  };

  return {decorateCard};
})();
