//! An avenant's own document, in both targets: the view of [`super::view::avenant_page`] through
//! `avenant.typ.j2` or `avenant.html.j2`.

use super::engine::{Engine, Target, TemplateError};
use super::view::AvenantPage;
use crate::templates::Templates;

/// The Typst template of an avenant.
pub(crate) const TYPST_TEMPLATE: &str = "avenant.typ.j2";
/// The HTML template of an avenant.
pub(crate) const HTML_TEMPLATE: &str = "avenant.html.j2";

/// The avenant's document as Typst source or as one HTML page.
pub fn render(
    page: &AvenantPage,
    target: Target,
    templates: &Templates,
) -> Result<String, TemplateError> {
    let name = match target {
        Target::Typst => TYPST_TEMPLATE,
        Target::Html => HTML_TEMPLATE,
    };
    Engine::new(target, templates).render_named(name, page)
}
