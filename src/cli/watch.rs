//! `ctgc watch`: rebuilds the documents at every save. A save with errors prints them and leaves
//! the last good documents in place (`ctgc build` writes nothing until everything succeeded).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::{EXIT_OK, fail};
use crate::build::{self, Failure, Log};
use crate::compile::{self, Options};
use crate::diagnostic::{self, Severity};
use crate::project::Project;
use crate::typography::count;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichier .ctg, ou dossier de projet (avec ctgc.yaml ou convention.ctg)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub path: PathBuf,
    /// Dossier des documents produits (défaut : « sortie » de ctgc.yaml, sinon build/ dans le projet)
    #[arg(short = 'o', long = "sortie", value_name = "DOSSIER")]
    pub out: Option<PathBuf>,
    /// Formats à produire, séparés par des virgules : pdf, html (défaut : tous)
    #[arg(long = "format", value_name = "FORMATS", value_delimiter = ',')]
    pub formats: Vec<String>,
    /// Chemin de l'exécutable typst (sinon : variable CTGC_TYPST, puis le PATH)
    #[arg(long = "typst", value_name = "CHEMIN")]
    pub typst: Option<PathBuf>,
}

/// Saves closer together than this are one change (editors write in several steps).
const SETTLE: Duration = Duration::from_millis(200);

/// `85 ms`, `1,24 s`
fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}\u{a0}ms")
    } else {
        format!("{},{:02}\u{a0}s", ms / 1000, (ms % 1000) / 10)
    }
}

struct Session<'a> {
    args: &'a Args,
    options: build::Options,
    /// Warnings already shown, with how many times each: only new ones are printed again.
    shown: HashMap<(String, String), usize>,
    /// Where the documents go: changes there are ours, not the user's.
    out_dir: Option<PathBuf>,
    /// The project directory, canonical (as the watcher reports paths).
    root: PathBuf,
}

impl Session<'_> {
    /// Compiles, and builds when there is no error. Everything goes to stderr.
    fn rebuild(&mut self) {
        let start = Instant::now();
        let mut err = std::io::stderr().lock();
        let comp = match compile::compile(&self.args.path, Options::default()) {
            Ok(c) => c,
            Err(msg) => {
                let _ = writeln!(err, "ctgc : erreur : {msg}");
                return;
            }
        };
        self.out_dir = Some(absolute(&build::output_dir(
            &comp,
            self.options.out_dir.as_deref(),
        )));
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        let mut repeated = 0;
        for d in &comp.diagnostics {
            let key = (d.rule.code.to_string(), d.message.clone());
            let again = if d.severity == Severity::Warning {
                let n = seen.entry(key.clone()).or_default();
                *n += 1;
                *n <= self.shown.get(&key).copied().unwrap_or(0)
            } else {
                false
            };
            if again {
                repeated += 1;
            } else {
                let _ = write!(err, "{}", diagnostic::render(d, &comp.sources, color, 100));
            }
        }
        let errors = comp.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = comp.diagnostics.len() - errors;
        self.shown = seen;
        let counts = format!(
            "{}, {}{}",
            count(errors, "erreur", "erreurs"),
            count(warnings, "avertissement", "avertissements"),
            if repeated > 0 {
                format!(
                    " (dont {})",
                    count(repeated, "déjà affiché", "déjà affichés")
                )
            } else {
                String::new()
            }
        );
        if errors > 0 {
            let _ = writeln!(
                err,
                "{counts} : documents non reconstruits, les derniers documents corrects restent en place."
            );
            return;
        }
        let mut log = Log::default();
        let result = build::build(&self.args.path, &comp, &self.options, &mut log);
        for w in &log.warnings {
            let _ = writeln!(err, "ctgc : avertissement : {w}");
        }
        match result {
            Ok(written) => {
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                let _ = writeln!(
                    err,
                    "{counts} : documents reconstruits en {} ({}).",
                    duration(start.elapsed()),
                    names.join(", ")
                );
            }
            Err(Failure::Environment(msg)) => {
                let _ = writeln!(err, "ctgc : erreur : {msg}");
            }
            Err(Failure::Template { message, .. }) => {
                let _ = writeln!(err, "ctgc : erreur interne : {message}");
            }
        }
    }

    /// Whether a file system event is a change of the user's (not of our outputs, of git or of an
    /// editor's temporary files).
    fn concerns(&self, event: &notify::Event) -> bool {
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return false;
        }
        event.paths.iter().any(|p| {
            let inside = p.strip_prefix(&self.root).unwrap_or(p);
            let hidden = inside
                .components()
                .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')));
            let backup = p.to_string_lossy().ends_with('~');
            let ours = self.out_dir.as_ref().is_some_and(|o| p.starts_with(o));
            !hidden && !backup && !ours
        })
    }
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

pub(crate) fn run(args: &Args) -> i32 {
    let project = match Project::discover(&crate::world::DiskWorld, &args.path) {
        Ok(p) => p,
        Err(msg) => return fail(msg),
    };
    let options = match (
        build::parse_formats(&args.formats),
        build::parse_pdf_standard(crate::typeset::DEFAULT_PDF_STANDARD),
    ) {
        (Ok(formats), Ok(pdf_standard)) => build::Options {
            out_dir: args.out.clone(),
            formats,
            typst: args.typst.clone(),
            // Every rebuild looks typst up again: it may be installed or upgraded meanwhile.
            typst_lookup: None,
            pdf_standard,
        },
        (Err(msg), _) | (_, Err(msg)) => return fail(msg),
    };
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    }) {
        Ok(w) => w,
        Err(e) => return fail(format!("impossible de surveiller les fichiers : {e}")),
    };
    if let Err(e) = watcher.watch(&project.root, RecursiveMode::Recursive) {
        return fail(format!(
            "impossible de surveiller « {} » : {e}",
            project.dir.display()
        ));
    }
    let mut session = Session {
        args,
        options,
        shown: HashMap::new(),
        out_dir: None,
        root: project.root.clone(),
    };
    session.rebuild();
    eprintln!(
        "ctgc : surveillance de « {} » ; Ctrl+C pour arrêter.",
        project.dir.display()
    );
    loop {
        let first = match rx.recv() {
            Ok(Ok(event)) => event,
            Ok(Err(e)) => {
                eprintln!("ctgc : avertissement : surveillance des fichiers : {e}");
                continue;
            }
            Err(_) => return EXIT_OK,
        };
        let mut relevant = session.concerns(&first);
        // Let the save settle, then rebuild once for everything that changed meanwhile.
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(Ok(event)) => relevant |= session.concerns(&event),
                Ok(Err(_)) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return EXIT_OK,
            }
        }
        if relevant {
            eprintln!("\n── modification enregistrée ──");
            session.rebuild();
        }
    }
}
