// The popup: the active tab's verdict, hits grouped by term, jumps between hits, and the
// per-site switch. It talks to the tab's top-frame content script.
import {MSG, STORAGE} from '../shared/messages.js';

const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
const $ = (id) => document.getElementById(id);

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);

const [tab] = await chrome.tabs.query({active: true, currentWindow: true});

function ask(message) {
  return chrome.tabs.sendMessage(tab.id, message, {frameId: 0});
}

function render(summary) {
  const verdict = $('verdict');
  verdict.className = 'verdict ' + summary.verdict;
  verdict.textContent = t(summary.verdict === 'flag' ? 'popupVerdictFlag' : 'popupVerdictClear');
  const flagged = summary.listings.filter((l) => l.verdict === 'flag').length;
  $('counts').textContent = t('popupListings', summary.listings.length, flagged);
  $('site-label').textContent = t('popupSiteOn', summary.host);
  $('site-enabled').checked = summary.enabled;
  const list = $('terms');
  list.replaceChildren();
  if (summary.terms.length === 0) {
    const li = document.createElement('li');
    li.textContent = t('popupNoHits');
    list.append(li);
  }
  for (const term of summary.terms) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'risk-' + term.risk;
    name.textContent = term.term;
    const count = document.createElement('span');
    count.textContent = String(term.count);
    li.append(name, count);
    list.append(li);
  }
  $('prev').disabled = $('next').disabled = summary.hits === 0;
  $('lexicon').textContent = summary.lexiconVersion ? t('popupLexicon', summary.lexiconVersion) : '';
}

// refresh asks the page again a few times: the popup may open before the page's content
// script has started (a page still loading).
async function refresh(attempts = 5) {
  try {
    render(await ask({type: MSG.PAGE_SUMMARY}));
  } catch (err) {
    if (attempts > 1) {
      setTimeout(() => refresh(attempts - 1), 300);
      return;
    }
    $('page').replaceChildren(Object.assign(document.createElement('p'), {textContent: t('popupUnavailable')}));
  }
}

async function jump(direction) {
  const reply = await ask({type: MSG.JUMP, direction});
  $('position').textContent = reply.hits > 0 ? t('popupPosition', reply.index + 1, reply.hits) : '';
}

$('prev').addEventListener('click', () => jump('prev'));
$('next').addEventListener('click', () => jump('next'));
$('site-enabled').addEventListener('change', async (event) => {
  const summary = await ask({type: MSG.PAGE_SUMMARY});
  const stored = await chrome.storage.local.get(STORAGE.DISABLED_SITES);
  const disabled = new Set(stored[STORAGE.DISABLED_SITES] || []);
  if (event.target.checked) disabled.delete(summary.host);
  else disabled.add(summary.host);
  await chrome.storage.local.set({[STORAGE.DISABLED_SITES]: [...disabled]});
  // The content script reacts to the storage change; give it a moment, then redraw.
  setTimeout(refresh, 300);
});

refresh();
