//! Calendar dates and their French spelling.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    /// The 1st when the date is known to the month only.
    pub day: u32,
    pub form: Form,
}

/// How precisely a date is known, and how it is written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// `13 janvier 2023`
    Day,
    /// `jeudi 20 janvier 2022`: the day of the week written too (checked against the date).
    Weekday,
    /// `octobre 2019`: known to the month only (a signature in the archives).
    Month,
}

pub const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

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
    /// What to do, when the rule's general advice does not say it.
    pub help: Option<&'static str>,
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
        .then_some(Date {
            year,
            month,
            day,
            form: Form::Day,
        })
    }

    /// The day of the week, 0 for Monday (the proleptic Gregorian calendar).
    pub(crate) fn weekday(self) -> usize {
        // Days since 1970-01-01, a Thursday (H. Hinnant's days_from_civil).
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        (days + 3).rem_euclid(7) as usize
    }

    /// Parses `2023-01-13`, `13 janvier 2023`, `1er janvier 2023`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bad = |message: String, start: usize, end: usize| {
            Err(DateError {
                message,
                help: None,
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
        let (weekday, day, (month_at, month), year) = match words[..] {
            [w, (_, d), m, (_, y)] => (Some(w), Some(d), m, y),
            [(_, d), m, (_, y)] => (None, Some(d), m, y),
            [m, (_, y)] => (None, None, m, y),
            _ => {
                return bad(
                    format!("« {text} » : une date s'écrit 13 janvier 2023"),
                    0,
                    text.len(),
                );
            }
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
        let Some(day) = day else {
            return Date::new(year, m as u32 + 1, 1)
                .map(|d| Date {
                    form: Form::Month,
                    ..d
                })
                .map_or_else(
                    || {
                        bad(
                            format!("« {text} » n'existe pas dans le calendrier"),
                            0,
                            text.len(),
                        )
                    },
                    Ok,
                );
        };
        let day: u32 = if day == "1er" {
            1
        } else {
            day.parse().unwrap_or(0)
        };
        let Some(date) = Date::new(year, m as u32 + 1, day) else {
            return bad(
                format!("« {text} » n'existe pas dans le calendrier"),
                0,
                text.len(),
            );
        };
        let Some((at, written)) = weekday else {
            return Ok(date);
        };
        let actual = WEEKDAYS[date.weekday()];
        match WEEKDAYS
            .iter()
            .find(|w| crate::keyword::fold(w) == crate::keyword::fold(written))
        {
            Some(w) if *w == actual => Ok(Date {
                form: Form::Weekday,
                ..date
            }),
            Some(_) => Err(DateError {
                message: format!("le {} est un {actual}, pas un {written}", date.french()),
                help: Some(
                    "corrigez le jour de la semaine ou la date ; le jour de la semaine peut aussi être omis",
                ),
                start: at,
                end: at + written.len(),
            }),
            None => bad(
                format!("jour « {written} » inconnu"),
                at,
                at + written.len(),
            ),
        }
    }

    /// « le 13 janvier 2023 », but « en octobre 2019 » for a date known to the month only.
    pub(crate) fn french_on(self) -> String {
        match self.form {
            Form::Month => format!("en {}", self.french()),
            _ => format!("le {}", self.french()),
        }
    }

    /// « du 13 janvier 2020 », « de janvier 2020 », « d’avril 2020 » (with APOSTROPHE: ’ in the
    /// documents, ' in diagnostics).
    pub(crate) fn french_of(self, apostrophe: char) -> String {
        let text = self.french();
        match self.form {
            Form::Month if text.starts_with(['a', 'o']) => format!("d{apostrophe}{text}"),
            Form::Month => format!("de {text}"),
            _ => format!("du {text}"),
        }
    }

    /// `1er janvier 2023`, `13 janvier 2023`, `jeudi 20 janvier 2022`, `octobre 2019`: as written.
    pub fn french(self) -> String {
        let month = MONTHS[self.month as usize - 1];
        let day = if self.day == 1 {
            "1er".to_string()
        } else {
            self.day.to_string()
        };
        match self.form {
            Form::Day => format!("{day} {month} {}", self.year),
            Form::Weekday => format!("{} {day} {month} {}", WEEKDAYS[self.weekday()], self.year),
            Form::Month => format!("{month} {}", self.year),
        }
    }

    /// `2023-01-13`; `2019-10` for a date known to the month only (ISO 8601 reduced precision).
    pub fn iso(self) -> String {
        match self.form {
            Form::Month => format!("{:04}-{:02}", self.year, self.month),
            Form::Day | Form::Weekday => {
                format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
            }
        }
    }

    pub(crate) fn first_of_year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
            form: Form::Day,
        }
    }

    pub(crate) fn last_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
            form: Form::Day,
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
        let d = Date::new(2023, 1, 13).unwrap();
        assert_eq!(Date::parse("2023-01-13"), Ok(d));
        assert_eq!(Date::parse("13 janvier 2023"), Ok(d));
        assert_eq!(
            Date::parse("1er août 2023"),
            Ok(Date::new(2023, 8, 1).unwrap())
        );
        assert_eq!(
            Date::parse("1 Aout 2023"),
            Ok(Date::new(2023, 8, 1).unwrap())
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
        assert_eq!(Date::new(2023, 1, 1).unwrap().french(), "1er janvier 2023");
        assert_eq!(Date::new(2021, 12, 9).unwrap().french(), "9 décembre 2021");
    }

    #[test]
    fn weekdays_are_checked() {
        let d = Date::parse("jeudi 20 janvier 2022").unwrap();
        assert_eq!((d.day, d.form), (20, Form::Weekday));
        assert_eq!(d.french(), "jeudi 20 janvier 2022");
        assert_eq!(d.iso(), "2022-01-20");
        assert_eq!(Date::parse("Samedi 1er janvier 2000").map(|d| d.day), Ok(1));
        let e = Date::parse("vendredi 20 janvier 2022").unwrap_err();
        assert_eq!(
            e.message,
            "le 20 janvier 2022 est un jeudi, pas un vendredi"
        );
        assert_eq!(&"vendredi 20 janvier 2022"[e.start..e.end], "vendredi");
        // Every day of a leap year and of centuries falls on the right day.
        assert_eq!(Date::new(2024, 2, 29).unwrap().weekday(), 3);
        assert_eq!(Date::new(1900, 1, 1).unwrap().weekday(), 0);
        assert_eq!(Date::new(2200, 12, 31).unwrap().weekday(), 2);
    }

    #[test]
    fn a_date_may_be_known_to_the_month() {
        let d = Date::parse("octobre 2019").unwrap();
        assert_eq!((d.year, d.month, d.day, d.form), (2019, 10, 1, Form::Month));
        assert_eq!(d.french(), "octobre 2019");
        assert_eq!(d.iso(), "2019-10");
        assert!(Date::parse("octobr 2019").is_err());
    }

    /// The last valid day of MONTH in YEAR, found by asking `Date::new` for each day.
    fn month_length(year: i32, month: u32) -> u32 {
        (1..=40)
            .take_while(|&d| Date::new(year, month, d).is_some())
            .count() as u32
    }

    #[test]
    fn months_have_their_lengths_and_leap_years_their_29th_february() {
        let lengths: Vec<u32> = (1..=12).map(|m| month_length(2023, m)).collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        // Every fourth year, except the centuries not divisible by 400.
        for (year, february) in [(2024, 29), (2023, 28), (2000, 29), (1900, 28), (2100, 28)] {
            assert_eq!(month_length(year, 2), february, "{year}");
        }
    }

    #[test]
    fn only_real_calendar_dates_of_1900_to_2200_exist() {
        for (y, m, d) in [
            (2023, 0, 1),
            (2023, 13, 1),
            (2023, 1, 0),
            (1899, 12, 31),
            (2201, 1, 1),
        ] {
            assert_eq!(Date::new(y, m, d), None, "{y}-{m}-{d}");
        }
        assert!(Date::new(1900, 1, 1).is_some());
        assert!(Date::new(2200, 12, 31).is_some());
        assert_eq!(Date::first_of_year(2023), Date::new(2023, 1, 1).unwrap());
        assert_eq!(Date::last_of_year(2023), Date::new(2023, 12, 31).unwrap());
    }

    #[test]
    fn consecutive_days_have_consecutive_weekdays() {
        // 1 January 1900 was a Monday; from there, each day of the calendar is the next weekday.
        let mut expected = 0;
        let mut days = 0;
        for year in 1900..=2200 {
            for month in 1..=12 {
                for day in 1..=31 {
                    if let Some(date) = Date::new(year, month, day) {
                        assert_eq!(date.weekday(), expected, "{}", date.iso());
                        expected = (expected + 1) % 7;
                        days += 1;
                    }
                }
            }
        }
        // 301 years, 73 of them leap years (1900, 2100 and 2200 are not).
        assert_eq!(days, 301 * 365 + 73);
    }

    #[test]
    fn iso_dates_are_checked_and_refused_as_a_whole() {
        assert_eq!(Date::parse("2023-1-5"), Ok(Date::new(2023, 1, 5).unwrap()));
        for (text, message) in [
            (
                "2023-02-30",
                "« 2023-02-30 » n'est pas une date du calendrier",
            ),
            ("2023-01", "« 2023-01 » : une date s'écrit AAAA-MM-JJ"),
            (
                "2023-janv-01",
                "« 2023-janv-01 » : une date s'écrit AAAA-MM-JJ",
            ),
        ] {
            let e = Date::parse(text).unwrap_err();
            assert_eq!(e.message, message);
            assert_eq!((e.start, e.end), (0, text.len()), "{text}");
            assert_eq!(e.help, None);
        }
    }

    #[test]
    fn french_dates_point_at_the_wrong_word() {
        let text = "13  janvie 2023";
        let e = Date::parse(text).unwrap_err();
        assert_eq!((e.start, e.end), (4, 10));
        assert_eq!(e.message, "mois inconnu « janvie »");
        for text in ["janvier", "le lundi 2 janvier 2023"] {
            let e = Date::parse(text).unwrap_err();
            assert_eq!(
                e.message,
                format!("« {text} » : une date s'écrit 13 janvier 2023")
            );
            assert_eq!((e.start, e.end), (0, text.len()));
        }
        for text in [
            "0 janvier 2023",
            "32 janvier 2023",
            "1er janvier 1899",
            "février 2201",
        ] {
            let e = Date::parse(text).unwrap_err();
            assert_eq!(
                e.message,
                format!("« {text} » n'existe pas dans le calendrier")
            );
            assert_eq!((e.start, e.end), (0, text.len()));
        }
    }

    #[test]
    fn the_day_of_the_week_is_pointed_at_when_wrong_or_unknown() {
        let text = "mercredi 20 janvier 2022";
        let e = Date::parse(text).unwrap_err();
        assert_eq!(&text[e.start..e.end], "mercredi");
        assert!(e.help.is_some());
        let text = "jeudy 20 janvier 2022";
        let e = Date::parse(text).unwrap_err();
        assert_eq!(e.message, "jour « jeudy » inconnu");
        assert_eq!(&text[e.start..e.end], "jeudy");
        assert_eq!(e.help, None);
        assert_eq!(
            Date::parse("JEUDI 20 janvier 2022").map(|d| d.form),
            Ok(Form::Weekday)
        );
    }

    #[test]
    fn writes_back_as_written() {
        let d = Date::new(2023, 1, 5).unwrap();
        assert_eq!(d.iso(), "2023-01-05");
        assert_eq!(d.to_string(), "5 janvier 2023");
        let first = Date::parse("1er mars 2024").unwrap();
        assert_eq!(first.to_string(), "1er mars 2024");
        let month = Date::parse("mars 2024").unwrap();
        assert_eq!(
            (month.iso(), month.to_string()),
            ("2024-03".into(), "mars 2024".into())
        );
        let weekday = Date::parse("vendredi 1er mars 2024").unwrap();
        assert_eq!(weekday.to_string(), "vendredi 1er mars 2024");
        assert_eq!(weekday.iso(), "2024-03-01");
    }

    #[test]
    fn dates_in_a_sentence_take_their_preposition() {
        let on = |text| Date::parse(text).unwrap().french_on();
        assert_eq!(on("13 janvier 2023"), "le 13 janvier 2023");
        assert_eq!(on("jeudi 20 janvier 2022"), "le jeudi 20 janvier 2022");
        assert_eq!(on("octobre 2019"), "en octobre 2019");
        let of = |text, apostrophe| Date::parse(text).unwrap().french_of(apostrophe);
        assert_eq!(of("13 janvier 2020", '’'), "du 13 janvier 2020");
        assert_eq!(of("1er avril 2020", '’'), "du 1er avril 2020");
        assert_eq!(of("janvier 2020", '’'), "de janvier 2020");
        // Elision before a vowel: avril, août, octobre; the documents' apostrophe or the plain one.
        assert_eq!(of("avril 2020", '’'), "d’avril 2020");
        assert_eq!(of("août 2021", '\''), "d'août 2021");
        assert_eq!(of("octobre 2019", '’'), "d’octobre 2019");
    }
}
