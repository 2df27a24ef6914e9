//! `ctgc fmt --deplacer-valeurs`: the `valeur ANNÉE V` lines of a fiche's indicators moved into
//! the bilan of their year, the one place of truth for a yearly value (docs/bilan.md).
//!
//! The move is planned on the syntax trees of a project that checks without errors, as text
//! edits (the formatter then lays the files out). A value moves only where its place is certain:
//!
//! into the year's `fiche ID { … }` entry, when a `bilan ANNÉE` block has one. Otherwise it stays,
//! and the caller says why: ctgc creates no bilan file (the project's `inclure` might not read
//! it) and no entry (an entry is a row of the bilan, in the export and the documents; and which
//! working group's block should hold it is a human call).
//!
//! The caller analyses the edited project again and keeps the move only if [`same_meaning`]: the
//! export is unchanged and so are the diagnostics' codes.

use std::collections::BTreeMap;

use crate::compile::Compilation;
use crate::keyword::fold;
use crate::source::{FileId, Language};
use crate::syntax::{self, ArgKind, Statement};

/// A value moved: from which file into which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Moved {
    pub from: FileId,
    pub to: FileId,
    pub fiche: String,
    pub indicateur: String,
    pub annee: i32,
}

/// Why a value stays in its fiche.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stay {
    /// No `bilan ANNÉE` block in the project.
    NoBilan,
    /// `bilan ANNÉE` blocks, none with a `fiche ID` entry.
    NoEntry,
}

/// A value left where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Left {
    pub file: FileId,
    /// Byte offset of its `valeur` line.
    pub at: usize,
    pub fiche: String,
    pub indicateur: String,
    pub annee: i32,
    pub why: Stay,
}

/// The move of a project: the new text of every file it touches, what moves, what stays.
#[derive(Debug, Default)]
pub(crate) struct Relocation {
    pub texts: BTreeMap<FileId, String>,
    pub moved: Vec<Moved>,
    pub left: Vec<Left>,
}

/// A `valeur ANNÉE V` line of a fiche's indicator.
struct ValueLine {
    file: FileId,
    fiche: String,
    /// The indicator's libellé, unescaped.
    indicateur: String,
    annee: i32,
    /// The line to write in the bilan: comments above, `valeur "Libellé" V`, comment after.
    moved_lines: Vec<String>,
    /// What to remove from the fiche's file.
    removal: (usize, usize),
    at: usize,
}

/// A place new lines can go in a statement: after its block's last statement (before the
/// block's closing comments, which stay last), or before the brace of an empty block; for a
/// statement without a block, in a new block right after its arguments.
#[derive(Clone, Copy)]
enum Slot {
    Lines(usize),
    NewBlock(usize),
}

impl Slot {
    fn at(self) -> usize {
        match self {
            Slot::Lines(at) | Slot::NewBlock(at) => at,
        }
    }
}

/// A `fiche ID` entry of a bilan block.
struct Entry {
    file: FileId,
    fiche: String,
    slot: Slot,
}

/// A `bilan ANNÉE { … }` block.
struct BilanBlock {
    annee: i32,
    entries: Vec<Entry>,
}

/// Plans the move of a project that has no error. `None` when it has errors: a value's place is
/// only certain in a project that checks.
pub(crate) fn plan(comp: &Compilation) -> Option<Relocation> {
    if comp.has_errors() {
        return None;
    }
    let mut values = Vec::new();
    let mut blocks = Vec::new();
    for file in comp.sources.iter().filter(|f| f.language == Language::Ctg) {
        let (tree, diags) = syntax::parse(&file.text, file.id);
        if !diags.is_empty() {
            return None;
        }
        for stmt in &tree.statements {
            match fold(&stmt.keyword).as_str() {
                "fiche" => fiche_values(stmt, file.id, &file.text, &mut values),
                "bilan" => blocks.extend(bilan_block(stmt, file.id)),
                _ => {}
            }
        }
    }
    let mut edits: BTreeMap<FileId, Vec<Edit>> = BTreeMap::new();
    let mut out = Relocation::default();
    for v in values {
        let mut of_year = blocks.iter().filter(|b| b.annee == v.annee).peekable();
        let has_bilan = of_year.peek().is_some();
        let Some(entry) = of_year
            .flat_map(|b| &b.entries)
            .find(|e| e.fiche == v.fiche)
        else {
            out.left.push(Left {
                file: v.file,
                at: v.at,
                fiche: v.fiche,
                indicateur: v.indicateur,
                annee: v.annee,
                why: if has_bilan {
                    Stay::NoEntry
                } else {
                    Stay::NoBilan
                },
            });
            continue;
        };
        edits
            .entry(entry.file)
            .or_default()
            .push(Edit::Insert(entry.slot, v.moved_lines));
        edits
            .entry(v.file)
            .or_default()
            .push(Edit::Remove(v.removal.0, v.removal.1));
        out.moved.push(Moved {
            from: v.file,
            to: entry.file,
            fiche: v.fiche,
            indicateur: v.indicateur,
            annee: v.annee,
        });
    }
    for (file, list) in edits {
        out.texts
            .insert(file, apply(&comp.sources.get(file).text, list));
    }
    Some(out)
}

/// Whether the edited project means what the original meant: the same export, and diagnostics
/// of the same codes (their spans move with the lines). `Err` says what differs.
pub(crate) fn same_meaning(before: &Compilation, after: &Compilation) -> Result<(), String> {
    if after.has_errors() {
        return Err("le projet modifié aurait des erreurs".into());
    }
    let json = |c: &Compilation| serde_json::to_string(&crate::export::export(&c.model));
    if json(before).ok() != json(after).ok() {
        return Err("l'export du projet modifié serait différent".into());
    }
    let codes = |c: &Compilation| {
        let mut v: Vec<&str> = c.diagnostics.iter().map(|d| d.rule.code).collect();
        v.sort_unstable();
        v
    };
    if codes(before) != codes(after) {
        return Err("les diagnostics du projet modifié seraient différents".into());
    }
    Ok(())
}

/// The `valeur` lines of every indicator of a top-level `fiche ID "Titre" { … }`.
fn fiche_values(fiche: &Statement, file: FileId, text: &str, out: &mut Vec<ValueLine>) {
    let Some(id) = word(fiche, 0) else { return };
    for ind in children(fiche).filter(|s| fold(&s.keyword) == "indicateur") {
        let Some((indicateur, libelle_src)) = ind.args.first().and_then(|a| match &a.kind {
            ArgKind::Str(s) => Some((s.clone(), text[a.span.start..a.span.end].to_string())),
            _ => None,
        }) else {
            continue;
        };
        for v in children(ind).filter(|s| fold(&s.keyword) == "valeur") {
            let (Some(annee), Some(first), Some(last)) = (
                number(v, 0).and_then(|n| n.parse().ok()),
                v.args.get(1),
                v.args.last(),
            ) else {
                continue;
            };
            let mut moved_lines: Vec<String> = v
                .comments_before
                .iter()
                .map(|c| format!("#{}", c.text))
                .collect();
            let mut line = format!(
                "valeur {libelle_src} {}",
                &text[first.span.start..last.span.end]
            );
            if let Some(c) = &v.comment_after {
                line.push_str(&format!("  #{}", c.text));
            }
            moved_lines.push(line);
            let start = v
                .comments_before
                .first()
                .map_or(v.span.start, |c| c.span.start);
            let end = v
                .comment_after
                .as_ref()
                .map_or(v.span.end, |c| c.span.end.max(v.span.end));
            out.push(ValueLine {
                file,
                fiche: id.to_string(),
                indicateur: indicateur.clone(),
                annee,
                moved_lines,
                removal: whole_lines(text, start, end),
                at: v.span.start,
            });
        }
    }
}

/// A top-level `bilan ANNÉE { … }` and its `fiche ID` entries.
fn bilan_block(stmt: &Statement, file: FileId) -> Option<BilanBlock> {
    let annee = number(stmt, 0)?.parse().ok()?;
    let entries = children(stmt)
        .filter(|s| fold(&s.keyword) == "fiche")
        .filter_map(|s| {
            Some(Entry {
                file,
                fiche: word(s, 0)?.to_string(),
                slot: slot(s),
            })
        })
        .collect();
    Some(BilanBlock { annee, entries })
}

fn children(stmt: &Statement) -> impl Iterator<Item = &Statement> {
    stmt.block.iter().flat_map(|b| &b.statements)
}

fn word(stmt: &Statement, i: usize) -> Option<&str> {
    match &stmt.args.get(i)?.kind {
        ArgKind::Word(w) => Some(w),
        _ => None,
    }
}

fn number(stmt: &Statement, i: usize) -> Option<&str> {
    match &stmt.args.get(i)?.kind {
        ArgKind::Number(n) => Some(n),
        _ => None,
    }
}

fn slot(stmt: &Statement) -> Slot {
    match &stmt.block {
        Some(b) => Slot::Lines(b.statements.last().map_or(b.span.end - 1, |last| {
            last.comment_after
                .as_ref()
                .map_or(last.span.end, |c| c.span.end.max(last.span.end))
        })),
        None => Slot::NewBlock(stmt.args.last().map_or(stmt.keyword_span, |a| a.span).end),
    }
}

/// START..END widened to whole lines when nothing else stands on them (a one-line block keeps
/// its other statements, and the `;` left over is nothing to the parser).
fn whole_lines(text: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    let blank = |s: &str| {
        s.chars()
            .all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r')
    };
    if blank(&text[line_start..start]) && blank(&text[end..line_end]) {
        (line_start, line_end)
    } else {
        (start, end)
    }
}

enum Edit {
    Remove(usize, usize),
    /// Lines put in a slot.
    Insert(Slot, Vec<String>),
}

impl Edit {
    fn at(&self) -> usize {
        match self {
            Edit::Remove(at, _) => *at,
            Edit::Insert(slot, _) => slot.at(),
        }
    }
}

/// TEXT with its EDITS applied (removals never overlap: each is one statement's lines).
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    // Stable: insertions at one place keep their order, and come before a removal starting there.
    edits.sort_by_key(|e| (e.at(), matches!(e, Edit::Remove(..))));
    // The lines of one slot go in together (one new block, not one per value).
    let mut merged: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        match (merged.last_mut(), e) {
            (Some(Edit::Insert(slot, lines)), Edit::Insert(s, more)) if slot.at() == s.at() => {
                lines.extend(more)
            }
            (_, e) => merged.push(e),
        }
    }
    let edits = merged;
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for e in edits {
        let at = e.at();
        match e {
            Edit::Insert(slot, lines) => {
                out.push_str(&text[cursor..at.max(cursor)]);
                cursor = cursor.max(at);
                let lines = lines.join("\n");
                match slot {
                    // A line break after the lines unless one follows already (a blank line
                    // would stay): a closing brace or a `;` on the same line must not end up in
                    // a moved comment.
                    Slot::Lines(_) if text[at..].starts_with(['\n', '\r']) => {
                        out.push_str(&format!("\n{lines}"))
                    }
                    Slot::Lines(_) => out.push_str(&format!("\n{lines}\n")),
                    Slot::NewBlock(_) => out.push_str(&format!(" {{\n{lines}\n}}")),
                }
            }
            Edit::Remove(start, end) => {
                out.push_str(&text[cursor..start.max(cursor)]);
                cursor = cursor.max(end);
            }
        }
    }
    out.push_str(&text[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Options, analyse_file};

    const HEAD: &str = r#"convention "CTG" {
  territoire "Communauté de communes"
  période 2023 .. 2026
  signature 13 janvier 2023
  lieu "Aime"
  exemplaires 2
  champs petite-enfance
}

signataire caf "Caf de la Savoie" {
  nature caf
  représentant "Directrice" Mme "Anne Martin"
}

signataire cc "Communauté de communes" {
  nature epci
  représentant "Président" M. "Pierre Blanc"
}

axe pilotage "Piloter" {
  objectif coordination "Coordonner"
}
"#;

    fn fiche(indicators: &str) -> String {
        format!(
            "{HEAD}\nfiche coordination \"Coordonner\" {{\n  axe pilotage\n  objectifs coordination\n  \
             champ petite-enfance\n  pilote cc\n{indicators}  financement caf 2023 .. 2026 20 000 € par an\n}}\n"
        )
    }

    fn analysed(text: &str) -> Compilation {
        analyse_file("convention.ctg", text.as_bytes(), Options::default()).expect("analysed")
    }

    /// The project's text after the move, laid out by `fmt`, and what moved and stayed; the
    /// move is checked meaning-preserving.
    fn relocated(text: &str) -> (String, Relocation) {
        let before = analysed(text);
        let r = plan(&before).expect("no errors");
        let after = r.texts.values().next().cloned().unwrap_or(text.to_string());
        if let Err(why) = same_meaning(&before, &analysed(&after)) {
            panic!("{why}:\n{after}");
        }
        let laid_out = crate::format::format(&after, FileId(0)).expect("formats");
        (laid_out, r)
    }

    #[test]
    fn a_value_joins_the_years_entry_with_its_comments_and_a_second_run_moves_nothing() {
        let src = fiche(
            "  indicateur \"Familles accompagnées\" {\n    départ 40 en 2022\n    cible 80 en 2026\n    \
             # relevé du CIAS\n    valeur 2023 48  # décembre\n    valeur 2024 55\n  }\n",
        ) + "\nbilan 2023 {\n  fiche coordination {\n    statut en-cours\n    # fin\n  }\n}\n\n\
             bilan 2024 {\n  fiche coordination { statut en-cours }\n}\n";
        let (out, r) = relocated(&src);
        assert_eq!(r.moved.len(), 2, "{out}");
        assert!(r.left.is_empty());
        assert!(!out.contains("valeur 2023"), "{out}");
        assert!(
            out.contains(
                "  fiche coordination {\n    statut en-cours\n    # relevé du CIAS\n    \
                 valeur \"Familles accompagnées\" 48  # décembre\n    # fin\n  }"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "  fiche coordination {\n    statut en-cours\n    valeur \"Familles accompagnées\" 55\n  }"
            ),
            "{out}"
        );
        let again = plan(&analysed(&out)).expect("no errors");
        assert!(again.moved.is_empty() && again.texts.is_empty());
    }

    #[test]
    fn a_one_line_block_gives_its_value_to_an_entry_without_a_block() {
        let src = fiche(
            "  indicateur \"Familles\" { départ 40 en 2022; valeur 2023 48; cible 80 en 2026 }\n  \
             indicateur \"Ateliers\" {\n    départ 2 en 2022\n    cible 8 en 2026\n    valeur 2023 à compléter\n  }\n",
        ) + "\nbilan 2023 {\n  copil à compléter\n  fiche coordination  # à détailler\n}\n";
        let (out, r) = relocated(&src);
        assert_eq!(r.moved.len(), 2);
        assert!(
            out.contains(
                "bilan 2023 {\n  copil à compléter\n  fiche coordination {\n    \
                 valeur \"Familles\" 48\n    valeur \"Ateliers\" à compléter\n  }  # à détailler\n}"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "indicateur \"Familles\" {\n    départ 40 en 2022\n    cible 80 en 2026\n  }"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_value_stays_without_a_bilan_of_its_year_or_an_entry_for_its_fiche() {
        let src = fiche(
            "  indicateur \"Familles\" {\n    départ 40 en 2022\n    cible 80 en 2026\n    \
             valeur 2023 48\n    valeur 2024 50\n  }\n",
        ) + "\nbilan 2023 {\n  copil à compléter\n}\n\nbilan 2023 {\n  synthèse axe pilotage \"Bien.\"\n}\n";
        let comp = analysed(&src);
        let r = plan(&comp).expect("no errors");
        assert!(r.moved.is_empty() && r.texts.is_empty());
        let why: Vec<(i32, Stay)> = r.left.iter().map(|l| (l.annee, l.why)).collect();
        assert_eq!(why, [(2023, Stay::NoEntry), (2024, Stay::NoBilan)]);
    }

    #[test]
    fn nothing_moves_in_a_project_with_errors() {
        let src = fiche(
            "  indicateur \"Familles\" {\n    départ 40 en 2022\n    cible 80 en 2026\n    valeur 2023 48\n  }\n",
        ) + "\nbilan 2023 {\n  fiche coordination { valeur \"Familles\" 50 }\n}\n";
        assert!(plan(&analysed(&src)).is_none());
    }

    #[test]
    fn a_changed_export_is_not_the_same_meaning() {
        let with = fiche(
            "  indicateur \"Familles\" {\n    départ 40 en 2022\n    cible 80 en 2026\n    valeur 2023 48\n  }\n",
        );
        let without = with.replace("    valeur 2023 48\n", "");
        assert!(same_meaning(&analysed(&with), &analysed(&without)).is_err());
        assert!(same_meaning(&analysed(&with), &analysed(&with)).is_ok());
    }
}
