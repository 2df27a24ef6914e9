//! The HTML renderer: the view → one self-contained, accessible page through minijinja templates.
//!
//! Every value a template prints goes through the engine's formatter (`super::engine`), which
//! escapes it with [`escape`] and marks each « [à compléter] »; the only markup that reaches the
//! page unescaped is what the templates hold and what `markdown` builds from a `*_md` field,
//! where raw HTML is shown as text, images become their alternative text and links that the
//! link policy (`super::link`, shared with the PDF) refuses lose their destination.

use minijinja::Environment;
use minijinja::value::Value;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use serde::Serialize;

use super::Templates;
use super::engine::{Engine, Target, TemplateError};
use super::link;
use super::logos::Logos;
use super::view::{TO_COMPLETE, View};

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

/// A printed value: escaped, and the « à compléter » marker highlighted.
pub(super) fn escape_marked(text: &str) -> String {
    mark_placeholders(&escape(text))
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
            _ => out.push(c),
        }
    }
    out
}

/// Wraps each « [à compléter] » of already escaped text so that a draft shows what is missing.
fn mark_placeholders(escaped: &str) -> String {
    escaped.replace(
        TO_COMPLETE,
        &format!("<span class=\"a-completer\">{TO_COMPLETE}</span>"),
    )
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
    let events =
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
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
    mark_placeholders(html.trim_end())
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
    fn escapes_attribute_breakers() {
        assert_eq!(
            escape("\" onmouseover=\"x'"),
            "&quot; onmouseover=&quot;x&#39;"
        );
    }
}
