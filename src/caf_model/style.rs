//! The house style of a model, by configuration: colours, fonts (typst's own or the model's
//! `fonts/`), the cover layout, where the signatories' logos go on it, and the model's own logo.
//! Every value is checked here; the templates only read the result (`render::view::style`).

use std::path::Path;

use serde::{Deserialize, Deserializer};
use serde_yaml::Value;

use super::manifest::Report;
use crate::logos::{self, Problem};
use crate::project::{Root, relative};
use crate::rules;
use crate::world::World;

/// Where the model's logo is copied in typst's private root (`build::sandbox`) and named in the
/// documents: apart from the project's logos, which keep the paths they are written with.
pub(crate) const HOUSE_DIR: &str = "modele-caf";

/// The font families embedded in typst (`typst fonts --ignore-system-fonts`).
pub(crate) const EMBEDDED_FAMILIES: [&str; 4] = [
    "Libertinus Serif",
    "New Computer Modern",
    "New Computer Modern Math",
    "DejaVu Sans Mono",
];

/// The text colour of both documents: a background colour must keep it readable.
const TEXT_COLOUR: &str = "#1b1b1b";
/// WCAG AA for body text.
const MIN_CONTRAST: f64 = 4.5;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct StyleManifest {
    #[serde(default)]
    couleurs: Colours,
    #[serde(default)]
    polices: Fonts,
    #[serde(default)]
    couverture: Option<String>,
    #[serde(default)]
    logos: Option<String>,
    #[serde(default)]
    logo: Option<LogoManifest>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Colours {
    principale: Option<String>,
    #[serde(alias = "discrète")]
    discrete: Option<String>,
    filet: Option<String>,
    fond: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Fonts {
    texte: Option<Families>,
    titres: Option<Families>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Families {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LogoManifest {
    fichier: String,
    #[serde(default)]
    alt: String,
    #[serde(default, alias = "entête", deserialize_with = "yes_no")]
    entete: bool,
}

/// The cover layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Cover {
    /// Logos, title, period and the signing bodies, centred on white.
    #[default]
    Classique,
    /// The title, territory and period on a band of the main colour across the top.
    Bandeau,
}

/// Where the signatories' logos go on the cover.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum LogoPlace {
    #[default]
    Haut,
    Bas,
}

impl Cover {
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Cover::Classique => "classique",
            Cover::Bandeau => "bandeau",
        }
    }
}

impl LogoPlace {
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            LogoPlace::Haut => "haut",
            LogoPlace::Bas => "bas",
        }
    }
}

/// The model's logo: a file of the model directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HouseLogo {
    /// Relative to the model directory, normalised (`logos/caf.svg`).
    pub fichier: String,
    pub alt: String,
    /// Also in the running header of the PDF's pages.
    pub entete: bool,
}

impl HouseLogo {
    /// The logo's path in typst's root and its key among the HTML page's logos.
    pub(crate) fn shown_as(&self) -> String {
        format!("{HOUSE_DIR}/{}", self.fichier)
    }
}

/// The style, checked: `None` and empty lists leave the templates' defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Style {
    /// `#rrggbb`: headings, rules, links, the cover's band.
    pub principale: Option<String>,
    /// `#rrggbb`: running headers, page numbers, secondary text.
    pub discrete: Option<String>,
    /// `#rrggbb`: table rules.
    pub filet: Option<String>,
    /// `#rrggbb`: table headers and totals.
    pub fond: Option<String>,
    /// Font families of the text, in order of preference (the defaults follow them).
    pub polices_texte: Vec<String>,
    /// Font families of headings and of the cover's title.
    pub polices_titres: Vec<String>,
    pub couverture: Cover,
    pub logos: LogoPlace,
    pub logo: Option<HouseLogo>,
}

/// The style of the manifest, checked against the model directory ROOT.
pub(super) fn read(
    world: &dyn World,
    root: Option<&Root>,
    written: StyleManifest,
    report: &mut Report<'_>,
) -> Style {
    let families = available_families(world, root);
    let mut style = Style {
        principale: colour(report, "principale", written.couleurs.principale, true),
        discrete: colour(report, "discrète", written.couleurs.discrete, true),
        filet: colour(report, "filet", written.couleurs.filet, false),
        fond: colour(report, "fond", written.couleurs.fond, false),
        polices_texte: fonts(report, "texte", written.polices.texte, &families),
        polices_titres: fonts(report, "titres", written.polices.titres, &families),
        ..Style::default()
    };
    if let Some(cover) = written.couverture {
        match cover.as_str() {
            "classique" => style.couverture = Cover::Classique,
            "bandeau" => style.couverture = Cover::Bandeau,
            other => bad_choice(report, "couverture", other, "classique, bandeau"),
        }
    }
    if let Some(place) = written.logos {
        match place.as_str() {
            "haut" => style.logos = LogoPlace::Haut,
            "bas" => style.logos = LogoPlace::Bas,
            other => bad_choice(report, "logos", other, "haut, bas"),
        }
    }
    if let Some(logo) = written.logo {
        style.logo = house_logo(world, root, logo, report);
    }
    style
}

fn bad_choice(report: &mut Report<'_>, key: &str, value: &str, allowed: &str) {
    let span = report.key(&[&["style"], &[key]]);
    report.error_help(
        &rules::MODELE_INVALIDE,
        format!("style : « {key} » ne peut pas valoir « {value} »"),
        span,
        "valeur inconnue",
        format!("valeurs possibles : {allowed}"),
    );
}

/// A colour `#rgb` or `#rrggbb`, as `#rrggbb`. A colour of text (TEXT) must read on white; a
/// background one must keep the text readable.
fn colour(report: &mut Report<'_>, key: &str, value: Option<String>, text: bool) -> Option<String> {
    let value = value?;
    let folded = crate::keyword::fold(key);
    let span = report.key(&[&["style"], &["couleurs"], &[key, folded.as_str()]]);
    let Some(hex) = hex_colour(&value) else {
        report.error_help(
            &rules::MODELE_INVALIDE,
            format!("style : la couleur « {key} » doit s'écrire #rrggbb, pas « {value} »"),
            span,
            "couleur mal écrite",
            "écrivez la couleur en hexadécimal entre guillemets : \"#1f3a68\"".into(),
        );
        return None;
    };
    let against = if text { "#ffffff" } else { TEXT_COLOUR };
    let ratio = contrast(&hex, against);
    if ratio < MIN_CONTRAST {
        let (role, fix) = if text {
            ("du texte sur fond blanc", "plus foncée")
        } else {
            ("un fond sous le texte", "plus claire")
        };
        report.error_help(
            &rules::MODELE_INVALIDE,
            format!(
                "style : la couleur « {key} » ({hex}) sert {role} et ne contraste pas assez ({}:1, il faut {}:1)",
                decimal(ratio),
                decimal(MIN_CONTRAST)
            ),
            span,
            "contraste insuffisant",
            format!("choisissez une couleur {fix} : le PDF et la page HTML doivent rester lisibles"),
        );
        return None;
    }
    Some(hex)
}

/// A ratio with one decimal, written the French way (« 4,5 »).
fn decimal(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

/// `#rgb` or `#rrggbb` → `#rrggbb`, lowercase.
pub(crate) fn hex_colour(value: &str) -> Option<String> {
    let digits = value.trim().strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let full = match digits.len() {
        3 => digits.chars().flat_map(|c| [c, c]).collect(),
        6 => digits.to_string(),
        _ => return None,
    };
    Some(format!("#{}", full.to_ascii_lowercase()))
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
pub(crate) fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// Font families, each one embedded in typst or in the model's `fonts/`.
fn fonts(
    report: &mut Report<'_>,
    key: &str,
    value: Option<Families>,
    available: &[String],
) -> Vec<String> {
    let list = match value {
        None => return Vec::new(),
        Some(Families::One(f)) => vec![f],
        Some(Families::Many(list)) => list,
    };
    let mut kept = Vec::new();
    for family in list {
        if available
            .iter()
            .any(|a| a.eq_ignore_ascii_case(family.trim()))
        {
            kept.push(family.trim().to_string());
            continue;
        }
        let span = report.value(&[&["style"], &["polices"], &[key]], &family);
        report.error_help(
            &rules::MODELE_INVALIDE,
            format!("style : la police « {family} » n'est ni intégrée à typst ni dans le dossier fonts/ du modèle"),
            span,
            "police introuvable",
            format!(
                "polices disponibles : {} ; placez le fichier de la police (.ttf, .otf) dans fonts/ du modèle",
                available.join(", ")
            ),
        );
    }
    kept
}

/// The families typst can use for a model: its own, and those of the model's `fonts/`.
fn available_families(world: &dyn World, root: Option<&Root>) -> Vec<String> {
    let mut list: Vec<String> = EMBEDDED_FAMILIES.iter().map(|f| f.to_string()).collect();
    let Some(root) = root else { return list };
    for file in super::fonts_of(world, root) {
        let Ok(data) = crate::world::read_limited(world, &file, crate::limits::MAX_PROJECT_BYTES)
        else {
            continue;
        };
        for family in families(&data) {
            if !list.contains(&family) {
                list.push(family);
            }
        }
    }
    list
}

/// The family names a font file declares (every face of a collection).
pub(crate) fn families(data: &[u8]) -> Vec<String> {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let mut out = Vec::new();
    for index in 0..count {
        let Ok(face) = ttf_parser::Face::parse(data, index) else {
            continue;
        };
        for name in face.names() {
            let family = name.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || name.name_id == ttf_parser::name_id::FAMILY;
            if let (true, Some(text)) = (family, name.to_string())
                && !out.contains(&text)
            {
                out.push(text);
            }
        }
    }
    out
}

/// The model's logo: a file of the model directory in a format the PDF includes, with an
/// alternative text — the rules of the signatories' logos (`crate::logos`).
fn house_logo(
    world: &dyn World,
    root: Option<&Root>,
    logo: LogoManifest,
    report: &mut Report<'_>,
) -> Option<HouseLogo> {
    let span = report.key(&[&["style"], &["logo"], &["fichier"]]);
    if logo.alt.trim().is_empty() {
        let at = report.key(&[&["style"], &["logo"]]);
        report.error(
            &rules::LOGO_SANS_ALTERNATIVE,
            format!(
                "le logo « {} » du modèle n'a pas de texte de remplacement (alt)",
                logo.fichier
            ),
            at,
            "logo sans description",
        );
    }
    let root = root?;
    let found = logos::locate_in(world, root, &logo.fichier).and_then(|f| f.check_content(world));
    if let Err(problem) = found
        && let Some((rule, why)) = logo_problem(problem)
    {
        report.error_help(
            rule,
            format!("logo du modèle « {} » : {why}", logo.fichier),
            span,
            "logo du modèle",
            "écrivez le chemin du logo relatif au dossier du modèle (logos/caf.svg), au format PNG, JPEG, GIF, WebP ou SVG".into(),
        );
        return None;
    }
    let fichier = relative(Path::new(&logo.fichier)).ok()?;
    Some(HouseLogo {
        fichier: fichier.to_string_lossy().replace('\\', "/"),
        alt: logo.alt,
        entete: logo.entete,
    })
}

/// The rule and the French reason of a logo that cannot be used; `None` when it can (a logo too
/// large for the HTML page stays in the PDF).
fn logo_problem(problem: Problem) -> Option<(&'static rules::Rule, String)> {
    Some(match problem {
        Problem::UnknownFormat(_) | Problem::Content(_) => (
            &rules::LOGO_FORMAT,
            "format que le PDF ne peut pas inclure".to_string(),
        ),
        Problem::Absolute => (&rules::LOGO_INTROUVABLE, "chemin absolu".to_string()),
        Problem::Outside => (
            &rules::LOGO_INTROUVABLE,
            "hors du dossier du modèle".to_string(),
        ),
        Problem::NotAFile => (
            &rules::LOGO_INTROUVABLE,
            "ce n'est pas un fichier".to_string(),
        ),
        Problem::Missing(e) | Problem::Unreadable(e) => (&rules::LOGO_INTROUVABLE, e.to_string()),
        Problem::TooLarge(_) => return None,
    })
}

/// `oui`/`non` (or `true`/`false`) in the manifest.
pub(crate) fn yes_no<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let value = Value::deserialize(d)?;
    yes_no_value(&value).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{}une valeur oui ou non est attendue",
            crate::project::CONFIG_MESSAGE
        ))
    })
}

/// A YAML value read as oui/non.
pub(super) fn yes_no_value(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_lowercase().as_str() {
            "oui" | "true" => Some(true),
            "non" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}
