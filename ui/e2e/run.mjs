// End-to-end walk through the UI in headless Debian Chromium against a running server.
// Usage: node e2e/run.mjs <base-url> <admin-password> <screenshot-dir>
// Run by server's UiEndToEndIT (Maven's integration-test phase) against the packaged server.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

// Evaluated through the DevTools protocol: the server's Content-Security-Policy (rightly) blocks
// an injected <script>, and the walk must run under the real policy.
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const [base, adminPassword, shots] = process.argv.slice(2);
if (!base || !adminPassword || !shots) {
  console.error("usage: run.mjs <base-url> <admin-password> <screenshot-dir>");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const userDataDir = join(shots, "..", `chromium-profile-${Date.now()}`);

const LAUNCH_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let passed = 0;
let failed = 0;
const consoleErrors = [];

async function step(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}: ${error?.stack ?? error}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: LAUNCH_FLAGS,
  viewport: { width: 1366, height: 800 },
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(20_000);
page.on("console", (message) => {
  // A 4xx the UI handles (no API keys yet, a VNC endpoint not there) is logged by Chromium as a
  // failed resource load; anything else is an error of ours.
  if (message.type() === "error" && !/Failed to load resource/.test(message.text())) {
    consoleErrors.push(message.text());
  }
});
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
// Every WebSocket the page opens, so a step can cut the desktop's connection like a network drop.
await context.addInitScript(() => {
  // A plain function, not a subclass: noVNC does not work with a subclassed WebSocket.
  const Native = window.WebSocket;
  window.__sockets = [];
  function Tracked(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    window.__sockets.push(socket);
    return socket;
  }
  Tracked.prototype = Native.prototype;
  for (const state of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Tracked[state] = Native[state];
  window.WebSocket = Tracked;
});

/** Waits until no loading spinner shows (screens render their data, not a placeholder). */
async function settled(target = page) {
  await target.waitForFunction(
    () =>
      !document.querySelector(".MuiCircularProgress-root") &&
      // transitions (a dialog fading in) finished: colours are measured as they end up
      document
        .getAnimations()
        .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
    null,
    { timeout: 20_000 },
  );
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on what the page shows now and fails
 * on any violation, naming rule, impact and elements.
 */
async function accessible(name, target = page) {
  await step(`axe finds no violations on ${name}`, () => axeCheck(name, target));
}

async function axeCheck(name, target) {
  await settled(target);
  if (!(await target.evaluate(() => typeof window.axe === "object"))) {
    await target.evaluate(AXE);
  }
  const violations = await target.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes
        .map(
          (n) =>
            `${n.target.join(" ")}${v.id === "color-contrast" ? ` [${n.any?.[0]?.message}]` : ""}`,
        )
        .slice(0, 5),
    }));
  });
  expect(
    violations.length === 0,
    `axe on ${name}: ${violations
      .map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.targets.join(", ")}`)
      .join(" | ")}`,
  );
}

/** Nothing wider than the window: no horizontal scroll bar. */
async function noHorizontalScroll(name) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth <= innerWidth,
    `${name} scrolls sideways at ${innerWidth} px (content ${scrollWidth} px wide)`,
  );
}

/** Presses Tab until `matches(activeElement)` holds (at most `limit` times); returns its label. */
async function tabTo(description, matches, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const hit = await page.evaluate(matches);
    if (hit) return hit;
  }
  throw new Error(`Tab never reached ${description}`);
}

/** The focused element shows it: a visible outline of at least 2 px. */
async function focusIsVisible(description) {
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(
    outline.style !== "none" && outline.width >= 2,
    `${description} shows no focus ring (outline ${outline.style} ${outline.width}px)`,
  );
}

let sessionId;
let token;
let desktopReady = false;
/** The card of one session on My sessions (found by its history link, which every card has). */
const sessionCard = (id) =>
  page.locator("article", { has: page.locator(`a[href="/sessions/${id}/history"]`) });

await step("signs in with the standalone login", async () => {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/login$/);
  await shot("01-login");
  await accessible("the login screen");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(adminPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "My sessions" }).waitFor();
  token = await page.evaluate(() => sessionStorage.getItem("streamspace.access_token"));
  expect(token, "the token is kept in sessionStorage");
  await page.getByText("Live", { exact: true }).waitFor();
  await accessible("My sessions");
});

await step("the keyboard reaches the catalog's primary actions with a visible focus", async () => {
  await page.locator("body").click({ position: { x: 600, y: 5 } });
  await tabTo("the Catalog link", () =>
    document.activeElement?.textContent === "Catalog" ? "Catalog" : null,
  );
  await focusIsVisible("the Catalog link");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Catalog" }).waitFor();
  await settled();
  await page.getByLabel("Search applications").focus();
  await page.keyboard.type("xterm");
  // The list filters on a deferred value: on a busy machine Tab could otherwise land on a card the
  // filter is about to remove, and the focus would go with it.
  await page.waitForFunction(() => {
    const starts = [...document.querySelectorAll('[aria-label^="Start "]')];
    return (
      starts.length > 0 && starts.every((b) => b.getAttribute("aria-label") === "Start Terminal")
    );
  });
  const start = await tabTo("a Start button", () =>
    /^Start /.test(document.activeElement?.getAttribute("aria-label") ?? "")
      ? document.activeElement.getAttribute("aria-label")
      : null,
  );
  await focusIsVisible(start);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await tabTo("the dialog's Start session button", () =>
    document.activeElement?.textContent === "Start session" ? "Start session" : null,
  );
  await focusIsVisible("Start session");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
});

await step("creates a session from the catalog and sees it run without a reload", async () => {
  await page.getByRole("link", { name: "Catalog", exact: true }).click();
  await page.getByRole("heading", { name: "Catalog" }).waitFor();
  await page.getByLabel("Search applications").fill("xterm");
  await shot("02-catalog");
  await accessible("the catalog");
  await page
    .getByRole("button", { name: /^Start / })
    .first()
    .click();
  await page.getByRole("dialog").waitFor();
  await accessible("the create-session dialog");
  const created = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/sessions") && r.request().method() === "POST",
  );
  await page.getByRole("button", { name: "Start session" }).click();
  sessionId = (await (await created).json()).id;
  expect(sessionId, "the server answered the new session's id");
  await page.getByRole("heading", { name: "My sessions" }).waitFor();
  await page.evaluate(() => {
    window.__noReload = true;
  });
  const card = sessionCard(sessionId);
  await card.getByLabel("Status: Running").waitFor({ timeout: 90_000 });
  expect(await page.evaluate(() => window.__noReload === true), "the page was not reloaded");
  await shot("03-sessions-running");
});

await step("opens the desktop (or shows why it cannot)", async () => {
  const vnc = await page.evaluate(
    async ([id, t]) =>
      (await fetch(`/api/v1/sessions/${id}/vnc`, { headers: { Authorization: `Bearer ${t}` } }))
        .status,
    [sessionId, token],
  );
  await sessionCard(sessionId).getByRole("link", { name: "Connect" }).click();
  if (vnc === 200) {
    const canvas = page.locator('[data-testid="vnc-screen"] canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await page.getByText(/^Connected/).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    const distinct = await canvas.evaluate((c) => {
      const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 97)
        colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return colours.size;
    });
    expect(distinct > 1, `the desktop shows more than one colour (saw ${distinct})`);
    const fingerprint = () =>
      canvas.evaluate((c) => {
        const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let hash = 0;
        for (let i = 0; i < data.length; i += 4 * 7) hash = (hash * 31 + data[i] + data[i + 1]) | 0;
        return hash;
      });
    const before = await fingerprint();
    // No window manager: X gives the keyboard to the window under the pointer, and the xterm
    // sits at the desktop's top left.
    await canvas.click({ position: { x: 30, y: 20 } });
    // No pause between keys: the tunnel once garbled bursts of input (fixed in the VNC proxy).
    await page.keyboard.type("echo streamspace");
    await page.keyboard.press("Enter");
    let changed = false;
    for (let i = 0; i < 20 && !changed; i += 1) {
      await page.waitForTimeout(500);
      changed = (await fingerprint()) !== before;
    }
    expect(changed, "typing into the desktop changes what it shows");
    desktopReady = true;
    await accessible("the desktop");
  } else {
    // The VNC endpoint is not on this server yet: the screen says so instead of hanging.
    await page.getByRole("alert").first().waitFor();
  }
  await shot("04-desktop");
});

/** The desktop's picture, hashed, to see it change. */
const desktopCanvas = () => page.locator('[data-testid="vnc-screen"] canvas');
const desktopFingerprint = () =>
  desktopCanvas().evaluate((c) => {
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4 * 7) hash = (hash * 31 + data[i] + data[i + 1]) | 0;
    return hash;
  });
/** Types a command into the session's xterm (the pointer over it gives it the keyboard). */
async function typeInXterm(command) {
  await desktopCanvas().click({ position: { x: 30, y: 20 } });
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}
const clipboardField = () => page.getByRole("textbox", { name: "Clipboard" });

await step("clipboard text sent from the page arrives in the session", async () => {
  expect(desktopReady, "the desktop is connected");
  const sent = `in-${Date.now().toString(36)}`;
  await clipboardField().fill(sent);
  await page.getByRole("button", { name: "Send clipboard text" }).click();
  // x11vnc puts a viewer's text in the display's cut buffer (CUT_BUFFER0), where X programs paste
  // it from; the session writes what it holds to a file the walk can read (the local runtime
  // runs the session on this machine).
  const file = join(shots, `clipboard-in-${Date.now()}.txt`);
  let arrived = "";
  for (let i = 0; i < 10 && !arrived.includes(sent); i += 1) {
    await page.waitForTimeout(500);
    await typeInXterm(`xprop -root CUT_BUFFER0 > ${file}`);
    await page.waitForTimeout(500);
    arrived = existsSync(file) ? readFileSync(file, "utf8") : "";
  }
  expect(arrived.includes(`"${sent}"`), `the session holds the text (it read: ${arrived.trim()})`);
});

await step("a word selected in the session shows in the desktop's clipboard field", async () => {
  expect(desktopReady, "the desktop is connected");
  const word = `out${Date.now().toString(36)}`;
  // The word alone on the xterm's first line, then a double-click on it selects it: xterm copies a
  // selection to PRIMARY and the cut buffer, and x11vnc sends the cut buffer to the viewer.
  await typeInXterm(`clear; echo ${word}`);
  await page.waitForTimeout(1000);
  await desktopCanvas().dblclick({ position: { x: 20, y: 5 } });
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll("input")].some((i) => i.value === expected),
    word,
    { timeout: 15_000 },
  );
  expect((await clipboardField().inputValue()) === word, "the field holds the selected word");
  await shot("04a-desktop-clipboard");
});

await step("the connection quality shows a measured round trip", async () => {
  expect(desktopReady, "the desktop is connected");
  const state = page.getByTestId("connection-state");
  await page.waitForFunction(
    () =>
      /· \d+ ms$/.test(
        document.querySelector('[data-testid="connection-state"]')?.textContent ?? "",
      ),
    null,
    { timeout: 15_000 },
  );
  const text = (await state.textContent()) ?? "";
  expect(/^Connected · (Good|Fair|Poor) · \d+ ms$/.test(text), `quality shown: ${text}`);
});

await step("keyboard shortcuts the browser would take reach the session", async () => {
  expect(desktopReady, "the desktop is connected");
  // Ctrl+U is Chromium's "view source"; in the session's terminal it erases the line typed so far.
  // Only if it reached the session does the file hold the second command's word alone.
  const file = join(shots, `shortcut-${Date.now()}.txt`);
  await desktopCanvas().click({ position: { x: 30, y: 20 } });
  await page.keyboard.type("echo discarded");
  await page.keyboard.press("Control+U");
  await page.keyboard.type(`echo kept > ${file}`);
  await page.keyboard.press("Enter");
  let written = "";
  for (let i = 0; i < 20 && !written; i += 1) {
    await page.waitForTimeout(500);
    written = existsSync(file) ? readFileSync(file, "utf8") : "";
  }
  expect(
    written.trim() === "kept",
    `the session erased the line on Ctrl+U (file: ${written.trim()})`,
  );
  expect(context.pages().length === 1, "no view-source page opened");
});

await step("the desktop reconnects after a network drop without a page reload", async () => {
  expect(desktopReady, "the desktop is connected");
  await page.evaluate(() => {
    window.__sameDesktopPage = true;
  });
  await context.setOffline(true);
  // The drop: the browser's connections to the server end (closed here, as a dead network's
  // would be once their timeouts ran out).
  await page.evaluate(() => {
    for (const socket of window.__sockets) if (socket.url.includes("/ws/vnc")) socket.close();
  });
  const state = page.getByTestId("connection-state");
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="connection-state"]')?.textContent === "Reconnecting…",
    null,
    { timeout: 10_000 },
  );
  await shot("04b-desktop-reconnecting");
  await page.waitForTimeout(3_000);
  expect((await state.textContent()) === "Reconnecting…", "still reconnecting while offline");
  await context.setOffline(false);
  await page.waitForFunction(
    () =>
      /^Connected/.test(
        document.querySelector('[data-testid="connection-state"]')?.textContent ?? "",
      ),
    null,
    { timeout: 30_000 },
  );
  expect(await page.evaluate(() => window.__sameDesktopPage === true), "the page was not reloaded");
  await page.waitForTimeout(1000);
  const before = await desktopFingerprint();
  await typeInXterm("echo back again");
  let changed = false;
  for (let i = 0; i < 20 && !changed; i += 1) {
    await page.waitForTimeout(500);
    changed = (await desktopFingerprint()) !== before;
  }
  expect(changed, "the picture is live again: typing changes it");
  await shot("04c-desktop-reconnected");
});

await step("leaves the desktop", async () => {
  await context.setOffline(false);
  await page.getByRole("link", { name: "My sessions", exact: true }).click();
  await page.getByRole("heading", { name: "My sessions" }).waitFor();
});

await step("reads the session's history and steps back through it", async () => {
  await sessionCard(sessionId)
    .getByRole("link", { name: /History of/ })
    .click();
  await page.getByRole("heading", { name: "Session history" }).waitFor();
  await page.getByRole("button", { name: /1\. Session created/ }).click();
  await page.getByText(/State after event 1 of/).waitFor();
  await page.getByLabel("Status: Pending").waitFor();
  await shot("05-history");
  await accessible("the session's history");
});

await step("hibernates the session and resumes it", async () => {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My sessions" })
    .click();
  const card = sessionCard(sessionId);
  await card.getByRole("button", { name: "Hibernate" }).click();
  await card.getByLabel("Status: Hibernated").waitFor({ timeout: 60_000 });
  await shot("06-hibernated");
  await card.getByRole("button", { name: "Resume" }).click();
  await card.getByLabel("Status: Running").waitFor({ timeout: 60_000 });
});

await step("an admin creates a user", async () => {
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await page.getByRole("button", { name: "New user" }).click();
  const username = `e2e-${Date.now()}`;
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Initial password").fill("e2e-password-123");
  await page.getByRole("button", { name: "Create user" }).click();
  await page.getByRole("cell", { name: username, exact: true }).waitFor();
  await shot("06-users-created");
  await accessible("the Users screen");
});

await step("an admin creates an API key and sees its secret once", async () => {
  await page.getByRole("link", { name: "API keys", exact: true }).click();
  await page.getByRole("button", { name: "New key" }).click();
  const name = `e2e-key-${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent()) ?? "";
  expect(
    secret.length > 16 && !secret.includes("no secret"),
    `a secret is shown (${secret.length})`,
  );
  await shot("09-api-key-secret");
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("cell", { name, exact: true }).waitFor();
});

await step("the admin screens load", async () => {
  for (const [link, heading, name] of [
    ["Quota & usage", "Quota & usage", "07-quota"],
    ["Templates", "Templates", "08-templates"],
    ["API keys", "API keys", "09-api-keys"],
    ["Audit log", "Audit log", "10-audit"],
    ["Organizations", "Organizations", "11-organizations"],
    ["Agents", "Agents", "12-agents"],
    ["Projections", "Projections", "13-projections"],
    ["Settings", "Settings", "13b-settings"],
  ]) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await page.getByRole("heading", { name: heading, exact: true }).waitFor();
    await settled();
    await shot(name);
    await accessible(`the ${heading} screen`);
  }
});

await step("the system settings show the effective configuration", async () => {
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  const vnc = page.getByRole("region", { name: "Desktop (VNC)" });
  await vnc.getByText("streamspace.vnc.token-lifetime").waitFor();
  await vnc.getByText("1 h", { exact: true }).waitFor();
  await page.getByRole("region", { name: "Runtime and agents" }).getByText("Yes (local)").waitFor();
});

await step("the main screens fit a 1280x720 laptop screen without sideways scrolling", async () => {
  await page.setViewportSize({ width: 1280, height: 720 });
  try {
    for (const [link, heading, name] of [
      ["My sessions", "My sessions", "20-laptop-sessions"],
      ["Catalog", "Catalog", "21-laptop-catalog"],
      ["Quota & usage", "Quota & usage", "22-laptop-quota"],
      ["Users", "Users", "23-laptop-users"],
      ["Templates", "Templates", "24-laptop-templates"],
      ["API keys", "API keys", "25-laptop-api-keys"],
      ["Audit log", "Audit log", "26-laptop-audit"],
      ["Organizations", "Organizations", "27-laptop-organizations"],
      ["Agents", "Agents", "28-laptop-agents"],
      ["Projections", "Projections", "29-laptop-projections"],
      ["Settings", "Settings", "30-laptop-settings"],
    ]) {
      await page.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await settled();
      await page.screenshot({ path: join(shots, `${name}.png`) });
      await noHorizontalScroll(heading);
    }
    await page.goto(`${base}/sessions/${sessionId}/history`);
    await page.getByRole("heading", { name: "Session history" }).waitFor();
    await settled();
    await page.screenshot({ path: join(shots, "31-laptop-history.png") });
    await noHorizontalScroll("Session history");
    await page.goto(`${base}/sessions/${sessionId}/desktop`);
    await desktopCanvas().waitFor({ timeout: 30_000 });
    await page.getByText(/^Connected/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, "32-laptop-desktop.png") });
    await noHorizontalScroll("Desktop");
    await page.getByRole("link", { name: "My sessions", exact: true }).click();
  } finally {
    await page.setViewportSize({ width: 1366, height: 800 });
  }
});

await step("a user of another organization sees none of it", async () => {
  const suffix = Date.now();
  const answer = await page.evaluate(
    async ([t, suffix]) => {
      const call = async (path, body) => {
        const response = await fetch(path, {
          method: "POST",
          headers: { Authorization: `Bearer ${t}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      };
      const org = await call("/api/v1/organizations", {
        name: `other-${suffix}`,
        quota: { max_sessions: 2, max_cpu_millis: 2000, max_memory_mb: 2048 },
      });
      const user = await call("/api/v1/users", {
        username: `outsider-${suffix}`,
        password: "outsider-password-1",
        role: "org_admin",
        organization_id: org.body.id,
      });
      return { org: org.status, user: user.status };
    },
    [token, suffix],
  );
  expect(
    answer.org === 201 && answer.user === 201,
    `created the other tenant: ${JSON.stringify(answer)}`,
  );
  // sessionStorage belongs to one tab: a new tab starts signed out.
  const outsider = await context.newPage();
  await outsider.goto(`${base}/login`);
  await outsider.getByLabel("Username").fill(`outsider-${suffix}`);
  await outsider.getByLabel("Password").fill("outsider-password-1");
  await outsider.getByRole("button", { name: "Sign in", exact: true }).click();
  await outsider.getByText("You have no sessions yet.").waitFor();
  const status = await outsider.evaluate(
    async (id) =>
      (
        await fetch(`/api/v1/sessions/${id}`, {
          headers: {
            Authorization: `Bearer ${sessionStorage.getItem("streamspace.access_token")}`,
          },
        })
      ).status,
    sessionId,
  );
  expect(status === 404, `another organization's session answers 404 (got ${status})`);
  await outsider.screenshot({ path: join(shots, "14-other-organization.png"), fullPage: true });
  await outsider.close();
});

await step("no console errors", async () => {
  expect(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
});

await context.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
