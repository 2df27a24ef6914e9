// The extension end to end, as a coordinator meets it: code-server (VS Code in the browser) with the
// packaged .vsix installed and ctgc as its language server, driven by Playwright in headless
// Chromium. It opens a fiche of a copy of a convention, checks the colours, types a typo in the
// `axe` reference, waits for the red underline, hovers it (the French message), applies the quick
// fix (« Remplacer par « familles » »), sees the underline go, and types `pilote ` to be offered
// the parties with their names. Messages are French, like ctgc's.
//
//   node run.mjs   (with node 24, which code-server needs), the environment giving:
//     CTGC      the ctgc binary          VSIX     the packaged extension
//     PROJECT   a copy of conventions/carlades (it is edited in the editor, never saved)
//     WORK      a scratch directory (code-server's settings, extensions, screenshots)
//     CHROMIUM  the browser (default /usr/bin/chromium)
//
// Exit code 0 when every step passes; 1 otherwise, with a screenshot of the failing step in WORK.

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const { CTGC, VSIX, PROJECT, WORK } = process.env;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
for (const [name, value] of Object.entries({ CTGC, VSIX, PROJECT, WORK })) {
  if (!value) {
    console.error(`run.mjs : la variable ${name} manque`);
    process.exit(2);
  }
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).replace(".", ",")} s`;
const step = (text) => console.log(`[${elapsed()}] ${text}`);

const codeServer = join(here, "node_modules", "code-server", "out", "node", "entry.js");
const userData = join(WORK, "donnees");
const extensions = join(WORK, "extensions");
mkdirSync(join(userData, "User"), { recursive: true });
mkdirSync(join(userData, "Machine"), { recursive: true });
// Everything code-server writes stays in WORK (its config file would go to ~/.config).
const env = {
  ...process.env,
  XDG_CONFIG_HOME: join(WORK, "config"),
  XDG_DATA_HOME: join(WORK, "data"),
  XDG_CACHE_HOME: join(WORK, "cache"),
};
const common = ["--user-data-dir", userData, "--extensions-dir", extensions];

step("installation de l’extension dans code-server");
execFileSync(process.execPath, [codeServer, ...common, "--install-extension", VSIX], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
// `ctgc.chemin` is a machine setting: code-server, a remote for VS Code, reads it from the
// server's machine settings, not from the user's.
writeFileSync(
  join(userData, "Machine", "settings.json"),
  JSON.stringify({ "ctgc.chemin": CTGC }, null, 2),
);
writeFileSync(
  join(userData, "User", "settings.json"),
  JSON.stringify(
    {
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "security.workspace.trust.enabled": false,
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "editor.hover.delay": 200,
      "editor.minimap.enabled": false,
      "chat.disableAIFeatures": true,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
    },
    null,
    2,
  ),
);

/** A free port on the loopback interface. */
const port = await new Promise((resolve, reject) => {
  const server = createServer();
  server.on("error", reject);
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

step(`démarrage de code-server sur le port ${port}`);
const server = spawn(
  process.execPath,
  [
    codeServer,
    ...common,
    "--config",
    join(WORK, "config.yaml"),
    "--auth",
    "none",
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    PROJECT,
  ],
  { env, stdio: ["ignore", "pipe", "pipe"] },
);
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));

let browser;
let page;
let failed = false;

/** Stops everything this script started. */
async function finish() {
  await browser?.close().catch(() => undefined);
  server.kill();
}

try {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("code-server ne répond pas après 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }

  step("ouverture du projet dans Chromium");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}/?folder=${encodeURIComponent(PROJECT)}`);
  await page.locator(".monaco-workbench").waitFor();
  step("plan de travail affiché");
  // The explorer shows the project: the workbench is ready for the keyboard.
  await page.getByRole("treeitem", { name: "convention.ctg" }).waitFor();

  step("ouverture de fiches/02-rpe.ctg");
  await page.keyboard.press("Control+P");
  await page.locator(".quick-input-widget input").waitFor();
  await page.keyboard.type("02-rpe.ctg");
  await page
    .locator(".quick-input-list .monaco-list-row", { hasText: "02-rpe.ctg" })
    .first()
    .waitFor();
  await page.keyboard.press("Enter");
  const editor = page.locator(".editor-instance .monaco-editor").first();
  const line = editor.locator(".view-line", { hasText: "axe familles" });
  await line.waitFor();

  // Colours: the keyword and the identifier are not painted alike.
  const colours = await line
    .locator("span > span")
    .evaluateAll((spans) =>
      spans
        .filter((s) => s.textContent.trim() !== "")
        .map((s) => [s.textContent, getComputedStyle(s).color]),
    );
  const keyword = colours.find(([t]) => t.trim() === "axe");
  const identifier = colours.find(([t]) => t.trim() === "familles");
  if (!keyword || !identifier || keyword[1] === identifier[1]) {
    throw new Error(`pas de couleurs pour « axe familles » : ${JSON.stringify(colours)}`);
  }
  step(`couleurs : « axe » ${keyword[1]}, « familles » ${identifier[1]}`);

  step("faute de frappe : « axe famillesx »");
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.type("x");
  const typed = Date.now();
  const squiggle = editor.locator(".squiggly-error").first();
  await squiggle.waitFor();
  step(`soulignement rouge, ${Date.now() - typed} ms après la frappe`);

  step("survol du soulignement");
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator(".monaco-hover", { hasText: "famillesx" }).first();
  await hover.waitFor();
  const message = (await hover.innerText()).replace(/\s+/g, " ");
  for (const expected of ["inconnu", "vouliez-vous dire", "ctg::ref::axe-inconnu"]) {
    if (!message.includes(expected)) {
      throw new Error(`le survol ne dit pas « ${expected} » : ${message}`);
    }
  }
  step(`message : ${message.slice(0, 120)}`);
  await page.screenshot({ path: join(WORK, "survol.png") });

  step("correction proposée");
  await page.mouse.move(0, 0);
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Control+.");
  // The quick fix menu, its first action focused.
  await page
    .getByText(/^Remplacer par «/)
    .first()
    .waitFor();
  await page.keyboard.press("Enter");
  await editor.locator(".view-line", { hasText: "axe familles" }).waitFor();
  await editor.locator(".squiggly-error").waitFor({ state: "detached" });
  step("corrigé : le soulignement a disparu");

  step("complétion après « pilote »");
  await editor.locator(".view-line", { hasText: "axe familles" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("pilote ");
  const suggestion = page.locator(".suggest-widget .monaco-list-row", { hasText: "csc" }).first();
  await suggestion.waitFor();
  const offered = (await page.locator(".suggest-widget").innerText()).replace(/\s+/g, " ");
  // Every party is offered; the one selected shows what it is.
  if (!offered.includes("Caisse d'allocations familiales du Cantal (signataire)")) {
    throw new Error(`la complétion ne dit pas ce qu’est « caf » : ${offered}`);
  }
  step(`proposé : ${offered.slice(0, 120)}`);
  await page.keyboard.press("Escape");
} catch (error) {
  failed = true;
  console.log(`ÉCHEC : ${error.message}`);
  if (page) {
    const shot = join(WORK, "echec.png");
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.log(`capture : ${shot}`);
  }
  console.log("--- code-server ---");
  console.log(serverLog.slice(-4000));
} finally {
  await finish();
}
step(failed ? "échec" : "réussi");
process.exit(failed ? 1 : 0);
