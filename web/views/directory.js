// The directory: search as you type, tag chips with counts, and the grid of cards, paged on the API's cursor.
// Every page the API returns is full (a search page too), so the first page fills the screen by itself; the
// next one loads when the member scrolls to the end (or presses "Load more"), never by walking pages unasked.
// Its filters live in its URL (#/?tag=chess&q=ada), so a tag link on a profile page opens the filtered
// directory and the back button returns to the directory as it was left.
import { api, ApiError } from '../api.js';
import { $, element, setStatus } from '../dom.js';
import { knownMine } from '../me.js';
import { photo, profileId } from '../photo.js';
import { showProblem } from '../problem.js';

const PAGE_SIZE = 24;
const SEARCH_DELAY_MS = 300;
// a card shows this many tags; its page shows them all
const CARD_TAGS = 3;
// the cards that can be on the first screen (a desktop's first rows): their photos load at once
const FIRST_SCREEN_CARDS = 6;
/** What the API searches for: 1 to 64 characters with a letter or digit (anything else is no search). */
const SEARCH_MAX_CHARS = 64;
const SEARCHABLE = /[\p{L}\p{N}]/u;

const state = {
  tags: new Set(),
  q: '',
  next: null,
  shown: 0,
  loading: false,
  // bumped by every new query: answers to an older one are dropped
  generation: 0,
  started: false,
  // where the page was scrolled and which card was opened, to come back to both
  scrollY: 0,
  opened: null,
  clearProblem: () => {},
};
let knownTags = [];

// the cards on screen by profile id (also read by the end-to-end test)
const cards = new Map();
window.__rosterCards = cards;

/** The profile page's address. */
export function profileHref(id) {
  return '#/profiles/' + encodeURIComponent(id);
}

/** The directory's address for its current search and tags. */
export function directoryHref() {
  const params = new URLSearchParams();
  for (const tag of state.tags) params.append('tag', tag);
  if (state.q) params.set('q', state.q);
  const query = params.toString();
  return '#/' + (query ? '?' + query : '');
}

// The whole card opens the profile (the name's link is stretched over it in CSS); the tag buttons sit above
// that link so they stay clickable, and each is its own Tab stop.
function card(item, index) {
  const id = profileId(item);
  const where = [item.organisation, item.location].filter(Boolean).join(' · ');
  // the tags being filtered by come first: the card shows why it matched
  const tags = [...(item.tags || [])].sort((a, b) => state.tags.has(b) - state.tags.has(a));
  const more = tags.length - CARD_TAGS;
  return element(
    'li',
    { class: 'card', 'data-profile-id': id },
    photo(item, { eager: state.shown + index < FIRST_SCREEN_CARDS }),
    element(
      'div',
      { class: 'card-text' },
      element('h2', { id: 'card-' + id }, element('a', { href: profileHref(id), class: 'card-link', onclick: () => (state.opened = id) }, item.name)),
      where ? element('p', {}, where) : null,
      tags.length
        ? element(
            'ul',
            { class: 'tags', 'aria-label': `Tags of ${item.name}` },
            tags.slice(0, CARD_TAGS).map((tag) =>
              element('li', {}, element('button', { type: 'button', 'aria-label': `Show only people tagged ${tag}`, onclick: () => filterByCardTag(tag) }, tag)),
            ),
            more > 0 ? element('li', { class: 'more-tags' }, `+${more}`) : null,
          )
        : null,
    ),
  );
}

function profilesQuery() {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const tag of state.tags) params.append('tag', tag);
  if (state.q) params.set('q', state.q);
  if (state.next) params.set('cursor', state.next);
  return '/profiles?' + params.toString();
}

function describeFilter() {
  const parts = [];
  if (state.q) parts.push(`“${state.q}”`);
  if (state.tags.size) parts.push(`tagged ${[...state.tags].join(' and ')}`);
  return parts.join(', ');
}

function showNoMatch(visible) {
  $('no-match').hidden = !visible;
}

async function loadPage() {
  if (state.loading) return;
  state.loading = true;
  const generation = state.generation;
  state.clearProblem();
  $('load-more').disabled = true;
  setStatus('directory-status', state.shown ? 'Loading more…' : 'Loading…');
  try {
    const response = await api(profilesQuery());
    if (generation !== state.generation) return;
    if (!response.ok) throw ApiError.of(response);
    const items = response.body.items || [];
    for (const item of items) cards.set(profileId(item), item);
    $('grid').append(...items.map((item, index) => card(item, index)));
    state.shown += items.length;
    state.next = response.body.next || null;
    const filtered = state.tags.size || state.q;
    const none = state.shown === 0 && !state.next;
    setStatus(
      'directory-status',
      none
        ? filtered ? `No one matches ${describeFilter()}.` : 'Nobody is in the directory yet.'
        : `Showing ${state.shown} ${state.shown === 1 ? 'profile' : 'profiles'}${state.next ? '' : ' (all of them)'}.`,
    );
    showNoMatch(none && !!filtered);
    $('load-more').hidden = !state.next;
    $('end-of-list').hidden = !!state.next || state.shown === 0;
  } catch (e) {
    if (generation === state.generation && e.status !== 401) {
      setStatus('directory-status', '');
      state.clearProblem = showProblem($('directory-problem'), 'Could not load profiles', e, loadPage);
    }
  } finally {
    if (generation === state.generation) {
      state.loading = false;
      $('load-more').disabled = false;
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
  state.opened = null;
  $('grid').replaceChildren();
  $('load-more').hidden = true;
  $('end-of-list').hidden = true;
  showNoMatch(false);
  renderChips();
  loadPage();
}

/** Records the filters in the URL without a new history entry (typing is not a place to go back to). */
function filtersChanged() {
  history.replaceState(null, '', directoryHref());
  reloadDirectory();
}

async function loadTags() {
  try {
    const response = await api('/tags');
    if (!response.ok) throw ApiError.of(response);
    const body = response.body || {};
    const list = Array.isArray(body) ? body : body.items || body.tags || [];
    knownTags = list.map((t) => (typeof t === 'string' ? { tag: t } : t)).filter((t) => t && t.tag);
  } catch {
    // the chips are a shortcut: without them, search and the tags on cards still filter
    knownTags = [];
  }
  renderChips();
}

// The chips are one toolbar: one Tab stop (the pressed chip, or the first), arrow keys move between them.
function renderChips() {
  const all = new Map(knownTags.map((t) => [t.tag, t.count]));
  for (const tag of state.tags) if (!all.has(tag)) all.set(tag, undefined);
  const buttons = [...all.entries()].map(([tag, count]) =>
    element(
      'button',
      { type: 'button', 'data-tag': tag, 'aria-pressed': String(state.tags.has(tag)), tabindex: '-1', onclick: () => toggleTag(tag) },
      tag,
      count !== undefined ? element('span', { class: 'count', 'aria-label': `, ${count} people` }, String(count)) : null,
    ),
  );
  const stop = buttons.find((b) => b.getAttribute('aria-pressed') === 'true') || buttons[0];
  if (stop) stop.tabIndex = 0;
  const focused = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.tag;
  $('tag-chips').replaceChildren(...buttons);
  $('tag-chips').hidden = buttons.length === 0;
  $('tags-title').hidden = buttons.length === 0;
  if (focused) {
    const again = buttons.find((b) => b.dataset.tag === focused);
    if (again) moveChipFocus(again);
  }
}

function moveChipFocus(target) {
  for (const button of $('tag-chips').querySelectorAll('button')) button.tabIndex = button === target ? 0 : -1;
  target.focus();
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function chipKeys(event) {
  const buttons = [...$('tag-chips').querySelectorAll('button')];
  const at = buttons.indexOf(document.activeElement);
  if (at < 0) return;
  const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  moveChipFocus(buttons[(to + buttons.length) % buttons.length]);
}

function toggleTag(tag) {
  if (state.tags.has(tag)) state.tags.delete(tag);
  else state.tags.add(tag);
  filtersChanged();
}

function filterByCardTag(tag) {
  state.tags = new Set([tag]);
  filtersChanged();
  $('search').focus();
}

function clearFilters() {
  state.tags = new Set();
  state.q = '';
  $('search').value = '';
  filtersChanged();
  $('search').focus();
}

/**
 * Tells a member without a profile that they are not listed yet, and how to be; and a member who has just
 * claimed an imported profile to check what it says (until they save it once).
 */
async function showOnboarding() {
  const me = await knownMine();
  $('onboarding').hidden = me !== null;
  $('claim-prompt').hidden = !(me && me.claimed && !me.claimed.reviewed);
}

function sameFilters(tags, q) {
  return q === state.q && tags.length === state.tags.size && tags.every((t) => state.tags.has(t));
}

/**
 * Shows the directory for the filters in its URL. The same filters as on screen keep the grid, its scroll
 * position and the focus on the card that was opened (coming back from a profile page).
 */
export function showDirectory(query = new URLSearchParams()) {
  document.title = 'Directory · roster';
  const tags = query.getAll('tag');
  const q = searchable(query.get('q') || '');
  showOnboarding();
  if (!state.started) {
    state.started = true;
    loadTags();
  } else if (sameFilters(tags, q)) {
    requestAnimationFrame(() => {
      window.scrollTo(0, state.scrollY);
      const link = state.opened && $('card-' + state.opened)?.querySelector('a');
      if (link) link.focus({ preventScroll: true });
    });
    return;
  }
  state.tags = new Set(tags);
  state.q = q;
  $('search').value = q;
  reloadDirectory();
}

/** Leaving the directory for another view: remember where it was scrolled. */
export function leaveDirectory() {
  state.scrollY = window.scrollY;
}

/** After signing out: the next sign-in starts the directory afresh. */
export function resetDirectory() {
  state.started = false;
  state.tags = new Set();
  state.q = '';
  state.scrollY = 0;
  $('onboarding').hidden = true;
  $('claim-prompt').hidden = true;
}

/** A search the API takes: the text, trimmed and cut to its length, if it has a letter or digit; else none. */
function searchable(text) {
  const q = text.trim().slice(0, SEARCH_MAX_CHARS);
  return SEARCHABLE.test(q) ? q : '';
}

function searchText() {
  return searchable($('search').value);
}

/** Wires the search box, the chips, the empty state, "Load more" and scrolling to the end (once, at start). */
export function wireDirectory() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.q = searchText();
    filtersChanged();
  });
  let typing = 0;
  $('search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const q = searchText();
      if (q !== state.q) {
        state.q = q;
        filtersChanged();
      }
    }, SEARCH_DELAY_MS);
  });
  $('tag-chips').addEventListener('keydown', chipKeys);
  $('clear-filters').addEventListener('click', clearFilters);
  $('load-more').addEventListener('click', loadPage);
  // the next page when the member scrolls to the end of the list: a scroll, not the list's own growth
  let scrolling = false;
  window.addEventListener('scroll', () => {
    if (scrolling) return;
    scrolling = true;
    requestAnimationFrame(() => {
      scrolling = false;
      if (state.next && !state.loading && $('directory-problem').hidden && inView($('load-more'))) loadPage();
    });
  }, { passive: true });
}
