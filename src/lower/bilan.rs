//! The annual bilan: `bilan ANNÉE { copil …  synthèse …  fiche ID { … } }` (docs/bilan.md).

use super::{Args, Lowerer, Seen, folded, keywords};
use crate::diagnostic::Diagnostic;
use crate::model::{Bilan, FicheYear, Paid, Statut, Synthesis, SynthesisSubject, YearValue};
use crate::rules;
use crate::syntax::{Arg, ArgKind, Statement};

impl Lowerer {
    /// `bilan ANNÉE { … }`
    pub(super) fn bilan(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some((annee, annee_span)) = self.year(&mut args) else {
            return;
        };
        self.end(&mut args);
        let mut bilan = Bilan {
            annee,
            annee_span,
            copil: None,
            syntheses: Vec::new(),
            fiches: Vec::new(),
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            let mut a = self.args(s);
            match key.as_str() {
                "copil" => {
                    if !self.once(&mut seen, s) {
                        continue;
                    }
                    let span = s.span;
                    if let Some(d) = self.val_date(&mut a, "date du COPIL", false) {
                        bilan.copil = Some((d, span));
                    }
                }
                "synthese" => {
                    if let Some(syn) = self.synthesis(s, &mut a) {
                        bilan.syntheses.push(syn);
                    }
                }
                "fiche" => {
                    if let Some(f) = self.fiche_year(s) {
                        bilan.fiches.push(f);
                    }
                    continue;
                }
                _ => {
                    self.unknown_keyword(s, keywords::BILAN, "dans un bloc bilan");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.bilans.push(bilan);
    }

    /// `synthèse axe ID """…"""` or `synthèse instance ID """…"""`.
    fn synthesis(&mut self, s: &Statement, a: &mut Args) -> Option<Synthesis> {
        let sujet = if a.eat_word("axe").is_some() {
            SynthesisSubject::Axe(self.reference(a, "l'identifiant de l'axe")?)
        } else if a.eat_word("instance").is_some() {
            SynthesisSubject::Instance(self.reference(a, "l'identifiant de l'instance")?)
        } else {
            let next = a.next();
            let d = Diagnostic::new(
                &rules::SYNTAXE_ARGUMENT,
                "« synthèse » attend « axe ID » ou « instance ID », puis le texte",
            )
            .label(
                next.map_or(a.end_span(), |n| n.span),
                "attendu : axe ou instance",
            )
            .help("écrivez par exemple : synthèse axe petite-enfance \"\"\"…\"\"\"");
            self.error(d);
            return None;
        };
        let texte = self.text(a)?;
        Some(Synthesis {
            sujet,
            texte,
            span: s.span,
        })
    }

    /// `fiche ID { statut …  valeur "Libellé" V  réalisé FINANCEUR MONTANT  étape-réalisée "…"  difficultés …  perspectives … }`
    fn fiche_year(&mut self, stmt: &Statement) -> Option<FicheYear> {
        let mut args = self.args(stmt);
        let fiche = self.reference(&mut args, "l'identifiant de la fiche")?;
        self.end(&mut args);
        let mut f = FicheYear {
            fiche,
            statut: None,
            valeurs: Vec::new(),
            realise: Vec::new(),
            etapes_realisees: Vec::new(),
            difficultes: None,
            perspectives: None,
            span: stmt.keyword_span,
        };
        let repeatable = ["valeur", "realise", "etape-realisee"];
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            let known = keywords::contains(keywords::BILAN_FICHE, &key);
            if known && !repeatable.contains(&key.as_str()) && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "statut" => {
                    f.statut = self.choice(&mut a, Statut::from_keyword, &Statut::keywords())
                }
                "valeur" => {
                    let indicateur =
                        self.str(&mut a, "le libellé de l'indicateur entre guillemets");
                    let valeur = indicateur.as_ref().and(self.measure_value(&mut a));
                    if let (Some(indicateur), Some(valeur)) = (indicateur, valeur) {
                        f.valeurs.push(YearValue {
                            indicateur,
                            target: None,
                            valeur,
                            span: s.span,
                        });
                    }
                }
                "realise" => {
                    if let Some(p) = self.paid(s, &mut a) {
                        f.realise.push(p);
                    }
                }
                "etape-realisee" => {
                    if let Some(t) = self.str(&mut a, "l'étape réalisée entre guillemets") {
                        f.etapes_realisees.push(t);
                    }
                }
                "difficultes" => f.difficultes = self.text(&mut a),
                "perspectives" => f.perspectives = self.text(&mut a),
                _ => {
                    self.unknown_keyword(s, keywords::BILAN_FICHE, "dans la fiche d'un bilan");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        Some(f)
    }

    /// `réalisé FINANCEUR MONTANT`
    fn paid(&mut self, s: &Statement, a: &mut Args) -> Option<Paid> {
        let financeur = self.reference(a, "l'identifiant du financeur")?;
        match a.next() {
            Some(
                m @ Arg {
                    kind: ArgKind::Money(_),
                    ..
                },
            ) => self.money(m).map(|montant| Paid {
                financeur,
                montant,
                span: s.span,
            }),
            other => {
                let d = Diagnostic::new(
                    &rules::SYNTAXE_ARGUMENT,
                    "« réalisé » attend un montant payé après le financeur",
                )
                .label(
                    other.map_or(a.end_span(), |o| o.span),
                    "attendu : un montant (12 000 €)",
                )
                .help("écrivez par exemple : réalisé caf 12 000 €");
                self.error(d);
                None
            }
        }
    }
}
