// The bundled extension (package.json's `main`), loaded in node with a stand-in `vscode` module:
// the real language client starts a fake `ctgc lsp` over stdio, and the French messages appear when
// ctgc is missing, too old or crashing.

"use strict";

const assert = require("node:assert/strict");
const path = require("node:path");
const { test } = require("node:test");
const { create, load } = require("./vscode-stub.js");
const { withFake } = require("./fake.js");

const bundle = path.join(__dirname, "..", "..", require("../../package.json").main);
const NNBSP = "\u202f";

async function activated(settings, folder) {
  const vscode = create({ settings, folder });
  const extension = load(bundle, vscode);
  const context = { subscriptions: [] };
  await extension.activate(context);
  return { vscode, extension, context };
}

async function until(condition, what) {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("without ctgc: one French error, with a button to the setting, and no server", async () => {
  const { vscode, extension, context } = await activated({ "ctgc.chemin": "/nonexistent/ctgc" });
  assert.equal(vscode.shown.length, 1);
  const [shown] = vscode.shown;
  assert.equal(shown.level, "error");
  assert.ok(shown.message.startsWith(`ctgc est introuvable (réglage «${NNBSP}ctgc.chemin${NNBSP}»`), shown.message);
  assert.deepEqual(shown.items, ["Ouvrir le réglage", "Réessayer"]);
  assert.ok(vscode.commands.registered.has("ctgc.redemarrer"));
  assert.ok(context.subscriptions.length >= 3);
  await extension.deactivate();
});

test("with a ctgc that predates `ctgc lsp`: the message says so and the server is not started", async () => {
  await withFake("old", async (fake) => {
    const { vscode, extension } = await activated({ "ctgc.chemin": fake.command });
    assert.equal(vscode.shown.length, 1);
    assert.ok(vscode.shown[0].message.startsWith(`ctgc 0.1.0 ne connaît pas la commande «${NNBSP}ctgc lsp${NNBSP}»`));
    assert.ok(!fake.entries().some((e) => e.args?.length === 1 && e.args[0] === "lsp"));
    await extension.deactivate();
  });
});

test("with a current ctgc: `ctgc lsp` runs over stdio, restarts on command, stops on deactivation", async () => {
  await withFake("current", async (fake) => {
    const { vscode, extension } = await activated({ "ctgc.chemin": fake.command }, fake.dir);
    assert.deepEqual(vscode.shown, []);
    const methods = () => fake.entries().filter((e) => e.method).map((e) => e.method);
    assert.deepEqual(fake.entries()[2], { args: ["lsp"] });
    await until(() => methods().includes("initialized"), "initialized");
    assert.deepEqual(methods(), ["initialize", "initialized"]);

    await vscode.commands.registered.get("ctgc.redemarrer")();
    await until(() => methods().length === 6, "a second initialized");
    assert.deepEqual(methods(), ["initialize", "initialized", "shutdown", "exit", "initialize", "initialized"]);

    await extension.deactivate();
    await until(() => methods().length === 8, "exit");
    assert.deepEqual(methods().slice(6), ["shutdown", "exit"]);
  });
});

test("a server that keeps crashing is restarted four times, then a French message", async () => {
  await withFake("crash", async (fake) => {
    const { vscode, extension } = await activated({ "ctgc.chemin": fake.command }, fake.dir);
    await until(() => vscode.shown.length > 0, "the crash message");
    const starts = fake.entries().filter((e) => e.args?.length === 1 && e.args[0] === "lsp").length;
    assert.equal(starts, 5);
    // Nothing else follows (the client's own English notices are silenced).
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(vscode.shown.length, 1);
    const [shown] = vscode.shown;
    assert.equal(shown.level, "error");
    assert.equal(
      shown.message,
      `ctgc s’est arrêté 5 fois en trois minutes${NNBSP}: la vérification en direct est suspendue. ` +
        `La sortie «${NNBSP}ctgc${NNBSP}» dit pourquoi.`,
    );
    assert.deepEqual(shown.items, ["Afficher la sortie", "Redémarrer"]);
    await extension.deactivate();
  });
});
