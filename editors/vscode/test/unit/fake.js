// Writes a fake ctgc executable for the tests: a shell wrapper around fake-ctgc.js in a fresh
// temporary directory, logging every call to `log`.

"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** `mode` is `current`, `old` or `other` (see fake-ctgc.js). */
function fakeCtgc(mode) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctgc-fake-"));
  const command = path.join(dir, "ctgc");
  const log = path.join(dir, "log");
  const script = path.join(__dirname, "fake-ctgc.js");
  fs.writeFileSync(
    command,
    `#!/bin/sh\nCTGC_FAKE=${mode} CTGC_FAKE_LOG='${log}' exec '${process.execPath}' '${script}' "$@"\n`,
    { mode: 0o755 },
  );
  return {
    dir,
    command,
    /** The calls and LSP methods logged so far. */
    entries: () =>
      fs.existsSync(log)
        ? fs.readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line))
        : [],
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `body(fake)` with a fake ctgc of this `mode`, removed afterwards. */
async function withFake(mode, body) {
  const fake = fakeCtgc(mode);
  try {
    await body(fake);
  } finally {
    fake.remove();
  }
}

module.exports = { withFake };
