//! The plan d'actions: numbering, every fiche under an axe, every axe and objectif used,
//! the Cnaf's minimum champs, indicators that can be evaluated.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::model::{Axe, Champ, Fiche, Idx, Model};
use crate::project::Numbering;
use crate::rules;

pub(crate) fn check(model: &Model, partial: bool, diags: &mut Vec<Diagnostic>) {
    numbering(model, diags);
    if partial {
        // Absences (fiche without axe, axe without fiche, champs, baselines) may only be unread text.
        return;
    }
    let mut axes_used = HashSet::new();
    let mut objectifs_used = HashSet::new();
    for f in &model.fiches {
        match &f.axe {
            None => diags.push(
                Diagnostic::new(
                    &rules::FICHE_SANS_AXE,
                    format!("la fiche « {} » n'est rattachée à aucun axe", f.id.name),
                )
                .label(f.id.span, "fiche sans axe"),
            ),
            Some(r) => {
                if let Some(i) = r.target {
                    axes_used.insert(i);
                }
            }
        }
        objectifs_used.extend(f.objectifs.iter().filter_map(|o| o.target));
    }
    for (i, axe) in Idx::enumerate(&model.axes) {
        if !axes_used.contains(&i) {
            diags.push(
                Diagnostic::new(
                    &rules::AXE_SANS_FICHE,
                    format!("aucune fiche ne relève de l'axe « {} »", axe.id.name),
                )
                .label(axe.id.span, "axe sans fiche"),
            );
            continue;
        }
        for &oi in &axe.objectifs {
            if !objectifs_used.contains(&oi) {
                let o = &model.objectifs[oi];
                diags.push(
                    Diagnostic::new(
                        &rules::OBJECTIF_SANS_FICHE,
                        format!("aucune fiche ne cite l'objectif « {} »", o.id.name),
                    )
                    .label(o.id.span, "objectif sans fiche"),
                );
            }
        }
    }
    indicators(model, diags);
    champs(model, diags);
}

/// Indicators need a baseline and a target to be evaluated.
fn indicators(model: &Model, diags: &mut Vec<Diagnostic>) {
    for f in &model.fiches {
        for ind in &f.indicateurs {
            if ind.depart.is_none() {
                diags.push(
                    Diagnostic::new(
                        &rules::INDICATEUR_SANS_DEPART,
                        format!(
                            "l'indicateur « {} » n'a pas de valeur de départ",
                            ind.libelle.value
                        ),
                    )
                    .label(ind.libelle.span, "sans valeur de départ"),
                );
            }
            if ind.cible.is_none() {
                diags.push(
                    Diagnostic::new(
                        &rules::INDICATEUR_SANS_CIBLE,
                        format!("l'indicateur « {} » n'a pas de cible", ind.libelle.value),
                    )
                    .label(ind.libelle.span, "sans cible"),
                );
            }
        }
    }
}

/// Displayed numbers are unique, and explicit numbers leave no gap.
fn numbering(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut axes: HashMap<&str, Idx<Axe>> = HashMap::new();
    for (i, a) in Idx::enumerate(&model.axes) {
        if let Some(&first) = axes.get(a.numero.as_str()) {
            let other = &model.axes[first];
            diags.push(
                Diagnostic::new(
                    &rules::NUMERO_DUPLIQUE,
                    format!(
                        "les axes « {} » et « {} » portent tous deux le numéro {}",
                        other.id.name, a.id.name, a.numero
                    ),
                )
                .label(
                    a.numero_explicite.as_ref().map_or(a.id.span, |n| n.span),
                    "second numéro",
                )
                .label(
                    other
                        .numero_explicite
                        .as_ref()
                        .map_or(other.id.span, |n| n.span),
                    "déjà utilisé ici",
                ),
            );
        } else {
            axes.insert(&a.numero, i);
        }
    }
    let mut seen: HashMap<&str, Idx<Fiche>> = HashMap::new();
    for (i, f) in Idx::enumerate(&model.fiches) {
        if let Some(&first) = seen.get(f.numero.as_str()) {
            let other = &model.fiches[first];
            let span = f.numero_explicite.as_ref().map_or(f.id.span, |n| n.span);
            let first_span = other
                .numero_explicite
                .as_ref()
                .map_or(other.id.span, |n| n.span);
            diags.push(
                Diagnostic::new(
                    &rules::NUMERO_DUPLIQUE,
                    format!(
                        "les fiches « {} » et « {} » portent toutes deux le numéro {}",
                        other.id.name, f.id.name, f.numero
                    ),
                )
                .label(span, "second numéro")
                .label(first_span, "déjà utilisé ici"),
            );
        } else {
            seen.insert(&f.numero, i);
        }
    }
    if !model.fiches.iter().any(|f| f.numero_explicite.is_some()) {
        return;
    }
    // Group by prefix (axe part), then look for holes in the integer ranks.
    let mut groups: BTreeMap<String, Vec<(u32, Idx<Fiche>)>> = BTreeMap::new();
    for (i, f) in Idx::enumerate(&model.fiches) {
        let (prefix, rank) = match model.config.numerotation {
            Numbering::Continue => ("", f.numero.as_str()),
            Numbering::PerAxe => f.numero.rsplit_once('.').unwrap_or(("", f.numero.as_str())),
            Numbering::Letters => {
                let cut = f
                    .numero
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(f.numero.len());
                f.numero.split_at(cut)
            }
        };
        if let Ok(n) = rank.parse::<u32>() {
            groups.entry(prefix.to_string()).or_default().push((n, i));
        }
    }
    for (prefix, mut list) in groups {
        list.sort();
        let mut expected = 1;
        for (n, i) in list {
            if n > expected && n - expected < 1000 {
                let f = &model.fiches[i];
                let missing: Vec<String> = (expected..n)
                    .map(|k| match model.config.numerotation {
                        Numbering::PerAxe if !prefix.is_empty() => format!("{prefix}.{k}"),
                        _ => format!("{prefix}{k}"),
                    })
                    .collect();
                diags.push(
                    Diagnostic::new(
                        &rules::NUMERO_MANQUANT,
                        format!(
                            "numérotation des fiches interrompue : {} manque(nt)",
                            missing.join(", ")
                        ),
                    )
                    .label(
                        f.numero_explicite.as_ref().map_or(f.id.span, |s| s.span),
                        format!("la fiche {} suit un trou", f.numero),
                    ),
                );
            }
            expected = expected.max(n + 1);
        }
    }
}

fn champs(model: &Model, diags: &mut Vec<Diagnostic>) {
    let Some(conv) = &model.convention else {
        return;
    };
    let in_fiches: HashSet<Champ> = model
        .fiches
        .iter()
        .flat_map(|f| f.champs.iter().map(|c| c.value))
        .collect();
    let declared: HashSet<Champ> = conv.champs.iter().map(|c| c.value).collect();
    let covered: HashSet<Champ> = if declared.is_empty() {
        in_fiches.clone()
    } else {
        declared.clone()
    };
    let required = [Champ::PetiteEnfance, Champ::Jeunesse, Champ::Parentalite];
    let missing: Vec<&str> = required
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.label())
        .collect();
    let others = covered.iter().filter(|c| !required.contains(c)).count();
    if !missing.is_empty() || others == 0 {
        let mut parts: Vec<String> = missing.iter().map(|m| m.to_lowercase()).collect();
        if others == 0 {
            parts.push("un autre champ".into());
        }
        let span = conv.champs.first().map_or(conv.titre.span, |c| c.span);
        let span = conv.champs.iter().fold(span, |acc, c| acc.to(c.span));
        diags.push(
            Diagnostic::new(
                &rules::CHAMPS_MINIMUM,
                format!("champs d'intervention manquants : {}", parts.join(", ")),
            )
            .label(
                span,
                if conv.champs.is_empty() {
                    "ni « champs » ici ni dans les fiches"
                } else {
                    "champs annoncés"
                },
            ),
        );
    }
    for c in &conv.champs {
        if !in_fiches.contains(&c.value) {
            diags.push(
                Diagnostic::new(
                    &rules::CHAMP_SANS_FICHE,
                    format!(
                        "aucune fiche ne traite le champ « {} »",
                        c.value.label().to_lowercase()
                    ),
                )
                .label(c.span, "champ sans fiche"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    /// The messages of rule CODE for a convention declaring CHAMPS whose one axe holds two fiches
    /// numbered FIRST and SECOND by hand, under the `numérotation` SCHEME.
    fn messages(code: &str, scheme: &str, champs: &str, first: &str, second: &str) -> Vec<String> {
        let convention = format!(
            r#"convention "CTG de test" {{
  période 2023 .. 2026
  champs {champs}
}}
axe enfance "Enfance"
fiche creche "Crèche" {{
  numéro {first}
  axe enfance
  champ {champs}
}}
fiche rpe "Relais" {{
  numéro {second}
  axe enfance
  champ {champs}
}}
"#
        );
        let config = format!("principal: convention.ctg\nnumérotation: {scheme}\n");
        let comp = crate::check::probe::project(&[
            ("ctgc.yaml", config.as_bytes()),
            ("convention.ctg", convention.as_bytes()),
        ]);
        comp.diagnostics
            .iter()
            .filter(|d| d.rule.code == code)
            .map(|d| d.message.clone())
            .collect()
    }

    const ALL: &str = "petite-enfance, jeunesse, parentalité, accès-aux-droits";
    const GAP: &str = "ctg::numero::manquant";

    #[test]
    fn a_gap_is_reported_up_to_999_missing_numbers() {
        assert!(messages(GAP, "continue", ALL, "1", "2").is_empty());
        let found = messages(GAP, "continue", ALL, "1", "1001");
        assert_eq!(found.len(), 1, "{found:?}");
        let list = found[0]
            .strip_prefix("numérotation des fiches interrompue : ")
            .and_then(|m| m.strip_suffix(" manque(nt)"))
            .expect("the message names the missing numbers");
        let missing: Vec<&str> = list.split(", ").collect();
        assert_eq!(missing.len(), 999);
        assert_eq!((missing[0], missing[998]), ("2", "1000"));
        // A thousand missing numbers is a numbering that starts elsewhere, not a fiche withdrawn.
        assert!(messages(GAP, "continue", ALL, "1", "1002").is_empty());
    }

    #[test]
    fn a_gap_is_named_as_the_scheme_writes_numbers() {
        assert_eq!(
            messages(GAP, "par-axe", ALL, "1.1", "1.3"),
            ["numérotation des fiches interrompue : 1.2 manque(nt)"]
        );
        // Under `par-axe`, a number written without an axe part is missing without one.
        assert_eq!(
            messages(GAP, "par-axe", ALL, "1", "3"),
            ["numérotation des fiches interrompue : 2 manque(nt)"]
        );
        assert_eq!(
            messages(GAP, "lettres", ALL, "A1", "A4"),
            ["numérotation des fiches interrompue : A2, A3 manque(nt)"]
        );
    }

    #[test]
    fn the_cnaf_minimum_asks_for_a_fourth_champ() {
        const MINIMUM: &str = "ctg::champ::minimum-cnaf";
        assert_eq!(
            messages(
                MINIMUM,
                "continue",
                "petite-enfance, jeunesse, parentalité",
                "1",
                "2"
            ),
            ["champs d'intervention manquants : un autre champ"]
        );
        assert!(messages(MINIMUM, "continue", ALL, "1", "2").is_empty());
        assert_eq!(
            messages(MINIMUM, "continue", "jeunesse, accès-aux-droits", "1", "2"),
            ["champs d'intervention manquants : petite enfance, parentalité"]
        );
    }
}
