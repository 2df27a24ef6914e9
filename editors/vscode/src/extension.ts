// The VS Code client: starts `ctgc lsp` over stdio for .ctg files, once the binary named by the
// `ctgc.chemin` setting is known to be there and recent enough, and restarts it when that setting
// changes. Colours, snippets and the language configuration need none of this: they are declared in
// package.json and work without ctgc.

import * as vscode from "vscode";
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type Message,
  type ServerOptions,
} from "vscode-languageclient/node";
import { NNBSP, type Probe, probe, problem, quoted, resolveCommand } from "./ctgc";

/** Crashes tolerated within `CRASH_WINDOW_MS` before the client stops restarting the server. */
const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** Serialises start and stop: a settings change during a start waits for it. */
let pending: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("ctgc");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("ctgc.redemarrer", () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("ctgc.chemin")) {
        void restart();
      }
    }),
    // `ctgc.chemin` is a restricted setting: a workspace's own value applies once it is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );
  return restart();
}

export function deactivate(): Promise<void> {
  pending = pending.then(stop);
  return pending;
}

function restart(): Promise<void> {
  pending = pending.then(stop).then(start);
  return pending;
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop().catch(() => undefined);
  }
}

async function start(): Promise<void> {
  const setting = vscode.workspace.getConfiguration("ctgc").get<string>("chemin");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const command = resolveCommand(setting, folder);
  const found = await probe(command);
  if (found.kind !== "ok") {
    report(found);
    return;
  }
  output?.appendLine(`${found.version}${NNBSP}: ${command} lsp`);
  const serverOptions: ServerOptions = { command, args: ["lsp"], options: { cwd: folder } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "ctg", scheme: "file" },
      { language: "ctg", scheme: "untitled" },
    ],
    outputChannel: output,
    errorHandler: crashes(),
  };
  const started = new LanguageClient("ctgc", "ctgc", serverOptions, clientOptions);
  try {
    await started.start();
    client = started;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `${quoted(`${command} lsp`)} n’a pas démarré${NNBSP}: ${reason}`,
    );
  }
}

/** The message for a missing or unusable ctgc, with a button to the setting and one to retry. */
function report(found: Exclude<Probe, { kind: "ok" }>): void {
  const open = "Ouvrir le réglage";
  const retry = "Réessayer";
  void vscode.window.showErrorMessage(problem(found), open, retry).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand("workbench.action.openSettings", "ctgc.chemin");
    } else if (choice === retry) {
      void restart();
    }
  });
}

/** Restarts a crashed server, unless it crashed too often lately; French messages throughout. */
function crashes() {
  const times: number[] = [];
  return {
    // As the client's default handler: a few broken messages are tolerated, then the server stops.
    error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
      const action = count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown;
      return { action, handled: true };
    },
    closed(): CloseHandlerResult {
      const now = Date.now();
      times.push(now);
      while (times.length > 0 && now - (times[0] ?? now) > CRASH_WINDOW_MS) {
        times.shift();
      }
      if (times.length <= MAX_RESTARTS) {
        return { action: CloseAction.Restart, handled: true };
      }
      crashed(times.length);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

/** Tells the user the server stopped for good, with buttons to its output and to restart it. */
function crashed(count: number): void {
  const show = "Afficher la sortie";
  const again = "Redémarrer";
  const message =
    `ctgc s’est arrêté ${count} fois en trois minutes${NNBSP}: la vérification en direct est ` +
    `suspendue. La sortie ${quoted("ctgc")} dit pourquoi.`;
  void vscode.window.showErrorMessage(message, show, again).then((choice) => {
    if (choice === show) {
      output?.show();
    } else if (choice === again) {
      void restart();
    }
  });
}
