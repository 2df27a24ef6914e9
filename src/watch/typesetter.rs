//! The PDF of `ctgc watch`: one `typst watch` process kept alive between saves, so that typst
//! keeps its incremental state (a one-fiche edit recompiles in a fifth of a cold compile).
//!
//! The process reads the generated source from its sandbox (`racine/`, beside the logos, so
//! that their relative paths resolve as with `typst compile -`) and writes its PDF outside the
//! root, in place. ctgc rewrites that source only when it changed, reads what typst says on
//! its standard error (a reader thread forwards each line), and when a compile succeeds copies
//! the PDF and the source it was made from into the output folder, each file replaced
//! atomically. The process is started again on another sandbox when what typst may read
//! changed (logos, fonts, the creation date), and restarted when it dies.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::Sender;

use super::Event;
use crate::build::pdf::Prepared;
use crate::build::{Failure, Log, Rendered};
use crate::output::Protected;
use crate::typeset::{self, Typst, WatchLine};

/// The generated source in typst's root: a name no logo of a convention has.
const INPUT: &str = ".ctgc-source.typ";
/// typst's PDF, outside its root.
const OUTPUT: &str = "document.pdf";
/// Deaths in a row after which the process is left stopped until the next change.
const MAX_RESTARTS: u32 = 3;

/// One `typst watch` process and the sandbox it reads.
struct Process {
    /// Tells this process's lines from those of one it replaced.
    id: u64,
    child: Child,
    /// The preparation whose sandbox the process reads; its source is the one last written.
    prepared: Prepared,
    pdf_standard: String,
    /// The source as it was when typst began its current compile (at its `compiling` line):
    /// the source a PDF is published with. A source written just after that line is compiled
    /// next, on the event its writing gives typst.
    compiling: Option<String>,
    /// The compile being reported: its status and typst's lines since.
    report: Option<(WatchLine, Vec<String>)>,
}

/// What came of one compile of the running process.
pub(crate) enum Outcome {
    /// A PDF, with the source it was made from beside it, to be written to the output folder.
    Pdf {
        rendered: Rendered,
        out_dir: PathBuf,
    },
    /// typst refused the generated source: the PDF stays as it was; a template defect's
    /// evidence (the source typst refused) goes to the output folder, as `ctgc build` does.
    Refused { failure: Failure, out_dir: PathBuf },
}

/// Starts, feeds and restarts the `typst watch` process.
pub(crate) struct Typesetter {
    typst: Typst,
    events: Sender<Event>,
    process: Option<Process>,
    next_id: u64,
    deaths: u32,
    /// The files of the project no output may replace (for the evidence of a refusal).
    pub(crate) protected: Protected,
}

impl Typesetter {
    pub(crate) fn new(typst: Typst, events: Sender<Event>) -> Self {
        Typesetter {
            typst,
            events,
            process: None,
            next_id: 0,
            deaths: 0,
            protected: Protected::default(),
        }
    }

    /// Gives typst PREPARED's source: written to the running process's sandbox when only the
    /// source changed (nothing when nothing did), else a new process on PREPARED's sandbox.
    /// Returns whether a compile will follow.
    pub(crate) fn update(
        &mut self,
        mut prepared: Prepared,
        pdf_standard: &str,
    ) -> Result<bool, String> {
        self.deaths = 0;
        if let Some(p) = self.process.as_mut().filter(|p| {
            p.pdf_standard == pdf_standard
                && p.prepared.timestamp == prepared.timestamp
                && p.prepared.name == prepared.name
                && p.prepared.out_dir == prepared.out_dir
                && p.prepared.sandbox.same_files(&prepared.sandbox)
        }) {
            // Same files for typst: keep the running process and its sandbox; the new,
            // identical sandbox is removed with the old preparation.
            std::mem::swap(&mut p.prepared.sandbox, &mut prepared.sandbox);
            let changed = p.prepared.source != prepared.source;
            p.prepared = prepared;
            if changed {
                write_input(&p.prepared)?;
            }
            return Ok(changed);
        }
        self.start(prepared, pdf_standard.to_string())?;
        Ok(true)
    }

    fn start(&mut self, prepared: Prepared, pdf_standard: String) -> Result<(), String> {
        self.stop();
        write_input(&prepared)?;
        let settings = prepared.settings(&pdf_standard);
        let input = prepared.sandbox.root().join(INPUT);
        let output = prepared.sandbox.scratch(OUTPUT);
        let mut command = self.typst.watch(&input, &output, &settings);
        // On Linux typst is killed when ctgc dies, even by `kill -9`, which no handler sees.
        die_with_parent(&mut command);
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                format!(
                    "impossible d'exécuter typst («\u{202f}{}\u{202f}»)\u{202f}: {}",
                    self.typst.path.display(),
                    crate::io_message(&e)
                )
            })?;
        let id = self.next_id;
        self.next_id += 1;
        if let Some(stderr) = child.stderr.take() {
            let events = self.events.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if events.send(Event::Typst(id, Some(line))).is_err() {
                        return;
                    }
                }
                let _ = events.send(Event::Typst(id, None));
            });
        }
        self.process = Some(Process {
            id,
            child,
            prepared,
            pdf_standard,
            compiling: None,
            report: None,
        });
        Ok(())
    }

    /// Stops the running process, if any, and removes its sandbox.
    pub(crate) fn stop(&mut self) {
        if let Some(mut p) = self.process.take() {
            let _ = p.child.kill();
            let _ = p.child.wait();
        }
    }

    /// A line typst wrote (`None`: its standard error closed, it has stopped). Returns what a
    /// finished compile produced, and a message when the process had to be restarted.
    pub(crate) fn line(
        &mut self,
        id: u64,
        line: Option<String>,
        log: &mut Log,
    ) -> (Option<Outcome>, Option<String>) {
        if self.process.as_ref().is_none_or(|p| p.id != id) {
            return (None, None);
        }
        let Some(line) = line else {
            let finished = self.finish(log);
            return (finished, Some(self.restart()));
        };
        let kind = typeset::watch_line(&line);
        match kind {
            WatchLine::Banner => (None, None),
            WatchLine::Diagnostic => {
                if let Some((_, lines)) = self.process.as_mut().and_then(|p| p.report.as_mut()) {
                    lines.push(line);
                }
                (None, None)
            }
            WatchLine::Compiling => {
                let finished = self.finish(log);
                if let Some(p) = self.process.as_mut() {
                    p.compiling = Some(p.prepared.source.clone());
                }
                (finished, None)
            }
            WatchLine::Compiled | WatchLine::Failed => {
                let finished = self.finish(log);
                if let Some(p) = self.process.as_mut() {
                    p.report = Some((kind, Vec::new()));
                }
                // A PDF is published at once; typst's warnings about it follow and are shown
                // when the next compile starts or the process is idle.
                let published = (kind == WatchLine::Compiled)
                    .then(|| self.publish())
                    .flatten();
                (finished.or(published), None)
            }
        }
    }

    /// Whether typst's last compile has messages not yet reported.
    pub(crate) fn reporting(&self) -> bool {
        self.process.as_ref().is_some_and(|p| p.report.is_some())
    }

    /// The PDF typst has just written, and the source it was made from.
    fn publish(&mut self) -> Option<Outcome> {
        let p = self.process.as_mut()?;
        let source = p.compiling.clone()?;
        let pdf = std::fs::read(p.prepared.sandbox.scratch(OUTPUT)).ok()?;
        let compiled = typeset::Compiled {
            pdf,
            warnings: Vec::new(),
        };
        let mut ignored = Log::default();
        Some(
            match p.prepared.outcome(&source, Ok(compiled), &mut ignored) {
                Ok(rendered) => Outcome::Pdf {
                    rendered,
                    out_dir: p.prepared.out_dir.clone(),
                },
                Err(failure) => Outcome::Refused {
                    failure,
                    out_dir: p.prepared.out_dir.clone(),
                },
            },
        )
    }

    /// Ends the report of the last compile: typst's warnings into LOG, or its refusal.
    pub(crate) fn finish(&mut self, log: &mut Log) -> Option<Outcome> {
        let p = self.process.as_mut()?;
        let (kind, lines) = p.report.take()?;
        let input = p.prepared.sandbox.root().join(INPUT);
        let messages: Vec<typeset::Message> = typeset::parse_messages(&lines.join("\n"))
            .into_iter()
            .map(|mut m| {
                if m.file.as_deref().is_some_and(|f| is_input(f, &input)) {
                    m.file = None;
                }
                m
            })
            .collect();
        let source = p.compiling.clone().unwrap_or_default();
        if kind == WatchLine::Failed {
            let result = if messages.is_empty() {
                Err(typeset::Failure::Crashed(lines.join("\n")))
            } else {
                Err(typeset::Failure::Rejected(messages))
            };
            let out_dir = p.prepared.out_dir.clone();
            return p
                .prepared
                .outcome(&source, result, log)
                .err()
                .map(|failure| Outcome::Refused { failure, out_dir });
        }
        let compiled = typeset::Compiled {
            pdf: Vec::new(),
            warnings: messages,
        };
        // Only the warnings are wanted here: the PDF was published with the status line.
        let _ = p.prepared.outcome(&source, Ok(compiled), log);
        None
    }

    /// The process has stopped: started again, unless it keeps stopping.
    fn restart(&mut self) -> String {
        let Some(p) = self.process.take() else {
            return String::new();
        };
        let mut child = p.child;
        let status = child
            .wait()
            .map(|s| s.to_string())
            .unwrap_or_else(|e| e.to_string());
        self.deaths += 1;
        if self.deaths > MAX_RESTARTS {
            return format!(
                "typst s'est arrêté ({status}) après {MAX_RESTARTS} relances\u{202f}: le PDF sera recomposé au prochain enregistrement"
            );
        }
        match self.start(p.prepared, p.pdf_standard) {
            Ok(()) => format!("typst s'est arrêté ({status})\u{202f}: relancé"),
            Err(e) => e,
        }
    }
}

impl Drop for Typesetter {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Writes the generated source where typst reads it.
fn write_input(prepared: &Prepared) -> Result<(), String> {
    let path = prepared.sandbox.root().join(INPUT);
    std::fs::write(&path, &prepared.source).map_err(|e| {
        format!(
            "impossible d'écrire le source Typst «\u{202f}{}\u{202f}»\u{202f}: {}",
            path.display(),
            crate::io_message(&e)
        )
    })
}

/// Whether FILE, as typst names it (relative to ctgc's working directory), is INPUT.
fn is_input(file: &str, input: &Path) -> bool {
    let named = std::env::current_dir()
        .map(|cwd| cwd.join(file))
        .unwrap_or_else(|_| PathBuf::from(file));
    named == input || named.canonicalize().ok() == input.canonicalize().ok() && named.exists()
}

/// Asks the kernel to kill the child when the thread that started it ends: ctgc watch starts
/// typst from its main thread, so that is when ctgc ends, however it ends.
#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    let parent = std::process::id();
    // SAFETY: between fork and exec the closure only makes two async-signal-safe system calls
    // and allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            // ctgc died before the request was made: nothing would ever send the signal.
            if libc::getppid() as u32 != parent {
                return Err(std::io::Error::from(std::io::ErrorKind::Other));
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_: &mut std::process::Command) {}
