//! Avenants end to end: each avenant's PDF holds its changes in the order declared, the
//! consolidated PDF marks what they changed and totals the consolidated money, the convention as
//! signed stays buildable, and `ctgc diff` shows avenants and warns when the text of a signed
//! convention changes outside them. On the Pays de L'Aigle 2018 example and the two fixtures of
//! `tests/avenants/` (Val de l'Eyre style; a prolongation with a fiche and a funding change).
//!
//! Needs `typst` and `python3` with `pypdf` for the PDF tests (`scripts/ensure-tools test`).

mod support;
mod vcs;
use support::pdf::{Pdf, compact, flat, read_pdf};
use support::planted::{copy_dir, edit};
use vcs::git;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ctgc::compile::{Options, compile};

fn ctgc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("CTGC_TYPST")
        .output()
        .expect("ctgc runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("avenants")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Builds PROJECT (relative to the repository) with EXTRA arguments into a fresh directory.
fn build(project: &str, name: &str, extra: &[&str]) -> PathBuf {
    let out = scratch(name);
    let mut args = vec!["build", project, "-o", out.to_str().unwrap()];
    args.extend(extra);
    let o = ctgc(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{project}: {}", stderr(&o));
    out
}

/// The flattened text of a built PDF, typographic apostrophes made straight.
fn text(pdf: &Pdf) -> String {
    flat(&pdf.text).replace('’', "'")
}

/// Without the kinds of its spaces (no-break or not): `n° 1` however it is spaced.
fn spaced(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

/// Asserts that TEXT holds every one of PHRASES, in that order (spaces of any kind alike).
fn in_order(what: &str, text: &str, phrases: &[&str]) {
    let text = spaced(text);
    let mut from = 0;
    for p in phrases {
        let p = spaced(p);
        match text[from..].find(&p) {
            Some(i) => from += i + p.len(),
            None => panic!("{what}: « {p} » missing, or out of order, after byte {from}:\n{text}"),
        }
    }
}

#[test]
fn each_avenant_pdf_holds_its_changes_in_the_order_declared() {
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            "conventions/pays-de-l-aigle-2018",
            "pays-de-l-aigle-2018",
            &[
                "Avenant n°\u{a0}1 à la Convention territoriale globale",
                "Vu la convention territoriale globale",
                "Article 1er — Objet de l'avenant",
                "faire entrer la ville de L'Aigle",
                "La Commune de L'Aigle devient signataire de la convention",
                "La Commune de Rai devient signataire de la convention",
                "« Mettre en œuvre le plan mercredi à L'Aigle » est ajoutée à l'annexe",
                "Les financements de la fiche action 2.2",
                "Les autres dispositions de la convention demeurent inchangées",
                "Signatures",
                "Fait à",
                "en janvier 2020",
            ],
        ),
        (
            "tests/avenants/val-de-l-eyre",
            "val-de-l-eyre",
            &[
                "Avenant n°\u{a0}1 à la Convention territoriale globale du Val de l'Eyre",
                "La Commune de Belin-Béliet",
                "dûment autorisé à signer le présent avenant",
                "La Commune de Saint-Magne",
                "Vu la convention territoriale globale du Val de l'Eyre signée le 1er janvier 2020",
                "est modifiée et complétée par un schéma de",
                "Article 1er — Objet de l'avenant",
                "Article 2 — Ajout d'une annexe",
                "« Schéma de développement », rédigée comme suit",
                "Article 3 — Modification de l'article 5",
                "« Les engagements des partenaires » est remplacé par les dispositions suivantes",
                "Les communes s'engagent à mettre en œuvre le schéma",
                "Les autres dispositions de la convention demeurent inchangées",
                "Mme Charles",
            ],
        ),
        (
            "tests/avenants/prolongation",
            "prolongation",
            &[
                "Article 2 — Prolongation de la convention",
                "La convention est prolongée jusqu'au 31 décembre 2024",
                "Article 3 — Ajout d'une fiche action",
                "« Créer un conseil des jeunes » est ajoutée à l'annexe 2",
                "Article 4 — Modification des financements",
                "« Ouvrir un lieu d'accueil enfants-parents » sont remplacés par les suivants",
                "2020-2024 12\u{202f}000\u{a0}€ par an",
                "Les autres dispositions de la convention demeurent inchangées",
            ],
        ),
    ];
    for (project, name, phrases) in cases {
        let out = build(project, name, &["--format", "pdf"]);
        let pdf = read_pdf(&out.join(format!("{name}-avenant-1.pdf")));
        in_order(name, &text(&pdf), phrases);
        // No day invented for a date known to the month.
        if name == "pays-de-l-aigle-2018" {
            assert!(
                !text(&pdf).contains("er janvier 2020"),
                "{name}: a day was invented"
            );
        }
    }
}

#[test]
fn the_consolidated_pdf_marks_the_changes_and_totals_the_consolidated_money() {
    let out = build(
        "tests/avenants/prolongation",
        "consolidated",
        &["--format", "pdf"],
    );
    let consolidated = text(&read_pdf(&out.join("prolongation.pdf")));
    in_order(
        "consolidated",
        &consolidated,
        &[
            "Avenant n°\u{a0}1",
            "10 septembre 2023",
            "du 1er janvier 2020 au 31 décembre 2024",
            "Financements modifiés par l'avenant n°\u{a0}1 du 10 septembre 2023",
            "Créer un conseil des jeunes",
            "Ajoutée par l'avenant n°\u{a0}1 du 10 septembre 2023",
        ],
    );
    // 5 years of 12 000 + 5 000 €, and the new fiche's 3 000 €: the model's total.
    let comp = compile(
        &root().join("tests/avenants/prolongation"),
        Options::default(),
    )
    .unwrap();
    let total = ctgc::totals::compute(&comp.model).general.french();
    assert_eq!(total, "88\u{202f}000\u{a0}€");
    assert!(
        consolidated.contains(&format!(
            "Total général des financements inscrits à la convention\u{202f}: {total}"
        )),
        "{consolidated}"
    );

    // As signed: no avenant, no mark, the period and the money of 2020.
    let out = build(
        "tests/avenants/prolongation",
        "initiale",
        &["--format", "pdf", "--version", "initiale"],
    );
    let files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(files, ["prolongation.pdf"], "no avenant document");
    let signed = text(&read_pdf(&out.join("prolongation.pdf")));
    assert!(!signed.contains("par l'avenant n°"), "{signed}");
    assert!(!signed.contains("Créer un conseil des jeunes"));
    assert!(
        compact(&signed).contains(&compact(
            "Total général des financements inscrits à la convention\u{202f}: 60\u{202f}000\u{a0}€"
        )),
        "{signed}"
    );
}

#[test]
fn an_unknown_version_or_avenant_is_a_french_usage_error() {
    let project = root().join("tests/avenants/prolongation");
    let p = project.to_str().unwrap();
    let o = ctgc(&["build", p, "--version", "finale"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("version «\u{202f}finale\u{202f}» inconnue"),
        "{}",
        stderr(&o)
    );
    let o = ctgc(&["export", p, "--jusqu-a", "3"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("la convention n'a pas d'avenant n° 3"),
        "{}",
        stderr(&o)
    );
    let o = ctgc(&["export", p, "--jusqu-a", "1"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v["avenants"][0]["changements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["prolonge", "ajoute-fiche", "remplace-financements"]);
    assert_eq!(v["avenants"][0]["changements"][0]["fin"], "2024-12-31");
}

/// A git repository holding the prolongation fixture, committed.
fn repository(name: &str) -> PathBuf {
    let repo = scratch(name);
    git(&repo, &["init", "-q"]);
    copy_dir(&root().join("tests/avenants/prolongation"), &repo);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Convention signée"]);
    repo
}

#[test]
fn diff_shows_avenants_added_and_changed() {
    let repo = repository("diff");
    let main = repo.join("convention.ctg");
    edit(&main, "date 10 septembre 2023", "date 12 septembre 2023");
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str(
        "\navenant 2 {\n  date 1er mars 2024\n  lieu \"Exemple\"\n  signataires cc, caf\n  prolonge 2025\n}\n",
    );
    std::fs::write(&main, text).unwrap();
    let o = ctgc(&["diff", "--git", "HEAD", "--format", "json"], &repo);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let avenants: Vec<(String, String, String)> = v["changements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["element"] == "avenant")
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
                c["champ"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        avenants,
        [
            ("1".into(), "modification".into(), "date".into()),
            ("2".into(), "ajout".into(), String::new())
        ]
    );
    let o = ctgc(&["diff", "--git", "HEAD"], &repo);
    let out = stdout(&o);
    assert!(out.contains("Avenants"), "{out}");
    assert!(
        out.contains("+ avenant n° 2 — prolonge jusqu'au 31 décembre 2025"),
        "{out}"
    );
    // The consolidated convention follows: its period ends a year later.
    assert!(
        out.contains("période : 2020 .. 2024 → 2020 .. 2025"),
        "{out}"
    );
    // Changing avenants leaves the signed text alone: no warning.
    let o = ctgc(&["diff", "--git", "HEAD", "--format", "github"], &repo);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("::warning"), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("::notice"), "{}", stdout(&o));
}

#[test]
fn a_signed_text_changed_outside_an_avenant_is_a_github_warning() {
    let repo = repository("signed");
    let main = repo.join("convention.ctg");
    edit(
        &main,
        "pilote cc\n  calendrier 2020",
        "pilote caf\n  calendrier 2020",
    );
    let o = ctgc(&["diff", "--git", "HEAD", "--format", "github"], &repo);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = spaced(&stdout(&o));
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("::warning")).collect();
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(
        warnings[0]
            .contains("« Ouvrir un lieu d'accueil enfants-parents » change hors avenant (pilote)"),
        "{out}"
    );
    assert!(
        warnings[0].contains("title=ctgc diff %3A convention signée"),
        "{out}"
    );

    // A draft changes freely.
    edit(&main, "statut signée", "statut projet");
    git(&repo, &["commit", "-q", "-am", "Projet"]);
    edit(
        &main,
        "pilote caf\n  calendrier 2020",
        "pilote cc\n  calendrier 2020",
    );
    let o = ctgc(&["diff", "--git", "HEAD", "--format", "github"], &repo);
    assert!(!stdout(&o).contains("::warning"), "{}", stdout(&o));
}

/// Every page after the cover, « Version consolidée » included, carries the running header, with
/// the typographic apostrophe of the text (« L’Aigle », not « L'Aigle »).
#[test]
fn every_page_after_the_cover_has_the_running_header() {
    let out = build(
        "conventions/pays-de-l-aigle-2018",
        "header",
        &["--format", "pdf"],
    );
    for file in [
        "pays-de-l-aigle-2018.pdf",
        "pays-de-l-aigle-2018-avenant-1.pdf",
    ] {
        let pdf = read_pdf(&out.join(file));
        let pages: Vec<&str> = pdf.text.split('\u{c}').collect();
        assert!(pages.len() > 3, "{file}: {} pages", pages.len());
        for (n, page) in pages.iter().enumerate().skip(1) {
            let first = spaced(page.lines().next().unwrap_or_default());
            assert!(
                first.starts_with("Annexe")
                    || first.contains("Convention territoriale globale des Pays de L’Aigle"),
                "{file}, page {}: « {first} »",
                n + 1
            );
            assert!(!first.contains('\''), "{file}, page {}: « {first} »", n + 1);
        }
    }
}

/// The avenant's page embeds the logos of its signataires, a commune that joins by the avenant
/// included, as the convention's page does; a logo's warning is given once for both pages.
#[test]
fn the_avenant_page_embeds_the_logos_of_its_signataires() {
    let dir = scratch("logos");
    let project = dir.join("val");
    copy_dir(&root().join("tests/browser/logos"), &project);
    std::fs::copy(
        project.join("logos/cc.png"),
        project.join("logos/commune.png"),
    )
    .unwrap();
    let mut text = std::fs::read_to_string(project.join("convention.ctg")).unwrap();
    text.push_str(
        r#"
commune logoville "Logoville"

avenant 1 {
  date 2 février 2026
  lieu "Logoville"
  signataires caf, cc, logoville
  ajoute-signataire logoville {
    représentant "Maire" à compléter
    délibération "Conseil municipal" à compléter
    logo "logos/commune.png" "Logo de Logoville"
  }
}
"#,
    );
    std::fs::write(project.join("convention.ctg"), text).unwrap();
    let out = dir.join("sortie");
    let o = ctgc(
        &[
            "build",
            project.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "html",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("val-avenant-1.html")).unwrap();
    assert!(
        page.contains("<img src=\"data:image/svg+xml;base64,"),
        "caf logo"
    );
    assert!(
        page.contains("alt=\"Logo de\u{a0}Logoville\""),
        "the commune that joins"
    );
    // One per signature cell: the Caf's two representatives, the EPCI, the commune.
    assert_eq!(
        page.matches("<img class=\"logo\" src=\"data:").count(),
        4,
        "{page}"
    );
}
