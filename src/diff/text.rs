//! The diff as plain text for a terminal: one section per kind of element, one line per change.

use std::fmt::Write;

use super::value::{delta, money};
use super::wording::{NOTHING, count, gap, is_whole, line_diff, sections, shown, what};
use super::{Action, Change, Diff, Shape};

/// The lines of a text that changed, `-` before and `+` after.
fn text_lines(out: &mut String, before: &str, after: &str, indent: &str) {
    for (mark, line) in line_diff(before, after) {
        if mark != ' ' {
            let _ = writeln!(out, "{indent}{mark} {line}");
        }
    }
}

fn field(out: &mut String, c: &Change) {
    let gap = gap(c).map(|g| format!(" ({g})")).unwrap_or_default();
    let w = what(c);
    match (c.action, &c.avant, &c.apres) {
        (Action::Modification, Some(a), Some(b)) if c.shape == Shape::Text => {
            let _ = writeln!(out, "      {w} :");
            text_lines(out, a, b, "        ");
        }
        (_, Some(a), Some(b)) => {
            let _ = writeln!(out, "      {w} : {} → {}{gap}", shown(c, a), shown(c, b));
        }
        (_, None, Some(b)) => {
            let _ = writeln!(out, "      {w} : + {}{gap}", shown(c, b).replace('\n', " "));
        }
        (_, Some(a), None) => {
            let _ = writeln!(
                out,
                "      {w} : \u{2212} {}{gap}",
                shown(c, a).replace('\n', " ")
            );
        }
        (_, None, None) => {
            let _ = writeln!(out, "      {w}{gap}");
        }
    }
}

pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Avant : {}\nAprès : {}\n",
        diff.ancienne, diff.nouvelle
    );
    if diff.is_empty() {
        let _ = writeln!(out, "{NOTHING}");
        return out;
    }
    let _ = writeln!(out, "{}.", count(diff));
    for section in sections(diff) {
        let _ = writeln!(out, "\n{}", section.title);
        for (libelle, changes) in section.subjects {
            let whole = changes.iter().find(|c| is_whole(c));
            match whole {
                Some(c) => {
                    let sign = if c.action == Action::Ajout {
                        '+'
                    } else {
                        '\u{2212}'
                    };
                    let detail = c
                        .apres
                        .as_ref()
                        .or(c.avant.as_ref())
                        .map(|d| format!(" — {d}"))
                        .unwrap_or_default();
                    let _ = writeln!(out, "  {sign} {libelle}{detail}");
                }
                None => {
                    let _ = writeln!(out, "  ~ {libelle}");
                }
            }
            for c in changes.iter().filter(|c| !is_whole(c)) {
                field(&mut out, c);
            }
        }
        if !section.renumbered.is_empty() {
            let items: Vec<String> = section
                .renumbered
                .iter()
                .map(|c| {
                    format!(
                        "{} {} → {}",
                        c.id,
                        c.avant.as_deref().unwrap_or_default(),
                        c.apres.as_deref().unwrap_or_default()
                    )
                })
                .collect();
            let mut line = format!("  ~ {} renumérotations :", section.renumbered.len());
            for (k, item) in items.iter().enumerate() {
                let piece = if k + 1 < items.len() {
                    format!("{item},")
                } else {
                    item.clone()
                };
                if line.chars().count() + 1 + piece.chars().count() > 100 {
                    let _ = writeln!(out, "{line}");
                    line = format!("      {piece}");
                } else {
                    line.push(' ');
                    line.push_str(&piece);
                }
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let f = &diff.financements;
    if !f.is_empty() {
        let _ = writeln!(out, "\nFinancements par financeur et par année");
        for y in &f.par_financeur_annee {
            let _ = writeln!(
                out,
                "  {} {} : {} → {} ({})",
                y.financeur,
                y.annee,
                money(y.avant_centimes),
                money(y.apres_centimes),
                delta(y.ecart_centimes)
            );
        }
        let _ = writeln!(out, "Totaux par financeur");
        for d in &f.par_financeur {
            let _ = writeln!(
                out,
                "  {} ({}) : {} → {} ({})",
                d.nom,
                d.financeur,
                money(d.avant_centimes),
                money(d.apres_centimes),
                delta(d.ecart_centimes)
            );
        }
        if let Some(t) = &f.total {
            let _ = writeln!(
                out,
                "Total général : {} → {} ({})",
                money(t.avant_centimes),
                money(t.apres_centimes),
                delta(t.ecart_centimes)
            );
        }
    }
    out
}
