//! The view: everything a document shows, computed once in Rust and shared by the PDF and HTML
//! renderers. Amounts, dates, numbers, agreement of the parties clause and all totals are
//! formatted here; templates only lay them out. Plain strings are display text (French
//! typography applied, not escaped: the template engine escapes for its target); fields named
//! `*_md` hold Markdown that the renderer converts.

use serde::Serialize;

use crate::articles;
use crate::model::{
    Amount, Civility, Funding, Gender, Model, Nature, Party, PartyKind, Representative, Territory,
    Val, YearRange,
};
use crate::money::Money;
use crate::totals::{self, Totals};
use crate::typography::french;

/// Shown wherever a value is still « à compléter ».
pub const TO_COMPLETE: &str = "[à compléter]";
/// An empty cell of a money table.
pub const EMPTY_CELL: &str = "–";

#[derive(Serialize, Debug, Clone)]
pub struct View {
    pub titre: String,
    pub slogan: Option<String>,
    pub territoire: Option<String>,
    /// `statut projet`: the documents are marked « PROJET ».
    pub projet: bool,
    pub periode: Option<PeriodView>,
    pub signature: SignatureView,
    pub champs: Vec<String>,
    /// « Vu … » lines, complete.
    pub visas: Vec<String>,
    pub preambule_md: Option<String>,
    pub libelles: Labels,
    /// The parties clause, one entry per signing body, in order.
    pub parties: Vec<PartyView>,
    /// One cell per signing person.
    pub signatures: Vec<SignatureCell>,
    pub communes: Vec<CommuneView>,
    pub partenaires: Vec<PartnerView>,
    pub axes: Vec<AxeView>,
    pub fiches: Vec<FicheView>,
    pub equipements: Vec<EquipmentView>,
    pub instances: Vec<InstanceView>,
    pub conventions_liees: Vec<LinkedView>,
    pub articles: Vec<ArticleView>,
    pub annexes: Vec<AnnexeView>,
    /// Every annex the documents show, built-in and the convention's own, numbered in order.
    pub plan_annexes: Vec<AnnexEntry>,
    pub finances: Finances,
    pub metadata: Metadata,
}

/// One annex of the documents, in order: what it holds (`cle`), its number and its anchor.
#[derive(Serialize, Debug, Clone)]
pub struct AnnexEntry {
    /// `synthese`, `fiches`, `financements`, `equipements`, `gouvernance`, `conventions-liees`, or
    /// `annexe` for one of the convention's own annexes (then `id` names it).
    pub cle: String,
    pub id: Option<String>,
    pub numero: usize,
    /// « Annexe 3 »
    pub intitule: String,
    pub titre: String,
    /// `annexe-synthese`, `annexe-diagnostic`…
    pub ancre: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct PeriodView {
    /// « 1er janvier 2023 »
    pub debut: String,
    /// « 31 décembre 2026 »
    pub fin: String,
    /// « 2023-2026 »
    pub annees: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct SignatureView {
    pub date: Option<String>,
    pub lieu: Option<String>,
    pub exemplaires: Option<u32>,
    /// « Fait à Aime-la-Plagne, le 13 janvier 2023, en 7 exemplaires originaux. »
    pub fait_a: String,
    /// For the cover: « le 13 janvier 2023 à Aime-la-Plagne », « le 13 janvier 2023 », or
    /// « [à compléter] » when neither date nor place is known; `None` without a date.
    pub resume: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct Labels {
    /// « Axe », « Orientation »…
    pub axe: String,
    pub axes: String,
    pub objectif: String,
    pub objectifs: String,
    pub fiche: String,
    pub fiches: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct PartyView {
    pub id: String,
    pub nom: String,
    /// « la Caf »
    pub denomination: Option<String>,
    /// The full paragraph of the parties clause, without final punctuation.
    pub clause: String,
    pub logo: Option<LogoView>,
}

#[derive(Serialize, Debug, Clone)]
pub struct LogoView {
    pub fichier: String,
    pub alt: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct SignatureCell {
    /// « Pour la Caisse d'allocations familiales de la Savoie »
    pub pour: String,
    /// « Le Président du conseil d'administration »
    pub qualite: String,
    /// « M. Lucien Spigarelli », or « [à compléter] ».
    pub nom: String,
    /// The signing body's logo, if any.
    pub logo: Option<LogoView>,
}

#[derive(Serialize, Debug, Clone)]
pub struct CommuneView {
    pub id: String,
    pub nom: String,
    pub signataire: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct PartnerView {
    pub id: String,
    pub nom: String,
    pub nature: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct Link {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// Stable anchor: `axe-pe`, `fiche-creche`.
    pub ancre: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct ObjectifView {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// Stable anchor: `objectif-pe-creche`.
    pub ancre: String,
    pub description_md: Option<String>,
    /// The fiches that serve this objectif.
    pub fiches: Vec<Link>,
}

#[derive(Serialize, Debug, Clone)]
pub struct AxeView {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// « Orientation 1 »
    pub intitule: String,
    pub ancre: String,
    pub description_md: Option<String>,
    pub objectifs: Vec<ObjectifView>,
    pub fiches: Vec<Link>,
    /// The axe's fiches tied to none of its objectifs.
    pub fiches_hors_objectif: Vec<Link>,
    pub total: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct IndicatorView {
    pub libelle: String,
    pub type_: Option<String>,
    pub unite: Option<String>,
    /// « 48 (2022) »
    pub depart: Option<String>,
    pub cible: Option<String>,
    pub valeurs: Vec<YearValue>,
    pub source: Option<String>,
    pub frequence: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct YearValue {
    pub annee: i32,
    pub valeur: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct FundingLine {
    pub financeur: String,
    /// « 2023-2026 » or « 2024 »
    pub annees: String,
    /// « 12 000 € par an », « à déterminer »
    pub montant: String,
    /// Sum over the years, « 48 000 € » (empty when unknown).
    pub total: String,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    pub convention: Option<String>,
    pub beneficiaire: Option<String>,
    /// Dispositif, « prévisionnel », linked convention and beneficiary, as short phrases.
    pub precisions: Vec<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct FicheView {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// « Fiche action 12 »
    pub intitule: String,
    pub ancre: String,
    pub axe: Option<Link>,
    pub objectifs: Vec<Link>,
    pub champs: Vec<String>,
    pub priorite: Option<String>,
    pub statut: Option<String>,
    pub constat_md: Option<String>,
    pub objectifs_operationnels: Vec<String>,
    pub description_md: Option<String>,
    pub public: Option<String>,
    pub territoire: Option<String>,
    pub pilote: Option<String>,
    pub referents: Vec<String>,
    pub partenaires: Vec<String>,
    pub calendrier: Option<String>,
    pub etapes: Vec<YearValue>,
    pub moyens_md: Option<String>,
    pub resultats_attendus_md: Option<String>,
    pub liens: Vec<String>,
    pub indicateurs: Vec<IndicatorView>,
    pub financements: Vec<FundingLine>,
    /// Anchor of the fiche's rows in the financial annex.
    pub ancre_financements: String,
    /// Whether the financial annex has a row for this fiche (some amount is known).
    pub dans_tableau_financier: bool,
    pub total: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct EquipmentView {
    pub id: String,
    pub nom: String,
    /// Stable anchor: `equipement-creche-aime`.
    pub ancre: String,
    pub type_: Option<String>,
    pub gestionnaire: Option<String>,
    pub commune: Option<String>,
    /// « 30 places »
    pub capacite: Option<String>,
    pub financements: Vec<FundingLine>,
    pub total: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct InstanceView {
    pub id: String,
    pub nom: String,
    pub type_: Option<String>,
    pub membres: Vec<String>,
    pub frequence: Option<String>,
    pub role_md: Option<String>,
    pub fiches: Vec<Link>,
}

#[derive(Serialize, Debug, Clone)]
pub struct LinkedView {
    pub id: String,
    pub titre: String,
    pub signataires: Vec<String>,
    pub periode: Option<String>,
    pub objet_md: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct ArticleView {
    pub numero: usize,
    /// « Article 1er », « Article 2 »
    pub intitule: String,
    pub id: String,
    pub ancre: String,
    pub titre: String,
    pub texte_md: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct AnnexeView {
    pub id: String,
    pub titre: String,
    pub texte_md: Option<String>,
}

/// A money table: rows × years, with row totals, column totals and a grand total.
#[derive(Serialize, Debug, Clone, Default)]
pub struct Table {
    pub colonnes: Vec<String>,
    pub lignes: Vec<TableRow>,
    pub totaux: Vec<String>,
    pub total: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct TableRow {
    pub libelle: String,
    /// Anchor to link the row (fiches), if any.
    pub ancre: Option<String>,
    /// The row's own anchor, if any: `financements-fiche-creche`.
    pub id: Option<String>,
    pub cellules: Vec<String>,
    pub total: String,
}

#[derive(Serialize, Debug, Clone, Default)]
pub struct Finances {
    /// Funder × year, every funding line of the convention.
    pub par_financeur: Table,
    /// Axe × year (fiches), plus the équipements line: same grand total.
    pub par_axe: Table,
    /// Fiche × year.
    pub par_fiche: Table,
    /// Équipement × year.
    pub par_equipement: Table,
    pub total_general: String,
    /// Number of funding rows whose amount is not known yet.
    pub lignes_a_determiner: usize,
    /// The sentence that says so under the tables, when there are any.
    pub note_a_determiner: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct Metadata {
    pub title: String,
    /// The signing bodies, comma-separated.
    pub author: String,
    /// The signing bodies, one per entry (the PDF's authors).
    pub authors: Vec<String>,
    pub keywords: Vec<String>,
    pub language: String,
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// « Président » → « président », but « DGS » stays « DGS ».
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), s.chars().nth(1)) {
        (Some(f), Some(second)) if !second.is_uppercase() => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

fn starts_with_vowel(s: &str) -> bool {
    s.chars()
        .next()
        .map(|c| crate::keyword::fold(&c.to_string()))
        .is_some_and(|c| matches!(c.as_str(), "a" | "e" | "i" | "o" | "u" | "y" | "h"))
}

/// « La Caisse … », « Le Département … », « L'Établissement … »; names that already carry an
/// article keep it.
pub fn with_article(name: &str, gender: Gender) -> String {
    let folded = crate::keyword::fold(name);
    if ["la ", "le ", "les ", "l'", "l’"]
        .iter()
        .any(|a| folded.starts_with(a))
    {
        return capitalize(name);
    }
    if starts_with_vowel(name) {
        format!("L'{name}")
    } else if gender == Gender::Feminin {
        format!("La {name}")
    } else {
        format!("Le {name}")
    }
}

fn years_text(r: YearRange) -> String {
    if r.start == r.end {
        r.start.to_string()
    } else {
        format!("{}-{}", r.start, r.end)
    }
}

/// An indicator value as written (`5200`, `12,5`) in French notation: `5 200`, `12,5`.
fn number(v: &Val<String>) -> String {
    let Val::Known(s) = v else {
        return TO_COMPLETE.to_string();
    };
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, dec) = digits
        .split_once(',')
        .map_or((digits, None), |(i, d)| (i, Some(d)));
    if int.len() <= 4 || !int.bytes().all(|b| b.is_ascii_digit()) {
        // Four digits stay together, as French usage has it (« 2500 places »).
        return s.clone();
    }
    let mut out = String::from(sign);
    out.push_str(&crate::typography::group_digits(
        int,
        crate::typography::NNBSP,
    ));
    if let Some(d) = dec {
        out.push(',');
        out.push_str(d);
    }
    out
}

fn val(v: &Val<String>) -> String {
    match v {
        Val::Known(s) => french(s),
        Val::ToComplete => TO_COMPLETE.to_string(),
    }
}

fn money(m: Money) -> String {
    m.french()
}

fn money_or_empty(m: Option<&Money>) -> String {
    m.map_or(EMPTY_CELL.to_string(), |m| money(*m))
}

/// Grammatical gender of a representative: the civilité, else the title's form.
fn representative_gender(r: &Representative) -> Gender {
    match r.civilite {
        Some(Civility::Mme) => Gender::Feminin,
        Some(Civility::M) => Gender::Masculin,
        None => {
            let first =
                crate::keyword::fold(r.qualite.value.split([' ', '-']).next().unwrap_or(""));
            let feminine = [
                "presidente",
                "directrice",
                "adjointe",
                "premiere",
                "vice",
                "conseillere",
                "deleguee",
            ];
            if first == "vice" {
                // « Vice-présidente »
                if crate::keyword::fold(&r.qualite.value).starts_with("vice-presidente") {
                    Gender::Feminin
                } else {
                    Gender::Masculin
                }
            } else if feminine.contains(&first.as_str()) {
                Gender::Feminin
            } else {
                Gender::Masculin
            }
        }
    }
}

fn person_name(r: &Representative) -> String {
    match (&r.nom, r.civilite) {
        (Val::Known(n), Some(c)) => format!("{} {}", c.keyword(), french(n)),
        (Val::Known(n), None) => french(n),
        (Val::ToComplete, _) => TO_COMPLETE.to_string(),
    }
}

/// « par son Président, M. Lucien Spigarelli »
fn represented_by(r: &Representative) -> String {
    let qualite = lower_first(&french(&r.qualite.value));
    let possessive = if starts_with_vowel(&qualite) || representative_gender(r) == Gender::Masculin
    {
        "son"
    } else {
        "sa"
    };
    format!("par {possessive} {qualite}, {}", person_name(r))
}

/// « du Conseil communautaire », « de la Commission permanente », « de l'Assemblée »
fn of_body(organe: &str) -> String {
    let first = crate::keyword::fold(organe.split(' ').next().unwrap_or(""));
    if starts_with_vowel(organe) {
        format!("de l'{organe}")
    } else if ["commission", "assemblee", "delegation", "seance"].contains(&first.as_str()) {
        format!("de la {organe}")
    } else {
        format!("du {organe}")
    }
}

/// The party's paragraph: « La Caisse …, représentée par …, dûment autorisés à signer la présente
/// convention par délibération du … en date du …, ci-après dénommée « la Caf » ».
pub fn parties_clause(p: &Party) -> String {
    let gender = p.gender();
    let fem = gender == Gender::Feminin;
    let mut s = with_article(&legal_name(p), gender);
    if let Some(a) = &p.adresse {
        s.push_str(&format!(", dont le siège est situé {}", french(&a.value)));
    }
    if !p.representants.is_empty() {
        let parts: Vec<String> = p.representants.iter().map(represented_by).collect();
        s.push_str(if fem {
            ", représentée "
        } else {
            ", représenté "
        });
        s.push_str(&parts.join(", et "));
        let plural = p.representants.len() > 1;
        let all_fem = p
            .representants
            .iter()
            .all(|r| representative_gender(r) == Gender::Feminin);
        let authorised = match (plural, all_fem) {
            (true, true) => "dûment autorisées",
            (true, false) => "dûment autorisés",
            (false, true) => "dûment autorisée",
            (false, false) => "dûment autorisé",
        };
        s.push_str(&format!(", {authorised} à signer la présente convention"));
        if let Some(d) = &p.deliberation {
            s.push_str(&format!(
                " par délibération {}",
                of_body(&french(&d.organe.value))
            ));
            match &d.date {
                Val::Known(date) => s.push_str(&format!(" en date du {}", date.french())),
                Val::ToComplete => s.push_str(&format!(" en date du {TO_COMPLETE}")),
            }
            if let Some(n) = &d.numero {
                s.push_str(&format!(" (n°\u{a0}{})", val(n)));
            }
        }
    }
    if let Some(d) = &p.denomination {
        s.push_str(&format!(
            ", ci-après {} « {} »",
            if fem { "dénommée" } else { "dénommé" },
            french(&d.value)
        ));
    }
    french(&s)
}

/// The body's name as it signs: a commune is « Commune d'Aime-la-Plagne ».
fn legal_name(p: &Party) -> String {
    let name = french(&p.nom.value);
    let folded = crate::keyword::fold(&name);
    if p.kind != PartyKind::Commune
        || ["commune", "ville", "mairie", "la ", "le ", "l'"]
            .iter()
            .any(|w| folded.starts_with(w))
    {
        return name;
    }
    if starts_with_vowel(&name) {
        format!("Commune d'{name}")
    } else {
        format!("Commune de {name}")
    }
}

fn signature_cells(p: &Party) -> Vec<SignatureCell> {
    let pour = format!(
        "Pour {}",
        lower_first(&with_article(&legal_name(p), p.gender()))
    );
    p.representants
        .iter()
        .map(|r| {
            let q = french(&r.qualite.value);
            let article = if starts_with_vowel(&q) {
                "L'"
            } else if representative_gender(r) == Gender::Feminin {
                "La "
            } else {
                "Le "
            };
            SignatureCell {
                pour: pour.clone(),
                qualite: format!("{article}{}", lower_first(&q)),
                nom: person_name(r),
                logo: p.logo.as_ref().map(|l| LogoView {
                    fichier: l.fichier.clone(),
                    alt: french(&l.alt),
                }),
            }
        })
        .collect()
}

fn party_name(model: &Model, i: Option<usize>) -> Option<String> {
    i.map(|i| french(&model.parties[i].nom.value))
}

/// Short name for tables: the dénomination (« la Caf » → « Caf »), else the full name.
fn party_short(model: &Model, i: usize) -> String {
    let p = &model.parties[i];
    match &p.denomination {
        Some(d) => {
            let v = d.value.trim();
            let stripped = ["la ", "le ", "les ", "l'", "l’"]
                .iter()
                .find_map(|a| v.strip_prefix(a).or_else(|| v.strip_prefix(&capitalize(a))))
                .unwrap_or(v);
            capitalize(&french(stripped))
        }
        None => french(&p.nom.value),
    }
}

fn funding_line(model: &Model, f: &Funding) -> FundingLine {
    let years = f.annees.end - f.annees.start + 1;
    let (montant, total) = match f.montant {
        Amount::Known(m) if f.par_an && years > 1 => (
            format!("{} par an", money(m)),
            money(Money(m.cents() * years as i64)),
        ),
        Amount::Known(m) => (money(m), money(Money(m.cents() * years as i64))),
        Amount::ToBeDetermined => ("à déterminer".into(), String::new()),
        Amount::ToComplete => (TO_COMPLETE.into(), String::new()),
    };
    let dispositif = f.dispositif.as_deref().map(french);
    let convention = f
        .convention
        .as_ref()
        .and_then(|c| c.target)
        .map(|i| french(&model.conventions_liees[i].titre.value));
    let beneficiaire = party_name(model, f.beneficiaire.as_ref().and_then(|b| b.target));
    let precisions = dispositif
        .iter()
        .cloned()
        .chain(f.previsionnel.then(|| "prévisionnel".to_string()))
        .chain(
            convention
                .iter()
                .map(|c| format!("au titre de la {}", lower_first(c))),
        )
        .chain(
            beneficiaire
                .iter()
                .map(|b| format!("bénéficiaire\u{202f}: {b}")),
        )
        .collect();
    FundingLine {
        financeur: f
            .financeur
            .target
            .map_or_else(|| f.financeur.name.clone(), |i| party_short(model, i)),
        annees: years_text(f.annees),
        montant,
        total,
        dispositif,
        previsionnel: f.previsionnel,
        convention,
        beneficiaire,
        precisions,
    }
}

fn axe_link(model: &Model, i: usize) -> Link {
    let a = &model.axes[i];
    Link {
        id: a.id.name.clone(),
        numero: a.numero.clone(),
        titre: french(&a.titre.value),
        ancre: format!("axe-{}", a.id.name),
    }
}

fn fiche_link(model: &Model, i: usize) -> Link {
    let f = &model.fiches[i];
    Link {
        id: f.id.name.clone(),
        numero: f.numero.clone(),
        titre: french(&f.titre.value),
        ancre: format!("fiche-{}", f.id.name),
    }
}

/// One row of a money table before formatting: its label, the anchor it links to, its own
/// anchor, and its amount for a year.
struct RowSpec<'a> {
    libelle: String,
    ancre: Option<String>,
    id: Option<String>,
    cell: Box<dyn Fn(i32) -> Option<Money> + 'a>,
}

impl<'a> RowSpec<'a> {
    fn new(
        libelle: String,
        ancre: Option<String>,
        cell: Box<dyn Fn(i32) -> Option<Money> + 'a>,
    ) -> Self {
        RowSpec {
            libelle,
            ancre,
            id: None,
            cell,
        }
    }
}

fn table(
    years: &[i32],
    rows: Vec<RowSpec<'_>>,
    year_total: impl Fn(i32) -> Option<Money>,
    total: Money,
) -> Table {
    let lignes = rows
        .into_iter()
        .map(
            |RowSpec {
                 libelle,
                 ancre,
                 id,
                 cell,
             }| {
                let values: Vec<Option<Money>> = years.iter().map(|&y| cell(y)).collect();
                let sum = Money(values.iter().flatten().map(|m| m.cents()).sum());
                TableRow {
                    libelle,
                    ancre,
                    id,
                    cellules: values.iter().map(|v| money_or_empty(v.as_ref())).collect(),
                    total: money(sum),
                }
            },
        )
        .collect();
    Table {
        colonnes: years.iter().map(|y| y.to_string()).collect(),
        lignes,
        totaux: years
            .iter()
            .map(|&y| money_or_empty(year_total(y).as_ref()))
            .collect(),
        total: money(total),
    }
}

fn finances(model: &Model, t: &Totals) -> Finances {
    let mut years: Vec<i32> = t.par_annee.keys().copied().collect();
    if let Some(p) = model.period() {
        years.extend(p.years().years());
    }
    years.sort();
    years.dedup();
    let year_total = |y: i32| t.par_annee.get(&y).copied();
    let par_financeur = table(
        &years,
        t.par_financeur
            .keys()
            .map(|&f| {
                let cell: Box<dyn Fn(i32) -> Option<Money>> =
                    Box::new(move |y| t.par_financeur_annee.get(&(f, y)).copied());
                RowSpec::new(party_short(model, f), None, cell)
            })
            .collect(),
        year_total,
        t.general,
    );
    let mut axe_rows: Vec<RowSpec> = model
        .axes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let cell: Box<dyn Fn(i32) -> Option<Money>> =
                Box::new(move |y| t.par_axe_annee.get(&(i, y)).copied());
            RowSpec::new(
                format!(
                    "{} {} — {}",
                    capitalize(&model.config.libelles.axe),
                    a.numero,
                    french(&a.titre.value)
                ),
                Some(format!("axe-{}", a.id.name)),
                cell,
            )
        })
        .collect();
    let equipment_by_year = |y: i32| -> Option<Money> {
        let sum: i64 = t
            .rows
            .iter()
            .filter(|r| r.equipement.is_some() && r.annee == y)
            .filter_map(|r| r.montant.map(|m| m.cents()))
            .sum();
        (sum != 0).then_some(Money(sum))
    };
    if !t.par_equipement.is_empty() {
        axe_rows.push(RowSpec::new(
            "Équipements (hors plan d'actions)".to_string(),
            None,
            Box::new(equipment_by_year),
        ));
    }
    let par_axe = table(&years, axe_rows, year_total, t.general);
    // (fiche, year) and (équipement, year) → cents, summed once: scanning every row for each
    // cell made this table quadratic in the number of fiches (× 51 time for × 10 fiches).
    let mut by_fiche_year: std::collections::HashMap<(usize, i32), i64> =
        std::collections::HashMap::new();
    let mut by_equipment_year: std::collections::HashMap<(usize, i32), i64> =
        std::collections::HashMap::new();
    for r in &t.rows {
        let cents = r.montant.map_or(0, |m| m.cents());
        if let Some(fi) = r.fiche {
            *by_fiche_year.entry((fi, r.annee)).or_default() += cents;
        }
        if let Some(ei) = r.equipement {
            *by_equipment_year.entry((ei, r.annee)).or_default() += cents;
        }
    }
    let by_fiche_year = &by_fiche_year;
    let by_equipment_year = &by_equipment_year;
    let fiche_cell = |fi: usize| -> Box<dyn Fn(i32) -> Option<Money> + '_> {
        Box::new(move |y| {
            let sum = by_fiche_year.get(&(fi, y)).copied().unwrap_or(0);
            (sum != 0).then_some(Money(sum))
        })
    };
    let fiches_total = Money(t.par_fiche.values().map(|m| m.cents()).sum());
    let fiche_year_total = |y: i32| -> Option<Money> {
        let sum: i64 = t
            .rows
            .iter()
            .filter(|r| r.fiche.is_some() && r.annee == y)
            .filter_map(|r| r.montant.map(|m| m.cents()))
            .sum();
        (sum != 0).then_some(Money(sum))
    };
    let par_fiche = table(
        &years,
        t.par_fiche
            .keys()
            .map(|&fi| {
                let f = &model.fiches[fi];
                RowSpec {
                    libelle: format!("{} — {}", f.numero, french(&f.titre.value)),
                    ancre: Some(format!("fiche-{}", f.id.name)),
                    id: Some(format!("financements-fiche-{}", f.id.name)),
                    cell: fiche_cell(fi),
                }
            })
            .collect(),
        fiche_year_total,
        fiches_total,
    );
    let equipment_cell = |ei: usize| -> Box<dyn Fn(i32) -> Option<Money> + '_> {
        Box::new(move |y| {
            let sum = by_equipment_year.get(&(ei, y)).copied().unwrap_or(0);
            (sum != 0).then_some(Money(sum))
        })
    };
    let par_equipement = table(
        &years,
        t.par_equipement
            .keys()
            .map(|&ei| {
                let e = &model.equipements[ei];
                RowSpec::new(
                    french(&e.nom.value),
                    Some(format!("equipement-{}", e.id.name)),
                    equipment_cell(ei),
                )
            })
            .collect(),
        equipment_by_year,
        t.equipements,
    );
    Finances {
        par_financeur,
        par_axe,
        par_fiche,
        par_equipement,
        total_general: money(t.general),
        lignes_a_determiner: t.a_determiner,
        note_a_determiner: match t.a_determiner {
            0 => None,
            1 => Some("Un montant annuel est encore à déterminer\u{202f}: il n’est pas compté dans les totaux.".to_string()),
            n => Some(format!("{n} montants annuels sont encore à déterminer\u{202f}: ils ne sont pas comptés dans les totaux.")),
        },
    }
}

/// Fills the `{{ … }}` of a default article text with Markdown-escaped values.
fn fill_article(text: &str, model: &Model, view_champs: &[String], labels: &Labels) -> String {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Lenient);
    let md = |s: &str| crate::render::view::escape_markdown(s);
    let period = model.period();
    let ctx = minijinja::context! {
        champs => md(&join_fr(&view_champs.iter().map(|c| c.to_lowercase()).collect::<Vec<_>>())),
        axes_libelle => md(&labels.axes.to_lowercase()),
        fiches_libelle => md(&labels.fiches.to_lowercase()),
        nombre_axes => model.axes.len(),
        nombre_fiches => model.fiches.len(),
        debut => period.map(|p| p.start.french()).unwrap_or_else(|| TO_COMPLETE.into()),
        fin => period.map(|p| p.end.french()).unwrap_or_else(|| TO_COMPLETE.into()),
        territoire => md(&model.convention.as_ref().and_then(|c| c.territoire.as_ref()).map(|t| t.value.clone()).unwrap_or_default()),
    };
    env.render_str(text, ctx)
        .unwrap_or_else(|_| text.to_string())
}

/// « a, b et c »
pub fn join_fr(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} et {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// Escapes the characters Markdown would interpret, so that a value inserted into Markdown reads as written.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '!'
                | '|'
                | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The annexes in document order: the built-in ones that have content, then the convention's own.
fn annex_plan(model: &Model, t: &Totals, labels: &Labels) -> Vec<AnnexEntry> {
    let builtin = [
        (
            "synthese",
            "Synthèse du plan d’actions".to_string(),
            !model.axes.is_empty() || !model.fiches.is_empty(),
        ),
        ("fiches", labels.fiches.clone(), !model.fiches.is_empty()),
        (
            "financements",
            "Tableaux financiers".to_string(),
            !t.rows.is_empty(),
        ),
        (
            "equipements",
            "Équipements et services".to_string(),
            !model.equipements.is_empty(),
        ),
        (
            "gouvernance",
            "Gouvernance".to_string(),
            !model.instances.is_empty(),
        ),
        (
            "conventions-liees",
            "Conventions liées".to_string(),
            !model.conventions_liees.is_empty(),
        ),
    ];
    let builtin = builtin
        .into_iter()
        .filter(|(_, _, present)| *present)
        .map(|(cle, titre, _)| (cle.to_string(), None, titre, format!("annexe-{cle}")));
    let own = model.annexes.iter().map(|a| {
        (
            "annexe".to_string(),
            Some(a.id.name.clone()),
            french(&a.titre.value),
            format!("annexe-{}", a.id.name),
        )
    });
    builtin
        .chain(own)
        .enumerate()
        .map(|(i, (cle, id, titre, ancre))| AnnexEntry {
            cle,
            id,
            numero: i + 1,
            intitule: format!("Annexe {}", i + 1),
            titre,
            ancre,
        })
        .collect()
}

/// « le 13 janvier 2023 à Aime-la-Plagne »: what is known of the signature, for the cover.
fn signature_summary(date: Option<&str>, lieu: Option<&str>) -> Option<String> {
    let date = date?;
    let lieu = lieu.filter(|l| *l != TO_COMPLETE);
    Some(match (date == TO_COMPLETE, lieu) {
        (true, None) => TO_COMPLETE.to_string(),
        (true, Some(l)) => format!("à {l}, le {TO_COMPLETE}"),
        (false, None) => format!("le {date}"),
        (false, Some(l)) => format!("le {date} à {l}"),
    })
}

pub fn build(model: &Model) -> View {
    let t = totals::compute(model);
    let conv = model.convention.as_ref();
    let cfg = &model.config.libelles;
    let plural = |s: &str| {
        if s.ends_with('s') || s.ends_with('x') {
            s.to_string()
        } else {
            format!("{s}s")
        }
    };
    let fiche_plural = {
        // « fiche action » → « fiches action »
        let mut words: Vec<String> = cfg.fiche.split(' ').map(str::to_string).collect();
        if let Some(w) = words.first_mut() {
            *w = plural(w);
        }
        words.join(" ")
    };
    let labels = Labels {
        axe: capitalize(&cfg.axe),
        axes: capitalize(&cfg.axes()),
        objectif: capitalize(&cfg.objectif),
        objectifs: capitalize(&plural(&cfg.objectif)),
        fiche: capitalize(&cfg.fiche),
        fiches: capitalize(&fiche_plural),
    };
    let champs: Vec<String> = conv
        .map(|c| {
            c.champs
                .iter()
                .map(|c| c.value.label().to_string())
                .collect()
        })
        .unwrap_or_default();
    let periode = conv.and_then(|c| c.periode).map(|(p, _)| PeriodView {
        debut: p.start.french(),
        fin: p.end.french(),
        annees: years_text(p.years()),
    });
    let signing: Vec<&Party> = model.signataires().collect();
    let date = conv
        .and_then(|c| c.signature.as_ref())
        .map(|(d, _)| match d {
            Val::Known(d) => d.french(),
            Val::ToComplete => TO_COMPLETE.to_string(),
        });
    let lieu = conv.and_then(|c| c.lieu.as_ref()).map(val);
    let exemplaires = conv.and_then(|c| c.exemplaires).map(|e| e.0);
    let fait_a = french(&format!(
        "Fait à {}, le {}, en {} exemplaire{} originaux.",
        lieu.clone().unwrap_or_else(|| TO_COMPLETE.into()),
        date.clone().unwrap_or_else(|| TO_COMPLETE.into()),
        exemplaires.map_or_else(|| TO_COMPLETE.to_string(), |n| n.to_string()),
        if exemplaires.unwrap_or(2) > 1 {
            "s"
        } else {
            ""
        }
    ))
    .replace("exemplaire originaux", "exemplaire original");
    let fiches: Vec<FicheView> = model
        .fiches
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let md = |t: &Option<crate::model::Text>| t.as_ref().map(|t| french(&t.markdown));
            FicheView {
                id: f.id.name.clone(),
                numero: f.numero.clone(),
                titre: french(&f.titre.value),
                intitule: format!("{} {}", labels.fiche, f.numero),
                ancre: format!("fiche-{}", f.id.name),
                axe: f
                    .axe
                    .as_ref()
                    .and_then(|r| r.target)
                    .map(|a| axe_link(model, a)),
                objectifs: f
                    .objectifs
                    .iter()
                    .filter_map(|o| o.target)
                    .map(|oi| {
                        let o = &model.objectifs[oi];
                        Link {
                            id: o.id.name.clone(),
                            numero: o.numero.clone(),
                            titre: french(&o.titre.value),
                            ancre: format!("objectif-{}", o.id.name),
                        }
                    })
                    .collect(),
                champs: f
                    .champs
                    .iter()
                    .map(|c| c.value.label().to_string())
                    .collect(),
                priorite: f.priorite.as_ref().map(|p| p.value.label().to_string()),
                statut: f.statut.as_ref().map(|s| s.value.label().to_string()),
                constat_md: md(&f.constat),
                objectifs_operationnels: f
                    .objectifs_operationnels
                    .iter()
                    .map(|o| french(&o.value))
                    .collect(),
                description_md: md(&f.description),
                public: f.public.as_ref().map(val),
                territoire: f.territoire.as_ref().map(|t| match t {
                    Territory::All => "Ensemble du territoire".to_string(),
                    Territory::Communes(list) => join_fr(
                        &list
                            .iter()
                            .map(|r| {
                                r.target
                                    .map_or(r.name.clone(), |c| french(&model.parties[c].nom.value))
                            })
                            .collect::<Vec<_>>(),
                    ),
                }),
                pilote: party_name(model, f.pilote.as_ref().and_then(|p| p.target)),
                referents: f.referents.iter().map(val).collect(),
                partenaires: f
                    .partenaires
                    .iter()
                    .filter_map(|p| party_name(model, p.target))
                    .collect(),
                calendrier: f.calendrier.map(|(r, _)| years_text(r)),
                etapes: f
                    .etapes
                    .iter()
                    .map(|e| YearValue {
                        annee: e.annee,
                        valeur: french(&e.texte),
                    })
                    .collect(),
                moyens_md: md(&f.moyens),
                resultats_attendus_md: md(&f.resultats_attendus),
                liens: f.liens.iter().map(|l| french(&l.value)).collect(),
                indicateurs: f
                    .indicateurs
                    .iter()
                    .map(|ind| {
                        let measure = |m: &crate::model::Measure| {
                            format!("{} ({})", number(&m.valeur), m.annee)
                        };
                        IndicatorView {
                            libelle: french(&ind.libelle.value),
                            type_: ind.kind.as_ref().map(|k| k.value.label().to_string()),
                            unite: ind.unite.as_deref().map(french),
                            depart: ind.depart.as_ref().map(measure),
                            cible: ind.cible.as_ref().map(measure),
                            valeurs: ind
                                .valeurs
                                .iter()
                                .map(|m| YearValue {
                                    annee: m.annee,
                                    valeur: number(&m.valeur),
                                })
                                .collect(),
                            source: ind.source.as_deref().map(french),
                            frequence: ind.frequence.as_deref().map(french),
                        }
                    })
                    .collect(),
                financements: f
                    .financements
                    .iter()
                    .map(|fin| funding_line(model, fin))
                    .collect(),
                ancre_financements: format!("financements-fiche-{}", f.id.name),
                dans_tableau_financier: t.par_fiche.contains_key(&i),
                total: money(t.par_fiche.get(&i).copied().unwrap_or_default()),
            }
        })
        .collect();
    let axes = model
        .axes
        .iter()
        .enumerate()
        .map(|(ai, a)| AxeView {
            id: a.id.name.clone(),
            numero: a.numero.clone(),
            titre: french(&a.titre.value),
            intitule: format!("{} {}", labels.axe, a.numero),
            ancre: format!("axe-{}", a.id.name),
            description_md: a.description.as_ref().map(|d| french(&d.markdown)),
            objectifs: a
                .objectifs
                .iter()
                .map(|&oi| {
                    let o = &model.objectifs[oi];
                    ObjectifView {
                        id: o.id.name.clone(),
                        numero: o.numero.clone(),
                        titre: french(&o.titre.value),
                        ancre: format!("objectif-{}", o.id.name),
                        description_md: o.description.as_ref().map(|d| french(&d.markdown)),
                        fiches: model
                            .fiches
                            .iter()
                            .enumerate()
                            .filter(|(_, f)| f.objectifs.iter().any(|r| r.target == Some(oi)))
                            .map(|(fi, _)| fiche_link(model, fi))
                            .collect(),
                    }
                })
                .collect(),
            fiches: model
                .fiches
                .iter()
                .enumerate()
                .filter(|(_, f)| f.axe.as_ref().and_then(|r| r.target) == Some(ai))
                .map(|(fi, _)| fiche_link(model, fi))
                .collect(),
            fiches_hors_objectif: model
                .fiches
                .iter()
                .enumerate()
                .filter(|(_, f)| f.axe.as_ref().and_then(|r| r.target) == Some(ai))
                .filter(|(_, f)| {
                    !f.objectifs
                        .iter()
                        .any(|r| r.target.is_some_and(|oi| a.objectifs.contains(&oi)))
                })
                .map(|(fi, _)| fiche_link(model, fi))
                .collect(),
            total: money(t.par_axe.get(&ai).copied().unwrap_or_default()),
        })
        .collect();
    let articles = articles::effective(model)
        .into_iter()
        .enumerate()
        .map(|(i, a)| ArticleView {
            numero: i + 1,
            intitule: if i == 0 {
                "Article 1er".to_string()
            } else {
                format!("Article {}", i + 1)
            },
            ancre: format!("article-{}", i + 1),
            texte_md: french(&if a.propre {
                a.texte
            } else {
                fill_article(&a.texte, model, &champs, &labels)
            }),
            titre: french(&a.titre),
            id: a.id,
        })
        .collect();
    let author = signing
        .iter()
        .map(|p| p.nom.value.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let titre = conv.map(|c| french(&c.titre.value)).unwrap_or_default();
    let mut keywords = vec![
        "Convention territoriale globale".to_string(),
        "CTG".to_string(),
    ];
    keywords.extend(
        conv.and_then(|c| c.territoire.as_ref())
            .map(|t| t.value.clone()),
    );
    keywords.extend(champs.iter().cloned());
    View {
        metadata: Metadata {
            title: titre.clone(),
            author,
            authors: signing.iter().map(|p| p.nom.value.clone()).collect(),
            keywords,
            language: "fr-FR".into(),
        },
        titre,
        slogan: conv
            .and_then(|c| c.slogan.as_ref())
            .map(|s| french(&s.value)),
        territoire: conv
            .and_then(|c| c.territoire.as_ref())
            .map(|s| french(&s.value)),
        projet: conv
            .and_then(|c| c.statut.as_ref())
            .is_none_or(|s| s.value == crate::model::ConventionStatus::Projet),
        periode,
        signature: SignatureView {
            resume: signature_summary(date.as_deref(), lieu.as_deref()),
            date,
            lieu,
            exemplaires,
            fait_a,
        },
        visas: conv
            .map(|c| {
                c.visas
                    .iter()
                    .map(|v| french(&format!("Vu {}", v.value.trim_end_matches([';', '.', ' ']))))
                    .collect()
            })
            .unwrap_or_default(),
        preambule_md: conv
            .and_then(|c| c.preambule.as_ref())
            .map(|p| french(&p.markdown)),
        champs,
        parties: signing
            .iter()
            .map(|p| PartyView {
                id: p.id.name.clone(),
                nom: french(&p.nom.value),
                denomination: p.denomination.as_ref().map(|d| french(&d.value)),
                clause: parties_clause(p),
                logo: p.logo.as_ref().map(|l| LogoView {
                    fichier: l.fichier.clone(),
                    alt: french(&l.alt),
                }),
            })
            .collect(),
        signatures: signing.iter().flat_map(|p| signature_cells(p)).collect(),
        communes: model
            .communes()
            .map(|c| CommuneView {
                id: c.id.name.clone(),
                nom: french(&c.nom.value),
                signataire: c.signe,
            })
            .collect(),
        partenaires: model
            .parties
            .iter()
            .filter(|p| p.kind == PartyKind::Partenaire)
            .map(|p| PartnerView {
                id: p.id.name.clone(),
                nom: french(&p.nom.value),
                nature: p.nature().map(|n: Nature| n.label().to_string()),
            })
            .collect(),
        axes,
        fiches,
        equipements: model
            .equipements
            .iter()
            .enumerate()
            .map(|(i, e)| EquipmentView {
                id: e.id.name.clone(),
                nom: french(&e.nom.value),
                ancre: format!("equipement-{}", e.id.name),
                type_: e.kind.as_ref().map(|k| k.value.label().to_string()),
                gestionnaire: party_name(model, e.gestionnaire.as_ref().and_then(|g| g.target)),
                commune: party_name(model, e.commune.as_ref().and_then(|c| c.target)),
                capacite: e
                    .capacite
                    .as_ref()
                    .map(|c| format!("{}\u{a0}{}", c.valeur, c.unite.label())),
                financements: e
                    .financements
                    .iter()
                    .map(|f| funding_line(model, f))
                    .collect(),
                total: money(t.par_equipement.get(&i).copied().unwrap_or_default()),
            })
            .collect(),
        instances: model
            .instances
            .iter()
            .map(|inst| InstanceView {
                id: inst.id.name.clone(),
                nom: french(&inst.nom.value),
                type_: inst.kind.as_ref().map(|k| k.value.label().to_string()),
                membres: inst
                    .membres
                    .iter()
                    .filter_map(|m| party_name(model, m.target))
                    .chain(inst.membres_libres.iter().map(|m| french(&m.value)))
                    .collect(),
                frequence: inst.frequence.as_deref().map(french),
                role_md: inst.role.as_ref().map(|r| french(&r.markdown)),
                fiches: inst
                    .fiches
                    .iter()
                    .filter_map(|f| f.target)
                    .map(|fi| fiche_link(model, fi))
                    .collect(),
            })
            .collect(),
        conventions_liees: model
            .conventions_liees
            .iter()
            .map(|c| LinkedView {
                id: c.id.name.clone(),
                titre: french(&c.titre.value),
                signataires: c
                    .signataires
                    .iter()
                    .filter_map(|s| party_name(model, s.target))
                    .collect(),
                periode: c.periode.map(|(p, _)| years_text(p.years())),
                objet_md: c.objet.as_ref().map(|o| french(&o.markdown)),
            })
            .collect(),
        articles,
        annexes: model
            .annexes
            .iter()
            .map(|a| AnnexeView {
                id: a.id.name.clone(),
                titre: french(&a.titre.value),
                texte_md: a.texte.as_ref().map(|t| french(&t.markdown)),
            })
            .collect(),
        plan_annexes: annex_plan(model, &t, &labels),
        finances: finances(model, &t),
        libelles: labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_summary_says_what_is_known() {
        assert_eq!(
            signature_summary(Some("13 janvier 2023"), Some("Aime")).as_deref(),
            Some("le 13 janvier 2023 à Aime")
        );
        assert_eq!(
            signature_summary(Some("13 janvier 2023"), Some(TO_COMPLETE)).as_deref(),
            Some("le 13 janvier 2023")
        );
        assert_eq!(
            signature_summary(Some(TO_COMPLETE), None).as_deref(),
            Some(TO_COMPLETE)
        );
        assert_eq!(
            signature_summary(Some(TO_COMPLETE), Some("Aime")).as_deref(),
            Some("à Aime, le [à compléter]")
        );
        assert_eq!(signature_summary(None, Some("Aime")), None);
    }

    #[test]
    fn indicator_values_take_french_notation() {
        let n = |s: &str| number(&Val::Known(s.to_string()));
        assert_eq!(n("12000"), "12\u{202f}000");
        assert_eq!(n("1234567,5"), "1\u{202f}234\u{202f}567,5");
        assert_eq!(n("5200"), "5200");
        assert_eq!(n("48"), "48");
        assert_eq!(n("-12000"), "-12\u{202f}000");
    }

    #[test]
    fn articles_agree() {
        assert_eq!(
            with_article(
                "Caisse d'allocations familiales de la Savoie",
                Gender::Feminin
            ),
            "La Caisse d'allocations familiales de la Savoie"
        );
        assert_eq!(
            with_article("Établissement public", Gender::Masculin),
            "L'Établissement public"
        );
        assert_eq!(
            with_article("Département de la Savoie", Gender::Masculin),
            "Le Département de la Savoie"
        );
        assert_eq!(
            with_article("la Commune de Rai", Gender::Feminin),
            "La Commune de Rai"
        );
        assert_eq!(of_body("Conseil communautaire"), "du Conseil communautaire");
        assert_eq!(
            of_body("Commission permanente"),
            "de la Commission permanente"
        );
        assert_eq!(join_fr(&["a".into(), "b".into(), "c".into()]), "a, b et c");
    }
}
