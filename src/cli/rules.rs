//! `ctgc rules` and `ctgc explain`

use super::prose::verbatim;
use super::{EXIT_OK, fail};
use crate::rules;
use crate::suggestion::closest;

pub(crate) fn list() -> i32 {
    // A listing for a person: typeset like every line (the codes hold no space).
    for r in rules::ALL {
        println!("{:<45} {:<13} {}", r.code, r.severity.french(), r.summary);
    }
    EXIT_OK
}

pub(crate) fn explain(code: &str) -> i32 {
    match rules::find(code) {
        Some(r) => {
            println!(
                "{} ({})\n\n{}\n\n{}\n\nCorrection : {}",
                r.code,
                r.severity.french(),
                r.summary,
                r.doc,
                r.help
            );
            EXIT_OK
        }
        None => {
            let hint = closest(code, rules::ALL.iter().map(|r| r.code))
                .map(|s| format!(" ; vouliez-vous dire « {s} » ?"))
                .unwrap_or_default();
            fail(format!(
                "règle « {} » inconnue{hint} (la liste : ctgc rules)",
                verbatim(code)
            ))
        }
    }
}
