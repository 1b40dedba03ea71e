// Settings: where the lexicon comes from, where reports go and the moderator's token.
// The options page writes chrome.storage.local; a platform presets any of them through
// chrome.storage.managed (extension/managed-schema.json), and a managed value wins over
// the local one, key by key, so moderators install and go.

import { STORAGE } from '../shared/messages.js';

export const SETTING_KEYS = Object.freeze(['reportServer', 'lexiconFeed', 'moderatorToken']);

// checkServerURL returns why url cannot be a server address, or '' when it can: HTTPS,
// or plain HTTP to this machine only (a token must never cross a network in clear).
export function checkServerURL(url) {
  if (url === '') return '';
  let u;
  try {
    u = new URL(url);
  } catch {
    return `not a URL: ${url}`;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) {
    return `${url}: use https:// (http:// only for localhost)`;
  }
  if (u.username || u.password) return `${url}: must not carry credentials`;
  if (u.search || u.hash) return `${url}: no query or fragment, just the server's address`;
  return '';
}

// trimURL drops trailing slashes so paths append as `${server}/v1/...`.
const trimURL = (url) => url.replace(/\/+$/, '');

async function managedSettings() {
  try {
    return await chrome.storage.managed.get(null);
  } catch {
    return {}; // no policy on this machine
  }
}

// loadSettings returns {reportServer, lexiconFeed, moderatorToken, managed: [keys]}.
// An address that fails checkServerURL is returned as '' (not used), with its reason
// in problems.
export async function loadSettings() {
  const [stored, managed] = await Promise.all([chrome.storage.local.get(STORAGE.SETTINGS), managedSettings()]);
  const local = stored[STORAGE.SETTINGS] || {};
  const s = {managed: [], problems: {}};
  for (const k of SETTING_KEYS) {
    const fromPolicy = typeof managed[k] === 'string' && managed[k] !== '';
    if (fromPolicy) s.managed.push(k);
    s[k] = String((fromPolicy ? managed[k] : local[k]) || '').trim();
  }
  for (const k of ['reportServer', 'lexiconFeed']) {
    const problem = checkServerURL(s[k]);
    if (problem) {
      s.problems[k] = problem;
      s[k] = '';
    }
    s[k] = trimURL(s[k]);
  }
  return s;
}

// seedManagedSites adds the sites a platform switched off by policy to the popup's
// per-site list, once per value of the policy.
export async function seedManagedSites() {
  const managed = await managedSettings();
  if (!Array.isArray(managed.disabledSites)) return;
  const stored = await chrome.storage.local.get(STORAGE.DISABLED_SITES);
  const disabled = new Set(stored[STORAGE.DISABLED_SITES] || []);
  const before = disabled.size;
  for (const host of managed.disabledSites) if (typeof host === 'string' && host) disabled.add(host);
  if (disabled.size !== before) await chrome.storage.local.set({[STORAGE.DISABLED_SITES]: [...disabled]});
}
