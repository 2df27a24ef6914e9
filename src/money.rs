//! Money: integer cents, parsed from and printed in French notation.

use std::fmt;

/// An amount in euro cents. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

/// What is wrong with a written amount: a message and the byte range of the offending characters.
#[derive(Debug, PartialEq, Eq)]
pub struct MoneyError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

const GROUP_SEPARATORS: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

impl Money {
    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses `107 900 €`, `1 234,50 €`, `12000 €`, `-5 €` exactly.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let err = |message: String, start: usize, end: usize| {
            Err(MoneyError {
                message,
                start,
                end,
            })
        };
        // Split off the currency.
        let number_end = text
            .char_indices()
            .find(|&(_, c)| {
                !(c.is_ascii_digit()
                    || c == '-'
                    || c == ','
                    || c == '.'
                    || c == '\''
                    || c == '_'
                    || GROUP_SEPARATORS.contains(&c))
            })
            .map(|(i, _)| i)
            .unwrap_or(text.len());
        let currency = text[number_end..].trim();
        if currency != "€" {
            return err(
                format!("« {currency} » : la devise s'écrit « € »"),
                number_end + (text[number_end..].len() - text[number_end..].trim_start().len()),
                text.len(),
            );
        }
        let number = text[..number_end].trim_end_matches(GROUP_SEPARATORS);
        let (negative, digits_start) = match number.strip_prefix('-') {
            Some(_) => (true, 1),
            None => (false, 0),
        };
        if let Some(i) = number.find(['.', '\'', '_']) {
            let c = &number[i..i + 1];
            return err(
                format!("« {c} » n'est pas un séparateur de montant français"),
                i,
                i + 1,
            );
        }
        let (int_part, dec_part) = match number[digits_start..].find(',') {
            Some(i) => (
                &number[digits_start..digits_start + i],
                Some((digits_start + i, &number[digits_start + i + 1..])),
            ),
            None => (&number[digits_start..], None),
        };
        // Thousands groups: the first has 1 to 3 digits, the others exactly 3.
        let mut groups: Vec<(usize, &str)> = Vec::new();
        let mut group_start = 0;
        for (i, c) in int_part.char_indices() {
            if GROUP_SEPARATORS.contains(&c) {
                groups.push((group_start, &int_part[group_start..i]));
                group_start = i + c.len_utf8();
            }
        }
        groups.push((group_start, &int_part[group_start..]));
        let mut euros: i64 = 0;
        for (i, &(at, group)) in groups.iter().enumerate() {
            let bad = if groups.len() == 1 {
                group.is_empty()
            } else if i == 0 {
                group.is_empty() || group.len() > 3
            } else {
                group.len() != 3
            };
            if bad {
                let start = digits_start + at;
                return err(
                    format!(
                        "groupe de chiffres « {group} » mal formé : les chiffres se groupent par trois (107 900 €)"
                    ),
                    start,
                    (start + group.len().max(1)).min(number.len().max(start + 1)),
                );
            }
            for c in group.chars() {
                euros = match euros
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(c as i64 - '0' as i64))
                {
                    Some(v) => v,
                    None => return err("montant trop grand".into(), 0, number.len()),
                };
            }
        }
        let cents = match dec_part {
            None => 0,
            Some((comma, dec)) => {
                if dec.is_empty() || dec.len() > 2 || !dec.bytes().all(|b| b.is_ascii_digit()) {
                    return err(
                        format!("« ,{dec} » : un montant a au plus deux décimales (centimes)"),
                        comma,
                        number.len(),
                    );
                }
                let v: i64 = dec.parse().unwrap_or(0);
                if dec.len() == 1 { v * 10 } else { v }
            }
        };
        let total = euros
            .checked_mul(100)
            .and_then(|e| e.checked_add(cents))
            .ok_or(MoneyError {
                message: "montant trop grand".into(),
                start: 0,
                end: number.len(),
            })?;
        Ok(Money(if negative { -total } else { total }))
    }

    /// French notation with narrow no-break spaces: `1 234,50 €`, `107 900 €`.
    pub fn french(self) -> String {
        self.format_with('\u{202f}')
    }

    /// Plain notation with ordinary spaces, as written in `.ctg` sources: `107 900 €`.
    pub fn source(self) -> String {
        self.format_with(' ')
    }

    fn format_with(self, sep: char) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let cents = abs % 100;
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        out.push_str(&crate::typography::group_digits(&euros, sep));
        if cents != 0 {
            out.push_str(&format!(",{cents:02}"));
        }
        out.push(if sep == ' ' { ' ' } else { '\u{a0}' });
        out.push('€');
        out
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.french())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_french_amounts() {
        assert_eq!(Money::parse("107 900 €"), Ok(Money(10_790_000)));
        assert_eq!(Money::parse("1 234,50 €"), Ok(Money(123_450)));
        assert_eq!(Money::parse("1 234,5 €"), Ok(Money(123_450)));
        assert_eq!(Money::parse("12000 €"), Ok(Money(1_200_000)));
        assert_eq!(Money::parse("12000€"), Ok(Money(1_200_000)));
        assert_eq!(Money::parse("1\u{202f}000\u{a0}€"), Ok(Money(100_000)));
        assert_eq!(Money::parse("-5 €"), Ok(Money(-500)));
        assert_eq!(Money::parse("0 €"), Ok(Money(0)));
    }

    #[test]
    fn rejects_with_the_offending_characters() {
        let e = Money::parse("12.000 €").unwrap_err();
        assert_eq!((e.start, e.end), (2, 3));
        let e = Money::parse("1 2345 €").unwrap_err();
        assert_eq!(&"1 2345 €"[e.start..e.end], "2345");
        let e = Money::parse("12,345 €").unwrap_err();
        assert_eq!(&"12,345 €"[e.start..e.end], ",345");
        let e = Money::parse("12 000 euros").unwrap_err();
        assert_eq!(&"12 000 euros"[e.start..e.end], "euros");
        assert!(Money::parse("99999999999999999999 €").is_err());
    }

    #[test]
    fn prints_french_notation() {
        assert_eq!(Money(10_790_000).french(), "107\u{202f}900\u{a0}€");
        assert_eq!(Money(123_450).source(), "1 234,50 €");
        assert_eq!(Money(-500).source(), "-5 €");
        assert_eq!(Money(99).source(), "0,99 €");
    }

    /// The characters an error points at.
    fn pointed(text: &str) -> &str {
        let e = Money::parse(text).unwrap_err();
        &text[e.start..e.end]
    }

    #[test]
    fn foreign_separators_are_named_and_pointed_at() {
        for (text, sep) in [("1_000 €", "_"), ("1'000 €", "'"), ("1.000 €", ".")] {
            let e = Money::parse(text).unwrap_err();
            assert_eq!((e.start, e.end), (1, 2), "{text}");
            assert_eq!(
                e.message,
                format!("« {sep} » n'est pas un séparateur de montant français")
            );
        }
        // After the sign, the offset still counts from the start of the text.
        assert_eq!(Money::parse("-12_000 €").map_err(|e| e.start), Err(3));
    }

    #[test]
    fn the_currency_error_points_at_the_currency() {
        assert_eq!(pointed("12 000 $"), "$");
        assert_eq!(pointed("12 000\teuros"), "euros");
        assert_eq!(pointed("12 000 \t EUR"), "EUR");
        let e = Money::parse("12 000 $").unwrap_err();
        assert_eq!(e.message, "« $ » : la devise s'écrit « € »");
        // No currency at all: the error sits at the end of the amount.
        let e = Money::parse("12 000").unwrap_err();
        assert_eq!((e.start, e.end), (6, 6));
    }

    #[test]
    fn a_malformed_group_is_pointed_at() {
        assert_eq!(pointed("1000 000 €"), "1000");
        assert_eq!(pointed("-1000 000 €"), "1000");
        assert_eq!(pointed("-1 2345 €"), "2345");
        assert_eq!(pointed("1 000 00 €"), "00");
        let e = Money::parse("1 000 00 €").unwrap_err();
        assert_eq!(
            e.message,
            "groupe de chiffres « 00 » mal formé : les chiffres se groupent par trois (107 900 €)"
        );
        // An empty group has no characters: the error points at the one that stands in its place.
        let e = Money::parse("1  000 €").unwrap_err();
        assert_eq!((e.start, e.end), (2, 3));
    }

    #[test]
    fn an_empty_first_group_is_refused() {
        // A separator right after the sign, or no digits before the comma or at all.
        let e = Money::parse("- 500 €").unwrap_err();
        assert_eq!((e.start, e.end), (1, 2));
        assert_eq!(
            Money::parse(" 500 €").map_err(|e| (e.start, e.end)),
            Err((0, 1))
        );
        assert_eq!(pointed(",50 €"), ",");
        assert_eq!(pointed("-,50 €"), ",");
        let e = Money::parse("- €").unwrap_err();
        assert_eq!((e.start, e.end), (1, 2));
        assert!(Money::parse("€").is_err());
    }

    #[test]
    fn decimals_are_one_or_two_digits() {
        assert_eq!(Money::parse("0,05 €"), Ok(Money(5)));
        assert_eq!(Money::parse("-1 234,05 €"), Ok(Money(-123_405)));
        assert_eq!(pointed("12, €"), ",");
        assert_eq!(pointed("12,3,4 €"), ",3,4");
    }

    #[test]
    fn the_largest_amount_is_exact_and_one_cent_more_refused() {
        assert_eq!(Money::parse("92233720368547758,07 €"), Ok(Money(i64::MAX)));
        for text in [
            "92233720368547758,08 €",
            "92233720368547759 €",
            "99999999999999999999 €",
        ] {
            let e = Money::parse(text).unwrap_err();
            assert_eq!(e.message, "montant trop grand");
            assert_eq!(&text[e.start..e.end], text.trim_end_matches(" €"), "{text}");
        }
    }

    #[test]
    fn prints_cents_and_signs() {
        assert_eq!(Money(-123_405).source(), "-1 234,05 €");
        assert_eq!(Money(5).french(), "0,05\u{a0}€");
        assert_eq!(Money(100).to_string(), "1\u{a0}€");
        assert_eq!(Money(-5).cents(), -5);
        // Zero has no sign: an empty total prints 0 €, never -0 €.
        assert_eq!(Money(0).source(), "0 €");
        assert_eq!(Money(-1).source(), "-0,01 €");
    }
}
