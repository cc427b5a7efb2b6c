// The shared module every view talks to the API through: the deploy's config.json, the member's session
// and one fetch wrapper that adds the token. When the API says the token is no longer good (401), the
// session ends here and the page hears a "roster:signed-out" event (app.js shows the sign-in view).
import * as auth from './auth.js';

let config = null;
let session = null;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || (body && body.message) || `the API answered ${status}`);
    this.status = status;
    this.code = body && body.error && body.error.code;
  }
}

/** Reads config.json once (written by the deploy; the local stack serves web/config.json). */
export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-cache' });
  config = await response.json();
  config.apiBase = (config.apiBase || '').replace(/\/$/, '');
  config.auth = config.auth || { mode: 'local' };
  return config;
}

export const currentConfig = () => config;
export const currentSession = () => session;

export function setSession(value) {
  session = value;
}

export function endSession() {
  auth.signOut();
  session = null;
}

/** One API call with the member's token: {status, ok, body (parsed JSON or null), etag}. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { ...headers, authorization: 'Bearer ' + session.token } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(config.apiBase + path, init);
  } catch (e) {
    throw new Error('cannot reach the API (' + e.message + ')');
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.status === 401) {
    endSession();
    window.dispatchEvent(new CustomEvent('roster:signed-out', { detail: { reason: 'expired' } }));
    throw new ApiError(401, parsed);
  }
  return { status: response.status, ok: response.ok, body: parsed, etag: response.headers.get('etag') };
}
