//! The external `typst` CLI: finding it, checking its version, running it reproducibly and
//! reading its diagnostics.
//!
//! ctgc looks for typst in this order: `--typst PATH`, the `CTGC_TYPST` variable, the `PATH`,
//! then cargo's install directory (`$CARGO_HOME/bin`, `~/.cargo/bin`), where the documented
//! `cargo install` puts it. Typst runs with the generated source on its standard input and the
//! PDF on its standard output, `--root` at a directory that holds only what the document needs
//! (`build::sandbox`), system fonts and local packages ignored, and a fixed creation timestamp:
//! the same source always gives the same bytes.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The oldest typst whose output ctgc's templates are written for.
pub(crate) const MIN_VERSION: Version = Version {
    major: 0,
    minor: 14,
    patch: 0,
};
/// The version the README pins and the templates are tested with.
pub const RECOMMENDED: &str = "0.15.1";
/// How to install it, for every message that says typst is missing or too old.
pub(crate) const INSTALL_HINT: &str = "installez typst avec : cargo install typst-cli --locked --version 0.15.1 \
     (quelques minutes de compilation), ou indiquez son chemin avec --typst CHEMIN ou la variable CTGC_TYPST";
/// The environment variable that names the typst executable.
pub(crate) const ENV_VAR: &str = "CTGC_TYPST";
/// The PDF standard of a build when none is asked for: archivable PDF/A-2b.
pub(crate) const DEFAULT_PDF_STANDARD: &str = "a-2b";
/// Every value typst 0.15 accepts for `--pdf-standard`.
pub(crate) const PDF_STANDARDS: [&str; 17] = [
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    /// `0.15.1`, or the output of `typst --version`: `typst 0.15.1 (unknown commit)`.
    pub(crate) fn parse(text: &str) -> Option<Version> {
        let word = text
            .split_whitespace()
            .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))?;
        let core = word.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u32>());
        let major = parts.next()?.ok()?;
        let minor = parts.next().unwrap_or(Ok(0)).ok()?;
        let patch = parts.next().unwrap_or(Ok(0)).ok()?;
        Some(Version {
            major,
            minor,
            patch,
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Where the executable was found, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Option,
    Env,
    Path,
    CargoHome,
}

impl Origin {
    fn french(self) -> &'static str {
        match self {
            Origin::Option => "option --typst",
            Origin::Env => "variable CTGC_TYPST",
            Origin::Path => "PATH",
            Origin::CargoHome => "dossier d'installation de cargo",
        }
    }
}

/// A usable typst executable.
#[derive(Debug, Clone)]
pub(crate) struct Typst {
    pub path: PathBuf,
    pub version: Version,
}

/// Why typst cannot be used (absent, not runnable, too old): its `Display` is the French message,
/// then how to install typst (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unavailable(String);

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\naide : {INSTALL_HINT}", self.0)
    }
}

impl std::error::Error for Unavailable {}

/// `find` started in the background: the `typst --version` process runs while ctgc reads and
/// checks the convention, instead of after it.
#[derive(Debug)]
pub struct Lookup(std::sync::Mutex<Option<std::thread::JoinHandle<Result<Typst, Unavailable>>>>);

impl Lookup {
    pub(crate) fn start(explicit: Option<PathBuf>) -> Lookup {
        let handle = std::thread::spawn(move || find(explicit.as_deref()));
        Lookup(std::sync::Mutex::new(Some(handle)))
    }

    /// The lookup's result, the first time it is asked for; `None` afterwards.
    pub(crate) fn take(&self) -> Option<Result<Typst, Unavailable>> {
        let handle = self.0.lock().ok()?.take()?;
        handle.join().ok()
    }
}

/// Finds typst and checks its version.
pub(crate) fn find(explicit: Option<&Path>) -> Result<Typst, Unavailable> {
    let (path, origin) = locate(explicit)?;
    let output = Command::new(&path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Unavailable(format!(
                "impossible d'exécuter typst (« {} », {}) : {}",
                path.display(),
                origin.french(),
                crate::io_message(&e)
            ))
        })?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version = Version::parse(&text).filter(|_| output.status.success()).ok_or_else(|| {
        Unavailable(format!(
            "« {} » ({}) ne donne pas de version de typst lisible (« {} ») : est-ce bien typst ?",
            path.display(),
            origin.french(),
            text.trim()
        ))
    })?;
    if version < MIN_VERSION {
        return Err(Unavailable(format!(
            "typst {version} (« {} », {}) est trop ancien : ctgc demande typst {MIN_VERSION} ou plus récent",
            path.display(),
            origin.french()
        )));
    }
    Ok(Typst { path, version })
}

fn locate(explicit: Option<&Path>) -> Result<(PathBuf, Origin), Unavailable> {
    let named = |p: PathBuf, origin: Origin| -> Result<(PathBuf, Origin), Unavailable> {
        if p.is_file() {
            Ok((p, origin))
        } else if p.components().count() == 1 {
            // A bare name (`--typst typst-0.15`): look it up in the PATH.
            search_path(p.as_os_str())
                .map(|found| (found, origin))
                .ok_or_else(|| {
                    Unavailable(format!(
                        "typst introuvable : « {} » ({}) n'est pas dans le PATH",
                        p.display(),
                        origin.french()
                    ))
                })
        } else {
            Err(Unavailable(format!(
                "typst introuvable : « {} » ({}) n'existe pas",
                p.display(),
                origin.french()
            )))
        }
    };
    if let Some(p) = explicit {
        return named(p.to_path_buf(), Origin::Option);
    }
    if let Some(p) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return named(PathBuf::from(p), Origin::Env);
    }
    if let Some(p) = search_path(executable("typst").as_ref()) {
        return Ok((p, Origin::Path));
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(p) = cargo_home
        .map(|h| h.join("bin").join(executable("typst")))
        .filter(|p| p.is_file())
    {
        return Ok((p, Origin::CargoHome));
    }
    Err(Unavailable(
        "typst est introuvable : ctgc en a besoin pour composer le PDF".into(),
    ))
}

fn executable(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

fn search_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// What to compile and how.
#[derive(Debug, Clone)]
pub(crate) struct Job<'a> {
    pub source: &'a str,
    /// The only files typst may read (the logos): assembled by ctgc, no link in it.
    pub root: &'a Path,
    /// Vendored font directories, besides the fonts embedded in typst.
    pub font_paths: Vec<PathBuf>,
    /// An empty directory for typst's local packages and package cache: none of the machine's.
    pub packages: &'a Path,
    /// Seconds since 1970: the PDF's creation date.
    pub timestamp: i64,
    /// `a-2b`, `a-2b,ua-1`…
    pub pdf_standard: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// One line of typst's `--diagnostic-format short` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub severity: Severity,
    /// The file as typst names it; `None` for the generated source (standard input).
    pub file: Option<String>,
    /// 1-based line and column.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub text: String,
}

/// A compiled PDF and typst's warnings.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub pdf: Vec<u8>,
    pub warnings: Vec<Message>,
}

#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// typst could not be started: an environment problem (exit code 2).
    Start(String),
    /// typst refused the generated source (exit code 3): its messages.
    Rejected(Vec<Message>),
    /// typst stopped without a diagnostic (crash, signal): exit code 3.
    Crashed(String),
}

impl Typst {
    /// Runs `typst compile - -` on the job's source.
    pub(crate) fn compile(&self, job: &Job<'_>) -> Result<Compiled, Failure> {
        let mut cmd = Command::new(&self.path);
        cmd.arg("compile")
            .arg("--root")
            .arg(job.root)
            .arg("--ignore-system-fonts")
            .arg("--creation-timestamp")
            .arg(job.timestamp.to_string())
            .arg("--pdf-standard")
            .arg(job.pdf_standard)
            .arg("--diagnostic-format")
            .arg("short");
        for dir in &job.font_paths {
            cmd.arg("--font-path").arg(dir);
        }
        cmd.arg("--package-path")
            .arg(job.packages)
            .arg("--package-cache-path")
            .arg(job.packages);
        cmd.arg("-").arg("-");
        // Nothing from the environment may change the output: no extra fonts, no other root.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TYPST_") {
                cmd.env_remove(&key);
            }
        }
        cmd.env_remove("SOURCE_DATE_EPOCH");
        offline(&mut cmd);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| {
            Failure::Start(format!(
                "impossible d'exécuter typst (« {} ») : {}",
                self.path.display(),
                crate::io_message(&e)
            ))
        })?;
        let mut stdin = child.stdin.take();
        let source = job.source.as_bytes().to_vec();
        let writer = std::thread::spawn(move || {
            if let Some(s) = stdin.as_mut() {
                // typst reads all of its input before writing: a broken pipe means it stopped early,
                // and its exit status says why.
                let _ = s.write_all(&source);
            }
        });
        let output = child.wait_with_output().map_err(|e| {
            Failure::Start(format!(
                "typst (« {} ») : {}",
                self.path.display(),
                crate::io_message(&e)
            ))
        })?;
        let _ = writer.join();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let messages = parse_messages(&stderr);
        let (errors, warnings): (Vec<Message>, Vec<Message>) = messages
            .into_iter()
            .partition(|m| m.severity == Severity::Error);
        if output.status.success() && !output.stdout.is_empty() {
            return Ok(Compiled {
                pdf: output.stdout,
                warnings,
            });
        }
        if !errors.is_empty() {
            return Err(Failure::Rejected(errors));
        }
        let status = match output.status.code() {
            Some(code) => format!("code de sortie {code}"),
            None => "arrêté par un signal".to_string(),
        };
        let detail = stderr.trim();
        Err(Failure::Crashed(if detail.is_empty() {
            format!("typst s'est arrêté sans produire de PDF ({status})")
        } else {
            format!("typst s'est arrêté sans produire de PDF ({status}) : {detail}")
        }))
    }
}

/// A closed port on the loopback interface: connections to it are refused at once.
const NOWHERE: &str = "http://127.0.0.1:9";

/// Keeps typst off the network: a template may `#import "@preview/…"`, and typst would then
/// download the package. typst honours the usual proxy variables, so every request is sent to
/// a port where nothing listens and fails at once, whatever proxy the runner had set.
pub(crate) fn offline(cmd: &mut Command) {
    for key in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env(key, NOWHERE);
    }
    cmd.env_remove("NO_PROXY").env_remove("no_proxy");
}

/// Parses `file:line:col: error: message` lines (columns are 0-based in typst's output); other
/// lines (hints, notes) are attached to the message before them.
pub(crate) fn parse_messages(stderr: &str) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        let found = [
            (": error: ", Severity::Error),
            (": warning: ", Severity::Warning),
        ]
        .into_iter()
        .find_map(|(tag, sev)| line.find(tag).map(|i| (i, tag, sev)));
        let bare = [
            ("error: ", Severity::Error),
            ("warning: ", Severity::Warning),
        ]
        .into_iter()
        .find_map(|(tag, sev)| line.strip_prefix(tag).map(|rest| (rest, sev)));
        match (found, bare) {
            (_, Some((rest, severity))) => out.push(Message {
                severity,
                file: None,
                line: None,
                column: None,
                text: rest.trim().to_string(),
            }),
            (Some((i, tag, severity)), None) => {
                let location = &line[..i];
                let mut parts = location.rsplitn(3, ':');
                let col = parts.next().and_then(|c| c.parse::<usize>().ok());
                let ln = parts.next().and_then(|l| l.parse::<usize>().ok());
                let file = parts.next().map(str::to_string);
                let (file, line_no, column) = match (file, ln, col) {
                    (Some(f), Some(l), Some(c)) => (Some(f), Some(l), Some(c + 1)),
                    _ => (Some(location.to_string()), None, None),
                };
                let file = file.filter(|f| !f.ends_with("<stdin>"));
                out.push(Message {
                    severity,
                    file,
                    line: line_no,
                    column,
                    text: line[i + tag.len()..].trim().to_string(),
                });
            }
            (None, None) => match out.last_mut() {
                Some(last) => {
                    last.text.push_str(" — ");
                    last.text.push_str(line.trim());
                }
                None => out.push(Message {
                    severity: Severity::Error,
                    file: None,
                    line: None,
                    column: None,
                    text: line.trim().to_string(),
                }),
            },
        }
    }
    out
}

/// Seconds since 1970-01-01 of a calendar date at midnight UTC.
pub(crate) fn epoch_seconds(year: i32, month: u32, day: u32) -> i64 {
    // Days from civil (Howard Hinnant's algorithm).
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions() {
        assert_eq!(
            Version::parse("typst 0.15.1 (unknown commit)"),
            Some(Version {
                major: 0,
                minor: 15,
                patch: 1
            })
        );
        assert_eq!(
            Version::parse("0.14"),
            Some(Version {
                major: 0,
                minor: 14,
                patch: 0
            })
        );
        assert_eq!(
            Version::parse("typst 0.13.0-rc1"),
            Some(Version {
                major: 0,
                minor: 13,
                patch: 0
            })
        );
        assert_eq!(Version::parse("typst"), None);
        assert!(Version::parse("typst 0.13.1").unwrap() < MIN_VERSION);
    }

    #[test]
    fn reads_short_diagnostics() {
        let m = parse_messages(
            "proj/<stdin>:3:4: error: unclosed delimiter\nhint: close it\nproj/<stdin>:1:28: warning: unknown font family: nope\nerror: source file must be contained in project root\n",
        );
        assert_eq!(m.len(), 3);
        assert_eq!(
            (m[0].file.clone(), m[0].line, m[0].column),
            (None, Some(3), Some(5))
        );
        assert_eq!(m[0].text, "unclosed delimiter — hint: close it");
        assert_eq!(m[1].severity, Severity::Warning);
        assert_eq!(
            (m[2].line, m[2].text.as_str()),
            (None, "source file must be contained in project root")
        );
        let logo = parse_messages("proj/logos/a.svg:1:0: error: failed to parse SVG\n");
        assert_eq!(logo[0].file.as_deref(), Some("proj/logos/a.svg"));
    }

    #[test]
    fn dates_become_timestamps() {
        assert_eq!(epoch_seconds(1970, 1, 1), 0);
        assert_eq!(epoch_seconds(2023, 1, 13), 1_673_568_000);
        assert_eq!(epoch_seconds(2000, 3, 1), 951_868_800);
    }
}
