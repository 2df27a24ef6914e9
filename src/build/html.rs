//! The HTML output: the view → one self-contained page, `<name>.html`, the signatories' logos
//! embedded. Needs no external tool.

use super::{Context, Failure, Log, Rendered};
use crate::output::Artifact;
use crate::render::{html, logos};
use crate::world::DiskWorld;

pub(crate) fn render(ctx: &Context<'_>, log: &mut Log) -> Result<Rendered, Failure> {
    let page = log.timings.time("modèles HTML", || {
        let (mut embedded, warnings) = logos::load(ctx.view, &ctx.comp.project.dir);
        log.warnings.extend(warnings);
        let house = logos::embed_house(&DiskWorld, &ctx.comp.model.caf_model, &mut embedded);
        log.warnings.extend(house);
        html::render_with_logos(ctx.view, ctx.templates, &embedded)
    });
    let page = page.map_err(|m| Failure::Template {
        message: format!("la page HTML n'a pas pu être produite — {m}"),
        evidence: Vec::new(),
    })?;
    Ok(Rendered {
        artifacts: vec![Artifact::new(format!("{}.html", ctx.name), page)],
        obsolete: Vec::new(),
    })
}
