//! `ctgc build` end to end, with the real typst: the examples build, and their PDFs, read
//! back with pypdf, carry every fiche, every signatory and the model's totals; builds are
//! reproducible and PDF/A-2b; user text full of Typst and Markdown syntax prints verbatim; a
//! missing typst or a template defect fails cleanly and leaves the last good PDF in place.
//!
//! Needs `typst` (0.14 or later) and `python3` with `pypdf` (`scripts/ensure-tools test`).

mod support;
use support::EXAMPLES;
use support::pdf::{Pdf, compact, flat, printed, read_pdf};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ctgc::compile::{Options, compile};
use ctgc::money::Money;

fn ctgc(args: &[&str]) -> Output {
    ctgc_with(args, &[])
}

fn ctgc_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ctgc"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("CTGC_TYPST");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("ctgc runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pdf")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn build_example(name: &str, out: &Path) -> Pdf {
    let o = ctgc(&[
        "build",
        &format!("conventions/{name}"),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    assert!(
        out.join(format!("{name}.typ")).is_file(),
        "{name}: the generated .typ is kept beside the PDF"
    );
    read_pdf(&out.join(format!("{name}.pdf")))
}

#[test]
fn every_example_builds_with_its_fiches_signatories_and_totals() {
    let out = scratch("examples");
    for name in EXAMPLES {
        let pdf = build_example(name, &out);
        let text = flat(&pdf.text);
        let packed = compact(&pdf.text);
        let comp = compile(&Path::new("conventions").join(name), Options::default())
            .expect("example loads");
        let view = ctgc::render::view::build(&comp.model).expect("the view builds");

        for f in &view.fiches {
            assert!(
                packed.contains(&compact(&printed(&f.titre))),
                "{name}: fiche « {} » missing",
                f.titre
            );
            assert!(
                text.contains(&f.intitule),
                "{name}: « {} » missing",
                f.intitule
            );
        }
        for p in comp.model.signataires() {
            assert!(
                packed.contains(&compact(&printed(&p.nom.value))),
                "{name}: signatory « {} » missing",
                p.nom.value
            );
        }
        for cell in &view.signatures {
            assert!(
                packed.contains(&compact(&printed(&cell.nom))),
                "{name}: signing person « {} » missing",
                cell.nom
            );
            assert!(
                packed.contains(&compact(&printed(&cell.pour))),
                "{name}: « {} » missing",
                cell.pour
            );
        }

        let t = ctgc::totals::compute(&comp.model);
        let general = t.general.french();
        // Firm and prévisionnel amounts are totalled apart, and their sum says so.
        let sentence = if t.previsionnel.general.cents() == 0 {
            format!("Total général des financements inscrits à la convention\u{202f}: {general}")
        } else {
            let firm = Money(t.general.cents() - t.previsionnel.general.cents()).french();
            format!(
                "Montants fermes\u{202f}: {firm}\u{202f}; montants prévisionnels\u{202f}: {}\u{202f}; \
                 total des financements inscrits à la convention, prévisionnel compris\u{202f}: {general}",
                t.previsionnel.general.french()
            )
        };
        assert!(
            text.contains(&sentence),
            "{name}: the grand total {general} is not printed as « {sentence} »"
        );
        // The sentence, then the funder and axe tables end on the same grand total.
        assert!(
            text.matches(&general).count() >= 3,
            "{name}: {general} printed {} times",
            text.matches(&general).count()
        );
        for m in t.par_financeur.values() {
            assert!(
                text.contains(&m.french()),
                "{name}: funder total {} missing",
                m.french()
            );
        }
        for (i, m) in &t.par_fiche {
            // « Total », or « Total prévisionnel » / « Total, prévisionnel compris » after the
            // firm and prévisionnel amounts.
            let labels = ["Total", "Total prévisionnel", "Total, prévisionnel compris"];
            assert!(
                labels
                    .iter()
                    .any(|l| text.contains(&format!("{l} {}", m.french()))),
                "{name}: total of fiche {} ({}) missing",
                comp.model.fiches[*i].id.name,
                m.french()
            );
        }
        let fiches = Money(t.par_fiche.values().map(|m| m.cents()).sum());
        assert!(
            text.contains(&fiches.french()),
            "{name}: fiche table total {} missing",
            fiches.french()
        );
        if !t.par_equipement.is_empty() {
            assert!(
                text.contains(&t.equipements.french()),
                "{name}: équipement total missing"
            );
        }

        assert!(
            text.contains("Il est convenu et arrêté ce qui suit\u{202f}:"),
            "{name}: the formula lacks its U+202F"
        );
        assert!(text.contains("Entre\u{202f}:"), "{name}");
        assert!(
            pdf.xmp.contains("<pdfaid:part>2</pdfaid:part>"),
            "{name}: XMP is not PDF/A-2"
        );
        assert!(
            pdf.xmp
                .contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "{name}: XMP is not PDF/A-2b"
        );
        assert_eq!(pdf.lang, "fr-FR", "{name}");
        assert_eq!(
            pdf.info["/Title"].as_str(),
            Some(view.titre.as_str()),
            "{name}"
        );
        assert!(
            pdf.info["/Author"]
                .as_str()
                .unwrap_or_default()
                .contains(&comp.model.signataires().next().unwrap().nom.value)
        );
        assert!(
            pdf.info["/Keywords"]
                .as_str()
                .unwrap_or_default()
                .contains("Convention territoriale globale"),
            "{name}"
        );
        assert!(
            pdf.outline > view.articles.len(),
            "{name}: bookmarks missing"
        );
        assert!(
            text.contains("page 2 / "),
            "{name}: footer « page X / Y » missing"
        );
    }
}

#[test]
fn two_builds_are_byte_identical_and_dated_reproducibly() {
    let a = scratch("repro-a");
    let b = scratch("repro-b");
    for dir in [&a, &b] {
        let o = ctgc(&[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let first = std::fs::read(a.join("pays-de-l-aigle.pdf")).unwrap();
    let second = std::fs::read(b.join("pays-de-l-aigle.pdf")).unwrap();
    assert!(first == second, "two builds of the same source differ");

    let c = scratch("repro-epoch");
    let o = ctgc_with(
        &[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            c.to_str().unwrap(),
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = read_pdf(&c.join("pays-de-l-aigle.pdf"));
    assert!(
        pdf.info["/CreationDate"]
            .as_str()
            .unwrap_or_default()
            .starts_with("D:20231114"),
        "{:?}",
        pdf.info
    );

    let o = ctgc_with(
        &[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            c.to_str().unwrap(),
        ],
        &[("SOURCE_DATE_EPOCH", "hier")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
}

/// Every character Typst or Markdown could read as syntax, and the template engine's own.
const HOSTILE: &str = r##"#import "x" #let y = 1 $x^2$ *gras* _it_ @ref <lbl> [a] ]b[ \c // d /* e */ `f` {{ g }} {% h %} {# i #} ~ -- --- -? ... = + - 1. / k ** 3 < 4 > 2 #("s") & %"##;

/// A `.ctg` string literal holding `text`.
fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn user_text_full_of_syntax_prints_verbatim() {
    let dir = scratch("injection");
    std::fs::create_dir_all(dir.join("logos")).unwrap();
    std::fs::write(
        dir.join("logos/caf.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#1f3a68"/></svg>"##,
    )
    .unwrap();
    // One marker per field, so that each field is found on its own.
    let fields = [
        "TITRE",
        "SLOGAN",
        "TERRITOIRE",
        "LIEU",
        "VISA",
        "CAF",
        "DENOM",
        "QUALITE",
        "NOM",
        "ORGANE",
        "NUMERO",
        "ADRESSE",
        "EPCI",
        "COMMUNE",
        "PARTENAIRE",
        "AXE",
        "OBJECTIF",
        "FICHE",
        "OPERATIONNEL",
        "PUBLIC",
        "REFERENT",
        "ETAPE",
        "LIEN",
        "INDICATEUR",
        "UNITE",
        "SOURCE",
        "FREQUENCE",
        "DISPOSITIF",
        "EQUIPEMENT",
        "INSTANCE",
        "MEMBRE",
        "RYTHME",
        "LIEE",
        "ARTICLE",
        "ANNEXE",
        "LIBAXE",
        "LIBFICHE",
    ];
    let s = |field: &str| literal(&format!("{field} {HOSTILE}"));
    // Markdown fields: Typst syntax that Markdown leaves alone must print verbatim too.
    let md_hostile = r##"#import "x" $y$ @ref <lbl> // d /* e */ {{ g }} {% h %} ~ = + \\"##;
    let source = format!(
        r##"convention {titre} {{
  slogan {slogan}
  territoire {territoire}
  période 2023 .. 2026
  signature 13 janvier 2023
  lieu {lieu}
  exemplaires 3
  statut projet
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
  vu {visa}
  préambule """
    PREAMBULE {md_hostile}
  """
}}

signataire caf {caf} {{
  nature caf
  dénomination {denom}
  représentant {qualite} Mme {nom}
  représentant "Directrice" Mme "Anne Upravan"
  délibération {organe} 14 octobre 2022 {numero}
  adresse {adresse}
  logo "logos/caf.svg" {alt}
}}

signataire cc {epci} {{
  nature epci
  représentant "Président" M. "Lucien Spigarelli"
}}

commune c1 {commune}

partenaire p1 {partenaire} {{ nature association }}

axe a1 {axe} {{
  objectif o1 {objectif}
}}

fiche f1 {fiche} {{
  axe a1
  objectifs o1
  champ petite-enfance, jeunesse, parentalité, accès-aux-droits
  constat """
    CONSTAT {md_hostile}
  """
  objectif-opérationnel {operationnel}
  public {public}
  territoire c1
  pilote cc
  référent {referent}
  partenaires p1
  calendrier 2023 .. 2026
  étape 2024 {etape}
  lien {lien}
  indicateur {indicateur} {{
    type résultat
    unité {unite}
    départ 48 en 2022
    cible 60 en 2026
    source {source_}
    fréquence {frequence}
  }}
  financement caf 2023 .. 2026 12 000 € par an dispositif {dispositif}
}}

équipement e1 {equipement} {{
  type eaje
  gestionnaire cc
  commune c1
  capacité 30 places
  financement caf 2023 .. 2026 1 000 € par an
}}

instance i1 {instance} {{
  type copil
  membres caf, cc
  membre {membre}
  fréquence {rythme}
  fiches f1
}}

convention-liée l1 {liee} {{
  signataires caf, cc
  période 2023 .. 2024
}}

article a-propre {article} {{
  texte """
    ARTICLETEXTE {md_hostile}
  """
}}

annexe x1 {annexe} {{
  texte """
    ANNEXETEXTE {md_hostile}
  """
}}
"##,
        titre = s("TITRE"),
        slogan = s("SLOGAN"),
        territoire = s("TERRITOIRE"),
        lieu = s("LIEU"),
        visa = s("VISA"),
        caf = s("CAF"),
        denom = s("DENOM"),
        qualite = s("QUALITE"),
        nom = s("NOM"),
        organe = s("ORGANE"),
        numero = s("NUMERO"),
        adresse = s("ADRESSE"),
        alt = literal(&format!("ALT {HOSTILE}")),
        epci = s("EPCI"),
        commune = s("COMMUNE"),
        partenaire = s("PARTENAIRE"),
        axe = s("AXE"),
        objectif = s("OBJECTIF"),
        fiche = s("FICHE"),
        operationnel = s("OPERATIONNEL"),
        public = s("PUBLIC"),
        referent = s("REFERENT"),
        etape = s("ETAPE"),
        lien = s("LIEN"),
        indicateur = s("INDICATEUR"),
        unite = s("UNITE"),
        source_ = s("SOURCE"),
        frequence = s("FREQUENCE"),
        dispositif = s("DISPOSITIF"),
        equipement = s("EQUIPEMENT"),
        instance = s("INSTANCE"),
        membre = s("MEMBRE"),
        rythme = s("RYTHME"),
        liee = s("LIEE"),
        article = s("ARTICLE"),
        annexe = s("ANNEXE"),
    );
    std::fs::write(dir.join("convention.ctg"), source).unwrap();
    // The words of ctgc.yaml are printed too (headings, running headers, tables).
    let labels = serde_json::json!({
        "libellés": { "axe": format!("LIBAXE {HOSTILE}"), "fiche": format!("LIBFICHE {HOSTILE}") }
    });
    std::fs::write(dir.join("ctgc.yaml"), labels.to_string()).unwrap();
    let out = dir.join("sortie");
    let o = ctgc(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--pdf-standard",
        "a-2b,ua-1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = read_pdf(&out.join("injection.pdf"));
    let packed = compact(&pdf.text);
    let mut missing = Vec::new();
    for field in fields {
        if !packed.contains(&compact(&format!("{field} {HOSTILE}"))) {
            missing.push(field);
        }
    }
    for field in ["PREAMBULE", "CONSTAT", "ARTICLETEXTE", "ANNEXETEXTE"] {
        // In Markdown, `\\` is an escaped backslash: one is printed.
        if !packed.contains(&compact(&format!(
            "{field} {}",
            md_hostile.replace("\\\\", "\\")
        ))) {
            missing.push(field);
        }
    }
    assert!(
        missing.is_empty(),
        "not printed verbatim: {missing:?}\n{}",
        pdf.text
    );
    assert_eq!(
        pdf.info["/Title"].as_str(),
        Some(format!("TITRE {HOSTILE}").as_str())
    );
    assert!(
        pdf.xmp.contains("pdfuaid:part"),
        "the UA-1 build is marked as such"
    );
}

#[test]
fn missing_or_old_typst_exits_2_with_the_install_hint() {
    let out = scratch("no-typst");
    let o = ctgc(&[
        "build",
        "conventions/pays-de-l-aigle",
        "-o",
        out.to_str().unwrap(),
        "--typst",
        "/nonexistent/typst",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("typst introuvable"), "{err}");
    assert!(
        err.contains("cargo install typst-cli --locked --version 0.15.1"),
        "{err}"
    );
    assert!(!out.join("pays-de-l-aigle.pdf").exists());

    let fake = out.join("typst-ancien");
    std::fs::write(&fake, "#!/bin/sh\necho 'typst 0.13.1 (fake)'\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let o = ctgc_with(
        &[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            out.to_str().unwrap(),
        ],
        &[("CTGC_TYPST", fake.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("typst 0.13.1") && err.contains("trop ancien"),
        "{err}"
    );
    assert!(
        err.contains("cargo install typst-cli --locked --version 0.15.1"),
        "{err}"
    );
}

/// Copies an example project (without its outputs) into `dir`.
fn copy_project(from: &Path, dir: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join(path.file_name().unwrap());
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "build") {
                continue;
            }
            std::fs::create_dir_all(&target).unwrap();
            copy_project(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn a_template_defect_exits_3_and_keeps_the_last_good_pdf() {
    let dir = scratch("template-defect");
    copy_project(Path::new("conventions/vosges-ccpvm"), &dir);
    let o = ctgc(&["build", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let pdf = dir.join("build").join(format!("{name}.pdf"));
    let good = std::fs::read(&pdf).unwrap();

    // A project template that typst refuses.
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(
        dir.join("templates/articles.typ.j2"),
        "#heading(level: 1)[Articles]\n#inconnue(\n",
    )
    .unwrap();
    let o = ctgc(&["build", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("défaut des modèles"), "{err}");
    assert!(
        err.contains("templates/articles.typ.j2"),
        "the project's own template is named: {err}"
    );
    let evidence = dir.join("build").join(format!("{name}.echec.typ"));
    assert!(err.contains(&evidence.display().to_string()), "{err}");
    assert!(
        std::fs::read_to_string(&evidence)
            .unwrap()
            .contains("#inconnue(")
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "the last good PDF is untouched"
    );

    // A template minijinja cannot parse is a template defect too.
    std::fs::write(
        dir.join("templates/articles.typ.j2"),
        "{% for a in articles %}\n",
    )
    .unwrap();
    let o = ctgc(&["build", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("articles.typ.j2"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    // Fixed: the build succeeds and the evidence of the failure goes away.
    std::fs::remove_file(dir.join("templates/articles.typ.j2")).unwrap();
    let o = ctgc(&["build", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!evidence.exists());
}

#[test]
fn a_convention_with_errors_builds_nothing() {
    let dir = scratch("errors");
    std::fs::write(
        dir.join("convention.ctg"),
        "convention \"T\" {\n  période 2023 .. 2026\n}\nfiche f \"Titre 😀\" { axe inconnu }\n",
    )
    .unwrap();
    let o = ctgc(&["build", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("ctg::lexique::caractere-non-imprimable"),
        "{err}"
    );
    assert!(err.contains("U+1F600"), "{err}");
    assert!(!dir.join("build").exists(), "nothing is written");
}

#[test]
fn a_pinned_typst_version_that_differs_warns() {
    let dir = scratch("pin");
    copy_project(Path::new("conventions/pays-de-l-aigle"), &dir);
    let config = std::fs::read_to_string(dir.join("ctgc.yaml")).unwrap();
    std::fs::write(dir.join("ctgc.yaml"), format!("{config}typst: 0.14.0\n")).unwrap();
    let o = ctgc(&[
        "build",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
        "--timings",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("la convention demande typst 0.14.0"), "{err}");
    assert!(err.contains("ctgc.yaml:"), "{err}");
    // The warning is one of ctgc's lines: French typography, as every one.
    let warning = err
        .lines()
        .find(|l| l.contains("la convention demande typst"))
        .expect("the warning");
    assert!(
        warning.starts_with("ctgc\u{202f}: avertissement\u{202f}: "),
        "{warning}"
    );
    let faults = support::typography::faults(warning);
    assert!(faults.is_empty(), "{faults:?}");
    assert!(
        err.contains("composition (typst)"),
        "--timings prints the phases: {err}"
    );
}

#[test]
fn unknown_formats_and_standards_are_usage_errors() {
    let o = ctgc(&["build", "conventions/pays-de-l-aigle", "--format", "docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("format «\u{202f}docx\u{202f}» inconnu"),
        "{}",
        stderr(&o)
    );
    let o = ctgc(&[
        "build",
        "conventions/pays-de-l-aigle",
        "--pdf-standard",
        "a-9z",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("norme PDF «\u{202f}a-9z\u{202f}» inconnue"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn formats_without_typst_build_without_it() {
    // Renderers other than the PDF (HTML) must not need typst.
    let others: Vec<&str> = ctgc::build::RENDERERS
        .iter()
        .map(|r| r.name)
        .filter(|n| *n != "pdf")
        .collect();
    for format in others {
        let out = scratch(&format!("sans-typst-{format}"));
        let o = ctgc(&[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            out.to_str().unwrap(),
            "--format",
            format,
            "--typst",
            "/nonexistent/typst",
        ]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
}
