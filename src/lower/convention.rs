//! The `convention` block, linked conventions, articles and annexes.

use super::{Lowerer, Seen, folded, keywords};
use crate::diagnostic::Diagnostic;
use crate::model::{Annexe, Article, Champ, ConventionInfo, ConventionStatus, LinkedConvention};
use crate::rules;
use crate::syntax::{ArgKind, Statement};

impl Lowerer {
    /// `convention "Titre" { … }`
    pub(super) fn convention(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(titre) = self.name(&mut args, "le titre de la convention entre guillemets") else {
            return;
        };
        self.end(&mut args);
        if let Some(first) = &self.model.convention {
            let first = first.span;
            self.error(
                Diagnostic::new(&rules::CONVENTION_MULTIPLE, "second bloc « convention »")
                    .label(stmt.keyword_span, "second bloc")
                    .label(first, "premier bloc ici"),
            );
            return;
        }
        let mut info = ConventionInfo {
            titre,
            slogan: None,
            territoire: None,
            periode: None,
            signature: None,
            lieu: None,
            exemplaires: None,
            statut: None,
            champs: Vec::new(),
            visas: Vec::new(),
            preambule: None,
            sous_reserve_credits: false,
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            let repeatable = matches!(key.as_str(), "vu" | "champs");
            if keywords::contains(keywords::CONVENTION, &key)
                && !repeatable
                && !self.once(&mut seen, s)
            {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "slogan" => info.slogan = self.str(&mut a, "le slogan entre guillemets"),
                "territoire" => {
                    info.territoire = self.str(&mut a, "le nom du territoire entre guillemets")
                }
                "periode" => info.periode = self.period(&mut a),
                "signature" => {
                    let span = a.peek().map_or(s.keyword_span, |x| x.span);
                    info.signature = self
                        .val_date(&mut a, "date de signature", true)
                        .map(|d| (d, span));
                }
                "lieu" => info.lieu = self.val_str(&mut a, "le lieu de signature entre guillemets"),
                "exemplaires" => info.exemplaires = self.integer(&mut a, "un nombre d'exemplaires"),
                "statut" => {
                    info.statut = self.choice(
                        &mut a,
                        ConventionStatus::from_keyword,
                        &ConventionStatus::keywords(),
                    )
                }
                "champs" => {
                    let champs = self.choices(&mut a, Champ::from_keyword, &Champ::keywords());
                    info.champs.extend(champs);
                }
                "vu" => {
                    if let Some(v) = self.str(&mut a, "le visa entre guillemets") {
                        info.visas.push(v);
                    }
                }
                "preambule" => info.preambule = self.text(&mut a),
                "sous-reserve-des-credits" => info.sous_reserve_credits = true,
                _ => {
                    self.unknown_keyword(s, keywords::CONVENTION, "dans le bloc convention");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.convention = Some(info);
    }

    /// `convention-liée ID "Titre" { signataires …  période … objet … }`
    pub(super) fn linked_convention(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de la convention liée") else {
            return;
        };
        let Some(titre) = self.name(&mut args, "le titre entre guillemets") else {
            return;
        };
        self.end(&mut args);
        let mut lc = LinkedConvention {
            id,
            titre,
            signataires: Vec::new(),
            periode: None,
            objet: None,
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            if !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match folded(s).as_str() {
                "signataires" => {
                    lc.signataires =
                        self.ref_list(&mut a, "l'identifiant d'un signataire ou partenaire")
                }
                "periode" => lc.periode = self.period(&mut a),
                "objet" => lc.objet = self.text(&mut a),
                _ => {
                    self.unknown_keyword(s, keywords::LINKED, "dans un bloc convention-liée");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.conventions_liees.push(lc);
    }

    /// `article ID ["Titre"] { texte …  après ID  omis }`
    pub(super) fn article(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de l'article") else {
            return;
        };
        let titre = match args.peek() {
            Some(a) if matches!(a.kind, ArgKind::Str(_)) => self.name(&mut args, "le titre"),
            _ => None,
        };
        self.end(&mut args);
        let mut article = Article {
            id,
            titre,
            texte: None,
            apres: None,
            omis: false,
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            if !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match folded(s).as_str() {
                "texte" => article.texte = self.text(&mut a),
                "apres" => article.apres = self.reference(&mut a, "l'identifiant d'un article"),
                "omis" => article.omis = true,
                _ => {
                    self.unknown_keyword(s, keywords::ARTICLE, "dans un bloc article");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.articles.push(article);
    }

    /// `annexe ID "Titre" { texte … }`
    pub(super) fn annexe(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de l'annexe") else {
            return;
        };
        let Some(titre) = self.name(&mut args, "le titre de l'annexe entre guillemets") else {
            return;
        };
        self.end(&mut args);
        let mut annexe = Annexe {
            id,
            titre,
            texte: None,
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            if !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match folded(s).as_str() {
                "texte" => annexe.texte = self.text(&mut a),
                _ => {
                    self.unknown_keyword(s, keywords::ANNEXE, "dans un bloc annexe");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.annexes.push(annexe);
    }
}
