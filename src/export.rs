//! `ctgc export`: the resolved model as JSON or YAML, with French keys matching the language.
//! It describes the convention, not its layout: no spans, no line numbers.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Choice, Model, Party, PartyKind, Territory, Text, Val};
use crate::totals::{self, Totals};

const TO_COMPLETE: &str = "à compléter";

fn val(v: &Val<String>) -> String {
    match v {
        Val::Known(s) => s.clone(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

fn date(v: &Val<crate::date::Date>) -> String {
    match v {
        Val::Known(d) => d.iso(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.markdown.clone())
}

fn kw<T: Copy>(c: &Option<Choice<T>>, f: fn(T) -> &'static str) -> Option<String> {
    c.as_ref().map(|c| f(c.value).to_string())
}

#[derive(Serialize, JsonSchema)]
pub struct Export {
    pub convention: Option<Convention>,
    /// `continue`, `par-axe` or `lettres`.
    pub numerotation: String,
    pub signataires: Vec<Signataire>,
    /// Every commune of the territory, signing or not.
    pub communes: Vec<Commune>,
    pub partenaires: Vec<Partenaire>,
    pub axes: Vec<Axe>,
    pub fiches: Vec<Fiche>,
    pub equipements: Vec<Equipement>,
    pub instances: Vec<Instance>,
    pub conventions_liees: Vec<ConventionLiee>,
    /// The articles as they will be printed: template defaults with the convention's overrides.
    pub articles: Vec<Article>,
    pub annexes: Vec<Annexe>,
    /// Every funding line, flattened to one row per funder and year.
    pub financements: Vec<Financement>,
    pub totaux: Totaux,
}

#[derive(Serialize, JsonSchema)]
pub struct Periode {
    /// ISO date of the first day.
    pub debut: String,
    /// ISO date of the last day.
    pub fin: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Convention {
    pub titre: String,
    pub slogan: Option<String>,
    pub territoire: Option<String>,
    pub periode: Option<Periode>,
    /// ISO date, or "à compléter".
    pub signature: Option<String>,
    pub lieu: Option<String>,
    pub exemplaires: Option<u32>,
    /// `projet` or `signée`.
    pub statut: Option<String>,
    pub champs: Vec<String>,
    pub visas: Vec<String>,
    pub preambule: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Representant {
    pub qualite: String,
    /// `M.` or `Mme`.
    pub civilite: Option<String>,
    /// The name, or "à compléter".
    pub nom: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Deliberation {
    pub organe: String,
    /// ISO date, or "à compléter".
    pub date: String,
    pub numero: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Signataire {
    pub id: String,
    pub nom: String,
    pub nature: Option<String>,
    pub denomination: Option<String>,
    /// `féminin` or `masculin`: agreement of « représenté(e) », « dénommé(e) ».
    pub genre: String,
    pub representants: Vec<Representant>,
    pub deliberation: Option<Deliberation>,
    pub adresse: Option<String>,
    pub logo: Option<Logo>,
}

#[derive(Serialize, JsonSchema)]
pub struct Logo {
    pub fichier: String,
    pub alt: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Commune {
    pub id: String,
    pub nom: String,
    pub signataire: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct Partenaire {
    pub id: String,
    pub nom: String,
    pub nature: Option<String>,
    pub denomination: Option<String>,
    pub adresse: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Objectif {
    pub id: String,
    pub numero: String,
    pub titre: String,
    pub description: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Axe {
    pub id: String,
    pub numero: String,
    pub titre: String,
    pub description: Option<String>,
    pub objectifs: Vec<Objectif>,
}

#[derive(Serialize, JsonSchema)]
pub struct Mesure {
    /// As written (decimal comma), or "à compléter".
    pub valeur: String,
    pub annee: i32,
}

#[derive(Serialize, JsonSchema)]
pub struct Indicateur {
    pub libelle: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub unite: Option<String>,
    pub depart: Option<Mesure>,
    pub cible: Option<Mesure>,
    pub valeurs: Vec<Mesure>,
    pub source: Option<String>,
    pub frequence: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Territoire {
    /// The whole territory.
    pub tout: bool,
    /// Commune ids when not the whole territory.
    pub communes: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Annees {
    pub debut: i32,
    pub fin: i32,
}

#[derive(Serialize, JsonSchema)]
pub struct Etape {
    pub annee: i32,
    pub texte: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Fiche {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// Axe id.
    pub axe: Option<String>,
    /// Objectif ids.
    pub objectifs: Vec<String>,
    pub champs: Vec<String>,
    pub priorite: Option<String>,
    pub statut: Option<String>,
    pub constat: Option<String>,
    pub objectifs_operationnels: Vec<String>,
    pub description: Option<String>,
    pub public: Option<String>,
    pub territoire: Option<Territoire>,
    pub pilote: Option<String>,
    pub referents: Vec<String>,
    pub partenaires: Vec<String>,
    pub calendrier: Option<Annees>,
    pub etapes: Vec<Etape>,
    pub moyens: Option<String>,
    pub resultats_attendus: Option<String>,
    pub liens: Vec<String>,
    pub indicateurs: Vec<Indicateur>,
    /// Total of the fiche's known amounts, in cents.
    pub total_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct Capacite {
    pub valeur: String,
    /// `places`, `heures` or `etp`.
    pub unite: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Equipement {
    pub id: String,
    pub nom: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub gestionnaire: Option<String>,
    pub commune: Option<String>,
    pub capacite: Option<Capacite>,
    pub total_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct Instance {
    pub id: String,
    pub nom: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub membres: Vec<String>,
    pub membres_libres: Vec<String>,
    pub frequence: Option<String>,
    pub role: Option<String>,
    pub fiches: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ConventionLiee {
    pub id: String,
    pub titre: String,
    pub signataires: Vec<String>,
    pub periode: Option<Periode>,
    pub objet: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Article {
    pub id: String,
    pub numero: usize,
    pub titre: String,
    pub texte: String,
    /// The text is the convention's own rather than the template's.
    pub propre: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct Annexe {
    pub id: String,
    pub titre: String,
    pub texte: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Financement {
    /// Funder id.
    pub financeur: String,
    pub annee: i32,
    /// Null when the amount is « à déterminer » or « à compléter ».
    pub montant_centimes: Option<i64>,
    pub fiche: Option<String>,
    pub equipement: Option<String>,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    /// Linked convention id.
    pub convention: Option<String>,
    /// Who receives the money: as written, else the équipement's gestionnaire or the fiche's pilote.
    pub beneficiaire: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalFinanceur {
    pub financeur: String,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalAnnee {
    pub annee: i32,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalAxe {
    pub axe: String,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct Totaux {
    pub par_financeur: Vec<TotalFinanceur>,
    pub par_annee: Vec<TotalAnnee>,
    pub par_axe: Vec<TotalAxe>,
    /// Funding of équipements, outside the axes.
    pub equipements_centimes: i64,
    pub general_centimes: i64,
    /// Number of rows whose amount is not known yet.
    pub lignes_a_determiner: usize,
}

fn party_id(model: &Model, i: usize) -> String {
    model.parties[i].id.name.clone()
}

fn signataire(p: &Party) -> Signataire {
    Signataire {
        id: p.id.name.clone(),
        nom: p.nom.value.clone(),
        nature: p.nature().map(|n| n.keyword().to_string()),
        denomination: p.denomination.as_ref().map(|d| d.value.clone()),
        genre: p.gender().keyword().to_string(),
        representants: p
            .representants
            .iter()
            .map(|r| Representant {
                qualite: r.qualite.value.clone(),
                civilite: r.civilite.map(|c| c.keyword().to_string()),
                nom: val(&r.nom),
            })
            .collect(),
        deliberation: p.deliberation.as_ref().map(|d| Deliberation {
            organe: d.organe.value.clone(),
            date: date(&d.date),
            numero: d.numero.as_ref().map(val),
        }),
        adresse: p.adresse.as_ref().map(|a| a.value.clone()),
        logo: p.logo.as_ref().map(|l| Logo {
            fichier: l.fichier.clone(),
            alt: l.alt.clone(),
        }),
    }
}

pub fn export(model: &Model) -> Export {
    let totals: Totals = totals::compute(model);
    let party = |i: Option<usize>| i.map(|i| party_id(model, i));
    let convention = model.convention.as_ref().map(|c| Convention {
        titre: c.titre.value.clone(),
        slogan: c.slogan.as_ref().map(|s| s.value.clone()),
        territoire: c.territoire.as_ref().map(|s| s.value.clone()),
        periode: c.periode.map(|(p, _)| Periode {
            debut: p.start.iso(),
            fin: p.end.iso(),
        }),
        signature: c.signature.as_ref().map(|(d, _)| date(d)),
        lieu: c.lieu.as_ref().map(val),
        exemplaires: c.exemplaires.map(|e| e.0),
        statut: c.statut.as_ref().map(|s| s.value.keyword().to_string()),
        champs: c
            .champs
            .iter()
            .map(|c| c.value.keyword().to_string())
            .collect(),
        visas: c.visas.iter().map(|v| v.value.clone()).collect(),
        preambule: text(&c.preambule),
    });
    let fiches = model
        .fiches
        .iter()
        .enumerate()
        .map(|(i, f)| Fiche {
            id: f.id.name.clone(),
            numero: f.numero.clone(),
            titre: f.titre.value.clone(),
            axe: f.axe.as_ref().map(|r| r.name.clone()),
            objectifs: f.objectifs.iter().map(|r| r.name.clone()).collect(),
            champs: f
                .champs
                .iter()
                .map(|c| c.value.keyword().to_string())
                .collect(),
            priorite: kw(&f.priorite, |p| p.keyword()),
            statut: kw(&f.statut, |s| s.keyword()),
            constat: text(&f.constat),
            objectifs_operationnels: f
                .objectifs_operationnels
                .iter()
                .map(|s| s.value.clone())
                .collect(),
            description: text(&f.description),
            public: f.public.as_ref().map(val),
            territoire: f.territoire.as_ref().map(|t| match t {
                Territory::All => Territoire {
                    tout: true,
                    communes: Vec::new(),
                },
                Territory::Communes(list) => Territoire {
                    tout: false,
                    communes: list.iter().map(|r| r.name.clone()).collect(),
                },
            }),
            pilote: f.pilote.as_ref().map(|r| r.name.clone()),
            referents: f.referents.iter().map(val).collect(),
            partenaires: f.partenaires.iter().map(|r| r.name.clone()).collect(),
            calendrier: f.calendrier.map(|(r, _)| Annees {
                debut: r.start,
                fin: r.end,
            }),
            etapes: f
                .etapes
                .iter()
                .map(|e| Etape {
                    annee: e.annee,
                    texte: e.texte.clone(),
                })
                .collect(),
            moyens: text(&f.moyens),
            resultats_attendus: text(&f.resultats_attendus),
            liens: f.liens.iter().map(|l| l.value.clone()).collect(),
            indicateurs: f
                .indicateurs
                .iter()
                .map(|ind| Indicateur {
                    libelle: ind.libelle.value.clone(),
                    kind: kw(&ind.kind, |k| k.keyword()),
                    unite: ind.unite.clone(),
                    depart: ind.depart.as_ref().map(|m| Mesure {
                        valeur: val(&m.valeur),
                        annee: m.annee,
                    }),
                    cible: ind.cible.as_ref().map(|m| Mesure {
                        valeur: val(&m.valeur),
                        annee: m.annee,
                    }),
                    valeurs: ind
                        .valeurs
                        .iter()
                        .map(|m| Mesure {
                            valeur: val(&m.valeur),
                            annee: m.annee,
                        })
                        .collect(),
                    source: ind.source.clone(),
                    frequence: ind.frequence.clone(),
                })
                .collect(),
            total_centimes: totals.par_fiche.get(&i).map_or(0, |m| m.cents()),
        })
        .collect();
    let financements = totals
        .rows
        .iter()
        .map(|r| {
            let default_beneficiary = match (r.equipement, r.fiche) {
                (Some(e), _) => model.equipements[e]
                    .gestionnaire
                    .as_ref()
                    .and_then(|g| g.target),
                (None, Some(f)) => model.fiches[f].pilote.as_ref().and_then(|p| p.target),
                _ => None,
            };
            Financement {
                financeur: party_id(model, r.financeur),
                annee: r.annee,
                montant_centimes: r.montant.map(|m| m.cents()),
                fiche: r.fiche.map(|f| model.fiches[f].id.name.clone()),
                equipement: r.equipement.map(|e| model.equipements[e].id.name.clone()),
                dispositif: r.dispositif.clone(),
                previsionnel: r.previsionnel,
                convention: r
                    .convention
                    .map(|c| model.conventions_liees[c].id.name.clone()),
                beneficiaire: party(r.beneficiaire.or(default_beneficiary)),
            }
        })
        .collect();
    Export {
        convention,
        numerotation: match model.config.numerotation {
            crate::project::Numbering::Continue => "continue",
            crate::project::Numbering::PerAxe => "par-axe",
            crate::project::Numbering::Letters => "lettres",
        }
        .to_string(),
        signataires: model.signataires().map(signataire).collect(),
        communes: model
            .communes()
            .map(|c| Commune {
                id: c.id.name.clone(),
                nom: c.nom.value.clone(),
                signataire: c.signe,
            })
            .collect(),
        partenaires: model
            .parties
            .iter()
            .filter(|p| p.kind == PartyKind::Partenaire)
            .map(|p| Partenaire {
                id: p.id.name.clone(),
                nom: p.nom.value.clone(),
                nature: p.nature().map(|n| n.keyword().to_string()),
                denomination: p.denomination.as_ref().map(|d| d.value.clone()),
                adresse: p.adresse.as_ref().map(|a| a.value.clone()),
            })
            .collect(),
        axes: model
            .axes
            .iter()
            .map(|a| Axe {
                id: a.id.name.clone(),
                numero: a.numero.clone(),
                titre: a.titre.value.clone(),
                description: text(&a.description),
                objectifs: a
                    .objectifs
                    .iter()
                    .map(|&oi| {
                        let o = &model.objectifs[oi];
                        Objectif {
                            id: o.id.name.clone(),
                            numero: o.numero.clone(),
                            titre: o.titre.value.clone(),
                            description: text(&o.description),
                        }
                    })
                    .collect(),
            })
            .collect(),
        fiches,
        equipements: model
            .equipements
            .iter()
            .enumerate()
            .map(|(i, e)| Equipement {
                id: e.id.name.clone(),
                nom: e.nom.value.clone(),
                kind: kw(&e.kind, |k| k.keyword()),
                gestionnaire: e.gestionnaire.as_ref().map(|r| r.name.clone()),
                commune: e.commune.as_ref().map(|r| r.name.clone()),
                capacite: e.capacite.as_ref().map(|c| Capacite {
                    valeur: c.valeur.clone(),
                    unite: c.unite.keyword().to_string(),
                }),
                total_centimes: totals.par_equipement.get(&i).map_or(0, |m| m.cents()),
            })
            .collect(),
        instances: model
            .instances
            .iter()
            .map(|i| Instance {
                id: i.id.name.clone(),
                nom: i.nom.value.clone(),
                kind: kw(&i.kind, |k| k.keyword()),
                membres: i.membres.iter().map(|r| r.name.clone()).collect(),
                membres_libres: i.membres_libres.iter().map(|m| m.value.clone()).collect(),
                frequence: i.frequence.clone(),
                role: text(&i.role),
                fiches: i.fiches.iter().map(|r| r.name.clone()).collect(),
            })
            .collect(),
        conventions_liees: model
            .conventions_liees
            .iter()
            .map(|c| ConventionLiee {
                id: c.id.name.clone(),
                titre: c.titre.value.clone(),
                signataires: c.signataires.iter().map(|r| r.name.clone()).collect(),
                periode: c.periode.map(|(p, _)| Periode {
                    debut: p.start.iso(),
                    fin: p.end.iso(),
                }),
                objet: text(&c.objet),
            })
            .collect(),
        articles: crate::articles::effective(model)
            .into_iter()
            .enumerate()
            .map(|(i, a)| Article {
                id: a.id,
                numero: i + 1,
                titre: a.titre,
                texte: a.texte,
                propre: a.propre,
            })
            .collect(),
        annexes: model
            .annexes
            .iter()
            .map(|a| Annexe {
                id: a.id.name.clone(),
                titre: a.titre.value.clone(),
                texte: text(&a.texte),
            })
            .collect(),
        financements,
        totaux: Totaux {
            par_financeur: totals
                .par_financeur
                .iter()
                .map(|(&f, m)| TotalFinanceur {
                    financeur: party_id(model, f),
                    montant_centimes: m.cents(),
                })
                .collect(),
            par_annee: totals
                .par_annee
                .iter()
                .map(|(&annee, m)| TotalAnnee {
                    annee,
                    montant_centimes: m.cents(),
                })
                .collect(),
            par_axe: totals
                .par_axe
                .iter()
                .map(|(&a, m)| TotalAxe {
                    axe: model.axes[a].id.name.clone(),
                    montant_centimes: m.cents(),
                })
                .collect(),
            equipements_centimes: totals.equipements.cents(),
            general_centimes: totals.general.cents(),
            lignes_a_determiner: totals.a_determiner,
        },
    }
}

/// The JSON Schema of the export, as committed in `schema/export.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Export);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
