//! One avenant's changes applied to the convention as the previous avenants left it.

use crate::diagnostic::Diagnostic;
use crate::model::{
    Amendment, Article, Avenant, ChangeKind, Element, Ident, Model, Party, PartyKind,
};
use crate::rules;
use crate::source::Span;
use crate::suggestion::closest;

pub(super) fn apply(model: &mut Model, avenant: &Avenant, diags: &mut Vec<Diagnostic>) {
    let n = avenant.numero;
    for change in &avenant.changes {
        let mark = |element: Element, added: bool, model: &mut Model| {
            model.amendments.push(Amendment {
                element,
                avenant: n,
                added,
            })
        };
        match &change.kind {
            ChangeKind::JoinSignataire(joining) => {
                if let Some(i) = party(model, &joining.id, n, diags)
                    && joins(&model.parties[i], &joining.id, n, diags)
                {
                    adopt(&mut model.parties[i], joining);
                    mark(Element::Party(joining.id.name.clone()), true, model);
                }
            }
            ChangeKind::LeaveSignataire(id) => {
                if let Some(i) = party(model, id, n, diags) {
                    if model.parties[i].signe {
                        model.parties[i].signe = false;
                        mark(Element::Party(id.name.clone()), false, model);
                    } else {
                        diags.push(
                            Diagnostic::new(
                                &rules::AVENANT_SIGNATAIRE,
                                format!(
                                    "l'avenant n° {n} retire « {} », qui ne signe pas la convention à ce stade",
                                    id.name
                                ),
                            )
                            .label(id.span, "ne signe pas"),
                        );
                    }
                }
            }
            ChangeKind::AddFiche(fiche) => {
                if let Some(existing) = model.fiches.iter().find(|f| f.id.name == fiche.id.name) {
                    exists(diags, n, "la fiche", &fiche.id, existing.id.span);
                } else {
                    model.fiches.push((**fiche).clone());
                    mark(Element::Fiche(fiche.id.name.clone()), true, model);
                }
            }
            ChangeKind::ReplaceFiche(fiche) => {
                let names = model.fiches.iter().map(|f| f.id.name.as_str());
                match model.fiches.iter().position(|f| f.id.name == fiche.id.name) {
                    Some(i) => {
                        model.fiches[i] = (**fiche).clone();
                        mark(Element::Fiche(fiche.id.name.clone()), false, model);
                    }
                    None => missing(diags, n, "la fiche", "remplace", &fiche.id, names),
                }
            }
            ChangeKind::WithdrawFiche(id) => {
                let names = model.fiches.iter().map(|f| f.id.name.as_str());
                match model.fiches.iter().position(|f| f.id.name == id.name) {
                    Some(i) => {
                        model.fiches.remove(i);
                    }
                    None => missing(diags, n, "la fiche", "retire", id, names),
                }
            }
            ChangeKind::ReplaceArticle(article) => {
                if replace_article(model, article, n, diags) {
                    mark(Element::Article(article.id.name.clone()), false, model);
                }
            }
            ChangeKind::AddArticle(article) => {
                let effective = crate::articles::effective(model);
                if effective.iter().any(|e| e.id == article.id.name) {
                    let at = model
                        .articles
                        .iter()
                        .find(|a| a.id.name == article.id.name)
                        .map_or(article.id.span, |a| a.id.span);
                    exists(diags, n, "l'article", &article.id, at);
                } else {
                    model.articles.push(article.clone());
                    mark(Element::Article(article.id.name.clone()), true, model);
                }
            }
            ChangeKind::AddAnnexe(annexe) => {
                if let Some(existing) = model.annexes.iter().find(|a| a.id.name == annexe.id.name) {
                    exists(diags, n, "l'annexe", &annexe.id, existing.id.span);
                } else {
                    model.annexes.push(annexe.clone());
                    mark(Element::Annexe(annexe.id.name.clone()), true, model);
                }
            }
            ChangeKind::ReplaceFunding { target, lines } => {
                let lines = lines.clone();
                if let Some(f) = model.fiches.iter_mut().find(|f| f.id.name == target.name) {
                    f.financements = lines;
                } else if let Some(e) = model
                    .equipements
                    .iter_mut()
                    .find(|e| e.id.name == target.name)
                {
                    e.financements = lines;
                } else {
                    let names: Vec<String> = model
                        .fiches
                        .iter()
                        .map(|f| f.id.name.clone())
                        .chain(model.equipements.iter().map(|e| e.id.name.clone()))
                        .collect();
                    missing(
                        diags,
                        n,
                        "la fiche ou l'équipement",
                        "change les financements de",
                        target,
                        names.iter().map(String::as_str),
                    );
                    continue;
                }
                mark(Element::Funding(target.name.clone()), false, model);
            }
            ChangeKind::Extend { end, whole_year } => {
                let Some((period, _)) = model.convention.as_mut().and_then(|c| c.periode.as_mut())
                else {
                    diags.push(
                        Diagnostic::new(
                            &rules::AVENANT_PROLONGATION,
                            format!("l'avenant n° {n} prolonge une convention sans période"),
                        )
                        .label(change.span, "aucune période à prolonger")
                        .help(
                            "donnez d'abord la période de la convention (« période 2018 .. 2021 »)",
                        ),
                    );
                    continue;
                };
                if *end <= period.end {
                    let current = period.end.french();
                    diags.push(
                        Diagnostic::new(
                            &rules::AVENANT_PROLONGATION,
                            format!(
                                "l'avenant n° {n} prolonge la convention jusqu'au {}, qui n'est pas après sa fin actuelle ({current})",
                                end.french()
                            ),
                        )
                        .label(change.span, "la fin ne recule pas"),
                    );
                    continue;
                }
                period.end = *end;
                period.whole_years &= *whole_year;
                mark(Element::Period, false, model);
            }
        }
    }
}

/// The party ID names, or a diagnostic.
fn party(model: &Model, id: &Ident, n: u32, diags: &mut Vec<Diagnostic>) -> Option<usize> {
    let found = model.parties.iter().position(|p| p.id.name == id.name);
    if found.is_none() {
        missing(
            diags,
            n,
            "la partie",
            "fait signer",
            id,
            model.parties.iter().map(|p| p.id.name.as_str()),
        );
    }
    found
}

/// Whether PARTY may become signataire: a commune that does not sign yet.
fn joins(party: &Party, id: &Ident, n: u32, diags: &mut Vec<Diagnostic>) -> bool {
    let why = if party.kind != PartyKind::Commune {
        "n'est pas une commune : seule une commune du territoire devient signataire par avenant"
    } else if party.signe {
        "signe déjà la convention à ce stade"
    } else {
        return true;
    };
    diags.push(
        Diagnostic::new(
            &rules::AVENANT_SIGNATAIRE,
            format!("l'avenant n° {n} fait signer « {} », qui {why}", id.name),
        )
        .label(id.span, "ici")
        .label(party.id.span, "déclaration ici"),
    );
    false
}

/// The commune signs, with what the avenant's block gives.
fn adopt(party: &mut Party, joining: &Party) {
    party.signe = true;
    if joining.denomination.is_some() {
        party.denomination = joining.denomination.clone();
    }
    if joining.genre.is_some() {
        party.genre = joining.genre;
    }
    if !joining.representants.is_empty() {
        party.representants = joining.representants.clone();
    }
    if joining.deliberation.is_some() {
        party.deliberation = joining.deliberation.clone();
    }
    if joining.adresse.is_some() {
        party.adresse = joining.adresse.clone();
    }
    if joining.logo.is_some() {
        party.logo = joining.logo.clone();
    }
}

/// `remplace-article`: a new text for an article of the effective list (a new title too for the
/// convention's own articles).
fn replace_article(
    model: &mut Model,
    article: &Article,
    n: u32,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let name = &article.id.name;
    if let Some(own) = model
        .articles
        .iter_mut()
        .find(|a| a.id.name == *name && a.titre.is_some())
    {
        own.texte = article.texte.clone();
        if article.titre.is_some() {
            own.titre = article.titre.clone();
        }
        return true;
    }
    let effective = crate::articles::effective(model);
    if !effective.iter().any(|e| e.id == *name) {
        missing(
            diags,
            n,
            "l'article",
            "remplace",
            &article.id,
            effective.iter().map(|e| e.id.as_str()),
        );
        return false;
    }
    if let Some(titre) = &article.titre {
        diags.push(
            Diagnostic::new(
                &rules::AVENANT_CIBLE,
                format!("l'avenant n° {n} renomme l'article « {name} » du modèle"),
            )
            .label(titre.span, "titre d'un article du modèle")
            .help("un avenant remplace le texte d'un article du modèle, pas son titre : retirez le titre"),
        );
        return false;
    }
    model
        .articles
        .retain(|a| a.id.name != *name || a.titre.is_some());
    // `après` and `omis` are refused in a remplace-article by the lowering: the text alone.
    model.articles.push(article.clone());
    true
}

/// A change that names an element absent at this point.
fn missing<'a>(
    diags: &mut Vec<Diagnostic>,
    n: u32,
    what: &str,
    verb: &str,
    id: &Ident,
    names: impl Iterator<Item = &'a str>,
) {
    diags.push(
        Diagnostic::new(
            &rules::AVENANT_CIBLE,
            format!(
                "l'avenant n° {n} {verb} {what} « {} », qui n'existe pas à ce stade",
                id.name
            ),
        )
        .label(id.span, "introuvable dans la convention consolidée")
        .suggest(closest(&id.name, names)),
    );
}

/// An addition of an element that exists already.
fn exists(diags: &mut Vec<Diagnostic>, n: u32, what: &str, id: &Ident, at: Span) {
    diags.push(
        Diagnostic::new(
            &rules::AVENANT_CIBLE,
            format!(
                "l'avenant n° {n} ajoute {what} « {} », qui existe déjà",
                id.name
            ),
        )
        .label(id.span, "déjà présent")
        .label(at, "déclaration ici")
        .help("pour changer un élément existant, employez remplace-… ; sinon, choisissez un autre identifiant"),
    );
}

#[cfg(test)]
mod tests {
    use crate::compile::{Compilation, Options, analyse_file};

    const CONVENTION: &str = r#"convention "CTG de test" {
  période 2020 .. 2022
  signature 15 janvier 2020
  statut signée
  champs parentalité, jeunesse
}
signataire cc "Communauté de communes" {
  nature epci
  représentant "Président" M. "Jean Exemple"
}
signataire caf "Caisse d'allocations familiales" {
  nature caf
  représentant "Directrice" Mme "Anne Martin"
}
axe familles "Accompagner les familles"
fiche un "Fiche un" {
  axe familles
  financement caf 2020 .. 2022 1 000 € par an
}
fiche deux "Fiche deux" {
  axe familles
  financement caf 2020 .. 2022 2 000 € par an
}
fiche trois "Fiche trois" {
  axe familles
}
equipement rpe "Relais petite enfance" {
  type rpe
  gestionnaire cc
  financement caf 2020 .. 2022 500 € par an
}
annexe charte "Charte" {
  texte "La charte."
}
"#;

    /// The convention above with one avenant of CHANGES.
    fn amended(changes: &str) -> Compilation {
        let text = format!(
            "{CONVENTION}avenant 1 {{\n  date 10 mars 2021\n  signataires cc, caf\n{changes}\n}}\n"
        );
        analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory")
    }

    fn errors(comp: &Compilation) -> Vec<(&'static str, String)> {
        let text = &comp.sources.get(crate::source::FileId(0)).text;
        comp.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let s = d.primary().expect("a span");
                (d.rule.code, text[s.start..s.end].to_string())
            })
            .collect()
    }

    fn fiches(comp: &Compilation) -> Vec<(&str, &str)> {
        comp.model
            .fiches
            .iter()
            .map(|f| (f.id.name.as_str(), f.titre.value.as_str()))
            .collect()
    }

    #[test]
    fn each_change_reaches_the_element_it_names() {
        let comp = amended(
            "  remplace-fiche deux \"Fiche deux, réécrite\" {\n    axe familles\n  }\n\
             \x20 retire-fiche trois\n\
             \x20 ajoute-fiche quatre \"Fiche quatre\" {\n    axe familles\n  }\n\
             \x20 remplace-financements un {\n    financement cc 2021 700 €\n  }\n\
             \x20 remplace-financements rpe {\n    financement cc 2021 300 €\n  }\n\
             \x20 ajoute-annexe schema \"Schéma\" {\n    texte \"Le schéma.\"\n  }",
        );
        assert_eq!(errors(&comp), []);
        assert_eq!(
            fiches(&comp),
            [
                ("un", "Fiche un"),
                ("deux", "Fiche deux, réécrite"),
                ("quatre", "Fiche quatre")
            ]
        );
        let lines = |f: &crate::model::Fiche| f.financements.len();
        assert_eq!(lines(&comp.model.fiches[0]), 1);
        assert_eq!(
            comp.model.fiches[0].financements[0].financeur.name, "cc",
            "the lines of « un » were replaced"
        );
        assert_eq!(
            comp.model.fiches[1].financements.len(),
            0,
            "the new « deux » has its own lines"
        );
        assert_eq!(
            comp.model.equipements[0].financements[0].financeur.name,
            "cc"
        );
        let annexes: Vec<&str> = comp
            .model
            .annexes
            .iter()
            .map(|a| a.id.name.as_str())
            .collect();
        assert_eq!(annexes, ["charte", "schema"]);
        // The convention as signed is left as it was.
        assert_eq!(comp.signed.fiches.len(), 3);
        assert_eq!(comp.signed.fiches[1].titre.value, "Fiche deux");
    }

    #[test]
    fn a_change_names_what_exists_at_that_point() {
        let cible = "ctg::avenant::cible";
        let comp = amended("  ajoute-fiche un \"Encore un\" {\n    axe familles\n  }");
        assert_eq!(errors(&comp), [(cible, "un".to_string())]);
        let comp = amended("  remplace-fiche cinq \"Cinq\" {\n    axe familles\n  }");
        assert_eq!(errors(&comp), [(cible, "cinq".to_string())]);
        let comp = amended("  retire-fiche cinq");
        assert_eq!(errors(&comp), [(cible, "cinq".to_string())]);
        let comp = amended("  ajoute-annexe charte \"Charte\" {\n    texte \"x\"\n  }");
        assert_eq!(errors(&comp), [(cible, "charte".to_string())]);
        let comp = amended("  ajoute-article objet \"Objet\" {\n    texte \"x\"\n  }");
        assert_eq!(errors(&comp), [(cible, "objet".to_string())]);
        // Withdrawn by the same avenant, then replaced: it no longer exists.
        let comp =
            amended("  retire-fiche deux\n  remplace-fiche deux \"Deux\" {\n    axe familles\n  }");
        assert_eq!(errors(&comp), [(cible, "deux".to_string())]);
    }

    #[test]
    fn an_article_added_or_replaced_is_in_the_consolidated_text() {
        let comp = amended(
            "  ajoute-article neuf \"Article neuf\" {\n    après objet\n    texte \"Le texte neuf.\"\n  }\n\
             \x20 remplace-article duree {\n    texte \"La durée, réécrite.\"\n  }",
        );
        assert_eq!(errors(&comp), []);
        let effective = crate::articles::effective(&comp.model);
        let ids: Vec<&str> = effective.iter().map(|a| a.id.as_str()).collect();
        let objet = ids.iter().position(|i| *i == "objet").unwrap();
        assert_eq!(ids[objet + 1], "neuf");
        let duree = effective.iter().find(|a| a.id == "duree").unwrap();
        assert_eq!(duree.texte, "La durée, réécrite.");
    }

    #[test]
    fn a_prolongation_to_a_date_makes_the_period_one_of_dates() {
        let comp = amended("  prolonge 2023");
        let period = comp.model.period().unwrap();
        assert_eq!((period.end.year, period.whole_years), (2023, true));
        let comp = amended("  prolonge 30 juin 2023");
        let period = comp.model.period().unwrap();
        assert_eq!((period.end.year, period.end.month), (2023, 6));
        assert!(!period.whole_years, "a date of the middle of a year");
    }

    fn compiled(text: &str) -> Compilation {
        analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory")
    }

    /// A convention with a commune that does not sign yet and two articles of its own.
    const HEAD: &str = r#"convention "CTG de test" {
  période 2020 .. 2022
  signature 15 janvier 2020
  champs parentalité, jeunesse
}
signataire cc "Communauté de communes" {
  nature epci
  représentant "Président" M. "Jean Exemple"
}
signataire caf "Caisse d'allocations familiales" {
  nature caf
  représentant "Directrice" Mme "Anne Martin"
}
commune rai "Rai"
axe familles "Accompagner les familles"
fiche un "Fiche un" {
  axe familles
}
article engagements-locaux "Engagements locaux" {
  après objet
  texte "Le texte signé."
}
article duree {
  texte "La durée signée."
}
article litiges {
  texte "Les litiges signés."
}
"#;

    #[test]
    fn a_commune_that_joins_signs_with_what_the_avenant_gives() {
        let comp = compiled(&format!(
            "{HEAD}avenant 1 {{\n  date 10 mars 2021\n  signataires cc, caf, rai\n  \
             ajoute-signataire rai {{\n    dénomination \"la Commune de Rai\"\n    \
             représentant \"Maire\" Mme \"Claire Exemple\"\n  }}\n}}\n"
        ));
        let rai = comp
            .model
            .parties
            .iter()
            .find(|p| p.id.name == "rai")
            .unwrap();
        assert!(rai.signe);
        assert_eq!(
            rai.denomination.as_ref().map(|d| d.value.as_str()),
            Some("la Commune de Rai")
        );
        assert_eq!(rai.representants.len(), 1);
        let signed = comp
            .signed
            .parties
            .iter()
            .find(|p| p.id.name == "rai")
            .unwrap();
        assert!(!signed.signe && signed.representants.is_empty());
    }

    /// An element added that exists already: the message points at the avenant's id and at the
    /// element's own declaration, whichever kind it is.
    #[test]
    fn what_exists_already_is_shown_where_it_is_declared() {
        let avenant = |change: &str| {
            compiled(&format!(
                "{HEAD}fiche deux \"Fiche deux\" {{\n  axe familles\n}}\n\
                 annexe charte \"Charte\" {{\n  texte \"x\"\n}}\n\
                 annexe schema \"Schéma\" {{\n  texte \"y\"\n}}\n\
                 avenant 1 {{\n  date 10 mars 2021\n  signataires cc, caf\n{change}\n}}\n"
            ))
        };
        for (change, id) in [
            (
                "  ajoute-article duree \"Durée\" {\n    texte \"x\"\n  }",
                "duree",
            ),
            (
                "  ajoute-fiche deux \"Deux\" {\n    axe familles\n  }",
                "deux",
            ),
            (
                "  ajoute-annexe schema \"Schéma\" {\n    texte \"z\"\n  }",
                "schema",
            ),
        ] {
            let comp = avenant(change);
            let text = &comp.sources.get(crate::source::FileId(0)).text;
            let d = comp
                .diagnostics
                .iter()
                .find(|d| d.rule.code == "ctg::avenant::cible")
                .unwrap_or_else(|| panic!("{change}"));
            let under: Vec<&str> = d
                .labels
                .iter()
                .map(|l| &text[l.span.start..l.span.end])
                .collect();
            assert_eq!(under, [id, id], "{change}");
            let declared = d.labels[1].span.start;
            assert!(
                declared < text.find("avenant 1").unwrap(),
                "{change}: the declaration, not the avenant"
            );
        }
    }

    #[test]
    fn an_article_s_text_is_replaced_where_it_stands() {
        let comp = compiled(&format!(
            "{HEAD}avenant 1 {{\n  date 10 mars 2021\n  signataires cc, caf\n  \
             remplace-article engagements-locaux {{\n    texte \"Le texte de l'avenant.\"\n  }}\n  \
             remplace-article duree {{\n    texte \"La durée de l'avenant.\"\n  }}\n}}\n"
        ));
        let errors: Vec<_> = comp.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let effective = crate::articles::effective(&comp.model);
        let at = |id: &str| effective.iter().position(|a| a.id == id).unwrap();
        let text = |id: &str| effective[at(id)].texte.as_str();
        assert_eq!(text("engagements-locaux"), "Le texte de l'avenant.");
        assert_eq!(
            effective[at("engagements-locaux")].titre,
            "Engagements locaux"
        );
        assert_eq!(
            at("engagements-locaux"),
            at("objet") + 1,
            "still after objet"
        );
        assert_eq!(text("duree"), "La durée de l'avenant.");
        assert_eq!(
            text("litiges"),
            "Les litiges signés.",
            "the other texts stay"
        );
        let written = |id: &str| {
            comp.model
                .articles
                .iter()
                .filter(|a| a.id.name == id)
                .count()
        };
        assert_eq!((written("engagements-locaux"), written("duree")), (1, 1));
    }
}
