//! What the live page of `ctgc watch --ouvrir` shows, shared between the rebuilds and the
//! server's connections: which page and PDF are the current ones, and whether they are up to
//! date, the PDF still being composed, or kept because the last save has errors.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

/// The banner and the script added to the served page (never to the page on disk).
const SNIPPET: &str = include_str!("live.html");

/// How the documents stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    /// The page and the PDF show the last save.
    Current,
    /// The page shows the last save; the PDF follows.
    PdfPending,
    /// The last save has errors (the diagnostics, as printed): the documents are the last good ones.
    Errors(String),
    /// The PDF could not be made (why): the page is newer than the PDF.
    PdfFailed(String),
    /// No PDF is made (why: typst is missing): only the page is kept up to date.
    PdfSkipped(String),
}

/// The state a browser is told about.
#[derive(Debug, Clone)]
pub(crate) struct State {
    /// Bumped at every change of what the page shows.
    pub(crate) version: u64,
    /// Bumped each time the HTML page is rewritten: the browser reloads it.
    pub(crate) page: u64,
    /// The page and the PDF in the output folder, once built.
    pub(crate) html: Option<PathBuf>,
    pub(crate) pdf: Option<PathBuf>,
    pub(crate) status: Status,
}

/// What the page's script receives at every change (Server-Sent Events, one JSON object).
#[derive(Debug, Serialize)]
pub(crate) struct Message {
    pub(crate) page: u64,
    /// `a-jour`, `pdf-en-cours`, `erreurs`, `pdf-en-echec`, `pdf-absent`
    pub(crate) etat: &'static str,
    pub(crate) titre: String,
    pub(crate) details: String,
}

impl State {
    pub(crate) fn message(&self) -> Message {
        let (etat, titre, details) = match &self.status {
            Status::Current => ("a-jour", "La page et le PDF sont à jour.".to_string(), String::new()),
            Status::PdfPending => (
                "pdf-en-cours",
                "La page est à jour\u{202f}; le PDF est en cours de composition.".to_string(),
                String::new(),
            ),
            Status::Errors(d) => (
                "erreurs",
                "La convention a des erreurs\u{202f}: la page et le PDF sont les derniers documents corrects.".to_string(),
                d.clone(),
            ),
            Status::PdfFailed(d) => (
                "pdf-en-echec",
                "La page est à jour, mais le PDF n'a pas pu être produit\u{202f}: il montre un état précédent.".to_string(),
                d.clone(),
            ),
            Status::PdfSkipped(d) => (
                "pdf-absent",
                "La page est à jour\u{202f}; le PDF n'est pas produit sur cette machine.".to_string(),
                d.clone(),
            ),
        };
        Message {
            page: self.page,
            etat,
            titre,
            details,
        }
    }
}

/// The shared state, and a signal for the connections that wait for a change.
pub(crate) struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    pub(crate) fn new() -> Self {
        Live {
            state: Mutex::new(State {
                version: 0,
                page: 0,
                html: None,
                pdf: None,
                status: Status::PdfPending,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A copy of the state.
    pub(crate) fn get(&self) -> State {
        self.lock().clone()
    }

    /// Changes the state with CHANGE and wakes the waiting connections.
    pub(crate) fn update(&self, change: impl FnOnce(&mut State)) {
        let mut state = self.lock();
        change(&mut state);
        state.version += 1;
        self.changed.notify_all();
    }

    /// The state once its version is past SEEN, or after TIMEOUT whatever it is.
    pub(crate) fn wait_past(&self, seen: u64, timeout: Duration) -> State {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.version <= seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.clone()
    }
}

/// PAGE (the HTML on disk, or `None` before the first build) as served: with the live banner
/// and its script, which knows the page's version PAGE_VERSION.
pub(crate) fn served_page(page: Option<&[u8]>, page_version: u64) -> Vec<u8> {
    let snippet = SNIPPET.replace("data-page=\"0\"", &format!("data-page=\"{page_version}\""));
    let Some(page) = page else {
        return format!(
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Aperçu en direct — ctgc</title>\n</head>\n<body>\n<main>\n\
             <h1>Aperçu en direct</h1>\n<p>Aucune page n'a encore été produite.</p>\n</main>\n{snippet}</body>\n</html>\n"
        )
        .into_bytes();
    };
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{snippet}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{snippet}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_goes_before_the_end_of_the_body() {
        let page = b"<html><body><p>x</p></body></html>";
        let served = String::from_utf8(served_page(Some(page), 7)).unwrap();
        assert!(served.starts_with("<html><body><p>x</p>"), "{served}");
        assert!(served.ends_with("</body></html>"), "{served}");
        assert!(served.contains("data-page=\"7\""), "{served}");
        assert!(served.contains("/.ctgc/evenements"), "{served}");
        let empty = String::from_utf8(served_page(None, 0)).unwrap();
        assert!(empty.contains("Aucune page n'a encore été produite"));
        assert!(empty.contains("data-page=\"0\""));
    }

    #[test]
    fn waiting_ends_at_a_change() {
        let live = std::sync::Arc::new(Live::new());
        let seen = live.get().version;
        let writer = std::sync::Arc::clone(&live);
        let t = std::thread::spawn(move || {
            writer.update(|s| {
                s.page += 1;
                s.status = Status::Errors("× erreur".into());
            })
        });
        let state = live.wait_past(seen, Duration::from_secs(30));
        t.join().unwrap();
        assert_eq!(state.version, seen + 1);
        let message = state.message();
        assert_eq!((message.page, message.etat), (1, "erreurs"));
        assert_eq!(message.details, "× erreur");
    }
}
