// The ctgc engine compiled to WebAssembly (playground/wasm), behind the functions the page uses.
// Where the module comes from is the build's choice: embedded in the page for the file that opens
// by double-click (a page from file:// can fetch nothing), fetched beside it on a web server.

import init, { Files, check, pathProblem, preview } from 'ctgc-wasm-glue';
import { wasmModuleSource } from 'ctgc-wasm-source';

/** Loads and instantiates the module; resolves to the engine and how long that took (ms). */
export async function loadEngine() {
  const started = performance.now();
  await init({ module_or_path: await wasmModuleSource() });
  return {
    loadMs: performance.now() - started,
    /** A new, empty set of files. */
    files: () => new Files(),
    /** Every diagnostic of FILES (see playground/wasm/src/diagnostics.rs for the shape). */
    check: (files) => JSON.parse(check(files)),
    /** { html, warnings } for FILES; throws an Error with a French message when there is no page. */
    preview: (files) => {
      const page = preview(files);
      try {
        return { html: page.html, warnings: page.warnings };
      } finally {
        page.free();
      }
    },
    /** Why PATH cannot name a file of the project (French), or undefined. */
    pathProblem,
  };
}
