// The module as a file beside the page, on the same web server.

export async function wasmModuleSource() {
  return new URL('ctgc_playground_bg.wasm', document.baseURI);
}
