// Finding the ctgc executable and checking, before the language client starts it, that it is
// there and knows `ctgc lsp`: a missing or old binary gets a French message that says what to do,
// not the language client's generic "server crashed". No `vscode` import: tests run this in node.

import { execFile } from "node:child_process";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/** What the configured ctgc turned out to be. */
export type Probe =
  | { kind: "ok"; command: string; version: string }
  | { kind: "missing"; command: string }
  | { kind: "too-old"; command: string; version: string }
  | { kind: "unusable"; command: string; reason: string };

/** The narrow no-break space French typography puts inside « » and before : ; ! ? */
export const NNBSP = "\u202f";

/** « text », with the narrow no-break spaces of French typography. */
export function quoted(text: string): string {
  return `«${NNBSP}${text}${NNBSP}»`;
}

/**
 * The command to run for the `ctgc.chemin` setting: `ctgc` (looked up in PATH) when empty, `~`
 * for the home directory, and a relative path (one with a separator) from the workspace folder.
 */
export function resolveCommand(
  setting: string | undefined,
  workspaceFolder: string | undefined,
  home: string = homedir(),
): string {
  const path = (setting ?? "").trim();
  if (path === "") {
    return "ctgc";
  }
  if (path === "~") {
    return home;
  }
  if (path.startsWith("~/") || path.startsWith("~\\")) {
    return join(home, path.slice(2));
  }
  if (!isAbsolute(path) && /[\\/]/.test(path) && workspaceFolder !== undefined) {
    return join(workspaceFolder, path);
  }
  return path;
}

interface Run {
  /** The spawn error code (`ENOENT`, `EACCES`…), when the program did not run. */
  error?: string;
  timedOut: boolean;
  exitCode: number | null;
  stdout: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true }, (error, stdout) => {
      const e = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      const spawnError = typeof e?.code === "string" ? e.code : undefined;
      resolve({
        error: spawnError,
        timedOut: e?.killed === true,
        exitCode: e === null ? 0 : typeof e.code === "number" ? e.code : null,
        stdout: String(stdout),
      });
    });
  });
}

/** Runs `COMMAND --version`, then `COMMAND lsp --help`, which fails on a ctgc that predates `lsp`. */
export async function probe(command: string, timeoutMs = 10_000): Promise<Probe> {
  const version = await run(command, ["--version"], timeoutMs);
  if (version.error === "ENOENT") {
    return { kind: "missing", command };
  }
  if (version.error !== undefined) {
    const reason =
      version.error === "EACCES" ? "le fichier n’est pas exécutable" : `erreur ${version.error}`;
    return { kind: "unusable", command, reason };
  }
  if (version.timedOut) {
    const seconds = String(timeoutMs / 1000).replace(".", ",");
    return { kind: "unusable", command, reason: `pas de réponse en ${seconds} secondes` };
  }
  const name = version.stdout.trim().split("\n")[0] ?? "";
  if (version.exitCode !== 0 || !/^ctgc \S+$/.test(name)) {
    const answer = name === "" ? "aucune réponse" : `réponse ${quoted(name)}`;
    return { kind: "unusable", command, reason: `${answer} à ${quoted("--version")}` };
  }
  const lsp = await run(command, ["lsp", "--help"], timeoutMs);
  if (lsp.exitCode !== 0) {
    return { kind: "too-old", command, version: name };
  }
  return { kind: "ok", command, version: name };
}

/** The message shown for a ctgc that cannot serve the editor (French, for the user). */
export function problem(found: Exclude<Probe, { kind: "ok" }>): string {
  const setting = `(réglage ${quoted("ctgc.chemin")}${NNBSP}: ${quoted(found.command)})`;
  const without = `Les couleurs et les extraits restent disponibles${NNBSP}; la vérification en direct attend ctgc.`;
  switch (found.kind) {
    case "missing":
      return (
        `ctgc est introuvable ${setting}. Installez-le (${quoted("cargo install --path .")} ` +
        `dans le dépôt de ctgc) ou indiquez son chemin complet dans ce réglage. ${without}`
      );
    case "too-old":
      return (
        `${found.version} ne connaît pas la commande ${quoted("ctgc lsp")} dont l’éditeur a besoin ` +
        `${setting}${NNBSP}: installez une version plus récente de ctgc. ${without}`
      );
    case "unusable":
      return (
        `${quoted(found.command)} ne répond pas comme ctgc (${found.reason})${NNBSP}: ` +
        `vérifiez le réglage ${quoted("ctgc.chemin")}. ${without}`
      );
  }
}
