//! A signed convention changes only through avenants: what a new version changes in the text as
//! signed (its avenants set aside) is a change made outside them. The follow-up is not the signed
//! text: the bilans and the indicators' yearly values (wherever written) are written every year
//! after the signature.

use super::{Change, Element};
use crate::model::{ConventionStatus, Model};

/// The changes from OLD to NEW of the convention as signed, when OLD is signed (`statut
/// signée`); none otherwise (a draft changes freely). Both are the models as signed, avenants
/// declared but not applied.
pub(crate) fn outside_avenants(old: &Model, new: &Model) -> Vec<Change> {
    let signed = old
        .convention
        .as_ref()
        .and_then(|c| c.statut.as_ref())
        .is_some_and(|s| s.value == ConventionStatus::Signee);
    if !signed {
        return Vec::new();
    }
    super::compare(old, new, String::new(), String::new())
        .changements
        .into_iter()
        .filter(|c| !matches!(c.element, Element::Avenant | Element::Bilan))
        .filter(|c| c.champ.as_deref() != Some("valeur"))
        .collect()
}
