// The declarative half of the extension: language configuration, editor defaults, snippets. The
// regexes are compiled as VS Code compiles them (folding markers and indentation rules without
// flags, the word pattern with its own).

"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const root = path.join(__dirname, "..", "..");
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
const manifest = read("package.json");
const configuration = read("language-configuration.json");

const opening = [
  'fiche creche "Maintenir l’offre" {',
  'objectif pe "Titre avec { et # dedans" {  # commentaire',
  "  indicateur \"Places\" {",
  '  préambule """',
  '  description """   ',
];
const closing = ["}", "  }", '  """', '    """ vu "suite"'];
const neither = [
  '  objectif pe "Titre" { numéro 1 }',
  '  résultats-attendus """Sur une seule ligne."""',
  "  # exemple : fiche x {",
  '  lieu "Aime {"',
  "    Fin du texte.\"\"\"",
  "  axe pe",
];

test("blocks and text blocks fold and indent", () => {
  const start = new RegExp(configuration.folding.markers.start);
  const end = new RegExp(configuration.folding.markers.end);
  const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
  for (const line of opening) {
    assert.ok(start.test(line) && increase.test(line), `opens: ${line}`);
    assert.ok(!end.test(line) && !decrease.test(line), `does not close: ${line}`);
  }
  for (const line of closing) {
    assert.ok(end.test(line) && decrease.test(line), `closes: ${line}`);
  }
  for (const line of neither) {
    assert.ok(!start.test(line) && !increase.test(line), `does not open: ${line}`);
    assert.ok(!end.test(line) && !decrease.test(line), `does not close: ${line}`);
  }
});

test("comments, brackets and quotes", () => {
  assert.deepEqual(configuration.comments, { lineComment: "#" });
  assert.deepEqual(configuration.brackets, [["{", "}"]]);
  const pairs = configuration.autoClosingPairs.map((p) => p.open + p.close);
  assert.deepEqual(pairs, ["{}", '""']);
});

test("a word is an identifier: - . ’ inside, not , or quotes", () => {
  const word = new RegExp(configuration.wordPattern.pattern, `${configuration.wordPattern.flags}g`);
  const words = (text) => text.match(word);
  assert.deepEqual(words("partenaires caf, pe-2, 1.1, l’offre"), ["partenaires", "caf", "pe-2", "1.1", "l’offre"]);
  assert.deepEqual(words('axe "éducation-populaire"'), ["axe", "éducation-populaire"]);
  const separators = manifest.contributes.configurationDefaults["[ctg]"]["editor.wordSeparators"];
  for (const kept of ["-", ".", "_", "’", "°"]) {
    assert.ok(!separators.includes(kept), `${kept} is part of a word`);
  }
  for (const separator of [",", ";", '"', "{", "}", "#", "(", ")", ":"]) {
    assert.ok(separators.includes(separator), `${separator} separates words`);
  }
});

test("French typography is not flagged in .ctg files", () => {
  const defaults = manifest.contributes.configurationDefaults["[ctg]"];
  for (const key of ["ambiguousCharacters", "invisibleCharacters", "nonBasicASCII"]) {
    assert.equal(defaults[`editor.unicodeHighlight.${key}`], false, key);
  }
});

test("the manifest declares the language, its grammar, snippets and the ctgc.chemin setting", () => {
  assert.equal(manifest.publisher, "ctgc");
  assert.equal(manifest.name, "ctgc");
  assert.equal(manifest.engines.vscode, "^1.90.0");
  const [language] = manifest.contributes.languages;
  assert.equal(language.id, "ctg");
  assert.deepEqual(language.extensions, [".ctg"]);
  for (const file of [
    language.configuration,
    manifest.contributes.grammars[0].path,
    manifest.contributes.snippets[0].path,
  ]) {
    assert.ok(fs.existsSync(path.join(root, file)), file);
  }
  assert.equal(read(manifest.contributes.grammars[0].path).scopeName, manifest.contributes.grammars[0].scopeName);
  const setting = manifest.contributes.configuration.properties["ctgc.chemin"];
  assert.equal(setting.default, "ctgc");
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ["ctgc.chemin"]);
});

test("snippets: a fiche, a signataire, an indicateur, a financement, with tab stops", () => {
  const snippets = read(manifest.contributes.snippets[0].path);
  const prefixes = Object.values(snippets).map((s) => s.prefix).sort();
  assert.deepEqual(prefixes, ["fiche", "financement", "indicateur", "signataire"]);
  for (const [name, snippet] of Object.entries(snippets)) {
    const body = snippet.body.join("\n");
    assert.ok(body.startsWith(`${snippet.prefix} `), name);
    assert.match(body, /\$\{1[:|]/, `${name} starts with a tab stop`);
    assert.match(body, /\$0/, `${name} has a final tab stop`);
    assert.doesNotMatch(body, /\t/, `${name} indents with spaces`);
  }
});
