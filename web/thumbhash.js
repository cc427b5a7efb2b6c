// ThumbHash decoder (the published algorithm by Evan Wallace, https://evanw.github.io/thumbhash/):
// a hash is a DC term and a few DCT coefficients of an LPQA colour space (luminance, two chroma
// channels, alpha), quantised to 4 bits. Decoding renders them back into a small RGBA image, at most
// 32 pixels on its long side, which the browser scales up smoothly as a placeholder.

/** Base64 (standard or URL-safe, padding optional) to bytes. */
export function base64ToBytes(text) {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Width / height of the original image, as the hash records it. */
export function approximateAspectRatio(hash) {
  const hasAlpha = (hash[2] & 0x80) !== 0;
  const isLandscape = (hash[4] & 0x80) !== 0;
  const lx = isLandscape ? (hasAlpha ? 5 : 7) : hash[3] & 7;
  const ly = isLandscape ? hash[3] & 7 : hasAlpha ? 5 : 7;
  return lx / ly;
}

/** The hash rendered as { w, h, rgba } (rgba: Uint8ClampedArray, 4 bytes a pixel). */
export function thumbHashToRGBA(hash) {
  const header24 = hash[0] | (hash[1] << 8) | (hash[2] << 16);
  const header16 = hash[3] | (hash[4] << 8);
  const lDc = (header24 & 63) / 63;
  const pDc = ((header24 >> 6) & 63) / 31.5 - 1;
  const qDc = ((header24 >> 12) & 63) / 31.5 - 1;
  const lScale = ((header24 >> 18) & 31) / 31;
  const hasAlpha = header24 >> 23 !== 0;
  const pScale = ((header16 >> 3) & 63) / 63;
  const qScale = ((header16 >> 9) & 63) / 63;
  const isLandscape = header16 >> 15 !== 0;
  const lx = Math.max(3, isLandscape ? (hasAlpha ? 5 : 7) : header16 & 7);
  const ly = Math.max(3, isLandscape ? header16 & 7 : hasAlpha ? 5 : 7);
  const aDc = hasAlpha ? (hash[5] & 15) / 15 : 1;
  const aScale = (hash[5] >> 4) / 15;

  // AC coefficients: 4 bits each, low nibble first; chroma boosted 1.25x against quantisation
  const acStart = hasAlpha ? 6 : 5;
  let acIndex = 0;
  const channel = (nx, ny, scale) => {
    const ac = [];
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = cy ? 0 : 1; cx * ny < nx * (ny - cy); cx++) {
        const nibble = (hash[acStart + (acIndex >> 1)] >> ((acIndex & 1) << 2)) & 15;
        ac.push((nibble / 7.5 - 1) * scale);
        acIndex++;
      }
    }
    return ac;
  };
  const lAc = channel(lx, ly, lScale);
  const pAc = channel(3, 3, pScale * 1.25);
  const qAc = channel(3, 3, qScale * 1.25);
  const aAc = hasAlpha ? channel(5, 5, aScale) : null;

  const ratio = approximateAspectRatio(hash);
  const w = Math.round(ratio > 1 ? 32 : 32 * ratio);
  const h = Math.round(ratio > 1 ? 32 / ratio : 32);
  const rgba = new Uint8ClampedArray(w * h * 4);
  const cxStop = Math.max(lx, hasAlpha ? 5 : 3);
  const cyStop = Math.max(ly, hasAlpha ? 5 : 3);
  const fx = new Float64Array(cxStop);
  const fy = new Float64Array(cyStop);
  for (let y = 0, i = 0; y < h; y++) {
    for (let cy = 0; cy < cyStop; cy++) fy[cy] = Math.cos((Math.PI / h) * (y + 0.5) * cy);
    for (let x = 0; x < w; x++, i += 4) {
      for (let cx = 0; cx < cxStop; cx++) fx[cx] = Math.cos((Math.PI / w) * (x + 0.5) * cx);
      let l = lDc;
      let p = pDc;
      let q = qDc;
      let a = aDc;
      for (let cy = 0, j = 0; cy < ly; cy++) {
        const fy2 = fy[cy] * 2;
        for (let cx = cy ? 0 : 1; cx * ly < lx * (ly - cy); cx++, j++) l += lAc[j] * fx[cx] * fy2;
      }
      for (let cy = 0, j = 0; cy < 3; cy++) {
        const fy2 = fy[cy] * 2;
        for (let cx = cy ? 0 : 1; cx < 3 - cy; cx++, j++) {
          const f = fx[cx] * fy2;
          p += pAc[j] * f;
          q += qAc[j] * f;
        }
      }
      if (aAc) {
        for (let cy = 0, j = 0; cy < 5; cy++) {
          const fy2 = fy[cy] * 2;
          for (let cx = cy ? 0 : 1; cx < 5 - cy; cx++, j++) a += aAc[j] * fx[cx] * fy2;
        }
      }
      // LPQ to RGB
      const b = l - (2 / 3) * p;
      const r = (3 * l - b + q) / 2;
      const g = r - q;
      rgba[i] = Math.round(255 * Math.min(1, Math.max(0, r)));
      rgba[i + 1] = Math.round(255 * Math.min(1, Math.max(0, g)));
      rgba[i + 2] = Math.round(255 * Math.min(1, Math.max(0, b)));
      rgba[i + 3] = Math.round(255 * Math.min(1, Math.max(0, a)));
    }
  }
  return { w, h, rgba };
}

/** The average colour the hash encodes, { r, g, b, a } each 0..1. */
export function thumbHashToAverageRGBA(hash) {
  const header = hash[0] | (hash[1] << 8) | (hash[2] << 16);
  const l = (header & 63) / 63;
  const p = ((header >> 6) & 63) / 31.5 - 1;
  const q = ((header >> 12) & 63) / 31.5 - 1;
  const hasAlpha = header >> 23 !== 0;
  const a = hasAlpha ? (hash[5] & 15) / 15 : 1;
  const b = l - (2 / 3) * p;
  const r = (3 * l - b + q) / 2;
  const g = r - q;
  const clamp = (v) => Math.max(0, Math.min(1, v));
  return { r: clamp(r), g: clamp(g), b: clamp(b), a };
}

/** A data: URL (PNG, via a canvas) of the decoded placeholder, or null where there is no canvas. */
export function thumbHashToDataURL(base64) {
  const { w, h, rgba } = thumbHashToRGBA(base64ToBytes(base64));
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.putImageData(new ImageData(rgba, w, h), 0, 0);
  return canvas.toDataURL();
}
