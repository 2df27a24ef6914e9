// The playground page: the project's files, the editor, the diagnostics and the preview.
//
// Every change of a document goes to the engine's files at once; a short pause later the engine
// checks the whole project (diagnostics underlined in the editor and listed below it) and renders
// the HTML page into the sandboxed preview. A convention with errors keeps its last page, dimmed.

import { EXAMPLES } from 'ctgc-examples';
import { createEditor } from './editor.js';
import { loadEngine } from './engine.js';
import { createPreview } from './preview.js';
import { zip } from './zip.js';

/** The example shown first. */
const FIRST_EXAMPLE = 'versants-d-aime';
/** Pause after a keystroke before the project is checked and the preview rendered (ms). */
const UPDATE_DELAY_MS = 60;
/** Files the editor shows as text; any other file (a logo) is kept as bytes. */
const TEXT_FILE = /\.(ctg|ya?ml|j2|md|txt|typ|svg)$/i;
const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };
const NNBSP = '\u202f';
const NBSP = '\u00a0';

const $ = (id) => document.getElementById(id);

/** What the page holds: the project's files, by path ({ text } or { bytes }). */
const project = { name: 'convention', files: new Map(), modified: false };
let engine = null;
let engineFiles = null;
let diagnostics = [];
let timer = null;
let shownHtml = null;
/** The file shown when it is not text (the editor then holds none). */
let shownBinary = null;
let imageUrl = null;

const editor = createEditor($('editeur'), (path, text) => {
  project.files.set(path, { text });
  project.modified = true;
  engineFiles.setText(path, text);
  scheduleUpdate();
});

// The page is on screen: a mark for whoever profiles it (the test times keystroke → preview).
const preview = createPreview($('apercu'), () => performance.mark('ctgc:apercu-affiche'));

// ── Words ─────────────────────────────────────────────────────────────────────────────────────

/** « 1 erreur », « 3 erreurs » (no-break space between the number and its noun). */
const count = (n, singular, plural) => `${n}${NBSP}${n > 1 ? plural : singular}`;

const quoted = (text) => `«${NNBSP}${text}${NNBSP}»`;

function announce(message) {
  const live = $('annonce');
  live.textContent = '';
  // A new text node, so that the same message twice is announced twice.
  requestAnimationFrame(() => {
    live.textContent = message;
  });
}

// ── The project ───────────────────────────────────────────────────────────────────────────────

/** The main file: `principal` of ctgc.yaml, else convention.ctg. */
function mainFile() {
  const config = project.files.get('ctgc.yaml')?.text ?? '';
  const named = /^\s*principal\s*:\s*["']?([^"'#\n]+?)["']?\s*(?:#.*)?$/m.exec(config);
  return named ? named[1] : 'convention.ctg';
}

/** ctgc.yaml, then the main file, then the others by path. */
function orderedPaths() {
  const main = mainFile();
  const rank = (p) => (p === 'ctgc.yaml' ? 0 : p === main ? 1 : 2);
  return [...project.files.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'fr'));
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Replaces the whole project with EXAMPLE's files. */
function loadExample(example) {
  project.name = example.id;
  project.files = new Map();
  engineFiles?.free();
  engineFiles = engine.files();
  editor.reset();
  for (const file of example.files) {
    if (file.text !== undefined) {
      project.files.set(file.path, { text: file.text });
      engineFiles.setText(file.path, file.text);
    } else {
      const bytes = fromBase64(file.base64);
      project.files.set(file.path, { bytes });
      engineFiles.setBytes(file.path, bytes);
    }
  }
  project.modified = false;
  shownHtml = null;
  preview.reset();
  open(mainFile());
  update();
}

/** Shows PATH in the editor (or, for bytes, what it is). */
function open(path) {
  const file = project.files.get(path);
  if (!file) return;
  showName(path);
  const binary = file.text === undefined;
  $('editeur').hidden = binary;
  $('binaire').hidden = !binary;
  if (imageUrl) URL.revokeObjectURL(imageUrl);
  imageUrl = null;
  if (binary) {
    editor.close();
    shownBinary = path;
    const type = IMAGE_TYPES[path.split('.').pop().toLowerCase()];
    $('binaire-texte').textContent = `${path} (${sizeText(file.bytes.length)}) n’est pas un texte\u202f: il ne se modifie pas ici. Vous pouvez le renommer, le supprimer, ou importer une autre version.`;
    const image = $('binaire-image');
    image.hidden = !type;
    if (type) {
      imageUrl = URL.createObjectURL(new Blob([file.bytes], { type }));
      image.src = imageUrl;
      image.alt = `Contenu de ${path}`;
    }
  } else {
    shownBinary = null;
    editor.open(path, file.text);
    editor.showDiagnostics(diagnostics);
  }
  renderFiles();
}

/** The editor's heading names the file shown (PATH, or none). */
function showName(path) {
  const name = document.createElement('code');
  name.textContent = path;
  $('nom-fichier').replaceChildren(...(path ? [`${NNBSP}: `, name] : []));
}

/** The path shown, text or not. */
const currentPath = () => editor.current ?? shownBinary;

function sizeText(bytes) {
  if (bytes < 1024) return count(bytes, 'octet', 'octets');
  return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })}${NBSP}ko`;
}

function addFile(path, file) {
  project.files.set(path, file);
  if (file.text !== undefined) engineFiles.setText(path, file.text);
  else engineFiles.setBytes(path, file.bytes);
  project.modified = true;
}

function removeFile(path) {
  project.files.delete(path);
  engineFiles.remove(path);
  editor.forget(path);
  if (shownBinary === path) shownBinary = null;
  project.modified = true;
}

// ── Checking and preview ──────────────────────────────────────────────────────────────────────

function scheduleUpdate() {
  clearTimeout(timer);
  timer = setTimeout(update, UPDATE_DELAY_MS);
}

function update() {
  clearTimeout(timer);
  timer = null;
  const started = performance.now();
  diagnostics = engine.check(engineFiles);
  // Timings for whoever profiles the page (the test reads them): check, then render.
  performance.measure('ctgc:verification', { start: started });
  editor.showDiagnostics(diagnostics);
  renderDiagnostics();
  renderFiles();
  const state = $('etat-apercu');
  const frame = $('apercu');
  try {
    const rendering = performance.now();
    const page = engine.preview(engineFiles);
    performance.measure('ctgc:apercu', { start: rendering });
    frame.classList.remove('perime');
    state.textContent = page.warnings.length
      ? `Aperçu à jour. ${page.warnings.map((w) => `Attention\u202f: ${w}.`).join(' ')}`
      : 'Aperçu à jour.';
    if (page.html !== shownHtml) {
      preview.show(page.html);
      shownHtml = page.html;
    }
  } catch (e) {
    frame.classList.toggle('perime', shownHtml !== null);
    const why = e instanceof Error ? e.message : String(e);
    state.textContent = `Aperçu en attente\u202f: ${why}.`;
  }
}

// ── Lists ─────────────────────────────────────────────────────────────────────────────────────

/** Errors and warnings of each file (by its primary place). */
function countsByFile() {
  const counts = new Map();
  for (const d of diagnostics) {
    const file = d.labels[0]?.file;
    if (!file) continue;
    const c = counts.get(file) ?? { error: 0, warning: 0 };
    c[d.severity] += 1;
    counts.set(file, c);
  }
  return counts;
}

function summary(c) {
  const parts = [];
  if (c.error) parts.push(count(c.error, 'erreur', 'erreurs'));
  if (c.warning) parts.push(count(c.warning, 'avertissement', 'avertissements'));
  return parts.join(', ');
}

function renderFiles() {
  const list = $('liste-fichiers');
  const counts = countsByFile();
  const current = currentPath();
  list.replaceChildren(
    ...orderedPaths().map((path) => {
      const item = document.createElement('li');
      const button = item.appendChild(document.createElement('button'));
      button.type = 'button';
      button.className = 'fichier';
      button.dataset.path = path;
      if (path === current) button.setAttribute('aria-current', 'true');
      button.appendChild(document.createElement('span')).textContent = path;
      const c = counts.get(path);
      if (c) {
        const badge = button.appendChild(document.createElement('span'));
        badge.className = c.error ? 'badge erreur' : 'badge avertissement';
        badge.textContent = summary(c);
      }
      return item;
    }),
  );
}

const rankOf = (d) => (d.severity === 'error' ? 0 : 1);

function renderDiagnostics() {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  $('resume-diagnostics').textContent = diagnostics.length
    ? `(${summary({ error: errors, warning: warnings })})`
    : '(aucun)';
  const list = $('liste-diagnostics');
  // Errors first (they stop the preview), each kind in the order of the sources.
  const order = diagnostics.map((d, i) => i).sort((a, b) => rankOf(diagnostics[a]) - rankOf(diagnostics[b]) || a - b);
  list.replaceChildren(
    ...order.map((i) => {
      const d = diagnostics[i];
      const item = document.createElement('li');
      item.className = d.severity === 'error' ? 'diag erreur' : 'diag avertissement';
      const at = d.labels[0];
      const head = document.createElement(at ? 'button' : 'p');
      if (at) {
        head.type = 'button';
        head.dataset.index = String(i);
      }
      const where = at ? `${at.file}, ligne ${at.line}, colonne ${at.column}` : 'projet';
      head.className = 'diag-lieu';
      head.textContent = `${d.severity === 'error' ? 'Erreur' : 'Avertissement'} — ${where}`;
      item.appendChild(head);
      const message = item.appendChild(document.createElement('p'));
      message.textContent = d.message;
      if (d.help) item.appendChild(document.createElement('p')).textContent = `Aide\u202f: ${d.help}`;
      if (d.code) {
        const code = item.appendChild(document.createElement('p'));
        code.className = 'diag-code';
        code.textContent = `Règle ${d.code}`;
      }
      return item;
    }),
  );
}

// ── Dialogs ───────────────────────────────────────────────────────────────────────────────────

/** Asks for a file name (TITLE, INITIAL); resolves to the name, or null when cancelled. */
function askName(title, initial, except) {
  const dialog = $('dialogue-nom');
  const input = $('nom');
  const error = $('nom-erreur');
  $('dialogue-nom-titre').textContent = title;
  input.value = initial;
  error.textContent = '';
  input.removeAttribute('aria-invalid');
  return new Promise((resolve) => {
    const form = dialog.querySelector('form');
    const done = (value) => {
      form.removeEventListener('submit', submit);
      dialog.removeEventListener('close', cancel);
      cancelButton.removeEventListener('click', cancelClick);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const submit = (event) => {
      const name = input.value.trim();
      const problem =
        engine.pathProblem(name) ??
        (name !== except && project.files.has(name) ? `un fichier s’appelle déjà ${quoted(name)}` : undefined);
      if (problem) {
        event.preventDefault();
        error.textContent = `${problem[0].toUpperCase()}${problem.slice(1)}.`;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      event.preventDefault();
      done(name);
    };
    const cancel = () => done(null);
    const cancelButton = dialog.querySelector('.annuler');
    const cancelClick = () => done(null);
    form.addEventListener('submit', submit);
    dialog.addEventListener('close', cancel);
    cancelButton.addEventListener('click', cancelClick);
    dialog.showModal();
    input.select();
  });
}

/** Asks to confirm (TITLE, TEXT, the confirming button's LABEL); resolves to true or false. */
function confirmAction(title, text, label) {
  const dialog = $('dialogue-confirmer');
  $('dialogue-confirmer-titre').textContent = title;
  $('dialogue-confirmer-texte').textContent = text;
  $('dialogue-confirmer-oui').textContent = label;
  return new Promise((resolve) => {
    const form = dialog.querySelector('form');
    const cancelButton = dialog.querySelector('.annuler');
    const done = (value) => {
      form.removeEventListener('submit', submit);
      dialog.removeEventListener('close', cancel);
      cancelButton.removeEventListener('click', cancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const submit = (event) => {
      event.preventDefault();
      done(true);
    };
    const cancel = () => done(false);
    form.addEventListener('submit', submit);
    dialog.addEventListener('close', cancel);
    cancelButton.addEventListener('click', cancel);
    dialog.showModal();
    cancelButton.focus();
  });
}

// ── Actions ───────────────────────────────────────────────────────────────────────────────────

function afterDialog(focus) {
  // Back to where the user was, or to the file list.
  (focus ?? $('liste-fichiers').querySelector('[aria-current]') ?? $('nouveau')).focus();
}

async function newFile() {
  const name = await askName('Nouveau fichier', 'fiches/nouvelle-fiche.ctg');
  if (name === null) return afterDialog($('nouveau'));
  addFile(name, { text: '' });
  open(name);
  update();
  announce(`${name} créé.`);
  editor.view.focus();
}

async function renameFile() {
  const path = currentPath();
  if (!path) return;
  const name = await askName(`Renommer ${path}`, path, path);
  if (name === null || name === path) return afterDialog($('renommer'));
  const file = project.files.get(path);
  const text = file.text !== undefined ? (editor.current === path ? editor.view.state.doc.toString() : file.text) : undefined;
  removeFile(path);
  addFile(name, text !== undefined ? { text } : file);
  open(name);
  update();
  announce(`${path} renommé en ${name}.`);
  afterDialog($('renommer'));
}

async function deleteFile() {
  const path = currentPath();
  if (!path) return;
  const yes = await confirmAction('Supprimer un fichier', `Supprimer ${path} du projet ?`, 'Supprimer');
  if (!yes) return afterDialog($('supprimer'));
  removeFile(path);
  const next = project.files.has(mainFile()) ? mainFile() : orderedPaths()[0];
  if (next) open(next);
  else {
    editor.reset();
    showName(null);
    renderFiles();
  }
  update();
  announce(`${path} supprimé.`);
  afterDialog();
}

async function importFiles(list) {
  const names = [];
  for (const file of list) {
    const problem = engine.pathProblem(file.name);
    if (problem) {
      announce(`${file.name} n’a pas été importé\u202f: ${problem}.`);
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = TEXT_FILE.test(file.name) ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : undefined;
    addFile(file.name, text !== undefined ? { text } : { bytes });
    editor.forget(file.name);
    names.push(file.name);
  }
  if (!names.length) return;
  open(names[0]);
  update();
  announce(`Importé\u202f: ${names.join(', ')}.`);
}

function exportZip() {
  const encoder = new TextEncoder();
  const files = orderedPaths().map((path) => {
    const file = project.files.get(path);
    return { path, bytes: file.text !== undefined ? encoder.encode(file.text) : file.bytes };
  });
  const bytes = zip(files, { folder: project.name });
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${project.name}.zip`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  announce(`${project.name}.zip\u202f: ${count(files.length, 'fichier', 'fichiers')}, ${sizeText(bytes.length)}.`);
}

async function copyFile() {
  const path = editor.current;
  if (!path) {
    announce('Aucun fichier texte ouvert à copier.');
    return;
  }
  const text = editor.view.state.doc.toString();
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without the clipboard API (or its permission): the older command, from a hidden field.
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('aria-hidden', 'true');
    field.className = 'visuellement-cache';
    document.body.appendChild(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    $('copier').focus();
    if (!copied) {
      announce('La copie a été refusée par le navigateur\u202f: sélectionnez le texte et copiez-le (Ctrl+C).');
      return;
    }
  }
  announce(`${path} copié dans le presse-papiers.`);
}

// ── Start ─────────────────────────────────────────────────────────────────────────────────────

function wire() {
  const select = $('exemple');
  select.replaceChildren(
    ...EXAMPLES.map((e) => {
      const option = document.createElement('option');
      option.value = e.id;
      option.textContent = e.title;
      return option;
    }),
  );
  select.value = FIRST_EXAMPLE;
  $('exemples').addEventListener('submit', async (event) => {
    event.preventDefault();
    const example = EXAMPLES.find((e) => e.id === select.value);
    if (!example) return;
    if (project.modified) {
      const yes = await confirmAction(
        'Charger un exemple',
        `Les fichiers en cours seront remplacés par ceux de l’exemple ${quoted(example.title)}. Exportez-les d’abord pour les garder.`,
        'Remplacer les fichiers',
      );
      if (!yes) return afterDialog(select);
    }
    loadExample(example);
    announce(`Exemple chargé\u202f: ${example.title}.`);
  });
  $('liste-fichiers').addEventListener('click', (event) => {
    const button = event.target.closest('button.fichier');
    if (!button) return;
    open(button.dataset.path);
  });
  $('liste-diagnostics').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-index]');
    if (!button) return;
    const at = diagnostics[Number(button.dataset.index)]?.labels[0];
    if (!at || !project.files.has(at.file)) return;
    if (currentPath() !== at.file) open(at.file);
    if (editor.current === at.file) editor.select(at.from, at.to);
  });
  $('evitement').addEventListener('click', (event) => {
    event.preventDefault();
    if (editor.current) editor.view.focus();
    else $('liste-fichiers').querySelector('button')?.focus();
  });
  $('nouveau').addEventListener('click', newFile);
  $('renommer').addEventListener('click', renameFile);
  $('supprimer').addEventListener('click', deleteFile);
  $('importer').addEventListener('click', () => $('importer-fichiers').click());
  $('importer-fichiers').addEventListener('change', (event) => {
    importFiles([...event.target.files]).finally(() => {
      event.target.value = '';
    });
  });
  $('exporter').addEventListener('click', exportZip);
  $('copier').addEventListener('click', copyFile);
}

async function start() {
  try {
    engine = await loadEngine();
  } catch (e) {
    $('etat-apercu').textContent = `Le moteur ctgc n’a pas pu démarrer dans ce navigateur\u202f: ${e instanceof Error ? e.message : e}.`;
    throw e;
  }
  wire();
  loadExample(EXAMPLES.find((e) => e.id === FIRST_EXAMPLE) ?? EXAMPLES[0]);
  document.documentElement.dataset.chargementMoteur = `${Math.round(engine.loadMs)}`;
}

start();
