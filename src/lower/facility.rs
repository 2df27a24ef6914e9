//! Équipements and the instances of gouvernance.

use super::{Lowerer, Seen, folded, keywords};
use crate::diagnostic::Diagnostic;
use crate::model::{Capacity, CapacityUnit, Equipment, EquipmentType, Instance, InstanceType};
use crate::rules;
use crate::syntax::{Arg, ArgKind, Statement};

impl Lowerer {
    /// `équipement ID "Nom" { type …  gestionnaire …  commune …  capacité N unité  financement … }`
    pub(super) fn equipment(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de l'équipement") else {
            return;
        };
        let Some(nom) = self.name(&mut args, "le nom de l'équipement entre guillemets") else {
            return;
        };
        self.end(&mut args);
        let mut e = Equipment {
            id,
            nom,
            kind: None,
            gestionnaire: None,
            commune: None,
            capacite: None,
            financements: Vec::new(),
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            if key != "financement" && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "type" => {
                    e.kind = self.choice(
                        &mut a,
                        EquipmentType::from_keyword,
                        &EquipmentType::keywords(),
                    )
                }
                "gestionnaire" => {
                    e.gestionnaire = self.reference(&mut a, "l'identifiant du gestionnaire")
                }
                "commune" => e.commune = self.reference(&mut a, "l'identifiant de la commune"),
                "capacite" => match a.next() {
                    Some(Arg {
                        kind: ArgKind::Number(n),
                        ..
                    }) => {
                        let unit = self.choice(
                            &mut a,
                            CapacityUnit::from_keyword,
                            &CapacityUnit::keywords(),
                        );
                        if let Some(u) = unit {
                            e.capacite = Some(Capacity {
                                valeur: super::args::ungrouped(n),
                                unite: u.value,
                            });
                        }
                    }
                    other => {
                        let d = match other {
                            Some(o) => Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                format!(
                                    "« capacité » attend un nombre puis une unité, pas {}",
                                    o.describe()
                                ),
                            )
                            .label(o.span, "attendu : 30 places, 12000 heures, 1,5 etp"),
                            None => Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                "« capacité » attend un nombre puis une unité",
                            )
                            .label(a.end_span(), "attendu : 30 places"),
                        };
                        self.error(d);
                        continue;
                    }
                },
                "financement" => {
                    if let Some(f) = self.funding(s) {
                        e.financements.push(f);
                    }
                    continue;
                }
                _ => {
                    self.unknown_keyword(s, keywords::EQUIPEMENT, "dans un bloc équipement");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.equipements.push(e);
    }

    /// `instance ID "Nom" { type …  membres …  membre "…"  fréquence "…"  rôle …  fiches … }`
    pub(super) fn instance(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de l'instance") else {
            return;
        };
        let Some(nom) = self.name(&mut args, "le nom de l'instance entre guillemets") else {
            return;
        };
        self.end(&mut args);
        let mut inst = Instance {
            id,
            nom,
            kind: None,
            membres: Vec::new(),
            membres_libres: Vec::new(),
            frequence: None,
            role: None,
            fiches: Vec::new(),
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            if key != "membre" && key != "membres" && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "type" => {
                    inst.kind = self.choice(
                        &mut a,
                        InstanceType::from_keyword,
                        &InstanceType::keywords(),
                    )
                }
                "membres" => {
                    let m = self.ref_list(
                        &mut a,
                        "l'identifiant d'un signataire, d'une commune ou d'un partenaire",
                    );
                    inst.membres.extend(m);
                }
                "membre" => {
                    if let Some(m) = self.str(&mut a, "le membre entre guillemets") {
                        inst.membres_libres.push(m);
                    }
                }
                "frequence" => {
                    inst.frequence = self
                        .str(&mut a, "la fréquence entre guillemets")
                        .map(|s| s.value)
                }
                "role" => inst.role = self.text(&mut a),
                "fiches" => inst.fiches = self.ref_list(&mut a, "l'identifiant d'une fiche"),
                _ => {
                    self.unknown_keyword(s, keywords::INSTANCE, "dans un bloc instance");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.instances.push(inst);
    }
}
