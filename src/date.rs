//! Calendar dates and their French spelling.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// What is wrong with a written date, with the byte range of the offending part.
#[derive(Debug, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1900..=2200).contains(&year))
        .then_some(Date { year, month, day })
    }

    /// Parses `2023-01-13`, `13 janvier 2023`, `1er janvier 2023`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bad = |message: String, start: usize, end: usize| {
            Err(DateError {
                message,
                start,
                end,
            })
        };
        if text.contains('-') {
            let parts: Vec<&str> = text.split('-').collect();
            let nums: Vec<Option<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
            if let [Some(y), Some(m), Some(d)] = nums[..] {
                return Date::new(y as i32, m, d).map_or_else(
                    || {
                        bad(
                            format!("« {text} » n'est pas une date du calendrier"),
                            0,
                            text.len(),
                        )
                    },
                    Ok,
                );
            }
            return bad(
                format!("« {text} » : une date s'écrit AAAA-MM-JJ"),
                0,
                text.len(),
            );
        }
        let words: Vec<(usize, &str)> = text
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
            .collect();
        let [(_, day), (month_at, month), (_, year)] = words[..] else {
            return bad(
                format!("« {text} » : une date s'écrit 13 janvier 2023"),
                0,
                text.len(),
            );
        };
        let day: u32 = if day == "1er" {
            1
        } else {
            day.parse().unwrap_or(0)
        };
        let folded = crate::keyword::fold(month);
        let Some(m) = MONTHS
            .iter()
            .position(|name| crate::keyword::fold(name) == folded)
        else {
            return bad(
                format!("mois inconnu « {month} »"),
                month_at,
                month_at + month.len(),
            );
        };
        let year: i32 = year.parse().unwrap_or(0);
        Date::new(year, m as u32 + 1, day).map_or_else(
            || {
                bad(
                    format!("« {text} » n'existe pas dans le calendrier"),
                    0,
                    text.len(),
                )
            },
            Ok,
        )
    }

    /// `1er janvier 2023`, `13 janvier 2023`.
    pub fn french(self) -> String {
        let day = if self.day == 1 {
            "1er".to_string()
        } else {
            self.day.to_string()
        };
        format!("{day} {} {}", MONTHS[self.month as usize - 1], self.year)
    }

    /// `2023-01-13`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub(crate) fn first_of_year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    pub(crate) fn last_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.french())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_spellings() {
        let d = Date {
            year: 2023,
            month: 1,
            day: 13,
        };
        assert_eq!(Date::parse("2023-01-13"), Ok(d));
        assert_eq!(Date::parse("13 janvier 2023"), Ok(d));
        assert_eq!(
            Date::parse("1er août 2023"),
            Ok(Date {
                year: 2023,
                month: 8,
                day: 1
            })
        );
        assert_eq!(
            Date::parse("1 Aout 2023"),
            Ok(Date {
                year: 2023,
                month: 8,
                day: 1
            })
        );
        assert_eq!(Date::parse("29 février 2024").map(|d| d.day), Ok(29));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("29 février 2023").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        let e = Date::parse("13 janvie 2023").unwrap_err();
        assert_eq!(&"13 janvie 2023"[e.start..e.end], "janvie");
    }

    #[test]
    fn prints_french() {
        assert_eq!(
            Date {
                year: 2023,
                month: 1,
                day: 1
            }
            .french(),
            "1er janvier 2023"
        );
        assert_eq!(
            Date {
                year: 2021,
                month: 12,
                day: 9
            }
            .french(),
            "9 décembre 2021"
        );
    }
}
