//! `cargo bench --bench lsp`: how soon `ctgc lsp` shows the diagnostics of what the user types,
//! on Carladès (30 fiches: issue 15 asks for under 50 ms) and on synthetic conventions of 300
//! and 1 000 fiches (`ctgc::synthetic`), the server in this process (lsp-server's in-memory
//! connection) and as the binary an editor starts (JSON-RPC through stdio). Prints a Markdown
//! table; docs/robustness.md records a run.
//!
//! A keystroke adds or removes an `x` at the end of the `axe` reference of the first fiche file:
//! an unknown axe, then its fix, so that every keystroke changes what is published. Its time runs
//! from sending the change to receiving the diagnostics of that file, the whole project analysed
//! in between. Hover and completion are timed on the same file.
//!
//! Without `--bench` (as `cargo test --all-targets` runs it), a few keystrokes on Carladès in
//! process check that the harness works.

#[path = "../tests/lsp/client.rs"]
mod client;
#[path = "../tests/support/scratch.rs"]
#[allow(dead_code)]
mod scratch;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use client::{Client, Memory, Process, Transport, copy_example, position};
use lsp_types::request::{Completion, HoverRequest};
use lsp_types::{
    CompletionParams, HoverParams, Position, Range, TextDocumentIdentifier,
    TextDocumentPositionParams, Uri,
};
use scratch::Scratch;

/// A project to measure, and the file typed in.
struct Case {
    name: String,
    fiches: usize,
    dir: PathBuf,
    file: PathBuf,
}

impl Case {
    fn bytes(&self) -> u64 {
        fn size(dir: &Path) -> u64 {
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    if e.file_type().unwrap().is_dir() {
                        size(&e.path())
                    } else {
                        e.metadata().unwrap().len()
                    }
                })
                .sum()
        }
        size(&self.dir)
    }
}

/// Median and 90th percentile.
fn spread(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn us(d: Duration) -> String {
    format!("{} µs", d.as_micros())
}

/// The end of the first `axe` line of TEXT, where the `x` goes.
fn axe_end(text: &str) -> Position {
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("axe "))
        .expect("an axe reference");
    let length: usize = text
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .map(char::len_utf16)
        .sum();
    Position::new(line as u32, length as u32)
}

struct Timings {
    keystrokes: Vec<Duration>,
    hover: Vec<Duration>,
    completion: Vec<Duration>,
}

/// Types KEYSTROKES times in CASE's file through TRANSPORT (an even number: the file ends as it
/// began), and asks REQUESTS hovers and completions.
fn measure<T: Transport>(transport: T, case: &Case, keystrokes: usize, requests: usize) -> Timings {
    let mut client = Client::new(transport, &case.dir);
    let text = std::fs::read_to_string(&case.file).unwrap();
    let uri: Uri = client.open(&case.file);
    // The first analysis (the project read from the disk, before any request is answered) is
    // not a keystroke.
    let _ = client.request::<lsp_types::request::DocumentSymbolRequest>(
        lsp_types::DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        },
    );
    let end = axe_end(&text);
    let mut times = Vec::new();
    for i in 0..keystrokes {
        let seen = client.publications(&uri);
        let start = Instant::now();
        if i % 2 == 0 {
            client.edit(&uri, Range::new(end, end), "x");
        } else {
            let after = Position::new(end.line, end.character + 1);
            client.edit(&uri, Range::new(end, after), "");
        }
        let diagnostics = client.wait_publication(&uri, seen);
        times.push(start.elapsed());
        assert_eq!(diagnostics.is_empty(), i % 2 == 1, "keystroke {i}");
    }
    let on =
        |p: Position| TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri.clone()), p);
    let identifier = Position::new(end.line, end.character - 1);
    let after_keyword = position(&text, "axe ", 0, 4);
    let mut hover = Vec::new();
    let mut completion = Vec::new();
    for _ in 0..requests {
        let start = Instant::now();
        let answer = client
            .request::<HoverRequest>(HoverParams {
                text_document_position_params: on(identifier),
                work_done_progress_params: Default::default(),
            })
            .unwrap();
        hover.push(start.elapsed());
        assert!(answer.is_some(), "a hover on the axe");
        let start = Instant::now();
        let answer = client
            .request::<Completion>(CompletionParams {
                text_document_position: on(after_keyword),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: None,
            })
            .unwrap();
        completion.push(start.elapsed());
        assert!(answer.is_some(), "the axes after `axe `");
    }
    assert!(client.shutdown());
    Timings {
        keystrokes: times,
        hover,
        completion,
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scratch = Scratch::new("bench-lsp");
    let mut cases = Vec::new();
    let carlades = scratch.path("carlades");
    copy_example("carlades", &carlades);
    cases.push(Case {
        name: "Carladès".into(),
        fiches: 30,
        file: carlades.join("fiches/02-rpe.ctg"),
        dir: carlades,
    });
    if full {
        for fiches in [300, 1000] {
            let dir = scratch.path(&format!("synthetique-{fiches}"));
            ctgc::synthetic::write(&dir, fiches).expect("la convention synthétique s'écrit");
            cases.push(Case {
                name: format!("synthétique {fiches}"),
                fiches,
                file: dir.join("fiches/fiches-00001.ctg"),
                dir,
            });
        }
    }
    let (keystrokes, requests) = if full { (40, 21) } else { (4, 2) };
    println!(
        "| convention | fiches | sources | diagnostics après une frappe, dans le processus (médiane / 9ᵉ décile) | par stdio (médiane / 9ᵉ décile) | survol (médiane) | complétion (médiane) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for case in &cases {
        let memory = measure(Memory::start(), case, keystrokes, requests);
        let stdio = full.then(|| measure(Process::start(&case.dir), case, keystrokes, requests));
        let (m50, m90) = spread(memory.keystrokes);
        let stdio = stdio.map_or("–".into(), |t| {
            let (s50, s90) = spread(t.keystrokes);
            format!("{} / {}", ms(s50), ms(s90))
        });
        println!(
            "| {} | {} | {} Kio | {} / {} | {} | {} | {} |",
            case.name,
            case.fiches,
            case.bytes() / 1024,
            ms(m50),
            ms(m90),
            stdio,
            us(spread(memory.hover).0),
            us(spread(memory.completion).0),
        );
    }
}
