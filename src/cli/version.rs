//! `--version initiale|consolidée` and `--jusqu-a N`: which state of an amended convention a
//! command works on (`build`, `export`).

use crate::compile::Compilation;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct State {
    /// Version : consolidée (défaut : tous les avenants appliqués) ou initiale (la convention telle que signée)
    #[arg(long = "version", value_name = "VERSION", conflicts_with = "jusqu_a",
          value_parser = super::completions::Offered(versions), hide_possible_values = true)]
    pub version: Option<String>,
    /// La convention consolidée par les avenants n° 1 à N seulement
    #[arg(long = "jusqu-a", alias = "jusqu-à", value_name = "N")]
    pub jusqu_a: Option<u32>,
}

/// The values `--version` offers to the completion scripts (the unaccented spelling is accepted too).
fn versions() -> Vec<&'static str> {
    vec!["consolidée", "initiale"]
}

impl State {
    /// The avenants to apply: all (`None`), none (`initiale`), or up to `--jusqu-a N`.
    pub(super) fn upto(&self) -> Result<Option<u32>, String> {
        if let Some(n) = self.jusqu_a {
            return Ok(Some(n));
        }
        match self.version.as_deref().map(crate::keyword::fold).as_deref() {
            None | Some("consolidee") => Ok(None),
            Some("initiale") => Ok(Some(0)),
            Some(other) => Err(format!(
                "version « {} » inconnue (versions possibles : consolidée, initiale)",
                super::prose::verbatim(other)
            )),
        }
    }
}

/// Replaces the compilation's model by the state UPTO asks for (nothing to do for `None`: the
/// model is the consolidated one already).
pub(super) fn select(comp: &mut Compilation, upto: Option<u32>) -> Result<(), String> {
    if let Some(n) = upto {
        if n > 0 && !comp.signed.avenants.iter().any(|a| a.numero == n) {
            return Err(format!("la convention n'a pas d'avenant n° {n}"));
        }
        comp.model = crate::avenant::consolidate(&comp.signed, Some(n));
    }
    Ok(())
}
