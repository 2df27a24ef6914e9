//! The playground's engine: ctgc compiled to WebAssembly, for a page with no server. JavaScript
//! keeps a [`Files`] up to date with the editor and calls [`check`] and [`preview`] on it; both
//! run ctgc's whole front end on the files as a project held in memory.

mod diagnostics;
mod files;
mod preview;

use ctgc::typography::french;
use wasm_bindgen::prelude::*;

pub use diagnostics::{EditorDiagnostic, Place};
pub use files::{FileSet, path_problem};

/// The editor's files (a project in memory).
#[wasm_bindgen]
#[derive(Default)]
pub struct Files {
    set: FileSet,
}

#[wasm_bindgen]
impl Files {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Files {
        Files::default()
    }

    /// Adds or replaces a text file; throws (French) for a name that cannot be a project's.
    #[wasm_bindgen(js_name = setText)]
    pub fn set_text(&mut self, path: &str, text: &str) -> Result<(), JsError> {
        self.set
            .set(path, text.as_bytes().to_vec())
            .map_err(js_error)
    }

    /// Adds or replaces a file of any content (a logo).
    #[wasm_bindgen(js_name = setBytes)]
    pub fn set_bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.set.set(path, bytes.to_vec()).map_err(js_error)
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, path: &str) -> bool {
        self.set.remove(path)
    }

    /// How many files there are.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.set.len()
    }
}

/// Why PATH cannot name a file of the project (French), or `undefined`.
#[wasm_bindgen(js_name = pathProblem)]
pub fn path_problem_js(path: &str) -> Option<String> {
    path_problem(path).map(|p| french(&p))
}

/// Every diagnostic of the files, as a JSON array of [`EditorDiagnostic`].
#[wasm_bindgen]
pub fn check(files: &Files) -> String {
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&diagnostics::check(&files.set)).unwrap_or_else(|_| "[]".into())
}

/// The convention's HTML page, as `ctgc build` writes it.
#[wasm_bindgen]
pub struct Preview {
    page: preview::Page,
}

#[wasm_bindgen]
impl Preview {
    #[wasm_bindgen(getter)]
    pub fn html(&self) -> String {
        self.page.html.clone()
    }

    /// What the page had to leave out (French), e.g. a logo that cannot be read.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.page.warnings.iter().map(|w| french(w)).collect()
    }
}

/// Renders the page; throws (French) when the files are no project or the convention has errors.
#[wasm_bindgen]
pub fn preview(files: &Files) -> Result<Preview, JsError> {
    preview::preview(&files.set)
        .map(|page| Preview { page })
        .map_err(js_error)
}

/// A French message for JavaScript, spaced for print like the diagnostics.
fn js_error(message: String) -> JsError {
    JsError::new(&french(&message))
}
