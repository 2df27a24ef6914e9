//! Who signs and how the convention is steered, as the default articles need to know it to say
//! the right thing: which bodies take a commitment (the Caf, the MSA, the Département, the
//! collectivités), how many collectivités sign and so whether the verbs are plural, which
//! instances exist. The French stays in the article texts (`articles.yaml`); this module gives
//! them the designations and the facts.

use crate::model::{Gender, InstanceType, Model, Nature, Party};
use crate::typography::french;

use super::french::{lower_article, with_article};
use super::parties::legal_name;
use super::text::join_fr;

/// The facts about the signing bodies and the instances that the article texts read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Signatories {
    /// An MSA signs.
    pub msa: bool,
    /// How the signing Département is named (« le Département »), if one signs.
    pub departement: Option<String>,
    /// The signing collectivités (EPCI, communes, syndicats, Région) as the text names them:
    /// « la Commune du Pouget », « la Communauté de communes et la Ville de L'Aigle », « la
    /// Communauté d'agglomération et les communes signataires », « les collectivités
    /// signataires »; empty when none signs.
    pub collectivites: String,
    /// More than one collectivité: plural verbs.
    pub collectivites_pluriel: bool,
    /// The pronoun that stands for them: « elle », « il », « elles », « ils ».
    pub collectivites_pronom: &'static str,
    /// An EPCI signs: communes may join the convention.
    pub epci: bool,
    /// The other signing bodies (CIAS, État, association…), named; empty when none.
    pub autres: String,
    pub autres_pluriel: bool,
    /// The instances of gouvernance: any, a comité de pilotage, a comité technique, working groups.
    pub instances: bool,
    pub copil: bool,
    pub cotech: bool,
    pub groupes: bool,
}

/// How an article text names a party once the parties clause has named it: its dénomination
/// (« la Caf », « la Ville de L'Aigle »), else its name with its article (« la Commune du
/// Pouget »).
pub(super) fn designation(p: &Party) -> String {
    match &p.denomination {
        Some(d) => french(d.value.trim()),
        None => french(&lower_article(&with_article(&legal_name(p), p.gender()))),
    }
}

/// More collectivités than this are named as a group.
const NAMED_AT_MOST: usize = 3;

pub(super) fn signatories(model: &Model) -> Signatories {
    let signing: Vec<&Party> = model.signataires().collect();
    let of = |n: Nature| signing.iter().filter(move |p| p.nature() == Some(n));
    let collectivites: Vec<&Party> = signing
        .iter()
        .copied()
        .filter(|p| {
            p.nature()
                .is_some_and(|n| n.is_collectivite() && n != Nature::Departement)
        })
        .collect();
    let epcis = of(Nature::Epci).count();
    let named = match collectivites.len() {
        0 => String::new(),
        n if n <= NAMED_AT_MOST => join_fr(
            &collectivites
                .iter()
                .map(|p| designation(p))
                .collect::<Vec<_>>(),
        ),
        _ if epcis == 1
            && collectivites
                .iter()
                .all(|p| matches!(p.nature(), Some(Nature::Epci | Nature::Commune))) =>
        {
            let epci = collectivites
                .iter()
                .find(|p| p.nature() == Some(Nature::Epci))
                .map(|p| designation(p))
                .unwrap_or_default();
            format!("{epci} et les communes signataires")
        }
        _ => "les collectivités signataires".to_string(),
    };
    let plural = collectivites.len() > 1;
    let feminine = collectivites.iter().all(|p| p.gender() == Gender::Feminin)
        || collectivites.len() > NAMED_AT_MOST;
    let autres: Vec<&Party> = signing
        .iter()
        .copied()
        .filter(|p| {
            !matches!(
                p.nature(),
                Some(Nature::Caf | Nature::Msa | Nature::Departement)
            ) && !collectivites.iter().any(|c| c.id.name == p.id.name)
        })
        .collect();
    let has = |kind: InstanceType, names: &[&str]| {
        model.instances.iter().any(|i| match &i.kind {
            Some(k) => k.value == kind,
            None => {
                let name = crate::keyword::fold(&i.nom.value);
                names.iter().any(|n| name.starts_with(n))
            }
        })
    };
    Signatories {
        msa: of(Nature::Msa).next().is_some(),
        departement: of(Nature::Departement).next().map(|p| designation(p)),
        collectivites: named,
        collectivites_pluriel: plural,
        collectivites_pronom: match (plural, feminine) {
            (false, true) => "elle",
            (false, false) => "il",
            (true, true) => "elles",
            (true, false) => "ils",
        },
        epci: epcis > 0,
        autres: join_fr(&autres.iter().map(|p| designation(p)).collect::<Vec<_>>()),
        autres_pluriel: autres.len() > 1,
        instances: !model.instances.is_empty(),
        copil: has(InstanceType::Copil, &["comite de pilotage", "copil"]),
        cotech: has(InstanceType::Cotech, &["comite technique", "cotech"]),
        groupes: has(
            InstanceType::GroupeDeTravail,
            &["groupe de travail", "groupes de travail"],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Options, analyse_file};

    /// The facts of SOURCE, no-break spaces read as spaces.
    fn of(source: &str) -> Signatories {
        let comp = analyse_file("t.ctg", source.as_bytes(), Options::default()).expect("in memory");
        let mut s = signatories(&comp.model);
        s.collectivites = s.collectivites.replace('\u{a0}', " ");
        s.departement = s.departement.map(|d| d.replace('\u{a0}', " "));
        s.autres = s.autres.replace('\u{a0}', " ");
        s
    }

    const CAF: &str = "signataire caf \"Caisse d'allocations familiales de la Corrèze\" { nature caf\n dénomination \"la Caf\" }\n";

    #[test]
    fn one_commune_is_singular() {
        let s = of(&format!(
            "{CAF}commune pouget \"Le Pouget\" {{ signataire oui }}\ninstance g \"Groupe de travail parentalité\" {{ type groupe-de-travail }}\n"
        ));
        assert_eq!(s.collectivites, "la Commune du Pouget");
        assert!(!s.collectivites_pluriel && !s.epci && !s.msa);
        assert_eq!(s.collectivites_pronom, "elle");
        assert!(s.instances && s.groupes && !s.copil && !s.cotech);
    }

    #[test]
    fn the_msa_the_departement_and_two_epcis_are_named() {
        let s = of(&format!(
            "{CAF}signataire msa \"MSA Limousin\" {{ nature msa }}\n\
             signataire cd \"Département de la Corrèze\" {{ nature département\n dénomination \"le Département\" }}\n\
             signataire a \"Communauté d'agglomération du Bassin de Brive\" {{ nature epci\n dénomination \"l'Agglo\" }}\n\
             signataire b \"Communauté de communes Midi Corrézien\" {{ nature epci }}\n\
             signataire sivom \"SIVOM d'Ayen\" {{ nature syndicat }}\n\
             signataire cias \"CIAS de Brive\" {{ nature cias }}\n\
             instance copil \"Comité de pilotage\"\n"
        ));
        assert!(s.msa && s.epci && s.copil && !s.cotech);
        assert_eq!(s.departement.as_deref(), Some("le Département"));
        assert_eq!(
            s.collectivites,
            "l'Agglo, la Communauté de communes Midi Corrézien et le SIVOM d'Ayen"
        );
        assert_eq!(s.collectivites_pronom, "ils");
        assert_eq!(s.autres, "le CIAS de Brive");
        assert!(!s.autres_pluriel);
    }

    #[test]
    fn many_communes_are_a_group() {
        let communes: String = (1..=13)
            .map(|i| format!("commune c{i} \"Commune {i}\" {{ signataire oui }}\n"))
            .collect();
        let s = of(&format!(
            "{CAF}signataire cc \"Communauté de communes\" {{ nature epci\n dénomination \"la Communauté de communes\" }}\n{communes}"
        ));
        assert_eq!(
            s.collectivites,
            "la Communauté de communes et les communes signataires"
        );
        assert!(s.collectivites_pluriel);
        let s = of(&format!(
            "{CAF}signataire s \"SIVU\" {{ nature syndicat }}\n{communes}"
        ));
        assert_eq!(s.collectivites, "les collectivités signataires");
        assert_eq!(s.collectivites_pronom, "elles");
    }
}
