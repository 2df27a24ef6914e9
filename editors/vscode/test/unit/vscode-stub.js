// A stand-in for the `vscode` module, enough to load the bundled extension in plain node and
// activate it: it records the messages shown and the commands registered. Any API the tests do not
// care about is an inert object that can be called, constructed and read from.

"use strict";

const Module = require("node:module");

function inert() {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === "then" || typeof key === "symbol") {
        return undefined;
      }
      if (key === "dispose") {
        return () => undefined;
      }
      return inert();
    },
    apply: () => inert(),
    construct: () => inert(),
  });
}

/** A fresh `vscode` module: `settings` are the `ctgc.*` values, `folder` the workspace folder. */
function create({ settings = {}, folder } = {}) {
  const shown = [];
  const commands = new Map();
  const disposable = { dispose() {} };
  const event = () => disposable;
  const api = {
    version: "1.90.0",
    shown,
    commands: {
      registerCommand(name, callback) {
        commands.set(name, callback);
        return disposable;
      },
      executeCommand: async () => undefined,
      registered: commands,
    },
    window: {
      createOutputChannel: (name) => ({
        name,
        lines: [],
        append() {},
        appendLine(line) {
          this.lines.push(line);
        },
        clear() {},
        show() {},
        hide() {},
        replace() {},
        dispose() {},
      }),
      showErrorMessage: async (message, ...items) => {
        shown.push({ level: "error", message, items });
        return undefined;
      },
      showWarningMessage: async (message, ...items) => {
        shown.push({ level: "warning", message, items });
        return undefined;
      },
      showInformationMessage: async (message, ...items) => {
        shown.push({ level: "information", message, items });
        return undefined;
      },
    },
    workspace: {
      getConfiguration: (section) => ({
        get: (key, fallback) => settings[`${section}.${key}`] ?? fallback,
      }),
      workspaceFolders: folder === undefined ? undefined : [{ uri: { fsPath: folder }, name: "convention", index: 0 }],
      textDocuments: [],
      onDidChangeConfiguration: event,
      onDidGrantWorkspaceTrust: event,
    },
  };
  return new Proxy(api, {
    get(target, key) {
      if (key in target) {
        const value = target[key];
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
          return new Proxy(value, {
            get: (inner, k) => (k in inner ? inner[k] : typeof k === "symbol" ? undefined : inert()),
          });
        }
        return value;
      }
      return typeof key === "symbol" ? undefined : inert();
    },
  });
}

/** Loads `bundle` with `vscode` resolved to `stub`, as a fresh module. */
function load(bundle, stub) {
  const original = Module._load;
  Module._load = function (request, ...rest) {
    return request === "vscode" ? stub : original.call(this, request, ...rest);
  };
  try {
    delete require.cache[require.resolve(bundle)];
    return require(bundle);
  } finally {
    Module._load = original;
  }
}

module.exports = { create, load };
