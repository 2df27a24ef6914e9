//! The French a Caf's legal service signs, read back from the documents: `tests/french/le-barp`
//! (a commune-level CTG with « Le Barp » and « Les Herbiers », an MSA, a Première Adjointe, a
//! signature known to the month, visas ending in an abbreviation, a partenaire, one-line
//! descriptions full of Markdown signs, a Markdown table, grouped numbers, 9 999 999,99 € a
//! year over six years, some of it prévisionnel, a 51-character word in the title) is built,
//! and its PDF is read with pypdf, its HTML page and Typst source as text.
//!
//! Needs `typst` and `python3` with `pypdf` (`scripts/ensure-tools test`).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const PROJECT: &str = "tests/french/le-barp";

/// Builds the project into a fresh directory; returns it.
fn build() -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("french");
    let _ = std::fs::remove_dir_all(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["build", PROJECT, "-o", out.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("CTGC_TYPST")
        .output()
        .expect("ctgc runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The text of each page of a PDF, as pypdf extracts it.
fn pages(pdf: &Path) -> Vec<String> {
    let script = "import sys, json, pypdf\n\
                  print(json.dumps([p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages]))";
    serde_json::from_value(support::pypdf(script, pdf)).expect("a list of pages")
}

/// Text as read, for comparing sentences: soft hyphens of justified lines dropped, every run of
/// white space (line ends, no-break spaces) one space.
fn read(text: &str) -> String {
    let text = text.replace("\u{ad}\n", "").replace('\u{ad}', "");
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_documents_read_as_a_caf_signs_them() {
    let out = build();
    let pages = pages(&out.join("le-barp.pdf"));
    let text = read(&pages.join("\n"));
    let html = std::fs::read_to_string(out.join("le-barp.html")).expect("HTML page");
    let typst = std::fs::read_to_string(out.join("le-barp.typ")).expect("Typst source");
    let has = |sentence: &str| {
        assert!(
            text.contains(sentence),
            "the PDF lacks « {sentence} »:\n{text}"
        )
    };

    // The parties clause: commune names with their article, qualités as written, agreement.
    has(
        "La Caisse d’allocations familiales de la Gironde, représentée par le Président de son \
         Conseil d’administration, M. Jean Dupont, et par sa Directrice, [à compléter], dûment \
         autorisés à signer la présente convention, ci-après dénommée « la Caf » ;",
    );
    has(
        "La Commune du Barp, représentée par sa Première Adjointe au Maire, Mme Anne Sarrazin, \
         dûment autorisée à signer la présente convention par délibération du Conseil municipal \
         en date du jeudi 20 janvier 2022 (n° 2022-01) ;",
    );
    has(
        "La Commune des Herbiers, représentée par son Maire, [à compléter], dûment autorisé à \
         signer la présente convention.",
    );
    has(
        "Avec le concours des partenaires suivants, qui ne signent pas la présente convention : \
         Le Centre socio-culturel du Val de l’Eyre, dont le siège est situé 2 place de la Mairie, \
         33114 Le Barp, ci-après dénommé « le centre social ».",
    );
    // Visas: the renderer's punctuation, an abbreviation's point kept, nothing doubled.
    has(
        "Vu le Code de la sécurité sociale, notamment ses articles L. 227-1 et s. ; \
         Vu la loi n° 2015-991 du 7 août 2015 dite loi NOTRe ; \
         Vu la délibération du conseil d’administration de la Caf. Préambule",
    );
    // Signatures: « Fait au Barp », the month only, the cells.
    has("Fait au Barp, en octobre 2019, en 5 exemplaires originaux.");
    has("Pour la Commune du Barp La Première Adjointe au Maire Mme Anne Sarrazin");
    has("Pour la Commune des Herbiers Le Maire [à compléter]");

    // Default articles that know who signs: two communes, no EPCI, the MSA, no instance, and
    // the fiche called « action ».
    has(
        "la MSA, au titre de sa politique d’action sanitaire et sociale en milieu rural ; la \
         Commune du Barp et la Commune des Herbiers, au titre des compétences qu’elles exercent.",
    );
    has("La MSA s’engage à apporter sa connaissance des familles du monde rural");
    has(
        "et à mobiliser, selon la réglementation en vigueur et sous réserve des crédits \
         disponibles, le Bonus territoire",
    );
    has("La Commune du Barp et la Commune des Herbiers s’engagent à maintenir leurs financements");
    has("Il se décline en 1 action, qui figure en annexe. Chaque action précise son pilote");
    has("Les signataires se réunissent au moins une fois par an");
    has(
        "Toute modification de la présente convention (modification du plan d’actions ou des \
         financements)",
    );
    for absent in [
        "comité",
        "fiche",
        "adhésion d’une commune",
        "collectivités signataires",
    ] {
        assert!(
            !text.to_lowercase().contains(absent),
            "the PDF says « {absent} »"
        );
    }

    // One-line strings print as written; descriptions of axes and objectifs are in the PDF.
    has("Un axe *sans* Markdown : les **étoiles** restent.");
    has("1.1 Accueillir plus d’enfants Objectif décrit sur une ligne.");
    // A Markdown table is a table, never pipes; grouped numbers.
    has("Public Places 0-3 ans 48");
    assert!(!text.contains('|'), "raw pipes in the PDF");
    has("38 500 (2020) 42 000 (2024)");
    has("32 000 heures");

    // The financial annex: firm and prévisionnel apart, the clause, every amount whole.
    has(
        "Montants fermes : 109 999 999,89 € ; montants prévisionnels : 59 999 999,94 € ; total \
         des financements inscrits à la convention, prévisionnel compris : 169 999 999,83 €. Les \
         montants inscrits à la présente convention le sont sous réserve des crédits disponibles.",
    );
    let year = "9 999 999,99 €";
    has(&format!("Caf {} 59 999 999,94 €", [year; 6].join(" ")));
    has(&format!(
        "MSA — Grandir en milieu rural (prévisionnel) {} 59 999 999,94 €",
        [year; 6].join(" ")
    ));
    has(&format!(
        "Le Barp – {} 49 999 999,95 €",
        [year; 5].join(" ")
    ));
    has("Montants prévisionnels 9 999 999,99 € 9 999 999,99 €");
    has("Total, prévisionnel compris 19 999 999,98 € 29 999 999,97 €");
    assert!(
        !text.contains("€9") && !text.contains("€1") && !text.contains("€2"),
        "two amounts run together"
    );

    // The title names the period: the cover does not print it again; its 51-character word
    // breaks instead of running off the page, and comes back whole.
    let cover = &pages[0];
    assert_eq!(cover.matches("2019-2024").count(), 1, "{cover}");
    let word = "Anticonstitutionnellementintergouvernementalisation";
    assert!(
        !cover.contains(word),
        "the long word stands on one line: {cover}"
    );
    assert!(
        cover.split_whitespace().collect::<String>().contains(word),
        "{cover}"
    );
    // Running headers never wrap: the synthesis' header is cut with an ellipsis, on one line.
    let synthese = pages
        .iter()
        .find(|p| {
            p.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("Annexe 1 — Synthèse"))
        })
        .expect("the synthesis page, its header under the PROJET mark");
    let header = synthese.lines().nth(1).unwrap_or_default();
    assert!(
        header.starts_with("Annexe 1 — Synthèse du plan d’actions Convention territoriale globale")
            && header.ends_with('…'),
        "{header}"
    );

    // Typography: raised ordinals, no-break spaces where a line must not break.
    for source in [&typst, &html] {
        assert!(source.contains("12\u{a0}%"), "« 12 % » may break");
        assert!(source.contains("la\u{a0}Caf"), "« la Caf » may break");
    }
    assert!(typst.contains("M\\.\u{a0}Jean Dupont") && html.contains("M.\u{a0}Jean Dupont"));
    assert!(typst.contains("Article 1#super[er]") && typst.contains("Le 1#super[er] janvier"));
    assert!(html.contains("Article 1<sup>er</sup>") && html.contains("Le 1<sup>er</sup> janvier"));
    assert!(typst.contains("#sym.zws;"), "the long word may break");

    // The page: a « [à compléter] » in a name is highlighted in the text, never inside an
    // attribute or the title.
    assert!(
        html.contains("<meta name=\"author\" content=\"Caisse d&#39;allocations familiales de la Gironde, MSA [à compléter], Le Barp, Les Herbiers\">"),
        "meta author"
    );
    assert!(html.contains("MSA <span class=\"a-completer\">[à compléter]</span>"));
    let head = &html[..html.find("</head>").expect("head")];
    assert!(
        !head.contains("<span") && !head.contains("<sup"),
        "markup in the head"
    );
    assert!(html.contains("<th scope=\"col\" class=\"a-droite\">Places</th>"));
    assert!(html.replace('\u{a0}', " ").contains(
        "<li>Le Centre socio-culturel du Val de l&#39;Eyre, dont le siège est situé 2 place de la \
         Mairie, 33114 Le Barp, ci-après dénommé «\u{202f}le centre social\u{202f}».</li>"
    ));
}

#[test]
fn a_baseline_measured_when_the_action_starts_is_accepted() {
    let comp = ctgc::compile::compile(Path::new(PROJECT), ctgc::compile::Options::default())
        .expect("the project loads");
    assert!(!comp.has_errors(), "{:?}", comp.diagnostics);
    let codes: Vec<&str> = comp.diagnostics.iter().map(|d| d.rule.code).collect();
    assert!(
        !codes.contains(&"ctg::indicateur::depart-tardif")
            && !codes.contains(&"ctg::periode::indicateur-hors-periode"),
        "{codes:?}"
    );
    // `commune c3 à compléter`: a draft's gap, reported as such.
    assert!(
        comp.diagnostics
            .iter()
            .any(|d| d.rule.code == "ctg::brouillon::a-completer"
                && d.message.contains("nom de la commune")),
        "{codes:?}"
    );
}
