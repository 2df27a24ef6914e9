//! French typography for displayed text: narrow no-break spaces before `; : ! ?` and inside « »,
//! Only existing spaces next to those signs change: nothing is inserted, so URLs and code stay intact.

pub const NNBSP: char = '\u{202f}';
pub const NBSP: char = '\u{a0}';

/// Groups the digits of an integer written in ASCII by three: `16777217` → `16 777 217` with `sep`.
pub fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `0 fiche`, `1 fiche`, `2 fiches`: a count and its noun, singular up to one (French usage).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// Applies French spacing rules to a displayed string.
pub fn french(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        match c {
            // A space (plain or no-break) before a high sign becomes a narrow no-break space.
            ' ' | NBSP if matches!(next, Some(';' | ':' | '!' | '?' | '»')) => out.push(NNBSP),
            ' ' | NBSP if prev == Some('«') => out.push(NNBSP),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_french_punctuation() {
        assert_eq!(
            french("Il est convenu et arrêté ce qui suit :"),
            "Il est convenu et arrêté ce qui suit\u{202f}:"
        );
        assert_eq!(
            french("ci-après dénommée « la Caf » ;"),
            "ci-après dénommée «\u{202f}la Caf\u{202f}»\u{202f};"
        );
        assert_eq!(french("Pourquoi ?"), "Pourquoi\u{202f}?");
    }

    #[test]
    fn counts_are_singular_up_to_one() {
        assert_eq!(count(0, "fiche", "fiches"), "0 fiche");
        assert_eq!(count(1, "fiche", "fiches"), "1 fiche");
        assert_eq!(
            count(2, "avertissement", "avertissements"),
            "2 avertissements"
        );
    }

    #[test]
    fn leaves_urls_and_times_alone() {
        assert_eq!(french("https://caf.fr"), "https://caf.fr");
        assert_eq!(french("10:30"), "10:30");
        assert_eq!(french("?a=1;b"), "?a=1;b");
    }
}
