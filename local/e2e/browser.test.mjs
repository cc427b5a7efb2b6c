// The web client in real headless Chromium against the local stack and its seeded community: sign in, see
// the grid, filter by a tag, page to the end, open a member's page, edit your profile, upload a photo and
// see its thumbnail; the states that help (nothing matches, the API failing, offline); axe-core on every
// page at desktop and phone sizes, with screenshots kept under target/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, screenshot } from './axe.js';
import { launch } from './browser.js';
import { readFileSync } from 'node:fs';
import { API_URL, ROSTER_URL, api, devToken, pngImage } from './stack.js';

const PAGE_SIZE = 24;
let browser;
let page;
const run = Date.now().toString(36);
const email = `e2e-${run}@example.org`;
const myTag = `e2e-${run}`; // this run's profile only
const errors = [];
const requests = []; // every request the page sent: method and URL
const cspViolations = []; // what the deployment's Content-Security-Policy (served locally too) refused

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
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The page passes axe-core with no violations; a screenshot of it is kept either way. */
async function assertAccessible(name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${name} at ${JSON.stringify(page.viewportSize())}:\n${violations.join('\n')}`);
}

before(async () => {
  browser = await launch({ viewport: { width: 1100, height: 900 } });
  page = browser.context.pages()[0] || (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), type: r.resourceType() }));
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
  // the local stack's pipeline has libvips: every photo also comes as WebP, and Chromium takes the WebP source
  const picture = await page.locator('#grid .card .photo picture').first().evaluate((p) => ({
    type: p.querySelector('source')?.type,
    webp: p.querySelector('source')?.srcset,
    chosen: p.querySelector('img').currentSrc,
    jpeg: p.querySelector('img').getAttribute('src'),
  }));
  assert.equal(picture.type, 'image/webp');
  assert.match(picture.webp, /\/photos\/\S+\.webp 1x, \S+\/photos\/\S+\.webp 2x$/);
  assert.match(picture.jpeg, /\.jpg$/, 'the JPEG stays the fallback');
  assert.match(picture.chosen, /\.webp$/, 'Chromium shows the WebP crop');
  // asked outside the page, so the page's own requests stay what the later tests count
  assert.equal((await page.request.get(picture.chosen)).headers()['content-type'], 'image/webp');
  assert.ok((await page.locator('#grid .card .avatar').count()) >= 1, 'members without a photo show the avatar');
  // a new member is told they are not listed yet, and where to fix that
  await page.getByText('You are not in the directory yet.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Create a profile' }).getAttribute('href'), '#/me');
});

test('opens a member\'s page from their card, comes back with the back button, and deep-links to it', async () => {
  const token = await devToken('e2e-reader', 'Reader', 'reader@example.org');
  const withBio = (await api(token, '/profiles?limit=' + PAGE_SIZE)).body.items.find((i) => i.photo && i.tags.length);
  const full = (await api(token, '/profiles/' + withBio.id)).body;
  const cards = page.locator('#grid .card');
  const count = await cards.count();
  // not on the name: anywhere on the card opens it (the photo, here)
  const photoBox = await page.locator(`#grid .card[data-profile-id="${withBio.id}"] .photo`).boundingBox();
  await page.mouse.click(photoBox.x + photoBox.width / 2, photoBox.y + photoBox.height / 2);
  await page.waitForURL(new RegExp(`#/profiles/${withBio.id}$`));
  await page.getByRole('heading', { level: 1, name: full.name }).waitFor();
  await checkProfilePage(full);

  await page.goBack();
  await page.getByText(`Showing ${count} profiles.`).waitFor();
  assert.equal(await cards.count(), count, 'the grid is kept, not reloaded');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.card')?.dataset.profileId), withBio.id,
    'focus returns to the card that was opened');

  // a deep link, on a fresh load
  await page.goto(ROSTER_URL + '/#/profiles/' + withBio.id);
  await page.getByRole('heading', { level: 1, name: full.name }).waitFor();
  await checkProfilePage(full);
  // a tag opens the directory filtered by it
  const tag = full.tags[0];
  await page.locator('#profile-tags').getByRole('link', { name: tag, exact: true }).click();
  await page.waitForURL(new RegExp(`#/\\?tag=${encodeURIComponent(tag)}$`));
  assert.equal(await page.locator(`#tag-chips button[data-tag="${tag}"]`).getAttribute('aria-pressed'), 'true');
  const expected = await allVisible(tag);
  await page.getByText(`Showing ${expected.length} ${expected.length === 1 ? 'profile' : 'profiles'}`).waitFor();
  assert.deepEqual(await cardNames(), expected.slice(0, PAGE_SIZE));
  // a tag button on a card filters without opening the card
  const other = (await page.locator('#grid .card .tags button').first().innerText());
  await page.locator('#grid .card .tags button').first().click();
  await page.waitForURL(new RegExp(`#/\\?tag=${encodeURIComponent(other)}$`));
  await page.goto(ROSTER_URL + '/#/');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
});

/** The profile page shows what GET /profiles/{id} serves: text as text, the website as a safe link, tags as links. */
async function checkProfilePage(full) {
  const article = page.locator('#profile-page');
  if (full.organisation) await article.getByText(full.organisation).first().waitFor();
  if (full.bio) assert.equal(await page.locator('#profile-bio').innerText(), full.bio.trim());
  if (full.website) assert.equal(await article.getByRole('link').first().getAttribute('href'), new URL(full.website).href);
  assert.deepEqual(await page.locator('#profile-tags a').allInnerTexts(), full.tags);
  const img = page.locator('#profile-picture img');
  assert.equal(await img.getAttribute('srcset'), `${full.photo.detail1x} 1x, ${full.photo.detail2x} 2x`);
  if (full.photo.formats.includes('webp')) {
    assert.equal(await page.locator('#profile-picture source[type="image/webp"]').getAttribute('srcset'),
      `${full.photo.webp.detail1x} 1x, ${full.photo.webp.detail2x} 2x`);
  }
  assert.match(await page.locator('#profile-picture .photo').evaluate((b) => b.style.backgroundImage), /^url\("data:image\/png;base64,/);
  await page.waitForFunction(() => document.querySelector('#profile-picture img')?.naturalWidth > 0);
  assert.equal(await page.locator('#profile-edit').isVisible(), false, 'not my page: no edit link');
}

test('says when no one matches and clears search and tags in one go', async () => {
  await page.locator('#tag-chips button[data-tag="chess"]').click();
  await page.getByLabel('Search names, organisations and places').fill('zzqx-nobody');
  await page.getByText('No one matches “zzqx-nobody”, tagged chess.').waitFor();
  await page.getByRole('button', { name: 'Clear search and tags' }).click();
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
  assert.equal(await page.getByLabel('Search names, organisations and places').inputValue(), '');
  assert.equal(await page.locator('#tag-chips button[aria-pressed="true"]').count(), 0);
});

test('a failed API call offers a retry, and a 503 is not asked again before its Retry-After', async () => {
  const asked = [];
  let failures = [{ status: 500 }, { status: 503, retryAfter: '2' }];
  await page.route(/\/profiles\?/, async (route) => {
    asked.push(Date.now());
    const failure = failures.shift();
    if (!failure) return route.continue();
    await route.fulfill({
      status: failure.status,
      headers: { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) },
      body: JSON.stringify({ error: { code: 'unavailable', message: 'the directory is busy', retryable: true } }),
    });
  });
  try {
    await page.getByLabel('Search names, organisations and places').fill('a');
    await page.getByText('Could not load profiles: the directory is busy.').waitFor();
    const retry = page.locator('#directory-problem').getByRole('button', { name: 'Try again' });
    assert.equal(await retry.isEnabled(), true, 'a 500 may be retried at once');
    await retry.click();
    await page.getByText(/trying again in \d s/).waitFor();
    assert.equal(await retry.isEnabled(), false, 'the 503 asked to wait');
    await page.locator('#grid .card').first().waitFor({ timeout: 10_000 });
    assert.equal(asked.length, 3);
    assert.ok(asked[2] - asked[1] >= 1900, `asked again after ${asked[2] - asked[1]} ms, Retry-After was 2 s`);
    assert.equal(await page.locator('#directory-problem').isVisible(), false);
  } finally {
    await page.unroute(/\/profiles\?/);
    failures = [];
  }
  await page.getByLabel('Search names, organisations and places').fill('');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
});

test('a member\'s page that failed to load offers a retry, after the 503\'s Retry-After', async () => {
  const token = await devToken('e2e-reader', 'Reader', 'reader@example.org');
  const someone = (await api(token, '/profiles?limit=5')).body.items[0];
  const asked = [];
  let failures = [{ status: 503, retryAfter: '1' }];
  await page.route(new RegExp(`/api/profiles/${someone.id}$`), async (route) => {
    asked.push(Date.now());
    const failure = failures.shift();
    if (!failure) return route.continue();
    await route.fulfill({
      status: failure.status,
      headers: { 'content-type': 'application/json', 'retry-after': failure.retryAfter },
      body: JSON.stringify({ error: { code: 'unavailable', message: 'the profiles are busy', retryable: true } }),
    });
  });
  try {
    await page.goto(ROSTER_URL + '/#/profiles/' + someone.id);
    await page.getByText('Could not load this profile: the profiles are busy.').waitFor();
    assert.equal(await page.locator('#profile-problem').getByRole('button', { name: 'Try again' }).isEnabled(), false,
      'the 503 asked to wait');
    await page.getByRole('heading', { level: 1, name: someone.name }).waitFor({ timeout: 10_000 });
    assert.equal(asked.length, 2);
    assert.ok(asked[1] - asked[0] >= 900, `asked again after ${asked[1] - asked[0]} ms, Retry-After was 1 s`);
    assert.equal(await page.locator('#profile-problem').isVisible(), false);
  } finally {
    await page.unroute(new RegExp(`/api/profiles/${someone.id}$`));
    failures = [];
  }
  await page.goto(ROSTER_URL + '/#/');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
});

test('notices going offline, and loads again when back online', async () => {
  await browser.context.setOffline(true);
  await page.getByText('You are offline').waitFor();
  await page.getByLabel('Search names, organisations and places').fill('okafor');
  await page.getByText('Could not load profiles: you are offline.').waitFor();
  await browser.context.setOffline(false);
  await page.getByText('Showing 1 profile (all of them).').waitFor();
  assert.equal(await page.getByText('You are offline').isVisible(), false);
  await page.getByLabel('Search names, organisations and places').fill('');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
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

test('searches as you type: one request per pause, the beginning of a word, accents folded', async () => {
  const searches = [];
  const seen = (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/profiles') && url.searchParams.has('q')) searches.push(url.searchParams.get('q'));
  };
  page.on('request', seen);
  const box = page.getByLabel('Search names, organisations and places');
  await box.pressSequentially('ÓKAF', { delay: 30 });
  await page.getByText('Showing 1 profile (all of them).').waitFor();
  assert.deepEqual(await cardNames(), ['Ada Okafor']);
  page.off('request', seen);
  assert.deepEqual(searches, ['ÓKAF'], 'debounced: one request for the whole word, and no page walked');
  await box.fill('');
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
  assert.equal(await page.locator('#claim-review').isHidden(), true, 'a profile I made myself is not an import to check');
});

test('a save the service could not take keeps what I typed and sends it again after the 503\'s Retry-After', async () => {
  const sent = [];
  let failures = [{ status: 503, retryAfter: '1' }];
  await page.route(/\/api\/me$/, async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    sent.push({ at: Date.now(), body: route.request().postDataJSON() });
    const failure = failures.shift();
    if (!failure) return route.continue();
    await route.fulfill({
      status: failure.status,
      headers: { 'content-type': 'application/json', 'retry-after': failure.retryAfter },
      body: JSON.stringify({ error: { code: 'unavailable', message: 'the directory is busy', retryable: true } }),
    });
  });
  try {
    await page.getByLabel('About you').fill('Tests things in a headless browser.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Not saved: the directory is busy.').waitFor();
    assert.equal(await page.locator('#save-problem').getByRole('button', { name: 'Try again' }).isEnabled(), false,
      'the 503 asked to wait');
    await page.getByText('Saved.').waitFor({ timeout: 10_000 });
    assert.equal(sent.length, 2);
    assert.ok(sent[1].at - sent[0].at >= 900, `sent again after ${sent[1].at - sent[0].at} ms, Retry-After was 1 s`);
    assert.deepEqual(sent[1].body, sent[0].body, 'the same profile, sent again');
  } finally {
    await page.unroute(/\/api\/me$/);
    failures = [];
  }
  const token = await devToken('local-' + email, 'Eve Tester', email);
  assert.equal((await api(token, '/me')).body.bio, 'Tests things in a headless browser.');
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
  assert.equal(await page.getByText('You are not in the directory yet.').isVisible(), false, 'listed now');
  // my own page links to editing it
  await page.getByRole('link', { name: 'Eve Tester' }).click();
  await page.getByRole('heading', { level: 1, name: 'Eve Tester' }).waitFor();
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
});

/** Saves the form and waits for the API's answer (the status line may still say "Saved." from before). */
async function saveProfileAndWait() {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/me') && r.request().method() === 'PUT'),
    page.getByRole('button', { name: 'Save profile' }).click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
  await page.getByText('Saved.').waitFor();
}

test('shows contact details on my page once I opt in, and "Add to contacts" downloads them as a vCard', async () => {
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
  await page.getByLabel('Contact e-mail').fill(`contact-${run}@example.org`);
  await page.getByLabel('Phone').fill('+44 7700 900123');
  await saveProfileAndWait();
  const id = await page.evaluate(async () => (await import('/me.js')).mine.me.id);
  await page.goto(ROSTER_URL + '/#/profiles/' + id);
  await page.getByRole('heading', { level: 1, name: 'Eve Tester' }).waitFor();
  assert.equal(await page.locator('#profile-contact-list').isVisible(), false, 'not shown before opting in');

  // the form is filled from GET /me once it answers: tick the box after that, not before
  await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me' && r.request().method() === 'GET'),
    page.goto(ROSTER_URL + '/#/me')]);
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
  await page.getByLabel('Show my contact details to signed-in members').check();
  await saveProfileAndWait();
  await page.goto(ROSTER_URL + '/#/profiles/' + id);
  await page.getByRole('heading', { level: 1, name: 'Eve Tester' }).waitFor();
  await page.getByRole('link', { name: `contact-${run}@example.org` }).waitFor();
  assert.equal(await page.getByRole('link', { name: '+447700900123' }).getAttribute('href'), 'tel:+447700900123');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add to contacts' }).click()]);
  assert.equal(download.suggestedFilename(), 'Eve Tester.vcf');
  const card = (await import('node:fs')).readFileSync(await download.path(), 'utf8');
  assert.match(card, /^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
  assert.ok(card.includes(`\r\nEMAIL:contact-${run}@example.org\r\n`) && card.includes('\r\nTEL;VALUE=uri:tel:+447700900123\r\n'), card);
  assert.ok(!card.includes(email), 'never the sign-in e-mail');
  // never on a card
  await page.goto(ROSTER_URL + `/#/?tag=${myTag}`);
  await page.getByText('Showing 1 profile (all of them).').waitFor();
  assert.ok(!(await page.locator('#grid').innerText()).includes('contact-'), 'no contact on cards');
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

  // after a reload the whole photo is still there to place the point on: the pipeline's preview of it
  await page.reload();
  await handle.waitFor();
  await handle.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('focal-source').naturalWidth > 0);
  const preview = await page.evaluate(() => {
    const img = document.getElementById('focal-source');
    return { src: img.src, hidden: img.hidden, width: img.naturalWidth, height: img.naturalHeight };
  });
  assert.match(preview.src, new RegExp('^' + ROSTER_URL + '/photos/'));
  assert.deepEqual([preview.hidden, preview.width, preview.height], [false, 640, 480], 'the whole photo, not a crop');
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
  // the form is filled from GET /me once it answers: untick the box after that, not before
  await page.goto(ROSTER_URL + '/#/');
  await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me' && r.request().method() === 'GET'),
    page.getByRole('link', { name: 'My profile', exact: true }).click()]);
  await page.getByRole('button', { name: 'Save profile' }).waitFor();
  await page.getByLabel('Show my profile in the directory').uncheck();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved.').waitFor();
  assert.ok(!(await allVisible()).includes('Eve Tester'));
});

test('every page passes axe-core at desktop and phone sizes (screenshots in target/screenshots/)', async () => {
  const token = await devToken('e2e-reader', 'Reader', 'reader@example.org');
  const someone = (await api(token, '/profiles?limit=' + PAGE_SIZE)).body.items.find((i) => i.photo);
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.goto(ROSTER_URL + '/#/');
    // the directory comes back as it was left (pages loaded, scroll), so any count of cards will do here
    await page.getByText(/^Showing \d+ profiles/).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('#grid .card .photo img')].slice(0, 4).every((i) => i.complete));
    await assertAccessible('directory');

    await page.goto(ROSTER_URL + '/#/profiles/' + someone.id);
    await page.getByRole('heading', { level: 1, name: someone.name }).waitFor();
    await page.waitForFunction(() => document.querySelector('#profile-picture img')?.classList.contains('loaded'));
    await assertAccessible('profile');

    await page.goto(ROSTER_URL + '/#/me');
    await page.getByRole('button', { name: 'Save profile' }).waitFor();
    await page.getByRole('slider', { name: 'Crop' }).waitFor();
    await assertAccessible('my-profile-form-and-crop-editor');

    await page.getByRole('button', { name: 'Remove photo' }).click();
    await page.getByRole('dialog', { name: 'Remove your photo?' }).waitFor();
    await assertAccessible('remove-photo-confirmation');
    await page.getByRole('button', { name: 'Keep my photo' }).click();
  }
});

test('on a phone: the header is one row, the chips one Tab stop, the first card in the top half', async () => {
  await page.setViewportSize(PHONE);
  await page.goto(ROSTER_URL + '/#/');
  await page.reload();
  await page.locator('#grid .card').first().waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
  const tops = await page.evaluate(() => ['.brand', '.bar nav', '#sign-out'].map((s) => Math.round(document.querySelector(s).getBoundingClientRect().top)));
  const bar = await page.locator('.bar').boundingBox();
  assert.ok(bar.height <= 56, `the header is one row: ${bar.height} px high, tops ${tops}`);
  const first = await page.locator('#grid .card').first().boundingBox();
  assert.ok(first.y + 10 < PHONE.height / 2, `the first card starts at ${first.y} px of ${PHONE.height}`);
  assert.ok((await page.locator('#tag-chips').evaluate((c) => c.scrollWidth > c.clientWidth)), 'the chips are one row that scrolls');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  await page.getByLabel('Search names, organisations and places').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.parentElement.id), 'tag-chips', 'one stop in the chips');
  // arrow keys move along the chips, Space toggles one
  await page.keyboard.press('End');
  const last = await page.evaluate(() => document.activeElement.dataset.tag);
  await page.keyboard.press('Space');
  assert.equal(await page.locator(`#tag-chips button[data-tag="${last}"]`).getAttribute('aria-pressed'), 'true');
  await page.getByText(/^Showing \d+ profile/).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('card-link')), true, 'then the first card');
  await page.locator(`#tag-chips button[data-tag="${last}"]`).click();
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
});

test('on a desktop the cards of the grid are all the same height', async () => {
  await page.setViewportSize(DESKTOP);
  await page.goto(ROSTER_URL + '/#/');
  await page.getByText(`Showing ${PAGE_SIZE} profiles.`).waitFor();
  const heights = await page.locator('#grid .card').evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().height)));
  assert.equal(new Set(heights).size, 1, `heights ${heights}`);
  assert.ok(heights[0] <= 160, `a card is ${heights[0]} px high`);
});

test('removes my photo only after asking', async () => {
  await page.goto(ROSTER_URL + '/#/me');
  const remove = page.getByRole('button', { name: 'Remove photo' });
  await remove.click();
  await page.getByRole('button', { name: 'Keep my photo' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.equal(await page.locator('#my-photo .photo img').count(), 1, 'kept');
  await remove.click();
  await page.getByRole('dialog', { name: 'Remove your photo?' }).getByRole('button', { name: 'Remove photo' }).click();
  await page.getByText('Photo removed.').waitFor();
  assert.equal(await page.locator('#my-photo .avatar').count(), 1, 'the initials instead');
  assert.deepEqual(errors, [], 'no script errors');
});

test('calls the API on its own origin: one request per call, never a CORS preflight', async () => {
  const calls = requests.filter((r) => r.url.startsWith(API_URL + '/'));
  assert.ok(calls.length >= 10, `the page called the API under ${API_URL}: ${calls.length} requests`);
  assert.deepEqual(requests.filter((r) => r.method === 'OPTIONS' && r.url.startsWith(ROSTER_URL)), []);
  // what the page fetches itself: the API under /api, its config.json, the local sign-in; photo bytes go to S3
  const fetched = requests.filter((r) => (r.type === 'fetch' || r.type === 'xhr') && r.url.startsWith(ROSTER_URL));
  assert.deepEqual(fetched.filter((r) => !/^\/(api|local)\/|^\/config\.json$/.test(new URL(r.url).pathname)), [],
    'no API call goes anywhere but /api on the same origin');
  // the browser may not report preflights to the page: the stack's own request log (local/e2e/run) counts
  // what reached the server, one line per request
  if (process.env.ROSTER_LOG) {
    const lines = readFileSync(process.env.ROSTER_LOG, 'utf8').split('\n');
    const apiLines = lines.filter((l) => / \/api\//.test(l));
    assert.ok(apiLines.some((l) => / GET \/api\/profiles/.test(l)), 'the log shows the API calls');
    assert.deepEqual(apiLines.filter((l) => / OPTIONS \/api\//.test(l)), [], 'no preflight reached the API');
  }
});

test('runs under the deployment\'s Content-Security-Policy (no inline script or style) without a violation', async () => {
  const response = await fetch(ROSTER_URL + '/');
  const csp = response.headers.get('content-security-policy') || '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.deepEqual(cspViolations, []);
});
