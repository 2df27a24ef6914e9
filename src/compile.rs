//! The front half of the pipeline: project → sources (with includes) → syntax → model → checks.

use std::path::{Path, PathBuf};

use crate::check;
use crate::diagnostic::{self, Diagnostic};
use crate::lower;
use crate::model::{DefaultArticle, Model};
use crate::project::{self, Config, Project};
use crate::resolve;
use crate::rules;
use crate::source::{self, FileId, Sources, Span};
use crate::syntax::{self, Statement};

/// Limits that keep a mistaken or hostile input from exhausting the machine.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
pub const MAX_INCLUDE_DEPTH: usize = 16;
pub const MAX_FILES: usize = 20_000;

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

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--final`: placeholders are errors.
    pub final_check: bool,
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
    let mut loader = Loader {
        project: &project,
        sources: &mut sources,
        diagnostics: &mut diagnostics,
        statements: Vec::new(),
        chain: Vec::new(),
    };
    let main_canonical = project
        .main
        .canonicalize()
        .map_err(|e| format!("impossible de lire « {} » : {}", project.main.display(), crate::io_message(&e)))?;
    if main_canonical.is_dir() {
        return Err(format!("« {} » est un dossier, pas un fichier .ctg", project.main.display()));
    }
    loader.load(&main_canonical, None)?;
    let statements = std::mem::take(&mut loader.statements);
    let model = Model {
        config,
        default_articles,
        ..Model::default()
    };
    let (mut model, lower_diags) = lower::lower(&statements, model);
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
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let id = FileId(0);
    let decoded = match source::decode(bytes, id) {
        Ok(d) => d,
        Err(offset) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            sources.add(PathBuf::from("<mémoire>"), "<mémoire>".into(), text, false);
            diagnostics.push(Diagnostic::new(
                &rules::LEXIQUE_UTF8,
                format!("le texte n'est pas en UTF-8 : octet invalide à la position {offset}"),
            ));
            return (sources, Model::default(), diagnostics);
        }
    };
    diagnostics.extend(decoded.diagnostics);
    sources.add(PathBuf::from("<mémoire>"), "<mémoire>".into(), decoded.text, decoded.had_bom);
    let text = sources.get(id).text.clone();
    let (tree, diags) = syntax::parse(&text, id);
    diagnostics.extend(diags);
    let model = Model {
        default_articles: serde_yaml::from_str(crate::templates::ARTICLES).unwrap_or_default(),
        ..Model::default()
    };
    let (mut model, lower_diags) = lower::lower(&tree.statements, model);
    diagnostics.extend(lower_diags);
    resolve::resolve(&mut model, &mut diagnostics);
    check::run(&model, options, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    (sources, model, diagnostics)
}

fn load_config(
    file: &Path,
    project: &Project,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Config, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("impossible de lire « {} » : {}", file.display(), crate::io_message(&e)))?;
    match serde_yaml::from_str::<Option<Config>>(&text) {
        Ok(c) => Ok(c.unwrap_or_default()),
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let id = sources.add(file.to_path_buf(), project.dir.join(project::CONFIG_FILE).display().to_string(), text, false);
            diagnostics.push(
                Diagnostic::new(&rules::PROJET_CONFIGURATION, format!("{} invalide : {}", project::CONFIG_FILE, yaml_message(&e)))
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
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("clé « {field} » inconnue");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let v = rest.split('`').next().unwrap_or(rest);
        return format!("valeur « {v} » inconnue (numérotation : continue, par-axe ou lettres)");
    }
    format!("YAML mal formé ({raw})")
}

/// The default article set: the project's `templates/articles.yaml`, else the built-in one.
fn default_articles(project: &Project, config: &Config) -> Result<Vec<DefaultArticle>, String> {
    let dir = project.dir.join(config.modeles.as_deref().unwrap_or("templates"));
    let custom = dir.join("articles.yaml");
    let (text, name) = if custom.is_file() {
        let t = std::fs::read_to_string(&custom)
            .map_err(|e| format!("impossible de lire « {} » : {}", custom.display(), crate::io_message(&e)))?;
        (t, custom.display().to_string())
    } else {
        (crate::templates::ARTICLES.to_string(), "articles.yaml (intégré)".to_string())
    };
    serde_yaml::from_str(&text).map_err(|e| format!("« {name} » invalide : {}", yaml_message(&e)))
}

struct Loader<'a> {
    project: &'a Project,
    sources: &'a mut Sources,
    diagnostics: &'a mut Vec<Diagnostic>,
    statements: Vec<Statement>,
    /// The include chain being loaded: (file, span of the `inclure` that led here).
    chain: Vec<(PathBuf, Option<Span>)>,
}

impl Loader<'_> {
    fn display(&self, canonical: &Path) -> String {
        match canonical.strip_prefix(&self.project.root) {
            Ok(rel) => self.project.dir.join(rel).display().to_string(),
            Err(_) => canonical.display().to_string(),
        }
    }

    /// Loads one file and, recursively, what it includes. `from` is the `inclure` that asked for it.
    fn load(&mut self, canonical: &Path, from: Option<Span>) -> Result<(), String> {
        let display = self.display(canonical);
        let fail = |msg: String| -> Result<(), String> { Err(msg) };
        let meta = std::fs::metadata(canonical);
        let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
        let bytes = if size > MAX_FILE_BYTES {
            Err(format!("le fichier fait {} octets, au-delà de la limite de {MAX_FILE_BYTES} octets", size))
        } else {
            std::fs::read(canonical).map_err(|e| crate::io_message(&e))
        };
        let bytes = match (bytes, from) {
            (Ok(b), _) => b,
            (Err(msg), None) => return fail(format!("impossible de lire « {display} » : {msg}")),
            (Err(msg), Some(span)) => {
                self.diagnostics.push(
                    Diagnostic::new(&rules::INCLURE_ILLISIBLE, format!("impossible de lire « {display} » : {msg}"))
                        .label(span, "inclus ici"),
                );
                return Ok(());
            }
        };
        let next_id = FileId(self.sources.len() as u32);
        let decoded = match source::decode(&bytes, next_id) {
            Ok(d) => d,
            Err(offset) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let id = self.sources.add(canonical.to_path_buf(), display.clone(), text, false);
                // Point at the replacement character that stands for the bad byte.
                let lossy = &self.sources.get(id).text;
                let at = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]).len().min(lossy.len());
                let end = lossy[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                self.diagnostics.push(
                    Diagnostic::new(
                        &rules::LEXIQUE_UTF8,
                        format!("« {display} » n'est pas en UTF-8 : octet invalide à la position {offset}"),
                    )
                    .label(Span::new(id, at, end), "octet invalide"),
                );
                return Ok(());
            }
        };
        self.diagnostics.extend(decoded.diagnostics);
        let id = self.sources.add(canonical.to_path_buf(), display, decoded.text, decoded.had_bom);
        let text = self.sources.get(id).text.clone();
        let (tree, diags) = syntax::parse(&text, id);
        self.diagnostics.extend(diags);
        self.chain.push((canonical.to_path_buf(), from));
        for stmt in tree.statements {
            if crate::date::fold(&stmt.keyword) == "inclure" {
                self.include(&stmt, canonical)?;
            }
            self.statements.push(stmt);
        }
        self.chain.pop();
        Ok(())
    }

    fn include(&mut self, stmt: &Statement, including: &Path) -> Result<(), String> {
        let Some(syntax::Arg { kind: syntax::ArgKind::Str(pattern), span }) = stmt.args.first() else {
            self.diagnostics.push(
                Diagnostic::new(&rules::SYNTAXE_ARGUMENT, "« inclure » attend un chemin entre guillemets")
                    .label(stmt.keyword_span, "chemin manquant")
                    .help("inclure \"fiches/*.ctg\""),
            );
            return Ok(());
        };
        let span = *span;
        let base = including.parent().unwrap_or(Path::new("."));
        let joined = base.join(pattern);
        let is_glob = pattern.contains(['*', '?', '[']);
        let mut matches: Vec<PathBuf> = if is_glob {
            match glob::glob(&joined.to_string_lossy()) {
                Ok(paths) => paths.filter_map(Result::ok).filter(|p| p.is_file()).collect(),
                Err(e) => {
                    self.diagnostics.push(
                        Diagnostic::new(&rules::INCLURE_INTROUVABLE, format!("motif « {pattern} » invalide : {}", e.msg))
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
        for m in matches {
            let canonical = match m.canonicalize() {
                Ok(c) => c,
                Err(e) => {
                    self.diagnostics.push(
                        Diagnostic::new(&rules::INCLURE_ILLISIBLE, format!("impossible de lire « {} » : {}", m.display(), crate::io_message(&e)))
                            .label(span, "inclus ici"),
                    );
                    continue;
                }
            };
            if !canonical.starts_with(&self.project.root) {
                self.diagnostics.push(
                    Diagnostic::new(
                        &rules::INCLURE_HORS_PROJET,
                        format!("« {} » est hors du dossier du projet", m.display()),
                    )
                    .label(span, "inclusion refusée")
                    .help(format!("le projet est « {} » : déplacez le fichier à l'intérieur", self.project.dir.display())),
                );
                continue;
            }
            if canonical.is_dir() {
                self.diagnostics.push(
                    Diagnostic::new(&rules::INCLURE_ILLISIBLE, format!("« {pattern} » est un dossier"))
                        .label(span, "un fichier .ctg est attendu")
                        .help(format!("pour tous les fichiers du dossier : inclure \"{pattern}/*.ctg\"")),
                );
                continue;
            }
            if let Some(pos) = self.chain.iter().position(|(p, _)| *p == canonical) {
                let mut names: Vec<String> = self.chain[pos..].iter().map(|(p, _)| self.display(p)).collect();
                names.push(self.display(&canonical));
                let mut d = Diagnostic::new(&rules::INCLURE_CYCLE, format!("inclusion circulaire : {}", names.join(" → ")))
                    .label(span, "cette inclusion ferme le cycle");
                for (_, from) in &self.chain[pos + 1..] {
                    if let Some(s) = from {
                        d = d.label(*s, "inclusion de la chaîne");
                    }
                }
                self.diagnostics.push(d);
                continue;
            }
            if self.sources.find(&canonical).is_some() {
                // Already loaded by another include: including it twice would declare everything twice.
                continue;
            }
            if self.chain.len() >= MAX_INCLUDE_DEPTH {
                self.diagnostics.push(
                    Diagnostic::new(&rules::INCLURE_CYCLE, format!("inclusions imbriquées sur plus de {MAX_INCLUDE_DEPTH} niveaux"))
                        .label(span, "trop profond"),
                );
                return Ok(());
            }
            if self.sources.len() >= MAX_FILES {
                return Err(format!("le projet inclut plus de {MAX_FILES} fichiers : limite atteinte"));
            }
            self.load(&canonical, Some(span))?;
        }
        Ok(())
    }
}
