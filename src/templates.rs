//! The built-in templates, embedded in the binary. A project's own `templates/` directory overrides
//! any of them by file name.

/// The default article set (ids, titles, texts).
pub const ARTICLES: &str = include_str!("../templates/articles.yaml");

/// The HTML page and its inline style sheet.
pub const HTML: &str = include_str!("../templates/convention.html.j2");
pub const HTML_CSS: &str = include_str!("../templates/convention.css.j2");

/// Every embedded template, by file name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("articles.yaml", ARTICLES),
    ("convention.html.j2", HTML),
    ("convention.css.j2", HTML_CSS),
];
