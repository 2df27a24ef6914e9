//! French typography for displayed text: narrow no-break spaces before `; : ! ?` and inside « »,
//! Only existing spaces next to those signs change: nothing is inserted, so URLs and code stay intact.

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
