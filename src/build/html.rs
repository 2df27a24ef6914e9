//! The HTML output: the view → one self-contained page, `<name>.html`, the signatories' logos
//! embedded. Needs no external tool.

use super::{Context, Failure, Log, Rendered};
use crate::output::Artifact;
use crate::render::{self, Target, html, logos};
use crate::world::DiskWorld;

pub(crate) fn render(ctx: &Context<'_>, log: &mut Log) -> Result<Rendered, Failure> {
    // The logos of every page at once: a commune that joins by an avenant may bring its own.
    let (embedded, page) = log.timings.time("modèles HTML", || {
        let views = std::iter::once(ctx.view).chain(ctx.avenants.iter().map(|(_, a)| &a.view));
        let (mut embedded, warnings) = logos::load_all(views, &ctx.comp.project.dir);
        log.warnings.extend(warnings);
        let house = logos::embed_house(&DiskWorld, &ctx.comp.model.caf_model, &mut embedded);
        log.warnings.extend(house);
        let page = html::render_with_logos(ctx.view, ctx.templates, &embedded);
        (embedded, page)
    });
    let page = page.map_err(|m| Failure::Template {
        message: format!("la page HTML n'a pas pu être produite — {m}"),
        evidence: Vec::new(),
    })?;
    let mut artifacts = vec![Artifact::new(format!("{}.html", ctx.name), page)];
    for (n, avenant) in ctx.avenants {
        let page = log.timings.time("modèles HTML (avenants)", || {
            render::avenant::render_with_logos(avenant, Target::Html, ctx.templates, &embedded)
        });
        let page = page.map_err(|m| Failure::Template {
            message: format!("la page HTML de l'avenant n° {n} n'a pas pu être produite — {m}"),
            evidence: Vec::new(),
        })?;
        artifacts.push(Artifact::new(
            format!("{}.html", ctx.avenant_name(*n)),
            page,
        ));
    }
    Ok(Rendered {
        artifacts,
        obsolete: Vec::new(),
    })
}
