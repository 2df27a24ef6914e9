// Snapshot tests of the grammar over every .ctg file of the repository (conventions/, scaffold/,
// tests/): `vscode-tmgrammar-snap` tokenizes each file and compares the scopes with
// test/snap/<path>.ctg.snap, so that a grammar change shows as a diff of those files.
//
//   node test/snap.mjs            compares; a missing or orphaned snapshot is a failure
//   node test/snap.mjs --update   rewrites the snapshots (also when CTGC_UPDATE_GOLDEN=1)
//
// The tool keeps each snapshot beside its source: it runs here on copies in a temporary directory,
// so that neither the repository's .ctg directories nor test/snap/ hold the other's files.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const extension = dirname(dirname(fileURLToPath(import.meta.url)));
const repository = dirname(dirname(extension));
const snapshots = join(extension, "test", "snap");
const SOURCE_DIRS = ["conventions", "scaffold", "tests"];
const update = process.argv.includes("--update") || process.env.CTGC_UPDATE_GOLDEN === "1";

/** Files under `dir` whose name ends with `suffix`, as paths relative to `root`, sorted. */
function walk(root, dir, suffix, found = []) {
  if (!existsSync(dir)) {
    return found;
  }
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "node_modules" && name !== "target") {
        walk(root, path, suffix, found);
      }
    } else if (name.endsWith(suffix)) {
      found.push(relative(root, path).split(sep).join("/"));
    }
  }
  return found;
}

const sources = SOURCE_DIRS.flatMap((dir) => walk(repository, join(repository, dir), ".ctg"));
const existing = new Set(walk(snapshots, snapshots, ".ctg.snap"));
const missing = sources.filter((source) => !existing.has(`${source}.snap`));
const orphans = [...existing].filter((snap) => !sources.includes(snap.slice(0, -".snap".length)));

if (!update && (missing.length > 0 || orphans.length > 0)) {
  for (const source of missing) {
    console.error(`missing snapshot: test/snap/${source}.snap`);
  }
  for (const snap of orphans) {
    console.error(`snapshot without a source file: test/snap/${snap}`);
  }
  console.error("Run `node test/snap.mjs --update` (or CTGC_UPDATE_GOLDEN=1) and review the diff.");
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "ctgc-snap-"));
try {
  for (const source of sources) {
    cpSync(join(repository, source), join(work, source));
    if (existing.has(`${source}.snap`)) {
      cpSync(join(snapshots, `${source}.snap`), join(work, `${source}.snap`));
    }
  }
  const tool = join(extension, "node_modules", "vscode-tmgrammar-test", "dist", "snapshot.js");
  const args = [tool, "--config", join(extension, "package.json"), "--expandDiff"];
  if (update) {
    args.push("--updateSnapshot");
  }
  args.push("**/*.ctg");
  const run = spawnSync(process.execPath, args, { cwd: work, encoding: "utf8" });
  const report = `${run.stdout}${run.stderr}`
    .split("\n")
    .filter((line) => !line.includes("run successfully."))
    .join("\n")
    .trim();
  if (run.status !== 0) {
    console.error(report);
    console.error(
      `The grammar's scopes changed: if that is intended, run \`node test/snap.mjs --update\` and review git diff test/snap.`,
    );
    process.exit(1);
  }
  if (update) {
    rmSync(snapshots, { recursive: true, force: true });
    for (const source of sources) {
      cpSync(join(work, `${source}.snap`), join(snapshots, `${source}.snap`));
    }
    console.log(`${sources.length} snapshots written to test/snap/.`);
  } else {
    console.log(`${sources.length} .ctg files tokenized as their snapshots say.`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
