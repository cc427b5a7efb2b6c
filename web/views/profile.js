// A member's page (#/profiles/<id>): GET /profiles/{id} shown in full — the detail crop, name, where, website,
// bio and tags (each a link to the directory filtered by it). Everything is set as text or through safe
// attributes: the bio is never parsed as HTML and only http(s) websites become links.
import { api, apiBlob, ApiError } from '../api.js';
import { $, element, setStatus } from '../dom.js';
import { knownMine } from '../me.js';
import { avatar, cropBox } from '../photo.js';
import { showProblem } from '../problem.js';
import { showReport } from './report.js';

const DETAIL_PX = 250;

let generation = 0;
// clears the "could not load, try again" box of the last failed load, if any
let clearProblem = () => {};

/** An http(s) address as a link; anything else (javascript:, data:, junk) is not a link. */
export function safeWebsite(address) {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The link back to the directory a tag filters (what the directory's own URL looks like). */
export function tagHref(tag) {
  return '#/?' + new URLSearchParams({ tag }).toString();
}

function picture(profile) {
  const p = profile.photo;
  if (!p || !p.detail1x) {
    const fallback = avatar(profile);
    fallback.classList.add('large');
    return fallback;
  }
  const box = cropBox(p, 'detail', DETAIL_PX, { alt: `Photo of ${profile.name}` });
  box.classList.add('large');
  return box;
}

function contactItem(label, href, text) {
  return element('li', {}, element('span', { class: 'label' }, label + ' '), element('a', { href }, text));
}

/** The contact details the member chose to show (absent otherwise), and "Add to contacts". */
function renderContact(profile) {
  const contact = profile.contact || {};
  const items = [];
  if (contact.contactEmail) items.push(contactItem('E-mail', 'mailto:' + contact.contactEmail, contact.contactEmail));
  if (contact.contactPhone) items.push(contactItem('Phone', 'tel:' + contact.contactPhone, contact.contactPhone));
  $('profile-contact-list').replaceChildren(...items);
  $('profile-contact-list').hidden = items.length === 0;
  $('profile-contact').hidden = false;
  setStatus('vcard-status', '');
  shownId = profile.id;
  shownName = profile.name;
}

let shownId = null;
let shownName = '';

/** Downloads GET /profiles/{id}/vcard (the API needs the token, so not a plain link): a .vcf file. */
async function addToContacts() {
  setStatus('vcard-status', 'Preparing the contact card…');
  try {
    const response = await apiBlob('/profiles/' + encodeURIComponent(shownId) + '/vcard');
    const url = URL.createObjectURL(response);
    const link = element('a', { href: url, download: shownName.replace(/[\\/:*?"<>|]/g, '') + '.vcf', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus('vcard-status', 'Contact card downloaded: open it to add ' + shownName + ' to your contacts.');
  } catch (e) {
    if (e.status !== 401) setStatus('vcard-status', 'Could not make the contact card: ' + e.message, true);
  }
}

/** Wires "Add to contacts" (once, at start). */
export function wireProfile() {
  $('add-to-contacts').addEventListener('click', addToContacts);
}

function show(node, visible) {
  node.hidden = !visible;
  return visible;
}

function render(profile) {
  $('profile-picture').replaceChildren(picture(profile));
  $('profile-name').textContent = profile.name;
  $('profile-where').textContent = [profile.organisation, profile.location].filter(Boolean).join(' · ');
  const website = profile.website && safeWebsite(profile.website);
  if (show($('profile-website'), !!website)) {
    $('profile-website').replaceChildren(
      element('a', { href: website.href, rel: 'noopener noreferrer ugc nofollow' }, website.host + (website.pathname === '/' ? '' : website.pathname)),
    );
  }
  const bio = $('profile-bio');
  bio.textContent = profile.bio || '';
  show(bio, !!profile.bio);
  const tags = profile.tags || [];
  show($('profile-tags-title'), tags.length > 0);
  show($('profile-tags'), tags.length > 0);
  $('profile-tags').setAttribute('aria-label', `Tags of ${profile.name}`);
  $('profile-tags').replaceChildren(...tags.map((tag) => element('li', {}, element('a', { href: tagHref(tag) }, tag))));
  renderContact(profile);
  $('profile-page').hidden = false;
}

/** Shows the page of profile id (read afresh); focus goes to the name so a screen reader starts there. */
export async function showProfile(id) {
  const ticket = ++generation;
  clearProblem();
  document.title = 'Profile · roster';
  $('profile-page').hidden = true;
  $('profile-edit').hidden = true;
  $('report').hidden = true;
  setStatus('profile-page-status', 'Loading…');
  try {
    const response = await api('/profiles/' + encodeURIComponent(id));
    if (ticket !== generation) return;
    if (response.status === 404) {
      setStatus('profile-page-status', 'There is no profile here: it may have been hidden or removed.');
      return;
    }
    if (!response.ok) throw ApiError.of(response);
    setStatus('profile-page-status', '');
    render(response.body);
    document.title = response.body.name + ' · roster';
    $('profile-name').focus();
    const me = await knownMine();
    if (ticket === generation) {
      $('profile-edit').hidden = !(me && me.id === id);
      showReport(id, !!(me && me.id === id));
    }
  } catch (e) {
    if (ticket === generation && e.status !== 401) {
      setStatus('profile-page-status', '');
      clearProblem = showProblem($('profile-problem'), 'Could not load this profile', e, () => showProfile(id));
    }
  }
}

/** Where "Back to the directory" goes: the directory as it was left (its filters are in its URL). */
export function setBackLink(href) {
  $('profile-back').setAttribute('href', href || '#/');
}
