// Builds syntaxes/ctg.tmLanguage.json, the TextMate grammar of the CTG language, from the
// lexical rules of grammar/ctg.pest and the keyword lists of keywords.json.
//
//   node syntaxes/build.mjs           writes the grammar
//   node syntaxes/build.mjs --check   fails when the committed grammar is not what this script writes
//
// TextMate regexes are Oniguruma regexes: they are written here from named fragments, so that the
// word, number and money shapes read once and match the pest rules they mirror. Where pest's PEG
// commits to a choice (ordered choice, greedy repetition), the regexes use atomic groups (?>…) and
// possessive quantifiers, so that backtracking cannot accept what the parser rejects. (In
// Oniguruma's Ruby syntax `*+` and `++` are possessive but `{1,2}+` is `({1,2})+`: intervals get an
// atomic group instead.)

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const keywords = JSON.parse(readFileSync(join(here, "keywords.json"), "utf8"));
const output = join(here, "ctg.tmLanguage.json");

// ── Lexical fragments (grammar/ctg.pest) ────────────────────────────────────────────────────────

// word_char: letters, digits, marks, `_ . - ° ' ’`; word_start: letters, digits, `_`.
const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}_.\-\x{B0}'\x{2019}]`;
const WORD = String.raw`[\p{L}\p{N}_]${WORD_CHAR}*+`;
/** Not followed by a word character (pest's `!word_char`). */
const END = `(?!${WORD_CHAR})`;
const DIGIT = "[0-9]";
/** `number`: what follows may not continue it (a single `.` would make it an identifier, `1.1`). */
const NUMBER = String.raw`-?(?>${DIGIT}{1,3}(?:[ \x{A0}\x{202F}]${DIGIT}{3}(?!${DIGIT}))++|${DIGIT}++)(?:,${DIGIT}++)?(?![\p{L}\p{N}\p{M}_\-\x{B0}'\x{2019}]|\.(?!\.))`;
const ISO_DATE = `${DIGIT}{4}-(?>${DIGIT}{1,2})-(?>${DIGIT}{1,2})${END}`;
/** Spaces allowed inside an amount and before its currency: space, U+00A0, U+202F. */
const MONEY_SPACE = String.raw`[ \x{A0}\x{202F}]`;
const MONEY_GROUP_SEPARATOR = String.raw`[ \x{A0}\x{202F}'_]`;
const MONEY_DECIMALS = `(?>[.,][0-9.,]*+)`;

/** pest's case-insensitive literal `^"…"` folds ASCII letters only. */
function asciiInsensitive(text) {
  return [...text]
    .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c)))
    .join("");
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\\-]/g, "\\$&");
}

const CURRENCY = `(?:€|(?:${["euros", "euro", "eur"].map(asciiInsensitive).join("|")})${END})`;
const MONEY =
  `-?(?>(?>${DIGIT}{1,3})(?:${MONEY_GROUP_SEPARATOR}${DIGIT}++)++${MONEY_DECIMALS}?` +
  `|${DIGIT}++${MONEY_DECIMALS}?)${MONEY_SPACE}*+${CURRENCY}`;

const MONTHS = [
  "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet",
  "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre",
];
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTH = `(?:${MONTHS.map(asciiInsensitive).join("|")})${END}`;
// `13 janvier 2023`, `jeudi 20 janvier 2022`, `octobre 2019` (a signature known to the month).
const FRENCH_DATE =
  `(?:(?:${WEEKDAYS.map(asciiInsensitive).join("|")})${END}[ \\t]++)?` +
  `(?>1er|${DIGIT}{1,2})[ \\t]++${MONTH}[ \\t]++${DIGIT}{4}${END}`;
const MONTH_DATE = `(?<!${WORD_CHAR})${MONTH}[ \\t]++${DIGIT}{4}${END}`;

// `placeholder`: `à compléter`, pest's exact spellings.
const PLACEHOLDER =
  `[àÀaA][ \\t]++(?:${asciiInsensitive("compléter")}|${asciiInsensitive("completer")}|COMPLÉTER)${END}`;

// ── Keywords: accents and case ignored, as `date::fold` does ────────────────────────────────────

// `date::fold_char`: the accented letters that fold to each base letter.
const FOLDS = { a: "aàâä", e: "eéèêë", i: "iîï", o: "oôöœ", u: "uùûü", c: "cç", y: "yÿ" };

function baseLetter(c) {
  return Object.keys(FOLDS).find((base) => FOLDS[base].includes(c)) ?? c;
}

/** A regex matching every spelling of `word` that `date::fold` folds to the same string. */
function folded(word) {
  return [...word]
    .map((c) => {
      const base = baseLetter(c.toLowerCase());
      const letters = FOLDS[base] ?? (/[a-z]/.test(base) ? base : undefined);
      return letters ? `[${letters}${letters.toUpperCase()}]` : escape(c);
    })
    .join("");
}

/** One alternation of keywords, longest first, followed by no word character. */
function anyOf(words) {
  // No word (no reserved keyword today): a group that never matches, not one that matches nothing.
  if (words.length === 0) return "(?!)";
  const sorted = [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${sorted.map(folded).join("|")})${END}`;
}

const DECLARATIONS = keywords.top.filter((k) => k !== "inclure");
/** An identifier right after a declaring keyword: a word the parser does not read as a number or a date. */
const ID = `(?!${ISO_DATE}|${NUMBER})${WORD}`;

// ── Rules ───────────────────────────────────────────────────────────────────────────────────────

/** Every statement ends at a newline, a `;` or the `}` of its block. */
const STATEMENT_END = "(?=[;}])|$";

function statement(begin, beginCaptures, patterns) {
  return { begin, beginCaptures, end: STATEMENT_END, patterns };
}

/** A statement whose arguments include a few words with a meaning of their own. */
function statementWith(keywordList, wordsRule) {
  return statement(`(${anyOf(keywordList)})`, { 1: { name: "keyword.other.ctg" } }, [
    { include: wordsRule },
    { include: "#arguments" },
  ]);
}

/** A region between two delimiters, which get `<punctuation>.begin.ctg` and `<punctuation>.end.ctg`. */
function enclosed(begin, end, name, punctuation, patterns) {
  return {
    begin,
    beginCaptures: { 0: { name: `${punctuation}.begin.ctg` } },
    end,
    endCaptures: { 0: { name: `${punctuation}.end.ctg` } },
    name,
    ...(patterns && { patterns }),
  };
}

/** Whole words given a meaning by their statement: accents and case ignored, as for keywords. */
function words(list, name) {
  return { match: `(?<!${WORD_CHAR})${anyOf(list)}`, name };
}

const grammar = {
  information_for_contributors: [
    "This file is generated by syntaxes/build.mjs from syntaxes/keywords.json: edit those, then run",
    "`npm run grammar`. The language's lexical rules are in grammar/ctg.pest at the repository's root.",
  ],
  $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
  name: "CTG",
  scopeName: "source.ctg",
  fileTypes: ["ctg"],
  patterns: [{ include: "#top-level" }],
  repository: {
    "top-level": {
      patterns: [
        { include: "#comment" },
        { include: "#separator" },
        { include: "#top-statement" },
        { include: "#invalid" },
      ],
    },
    "top-statement": statement(
      `(?:(${anyOf(DECLARATIONS)})(?:[ \\t]++(${ID}))?` +
        `|(${anyOf(["inclure"])})|(${anyOf(keywords.reserved)})|(${WORD}))`,
      {
        1: { name: "storage.type.ctg" },
        2: { name: "entity.name.type.ctg" },
        3: { name: "keyword.control.import.ctg" },
        4: { name: "invalid.illegal.reserved-keyword.ctg" },
        5: { name: "invalid.illegal.unknown-keyword.ctg" },
      },
      [{ include: "#arguments" }],
    ),
    "block-body": {
      patterns: [
        { include: "#comment" },
        { include: "#separator" },
        { include: "#funding" },
        { include: "#measure" },
        { include: "#representative" },
        { include: "#signing" },
        { include: "#territory" },
        { include: "#objective" },
        { include: "#block-statement" },
        { include: "#invalid" },
      ],
    },
    "block-statement": statement(
      `(?:(${anyOf(keywords.block)})|(${WORD}))`,
      {
        1: { name: "keyword.other.ctg" },
        2: { name: "invalid.illegal.unknown-keyword.ctg" },
      },
      [{ include: "#arguments" }],
    ),
    // `objectif ID "Intitulé"` declares an objectif inside its axe.
    objective: statement(
      `(${anyOf(["objectif"])})(?:[ \\t]++(${ID}))?`,
      { 1: { name: "keyword.other.ctg" }, 2: { name: "entity.name.type.ctg" } },
      [{ include: "#arguments" }],
    ),
    // `financement caf 2023 .. 2026 12 000 € par an dispositif "…" prévisionnel convention gmr bénéficiaire cc`
    funding: statementWith(["financement"], "#funding-words"),
    "funding-words": words(
      ["par", "an", "dispositif", "prévisionnel", "convention", "bénéficiaire"],
      "keyword.other.modifier.ctg",
    ),
    // `départ 48 en 2022`, `cible 60 en 2026`
    measure: statementWith(["départ", "cible"], "#measure-words"),
    "measure-words": words(["en"], "keyword.other.modifier.ctg"),
    // `représentant "Directrice" Mme "Anne Upravan"`
    representative: statementWith(["représentant"], "#civility"),
    civility: words(["M.", "Mme"], "constant.language.civility.ctg"),
    // `signataire oui` in a commune: ASCII case only (party.rs).
    signing: statementWith(["signataire"], "#yes-no"),
    "yes-no": {
      match: `(?<!${WORD_CHAR})(?:${asciiInsensitive("oui")}|${asciiInsensitive("non")})${END}`,
      name: "constant.language.boolean.ctg",
    },
    // `territoire tout`
    territory: statementWith(["territoire"], "#all"),
    all: words(["tout"], "constant.language.all.ctg"),
    arguments: {
      patterns: [
        { include: "#comment" },
        { include: "#text" },
        { include: "#string" },
        { include: "#money" },
        { include: "#date" },
        { include: "#number" },
        { include: "#placeholder" },
        { include: "#to-be-determined" },
        { include: "#range" },
        { include: "#comma" },
        { include: "#percent" },
        { include: "#block" },
        { include: "#identifier" },
        { include: "#invalid" },
      ],
    },
    block: enclosed("\\{", "\\}", "meta.block.ctg", "punctuation.section.block", [
      { include: "#block-body" },
    ]),
    comment: {
      match: "(#)[^\\r\\n]*+",
      name: "comment.line.number-sign.ctg",
      captures: { 1: { name: "punctuation.definition.comment.ctg" } },
    },
    separator: { match: ";", name: "punctuation.terminator.statement.ctg" },
    // `"""…"""` over several lines; no escapes.
    text: enclosed('"""', '"""', "string.quoted.triple.ctg", "punctuation.definition.string"),
    // `"…"` on one line; `\"` and `\\` are the only escapes.
    string: enclosed('"', '"|$', "string.quoted.double.ctg", "punctuation.definition.string", [
      { match: '\\\\["\\\\]', name: "constant.character.escape.ctg" },
      { match: "\\\\.?", name: "invalid.illegal.escape.ctg" },
    ]),
    money: { match: MONEY, name: "constant.numeric.money.ctg" },
    date: {
      patterns: [
        { match: ISO_DATE, name: "constant.numeric.date.ctg" },
        { match: FRENCH_DATE, name: "constant.numeric.date.ctg" },
        { match: MONTH_DATE, name: "constant.numeric.date.ctg" },
      ],
    },
    number: { match: NUMBER, name: "constant.numeric.ctg" },
    placeholder: { match: PLACEHOLDER, name: "constant.language.placeholder.ctg" },
    // `à déterminer`: two words, read by `financement` (plan.rs).
    "to-be-determined": {
      match: `(?<!${WORD_CHAR})${anyOf(["a"])}[ \\t]++${anyOf(["déterminer"])}`,
      name: "constant.language.to-be-determined.ctg",
    },
    range: { match: "\\.\\.", name: "keyword.operator.range.ctg" },
    comma: {
      patterns: [
        // A list goes on over the next line after a comma that ends its line: the statement then
        // continues at the next line's first character, unless that line is blank.
        {
          begin: ",(?=[ \\t]*$)",
          beginCaptures: { 0: { name: "punctuation.separator.comma.ctg" } },
          end: "(?=[^ \\t\\n])|^(?=[ \\t]*$)",
        },
        { match: ",", name: "punctuation.separator.comma.ctg" },
      ],
    },
    percent: { match: "%", name: "keyword.other.unit.percent.ctg" },
    identifier: { match: WORD, name: "variable.other.ctg" },
    // Anything the parser cannot read there: a stray `}`, `@`, a no-break space between arguments…
    // (a byte order mark is not: the editor hides it and the compiler accepts it).
    invalid: { match: "[^ \\t\\n\\x{FEFF}]", name: "invalid.illegal.character.ctg" },
  },
};

const json = `${JSON.stringify(grammar, null, 2)}\n`;
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(output, "utf8");
  } catch {
    // A missing grammar is a stale grammar.
  }
  if (current !== json) {
    console.error("syntaxes/ctg.tmLanguage.json is stale: run `npm run grammar` and commit it.");
    process.exit(1);
  }
} else {
  writeFileSync(output, json);
}
