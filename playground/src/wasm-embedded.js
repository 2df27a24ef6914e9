// The module embedded in the page: gzip, then base64 (build.mjs writes ctgc-wasm-data).

import { WASM_GZIP_BASE64 } from 'ctgc-wasm-data';

function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function wasmModuleSource() {
  const packed = new Blob([fromBase64(WASM_GZIP_BASE64)]);
  const stream = packed.stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
