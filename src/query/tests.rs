//! The query layer on a small project of two files held in memory.

use std::path::Path;

use super::*;
use crate::compile::{Compilation, Options, analyse};
use crate::source::FileId;
use crate::world::MemoryWorld;

const CONVENTION: &str = "\
convention \"CTG\" {
  période 2023 .. 2026
}
signataire caf \"Caf du Cantal\" {
  nature caf
}
commune vic \"Vic-sur-Cère\"
partenaire csc \"Centre social\"
axe familles \"Familles\" {
  objectif pe \"Petite enfance\"
  objectif jeunes \"Jeunesse\"
}
axe droits \"Accès aux droits\" {
  objectif numerique \"Numérique\"
}
inclure \"fiches/*.ctg\"
";

const FICHE: &str = "\
fiche rpe \"Relais petite enfance\" {
  axe familles
  objectifs pe
  pilote csc
  territoire vic
  financement caf 2023 .. 2024 10 000 € par an
  financement csc 2023 à déterminer
}
instance copil \"Comité de pilotage\" {
  membres caf, csc
  fiches rpe
}
";

fn project(fiche: &str) -> Compilation {
    let world = MemoryWorld::new()
        .with("convention.ctg", CONVENTION)
        .with("fiches/rpe.ctg", fiche);
    analyse(&world, Path::new("."), Options::default()).expect("the project loads")
}

fn file(comp: &Compilation, name: &str) -> FileId {
    comp.sources
        .find(&Path::new(MemoryWorld::ROOT).join(name))
        .expect("the file is read")
}

/// The byte offset of the Nth (from 0) occurrence of NEEDLE in the file, plus SHIFT.
fn offset_of(comp: &Compilation, id: FileId, needle: &str, nth: usize, shift: usize) -> usize {
    let text = &comp.sources.get(id).text;
    text.match_indices(needle)
        .nth(nth)
        .expect("the text is there")
        .0
        + shift
}

fn texts(comp: &Compilation, spans: &[crate::source::Span]) -> Vec<(String, String)> {
    spans
        .iter()
        .map(|s| {
            let f = comp.sources.get(s.file);
            (
                f.path.file_name().unwrap().to_string_lossy().into_owned(),
                f.text[s.start..s.end].to_string(),
            )
        })
        .collect()
}

#[test]
fn definitions_and_references_across_files() {
    let comp = project(FICHE);
    let references_errors = comp
        .diagnostics
        .iter()
        .filter(|d| d.rule.code.starts_with("ctg::ref") || d.rule.code.starts_with("ctg::id"));
    assert_eq!(references_errors.count(), 0, "{:?}", comp.diagnostics);
    let fiche = file(&comp, "fiches/rpe.ctg");
    let conv = file(&comp, "convention.ctg");
    // On `familles` in the fiche, and just after it.
    for shift in [0, 3, 8] {
        let at = offset_of(&comp, fiche, "familles", 0, shift);
        let defs = definitions(&comp, fiche, at);
        assert_eq!(
            texts(&comp, &defs),
            [("convention.ctg".into(), "familles".into())]
        );
        assert_eq!(defs[0].file, conv);
    }
    let at = offset_of(&comp, conv, "csc", 0, 1);
    assert_eq!(
        texts(&comp, &references(&comp, conv, at, true)),
        [
            ("convention.ctg".to_string(), "csc".to_string()),
            ("rpe.ctg".into(), "csc".into()),
            ("rpe.ctg".into(), "csc".into()),
            ("rpe.ctg".into(), "csc".into()),
        ]
    );
    assert_eq!(references(&comp, conv, at, false).len(), 3);
    // Off an identifier: nothing.
    let at = offset_of(&comp, fiche, "pilote", 0, 2);
    assert!(definitions(&comp, fiche, at).is_empty());
    assert!(references(&comp, fiche, at, true).is_empty());
    // The fiche named by the instance.
    let at = offset_of(&comp, fiche, "fiches rpe", 0, 8);
    let defs = definitions(&comp, fiche, at);
    assert_eq!(texts(&comp, &defs), [("rpe.ctg".into(), "rpe".into())]);
}

/// A fiche whose texts cite: in a one-line string after an escaped quote, and in an indented
/// `"""` text whose lines are dedented.
const CITING: &str = r#"fiche rpe "Relais petite enfance" {
  axe familles
  objectifs pe
  pilote csc
  description "Le \"relais\" : {{ fiche rpe }}, {{total caf}}."
  moyens """
      Les permanences.
        Le relais ({{ fiche   rpe }}) sert {{ axe familles }}.
      """
  financement caf 2023 10 000 €
}
"#;

#[test]
fn citations_are_references_where_they_are_written() {
    let comp = project(CITING);
    assert!(
        !comp
            .diagnostics
            .iter()
            .any(|d| d.rule.code.starts_with("ctg::citation")),
        "{:?}",
        comp.diagnostics
    );
    let fiche = file(&comp, "fiches/rpe.ctg");
    let text = &comp.sources.get(fiche).text;
    let declared = offset_of(&comp, fiche, "rpe", 0, 0);
    let cited: Vec<usize> = [("{{ fiche rpe", 9), ("{{ fiche   rpe", 11)]
        .iter()
        .map(|(needle, shift)| offset_of(&comp, fiche, needle, 0, *shift))
        .collect();
    let spans = references(&comp, fiche, declared, true);
    assert_eq!(
        spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
        [
            (declared, declared + 3),
            (cited[0], cited[0] + 3),
            (cited[1], cited[1] + 3)
        ],
        "{text}"
    );
    // From a citation to the declaration, the cursor at either end of the word.
    for at in [cited[1], cited[1] + 3] {
        let defs = definitions(&comp, fiche, at);
        assert_eq!(texts(&comp, &defs), [("rpe.ctg".into(), "rpe".into())]);
        assert_eq!(defs[0].start, declared);
    }
    let axe = offset_of(&comp, fiche, "{{ axe familles", 0, 7);
    assert_eq!(
        texts(&comp, &definitions(&comp, fiche, axe)),
        [("convention.ctg".into(), "familles".into())]
    );
    // `{{ total caf }}` names the financeur.
    let total = offset_of(&comp, fiche, "{{total caf", 0, 8);
    assert_eq!(
        texts(&comp, &definitions(&comp, fiche, total)),
        [("convention.ctg".into(), "caf".into())]
    );
    assert!(
        hover(&comp, fiche, axe)
            .unwrap()
            .markdown
            .contains("Familles")
    );
}

#[test]
fn renaming_an_element_renames_its_citations() {
    let comp = project(CITING);
    let fiche = file(&comp, "fiches/rpe.ctg");
    let at = offset_of(&comp, fiche, "{{ fiche rpe", 0, 10);
    let mut text = comp.sources.get(fiche).text.to_string();
    let mut edits = rename(&comp, fiche, at, "relais").unwrap();
    assert_eq!(edits.len(), 3);
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        text.replace_range(e.span.start..e.span.end, &e.text);
    }
    assert!(text.contains("fiche relais \"Relais"), "{text}");
    assert!(text.contains("{{ fiche relais }}, {{total caf}}"), "{text}");
    assert!(text.contains("({{ fiche   relais }})"), "{text}");
    // The renamed project still resolves every citation.
    let renamed = project(&text);
    assert!(
        !renamed
            .diagnostics
            .iter()
            .any(|d| d.rule.code.starts_with("ctg::citation")),
        "{:?}",
        renamed.diagnostics
    );
}

#[test]
fn an_unknown_name_has_no_definition_but_its_references() {
    let comp = project(&FICHE.replace("axe familles", "axe famille"));
    let fiche = file(&comp, "fiches/rpe.ctg");
    let at = offset_of(&comp, fiche, "famille", 0, 2);
    assert!(definitions(&comp, fiche, at).is_empty());
    assert_eq!(references(&comp, fiche, at, true).len(), 1);
    assert!(hover(&comp, fiche, at).is_none());
}

#[test]
fn rename_everywhere_or_refuse() {
    let comp = project(FICHE);
    let fiche = file(&comp, "fiches/rpe.ctg");
    let at = offset_of(&comp, fiche, "caf", 0, 0);
    let edits = rename(&comp, fiche, at, "caf-cantal").unwrap();
    let spans: Vec<_> = edits.iter().map(|e| e.span).collect();
    assert_eq!(
        texts(&comp, &spans),
        [
            ("convention.ctg".to_string(), "caf".to_string()),
            ("rpe.ctg".into(), "caf".into()),
            ("rpe.ctg".into(), "caf".into()),
        ]
    );
    assert!(edits.iter().all(|e| e.text == "caf-cantal"));
    // Not the `caf` of `nature caf`, which is a word of a vocabulary.
    let conv = file(&comp, "convention.ctg");
    assert!(
        !spans
            .iter()
            .any(|s| s.file == conv && s.start == offset_of(&comp, conv, "nature caf", 0, 7))
    );
    assert_eq!(
        rename(&comp, fiche, at, "csc"),
        Err(RenameError::Taken {
            name: "csc".into(),
            what: Namespace::Party
        })
    );
    for bad in [
        "",
        "deux mots",
        "\"caf\"",
        "2023",
        "12 €",
        "a{",
        "a#b",
        "a\nb",
    ] {
        assert_eq!(
            rename(&comp, fiche, at, bad),
            Err(RenameError::Invalid(bad.into())),
            "{bad:?}"
        );
    }
    assert_eq!(rename(&comp, fiche, at, "caf"), Ok(Vec::new()));
    // An axe may take the name of a party: namespaces are apart.
    let at = offset_of(&comp, fiche, "familles", 0, 0);
    assert_eq!(rename(&comp, fiche, at, "csc").unwrap().len(), 2);
    let at = offset_of(&comp, fiche, "pilote", 0, 1);
    assert_eq!(
        rename(&comp, fiche, at, "x"),
        Err(RenameError::NotAnIdentifier)
    );
    let unknown = project(&FICHE.replace("pilote csc", "pilote cs"));
    let fiche = file(&unknown, "fiches/rpe.ctg");
    let at = offset_of(&unknown, fiche, "pilote cs", 0, 8);
    assert_eq!(
        rename(&unknown, fiche, at, "x"),
        Err(RenameError::Undeclared("cs".into()))
    );
    assert_eq!(
        RenameError::Taken {
            name: "csc".into(),
            what: Namespace::Party
        }
        .to_string(),
        "« csc » désigne déjà un signataire, une commune ou un partenaire : choisissez un autre nom"
    );
}

#[test]
fn hover_tells_what_an_identifier_names() {
    let comp = project(FICHE);
    let fiche = file(&comp, "fiches/rpe.ctg");
    let conv = file(&comp, "convention.ctg");
    let at = offset_of(&comp, fiche, "fiches rpe", 0, 8);
    let h = hover(&comp, fiche, at).unwrap();
    assert_eq!(
        h.markdown,
        "**Fiche action 1 — Relais petite enfance**\n\nAxe 1 — Familles\n\n\
         Total des financements\u{202f}: 20\u{202f}000\u{a0}€ (et un montant à déterminer)"
    );
    assert_eq!(
        &comp.sources.get(fiche).text[h.span.start..h.span.end],
        "rpe"
    );
    let at = offset_of(&comp, conv, "familles", 0, 0);
    assert_eq!(
        hover(&comp, conv, at).unwrap().markdown,
        "**Axe 1 — Familles**\n\nObjectifs\u{202f}:\n- 1\\.1 — Petite enfance\n- 1\\.2 — Jeunesse"
    );
    let at = offset_of(&comp, fiche, "objectifs pe", 0, 10);
    assert_eq!(
        hover(&comp, fiche, at).unwrap().markdown,
        "**Objectif 1\\.1 — Petite enfance**\n\nAxe 1 — Familles"
    );
    let at = offset_of(&comp, fiche, "caf", 0, 1);
    assert_eq!(
        hover(&comp, fiche, at).unwrap().markdown,
        "**Caf du\u{a0}Cantal**\n\nSignataire · Caisse d\\'allocations familiales"
    );
    let at = offset_of(&comp, fiche, "axe", 0, 1);
    assert!(hover(&comp, fiche, at).is_none(), "a keyword");
}

/// The labels of the candidates at the `|` of the fiche written as FICHE.
fn candidates(fiche: &str) -> (Vec<String>, Completion) {
    let offset = fiche.find('|').unwrap();
    let text = fiche.replacen('|', "", 1);
    let comp = project(&text);
    let id = file(&comp, "fiches/rpe.ctg");
    let completion = complete(&comp.model, &text, id, offset).expect("a completion");
    let labels = completion
        .candidates
        .iter()
        .map(|c| c.label.clone())
        .collect();
    (labels, completion)
}

#[test]
fn completion_of_identifiers_by_kind() {
    let (labels, c) = candidates("fiche rpe \"R\" {\n  axe fa|\n}\n");
    assert_eq!(labels, ["familles", "droits"]);
    assert_eq!(c.candidates[0].detail.as_deref(), Some("Axe 1 — Familles"));
    assert_eq!(c.candidates[0].kind, CandidateKind::Element(Namespace::Axe));
    assert_eq!((c.replace.start, c.replace.end), (22, 24));
    assert!(!c.keyword_position);
    // The objectifs of the fiche's axe, those already listed left out.
    let (labels, _) = candidates("fiche rpe \"R\" {\n  axe familles\n  objectifs pe, |\n}\n");
    assert_eq!(labels, ["jeunes"]);
    let (labels, _) = candidates("fiche rpe \"R\" {\n  axe droits\n  objectifs |\n}\n");
    assert_eq!(labels, ["numerique"]);
    let (labels, c) = candidates("fiche rpe \"R\" {\n  pilote |\n}\n");
    assert_eq!(labels, ["caf", "vic", "csc"]);
    assert_eq!(
        c.candidates[0].detail.as_deref(),
        Some("Caf du\u{a0}Cantal (signataire)")
    );
    let (labels, _) = candidates("fiche rpe \"R\" {\n  territoire |\n}\n");
    assert_eq!(labels, ["tout", "vic"]);
    let (labels, _) = candidates("fiche rpe \"R\" {\n  financement |\n}\n");
    assert_eq!(labels, ["caf", "vic", "csc"]);
    let (labels, _) = candidates("fiche rpe \"R\" {\n  priorité |\n}\n");
    assert_eq!(labels, ["prioritaire", "secondaire"]);
    let (labels, _) = candidates("fiche rpe \"R\" {}\ninstance i \"I\" {\n  fiches |\n}\n");
    assert_eq!(labels, ["rpe"]);
    // Past the one value a field takes: nothing.
    let (labels, _) = candidates("fiche rpe \"R\" {\n  axe familles |\n}\n");
    assert!(labels.is_empty());
}

#[test]
fn completion_of_keywords_in_context() {
    let (labels, c) = candidates("fiche rpe \"R\" {\n  fin|\n}\n");
    assert_eq!(labels, crate::lower::keywords::FICHE);
    assert!(c.keyword_position);
    assert_eq!(c.candidates[0].kind, CandidateKind::Keyword);
    let (labels, _) = candidates("fiche rpe \"R\" {\n  indicateur \"I\" {\n    |\n  }\n}\n");
    assert_eq!(labels, crate::lower::keywords::INDICATEUR);
    let (labels, _) = candidates("fiche rpe \"R\" {\n}\n|");
    assert_eq!(labels, crate::lower::keywords::TOP);
    // In a string, a text or a comment: no completion.
    let text = "fiche rpe \"R\" {\n  public \"les \n}\n";
    let comp = project(text);
    let id = file(&comp, "fiches/rpe.ctg");
    assert!(complete(&comp.model, text, id, text.find("les").unwrap() + 3).is_none());
}

#[test]
fn outline_of_a_file() {
    let symbols = outline(CONVENTION, FileId(3));
    let names: Vec<(&str, SymbolKind)> =
        symbols.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(
        names,
        [
            ("CTG", SymbolKind::Convention),
            ("caf", SymbolKind::Element(Namespace::Party)),
            ("vic", SymbolKind::Element(Namespace::Party)),
            ("csc", SymbolKind::Element(Namespace::Party)),
            ("familles", SymbolKind::Element(Namespace::Axe)),
            ("droits", SymbolKind::Element(Namespace::Axe)),
        ]
    );
    let familles = &symbols[4];
    assert_eq!(familles.detail, "axe — Familles");
    assert_eq!(familles.span.file, FileId(3));
    assert_eq!(
        &CONVENTION[familles.selection.start..familles.selection.end],
        "familles"
    );
    assert!(CONVENTION[familles.span.start..familles.span.end].ends_with("\"Jeunesse\"\n}"));
    let children: Vec<&str> = familles.children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(children, ["pe", "jeunes"]);
    assert_eq!(symbols[2].detail, "commune — Vic-sur-Cère");
}

#[test]
fn fixes_from_suggestions() {
    let comp = project(
        &FICHE
            .replace("axe familles", "axe familes")
            .replace("priorite", "x"),
    );
    let fiche = file(&comp, "fiches/rpe.ctg");
    let fixes: Vec<Fix> = comp.diagnostics.iter().filter_map(fix).collect();
    assert_eq!(fixes.len(), 1, "{:?}", comp.diagnostics);
    assert_eq!(fixes[0].text, "familles");
    assert_eq!(fixes[0].title, "Remplacer par «\u{202f}familles\u{202f}»");
    assert_eq!(fixes[0].span.file, fiche);
    assert_eq!(
        &comp.sources.get(fiche).text[fixes[0].span.start..fixes[0].span.end],
        "familes"
    );
    // A keyword and a value of a vocabulary.
    let comp =
        project("fiche rpe \"R\" {\n  axe familles\n  priorté prioritaire\n  statut en-cour\n}\n");
    let texts: Vec<String> = comp
        .diagnostics
        .iter()
        .filter_map(fix)
        .map(|f| f.text)
        .collect();
    assert_eq!(texts, ["priorité", "en-cours"]);
}
