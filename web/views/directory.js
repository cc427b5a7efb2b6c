// The directory: search, tag chips with counts, and the grid of cards, paged on the API's cursor
// (infinite scroll, with a "Load more" button for keyboards and when the observer cannot see it).
import { api, ApiError } from '../api.js';
import { $, element, setStatus } from '../dom.js';
import { photo, profileId } from '../photo.js';

const PAGE_SIZE = 24;
const SEARCH_DELAY_MS = 300;

const state = {
  tags: new Set(),
  q: '',
  next: null,
  shown: 0,
  loading: false,
  // bumped by every new query: answers to an older one are dropped
  generation: 0,
  started: false,
};
let knownTags = [];

// the cards on screen by profile id (also read by the end-to-end test)
const cards = new Map();
window.__rosterCards = cards;

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

async function loadTags() {
  try {
    const response = await api('/tags');
    if (!response.ok) throw new ApiError(response.status, response.body);
    const body = response.body || {};
    const list = Array.isArray(body) ? body : body.items || body.tags || [];
    knownTags = list.map((t) => (typeof t === 'string' ? { tag: t } : t)).filter((t) => t && t.tag);
  } catch {
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

/** Shows the directory; loads tags and the first page the first time after signing in. */
export function showDirectory() {
  document.title = 'Directory · roster';
  if (!state.started) {
    state.started = true;
    loadTags();
    reloadDirectory();
  }
}

/** After signing out: the next sign-in starts the directory afresh. */
export function resetDirectory() {
  state.started = false;
}

/** Wires the search box, "Load more" and infinite scroll (once, at start). */
export function wireDirectory() {
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
    }, SEARCH_DELAY_MS);
  });
  $('load-more').addEventListener('click', loadPage);
  // infinite scroll: the "Load more" button loads the next page by itself when it scrolls into view
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && state.next && !state.loading) loadPage();
  }, { rootMargin: '200px' }).observe($('load-more'));
}
