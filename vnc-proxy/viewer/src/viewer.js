// The plain desktop viewer at /view/{session_id}: signs in if needed, asks the API for a short-lived
// VNC ticket, connects noVNC to the ticket's WebSocket and keeps reconnecting (with a fresh ticket
// each time) while the session can still be reached.
import RFB from '../../novnc/core/rfb.js';

const TOKEN_KEY = 'streamspace.access_token';
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30000;
// A session in one of these states is running or on its way there: worth reconnecting to.
const REACHABLE = new Set(['pending', 'starting', 'running']);

// Relative to the page (/view/{id}), so a server mounted under a path prefix works as well.
const base = new URL('../', window.location.href);
const sessionId = decodeURIComponent(window.location.pathname.replace(/\/+$/, '').split('/').pop() ?? '');

const screen = document.getElementById('screen');
const statusLine = document.getElementById('status');
const reconnectButton = document.getElementById('reconnect');
const loginForm = document.getElementById('login');
const loginError = document.getElementById('login-error');

let rfb = null;
let attempts = 0; // failed attempts since the last connection that worked
let retryTimer = null;
let generation = 0; // every connect() bumps it, so late events of an older attempt are ignored
let securityFailure = null;

class HttpError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

function setStatus(state, text) {
  statusLine.dataset.state = state;
  statusLine.textContent = text;
}

function sessionPath(suffix = '') {
  return `api/v1/sessions/${encodeURIComponent(sessionId)}${suffix}`;
}

async function api(path) {
  const headers = { Accept: 'application/json' };
  const token = window.sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(new URL(path, base), { headers, cache: 'no-store' });
  if (!response.ok) {
    throw new HttpError(response.status, await problemDetail(response));
  }
  return response.json();
}

// RFC 9457 problem details carry a human `detail`; anything else falls back to the status line.
async function problemDetail(response) {
  try {
    const problem = await response.json();
    if (problem && typeof problem.detail === 'string' && problem.detail) {
      return problem.detail;
    }
  } catch {
    // not JSON
  }
  return `${response.status} ${response.statusText}`.trim();
}

// The API answers an absolute ws:// or wss:// URL; a relative one is resolved against the page.
function websocketUrl(vncUrl) {
  const url = new URL(vncUrl, base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.toString();
}

function stopRetrying() {
  window.clearTimeout(retryTimer);
  retryTimer = null;
}

function closeViewer() {
  generation++;
  if (rfb) {
    const old = rfb;
    rfb = null;
    old.disconnect();
  }
}

async function connect() {
  stopRetrying();
  closeViewer();
  const mine = generation;
  reconnectButton.hidden = true;
  loginForm.hidden = true;
  setStatus(attempts === 0 ? 'connecting' : 'reconnecting', 'Connecting…');

  if (!window.sessionStorage.getItem(TOKEN_KEY)) {
    showLogin('');
    return;
  }
  let ticket;
  try {
    // A fresh ticket for every attempt: tickets are short-lived and die with a stopped session.
    ticket = await api(sessionPath('/vnc'));
  } catch (error) {
    if (mine === generation) {
      await cannotConnect(error);
    }
    return;
  }
  if (mine !== generation) {
    return;
  }

  securityFailure = null;
  const viewer = new RFB(screen, websocketUrl(ticket.vnc_url), {
    shared: true,
    wsProtocols: ['binary'],
  });
  viewer.scaleViewport = true;
  viewer.resizeSession = false;
  viewer.background = '#202124';
  viewer.addEventListener('connect', () => {
    if (mine !== generation) return;
    attempts = 0;
    setStatus('connected', 'Connected');
    viewer.focus();
  });
  viewer.addEventListener('disconnect', (event) => {
    if (mine !== generation) return;
    rfb = null;
    const reason = securityFailure
      ? `the VNC server refused the connection (${securityFailure})`
      : event.detail.clean
        ? 'the connection was closed'
        : 'the connection dropped';
    connectionLost(reason);
  });
  viewer.addEventListener('securityfailure', (event) => {
    securityFailure = event.detail.reason || `status ${event.detail.status}`;
  });
  viewer.addEventListener('desktopname', (event) => {
    document.title = `${event.detail.name} – StreamSpace`;
  });
  rfb = viewer;
}

// The ticket request failed: sign in again, give up, or try again later, depending on why.
async function cannotConnect(error) {
  if (!(error instanceof HttpError)) {
    scheduleRetry(`Cannot reach the server (${error.message}).`);
    return;
  }
  switch (error.status) {
    case 401:
      window.sessionStorage.removeItem(TOKEN_KEY);
      showLogin('Your sign-in has expired: please sign in again.');
      return;
    case 403:
    case 404:
      setStatus('failed', `Cannot open this desktop: ${error.message}`);
      return;
    case 409:
      // Not running (yet, or any more): the session's state decides whether to wait for it.
      await connectionLost(error.message);
      return;
    default:
      scheduleRetry(`The server could not connect the desktop (${error.message}).`);
  }
}

// The desktop is gone: reconnect while the session is running or starting, otherwise say why not.
async function connectionLost(reason) {
  const mine = generation;
  let status = null;
  try {
    status = (await api(sessionPath())).status;
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof HttpError && error.status === 401) {
      window.sessionStorage.removeItem(TOKEN_KEY);
      showLogin('Your sign-in has expired: please sign in again.');
      return;
    }
    if (error instanceof HttpError && error.status === 404) {
      setStatus('failed', 'This session no longer exists.');
      return;
    }
    // The server itself may be restarting: keep trying.
  }
  if (mine !== generation) return;
  if (status && !REACHABLE.has(status)) {
    setStatus('disconnected', `Disconnected: the session is ${status}.`);
    reconnectButton.hidden = false;
    return;
  }
  scheduleRetry(`Disconnected: ${reason}.`);
}

function scheduleRetry(text) {
  stopRetrying();
  const backoff = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(attempts, 10));
  const delay = Math.round(backoff * (0.75 + Math.random() * 0.5));
  attempts++;
  setStatus('disconnected', `${text} Reconnecting in ${Math.max(1, Math.round(delay / 1000))} s…`);
  reconnectButton.hidden = false;
  retryTimer = window.setTimeout(connect, delay);
}

function showLogin(message) {
  stopRetrying();
  closeViewer();
  setStatus('signed-out', 'Sign in to open the desktop');
  reconnectButton.hidden = true;
  loginError.textContent = message;
  loginForm.hidden = false;
  loginForm.elements.username.focus();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  const button = loginForm.querySelector('button[type="submit"]');
  button.disabled = true;
  loginError.textContent = '';
  try {
    const response = await fetch(new URL('api/v1/auth/login', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      cache: 'no-store',
    });
    if (!response.ok) {
      loginError.textContent =
        response.status === 401 ? 'Wrong username or password.' : await problemDetail(response);
      return;
    }
    const answer = await response.json();
    window.sessionStorage.setItem(TOKEN_KEY, answer.access_token);
    loginForm.reset();
    attempts = 0;
    connect();
  } catch (error) {
    loginError.textContent = `Cannot reach the server (${error.message}).`;
  } finally {
    button.disabled = false;
  }
});

reconnectButton.addEventListener('click', () => {
  attempts = 0;
  connect();
});

// Back online: no point waiting out the backoff.
window.addEventListener('online', () => {
  if (retryTimer) {
    connect();
  }
});

document.getElementById('session').textContent = sessionId ? `Session ${sessionId}` : '';
if (sessionId) {
  connect();
} else {
  setStatus('failed', 'No session given: open /view/{session_id}.');
}
