//! `ctgc fmt`: one canonical layout for `.ctg` files.
//!
//! The formatter prints the syntax tree back (comments included), never the model: what it
//! cannot understand it leaves as written. The layout:
//!
//! - two spaces per block level, one statement per line, `;` replaced by line breaks, LF line
//!   ends, no BOM, no trailing spaces, one final newline;
//! - keywords in their canonical accented lowercase spelling (`periode` → `période`), and so are
//!   the words of closed vocabularies (`parentalite` → `parentalité`, `mme` → `Mme`);
//! - the fields of each block in the canonical order of [`order`] (repeatable fields keep their
//!   relative order); the top level is never reordered (the order of fiches is their numbering);
//! - money as `12 000 €`, dates as `13 janvier 2023`, `à compléter`, `à déterminer`, ranges as
//!   `2023 .. 2026`, the modifiers of `financement` in the order of the language reference;
//! - `"""` texts re-indented one level deeper than their statement, their words untouched; a
//!   one-line text that fits stays on its statement's line;
//! - lists wrapped after a comma past 100 columns;
//! - a statement whose arguments no spacing could keep apart as they are (a bare word of digits,
//!   `12 500,1a`; a number and `eur` apart by a tab) keeps them as written, line ends made LF;
//! - comments kept where they were (above their statement, at the end of its line, or at the end
//!   of a block); single blank lines kept, runs of blank lines reduced to one, none at the top of
//!   a block; end-of-line comments of consecutive lines aligned.
//!
//! The result is checked before it is returned: parsed again, it must give the same canonical
//! document, which makes the formatter idempotent by construction.

mod arguments;
mod document;
pub(crate) mod order;
#[cfg(feature = "cli")]
pub(crate) mod relocation;
mod render;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax;

/// Why a file was not formatted.
#[derive(Debug)]
pub enum Refusal {
    /// The file does not parse: its diagnostics (spans in the text given to [`format`]).
    Syntax(Vec<Diagnostic>),
    /// The formatter would have produced a file that does not mean the same: a bug, never written.
    Internal(String),
}

/// Formats one file's (decoded) text. `file` is the id the diagnostics' spans refer to.
pub fn format(text: &str, file: FileId) -> Result<String, Refusal> {
    let (tree, diags) = syntax::parse(text, file);
    if !diags.is_empty() {
        return Err(Refusal::Syntax(diags));
    }
    let doc = document::document(&tree.statements, &tree.trailing_comments, text);
    let out = render::render(&doc);
    let (again, diags) = syntax::parse(&out, file);
    if let Some(d) = diags.first() {
        let at = d.primary().map_or(0, |s| s.start);
        let line = out[..at.min(out.len())].matches('\n').count() + 1;
        return Err(Refusal::Internal(format!(
            "le texte mis en forme ne se relit pas (ligne {line} : {})",
            d.message
        )));
    }
    if document::document(&again.statements, &again.trailing_comments, &out) != doc {
        return Err(Refusal::Internal(
            "le texte mis en forme ne se relit pas à l'identique".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match format(text, FileId(0)) {
            Ok(s) => s,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn canonical_layout() {
        let src = "Fiche x \"T\" {  financement caf 2023..2026 12000€ Par an\n\tPriorite prioritaire ; Axe a\n}\n";
        assert_eq!(
            fmt(src),
            "fiche x \"T\" {\n  axe a\n  priorité prioritaire\n  financement caf 2023 .. 2026 12 000 € par an\n}\n"
        );
    }

    #[test]
    fn an_avenant_puts_its_fields_first_and_keeps_its_changes_in_order() {
        let src = "Avenant 1 {\n  prolonge 2022\n  Date JANVIER 2020\n  remplace-financements f {\n    financement caf 2023..2026 12000€ PAR AN\n  }\n  ajoute-signataire rai {}\n  signataires cc, caf\n}\n";
        assert_eq!(
            fmt(src),
            "avenant 1 {\n  date janvier 2020\n  signataires cc, caf\n  prolonge 2022\n  remplace-financements f {\n    financement caf 2023 .. 2026 12 000 € par an\n  }\n  ajoute-signataire rai {}\n}\n"
        );
    }

    #[test]
    fn comments_and_blank_lines_stay() {
        let src = "# en-tête\n\n\n# du fichier\n\nconvention \"C\" { # ouverture\n  lieu à compléter   # le lieu\n  exemplaires 7 # sept\n\n  # fin\n}  # après\n";
        assert_eq!(
            fmt(src),
            "# en-tête\n\n# du fichier\n\nconvention \"C\" {\n  # ouverture\n  lieu à compléter  # le lieu\n  exemplaires 7     # sept\n\n  # fin\n}  # après\n"
        );
    }

    #[test]
    fn texts_are_reindented_not_reworded() {
        let src = "axe a \"A\" {\ndescription \"\"\"\n      Premier paragraphe,\n        en retrait.\n\n      Second.   \n\"\"\"\n}\n";
        assert_eq!(
            fmt(src),
            "axe a \"A\" {\n  description \"\"\"\n    Premier paragraphe,\n      en retrait.\n\n    Second.\n  \"\"\"\n}\n"
        );
        assert_eq!(
            fmt("annexe a \"A\" { texte \"\"\"\n  court\n  \"\"\" }"),
            "annexe a \"A\" {\n  texte \"\"\"court\"\"\"\n}\n"
        );
    }

    #[test]
    fn long_lists_wrap_after_a_comma() {
        let items: Vec<String> = (0..30).map(|i| format!("commune-{i}")).collect();
        let src = format!("fiche f \"F\" {{\n  territoire {}\n}}\n", items.join(", "));
        let out = fmt(&src);
        assert!(
            out.lines().all(|l| l.chars().count() <= render::WIDTH),
            "{out}"
        );
        assert!(out.contains(",\n    commune-"), "{out}");
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn arguments_that_would_merge_stay_apart() {
        // `2  0 €` is a number and an amount; `2 0 €` would be one (malformed) amount.
        let src = "fiche f \"F\" {\n  financement caf 2023 2  0 €\n  financement caf 2024 12 000 €\n  x 1 2  0 €\n}\n";
        assert_eq!(fmt(src), src);
    }

    #[test]
    fn a_range_glued_to_a_date_stays_glued() {
        // Written glued, `2023..` is no year: spacing it out would make a date of three words.
        let src = "convention \"C\" {\n  période 1er janvier 2023..2026\n}\n";
        assert_eq!(fmt(src), src);
        assert_eq!(
            fmt("convention \"C\" {\n  période 2023..2026\n}\n"),
            "convention \"C\" {\n  période 2023 .. 2026\n}\n"
        );
    }

    #[test]
    fn a_dangling_comma_does_not_swallow_the_next_statement() {
        let src = "fiche f \"F\" {\n  objectifs a, ;b\n}\n";
        assert_eq!(fmt(src), "fiche f \"F\" {\n  objectifs a, ;\n  b\n}\n");
    }

    /// `12` and `500` are words here, not numbers: the decimal part `,1` runs into a letter.
    /// Respaced (`12 500, 1a`), they would read as the number `12 500` (found by fuzzing).
    #[test]
    fn words_of_digits_keep_their_arguments_as_written() {
        let src = "fiche x \"X\" {\n  objectifs 7,1b, # suite\n    c\n  public 12 500,1a\n}\n";
        assert_eq!(fmt(src), src);
        // The dangling comma of such a list stays one.
        assert_eq!(
            fmt("fiche f \"F\" {\n  objectifs 7,1b, ;b\n}\n"),
            "fiche f \"F\" {\n  objectifs 7,1b, ;\n  b\n}\n"
        );
        // So do the comments of the commas that end it.
        assert_eq!(
            fmt("fiche f \"F\" {\n  objectifs 12 500,1a, # c\n    ,\n}\n"),
            "fiche f \"F\" {\n  objectifs 12 500,1a,  # c\n    , ;\n}\n"
        );
        // Anywhere else, a list is respaced.
        assert_eq!(
            fmt("fiche f \"F\" {\n  objectifs a,b\n}\n"),
            "fiche f \"F\" {\n  objectifs a, b\n}\n"
        );
    }

    /// In `7 500a`, `7 500` starts a number that fails on the letter: `7` would read as a word.
    #[test]
    fn a_number_stays_a_number_before_digits_and_letters() {
        let src = "convention \"C\" {\n  exemplaires 7\t500a\n}\n";
        assert_eq!(fmt(src), "convention \"C\" {\n  exemplaires 7  500a\n}\n");
    }

    /// An amount allows only spaces before its currency: `12⇥eur` is a number and a word, which
    /// any space would turn into `12 €`.
    #[test]
    fn a_number_and_a_currency_word_apart_by_a_tab_stay_as_written() {
        let src = "convention \"C\" {\n  exemplaires 12\tEUR\n}\n";
        assert_eq!(fmt(src), src);
    }

    #[test]
    fn refuses_what_does_not_parse() {
        assert!(matches!(
            format("fiche x \"T\" {\n", FileId(0)),
            Err(Refusal::Syntax(_))
        ));
    }
}
