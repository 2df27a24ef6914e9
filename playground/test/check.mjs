// The playground in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), as a
// user meets it: the self-contained page opened from file://, then the site/ directory from a web
// server on the loopback.
//
//   node playground/test/check.mjs MANIFEST.json [SCREENSHOT_DIR]
//
// MANIFEST.json (written by tests/playground.rs from the compiler's own results):
//   { "page": ".../ctgc-playground.html", "site": ".../site", "image": ".../logo.png",
//     "example": { "title", "fiches": [titles], "files": count, "file": "fiches/…ctg",
//                  "axe": "axe pe", "typed": "z", "underlined": "pez", "message": "axe « pez » inconnu",
//                  "before": "crèche\" {", "convention": text, "config": text },
//     "examples": [{ "id", "title" }] }
//
// Checks: the first example and its preview show; a typed error is underlined with its message,
// listed, and cleared once fixed; keystroke → preview is measured (median reported, never
// asserted); files are added, renamed, deleted from the keyboard; an image is imported and shown;
// the zip export unpacks to the project's files; copying puts the open file on the clipboard;
// another example loads; the tab order follows the page; the page's words follow French spacing;
// axe-core finds no WCAG 2.0/2.1 A or AA violation on the page; no request leaves the page (every
// request is routed; any http(s) one fails), and no error reaches the console. Prints
// « mesures : {json} » for the Rust test, then exits 0 when all passed, 1 otherwise.
// Messages are French, like the rest of ctgc.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = { bureau: { width: 1400, height: 900 }, telephone: { width: 390, height: 844 } };
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const KEYSTROKES = 15;

const [manifestPath, screenshotDir] = process.argv.slice(2);
if (!manifestPath) {
  console.error('usage : node check.mjs MANIFESTE.json [DOSSIER_CAPTURES]');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });

/** Whitespace of any kind (U+00A0, U+202F included) folded to one space. */
const fold = (s) => s.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let failures = 0;
const fail = (message) => {
  failures += 1;
  console.log(`  ÉCHEC : ${message}`);
};
const check = (ok, message) => {
  if (!ok) fail(message);
  return ok;
};
/** Runs STEP; a step that throws (a wait that timed out) is one failure, and the rest goes on. */
async function step(name, body) {
  try {
    await body();
    console.log(`  ${name} : fait`);
  } catch (e) {
    fail(`${name} : ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});

/** A context whose every request is routed: ALLOWED(url) continues, anything else is refused. */
async function guardedPage(allowed, { acceptDownloads = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORTS.bureau, acceptDownloads });
  const refused = [];
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^https?:/i.test(url) && !allowed(url)) outside.push(url);
    if (allowed(url)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return { context, page, refused, outside, errors, dialogs };
}

/**
 * The preview's text, read through the page rather than the frame: the preview frame is replaced
 * when the page renders again, and an evaluation inside a frame being replaced fails (« Execution
 * context was destroyed »). Polling from the page waits out the replacement.
 */
const previewText = async (page) => {
  const handle = await page.waitForFunction(
    () => {
      const doc = document.getElementById('apercu').contentDocument;
      const text = doc?.readyState === 'complete' ? doc.body?.innerText : '';
      return text ? text : false;
    },
    null,
    { timeout: 30_000 },
  );
  return fold(await handle.jsonValue());
};
const waitForPreview = (page) =>
  page.waitForFunction(() => document.getElementById('etat-apercu').textContent.startsWith('Aperçu à jour'), null, {
    timeout: 30_000,
  });

/** Waits until the preview shows TEXT (or, with PRESENT false, no longer shows it). */
const waitForPreviewText = (page, text, present = true) =>
  page.waitForFunction(
    ([t, p]) => {
      const body = document.getElementById('apercu').contentDocument?.body;
      const fold = (s) => s.replace(/[\s\u00a0\u202f]+/gu, ' ');
      return body && fold(body.innerText).includes(fold(t)) === p;
    },
    [text, present],
    { timeout: 30_000 },
  );

/** Puts the caret at the start (or, with AFTER, the end) of the first match of TEXT in the open file. */
async function caretAt(page, text, { after = false } = {}) {
  await page.locator('#editeur .cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  const field = page.locator('.cm-search input[name=search]');
  await field.waitFor();
  // Typed, not filled: the search panel takes its query on key events.
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press(after ? 'ArrowRight' : 'ArrowLeft');
}

/** Where French typography wants a no-break space and the text has an ordinary one (as tests/guide.rs). */
function typographyFaults(text) {
  const chars = [...text];
  const faults = [];
  chars.forEach((c, i) => {
    const before = chars[i - 1];
    const after = chars[i + 1];
    const fault =
      (c === '«' && after === ' ') ||
      (c === '»' && before === ' ') ||
      (';:!?'.includes(c) && before === ' ' && (after === undefined || /\s|\)/u.test(after))) ||
      (c === '€' && before === ' ');
    if (fault) faults.push(chars.slice(Math.max(0, i - 20), i + 10).join(''));
  });
  return faults;
}

const figures = {};
const pageUrl = pathToFileURL(manifest.page).href;
const ex = manifest.example;

// ── The self-contained page, from file:// ────────────────────────────────────────────────────
console.log(`Page autonome : ${pageUrl}`);
const self = await guardedPage((url) => url === pageUrl, { acceptDownloads: true });
const { page } = self;
await self.context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});

await step('chargement et aperçu de l’exemple', async () => {
  await page.goto(pageUrl, { waitUntil: 'load' });
  await waitForPreview(page);
  await page.waitForFunction(() => performance.getEntriesByName('ctgc:apercu-affiche').length > 0);
  const timing = await page.evaluate(() => ({
    moteur: Number(document.documentElement.dataset.chargementMoteur),
    apercu: performance.getEntriesByName('ctgc:apercu-affiche')[0].startTime,
  }));
  figures.chargement_moteur_ms = Math.round(timing.moteur);
  figures.premier_apercu_ms = Math.round(timing.apercu);
  check((await page.locator('#exemple').inputValue()) === 'versants-d-aime', 'l’exemple choisi n’est pas les Versants d’Aime');
  const text = await previewText(page);
  check(text.includes(fold(ex.title)), `titre absent de l’aperçu : « ${ex.title} »`);
  const missing = ex.fiches.filter((t) => !text.includes(fold(t)));
  check(missing.length === 0, `fiche(s) absente(s) de l’aperçu : ${missing.join(' ; ')}`);
  const listed = await page.locator('#liste-fichiers button.fichier').count();
  check(listed === ex.files, `${listed} fichier(s) listé(s) au lieu de ${ex.files}`);
  // The page's own words (the editor holds the user's text, the preview the document's).
  const words = await page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('.cm-editor, iframe, script, style').forEach((e) => e.remove());
    const titles = [...document.querySelectorAll('[aria-label], [title], [alt]')].map((e) =>
      ['aria-label', 'title', 'alt'].map((a) => e.getAttribute(a) ?? '').join(' '),
    );
    return [copy.textContent, ...titles].join('\n');
  });
  const faults = typographyFaults(words);
  check(faults.length === 0, `espaces à rendre insécables dans la page : ${faults.map((f) => `…${f}…`).join(' | ')}`);
  const opened = await page.locator('#nom-fichier').innerText();
  const firstLine = await page.locator('#editeur .cm-line').first().innerText();
  check(
    opened.includes('convention.ctg') && firstLine === ex.convention.split('\n')[0],
    `convention.ctg n’est pas ouvert dans l’éditeur (${opened} : « ${firstLine} »)`,
  );
});

if (screenshotDir) await page.screenshot({ path: join(screenshotDir, 'bac-a-sable.png') });

await step('ordre du focus au clavier', async () => {
  await page.evaluate(() => document.activeElement?.blur());
  await page.locator('body').focus();
  const order = [];
  for (let i = 0; i < 7; i += 1) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        return el.id || el.dataset.path || el.className;
      }),
    );
  }
  // The skip link, the examples, the export, the files in their order, then their management.
  const expected = ['evitement', 'exemple', 'charger', 'exporter', 'copier', 'ctgc.yaml', 'convention.ctg'];
  check(
    expected.every((id, i) => order[i] === id),
    `ordre de tabulation inattendu : ${order.join(', ')} (attendu en tête : ${expected.join(', ')})`,
  );
});

await step('une erreur tapée est soulignée puis effacée', async () => {
  await page.locator('#liste-fichiers button.fichier', { hasText: ex.file }).click();
  await page.waitForFunction((f) => document.getElementById('nom-fichier').textContent.includes(f), ex.file);
  await caretAt(page, ex.axe, { after: true });
  await page.keyboard.type(ex.typed);
  const range = page.locator('#editeur .cm-lintRange-error');
  await range.first().waitFor({ timeout: 10_000 });
  check((await range.count()) === 1, `${await range.count()} soulignement(s) d’erreur au lieu d’un`);
  const underlined = await range.first().innerText();
  check(underlined === ex.underlined, `soulignement sur « ${underlined} » au lieu de « ${ex.underlined} »`);
  await range.first().hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor({ timeout: 10_000 });
  const tip = fold(await tooltip.innerText());
  check(tip.includes(fold(ex.message)), `info-bulle sans le message « ${ex.message} » : ${tip}`);
  const listed = fold(await page.locator('#liste-diagnostics').innerText());
  check(listed.includes(fold(ex.message)) && listed.includes(ex.file), `diagnostic absent de la liste : ${listed.slice(0, 300)}`);
  const badge = fold(await page.locator('#liste-fichiers button.fichier', { hasText: ex.file }).innerText());
  check(badge.includes('1 erreur'), `le fichier n’est pas marqué en erreur : ${badge}`);
  const state = await page.locator('#etat-apercu').innerText();
  check(state.includes('une erreur'), `l’état de l’aperçu ne dit pas l’erreur : ${state}`);
  // The fix: the typed characters removed.
  await page.locator('#editeur .cm-content').click();
  await caretAt(page, ex.axe + ex.typed, { after: true });
  for (let i = 0; i < ex.typed.length; i += 1) await page.keyboard.press('Backspace');
  await waitForPreview(page);
  check((await range.count()) === 0, 'le soulignement reste après la correction');
  const after = fold(await page.locator('#liste-diagnostics').innerText());
  check(!after.includes(fold(ex.message)), 'le diagnostic reste listé après la correction');
});

await step('frappe → aperçu', async () => {
  await caretAt(page, ex.before);
  // Keydown (seen first, in the capture phase) → the page's mark once the preview is painted.
  await page.evaluate(() => {
    window.__frappes = [];
    document.addEventListener('keydown', () => window.__frappes.push(performance.now()), true);
  });
  const shown = () => page.evaluate(() => performance.getEntriesByName('ctgc:apercu-affiche').length);
  const delays = [];
  for (let i = 1; i <= KEYSTROKES; i += 1) {
    const marks = await shown();
    await page.keyboard.type('X');
    const expected = `${'X'.repeat(i)}${ex.before.slice(0, ex.before.indexOf('"'))}`;
    await page.waitForFunction((n) => performance.getEntriesByName('ctgc:apercu-affiche').length > n, marks, { timeout: 10_000 });
    const text = await previewText(page);
    check(text.includes(expected), `l’aperçu ne montre pas « ${expected} » après la frappe ${i}`);
    delays.push(await page.evaluate(() => performance.getEntriesByName('ctgc:apercu-affiche').at(-1).startTime - window.__frappes.at(-1)));
    // Past the pause: each keystroke is timed alone.
    await page.waitForTimeout(150);
  }
  figures.frappe_apercu_ms = { mediane: Math.round(median(delays)), min: Math.round(Math.min(...delays)), max: Math.round(Math.max(...delays)), frappes: delays.length };
  const measures = await page.evaluate((n) => ({
    verification: performance.getEntriesByName('ctgc:verification').slice(-n).map((m) => m.duration),
    apercu: performance.getEntriesByName('ctgc:apercu').slice(-n).map((m) => m.duration),
  }), KEYSTROKES);
  figures.verification_ms = Math.round(median(measures.verification) * 10) / 10;
  figures.rendu_html_ms = Math.round(median(measures.apercu) * 10) / 10;
  for (let i = 0; i < KEYSTROKES; i += 1) await page.keyboard.press('Backspace');
  await waitForPreviewText(page, `X${ex.before.slice(0, ex.before.indexOf('"'))}`, false);
});

await step('ajouter, renommer, supprimer un fichier au clavier', async () => {
  const before = await page.locator('#liste-fichiers button.fichier').count();
  await page.locator('#nouveau').focus();
  await page.keyboard.press('Enter');
  const name = page.locator('#nom');
  await name.waitFor();
  check(await page.evaluate(() => document.activeElement.id === 'nom'), 'le champ du nom n’a pas le focus');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('../dehors.ctg');
  await page.keyboard.press('Enter');
  const refusal = await page.locator('#nom-erreur').innerText();
  check(refusal.includes('..'), `un nom hors du projet n’est pas refusé : « ${refusal} »`);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('fiches/30-essai.ctg');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('nom-fichier').textContent.includes('fiches/30-essai.ctg'));
  check(await page.evaluate(() => document.activeElement.classList.contains('cm-content')), 'l’éditeur n’a pas le focus après la création');
  await page.keyboard.type(`fiche essai "Fiche d’essai du bac à sable" {\n${ex.axe}\n`);
  await waitForPreviewText(page, 'Fiche d’essai du bac à sable');
  check((await page.locator('#liste-fichiers button.fichier').count()) === before + 1, 'le fichier ajouté n’est pas listé');

  await page.locator('#renommer').focus();
  await page.keyboard.press('Enter');
  await name.waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('fiches/31-essai-renomme.ctg');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('nom-fichier').textContent.includes('31-essai-renomme'));
  const names = await page.locator('#liste-fichiers button.fichier').allInnerTexts();
  check(names.some((n) => n.includes('31-essai-renomme')) && !names.some((n) => n.includes('30-essai')), `renommage non suivi dans la liste : ${names.join(', ')}`);
  check((await page.locator('#editeur .cm-content').innerText()).includes('Fiche d’essai'), 'le texte ne suit pas le fichier renommé');

  await page.locator('#supprimer').focus();
  await page.keyboard.press('Enter');
  await page.locator('#dialogue-confirmer').waitFor();
  check(await page.evaluate(() => document.activeElement.classList.contains('annuler')), 'la suppression ne propose pas d’abord d’annuler');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitForPreviewText(page, 'Fiche d’essai du bac à sable', false);
  check((await page.locator('#liste-fichiers button.fichier').count()) === before, 'le fichier supprimé est encore listé');
});

await step('importer une image', async () => {
  const before = await page.locator('#liste-fichiers button.fichier').count();
  await page.locator('#importer-fichiers').setInputFiles(manifest.image);
  const name = manifest.image.split('/').pop();
  await page.waitForFunction((n) => document.getElementById('nom-fichier').textContent.includes(n), name);
  check(await page.locator('#editeur').isHidden(), 'l’éditeur reste affiché pour une image');
  const shown = await page.locator('#binaire-image').evaluate((img) => img.complete && img.naturalWidth > 0);
  check(shown, 'l’image importée ne s’affiche pas');
  check((await page.locator('#liste-fichiers button.fichier').count()) === before + 1, 'l’image importée n’est pas listée');
  await page.locator('#supprimer').click();
  await page.locator('#dialogue-confirmer-oui').click();
  await page.waitForFunction((n) => ![...document.querySelectorAll('#liste-fichiers button.fichier')].some((b) => b.dataset.path === n), name);
  check(await page.locator('#editeur').isVisible(), 'l’éditeur ne revient pas après la suppression de l’image');
});

await step('export .zip', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#exporter').click()]);
  check(download.suggestedFilename() === 'versants-d-aime.zip', `nom du zip : ${download.suggestedFilename()}`);
  const saved = join(screenshotDir || process.env.TMPDIR || '/tmp', `ctgc-bac-a-sable-${process.pid}.zip`);
  await download.saveAs(saved);
  // Python's zipfile reads it back: CRCs checked, names and one file's bytes compared.
  const read = spawnSync(
    'python3',
    [
      '-c',
      `import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
names = z.namelist()
print(json.dumps({"bad": bad, "names": names, "convention": z.read("versants-d-aime/convention.ctg").decode("utf-8")}))`,
      saved,
    ],
    { encoding: 'utf8' },
  );
  // Kept beside the screenshots when asked for, never left in the temporary directory.
  if (!screenshotDir) rmSync(saved, { force: true });
  if (!check(read.status === 0, `le zip ne se relit pas : ${read.stderr}`)) return;
  const zip = JSON.parse(read.stdout);
  check(zip.bad === null, `fichier corrompu dans le zip : ${zip.bad}`);
  check(zip.names.length === ex.files, `${zip.names.length} fichier(s) dans le zip au lieu de ${ex.files}`);
  check(zip.names.includes(`versants-d-aime/${ex.file}`), `${ex.file} absent du zip : ${zip.names.join(', ')}`);
  check(zip.convention === ex.convention, 'convention.ctg du zip diffère de celui de l’exemple');
});

await step('copie dans le presse-papiers', async () => {
  await page.locator('#liste-fichiers button.fichier', { hasText: 'ctgc.yaml' }).click();
  await page.locator('#copier').click();
  await page.waitForFunction(() => document.getElementById('annonce').textContent.includes('copié'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(copied === ex.config, `le presse-papiers ne contient pas ctgc.yaml : « ${copied.slice(0, 80)} »`);
});

await step('un autre exemple', async () => {
  const other = manifest.examples.find((e) => e.id !== 'versants-d-aime');
  // The export saved the work; a change since makes it worth asking.
  await page.locator('#editeur .cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# modifié\n');
  await page.locator('#exemple').selectOption(other.id);
  await page.getByRole('button', { name: 'Charger l’exemple' }).click();
  // The work was modified: the page asks first.
  await page.locator('#dialogue-confirmer').waitFor();
  await page.locator('#dialogue-confirmer-oui').click();
  await waitForPreview(page);
  await waitForPreviewText(page, other.title);
  const options = await page.locator('#exemple option').allInnerTexts();
  check(options.length === manifest.examples.length, `${options.length} exemple(s) proposé(s) au lieu de ${manifest.examples.length}`);
  // Back to the first one, for axe.
  await page.locator('#exemple').selectOption('versants-d-aime');
  await page.getByRole('button', { name: 'Charger l’exemple' }).click();
  await waitForPreviewText(page, ex.title);
});

await step('axe-core sur la page', async () => {
  await page.evaluate(AXE_SOURCE);
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    );
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' ; ');
      fail(`axe (${label}) ${v.id} : ${v.help} — ${v.nodes.length} nœud(s) : ${targets}`);
    }
    figures[`axe_${label}`] = result.violations.length;
  }
  await page.setViewportSize(VIEWPORTS.bureau);
  // With a dialog open, too.
  await page.locator('#nouveau').click();
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  for (const v of result.violations) fail(`axe (dialogue) ${v.id} : ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' ; ')}`);
  await page.keyboard.press('Escape');
});

check(self.outside.length === 0, `requête(s) vers une autre origine : ${self.outside.join(', ')}`);
check(self.refused.length === 0, `requête(s) en plus de la page : ${self.refused.join(', ')}`);
check(self.dialogs.length === 0, `dialogue(s) du navigateur : ${self.dialogs.join(', ')}`);
check(self.errors.length === 0, `erreurs dans la console : ${self.errors.join(' | ')}`);
await self.context.close();

// ── site/, from a web server on the loopback ──────────────────────────────────────────────────
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  const file = path === '/' ? 'index.html' : path.slice(1);
  if (!/^[\w.-]+$/.test(file)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = readFileSync(join(manifest.site, file));
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
console.log(`Site : ${origin}/`);
const site = await guardedPage((url) => url.startsWith(`${origin}/`));
const asked = [];
site.page.on('request', (r) => asked.push(new URL(r.url()).pathname));
await step('site servi : aperçu de l’exemple', async () => {
  await site.page.goto(`${origin}/`, { waitUntil: 'load' });
  await waitForPreview(site.page);
  await waitForPreviewText(site.page, ex.title).catch(() => fail('le site ne montre pas l’aperçu de l’exemple'));
  const files = [...new Set(asked)].sort().join(', ');
  check(files === '/, /app.css, /app.js, /ctgc_playground_bg.wasm', `requêtes du site : ${files}`);
});
check(site.outside.length === 0 && site.refused.length === 0, `site : requête(s) hors de son origine : ${[...site.outside, ...site.refused].join(', ')}`);
check(site.errors.length === 0, `site : erreurs dans la console : ${site.errors.join(' | ')}`);
await site.context.close();
server.close();

await browser.close();
console.log(`mesures : ${JSON.stringify(figures)}`);
console.log(failures ? `${failures} échec(s)` : 'bac à sable conforme');
process.exit(failures ? 1 : 0);
