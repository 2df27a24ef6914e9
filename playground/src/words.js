// The page's French: counts, quotes and sizes with the spaces French typography wants.

export const NNBSP = '\u202f';
export const NBSP = '\u00a0';

/** « 1 erreur », « 3 erreurs »: singular up to one, a no-break space before the noun. */
export const count = (n, singular, plural) => `${n}${NBSP}${n > 1 ? plural : singular}`;

/** « text », with narrow no-break spaces inside the quotes. */
export const quoted = (text) => `«${NNBSP}${text}${NNBSP}»`;

/** « 812 octets », « 1,5 ko ». */
export function sizeText(bytes) {
  if (bytes < 1024) return count(bytes, 'octet', 'octets');
  return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })}${NBSP}ko`;
}

/** « 1 erreur, 2 avertissements » for C = { error, warning }. */
export function summary(c) {
  const parts = [];
  if (c.error) parts.push(count(c.error, 'erreur', 'erreurs'));
  if (c.warning) parts.push(count(c.warning, 'avertissement', 'avertissements'));
  return parts.join(', ');
}

/** TEXT with its first letter in capital. */
export const capitalized = (text) => `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;
