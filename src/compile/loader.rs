//! Loading the `.ctg` files: the main file, then what each `inclure` matches, in order, each
//! file lowered as soon as it is read. Everything is read through the world; what the project
//! limits allow (sizes, depth, number of files) is decided here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::prepare::{Fetched, Prepared, prepare};
use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_FILE_BYTES, MAX_FILES, MAX_INCLUDE_DEPTH, MAX_PROJECT_BYTES};
use crate::lower::Lowerer;
use crate::model::Model;
use crate::project::{LoadError, Project};
use crate::rules;
use crate::source::{FileId, Sources, Span};
use crate::syntax::{self, Statement};
use crate::typography::{grouped, size_text};
use crate::world::pattern::{self, Target};
use crate::world::{FileError, Kind, ReadError, World};

pub(super) struct Loader<'a> {
    world: &'a dyn World,
    project: &'a Project,
    sources: &'a mut Sources,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Statements are lowered as each file is read, in include order.
    lowerer: Lowerer,
    /// The include chain being loaded: (file, span of the `inclure` that led here).
    chain: Vec<(PathBuf, Option<Span>)>,
    /// Bytes read so far, all files together.
    total_bytes: u64,
    /// A project-wide limit was hit: it was reported once, and nothing more is loaded.
    stopped: bool,
    /// Every file loaded (canonical paths): a file included twice is read once.
    loaded: HashSet<PathBuf>,
}

/// The diagnostic of a file over `MAX_FILE_BYTES`.
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

impl<'a> Loader<'a> {
    pub(super) fn new(
        world: &'a dyn World,
        project: &'a Project,
        sources: &'a mut Sources,
        diagnostics: &'a mut Vec<Diagnostic>,
        model: Model,
    ) -> Self {
        Loader {
            world,
            project,
            sources,
            diagnostics,
            lowerer: Lowerer::new(model),
            chain: Vec::new(),
            total_bytes: 0,
            stopped: false,
            loaded: HashSet::new(),
        }
    }

    /// Loads the main file and everything it includes. `Err`: the main file cannot be read.
    pub(super) fn load_main(&mut self) -> Result<(), LoadError> {
        let main = &self.project.main;
        let canonical = self
            .world
            .canonicalize(main)
            .map_err(|e| LoadError::unreadable(main, e))?;
        if self
            .world
            .metadata(&canonical)
            .is_ok_and(|m| m.kind == Kind::Directory)
        {
            return Err(LoadError::MainIsADirectory(main.display().to_string()));
        }
        self.loaded.insert(canonical.clone());
        let fetched = Fetched::now(self.world, &canonical);
        self.load(fetched, None)
    }

    /// The model as lowered from every file, and the lowering's diagnostics.
    pub(super) fn finish(self) -> (Model, Vec<Diagnostic>) {
        self.lowerer.finish()
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

    /// Adds a prepared file to the sources; its spans already carry the id it gets.
    fn register(&mut self, path: PathBuf, display: String, prepared: Prepared) -> Vec<Statement> {
        let id = self
            .sources
            .add(path, display, prepared.text, prepared.had_bom);
        assert_eq!(
            id, prepared.id,
            "a file's spans carry the id it is registered with"
        );
        self.diagnostics.extend(prepared.diagnostics);
        prepared.statements
    }

    /// Loads one file and, recursively, what it includes. `from` is the `inclure` that asked for it.
    fn load(&mut self, fetched: Fetched, from: Option<Span>) -> Result<(), LoadError> {
        let Fetched {
            canonical,
            read,
            prepared,
        } = fetched;
        let display = self.project.display(&canonical);
        let bytes = match (read, from) {
            (Ok(b), _) => b,
            (Err(ReadError::File(e)), None) => {
                return Err(LoadError::Unreadable {
                    path: display,
                    why: ctg_file_error(&e),
                });
            }
            (Err(ReadError::File(e)), Some(span)) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        &rules::INCLURE_ILLISIBLE,
                        format!("impossible de lire « {display} » : {}", ctg_file_error(&e)),
                    )
                    .label(span, "inclus ici"),
                );
                return Ok(());
            }
            (Err(ReadError::TooLarge(size)), None) => {
                // Registered empty, so that the diagnostic names the file.
                let id = self
                    .sources
                    .add(canonical, display.clone(), String::new(), false);
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
                format!(
                    "les fichiers du projet dépassent ensemble {}",
                    size_text(MAX_PROJECT_BYTES, ' ')
                ),
                span,
                "une convention tient en quelques centaines de kilo-octets : vérifiez ce qu'inclut ce motif",
            );
            return Ok(());
        }
        let next_id = FileId(self.sources.len() as u32);
        let prepared = match prepared {
            Some(p) if p.id == next_id => p,
            // Not read ahead, or its predicted id was taken by an earlier file's includes.
            _ => prepare(&bytes, next_id, &display),
        };
        let statements = self.register(canonical.clone(), display, prepared);
        self.chain.push((canonical.clone(), from));
        for stmt in statements {
            if crate::keyword::fold_eq(&stmt.keyword, "inclure") {
                self.include(&stmt, &canonical)?;
            }
            self.lowerer.top(&stmt);
        }
        self.chain.pop();
        Ok(())
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

    fn include(&mut self, stmt: &Statement, including: &Path) -> Result<(), LoadError> {
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
        // Refused before looking: `inclure "/**/*.ctg"` must not walk the disk.
        let Some(target) =
            pattern::resolve(base, pattern).filter(|t| t.path.starts_with(&self.project.root))
        else {
            let d = self.outside(pattern.clone(), span);
            self.diagnostics.push(d);
            return Ok(());
        };
        let is_glob = pattern::is_pattern(pattern);
        if is_glob && let Err(at) = pattern::check(pattern) {
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::INCLURE_INTROUVABLE,
                    format!("motif « {pattern} » invalide (caractère {at} du motif)"),
                )
                .label(span, "motif invalide"),
            );
            return Ok(());
        }
        let matches = self.matches(&target, is_glob);
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
        self.load_all(&matches, pattern, span, base)
    }

    /// Loads the files an `inclure` matched, read ahead on helper threads.
    #[cfg(feature = "cli")]
    fn load_all(
        &mut self,
        matches: &[PathBuf],
        pattern: &str,
        span: Span,
        base: &Path,
    ) -> Result<(), LoadError> {
        let (world, project, first_id) = (self.world, self.project, self.sources.len());
        super::prefetch::reading_ahead(world, project, matches, first_id, |ahead| {
            self.load_matches(matches, pattern, span, base, &mut || ahead.next())
        })
    }

    /// Loads the files an `inclure` matched, one after the other (no threads in this build).
    #[cfg(not(feature = "cli"))]
    fn load_all(
        &mut self,
        matches: &[PathBuf],
        pattern: &str,
        span: Span,
        base: &Path,
    ) -> Result<(), LoadError> {
        self.load_matches(matches, pattern, span, base, &mut || None)
    }

    /// What an `inclure` names: a plain path when it exists (a directory too, reported as
    /// such), the files of a pattern.
    fn matches(&self, target: &Target, is_glob: bool) -> Vec<PathBuf> {
        if is_glob {
            target.files(self.world)
        } else if self.world.metadata(&target.path).is_ok() {
            vec![target.path.clone()]
        } else {
            Vec::new()
        }
    }

    /// Loads the files an `inclure` matched, in order. `ahead` gives, once per match, what a
    /// helper thread already read of it.
    fn load_matches(
        &mut self,
        matches: &[PathBuf],
        pattern: &str,
        span: Span,
        base: &Path,
        ahead: &mut dyn FnMut() -> Option<Fetched>,
    ) -> Result<(), LoadError> {
        for m in matches {
            // One item per match, taken before any `continue`, keeps the two in step.
            let prefetched = ahead();
            let canonical = match self.world.canonicalize(m) {
                Ok(c) => c,
                Err(e) => {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &rules::INCLURE_ILLISIBLE,
                            format!("impossible de lire « {} » : {e}", m.display()),
                        )
                        .label(span, "inclus ici"),
                    );
                    continue;
                }
            };
            if !self.project.contains(&canonical) {
                // A symlink that leads outside: name it as the user sees it, relative to the including file.
                let shown = m
                    .strip_prefix(base)
                    .map_or_else(|_| m.display().to_string(), |r| r.display().to_string());
                let d = self.outside(shown, span);
                self.diagnostics.push(d);
                continue;
            }
            if self
                .world
                .metadata(&canonical)
                .is_ok_and(|m| m.kind == Kind::Directory)
            {
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
                self.cycle(pos, &canonical, span);
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
                        format!("inclusions imbriquées sur plus de {MAX_INCLUDE_DEPTH} niveaux"),
                    )
                    .label(span, "trop profond")
                    .help("incluez les fichiers depuis le fichier principal plutôt qu'en chaîne"),
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
            let fetched = match prefetched {
                Some(p) if p.canonical == canonical => p,
                _ => Fetched::now(self.world, &canonical),
            };
            self.load(fetched, Some(span))?;
            if self.stopped {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Reports an `inclure` that leads back to a file of the chain being loaded (from `pos` on).
    fn cycle(&mut self, pos: usize, canonical: &Path, span: Span) {
        let mut names: Vec<String> = self.chain[pos..]
            .iter()
            .map(|(p, _)| self.project.display(p))
            .collect();
        names.push(self.project.display(canonical));
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
    }
}

/// Why a `.ctg` file cannot be read: a directory is named as such.
fn ctg_file_error(e: &FileError) -> String {
    match e {
        FileError::Directory => "c'est un dossier, pas un fichier .ctg".into(),
        other => other.to_string(),
    }
}
