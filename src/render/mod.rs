//! Rendering: the checked model → a target-neutral view (`view`) → Typst or HTML through
//! minijinja templates. Templates are embedded; a project's template directory overrides any of
//! them by file name.

pub mod html;
pub mod logos;
pub mod typst;
pub mod view;

pub use crate::templates::Templates;
