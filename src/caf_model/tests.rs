//! The model directory read in memory: what a Caf writes, and each mistake where it is written.

use std::path::Path;

use super::style::{Cover, LogoPlace};
use super::*;
use crate::world::MemoryWorld;

/// Reads the model at `../modele` of a project in WORLD: the model and the codes and excerpts of
/// its diagnostics.
fn read(world: &MemoryWorld) -> (CafModel, Vec<(String, String)>) {
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let model = load(
        world,
        Path::new("."),
        Some("../modele"),
        None,
        &mut sources,
        &mut diagnostics,
    );
    let found = diagnostics
        .iter()
        .map(|d| {
            let excerpt = d.primary().map_or(String::new(), |s| {
                sources.get(s.file).text[s.start..s.end].to_string()
            });
            (d.rule.code.to_string(), excerpt)
        })
        .collect();
    (model, found)
}

fn with_manifest(text: &str) -> MemoryWorld {
    MemoryWorld::new()
        .with("convention.ctg", "")
        .with("/modele/modele.yaml", text)
}

#[test]
fn the_builtin_model_plans_every_generated_annex_and_no_style() {
    let model = CafModel::default();
    assert!(model.root.is_none());
    let ids: Vec<&str> = model.annexes.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, GENERATED);
    assert!(
        model
            .annexes
            .iter()
            .all(|e| e.facultative && e.titre.is_none())
    );
    assert_eq!(model.style, Style::default());
    assert_eq!(model.defaults, Defaults::default());
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    manifest::read(
        &MemoryWorld::new(),
        None,
        BUILTIN,
        Path::new(MANIFEST),
        &mut sources,
        &mut diagnostics,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn a_model_gives_its_plan_style_and_defaults() {
    let world = with_manifest(
        "nom: Caf de test\n\
         annexes:\n  - financements: Moyens mobilisés\n  - diagnostic\n  - cls: { titre: Contrat local de santé, facultative: oui }\n\
         style:\n  couleurs:\n    principale: \"#036\"\n    discrète: \"#4a5560\"\n  polices:\n    titres: [Libertinus Serif]\n  couverture: bandeau\n  logos: bas\n  logo:\n    fichier: ./logos/../logos/caf.svg\n    alt: Logo de la Caf\n    entête: oui\n\
         libellés:\n  fiche: action\nnumérotation: lettres\n",
    )
    .with("/modele/logos/caf.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    .with("/modele/articles.yaml", "- id: objet\n  titre: Objet\n  texte: x\n")
    .with("/modele/templates/style.typ.j2", "x");
    let (model, found) = read(&world);
    assert_eq!(found, []);
    assert!(model.root.is_some());
    let plan: Vec<(&str, Option<&str>, bool)> = model
        .annexes
        .iter()
        .map(|e| (e.id.as_str(), e.titre.as_deref(), e.facultative))
        .collect();
    assert_eq!(
        plan,
        [
            ("financements", Some("Moyens mobilisés"), false),
            ("diagnostic", None, false),
            ("cls", Some("Contrat local de santé"), true),
        ]
    );
    assert_eq!(model.style.principale.as_deref(), Some("#003366"));
    assert_eq!(model.style.discrete.as_deref(), Some("#4a5560"));
    assert_eq!(model.style.polices_titres, ["Libertinus Serif"]);
    assert_eq!(model.style.couverture, Cover::Bandeau);
    assert_eq!(model.style.logos, LogoPlace::Bas);
    let logo = model.style.logo.as_ref().expect("logo");
    assert_eq!(
        (logo.fichier.as_str(), logo.entete),
        ("logos/caf.svg", true)
    );
    assert_eq!(logo.shown_as(), "modele-caf/logos/caf.svg");
    assert_eq!(model.defaults.libelles.fiche.as_deref(), Some("action"));
    assert_eq!(model.defaults.numerotation, Some(Numbering::Letters));
    assert_eq!(
        model.articles.as_deref(),
        Some(Path::new("/modele/articles.yaml"))
    );
    assert!(model.templates.is_some());
}

#[test]
fn a_directory_that_is_not_a_model_is_reported() {
    let world = MemoryWorld::new().with("convention.ctg", "");
    let (model, found) = read(&world);
    assert!(model.root.is_none(), "the built-in model applies");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "ctg::modele::introuvable");
}

#[test]
fn mistakes_are_shown_where_they_are_written() {
    let world = with_manifest(
        "annexes:\n  - fiches\n  - financement: Moyens\n  - fiches: Encore\n  - [x]\n\
         style:\n  couleurs:\n    principale: \"#ffff00\"\n    fond: bleu\n  polices:\n    texte: [Comic Sans, Libertinus Serif]\n  couverture: affiche\n  logo:\n    fichier: ../dehors.svg\n",
    )
    .with("/dehors.svg", "<svg/>");
    let (model, found) = read(&world);
    let found: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, x)| (c.as_str(), x.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("ctg::modele::invalide", "financement"),
            ("ctg::modele::invalide", "fiches"),
            ("ctg::modele::invalide", "annexes"),
            ("ctg::modele::invalide", "\"#ffff00\""),
            ("ctg::modele::invalide", "bleu"),
            ("ctg::modele::invalide", "Comic Sans"),
            ("ctg::modele::invalide", "affiche"),
            ("ctg::logo::sans-alternative", "logo"),
            ("ctg::logo::introuvable", "../dehors.svg"),
        ]
    );
    assert_eq!(model.annexes.len(), 1, "only the valid entry stays");
    assert_eq!(model.style.polices_texte, ["Libertinus Serif"]);
    assert_eq!(model.style.principale, None);
    assert_eq!(model.style.logo, None);
}

#[test]
fn an_unknown_key_is_reported_at_its_line() {
    let world = with_manifest("nom: x\nstyle:\n  couleur: \"#000000\"\n");
    let (_, found) = read(&world);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "ctg::modele::invalide");
}

#[test]
fn the_model_directory_confines_its_files() {
    // A symbolic link cannot be made in memory: a `..` out of the model is refused the same way.
    let world = with_manifest("style:\n  logo:\n    fichier: /etc/logo.svg\n    alt: x\n");
    let (_, found) = read(&world);
    assert_eq!(
        found,
        [(
            "ctg::logo::introuvable".to_string(),
            "/etc/logo.svg".to_string()
        )]
    );
}

#[test]
fn colours_are_read_and_measured() {
    assert_eq!(style::hex_colour("#ABC").as_deref(), Some("#aabbcc"));
    assert_eq!(style::hex_colour("#1f3a68").as_deref(), Some("#1f3a68"));
    assert_eq!(style::hex_colour("1f3a68"), None);
    assert_eq!(style::hex_colour("#12345"), None);
    assert!((style::contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!(style::contrast("#1f3a68", "#ffffff") > 4.5);
    assert!(style::contrast("#ffff00", "#ffffff") < 4.5);
}
