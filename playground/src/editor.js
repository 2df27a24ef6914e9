// The code editor: one CodeMirror view, one state per file (its own undo history and selection),
// diagnostics laid on the open file's text.

import { basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { ctg } from './ctg-language.js';

/** Colours with a contrast of at least 4.5:1 on the editor's white (WCAG AA). */
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#6b2a9e', fontWeight: '600' },
  { tag: tags.string, color: '#1b6330' },
  { tag: tags.comment, color: '#595f66', fontStyle: 'italic' },
  { tag: [tags.number, tags.atom], color: '#9c3a06' },
  { tag: tags.definition(tags.variableName), color: '#0b5394' },
  { tag: tags.invalid, color: '#b00020', textDecoration: 'underline' },
  { tag: [tags.propertyName, tags.attributeName], color: '#0b5394' },
  { tag: [tags.bool, tags.null], color: '#9c3a06' },
  { tag: tags.meta, color: '#595f66' },
]);

/** The language of a file, by its name. */
function languageOf(path) {
  if (/\.ctg$/i.test(path)) return [ctg];
  if (/\.ya?ml$/i.test(path)) return [yaml()];
  return [];
}

/** A diagnostic's text in the editor's tooltip and panel: message, label, help, code. */
function renderMessage(d) {
  return () => {
    const box = document.createElement('div');
    const message = box.appendChild(document.createElement('p'));
    message.className = 'diag-message';
    message.textContent = d.message;
    const here = d.labels[0]?.text;
    if (here && here !== d.message) {
      const label = box.appendChild(document.createElement('p'));
      label.textContent = `Ici\u202f: ${here}`;
    }
    if (d.help) {
      const help = box.appendChild(document.createElement('p'));
      help.textContent = `Aide\u202f: ${d.help}`;
    }
    return box;
  };
}

/** The engine's diagnostics of PATH as CodeMirror diagnostics on DOC. */
export function diagnosticsFor(path, list, doc) {
  const out = [];
  for (const d of list) {
    const at = d.labels[0];
    if (!at || at.file !== path) continue;
    const from = Math.min(at.from, doc.length);
    out.push({
      from,
      to: Math.max(from, Math.min(at.to, doc.length)),
      severity: d.severity,
      source: d.code ?? undefined,
      message: d.message,
      renderMessage: renderMessage(d),
    });
  }
  return out;
}

/**
 * The editor in PARENT. ONCHANGE(path, text) follows every change of a document.
 * Returns what the page does with it.
 */
export function createEditor(parent, onChange) {
  const states = new Map();
  let current = null;

  const extensionsFor = (path) => [
    basicSetup,
    languageOf(path),
    syntaxHighlighting(highlight),
    lintGutter(),
    EditorView.lineWrapping,
    // tabindex: the text is focusable anyway (contenteditable); said so, checkers see the
    // scrolling region as reachable from the keyboard.
    EditorView.contentAttributes.of({ 'aria-label': `Contenu du fichier ${path}`, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(path, update.state.doc.toString());
    }),
  ];

  const view = new EditorView({ parent, state: EditorState.create({ doc: '' }) });

  return {
    view,
    get current() {
      return current;
    },
    /** Replaces every document (a new project). */
    reset() {
      states.clear();
      current = null;
      view.setState(EditorState.create({ doc: '' }));
    },
    /** Shows PATH, whose text is TEXT when the editor has not held it yet. */
    open(path, text) {
      if (current !== null) states.set(current, view.state);
      let state = states.get(path);
      if (!state) {
        state = EditorState.create({ doc: text, extensions: extensionsFor(path) });
      }
      current = path;
      view.setState(state);
    },
    /** Shows no document, keeping the open one's state for later. */
    close() {
      if (current !== null) states.set(current, view.state);
      current = null;
      view.setState(EditorState.create({ doc: '' }));
    },
    /** Forgets PATH (deleted or renamed). */
    forget(path) {
      states.delete(path);
      if (current === path) current = null;
    },
    /** Lays DIAGNOSTICS (the engine's, every file) on the open document. */
    showDiagnostics(list) {
      if (current === null) return;
      view.dispatch(setDiagnostics(view.state, diagnosticsFor(current, list, view.state.doc)));
    },
    /** Selects FROM..TO of the open document and gives it the focus. */
    select(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
        scrollIntoView: true,
      });
      view.focus();
    },
  };
}
