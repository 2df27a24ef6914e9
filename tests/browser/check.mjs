// Loads each generated HTML convention in headless Chromium (Debian's /usr/bin/chromium) and checks
// it: no request beyond the page itself, zero axe-core violations for WCAG 2.0/2.1 A and AA (at
// desktop and phone widths), every fiche title and signatory in the rendered text, every fiche
// anchor resolving, no dialog ever, every chart (a bilan's inline SVG) with a text alternative
// and its data table, and — for a page built from hostile fields — no element or handler created
// from user text.
//
//   node tests/browser/check.mjs MANIFEST.json [SCREENSHOT_DIR]
//
// MANIFEST.json: { "pages": [ { "name", "file", "fiches": [{ "titre", "ancre" }], "textes": [...],
//                  "hostile": [...], "graphiques": N } ] }   ("textes": signatories and other text
//                  that must show; "hostile": strings that must show verbatim, for the hostile page
//                  only; "graphiques": the number of charts of a bilan page, absent elsewhere)
// Exit code 0 when every page passes, 1 otherwise. Messages are in French, like the rest of ctgc.

import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = { bureau: { width: 1280, height: 900 }, telephone: { width: 390, height: 844 } };
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const [manifestPath, screenshotDir] = process.argv.slice(2);
if (!manifestPath) {
  console.error('usage : node check.mjs MANIFESTE.json [DOSSIER_CAPTURES]');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });

/** Whitespace of any kind (U+00A0, U+202F included) folded to one space. */
const fold = (s) => s.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});

let failures = 0;
const fail = (page, message) => {
  failures += 1;
  console.log(`  ÉCHEC ${page.name} : ${message}`);
};

for (const spec of manifest.pages) {
  const url = pathToFileURL(spec.file).href;
  const context = await browser.newContext({ viewport: VIEWPORTS.bureau });
  // Every request goes through here: the page itself continues, anything else is counted and refused.
  const requests = [];
  await context.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    requests.push(requested);
    return route.abort();
  });
  const page = await context.newPage();
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto(url, { waitUntil: 'load' });

  // Requests: the page itself and nothing else.
  const others = [...new Set([...requests, ...seen.filter((u) => u !== url)])];
  if (others.length) fail(spec, `${others.length} requête(s) en plus de la page : ${others.join(', ')}`);

  const text = fold(await page.evaluate(() => document.body.innerText));
  for (const f of spec.fiches) {
    if (!text.includes(fold(f.titre))) fail(spec, `titre de fiche absent du texte : « ${f.titre} »`);
  }
  for (const t of spec.textes) {
    if (!text.includes(fold(t))) fail(spec, `texte absent : « ${t} »`);
  }

  // Anchors: every fiche anchor becomes the :target when followed, and every internal link lands.
  for (const f of spec.fiches) {
    const target = await page.evaluate((a) => {
      location.hash = a;
      const t = document.querySelector(':target');
      return t ? t.id : null;
    }, f.ancre);
    if (target !== f.ancre) fail(spec, `l'ancre #${f.ancre} ne mène nulle part`);
  }
  const dangling = await page.evaluate(() =>
    [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
      .filter((id) => !document.getElementById(id)),
  );
  if (dangling.length) fail(spec, `liens internes sans cible : ${[...new Set(dangling)].join(', ')}`);

  // Charts: each an image for assistive technologies, named by a non-empty text alternative
  // (aria-label, or aria-labelledby / <title> / <desc> that exist), with the data table that
  // follows it in the page.
  if (spec.graphiques !== undefined) {
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('svg')].map((svg) => {
        const byIds = (svg.getAttribute('aria-labelledby') || '')
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => document.getElementById(id)?.textContent || '')
          .join(' ');
        const own = [...svg.children]
          .filter((c) => c.localName === 'title' || c.localName === 'desc')
          .map((c) => c.textContent)
          .join(' ');
        const alt = (svg.getAttribute('aria-label') || byIds || own).trim();
        const figure = svg.closest('figure') || svg;
        let next = figure.nextElementSibling;
        const table = next && (next.localName === 'table' ? next : next.querySelector('table'));
        return {
          role: svg.getAttribute('role'),
          alt,
          table: table ? table.rows.length : 0,
        };
      }),
    );
    if (charts.length !== spec.graphiques) fail(spec, `${charts.length} graphique(s) au lieu de ${spec.graphiques}`);
    charts.forEach((c, i) => {
      if (c.role !== 'img') fail(spec, `graphique ${i + 1} sans role="img"`);
      if (!c.alt) fail(spec, `graphique ${i + 1} sans alternative textuelle`);
      if (c.table < 2) fail(spec, `graphique ${i + 1} sans tableau de données à sa suite`);
    });
  }

  // Hostile fields: shown verbatim, and nothing active was created from them.
  if (spec.hostile && spec.hostile.length) {
    const rawText = await page.evaluate(() => document.body.innerText);
    for (const h of spec.hostile) {
      if (!rawText.includes(h)) fail(spec, `champ hostile non affiché tel quel : ${JSON.stringify(h)}`);
    }
    const active = await page.evaluate(() => {
      const found = [];
      for (const el of document.querySelectorAll('script, img, iframe, object, embed, svg, math, form, input, base, link, frame')) {
        found.push(`<${el.localName}>`);
      }
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          if (attr.name.startsWith('on') || attr.name === 'src' || attr.name === 'srcdoc') found.push(`${el.localName}[${attr.name}]`);
        }
        if (el.localName === 'a' && el.hasAttribute('href') && !/^(#|https?:|mailto:|tel:)/i.test(el.getAttribute('href'))) {
          found.push(`a[href=${el.getAttribute('href')}]`);
        }
      }
      // Hover and click everything: a handler that slipped through would open a dialog.
      for (const el of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
          if (type === 'click' && el.localName === 'a') continue;
          el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      }
      return found;
    });
    if (active.length) fail(spec, `éléments ou gestionnaires créés : ${active.join(', ')}`);
  }
  await page.waitForTimeout(100);
  if (dialogs.length) fail(spec, `dialogue(s) ouvert(s) : ${dialogs.join(', ')}`);
  if (errors.length) fail(spec, `erreurs dans la console : ${errors.join(' | ')}`);

  // Screenshots of the first screen and of the first fiche, before axe is injected.
  if (screenshotDir) {
    for (const [label, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.evaluate(() => {
        history.replaceState(null, '', location.pathname);
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: join(screenshotDir, `${spec.name}-debut-${label}.png`) });
      if (spec.fiches.length) {
        await page.evaluate((a) => document.getElementById(a).scrollIntoView(), spec.fiches[0].ancre);
        await page.screenshot({ path: join(screenshotDir, `${spec.name}-fiche-${label}.png`) });
      }
    }
    await page.setViewportSize(VIEWPORTS.bureau);
  }

  // axe-core, at both widths (contrast and scrolling regions depend on the layout).
  await page.evaluate(AXE_SOURCE);
  const counts = {};
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    );
    counts[label] = result.violations.length;
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' ; ');
      fail(spec, `axe (${label}) ${v.id} : ${v.help} — ${v.nodes.length} nœud(s) : ${targets}`);
    }
  }
  const all = [...new Set([...requests, ...seen.filter((u) => u !== url)])];
  console.log(
    `${spec.name} : ${all.length} requête(s) hors page, violations axe ${counts.bureau} (bureau) / ${counts.telephone} (téléphone), ` +
      `${spec.fiches.length} fiche(s) et ${spec.textes.length} texte(s) vérifiés` +
      (spec.graphiques !== undefined ? `, ${spec.graphiques} graphique(s) vérifiés` : '') +
      (spec.hostile && spec.hostile.length ? `, ${spec.hostile.length} champ(s) hostile(s) vérifiés` : ''),
  );
  await context.close();
}

await browser.close();
console.log(failures ? `${failures} échec(s)` : `${manifest.pages.length} page(s) conformes`);
process.exit(failures ? 1 : 0);
