// Live lexicon updates, the background's half: the engine document (engine/updates.js)
// holds the push stream and loads new bundles, because it outlives this worker's idle
// stop; the worker tells it which feed to follow, polls it every 15 minutes through
// chrome.alarms (the fallback when a push is lost), keeps the last check's result for
// the popup, and tells every open tab to re-scan when the lexicon changed.

import { MSG, ENGINE_MSG, STORAGE } from '../shared/messages.js';
import { loadSettings } from './settings.js';

const POLL_ALARM = 'wildlens-lexicon-poll';
const POLL_MINUTES = 15;
const ENGINE_URL = chrome.runtime.getURL('engine/engine.html');

const fromEngine = (sender) => sender.id === chrome.runtime.id && !sender.tab && sender.url === ENGINE_URL;

async function broadcast(lexiconVersion) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(tabs.map((tab) =>
    chrome.tabs.sendMessage(tab.id, {type: MSG.LEXICON_CHANGED, lexiconVersion}).catch(() => {})));
}

export function installUpdates({handlers, check, checkKeys, fromOwnPage, askEngine}) {
  handlers[MSG.LEXICON_FEED] = {
    from: fromEngine,
    validate: (m) => checkKeys(m, ['type']),
    run: async () => ({ok: true, feed: (await loadSettings()).lexiconFeed}),
  };
  handlers[MSG.LEXICON_CHECKED] = {
    from: fromEngine,
    validate(m) {
      checkKeys(m, ['type', 'status']);
      check(m.status !== null && typeof m.status === 'object' && Number.isInteger(m.status.version), 'status must be an object with a version');
    },
    async run(m) {
      const {changed, ...status} = m.status;
      await chrome.storage.local.set({[STORAGE.LEXICON_STATUS]: status});
      if (changed) await broadcast(status.version);
      return {ok: true};
    },
  };
  handlers[MSG.LEXICON_CHECK] = {
    from: fromOwnPage,
    validate: (m) => checkKeys(m, ['type']),
    run: () => askEngine({type: ENGINE_MSG.CHECK}),
  };

  chrome.alarms.get(POLL_ALARM).then((alarm) => {
    if (!alarm) chrome.alarms.create(POLL_ALARM, {periodInMinutes: POLL_MINUTES, delayInMinutes: POLL_MINUTES});
  });
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) askEngine({type: ENGINE_MSG.CHECK}).catch((e) => console.warn('wildlens poll:', e));
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (!((area === 'local' && STORAGE.SETTINGS in changes) || area === 'managed')) return;
    loadSettings()
      .then((s) => askEngine({type: ENGINE_MSG.FEED, feed: s.lexiconFeed}))
      .catch((e) => console.warn('wildlens feed:', e));
  });
}
