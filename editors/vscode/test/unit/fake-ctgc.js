// A fake ctgc for the client tests, run through a shell wrapper the tests write. CTGC_FAKE picks
// its behaviour: `current` knows `ctgc lsp` (a minimal language server over stdio that logs the
// methods it receives to CTGC_FAKE_LOG), `crash` too but its server dies once initialized, `old`
// predates `ctgc lsp`, `other` is not ctgc at all, `hang` never answers.

"use strict";

const fs = require("node:fs");

const mode = process.env.CTGC_FAKE;
const log = (entry) => fs.appendFileSync(process.env.CTGC_FAKE_LOG, `${JSON.stringify(entry)}\n`);
const args = process.argv.slice(2);
log({ args });

if (mode === "hang") {
  setInterval(() => undefined, 60_000);
  return;
}
if (args[0] === "--version") {
  process.stdout.write(mode === "other" ? "other-tool version 3\n" : "ctgc 0.1.0\n");
  process.exit(0);
}
if (args[0] === "lsp" && mode !== "current" && mode !== "crash") {
  process.stderr.write("ctgc : erreur : commande inconnue « lsp »\n");
  process.exit(2);
}
if (args[0] === "lsp" && args[1] === "--help") {
  process.stdout.write("Vérification en direct pour les éditeurs\n");
  process.exit(0);
}
if (args[0] !== "lsp") {
  process.exit(2);
}

// Language Server Protocol framing: `Content-Length: N\r\n\r\n` then N bytes of JSON.
let buffer = Buffer.alloc(0);
function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}
process.stdin.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
      return;
    }
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) {
      return;
    }
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.subarray(headerEnd + 4 + length);
    log({ method: message.method });
    if (message.method === "initialize") {
      send({ id: message.id, result: { capabilities: { textDocumentSync: 1 }, serverInfo: { name: "ctgc" } } });
    } else if (message.method === "initialized" && mode === "crash") {
      process.exit(1);
    } else if (message.method === "shutdown") {
      send({ id: message.id, result: null });
    } else if (message.method === "exit") {
      process.exit(0);
    }
  }
});
