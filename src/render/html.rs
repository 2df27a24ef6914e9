//! The HTML renderer: the view → one self-contained, accessible page through minijinja templates.
//!
//! Every value a template prints goes through the engine's formatter (`super::engine`), which
//! escapes it with [`escape`] and marks each « [à compléter] »; the only markup that reaches the
//! page unescaped is what the templates hold and what `markdown` builds from a `*_md` field,
//! where raw HTML is shown as text, images become their alternative text and links that the
//! link policy (`super::link`, shared with the PDF) refuses lose their destination.

use minijinja::Environment;
use minijinja::value::Value;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use serde::Serialize;

use super::Templates;
use super::engine::{Engine, Target, TemplateError};
use super::link;
use super::logos::Logos;
use super::view::{TO_COMPLETE, View};
use crate::typography::superscripts;

/// The page template; it includes the others by name, so a project may override any of them.
pub(crate) const TEMPLATE: &str = "convention.html.j2";

/// What the page template reads: the view, and the logos it can embed.
#[derive(Serialize)]
pub struct Page<'a> {
    #[serde(flatten)]
    pub view: &'a View,
    pub logos: &'a Logos,
}

/// Renders the convention as one HTML page, without logos.
pub fn render(view: &View, templates: &Templates) -> Result<String, TemplateError> {
    render_with_logos(view, templates, &Logos::new())
}

/// Renders the page with the signatories' logos embedded (see [`super::logos::load`]).
pub fn render_with_logos(
    view: &View,
    templates: &Templates,
    logos: &Logos,
) -> Result<String, TemplateError> {
    Engine::new(Target::Html, templates).render(&Page { view, logos })
}

/// The filter of the HTML target: `{{ text | markdown(3) }}`.
pub(super) fn add_filters(env: &mut Environment<'static>) {
    env.add_filter("markdown", markdown_filter);
}

/// Marks around what [`finish`] turns into markup where markup may stand: a « [à compléter] »
/// (highlighted) and the letters of « 1er » (raised). Characters of the Private Use Area, which
/// [`escape`] writes as references when a text holds them: a text cannot forge a mark.
const MARKS: [(char, &str); 4] = [
    ('\u{e000}', "<span class=\"a-completer\">"),
    ('\u{e001}', "</span>"),
    ('\u{e002}', "<sup>"),
    ('\u{e003}', "</sup>"),
];

/// A printed value: escaped, and marked for [`finish`] (which the engine runs on the page).
pub(super) fn escape_marked(text: &str) -> String {
    mark(&escape(text))
}

/// Escapes text for an HTML element or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if MARKS.iter().any(|(m, _)| *m == c) => {
                out.push_str(&format!("&#x{:x};", c as u32));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Marks each « [à compléter] » and each ordinal « 1er » of already escaped text.
fn mark(escaped: &str) -> String {
    let (open, close) = (MARKS[0].0, MARKS[1].0);
    let marked = escaped.replace(TO_COMPLETE, &format!("{open}{TO_COMPLETE}{close}"));
    superscripts(&marked, |letters| {
        format!("{}{letters}{}", MARKS[2].0, MARKS[3].0)
    })
}

/// The elements whose content is text only: a mark inside them stays plain.
const TEXT_ONLY: [&str; 4] = ["title", "style", "script", "textarea"];

/// Turns the marks of a rendered page into markup in element content, and drops them where
/// markup cannot stand: inside a tag (an attribute value such as `<meta content="…">`), a
/// comment, or an element that holds text only (`<title>`).
pub(crate) fn finish(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 16);
    let mut rest = page;
    let plain = |text: &str, out: &mut String| {
        out.extend(text.chars().filter(|c| !MARKS.iter().any(|(m, _)| m == c)))
    };
    while let Some(lt) = rest.find('<') {
        markup(&rest[..lt], &mut out);
        let tag = &rest[lt..];
        // What the tag spans, and the text-only content it opens if any.
        let end = if tag.starts_with("<!--") {
            tag.find("-->").map_or(tag.len(), |i| i + 3)
        } else {
            let close = tag.find('>').map_or(tag.len(), |i| i + 1);
            let name: String = tag[1..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if TEXT_ONLY.contains(&name.as_str()) {
                closing_tag(tag, close, &name).unwrap_or(tag.len())
            } else {
                close
            }
        };
        plain(&tag[..end], &mut out);
        rest = &tag[end..];
    }
    markup(rest, &mut out);
    out
}

/// Where `</NAME` (any ASCII case) first stands in TEXT from byte FROM on. Only the candidates
/// are compared: lowercasing the rest of the page for each `<title>` made a bilan page, one SVG
/// title per chart, quadratic (156 s for 10 000 fiches).
fn closing_tag(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(i) = text.get(at..)?.find("</") {
        let start = at + i;
        let word = bytes.get(start + 2..start + 2 + name.len())?;
        if word.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// Element content: each mark becomes its markup.
fn markup(text: &str, out: &mut String) {
    for c in text.chars() {
        match MARKS.iter().find(|(m, _)| *m == c) {
            Some((_, tag)) => out.push_str(tag),
            None => out.push(c),
        }
    }
}

/// `{{ text | markdown(3) }}`: the Markdown as HTML, its headings starting at level 3.
fn markdown_filter(text: &str, first_heading: Option<u8>) -> Value {
    Value::from_safe_string(markdown(text, first_heading.unwrap_or(3)))
}

/// Converts a `*_md` field to HTML. Headings are renumbered from `first_heading` without skipping
/// a level, so user text can neither add a second `<h1>` nor break the page outline.
pub(crate) fn markdown(text: &str, first_heading: u8) -> String {
    let mut levels: Vec<HeadingLevel> = Vec::new();
    let mut links: Vec<bool> = Vec::new();
    // A table's column alignments, and whether its cells are in its header, for its cells.
    let mut columns: Vec<Alignment> = Vec::new();
    let mut column = 0;
    let mut in_head = false;
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        // A table as the page's own: in a scrolling region, header cells with their scope,
        // alignment by class (the page allows no style attribute).
        Event::Start(Tag::Table(alignments)) => {
            columns = alignments;
            Some(Event::Html(
                "<div class=\"defilement\" tabindex=\"0\"><table class=\"texte\">".into(),
            ))
        }
        Event::End(TagEnd::Table) => Some(Event::Html("</tbody></table></div>\n".into())),
        Event::Start(Tag::TableHead) => {
            in_head = true;
            column = 0;
            Some(Event::Html("<thead><tr>".into()))
        }
        Event::End(TagEnd::TableHead) => {
            in_head = false;
            Some(Event::Html("</tr></thead><tbody>".into()))
        }
        Event::Start(Tag::TableRow) => {
            column = 0;
            Some(Event::Html("<tr>".into()))
        }
        Event::End(TagEnd::TableRow) => Some(Event::Html("</tr>".into())),
        Event::Start(Tag::TableCell) => {
            let class = match columns.get(column) {
                Some(Alignment::Right) => " class=\"a-droite\"",
                Some(Alignment::Center) => " class=\"au-centre\"",
                _ => "",
            };
            column += 1;
            Some(Event::Html(
                if in_head {
                    format!("<th scope=\"col\"{class}>")
                } else {
                    format!("<td{class}>")
                }
                .into(),
            ))
        }
        Event::End(TagEnd::TableCell) => {
            Some(Event::Html(if in_head { "</th>" } else { "</td>" }.into()))
        }
        // Raw HTML is shown as written; a block of it reads as a paragraph.
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        // Text is escaped here, quotes included, rather than by the HTML writer (which leaves them).
        Event::Html(text) | Event::InlineHtml(text) | Event::Text(text) => {
            Some(Event::InlineHtml(escape(&text).into()))
        }
        Event::Start(Tag::Heading { level, .. }) => {
            while levels.last().is_some_and(|l| *l >= level) {
                levels.pop();
            }
            levels.push(level);
            let depth = u8::try_from(levels.len()).unwrap_or(u8::MAX);
            Some(Event::Start(Tag::Heading {
                level: heading_level(first_heading.saturating_add(depth - 1)),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }))
        }
        Event::End(TagEnd::Heading(_)) => {
            let depth = u8::try_from(levels.len()).unwrap_or(u8::MAX);
            Some(Event::End(TagEnd::Heading(heading_level(
                first_heading.saturating_add(depth.saturating_sub(1)),
            ))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = link::allowed(link_type, &dest_url);
            links.push(safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        // An image would be a request and an element the author did not write: keep its text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    finish(&mark(html.trim_end()))
}

fn heading_level(n: u8) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let html = markdown(
            "<script>alert(1)</script>\n\nTexte <img src=x onerror=alert(1)>",
            3,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn dangerous_links_lose_their_destination() {
        for dest in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let html = markdown(&format!("[clic](<{dest}>)"), 3);
            assert!(!html.contains("<a"), "{dest}: {html}");
            assert!(html.contains("clic"), "{dest}: {html}");
        }
        assert!(
            markdown("[caf](https://caf.fr)", 3).contains("<a href=\"https://caf.fr\">caf</a>")
        );
        assert!(markdown("[fiche](#fiche-creche)", 3).contains("<a href=\"#fiche-creche\">"));
    }

    #[test]
    fn images_become_text() {
        let html = markdown("![logo de la Caf](https://example.org/x.png)", 3);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("logo de la Caf"), "{html}");
    }

    #[test]
    fn headings_never_skip_a_level() {
        let html = markdown("### a\n\n# b\n\n#### c\n\n## d", 4);
        assert_eq!(html, "<h4>a</h4>\n<h4>b</h4>\n<h5>c</h5>\n<h5>d</h5>");
    }

    #[test]
    fn a_text_only_element_ends_at_its_closing_tag_in_any_case() {
        assert_eq!(closing_tag("<title>a</b></TiTlE>", 7, "title"), Some(12));
        assert_eq!(closing_tag("<title>é</titles", 7, "title"), Some(9));
        assert_eq!(closing_tag("<style>x</sty", 7, "style"), None);
        assert_eq!(closing_tag("<title>x", 7, "title"), None);
    }

    #[test]
    fn marks_become_markup_only_in_element_content() {
        let value = escape_marked("Caf [à compléter], Article 1er");
        let page = format!(
            "<title>{value}</title>\n<meta name=\"author\" content=\"{value}\">\n<!-- {value} -->\n<p>{value}</p>"
        );
        assert_eq!(
            finish(&page),
            "<title>Caf [à compléter], Article 1er</title>\n\
             <meta name=\"author\" content=\"Caf [à compléter], Article 1er\">\n\
             <!-- Caf [à compléter], Article 1er -->\n\
             <p>Caf <span class=\"a-completer\">[à compléter]</span>, Article 1<sup>er</sup></p>"
        );
        // A text holding the marks' characters cannot forge markup.
        assert_eq!(
            finish(&escape_marked("\u{e000}x\u{e003}")),
            "&#xe000;x&#xe003;"
        );
        assert_eq!(
            markdown("[voir](<https://x.fr/[à compléter]>) le 1er mai", 3),
            "<p><a href=\"https://x.fr/%5B%C3%A0%20compl%C3%A9ter%5D\">voir</a> le 1<sup>er</sup> mai</p>"
        );
    }

    #[test]
    fn tables_are_the_pages_own() {
        assert_eq!(
            markdown("| Public | Places |\n|---|---:|\n| 0-3 ans | 48 |", 3),
            "<div class=\"defilement\" tabindex=\"0\"><table class=\"texte\"><thead><tr>\
             <th scope=\"col\">Public</th><th scope=\"col\" class=\"a-droite\">Places</th></tr></thead>\
             <tbody><tr><td>0-3 ans</td><td class=\"a-droite\">48</td></tr></tbody></table></div>"
        );
    }

    #[test]
    fn escapes_attribute_breakers() {
        assert_eq!(
            escape("\" onmouseover=\"x'"),
            "&quot; onmouseover=&quot;x&#39;"
        );
    }
}
