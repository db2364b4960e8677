// Sign-in for every page (the board, the report page, the carer app's hand-over): the demo issuer
// in the demo profile, or an OpenID Connect provider through the authorization code flow with PKCE
// (S256) for a public client, with `state` and `nonce` checked. What the pages need to know comes
// from GET /auth/config; tokens live in this tab only (sessionStorage). No library, no build step.
//
// The flow: signInWithProvider() keeps {state, nonce, verifier, returnTo} in sessionStorage and
// goes to the provider's authorization endpoint (from {issuer}/.well-known/openid-configuration);
// the provider sends the browser back to /auth/callback.html, whose completeSignIn() checks the
// state, exchanges the code (with the verifier) at the token endpoint, checks the ID token's
// issuer, audience, expiry and nonce, asks the API who the token says the person is (GET /auth/me:
// the role from the configured claim, a string or an array), and keeps the session. accessToken()
// refreshes an expired token with the refresh token when the provider gave one; when it cannot,
// the page sends the person back to sign in, and the callback returns them where they were.

const SESSION_KEY = 'carerota.session';
const TOKEN_KEY = 'carerota.token'; // read by the report page since before this module
const PENDING_KEY = 'carerota.oidc.pending';
const DISCOVERY_KEY = 'carerota.oidc.discovery';
const EXPIRY_SKEW_MS = 30_000;

export class SignInError extends Error {
  constructor(message, { noRole = false } = {}) {
    super(message);
    this.noRole = noRole;
  }
}

let configPromise;

/** GET /auth/config, once per page: { mode: 'demo' | 'oidc' | 'none', issuer, clientId, scopes, redirectPath, map }. */
export function pageConfig() {
  configPromise ||= fetch('/auth/config', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`/auth/config answered ${r.status}`))))
    .catch((error) => { configPromise = undefined; throw error; });
  return configPromise;
}

// ---- the session kept in this tab ---------------------------------------------------------------

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null'); } catch { return null; }
  },
  set(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    sessionStorage.setItem(TOKEN_KEY, value.access_token);
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
  },
  token() { return session.get()?.access_token; },
};

/** Where a role belongs: carers to their app, commissioners to the reports, staff to the board. */
export function destinationFor(role) {
  if (role === 'CARER') return '/app/';
  if (role === 'COMMISSIONER') return '/reports/';
  return '/';
}

/** Whether a path (of this site) is a page this role may be sent back to after sign-in. */
function allowedReturn(role, returnTo) {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/auth/')) return false;
  if (role === 'CARER') return returnTo.startsWith('/app/');
  if (role === 'COMMISSIONER') return returnTo.startsWith('/reports');
  return !returnTo.startsWith('/app/'); // staff: the board and the reports
}

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomString = (n = 32) => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function s256(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** The JSON payload of a JWT (no signature check: see checkIdToken). */
export function claimsOf(jwt) {
  const part = String(jwt || '').split('.')[1];
  if (!part) throw new SignInError('The identity provider sent a token that is not a JWT.');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(decodeURIComponent(escape(json)));
}

async function discovery(config) {
  const cached = JSON.parse(sessionStorage.getItem(DISCOVERY_KEY) || 'null');
  if (cached && cached.for === config.issuer) return cached.document;
  let response;
  try {
    response = await fetch(`${config.issuer}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  } catch {
    throw new SignInError('The identity provider cannot be reached. Check the connection and try again.');
  }
  if (!response.ok) throw new SignInError(`The identity provider's discovery document answered ${response.status}.`);
  const document = await response.json();
  if (!document.authorization_endpoint || !document.token_endpoint) {
    throw new SignInError('The identity provider\'s discovery document has no authorization or token endpoint.');
  }
  if (document.code_challenge_methods_supported && !document.code_challenge_methods_supported.includes('S256')) {
    throw new SignInError('The identity provider does not offer PKCE with S256, which CareRota needs.');
  }
  sessionStorage.setItem(DISCOVERY_KEY, JSON.stringify({ for: config.issuer, document }));
  return document;
}

const redirectUri = (config) => `${location.origin}${config.redirectPath || '/auth/callback.html'}`;

/**
 * Goes to the provider's sign-in page. returnTo: where to come back to (this page by default);
 * loginHint: the user who was signed in (a provider still holding their session signs them in again
 * without a question).
 */
export async function signInWithProvider({ returnTo = location.pathname + location.search + location.hash, loginHint } = {}) {
  const config = await pageConfig();
  if (config.mode !== 'oidc') throw new SignInError(config.message || 'Sign-in through an identity provider is not configured.');
  const provider = await discovery(config);
  const pending = { state: randomString(), nonce: randomString(), verifier: randomString(48), returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(config),
    scope: config.scopes || 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256(pending.verifier),
    code_challenge_method: 'S256',
  });
  if (loginHint) params.set('login_hint', loginHint);
  location.assign(`${provider.authorization_endpoint}${provider.authorization_endpoint.includes('?') ? '&' : '?'}${params}`);
}

async function tokenRequest(provider, form) {
  let response;
  try {
    response = await fetch(provider.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form),
    });
  } catch {
    throw new SignInError('The identity provider cannot be reached. Check the connection and try again.');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new SignInError(`The identity provider refused the sign-in (${body.error || response.status}${body.error_description ? `: ${body.error_description}` : ''}).`);
  }
  return body;
}

/**
 * The ID token came straight from the token endpoint over the connection the browser checked, so
 * (OpenID Connect Core 3.1.3.7) its signature need not be checked here; the API checks the access
 * token's signature on every call. What is checked: issuer, audience, expiry and the nonce.
 */
function checkIdToken(idToken, provider, config, nonce) {
  const claims = claimsOf(idToken);
  const audiences = [].concat(claims.aud || []);
  if (claims.iss !== provider.issuer) throw new SignInError('The ID token comes from another issuer than the one configured.');
  if (!audiences.includes(config.clientId)) throw new SignInError('The ID token was not issued to this application.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now() - EXPIRY_SKEW_MS) throw new SignInError('The ID token has expired.');
  if (nonce !== undefined && claims.nonce !== nonce) throw new SignInError('The sign-in answer does not belong to this sign-in (nonce). Sign in again.');
  return claims;
}

/** Asks the API who an access token says the person is: { user, name, role, organisation_id, carer_id, problem }. */
export async function whoAmI(accessToken) {
  let response;
  try {
    response = await fetch('/auth/me', { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } });
  } catch {
    throw new SignInError('The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 401) throw new SignInError('The server does not accept tokens from this identity provider (401). Ask your administrator to check the issuer settings.');
  if (!response.ok) throw new SignInError(`The server answered ${response.status}.`);
  return response.json();
}

function keep(tokens, who, previous = {}) {
  const value = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token || previous.refresh_token,
    id_token: tokens.id_token || previous.id_token,
    expires_at: Date.now() + 1000 * (Number(tokens.expires_in) || expiresIn(tokens.access_token)),
    mode: 'oidc',
    user: who.user,
    name: who.name,
    login_hint: who.name || who.user,
    role: who.role,
    organisation_id: who.organisation_id,
    carer_id: who.carer_id,
  };
  session.set(value);
  return value;
}

function expiresIn(accessToken) {
  try { return Math.max(0, claimsOf(accessToken).exp - Date.now() / 1000); } catch { return 300; }
}

/**
 * On /auth/callback.html: finishes the sign-in. Returns { who, returnTo } or throws a SignInError
 * (noRole: true when the account has no CareRota role or organisation).
 */
export async function completeSignIn(url = new URL(location.href)) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  const params = url.searchParams;
  if (!pending || params.get('state') !== pending.state) {
    throw new SignInError('This sign-in answer does not belong to a sign-in started in this tab (state). Sign in again.');
  }
  if (params.get('error')) {
    throw new SignInError(`The identity provider did not sign you in: ${params.get('error_description') || params.get('error')}.`);
  }
  const config = await pageConfig();
  const provider = await discovery(config);
  const tokens = await tokenRequest(provider, {
    grant_type: 'authorization_code',
    code: params.get('code') || '',
    redirect_uri: redirectUri(config),
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  if (!tokens.id_token) throw new SignInError('The identity provider sent no ID token: is "openid" among the scopes?');
  checkIdToken(tokens.id_token, provider, config, pending.nonce);
  const who = await whoAmI(tokens.access_token);
  if (!who.role || who.problem) {
    session.clear();
    throw new SignInError(`Signed in as ${who.name || who.user}, but ${who.problem || 'your account has no CareRota role; ask your administrator'}.`, { noRole: true });
  }
  const kept = keep(tokens, who);
  return { who: kept, returnTo: allowedReturn(who.role, pending.returnTo) ? pending.returnTo : destinationFor(who.role) };
}

let refreshing;

/** Uses the refresh token, if the provider gave one; true when the session has a fresh access token. */
export function refresh() {
  refreshing ||= (async () => {
    const current = session.get();
    if (!current?.refresh_token || current.mode !== 'oidc') return false;
    try {
      const config = await pageConfig();
      const provider = await discovery(config);
      const tokens = await tokenRequest(provider, {
        grant_type: 'refresh_token', refresh_token: current.refresh_token, client_id: config.clientId,
      });
      if (tokens.id_token) checkIdToken(tokens.id_token, provider, config, undefined);
      keep(tokens, current, current);
      return true;
    } catch {
      return false;
    }
  })().finally(() => { refreshing = undefined; });
  return refreshing;
}

/** The access token to send, refreshed first when it has expired (or is about to); null when there is none. */
export async function accessToken() {
  const current = session.get();
  if (!current?.access_token) return null;
  if (current.expires_at && current.expires_at - EXPIRY_SKEW_MS < Date.now()) {
    if (!(await refresh())) return null;
  }
  return session.token();
}

/**
 * The session has ended (expired, or the API answered 401): refresh if possible, otherwise back to
 * the provider's sign-in, returning to this very page afterwards. Returns true when a fresh token
 * is there (retry the call); in the demo mode returns false and the page shows its own sign-in.
 */
export async function sessionEnded() {
  if (await refresh()) return true;
  const current = session.get();
  const config = await pageConfig().catch(() => ({ mode: 'none' }));
  session.clear();
  if (config.mode === 'oidc') {
    await signInWithProvider({ loginHint: current?.login_hint });
    return new Promise(() => {}); // the page is going away
  }
  return false;
}

/** Signs out: forgets the tokens and, when the provider has an end-session endpoint, ends its session too. */
export async function signOut() {
  const current = session.get();
  session.clear();
  const config = await pageConfig().catch(() => ({ mode: 'none' }));
  if (config.mode !== 'oidc') return false;
  const provider = await discovery(config).catch(() => null);
  if (!provider?.end_session_endpoint) return false;
  const params = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: `${location.origin}/` });
  if (current?.id_token) params.set('id_token_hint', current.id_token);
  location.assign(`${provider.end_session_endpoint}${provider.end_session_endpoint.includes('?') ? '&' : '?'}${params}`);
  return true;
}
