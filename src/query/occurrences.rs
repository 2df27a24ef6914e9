//! Every identifier of a model where it is written: each declaration and each reference, with the
//! namespace it belongs to, citations in the texts included (`{{ fiche creche }}`). Definitions,
//! references, renaming and hover all start here.

use crate::citation::{self, Citation, Form, Kind, Piece};
use crate::compile::Compilation;
use crate::model::{Funding, Model, Territory};
use crate::source::{FileId, Sources, Span};

/// The kinds of element an identifier names; an identifier is unique within its namespace.
/// Signataires, communes and partenaires share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Namespace {
    Party,
    Axe,
    Objectif,
    Fiche,
    Equipement,
    Instance,
    ConventionLiee,
    Article,
    Annexe,
}

impl Namespace {
    /// What an identifier of this namespace names, with its indefinite article, for messages.
    pub fn french(self) -> &'static str {
        match self {
            Namespace::Party => "un signataire, une commune ou un partenaire",
            Namespace::Axe => "un axe",
            Namespace::Objectif => "un objectif",
            Namespace::Fiche => "une fiche",
            Namespace::Equipement => "un équipement",
            Namespace::Instance => "une instance",
            Namespace::ConventionLiee => "une convention liée",
            Namespace::Article => "un article",
            Namespace::Annexe => "une annexe",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Where the element is declared (`axe familles "…"`).
    Definition,
    /// Where it is named (`axe familles` in a fiche).
    Reference,
}

/// One identifier as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence<'m> {
    pub namespace: Namespace,
    pub name: &'m str,
    pub span: Span,
    pub role: Role,
}

impl Occurrence<'_> {
    /// Whether this occurrence names the same element as OTHER.
    pub fn same_target(&self, other: &Occurrence) -> bool {
        self.namespace == other.namespace && self.name == other.name
    }
}

/// Every occurrence of an identifier in COMP's model, declarations first, in no particular
/// order.
pub fn occurrences(comp: &Compilation) -> Vec<Occurrence<'_>> {
    let mut out = Collector(Vec::new());
    out.definitions(&comp.model);
    out.references(&comp.model);
    out.citations(&comp.model, &comp.sources);
    out.0
}

/// The occurrence whose identifier holds byte OFFSET of FILE, or ends there (the cursor just
/// after a word is on it). Identifiers are separated by at least a space or a comma, so at most
/// one touches the cursor.
pub fn at(comp: &Compilation, file: FileId, offset: usize) -> Option<Occurrence<'_>> {
    occurrences(comp)
        .into_iter()
        .find(|o| o.span.file == file && o.span.start <= offset && offset <= o.span.end)
}

struct Collector<'m>(Vec<Occurrence<'m>>);

impl<'m> Collector<'m> {
    fn push(&mut self, namespace: Namespace, name: &'m str, span: Span, role: Role) {
        self.0.push(Occurrence {
            namespace,
            name,
            span,
            role,
        });
    }

    fn definition(&mut self, namespace: Namespace, id: &'m crate::model::Ident) {
        self.push(namespace, &id.name, id.span, Role::Definition);
    }

    fn reference<K>(&mut self, namespace: Namespace, r: &'m crate::model::Ref<K>) {
        self.push(namespace, &r.name, r.span, Role::Reference);
    }

    fn definitions(&mut self, model: &'m Model) {
        for p in &model.parties {
            self.definition(Namespace::Party, &p.id);
        }
        for a in &model.axes {
            self.definition(Namespace::Axe, &a.id);
        }
        for o in &model.objectifs {
            self.definition(Namespace::Objectif, &o.id);
        }
        for f in &model.fiches {
            self.definition(Namespace::Fiche, &f.id);
        }
        for e in &model.equipements {
            self.definition(Namespace::Equipement, &e.id);
        }
        for i in &model.instances {
            self.definition(Namespace::Instance, &i.id);
        }
        for c in &model.conventions_liees {
            self.definition(Namespace::ConventionLiee, &c.id);
        }
        for a in &model.articles {
            // Without a title, the block overrides an article of the model: it names it.
            let role = if a.titre.is_some() {
                Role::Definition
            } else {
                Role::Reference
            };
            self.push(Namespace::Article, &a.id.name, a.id.span, role);
        }
        for a in &model.annexes {
            self.definition(Namespace::Annexe, &a.id);
        }
    }

    fn funding(&mut self, f: &'m Funding) {
        self.reference(Namespace::Party, &f.financeur);
        if let Some(c) = &f.convention {
            self.reference(Namespace::ConventionLiee, c);
        }
        if let Some(b) = &f.beneficiaire {
            self.reference(Namespace::Party, b);
        }
    }

    fn references(&mut self, model: &'m Model) {
        for f in &model.fiches {
            if let Some(a) = &f.axe {
                self.reference(Namespace::Axe, a);
            }
            for o in &f.objectifs {
                self.reference(Namespace::Objectif, o);
            }
            if let Some(Territory::Communes(list)) = &f.territoire {
                for c in list {
                    self.reference(Namespace::Party, c);
                }
            }
            for p in f.pilote.iter().chain(&f.partenaires) {
                self.reference(Namespace::Party, p);
            }
            for fin in &f.financements {
                self.funding(fin);
            }
        }
        for e in &model.equipements {
            for p in e.gestionnaire.iter().chain(&e.commune) {
                self.reference(Namespace::Party, p);
            }
            for fin in &e.financements {
                self.funding(fin);
            }
        }
        for i in &model.instances {
            for m in &i.membres {
                self.reference(Namespace::Party, m);
            }
            for f in &i.fiches {
                self.reference(Namespace::Fiche, f);
            }
        }
        for c in &model.conventions_liees {
            for s in &c.signataires {
                self.reference(Namespace::Party, s);
            }
        }
        for a in &model.articles {
            if let Some(r) = &a.apres {
                self.reference(Namespace::Article, r);
            }
        }
    }

    /// The identifiers cited in the convention's texts, where they are written in the source:
    /// renaming a fiche renames its citations too, which would otherwise stop resolving.
    fn citations(&mut self, model: &'m Model, sources: &Sources) {
        for text in citation::texts(model) {
            if !citation::cites(&text.markdown) {
                continue;
            }
            let Some(written) = sources
                .get(text.span.file)
                .text
                .get(text.span.start..text.span.end)
            else {
                continue;
            };
            let offset = |i| text.span.start + citation::source_offset(written, text.plain, i);
            for piece in citation::pieces(&text.markdown) {
                if let Piece::Citation(Citation {
                    form: Form::Element { kind, id },
                    ..
                }) = piece
                {
                    let span =
                        Span::new(text.span.file, offset(id.range.start), offset(id.range.end));
                    self.push(cited(kind), id.text, span, Role::Reference);
                }
            }
        }
    }
}

/// The namespace of what a citation of KIND names: `{{ total caf }}` names a financeur.
fn cited(kind: Kind) -> Namespace {
    match kind {
        Kind::Article => Namespace::Article,
        Kind::Annexe => Namespace::Annexe,
        Kind::Fiche => Namespace::Fiche,
        Kind::Axe => Namespace::Axe,
        Kind::Objectif => Namespace::Objectif,
        Kind::Instance => Namespace::Instance,
        Kind::Total => Namespace::Party,
    }
}
