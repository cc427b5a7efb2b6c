// roster's web client: static files and native ES modules, no build step. This module signs the member in
// and routes the hash to a view; each view lives in views/ and talks to the API through api.js.
//   #/      the directory          (views/directory.js)
//   #/me    my profile and photo   (views/editor.js, views/crop-editor.js)
import * as auth from './auth.js';
import { currentConfig, currentSession, endSession, loadConfig, setSession } from './api.js';
import { $, notice } from './dom.js';
import { resetDirectory, showDirectory, wireDirectory } from './views/directory.js';
import { showEditor, wireEditor } from './views/editor.js';

function showView(name) {
  for (const view of document.querySelectorAll('.view')) view.hidden = view.id !== 'view-' + name;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const session = currentSession();
  $('who-name').textContent = session ? session.name : '';
  $('sign-out').hidden = !session;
}

function route() {
  if (!currentSession()) {
    const local = currentConfig().auth.mode === 'local';
    $('sign-in-local').hidden = !local;
    $('sign-in-oidc').hidden = local;
    resetDirectory();
    showView('sign-in');
    return;
  }
  if (location.hash === '#/me') {
    showView('me');
    showEditor();
  } else {
    showView('directory');
    showDirectory();
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

async function start() {
  let config;
  try {
    config = await loadConfig();
  } catch (e) {
    notice('Cannot read config.json: ' + e.message);
    return;
  }
  wireSignIn(config);
  wireDirectory();
  wireEditor();
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
