//! An avenant's own document, in both targets: the view of [`super::view::avenant_page`] through
//! `avenant.typ.j2` or `avenant.html.j2`.

use serde::Serialize;

use super::engine::{Engine, Target, TemplateError};
use super::logos::Logos;
use super::view::AvenantPage;
use crate::templates::Templates;

/// The Typst template of an avenant.
pub(crate) const TYPST_TEMPLATE: &str = "avenant.typ.j2";
/// The HTML template of an avenant.
pub(crate) const HTML_TEMPLATE: &str = "avenant.html.j2";

/// What the avenant's templates read: its view, and for the HTML page the logos it embeds.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    page: &'a AvenantPage,
    logos: &'a Logos,
}

/// The avenant's document as Typst source or as one HTML page (without logos).
pub fn render(
    page: &AvenantPage,
    target: Target,
    templates: &Templates,
) -> Result<String, TemplateError> {
    render_with_logos(page, target, templates, &Logos::new())
}

/// The avenant's document with LOGOS embedded in the HTML page (see [`super::logos::load`]).
pub fn render_with_logos(
    page: &AvenantPage,
    target: Target,
    templates: &Templates,
    logos: &Logos,
) -> Result<String, TemplateError> {
    let name = match target {
        Target::Typst => TYPST_TEMPLATE,
        Target::Html => HTML_TEMPLATE,
    };
    Engine::new(target, templates).render_named(name, &Context { page, logos })
}
