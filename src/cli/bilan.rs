//! `ctgc bilan`: the bilan of one year (or the end-of-term evaluation) as PDF, Typst and HTML.

use crate::build::Documents;
use crate::build::bilan::Request;
use crate::compile::Compilation;

#[derive(clap::Args, Debug)]
pub struct BilanArgs {
    #[command(flatten)]
    pub build: super::build::Args,
    /// Année du bilan (défaut : la dernière année qui a un bilan)
    #[arg(long = "annee", alias = "année", value_name = "ANNÉE")]
    pub annee: Option<i32>,
    /// Évaluation finale : toutes les années de la convention jusqu'à l'année du bilan
    #[arg(long = "evaluation-finale", alias = "évaluation-finale")]
    pub finale: bool,
}

pub(crate) fn run(args: &BilanArgs) -> i32 {
    super::build::run_with(&args.build, &|comp| request(comp, args))
}

/// The bilan asked for: a year that has one; the last year of the period is the evaluation.
fn request(comp: &Compilation, args: &BilanArgs) -> Result<Documents, String> {
    let years = comp.model.bilan_years();
    let Some(&latest) = years.last() else {
        return Err(
            "la convention n'a aucun bilan : écrivez un bloc « bilan ANNÉE { … } » (voir le README, « Le bilan annuel »)"
                .into(),
        );
    };
    let annee = args.annee.unwrap_or(latest);
    if !years.contains(&annee) {
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        return Err(format!(
            "aucun bilan pour {annee} (années qui ont un bilan : {})",
            list.join(", ")
        ));
    }
    let last = comp.model.period().map(|p| p.end.year);
    Ok(Documents {
        convention: false,
        bilans: vec![Request {
            annee,
            finale: args.finale || Some(annee) == last,
        }],
    })
}
