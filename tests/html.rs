//! The HTML page: every example renders, the page is self-contained and well-formed enough for the
//! browser checks, user text never becomes markup, and two renders are byte-identical.

mod support;
use support::EXAMPLES;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ctgc::build::bilan;
use ctgc::compile::{self, Options};
use ctgc::render::view::{self, View};
use ctgc::render::{Templates, html, logos};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render(project: &Path) -> (View, String) {
    let comp = compile::compile(project, Options::default()).expect("the project loads");
    assert!(
        !comp.has_errors(),
        "{} has errors: {:?}",
        project.display(),
        comp.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    );
    let view = view::build(&comp.model).expect("the view builds");
    let page = html::render(&view, &Templates::new(None)).expect("the page renders");
    (view, page)
}

/// The values of attribute `name` in the page (`id="…"` → every id).
fn attribute_values(page: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    page.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &page[i + needle.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .collect()
}

/// The elements a page may hold.
const ALLOWED: &[&str] = &[
    "!DOCTYPE",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "sup",
    "body",
    "a",
    "div",
    "header",
    "nav",
    "main",
    "footer",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "span",
    "strong",
    "em",
    "br",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "code",
    "pre",
    "del",
    "blockquote",
    "hr",
];

/// Every tag of the page, from after its `<` up to its `>`, the style sheet skipped. Text can
/// only hold `<` escaped, so a `<` followed by a letter, `/` or `!` opens a tag.
fn tags(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        out.push(&rest[..end]);
        if rest.starts_with("style>") {
            rest = &rest[rest.find("</style>").unwrap_or(0)..];
            continue;
        }
        rest = &rest[end..];
    }
    out
}

/// The attribute names of a tag, reading quoted values the way a browser does.
fn attributes(tag: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = tag.find(char::is_whitespace).map_or("", |i| &tag[i..]);
    loop {
        rest = rest.trim_start();
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        if end == 0 {
            return names;
        }
        names.push(&rest[..end]);
        rest = &rest[end..];
        if let Some(value) = rest.strip_prefix('=') {
            rest = match value.strip_prefix('"') {
                Some(quoted) => quoted.find('"').map_or("", |i| &quoted[i + 1..]),
                None => value.find(char::is_whitespace).map_or("", |i| &value[i..]),
            };
        }
    }
}

fn assert_well_formed(name: &str, view: &View, page: &str) {
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{name}: doctype and lang"
    );
    assert_eq!(page.matches("<h1").count(), 1, "{name}: one h1");
    for landmark in ["<header", "<nav", "<main", "<footer"] {
        assert_eq!(page.matches(landmark).count(), 1, "{name}: one {landmark}");
    }
    assert!(
        page.contains("<title>") && page.contains("href=\"#contenu\""),
        "{name}: title and skip link"
    );
    // Self-contained, and only the elements the templates and Markdown produce: nothing the
    // browser would fetch or run.
    for tag in tags(page) {
        let element = tag
            .split([' ', '>'])
            .next()
            .unwrap_or_default()
            .trim_start_matches('/');
        assert!(
            ALLOWED.contains(&element),
            "{name}: element <{element}> in the page: {tag}"
        );
        for attribute in attributes(tag) {
            let attribute = attribute.to_ascii_lowercase();
            assert!(
                !attribute.starts_with("on") && attribute != "src" && attribute != "style",
                "{name}: attribute {attribute} in {tag}"
            );
        }
    }
    for fetch in ["url(", "@import"] {
        assert!(
            !page.contains(fetch),
            "{name}: the page must not contain {fetch}"
        );
    }
    // Ids are unique and every internal link lands on one.
    let ids = attribute_values(page, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{name}: duplicate ids");
    for href in attribute_values(page, "href") {
        if let Some(target) = href.strip_prefix('#') {
            assert!(
                unique.contains(&target.to_string()),
                "{name}: link to #{target} lands nowhere"
            );
        }
    }
    // What a Caf's annex plan leaves out is not linked to (Sud Vendée has no synthèse annex).
    for f in view.fiches.iter().filter(|_| view.liens.fiches) {
        assert!(
            unique.contains(&f.ancre),
            "{name}: fiche anchor {} missing",
            f.ancre
        );
        if let Some(axe) = f.axe.as_ref().filter(|_| view.liens.axes) {
            assert!(
                page.contains(&format!("href=\"#{}\"", axe.ancre)),
                "{name}: fiche {} links to its axe",
                f.id
            );
        }
        if f.dans_tableau_financier && view.liens.financements {
            assert!(
                page.contains(&format!("href=\"#{}\"", f.ancre_financements)),
                "{name}: fiche {} links to its funding",
                f.id
            );
            assert!(
                unique.contains(&f.ancre_financements),
                "{name}: funding row of {}",
                f.id
            );
        }
    }
    for a in view.axes.iter().filter(|_| view.liens.axes) {
        assert!(unique.contains(&a.ancre), "{name}: axe anchor {}", a.ancre);
    }
    for a in &view.articles {
        assert!(
            unique.contains(&a.ancre),
            "{name}: article anchor {}",
            a.ancre
        );
    }
    // Headings never skip a level.
    let mut previous = 1;
    for (i, _) in page.match_indices("<h") {
        let Some(level) = page[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(
            level <= previous + 1,
            "{name}: h{previous} followed by h{level}"
        );
        previous = level;
    }
    // Every table has a caption, and totals sit in a tfoot.
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<caption").count(),
        "{name}: captions"
    );
    assert!(!page.contains("<th>"), "{name}: every th has a scope");
}

#[test]
fn every_example_renders_an_accessible_page() {
    for name in EXAMPLES {
        let (view, page) = render(&root().join("conventions").join(name));
        assert_well_formed(name, &view, &page);
        for f in &view.fiches {
            assert!(
                page.contains(&html::escape(&f.titre)),
                "{name}: fiche title {}",
                f.titre
            );
        }
        for s in &view.signatures {
            assert!(
                page.contains(&html::escape(&s.nom)) || s.nom == view::TO_COMPLETE,
                "{name}: signatory {}",
                s.nom
            );
        }
        for p in &view.parties {
            assert!(
                page.contains(&html::escape(&p.nom)),
                "{name}: party {}",
                p.nom
            );
        }
        assert!(
            page.contains(&html::escape(&view.finances.total_general)),
            "{name}: grand total"
        );
        // The visible notice (the print style sheet names PROJET in every page).
        assert_eq!(
            page.contains("PROJET — document de travail"),
            view.projet,
            "{name}: draft marking"
        );
    }
}

#[test]
fn two_renders_are_byte_identical() {
    for name in EXAMPLES {
        let project = root().join("conventions").join(name);
        let (_, first) = render(&project);
        let (_, second) = render(&project);
        assert!(first == second, "{name}: two renders differ");
    }
}

const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\" onmouseover=\"",
    "javascript:alert(1)",
    "]]>",
];

#[test]
fn hostile_fields_stay_text() {
    let (view, page) = render(&root().join("tests/browser/hostile"));
    assert_well_formed("hostile", &view, &page);
    let lower = page.to_lowercase();
    for forbidden in [
        "<script",
        "<img",
        "<iframe",
        "<div onmouseover",
        "<b>",
        "<i ",
        " onmouseover=\"",
        "href=\"javascript:",
        "href=\"data:",
        "<![cdata[",
    ] {
        assert!(
            !lower.contains(forbidden),
            "hostile: {forbidden} reached the page"
        );
    }
    for text in HOSTILE {
        assert!(
            page.contains(&html::escape(text)),
            "hostile: {text} is not shown verbatim"
        );
    }
    // The Markdown links lost their destination but kept their text; the image kept its alt text.
    for text in [
        "lien javascript",
        "lien data",
        "lien masqué",
        "image",
        "cliquer",
        "piège",
    ] {
        assert!(page.contains(text), "hostile: {text}");
    }
    // A Markdown `#` heading in an annex cannot become a second h1.
    assert!(
        page.contains("<h3>Titre qui voudrait être un h1</h3>"),
        "hostile: annex heading level"
    );
}

#[test]
fn a_project_template_overrides_the_built_in_one() {
    let dir = std::env::temp_dir().join(format!("ctgc-html-override-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("convention.css.j2"), "body { color: black; }").unwrap();
    std::fs::write(
        dir.join("convention.html.j2"),
        "<p>{{ titre }}</p><style>{% include \"convention.css.j2\" %}</style>",
    )
    .unwrap();
    let comp = compile::compile(&root().join("tests/browser/hostile"), Options::default()).unwrap();
    let page = html::render(
        &view::build(&comp.model).unwrap(),
        &Templates::new(Some(dir.clone())),
    )
    .unwrap();
    assert!(page.starts_with("<p>Convention &lt;script&gt;alert(1)&lt;/script&gt; hostile</p><style>body { color: black; }"), "{page}");
    std::fs::write(dir.join("convention.html.j2"), "{{ titre | inconnu }}").unwrap();
    let err = html::render(
        &view::build(&comp.model).unwrap(),
        &Templates::new(Some(dir.clone())),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("convention.html.j2") && err.contains("filtre inconnu"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
#[ignore = "writes the pages to CTGC_HTML_DUMP for a manual look"]
fn dump() {
    let out =
        PathBuf::from(std::env::var("CTGC_HTML_DUMP").unwrap_or_else(|_| "/tmp/htmlout".into()));
    for name in EXAMPLES {
        std::fs::write(
            out.join(format!("{name}.html")),
            render(&root().join("conventions").join(name)).1,
        )
        .unwrap();
    }
    let comp = compile::compile(&root().join("tests/browser/hostile"), Options::default()).unwrap();
    std::fs::write(
        out.join("hostile.html"),
        html::render(&view::build(&comp.model).unwrap(), &Templates::new(None)).unwrap(),
    )
    .unwrap();
}

#[test]
fn logos_are_embedded_as_data_uris() {
    let project = root().join("tests/browser/logos");
    let comp = compile::compile(&project, Options::default()).unwrap();
    let view = view::build(&comp.model).expect("the view builds");
    let (embedded, warnings) = logos::load(&view, &comp.project.dir);
    assert!(warnings.is_empty(), "{warnings:?}");
    let page = html::render_with_logos(&view, &Templates::new(None), &embedded).unwrap();
    assert!(
        page.contains("<img src=\"data:image/svg+xml;base64,"),
        "svg logo"
    );
    assert!(
        page.contains("<img src=\"data:image/png;base64,"),
        "png logo"
    );
    assert!(
        page.contains("alt=\"Logo de la\u{a0}Caf du\u{a0}Val\""),
        "alternative text"
    );
    // In the signature cells, next to the body's name, the logo is decorative.
    assert!(
        page.contains("<img class=\"logo\" src=\"data:image/png;base64,"),
        "signature logo"
    );
    // Without the files, the page still renders, with a warning per logo.
    let (none, warnings) = logos::load(&view, &std::env::temp_dir().join("ctgc-sans-logos"));
    assert!(none.is_empty());
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("logo « logos/caf.svg » absent de la page HTML"),
        "{warnings:?}"
    );
    let page = html::render_with_logos(&view, &Templates::new(None), &none).unwrap();
    assert!(!page.contains("<img"));
}

/// Runs `ctgc build` with typst out of reach.
fn build_html(project: &Path, out: &Path, format: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args([
            "build",
            project.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            format,
        ])
        .args(["--typst", "/nonexistent/typst"])
        .env("NO_COLOR", "1")
        .env_remove("CTGC_TYPST")
        .output()
        .expect("ctgc runs")
}

#[test]
fn ctgc_build_writes_the_page_without_typst() {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-build");
    let _ = std::fs::remove_dir_all(&base);
    for name in EXAMPLES.iter().copied().chain(["logos"]) {
        let project = if name == "logos" {
            root().join("tests/browser/logos")
        } else {
            root().join("conventions").join(name)
        };
        let (first, second) = (base.join(name).join("1"), base.join(name).join("2"));
        for out in [&first, &second] {
            let o = build_html(&project, out, "html");
            assert_eq!(
                o.status.code(),
                Some(0),
                "{name}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        // The pages of the convention, of its avenants and of each year's bilan (docs/bilan.md),
        // besides the lock that serialises builds of one directory (docs/build.md).
        let comp = compile::compile(&project, Options::default()).unwrap();
        let bilans = bilan::every(&comp.model).into_iter().map(|r| {
            let kind = if r.finale {
                "evaluation-finale"
            } else {
                "bilan"
            };
            format!("{name}-{kind}-{}.html", r.annee)
        });
        let mut files: Vec<String> = std::fs::read_dir(&first)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".ctgc-lock")
            .collect();
        files.sort();
        let mut pages: Vec<String> = support::documents(name)
            .iter()
            .map(|d| format!("{d}.html"))
            .chain(bilans)
            .collect();
        pages.sort();
        assert_eq!(
            files, pages,
            "{name}: an HTML-only build writes the pages alone (the convention's, its avenants', its bilans')"
        );
        for file in &pages {
            assert!(
                std::fs::read(first.join(file)).unwrap()
                    == std::fs::read(second.join(file)).unwrap(),
                "{name}: two builds of {file} differ"
            );
        }
        let page = std::fs::read(first.join(format!("{name}.html"))).unwrap();
        assert!(
            page == std::fs::read(second.join(format!("{name}.html"))).unwrap(),
            "{name}: two builds differ"
        );
        // The same page as the renderer's, logos included.
        let view = view::build(&comp.model).expect("the view builds");
        let (embedded, _) = logos::load(&view, &comp.project.dir);
        let templates = Templates::new(Some(comp.project.dir.join("templates")));
        assert!(
            page == html::render_with_logos(&view, &templates, &embedded)
                .unwrap()
                .into_bytes(),
            "{name}: build and renderer differ"
        );
    }
}

#[test]
fn a_template_error_fails_the_build_with_a_french_message() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-template-error");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::copy(
        root().join("tests/browser/hostile/convention.ctg"),
        dir.join("convention.ctg"),
    )
    .unwrap();
    std::fs::write(
        dir.join("templates/convention.html.j2"),
        "{% for f in fiches %}{{ f.inconnu }}{% endfor %}",
    )
    .unwrap();
    let o = build_html(&dir, &dir.join("build"), "html");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("la page HTML n'a pas pu être produite")
            && err.contains("templates/convention.html.j2"),
        "{err}"
    );
    assert!(
        !dir.join("build/convention.html").exists(),
        "no page after a failed build"
    );
}

#[test]
fn an_article_placeholder_that_cannot_be_filled_fails_the_build_as_a_template_defect() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-article-error");
    let _ = std::fs::remove_dir_all(&out);
    let project = root().join("conventions/carlades");
    let mut comp = compile::compile(&project, Options::default()).unwrap();
    // As if an articles.yaml had slipped past the checks: the text is never printed as written.
    comp.model.default_articles[1].texte = "Les champs : {{ champs_prioritaires }}.".into();
    let id = comp.model.default_articles[1].id.clone();
    let err = view::build(&comp.model).unwrap_err();
    assert_eq!(
        err.message(),
        format!(
            "texte de l'article « {id} » (articles.yaml), ligne 1 : variable ou attribut inconnu « champs_prioritaires »"
        )
    );
    let options = ctgc::build::Options {
        out_dir: Some(out.clone()),
        formats: ctgc::build::parse_formats(&["html".into()]).unwrap(),
        typst: None,
        typst_lookup: None,
        pdf_standard: "a-2b".into(),
    };
    let mut log = ctgc::build::Log::default();
    match ctgc::build::build(&project, &comp, &options, &mut log) {
        Err(ctgc::build::Failure::Template { message, evidence }) => {
            assert_eq!(
                message,
                format!("les articles par défaut n'ont pas pu être complétés — {err}")
            );
            assert!(evidence.is_empty());
        }
        other => panic!("a template defect was expected: {other:?}"),
    }
    assert!(
        !out.join("carlades.html").exists(),
        "no page after a failed build"
    );
}
