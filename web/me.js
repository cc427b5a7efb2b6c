// The signed-in member's own profile (GET /me), shared by the views that need it: the editor, the crop
// editor and the directory's onboarding prompt. Holds the item and its ETag for conditional saves.
import { api, ApiError } from './api.js';

const PHOTO_WAIT_MS = 90_000;

let loaded = false;

export const mine = {
  // the profile item, or null when the member has none yet
  me: null,
  etag: null,
  // bumped by every wait for the pipeline: an older wait stops when a newer one starts
  polling: 0,
};

/** After signing out: nothing is known of the next member's profile. */
export function forgetMine() {
  mine.me = null;
  mine.etag = null;
  loaded = false;
}

/** Reads /me: the profile, or null when there is none. Throws ApiError for other answers. */
export async function loadMine() {
  const response = await api('/me');
  if (response.status === 404) {
    mine.me = null;
    mine.etag = null;
  } else if (response.ok) {
    mine.me = response.body;
    mine.etag = response.etag;
  } else throw ApiError.of(response);
  loaded = true;
  return mine.me;
}

/** Polls /me until the photo is no longer PENDING: "settled", "timeout" or "superseded" (a newer wait began). */
export async function waitForPhoto() {
  const ticket = ++mine.polling;
  const deadline = Date.now() + PHOTO_WAIT_MS;
  while (Date.now() < deadline && ticket === mine.polling) {
    const response = await api('/me');
    if (response.ok) {
      mine.me = response.body;
      mine.etag = response.etag || mine.etag;
      if (response.body.photoStatus !== 'PENDING') return 'settled';
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return ticket === mine.polling ? 'timeout' : 'superseded';
}

/** The member's profile as last read, reading it once if no view has yet (null when there is none or on error). */
export async function knownMine() {
  if (!loaded) {
    try {
      await loadMine();
    } catch {
      return null;
    }
  }
  return mine.me;
}
