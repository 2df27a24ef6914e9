//! Signataires, communes and partenaires.

use super::{Lowerer, Seen, folded, keywords};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Civility, Deliberation, Gender, Logo, Nature, Party, PartyKind, Representative, Str,
    TO_COMPLETE,
};
use crate::rules;
use crate::syntax::{Arg, ArgKind, Statement};

impl Lowerer {
    /// `signataire ID "Nom" { … }`, `commune ID "Nom" [{ signataire oui … }]`, `partenaire ID "Nom" { … }`
    pub(super) fn party(&mut self, stmt: &Statement, kind: PartyKind) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "un identifiant (par exemple caf, cc, aime)") else {
            return;
        };
        // A commune of the territory may be named later: `commune c3 à compléter`.
        let placeholder = match args.peek() {
            Some(Arg {
                kind: ArgKind::Placeholder,
                span,
            }) if kind == PartyKind::Commune => Some(*span),
            _ => None,
        };
        let nom = match placeholder {
            Some(span) => {
                args.next();
                self.placeholder(span, "nom de la commune");
                Str {
                    value: TO_COMPLETE.to_string(),
                    span,
                }
            }
            None => match self.name(&mut args, "le nom complet entre guillemets") {
                Some(nom) => nom,
                None => return,
            },
        };
        self.end(&mut args);
        let mut party = Party {
            id,
            nom,
            nom_a_completer: placeholder.is_some(),
            kind,
            signe: kind == PartyKind::Signataire,
            nature: None,
            denomination: None,
            genre: None,
            representants: Vec::new(),
            deliberation: None,
            adresse: None,
            logo: None,
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            if key != "representant" && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "nature" if kind != PartyKind::Commune => {
                    party.nature = self.choice(&mut a, Nature::from_keyword, &Nature::keywords())
                }
                "denomination" => {
                    party.denomination = self.str(&mut a, "la dénomination courte (« la Caf »)")
                }
                "genre" => {
                    party.genre = self
                        .choice(&mut a, Gender::from_keyword, &Gender::keywords())
                        .map(|c| c.value)
                }
                "representant" => {
                    if let Some(r) = self.representative(&mut a) {
                        party.representants.push(r);
                    }
                }
                "deliberation" => party.deliberation = self.deliberation(&mut a),
                "adresse" => party.adresse = self.str(&mut a, "l'adresse entre guillemets"),
                "logo" => {
                    let file = self.str(&mut a, "le chemin du fichier image");
                    let alt = self.str(&mut a, "le texte de remplacement du logo");
                    if let (Some(f), Some(alt)) = (file, alt) {
                        party.logo = Some(Logo {
                            fichier: f.value,
                            alt: alt.value,
                            span: f.span,
                        });
                    }
                }
                "signataire" if kind == PartyKind::Commune => match a.next() {
                    Some(Arg {
                        kind: ArgKind::Word(w),
                        ..
                    }) if w.eq_ignore_ascii_case("oui") => party.signe = true,
                    Some(Arg {
                        kind: ArgKind::Word(w),
                        ..
                    }) if w.eq_ignore_ascii_case("non") => party.signe = false,
                    other => {
                        let other = other.cloned();
                        self.error(match other {
                            Some(o) => Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                format!("« signataire » attend oui ou non, pas {}", o.describe()),
                            )
                            .label(o.span, "attendu : oui ou non"),
                            None => Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                "« signataire » attend oui ou non",
                            )
                            .label(s.keyword_span, "oui ou non manque"),
                        });
                    }
                },
                _ => {
                    let allowed: Vec<&str> = keywords::PARTY
                        .iter()
                        .copied()
                        .filter(|k| match kind {
                            PartyKind::Commune => *k != "nature",
                            _ => *k != "signataire",
                        })
                        .collect();
                    self.unknown_keyword(s, &allowed, &format!("dans un bloc {}", stmt.keyword));
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.parties.push(party);
    }

    /// `représentant "Qualité" [M.|Mme] "Nom"|à compléter`
    fn representative(&mut self, a: &mut super::Args) -> Option<Representative> {
        let span = a.stmt.span;
        let qualite = self.str(
            a,
            "la qualité du représentant entre guillemets (« Président »)",
        )?;
        let civilite = match a.peek() {
            Some(Arg {
                kind: ArgKind::Word(w),
                span,
            }) => match Civility::from_keyword(w) {
                Some(c) => {
                    a.next();
                    Some(c)
                }
                None => {
                    let (w, span) = (w.clone(), *span);
                    a.next();
                    self.error(
                        Diagnostic::new(
                            &rules::VALEUR_INCONNUE,
                            format!("civilité « {w} » inconnue"),
                        )
                        .label(span, "attendu : M. ou Mme")
                        .help("écrivez M. ou Mme, puis le nom entre guillemets"),
                    );
                    None
                }
            },
            _ => None,
        };
        let nom = self.val_str(
            a,
            "le nom du représentant entre guillemets, ou « à compléter »",
        )?;
        Some(Representative {
            qualite,
            civilite,
            nom,
            span,
        })
    }

    /// `délibération "Organe" DATE|à compléter ["numéro"|à compléter]`
    fn deliberation(&mut self, a: &mut super::Args) -> Option<Deliberation> {
        let span = a.stmt.span;
        let organe = self.str(a, "l'organe qui a délibéré (« Conseil communautaire »)")?;
        let date = self.val_date(a, "date de délibération", false)?;
        let numero = if a.is_done() {
            None
        } else {
            self.val_str(a, "le numéro de la délibération entre guillemets")
        };
        Some(Deliberation {
            organe,
            date,
            numero,
            span,
        })
    }
}
