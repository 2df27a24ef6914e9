//! The bilan documents: `<name>-bilan-2023.pdf`, `.typ` and `.html` (or
//! `<name>-evaluation-finale-2026.*`), from the bilan's view and its own templates.

use super::{Context, Failure, Log, Rendered, pdf};
use crate::model::Model;
use crate::output::Artifact;
use crate::render::view::bilan::{self, BilanView};
use crate::render::{Engine, Target};

/// One bilan document to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub annee: i32,
    /// The end-of-term evaluation: every year up to `annee`.
    pub finale: bool,
}

/// What `ctgc build` produces besides the convention: the bilan of every year that has one, the
/// last year of the period as the end-of-term evaluation.
pub fn every(model: &Model) -> Vec<Request> {
    let last = model.period().map(|p| p.end.year);
    model
        .bilan_years()
        .into_iter()
        .map(|annee| Request {
            annee,
            finale: Some(annee) == last,
        })
        .collect()
}

/// The base name of a bilan's files.
pub(crate) fn name(base: &str, request: Request) -> String {
    if request.finale {
        format!("{base}-evaluation-finale-{}", request.annee)
    } else {
        format!("{base}-bilan-{}", request.annee)
    }
}

/// The bilan of REQUEST in every format the build asks for.
pub(crate) fn render(
    ctx: &Context<'_>,
    log: &mut Log,
    request: Request,
) -> Result<Rendered, Failure> {
    let view: BilanView = log.timings.time("vue du bilan", || {
        bilan::build(&ctx.comp.model, request.annee, request.finale)
    });
    let name = name(ctx.name, request);
    let mut rendered = Rendered::default();
    for renderer in &ctx.options.formats {
        match renderer.name {
            "pdf" => {
                let source = log
                    .timings
                    .time("modèles Typst du bilan", || {
                        Engine::new(Target::Typst, ctx.templates).render_named(TYPST, &view)
                    })
                    .map_err(|m| template_failure("Typst", &m.to_string(), ctx))?;
                // Without typst the other formats are still written (the log says so).
                let Some(typst) = pdf::find(ctx, log)? else {
                    continue;
                };
                let out = pdf::typeset_document(ctx, log, &typst, &name, ctx.view, source)?;
                rendered.artifacts.extend(out.artifacts);
                rendered.obsolete.extend(out.obsolete);
            }
            "html" => {
                let page = log
                    .timings
                    .time("modèles HTML du bilan", || {
                        Engine::new(Target::Html, ctx.templates).render_named(HTML, &view)
                    })
                    .map_err(|m| template_failure("HTML", &m.to_string(), ctx))?;
                rendered
                    .artifacts
                    .push(Artifact::new(format!("{name}.html"), page));
            }
            _ => {}
        }
    }
    Ok(rendered)
}

const TYPST: &str = "bilan.typ.j2";
const HTML: &str = "bilan.html.j2";

fn template_failure(target: &str, message: &str, ctx: &Context<'_>) -> Failure {
    Failure::Template {
        message: format!(
            "les modèles {target} du bilan n'ont pas pu être appliqués — {message}{}",
            pdf::overrides_note(ctx)
        ),
        evidence: Vec::new(),
    }
}
