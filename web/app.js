// roster's web client: static files and native ES modules, no build step. This module signs the member in
// and routes the hash to a view; each view lives in views/ and talks to the API through api.js.
//   #/?tag=…&q=…        the directory             (views/directory.js)
//   #/profiles/<id>     a member's page           (views/profile.js)
//   #/me                my profile and photo      (views/editor.js, views/crop-editor.js, views/account.js)
//   #/admin             reports and audit log     (views/admin.js; the API lets admins only)
import * as auth from './auth.js';
import { currentConfig, currentSession, endSession, loadConfig, setSession } from './api.js';
import { $, notice } from './dom.js';
import { forgetMine } from './me.js';
import { directoryHref, leaveDirectory, resetDirectory, showDirectory, wireDirectory } from './views/directory.js';
import { wireAccount } from './views/account.js';
import { showAdmin, showAdminLink } from './views/admin.js';
import { showEditor, wireEditor } from './views/editor.js';
import { setBackLink, showProfile, wireProfile } from './views/profile.js';
import { wireReport } from './views/report.js';

const OFFLINE_MESSAGE = 'You are offline: what you see may be out of date, and nothing can be saved until you are back online.';

let current = null;

function showView(name) {
  if (current === 'directory' && name !== 'directory') leaveDirectory();
  current = name;
  for (const view of document.querySelectorAll('.view')) view.hidden = view.id !== 'view-' + name;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const session = currentSession();
  $('who-name').textContent = session ? session.name : '';
  $('sign-out').hidden = !session;
  showAdminLink();
}

/** The view for the hash: [name, argument]. */
function parseHash(hash) {
  const path = hash.replace(/^#/, '') || '/';
  const [route, query = ''] = path.split('?');
  if (route === '/me') return ['me'];
  if (route === '/admin') return ['admin'];
  const profile = /^\/profiles\/([^/]+)$/.exec(route);
  if (profile) return ['profile', decodeURIComponent(profile[1])];
  return ['directory', new URLSearchParams(query)];
}

function route() {
  if (!currentSession()) {
    const local = currentConfig().auth.mode === 'local';
    $('sign-in-local').hidden = !local;
    $('sign-in-oidc').hidden = local;
    resetDirectory();
    forgetMine();
    showView('sign-in');
    return;
  }
  const [name, argument] = parseHash(location.hash);
  if (name === 'profile') {
    // back to the directory as it was left, or to the whole directory after a deep link
    setBackLink(current === 'directory' ? directoryHref() : '#/');
    showView('profile');
    showProfile(argument);
  } else if (name === 'me') {
    showView('me');
    showEditor();
  } else if (name === 'admin') {
    showView('admin');
    showAdmin();
  } else {
    showView('directory');
    showDirectory(argument);
  }
}

function signedIn(session) {
  setSession(session);
  notice('');
  route();
  $('main').focus();
}

function wireSignIn(config) {
  $('sign-in-local').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      signedIn(await auth.signInLocal(config.auth, form.elements.name.value, form.elements.email.value));
    } catch (e) {
      notice('Sign-in failed: ' + e.message);
    }
  });
  $('sign-in-oidc-button').addEventListener('click', () => auth.startOidcSignIn(config.auth).catch((e) => notice('Sign-in failed: ' + e.message)));
  $('sign-out').addEventListener('click', () => {
    endSession();
    route();
  });
  window.addEventListener('roster:signed-out', () => {
    notice('Your sign-in has ended. Please sign in again.', 'info');
    route();
  });
}

function wireConnectivity() {
  const offline = () => notice(OFFLINE_MESSAGE, 'info');
  window.addEventListener('offline', offline);
  window.addEventListener('online', () => {
    if ($('notice').textContent === OFFLINE_MESSAGE) notice('');
  });
  if (navigator.onLine === false) offline();
}

async function start() {
  let config;
  try {
    config = await loadConfig();
  } catch (e) {
    notice('Cannot read config.json: ' + e.message);
    return;
  }
  // the directory restores its own scroll position when a member comes back to it
  history.scrollRestoration = 'manual';
  wireSignIn(config);
  wireConnectivity();
  wireDirectory();
  wireEditor();
  wireProfile();
  wireReport();
  wireAccount();
  window.addEventListener('hashchange', route);

  let session = null;
  if (config.auth.mode === 'oidc') {
    try {
      session = await auth.completeOidcSignIn(config.auth);
    } catch (e) {
      notice('Sign-in failed: ' + e.message);
    }
  }
  setSession(session || auth.currentSession());
  route();
}

start();
