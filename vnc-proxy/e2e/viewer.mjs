// Opens the viewer page in headless Debian Chromium and checks, as a person would, that the session's
// desktop shows and answers the keyboard:
//   node viewer.mjs <viewer-url> <access-token | login:USER:PASSWORD> <screenshot.png>
// 1. the page connects (status "connected") and noVNC's canvas shows a picture (not one flat colour);
// 2. a click into the xterm and typing `echo hello` + Enter through noVNC changes the picture;
// 3. when the WebSocket drops while the session runs, the page fetches a fresh ticket and reconnects.
// Prints one JSON line with what it measured; exit 0 when both hold, 1 when not, 2 on bad usage.
// Screenshots: <screenshot.png> at the end, and <screenshot>-before-typing.png.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, credential, screenshot] = process.argv.slice(2);
if (!url || !credential || !screenshot) {
  console.error('usage: node viewer.mjs <viewer-url> <access-token | login:USER:PASSWORD> <screenshot.png>');
  process.exit(2);
}

const TOKEN_KEY = 'streamspace.access_token';
const CHROMIUM = process.env.STREAMSPACE_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.STREAMSPACE_E2E_TIMEOUT_MS ?? 30000);

// Chromium as root on a closed network: no sandbox, no GPU, and none of its background calls home.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const result = { url, connected: false };
const userDataDir = mkdtempSync(join(tmpdir(), 'streamspace-e2e-'));
let context;

function fail(message) {
  const error = new Error(message);
  error.expected = true;
  throw error;
}

// The canvas as noVNC drew it: a cheap hash, how many pixels differ from the top-left one, and how
// many distinct colours a sample of it has.
function canvasSummary() {
  const canvas = document.querySelector('#screen canvas');
  if (!canvas || canvas.width === 0 || canvas.height === 0) {
    return null;
  }
  const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let hash = 0x811c9dc5;
  let differing = 0;
  const colours = new Set();
  const [r0, g0, b0] = [data[0], data[1], data[2]];
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    hash = Math.imul(hash ^ r, 16777619);
    hash = Math.imul(hash ^ g, 16777619);
    hash = Math.imul(hash ^ b, 16777619);
    if (r !== r0 || g !== g0 || b !== b0) differing++;
    if (i % 64 === 0 && colours.size < 1000) colours.add((r << 16) | (g << 8) | b);
  }
  return { width, height, hash: (hash >>> 0).toString(16), differing, colours: colours.size };
}

// How many pixels differ between the canvas now and a copy taken earlier (kept in window.__before).
function snapshotCanvas() {
  const canvas = document.querySelector('#screen canvas');
  window.__before = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.slice();
}
function changedSinceSnapshot() {
  const canvas = document.querySelector('#screen canvas');
  const now = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const before = window.__before;
  let changed = 0;
  for (let i = 0; i < now.length; i += 4) {
    if (now[i] !== before[i] || now[i + 1] !== before[i + 1] || now[i + 2] !== before[i + 2]) changed++;
  }
  return changed;
}

async function until(what, probe, timeoutMs = TIMEOUT_MS, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

// The picture is still while its hash stays the same for `quietMs`.
async function settled(page, quietMs = 700) {
  let last = null;
  let since = Date.now();
  return until('the picture to settle', async () => {
    const summary = await page.evaluate(canvasSummary);
    if (!last || summary.hash !== last.hash) {
      last = summary;
      since = Date.now();
      return null;
    }
    return Date.now() - since >= quietMs ? summary : null;
  });
}

async function status(page) {
  return page.$eval('#status', (element) => ({ state: element.dataset.state, text: element.textContent }));
}

try {
  mkdirSync(dirname(screenshot), { recursive: true });
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 832 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  result.problems = problems;
  let tickets = 0;
  page.on('request', (request) => {
    if (/\/api\/v1\/sessions\/[^/]+\/vnc$/.test(new URL(request.url()).pathname)) tickets++;
  });
  // Keeps every WebSocket the page opens, so the test can drop the desktop's connection as a
  // network would. (noVNC sets binaryType on each socket it opens; a subclass of WebSocket would
  // fail noVNC's check of the socket's own prototype.)
  await context.addInitScript(() => {
    window.__sockets = [];
    const binaryType = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'binaryType');
    Object.defineProperty(WebSocket.prototype, 'binaryType', {
      configurable: true,
      get: binaryType.get,
      set(value) {
        window.__sockets.push(this);
        binaryType.set.call(this, value);
      },
    });
  });

  if (credential.startsWith('login:')) {
    // Through the page's own sign-in form, as someone without a token in this tab would.
    const [, username, ...rest] = credential.split(':');
    await page.goto(url);
    await page.waitForSelector('#login:not([hidden])', { timeout: TIMEOUT_MS });
    await page.fill('#login input[name="username"]', username);
    await page.fill('#login input[name="password"]', rest.join(':'));
    await page.click('#login button[type="submit"]');
    result.signedInThroughForm = true;
  } else {
    // The UI keeps the platform token in sessionStorage; put it there before the page's script runs.
    await context.addInitScript(
      ([key, token]) => window.sessionStorage.setItem(key, token),
      [TOKEN_KEY, credential],
    );
    await page.goto(url);
  }

  try {
    await page.waitForSelector('#status[data-state="connected"]', { timeout: TIMEOUT_MS });
  } catch {
    fail(`the viewer did not connect: ${JSON.stringify(await status(page))}`);
  }
  result.connected = true;

  const first = await until('a picture on the canvas', async () => {
    const summary = await page.evaluate(canvasSummary);
    return summary && summary.differing > 0 && summary.colours > 1 ? summary : null;
  });
  result.canvas = { width: first.width, height: first.height };
  result.nonBlankPixels = first.differing;
  result.colours = first.colours;

  // Into the xterm (top left of the screen, where it opens) so X gives it the keyboard.
  const box = await page.locator('#screen canvas').boundingBox();
  await page.mouse.click(box.x + box.width * 0.05, box.y + box.height * 0.05);
  const before = await settled(page);
  result.hashBefore = before.hash;
  await page.evaluate(snapshotCanvas);
  await page.screenshot({ path: screenshot.replace(/\.png$/, '') + '-before-typing.png' });

  await page.keyboard.type('echo hello', { delay: 30 });
  await page.keyboard.press('Enter');
  const changed = await until(
    'the picture to change after typing',
    async () => {
      const count = await page.evaluate(changedSinceSnapshot);
      return count > 0 ? count : null;
    },
    10000,
  );
  const after = await settled(page);
  result.hashAfter = after.hash;
  result.changedPixels = await page.evaluate(changedSinceSnapshot);
  result.changedPixelsFirstSeen = changed;
  result.status = await status(page);
  await page.screenshot({ path: screenshot });
  if (result.status.state !== 'connected') {
    fail(`the viewer lost its connection while typing: ${JSON.stringify(result.status)}`);
  }

  // The connection drops (closed under the page's feet); the session still runs.
  result.ticketsBeforeDrop = tickets;
  await page.evaluate(() => window.__sockets[window.__sockets.length - 1].close(4000, 'dropped by the test'));
  try {
    await page.waitForSelector('#status[data-state="disconnected"]', { timeout: 5000 });
  } catch {
    fail(`the viewer did not notice the dropped connection: ${JSON.stringify(await status(page))}`);
  }
  result.afterDrop = await status(page);
  try {
    await page.waitForSelector('#status[data-state="connected"]', { timeout: TIMEOUT_MS });
  } catch {
    fail(`the viewer did not reconnect: ${JSON.stringify(await status(page))}`);
  }
  result.reconnected = true;
  result.ticketsAfterReconnect = tickets;
  if (tickets <= result.ticketsBeforeDrop) {
    fail('the viewer reconnected without fetching a fresh ticket');
  }
  await until('a picture on the canvas after reconnecting', async () => {
    const summary = await page.evaluate(canvasSummary);
    return summary && summary.colours > 1 ? summary : null;
  });
  result.ok = true;
  console.log(JSON.stringify(result));
} catch (error) {
  result.ok = false;
  result.error = error.message;
  try {
    const page = context?.pages()[0];
    if (page) {
      result.status = await status(page).catch(() => undefined);
      await page.screenshot({ path: screenshot });
    }
  } catch {
    // the screenshot of a failure is a courtesy
  }
  console.log(JSON.stringify(result));
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
