// The admin page (#/admin): open reports with the actions admins take on them (hide or restore the profile,
// remove its photo, resolve the report) and the audit log of those actions. Every action needs a reason, which
// the audit log keeps. The API answers 403 to anyone outside the admin group; the nav link is shown to members
// whose token names that group, as a convenience only.
import { api, currentConfig, currentSession } from '../api.js';
import { decodeClaims } from '../auth.js';
import { $, element, setStatus } from '../dom.js';

const DEFAULT_ADMIN_GROUP = 'roster-admins';

/** Whether the signed-in member's token names the admin group (in cognito:groups or groups). */
export function isAdmin() {
  const session = currentSession();
  if (!session) return false;
  const claims = decodeClaims(session.token);
  const group = (currentConfig() && currentConfig().adminGroup) || DEFAULT_ADMIN_GROUP;
  const groups = [].concat(claims['cognito:groups'] || [], claims.groups || []);
  return groups.includes(group);
}

function errorText(response) {
  return (response.body && response.body.error && response.body.error.message) || `the API answered ${response.status}`;
}

function reason() {
  const text = $('admin-reason').value.trim();
  if (!text) {
    setStatus('admin-status', 'Write the reason for this action first (the audit log keeps it).', true);
    $('admin-reason').focus();
    return null;
  }
  return text;
}

async function act(label, path, method, body) {
  const why = reason();
  if (!why) return;
  setStatus('admin-status', label + '…');
  const response = await api(path, { method, body: { ...body, reason: why } });
  if (response.ok) {
    setStatus('admin-status', label + ': done.');
    await showAdmin();
  } else {
    setStatus('admin-status', label + ' failed: ' + errorText(response), true);
  }
}

function reportItem(report) {
  const id = encodeURIComponent(report.profileId);
  const button = (text, onclick, extra = '') => element('button', { type: 'button', class: 'secondary ' + extra, onclick }, text);
  return element('li', { class: 'admin-report', 'data-report': report.id },
    element('p', {}, element('a', { href: '#/profiles/' + id }, 'Profile ' + report.profileId), ' · reported ',
      element('time', { datetime: report.filedAt }, new Date(report.filedAt).toLocaleString())),
    element('blockquote', {}, report.reason),
    element('div', { class: 'actions' },
      button('Hide profile', () => act('Hide profile', `/admin/profiles/${id}/visibility`, 'PUT', { visible: false }), 'danger'),
      button('Restore profile', () => act('Restore profile', `/admin/profiles/${id}/visibility`, 'PUT', { visible: true })),
      button('Remove photo', () => act('Remove photo', `/admin/profiles/${id}/photo`, 'DELETE', {}), 'danger'),
      button('Resolve report', () => act('Resolve report', `/admin/reports/${encodeURIComponent(report.id)}/resolve`, 'POST', {}))));
}

function auditItem(entry) {
  return element('li', {},
    element('time', { datetime: entry.at }, new Date(entry.at).toLocaleString()), ' · ',
    element('strong', {}, entry.action.replaceAll('_', ' ').toLowerCase()), ' of ',
    element('a', { href: '#/profiles/' + encodeURIComponent(entry.profileId) }, entry.profileId),
    ' by ', entry.admin, ': ', entry.reason || '');
}

/** Loads the open reports and the audit log (a page of each). */
export async function showAdmin() {
  document.title = 'Moderation · roster';
  const [reports, audit] = await Promise.all([api('/admin/reports'), api('/admin/audit')]);
  if (reports.status === 403) {
    $('admin-content').hidden = true;
    setStatus('admin-status', 'This page is for the community\'s admins.', true);
    return;
  }
  if (!reports.ok || !audit.ok) {
    setStatus('admin-status', 'Could not load: ' + errorText(reports.ok ? audit : reports), true);
    return;
  }
  $('admin-content').hidden = false;
  const open = reports.body.reports;
  $('admin-reports').replaceChildren(...open.map(reportItem));
  $('admin-no-reports').hidden = open.length > 0;
  $('admin-audit').replaceChildren(...audit.body.entries.map(auditItem));
}

/** The nav link follows the signed-in member. */
export function showAdminLink() {
  $('admin-nav').hidden = !isAdmin();
}
