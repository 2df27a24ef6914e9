//! The commonest mistakes of people who write French documents in a word processor: a date with
//! slashes (`31/12/2026`), curly or French quotes around a text (`“…”`, `« … »`), a period written
//! with a hyphen (`2026-2029`). Each is recognised in the source text (outside comments, strings
//! and text blocks), so that the parser can name it instead of a character it did not expect, and
//! `ctgc fmt --corriger` can rewrite it when only one reading is possible.

use super::{Arg, ArgKind};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::{FileId, Span};

/// A mistake found in the text: where, what, and its correction when it is unambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    pub kind: Kind,
    /// Byte range of the mistaken text.
    pub start: usize,
    pub end: usize,
    /// The text to put instead; `None` when the intent cannot be told (`31/02/2026`).
    pub fix: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `31/12/2026`
    SlashDate,
    /// `“Texte”`, `« Texte »`
    WordQuotes,
    /// `2026-2029`
    HyphenRange,
}

/// Every mistake in TEXT, in order, outside comments, strings and text blocks.
pub(crate) fn find(text: &str) -> Vec<Mistake> {
    let mut found: Vec<Mistake> = Vec::new();
    for (start, end) in code_regions(text) {
        let region = &text[start..end];
        // A quoted text may hold straight quotes (`« L'accueil "jeunes" »`): past its region.
        let mut i = found.last().map_or(0, |m| m.end.saturating_sub(start));
        while i < region.len() {
            let rest = &region[i..];
            let before = region[..i].chars().next_back();
            let at_boundary = before.is_none_or(|c| c.is_whitespace() || c == ',');
            let found_here = if at_boundary && rest.starts_with(|c: char| c.is_ascii_digit()) {
                slash_date(rest).or_else(|| hyphen_range(rest))
            } else {
                quoted(&text[start + i..])
            };
            match found_here {
                Some((len, kind, fix)) => {
                    found.push(Mistake {
                        kind,
                        start: start + i,
                        end: start + i + len,
                        fix,
                    });
                    i += len;
                }
                None => i += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
    }
    found
}

/// The text with every unambiguous correction applied; `None` when there is none.
pub(crate) fn corrected(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in find(text) {
        if let Some(fix) = &m.fix {
            out.push_str(&text[last..m.start]);
            out.push_str(fix);
            last = m.end;
        }
    }
    (last > 0).then(|| {
        out.push_str(&text[last..]);
        out
    })
}

/// The diagnostic of the mistake at POS of CHUNK (a part of a file that starts at BASE), if the
/// parser stopped on one.
pub(crate) fn at(chunk: &str, pos: usize, file: FileId, base: usize) -> Option<Diagnostic> {
    let m = find(chunk)
        .into_iter()
        .find(|m| m.start <= pos && pos < m.end)?;
    Some(m.diagnostic(&chunk[m.start..m.end], file, base))
}

/// The diagnostic of an argument that is a mistake as a whole: `2026-2029` (a word to the
/// grammar) where a period or a year is expected.
pub(crate) fn in_argument(arg: &Arg) -> Option<Diagnostic> {
    let ArgKind::Word(w) = &arg.kind else {
        return None;
    };
    let m = find(w)
        .into_iter()
        .find(|m| m.kind == Kind::HyphenRange && m.start == 0 && m.end == w.len())?;
    Some(m.diagnostic(w, arg.span.file, arg.span.start))
}

impl Mistake {
    /// What the mistake is and how to write it, in French; WRITTEN is its text.
    pub(crate) fn diagnostic(&self, written: &str, file: FileId, base: usize) -> Diagnostic {
        let span = Span::new(file, base + self.start, base + self.end);
        let by_fmt = "ctgc fmt --corriger le fait pour vous";
        match (self.kind, &self.fix) {
            (Kind::SlashDate, fix) => Diagnostic::new(
                &rules::LEXIQUE_DATE,
                format!("« {written} » : une date ne s'écrit pas avec des barres obliques"),
            )
            .label(span, "date à écrire en toutes lettres")
            .help(match fix {
                Some(f) => format!("écrivez {f} ; {by_fmt}"),
                None => "écrivez la date en toutes lettres, jour, mois et année sur quatre chiffres : 31 décembre 2026".to_string(),
            }),
            (Kind::WordQuotes, fix) => {
                let open = written.chars().next().unwrap_or('“');
                let pair = match open {
                    '«' => "« »",
                    '„' => "„ “",
                    '”' => "” ”",
                    _ => "“ ”",
                };
                Diagnostic::new(
                    &rules::LEXIQUE_GUILLEMETS,
                    format!("guillemets {pair} de traitement de texte : un texte s'écrit entre guillemets droits \""),
                )
                .label(span, "guillemets à remplacer")
                .help(match fix {
                    Some(f) => format!("remplacez {pair} par des guillemets droits \" : {f} ; {by_fmt}"),
                    None => format!("remplacez {pair} par des guillemets droits \", au début et à la fin du texte"),
                })
            }
            (Kind::HyphenRange, fix) => Diagnostic::new(
                &rules::SYNTAXE_ARGUMENT,
                format!("« {written} » : une période s'écrit avec « .. » entre les deux années"),
            )
            .label(span, "période à écrire avec « .. »")
            .help(format!(
                "écrivez {} ; {by_fmt}",
                fix.as_deref().unwrap_or("2026 .. 2029")
            )),
        }
    }
}

type Found = (usize, Kind, Option<String>);

/// A token ends at a space, a comma, a brace, a comment or the end of the line.
fn ends_token(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '}' | '{' | '#' | ';'))
}

fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// `31/12/2026` (day first, as in France); a two-digit year is reported but not corrected.
fn slash_date(rest: &str) -> Option<Found> {
    let d = digits(rest);
    let after_day = rest[d..].strip_prefix('/')?;
    let m = digits(after_day);
    let after_month = after_day[m..].strip_prefix('/')?;
    let y = digits(after_month);
    let len = d + 1 + m + 1 + y;
    if !(1..=2).contains(&d) || !(1..=2).contains(&m) || !(y == 2 || y == 4) {
        return None;
    }
    if !ends_token(&rest[len..]) {
        return None;
    }
    let number = |s: &str| s.parse::<u32>().ok();
    let fix = (y == 4)
        .then(|| {
            Date::new(
                number(&after_month[..y])? as i32,
                number(&after_day[..m])?,
                number(&rest[..d])?,
            )
        })
        .flatten()
        .map(Date::french);
    Some((len, Kind::SlashDate, fix))
}

/// `2026-2029`: two years joined by a hyphen, the second not before the first.
fn hyphen_range(rest: &str) -> Option<Found> {
    if digits(rest) != 4 {
        return None;
    }
    let second = rest[4..].strip_prefix('-')?;
    if digits(second) != 4 || !ends_token(&second[4..]) {
        return None;
    }
    let (from, to) = (
        rest[..4].parse::<u32>().ok()?,
        second[..4].parse::<u32>().ok()?,
    );
    let plausible = (1900..=2200).contains(&from) && from <= to && to <= 2200;
    plausible.then(|| (9, Kind::HyphenRange, Some(format!("{from} .. {to}"))))
}

/// Pairs of quotes word processors put around a text, opening first.
const QUOTES: [(char, char); 4] = [('“', '”'), ('«', '»'), ('„', '“'), ('”', '”')];

/// `“Texte”` or `« Texte »` on one line: corrected to `"Texte"`. An opening quote without its
/// closing one on the line is still reported, without a correction.
fn quoted(rest: &str) -> Option<Found> {
    let open = rest.chars().next()?;
    let close = QUOTES.iter().find(|(o, _)| *o == open)?.1;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let inner_start = open.len_utf8();
    match line[inner_start..].find(close) {
        Some(at) => {
            let inner = line[inner_start..inner_start + at]
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{202f}');
            let escaped = inner.replace('\\', "\\\\").replace('"', "\\\"");
            let len = inner_start + at + close.len_utf8();
            Some((len, Kind::WordQuotes, Some(format!("\"{escaped}\""))))
        }
        None => Some((inner_start, Kind::WordQuotes, None)),
    }
}

/// Byte ranges of TEXT outside comments, `"…"` strings and `"""…"""` text blocks, where the
/// grammar reads keywords and arguments.
fn code_regions(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut regions = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let skip_to = match bytes[i] {
            b'#' => text[i..].find('\n').map_or(text.len(), |n| i + n),
            b'"' if text[i..].starts_with("\"\"\"") => text[i + 3..]
                .find("\"\"\"")
                .map_or(text.len(), |n| i + 3 + n + 3),
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                (j + 1).min(bytes.len())
            }
            _ => {
                i += 1;
                continue;
            }
        };
        regions.push((start, i));
        start = skip_to;
        i = skip_to;
    }
    regions.push((start, text.len().max(start)));
    regions.retain(|(s, e)| s < e);
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        corrected(text).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn dates_with_slashes_become_french_dates() {
        assert_eq!(
            fixed("signature 31/12/2026\n"),
            "signature 31 décembre 2026\n"
        );
        assert_eq!(fixed("signature 1/7/2026"), "signature 1er juillet 2026");
        // No such day, or a century to guess: reported, left as written.
        for text in ["signature 31/02/2026", "signature 31/12/26"] {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!((found[0].kind, &found[0].fix), (Kind::SlashDate, &None));
            assert_eq!(corrected(text), None);
        }
    }

    #[test]
    fn word_quotes_become_straight_quotes() {
        assert_eq!(fixed("titre “Petite enfance”"), "titre \"Petite enfance\"");
        assert_eq!(
            fixed("titre «\u{202f}L'accueil \"jeunes\"\u{a0}»"),
            "titre \"L'accueil \\\"jeunes\\\"\""
        );
        assert_eq!(find("titre “sans fin\n")[0].fix, None);
    }

    #[test]
    fn hyphenated_periods_become_ranges() {
        assert_eq!(fixed("période 2026-2029\n"), "période 2026 .. 2029\n");
        // An identifier or a reversed period is not a period to correct.
        for text in ["fiche a2026-2029", "période 2029-2026", "x 2026-2029b"] {
            assert_eq!(corrected(text), None, "{text}");
        }
    }

    #[test]
    fn strings_comments_and_text_blocks_are_left_alone() {
        let text =
            "titre \"le 31/12/2026, “x” 2026-2029\" # 31/12/2026\ntexte \"\"\"\n« a »\n\"\"\"\n";
        assert_eq!(find(text), []);
        // Correcting twice changes nothing more.
        let once = fixed("signature 31/12/2026\ntitre “a”\npériode 2026-2029\n");
        assert_eq!(corrected(&once), None);
    }
}
