// /auth/callback.html: where the identity provider sends the browser back after sign-in (register
// {origin}/auth/callback.html as the client's redirect URI). Finishes the authorization-code flow
// (auth/session.js), then sends the person where their role belongs or back to the page they were
// on. A carer's token is handed to the carer app's own store (IndexedDB, its store.js), which keeps
// the schedule and the outbox of records across sign-ins.
import { completeSignIn, signInWithProvider, signOut } from '/auth/session.js';

const $ = (id) => document.getElementById(id);

async function handOverToCarerApp(who) {
  const store = await import('/app/js/store.js');
  const previous = await store.get('session');
  if (previous && previous.carerId && previous.carerId !== who.carer_id) await store.clearSchedule();
  await store.set('session', { token: who.access_token, user: who.name || who.user, carerId: who.carer_id, expiresAt: who.expires_at, mode: 'oidc' });
}

async function finish() {
  try {
    const { who, returnTo } = await completeSignIn();
    $('callback-status').textContent = `Signed in as ${who.name || who.user}.`;
    if (who.role === 'CARER') await handOverToCarerApp(who);
    location.replace(returnTo);
  } catch (error) {
    $('callback-title').textContent = error.noRole ? 'No access to CareRota' : 'Not signed in';
    $('callback-status').textContent = '';
    $('callback-problem').textContent = error.message || String(error);
    $('callback-problem').hidden = false;
    $('callback-actions').hidden = false;
    $('callback-retry').hidden = !!error.noRole;
    $('callback-retry').focus();
  }
}

$('callback-retry').addEventListener('click', () => signInWithProvider({ returnTo: '/' }));
$('callback-other').addEventListener('click', async () => { if (!(await signOut())) signInWithProvider({ returnTo: '/' }); });
finish();
