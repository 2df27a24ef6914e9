//! Citations in texts (`{{ article duree }}`, `{{ debut }}`): the sentence each kind prints in
//! the Typst source and the HTML page, the PDF's text after a renumbering, the links of both
//! documents, hostile titles and ids, `ctgc fmt` and `ctgc diff`.

mod support;

use ctgc::compile::{Options, analyse_file};
use ctgc::render::{Templates, html, typst, view};
use support::scratch::{Scratch, ctgc};

const CONVENTION: &str = r#"convention "CTG des Aires" {
  territoire "Le Pays des Aires"
  période 2023 .. 2026
  signature 13 janvier 2023
}
signataire caf "Caisse d'allocations familiales" {
  nature caf
  représentant "Directrice" Mme "Anne Durand"
}
signataire cc "Communauté de communes" {
  nature epci
  représentant "Président" M. "Jean Dupont"
}
axe pe "Petite enfance" { objectif creche "Accueillir les jeunes enfants" }
fiche creche "Accueil du jeune enfant" {
  axe pe
  objectifs creche
  description """
    Article : {{ article duree }}.
    Annexe : {{ annexe financements }}.
    Fiche : {{ fiche rpe }}.
    Axe : {{ axe pe }}.
    Objectif : {{ objectif creche }}.
    Instance : au {{ instance copil }}.
    Période : du {{ debut }} au {{ fin }}, signée le {{ signature }}.
    Territoire : de {{ territoire }}, {{ nombre_fiches }} fiches, {{ nombre_axes }} axe.
    Totaux : {{ total }} dont {{ total caf }}.
    Accolades : \{{ debut }}.
  """
  financement caf 2023 .. 2026 1 000 € par an
}
fiche rpe "Relais petite enfance" { axe pe }
instance copil "Comité de pilotage" { type copil }
"#;

/// The lines of TEXT that hold one of the description's labels, in order.
fn sentences(text: &str) -> String {
    let labels = [
        "Article :",
        "Annexe :",
        "Fiche :",
        "Axe :",
        "Objectif :",
        "Instance :",
        "Période :",
        "Territoire :",
        "Totaux :",
        "Accolades :",
    ];
    let mut out = String::new();
    for label in labels {
        let typographic = label.replace(" :", "\u{202f}:");
        let at = text
            .find(&typographic)
            .unwrap_or_else(|| panic!("« {label} » not in:\n{text}"));
        let rest = &text[at..];
        let end = labels
            .iter()
            .filter_map(|l| rest[1..].find(&l.replace(" :", "\u{202f}:")).map(|i| i + 1))
            .chain(rest.find("</p>"))
            .chain(rest.find('\n'))
            .min()
            .unwrap_or(rest.len());
        out.push_str(rest[..end].trim_end());
        out.push('\n');
    }
    out
}

fn documents(source: &str) -> (String, String) {
    let comp = analyse_file("convention.ctg", source.as_bytes(), Options::default()).unwrap();
    assert!(
        comp.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        comp.diagnostics
    );
    let v = view::build(&comp.model).unwrap();
    let templates = Templates::new(None);
    (
        typst::render(&v, &templates).unwrap(),
        html::render(&v, &templates).unwrap(),
    )
}

#[test]
fn each_kind_prints_its_sentence_in_typst_and_html() {
    let (typ, page) = documents(CONVENTION);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/citations");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!("typst", sentences(&typ));
        insta::assert_snapshot!("html", sentences(&page));
    });
}

#[test]
fn the_page_links_each_citation_to_an_element_it_holds() {
    let (_, page) = documents(CONVENTION);
    let mut links = 0;
    for (at, _) in page.match_indices("<a href=\"#") {
        let anchor = &page[at + 10..];
        let anchor = &anchor[..anchor.find('"').unwrap()];
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "#{anchor} leads nowhere"
        );
        links += 1;
    }
    for anchor in [
        "article-10",
        "annexe-financements",
        "fiche-rpe",
        "axe-pe",
        "objectif-creche",
        "instance-copil",
    ] {
        assert!(
            page.contains(&format!("<a href=\"#{anchor}\">")),
            "no citation of #{anchor}"
        );
    }
    assert!(links > 6);
}

#[test]
fn hostile_titles_and_ids_stay_text() {
    let hostile = CONVENTION
        .replace(
            "fiche rpe \"Relais petite enfance\"",
            r#"fiche rpe "]; #eval(\"1\") <script>alert(1)</script> *x* [y](javascript:z) {{ fin }}""#,
        )
        .replace(
            "Accolades : \\{{ debut }}.",
            "Accolades : \\{{ debut }}. {{ fiche ]#eval(x) }} {{ fiche <b> }}",
        );
    let (typ, page) = documents(&hostile);
    let line = typ.lines().find(|l| l.contains("Fiche\u{202f}:")).unwrap();
    // The title is text: every Typst sign escaped, the citation inside it not printed.
    assert!(
        line.contains(r#"\]; \#eval\(\"1\"\) \<script\>alert\(1\)\<\/script\> \*x\* \[y\]\(javascript:z\) \{\{ fin \}\}"#),
        "{line}"
    );
    assert!(!typ.contains("#eval(") && !typ.contains("javascript:z)["));
    assert!(typ.contains(r"\{\{ fiche \]\#eval\(x\) \}\}"), "{typ}");
    assert!(!page.contains("<script>") && !page.contains("<b>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("{{ fiche &lt;b&gt; }}"));
}

#[test]
fn fmt_leaves_citations_as_written() {
    let formatted = ctgc::format::format(CONVENTION, ctgc::source::FileId(0)).unwrap();
    for citation in [
        "{{ article duree }}",
        "au {{ instance copil }}",
        "du {{ debut }} au {{ fin }}",
        "{{ total caf }}",
        "\\{{ debut }}",
    ] {
        assert!(formatted.contains(citation), "{citation}:\n{formatted}");
    }
}

/// The project of CONVENTION with an article before `objet`, when MOVED: every article after it
/// takes the next number.
fn project(moved: bool) -> Scratch {
    let s = Scratch::new("citations");
    let extra = if moved {
        "article nouveau \"Nouvel article\" { avant objet\n  texte \"Texte.\" }\n"
    } else {
        ""
    };
    s.write("convention.ctg", format!("{CONVENTION}{extra}"));
    s
}

#[test]
fn diff_of_a_renumbering_shows_no_text_change() {
    let (old, new) = (project(false), project(true));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["diff", "--format", "text"])
        .arg(old.path("convention.ctg"))
        .arg(new.path("convention.ctg"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("duree 10 → 11"), "{report}");
    // The citation is written the same: the fiche's text did not change.
    assert!(!report.contains("description"), "{report}");
}

const LINKS: &str = r#"
import sys, json, pypdf
r = pypdf.PdfReader(sys.argv[1])
pages = {p.indirect_reference.idnum: i for i, p in enumerate(r.pages)}
named = r.named_destinations
out = []
for i, page in enumerate(r.pages):
    for a in page.get('/Annots') or []:
        a = a.get_object()
        if a.get('/Subtype') != '/Link':
            continue
        act = a.get('/A')
        dest = act.get('/D') if act is not None and act.get('/S') == '/GoTo' else a.get('/Dest')
        if dest is None:
            continue
        if isinstance(dest, str) or not hasattr(dest, '__getitem__'):
            dest = named[str(dest)]
            target = r.get_destination_page_number(dest)
        else:
            target = pages.get(dest[0].idnum)
        out.append([i, target])
print(json.dumps({'links': out, 'pages': [p.extract_text() for p in r.pages]}))
"#;

#[test]
fn the_pdf_prints_the_current_number_and_links_to_the_article() {
    if std::process::Command::new("typst")
        .arg("--version")
        .output()
        .is_err()
    {
        support::missing_tool("typst");
        return;
    }
    for (moved, numero) in [(false, "10"), (true, "11")] {
        let s = project(moved);
        let (code, err) = ctgc(&["build", ".", "-o", "out", "--format", "pdf"], &s.dir);
        assert_eq!(code, 0, "{err}");
        // The PDF is named after the project's directory.
        let pdf = std::fs::read_dir(s.path("out"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "pdf"))
            .unwrap();
        let v = support::pypdf(LINKS, &pdf);
        let pages: Vec<String> = v["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| support::pdf::flat(p.as_str().unwrap()))
            .collect();
        let cited = format!(
            "Article\u{202f}: l’article {numero} «\u{202f}La durée de la convention\u{202f}»"
        );
        let from = pages
            .iter()
            .position(|p| p.contains(&cited))
            .unwrap_or_else(|| panic!("« {cited} » not in the PDF:\n{}", pages.join("\n")));
        let heading = format!("Article {numero} — La durée de la convention");
        // The last page that names it: the first is the table of contents.
        let to = pages.iter().rposition(|p| p.contains(&heading)).unwrap();
        let links: Vec<(u64, u64)> = v["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| Some((l[0].as_u64()?, l[1].as_u64()?)))
            .collect();
        assert!(
            links.contains(&(from as u64, to as u64)),
            "no link from page {from} to page {to}: {links:?}"
        );
    }
}
