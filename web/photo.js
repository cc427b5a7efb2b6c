// A member's picture as every view shows it: the photo's thumbnail over its ThumbHash placeholder, or,
// without a photo, the avatar (initials on a colour).
import { element } from './dom.js';
import { thumbHashToDataURL } from './thumbhash.js';

/** The profile id of an item (the API calls it "id"). */
export function profileId(item) {
  return item.id || item.profileId;
}

function initials(name) {
  return (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

// the API chooses every profile's avatar colour (readable under white initials); this one is for the
// member who has no profile yet (9.9:1 under white)
const NO_PROFILE_COLOUR = '#3d4a5c';

/** The fallback when there is no photo: the API's avatar hint (initials, colour) or ones made from the name. */
export function avatar(item) {
  const hint = item.avatar && typeof item.avatar === 'object' ? item.avatar : {};
  const text = hint.initials || (typeof item.avatar === 'string' && item.avatar.length <= 3 ? item.avatar : initials(item.name));
  const node = element('div', { class: 'avatar', 'aria-hidden': 'true' }, text);
  node.style.background = hint.colour || NO_PROFILE_COLOUR;
  return node;
}

const placeholders = new Map();
export function placeholderUrl(hash) {
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

/**
 * A photo's crop in a box of `px` pixels: ThumbHash (or the dominant colour) until the image has loaded, then a
 * <picture>: the WebP crops as its source when the API lists them in `formats` (a browser that reads WebP takes
 * those, about a third lighter for the same look), the JPEG crops as the <img> every browser shows.
 * crop: 'thumb' or 'detail' (the API's thumb1x/thumb2x, detail1x/detail2x); img: the img's own attributes.
 */
export function cropBox(p, crop, px, img = {}) {
  const box = element('div', { class: 'photo', 'data-placeholder': p.placeholder ? 'thumbhash' : 'colour' });
  if (p.colour) box.style.backgroundColor = p.colour;
  const url = p.placeholder && placeholderUrl(p.placeholder);
  if (url) box.style.backgroundImage = `url("${url}")`;
  const [oneX, twoX] = [crop + '1x', crop + '2x'];
  const srcset = (urls) => (urls[twoX] ? `${urls[oneX]} 1x, ${urls[twoX]} 2x` : urls[oneX]);
  const webp = Array.isArray(p.formats) && p.formats.includes('webp') && p.webp && p.webp[oneX] ? p.webp : null;
  const image = element('img', { width: px, height: px, decoding: 'async', ...img });
  box.append(element('picture', {}, webp ? element('source', { type: 'image/webp', srcset: srcset(webp) }) : null, image));
  // the URLs only once the img sits in its picture after the source: set earlier, the browser may fetch the JPEG too
  if (p[twoX]) image.srcset = srcset(p);
  image.src = p[oneX];
  const loaded = () => image.classList.add('loaded');
  image.addEventListener('load', loaded);
  if (image.complete && image.naturalWidth) loaded();
  return box;
}

/**
 * The photo in a 100×100 box (see cropBox), or the avatar without one.
 * eager: for the cards on the first screen, which should not wait for layout to start loading (and go first).
 */
export function photo(item, { eager = false } = {}) {
  const p = item.photo;
  if (!p || !p.thumb1x) return avatar(item);
  return cropBox(p, 'thumb', 100, {
    alt: '',
    loading: eager ? 'eager' : 'lazy',
    // the first screen's photos are what a member waits for (one of them is the largest paint): fetch them first
    fetchpriority: eager ? 'high' : null,
  });
}
