//! A Caf's own model end to end: `conventions/sud-vendee-littoral` names
//! `models/sud-vendee-littoral` in its ctgc.yaml; its PDF, read back with pypdf, lists the
//! model's article préliminaire, twelve articles and eight annexes in the model's order, and its
//! documents wear the model's house style.
//!
//! Needs `typst` and `python3` with `pypdf` (`scripts/ensure-tools test`).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("caf_model")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Builds the Sud Vendée example into a fresh directory: the output directory.
fn build(name: &str) -> PathBuf {
    let out = scratch(name);
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["build", "conventions/sud-vendee-littoral", "-o"])
        .arg(&out)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("ctgc runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// The PDF's bookmarks of the first level, in order, and the text of its pages.
fn outline_and_text(pdf: &Path) -> (Vec<String>, String) {
    const SCRIPT: &str = r#"
import sys, json, pypdf
r = pypdf.PdfReader(sys.argv[1])
print(json.dumps({
    'outline': [o.title for o in r.outline if not isinstance(o, list)],
    'text': '\f'.join(p.extract_text() for p in r.pages),
}))
"#;
    let v = support::pypdf(SCRIPT, pdf);
    let outline = v["outline"]
        .as_array()
        .expect("outline")
        .iter()
        .map(|t| t.as_str().unwrap_or_default().to_string())
        .collect();
    (outline, v["text"].as_str().unwrap_or_default().to_string())
}

#[test]
fn the_sud_vendee_model_gives_its_articles_and_annexes_in_order() {
    let out = build("sud-vendee");
    let (outline, text) = outline_and_text(&out.join("sud-vendee-littoral.pdf"));
    let listed: Vec<&str> = outline
        .iter()
        .map(String::as_str)
        .filter(|t| t.starts_with("Article ") || t.starts_with("Annexe "))
        .collect();
    assert_eq!(
        listed,
        [
            "Article préliminaire — Préambule",
            "Article 1er — Objet de la convention territoriale globale de services aux familles",
            "Article 2 — Les champs d’intervention de la\u{a0}Caf",
            "Article 3 — Les champs d’intervention de la collectivité",
            "Article 4 — Les champs d’intervention à privilégier au regard des besoins",
            "Article 5 — Engagements des partenaires",
            "Article 6 — Modalités de collaboration",
            "Article 7 — Échanges de données",
            "Article 8 — Le suivi et l’évaluation",
            "Article 9 — La communication",
            "Article 10 — Durée de la convention",
            "Article 11 — Exécution formelle de la convention",
            "Article 12 — Confidentialité",
            "Annexe 1 — Moyens mobilisés par chaque partenaire dans le cadre des objectifs partagés",
            "Annexe 2 — Diagnostic partagé",
            "Annexe 3 — La gouvernance",
            "Annexe 4 — Les fiches actions",
            "Annexe 5 — L’évaluation",
            "Annexe 6 — Décision du conseil communautaire",
            "Annexe 7 — Conventions d’échange de données",
            "Annexe 8 — Plan d’action du\u{a0}Contrat local de santé",
        ],
        "« la Caf » and « du Contrat » keep their no-break spaces"
    );
    // The annexes the convention does not write yet keep their place, marked as gaps; the
    // Durée article is filled in from the period.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("[à compléter]"), "{flat}");
    assert!(
        flat.contains("pour la période du 1er janvier 2019 au 31 décembre 2022"),
        "{flat}"
    );
    // The generated annexes the model leaves out are not printed.
    assert!(
        !outline.iter().any(|t| t.contains("Synthèse")),
        "{outline:?}"
    );
    assert!(
        !outline.iter().any(|t| t.contains("Équipements")),
        "{outline:?}"
    );
}

#[test]
fn the_documents_wear_the_models_house_style() {
    let out = build("style");
    let typ = std::fs::read_to_string(out.join("sud-vendee-littoral.typ")).unwrap();
    assert!(typ.contains(r##"#let couleur = rgb("#0b5c7a")"##), "{typ}");
    assert!(typ.contains(r##"#let discret = rgb("#4f5b66")"##), "{typ}");
    // The bandeau cover: the title on a band of the main colour.
    assert!(
        typ.contains("#block(width: 100%, fill: couleur, inset: (x: 1cm, y: 1.2cm))"),
        "{typ}"
    );
    let html = std::fs::read_to_string(out.join("sud-vendee-littoral.html")).unwrap();
    assert!(html.contains("--accent: #0b5c7a;"), "{html}");
    assert!(html.contains("--discret: #4f5b66;"), "{html}");
}

#[test]
fn a_new_project_names_the_model_and_checks_with_it() {
    let root = scratch("nouveau");
    let dir = root.join("ctg-sud");
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/sud-vendee-littoral");
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("ctgc runs")
    };
    let o = run(&[
        "new".as_ref(),
        dir.as_os_str(),
        "--modèle".as_ref(),
        model.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let yaml = std::fs::read_to_string(dir.join("ctgc.yaml")).unwrap();
    let written = yaml
        .lines()
        .find_map(|l| l.strip_prefix("modèle: "))
        .expect("modèle: in ctgc.yaml");
    let rel = written.split_whitespace().next().unwrap();
    assert!(rel.starts_with("../"), "a relative path: {rel}");
    assert_eq!(
        dir.join(rel).canonicalize().unwrap(),
        model.canonicalize().unwrap()
    );
    let o = run(&["check".as_ref(), dir.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The model's plan is in force: its annexes the new project does not write are reported.
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("ctg::annexe::manquante"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A directory that is not a model is refused, and nothing is written.
    let o = run(&[
        "new".as_ref(),
        root.join("autre").as_os_str(),
        "--modèle".as_ref(),
        root.as_os_str(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("modele.yaml"));
    assert!(!root.join("autre/convention.ctg").exists());
}

/// A model whose annex plan leaves the fiches out (Sud Vendée already leaves the synthèse out):
/// the documents build, nothing links to what is not printed — typst would refuse the PDF, and
/// the page would have links that lead nowhere.
#[test]
fn a_plan_without_the_fiches_builds_and_links_only_to_what_it_prints() {
    let root = scratch("sans-fiches");
    support::planted::copy_dir(Path::new("models"), &root.join("models"));
    let project = root.join("conventions/sud-vendee-littoral");
    support::planted::copy_dir(Path::new("conventions/sud-vendee-littoral"), &project);
    let manifest = root.join("models/sud-vendee-littoral/modele.yaml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let line = "  - fiches: Les fiches actions\n";
    assert!(text.contains(line));
    std::fs::write(&manifest, text.replace(line, "")).unwrap();
    let out = root.join("sortie");
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["build", ".", "-o"])
        .arg(&out)
        .current_dir(&project)
        .env("NO_COLOR", "1")
        .output()
        .expect("ctgc runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("sud-vendee-littoral.html")).unwrap();
    for target in ["#fiche-", "#axe-", "#objectif-", "#financements-fiche-"] {
        assert!(!page.contains(&format!("href=\"{target}")), "{target}");
    }
    let typ = std::fs::read_to_string(out.join("sud-vendee-littoral.typ")).unwrap();
    assert!(!typ.contains("#link(<fiche-") && !typ.contains("#link(<axe-"));
    let (outline, _) = outline_and_text(&out.join("sud-vendee-littoral.pdf"));
    assert!(
        !outline.iter().any(|t| t.contains("fiches actions")),
        "{outline:?}"
    );
}
