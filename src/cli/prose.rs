//! What the command line says to a person, in French typography: narrow no-break spaces before
//! `; : ! ?` and inside « », a no-break space in « 12 % » ([`crate::typography::punctuation`]).
//! Every human line of `src/cli` passes through [`line`] (the `println!` and `eprintln!` of the
//! command line call it); machine output (JSON, GitHub annotations, `file:line:col:` lines,
//! diffs, exports, completion scripts) and rendered diagnostics do not.
//!
//! What a line quotes of the user's stays exactly as it is: a path, a value typed on the command
//! line, a name may hold « : » or spaces. Two things keep it:
//! - text written with [`verbatim`] (what ctgc itself puts in its lines);
//! - the inside of a quotation « … » (what other modules put in their messages, paths first):
//!   only the two spaces next to the guillemets change.

use std::fmt;

use crate::typography::{NBSP, NNBSP, punctuation};

/// The marks around verbatim text inside a line until [`line`] reads it: noncharacters, which
/// Unicode reserves for a program's own use, so that no text means them.
const OPEN: char = '\u{fdd0}';
const CLOSE: char = '\u{fdd1}';
/// Inside verbatim text, before one of the three marks that the text itself holds.
const ESCAPE: char = '\u{fdd2}';

/// Text that [`line`] prints exactly as it is: `eprintln!("« {} »", verbatim(path.display()))`.
/// Only for lines that go through [`line`]: elsewhere its marks would be printed.
pub(crate) struct Verbatim(String);

pub(crate) fn verbatim(text: impl fmt::Display) -> Verbatim {
    Verbatim(text.to_string())
}

impl fmt::Display for Verbatim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut marked = String::with_capacity(self.0.len() + 2);
        marked.push(OPEN);
        for c in self.0.chars() {
            if matches!(c, OPEN | CLOSE | ESCAPE) {
                marked.push(ESCAPE);
            }
            marked.push(c);
        }
        marked.push(CLOSE);
        f.write_str(&marked)
    }
}

/// A piece of a line: a character that typography may change, or text it keeps.
enum Piece {
    Char(char),
    Kept(String),
}

/// TEXT read into pieces: each verbatim text is one kept piece.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != OPEN {
            out.push(Piece::Char(c));
            continue;
        }
        let mut kept = String::new();
        while let Some(k) = chars.next() {
            match k {
                CLOSE => break,
                ESCAPE => kept.extend(chars.next()),
                _ => kept.push(k),
            }
        }
        out.push(Piece::Kept(kept));
    }
    out
}

fn is_space(piece: &Piece) -> bool {
    matches!(piece, Piece::Char(' ' | NBSP | NNBSP))
}

/// PIECES with the inside of each quotation « … » made one kept piece, the spaces next to the
/// guillemets left out of it. A « without its » quotes nothing.
fn quotations(pieces: Vec<Piece>) -> Vec<Piece> {
    let is = |p: &Piece, g: char| matches!(p, Piece::Char(c) if *c == g);
    let mut out = Vec::with_capacity(pieces.len());
    let mut rest = pieces.into_iter().peekable();
    while let Some(p) = rest.next() {
        let opens = is(&p, '«');
        out.push(p);
        if !opens {
            continue;
        }
        // Up to the next guillemet: a closing one ends the quotation, an opening one starts
        // another (it goes back to `rest` to be read as such).
        let mut inside = Vec::new();
        while let Some(q) = rest.next_if(|q| !is(q, '«') && !is(q, '»')) {
            inside.push(q);
        }
        if rest.peek().is_none_or(|q| is(q, '«')) {
            out.extend(inside);
            continue;
        }
        let lead = usize::from(inside.first().is_some_and(is_space));
        let trail = usize::from(inside.len() > lead && inside.last().is_some_and(is_space));
        let core_len = inside.len() - lead - trail;
        let mut inside = inside.into_iter();
        out.extend(inside.by_ref().take(lead));
        let core: Vec<Piece> = inside.by_ref().take(core_len).collect();
        if !core.is_empty() {
            out.push(Piece::Kept(core.iter().map(text_of).collect()));
        }
        out.extend(inside);
    }
    out
}

fn text_of(piece: &Piece) -> String {
    match piece {
        Piece::Char(c) => c.to_string(),
        Piece::Kept(k) => k.clone(),
    }
}

/// TEXT as the user reads it: French typography, verbatim text and quotations kept as they are.
pub(crate) fn line(text: &str) -> String {
    let pieces = quotations(pieces(text));
    // Typography runs on the line with one OPEN standing for each kept piece (no `Char` is an
    // OPEN: `pieces` reads every OPEN as the start of verbatim text). It changes spaces only,
    // one character for one, so the stand-ins stay in place.
    let skeleton: String = pieces
        .iter()
        .map(|p| match p {
            Piece::Char(c) => *c,
            Piece::Kept(_) => OPEN,
        })
        .collect();
    let mut kept = pieces.into_iter().filter_map(|p| match p {
        Piece::Kept(k) => Some(k),
        Piece::Char(_) => None,
    });
    let mut out = String::with_capacity(text.len() + 8);
    for c in punctuation(&skeleton).chars() {
        if c == OPEN {
            out.extend(kept.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// A help text of the command line (`--help`): all of it is ctgc's own, quotations included.
pub(crate) fn help(text: &str) -> String {
    punctuation(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_get_french_punctuation() {
        assert_eq!(
            line("ctgc : erreur : impossible de lire « x » ; vraiment ?"),
            "ctgc\u{202f}: erreur\u{202f}: impossible de lire «\u{202f}x\u{202f}»\u{202f}; vraiment\u{202f}?"
        );
        assert_eq!(line("soit 12 %"), "soit 12\u{a0}%");
        // Typeset already: unchanged.
        let done = "«\u{202f}x\u{202f}»\u{202f}: oui";
        assert_eq!(line(done), done);
    }

    #[test]
    fn verbatim_text_is_kept_exactly() {
        for path in [
            "a :b",
            "x ; y ?",
            "« a :b »",
            "12 %",
            " c »",
            "\u{fdd0}\u{fdd1}\u{fdd2}",
        ] {
            let text = format!(
                "{} : fichier « {} » : 1 erreur",
                verbatim(path),
                verbatim(path)
            );
            assert_eq!(
                line(&text),
                format!("{path}\u{202f}: fichier «\u{202f}{path}\u{202f}»\u{202f}: 1 erreur"),
            );
        }
        assert_eq!(line(&verbatim("").to_string()), "");
    }

    #[test]
    fn what_a_quotation_holds_is_kept() {
        assert_eq!(
            line("impossible de lire « a :b/c ? » : absent"),
            "impossible de lire «\u{202f}a :b/c ?\u{202f}»\u{202f}: absent"
        );
        // The path's own spaces at its ends are kept: only one space is the guillemet's.
        assert_eq!(line("«  a  »"), "«\u{202f} a \u{202f}»");
        assert_eq!(line("« » : vide"), "«\u{202f}»\u{202f}: vide");
        // A guillemet without its pair quotes nothing.
        assert_eq!(line("« a : b"), "«\u{202f}a\u{202f}: b");
        assert_eq!(line("a : b »"), "a\u{202f}: b\u{202f}»");
        assert_eq!(
            line("« a « b : c » d"),
            "«\u{202f}a «\u{202f}b : c\u{202f}» d"
        );
    }

    #[test]
    fn help_typesets_quotations_too() {
        assert_eq!(
            help("corrections (« vouliez-vous dire … ? »)"),
            "corrections («\u{202f}vouliez-vous dire …\u{202f}?\u{202f}»)"
        );
    }
}
