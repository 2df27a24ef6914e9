//! A light pre-scan for the errors pest reports badly: unbalanced braces and unterminated strings;
//! and for blocks nested too deep, which the recursive-descent parser must never see (its stack
//! would overflow). It skips comments, strings and text blocks the same way the grammar does.

use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::{FileId, Span};

/// Blocks nest two levels deep in a real convention (`fiche { indicateur { } }`); past this
/// depth the text is not parsed at all.
pub(crate) const MAX_NESTING: usize = 32;

/// What the scan found: diagnostics, and the byte ranges nested deeper than `MAX_NESTING`
/// (in order, disjoint): the statements that touch them must not be parsed.
pub(crate) struct Scan {
    pub diagnostics: Vec<Diagnostic>,
    pub too_deep: Vec<(usize, usize)>,
}

impl Scan {
    /// Whether `start..end` overlaps a range nested too deep.
    pub(crate) fn touches_too_deep(&self, start: usize, end: usize) -> bool {
        let i = self.too_deep.partition_point(|&(_, e)| e <= start);
        self.too_deep.get(i).is_some_and(|&(s, _)| s < end)
    }
}

pub(crate) fn scan(text: &str, file: FileId) -> Scan {
    let bytes = text.as_bytes();
    let mut diags = Vec::new();
    let mut too_deep = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' if text[i..].starts_with("\"\"\"") => match text[i + 3..].find("\"\"\"") {
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
                    return Scan {
                        diagnostics: diags,
                        too_deep,
                    };
                }
            },
            b'"' => {
                let start = i;
                let mut escaped_quote = false;
                i += 1;
                loop {
                    match bytes.get(i) {
                        // `\"` and `\\` are the escapes; a `\` at the end of the line (LF or CRLF)
                        // or of the file is none, and before anything else it is a mistake.
                        Some(b'\\') => match bytes.get(i + 1) {
                            Some(b'"') => {
                                escaped_quote = true;
                                i += 2;
                            }
                            Some(b'\\') => i += 2,
                            Some(b'\n') | None => i += 1,
                            Some(b'\r') if bytes.get(i + 2) == Some(&b'\n') => i += 1,
                            Some(_) => {
                                diags.push(bad_escape(text, i, file));
                                i += 1;
                            }
                        },
                        Some(b'"') => break,
                        Some(b'\n') | None => {
                            let end = if bytes.get(i.wrapping_sub(1)) == Some(&b'\r') {
                                i - 1
                            } else {
                                i
                            };
                            let mut d = Diagnostic::new(
                                &rules::SYNTAXE_CHAINE_NON_TERMINEE,
                                "texte entre guillemets jamais refermé",
                            )
                            .label(
                                Span::new(file, start, end.max(start + 1)),
                                "le guillemet fermant manque sur cette ligne",
                            );
                            if escaped_quote {
                                d = d.help("« \\\" » est un guillemet dans le texte, pas sa fin : pour finir le texte par une barre oblique inverse, écrivez « \\\\\" »");
                            }
                            diags.push(d);
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b'{' => {
                open.push(i);
                if open.len() == MAX_NESTING + 1 {
                    too_deep.push((i, text.len()));
                    diags.push(
                        Diagnostic::new(
                            &rules::LIMITE_DEPASSEE,
                            format!("blocs imbriqués sur plus de {MAX_NESTING} niveaux"),
                        )
                        .label(Span::new(file, i, i + 1), "bloc trop profond")
                        .help("une convention imbrique au plus deux blocs (fiche, puis indicateur) : fermez les blocs par « } »"),
                    );
                }
            }
            b'}' => {
                if open.len() == MAX_NESTING + 1
                    && let Some(range) = too_deep.last_mut()
                {
                    range.1 = i + 1;
                }
                if open.pop().is_none() {
                    diags.push(
                        Diagnostic::new(
                            &rules::SYNTAXE_ACCOLADE_EN_TROP,
                            "« } » ne ferme aucun bloc",
                        )
                        .label(Span::new(file, i, i + 1), "accolade en trop"),
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    // The outermost ones: past the nesting limit, one diagnostic was already given.
    for start in open.into_iter().take(MAX_NESTING) {
        diags.push(
            Diagnostic::new(
                &rules::SYNTAXE_ACCOLADE_NON_FERMEE,
                "ce bloc n'est jamais refermé",
            )
            .label(Span::new(file, start, start + 1), "bloc ouvert ici"),
        );
    }
    Scan {
        diagnostics: diags,
        too_deep,
    }
}

/// `\` at AT, in a string, before a character it does not escape (`"C:\Partage"`).
fn bad_escape(text: &str, at: usize, file: FileId) -> Diagnostic {
    let next = text[at + 1..].chars().next().unwrap_or(' ');
    Diagnostic::new(
        &rules::SYNTAXE_ATTENDU,
        format!(
            "« \\{next} » n'est pas un échappement : dans un texte, « \\ » ne précède que « \" » ou « \\ »"
        ),
    )
    .label(
        Span::new(file, at, at + 1 + next.len_utf8()),
        "échappement inconnu",
    )
    .help("pour écrire une barre oblique inverse, doublez-la : \"C:\\\\Partage\" s'imprime C:\\Partage")
}
