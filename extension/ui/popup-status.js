// The popup's lower half: report this tab's listing, the report queue (failures with
// their reasons, retry now) and the lexicon (version, last check, why an update was
// refused, check now). The upper half (popup.js) is the page's verdict and hits.
import {MSG, STORAGE} from '../shared/messages.js';

const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
const root = document.getElementById('wildlens-status');

function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function button(key, onClick) {
  const b = el('button', {type: 'button', textContent: t(key)});
  b.dataset.action = key;
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await onClick();
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

const result = el('p', {id: 'status-result'});
const queue = el('div', {id: 'queue'});
const lexicon = el('div', {id: 'lexicon-status'});

async function send(message) {
  const reply = await chrome.runtime.sendMessage(message);
  if (!reply || !reply.ok) throw new Error(reply ? reply.error : 'no reply');
  return reply;
}

// reason says what keeps a report in the list: its own sending, or that of the note
// or category added after it was sent.
function reason(r) {
  if (r.state !== 'sent') return r.lastError || t('popupQueueWaiting');
  return t('popupNotePending', r.annotation.lastError || t('popupQueueWaiting'));
}

function renderQueue(list) {
  const pending = (r) => r.state !== 'sent' || (r.annotation && r.annotation.state !== 'sent');
  const items = list.reports.filter(pending).map((r) =>
    el('li', {className: r.state === 'sent' ? r.annotation.state : r.state}, el('span', {textContent: r.title || r.url}), ' — ',
      el('span', {className: 'reason', textContent: reason(r)})));
  queue.replaceChildren(el('p', {textContent: t('popupQueue', list.waiting, list.failed, list.sent)}),
    el('ul', {}, ...items));
}

async function refreshQueue() {
  renderQueue(await send({type: MSG.REPORTS_LIST}));
}

async function renderLexicon() {
  const status = (await chrome.storage.local.get(STORAGE.LEXICON_STATUS))[STORAGE.LEXICON_STATUS];
  const lines = [];
  if (status) {
    const when = status.checkedAt ? new Date(status.checkedAt).toLocaleString() : t('popupLexiconNever');
    lines.push(el('p', {className: 'lexicon-version', textContent: t('popupLexiconStatus', status.version, when)}));
    if (status.refused) lines.push(el('p', {className: 'refused', textContent: t('popupLexiconRefused', status.refused)}));
    if (status.error) lines.push(el('p', {className: 'feed-error', textContent: status.error}));
  }
  lexicon.replaceChildren(...lines);
}

const [tab] = await chrome.tabs.query({active: true, currentWindow: true});
root.append(
  el('div', {className: 'actions'},
    button('popupReport', async () => {
      try {
        const filed = await send({type: MSG.REPORT_TAB, tabId: tab.id});
        result.textContent = filed.screenshot ? t('reportFiled') : t('reportFiledNoScreenshot');
      } catch (e) {
        result.textContent = e.message;
      }
      await refreshQueue();
    }),
    button('popupRetry', async () => renderQueue(await send({type: MSG.REPORTS_RETRY}))),
    button('popupCheckLexicon', async () => {
      try {
        await send({type: MSG.LEXICON_CHECK});
      } catch (e) {
        result.textContent = e.message;
      }
      await renderLexicon();
    }),
    el('a', {href: chrome.runtime.getURL('ui/options.html'), target: '_blank', textContent: t('popupOptions')})),
  result, queue, lexicon);

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && STORAGE.LEXICON_STATUS in changes) renderLexicon();
});
await Promise.all([refreshQueue(), renderLexicon()]);
root.dataset.ready = 'true';
