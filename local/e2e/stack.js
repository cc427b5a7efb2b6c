// What the tests know about the running local stack (started by ./run, or yours: ROSTER_URL=http://127.0.0.1:3000).
import { deflateSync, crc32 } from 'node:zlib';

export const ROSTER_URL = (process.env.ROSTER_URL || '').replace(/\/$/, '');
if (!ROSTER_URL) {
  throw new Error('ROSTER_URL is not set: run these tests with local/e2e/run, or start ./local/run and set ROSTER_URL');
}

/** GET /local/stack: the emulator's endpoint and the local names of the template's resources. */
export async function stackInfo() {
  const response = await fetch(ROSTER_URL + '/local/stack');
  if (!response.ok) throw new Error(`GET /local/stack answered ${response.status}`);
  return response.json();
}

/** A dev token; {@code extra} adds claims the local issuer takes: email_verified, groups. */
export async function devToken(sub, name, email, extra = {}) {
  const response = await fetch(ROSTER_URL + '/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, name, email, ...extra }),
  });
  if (!response.ok) throw new Error(`POST /local/token answered ${response.status}: ${await response.text()}`);
  return (await response.json()).token;
}

/** The API, on the site's origin under /api as behind the deployment's distribution. */
export const API_URL = ROSTER_URL + '/api';

/** Calls the API as the holder of {@code token}; returns { status, body, etag }. */
export async function api(token, path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { ...headers, authorization: 'Bearer ' + token } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const response = await fetch(API_URL + path, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, etag: response.headers.get('etag') };
}

/** Polls GET /me until photoStatus is no longer PENDING (or the time is up); returns the profile. */
export async function waitForPhoto(token, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let me;
  while (Date.now() < deadline) {
    me = (await api(token, '/me')).body;
    if (me && me.photoStatus !== 'PENDING') return me;
    await new Promise((r) => setTimeout(r, 500));
  }
  return me;
}

/** A real PNG (RGB, a diagonal gradient with a disc), made here so the tests need no fixture files. */
export function pngImage(width = 320, height = 240, seed = 1) {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 3) ** 2;
      const i = y * row + 1 + x * 3;
      raw[i] = inDisc ? 240 : (x * 255) / width;
      raw[i + 1] = inDisc ? (seed * 70) % 256 : (y * 255) / height;
      raw[i + 2] = inDisc ? 60 : 160;
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
