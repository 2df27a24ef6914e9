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
    // The Typst document (PDF): `convention.typ.j2` includes the others.
    (
        "convention.typ.j2",
        include_str!("../templates/convention.typ.j2"),
    ),
    ("style.typ.j2", include_str!("../templates/style.typ.j2")),
    (
        "couverture.typ.j2",
        include_str!("../templates/couverture.typ.j2"),
    ),
    (
        "parties.typ.j2",
        include_str!("../templates/parties.typ.j2"),
    ),
    (
        "articles.typ.j2",
        include_str!("../templates/articles.typ.j2"),
    ),
    (
        "signatures.typ.j2",
        include_str!("../templates/signatures.typ.j2"),
    ),
    (
        "annexes.typ.j2",
        include_str!("../templates/annexes.typ.j2"),
    ),
    (
        "annexe-synthese.typ.j2",
        include_str!("../templates/annexe-synthese.typ.j2"),
    ),
    (
        "annexe-fiches.typ.j2",
        include_str!("../templates/annexe-fiches.typ.j2"),
    ),
    ("fiche.typ.j2", include_str!("../templates/fiche.typ.j2")),
    (
        "annexe-financements.typ.j2",
        include_str!("../templates/annexe-financements.typ.j2"),
    ),
    (
        "annexe-equipements.typ.j2",
        include_str!("../templates/annexe-equipements.typ.j2"),
    ),
    (
        "annexe-gouvernance.typ.j2",
        include_str!("../templates/annexe-gouvernance.typ.j2"),
    ),
    (
        "annexe-conventions-liees.typ.j2",
        include_str!("../templates/annexe-conventions-liees.typ.j2"),
    ),
    (
        "annexe-libre.typ.j2",
        include_str!("../templates/annexe-libre.typ.j2"),
    ),
];
