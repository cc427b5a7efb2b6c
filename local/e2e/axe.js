// axe-core (pinned in package.json) run inside the page, and screenshots kept under target/screenshots/ (CI
// keeps them as artefacts). axe is evaluated through the DevTools protocol, which a Content-Security-Policy
// does not block, so the page is checked exactly as served.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = join(here, 'target', 'screenshots');

/** The axe violations on the page as it is now, each as "rule: target (summary)" lines. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  })));
  return violations.map((v) => `${v.id} (${v.help}):\n  ${v.nodes.join('\n  ')}`);
}

/**
 * Screenshots as target/screenshots/<name>-<width>x<height>.png (the first screen, what a member sees on
 * arrival) and <name>-<width>x<height>-full.png (the whole page).
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize();
  // photos fade in over their placeholder: let that finish
  await page.waitForTimeout(400);
  const path = join(SCREENSHOTS, `${name}-${width}x${height}.png`);
  await page.screenshot({ path });
  await page.screenshot({ path: path.replace(/\.png$/, '-full.png'), fullPage: true });
  return path;
}
