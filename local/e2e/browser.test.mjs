// The web client in real headless Chromium against the local stack and its seeded community: sign in, see
// the grid, filter by a tag, page to the end, edit your profile, upload a photo and see its thumbnail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch } from './browser.js';
import { ROSTER_URL, api, devToken, pngImage } from './stack.js';

const PAGE_SIZE = 24;
let browser;
let page;
const run = Date.now().toString(36);
const email = `e2e-${run}@example.org`;
const myTag = `e2e-${run}`; // this run's profile only
const errors = [];

/** Every visible profile, walked through the API with its cursor (what the grid must end up showing). */
async function allVisible(tag) {
  const token = await devToken('e2e-counter', 'Counter', 'counter@example.org');
  const names = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (tag) query.set('tag', tag);
    if (cursor) query.set('cursor', cursor);
    const page = await api(token, '/profiles?' + query);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    names.push(...page.body.items.map((i) => i.name));
    cursor = page.body.next;
  } while (cursor);
  return names;
}

const cardNames = () => page.locator('#grid .card h2').allInnerTexts();

before(async () => {
  browser = await launch({ viewport: { width: 1100, height: 900 } });
  page = browser.context.pages()[0] || (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => errors.push(e.message));
});

after(async () => {
  await browser?.close();
});

test('signs in with a dev token and sees the seeded grid with 1x/2x thumbnails over placeholders', async () => {
  await page.goto(ROSTER_URL + '/');
  await page.getByLabel('Your name').fill('Eve Tester');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByRole('heading', { name: 'Directory' }).waitFor();
  await page.locator('#grid .card').nth(PAGE_SIZE - 1).waitFor();
  assert.equal(await page.locator('#grid .card').count(), PAGE_SIZE);
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();

  const withPhoto = page.locator('#grid .card .photo img');
  assert.ok((await withPhoto.count()) >= PAGE_SIZE / 2, 'most seeded members have a photo');
  const first = withPhoto.first();
  const srcset = await first.getAttribute('srcset');
  assert.match(srcset, /\/photos\/\S+ 1x, \S+\/photos\/\S+ 2x$/);
  // the ThumbHash is decoded into a data: URL behind the image, on the dominant colour
  const box = page.locator('#grid .card .photo').first();
  assert.equal(await box.getAttribute('data-placeholder'), 'thumbhash');
  assert.match(await box.evaluate((b) => b.style.backgroundImage), /^url\("data:image\/png;base64,/);
  assert.match(await box.evaluate((b) => b.style.backgroundColor), /^rgb/);
  await page.waitForFunction(() => {
    const img = document.querySelector('#grid .card .photo img');
    return img.complete && img.naturalWidth > 0 && img.classList.contains('loaded');
  });
  assert.ok((await page.locator('#grid .card .avatar').count()) >= 1, 'members without a photo show the avatar');
});

test('the ThumbHash decoder renders the colours of the photo the pipeline encoded it from', async () => {
  const differences = await page.evaluate(async () => {
    const { thumbHashToRGBA } = await import('/thumbhash.js');
    const mean = (rgba) => {
      const sum = [0, 0, 0];
      for (let i = 0; i < rgba.length; i += 4) for (let c = 0; c < 3; c++) sum[c] += rgba[i + c];
      return sum.map((s) => s / (rgba.length / 4));
    };
    const out = [];
    for (const card of [...document.querySelectorAll('#grid .card')].filter((c) => c.querySelector('.photo img')).slice(0, 8)) {
      const id = card.dataset.profileId;
      const placeholder = window.__rosterCards?.get(id)?.photo?.placeholder;
      const img = card.querySelector('.photo img');
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: 100, height: 100 });
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0, 100, 100);
      const photo = mean(context.getImageData(0, 0, 100, 100).data);
      const bytes = Uint8Array.from(atob(placeholder), (c) => c.charCodeAt(0));
      const decoded = mean(thumbHashToRGBA(bytes).rgba);
      out.push(Math.max(...photo.map((v, i) => Math.abs(v - decoded[i]))));
    }
    return out;
  });
  assert.ok(differences.length >= 4, 'enough photos to compare');
  for (const difference of differences) assert.ok(difference < 24, `mean colour differs by ${difference} of 255`);
});

test('filters by a tag chip and back', async () => {
  const chip = page.locator('#tag-chips button[data-tag="chess"]');
  const expected = await allVisible('chess');
  assert.ok(expected.length > 0);
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await page.getByText(`Showing ${expected.length} profiles (all of them).`).waitFor();
  assert.deepEqual(await cardNames(), expected);
  for (const tags of await page.locator('#grid .card .tags').allInnerTexts()) {
    assert.ok(tags.split('\n').includes('chess'), tags);
  }
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'false');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
});

test('pages to the end of the directory on the cursor', async () => {
  const expected = await allVisible();
  assert.ok(expected.length > PAGE_SIZE, `more than a page is seeded (${expected.length})`);
  // click "Load more" while it is there (scrolling it into view also loads: infinite scroll)
  for (let i = 0; i < 20 && !(await page.locator('#end-of-list').isVisible()); i++) {
    const more = page.locator('#load-more');
    if ((await more.isVisible()) && (await more.isEnabled())) await more.click({ timeout: 2000 }).catch(() => {});
    else await page.waitForTimeout(200);
  }
  await page.locator('#end-of-list').waitFor();
  await page.getByText(`Showing ${expected.length} profiles (all of them).`).waitFor();
  const names = await cardNames();
  assert.deepEqual(names, expected, 'every visible profile once, in the API order');
});

test('searches by text', async () => {
  await page.getByLabel('Search names, organisations, places and tags').fill('okafor');
  await page.getByText('Showing 1 profile (all of them).').waitFor();
  assert.deepEqual(await cardNames(), ['Ada Okafor']);
  await page.getByLabel('Search names, organisations, places and tags').fill('');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
});

test('creates and edits my profile, keeps it across a reload', async () => {
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByText('You have no profile yet').waitFor();
  await page.getByLabel('Name (required)').fill('Eve Tester');
  await page.getByLabel('Organisation', { exact: true }).fill('End-to-end Ltd');
  await page.getByLabel('Location', { exact: true }).fill('Headless');
  await page.getByLabel('Tags', { exact: true }).fill(`${myTag}, Chess`);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByText('Saved.').waitFor();

  await page.getByLabel('Location', { exact: true }).fill('Chromium');
  await page.getByLabel('Website', { exact: true }).fill('https://example.org/eve');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved.').waitFor();

  await page.reload();
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
  assert.equal(await page.getByLabel('Location', { exact: true }).inputValue(), 'Chromium');
  assert.equal(await page.getByLabel('Website', { exact: true }).inputValue(), 'https://example.org/eve');
  assert.equal(await page.getByLabel('Tags', { exact: true }).inputValue(), `${myTag}, chess`, 'tags come back normalised');
  assert.equal(await page.getByLabel('Show my profile in the directory').isChecked(), true);
});

test('uploads a photo with progress and sees its thumbnail appear', async () => {
  await page.getByText('No photo yet.').waitFor();
  const photo = pngImage(640, 480, 5);
  await page.evaluate(() => {
    window.__progressSeen = [];
    const bar = document.getElementById('upload-progress');
    const set = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value').set;
    Object.defineProperty(bar, 'value', { set(v) { window.__progressSeen.push(Number(v)); set.call(this, v); }, get() { return Number(this.getAttribute('value') ?? 0); } });
  });
  await page.getByLabel('Choose a photo (JPEG, PNG or WebP)').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
  await page.getByText('Your photo is ready.').waitFor({ timeout: 60_000 });
  const mine = page.locator('#my-photo .photo img');
  await page.waitForFunction(() => {
    const img = document.querySelector('#my-photo .photo img');
    return img && img.complete && img.naturalWidth > 0;
  });
  assert.match(await mine.getAttribute('src'), new RegExp('^' + ROSTER_URL + '/photos/'));
  const progress = await page.evaluate(() => window.__progressSeen);
  assert.equal(progress.at(-1), 100, `the progress bar went to 100: ${progress}`);

  // and in the directory, on my card
  await page.getByRole('link', { name: 'Directory' }).click();
  await page.locator(`#tag-chips button[data-tag="${myTag}"]`).click();
  await page.getByText('Showing 1 profile (all of them).').waitFor();
  assert.deepEqual(await cardNames(), ['Eve Tester']);
  await page.waitForFunction(() => {
    const img = document.querySelector('#grid .card .photo img');
    return img && img.complete && img.naturalWidth > 0;
  });
});

test('moves the focal point with the keyboard and by dragging, and sees both crops made again', async () => {
  await page.getByRole('link', { name: 'My profile' }).click();
  const handle = page.getByRole('slider', { name: 'Crop' });
  await handle.waitFor();
  const crops = () => page.evaluate(() => [document.getElementById('crop-thumb').src, document.getElementById('crop-detail').src]);
  const windowLeft = () => page.evaluate(() => document.getElementById('crop-window').style.left);
  const smart = await crops();
  assert.match(smart[0], new RegExp('^' + ROSTER_URL + '/photos/'));
  assert.equal(await windowLeft(), '12.5%', 'the smart window holds the centred disc: (640 - 480) / 2 of 640');

  // keyboard: Shift+ArrowLeft moves the dot in 10% steps; the crops are made again once the keys rest
  await handle.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
  assert.match(await handle.getAttribute('aria-valuetext'), /^0% from the left/);
  await page.waitForFunction((before) => document.getElementById('crop-thumb').src !== before
    && document.getElementById('photo-status').textContent === 'Your photo is ready.', smart[0], { timeout: 60_000 });
  const left = await crops();
  assert.notEqual(left[1], smart[1], 'the detail crop was made again too');
  assert.equal(await windowLeft(), '0%', 'the window the pipeline used, clamped to the left edge');

  // drag: from the dot to the stage's right edge
  const stage = await page.locator('#focal-stage').boundingBox();
  const dot = await handle.boundingBox();
  await page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage.x + stage.width * 0.7, stage.y + stage.height / 2, { steps: 4 });
  await page.mouse.move(stage.x + stage.width - 1, stage.y + stage.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction((before) => document.getElementById('crop-thumb').src !== before
    && document.getElementById('photo-status').textContent === 'Your photo is ready.', left[0], { timeout: 60_000 });
  assert.equal(await windowLeft(), '25%', 'clamped to the right edge: 160 of 640');
  assert.notEqual((await crops())[0], smart[0]);
});

test('shows why the pipeline rejected a file that is not an image', async () => {
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
  const notAnImage = Buffer.from('this is text, not a picture\n'.repeat(40));
  await page.getByLabel('Choose a photo (JPEG, PNG or WebP)').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: notAnImage });
  const status = page.locator('#photo-status');
  await page.waitForFunction(() => /rejected: /.test(document.getElementById('photo-status').textContent), null, { timeout: 60_000 });
  const text = await status.innerText();
  assert.match(text, /^Your last photo was rejected: \S/);
  assert.ok(!text.endsWith('no reason given'), text);
});

test('hides my profile from the directory with the visibility switch', async () => {
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
  await page.getByLabel('Show my profile in the directory').uncheck();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved.').waitFor();
  assert.ok(!(await allVisible()).includes('Eve Tester'));
});

test('works on a phone-sized screen and from the keyboard', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(ROSTER_URL + '/#/');
  await page.reload();
  await page.locator('#grid .card').first().waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no sideways scrolling');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  // tag chips are buttons: reachable by Tab and toggled by Space
  const chip = page.locator('#tag-chips button[data-tag="music"]');
  await chip.focus();
  await page.keyboard.press('Space');
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(errors, [], 'no script errors');
});
