//! Synthetic conventions for the benchmarks and the scaling tests: a valid project of any number
//! of fiches, shaped like a large real one (a 65-commune agglomeration, a Caf, an EPCI and three
//! signing communes, partners, axes with objectifs, a governance), each fiche with the fields of
//! a real fiche: constat, description, territory, pilot, partners, calendar, steps, two indicators
//! with values, and three funding lines over the years. Fiches are split across files of
//! `FICHES_PER_FILE`, included by one pattern. With [`write_with_bilans`], the bilans of 2023 and
//! 2024 too: every fiche's year (statut, both indicators' values, réalisé, étape, prose), split the
//! same way. The text is deterministic: the same count always gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

/// How many fiches each included file holds.
pub const FICHES_PER_FILE: usize = 50;

/// Communes of the territory; the first `SIGNING_COMMUNES` sign.
const COMMUNES: usize = 65;
const SIGNING_COMMUNES: usize = 3;

const CHAMPS: [&str; 5] = [
    "petite-enfance",
    "enfance",
    "jeunesse",
    "parentalité",
    "accès-aux-droits",
];
const STATUTS: [&str; 4] = ["à-engager", "en-cours", "réalisé", "reporté"];
const PARTENAIRES: [&str; 4] = ["msa", "departement", "csc", "mission-locale"];

/// A small deterministic generator (xorshift), for varied amounts and lists.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

/// Axes and objectifs per axe for a plan of `fiches` fiches: every objectif gets a fiche.
fn plan_shape(fiches: usize) -> (usize, usize) {
    let axes = (fiches / 10).clamp(2, 12);
    let per_axe = (fiches / axes).clamp(1, 4);
    (axes, per_axe)
}

/// The files of a convention of `fiches` fiches: (path relative to the project, text). The main
/// file is `convention.ctg`.
pub fn generate(fiches: usize) -> Vec<(String, String)> {
    let (axes, per_axe) = plan_shape(fiches);
    let mut files = vec![(
        "convention.ctg".to_string(),
        main_file(fiches, axes, per_axe),
    )];
    let mut seq = Sequence(0x9e37_79b9_7f4a_7c15);
    let mut text = String::new();
    for i in 0..fiches {
        fiche(&mut text, i, axes, per_axe, &mut seq);
        if (i + 1) % FICHES_PER_FILE == 0 || i + 1 == fiches {
            files.push((
                format!("fiches/fiches-{:05}.ctg", i / FICHES_PER_FILE + 1),
                std::mem::take(&mut text),
            ));
        }
    }
    files
}

/// The years [`generate_with_bilans`] writes a bilan for.
pub const BILAN_YEARS: [i32; 2] = [2023, 2024];

/// [`generate`], and a bilan of each of [`BILAN_YEARS`] for every fiche, in files of
/// `FICHES_PER_FILE` entries (`bilans/2024/bilan-00001.ctg`) that the main file includes.
pub fn generate_with_bilans(fiches: usize) -> Vec<(String, String)> {
    let (axes, _) = plan_shape(fiches);
    let mut files = generate(fiches);
    files[0].1.push_str("\ninclure \"bilans/*/*.ctg\"\n");
    for year in BILAN_YEARS {
        let mut text = String::new();
        for i in 0..fiches {
            if i % FICHES_PER_FILE == 0 {
                text = bilan_head(year, axes, i == 0);
            }
            bilan_entry(&mut text, i, year);
            if (i + 1) % FICHES_PER_FILE == 0 || i + 1 == fiches {
                text.push_str("}\n");
                files.push((
                    format!("bilans/{year}/bilan-{:05}.ctg", i / FICHES_PER_FILE + 1),
                    std::mem::take(&mut text),
                ));
            }
        }
    }
    files
}

/// Writes the convention into DIR (created if needed). Returns the number of bytes written.
pub fn write(dir: &Path, fiches: usize) -> std::io::Result<u64> {
    write_files(dir, generate(fiches))
}

/// Writes the convention and its bilans ([`generate_with_bilans`]) into DIR.
pub fn write_with_bilans(dir: &Path, fiches: usize) -> std::io::Result<u64> {
    write_files(dir, generate_with_bilans(fiches))
}

fn write_files(dir: &Path, files: Vec<(String, String)>) -> std::io::Result<u64> {
    let mut total = 0;
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &text)?;
        total += text.len() as u64;
    }
    Ok(total)
}

fn main_file(fiches: usize, axes: usize, per_axe: usize) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let signataires = 2 + SIGNING_COMMUNES;
    let _ = write!(
        s,
        r#"# Convention synthétique de {fiches} fiches, générée pour les mesures de performance.

convention "Convention territoriale globale de l'agglomération de Valsynthèse" {{
  slogan "Grandir et vivre ensemble"
  territoire "Communauté d'agglomération de Valsynthèse"
  période 2023 .. 2026
  signature 13 janvier 2023
  lieu "Valsynthèse"
  exemplaires {signataires}
  statut projet
  champs petite-enfance, enfance, jeunesse, parentalité, accès-aux-droits
  vu "le Code de la sécurité sociale, notamment ses articles L. 263-1 et L. 223-1"
  vu "la délibération du conseil d'administration de la Caf"
  préambule """
    L'agglomération et la Caf s'engagent pour les familles des {COMMUNES} communes du territoire.
    Le diagnostic partagé a conduit à un plan d'actions de {fiches} fiches, réparties en {axes} axes.
  """
}}

signataire caf "Caisse d'allocations familiales de Valsynthèse" {{
  nature caf
  dénomination "la Caf"
  représentant "Président du conseil d'administration" M. "Jean Dupont"
  représentant "Directrice" Mme "Claire Martin"
  délibération "Conseil d'administration" 12 décembre 2022
  adresse "1 place de la Gare, 99000 Valsynthèse"
}}

signataire agglo "Communauté d'agglomération de Valsynthèse" {{
  nature epci
  dénomination "l'Agglomération"
  genre féminin
  représentant "Président" M. "Paul Bernard"
  délibération "Conseil communautaire" 15 décembre 2022 "CC/22-118"
}}

"#
    );
    for c in 0..COMMUNES {
        if c < SIGNING_COMMUNES {
            let _ = writeln!(
                s,
                "commune c{c:02} \"Commune n° {c}\" {{\n  signataire oui\n  représentant \"Maire\" Mme \"Élise Roux\"\n  délibération \"Conseil municipal\" 5 décembre 2022\n}}"
            );
        } else {
            let _ = writeln!(s, "commune c{c:02} \"Commune n° {c}\"");
        }
    }
    s.push_str(
        r#"
partenaire msa "Mutualité sociale agricole" {
  nature msa
  dénomination "la MSA"
}
partenaire departement "Conseil départemental" {
  nature département
  dénomination "le Département"
}
partenaire csc "Centre social du Val" {
  nature centre-social
}
partenaire mission-locale "Mission locale" {
  nature association
}

"#,
    );
    for a in 0..axes {
        let _ = writeln!(
            s,
            "axe a{a:02} \"Axe stratégique n° {a} : garantir l'accès des familles aux services\" {{\n  description \"\"\"\n    Orientation issue du diagnostic partagé ; elle regroupe les fiches de son champ.\n  \"\"\""
        );
        for o in 0..per_axe {
            let _ = writeln!(
                s,
                "  objectif a{a:02}-o{o} \"Objectif {o} de l'axe {a} : développer l'offre de proximité\""
            );
        }
        s.push_str("}\n\n");
    }
    let _ = write!(
        s,
        r#"instance copil "Comité de pilotage" {{
  type copil
  membres caf, agglo, c00, c01, c02, msa
  fréquence "au moins une fois par an"
  rôle """Valide le plan d'actions et le bilan annuel."""
}}

inclure "fiches/*.ctg"
"#
    );
    s
}

fn fiche(s: &mut String, i: usize, axes: usize, per_axe: usize, seq: &mut Sequence) {
    let axe = i % axes;
    let objectif = (i / axes) % per_axe;
    let champ = CHAMPS[i % CHAMPS.len()];
    let statut = STATUTS[i % STATUTS.len()];
    let priorite = if i.is_multiple_of(3) {
        "prioritaire"
    } else {
        "secondaire"
    };
    let partenaire = PARTENAIRES[i % PARTENAIRES.len()];
    let (c1, c2) = (3 + seq.next(60) as usize, 3 + seq.next(60) as usize);
    let territoire = if i.is_multiple_of(5) {
        "tout".to_string()
    } else if c1 == c2 {
        format!("c{c1:02}")
    } else {
        format!("c{c1:02}, c{c2:02}")
    };
    let caf = 5 + seq.next(60);
    let agglo = 10 + seq.next(90);
    let places = 10 + seq.next(40);
    let _ = write!(
        s,
        r#"fiche f{i:05} "Fiche {i} : maintenir et développer l'offre d'accueil pour les familles" {{
  axe a{axe:02}
  objectifs a{axe:02}-o{objectif}
  champ {champ}
  priorité {priorite}
  statut {statut}
  constat """
    Les familles du secteur {i} signalent des listes d'attente et des horaires peu adaptés.
    Le diagnostic partagé de 2022 confirme un besoin de {places} places supplémentaires.
  """
  objectif-opérationnel "Ouvrir {places} places d'ici 2026"
  objectif-opérationnel "Informer les familles de l'offre existante"
  description """
    - Étude de faisabilité avec les communes concernées.
    - Recrutement et formation des professionnels.
    - *Communication* auprès des familles et des partenaires.
  """
  public "Familles avec enfants de 0 à 17 ans"
  territoire {territoire}
  pilote agglo
  référent "Coordinatrice enfance-jeunesse"
  partenaires caf, {partenaire}
  calendrier 2023 .. 2026
  étape 2024 "Ouverture de la première tranche"
  moyens """1 ETP de coordination, locaux mis à disposition par les communes."""
  lien "Projet éducatif de territoire"
  indicateur "Places d'accueil ouvertes" {{
    type résultat
    unité "places"
    départ {places} en 2022
    cible {target} en 2026
    valeur 2023 {places}
    source "Caf – SIAS"
    fréquence "annuelle"
  }}
  indicateur "Familles informées" {{
    type réalisation
    unité "familles"
    départ 0 en 2022
    cible 200 en 2026
  }}
  financement caf 2023 .. 2026 {caf} 000 € par an dispositif "Bonus territoire"
  financement agglo 2024 {agglo} 500 € prévisionnel
  financement {partenaire} 2025 à déterminer
}}

"#,
        target = places * 2
    );
}

/// The opening of a bilan file; the first file of the year has the COPIL and the syntheses.
fn bilan_head(year: i32, axes: usize, first: bool) -> String {
    let mut s = format!("bilan {year} {{\n");
    if first {
        let _ = writeln!(s, "  copil 14 mars {}", year + 1);
        for a in 0..axes {
            let _ = writeln!(
                s,
                "  synthèse axe a{a:02} \"Bilan {year} de l'axe : actions engagées selon le calendrier.\""
            );
        }
    }
    s
}

/// Fiche I's year: its own statut every year (never going back), values under the targets,
/// réalisé under the prévu (the Caf gives at least 5 000 € a year, the agglomération 10 500 € in
/// 2024).
fn bilan_entry(s: &mut String, i: usize, year: i32) {
    let statut = STATUTS[i % STATUTS.len()];
    let (familles, places) = if year == 2023 {
        (40 + i % 20, String::new())
    } else {
        (
            90 + i % 20,
            format!("    valeur \"Places d'accueil ouvertes\" {}\n", 12 + i % 30),
        )
    };
    let agglo = if year == 2024 {
        "    réalisé agglo 10 000 €\n"
    } else {
        ""
    };
    let _ = write!(
        s,
        r#"  fiche f{i:05} {{
    statut {statut}
{places}    valeur "Familles informées" {familles}
    réalisé caf 4 500 €
{agglo}    étape-réalisée "Étude de faisabilité avec les communes concernées"
    difficultés "Recrutement difficile des professionnels qualifiés."
    perspectives "Poursuivre l'ouverture des places prévues."
  }}
"#
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_objectif_has_a_fiche() {
        for n in [10, 11, 100, 1000, 10_000] {
            let (axes, per_axe) = plan_shape(n);
            assert!(axes * per_axe <= n, "{n} fiches");
        }
    }

    #[test]
    fn deterministic_and_split() {
        let a = generate(120);
        assert_eq!(a, generate(120));
        assert_eq!(a.len(), 1 + 3, "the main file and 3 files of fiches");
        assert!(
            a[3].1.matches("\nfiche ").count() + usize::from(a[3].1.starts_with("fiche ")) == 20
        );
    }
}
