//! `ctgc watch`: rebuilds the documents at every save, the page first and the PDF after.
//!
//! At a save, the convention is checked and, without errors, the HTML page is written at once
//! (tens of milliseconds); the PDF comes from one long-lived `typst watch` process that keeps
//! typst's incremental state (`typesetter`). Each document is replaced atomically on its own:
//! for a moment the page may be newer than the PDF, and the live page says so. A save with
//! errors prints them and keeps the last good documents. `--ouvrir` serves the page on
//! localhost with live reload (`server`, `live`). Bursts of saves: `debounce`.

mod debounce;
mod live;
mod server;
mod typesetter;

use std::collections::{HashMap, VecDeque};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::build::{self, Failure, Log, pdf};
// Messages of other modules, typeset as the command line's own lines are.
use crate::cli::prose;
use crate::compile::{self, Compilation, Options};
use crate::diagnostic::{self, Severity};
use crate::output;
use crate::project::Project;
use crate::typography::count;
use live::{Live, Status};
use typesetter::{Outcome, Typesetter};

/// What the main loop waits for.
pub(crate) enum Event {
    /// A file system event in the project.
    Files(notify::Result<notify::Event>),
    /// A line of the `typst watch` process with this id; `None` when it has stopped.
    Typst(u64, Option<String>),
    /// Ctrl+C, or the process asked to terminate: stop typst and end.
    Stop,
}

/// The exit code after Ctrl+C, as shells report a process ended by SIGINT.
const EXIT_INTERRUPTED: i32 = 130;

/// How long typst may stay silent after a compile before its messages about it are shown.
const REPORT_IDLE: Duration = Duration::from_millis(40);

/// What `ctgc watch` was asked.
pub(crate) struct Config {
    pub(crate) path: PathBuf,
    pub(crate) options: build::Options,
    /// `--ouvrir`: serve the page (on this port, or the first free one) and open a browser.
    pub(crate) serve: Option<Option<u16>>,
}

/// `85 ms`, `1,24 s`
fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}\u{a0}ms")
    } else {
        format!("{},{:02}\u{a0}s", ms / 1000, (ms % 1000) / 10)
    }
}

struct Session {
    config: Arc<Config>,
    /// Warnings already shown, with how many times each: only new ones are printed again.
    shown: HashMap<(String, String), usize>,
    /// Where the documents go: changes there are ours, not the user's.
    out_dir: Option<PathBuf>,
    /// The project directory, canonical (as the watcher reports paths).
    root: PathBuf,
    events: mpsc::Sender<Event>,
    typesetter: Option<Typesetter>,
    /// When the save whose PDF is being composed happened.
    pdf_since: Option<Instant>,
    /// typst's warnings already shown.
    typst_shown: Vec<String>,
    /// Whether the user was told that the PDF is skipped (typst missing): once, not at every save.
    skipped_shown: bool,
    live: Arc<Live>,
}

impl Session {
    fn err() -> std::io::StderrLock<'static> {
        std::io::stderr().lock()
    }

    /// Prints COMP's diagnostics not shown at the last rebuild; returns the summary counts and
    /// the diagnostics as text (for the live page).
    fn report(&mut self, comp: &Compilation) -> (String, String) {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        let (mut repeated, mut plain) = (0, String::new());
        let mut err = Self::err();
        for d in &comp.diagnostics {
            let key = (d.rule.code.to_string(), d.message.clone());
            if d.is_error() {
                plain.push_str(&diagnostic::render(d, &comp.sources, false, 100));
            }
            let again = d.severity == Severity::Warning && {
                let n = seen.entry(key.clone()).or_default();
                *n += 1;
                *n <= self.shown.get(&key).copied().unwrap_or(0)
            };
            if again {
                repeated += 1;
            } else {
                let _ = write!(err, "{}", diagnostic::render(d, &comp.sources, color, 100));
            }
        }
        self.shown = seen;
        let errors = comp.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = comp.diagnostics.len() - errors;
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
        (counts, plain)
    }

    /// Shows an error that leaves the documents as they were.
    fn failed(&self, message: &str) {
        let _ = writeln!(
            Self::err(),
            "ctgc\u{202f}: erreur\u{202f}: {}",
            prose::line(message)
        );
        self.live
            .update(|s| s.status = Status::Errors(message.to_string()));
    }

    /// Checks, writes the page, and gives typst the new source. SINCE: the save's time.
    /// `false` when a later save already waits (the result is not shown: it may come from a
    /// save caught halfway).
    fn rebuild(&mut self, since: Instant, mut superseded: impl FnMut() -> bool) {
        let config = Arc::clone(&self.config);
        let comp = match compile::compile(&config.path, Options::default()) {
            Ok(c) => c,
            Err(msg) => return self.failed(&msg.to_string()),
        };
        self.out_dir = Some(absolute(&build::output_dir(
            &comp,
            config.options.out_dir.as_deref(),
        )));
        if comp.has_errors() && superseded() {
            return;
        }
        if comp.has_errors() {
            let (counts, plain) = self.report(&comp);
            let _ = writeln!(
                Self::err(),
                "{counts}\u{202f}: documents non reconstruits, les derniers documents corrects restent en place."
            );
            self.live.update(|s| s.status = Status::Errors(plain));
            return;
        }
        let options = &config.options;
        let mut log = Log::default();
        let mut plan = match build::plan(&config.path, &comp, options, &mut log) {
            Ok(plan) => plan,
            Err(f) => {
                self.report(&comp);
                return self.failed(&failure(f));
            }
        };
        let ctx = plan.context(&comp, options);
        let wants = |name: &str| options.formats.iter().any(|r| r.name == name);
        let mut written = Vec::new();
        if wants("html") {
            let html = build::html::render(&ctx, &mut log).and_then(|r| {
                output::write_all(&plan.out_dir, &r.artifacts, &r.obsolete, &plan.protected)
                    .map_err(|e| Failure::Environment(e.to_string()))
            });
            match html {
                Ok(files) => written.extend(files),
                Err(f) => {
                    self.report(&comp);
                    self.warnings(&log);
                    return self.failed(&failure(f));
                }
            }
        }
        let html = written.first().cloned();
        let mut pdf_follows = false;
        if wants("pdf") {
            match self.typeset(&ctx, &mut log) {
                Ok(follows) => {
                    pdf_follows = follows;
                    if let Some(typesetter) = self.typesetter.as_mut() {
                        typesetter.protected = std::mem::take(&mut plan.protected);
                    }
                }
                Err(message) => {
                    self.report(&comp);
                    self.warnings(&log);
                    let _ = writeln!(
                        Self::err(),
                        "ctgc\u{202f}: erreur\u{202f}: {}",
                        prose::line(&message)
                    );
                    self.live.update(|s| {
                        s.html = html.clone();
                        s.page += 1;
                        s.status = Status::PdfFailed(message);
                    });
                    return;
                }
            }
        }
        // The diagnostics are printed once the page is written and typst has its source: printing
        // delays neither.
        let (counts, _) = self.report(&comp);
        self.warnings(&log);
        let skipped = self.skipped(&log);
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        let what = if names.is_empty() {
            "PDF en cours de composition".to_string()
        } else {
            let built = if pdf_follows || skipped.is_some() {
                "page reconstruite"
            } else {
                "documents reconstruits"
            };
            format!(
                "{built} en {} ({})",
                duration(since.elapsed()),
                names.join(", ")
            )
        };
        let follows = if pdf_follows && !names.is_empty() {
            "\u{202f}; le PDF suit"
        } else {
            ""
        };
        let _ = writeln!(Self::err(), "{counts}\u{202f}: {what}{follows}.");
        if pdf_follows {
            self.pdf_since = Some(since);
        }
        let pdf = wants("pdf").then(|| plan.out_dir.join(format!("{}.pdf", plan.name)));
        self.live.update(|s| {
            if html.is_some() {
                s.html = html.clone();
                s.page += 1;
            }
            s.pdf = pdf;
            s.status = if pdf_follows {
                Status::PdfPending
            } else if let Some(why) = &skipped {
                Status::PdfSkipped(why.clone())
            } else {
                Status::Current
            };
        });
    }

    /// Gives the running typst the new source (starting it first); whether a PDF will follow.
    fn typeset(&mut self, ctx: &build::Context<'_>, log: &mut Log) -> Result<bool, String> {
        if self.typesetter.is_none() {
            let Some(typst) = pdf::find(ctx, log).map_err(failure)? else {
                // typst is missing and the page is written without it.
                return Ok(false);
            };
            self.typesetter = Some(Typesetter::new(typst, self.events.clone()));
        }
        let prepared = pdf::prepare(ctx, log).map_err(failure)?;
        let typesetter = self.typesetter.as_mut().expect("started above");
        typesetter.update(prepared, &ctx.options.pdf_standard)
    }

    /// The formats the build left out (the PDF, typst missing), said once while they stay
    /// missing; what the live page says instead of the PDF.
    fn skipped(&mut self, log: &Log) -> Option<String> {
        if log.skipped.is_empty() {
            self.skipped_shown = false;
            return None;
        }
        let lines: Vec<String> = log.skipped.iter().flat_map(|s| s.lines()).collect();
        if !self.skipped_shown {
            self.skipped_shown = true;
            let mut err = Self::err();
            let _ = writeln!(err, "ctgc\u{202f}: erreur\u{202f}: {}", lines.join("\n  "));
            let _ = writeln!(err, "aide\u{202f}: {}", pdf::install_help());
        }
        Some(lines.join("\n"))
    }

    fn warnings(&self, log: &Log) {
        let mut err = Self::err();
        for w in &log.warnings {
            let _ = writeln!(
                err,
                "ctgc\u{202f}: avertissement\u{202f}: {}",
                prose::line(w)
            );
        }
    }

    /// A line of typst's, or its end.
    fn typst(&mut self, id: u64, line: Option<String>) {
        let Some(typesetter) = self.typesetter.as_mut() else {
            return;
        };
        let mut log = Log::default();
        let (outcome, note) = typesetter.line(id, line, &mut log);
        self.typst_outcome(outcome, log);
        if let Some(note) = note.filter(|n| !n.is_empty()) {
            let _ = writeln!(
                Self::err(),
                "ctgc\u{202f}: avertissement\u{202f}: {}",
                prose::line(&note)
            );
        }
    }

    /// typst has been silent for a while: its messages about the last compile are complete.
    fn typst_idle(&mut self) {
        let Some(typesetter) = self.typesetter.as_mut() else {
            return;
        };
        let mut log = Log::default();
        let outcome = typesetter.finish(&mut log);
        self.typst_outcome(outcome, log);
    }

    fn typst_outcome(&mut self, outcome: Option<Outcome>, log: Log) {
        let new: Vec<String> = log
            .warnings
            .into_iter()
            .filter(|w| !self.typst_shown.contains(w))
            .collect();
        let mut err = Self::err();
        for w in &new {
            let _ = writeln!(
                err,
                "ctgc\u{202f}: avertissement\u{202f}: {}",
                prose::line(w)
            );
        }
        self.typst_shown.extend(new);
        let Some(typesetter) = self.typesetter.as_ref() else {
            return;
        };
        match outcome {
            None => {}
            Some(Outcome::Pdf { rendered, out_dir }) => {
                match output::write_all(
                    &out_dir,
                    &rendered.artifacts,
                    &rendered.obsolete,
                    &typesetter.protected,
                ) {
                    Ok(files) => {
                        let since = self.pdf_since.take();
                        let _ = writeln!(
                            err,
                            "PDF reconstruit{} ({}).",
                            since.map_or(String::new(), |t| format!(
                                " en {}",
                                duration(t.elapsed())
                            )),
                            files
                                .first()
                                .map_or(String::new(), |f| f.display().to_string())
                        );
                        self.live.update(|s| {
                            if !matches!(s.status, Status::Errors(_)) {
                                s.status = Status::Current;
                            }
                        });
                    }
                    Err(e) => {
                        drop(err);
                        self.failed(&e.to_string());
                    }
                }
            }
            Some(Outcome::Refused {
                failure: f,
                out_dir,
            }) => {
                if let Failure::Template { evidence, .. } = &f {
                    let _ = output::write_all(&out_dir, evidence, &[], &typesetter.protected);
                }
                let message = failure(f);
                let _ = writeln!(
                    err,
                    "ctgc\u{202f}: erreur interne\u{202f}: {}",
                    prose::line(&message)
                );
                self.pdf_since = None;
                self.live.update(|s| s.status = Status::PdfFailed(message));
            }
        }
    }
}

/// A build failure as a message.
fn failure(f: Failure) -> String {
    match f {
        Failure::Environment(m) | Failure::Template { message: m, .. } => m,
    }
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

/// Runs `ctgc watch` until interrupted; `Err`: why it could not start.
pub(crate) fn run(config: Config) -> Result<(), String> {
    let project =
        Project::discover(&crate::world::DiskWorld, &config.path).map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel();
    let files = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = files.send(Event::Files(event));
    })
    .map_err(|e| format!("impossible de surveiller les fichiers\u{202f}: {e}"))?;
    watcher
        .watch(&project.root, RecursiveMode::Recursive)
        .map_err(|e| {
            format!(
                "impossible de surveiller «\u{202f}{}\u{202f}»\u{202f}: {e}",
                project.dir.display()
            )
        })?;
    // Without this, an interrupted watch would leave its typst process running.
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    })
    .map_err(|e| format!("impossible d'intercepter Ctrl+C\u{202f}: {e}"))?;
    let live = Arc::new(Live::new());
    let serve = config.serve;
    let mut session = Session {
        config: Arc::new(config),
        shown: HashMap::new(),
        out_dir: None,
        root: project.root.clone(),
        events: tx,
        typesetter: None,
        pdf_since: None,
        skipped_shown: false,
        typst_shown: Vec::new(),
        live: Arc::clone(&live),
    };
    if let Some(port) = serve {
        let addr = server::start(Arc::clone(&live), port)?;
        let url = format!("http://{addr}/");
        eprintln!("ctgc\u{202f}: aperçu en direct sur {url}");
        open_browser(&url);
    }
    let mut changes = debounce::Changes::default();
    // Events taken from the channel while looking for a later save, not handled yet.
    let mut queued: VecDeque<Event> = VecDeque::new();
    session.rebuild(Instant::now(), || false);
    eprintln!(
        "ctgc\u{202f}: surveillance de «\u{202f}{}\u{202f}»\u{202f}; Ctrl+C pour arrêter.",
        project.dir.display()
    );
    let handle = |session: &mut Session, changes: &mut debounce::Changes, event: Event| match event
    {
        Event::Files(Ok(e)) => {
            if debounce::concerns(&e, &session.root, session.out_dir.as_ref()) {
                changes.note(Instant::now());
            }
        }
        Event::Files(Err(e)) => {
            eprintln!(
                "ctgc\u{202f}: avertissement\u{202f}: surveillance des fichiers\u{202f}: {e}"
            );
        }
        Event::Typst(id, line) => session.typst(id, line),
        Event::Stop => {
            if let Some(typesetter) = session.typesetter.as_mut() {
                typesetter.stop();
            }
            std::process::exit(EXIT_INTERRUPTED);
        }
    };
    loop {
        let reporting = session
            .typesetter
            .as_ref()
            .is_some_and(Typesetter::reporting);
        let event = if let Some(e) = queued.pop_front() {
            Some(e)
        } else if reporting {
            match rx.recv_timeout(REPORT_IDLE) {
                Ok(e) => Some(e),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match rx.recv() {
                Ok(e) => Some(e),
                Err(_) => return Ok(()),
            }
        };
        match event {
            Some(e) => handle(&mut session, &mut changes, e),
            None => session.typst_idle(),
        }
        // Everything already queued joins this rebuild.
        while let Some(e) = queued.pop_front().or_else(|| rx.try_recv().ok()) {
            handle(&mut session, &mut changes, e);
        }
        if let Some(since) = changes.take() {
            let _ = writeln!(Session::err(), "\n── modification enregistrée ──");
            let (root, out_dir) = (session.root.clone(), session.out_dir.clone());
            // A save still being written when the check ran (an editor that empties the file,
            // then writes it): its errors are not shown if the rest of the burst comes soon.
            let superseded = || {
                let deadline = Instant::now() + debounce::GRACE;
                while let Some(left) = deadline.checked_duration_since(Instant::now()) {
                    let Ok(e) = rx.recv_timeout(left) else {
                        break;
                    };
                    let later = matches!(&e, Event::Files(Ok(e)) if debounce::concerns(e, &root, out_dir.as_ref()));
                    queued.push_back(e);
                    if later {
                        return true;
                    }
                }
                false
            };
            session.rebuild(since, superseded);
        }
    }
}

/// Opens URL in the default browser (`CTGC_NAVIGATEUR`, when set, names the command; empty:
/// none). The address is printed anyway.
fn open_browser(url: &str) {
    let command = match std::env::var("CTGC_NAVIGATEUR") {
        Ok(c) if c.trim().is_empty() => return,
        Ok(c) => vec![c],
        Err(_) if cfg!(target_os = "windows") => {
            vec!["cmd".into(), "/C".into(), "start".into(), String::new()]
        }
        Err(_) if cfg!(target_os = "macos") => vec!["open".into()],
        Err(_) => vec!["xdg-open".into()],
    };
    let spawned = std::process::Command::new(&command[0])
        .args(&command[1..])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("ctgc\u{202f}: ouvrez {url} dans un navigateur.");
    }
}
