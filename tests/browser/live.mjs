// The live page of `ctgc watch --ouvrir` in headless Chromium: opens the served page, edits the
// convention's source and sees the page reload with the change; saves an error and sees the
// banner show the diagnostic (checked by axe-core), then the fix hide it.
//
//   node tests/browser/live.mjs URL CONVENTION.ctg
//
// Exit code 0 when every step passes, 1 otherwise.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT = { timeout: 60000 };

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  console.error('usage : node live.mjs URL CONVENTION.ctg');
  process.exit(2);
}
const original = readFileSync(file, 'utf8');
const title = original.match(/^convention "([^"]+)"/m)[1];
const marker = 'revue en direct';
const changed = `${title} ${marker}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});
let failures = 0;
const fail = (message) => {
  failures += 1;
  console.log(`  ÉCHEC : ${message}`);
};
const step = async (what, action) => {
  try {
    await action();
    console.log(`ok : ${what}`);
  } catch (e) {
    fail(`${what} — ${e.message.split('\n')[0]}`);
  }
};

const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
let loads = 0;
page.on('load', () => {
  loads += 1;
});
/** Whitespace of any kind (U+00A0, U+202F included) folded to one space, here and in the page. */
const fold = (s) => s.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
const shows = (text) =>
  page.waitForFunction((t) => document.body.innerText.replace(/[\s\u00a0\u202f]+/gu, ' ').includes(t), fold(text), WAIT);
const banner = '#ctgc-direct';

await step('la page servie montre la convention', async () => {
  await page.goto(url, { waitUntil: 'load' });
  await shows(title);
  if (!(await page.locator(banner).isHidden())) throw new Error('bandeau visible sur une page à jour');
});

await step('une modification enregistrée recharge la page', async () => {
  const before = loads;
  writeFileSync(file, original.replace(title, changed));
  await shows(marker);
  if (loads <= before) throw new Error('la page ne s’est pas rechargée');
});

await step('une erreur enregistrée s’affiche dans le bandeau', async () => {
  writeFileSync(file, original.replace(title, changed).replace(/exemplaires \d+/, 'exemplaires deux'));
  await page.locator(banner).waitFor({ state: 'visible', ...WAIT });
  const text = await page.locator(banner).innerText();
  if (!text.includes('La convention a des erreurs')) throw new Error(`bandeau : ${text}`);
  if (!/«\s*exemplaires\s*» attend un nombre/u.test(text)) throw new Error(`diagnostic absent : ${text}`);
  if (!(await page.evaluate(() => document.body.innerText)).includes(marker)) {
    throw new Error('la dernière page correcte n’est plus affichée');
  }
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  for (const v of result.violations) {
    fail(`axe ${v.id} : ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' ; ')}`);
  }
});

await step('la correction recharge la page et masque le bandeau', async () => {
  const before = loads;
  writeFileSync(file, original);
  await page.waitForFunction((t) => !document.body.innerText.includes(t), marker, WAIT);
  await page.locator(banner).waitFor({ state: 'hidden', ...WAIT });
  if (loads <= before) throw new Error('la page ne s’est pas rechargée');
});

if (errors.length) fail(`erreurs dans la page : ${errors.join(' | ')}`);
await browser.close();
writeFileSync(file, original);
console.log(failures ? `${failures} échec(s)` : 'aperçu en direct conforme');
process.exit(failures ? 1 : 0);
