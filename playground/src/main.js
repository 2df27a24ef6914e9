// The playground page: the project's files, the editor, the diagnostics and the preview.
//
// Every change of a document goes to the engine's files at once; a short pause later the engine
// checks the whole project (diagnostics underlined in the editor and listed below it) and renders
// the HTML page into the sandboxed preview. A convention with errors keeps its last page, dimmed.

import { EXAMPLES } from 'ctgc-examples';
import { askName, confirmAction } from './dialogs.js';
import { createEditor } from './editor.js';
import { loadEngine } from './engine.js';
import { renderDiagnostics, renderFiles } from './lists.js';
import { createPreview } from './preview.js';
import { NNBSP, count, quoted, sizeText } from './words.js';
import { zip } from './zip.js';

/** The example shown first. */
const FIRST_EXAMPLE = 'versants-d-aime';
/** Pause after a keystroke before the project is checked and the preview rendered (ms). */
const UPDATE_DELAY_MS = 60;
/** Files the editor shows as text; any other file (a logo) is kept as bytes. */
const TEXT_FILE = /\.(ctg|ya?ml|j2|md|txt|typ|svg)$/i;
const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };

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

function announce(message) {
  const live = $('annonce');
  live.textContent = '';
  // Emptied first, so that the same message twice is announced twice.
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

/** The path shown, text or not. */
const currentPath = () => editor.current ?? shownBinary;

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
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

/** Replaces the whole project with EXAMPLE's files. */
function loadExample(example) {
  project.name = example.id;
  project.files = new Map();
  engineFiles?.free();
  engineFiles = engine.files();
  editor.reset();
  for (const file of example.files) {
    addFile(file.path, file.text !== undefined ? { text: file.text } : { bytes: fromBase64(file.base64) });
  }
  project.modified = false;
  shownHtml = null;
  preview.reset();
  open(mainFile());
  update();
}

/** The editor's heading names the file shown (PATH, or none). */
function showName(path) {
  const name = document.createElement('code');
  name.textContent = path;
  $('nom-fichier').replaceChildren(...(path ? [`${NNBSP}: `, name] : []));
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
    $('binaire-texte').textContent = `${path} (${sizeText(file.bytes.length)}) n’est pas un texte${NNBSP}: il ne se modifie pas ici. Vous pouvez le renommer, le supprimer, ou en importer une autre version.`;
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
  showFiles();
}

// ── Checking and preview ──────────────────────────────────────────────────────────────────────

function scheduleUpdate() {
  clearTimeout(timer);
  timer = setTimeout(update, UPDATE_DELAY_MS);
}

function showFiles() {
  renderFiles($('liste-fichiers'), orderedPaths(), currentPath(), diagnostics);
}

function update() {
  clearTimeout(timer);
  timer = null;
  const state = $('etat-apercu');
  const frame = $('apercu');
  const started = performance.now();
  try {
    diagnostics = engine.check(engineFiles);
  } catch (e) {
    // A defect of ctgc itself, not of the convention.
    state.textContent = `Erreur interne du moteur ctgc${NNBSP}: ${e instanceof Error ? e.message : e}. Exportez vos fichiers et rechargez la page.`;
    throw e;
  }
  // Timings for whoever profiles the page (the test reads them): check, then render.
  performance.measure('ctgc:verification', { start: started });
  editor.showDiagnostics(diagnostics);
  renderDiagnostics($('liste-diagnostics'), $('resume-diagnostics'), diagnostics);
  showFiles();
  try {
    const rendering = performance.now();
    const page = engine.preview(engineFiles);
    performance.measure('ctgc:apercu', { start: rendering });
    frame.classList.remove('perime');
    state.textContent = ['Aperçu à jour.', ...page.warnings.map((w) => `Attention${NNBSP}: ${w}.`)].join(' ');
    if (page.html !== shownHtml) {
      preview.show(page.html);
      shownHtml = page.html;
    }
  } catch (e) {
    frame.classList.toggle('perime', shownHtml !== null);
    state.textContent = `Aperçu en attente${NNBSP}: ${e instanceof Error ? e.message : e}.`;
  }
}

// ── Actions ───────────────────────────────────────────────────────────────────────────────────

/** Back to FOCUS after a dialog, or to the open file in the list. */
function afterDialog(focus) {
  (focus ?? $('liste-fichiers').querySelector('[aria-current]') ?? $('nouveau')).focus();
}

/** Why NAME cannot be a new file's name (EXCEPT: the file being renamed), or undefined. */
function nameProblem(name, except) {
  return (
    engine.pathProblem(name) ??
    (name !== except && project.files.has(name) ? `un fichier s’appelle déjà ${quoted(name)}` : undefined)
  );
}

async function newFile() {
  const name = await askName('Nouveau fichier', 'fiches/nouvelle-fiche.ctg', (n) => nameProblem(n));
  if (name === null) return afterDialog($('nouveau'));
  addFile(name, { text: '' });
  open(name);
  update();
  announce(`${name} créé.`);
  editor.view.focus();
}

async function renameFile() {
  const path = currentPath();
  if (!path) return announce('Aucun fichier ouvert à renommer.');
  const name = await askName(`Renommer ${path}`, path, (n) => nameProblem(n, path));
  if (name === null || name === path) return afterDialog($('renommer'));
  const file = project.files.get(path);
  removeFile(path);
  addFile(name, file);
  open(name);
  update();
  announce(`${path} renommé en ${name}.`);
  afterDialog($('renommer'));
}

async function deleteFile() {
  const path = currentPath();
  if (!path) return announce('Aucun fichier ouvert à supprimer.');
  const yes = await confirmAction('Supprimer un fichier', `Supprimer ${path} du projet${NNBSP}?`, 'Supprimer');
  if (!yes) return afterDialog($('supprimer'));
  removeFile(path);
  const next = project.files.has(mainFile()) ? mainFile() : orderedPaths()[0];
  if (next) open(next);
  else {
    editor.reset();
    showName(null);
    showFiles();
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
      announce(`${file.name} n’a pas été importé${NNBSP}: ${problem}.`);
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = TEXT_FILE.test(file.name) ? new TextDecoder('utf-8').decode(bytes) : undefined;
    editor.forget(file.name);
    addFile(file.name, text !== undefined ? { text } : { bytes });
    names.push(file.name);
  }
  if (!names.length) return;
  open(names[0]);
  update();
  announce(`Importé${NNBSP}: ${names.join(', ')}.`);
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
  // Saved: leaving the page loses nothing now.
  project.modified = false;
  announce(`${project.name}.zip${NNBSP}: ${count(files.length, 'fichier', 'fichiers')}, ${sizeText(bytes.length)}.`);
}

async function copyFile() {
  const path = editor.current;
  if (!path) return announce('Aucun fichier texte ouvert à copier.');
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
      return announce(`La copie a été refusée par le navigateur${NNBSP}: sélectionnez le texte et copiez-le (Ctrl+C).`);
    }
  }
  announce(`${path} copié dans le presse-papiers.`);
}

async function chooseExample(event) {
  event.preventDefault();
  const select = $('exemple');
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
  announce(`Exemple chargé${NNBSP}: ${example.title}.`);
}

/** Leads to a diagnostic's place: its file opened, its span selected. */
function goToDiagnostic(event) {
  const button = event.target.closest('button[data-index]');
  const at = button && diagnostics[Number(button.dataset.index)]?.labels[0];
  if (!at || !project.files.has(at.file)) return;
  if (currentPath() !== at.file) open(at.file);
  if (editor.current === at.file) editor.select(at.from, at.to);
}

// ── Start ─────────────────────────────────────────────────────────────────────────────────────

function wire() {
  $('exemple').replaceChildren(
    ...EXAMPLES.map((e) => {
      const option = document.createElement('option');
      option.value = e.id;
      option.textContent = e.title;
      return option;
    }),
  );
  $('exemple').value = FIRST_EXAMPLE;
  $('exemples').addEventListener('submit', chooseExample);
  $('liste-fichiers').addEventListener('click', (event) => {
    const button = event.target.closest('button.fichier');
    if (button) open(button.dataset.path);
  });
  $('liste-diagnostics').addEventListener('click', goToDiagnostic);
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
  // Nothing is kept once the page is closed: the browser asks first when there is work to lose.
  window.addEventListener('beforeunload', (event) => {
    if (project.modified) event.preventDefault();
  });
}

async function start() {
  try {
    engine = await loadEngine();
  } catch (e) {
    $('etat-apercu').textContent = `Le moteur ctgc n’a pas pu démarrer dans ce navigateur${NNBSP}: ${e instanceof Error ? e.message : e}.`;
    throw e;
  }
  wire();
  loadExample(EXAMPLES.find((e) => e.id === FIRST_EXAMPLE) ?? EXAMPLES[0]);
  document.documentElement.dataset.chargementMoteur = `${Math.round(engine.loadMs)}`;
}

start();
