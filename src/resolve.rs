//! Resolution: every reference becomes a link (an index), fiches take their document order and
//! every axe, objectif and fiche gets its displayed number.

mod bilan;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{
    Annexe, AnyArticle, Axe, Equipment, Idx, Instance, Model, Party, PartyKind, Ref, Territory,
};
use crate::project::Numbering;
use crate::rules::{self, Rule};
use crate::source::Span;
use crate::suggestion::closest;

/// Identifier → index of a `K`, built once per namespace; duplicates reported.
struct Names<K> {
    map: HashMap<String, Idx<K>>,
}

impl<K> Names<K> {
    fn build<'a>(
        what: &str,
        ids: impl Iterator<Item = (&'a str, Span)>,
        diags: &mut Vec<Diagnostic>,
    ) -> Names<K> {
        let mut map: HashMap<String, Idx<K>> = HashMap::new();
        let mut spans: Vec<Span> = Vec::new();
        for (i, (name, span)) in ids.enumerate() {
            spans.push(span);
            if let Some(&first) = map.get(name) {
                diags.push(
                    Diagnostic::new(
                        &rules::ID_DUPLIQUE,
                        format!("identifiant « {name} » déjà utilisé ({what})"),
                    )
                    .label(span, "second usage de l'identifiant")
                    .label(spans[first.index()], "premier ici"),
                );
            } else {
                map.insert(name.to_string(), Idx::new(i));
            }
        }
        Names { map }
    }

    /// `what` names the role with its article-less noun and agreement: ("axe", false), ("commune", true).
    fn link(
        &self,
        r: &mut Ref<K>,
        rule: &'static Rule,
        what: (&str, bool),
        diags: &mut Vec<Diagnostic>,
    ) {
        match self.map.get(&r.name) {
            Some(&i) => r.target = Some(i),
            None => diags.push(
                Diagnostic::new(
                    rule,
                    format!(
                        "{} « {} » {}",
                        what.0,
                        r.name,
                        if what.1 { "inconnue" } else { "inconnu" }
                    ),
                )
                .label(r.span, "aucune déclaration de ce nom")
                .suggest(closest(&r.name, self.map.keys().map(String::as_str))),
            ),
        }
    }
}

/// Letters for the `lettres` scheme: A…Z, then AA, AB…
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(crate) fn resolve(model: &mut Model, diags: &mut Vec<Diagnostic>) {
    let parties = Names::build(
        "signataires, communes et partenaires",
        model
            .parties
            .iter()
            .map(|p| (p.id.name.as_str(), p.id.span)),
        diags,
    );
    let communes: Names<Party> = Names {
        map: Idx::enumerate(&model.parties)
            .filter(|(_, p)| p.kind == PartyKind::Commune)
            .map(|(i, p)| (p.id.name.clone(), i))
            .collect(),
    };
    let axes = Names::build(
        "axes",
        model.axes.iter().map(|a| (a.id.name.as_str(), a.id.span)),
        diags,
    );
    let objectifs = Names::build(
        "objectifs",
        model
            .objectifs
            .iter()
            .map(|o| (o.id.name.as_str(), o.id.span)),
        diags,
    );
    let linked = Names::build(
        "conventions liées",
        model
            .conventions_liees
            .iter()
            .map(|c| (c.id.name.as_str(), c.id.span)),
        diags,
    );
    Names::<Equipment>::build(
        "équipements",
        model
            .equipements
            .iter()
            .map(|e| (e.id.name.as_str(), e.id.span)),
        diags,
    );
    let instances = Names::<Instance>::build(
        "instances",
        model
            .instances
            .iter()
            .map(|e| (e.id.name.as_str(), e.id.span)),
        diags,
    );
    Names::<Annexe>::build(
        "annexes",
        model
            .annexes
            .iter()
            .map(|e| (e.id.name.as_str(), e.id.span)),
        diags,
    );

    // Fiches: link the axe first, then put them in document order (by axe, then as written).
    for f in &mut model.fiches {
        if let Some(r) = &mut f.axe {
            axes.link(r, &rules::REF_AXE, ("axe", false), diags);
        }
    }
    model.fiches.sort_by_key(|f| {
        f.axe
            .as_ref()
            .and_then(|r| r.target)
            .map_or(usize::MAX, Idx::index)
    });
    let fiches = Names::build(
        "fiches",
        model.fiches.iter().map(|f| (f.id.name.as_str(), f.id.span)),
        diags,
    );

    let link_funding = |fin: &mut crate::model::Funding, diags: &mut Vec<Diagnostic>| {
        parties.link(
            &mut fin.financeur,
            &rules::REF_FINANCEUR,
            ("financeur", false),
            diags,
        );
        if let Some(c) = &mut fin.convention {
            linked.link(
                c,
                &rules::REF_CONVENTION_LIEE,
                ("convention liée", true),
                diags,
            );
        }
        if let Some(b) = &mut fin.beneficiaire {
            parties.link(b, &rules::REF_PARTENAIRE, ("bénéficiaire", false), diags);
        }
    };

    for f in &mut model.fiches {
        let axe = f.axe.as_ref().and_then(|r| r.target);
        for o in &mut f.objectifs {
            objectifs.link(o, &rules::REF_OBJECTIF, ("objectif", false), diags);
            if let (Some(oi), Some(ai)) = (o.target, axe) {
                let owner = model.objectifs[oi].axe;
                if owner != ai {
                    diags.push(
                        Diagnostic::new(
                            &rules::REF_OBJECTIF_HORS_AXE,
                            format!(
                                "l'objectif « {} » appartient à l'axe « {} », pas à l'axe « {} » de la fiche",
                                o.name, model.axes[owner].id.name, model.axes[ai].id.name
                            ),
                        )
                        .label(o.span, "objectif d'un autre axe")
                        .label(f.axe.as_ref().map_or(f.id.span, |r| r.span), "axe de la fiche"),
                    );
                }
            }
        }
        if let Some(Territory::Communes(list)) = &mut f.territoire {
            for c in list {
                communes.link(c, &rules::REF_COMMUNE, ("commune", true), diags);
            }
        }
        if let Some(p) = &mut f.pilote {
            parties.link(p, &rules::REF_PARTENAIRE, ("pilote", false), diags);
        }
        for p in &mut f.partenaires {
            parties.link(p, &rules::REF_PARTENAIRE, ("partenaire", false), diags);
        }
        for fin in &mut f.financements {
            link_funding(fin, diags);
        }
    }
    for e in &mut model.equipements {
        if let Some(g) = &mut e.gestionnaire {
            parties.link(g, &rules::REF_GESTIONNAIRE, ("gestionnaire", false), diags);
        }
        if let Some(c) = &mut e.commune {
            communes.link(c, &rules::REF_COMMUNE, ("commune", true), diags);
        }
        for fin in &mut e.financements {
            link_funding(fin, diags);
        }
    }
    for i in &mut model.instances {
        for m in &mut i.membres {
            parties.link(m, &rules::REF_PARTENAIRE, ("membre", false), diags);
        }
        for f in &mut i.fiches {
            fiches.link(f, &rules::REF_FICHE, ("fiche", true), diags);
        }
    }
    for c in &mut model.conventions_liees {
        for s in &mut c.signataires {
            parties.link(s, &rules::REF_PARTENAIRE, ("partie", true), diags);
        }
    }
    let scope = bilan::Scope {
        fiches: &fiches,
        parties: &parties,
        axes: &axes,
        instances: &instances,
    };
    bilan::resolve(model, &scope, diags);
    resolve_articles(model, diags);
    number(model);
}

/// Articles: an id without a title overrides a default article (with one, it retitles it);
/// `après` and `avant` name any article.
fn resolve_articles(model: &mut Model, diags: &mut Vec<Diagnostic>) {
    let defaults: Vec<String> = model
        .default_articles
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let mut all: Names<AnyArticle> = Names::build(
        "articles",
        model
            .articles
            .iter()
            .map(|a| (a.id.name.as_str(), a.id.span)),
        diags,
    );
    for a in &model.articles {
        if a.titre.is_none() && !defaults.contains(&a.id.name) {
            diags.push(
                Diagnostic::new(&rules::REF_ARTICLE, format!("l'article « {} » n'existe pas dans le modèle", a.id.name))
                    .label(a.id.span, "article inconnu")
                    .help(match closest(&a.id.name, defaults.iter().map(String::as_str)) {
                        Some(s) => format!("vouliez-vous dire « {s} » ? Pour un nouvel article, donnez-lui un titre"),
                        None => format!(
                            "articles du modèle : {} ; pour un nouvel article, donnez-lui un titre",
                            defaults.join(", ")
                        ),
                    }),
            );
        }
    }
    let n = model.articles.len();
    for (i, d) in defaults.iter().enumerate() {
        all.map.entry(d.clone()).or_insert(Idx::new(n + i));
    }
    for a in &mut model.articles {
        for r in [&mut a.apres, &mut a.avant].into_iter().flatten() {
            all.link(r, &rules::REF_ARTICLE, ("article", false), diags);
        }
    }
}

/// Displayed numbers from the numbering scheme, unless given explicitly.
fn number(model: &mut Model) {
    let scheme = model.config.numerotation;
    for (i, axe) in model.axes.iter_mut().enumerate() {
        axe.numero = match &axe.numero_explicite {
            Some(n) => n.value.clone(),
            None if scheme == Numbering::Letters => letters(i),
            None => (i + 1).to_string(),
        };
    }
    for ai in 0..model.axes.len() {
        let axe_num = model.axes[ai].numero.clone();
        for (k, &oi) in model.axes[ai].objectifs.iter().enumerate() {
            let o = &mut model.objectifs[oi];
            o.numero = match &o.numero_explicite {
                Some(n) => n.value.clone(),
                None => format!("{axe_num}.{}", k + 1),
            };
        }
    }
    let mut rank_in_axe: HashMap<Option<Idx<Axe>>, usize> = HashMap::new();
    for (i, f) in model.fiches.iter_mut().enumerate() {
        let axe = f.axe.as_ref().and_then(|r| r.target);
        let rank = rank_in_axe.entry(axe).or_insert(0);
        *rank += 1;
        f.numero = match (&f.numero_explicite, scheme, axe) {
            (Some(n), _, _) => n.value.clone(),
            (None, Numbering::Continue, _) | (None, _, None) => (i + 1).to_string(),
            (None, Numbering::PerAxe, Some(a)) => format!("{}.{}", model.axes[a].numero, rank),
            (None, Numbering::Letters, Some(a)) => format!("{}{}", model.axes[a].numero, rank),
        };
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::compile::{Options, analyse};
    use crate::world::MemoryWorld;

    #[test]
    fn letters_go_past_z() {
        assert_eq!(super::letters(0), "A");
        assert_eq!(super::letters(25), "Z");
        assert_eq!(super::letters(26), "AA");
        assert_eq!(super::letters(27), "AB");
        assert_eq!(super::letters(701), "ZZ");
        assert_eq!(super::letters(702), "AAA");
    }

    /// Two axes, the fiches written out of axe order, one numbered by hand, one without axe.
    const PLAN: &str = r#"convention "CTG de test" {
  période 2023 .. 2026
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}
axe enfance "Enfance" {
  objectif creche "Crèche"
  objectif rpe "Relais"
}
axe jeunesse "Jeunesse" {
  numéro "J"
  objectif ados "Adolescents"
}
fiche foyer "Foyer des jeunes" {
  axe jeunesse
}
fiche creche "Crèche" {
  axe enfance
}
fiche rpe "Relais" {
  numéro "2 bis"
  axe enfance
}
fiche alsh "Accueil de loisirs" {
  axe enfance
}
fiche pilotage "Pilotage"
"#;

    /// The displayed numbers under SCHEME (`numérotation` of ctgc.yaml): axes, objectifs, then
    /// fiches as `id=numéro`, in document order.
    fn numbers(scheme: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        let world = MemoryWorld::new()
            .with(
                "p/ctgc.yaml",
                format!("principal: convention.ctg\nnumérotation: {scheme}\n"),
            )
            .with("p/convention.ctg", PLAN);
        let comp = analyse(&world, Path::new("p"), Options::default()).expect("in memory");
        (
            comp.model.axes.iter().map(|a| a.numero.clone()).collect(),
            comp.model
                .objectifs
                .iter()
                .map(|o| o.numero.clone())
                .collect(),
            comp.model
                .fiches
                .iter()
                .map(|f| format!("{}={}", f.id.name, f.numero))
                .collect(),
        )
    }

    #[test]
    fn fiches_are_numbered_in_document_order_by_the_scheme() {
        let (axes, objectifs, fiches) = numbers("continue");
        assert_eq!(axes, ["1", "J"]);
        assert_eq!(objectifs, ["1.1", "1.2", "J.1"]);
        assert_eq!(
            fiches,
            ["creche=1", "rpe=2 bis", "alsh=3", "foyer=4", "pilotage=5"]
        );
        let (_, _, fiches) = numbers("par-axe");
        assert_eq!(
            fiches,
            [
                "creche=1.1",
                "rpe=2 bis",
                "alsh=1.3",
                "foyer=J.1",
                "pilotage=5"
            ]
        );
        let (axes, objectifs, fiches) = numbers("lettres");
        assert_eq!(axes, ["A", "J"]);
        assert_eq!(objectifs, ["A.1", "A.2", "J.1"]);
        assert_eq!(
            fiches,
            [
                "creche=A1",
                "rpe=2 bis",
                "alsh=A3",
                "foyer=J1",
                "pilotage=5"
            ]
        );
    }
}
