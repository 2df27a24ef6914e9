//! The Typst renderer: the view → Typst source through minijinja templates.
//!
//! User text can never become Typst code. Every value a template prints goes through the
//! engine's formatter (`super::engine`), which escapes it with [`escape`] (each character Typst
//! could read as syntax is backslash-escaped); the only source that reaches the output unescaped
//! is what the templates hold and what the filters below build:
//!
//! - `markdown`: a `*_md` field converted to Typst markup in Rust (pulldown-cmark), its text
//!   escaped the same way; headings become bold paragraphs, so user text cannot disturb the
//!   document's heading levels; images become their alternative text; links follow the HTML
//!   page's policy (`super::link`): a `javascript:`, `file:` or `data:` link is plain text;
//! - `quoted`: a Typst string literal, for code arguments (`#set document(title: …)`);
//! - `label`: a label name made only of characters Typst accepts in `<…>`.
//!
//! A « [à compléter] » in printed text is highlighted (templates may style `highlight`) and kept
//! on one line.

use minijinja::value::Value;
use minijinja::{Environment, State};
use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::Templates;
use super::engine::{Engine, Target, TemplateError};
use super::link;
use super::view::{TO_COMPLETE, View};
use crate::typography::superscripts;

/// The main template; it includes the others by name, so a project may override any of them.
pub(crate) const TEMPLATE: &str = "convention.typ.j2";

/// Renders the convention as Typst source.
pub fn render(view: &View, templates: &Templates) -> Result<String, TemplateError> {
    Engine::new(Target::Typst, templates).render(view)
}

/// The filters of the Typst target (see the module's documentation).
pub(super) fn add_filters(env: &mut Environment<'static>) {
    // A link to a place the view lists (`cibles`: what the texts' citations link to) is a link
    // to the label of that place; the document defines every one of them.
    env.add_filter("markdown", |state: &State<'_, '_>, text: &str| {
        let anchors: Vec<String> = state
            .lookup("cibles")
            .and_then(|v| v.try_iter().ok())
            .map(|values| {
                values
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Value::from_safe_string(markdown_linked(text, &anchors))
    });
    env.add_filter("quoted", |text: &str| Value::from_safe_string(quoted(text)));
    env.add_filter("label", |text: &str| Value::from_safe_string(label(text)));
}

/// Escapes text for Typst markup: it prints exactly as written, whatever it holds, except that
/// straight apostrophes print as typographic ones (’), line breaks and tabs as spaces, other
/// control characters not at all, each « [à compléter] » is highlighted, the letters of « 1er »
/// and « 1re » are raised, and a token too long for any line (no French word has more than
/// [`LONG_TOKEN`] letters) may break every [`TOKEN_STEP`] characters.
pub fn escape(text: &str) -> String {
    let mut breaks = long_token_breaks(text).into_iter().peekable();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, c) in text.chars().enumerate() {
        if breaks.next_if_eq(&i).is_some() {
            out.push_str("#sym.zws;");
        }
        match c {
            // Markup syntax; `(`, `{` and `.` too: right after a template's `#f[…]`, they would
            // extend the call.
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '~' | '"' | '-'
            | '.' | '+' | '=' | '/' | '(' | ')' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\'' => out.push('’'),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let placeholder = escape_plain(TO_COMPLETE);
    if out.contains(&placeholder) {
        out = out.replace(&placeholder, &format!("#box(highlight[{placeholder}]);"));
    }
    superscripts(&out, |letters| format!("#super[{letters}]"))
}

/// A run of more characters than this without a space or a hyphen is no word: it may break.
const LONG_TOKEN: usize = 30;
/// Where a long token may break: every this many characters.
const TOKEN_STEP: usize = 10;

/// The indices (in characters) of TEXT before which a long token may break.
fn long_token_breaks(text: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut start = 0;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_whitespace() || matches!(c, '-' | '/' | '‐' | '–' | '—') {
            if i - start > LONG_TOKEN {
                breaks.extend((start + TOKEN_STEP..i).step_by(TOKEN_STEP));
            }
            start = i + 1;
        }
    }
    breaks
}

/// What [`escape`] makes of `text` before highlighting, for a text whose only ASCII punctuation
/// is what [`escape`] backslash-escapes (the placeholder's brackets).
fn escape_plain(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Typst string literal: `"…"` with `\` and `"` escaped, control characters dropped.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A label name for `<…>`: ASCII letters, digits, `-`, `.` and `:` as they are; any other
/// character as `_uXXXX_`, `_` included (it starts that sequence), so that distinct anchors stay
/// distinct.
pub(crate) fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':') {
            out.push(c);
        } else {
            out.push_str(&format!("_u{:04x}_", c as u32));
        }
    }
    if out.is_empty() {
        out.push_str("_vide_");
    }
    out
}

/// What an open Markdown element closes with.
enum Open {
    /// `]`, then `;` to end the call (a following `(`, `[` or `.` must not extend it).
    Call,
    /// A list item: `], `.
    Item,
    /// A list or a table: `);`.
    List,
    /// A table's header: `), `.
    Header,
    /// A link without destination, an image: nothing.
    Nothing,
}

/// Converts a `*_md` field (light Markdown) to Typst markup, without links to labels.
#[cfg(test)]
pub(crate) fn markdown(text: &str) -> String {
    markdown_linked(text, &[])
}

/// Converts a `*_md` field to Typst markup, a link to `#A` for an anchor A of ANCHORS (sorted)
/// becoming a link to the label A.
fn markdown_linked(text: &str, anchors: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut open: Vec<Open> = Vec::new();
    let mut code: Option<String> = None;
    // Inside an image, text is its alternative text: printed as text.
    let parser = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    for event in parser {
        if let Some(buffer) = code.as_mut() {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let body = buffer.trim_end_matches('\n').to_string();
                    out.push_str(&format!(
                        "#raw(block: true, {});\n\n",
                        quoted_multiline(&body)
                    ));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {}
                Tag::Heading { .. } => {
                    out.push_str("#strong[");
                    open.push(Open::Call);
                }
                Tag::BlockQuote(_) => {
                    out.push_str("#quote(block: true)[");
                    open.push(Open::Call);
                }
                Tag::CodeBlock(_) => code = Some(String::new()),
                Tag::List(None) => {
                    out.push_str("#list(");
                    open.push(Open::List);
                }
                Tag::List(Some(start)) => {
                    out.push_str(&format!("#enum(start: {start}, "));
                    open.push(Open::List);
                }
                Tag::Item | Tag::TableCell => {
                    out.push('[');
                    open.push(Open::Item);
                }
                // A Markdown table: a Typst table, its columns aligned as the Markdown says.
                Tag::Table(alignments) => {
                    let align: Vec<&str> = alignments
                        .iter()
                        .map(|a| match a {
                            Alignment::Right => "right",
                            Alignment::Center => "center",
                            Alignment::Left | Alignment::None => "left",
                        })
                        .collect();
                    out.push_str(&format!(
                        "#table(columns: {}, align: ({},), ",
                        align.len(),
                        align.join(", ")
                    ));
                    open.push(Open::List);
                }
                Tag::TableHead => {
                    out.push_str("table.header(");
                    open.push(Open::Header);
                }
                Tag::Emphasis => {
                    out.push_str("#emph[");
                    open.push(Open::Call);
                }
                Tag::Strong => {
                    out.push_str("#strong[");
                    open.push(Open::Call);
                }
                Tag::Strikethrough => {
                    out.push_str("#strike[");
                    open.push(Open::Call);
                }
                // The link policy is the HTML page's: a refused destination leaves the text.
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } if link::allowed(link_type, &dest_url) => {
                    let dest = dest_url.trim();
                    let place = dest
                        .strip_prefix('#')
                        .filter(|a| anchors.binary_search_by(|x| x.as_str().cmp(a)).is_ok());
                    if let Some(anchor) = place {
                        out.push_str(&format!("#link(<{}>)[", label(anchor)));
                        open.push(Open::Call);
                        continue;
                    }
                    let dest = if link_type == LinkType::Email {
                        format!("mailto:{dest}")
                    } else {
                        dest.to_string()
                    };
                    out.push_str(&format!("#link({})[", quoted(&dest)));
                    open.push(Open::Call);
                }
                _ => open.push(Open::Nothing),
            },
            Event::End(end) => match end {
                TagEnd::Paragraph => out.push_str("\n\n"),
                TagEnd::Heading(_) | TagEnd::BlockQuote(_) => {
                    close(&mut out, open.pop());
                    out.push_str("\n\n");
                }
                TagEnd::List(_) | TagEnd::Table => {
                    close(&mut out, open.pop());
                    out.push_str("\n\n");
                }
                _ => close(&mut out, open.pop()),
            },
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => out.push_str(&escape(&t)),
            Event::Code(t) => out.push_str(&format!("#raw({});", quoted(&t))),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak();"),
            Event::Rule => out.push_str("#line(length: 100%);\n\n"),
            Event::FootnoteReference(t) => out.push_str(&escape(&t)),
            Event::TaskListMarker(done) => out.push_str(if done { "☑ " } else { "☐ " }),
        }
    }
    out.trim_end().to_string()
}

fn close(out: &mut String, open: Option<Open>) {
    match open {
        Some(Open::Call) => out.push_str("];"),
        Some(Open::Item) => {
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push_str("], ");
        }
        Some(Open::List) => out.push_str(");"),
        Some(Open::Header) => out.push_str("), "),
        Some(Open::Nothing) | None => {}
    }
}

/// A string literal that keeps line breaks (`\n`), for code blocks.
fn quoted_multiline(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            let q = quoted(l);
            q[1..q.len() - 1].to_string()
        })
        .collect();
    format!("\"{}\"", lines.join("\\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_sign() {
        assert_eq!(escape("#import \"x\""), "\\#import \\\"x\\\"");
        assert_eq!(
            escape("a*b*_c_ $x$ @ref <l> [x] \\ // /* `r`"),
            "a\\*b\\*\\_c\\_ \\$x\\$ \\@ref \\<l\\> \\[x\\] \\\\ \\/\\/ \\/\\* \\`r\\`"
        );
        assert_eq!(escape("= titre\n- liste"), "\\= titre \\- liste");
        assert_eq!(escape("l'offre"), "l’offre");
    }

    #[test]
    fn highlights_placeholders() {
        assert_eq!(
            escape("Fait à [à compléter]"),
            "Fait à #box(highlight[\\[à compléter\\]]);"
        );
    }

    #[test]
    fn converts_tables() {
        assert_eq!(
            markdown("| Public | Places |\n|---|---:|\n| 0-3 ans | 48 |\n| *3-6 ans* | 60 |"),
            "#table(columns: 2, align: (left, right,), table.header([Public], [Places], ), \
             [0\\-3 ans], [48], [#emph[3\\-6 ans];], [60], );"
        );
    }

    #[test]
    fn raises_ordinals() {
        assert_eq!(escape("Article 1er"), "Article 1#super[er]");
        assert_eq!(escape("le 1er janvier"), "le 1#super[er] janvier");
        assert_eq!(escape("2021"), "2021");
    }

    #[test]
    fn long_tokens_may_break() {
        let word = "a".repeat(50);
        assert_eq!(
            escape(&word),
            [
                "a".repeat(10),
                "a".repeat(10),
                "a".repeat(10),
                "a".repeat(10),
                "a".repeat(10)
            ]
            .join("#sym.zws;")
        );
        let french = "anticonstitutionnellement";
        assert_eq!(escape(french), french);
        assert_eq!(
            escape("https://example.org/un/chemin"),
            "https:\\/\\/example\\.org\\/un\\/chemin"
        );
    }

    #[test]
    fn quotes_strings() {
        assert_eq!(quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
    }

    #[test]
    fn labels_stay_labels() {
        assert_eq!(label("fiche-pe.1"), "fiche-pe.1");
        assert_eq!(label("fiche-créche"), "fiche-cr_u00e9_che");
        assert_eq!(label("a>b"), "a_u003e_b");
    }

    #[test]
    fn links_the_html_page_drops_are_text() {
        for dest in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "../notes.txt",
        ] {
            let typst = markdown(&format!("[clic](<{dest}>)"));
            assert_eq!(typst, "clic", "{dest}");
        }
    }

    #[test]
    fn converts_markdown() {
        assert_eq!(
            markdown("Un **gras** et *italique*."),
            "Un #strong[gras]; et #emph[italique];\\."
        );
        assert_eq!(markdown("- a ;\n- b."), "#list([a ;], [b\\.], );");
        assert_eq!(
            markdown("1. un\n2. deux"),
            "#enum(start: 1, [un], [deux], );"
        );
        assert_eq!(
            markdown("[site](https://caf.fr)(x)"),
            "#link(\"https://caf.fr\")[site];\\(x\\)"
        );
        assert_eq!(markdown("# Titre\n\ntexte"), "#strong[Titre];\n\ntexte");
        assert_eq!(
            markdown("<contact@caf.fr>"),
            "#link(\"mailto:contact@caf.fr\")[contact\\@caf\\.fr];"
        );
        assert_eq!(markdown("![logo](x.png)"), "logo");
        assert_eq!(markdown("`#import`"), "#raw(\"#import\");");
        assert_eq!(
            markdown("```\nfn a() {}\n\"b\"\n```"),
            "#raw(block: true, \"fn a() {}\\n\\\"b\\\"\");"
        );
    }
}
