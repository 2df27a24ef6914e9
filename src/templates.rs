//! The built-in templates, embedded in the binary. A project's own `templates/` directory overrides
//! any of them by file name.

/// The default article set (ids, titles, texts).
pub const ARTICLES: &str = include_str!("../templates/articles.yaml");

/// Every embedded template, by file name.
pub const EMBEDDED: &[(&str, &str)] = &[("articles.yaml", ARTICLES)];
