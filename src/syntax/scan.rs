//! A light pre-scan for the errors pest reports badly: unbalanced braces and unterminated strings.
//! It skips comments, strings and text blocks the same way the grammar does.

use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::{FileId, Span};

pub fn scan(text: &str, file: FileId) -> Vec<Diagnostic> {
    let bytes = text.as_bytes();
    let mut diags = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' if text[i..].starts_with("\"\"\"") => {
                match text[i + 3..].find("\"\"\"") {
                    Some(end) => i += 3 + end + 2,
                    None => {
                        diags.push(
                            Diagnostic::new(
                                &rules::SYNTAXE_CHAINE_NON_TERMINEE,
                                "texte long « \"\"\" » jamais refermé",
                            )
                            .label(Span::new(file, i, i + 3), "ce texte commence ici")
                            .help("fermez le texte par \"\"\" sur sa propre ligne"),
                        );
                        return diags;
                    }
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(b'\n') | None => {
                            let end = if bytes.get(i.wrapping_sub(1)) == Some(&b'\r') { i - 1 } else { i };
                            diags.push(
                                Diagnostic::new(&rules::SYNTAXE_CHAINE_NON_TERMINEE, "texte entre guillemets jamais refermé")
                                    .label(Span::new(file, start, end.max(start + 1)), "le guillemet fermant manque sur cette ligne"),
                            );
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b'{' => open.push(i),
            b'}' => {
                if open.pop().is_none() {
                    diags.push(
                        Diagnostic::new(&rules::SYNTAXE_ACCOLADE_EN_TROP, "« } » ne ferme aucun bloc")
                            .label(Span::new(file, i, i + 1), "accolade en trop"),
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    for start in open {
        diags.push(
            Diagnostic::new(&rules::SYNTAXE_ACCOLADE_NON_FERMEE, "ce bloc n'est jamais refermé")
                .label(Span::new(file, start, start + 1), "bloc ouvert ici"),
        );
    }
    diags
}
