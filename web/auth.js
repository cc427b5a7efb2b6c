// Signing in. Two ways, chosen by config.json's "auth.mode":
// - "local": the local stack's dev issuer (POST /local/token) signs a token for whoever you say you are;
// - "oidc": the members' OpenID Connect provider (the JwtIssuer of template.yaml), authorization code flow
//   with PKCE for a public client (no secret in the browser); the ID token's audience is the client id,
//   which is what the HTTP API's JWT authorizer accepts (JwtAudience).

const STORAGE_KEY = 'roster.session';
const PENDING_KEY = 'roster.oidc.pending';

export function currentSession() {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
    if (!session || !session.token) return null;
    if (Date.parse(session.expiresAt) <= Date.now() + 30_000) {
      signOut();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function signOut() {
  localStorage.removeItem(STORAGE_KEY);
}

function remember(token, expiresAt) {
  const claims = decodeClaims(token);
  const session = {
    token,
    expiresAt: expiresAt || new Date(claims.exp * 1000).toISOString(),
    sub: claims.sub,
    name: claims.name || claims.email || claims.sub,
    email: claims.email || '',
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

/** The payload of a JWT (not verified here: the API's authorizer does that). */
export function decodeClaims(token) {
  const part = token.split('.')[1] || '';
  const normal = part.replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    Array.from(atob(normal + '='.repeat((4 - (normal.length % 4)) % 4)), (c) =>
      '%' + c.charCodeAt(0).toString(16).padStart(2, '0'),
    ).join(''),
  );
  return JSON.parse(json);
}

/**
 * Local mode: a dev token for this name and email (the subject is derived from the email). The dev issuer
 * takes your word for the address, so it is marked verified: an imported profile with it is yours to claim.
 */
export async function signInLocal(auth, name, email) {
  const sub = 'local-' + email.trim().toLowerCase().replace(/[^a-z0-9._@+-]/g, '-');
  const response = await fetch(auth.tokenEndpoint || '/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, name: name.trim(), email: email.trim(), email_verified: true }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error((body.error && body.error.message) || `the local issuer answered ${response.status}`);
  }
  return remember(body.token, body.expiresAt);
}

function randomString(bytes = 32) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error(`cannot read the sign-in provider's configuration (${response.status})`);
  return response.json();
}

function redirectUri() {
  return location.origin + location.pathname;
}

/** OIDC mode, step 1: off to the provider with a PKCE challenge. */
export async function startOidcSignIn(auth) {
  // the deployment's config.json names the stack's own endpoints; an external provider is discovered
  const provider = auth.authorizationEndpoint && auth.tokenEndpoint
    ? { authorization_endpoint: auth.authorizationEndpoint, token_endpoint: auth.tokenEndpoint }
    : await discover(auth.issuer);
  const verifier = randomString(48);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomString(16);
  const nonce = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, nonce, tokenEndpoint: provider.token_endpoint }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: auth.scope || 'openid profile email',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** OIDC mode, step 2 (on return with ?code=…&state=…): exchange the code for the ID token. Null if not a return. */
export async function completeOidcSignIn(auth) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  history.replaceState(null, '', redirectUri() + location.hash);
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending || pending.state !== params.get('state')) throw new Error('sign-in was not started here; try again');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: auth.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.id_token) {
    throw new Error(body.error_description || body.error || `the sign-in provider answered ${response.status}`);
  }
  if (decodeClaims(body.id_token).nonce !== pending.nonce) throw new Error('sign-in answer does not match; try again');
  return remember(body.id_token);
}
