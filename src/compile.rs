//! The front half of the pipeline: project → sources (with includes) → syntax → model → checks.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::check;
pub use crate::check::Options;
use crate::diagnostic::{self, Diagnostic};
use crate::limits::{MAX_FILE_BYTES, MAX_FILES, MAX_INCLUDE_DEPTH, MAX_PROJECT_BYTES};
use crate::lower;
use crate::model::{DefaultArticle, Model};
use crate::project::{self, Config, Project};
use crate::resolve;
use crate::rules;
use crate::source::{FileId, Sources, Span};
use crate::syntax::{self, Statement};
use crate::typography::{grouped, size_text};

mod prefetch;

/// Everything `check`, `export` and `build` need.
pub struct Compilation {
    pub project: Project,
    pub sources: Sources,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Compiles the project at PATH. `Err` is an environment problem (exit code 2), in French.
pub fn compile(path: &Path, options: Options) -> Result<Compilation, String> {
    let mut project = project::discover(path)?;
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let config = match &project.config_file {
        Some(file) => load_config(file, &project, &mut sources, &mut diagnostics)?,
        None => Config::default(),
    };
    if let (Some(main), true) = (&config.principal, path.is_dir()) {
        project.main = project.dir.join(main);
    }
    let default_articles = default_articles(&project, &config)?;
    let model = Model {
        config,
        default_articles,
        ..Model::default()
    };
    let mut loader = Loader {
        project: &project,
        sources: &mut sources,
        diagnostics: &mut diagnostics,
        lowerer: lower::Lowerer::new(model),
        chain: Vec::new(),
        total_bytes: 0,
        stopped: false,
        loaded: HashSet::new(),
    };
    let main_canonical = project.main.canonicalize().map_err(|e| {
        format!(
            "impossible de lire « {} » : {}",
            project.main.display(),
            crate::io_message(&e)
        )
    })?;
    if main_canonical.is_dir() {
        return Err(format!(
            "« {} » est un dossier, pas un fichier .ctg",
            project.main.display()
        ));
    }
    loader.loaded.insert(main_canonical.clone());
    loader.load(&main_canonical, None, None)?;
    let (mut model, lower_diags) = loader.lowerer.finish();
    diagnostics.extend(lower_diags);
    resolve::resolve(&mut model, &mut diagnostics);
    check::run(&model, options, &mut diagnostics);
    check::run_files(&project, &sources, &model, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Ok(Compilation {
        project,
        sources,
        model,
        diagnostics,
    })
}

/// Compiles one file's bytes held in memory, without a project (includes are not followed).
/// Used by the fuzz targets and the mutation tests: the whole front end, no file system.
pub fn compile_bytes(bytes: &[u8], options: Options) -> (Sources, Model, Vec<Diagnostic>) {
    let c = compile_text("<mémoire>", bytes, options);
    (c.sources, c.model, c.diagnostics)
}

fn load_config(
    file: &Path,
    project: &Project,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Config, String> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        format!(
            "impossible de lire « {} » : {}",
            file.display(),
            crate::io_message(&e)
        )
    })?;
    match serde_yaml::from_str::<Option<Config>>(&text) {
        Ok(c) => Ok(c.unwrap_or_default()),
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let id = sources.add(
                file.to_path_buf(),
                project.dir.join(project::CONFIG_FILE).display().to_string(),
                text,
                false,
            );
            diagnostics.push(
                Diagnostic::new(
                    &rules::PROJET_CONFIGURATION,
                    format!("{} invalide : {}", project::CONFIG_FILE, yaml_message(&e)),
                )
                .label(Span::new(id, offset, offset), "ici")
                .help("clés permises : principal, sortie, modèles, numérotation, libellés, typst"),
            );
            Ok(Config::default())
        }
    }
}

/// serde's messages, in French for the common cases.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let raw = e.to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    // Errors in nested keys start with the key path: « libellés: unknown field … ».
    let (path, raw) = match raw.find(": ") {
        Some(i) if !raw[..i].contains(' ') => (Some(&raw[..i]), &raw[i + 2..]),
        _ => (None, raw),
    };
    if let Some(own) = raw.strip_prefix(project::CONFIG_MESSAGE) {
        return own.to_string();
    }
    let within = path.map(|p| format!(" dans « {p} »")).unwrap_or_default();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("clé « {field} » inconnue{within}");
    }
    if raw.starts_with("invalid type") {
        return format!("valeur d'un type inattendu{within}");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let v = rest.split('`').next().unwrap_or(rest);
        return format!(
            "valeur « {v} » inconnue{within} (numérotation : continue, par-axe ou lettres)"
        );
    }
    format!("YAML mal formé ({raw})")
}

/// The default article set: the project's `templates/articles.yaml`, else the built-in one.
fn default_articles(project: &Project, config: &Config) -> Result<Vec<DefaultArticle>, String> {
    let dir = project
        .dir
        .join(config.modeles.as_deref().unwrap_or("templates"));
    let custom = dir.join("articles.yaml");
    let (text, name) = if custom.is_file() {
        let t = std::fs::read_to_string(&custom).map_err(|e| {
            format!(
                "impossible de lire « {} » : {}",
                custom.display(),
                crate::io_message(&e)
            )
        })?;
        (t, custom.display().to_string())
    } else {
        (
            crate::templates::ARTICLES.to_string(),
            "articles.yaml (intégré)".to_string(),
        )
    };
    serde_yaml::from_str(&text).map_err(|e| format!("« {name} » invalide : {}", yaml_message(&e)))
}

struct Loader<'a> {
    project: &'a Project,
    sources: &'a mut Sources,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Statements are lowered as each file is read, in include order.
    lowerer: lower::Lowerer,
    /// The include chain being loaded: (file, span of the `inclure` that led here).
    chain: Vec<(PathBuf, Option<Span>)>,
    /// Bytes read so far, all files together.
    total_bytes: u64,
    /// A project-wide limit was hit: it was reported once, and nothing more is loaded.
    stopped: bool,
    /// Every file loaded (canonical paths): a file included twice is read once.
    loaded: HashSet<PathBuf>,
}

/// Why a file could not be read.
enum ReadError {
    /// An environment problem, in French.
    Io(String),
    /// Larger than `MAX_FILE_BYTES`: its size.
    TooLarge(u64),
}

/// Reads a regular file, never more than `MAX_FILE_BYTES` (a device or a pipe would never end).
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // Looked at before opening: opening a named pipe would wait for a writer.
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(crate::io_message(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Io(
            "c'est un dossier, pas un fichier .ctg".into(),
        ));
    }
    if !meta.is_file() {
        return Err(ReadError::Io(
            "ce n'est pas un fichier ordinaire (périphérique, tube…)".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(crate::io_message(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(crate::io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // The file grew while being read.
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Registers a file's bytes and parses it: decoding problems (not UTF-8, control characters) and
/// syntax errors become diagnostics. Returns its id and top-level statements.
fn add_source(
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    path: PathBuf,
    display: String,
    bytes: &[u8],
) -> (FileId, Vec<Statement>) {
    let prepared = prefetch::prepare(bytes, FileId(sources.len() as u32), &display);
    register(sources, diagnostics, path, display, prepared)
}

/// Adds a prepared file to the sources; its spans already carry the id it gets.
fn register(
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    path: PathBuf,
    display: String,
    prepared: prefetch::Prepared,
) -> (FileId, Vec<Statement>) {
    let id = sources.add(path, display, prepared.text, prepared.had_bom);
    assert_eq!(
        id, prepared.id,
        "a file's spans carry the id it is registered with"
    );
    diagnostics.extend(prepared.diagnostics);
    (id, prepared.statements)
}

/// How a file is named to the user: relative to the project as it was given.
fn display(project: &Project, canonical: &Path) -> String {
    match canonical.strip_prefix(&project.root) {
        Ok(rel) => project.dir.join(rel).display().to_string(),
        Err(_) => canonical.display().to_string(),
    }
}

/// Compiles one file held in memory, without touching the file system: `inclure` is not followed.
/// For the fuzzers, the property tests and the benchmarks; `compile` is the real entry point.
pub fn compile_text(name: &str, bytes: &[u8], options: Options) -> Compilation {
    let project = Project {
        dir: PathBuf::from("."),
        root: PathBuf::from("."),
        main: PathBuf::from(name),
        config_file: None,
    };
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let statements = if bytes.len() as u64 > MAX_FILE_BYTES {
        let id = sources.add(PathBuf::from(name), name.to_string(), String::new(), false);
        diagnostics.push(too_large(
            name,
            bytes.len() as u64,
            Span::new(id, 0, 0),
            "fichier trop volumineux",
        ));
        Vec::new()
    } else {
        add_source(
            &mut sources,
            &mut diagnostics,
            PathBuf::from(name),
            name.to_string(),
            bytes,
        )
        .1
    };
    let model = Model {
        default_articles: builtin_articles(),
        ..Model::default()
    };
    let (mut model, lower_diags) = lower::lower(&statements, model);
    diagnostics.extend(lower_diags);
    resolve::resolve(&mut model, &mut diagnostics);
    check::run(&model, options, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Compilation {
        project,
        sources,
        model,
        diagnostics,
    }
}

/// The built-in default articles (`templates/articles.yaml`, embedded).
pub fn builtin_articles() -> Vec<DefaultArticle> {
    serde_yaml::from_str(crate::templates::ARTICLES).unwrap_or_default()
}

fn too_large(display: &str, size: u64, span: Span, label: &str) -> Diagnostic {
    Diagnostic::new(
        &rules::LIMITE_DEPASSEE,
        format!(
            "« {display} » dépasse la limite de {} par fichier ({} octets)",
            size_text(MAX_FILE_BYTES, ' '),
            grouped(size)
        ),
    )
    .label(span, label)
    .help("découpez la convention en plusieurs fichiers réunis par « inclure »")
}

impl Loader<'_> {
    fn display(&self, canonical: &Path) -> String {
        display(self.project, canonical)
    }

    /// Reports a project-wide limit once, at the `inclure` that crossed it, and stops loading.
    fn stop(&mut self, message: String, span: Span, help: &str) {
        if !self.stopped {
            self.diagnostics.push(
                Diagnostic::new(&rules::LIMITE_DEPASSEE, message)
                    .label(span, "limite atteinte ici")
                    .help(help),
            );
        }
        self.stopped = true;
    }

    /// Loads one file and, recursively, what it includes. `from` is the `inclure` that asked for it.
    fn load(
        &mut self,
        canonical: &Path,
        from: Option<Span>,
        prefetched: Option<prefetch::Prefetch>,
    ) -> Result<(), String> {
        let display = self.display(canonical);
        let (read, prepared) = match prefetched {
            Some(p) if p.canonical == canonical => (p.read, p.prepared),
            _ => (read_limited(canonical), None),
        };
        let bytes = match (read, from) {
            (Ok(b), _) => b,
            (Err(ReadError::Io(msg)), None) => {
                return Err(format!("impossible de lire « {display} » : {msg}"));
            }
            (Err(ReadError::Io(msg)), Some(span)) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        &rules::INCLURE_ILLISIBLE,
                        format!("impossible de lire « {display} » : {msg}"),
                    )
                    .label(span, "inclus ici"),
                );
                return Ok(());
            }
            (Err(ReadError::TooLarge(size)), None) => {
                // Registered empty, so that the diagnostic names the file.
                let id = self.sources.add(
                    canonical.to_path_buf(),
                    display.clone(),
                    String::new(),
                    false,
                );
                self.diagnostics.push(too_large(
                    &display,
                    size,
                    Span::new(id, 0, 0),
                    "fichier trop volumineux",
                ));
                return Ok(());
            }
            (Err(ReadError::TooLarge(size)), Some(span)) => {
                self.diagnostics.push(too_large(
                    &display,
                    size,
                    span,
                    "fichier inclus trop volumineux",
                ));
                return Ok(());
            }
        };
        self.total_bytes += bytes.len() as u64;
        if self.total_bytes > MAX_PROJECT_BYTES
            && let Some(span) = from
        {
            self.stop(
                format!("les fichiers du projet dépassent ensemble {}", size_text(MAX_PROJECT_BYTES, ' ')),
                span,
                "une convention tient en quelques centaines de kilo-octets : vérifiez ce qu'inclut ce motif",
            );
            return Ok(());
        }
        let next_id = FileId(self.sources.len() as u32);
        let prepared = match prepared {
            Some(p) if p.id == next_id => p,
            // Not read ahead, or its predicted id was taken by an earlier file's includes.
            _ => prefetch::prepare(&bytes, next_id, &display),
        };
        let (_, statements) = register(
            self.sources,
            self.diagnostics,
            canonical.to_path_buf(),
            display,
            prepared,
        );
        self.chain.push((canonical.to_path_buf(), from));
        for stmt in statements {
            if crate::keyword::fold_eq(&stmt.keyword, "inclure") {
                self.include(&stmt, canonical)?;
            }
            self.lowerer.top(&stmt);
        }
        self.chain.pop();
        Ok(())
    }

    /// Where a pattern leads, `..` resolved without touching the disk: `None` when it leaves the
    /// project root. Refusing before globbing keeps `inclure "/**/*.ctg"` from walking the disk.
    fn confined(&self, base: &Path, pattern: &str) -> Option<PathBuf> {
        use std::path::Component;
        let mut out = PathBuf::new();
        for c in base.join(pattern).components() {
            match c {
                Component::ParentDir => {
                    if !out.pop() {
                        return None;
                    }
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        out.starts_with(&self.project.root).then_some(out)
    }

    fn outside(&self, what: String, span: Span) -> Diagnostic {
        Diagnostic::new(
            &rules::INCLURE_HORS_PROJET,
            format!("« {what} » est hors du dossier du projet"),
        )
        .label(span, "inclusion refusée")
        .help(format!(
            "le projet est « {} » : déplacez le fichier à l'intérieur",
            self.project.dir.display()
        ))
    }

    fn include(&mut self, stmt: &Statement, including: &Path) -> Result<(), String> {
        if self.stopped {
            return Ok(());
        }
        let Some(syntax::Arg {
            kind: syntax::ArgKind::Str(pattern),
            span,
        }) = stmt.args.first()
        else {
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::SYNTAXE_ARGUMENT,
                    "« inclure » attend un chemin entre guillemets",
                )
                .label(
                    stmt.args.first().map_or(stmt.keyword_span, |a| a.span),
                    "chemin entre guillemets attendu",
                )
                .help("inclure \"fiches/*.ctg\""),
            );
            return Ok(());
        };
        let span = *span;
        let base = including.parent().unwrap_or(Path::new("."));
        let Some(joined) = self.confined(base, pattern) else {
            let d = self.outside(pattern.clone(), span);
            self.diagnostics.push(d);
            return Ok(());
        };
        let is_glob = pattern.contains(['*', '?', '[']);
        let mut matches: Vec<PathBuf> = if is_glob {
            match glob::glob(&joined.to_string_lossy()) {
                Ok(paths) => paths
                    .filter_map(Result::ok)
                    .filter(|p| p.is_file())
                    .collect(),
                Err(e) => {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &rules::INCLURE_INTROUVABLE,
                            // The position counts in the joined absolute path: bring it back into the pattern.
                            format!(
                                "motif « {pattern} » invalide (caractère {} du motif)",
                                e.pos
                                    .saturating_sub(joined.to_string_lossy().len() - pattern.len())
                                    + 1
                            ),
                        )
                        .label(span, "motif invalide"),
                    );
                    return Ok(());
                }
            }
        } else if joined.exists() {
            vec![joined.clone()]
        } else {
            Vec::new()
        };
        matches.sort();
        if matches.is_empty() {
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::INCLURE_INTROUVABLE,
                    if is_glob {
                        format!("aucun fichier ne correspond à « {pattern} »")
                    } else {
                        format!("fichier « {pattern} » introuvable")
                    },
                )
                .label(span, "introuvable"),
            );
            return Ok(());
        }
        let first_id = self.sources.len();
        let project = self.project;
        std::thread::scope(|scope| {
            // The next files are read and parsed by a helper while this thread lowers; a single
            // file gains nothing from it.
            let mut ahead =
                (matches.len() > 1).then(|| prefetch::spawn(scope, project, &matches, first_id));
            for m in &matches {
                // One item per match, taken before any `continue`, keeps the two in step.
                let prefetched = ahead.as_mut().and_then(prefetch::Ahead::next);
                let canonical = match m.canonicalize() {
                    Ok(c) => c,
                    Err(e) => {
                        self.diagnostics.push(
                            Diagnostic::new(
                                &rules::INCLURE_ILLISIBLE,
                                format!(
                                    "impossible de lire « {} » : {}",
                                    m.display(),
                                    crate::io_message(&e)
                                ),
                            )
                            .label(span, "inclus ici"),
                        );
                        continue;
                    }
                };
                if !canonical.starts_with(&self.project.root) {
                    // A symlink that leads outside: name it as the user sees it, relative to the including file.
                    let shown = m
                        .strip_prefix(base)
                        .map_or_else(|_| m.display().to_string(), |r| r.display().to_string());
                    let d = self.outside(shown, span);
                    self.diagnostics.push(d);
                    continue;
                }
                if canonical.is_dir() {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &rules::INCLURE_ILLISIBLE,
                            format!("« {pattern} » est un dossier"),
                        )
                        .label(span, "un fichier .ctg est attendu")
                        .help(format!(
                            "pour tous les fichiers du dossier : inclure \"{pattern}/*.ctg\""
                        )),
                    );
                    continue;
                }
                if let Some(pos) = self.chain.iter().position(|(p, _)| *p == canonical) {
                    let mut names: Vec<String> = self.chain[pos..]
                        .iter()
                        .map(|(p, _)| self.display(p))
                        .collect();
                    names.push(self.display(&canonical));
                    let mut d = Diagnostic::new(
                        &rules::INCLURE_CYCLE,
                        format!("inclusion circulaire : {}", names.join(" → ")),
                    )
                    .label(span, "cette inclusion ferme le cycle");
                    for (_, from) in &self.chain[pos + 1..] {
                        if let Some(s) = from {
                            d = d.label(*s, "inclusion de la chaîne");
                        }
                    }
                    self.diagnostics.push(d);
                    continue;
                }
                if self.loaded.contains(&canonical) {
                    // Already loaded by another include: including it twice would declare everything twice.
                    continue;
                }
                if self.chain.len() >= MAX_INCLUDE_DEPTH {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &rules::LIMITE_DEPASSEE,
                            format!(
                                "inclusions imbriquées sur plus de {MAX_INCLUDE_DEPTH} niveaux"
                            ),
                        )
                        .label(span, "trop profond")
                        .help(
                            "incluez les fichiers depuis le fichier principal plutôt qu'en chaîne",
                        ),
                    );
                    return Ok(());
                }
                if self.loaded.len() >= MAX_FILES {
                    self.stop(
                        format!(
                            "le projet inclut plus de {} fichiers",
                            grouped(MAX_FILES as u64)
                        ),
                        span,
                        "vérifiez le motif : inclut-il un dossier beaucoup plus large que prévu ?",
                    );
                    return Ok(());
                }
                self.loaded.insert(canonical.clone());
                self.load(&canonical, Some(span), prefetched)?;
                if self.stopped {
                    return Ok(());
                }
            }
            Ok(())
        })
    }
}
