// Colours for .ctg files: a stream tokenizer over the lexical shapes of grammar/ctg.pest
// (comments, strings, text blocks, numbers, placeholders) and the keywords of
// editors/vscode/syntaxes/keywords.json, the list the VS Code grammar is built from. Which word is
// a keyword where is the compiler's business: an unknown one is left plain and the checker
// underlines it.

import { StreamLanguage } from '@codemirror/language';
import keywords from '../../editors/vscode/syntaxes/keywords.json';

/** Keywords compare without accents nor case, as the compiler compares them (src/keyword.rs). */
const fold = (word) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const KEYWORDS = new Set([...keywords.top, ...keywords.block].map(fold));
const RESERVED = new Set(keywords.reserved.map(fold));
/** Words that declare something named by the next word: `fiche creche "…"`. */
const DECLARING = new Set(
  ['signataire', 'commune', 'partenaire', 'axe', 'fiche', 'équipement', 'instance', 'objectif', 'indicateur']
    .map(fold),
);

const WORD = /^[\p{L}\p{N}_][\p{L}\p{N}\p{M}_.\-\u00b0'\u2019]*/u;
const NUMBER = /^-?[0-9][0-9 \u00a0\u202f',._]*(?:[0-9]|\s?[€%])?/u;

export const ctg = StreamLanguage.define({
  name: 'ctg',
  startState: () => ({ textBlock: false, atStatement: true, declares: false }),
  token(stream, state) {
    if (stream.sol()) state.atStatement = !state.textBlock;
    if (state.textBlock) {
      if (stream.skipTo('"""')) {
        stream.match('"""');
        state.textBlock = false;
      } else {
        stream.skipToEnd();
      }
      return 'string';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('"""')) {
      state.textBlock = true;
      state.atStatement = false;
      return 'string';
    }
    if (stream.match(/^"(?:[^"\\\n]|\\["\\])*"?/)) {
      state.atStatement = false;
      return 'string';
    }
    if (stream.eat('{') || stream.eat('}') || stream.eat(';')) {
      state.atStatement = true;
      state.declares = false;
      return 'brace';
    }
    if (stream.match(/^à compléter/iu)) {
      state.atStatement = false;
      return 'atom';
    }
    if (stream.match(NUMBER)) {
      state.atStatement = false;
      return 'number';
    }
    const word = stream.match(WORD);
    if (word) {
      const folded = fold(word[0]);
      const first = state.atStatement;
      const declared = state.declares;
      state.atStatement = false;
      state.declares = first && DECLARING.has(folded);
      if (first && RESERVED.has(folded)) return 'invalid';
      if (first && KEYWORDS.has(folded)) return 'keyword';
      if (declared) return 'variableName.definition';
      return null;
    }
    stream.next();
    state.atStatement = false;
    return 'operator';
  },
  languageData: { commentTokens: { line: '#' } },
});
