// Builds the playground into playground/dist/:
//   ctgc-playground.html   one self-contained page (engine, scripts, styles, examples inline) that
//                          opens by double-click from file://
//   site/                  the same page for a web server: index.html, app.js, app.css and the
//                          engine as ctgc_playground_bg.wasm beside them
//
//   node playground/build.mjs
//
// Steps: the engine crate (playground/wasm) for wasm32 in release → wasm-bindgen (JS glue, exactly
// the wasm-bindgen crate's version) → wasm-opt (npm binaryen) → esbuild bundles the page's modules
// with the glue, the module (embedded or fetched) and the five examples of conventions/. Needs the
// wasm32 target, wasm-bindgen-cli and the npm packages: `scripts/ensure-tools playground` installs
// them. Messages are French, like the rest of ctgc.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = join(here, 'dist');
const work = join(dist, '.build');

function fail(message) {
  console.error(`ctgc-playground : ${message}`);
  process.exit(1);
}

if (!existsSync(join(here, 'node_modules', 'esbuild'))) {
  fail('paquets npm absents : lancez scripts/ensure-tools playground (ou npm ci dans playground/)');
}
const esbuild = await import('esbuild');

const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });

// ── The engine ────────────────────────────────────────────────────────────────────────────────

/** The version of a crate in Cargo.lock. */
function lockedVersion(name) {
  const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
  const found = new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`).exec(lock);
  if (!found) fail(`${name} absent de Cargo.lock`);
  return found[1];
}

const bindgenVersion = lockedVersion('wasm-bindgen');
let bindgenFound = '';
try {
  bindgenFound = run('wasm-bindgen', ['--version']).trim();
} catch {
  fail(`wasm-bindgen introuvable : lancez scripts/ensure-tools playground (wasm-bindgen-cli ${bindgenVersion})`);
}
if (bindgenFound !== `wasm-bindgen ${bindgenVersion}`) {
  fail(`${bindgenFound} ne correspond pas au crate wasm-bindgen ${bindgenVersion} : lancez scripts/ensure-tools playground`);
}

const started = performance.now();
console.error('ctgc-playground : compilation du moteur (wasm32, release)…');
const messages = run('cargo', [
  'build',
  '--locked',
  '--release',
  '--package',
  'ctgc-playground',
  '--target',
  'wasm32-unknown-unknown',
  '--message-format',
  'json-render-diagnostics',
]);
const artifact = messages
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line))
  .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'ctgc_playground' && m.target.kind.includes('cdylib'));
const compiled = artifact?.filenames.find((f) => f.endsWith('.wasm'));
if (!compiled) fail('cargo n’a pas produit ctgc_playground.wasm');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(work, 'bindgen'), { recursive: true });
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', join(work, 'bindgen'), compiled]);
const optimized = join(work, 'ctgc_playground_bg.wasm');
// -O1: gzipped, the module is as small as with -O3 or -Oz, and the page as fast (docs/playground.md),
// for a third of the time. The features are those rustc enables by default for wasm32.
run(join(here, 'node_modules', '.bin', 'wasm-opt'), [
  '-O1',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
  join(work, 'bindgen', 'ctgc_playground_bg.wasm'),
  '-o',
  optimized,
]);
const wasm = readFileSync(optimized);
const packed = gzipSync(wasm, { level: 9 });
writeFileSync(join(work, 'wasm-data.js'), `export const WASM_GZIP_BASE64 = ${JSON.stringify(packed.toString('base64'))};\n`);

// ── The examples ──────────────────────────────────────────────────────────────────────────────

/** Every file under DIR (paths relative to it, `/`-separated), outputs and hidden files left out. */
function filesUnder(dir, base = dir) {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && name !== 'build')
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path).split('\\').join('/')];
    });
}

const conventions = join(root, 'conventions');
// A convention on a Caf's model (`modèle:` in its ctgc.yaml) reads a directory outside itself,
// which the page does not hold: it is left out.
const onModel = (id) => {
  const config = join(conventions, id, 'ctgc.yaml');
  return existsSync(config) && /^mod[eè]le\s*:/m.test(readFileSync(config, 'utf8'));
};
const examples = readdirSync(conventions)
  .sort()
  .filter((id) => statSync(join(conventions, id)).isDirectory() && !onModel(id))
  .map((id) => {
    const files = filesUnder(join(conventions, id)).map((path) => {
      const bytes = readFileSync(join(conventions, id, path));
      const text = bytes.toString('utf8');
      return Buffer.from(text, 'utf8').equals(bytes) ? { path, text } : { path, base64: bytes.toString('base64') };
    });
    const main = files.find((f) => f.path === 'convention.ctg')?.text ?? '';
    const title = /^convention\s+"((?:[^"\\]|\\.)*)"/m.exec(main)?.[1] ?? id;
    return { id, title, files };
  });
if (examples.length === 0) fail('aucun exemple dans conventions/');
writeFileSync(join(work, 'examples.js'), `export const EXAMPLES = ${JSON.stringify(examples)};\n`);

// ── The page ──────────────────────────────────────────────────────────────────────────────────

async function bundle(source) {
  const result = await esbuild.build({
    entryPoints: [join(here, 'src', 'main.js')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    alias: {
      'ctgc-wasm-glue': join(work, 'bindgen', 'ctgc_playground.js'),
      'ctgc-wasm-source': join(here, 'src', source),
      'ctgc-wasm-data': join(work, 'wasm-data.js'),
      'ctgc-examples': join(work, 'examples.js'),
    },
  });
  return result.outputFiles[0].text;
}

const css = (
  await esbuild.build({ entryPoints: [join(here, 'src', 'style.css')], bundle: true, minify: true, write: false })
).outputFiles[0].text;
const template = readFileSync(join(here, 'src', 'index.html'), 'utf8');
const page = (csp, style, script) =>
  template.replace('@CSP@', csp).replace('@STYLE@', () => style).replace('@SCRIPT@', () => script);

// One file: everything inline. The script is allowed by its hash; nothing may be fetched.
const inline = await bundle('wasm-embedded.js');
if (/<\/script|<!--/i.test(inline)) fail('le script contient « </script » ou « <!-- » : il ne peut pas être inclus dans la page');
const hash = createHash('sha256').update(inline).digest('base64');
const selfContained = page(
  [
    "default-src 'none'",
    `script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '),
  `<style>${css}</style>`,
  `<script type="module">${inline}</script>`,
);
writeFileSync(join(dist, 'ctgc-playground.html'), selfContained);

// A directory for a web server: the same page, its files beside it, from its own origin only.
const site = join(dist, 'site');
mkdirSync(site);
writeFileSync(join(site, 'app.js'), await bundle('wasm-fetched.js'));
writeFileSync(join(site, 'app.css'), css);
writeFileSync(join(site, 'ctgc_playground_bg.wasm'), wasm);
writeFileSync(
  join(site, 'index.html'),
  page(
    [
      "default-src 'none'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "connect-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      'img-src data: blob:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    '<link rel="stylesheet" href="app.css">',
    '<script type="module" src="app.js"></script>',
  ),
);

const info = {
  wasm: wasm.length,
  wasmGzip: packed.length,
  page: Buffer.byteLength(selfContained),
  seconds: Math.round((performance.now() - started) / 100) / 10,
};
writeFileSync(join(work, 'sizes.json'), `${JSON.stringify(info, null, 2)}\n`);
const kb = (n) => `${Math.round(n / 1024).toLocaleString('fr-FR')}\u00a0Kio`;
console.error(
  `ctgc-playground : ${relative(root, join(dist, 'ctgc-playground.html'))} (${kb(info.page)} ; moteur ${kb(info.wasm)}, ${kb(info.wasmGzip)} compressé) et ${relative(root, site)}/ écrits en ${info.seconds.toLocaleString('fr-FR')}\u00a0s`,
);
