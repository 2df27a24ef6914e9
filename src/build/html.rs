//! The HTML output: the view → one self-contained page, `<name>.html`, the signatories' logos
//! embedded. Needs no external tool.

use super::{Context, Failure, Log, Rendered};
use crate::output::Artifact;
use crate::render::{self, Target, html, logos};
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
    let mut artifacts = vec![Artifact::new(format!("{}.html", ctx.name), page)];
    for (n, avenant) in ctx.avenants {
        let page = log.timings.time("modèles HTML (avenants)", || {
            // A commune that joins by this avenant may bring its logo; the others were read above,
            // and their warnings given once.
            let (mut embedded, mut warnings) = logos::load(&avenant.view, &ctx.comp.project.dir);
            let house = logos::embed_house(&DiskWorld, &ctx.comp.model.caf_model, &mut embedded);
            warnings.extend(house);
            for w in warnings {
                if !log.warnings.contains(&w) {
                    log.warnings.push(w);
                }
            }
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
