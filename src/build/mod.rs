//! `ctgc build`: a checked convention → its documents.
//!
//! Each output format is a [`Renderer`] of [`RENDERERS`]: a function that turns the shared view
//! into files held in memory. Only when every requested renderer has succeeded are the files
//! written, as one set (`output`): a failed build leaves the previous outputs as they were, and
//! builds into one directory take turns. Where a build may write is `destination`'s rule; what
//! typst may read, `sandbox`'s.
//! Plugging in a format is one entry of `RENDERERS`; a renderer that needs no external tool
//! (HTML) runs without typst.

pub mod bilan;
mod destination;
pub(crate) mod html;
pub(crate) mod pdf;
mod sandbox;
mod timings;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use timings::Timings;

use crate::compile::Compilation;
use crate::output::{self, Artifact, Protected};
use crate::project::Project;
use crate::render::view::{self, AvenantPage, View};
use crate::templates::{self, Templates};
use crate::world::DiskWorld;

/// An output format.
pub struct Renderer {
    /// The name `--format` takes.
    pub name: &'static str,
    pub render: fn(&Context<'_>, &mut Log) -> Result<Rendered, Failure>,
}

/// Every output format, in the order a build produces them. `--format` defaults to all of them.
pub static RENDERERS: &[Renderer] = &[
    Renderer {
        name: "pdf",
        render: pdf::render,
    },
    Renderer {
        name: "html",
        render: html::render,
    },
];

/// The directory of outputs when neither `-o` nor `sortie:` says otherwise.
pub(crate) const DEFAULT_OUT_DIR: &str = "build";

/// What a build does, from the command line.
pub struct Options {
    /// `-o OUT`
    pub out_dir: Option<PathBuf>,
    pub formats: Vec<&'static Renderer>,
    /// `--typst PATH`
    pub typst: Option<PathBuf>,
    /// The search for typst, already started when the PDF is among the formats.
    pub typst_lookup: Option<crate::typeset::Lookup>,
    /// `--pdf-standard`, checked by `parse_pdf_standard`.
    pub pdf_standard: String,
}

/// What renderers read.
pub struct Context<'a> {
    pub comp: &'a Compilation,
    pub view: &'a View,
    pub templates: &'a Templates,
    /// Base name of the outputs: `versants-d-aime` → `versants-d-aime.pdf`.
    pub name: &'a str,
    pub out_dir: &'a Path,
    pub options: &'a Options,
    /// The documents of the avenants applied, each with its number: `<name>-avenant-N.*`.
    pub avenants: &'a [(u32, AvenantPage)],
    /// typst as found for this build (`None`: missing while other formats are written): looked
    /// up once, however many PDFs the build writes.
    pub(crate) typst: std::cell::OnceCell<Option<crate::typeset::Typst>>,
}

impl Context<'_> {
    /// The base name of avenant N's documents: `pays-de-l-aigle-2018-avenant-1`.
    pub(crate) fn avenant_name(&self, n: u32) -> String {
        format!("{}-avenant-{n}", self.name)
    }
}

/// What a build reports besides its outputs.
#[derive(Debug, Default)]
pub struct Log {
    pub timings: Timings,
    /// French warnings (not diagnostics of the convention: those come from `compile`).
    pub warnings: Vec<String>,
    /// Formats left out because their tool is missing, while the others were built.
    pub skipped: Vec<Skipped>,
}

/// A format a build left out: the PDF when typst is missing, with the HTML still written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub format: &'static str,
    /// Why, in French: « typst est introuvable : … ».
    pub reason: String,
    /// The output of an earlier build that is now out of date, when there is one.
    pub stale: Option<PathBuf>,
}

impl Skipped {
    /// What the user reads: the format missing and why, then the stale output left in place.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{} non produit : {}",
            self.format.to_uppercase(),
            self.reason
        )];
        if let Some(stale) = &self.stale {
            lines.push(format!(
                "« {} » est celui d'une construction précédente : il n'est pas à jour",
                stale.display()
            ));
        }
        lines
    }
}

/// A renderer's result: files to write, and files of earlier builds that are now out of date
/// (paths relative to the output directory).
#[derive(Debug, Default)]
pub struct Rendered {
    pub artifacts: Vec<Artifact>,
    pub obsolete: Vec<PathBuf>,
}

#[derive(Debug)]
pub enum Failure {
    /// The environment: a missing or too old tool, an output that cannot be written (exit code 2).
    Environment(String),
    /// A defect of the templates (exit code 3); `evidence` is written beside the outputs, for
    /// whoever fixes it (the generated source typst refused).
    Template {
        message: String,
        evidence: Vec<Artifact>,
    },
}

/// A value of `--format` or `--pdf-standard` that ctgc does not know (exit code 2): its
/// `Display` is the French message, with the values it knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionError {
    UnknownFormat(String),
    NoPdfStandard,
    UnknownPdfStandard(String),
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionError::UnknownFormat(name) => {
                let known: Vec<&str> = RENDERERS.iter().map(|r| r.name).collect();
                write!(
                    f,
                    "format « {name} » inconnu (formats disponibles : {})",
                    known.join(", ")
                )
            }
            OptionError::NoPdfStandard => f.write_str(
                "--pdf-standard attend au moins une norme (par exemple a-2b ou a-2b,ua-1)",
            ),
            OptionError::UnknownPdfStandard(p) => write!(
                f,
                "norme PDF « {p} » inconnue (normes possibles : {})",
                crate::typeset::PDF_STANDARDS.join(", ")
            ),
        }
    }
}

impl std::error::Error for OptionError {}

/// `--format pdf,html` (also repeated): the renderers, in their own order, each once.
pub fn parse_formats(names: &[String]) -> Result<Vec<&'static Renderer>, OptionError> {
    let mut wanted = Vec::new();
    for name in names
        .iter()
        .flat_map(|n| n.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let lower = name.to_lowercase();
        match RENDERERS.iter().find(|r| r.name == lower) {
            Some(r) => wanted.push(r.name),
            None => return Err(OptionError::UnknownFormat(name.to_string())),
        }
    }
    if wanted.is_empty() {
        return Ok(RENDERERS.iter().collect());
    }
    Ok(RENDERERS
        .iter()
        .filter(|r| wanted.contains(&r.name))
        .collect())
}

/// `--pdf-standard a-2b,ua-1`: every part must be one typst knows.
pub(crate) fn parse_pdf_standard(text: &str) -> Result<String, OptionError> {
    let parts: Vec<String> = text
        .split(',')
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(OptionError::NoPdfStandard);
    }
    for p in &parts {
        if !crate::typeset::PDF_STANDARDS.contains(&p.as_str()) {
            return Err(OptionError::UnknownPdfStandard(p.clone()));
        }
    }
    Ok(parts.join(","))
}

/// The base name of the outputs: the project directory's name, or the stem of the `.ctg` file
/// given on the command line.
pub(crate) fn output_name(path: &Path, project: &Project) -> String {
    let from_file = path.is_file().then(|| path.file_stem()).flatten();
    let name = from_file
        .or_else(|| project.root.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.is_empty() || name == "." || name == ".." {
        "convention".to_string()
    } else {
        name
    }
}

/// `-o OUT`, else `sortie:` of `ctgc.yaml` (relative to the project), else `build/` in the project.
pub(crate) fn output_dir(comp: &Compilation, explicit: Option<&Path>) -> PathBuf {
    match explicit {
        Some(dir) => dir.to_path_buf(),
        None => comp.project.dir.join(
            comp.model
                .config
                .sortie
                .as_deref()
                .unwrap_or(DEFAULT_OUT_DIR),
        ),
    }
}

/// What every renderer of a build reads, computed once: where the outputs go and under which
/// name, the view, the templates, and the files no output may replace.
pub(crate) struct Plan {
    pub(crate) name: String,
    pub(crate) out_dir: PathBuf,
    pub(crate) view: View,
    /// The documents of the avenants applied, each with its number.
    pub(crate) avenants: Vec<(u32, AvenantPage)>,
    pub(crate) templates: Templates,
    pub(crate) protected: Protected,
}

impl Plan {
    /// The context renderers read.
    pub(crate) fn context<'a>(
        &'a self,
        comp: &'a Compilation,
        options: &'a Options,
    ) -> Context<'a> {
        Context {
            comp,
            view: &self.view,
            templates: &self.templates,
            name: &self.name,
            out_dir: &self.out_dir,
            options,
            avenants: &self.avenants,
            typst: std::cell::OnceCell::new(),
        }
    }
}

/// Checks where COMP's documents may go and computes what they show.
pub(crate) fn plan(
    path: &Path,
    comp: &Compilation,
    options: &Options,
    log: &mut Log,
) -> Result<Plan, Failure> {
    let name = output_name(path, &comp.project);
    let out_dir = output_dir(comp, options.out_dir.as_deref());
    if options.out_dir.is_none() {
        let written = comp.model.config.sortie.as_deref();
        destination::check_inside(&comp.project, written.unwrap_or(DEFAULT_OUT_DIR))?;
    }
    let view = log
        .timings
        .time("vue (calculs)", || view::build(&comp.model))
        .map_err(|e| Failure::Template {
            message: format!("les articles par défaut n'ont pas pu être complétés — {e}"),
            evidence: Vec::new(),
        })?;
    let avenants = log
        .timings
        .time("vue des avenants", || avenant_pages(comp))
        .map_err(|e| Failure::Template {
            message: format!("les articles par défaut n'ont pas pu être complétés — {e}"),
            evidence: Vec::new(),
        })?;
    let template_dir = templates::project_dir(&DiskWorld, &comp.project, &comp.model.config)
        .map_err(|why| {
            let written = comp.model.config.modeles.as_deref();
            Failure::Environment(format!(
                "dossier des modèles « {} » refusé : {why}",
                comp.project
                    .dir
                    .join(written.unwrap_or(templates::DEFAULT_DIR))
                    .display()
            ))
        })?;
    let protected = destination::protected(comp, template_dir.as_ref());
    let model_templates = comp.model.caf_model.templates.clone();
    let templates = Templates::confined(
        Arc::new(DiskWorld),
        template_dir.into_iter().chain(model_templates),
    );
    Ok(Plan {
        name,
        out_dir,
        view,
        avenants,
        templates,
        protected,
    })
}

/// Builds the documents of a compilation without errors: the convention, and the bilan of every
/// year that has one. Returns the files written.
pub fn build(
    path: &Path,
    comp: &Compilation,
    options: &Options,
    log: &mut Log,
) -> Result<Vec<PathBuf>, Failure> {
    let documents = Documents {
        convention: true,
        bilans: bilan::every(&comp.model),
    };
    build_documents(path, comp, options, log, &documents)
}

/// Which documents a build writes.
#[derive(Debug, Clone)]
pub struct Documents {
    pub convention: bool,
    pub bilans: Vec<bilan::Request>,
}

/// Builds DOCUMENTS of a compilation without errors. Returns the files written.
pub fn build_documents(
    path: &Path,
    comp: &Compilation,
    options: &Options,
    log: &mut Log,
    documents: &Documents,
) -> Result<Vec<PathBuf>, Failure> {
    let plan = plan(path, comp, options, log)?;
    let ctx = plan.context(comp, options);
    let (out_dir, protected) = (&plan.out_dir, &plan.protected);
    let mut artifacts = Vec::new();
    let mut obsolete = Vec::new();
    let convention = options.formats.iter().filter(|_| documents.convention);
    let results = convention
        .map(|renderer| (renderer.render)(&ctx, log))
        .collect::<Vec<_>>()
        .into_iter()
        .chain(
            documents
                .bilans
                .iter()
                .map(|request| bilan::render(&ctx, log, *request))
                .collect::<Vec<_>>(),
        );
    for result in results {
        match result {
            Ok(rendered) => {
                artifacts.extend(rendered.artifacts);
                obsolete.extend(rendered.obsolete);
            }
            Err(Failure::Template {
                mut message,
                evidence,
            }) => {
                if let Err(e) = output::write_all(out_dir, &evidence, &[], protected) {
                    message.push_str(&format!(
                        "\n(le source fautif n'a pas pu être enregistré : {e})"
                    ));
                }
                return Err(Failure::Template { message, evidence });
            }
            Err(e) => return Err(e),
        }
    }
    log.timings
        .time("écriture", || {
            output::write_all(out_dir, &artifacts, &obsolete, protected)
        })
        .map_err(|e| Failure::Environment(e.to_string()))
}

/// The view of each avenant the built model applies (none for `--version initiale`).
fn avenant_pages(
    comp: &Compilation,
) -> Result<Vec<(u32, AvenantPage)>, crate::render::TemplateError> {
    let mut pages = Vec::new();
    for a in &comp.model.avenants {
        if let Some(page) = view::avenant_page(&comp.signed, a.numero)? {
            pages.push((a.numero, page));
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_in_renderer_order() {
        let all: Vec<&str> = parse_formats(&[]).unwrap().iter().map(|r| r.name).collect();
        assert_eq!(all, RENDERERS.iter().map(|r| r.name).collect::<Vec<_>>());
        let pdf: Vec<&str> = parse_formats(&["PDF,pdf".into()])
            .unwrap()
            .iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(pdf, ["pdf"]);
        let err = parse_formats(&["docx".into()]).err().unwrap();
        assert_eq!(err, OptionError::UnknownFormat("docx".into()));
        assert!(
            err.to_string()
                .starts_with("format « docx » inconnu (formats disponibles : pdf"),
            "{err}"
        );
    }

    #[test]
    fn pdf_standards_are_checked() {
        assert_eq!(parse_pdf_standard("A-2b, ua-1").unwrap(), "a-2b,ua-1");
        let err = parse_pdf_standard("a-9").unwrap_err();
        assert_eq!(err, OptionError::UnknownPdfStandard("a-9".into()));
        assert!(err.to_string().contains("« a-9 » inconnue"), "{err}");
        assert_eq!(parse_pdf_standard(" , "), Err(OptionError::NoPdfStandard));
    }
}
