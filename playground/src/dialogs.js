// The page's two modal dialogs (index.html): a file name to type, and a choice to confirm. Native
// <dialog>: focus stays inside while open, Escape cancels, and focus is given back by the caller.

import { capitalized } from './words.js';

const $ = (id) => document.getElementById(id);

/** Shows DIALOG; SUBMIT(event) decides on « Valider » (returns undefined to keep it open). */
function run(dialog, submit, focus) {
  return new Promise((resolve) => {
    const form = dialog.querySelector('form');
    const cancelButton = dialog.querySelector('.annuler');
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onCancel);
      cancelButton.removeEventListener('click', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const value = submit();
      if (value !== undefined) done(value);
    };
    const onCancel = () => done(null);
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onCancel);
    cancelButton.addEventListener('click', onCancel);
    dialog.showModal();
    (focus ?? cancelButton).focus();
  });
}

/**
 * Asks for a file name: TITLE, the INITIAL name, and PROBLEM(name) → why it cannot be (French)
 * or undefined. Resolves to the name, or null when cancelled.
 */
export function askName(title, initial, problem) {
  const input = $('nom');
  const error = $('nom-erreur');
  $('dialogue-nom-titre').textContent = title;
  input.value = initial;
  error.textContent = '';
  input.removeAttribute('aria-invalid');
  const answer = run(
    $('dialogue-nom'),
    () => {
      const name = input.value.trim();
      const why = problem(name);
      if (!why) return name;
      error.textContent = `${capitalized(why)}.`;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return undefined;
    },
    input,
  );
  input.select();
  return answer;
}

/** Asks to confirm: TITLE, TEXT, the confirming button's LABEL. Resolves to true, or null. */
export function confirmAction(title, text, label) {
  $('dialogue-confirmer-titre').textContent = title;
  $('dialogue-confirmer-texte').textContent = text;
  $('dialogue-confirmer-oui').textContent = label;
  return run($('dialogue-confirmer'), () => true);
}
