//! Citations in the texts of a convention: `{{ article duree }}`, `{{ fiche creche }}`,
//! `{{ debut }}`, `{{ total caf }}`. A text is cut here into what prints as written and what
//! it cites, as written; `check::citations` reports what cannot be resolved, and the view
//! (`render::view::citations`) prints each citation with the current number and title of what
//! it cites. `\{{` prints two braces.
//!
//! The language only grows: a text that printed `{{ x }}` before citations existed still
//! builds. What cannot be resolved is a warning, and prints as written.

use std::ops::Range;

use crate::keyword::fold;
use crate::model::{Model, Text};

/// What a citation of an element names: `{{ KIND ID }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Article,
    Annexe,
    Fiche,
    Axe,
    Objectif,
    Instance,
    /// `{{ total ID }}`: the total of financeur ID.
    Total,
}

impl Kind {
    pub(crate) const ALL: [Kind; 7] = [
        Kind::Article,
        Kind::Annexe,
        Kind::Fiche,
        Kind::Axe,
        Kind::Objectif,
        Kind::Instance,
        Kind::Total,
    ];

    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Annexe => "annexe",
            Kind::Fiche => "fiche",
            Kind::Axe => "axe",
            Kind::Objectif => "objectif",
            Kind::Instance => "instance",
            Kind::Total => "total",
        }
    }

    fn read(word: &str) -> Option<Kind> {
        let folded = fold(word);
        Kind::ALL.into_iter().find(|k| k.keyword() == folded)
    }
}

/// A value of the convention: `{{ NAME }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    Debut,
    Fin,
    Signature,
    Territoire,
    NombreFiches,
    NombreAxes,
    /// The total général of the funding.
    Total,
}

impl Value {
    pub(crate) const ALL: [Value; 7] = [
        Value::Debut,
        Value::Fin,
        Value::Signature,
        Value::Territoire,
        Value::NombreFiches,
        Value::NombreAxes,
        Value::Total,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Value::Debut => "debut",
            Value::Fin => "fin",
            Value::Signature => "signature",
            Value::Territoire => "territoire",
            Value::NombreFiches => "nombre_fiches",
            Value::NombreAxes => "nombre_axes",
            Value::Total => "total",
        }
    }

    /// `début` and `nombre-fiches` read as `debut` and `nombre_fiches`.
    fn read(word: &str) -> Option<Value> {
        let folded = fold(word).replace('-', "_");
        Value::ALL.into_iter().find(|v| v.name() == folded)
    }
}

/// A word of a citation, with its place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

/// What a citation says, as far as its words alone tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Form<'a> {
    /// `{{ debut }}`
    Value(Value),
    /// `{{ fiche creche }}`, `{{ total caf }}`
    Element { kind: Kind, id: Word<'a> },
    /// One word that names no value: `{{ debutt }}`.
    UnknownName(Word<'a>),
    /// Two words, the first naming no kind: `{{ artcle duree }}`.
    UnknownKind(Word<'a>),
    /// Not a citation as the language writes one (the range: where it goes wrong).
    Malformed(Malformed, Range<usize>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Malformed {
    /// `{{` without `}}` on its line.
    Unclosed,
    /// `{{ }}`
    Empty,
    /// `{{ fiche creche accueil }}`
    ExtraWords,
    /// `{{ fiche "creche" }}`, `{{ x|upper }}`: a word holds what no identifier holds.
    NotAWord,
}

impl Malformed {
    /// What is wrong, in French, for the diagnostic.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Malformed::Unclosed => "« {{ » sans « }} » sur la même ligne",
            Malformed::Empty => "citation vide",
            Malformed::ExtraWords => {
                "une citation a un ou deux mots : « {{ debut }} », « {{ fiche ID }} »"
            }
            Malformed::NotAWord => "un identifiant n'a que des lettres, des chiffres et « - _ . »",
        }
    }
}

/// `{{ … }}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation<'a> {
    /// From `{{` to `}}` included (to the end of the line when unclosed).
    pub range: Range<usize>,
    pub written: &'a str,
    pub form: Form<'a>,
}

/// A part of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Printed as written.
    Text(&'a str),
    /// `\{{`: two braces.
    Braces,
    Citation(Citation<'a>),
}

/// Whether C may be part of an identifier (as the grammar's `word_char`).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '°' | '\'' | '’')
}

/// TEXT cut into pieces, in order; their texts joined give TEXT back, `\{{` and citations apart.
pub(crate) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            // A backslash escapes the next character: `\\{{` is a backslash and a citation.
            b'\\' if text[at + 1..].starts_with("{{") => {
                if start < at {
                    out.push(Piece::Text(&text[start..at]));
                }
                out.push(Piece::Braces);
                at += 3;
                start = at;
            }
            b'\\' => at += 1 + text[at + 1..].chars().next().map_or(0, char::len_utf8),
            b'{' if text[at..].starts_with("{{") => {
                if start < at {
                    out.push(Piece::Text(&text[start..at]));
                }
                let citation = citation(text, at);
                at = citation.range.end;
                start = at;
                out.push(Piece::Citation(citation));
            }
            _ => at += 1,
        }
    }
    if start < text.len() {
        out.push(Piece::Text(&text[start..]));
    }
    out
}

/// The citation that starts with the `{{` at OPEN of TEXT.
fn citation(text: &str, open: usize) -> Citation<'_> {
    let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
    let Some(close) = text[open + 2..line_end].find("}}").map(|i| open + 2 + i) else {
        return Citation {
            range: open..line_end,
            written: &text[open..line_end],
            form: Form::Malformed(Malformed::Unclosed, open..open + 2),
        };
    };
    let range = open..close + 2;
    let inner = open + 2..close;
    let words: Vec<Word> = text[inner.clone()]
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            Word {
                text: w,
                range: start..start + w.len(),
            }
        })
        .collect();
    let form = if let Some(bad) = words.iter().find(|w| !w.text.chars().all(word_char)) {
        Form::Malformed(Malformed::NotAWord, bad.range.clone())
    } else {
        match words.as_slice() {
            [] => Form::Malformed(Malformed::Empty, range.clone()),
            [name] => Value::read(name.text).map_or(Form::UnknownName(name.clone()), Form::Value),
            [kind, id] => match Kind::read(kind.text) {
                Some(kind) => Form::Element {
                    kind,
                    id: id.clone(),
                },
                None => Form::UnknownKind(kind.clone()),
            },
            [_, _, extra @ ..] => Form::Malformed(
                Malformed::ExtraWords,
                extra[0].range.start..extra[extra.len() - 1].range.end,
            ),
        }
    };
    Citation {
        written: &text[range.clone()],
        range,
        form,
    }
}

/// A default article's TEXT, which minijinja fills in before its citations are printed, with
/// each citation of an element and each `\{{` kept from minijinja (`{% raw %}…{% endraw %}`).
/// `{{ debut }}` stays minijinja's: the names of values are the same in both.
pub(crate) fn shielded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for piece in pieces(text) {
        let (len, shield) = match &piece {
            Piece::Text(s) => (s.len(), false),
            Piece::Braces => (3, true),
            Piece::Citation(c) => (c.range.len(), matches!(c.form, Form::Element { .. })),
        };
        let written = &text[at..at + len];
        if shield {
            out.push_str("{% raw %}");
            out.push_str(written);
            out.push_str("{% endraw %}");
        } else {
            out.push_str(written);
        }
        at += len;
    }
    out
}

/// Every text of MODEL that may cite.
pub(crate) fn texts(model: &Model) -> Vec<&Text> {
    let conv = model.convention.iter().filter_map(|c| c.preambule.as_ref());
    let articles = model.articles.iter().filter_map(|a| a.texte.as_ref());
    let annexes = model.annexes.iter().filter_map(|a| a.texte.as_ref());
    let fiches = model.fiches.iter().flat_map(|f| {
        [&f.constat, &f.description, &f.moyens, &f.resultats_attendus]
            .into_iter()
            .flatten()
    });
    let axes = model.axes.iter().filter_map(|a| a.description.as_ref());
    let objectifs = model
        .objectifs
        .iter()
        .filter_map(|o| o.description.as_ref());
    let instances = model.instances.iter().filter_map(|i| i.role.as_ref());
    let linked = model
        .conventions_liees
        .iter()
        .filter_map(|c| c.objet.as_ref());
    conv.chain(articles)
        .chain(annexes)
        .chain(fiches)
        .chain(axes)
        .chain(objectifs)
        .chain(instances)
        .chain(linked)
        .collect()
}

/// Whether TEXT holds a citation or `\{{` (otherwise it prints exactly as before citations).
pub(crate) fn cites(text: &str) -> bool {
    text.contains("{{")
}

/// The offset in the source of the byte at AT of a text's value, the source being the argument
/// as written (`"…"` or `"""…"""`, quotes included).
pub(crate) fn source_offset(written: &str, plain: bool, at: usize) -> usize {
    if plain {
        // Inside `"…"`, `\"` and `\\` are one character of the value.
        let inner = &written[1.min(written.len())..];
        let mut value = 0;
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            if value >= at {
                return 1 + i;
            }
            if c == '\\' {
                chars.next();
            }
            value += c.len_utf8();
        }
        written.len()
    } else {
        let inner = written
            .strip_prefix("\"\"\"")
            .map_or(written, |s| s.strip_suffix("\"\"\"").unwrap_or(s));
        let starts = crate::lower::line_starts(inner);
        // The line of the value holding AT, and its column there.
        let mut line_start = 0;
        for (line, raw_start) in starts.iter().enumerate() {
            let next = line_start + value_line_len(inner, &starts, line);
            if at <= next || line + 1 == starts.len() {
                return 3 + raw_start + (at - line_start);
            }
            line_start = next + 1;
        }
        3
    }
}

/// The length of line LINE of the dedented value whose lines start at STARTS of INNER.
fn value_line_len(inner: &str, starts: &[usize], line: usize) -> usize {
    let from = starts[line];
    let end = inner[from..].find('\n').map_or(inner.len(), |i| from + i);
    inner[from..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<Form<'_>> {
        pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Citation(c) => Some(c.form),
                _ => None,
            })
            .collect()
    }

    /// Each piece of TEXT as written: `\{{` for two braces, a citation with its braces.
    fn cut(text: &str) -> Vec<&str> {
        pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(s) => s,
                Piece::Braces => "\\{{",
                Piece::Citation(c) => c.written,
            })
            .collect()
    }

    #[test]
    fn cuts_a_text_into_what_it_prints_and_what_it_cites() {
        let text = "Du {{ debut }} au {{fin}}, voir {{ article duree }}.";
        let p = pieces(text);
        assert_eq!(p.len(), 7);
        assert_eq!(p[0], Piece::Text("Du "));
        assert_eq!(p[6], Piece::Text("."));
        let Piece::Citation(c) = &p[5] else {
            panic!("{p:?}")
        };
        assert_eq!(c.written, "{{ article duree }}");
        assert_eq!(
            c.form,
            Form::Element {
                kind: Kind::Article,
                id: Word {
                    text: "duree",
                    range: 43..48
                }
            }
        );
        assert_eq!(
            forms(text)[..2],
            [Form::Value(Value::Debut), Form::Value(Value::Fin)]
        );
    }

    #[test]
    fn no_piece_is_empty() {
        // Citations first, side by side and last; two braces after a citation and last.
        assert_eq!(cut("{{ debut }}{{ fin }}"), ["{{ debut }}", "{{ fin }}"]);
        assert_eq!(
            cut("Voir {{ fin }}\\{{ et \\{{"),
            ["Voir ", "{{ fin }}", "\\{{", " et ", "\\{{"]
        );
    }

    #[test]
    fn a_single_brace_is_text() {
        // In the middle of a line, before a line break, at the end of the text.
        assert_eq!(
            cut("Les communes {A, B} {\n{{ fin }} {"),
            ["Les communes {A, B} {\n", "{{ fin }}", " {"]
        );
    }

    #[test]
    fn reads_kinds_and_names_as_keywords() {
        assert_eq!(
            forms("{{ Début }} {{ nombre-fiches }} {{ TOTAL }}"),
            [
                Form::Value(Value::Debut),
                Form::Value(Value::NombreFiches),
                Form::Value(Value::Total)
            ]
        );
        assert!(matches!(
            forms("{{ Annexe financements }}")[0],
            Form::Element {
                kind: Kind::Annexe,
                ..
            }
        ));
    }

    #[test]
    fn unknown_words_and_malformed_citations() {
        let text = "{{ debutt }} {{ artcle duree }} {{ }} {{ fiche a b }} {{ x|upper }} {{ fin";
        let f = forms(text);
        assert!(matches!(&f[0], Form::UnknownName(w) if w.text == "debutt"));
        assert!(matches!(&f[1], Form::UnknownKind(w) if w.text == "artcle"));
        assert!(matches!(f[2], Form::Malformed(Malformed::Empty, _)));
        assert!(
            matches!(f[3], Form::Malformed(Malformed::ExtraWords, ref r) if &text[r.clone()] == "b")
        );
        assert!(matches!(f[4], Form::Malformed(Malformed::NotAWord, _)));
        assert!(matches!(f[5], Form::Malformed(Malformed::Unclosed, _)));
    }

    #[test]
    fn an_unclosed_citation_ends_at_its_line() {
        let p = pieces("a {{ fin\nb }}");
        assert!(
            matches!(&p[1], Piece::Citation(c) if c.written == "{{ fin"),
            "{p:?}"
        );
        assert_eq!(p[2], Piece::Text("\nb }}"));
    }

    #[test]
    fn a_backslash_prints_braces() {
        assert_eq!(
            pieces("a \\{{ debut }}"),
            [Piece::Text("a "), Piece::Braces, Piece::Text(" debut }}")]
        );
        // A backslash escapes one character, of one byte or more, and nothing after it; the
        // character before it does not count.
        assert_eq!(cut("a\\é {{ fin }}"), ["a\\é ", "{{ fin }}"]);
        assert_eq!(cut("a\\\\{{ fin }}"), ["a\\\\", "{{ fin }}"]);
        assert_eq!(cut("é\\\\{{ fin }}"), ["é\\\\", "{{ fin }}"]);
        assert!(!cites("Rien à citer."));
    }

    #[test]
    fn element_citations_are_kept_from_minijinja() {
        assert_eq!(
            shielded("{{ debut }} {{ article duree }} \\{{ x }} {{ a|b }}"),
            "{{ debut }} {% raw %}{{ article duree }}{% endraw %} {% raw %}\\{{{% endraw %} x }} {{ a|b }}"
        );
    }

    #[test]
    fn offsets_in_the_value_lead_to_the_source() {
        let written = "\"a \\\"b\\\" {{ fin }}\"";
        let value = "a \"b\" {{ fin }}";
        let at = value.find("fin").unwrap();
        let source = source_offset(written, true, at);
        assert_eq!(&written[source..source + 3], "fin");
        let written = "\"\"\"\n    Titre\n\n      - du {{ debut }}\n    \"\"\"";
        let value = crate::lower::dedent(&written[3..written.len() - 3]);
        assert_eq!(value, "Titre\n\n  - du {{ debut }}");
        let at = value.find("debut").unwrap();
        let source = source_offset(written, false, at);
        assert_eq!(&written[source..source + 5], "debut");
    }
}
