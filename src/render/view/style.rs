//! The house style of the Caf's model, as the templates read it: colours (`None` keeps each
//! template's own default), font families put before the templates' defaults, the cover layout,
//! where the signatories' logos go, and the model's logo.

use serde::Serialize;

use crate::caf_model::Style;

#[derive(Serialize, Debug, Clone, Default)]
pub struct StyleView {
    pub principale: Option<String>,
    pub discrete: Option<String>,
    pub filet: Option<String>,
    pub fond: Option<String>,
    pub polices_texte: Vec<String>,
    pub polices_titres: Vec<String>,
    /// `classique` or `bandeau`.
    pub couverture: &'static str,
    /// `haut` or `bas`: the signatories' logos on the cover.
    pub logos: &'static str,
    pub logo: Option<HouseLogoView>,
}

/// The model's logo: `fichier` is its path in typst's root and its key among the HTML page's
/// logos.
#[derive(Serialize, Debug, Clone)]
pub struct HouseLogoView {
    pub fichier: String,
    pub alt: String,
    /// Also in the running header of the PDF's pages.
    pub entete: bool,
}

pub(super) fn style(style: &Style) -> StyleView {
    StyleView {
        principale: style.principale.clone(),
        discrete: style.discrete.clone(),
        filet: style.filet.clone(),
        fond: style.fond.clone(),
        polices_texte: style.polices_texte.clone(),
        polices_titres: style.polices_titres.clone(),
        couverture: style.couverture.keyword(),
        logos: style.logos.keyword(),
        logo: style.logo.as_ref().map(|l| HouseLogoView {
            fichier: l.shown_as(),
            alt: l.alt.clone(),
            entete: l.entete,
        }),
    }
}
