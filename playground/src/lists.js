// The file list (each file with its count of errors and warnings) and the list of diagnostics
// (errors first, each a button that leads to its place).

import { NNBSP, summary } from './words.js';

/** Errors and warnings of each file, by the primary place of each diagnostic. */
function countsByFile(diagnostics) {
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

/** Fills LIST with a button per path of PATHS (data-path), CURRENT marked. */
export function renderFiles(list, paths, current, diagnostics) {
  const counts = countsByFile(diagnostics);
  list.replaceChildren(
    ...paths.map((path) => {
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

const rank = (d) => (d.severity === 'error' ? 0 : 1);

/** Fills LIST with DIAGNOSTICS and SUMMARY with their count. A place is a button (data-index). */
export function renderDiagnostics(list, summaryElement, diagnostics) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  summaryElement.textContent = diagnostics.length
    ? `(${summary({ error: errors, warning: diagnostics.length - errors })})`
    : '(aucun)';
  // Errors first (they hold the preview back), each kind in the order of the sources.
  const order = diagnostics.map((_, i) => i).sort((a, b) => rank(diagnostics[a]) - rank(diagnostics[b]) || a - b);
  list.replaceChildren(
    ...order.map((i) => {
      const d = diagnostics[i];
      const item = document.createElement('li');
      item.className = d.severity === 'error' ? 'diag erreur' : 'diag avertissement';
      const at = d.labels[0];
      const head = item.appendChild(document.createElement(at ? 'button' : 'p'));
      if (at) {
        head.type = 'button';
        head.dataset.index = String(i);
      }
      const where = at ? `${at.file}, ligne ${at.line}, colonne ${at.column}` : 'projet';
      head.className = 'diag-lieu';
      head.textContent = `${d.severity === 'error' ? 'Erreur' : 'Avertissement'} — ${where}`;
      item.appendChild(document.createElement('p')).textContent = d.message;
      if (d.help) item.appendChild(document.createElement('p')).textContent = `Aide${NNBSP}: ${d.help}`;
      if (d.code) {
        const code = item.appendChild(document.createElement('p'));
        code.className = 'diag-code';
        code.textContent = `Règle ${d.code}`;
      }
      return item;
    }),
  );
}
