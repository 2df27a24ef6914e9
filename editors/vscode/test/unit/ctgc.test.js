// The probe that runs before the language client: is ctgc there, and does it know `ctgc lsp`?

"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");
const { probe, problem, quoted, resolveCommand } = require("../../out/ctgc.js");
const { withFake } = require("./fake.js");

const NNBSP = "\u202f";

/** French typography for the expected texts: narrow no-break spaces inside « » and before : ; */
function fr(text) {
  return text.replace(/« /g, `«${NNBSP}`).replace(/ »/g, `${NNBSP}»`).replace(/ ([:;])/g, `${NNBSP}$1`);
}

function includes(message, expected) {
  assert.ok(message.includes(fr(expected)), `${JSON.stringify(message)}\nshould contain\n${JSON.stringify(fr(expected))}`);
}

test("the setting resolves like a command line, relative paths from the workspace", () => {
  assert.equal(resolveCommand(undefined, "/projet", "/home/u"), "ctgc");
  assert.equal(resolveCommand("  ", "/projet", "/home/u"), "ctgc");
  assert.equal(resolveCommand("ctgc-dev", "/projet", "/home/u"), "ctgc-dev");
  assert.equal(resolveCommand("/opt/ctgc/bin/ctgc", "/projet", "/home/u"), "/opt/ctgc/bin/ctgc");
  assert.equal(resolveCommand("~/.cargo/bin/ctgc", "/projet", "/home/u"), "/home/u/.cargo/bin/ctgc");
  assert.equal(resolveCommand("target/release/ctgc", "/projet", "/home/u"), "/projet/target/release/ctgc");
  assert.equal(resolveCommand("./ctgc", undefined, "/home/u"), "./ctgc");
});

test("a missing ctgc is reported as missing, with the setting to change", async () => {
  const found = await probe("/nonexistent/bin/ctgc");
  assert.deepEqual(found, { kind: "missing", command: "/nonexistent/bin/ctgc" });
  const message = problem(found);
  assert.ok(message.startsWith(fr("ctgc est introuvable (réglage « ctgc.chemin » : « /nonexistent/bin/ctgc »).")), message);
  includes(message, "Installez-le (« cargo install --path . » dans le dépôt de ctgc)");
  includes(message, "ou indiquez son chemin complet dans ce réglage.");
});

test("a ctgc without `ctgc lsp` is too old, and the message names its version", async () => {
  await withFake("old", async (fake) => {
    const found = await probe(fake.command);
    assert.deepEqual(found, { kind: "too-old", command: fake.command, version: "ctgc 0.1.0" });
    const message = problem(found);
    assert.ok(message.startsWith(fr("ctgc 0.1.0 ne connaît pas la commande « ctgc lsp »")), message);
    includes(message, ": installez une version plus récente de ctgc.");
    assert.deepEqual(
      fake.entries().map((e) => e.args),
      [["--version"], ["lsp", "--help"]],
    );
  });
});

test("a current ctgc is usable", async () => {
  await withFake("current", async (fake) => {
    assert.deepEqual(await probe(fake.command), { kind: "ok", command: fake.command, version: "ctgc 0.1.0" });
  });
});

test("another program, or a file that cannot run, is unusable", async () => {
  await withFake("other", async (fake) => {
    const found = await probe(fake.command);
    assert.equal(found.kind, "unusable");
    includes(problem(found), "ne répond pas comme ctgc (réponse « other-tool version 3 » à « --version ») : vérifiez");
    const plain = path.join(fake.dir, "texte");
    fs.writeFileSync(plain, "pas un programme", { mode: 0o644 });
    const denied = await probe(plain);
    assert.deepEqual(denied, { kind: "unusable", command: plain, reason: "le fichier n’est pas exécutable" });
  });
});

test("a ctgc that does not answer is unusable, after the timeout", async () => {
  await withFake("hang", async (fake) => {
    const found = await probe(fake.command, 300);
    assert.deepEqual(found, { kind: "unusable", command: fake.command, reason: "pas de réponse en 0,3 secondes" });
  });
});

test("messages follow French typography", () => {
  assert.equal(quoted("x"), `«${NNBSP}x${NNBSP}»`);
  for (const found of [
    { kind: "missing", command: "ctgc" },
    { kind: "too-old", command: "ctgc", version: "ctgc 0.1.0" },
    { kind: "unusable", command: "ctgc", reason: "pas de réponse en 10 secondes" },
  ]) {
    const message = problem(found);
    assert.doesNotMatch(message, /« | »| [:;!?]|'/, message);
    assert.match(message, new RegExp(`${NNBSP}:`), message);
  }
});
