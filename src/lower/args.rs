//! Reading a statement's arguments, one expectation at a time, with French diagnostics.

use super::Lowerer;
use crate::date::{Date, Form};
use crate::diagnostic::Diagnostic;
use crate::model::{Choice, Ident, Period, Ref, Str, Text, Val, YearRange};
use crate::money::Money;
use crate::rules;
use crate::source::Span;
use crate::suggestion::closest;
use crate::syntax::{Arg, ArgKind, Statement, mistake};

pub(crate) struct Args<'s> {
    pub stmt: &'s Statement,
    pos: usize,
}

impl<'s> Args<'s> {
    pub(crate) fn new(stmt: &'s Statement) -> Self {
        Args { stmt, pos: 0 }
    }

    pub(crate) fn peek(&self) -> Option<&'s Arg> {
        self.stmt.args.get(self.pos)
    }

    pub(crate) fn next(&mut self) -> Option<&'s Arg> {
        let a = self.stmt.args.get(self.pos);
        self.pos += 1;
        a
    }

    /// The next argument if it is this bare word (accents and case ignored).
    pub(crate) fn eat_word(&mut self, word: &str) -> Option<Span> {
        match self.peek() {
            Some(Arg {
                kind: ArgKind::Word(w),
                span,
            }) if crate::keyword::fold_eq(w, word) => {
                self.pos += 1;
                Some(*span)
            }
            _ => None,
        }
    }

    pub(crate) fn is_done(&self) -> bool {
        self.pos >= self.stmt.args.len()
    }

    /// Where a missing argument is reported: just after the last argument (or the keyword).
    pub(crate) fn end_span(&self) -> Span {
        let s = self
            .stmt
            .args
            .last()
            .map_or(self.stmt.keyword_span, |a| a.span);
        Span::new(s.file, s.end, s.end)
    }
}

pub(crate) use super::literal::{dedent, ungrouped};

impl Lowerer {
    fn bad_arg(&mut self, args: &Args, arg: Option<&Arg>, expected: &str) {
        if let Some(d) = arg.and_then(mistake::in_argument) {
            return self.error(d);
        }
        let kw = &args.stmt.keyword;
        let d = match arg {
            Some(a) => Diagnostic::new(
                &rules::SYNTAXE_ARGUMENT,
                format!("« {kw} » attend {expected}, pas {}", a.describe()),
            )
            .label(a.span, format!("attendu : {expected}")),
            None => Diagnostic::new(
                &rules::SYNTAXE_ARGUMENT,
                format!("« {kw} » attend {expected}"),
            )
            .label(args.end_span(), format!("{expected} manque ici")),
        };
        self.error(d);
    }

    /// Reports arguments left over.
    pub(crate) fn end(&mut self, args: &mut Args) {
        // After an argument error in this statement, what follows is noise, not a second mistake.
        let stmt = args.stmt.span;
        let already = self
            .diags
            .last()
            .and_then(|d| d.primary())
            .is_some_and(|s| s.file == stmt.file && s.start >= stmt.start && s.start <= stmt.end);
        if already {
            return;
        }
        if let Some(a) = args.next() {
            let last = args.stmt.args.last().map_or(a.span, |l| l.span);
            self.error(
                Diagnostic::new(
                    &rules::SYNTAXE_ARGUMENT,
                    format!(
                        "argument en trop pour « {} » : {}",
                        args.stmt.keyword,
                        a.describe()
                    ),
                )
                .label(a.span.to(last), "en trop")
                .help("retirez ces arguments, ou mettez le texte entre guillemets"),
            );
        }
    }

    pub(crate) fn str(&mut self, args: &mut Args, expected: &str) -> Option<Str> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Str(s),
                span,
            }) => Some(Str {
                value: s.clone(),
                span: *span,
            }),
            other => {
                self.bad_arg(args, other, expected);
                None
            }
        }
    }

    /// A string that names what its block declares (a title, a name): never blank, since the
    /// documents show it and link to it (a name of spaces alone, or of zero-width characters
    /// pasted from a word processor, lays out as nothing).
    pub(crate) fn name(&mut self, args: &mut Args, expected: &str) -> Option<Str> {
        let name = self.str(args, expected)?;
        if name.value.chars().all(crate::glyphs::needs_no_glyph) {
            let kw = &args.stmt.keyword;
            let what = if name.value.trim().is_empty() {
                "texte vide"
            } else {
                "texte fait de caractères invisibles"
            };
            self.error(
                Diagnostic::new(
                    &rules::SYNTAXE_ARGUMENT,
                    format!("« {kw} » attend {expected}, pas un {what}"),
                )
                .label(name.span, what)
                .help("écrivez le texte entre les guillemets"),
            );
        }
        Some(name)
    }

    /// A string or `à compléter`.
    pub(crate) fn val_str(&mut self, args: &mut Args, expected: &str) -> Option<Val<String>> {
        match args.peek() {
            Some(Arg {
                kind: ArgKind::Placeholder,
                span,
            }) => {
                args.next();
                self.placeholder(*span, args.stmt.keyword.clone());
                Some(Val::ToComplete)
            }
            _ => self.str(args, expected).map(|s| Val::Known(s.value)),
        }
    }

    /// A `"""` text or a one-line string.
    pub(crate) fn text(&mut self, args: &mut Args) -> Option<Text> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Text(raw),
                span,
            }) => Some(Text {
                markdown: dedent(raw),
                plain: false,
                span: *span,
            }),
            Some(Arg {
                kind: ArgKind::Str(s),
                span,
            }) => Some(Text {
                markdown: s.clone(),
                plain: true,
                span: *span,
            }),
            other => {
                self.bad_arg(args, other, "un texte (\"…\" ou \"\"\"…\"\"\")");
                None
            }
        }
    }

    pub(crate) fn ident(&mut self, args: &mut Args, expected: &str) -> Option<Ident> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Word(w) | ArgKind::Number(w),
                span,
            }) => Some(Ident {
                name: w.clone(),
                span: *span,
            }),
            other => {
                self.bad_arg(args, other, expected);
                None
            }
        }
    }

    pub(crate) fn reference<K>(&mut self, args: &mut Args, expected: &str) -> Option<Ref<K>> {
        self.ident(args, expected).map(|i| Ref::new(i.name, i.span))
    }

    /// `a, b, c`
    pub(crate) fn ref_list<K>(&mut self, args: &mut Args, expected: &str) -> Vec<Ref<K>> {
        let mut out = Vec::new();
        loop {
            match self.reference(args, expected) {
                Some(r) => out.push(r),
                None => return out,
            }
            match args.peek() {
                Some(Arg {
                    kind: ArgKind::Comma,
                    ..
                }) => {
                    args.next();
                }
                _ => return out,
            }
        }
    }

    pub(crate) fn year(&mut self, args: &mut Args) -> Option<(i32, Span)> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Number(n),
                span,
            }) if n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) => {
                Some((n.parse().ok()?, *span))
            }
            other => {
                self.bad_arg(args, other, "une année (2023)");
                None
            }
        }
    }

    /// `2023` or `2023 .. 2026`.
    pub(crate) fn years(&mut self, args: &mut Args) -> Option<(YearRange, Span)> {
        let (start, s1) = self.year(args)?;
        if matches!(
            args.peek(),
            Some(Arg {
                kind: ArgKind::Range,
                ..
            })
        ) {
            args.next();
            let (end, s2) = self.year(args)?;
            Some((YearRange { start, end }, s1.to(s2)))
        } else {
            Some((YearRange { start, end: start }, s1))
        }
    }

    /// A date; one known to the month only (`octobre 2019`) where MONTH_OK.
    pub(crate) fn date(&mut self, arg: &Arg, month_ok: bool) -> Option<Date> {
        let ArgKind::Date(raw) = &arg.kind else {
            return None;
        };
        match Date::parse(raw) {
            Ok(d) if d.form == Form::Month && !month_ok => {
                self.error(
                    Diagnostic::new(
                        &rules::LEXIQUE_DATE,
                        format!("« {raw} » : une date complète est attendue ici"),
                    )
                    .label(arg.span, "le jour manque")
                    .help("écrivez le jour, le mois et l'année (13 janvier 2023) ; seule la date de signature peut s'écrire au mois près (octobre 2019)"),
                );
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                let span = Span::new(
                    arg.span.file,
                    arg.span.start + e.start,
                    arg.span.start + e.end,
                );
                let suggestion = raw
                    .get(e.start..e.end)
                    .and_then(|m| closest(m, crate::date::MONTHS.iter().copied()));
                let mut d = Diagnostic::new(
                    &rules::LEXIQUE_DATE,
                    format!("date invalide : {}", e.message),
                )
                .label(span, "ici")
                .suggest(suggestion);
                if let Some(help) = e.help {
                    d = d.help(help);
                }
                self.error(d);
                None
            }
        }
    }

    /// A date, or `à compléter`; one known to the month only where MONTH_OK.
    pub(crate) fn val_date(
        &mut self,
        args: &mut Args,
        what: &str,
        month_ok: bool,
    ) -> Option<Val<Date>> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Placeholder,
                span,
            }) => {
                self.placeholder(*span, what.to_string());
                Some(Val::ToComplete)
            }
            Some(
                a @ Arg {
                    kind: ArgKind::Date(_),
                    ..
                },
            ) => self.date(a, month_ok).map(Val::Known),
            other => {
                self.misspelled_date_or(
                    args,
                    other,
                    "une date (13 janvier 2023) ou « à compléter »",
                );
                None
            }
        }
    }

    /// A failed date may be `13 janvie 2023`: lexed as number, word, number. Say which month is wrong.
    fn misspelled_date_or(&mut self, args: &mut Args, arg: Option<&Arg>, expected: &str) {
        if let (
            Some(Arg {
                kind: ArgKind::Number(_),
                ..
            }),
            Some(Arg {
                kind: ArgKind::Word(w),
                span,
            }),
        ) = (arg, args.peek())
        {
            let w = w.clone();
            let span = *span;
            args.next();
            if matches!(
                args.peek(),
                Some(Arg {
                    kind: ArgKind::Number(_),
                    ..
                })
            ) {
                args.next();
            }
            self.error(
                Diagnostic::new(
                    &rules::LEXIQUE_DATE,
                    format!("date invalide : mois inconnu « {w} »"),
                )
                .label(span, "mois inconnu")
                .suggest(closest(&w, crate::date::MONTHS.iter().copied())),
            );
            return;
        }
        self.bad_arg(args, arg, expected);
    }

    /// `2023 .. 2026` or `1er janvier 2023 .. 31 décembre 2026`.
    pub(crate) fn period(&mut self, args: &mut Args) -> Option<(Period, Span)> {
        match args.peek() {
            Some(
                a @ Arg {
                    kind: ArgKind::Date(_),
                    ..
                },
            ) => {
                args.next();
                let start = self.date(a, false);
                let range = args.next();
                if !matches!(
                    range,
                    Some(Arg {
                        kind: ArgKind::Range,
                        ..
                    })
                ) {
                    self.bad_arg(args, range, "« .. » puis la date de fin");
                    return None;
                }
                match args.next() {
                    Some(
                        b @ Arg {
                            kind: ArgKind::Date(_),
                            ..
                        },
                    ) => {
                        let end = self.date(b, false)?;
                        Some((
                            Period {
                                start: start?,
                                end,
                                whole_years: false,
                            },
                            a.span.to(b.span),
                        ))
                    }
                    other => {
                        self.misspelled_date_or(args, other, "la date de fin");
                        None
                    }
                }
            }
            Some(Arg {
                kind: ArgKind::Number(_),
                ..
            }) => {
                // A lone year is a one-year period.
                let (years, span) = self.years(args)?;
                Some((
                    Period {
                        start: Date::first_of_year(years.start),
                        end: Date::last_of_year(years.end),
                        whole_years: true,
                    },
                    span,
                ))
            }
            other => {
                let other = other.cloned();
                args.next();
                self.misspelled_date_or(
                    args,
                    other.as_ref(),
                    "une période : 2023 .. 2026 ou 1er janvier 2023 .. 31 décembre 2026",
                );
                None
            }
        }
    }

    pub(crate) fn integer(&mut self, args: &mut Args, expected: &str) -> Option<(u32, Span)> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Number(n),
                span,
            }) if ungrouped(n).bytes().all(|b| b.is_ascii_digit()) => {
                ungrouped(n).parse().ok().map(|v| (v, *span))
            }
            other => {
                self.bad_arg(args, other, expected);
                None
            }
        }
    }

    /// A decimal number kept as written (`12,5`), or `à compléter`.
    pub(crate) fn measure_value(&mut self, args: &mut Args) -> Option<Val<String>> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Number(n),
                ..
            }) => {
                if matches!(
                    args.peek(),
                    Some(Arg {
                        kind: ArgKind::Percent,
                        ..
                    })
                ) {
                    args.next();
                }
                Some(Val::Known(ungrouped(n)))
            }
            Some(Arg {
                kind: ArgKind::Placeholder,
                span,
            }) => {
                self.placeholder(*span, args.stmt.keyword.clone());
                Some(Val::ToComplete)
            }
            other => {
                self.bad_arg(args, other, "un nombre (48 ou 12,5)");
                None
            }
        }
    }

    pub(crate) fn money(&mut self, arg: &Arg) -> Option<Money> {
        let ArgKind::Money(raw) = &arg.kind else {
            return None;
        };
        match Money::parse(raw) {
            Ok(m) => Some(m),
            Err(e) => {
                let span = Span::new(
                    arg.span.file,
                    arg.span.start + e.start,
                    arg.span.start + e.end.max(e.start + 1),
                );
                self.error(
                    Diagnostic::new(
                        &rules::LEXIQUE_MONTANT,
                        format!("montant « {raw} » invalide : {}", e.message),
                    )
                    .label(span, "ici"),
                );
                None
            }
        }
    }

    /// A word from a closed vocabulary.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        args: &mut Args,
        parse: fn(&str) -> Option<T>,
        allowed: &[&'static str],
    ) -> Option<Choice<T>> {
        match args.next() {
            Some(Arg {
                kind: ArgKind::Word(w),
                span,
            }) => match parse(w) {
                Some(value) => Some(Choice { value, span: *span }),
                None => {
                    self.error(
                        Diagnostic::new(
                            &rules::VALEUR_INCONNUE,
                            format!("valeur « {w} » inconnue pour « {} »", args.stmt.keyword),
                        )
                        .label(*span, "valeur inconnue")
                        .help(format!("valeurs permises : {}", allowed.join(", ")))
                        .suggest(closest(w, allowed.iter().copied())),
                    );
                    None
                }
            },
            other => {
                self.bad_arg(
                    args,
                    other,
                    &format!("une valeur parmi {}", allowed.join(", ")),
                );
                None
            }
        }
    }

    /// Several words of a vocabulary, comma-separated.
    pub(crate) fn choices<T: Copy>(
        &mut self,
        args: &mut Args,
        parse: fn(&str) -> Option<T>,
        allowed: &[&'static str],
    ) -> Vec<Choice<T>> {
        let mut out = Vec::new();
        loop {
            if let Some(c) = self.choice(args, parse, allowed) {
                out.push(c);
            } else if args.is_done() {
                return out;
            }
            match args.peek() {
                Some(Arg {
                    kind: ArgKind::Comma,
                    ..
                }) => {
                    args.next();
                }
                _ => return out,
            }
        }
    }
}
