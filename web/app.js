// roster's web client: static files, no build step. Talks to the HTTP API named in config.json with the
// member's token; photos go straight to S3 through the presigned URL the API hands out.
import * as auth from './auth.js';
import { thumbHashToDataURL } from './thumbhash.js';

const PAGE_SIZE = 24;
const PHOTO_WAIT_MS = 90_000;
// the browser sets these itself; XMLHttpRequest refuses to
const FORBIDDEN_UPLOAD_HEADERS = new Set(['host', 'content-length', 'connection', 'expect']);

const $ = (id) => document.getElementById(id);
const state = {
  config: null,
  session: null,
  tags: new Set(),
  q: '',
  next: null,
  shown: 0,
  loading: false,
  generation: 0,
  etag: null,
  me: null,
  polling: 0,
  // the photo this browser uploaded in this session (an object URL), to draw the crop window on
  source: null,
  // the focal point being placed, {x, y} in 0..1 of the upright photo
  focal: null,
};

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function notice(message, kind = 'error') {
  const box = $('notice');
  box.textContent = message || '';
  box.className = 'notice ' + kind;
  box.hidden = !message;
}

function setStatus(id, message, error = false) {
  const node = $(id);
  node.textContent = message;
  node.classList.toggle('error', error);
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || (body && body.message) || `the API answered ${status}`);
    this.status = status;
    this.code = body && body.error && body.error.code;
  }
}

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { ...headers, authorization: 'Bearer ' + state.session.token } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(state.config.apiBase + path, init);
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
    auth.signOut();
    state.session = null;
    notice('Your sign-in has ended. Please sign in again.', 'info');
    route();
    throw new ApiError(401, parsed);
  }
  return { status: response.status, ok: response.ok, body: parsed, etag: response.headers.get('etag') };
}

// ---------------------------------------------------------------- cards

function initials(name) {
  return (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

function colourFor(text) {
  let hash = 0;
  for (const c of text || '') hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 45% 40%)`;
}

/** The fallback when there is no photo: the API's avatar hint (initials, colour) or ones made from the name. */
function avatar(item) {
  const hint = item.avatar && typeof item.avatar === 'object' ? item.avatar : {};
  const text = hint.initials || (typeof item.avatar === 'string' && item.avatar.length <= 3 ? item.avatar : initials(item.name));
  const colour = hint.colour || hint.color || colourFor(profileId(item) || item.name);
  return element('div', { class: 'avatar', style: `background:${colour}`, 'aria-hidden': 'true' }, text);
}

const placeholders = new Map();
// the cards on screen by profile id (also read by the end-to-end test)
const cards = new Map();
window.__rosterCards = cards;
function placeholderUrl(hash) {
  if (!placeholders.has(hash)) {
    let url = null;
    try {
      url = thumbHashToDataURL(hash);
    } catch {
      url = null;
    }
    placeholders.set(hash, url);
  }
  return placeholders.get(hash);
}

/** The photo in a 100×100 box: ThumbHash (or the dominant colour) until the 1x/2x thumbnail has loaded. */
function photo(item) {
  const p = item.photo;
  if (!p || !p.thumb1x) return avatar(item);
  const box = element('div', { class: 'photo', 'data-placeholder': p.placeholder ? 'thumbhash' : 'colour' });
  if (p.colour) box.style.backgroundColor = p.colour;
  const url = p.placeholder && placeholderUrl(p.placeholder);
  if (url) box.style.backgroundImage = `url("${url}")`;
  const img = element('img', {
    src: p.thumb1x,
    srcset: p.thumb2x ? `${p.thumb1x} 1x, ${p.thumb2x} 2x` : null,
    width: 100,
    height: 100,
    alt: '',
    loading: 'lazy',
    decoding: 'async',
  });
  const loaded = () => img.classList.add('loaded');
  img.addEventListener('load', loaded);
  if (img.complete && img.naturalWidth) loaded();
  box.append(img);
  return box;
}

/** The card's profile id (the API calls it "id"). */
function profileId(item) {
  return item.id || item.profileId;
}

function card(item) {
  const id = 'card-' + profileId(item);
  const where = [item.organisation, item.location].filter(Boolean).join(' · ');
  return element(
    'li',
    { class: 'card', 'data-profile-id': profileId(item) },
    photo(item),
    element(
      'div',
      {},
      element('h2', { id }, item.name),
      where ? element('p', {}, where) : null,
      (item.tags || []).length
        ? element(
            'ul',
            { class: 'tags', 'aria-label': `Tags of ${item.name}` },
            item.tags.map((tag) =>
              element('li', {}, element('button', { type: 'button', 'aria-label': `Show only people tagged ${tag}`, onclick: () => toggleTag(tag, true) }, tag)),
            ),
          )
        : null,
    ),
  );
}

// ---------------------------------------------------------------- directory

function profilesQuery() {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const tag of state.tags) params.append('tag', tag);
  if (state.q) params.set('q', state.q);
  if (state.next) params.set('cursor', state.next);
  return '/profiles?' + params.toString();
}

async function loadPage() {
  if (state.loading) return;
  state.loading = true;
  const generation = state.generation;
  $('load-more').disabled = true;
  setStatus('directory-status', state.shown ? 'Loading more…' : 'Loading…');
  try {
    const response = await api(profilesQuery());
    if (generation !== state.generation) return;
    if (!response.ok) throw new ApiError(response.status, response.body);
    const items = response.body.items || [];
    for (const item of items) cards.set(profileId(item), item);
    $('grid').append(...items.map(card));
    state.shown += items.length;
    state.next = response.body.next || null;
    const filtered = state.tags.size || state.q;
    setStatus(
      'directory-status',
      state.shown === 0 && !state.next
        ? filtered ? 'Nobody matches this filter.' : 'Nobody is in the directory yet.'
        : `Showing ${state.shown} ${state.shown === 1 ? 'profile' : 'profiles'}${state.next ? '' : ' (all of them)'}.`,
    );
    $('load-more').hidden = !state.next;
    $('end-of-list').hidden = !!state.next || state.shown === 0;
  } catch (e) {
    if (generation === state.generation && e.status !== 401) setStatus('directory-status', 'Could not load profiles: ' + e.message, true);
  } finally {
    if (generation === state.generation) {
      state.loading = false;
      $('load-more').disabled = false;
      // infinite scroll: keep going while the end of the list is on screen (a filtered page can be short)
      requestAnimationFrame(() => {
        if (generation === state.generation && state.next && !state.loading && inView($('load-more'))) loadPage();
      });
    }
  }
}

function inView(node) {
  if (node.hidden) return false;
  const box = node.getBoundingClientRect();
  return box.top < window.innerHeight + 200 && box.bottom > -200;
}

function reloadDirectory() {
  state.generation++;
  state.loading = false;
  state.next = null;
  state.shown = 0;
  $('grid').replaceChildren();
  $('load-more').hidden = true;
  $('end-of-list').hidden = true;
  renderChipsPressed();
  loadPage();
}

let knownTags = [];
async function loadTags() {
  try {
    const response = await api('/tags');
    if (!response.ok) throw new ApiError(response.status, response.body);
    const body = response.body || {};
    const list = Array.isArray(body) ? body : body.items || body.tags || [];
    knownTags = list.map((t) => (typeof t === 'string' ? { tag: t } : t)).filter((t) => t && t.tag);
  } catch (e) {
    knownTags = [];
  }
  renderChips();
}

function renderChips() {
  const all = new Map(knownTags.map((t) => [t.tag, t.count]));
  for (const tag of state.tags) if (!all.has(tag)) all.set(tag, undefined);
  $('tag-chips').replaceChildren(
    ...[...all.entries()].map(([tag, count]) =>
      element(
        'li',
        {},
        element(
          'button',
          { type: 'button', 'data-tag': tag, 'aria-pressed': String(state.tags.has(tag)), onclick: () => toggleTag(tag) },
          tag,
          count !== undefined ? element('span', { class: 'count', 'aria-label': `, ${count} people` }, String(count)) : null,
        ),
      ),
    ),
  );
}

function renderChipsPressed() {
  for (const button of $('tag-chips').querySelectorAll('button[data-tag]')) {
    button.setAttribute('aria-pressed', String(state.tags.has(button.dataset.tag)));
  }
}

function toggleTag(tag, fromCard = false) {
  if (fromCard) {
    state.tags = new Set([tag]);
    renderChips();
    $('search').focus();
  } else if (state.tags.has(tag)) state.tags.delete(tag);
  else state.tags.add(tag);
  reloadDirectory();
}

// ---------------------------------------------------------------- my profile

function fillForm(me) {
  const form = $('profile-form');
  form.elements.name.value = me ? me.name || '' : (state.session && state.session.name) || '';
  form.elements.organisation.value = (me && me.organisation) || '';
  form.elements.location.value = (me && me.location) || '';
  form.elements.website.value = (me && me.website) || '';
  form.elements.bio.value = (me && me.bio) || '';
  form.elements.tags.value = ((me && me.tags) || []).join(', ');
  form.elements.visible.checked = me ? !!me.visible : true;
  $('save-profile').textContent = me ? 'Save profile' : 'Create profile';
}

async function loadMe() {
  setStatus('profile-status', 'Loading…');
  $('save-profile').disabled = true;
  $('save-profile').textContent = 'Loading…';
  try {
    const response = await api('/me');
    if (response.status === 404) {
      state.me = null;
      state.etag = null;
      fillForm(null);
      setStatus('profile-status', 'You have no profile yet: fill in at least your name and save.');
    } else if (response.ok) {
      state.me = response.body;
      state.etag = response.etag;
      fillForm(state.me);
      setStatus('profile-status', '');
    } else throw new ApiError(response.status, response.body);
  } catch (e) {
    if (e.status !== 401) setStatus('profile-status', 'Could not load your profile: ' + e.message, true);
  } finally {
    $('save-profile').disabled = false;
  }
  showPhotoState();
}

async function saveProfile(event) {
  event.preventDefault();
  const form = $('profile-form');
  if (!form.elements.name.value.trim()) {
    setStatus('profile-status', 'Your name is required.', true);
    form.elements.name.focus();
    return;
  }
  const body = { name: form.elements.name.value.trim(), visible: form.elements.visible.checked };
  for (const field of ['organisation', 'location', 'website', 'bio']) {
    const value = form.elements[field].value.trim();
    if (value) body[field] = value;
  }
  body.tags = form.elements.tags.value.split(',').map((t) => t.trim()).filter(Boolean);
  const headers = state.etag ? { 'if-match': state.etag } : {};
  $('save-profile').disabled = true;
  setStatus('profile-status', 'Saving…');
  try {
    const response = await api('/me', { method: 'PUT', body, headers });
    if (response.ok) {
      state.etag = response.etag || state.etag;
      state.me = response.body && response.body.name ? response.body : { ...(state.me || {}), ...body };
      if (!response.etag || !(response.body && response.body.name)) await loadMe();
      fillForm(state.me);
      setStatus('profile-status', 'Saved.');
    } else if (response.status === 412 || response.status === 428) {
      setStatus('profile-status', 'Your profile was changed elsewhere (another tab?). It has been reloaded: check it and save again.', true);
      const kept = body;
      await loadMe();
      fillForm({ ...state.me, ...kept });
    } else throw new ApiError(response.status, response.body);
  } catch (e) {
    if (e.status !== 401) setStatus('profile-status', 'Not saved: ' + e.message, true);
  } finally {
    $('save-profile').disabled = false;
  }
}

function rejectionReason(me) {
  return me.photoRejection || me.rejectionReason || me.photoRejectionReason || (me.photo && me.photo.rejection) || 'no reason given';
}

function showPhotoState() {
  const me = state.me;
  const box = $('my-photo');
  box.replaceChildren(me ? photo(me) : avatar({ name: state.session.name }));
  $('photo-file').disabled = !me;
  $('delete-photo').hidden = !(me && me.photo && me.photo.thumb1x);
  showFocalEditor();
  if (!me) {
    setStatus('photo-status', 'Save your profile first, then add a photo.');
    return;
  }
  switch (me.photoStatus) {
    case 'PENDING':
      setStatus('photo-status', 'Processing your photo…');
      break;
    case 'READY':
      setStatus('photo-status', 'Your photo is ready.');
      break;
    case 'REJECTED':
      setStatus('photo-status', 'Your last photo was rejected: ' + rejectionReason(me), true);
      break;
    default:
      setStatus('photo-status', 'No photo yet.');
  }
}

function putWithProgress(grant, file) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(grant.method || 'PUT', grant.url);
    for (const [name, value] of Object.entries(grant.headers || {})) {
      if (!FORBIDDEN_UPLOAD_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    const progress = $('upload-progress');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener('load', () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`storage answered ${xhr.status}`)),
    );
    xhr.addEventListener('error', () => reject(new Error('the upload failed (network error)')));
    xhr.addEventListener('abort', () => reject(new Error('the upload was cancelled')));
    xhr.send(file);
  });
}

async function uploadPhoto() {
  const file = $('photo-file').files[0];
  if (!file) return;
  const progress = $('upload-progress');
  progress.value = 0;
  progress.hidden = false;
  setStatus('photo-status', 'Asking for an upload URL…');
  try {
    const response = await api('/me/photo', { method: 'POST', body: { contentType: file.type || 'application/octet-stream', contentLength: file.size } });
    if (response.status !== 201 && response.status !== 200) throw new ApiError(response.status, response.body);
    const source = URL.createObjectURL(file);
    setStatus('photo-status', 'Uploading…');
    await putWithProgress(response.body, file);
    progress.value = 100;
    setStatus('photo-status', 'Uploaded. Processing your photo…');
    await waitForPhoto(response.body.uploadId);
    // the crop editor draws on this file once it is the photo (not when it was rejected)
    if (state.me && state.me.photoStatus === 'READY') {
      if (state.source) URL.revokeObjectURL(state.source);
      state.source = source;
      state.focal = null;
      showFocalEditor();
    } else URL.revokeObjectURL(source);
  } catch (e) {
    if (e.status !== 401) setStatus('photo-status', 'Photo not uploaded: ' + e.message, true);
  } finally {
    progress.hidden = true;
    $('photo-file').value = '';
  }
}

async function waitForPhoto() {
  const ticket = ++state.polling;
  const deadline = Date.now() + PHOTO_WAIT_MS;
  while (Date.now() < deadline && ticket === state.polling) {
    const response = await api('/me');
    if (response.ok) {
      state.me = response.body;
      state.etag = response.etag || state.etag;
      if (response.body.photoStatus !== 'PENDING') {
        showPhotoState();
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (ticket === state.polling) setStatus('photo-status', 'Your photo is still being processed; check again in a minute.');
}

// ---------------------------------------------------------------- focal point

const FOCAL_STEP = 0.02;
const FOCAL_BIG_STEP = 0.1;
const FOCAL_SEND_DELAY_MS = 700;
let focalTimer = 0;

/** The square the pipeline will cut for this focal point: centred on it, clamped to the photo (as CropWindow does). */
function windowAround(focal, width, height) {
  const side = Math.min(width, height);
  const clamp = (v, max) => Math.max(0, Math.min(max, v));
  return { x: clamp(Math.round(focal.x * width - side / 2), width - side), y: clamp(Math.round(focal.y * height - side / 2), height - side), side };
}

/** The editor: the photo (or, after a reload, the current detail crop in its place) with the crop window on it. */
function showFocalEditor() {
  const me = state.me;
  const crop = me && me.photo && me.photoCrop;
  $('focal-editor').hidden = !crop;
  if (!crop) return;
  const { sourceWidth: width, sourceHeight: height } = crop;
  const stage = $('focal-stage');
  stage.style.aspectRatio = `${width} / ${height}`;
  const source = $('focal-source');
  source.hidden = !state.source;
  if (state.source && source.getAttribute('src') !== state.source) source.src = state.source;
  const focal = state.focal || crop.focalPoint || { x: (crop.window.x + crop.window.side / 2) / width, y: (crop.window.y + crop.window.side / 2) / height };
  // a focal point being placed shows the window it will become, until the pipeline has made it
  const shown = state.focal ? windowAround(state.focal, width, height) : crop.window;
  const place = (node, w) => {
    node.style.left = `${(100 * w.x) / width}%`;
    node.style.top = `${(100 * w.y) / height}%`;
    node.style.width = `${(100 * w.side) / width}%`;
    node.style.height = `${(100 * w.side) / height}%`;
  };
  const frame = $('crop-window');
  place(frame, shown);
  frame.classList.toggle('predicted', shown !== crop.window);
  // without the original in this browser, the current crop stands in for what the window holds
  const windowImage = $('focal-window-image');
  windowImage.hidden = !!state.source;
  if (!state.source) {
    place(windowImage, crop.window);
    if (windowImage.getAttribute('src') !== me.photo.detail2x) windowImage.src = me.photo.detail2x || me.photo.detail1x;
  }
  const handle = $('focal-handle');
  handle.style.left = `${100 * focal.x}%`;
  handle.style.top = `${100 * focal.y}%`;
  const percent = (v) => Math.round(100 * v);
  handle.setAttribute('aria-valuenow', String(percent(focal.x)));
  handle.setAttribute('aria-valuetext', `${percent(focal.x)}% from the left, ${percent(focal.y)}% from the top`);
  handle.dataset.x = String(focal.x);
  handle.dataset.y = String(focal.y);
  for (const [id, url] of [['crop-thumb', me.photo.thumb1x], ['crop-detail', me.photo.detail1x]]) {
    if ($(id).getAttribute('src') !== url) $(id).src = url;
  }
  $('crop-detail').srcset = me.photo.detail2x ? `${me.photo.detail1x} 1x, ${me.photo.detail2x} 2x` : '';
  $('crop-thumb').srcset = me.photo.thumb2x ? `${me.photo.thumb1x} 1x, ${me.photo.thumb2x} 2x` : '';
}

/** Moves the dot (and the predicted window) without asking the API yet. */
function placeFocal(x, y) {
  const clamp = (v) => Math.max(0, Math.min(1, v));
  state.focal = { x: Math.round(clamp(x) * 1000) / 1000, y: Math.round(clamp(y) * 1000) / 1000 };
  showFocalEditor();
}

/** Asks for the crops to be made again around the placed focal point, then waits for them like an upload. */
async function sendFocal() {
  clearTimeout(focalTimer);
  if (!state.focal) return;
  setStatus('photo-status', 'Cropping your photo again…');
  try {
    const response = await api('/me/photo/focal-point', { method: 'PUT', body: state.focal });
    if (response.status !== 202) throw new ApiError(response.status, response.body);
    state.etag = response.etag || state.etag;
    if (state.me) state.me.photoStatus = 'PENDING';
    await waitForPhoto(response.body.uploadId);
    state.focal = null;
    showFocalEditor();
  } catch (e) {
    if (e.status !== 401) setStatus('photo-status', 'The crops were not changed: ' + e.message, true);
  }
}

function focalFromPointer(event) {
  const box = $('focal-stage').getBoundingClientRect();
  placeFocal((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
}

function wireFocalEditor() {
  const stage = $('focal-stage');
  const handle = $('focal-handle');
  let dragging = false;
  stage.addEventListener('pointerdown', (event) => {
    dragging = true;
    stage.setPointerCapture(event.pointerId);
    handle.focus();
    focalFromPointer(event);
  });
  stage.addEventListener('pointermove', (event) => {
    if (dragging) focalFromPointer(event);
  });
  const release = () => {
    if (!dragging) return;
    dragging = false;
    sendFocal();
  };
  stage.addEventListener('pointerup', release);
  stage.addEventListener('pointercancel', release);
  handle.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? FOCAL_BIG_STEP : FOCAL_STEP;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (event.key === 'Enter') {
      event.preventDefault();
      sendFocal();
      return;
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    placeFocal(Number(handle.dataset.x) + move[0], Number(handle.dataset.y) + move[1]);
    // one request once the keys rest, not one per key press
    clearTimeout(focalTimer);
    focalTimer = setTimeout(sendFocal, FOCAL_SEND_DELAY_MS);
  });
}

async function deletePhoto() {
  try {
    const response = await api('/me/photo', { method: 'DELETE' });
    if (!response.ok) throw new ApiError(response.status, response.body);
    await loadMe();
    setStatus('photo-status', 'Photo removed.');
  } catch (e) {
    if (e.status !== 401) setStatus('photo-status', 'Could not remove the photo: ' + e.message, true);
  }
}

// ---------------------------------------------------------------- sign-in and routing

function showView(name) {
  for (const view of document.querySelectorAll('.view')) view.hidden = view.id !== 'view-' + name;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  $('who-name').textContent = state.session ? state.session.name : '';
  $('sign-out').hidden = !state.session;
}

let directoryStarted = false;
function route() {
  if (!state.session) {
    const local = state.config.auth.mode === 'local';
    $('sign-in-local').hidden = !local;
    $('sign-in-oidc').hidden = local;
    directoryStarted = false;
    showView('sign-in');
    return;
  }
  if (location.hash === '#/me') {
    showView('me');
    document.title = 'My profile · roster';
    loadMe();
  } else {
    showView('directory');
    document.title = 'Directory · roster';
    if (!directoryStarted) {
      directoryStarted = true;
      loadTags();
      reloadDirectory();
    }
  }
}

async function signedIn(session) {
  state.session = session;
  notice('');
  route();
  $('main').focus();
}

async function start() {
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    state.config = await response.json();
  } catch (e) {
    notice('Cannot read config.json: ' + e.message);
    return;
  }
  state.config.apiBase = (state.config.apiBase || '').replace(/\/$/, '');
  state.config.auth = state.config.auth || { mode: 'local' };

  $('sign-in-local').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      await signedIn(await auth.signInLocal(state.config.auth, form.elements.name.value, form.elements.email.value));
    } catch (e) {
      notice('Sign-in failed: ' + e.message);
    }
  });
  $('sign-in-oidc-button').addEventListener('click', () => auth.startOidcSignIn(state.config.auth).catch((e) => notice('Sign-in failed: ' + e.message)));
  $('sign-out').addEventListener('click', () => {
    auth.signOut();
    state.session = null;
    route();
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.q = $('search').value.trim();
    reloadDirectory();
  });
  let typing = 0;
  $('search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const q = $('search').value.trim();
      if (q !== state.q) {
        state.q = q;
        reloadDirectory();
      }
    }, 300);
  });
  $('load-more').addEventListener('click', loadPage);
  // infinite scroll: the "Load more" button loads the next page by itself when it scrolls into view
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && state.next && !state.loading) loadPage();
  }, { rootMargin: '200px' }).observe($('load-more'));
  $('profile-form').addEventListener('submit', saveProfile);
  $('photo-file').addEventListener('change', uploadPhoto);
  $('delete-photo').addEventListener('click', deletePhoto);
  wireFocalEditor();
  window.addEventListener('hashchange', route);

  if (state.config.auth.mode === 'oidc') {
    try {
      const session = await auth.completeOidcSignIn(state.config.auth);
      if (session) state.session = session;
    } catch (e) {
      notice('Sign-in failed: ' + e.message);
    }
  }
  state.session = state.session || auth.currentSession();
  route();
}

start();
