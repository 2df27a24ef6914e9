//! The citations of the convention's texts (`{{ article duree }}`, `{{ debut }}`): what the
//! documents cannot print as a citation — an unknown element or value, a malformed citation, an
//! article or annex the documents leave out — is shown where it is written. Warnings: the text
//! prints as written, as it did before citations existed.

use std::ops::Range;

use crate::articles;
use crate::citation::{self, Citation, Form, Piece, Word};
use crate::compile::article_model::locate_text;
use crate::diagnostic::Diagnostic;
use crate::model::{DefaultArticle, Model, Text};
use crate::render::view::{Catalog, Resolved, catalog};
use crate::rules;
use crate::source::{Sources, Span};

/// The default articles' texts that print (the article plan keeps them: neither omitted nor
/// replaced by the convention's own text), each with its entry in the project's or the Caf
/// model's `articles.yaml`.
fn default_texts(model: &Model) -> Vec<(&DefaultArticle, Span)> {
    articles::effective(model)
        .iter()
        .filter(|e| !e.propre)
        .filter_map(|e| model.default_articles.iter().find(|d| d.id == e.id))
        .filter(|d| citation::cites(&d.texte))
        .filter_map(|d| d.region.map(|r| (d, r)))
        .collect()
}

pub(super) fn check(sources: &Sources, model: &Model, diags: &mut Vec<Diagnostic>) {
    let citing: Vec<&Text> = citation::texts(model)
        .into_iter()
        .filter(|t| citation::cites(&t.markdown))
        .collect();
    let defaults = default_texts(model);
    if citing.is_empty() && defaults.is_empty() {
        return;
    }
    let catalog = catalog(model);
    for text in citing {
        let file = &sources.get(text.span.file).text;
        let Some(written) = file.get(text.span.start..text.span.end) else {
            continue;
        };
        let at = |r: &Range<usize>| {
            let offset = |i| text.span.start + citation::source_offset(written, text.plain, i);
            Span::new(text.span.file, offset(r.start), offset(r.end))
        };
        for piece in citation::pieces(&text.markdown) {
            let Piece::Citation(c) = piece else {
                continue;
            };
            let word = match &c.form {
                Form::Malformed(why, range) => {
                    diags.push(
                        Diagnostic::new(
                            &rules::CITATION_MALFORMEE,
                            format!("citation mal écrite : {}", why.message()),
                        )
                        .label(at(range), "imprimé tel qu'écrit"),
                    );
                    continue;
                }
                Form::Value(_) => None,
                Form::Element { id, .. } => Some(id),
                Form::UnknownName(w) | Form::UnknownKind(w) => Some(w),
            };
            if let Some(word) = word {
                unresolved(&catalog, &c, word, at(&word.range), diags);
            }
        }
    }
    // In a model's text, only the citations of elements are the renderer's: the rest is
    // minijinja's, checked when the file is read (`compile::article_model`).
    for (article, region) in defaults {
        let yaml = &sources.get(region.file).text;
        for piece in citation::pieces(&article.texte) {
            let Piece::Citation(c) = piece else {
                continue;
            };
            let Form::Element { id, .. } = &c.form else {
                continue;
            };
            let entry = region.start..region.end;
            let at = locate_text(yaml, entry, &article.texte, id.range.clone())
                // A text whose line is not found as written (a folded scalar): its entry's line.
                .unwrap_or_else(|| {
                    let end = yaml[region.start..region.end]
                        .find('\n')
                        .map_or(region.end, |i| region.start + i);
                    (region.start, end)
                });
            unresolved(&catalog, &c, id, Span::new(region.file, at.0, at.1), diags);
        }
    }
}

/// Reports citation C, whose WORD is at AT, when the documents cannot print it as a citation.
fn unresolved(catalog: &Catalog, c: &Citation, word: &Word, at: Span, diags: &mut Vec<Diagnostic>) {
    match catalog.resolve(&c.form) {
        Resolved::Printed { .. } => {}
        Resolved::Absent => diags.push(
            Diagnostic::new(
                &rules::CITATION_HORS_DOCUMENT,
                format!(
                    "« {} » cite un élément que le document n'imprime pas",
                    c.written
                ),
            )
            .label(at, "omis ou absent du document"),
        ),
        Resolved::Unknown(suggestion) => {
            let what = match c.form {
                Form::UnknownKind(_) => "genre d'élément inconnu",
                Form::UnknownName(_) => "valeur inconnue",
                _ => "identifiant inconnu",
            };
            diags.push(
                Diagnostic::new(
                    &rules::CITATION_INCONNUE,
                    format!("« {} » : {what} « {} »", c.written, word.text),
                )
                .label(at, what)
                .suggest(suggestion),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::probe::{self, findings};

    fn citations(text: &str) -> Vec<(&'static str, String)> {
        findings(text, |r| r.code.starts_with("ctg::citation"))
    }

    const BASE: &str = "convention \"CTG\" { période 2023 .. 2026 }\n\
        signataire caf \"Caf\" { nature caf }\n\
        axe pe \"Petite enfance\"\n\
        fiche creche \"Crèche\" { axe pe }\n\
        article duree { omis }\n";

    #[test]
    fn each_mistake_is_shown_on_what_is_wrong() {
        let text = format!(
            "{BASE}article a \"A\" {{\n  texte \"\"\"\n    Voir {{{{ fiche crech }}}}, {{{{ debutt }}}},\n      {{{{ artcle x }}}} et {{{{ article duree }}}} {{{{ fin\n    \"\"\"\n}}\n"
        );
        assert_eq!(
            citations(&text),
            [
                ("ctg::citation::inconnue", "crech".to_string()),
                ("ctg::citation::inconnue", "debutt".to_string()),
                ("ctg::citation::inconnue", "artcle".to_string()),
                ("ctg::citation::hors-document", "duree".to_string()),
                ("ctg::citation::malformee", "{{".to_string()),
            ]
        );
    }

    #[test]
    fn a_one_line_string_is_shown_where_it_is_written() {
        let text = format!(
            "{BASE}fiche f \"F\" {{ axe pe\n description \"\\\"x\\\" {{{{ axe p }}}}\" }}\n"
        );
        assert_eq!(
            citations(&text),
            [("ctg::citation::inconnue", "p".to_string())]
        );
    }

    #[test]
    fn citations_that_resolve_say_nothing() {
        let text = format!(
            "{BASE}annexe x \"X\" {{ texte \"{{{{ debut }}}} {{{{ fiche creche }}}} {{{{ total caf }}}} \\\\{{{{ rien }}}}\" }}\n"
        );
        assert_eq!(citations(&text), []);
    }

    /// The citation findings of a project whose article model is YAML, each with the text under
    /// its label, in whichever file it is.
    fn with_model(convention: &str, yaml: &str) -> Vec<(&'static str, String)> {
        let comp = probe::project(&[
            ("convention.ctg", convention.as_bytes()),
            ("templates/articles.yaml", yaml.as_bytes()),
        ]);
        comp.diagnostics
            .iter()
            .filter(|d| d.rule.code.starts_with("ctg::citation"))
            .map(|d| (d.rule.code, probe::under_label(&comp, d)))
            .collect()
    }

    #[test]
    fn a_model_s_citations_are_checked_in_the_articles_that_print() {
        // `pilotage` is omitted and `suivi` has the convention's own text: their model texts do
        // not print. `evaluation` is folded (`>`): its line is not in the file as written.
        let yaml = "- id: objet\n  titre: Objet\n  texte: |\n    Voir la {{ fiche crech }}.\n\
                    - id: pilotage\n  titre: Pilotage\n  texte: |\n    Voir la {{ fiche pilote }}.\n\
                    - id: suivi\n  titre: Suivi\n  texte: |\n    Voir la {{ fiche suivie }}.\n\
                    - id: evaluation\n  titre: Évaluation\n  texte: >\n    L'évaluation de la\n    \
                    {{ fiche evaluee }} est annuelle.\n";
        let convention =
            format!("{BASE}article pilotage {{ omis }}\narticle suivi {{ texte \"Annuel.\" }}\n");
        assert_eq!(
            with_model(&convention, yaml),
            [
                ("ctg::citation::inconnue", "crech".to_string()),
                ("ctg::citation::inconnue", "id: evaluation".to_string()),
            ]
        );
    }
}
