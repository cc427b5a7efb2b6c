// Optional comparison (not part of the build): the same four centre crops with sharp/libvips, the anchor
// of the pipeline goal. sharp is not a dependency of roster; install it outside the repository:
//   mkdir /tmp/sharp && (cd /tmp/sharp && npm install sharp)
//   NODE_PATH=/tmp/sharp/node_modules node bench/sharp-thumbnails.mjs FILE...
// Prints one JSON line per file like bench/thumbnails: one pipeline per size, run in parallel (how sharp
// is usually written), progressive JPEG at quality 86, median and p90 over RUNS (default 15) after 5 warm-ups.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const sharp = require(require.resolve('sharp', { paths: (process.env.NODE_PATH || '').split(':').filter(Boolean) }));
const sizes = [100, 200, 250, 500];
const runs = Number(process.env.RUNS || 15);

async function pipeline(bytes) {
  return Promise.all(sizes.map((size) => sharp(bytes).rotate()
      .resize(size, size, { fit: 'cover', position: 'centre' })
      .jpeg({ quality: 86, progressive: true }).toBuffer()));
}

function percentile(values, percent) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(percent / 100 * sorted.length) - 1)];
}

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const { width, height } = await sharp(bytes).metadata();
  for (let i = 0; i < 5; i++) await pipeline(bytes);
  const millis = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await pipeline(bytes);
    millis.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(JSON.stringify({ file, width, height, median_ms: +percentile(millis, 50).toFixed(1),
    p90_ms: +percentile(millis, 90).toFixed(1), runs, tool: `sharp ${sharp.versions.sharp} libvips ${sharp.versions.vips}` }));
}
