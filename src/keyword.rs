//! Keyword folding: keywords, month names and suggestions compare lowercase and without accents,
//! so that `Équipement`, `equipement` and `ÉQUIPEMENT` are one keyword.

/// One character without its accent (`é` → `e`, `œ` → `o`); other characters as they are.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ÿ' => 'y',
        'œ' => 'o',
        c => c,
    }
}

/// The folded characters of `s`: each character lowercased (`char::to_lowercase`), then
/// `fold_char`. ASCII and the accented letters of `fold_char` take a shortcut (they are their own
/// lowercase), since Unicode lowercasing is the cost of keyword matching.
fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(|c| {
        if c.is_ascii() {
            Folded::One(Some(c.to_ascii_lowercase()))
        } else {
            match fold_char(c) {
                f if f != c => Folded::One(Some(f)),
                _ => Folded::Lowercase(c.to_lowercase()),
            }
        }
    })
}

enum Folded {
    One(Option<char>),
    Lowercase(std::char::ToLowercase),
}

impl Iterator for Folded {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Folded::One(c) => c.take(),
            Folded::Lowercase(l) => l.next().map(fold_char),
        }
    }
}

/// Lowercase, accents removed: `Août` → `aout`.
pub fn fold(s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return s.to_string();
    }
    folded_chars(s).collect()
}

/// `fold(a) == fold(b)`, without allocating: keyword matching runs for every statement.
pub(crate) fn fold_eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    folded_chars(a).eq(folded_chars(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_eq_agrees_with_fold() {
        let words = [
            "",
            "a",
            "É",
            "é",
            "e",
            "Équipement",
            "equipement",
            "étape",
            "Etape",
            "priorité",
            "PRIORITE",
            "prior",
            "Œuvre",
            "oeuvre",
            "ovre",
            "ça",
            "Ca",
            "İ",
            "i",
            "x-é",
            "X-E",
            "À-ENGAGER",
            "à-engager",
            "ÿ",
            "Ÿ",
            "ß",
        ];
        for a in words {
            let reference: String = a
                .chars()
                .flat_map(char::to_lowercase)
                .map(fold_char)
                .collect();
            assert_eq!(fold(a), reference, "{a:?}");
            for b in words {
                assert_eq!(fold_eq(a, b), fold(a) == fold(b), "{a:?} / {b:?}");
            }
        }
    }
}
