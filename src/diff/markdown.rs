//! The diff as GitHub-flavoured Markdown, to be posted as a pull-request comment: headings,
//! tables, long texts as collapsible line diffs; no colour codes, no raw HTML from the user.
//!
//! A bot posts it, so user text must not act on GitHub: an `@name` would notify someone, a
//! `#123` or `GH-123` would link (and back-link) an issue, a bare `https://…` or `www.…` would
//! become a link. Outside code blocks, user text goes through [`cell`], which keeps it readable
//! and inert by putting a word joiner (U+2060, invisible) where GitHub would start reading.

use std::fmt::Write;

use super::value::{delta, money};
use super::wording::{NOTHING, count, gap, is_whole, line_diff, sections, shown, what};
use super::{Action, Change, Diff, Shape};

/// The first line of every comment, so that a bot can find and update its own comment.
pub(crate) const MARKER: &str = "<!-- ctgc diff -->";

/// The word joiner: invisible, and it breaks what GitHub recognises.
const JOINER: char = '\u{2060}';

/// User text in a table cell or a heading: Markdown and HTML punctuation escaped, on one line,
/// and nothing that would ping or link on GitHub ([`inert`]).
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push(' '),
            '\r' => {}
            c => out.push(c),
        }
    }
    inert(&out)
}

/// TEXT with a word joiner after each `@` and `#` (mentions, team mentions, issue references),
/// inside `GH-`, after the `:` of `://` and inside `www.` (links GitHub would make by itself).
fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let lower = text.to_ascii_lowercase();
    for (i, c) in text.char_indices() {
        out.push(c);
        let rest = &lower[i + c.len_utf8()..];
        let joined = match c {
            '@' | '#' => true,
            ':' => rest.starts_with("//"),
            'g' | 'G' => rest.starts_with("h-"),
            'w' | 'W' => lower[i..].starts_with("www."),
            _ => false,
        };
        // After the first `w` of `www.`: `w⁠ww.` is no link.
        if joined {
            out.push(JOINER);
        }
    }
    out
}

/// The longest run of backticks in TEXT.
fn longest_ticks(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A fence longer than any run of backticks in the text.
fn fence(text: &str) -> String {
    "`".repeat((longest_ticks(text) + 1).max(3))
}

/// An inline code span of TEXT (where GitHub makes no link nor mention), whatever backticks it
/// holds.
fn code(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    match longest_ticks(&one_line) {
        0 => format!("`{one_line}`"),
        n => {
            let tick = "`".repeat(n + 1);
            format!("{tick} {one_line} {tick}")
        }
    }
}

fn text_diff(out: &mut String, summary: &str, before: &str, after: &str) {
    let body: String = line_diff(before, after)
        .into_iter()
        .map(|(mark, line)| format!("{mark} {line}\n"))
        .collect();
    let f = fence(&body);
    let _ = write!(
        out,
        "\n<details><summary>{}</summary>\n\n{f}diff\n{body}{f}\n\n</details>\n",
        cell(summary)
    );
}

fn row(out: &mut String, libelle: &str, c: &Change) {
    let gap = gap(c).map(|g| format!(" (**{g}**)")).unwrap_or_default();
    let value = |v: &Option<String>| v.as_deref().map(|v| cell(&shown(c, v))).unwrap_or_default();
    let (change, before, after) = if is_whole(c) {
        let word = if c.action == Action::Ajout {
            "**ajout**"
        } else {
            "**retrait**"
        };
        (word.to_string(), value(&c.avant), value(&c.apres))
    } else if c.shape == Shape::Text && c.avant.is_some() && c.apres.is_some() {
        (
            cell(&what(c)),
            "texte modifié (détail ci-dessous)".to_string(),
            String::new(),
        )
    } else {
        let word = match c.action {
            Action::Ajout => " (ajout)",
            Action::Retrait => " (retrait)",
            _ => "",
        };
        (
            format!("{}{word}", cell(&what(c))),
            value(&c.avant),
            format!("{}{gap}", value(&c.apres)),
        )
    };
    let _ = writeln!(out, "| {} | {change} | {before} | {after} |", cell(libelle));
}

pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKER}\n## Changements de la convention\n");
    let _ = writeln!(
        out,
        "- Avant : {}\n- Après : {}\n",
        code(&diff.ancienne),
        code(&diff.nouvelle)
    );
    if diff.is_empty() {
        let _ = writeln!(out, "{NOTHING}");
        return out;
    }
    let _ = writeln!(out, "**{}.**", count(diff));
    for section in sections(diff) {
        let _ = writeln!(out, "\n### {}\n", cell(&section.title));
        if !section.subjects.is_empty() {
            let _ = writeln!(
                out,
                "| Élément | Changement | Avant | Après |\n|---|---|---|---|"
            );
        }
        let mut texts = Vec::new();
        for (libelle, changes) in &section.subjects {
            for (k, c) in changes.iter().enumerate() {
                // The element is named on its first row only.
                row(&mut out, if k == 0 { libelle } else { "" }, c);
                if let (Shape::Text, Some(a), Some(b)) = (c.shape, &c.avant, &c.apres) {
                    texts.push((format!("{libelle} — {}", what(c)), a, b));
                }
            }
        }
        for (summary, a, b) in texts {
            text_diff(&mut out, &summary, a, b);
        }
        if let (Some(first), Some(last)) = (section.renumbered.first(), section.renumbered.last()) {
            let span = |c: &Change| {
                format!(
                    "{} → {}",
                    c.avant.as_deref().unwrap_or_default(),
                    c.apres.as_deref().unwrap_or_default()
                )
            };
            let _ = writeln!(
                out,
                "\n<details><summary>{} renumérotations ({} … {})</summary>\n\n| Élément | Avant | Après |\n|---|---|---|",
                section.renumbered.len(),
                cell(&span(first)),
                cell(&span(last))
            );
            for c in &section.renumbered {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(&c.libelle),
                    cell(c.avant.as_deref().unwrap_or_default()),
                    cell(c.apres.as_deref().unwrap_or_default())
                );
            }
            let _ = writeln!(out, "\n</details>");
        }
    }
    let f = &diff.financements;
    if !f.is_empty() {
        let _ = writeln!(out, "\n### Financements\n");
        if !f.par_financeur_annee.is_empty() {
            let _ = writeln!(
                out,
                "| Financeur | Année | Avant | Après | Écart |\n|---|---|--:|--:|--:|"
            );
            for y in &f.par_financeur_annee {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    cell(&y.nom),
                    y.annee,
                    money(y.avant_centimes),
                    money(y.apres_centimes),
                    delta(y.ecart_centimes)
                );
            }
        }
        let _ = writeln!(
            out,
            "\n**Nouveaux totaux**\n\n| Financeur | Avant | Après | Écart |\n|---|--:|--:|--:|"
        );
        for d in &f.par_financeur {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&d.nom),
                money(d.avant_centimes),
                money(d.apres_centimes),
                delta(d.ecart_centimes)
            );
        }
        if let Some(t) = &f.total {
            let _ = writeln!(
                out,
                "| **Total général** | {} | **{}** | **{}** |",
                money(t.avant_centimes),
                money(t.apres_centimes),
                delta(t.ecart_centimes)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_neither_pings_nor_links() {
        let text =
            cell("Voir @marie-dupont, @caf/equipe, #123, GH-45, https://caf.fr et www.caf.fr");
        for active in ["@m", "@c", "#1", "GH-4", "https://", "www."] {
            assert!(!text.contains(active), "{active} in {text}");
        }
        // Readable once the invisible joiners are taken out.
        assert_eq!(
            text.replace(JOINER, ""),
            "Voir @marie-dupont, @caf/equipe, \\#123, GH-45, https://caf.fr et www.caf.fr"
        );
    }

    #[test]
    fn revisions_are_code_whatever_they_hold() {
        assert_eq!(code("main"), "`main`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
