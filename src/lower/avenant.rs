//! `avenant N { … }`: an amendment of the signed convention and the changes it makes. The blocks
//! of its changes are lowered by the functions of the blocks they hold (a fiche, an article…),
//! then taken out of the model into the avenant.

use super::{Lowerer, Seen, folded, keywords};
use crate::diagnostic::Diagnostic;
use crate::model::{Avenant, Change, ChangeKind, Party, PartyKind};
use crate::rules;
use crate::syntax::{Arg, ArgKind, Statement};

impl Lowerer {
    /// `avenant N { date …  lieu …  signataires …  vu …  préambule …  objet …  changes }`
    pub(super) fn avenant(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some((numero, numero_span)) = self.integer(&mut args, "le numéro de l'avenant (1, 2…)")
        else {
            return;
        };
        self.end(&mut args);
        let mut avenant = Avenant {
            numero,
            numero_span,
            date: None,
            lieu: None,
            signataires: Vec::new(),
            visas: Vec::new(),
            preambule: None,
            objet: None,
            changes: Vec::new(),
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            let single = matches!(
                key.as_str(),
                "date" | "lieu" | "signataires" | "preambule" | "objet"
            );
            if single && !self.once(&mut seen, s) {
                continue;
            }
            if let Some(kind) = self.change(s, &key) {
                if let Some(kind) = kind {
                    avenant.changes.push(Change {
                        kind,
                        span: s.keyword_span,
                    });
                }
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "date" => {
                    let span = a.peek().map_or(s.keyword_span, |x| x.span);
                    avenant.date = self
                        .val_date(&mut a, "date de l'avenant", true)
                        .map(|d| (d, span));
                }
                "lieu" => {
                    avenant.lieu = self.val_str(&mut a, "le lieu de signature entre guillemets")
                }
                "signataires" => {
                    avenant.signataires =
                        self.ref_list(&mut a, "l'identifiant d'une partie qui signe l'avenant")
                }
                "vu" => {
                    if let Some(v) = self.str(&mut a, "le visa entre guillemets") {
                        avenant.visas.push(v);
                    }
                }
                "preambule" => avenant.preambule = self.text(&mut a),
                "objet" => avenant.objet = self.text(&mut a),
                _ => {
                    self.unknown_keyword(s, keywords::AVENANT, "dans un bloc avenant");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.avenants.push(avenant);
    }

    /// A change statement: `None` when KEY is not one, `Some(None)` when it is but could not be
    /// read (already reported).
    fn change(&mut self, s: &Statement, key: &str) -> Option<Option<ChangeKind>> {
        let kind = match key {
            "ajoute-signataire" => self
                .joining(s)
                .map(|p| ChangeKind::JoinSignataire(Box::new(p))),
            "retire-signataire" => self
                .named(s, "l'identifiant de la partie qui ne signe plus")
                .map(ChangeKind::LeaveSignataire),
            "ajoute-fiche" | "remplace-fiche" => {
                let before = self.model.fiches.len();
                self.fiche(s);
                let fiche = (self.model.fiches.len() > before)
                    .then(|| self.model.fiches.pop())
                    .flatten();
                fiche.map(|f| {
                    if key == "ajoute-fiche" {
                        ChangeKind::AddFiche(Box::new(f))
                    } else {
                        ChangeKind::ReplaceFiche(Box::new(f))
                    }
                })
            }
            "retire-fiche" => self
                .named(s, "l'identifiant de la fiche retirée")
                .map(ChangeKind::WithdrawFiche),
            "remplace-article" | "ajoute-article" => {
                self.amended_article(s, key == "ajoute-article")
            }
            "ajoute-annexe" => {
                let before = self.model.annexes.len();
                self.annexe(s);
                (self.model.annexes.len() > before)
                    .then(|| self.model.annexes.pop())
                    .flatten()
                    .map(ChangeKind::AddAnnexe)
            }
            "remplace-financements" => self.funding_lines(s),
            "prolonge" => self.extension(s),
            _ => return None,
        };
        Some(kind)
    }

    /// An identifier alone: `retire-fiche ID`.
    fn named(&mut self, s: &Statement, expected: &str) -> Option<crate::model::Ident> {
        let mut a = self.args(s);
        let id = self.ident(&mut a, expected)?;
        self.end(&mut a);
        self.no_block(s);
        Some(id)
    }

    /// `ajoute-signataire ID { …fields of a commune block… }`, lowered as a commune block.
    fn joining(&mut self, s: &Statement) -> Option<Party> {
        let id = s.args.first()?;
        let mut commune = s.clone();
        // The name is the declared commune's (applying keeps it): the block only brings what a
        // signing commune needs. Its identifier stands in, so that the name is never blank.
        let stand_in = match &id.kind {
            ArgKind::Word(w) => w.clone(),
            _ => s.keyword.clone(),
        };
        commune.args.insert(
            1.min(commune.args.len()),
            Arg {
                kind: ArgKind::Str(stand_in),
                span: id.span,
            },
        );
        let before = self.model.parties.len();
        self.party(&commune, PartyKind::Commune);
        let mut party = (self.model.parties.len() > before)
            .then(|| self.model.parties.pop())
            .flatten()?;
        party.signe = true;
        Some(party)
    }

    fn amended_article(&mut self, s: &Statement, added: bool) -> Option<ChangeKind> {
        let before = self.model.articles.len();
        self.article(s);
        let article = (self.model.articles.len() > before)
            .then(|| self.model.articles.pop())
            .flatten()?;
        let missing = if added && article.titre.is_none() {
            Some((
                "un titre entre guillemets après l'identifiant",
                article.id.span,
            ))
        } else if article.texte.is_none() {
            Some(("un bloc { texte \"\"\"…\"\"\" }", s.keyword_span))
        } else if !added && (article.omis || article.apres.is_some()) {
            Some((
                "seulement un texte (et un titre) : « après » et « omis » n'y ont pas de sens",
                s.keyword_span,
            ))
        } else {
            None
        };
        if let Some((what, span)) = missing {
            self.error(
                Diagnostic::new(
                    &rules::SYNTAXE_ARGUMENT,
                    format!("« {} » attend {what}", s.keyword),
                )
                .label(span, "ici")
                .help("voir « Avenants » dans le README"),
            );
            return None;
        }
        Some(if added {
            ChangeKind::AddArticle(article)
        } else {
            ChangeKind::ReplaceArticle(article)
        })
    }

    /// `remplace-financements ID { financement … }`
    fn funding_lines(&mut self, s: &Statement) -> Option<ChangeKind> {
        let mut a = self.args(s);
        let target = self.ident(&mut a, "l'identifiant d'une fiche ou d'un équipement")?;
        self.end(&mut a);
        let mut lines = Vec::new();
        for f in s.block.iter().flat_map(|b| &b.statements) {
            if folded(f) == "financement" {
                lines.extend(self.funding(f));
            } else {
                self.unknown_keyword(f, &["financement"], "dans un bloc remplace-financements");
            }
        }
        Some(ChangeKind::ReplaceFunding { target, lines })
    }

    /// `prolonge 31 décembre 2022` or `prolonge 2022` (its 31 December).
    fn extension(&mut self, s: &Statement) -> Option<ChangeKind> {
        let mut a = self.args(s);
        let change = match a.peek() {
            Some(
                arg @ Arg {
                    kind: ArgKind::Date(_),
                    ..
                },
            ) => {
                a.next();
                self.date(arg, false).map(|end| ChangeKind::Extend {
                    end,
                    whole_year: false,
                })
            }
            _ => self.year(&mut a).map(|(y, _)| ChangeKind::Extend {
                end: crate::date::Date::last_of_year(y),
                whole_year: true,
            }),
        };
        self.end(&mut a);
        self.no_block(s);
        change
    }
}
