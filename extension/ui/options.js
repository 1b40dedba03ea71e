// The options page: the report server, the lexicon feed, the moderator token (with a
// connection test), screenshots for hover-card reports, and the sites where highlighting
// is off (the same list the popup's per-site switch edits). Values a platform set by
// policy (chrome.storage.managed) are shown and locked.
import {MSG, STORAGE} from '../shared/messages.js';
import {SETTING_KEYS, checkServerURL, loadSettings} from '../background/settings.js';

const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
const $ = (id) => document.getElementById(id);
const ALL_URLS = {origins: ['<all_urls>']};

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);

function say(text, ok) {
  $('result').textContent = text;
  $('result').className = ok ? 'ok' : 'error';
}

async function showSettings() {
  const stored = (await chrome.storage.local.get(STORAGE.SETTINGS))[STORAGE.SETTINGS] || {};
  const effective = await loadSettings();
  for (const k of SETTING_KEYS) {
    const locked = effective.managed.includes(k);
    $(k).value = locked ? effective[k] : stored[k] || '';
    $(k).disabled = locked;
  }
  $('managed').textContent = effective.managed.length ? t('optionsManaged') : '';
}

function formValues() {
  const values = {};
  for (const k of SETTING_KEYS) values[k] = $(k).value.trim();
  return values;
}

$('settings').addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = formValues();
  const problem = checkServerURL(values.reportServer) || checkServerURL(values.lexiconFeed);
  if (problem) return say(problem, false);
  await chrome.storage.local.set({[STORAGE.SETTINGS]: values});
  say(t('optionsSaved'), true);
});

$('test').addEventListener('click', async () => {
  const {reportServer, moderatorToken} = formValues();
  say(t('optionsTesting'), true);
  const reply = await chrome.runtime.sendMessage({type: MSG.TEST_CONNECTION, server: reportServer, token: moderatorToken});
  say(reply.ok ? t('optionsTestOK') : t('optionsTestFailed', reply.error), reply.ok);
});

async function showScreenshots() {
  const granted = await chrome.permissions.contains(ALL_URLS);
  $('screenshots').textContent = t(granted ? 'optionsScreenshotsRevoke' : 'optionsScreenshotsAllow');
  $('screenshots').dataset.granted = String(granted);
}

$('screenshots').addEventListener('click', async () => {
  if ($('screenshots').dataset.granted === 'true') await chrome.permissions.remove(ALL_URLS);
  else await chrome.permissions.request(ALL_URLS);
  showScreenshots();
});

async function disabledSites() {
  return (await chrome.storage.local.get(STORAGE.DISABLED_SITES))[STORAGE.DISABLED_SITES] || [];
}

async function showSites() {
  const list = $('sites');
  list.replaceChildren();
  const sites = await disabledSites();
  if (sites.length === 0) list.append(Object.assign(document.createElement('li'), {textContent: t('optionsNoDisabledSites')}));
  for (const host of sites) {
    const li = document.createElement('li');
    const on = Object.assign(document.createElement('button'), {type: 'button', textContent: t('optionsSwitchOn')});
    on.addEventListener('click', async () => {
      const rest = (await disabledSites()).filter((h) => h !== host);
      await chrome.storage.local.set({[STORAGE.DISABLED_SITES]: rest});
    });
    li.append(host, on);
    list.append(li);
  }
}

$('add-site').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('site').value.trim();
  let host = input;
  try {
    host = new URL(input.includes('://') ? input : `https://${input}`).hostname;
  } catch {
    return say(t('optionsBadSite', input), false);
  }
  const sites = new Set(await disabledSites());
  sites.add(host);
  await chrome.storage.local.set({[STORAGE.DISABLED_SITES]: [...sites]});
  $('site').value = '';
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && STORAGE.DISABLED_SITES in changes) showSites();
});

// data-ready tells tests (and nothing else) that the form holds the stored values.
Promise.all([showSettings(), showScreenshots(), showSites()]).then(() => { document.body.dataset.ready = 'true'; });
