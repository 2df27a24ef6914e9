//! The diff as GitHub-flavoured Markdown, to be posted as a pull-request comment: headings,
//! tables, long texts as collapsible line diffs; no colour codes, no raw HTML from the user.

use std::fmt::Write;

use super::value::{delta, money};
use super::wording::{NOTHING, count, gap, is_whole, line_diff, sections, shown, what};
use super::{Action, Change, Diff, Shape};

/// The first line of every comment, so that a bot can find and update its own comment.
pub(crate) const MARKER: &str = "<!-- ctgc diff -->";

/// User text in a table cell: Markdown and HTML punctuation escaped, on one line.
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
    out
}

/// A fence longer than any run of backticks in the text.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
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
        "- Avant : `{}`\n- Après : `{}`\n",
        diff.ancienne, diff.nouvelle
    );
    if diff.is_empty() {
        let _ = writeln!(out, "{NOTHING}");
        return out;
    }
    let _ = writeln!(out, "**{}.**", count(diff));
    for section in sections(diff) {
        let _ = writeln!(out, "\n### {}\n", section.title);
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
