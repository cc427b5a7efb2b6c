// The shared module every view talks to the API through: the deploy's config.json, the member's session
// and one fetch wrapper that adds the token. When the API says the token is no longer good (401), the
// session ends here and the page hears a "roster:signed-out" event (app.js shows the sign-in view).
import * as auth from './auth.js';

let config = null;
let session = null;

export class ApiError extends Error {
  constructor(status, body, retryAfterSeconds = null) {
    super((body && body.error && body.error.message) || (body && body.message) || `the API answered ${status}`);
    this.status = status;
    this.code = body && body.error && body.error.code;
    // from a 503's (or 429's) Retry-After: not to be asked again sooner
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The error for an answer that was not ok (api()'s result). */
  static of(response) {
    return new ApiError(response.status, response.body, response.retryAfterSeconds);
  }
}

/** A Retry-After header in seconds (it may be a number of seconds or an HTTP date); null without one. */
export function retryAfterSeconds(header, now = Date.now()) {
  if (!header) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
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

/** A GET whose answer is not JSON (a vCard): the body as a Blob; throws ApiError when not ok. */
export async function apiBlob(path) {
  const response = await fetch(config.apiBase + path, { headers: { authorization: 'Bearer ' + session.token } });
  if (response.status === 401) {
    endSession();
    window.dispatchEvent(new CustomEvent('roster:signed-out', { detail: { reason: 'expired' } }));
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body, retryAfterSeconds(response.headers.get('retry-after')));
  }
  return response.blob();
}

/** One API call with the member's token: {status, ok, body (parsed JSON or null), etag, retryAfterSeconds}. */
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
    const error = new Error(navigator.onLine === false ? 'you are offline' : 'cannot reach the API (' + e.message + ')');
    error.network = true;
    throw error;
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
  return {
    status: response.status,
    ok: response.ok,
    body: parsed,
    etag: response.headers.get('etag'),
    retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
  };
}
