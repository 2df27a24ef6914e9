//! Rendering: the checked model → a target-neutral view (`view`) → Typst (`typst`) or HTML
//! (`html`) through minijinja templates, by one engine parameterised by target (`engine`).
//! Templates are embedded; a project's template directory overrides any of them by file name.

pub(crate) mod engine;
pub mod html;
mod link;
pub mod logos;
pub mod typst;
pub mod view;

pub use crate::templates::Templates;
pub use engine::{Engine, Target, TemplateError};
