// The crop editor on "My profile": the photo with the square both crops are cut from, and a focal point to
// drag or move with the arrow keys. Letting go asks the API to crop again around it (PUT /me/photo/focal-point).
import { api, ApiError } from '../api.js';
import { $, setStatus } from '../dom.js';
import { mine, waitForPhoto } from '../me.js';

const FOCAL_STEP = 0.02;
const FOCAL_BIG_STEP = 0.1;
const FOCAL_SEND_DELAY_MS = 700;

const state = {
  // the photo this browser uploaded in this session (an object URL), to draw the crop window on
  source: null,
  // the focal point being placed, {x, y} in 0..1 of the upright photo
  focal: null,
  timer: 0,
  // called once the pipeline has made the crops again (the editor view shows the photo's state)
  recropped: () => {},
};

/** The square the pipeline will cut for this focal point: centred on it, clamped to the photo (as CropWindow does). */
function windowAround(focal, width, height) {
  const side = Math.min(width, height);
  const clamp = (v, max) => Math.max(0, Math.min(max, v));
  return { x: clamp(Math.round(focal.x * width - side / 2), width - side), y: clamp(Math.round(focal.y * height - side / 2), height - side), side };
}

/** The photo just uploaded in this browser (an object URL) becomes what the window is drawn on. */
export function useUploadedSource(url) {
  if (state.source) URL.revokeObjectURL(state.source);
  state.source = url;
  state.focal = null;
  showCropEditor();
}

/**
 * The editor: the whole photo with the crop window on it — the file just uploaded in this browser, else the
 * pipeline's preview of the whole upright photo (only photos made before previews existed fall back to the
 * current detail crop, drawn where the window is).
 */
export function showCropEditor() {
  const me = mine.me;
  const crop = me && me.photo && me.photoCrop;
  $('focal-editor').hidden = !crop;
  if (!crop) return;
  const { sourceWidth: width, sourceHeight: height } = crop;
  const stage = $('focal-stage');
  stage.style.aspectRatio = `${width} / ${height}`;
  const whole = state.source || crop.preview;
  const source = $('focal-source');
  source.hidden = !whole;
  if (whole && source.getAttribute('src') !== whole) source.src = whole;
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
  windowImage.hidden = !!whole;
  if (!whole) {
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
  showCropEditor();
}

/** Asks for the crops to be made again around the placed focal point, then waits for them like an upload. */
async function sendFocal() {
  clearTimeout(state.timer);
  if (!state.focal) return;
  setStatus('photo-status', 'Cropping your photo again…');
  try {
    const response = await api('/me/photo/focal-point', { method: 'PUT', body: state.focal });
    if (response.status !== 202) throw ApiError.of(response);
    mine.etag = response.etag || mine.etag;
    if (mine.me) mine.me.photoStatus = 'PENDING';
    const outcome = await waitForPhoto();
    if (outcome === 'settled') state.recropped();
    else if (outcome === 'timeout') setStatus('photo-status', 'Your photo is still being processed; check again in a minute.');
    state.focal = null;
    showCropEditor();
  } catch (e) {
    if (e.status !== 401) setStatus('photo-status', 'The crops were not changed: ' + e.message, true);
  }
}

function focalFromPointer(event) {
  const box = $('focal-stage').getBoundingClientRect();
  placeFocal((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
}

/** Wires dragging and the arrow keys (once, at start); recropped runs when new crops are ready. */
export function wireCropEditor({ recropped }) {
  state.recropped = recropped;
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
    clearTimeout(state.timer);
    state.timer = setTimeout(sendFocal, FOCAL_SEND_DELAY_MS);
  });
}
