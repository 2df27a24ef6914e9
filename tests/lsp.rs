//! `ctgc lsp` driven as an editor drives it: in process (lsp-server's in-memory connection) and
//! through stdio (the binary, JSON-RPC on its stdin and stdout). Each test opens files of a copy
//! of an example project or of a small one, types, and checks what the server answers:
//! diagnostics as you type (and cleared), completion, definition, references, hover, rename,
//! formatting, document symbols and quick fixes.

#[path = "lsp/client.rs"]
mod client;
mod support;

use std::collections::BTreeMap;

use client::{Client, Memory, Process, copy_example, position, range_of, uri};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename,
};
use lsp_types::{
    CodeActionContext, CodeActionOrCommand, CodeActionParams, CompletionParams, CompletionResponse,
    DiagnosticSeverity, DocumentFormattingParams, DocumentSymbolParams, DocumentSymbolResponse,
    FormattingOptions, GotoDefinitionParams, GotoDefinitionResponse, HoverContents, HoverParams,
    NumberOrString, Position, PrepareRenameResponse, Range, ReferenceContext, ReferenceParams,
    RenameParams, TextDocumentIdentifier, TextDocumentPositionParams, Uri, WorkspaceEdit,
};
use support::scratch::Scratch;

fn at(uri: &Uri, position: Position) -> TextDocumentPositionParams {
    TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri.clone()), position)
}

/// The codes of the diagnostics about references.
fn references_codes(diagnostics: &[lsp_types::Diagnostic]) -> Vec<String> {
    codes(diagnostics)
        .into_iter()
        .filter(|c| c.starts_with("ctg::ref::"))
        .collect()
}

fn codes(diagnostics: &[lsp_types::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Some(NumberOrString::String(c)) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// Carladès copied into a scratch directory, with a client whose workspace is that copy.
fn carlades() -> (Scratch, Client<Memory>) {
    let scratch = Scratch::new("lsp-carlades");
    copy_example("carlades", &scratch.dir);
    let client = Client::new(Memory::start(), &scratch.dir);
    (scratch, client)
}

#[test]
fn diagnostics_as_you_type_then_cleared_with_their_fix() {
    let (scratch, mut client) = carlades();
    let path = scratch.path("fiches/02-rpe.ctg");
    let text = std::fs::read_to_string(&path).unwrap();
    let rpe = client.open(&path);
    // The whole project is checked: the convention's own warnings (its « à compléter »).
    let convention = uri(&scratch.path("convention.ctg"));
    let warnings = client.wait_diagnostics(&convention, |d| !d.is_empty());
    assert_eq!(warnings.len(), 7, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .all(|d| d.severity == Some(DiagnosticSeverity::WARNING))
    );
    assert_eq!(client.publications(&rpe), 0, "a file without diagnostics");

    // A typo in the axe reference: `famillesx`.
    let end = position(&text, "axe familles", 0, 12);
    client.edit(&rpe, Range::new(end, end), "x");
    let errors = client.wait_diagnostics(&rpe, |d| !d.is_empty());
    assert_eq!(codes(&errors), ["ctg::ref::axe-inconnu"]);
    let error = &errors[0];
    assert_eq!(error.severity, Some(DiagnosticSeverity::ERROR));
    assert_eq!(
        error.range,
        Range::new(position(&text, "familles", 0, 0), Position::new(1, 15))
    );
    assert_eq!(
        error.message,
        "axe «\u{202f}famillesx\u{202f}» inconnu\nvouliez-vous dire «\u{202f}familles\u{202f}»\u{202f}?"
    );
    assert_eq!(error.source.as_deref(), Some("ctgc"));

    // Its quick fix.
    let actions = client
        .request::<CodeActionRequest>(CodeActionParams {
            text_document: TextDocumentIdentifier::new(rpe.clone()),
            range: Range::new(end, end),
            context: CodeActionContext::default(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .unwrap()
        .unwrap();
    let [CodeActionOrCommand::CodeAction(action)] = actions.as_slice() else {
        panic!("one quick fix: {actions:?}");
    };
    assert_eq!(action.title, "Remplacer par «\u{202f}familles\u{202f}»");
    assert_eq!(action.is_preferred, Some(true));
    let edits = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&rpe];
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].range, error.range);
    assert_eq!(edits[0].new_text, "familles");
    assert_eq!(
        action.diagnostics.as_ref().unwrap()[0].message,
        error.message
    );

    // Applied: the diagnostic goes.
    client.edit(&rpe, edits[0].range, &edits[0].new_text);
    let cleared = client.wait_diagnostics(&rpe, |d| d.is_empty());
    assert!(cleared.is_empty());

    // Typed again, then the document closed without saving: the file on the disk is right.
    client.edit(&rpe, Range::new(end, end), "x");
    client.wait_diagnostics(&rpe, |d| !d.is_empty());
    client.notify::<lsp_types::notification::DidCloseTextDocument>(
        lsp_types::DidCloseTextDocumentParams {
            text_document: TextDocumentIdentifier::new(rpe.clone()),
        },
    );
    client.wait_diagnostics(&rpe, |d| d.is_empty());
    assert_eq!(
        client.publications(&convention),
        1,
        "the convention's warnings never changed: they were sent once"
    );
    assert!(client.shutdown());
}

#[test]
fn an_unsaved_change_is_checked_against_every_file_of_the_project() {
    let (scratch, mut client) = carlades();
    let path = scratch.path("convention.ctg");
    let text = std::fs::read_to_string(&path).unwrap();
    let convention = client.open(&path);
    client.wait_diagnostics(&convention, |d| d.len() == 7);
    // The axe renamed in the buffer only: the ten fiches that name it are now wrong.
    let name = range_of(&text, "familles \"Consolider", 0);
    let name = Range::new(name.start, position(&text, "familles \"Consolider", 0, 8));
    client.edit(&convention, name, "famille");
    let fiches: Vec<Uri> = std::fs::read_dir(scratch.path("fiches"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| std::fs::read_to_string(p).unwrap().contains("axe familles"))
        .map(|p| uri(&p))
        .collect();
    assert_eq!(fiches.len(), 10);
    for fiche in &fiches {
        let d = client.wait_diagnostics(fiche, |d| !d.is_empty());
        assert_eq!(codes(&d), ["ctg::ref::axe-inconnu"], "{}", fiche.as_str());
    }
    // Undone: every one of them is cleared.
    client.edit(
        &convention,
        Range::new(name.start, position(&text, "familles \"Consolider", 0, 7)),
        "familles",
    );
    for fiche in &fiches {
        client.wait_diagnostics(fiche, |d| d.is_empty());
    }

    // A file changed on the disk, then announced by the editor's watcher.
    let partner = scratch.path("fiches/10-parentalite.ctg");
    let before = client.publications(&uri(&partner));
    let written =
        std::fs::read_to_string(&partner)
            .unwrap()
            .replacen("pilote ", "pilote inconnu-", 1);
    std::fs::write(&partner, written).unwrap();
    client.notify::<lsp_types::notification::DidChangeWatchedFiles>(
        lsp_types::DidChangeWatchedFilesParams {
            changes: vec![lsp_types::FileEvent::new(
                uri(&partner),
                lsp_types::FileChangeType::CHANGED,
            )],
        },
    );
    let d = client.wait_publication(&uri(&partner), before);
    assert_eq!(codes(&d), ["ctg::ref::partenaire-inconnu"]);
    assert!(client.shutdown());
}

#[test]
fn completion_hover_definition_and_references() {
    let (scratch, mut client) = carlades();
    let path = scratch.path("fiches/02-rpe.ctg");
    let text = std::fs::read_to_string(&path).unwrap();
    let rpe = client.open(&path);

    // After `axe `: the axes, with their titles, replacing the word there.
    let completion = |client: &mut Client<Memory>, p: Position| {
        let answer = client
            .request::<Completion>(CompletionParams {
                text_document_position: at(&rpe, p),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: None,
            })
            .unwrap();
        match answer {
            Some(CompletionResponse::Array(items)) => items,
            other => panic!("{other:?}"),
        }
    };
    let items = completion(&mut client, position(&text, "axe familles", 0, 6));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["familles", "vie-sociale", "droits", "pilotage"]);
    assert_eq!(
        items[0].detail.as_deref(),
        Some("Axe 1 — Consolider le bassin scolaire et les services aux familles")
    );
    let Some(lsp_types::CompletionTextEdit::Edit(edit)) = &items[0].text_edit else {
        panic!("a text edit");
    };
    assert_eq!(edit.range, range_of(&text, "familles", 0));
    // `objectifs`: those of the fiche's axe only.
    let items = completion(&mut client, position(&text, "objectifs pe", 0, 10));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["pe", "enfance", "jeunes", "parents"]);
    // A keyword of a fiche.
    let items = completion(&mut client, position(&text, "  champ", 0, 3));
    assert!(items.iter().any(|i| i.label == "financement"));
    assert!(!items.iter().any(|i| i.label == "nature"));

    // Hover: the fiche's number, title and total; the axe's objectifs.
    let hover = |client: &mut Client<Memory>, p: Position| {
        let answer = client
            .request::<HoverRequest>(HoverParams {
                text_document_position_params: at(&rpe, p),
                work_done_progress_params: Default::default(),
            })
            .unwrap()
            .expect("a hover");
        match answer.contents {
            HoverContents::Markup(m) => m.value,
            other => panic!("{other:?}"),
        }
    };
    let fiche = hover(&mut client, position(&text, "rpe", 0, 1));
    assert_eq!(
        fiche,
        "**Fiche action 1\\.2 — Développer le relais petite enfance et accompagner la \
         professionnalisation des assistants maternels**\n\n\
         Axe 1 — Consolider le bassin scolaire et les services aux familles\n\n\
         Total des financements\u{202f}: 78\u{202f}000\u{a0}€"
    );
    let axe = hover(&mut client, position(&text, "familles", 0, 2));
    assert!(axe.starts_with("**Axe 1 — Consolider"), "{axe}");
    assert!(
        axe.contains("\n- 1\\.1 — Accompagner les mutations de l’accueil de la petite enfance\n"),
        "{axe}"
    );

    // Definition of the axe, in the convention.
    let answer = client
        .request::<GotoDefinition>(GotoDefinitionParams {
            text_document_position_params: at(&rpe, position(&text, "familles", 0, 3)),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .unwrap();
    let Some(GotoDefinitionResponse::Array(locations)) = answer else {
        panic!("{answer:?}");
    };
    let convention = uri(&scratch.path("convention.ctg"));
    assert_eq!(locations.len(), 1);
    assert_eq!(locations[0].uri, convention);
    assert_eq!(
        locations[0].range,
        Range::new(Position::new(160, 4), Position::new(160, 12))
    );

    // References of the pilote: its declaration and every file naming it.
    let references = client
        .request::<References>(ReferenceParams {
            text_document_position: at(&rpe, position(&text, "pilote csc", 0, 8)),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext {
                include_declaration: true,
            },
        })
        .unwrap()
        .unwrap();
    let mut by_file: BTreeMap<String, usize> = BTreeMap::new();
    for l in &references {
        let name = l.uri.as_str().rsplit('/').next().unwrap().to_string();
        *by_file.entry(name).or_default() += 1;
    }
    assert_eq!(by_file.get("02-rpe.ctg"), Some(&1));
    assert!(
        references
            .iter()
            .any(|l| l.uri == convention && l.range.start == Position::new(102, 11)),
        "the declaration"
    );
    let total = std::fs::read_dir(scratch.path("fiches"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .chain([std::fs::read_to_string(scratch.path("convention.ctg")).unwrap()])
        .map(|t| {
            t.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| *w == "csc")
                .count()
        })
        .sum::<usize>();
    // `nature centre-social` is not `csc`; every other `csc` word is the partner.
    assert_eq!(references.len(), total);
    assert!(client.shutdown());
}

fn apply(text: &str, edits: &[lsp_types::TextEdit]) -> String {
    let offset = |p: Position| {
        let start: usize = text
            .split_inclusive('\n')
            .take(p.line as usize)
            .map(str::len)
            .sum();
        let line = &text[start..];
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= p.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(offset(e.range.start)..offset(e.range.end), &e.new_text);
    }
    out
}

#[test]
// `Uri` holds a cell, but hashes and compares its text only, which never changes.
#[allow(clippy::mutable_key_type)]
fn rename_across_files_or_refuse() {
    let (scratch, mut client) = carlades();
    let path = scratch.path("fiches/02-rpe.ctg");
    let text = std::fs::read_to_string(&path).unwrap();
    let rpe = client.open(&path);
    let on_pe = position(&text, "objectifs pe", 0, 11);
    let prepared = client
        .request::<PrepareRenameRequest>(at(&rpe, on_pe))
        .unwrap();
    assert_eq!(
        prepared,
        Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: Range::new(
                position(&text, "objectifs pe", 0, 10),
                position(&text, "objectifs pe", 0, 12)
            ),
            placeholder: "pe".into()
        })
    );
    let rename = |client: &mut Client<Memory>, name: &str| {
        client.request::<Rename>(RenameParams {
            text_document_position: at(&rpe, on_pe),
            new_name: name.into(),
            work_done_progress_params: Default::default(),
        })
    };
    let edit: WorkspaceEdit = rename(&mut client, "petite-enfance").unwrap().unwrap();
    let changes = edit.changes.unwrap();
    let mut files: Vec<&str> = changes
        .keys()
        .map(|u| u.as_str().rsplit('/').next().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "01-accueil-jeunes-enfants.ctg",
            "02-rpe.ctg",
            "03-horaires-atypiques.ctg",
            "convention.ctg"
        ]
    );
    let renamed = apply(&text, &changes[&rpe]);
    assert_eq!(
        renamed,
        text.replace("objectifs pe\n", "objectifs petite-enfance\n")
    );
    let conv = uri(&scratch.path("convention.ctg"));
    let conv_text = std::fs::read_to_string(scratch.path("convention.ctg")).unwrap();
    assert_eq!(
        apply(&conv_text, &changes[&conv]),
        conv_text.replace("objectif pe \"", "objectif petite-enfance \"")
    );

    let refused = rename(&mut client, "petite enfance").unwrap_err();
    assert!(
        refused
            .message
            .starts_with("«\u{202f}petite enfance\u{202f}» n'est pas un identifiant"),
        "{}",
        refused.message
    );
    let refused = rename(&mut client, "enfance").unwrap_err();
    assert_eq!(
        refused.message,
        "«\u{202f}enfance\u{202f}» désigne déjà un objectif\u{202f}: choisissez un autre nom"
    );
    let refused = client
        .request::<PrepareRenameRequest>(at(&rpe, position(&text, "priorité", 0, 2)))
        .unwrap_err();
    assert!(
        refused
            .message
            .starts_with("placez le curseur sur un identifiant")
    );
    assert!(client.shutdown());
}

#[test]
fn formatting_and_outline() {
    let scratch = Scratch::new("lsp-fmt");
    let messy = "axe a \"A\" {\n objectif o \"O\"\n}\nFiche f \"F\" {  axe a\n\tpriorite prioritaire ; statut en-cours\n}\n";
    let path = scratch.write("convention.ctg", messy);
    let mut client = Client::new(Memory::start(), &scratch.dir);
    let doc = client.open(&path);
    let formatting = |client: &mut Client<Memory>| {
        client.request::<Formatting>(DocumentFormattingParams {
            text_document: TextDocumentIdentifier::new(doc.clone()),
            options: FormattingOptions {
                tab_size: 2,
                insert_spaces: true,
                ..FormattingOptions::default()
            },
            work_done_progress_params: Default::default(),
        })
    };
    let edits = formatting(&mut client).unwrap().unwrap();
    let expected = ctgc::format::format(messy, ctgc::source::FileId(0)).unwrap();
    assert_eq!(apply(messy, &edits), expected);
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].range.start.line, 1, "the first line is kept");

    let symbols = client
        .request::<DocumentSymbolRequest>(DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(doc.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .unwrap();
    let Some(DocumentSymbolResponse::Nested(symbols)) = symbols else {
        panic!("{symbols:?}");
    };
    let names: Vec<(&str, lsp_types::SymbolKind)> =
        symbols.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(
        names,
        [
            ("a", lsp_types::SymbolKind::MODULE),
            ("f", lsp_types::SymbolKind::FUNCTION)
        ]
    );
    let axe = &symbols[0];
    assert_eq!(axe.detail.as_deref(), Some("axe — A"));
    assert_eq!(
        axe.range,
        Range::new(Position::new(0, 0), Position::new(2, 1))
    );
    assert_eq!(axe.selection_range, range_of(messy, "a", 1));
    let children = axe.children.as_ref().unwrap();
    assert_eq!(children[0].name, "o");
    assert_eq!(children[0].kind, lsp_types::SymbolKind::PROPERTY);

    // A file that does not parse is left alone, and the user is told why.
    let end = position(messy, "}\n", 1, 1);
    client.edit(&doc, Range::new(end, end), "\n\"");
    assert_eq!(formatting(&mut client).unwrap(), None);
    assert_eq!(
        client.messages,
        ["ce fichier a des erreurs de syntaxe\u{202f}: corrigez-les, puis mettez-le en forme"]
    );
    assert!(client.shutdown());
}

#[test]
fn utf16_positions_in_an_unsaved_buffer_and_a_file_alone() {
    let scratch = Scratch::new("lsp-utf16");
    let mut client = Client::new(Memory::start(), &scratch.dir);
    let untitled: Uri = "untitled:Sans%20titre-1".parse().unwrap();
    let text = "axe a \"A\"\nfiche f \"😀 é\" { axe b }\n";
    client.open_text(&untitled, text);
    let d = client.wait_diagnostics(&untitled, |d| !d.is_empty());
    assert_eq!(references_codes(&d), ["ctg::ref::axe-inconnu"]);
    let d: Vec<_> = d.iter().filter(|d| d.message.starts_with("axe")).collect();
    // `b` is the 22nd UTF-16 unit of its line: the emoji counts two.
    assert_eq!(
        d[0].range,
        Range::new(Position::new(1, 21), Position::new(1, 22))
    );
    client.notify::<lsp_types::notification::DidCloseTextDocument>(
        lsp_types::DidCloseTextDocumentParams {
            text_document: TextDocumentIdentifier::new(untitled.clone()),
        },
    );
    client.wait_diagnostics(&untitled, |d| d.is_empty());

    // A project whose convention does not include this draft: the draft is checked alone.
    scratch.write("convention.ctg", "axe a \"A\"\n");
    let draft = scratch.write("brouillons/essai.ctg", "fiche f \"F\" {\n  axe a\n}\n");
    let doc = client.open(&draft);
    let d = client.wait_diagnostics(&doc, |d| !d.is_empty());
    assert_eq!(references_codes(&d), ["ctg::ref::axe-inconnu"]);
    assert!(client.shutdown());
}

#[test]
fn the_binary_serves_over_stdio() {
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["lsp", "--help"])
        .output()
        .unwrap();
    assert!(help.status.success(), "the VS Code client checks this");
    assert!(String::from_utf8_lossy(&help.stdout).contains("Serveur de langage"));

    let scratch = Scratch::new("lsp-stdio");
    copy_example("carlades", &scratch.dir);
    let mut client = Client::new(Process::start(&scratch.dir), &scratch.dir);
    let path = scratch.path("fiches/02-rpe.ctg");
    let text = std::fs::read_to_string(&path).unwrap();
    let rpe = client.open(&path);
    let end = position(&text, "pilote csc", 0, 10);
    client.edit(&rpe, Range::new(end, end), "x");
    let d = client.wait_diagnostics(&rpe, |d| !d.is_empty());
    assert_eq!(codes(&d), ["ctg::ref::partenaire-inconnu"]);
    assert_eq!(
        d[0].message,
        "pilote «\u{202f}cscx\u{202f}» inconnu\nvouliez-vous dire «\u{202f}csc\u{202f}»\u{202f}?"
    );
    let hover = client
        .request::<HoverRequest>(HoverParams {
            text_document_position_params: at(&rpe, position(&text, "familles", 0, 0)),
            work_done_progress_params: Default::default(),
        })
        .unwrap()
        .unwrap();
    let HoverContents::Markup(m) = hover.contents else {
        panic!("markdown");
    };
    assert!(m.value.starts_with("**Axe 1 — Consolider"));
    let x = Range::new(end, Position::new(end.line, end.character + 1));
    client.edit(&rpe, x, "");
    client.wait_diagnostics(&rpe, |d| d.is_empty());
    assert!(
        client.shutdown(),
        "ctgc lsp exits with 0 after shutdown and exit"
    );
}
