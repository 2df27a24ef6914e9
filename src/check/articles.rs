//! The convention's articles against the article model: where each is placed (`articles`'s
//! arrangement), and an omitted article given anything else.

use crate::articles::{self, Misplaced};
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::rules;

pub(super) fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for a in model.articles.iter().filter(|a| a.omis) {
        let mut d = Diagnostic::new(
            &rules::ARTICLE_OMIS_MODIFIE,
            format!(
                "l'article « {} » est omis, et reçoit pourtant autre chose",
                a.id.name
            ),
        )
        .label(a.id.span, "article omis");
        let mut contradicted = false;
        if let Some(t) = &a.titre {
            d = d.label(t.span, "un titre");
            contradicted = true;
        }
        if let Some(t) = &a.texte {
            d = d.label(t.span, "un texte");
            contradicted = true;
        }
        for r in [&a.apres, &a.avant].into_iter().flatten() {
            d = d.label(r.span, "une place");
            contradicted = true;
        }
        if let Some(at) = a.preliminaire {
            d = d.label(at, "une place");
            contradicted = true;
        }
        if contradicted {
            diags.push(d);
        }
    }
    for problem in articles::arrange(model).1 {
        diags.push(match problem {
            Misplaced::NextToOmitted { at, omitted, id } => Diagnostic::new(
                &rules::ARTICLE_POSITION_OMISE,
                format!("l'article « {id} » est omis : aucun article ne peut se placer par rapport à lui"),
            )
            .label(at, "placé par rapport à un article omis")
            .label(omitted, "omis ici"),
            Misplaced::SamePlace { at, first } => Diagnostic::new(
                &rules::ARTICLE_MEME_PLACE,
                "deux articles demandent la même place".to_string(),
            )
            .label(at, "seconde demande")
            .label(first, "première demande"),
            Misplaced::Impossible { at, why } => Diagnostic::new(
                &rules::ARTICLE_POSITION_INVALIDE,
                format!("position d'article impossible : {why}"),
            )
            .label(at, "cette place"),
        });
    }
}
