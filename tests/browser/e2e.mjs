// End-to-end tests in headless Chromium (Debian's, driven by playwright-core), against the real
// binary started by scripts/browser-tests with mail going to a real SMTP server (aiosmtpd):
// a member submits with and without JavaScript (once by keyboard alone) and confirms from the
// received mail, an organiser logs in (by keyboard) and approves, a reader subscribes and
// confirms (by keyboard), the topic
// page shows the entries, a digest arrives and its unsubscribe link works; an organiser pastes a
// list into a past month, reviews the preview, adds, edits an entry and publishes the round-up
// (by keyboard). Every main page is
// checked with axe-core (WCAG 2.2 AA, zero violations), saved for the Nu Html Checker (zero
// errors) and screenshotted into OUT_DIR/screenshots for people to look at.
//
// Environment: BASE_URL, MAILDIR (aiosmtpd's Maildir), ADMIN_EMAIL, ADMIN_PASSWORD, OUT_DIR,
// CHROMIUM (default /usr/bin/chromium).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU_JAR = require("vnu-jar");

const BASE = process.env.BASE_URL;
const MAILDIR = process.env.MAILDIR;
const ADMIN_EMAIL = process.env.ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const OUT = path.resolve(process.env.OUT_DIR || "out");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FIXTURE = process.env.FIXTURE_URL;
const HOOK = process.env.HOOK_URL;
for (const [name, value] of Object.entries({ BASE, MAILDIR, ADMIN_EMAIL, ADMIN_PASSWORD, FIXTURE, HOOK })) {
  if (!value) throw new Error(`e2e: ${name} is not set`);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.join(OUT, "screenshots"), { recursive: true });
mkdirSync(path.join(OUT, "html"), { recursive: true });

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) {
    passed += 1;
  } else {
    failures.push(what);
    console.log(`FAIL ${what}`);
  }
}

// ---- mail received by aiosmtpd ----

function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, _charset, enc, text) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

function splitHead(raw) {
  const at = raw.search(/\n\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at + 2);
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers, body) {
  const encoding = (headers["content-transfer-encoding"] || "").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function parseMail(rawText) {
  const raw = rawText.replace(/\r\n/g, "\n");
  const { headers, body } = splitHead(raw);
  const parts = {};
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] || "");
  if (boundary) {
    for (const chunk of body.split(`--${boundary[1]}`)) {
      const part = splitHead(chunk.replace(/^\n/, ""));
      const type = (part.headers["content-type"] || "").split(";")[0].trim();
      if (type) parts[type] = decodeBody(part.headers, part.body);
    }
  } else {
    parts[(headers["content-type"] || "text/plain").split(";")[0].trim()] = decodeBody(headers, body);
  }
  return { to: headers.to || "", subject: decodeWords(headers.subject || ""), text: parts["text/plain"] || "", html: parts["text/html"] || "", headers };
}

function allMail() {
  const found = [];
  for (const sub of ["new", "cur"]) {
    const dir = path.join(MAILDIR, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) found.push(parseMail(readFileSync(path.join(dir, name), "latin1")));
  }
  return found;
}

/** Waits for a mail to `to` whose text has a link containing `needle`; returns the link's path. */
async function linkFromMail(to, needle) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const mail of allMail()) {
      if (!mail.to.includes(to)) continue;
      const link = (mail.text.match(/https?:\/\/\S+/g) || []).find((l) => l.includes(needle));
      if (link) {
        const url = new URL(link);
        return { path: url.pathname + url.search, mail };
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`e2e: no mail to ${to} with a link containing ${needle}`);
}

// ---- page checks: axe, Nu, screenshots ----

const checkedPages = [];

/** Runs axe on the page as shown, saves its HTML source for the Nu checker and a screenshot. */
async function audit(page, name, source) {
  console.log(`checking ${name}`);
  await page.screenshot({ path: path.join(OUT, "screenshots", `${name}.png`), fullPage: true });
  writeFileSync(path.join(OUT, "html", `${name}.html`), source);
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  for (const v of result.violations) {
    console.log(`axe ${name}: ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  }
  check(result.violations.length === 0, `axe: ${name} has ${result.violations.length} WCAG 2.2 AA violation(s)`);
  checkedPages.push(name);
}

/** Audits a page seen in a browser without JavaScript: the same source at the same address in a
 *  page that can run axe. */
async function auditWithoutScript(browser, url, name, source) {
  const page = await newPage(browser, `${name} (audit)`);
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: source }));
  await page.goto(url);
  await audit(page, name, source);
  await page.context().close();
}

/** Opens `path` and audits it; returns the response. */
async function visit(page, pathname, name) {
  const res = await page.goto(BASE + pathname);
  check(res.status() === 200, `${name}: GET ${pathname} answered ${res.status()}`);
  await audit(page, name, await res.text());
  return res;
}

/** Clicks and waits for the navigation it causes; returns the main response. */
async function clickAndWait(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

/** The fonts Chromium really drew the text of `selector` with (DevTools protocol). */
async function fontsOf(page, selector) {
  const client = await page.context().newCDPSession(page);
  await client.send("DOM.enable");
  await client.send("CSS.enable");
  const { root } = await client.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await client.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await client.send("CSS.getPlatformFontsForNode", { nodeId });
  await client.detach();
  return fonts;
}

/** Whether every Chinese or Japanese character of `selector`'s text was drawn from a font that
 *  has CJK glyphs (so none is a box); Latin letters beside them may come from another font. */
async function drawnWithCjkFont(page, selector) {
  const fonts = await fontsOf(page, selector);
  const text = await page.locator(selector).first().innerText();
  const cjk = [...text].filter((c) => /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/.test(c)).length;
  const fromCjkFonts = fonts
    .filter((f) => /CJK|Noto Sans (SC|JP)|PingFang|Hiragino|YaHei/i.test(f.familyName))
    .reduce((n, f) => n + f.glyphCount, 0);
  console.log(`fonts of ${selector} (${cjk} CJK characters): ${fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(", ")}`);
  return cjk > 0 && fromCjkFonts >= cjk;
}

/** Whether the focused element matches `selector`. */
async function focusIs(page, selector) {
  return page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector);
}

/** Presses Tab until the focused element matches `selector`; whether it was reached. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    if (await focusIs(page, selector)) return true;
    await page.keyboard.press("Tab");
  }
  return focusIs(page, selector);
}

/** Presses Enter on the focused control and waits for the navigation it causes. */
async function enterAndWait(page) {
  const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  return res;
}

function watchConsole(page, label) {
  page.on("console", (msg) => {
    const source = msg.location().url || "";
    // A refused form answers 4xx on purpose; the document's own status is checked elsewhere.
    const ownStatus = source === page.url() && msg.text().startsWith("Failed to load resource");
    if (msg.type() === "error" && !ownStatus && !/favicon\.ico/.test(source)) {
      failures.push(`${label}: console error: ${msg.text()}`);
      console.log(`FAIL ${label}: console error: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => failures.push(`${label}: page error: ${err.message}`));
}

async function newPage(browser, label, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  watchConsole(page, label);
  return page;
}

// ---- the journeys ----

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

try {
  const topics = await (await fetch(`${BASE}/api/v1/topics`)).json();
  const open = topics.find((t) => t.status === "open");
  if (!open) throw new Error("e2e: the demo has no open topic");
  const slug = open.slug;
  const stamp = Date.now().toString(36);

  // A reader looks around.
  const reader = await newPage(browser, "reader");
  await visit(reader, "/", "home");
  await visit(reader, "/topics", "schedule");
  await visit(reader, `/topics/${slug}`, "topic");
  const feedLinks = await reader.locator('head link[rel="alternate"]').count();
  check(feedLinks >= 2, `topic page offers its feeds in <head> (${feedLinks})`);

  // A member submits with JavaScript on, by keyboard alone.
  const member = await newPage(browser, "member-js");
  await visit(member, `/topics/${slug}/submit`, "submit");
  const order = ["url", "kind", "title", "summary", "language", "author_name", "author_email", "author_link", "agree"];
  check(await tabTo(member, "#url"), "keyboard: Tab reaches the link, the first field of the submission form");
  const jsTitle = `Keyboard-only entry ${stamp}`;
  const typed = {
    title: jsTitle,
    url: `https://example.org/keyboard-${stamp}`,
    summary: "Written and sent with the keyboard alone.",
    author_name: "Kim Keys",
    author_email: `kim-${stamp}@example.org`,
  };
  for (const id of order) {
    const focused = await member.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === id, `keyboard: focus moves to #${id} in order (found #${focused})`);
    if (id === "kind") await member.keyboard.press("ArrowDown");
    else if (id === "agree") await member.keyboard.press("Space");
    else if (typed[id]) await member.keyboard.type(typed[id]);
    await member.keyboard.press("Tab");
  }
  check((await member.locator("#kind").inputValue()) !== "", "keyboard: a kind was chosen with the arrow key");
  check(await member.locator("#agree").isChecked(), "keyboard: the rules box was ticked with Space");
  const duplicateCheck = await member
    .waitForFunction(() => document.getElementById("url-check").textContent.includes("Not submitted yet"), null, { timeout: 5000 })
    .then(() => true, () => false);
  check(duplicateCheck, "script: the duplicate check answered as the link was typed");
  const focusedButton = await member.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
  check(focusedButton === "Submit", `keyboard: the submit button comes last (found ${focusedButton})`);
  await member.waitForTimeout(1200); // the form's minimum fill time
  const afterSubmit = await enterAndWait(member);
  check(afterSubmit.status() === 200 && afterSubmit.url().endsWith(`/topics/${slug}`), `keyboard submit lands on the topic page (${afterSubmit.url()})`);
  check((await member.content()).includes("We sent a confirmation link"), "the member is told to confirm by mail");

  // Pasting a link fills the title and summary from the page and shows its thumbnail (from the
  // club's own address); a link already in is announced before submitting.
  const paster = await newPage(browser, "member-preview");
  await paster.goto(`${BASE}/topics/${slug}/submit`);
  await paster.locator("#url").fill(`${FIXTURE}/post.html`);
  const until = (fn, arg) => paster.waitForFunction(fn, arg, { timeout: 10_000 }).then(() => true, () => false);
  check(await until(() => document.getElementById("title").value === "Golden paths that people choose"), "pasting a link fills the title from the page");
  check((await paster.locator("#summary").inputValue()).startsWith("Why our templates are used"), "and the summary");
  const shown = await until(() => {
    const box = document.getElementById("url-thumbnail");
    const img = box && box.querySelector("img");
    return !!img && !box.hidden && img.complete && img.naturalWidth > 0 && img.src.startsWith(`${location.origin}/media/thumbnails/`);
  });
  check(shown, "the thumbnail shows, served by the club");
  check((await paster.locator("#url-check").innerText()).includes("The Fixture Blog"), "the member is told where the text came from");
  await audit(paster, "submit-with-preview", await (await fetch(`${BASE}/topics/${slug}/submit`)).text());
  await paster.locator("#url").fill(typed.url);
  check(await until(() => document.getElementById("url-check").textContent.includes("already in")), "a link already in is announced before submitting");
  check((await paster.locator("#url-check").getAttribute("aria-live")) === "polite", "the announcement is in an ARIA live region");

  // A member submits with JavaScript off: first with what the browser lets through but the
  // club refuses (blank titles and names), then properly.
  const plain = await newPage(browser, "member-nojs", { javaScriptEnabled: false });
  await plain.goto(`${BASE}/topics/${slug}/submit`);
  await plain.selectOption("#kind", "article");
  await plain.fill("#title", "   ");
  await plain.fill("#url", "https://example.org/refused");
  await plain.fill("#summary", "   ");
  await plain.fill("#author_name", "   ");
  await plain.fill("#author_email", "someone@example.org");
  await plain.check("#agree");
  await plain.waitForTimeout(1200);
  const errorsRes = await clickAndWait(plain, plain.getByRole("button", { name: "Submit" }));
  check(errorsRes.status() === 422, `a blank entry is refused with 422 (${errorsRes.status()})`);
  const errorsText = await plain.locator("main").innerText();
  check(errorsText.includes("Please correct the fields marked below"), "the refused form says what to do");
  check((await plain.locator('[aria-invalid="true"]').count()) >= 3, "the wrong fields are marked aria-invalid");
  check((await plain.locator("#url").inputValue()) === "https://example.org/refused", "what was typed is kept");
  await auditWithoutScript(browser, errorsRes.url(), "submit-with-errors", await errorsRes.text());
  const plainTitle = `No-script entry ${stamp}`;
  await plain.selectOption("#kind", "video");
  await plain.fill("#title", plainTitle);
  await plain.fill("#url", `https://example.org/no-script-${stamp}`);
  await plain.fill("#summary", "Sent from a browser with JavaScript switched off.");
  await plain.fill("#author_name", "Nora Noscript");
  await plain.fill("#author_email", `nora-${stamp}@example.org`);
  await plain.check("#agree");
  await plain.waitForTimeout(1200);
  const sent = await clickAndWait(plain, plain.getByRole("button", { name: "Submit" }));
  check(sent.status() === 200 && (await plain.content()).includes("We sent a confirmation link"), "the no-script submission is accepted");

  // Both confirm from the mail they received.
  for (const [page, email, label] of [[member, typed.author_email, "js"], [plain, `nora-${stamp}@example.org`, "nojs"]]) {
    const { path: confirm, mail } = await linkFromMail(email, "/confirm?token=");
    check(mail.html.includes("Confirm my submission"), `${label}: the confirmation mail has an HTML part with the button`);
    await page.goto(BASE + confirm);
    const done = await clickAndWait(page, page.getByRole("button", { name: "Confirm my submission" }));
    check(done.status() === 200, `${label}: confirming answers 200 (${done.status()})`);
    check(/confirmed|thank/i.test(await page.locator("main").innerText()), `${label}: the member sees the confirmation`);
  }

  // An organiser logs in by keyboard alone and approves both.
  const organiser = await newPage(browser, "organiser");
  await visit(organiser, "/admin/login", "admin-login");
  check(await tabTo(organiser, "#email"), "keyboard: Tab reaches the login form");
  await organiser.keyboard.type(ADMIN_EMAIL);
  await organiser.keyboard.press("Tab");
  check(await focusIs(organiser, "#password"), "keyboard: the password field follows the address");
  await organiser.keyboard.type(ADMIN_PASSWORD);
  await organiser.keyboard.press("Tab");
  check(await focusIs(organiser, "button[type=submit]"), "keyboard: the login button follows the password");
  const loggedIn = await enterAndWait(organiser);
  check(loggedIn.url().endsWith("/admin"), `login lands on the dashboard (${loggedIn.url()})`);
  await audit(organiser, "dashboard", await loggedIn.text());
  check((await organiser.locator("svg title").count()) >= 3, "the dashboard draws its charts with titles");
  check((await organiser.locator("table").count()) >= 3, "each chart has a data table");
  await visit(organiser, "/admin/submissions?status=pending", "moderation-queue");
  for (const title of [jsTitle, plainTitle]) {
    const approved = await clickAndWait(organiser, organiser.getByRole("button", { name: `Approve “${title}”` }));
    check(approved.status() === 200, `approving “${title}” answers 200 (${approved.status()})`);
  }
  // The organiser back-fills a past month from a pasted list, edits an entry, and writes and
  // publishes the month's round-up: by keyboard alone, axe on every page.
  const past = topics.find((t) => t.month === "2025-05");
  if (!past) throw new Error("e2e: the demo has no May 2025 topic");
  await visit(organiser, `/admin/topics/${past.slug}/entries`, "admin-entries");
  check(await tabTo(organiser, "#list-text"), "keyboard: Tab reaches the list box");
  const pasted = [
    `- 李明 - 在生产环境中使用容器的经验 ${stamp} - 第三节最有用 https://example.org/zh-${stamp}`,
    `- 山田 花子 - 可観測性を一から作る ${stamp} https://example.org/ja-${stamp}`,
    `- Priya Raman - https://example.org/mature-${stamp}`,
    `- Saying no to features by Jonas Weber; the funding part :point_right: https://example.org/no-${stamp}`,
    `- Amelia Chen - Versioning a platform - read the table at the end https://example.org/versions-${stamp}`,
    "- a line without its link",
  ].join("\n");
  await organiser.keyboard.type(pasted);
  check(await tabTo(organiser, "button[value=preview]"), "keyboard: Tab reaches the preview button");
  const previewed = await enterAndWait(organiser);
  await audit(organiser, "admin-entries-preview", await previewed.text());
  const previewText = await organiser.locator("main").innerText();
  check(previewText.includes("5 to add") && previewText.includes("no link"), "the preview counts the lines and names the invalid one");
  check((await organiser.locator("input[name=take]:checked").count()) === 5, "the five usable lines are ticked");
  check(await tabTo(organiser, "button[value=add]"), "keyboard: Tab reaches the add button");
  await enterAndWait(organiser);
  const entriesText = await organiser.locator("main").innerText();
  check(entriesText.includes("5 entries added.") && entriesText.includes("Saying no to features"), "the list is added");
  check(entriesText.includes("the funding part 👉"), "the shortcode became an emoji");
  check(await tabTo(organiser, 'a[href^="/admin/entries/"][href$="/edit"]'), "keyboard: Tab reaches an entry's edit link");
  await enterAndWait(organiser);
  await audit(organiser, "admin-entry-edit", await (await organiser.context().request.get(organiser.url())).text());
  check(await tabTo(organiser, "#title"), "keyboard: Tab reaches the title");
  const newTitle = `Edited by keyboard ${stamp}`;
  await organiser.keyboard.press("Control+A");
  await organiser.keyboard.type(newTitle);
  check(await tabTo(organiser, "#note"), "keyboard: Tab reaches the organiser's note");
  await organiser.keyboard.press("Control+A");
  await organiser.keyboard.type("Changed without a mouse.");
  check(await tabTo(organiser, "main form button[type=submit]"), "keyboard: Tab reaches the save button");
  await enterAndWait(organiser);
  check((await organiser.locator("main").innerText()).includes(newTitle), "the edit is saved");
  check(await tabTo(organiser, `a[href="/admin/topics/${past.slug}/roundup"]`), "keyboard: Tab reaches the round-up link");
  const roundupPage = await enterAndWait(organiser);
  await audit(organiser, "admin-roundup", await roundupPage.text());
  check(await tabTo(organiser, "#intro"), "keyboard: Tab reaches the introduction");
  const intro = `May was about platforms growing up (${stamp}).`;
  await organiser.keyboard.type(intro);
  check(await tabTo(organiser, "#published"), "keyboard: Tab reaches the publish box");
  await organiser.keyboard.press("Space");
  check(await tabTo(organiser, "main form button[type=submit]"), "keyboard: Tab reaches the save button");
  await enterAndWait(organiser);
  check((await organiser.locator("main").innerText()).includes("saved and published"), "the round-up is published");
  await visit(reader, `/topics/${past.slug}/roundup`, "roundup");
  check((await reader.locator("main").innerText()).includes(newTitle), "the round-up lists the edited entry");
  await reader.goto(`${BASE}/topics/${past.slug}`);
  check((await reader.locator("main").innerText()).includes(intro), "the round-up heads the closed topic's page");

  // The organiser connects a webhook, sends a test message and reads the delivery log.
  await visit(organiser, "/admin/destinations", "admin-destinations");
  await organiser.selectOption("#kind", "webhook");
  await organiser.fill("#url", HOOK);
  await organiser.fill("#label", "Club automations");
  await organiser.check("input[name=events][value='entry.published']");
  const added = await clickAndWait(organiser, organiser.getByRole("button", { name: "Add the destination" }));
  check(added.status() === 200 && /^whsec_/.test((await organiser.locator("#new-secret").innerText()).trim()), "the webhook's signing secret is shown once");
  await audit(organiser, "admin-destinations-secret", await added.text());
  await clickAndWait(organiser, organiser.getByRole("button", { name: "Send a test message to Club automations" }));
  const logText = await organiser.locator("main").innerText();
  check(logText.includes("The test message arrived (HTTP 204)"), "the test message arrived");
  check(logText.includes("destination.test") && /delivered/i.test(logText), "the delivery log shows it");
  await audit(organiser, "admin-destination-log", await (await organiser.context().request.get(organiser.url())).text());

  await visit(organiser, `/admin/topics/${slug}/edit`, "topic-editor");
  await visit(organiser, "/admin/topics", "admin-topics");
  await visit(organiser, "/admin/organisers", "admin-organisers");
  await visit(organiser, "/admin/digests", "admin-digests");

  // An admin puts an address on the suppression list by keyboard; the list shows it masked.
  const quiet = `quiet-${stamp}@example.org`;
  const suppressForm = "main form[action='/admin/suppressions']";
  await visit(organiser, "/admin/suppressions", "admin-suppressions");
  check(await tabTo(organiser, `${suppressForm} input[type=email]`), "keyboard: Tab reaches the address to suppress");
  await organiser.keyboard.type(quiet);
  await organiser.keyboard.press("Tab");
  check(await focusIs(organiser, `${suppressForm} button[type=submit]`), "keyboard: the suppress button follows the address");
  const suppressed = await enterAndWait(organiser);
  const listText = await organiser.locator("main").innerText();
  check(suppressed.status() === 200 && listText.includes("q•••@example.org") && !listText.includes(quiet), "the suppression list shows the address masked");
  await audit(organiser, "admin-suppressions-row", await (await organiser.context().request.get(organiser.url())).text());

  // A reader subscribes and confirms, by keyboard alone.
  const subscriber = `reader-${stamp}@example.org`;
  await visit(reader, "/subscribe", "subscribe");
  const subscribeForm = "main form[action='/subscribe']";
  check(await tabTo(reader, `${subscribeForm} input[type=email]`), "keyboard: Tab reaches the subscription form");
  await reader.keyboard.type(subscriber);
  await reader.keyboard.press("Tab");
  check(await focusIs(reader, `${subscribeForm} button[type=submit]`), "keyboard: the subscribe button follows the address");
  await reader.waitForTimeout(1200); // the form's minimum fill time
  const asked = await enterAndWait(reader);
  check(asked.status() === 200, `subscribing answers 200 (${asked.status()})`);
  const { path: confirmSub } = await linkFromMail(subscriber, "/subscribe/confirm?token=");
  await reader.goto(BASE + confirmSub);
  check(await tabTo(reader, "main form[action='/subscribe/confirm'] button"), "keyboard: Tab reaches the confirm button");
  await enterAndWait(reader);
  check((await reader.locator("h1").innerText()) === "You are subscribed", "the reader is subscribed");

  // The topic page now shows both entries.
  await reader.goto(`${BASE}/topics/${slug}`);
  const archive = await reader.locator("main").innerText();
  check(archive.includes(jsTitle) && archive.includes(plainTitle), "the topic page lists both approved entries");
  await audit(reader, "topic-with-entries", await (await fetch(`${BASE}/topics/${slug}`)).text());

  // A digest goes out; its one-click unsubscribe link works.
  await organiser.goto(`${BASE}/admin/digests`);
  const send = organiser.getByRole("button", { name: /^Send now/ }).first();
  check((await send.count()) === 1, "a waiting digest can be sent from /admin/digests");
  await clickAndWait(organiser, send);
  const { path: unsubscribe, mail: digest } = await linkFromMail(subscriber, "/unsubscribe?token=");
  check(/List-Unsubscribe=One-Click/i.test(digest.headers["list-unsubscribe-post"] || ""), "the digest carries List-Unsubscribe-Post");
  await visit(reader, unsubscribe, "unsubscribe");
  await clickAndWait(reader, reader.getByRole("button", { name: "Unsubscribe" }));
  check((await reader.locator("h1").innerText()) === "You are unsubscribed", "one click unsubscribes");

  // Readers in Chinese and Japanese: the browser's language chooses the page's, the language
  // switcher changes it by keyboard and is remembered, and a member submits in Japanese by
  // keyboard. axe on every page; the CJK text is drawn with a CJK font, not boxes.
  const zh = await newPage(browser, "reader-zh", { locale: "zh-CN" });
  for (const [p, name] of [["/", "zh-home"], ["/topics", "zh-schedule"], [`/topics/${slug}`, "zh-topic"], [`/topics/${slug}/submit`, "zh-submit"]]) {
    await visit(zh, p, name);
    check((await zh.locator("html").getAttribute("lang")) === "zh-CN", `${name}: the page is in Chinese`);
  }
  check((await zh.locator("header nav a[href='/topics']").innerText()) === "日程", "zh: the navigation speaks Chinese");
  check(await drawnWithCjkFont(zh, "header nav a[href='/topics']"), "zh: the Chinese text is drawn with a CJK font");
  await zh.goto(`${BASE}/`);
  // A two-character Chinese word inside a sentence is found from the search box by keyboard.
  check(await tabTo(zh, "#site-search-q"), "keyboard: Tab reaches the search box in Chinese");
  await zh.keyboard.type("容器");
  const zhSearched = await enterAndWait(zh);
  check(zhSearched.status() === 200 && zh.url().includes("/search?q=%E5%AE%B9%E5%99%A8"), `Enter searches in Chinese (${zh.url()})`);
  const zhFound = (await zh.locator("main ol.results").count()) === 1 ? await zh.locator("main ol.results").innerText() : "";
  check(zhFound.includes(`在生产环境中使用容器的经验 ${stamp}`), "the Chinese search finds the entry with 容器 inside its title");
  check((await zh.locator("main ol.results mark").allInnerTexts()).includes("容器"), "the Chinese word is marked in the results");
  await audit(zh, "zh-search-results", await zhSearched.text());
  await zh.goto(`${BASE}/`);
  check(await tabTo(zh, "footer a[hreflang='ja']", 150), "keyboard: Tab reaches the 日本語 link of the language switcher");
  await enterAndWait(zh);
  check((await zh.locator("html").getAttribute("lang")) === "ja", "the switcher's choice wins over the browser's language");
  await zh.goto(`${BASE}/topics`);
  check((await zh.locator("html").getAttribute("lang")) === "ja", "the choice is remembered on the next page");
  for (const [p, name] of [["/", "ja-home"], [`/topics/${slug}`, "ja-topic"], [`/topics/${slug}/submit`, "ja-submit"]]) {
    await visit(zh, p, name);
  }
  check(await drawnWithCjkFont(zh, "main h1"), "ja: the Japanese heading is drawn with a CJK font");
  check(await tabTo(zh, "#site-search-q"), "keyboard: Tab reaches the search box in Japanese");
  await zh.keyboard.type("可観測性");
  const jaSearched = await enterAndWait(zh);
  const jaFound = (await zh.locator("main ol.results").count()) === 1 ? await zh.locator("main ol.results").innerText() : "";
  check(jaSearched.status() === 200 && jaFound.includes(`可観測性を一から作る ${stamp}`), "the Japanese search finds the entry");
  check((await zh.locator("main ol.results mark").allInnerTexts()).includes("可観測性"), "the Japanese word is marked in the results");
  await audit(zh, "ja-search-results", await jaSearched.text());
  await zh.goto(`${BASE}/topics/${slug}/submit`);
  check(await tabTo(zh, "#url"), "keyboard: Tab reaches the link field of the Japanese form");
  const jaTyped = {
    url: `https://example.org/nihongo-${stamp}`,
    title: `キーボードだけで投稿 ${stamp}`,
    summary: "日本語の概要です。キーボードだけで入力しました。",
    author_name: "山田 花子",
    author_email: `hanako-${stamp}@example.org`,
  };
  for (const id of order) {
    if (id === "kind") await zh.keyboard.press("ArrowDown");
    else if (id === "agree") await zh.keyboard.press("Space");
    else if (jaTyped[id]) await zh.keyboard.type(jaTyped[id]);
    await zh.keyboard.press("Tab");
  }
  await zh.waitForTimeout(1200);
  const jaSent = await enterAndWait(zh);
  check(jaSent.status() === 200, `the Japanese submission is accepted (${jaSent.status()})`);
  const notice = await zh.locator("main [role=status]").innerText();
  check(/確認/.test(notice) && !/confirmation/i.test(notice), `the member is told in Japanese to confirm (${notice})`);
  const { mail: jaMail } = await linkFromMail(jaTyped.author_email, "/confirm?token=");
  check(/[\u3040-\u30ff]/.test(jaMail.text || jaMail.html), "the confirmation mail is written in Japanese");
  await zh.screenshot({ path: path.join(OUT, "screenshots", "ja-submitted.png"), fullPage: true });

  // A reader searches the archive from the home page by keyboard, narrows the results by kind,
  // and opens an author's page from a result; axe on each page.
  const seeker = await newPage(browser, "seeker");
  await seeker.goto(`${BASE}/`);
  check(await tabTo(seeker, "#site-search-q"), "keyboard: Tab reaches the search box in the header");
  await seeker.keyboard.type(stamp);
  const searched = await enterAndWait(seeker);
  check(searched.status() === 200 && searched.url().includes(`/search?q=${stamp}`), `Enter searches (${searched.url()})`);
  const found = await seeker.locator("main ol.results").innerText();
  check(found.includes(jsTitle) && found.includes(plainTitle), "the search finds both entries");
  check((await seeker.locator("main ol.results mark").count()) >= 2, "the matched words are marked");
  await audit(seeker, "search-results", await (await fetch(seeker.url())).text());
  const { results } = await (await fetch(`${BASE}/api/v1/search?q=${stamp}`)).json();
  const wanted = results.find((r) => r.title === jsTitle).kind;
  check(await tabTo(seeker, "#search-kind"), "keyboard: Tab reaches the kind filter");
  for (let i = 0; i < 8 && (await seeker.locator("#search-kind").inputValue()) !== wanted; i += 1) {
    await seeker.keyboard.press("ArrowDown");
  }
  check((await seeker.locator("#search-kind").inputValue()) === wanted, `keyboard: the kind ${wanted} was chosen with the arrow keys`);
  check(await tabTo(seeker, "fieldset.search-filters button[type=submit]"), "keyboard: Tab reaches the search button");
  await enterAndWait(seeker);
  check(seeker.url().includes(`kind=${wanted}`) && seeker.url().includes(`q=${stamp}`), `the filter and the words combine in the address (${seeker.url()})`);
  const narrowed = await seeker.locator("main ol.results").innerText();
  check(narrowed.includes(jsTitle), "the filtered results keep the entry of that kind");
  check((await seeker.locator("nav .active-filters a").count()) >= 1, "the filter in force can be removed by a link");
  await audit(seeker, "search-filtered", await (await fetch(seeker.url())).text());
  check(await tabTo(seeker, "main ol.results a[href='/authors/kim-keys']", 120), "keyboard: Tab reaches the entry's author in the results");
  const authorPage = await enterAndWait(seeker);
  check(authorPage.status() === 200 && /\/authors\/[a-z0-9-]+$/.test(seeker.url()), `Enter opens the author's page (${seeker.url()})`);
  check((await seeker.locator("main").innerText()).includes(jsTitle), "the author's page lists their entry");
  await audit(seeker, "author", await (await fetch(seeker.url())).text());
  await visit(seeker, "/authors", "authors");
  await visit(seeker, "/search?q=%E7%B5%B6%E5%AF%BE%E3%81%AB%E3%81%AA%E3%81%84&lang=ja", "ja-search-empty");

  // Screens people look at on a phone, too.
  const phone = await newPage(browser, "phone", { viewport: { width: 390, height: 844 }, isMobile: true });
  for (const [p, name] of [["/", "phone-home"], [`/topics/${slug}/submit`, "phone-submit"]]) {
    await phone.goto(BASE + p);
    await phone.screenshot({ path: path.join(OUT, "screenshots", `${name}.png`), fullPage: true });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${name}: no sideways scrolling on a phone (${overflow}px too wide)`);
  }
} catch (err) {
  failures.push(`journey stopped: ${err.stack || err}`);
  console.log(`FAIL journey stopped: ${err.stack || err}`);
} finally {
  await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
}

// The Nu Html Checker over every page's source as served.
const files = readdirSync(path.join(OUT, "html")).map((f) => path.join(OUT, "html", f));
if (files.length > 0) {
  let report = "";
  try {
    report = execFileSync("java", ["-jar", VNU_JAR, "--format", "json", "--stdout", ...files], { encoding: "utf8" });
  } catch (err) {
    report = err.stdout || "";
  }
  const messages = report ? JSON.parse(report).messages : [{ type: "error", message: "the Nu checker printed nothing" }];
  const errors = messages.filter((m) => m.type === "error");
  for (const m of errors) console.log(`nu ${path.basename(m.url || "")}:${m.lastLine}: ${m.message}`);
  check(errors.length === 0, `Nu Html Checker: ${errors.length} error(s) in ${files.length} page(s)`);
}

console.log(`\naxe and Nu checked: ${checkedPages.join(", ")}`);
console.log(`screenshots in ${path.join(OUT, "screenshots")}`);
console.log(`e2e: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
