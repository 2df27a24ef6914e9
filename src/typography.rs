//! French typography for displayed text: narrow no-break spaces before `; : ! ?` and inside « »,
//! no-break spaces where a line must not break (« la Caf », « M. Dupont », « 12 % »). Only
//! existing spaces change: nothing is inserted, so URLs and code stay intact.

pub(crate) const NNBSP: char = '\u{202f}';
pub(crate) const NBSP: char = '\u{a0}';

/// Groups the digits of an integer written in ASCII by three: `16777217` → `16 777 217` with `sep`.
pub(crate) fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `16 777 217`: a count with its thousands grouped by plain spaces, as the limit messages
/// print it.
pub(crate) fn grouped(n: u64) -> String {
    group_digits(&n.to_string(), ' ')
}

/// `16 Mio`, `1,5 Mio`, `412 Kio`, `900 octets`: a size rounded for reading, `space` between the
/// number and its unit (the limit messages keep a plain space).
pub(crate) fn size_text(bytes: u64, space: char) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * KIB;
    if bytes >= MIB {
        let tenths = bytes * 10 / MIB;
        if tenths.is_multiple_of(10) {
            format!("{}{space}Mio", tenths / 10)
        } else {
            format!("{},{}{space}Mio", tenths / 10, tenths % 10)
        }
    } else if bytes >= KIB {
        format!("{}{space}Kio", bytes.div_ceil(KIB))
    } else {
        format!("{bytes}{space}octets")
    }
}

/// « orientation » → « Orientation ».
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `0 fiche`, `1 fiche`, `2 fiches`: a count and its noun, singular up to one (French usage).
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// Words a line must not end with when a capitalised word follows: the articles and short
/// prepositions before a name (« la Caf », « du Pouget », « à Aube ») and the civilités
/// (« M. Dupont »).
const BEFORE_A_NAME: &[&str] = &[
    "le", "la", "les", "du", "des", "au", "aux", "de", "à", "Le", "La", "Les", "Du", "Des", "Au",
    "Aux", "De", "À", "M.", "MM.", "Mme", "Mmes", "Mlle", "Me", "Dr",
];

/// The word that ends at CHARS[..end], if it is a whole word (what precedes it is not a letter).
fn word_before(chars: &[char], end: usize) -> String {
    let start = chars[..end]
        .iter()
        .rposition(|c| !(c.is_alphabetic() || *c == '.'))
        .map_or(0, |i| i + 1);
    chars[start..end].iter().collect()
}

/// The ordinals printed with their letters raised: « 1er », « 1re ».
const ORDINALS: [&str; 2] = ["1er", "1re"];

/// TEXT with the letters of each ordinal « 1er », « 1re » (a whole word: « Article 1er », « 1er
/// janvier ») replaced by what RAISE makes of them: `<sup>er</sup>`, `#super[er]`.
pub(crate) fn superscripts(text: &str, raise: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(at) = rest.find('1') {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let prev = head.chars().next_back().or(before);
        let ordinal = ORDINALS.iter().find(|o| {
            tail.starts_with(**o)
                && !prev.is_some_and(char::is_alphanumeric)
                && !tail[o.len()..].starts_with(char::is_alphanumeric)
        });
        match ordinal {
            Some(o) => {
                out.push('1');
                out.push_str(&raise(&o[1..]));
                rest = &tail[o.len()..];
                before = o.chars().next_back();
            }
            None => {
                out.push('1');
                rest = &tail[1..];
                before = Some('1');
            }
        }
    }
    out.push_str(rest);
    out
}

/// Applies French spacing rules to a displayed string.
pub fn french(s: &str) -> String {
    spaced(s, true)
}

/// French spacing around punctuation only (« », ; : ! ?, %): for messages, where the short
/// words before a name need not be bound to it.
pub fn punctuation(s: &str) -> String {
    spaced(s, false)
}

fn spaced(s: &str, names: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        match c {
            // A space (plain or no-break) before a high sign becomes a narrow no-break space.
            ' ' | NBSP if matches!(next, Some(';' | ':' | '!' | '?' | '»')) => out.push(NNBSP),
            ' ' | NBSP if prev == Some('«') => out.push(NNBSP),
            // « 12 % »: the number stays with its sign.
            ' ' if prev.is_some_and(|p| p.is_ascii_digit()) && next == Some('%') => out.push(NBSP),
            // « la Caf », « M. Dupont »: the short word stays with the name.
            ' ' if names
                && next.is_some_and(char::is_uppercase)
                && BEFORE_A_NAME.contains(&word_before(&chars, i).as_str()) =>
            {
                out.push(NBSP)
            }
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
            "ci-après dénommée «\u{202f}la\u{a0}Caf\u{202f}»\u{202f};"
        );
        assert_eq!(french("Pourquoi ?"), "Pourquoi\u{202f}?");
    }

    #[test]
    fn messages_get_the_punctuation_spaces_only() {
        assert_eq!(
            punctuation("« caf » inconnu : vouliez-vous dire « la Caf » ?"),
            "«\u{202f}caf\u{202f}» inconnu\u{202f}: vouliez-vous dire «\u{202f}la Caf\u{202f}»\u{202f}?"
        );
    }

    #[test]
    fn short_words_stay_with_the_name_that_follows() {
        assert_eq!(french("La Caf s'engage"), "La\u{a0}Caf s'engage");
        assert_eq!(
            french("par M. Dupont et Mme Durand"),
            "par M.\u{a0}Dupont et Mme\u{a0}Durand"
        );
        assert_eq!(french("Commune du Pouget"), "Commune du\u{a0}Pouget");
        assert_eq!(french("fait à Aube"), "fait à\u{a0}Aube");
        assert_eq!(french("un taux de 12 %"), "un taux de 12\u{a0}%");
        // Only before a capitalised word, and only whole words.
        assert_eq!(french("la commune"), "la commune");
        assert_eq!(french("Isola Caf"), "Isola Caf");
        assert_eq!(french("ACM. Dupont"), "ACM. Dupont");
    }

    #[test]
    fn ordinals_are_raised() {
        let sup = |s: &str| superscripts(s, |l| format!("<{l}>"));
        assert_eq!(sup("Article 1er"), "Article 1<er>");
        assert_eq!(
            sup("le 1er janvier, la 1re adjointe."),
            "le 1<er> janvier, la 1<re> adjointe."
        );
        assert_eq!(sup("11er 1ers x1er 2021 1 er"), "11er 1ers x1er 2021 1 er");
        assert_eq!(sup("(1er)"), "(1<er>)");
    }

    #[test]
    fn capitals_take_the_first_letter() {
        assert_eq!(capitalize("orientation"), "Orientation");
        assert_eq!(capitalize("élément"), "Élément");
        assert_eq!(capitalize(""), "");
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
    fn sizes_read_in_the_largest_unit() {
        assert_eq!(size_text(16 * 1024 * 1024, ' '), "16 Mio");
        assert_eq!(size_text(1024 * 1024 * 3 / 2, NBSP), "1,5\u{a0}Mio");
        assert_eq!(size_text(412 * 1024 - 100, NBSP), "412\u{a0}Kio");
        assert_eq!(size_text(900, ' '), "900 octets");
        assert_eq!(grouped(16_777_217), "16 777 217");
    }

    #[test]
    fn leaves_urls_and_times_alone() {
        assert_eq!(french("https://caf.fr"), "https://caf.fr");
        assert_eq!(french("10:30"), "10:30");
        assert_eq!(french("?a=1;b"), "?a=1;b");
    }
}
