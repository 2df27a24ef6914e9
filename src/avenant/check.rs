//! The avenants' own rules (numbers, dates, signataires) and every rule of the convention run on
//! each consolidated state: a mistake that appears only once avenant N applies says so.

use crate::check::{self, Options};
use crate::date::{Date, Form};
use crate::diagnostic::Diagnostic;
use crate::model::{Avenant, ChangeKind, Model, Val};
use crate::project::Project;
use crate::rules;
use crate::source::Sources;
use crate::suggestion::closest;
use crate::world::World;

/// Checks every consolidated state of SIGNED (resolved and checked already, DIAGS holding what
/// was found) and returns the convention consolidated by all its avenants.
pub(crate) fn check_states(
    world: &dyn World,
    project: &Project,
    sources: &Sources,
    signed: &Model,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Model {
    if signed.avenants.is_empty() {
        return super::consolidate(signed, None);
    }
    numbers(signed, diags);
    let mut previous: Option<&Avenant> = None;
    let mut before = signed.clone();
    for avenant in super::in_order(signed, None) {
        dates(signed, &before, previous, avenant, diags);
        let mut found = diags.clone();
        let known = found.len();
        let state = super::state(signed, Some(avenant.numero), &mut found);
        signatories(&state, avenant, &mut found);
        check::run(world, project, sources, &state, options, &mut found);
        for mut d in found.drain(known..) {
            if !diags.iter().any(|old| same(old, &d)) {
                if !matches!(d.rule.family, rules::Family::Avenant) {
                    d.message.push_str(&format!(
                        " (dans la convention consolidée par l'avenant n° {})",
                        avenant.numero
                    ));
                }
                diags.push(d);
            }
        }
        previous = Some(avenant);
        before = state;
    }
    super::consolidate(signed, None)
}

/// The same finding: one rule, one message, one place (a state repeats what earlier ones found).
fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.rule.code == b.rule.code
        && a.primary() == b.primary()
        && (a.message == b.message || a.message.starts_with(&format!("{} (", b.message)))
}

/// 1, 2, 3… each once.
fn numbers(model: &Model, diags: &mut Vec<Diagnostic>) {
    for (i, a) in model.avenants.iter().enumerate() {
        if let Some(first) = model.avenants[..i].iter().find(|b| b.numero == a.numero) {
            diags.push(
                Diagnostic::new(
                    &rules::AVENANT_NUMERO,
                    format!("deux avenants portent le n° {}", a.numero),
                )
                .label(a.numero_span, "second avenant de ce numéro")
                .label(first.numero_span, "premier ici"),
            );
        }
    }
    let mut sorted: Vec<&Avenant> = super::in_order(model, None);
    sorted.dedup_by_key(|a| a.numero);
    for (expected, a) in (1..).zip(sorted) {
        if a.numero != expected {
            diags.push(
                Diagnostic::new(
                    &rules::AVENANT_NUMERO,
                    format!(
                        "l'avenant n° {} suit {} : il manque l'avenant n° {expected}",
                        a.numero,
                        if expected == 1 {
                            "la convention".to_string()
                        } else {
                            format!("l'avenant n° {}", expected - 1)
                        }
                    ),
                )
                .label(
                    a.numero_span,
                    "numéro attendu : ".to_string() + &expected.to_string(),
                ),
            );
            return;
        }
    }
}

/// Strictly before, compared to the month when either date is known only to the month.
fn before(a: Date, b: Date) -> bool {
    if a.form == Form::Month || b.form == Form::Month {
        (a.year, a.month) < (b.year, b.month)
    } else {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// After the signature and the previous avenant, not after the end of the period as extended so
/// far (BEFORE is the convention consolidated by the previous avenants).
fn dates(
    signed: &Model,
    before_state: &Model,
    previous: Option<&Avenant>,
    avenant: &Avenant,
    diags: &mut Vec<Diagnostic>,
) {
    let n = avenant.numero;
    let Some((date, span)) = &avenant.date else {
        diags.push(
            Diagnostic::new(
                &rules::AVENANT_DATE,
                format!("l'avenant n° {n} n'a pas de date"),
            )
            .label(avenant.span, "date manquante")
            .help(
                "ajoutez « date 13 janvier 2020 », « date janvier 2020 » ou « date à compléter »",
            ),
        );
        return;
    };
    let Val::Known(date) = *date else {
        return;
    };
    let mut problem = |why: String| {
        diags.push(
            Diagnostic::new(
                &rules::AVENANT_DATE,
                format!("l'avenant n° {n} est daté {}, {why}", date.french_of('\'')),
            )
            .label(*span, "date de l'avenant"),
        );
    };
    let signature = signed
        .convention
        .as_ref()
        .and_then(|c| c.signature.as_ref())
        .and_then(|(d, _)| match d {
            Val::Known(d) => Some(*d),
            Val::ToComplete => None,
        });
    if let Some(s) = signature.filter(|s| before(date, *s)) {
        problem(format!(
            "avant la signature de la convention ({})",
            s.french()
        ));
    } else if let Some(p) = previous.and_then(|p| p.known_date().map(|d| (p.numero, d)))
        && before(date, p.1)
    {
        problem(format!("avant l'avenant n° {} ({})", p.0, p.1.french()));
    } else if let Some(end) = before_state.period().map(|p| p.end)
        && before(end, date)
    {
        problem(format!("après la fin de la convention ({})", end.french()));
    }
}

/// The avenant's signataires sign the consolidated convention; a commune that joins signs it.
fn signatories(state: &Model, avenant: &Avenant, diags: &mut Vec<Diagnostic>) {
    let n = avenant.numero;
    if avenant.signataires.is_empty() {
        diags.push(
            Diagnostic::new(
                &rules::AVENANT_SIGNATAIRE,
                format!("l'avenant n° {n} ne dit pas qui le signe"),
            )
            .label(avenant.span, "« signataires » manque")
            .help("ajoutez « signataires caf, cc, … » : les identifiants des parties qui signent l'avenant"),
        );
    }
    for r in &avenant.signataires {
        match state.parties.iter().find(|p| p.id.name == r.name) {
            Some(p) if p.signe => {}
            Some(_) => diags.push(
                Diagnostic::new(
                    &rules::AVENANT_SIGNATAIRE,
                    format!(
                        "« {} » signe l'avenant n° {n} sans signer la convention qu'il modifie",
                        r.name
                    ),
                )
                .label(r.span, "ne signe pas la convention")
                .help("une commune qui rejoint la convention le dit dans l'avenant : « ajoute-signataire ID { … } »"),
            ),
            None => diags.push(
                Diagnostic::new(
                    &rules::AVENANT_SIGNATAIRE,
                    format!("signataire « {} » inconnu", r.name),
                )
                .label(r.span, "aucune partie de ce nom")
                .suggest(closest(
                    &r.name,
                    state.signataires().map(|p| p.id.name.as_str()),
                )),
            ),
        }
    }
    for change in &avenant.changes {
        if let ChangeKind::JoinSignataire(p) = &change.kind
            && !avenant.signataires.iter().any(|r| r.name == p.id.name)
        {
            diags.push(
                Diagnostic::new(
                    &rules::AVENANT_SIGNATAIRE,
                    format!(
                        "« {} » devient signataire par l'avenant n° {n} mais ne le signe pas",
                        p.id.name
                    ),
                )
                .label(p.id.span, "devient signataire")
                .help(format!(
                    "ajoutez « {} » à la ligne « signataires » de l'avenant",
                    p.id.name
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::before;
    use crate::compile::{Options, analyse_file};
    use crate::date::Date;

    /// A finding of the signed text is said once, not again for each consolidated state; one
    /// that an avenant brings says which avenant.
    #[test]
    fn each_finding_is_said_once_and_an_avenant_s_own_says_so() {
        let text = r#"convention "CTG de test" {
  période 2020 .. 2022
  signature 15 janvier 2020
  champs parentalité, jeunesse
}
signataire caf "Caisse d'allocations familiales" {
  nature caf
  représentant "Directrice" Mme "Anne Martin"
}
axe familles "Accompagner les familles"
fiche un "Fiche un" {
  axe familles
  financement caf 2020 0 €
}
fiche trois "Fiche trois" {
  axe inconnu
}
avenant 1 {
  date 10 mars 2021
  signataires caf
  prolonge 2023
  ajoute-fiche deux "Fiche deux" {
    axe inconnu
  }
}
"#;
        let comp = analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory");
        let messages = |code: &str| -> Vec<String> {
            comp.diagnostics
                .iter()
                .filter(|d| d.rule.code == code)
                .map(|d| d.message.clone())
                .collect()
        };
        assert_eq!(messages("ctg::financement::montant-non-positif").len(), 1);
        // The same message at another place is another finding.
        let unknown = messages("ctg::ref::axe-inconnu");
        assert_eq!(unknown.len(), 2, "{unknown:?}");
        assert!(!unknown[0].contains("avenant"), "{unknown:?}");
        assert!(
            unknown[1].ends_with("(dans la convention consolidée par l'avenant n° 1)"),
            "{unknown:?}"
        );
    }

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn before_is_strict_and_to_the_month_when_a_date_is_a_month() {
        assert!(before(date("15 mars 2021"), date("16 mars 2021")));
        assert!(
            !before(date("16 mars 2021"), date("16 mars 2021")),
            "the same day"
        );
        assert!(!before(date("17 mars 2021"), date("16 mars 2021")));
        // A month against a day of that month: neither comes first.
        assert!(!before(date("mars 2021"), date("31 mars 2021")));
        assert!(!before(date("1er mars 2021"), date("mars 2021")));
        assert!(before(date("février 2021"), date("1er mars 2021")));
        assert!(before(date("28 février 2021"), date("mars 2021")));
        assert!(before(date("décembre 2020"), date("janvier 2021")));
    }
}
