// Checks the .vsix that `vsce package --no-dependencies` wrote: exactly the files VS Code loads, the
// manifest of this directory, and a client bundled with its dependencies (the package holds no
// node_modules, so a bare `require("vscode-languageclient")` would fail once installed).
//
//   node test/package.mjs ctgc.vsix

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

/** The files of a zip archive, by name: read from its central directory. */
function unzip(path) {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${path} is not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(entry), 0x02014b50, "a central directory entry");
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const local = zip.readUInt32LE(entry + 42);
    const name = zip.toString("utf8", entry + 46, entry + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const files = unzip(process.argv[2] ?? "ctgc.vsix");
assert.deepEqual(
  [...files.keys()].sort(),
  [
    "[Content_Types].xml",
    "extension.vsixmanifest",
    "extension/LICENSE.txt",
    "extension/dist/extension.js",
    "extension/language-configuration.json",
    "extension/package.json",
    "extension/readme.md",
    "extension/snippets/ctg.code-snippets",
    "extension/syntaxes/ctg.tmLanguage.json",
  ],
);

const packaged = JSON.parse(files.get("extension/package.json").toString("utf8"));
const manifest = JSON.parse(readFileSync("package.json", "utf8"));
for (const key of ["publisher", "name", "version", "main", "contributes"]) {
  assert.deepEqual(packaged[key], manifest[key], key);
}
assert.equal(
  files.get("extension/syntaxes/ctg.tmLanguage.json").toString("utf8"),
  readFileSync("syntaxes/ctg.tmLanguage.json", "utf8"),
);

const client = files.get("extension/dist/extension.js").toString("utf8");
const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
const external = [...required].filter((name) => name !== "vscode" && !/^(node:)?[a-z_]+$/.test(name));
assert.deepEqual(external, [], "the client requires only vscode and node's own modules");
assert.ok(
  client.includes('"node_modules/vscode-languageclient/lib/node/main.js"'),
  "vscode-languageclient is bundled",
);

const vsixManifest = files.get("extension.vsixmanifest").toString("utf8");
assert.match(vsixManifest, /Publisher="ctgc"/);
assert.match(vsixManifest, /<Identity Language="en-US" Id="ctgc" Version="0\.1\.0"/);
console.log(`ctgc.vsix: ${files.size} files, the client bundled (${Math.round(client.length / 1024)} Kio).`);
