//! What several test targets share: the example projects, scratch directories, a seeded random
//! generator, the planted diff changes, escaping inverses, what a text means to `ctgc fmt` and the
//! CI policy for missing tools.
//! Each target includes it with `mod support;` and uses the parts it needs.

#![allow(dead_code)]

pub mod meaning;
pub mod pdf;
pub mod planted;
pub mod prng;
pub mod scratch;
pub mod typography;
pub mod unescape;
pub mod watching;

/// The documented keys of each diagnostic of `ctgc check --format json`, in their order.
pub const JSON_KEYS: [&str; 9] = [
    "code",
    "severity",
    "message",
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "help",
];

/// The example projects of `conventions/`, in alphabetical order.
pub const EXAMPLES: [&str; 7] = [
    "carlades",
    "chateau-thierry",
    "pays-de-l-aigle",
    "pays-de-l-aigle-2018",
    "sud-vendee-littoral",
    "versants-d-aime",
    "vosges-ccpvm",
];

/// The documents of each example's avenants, beside its own: (example, avenant numbers).
pub const AVENANTS: [(&str, &[u32]); 1] = [("pays-de-l-aigle-2018", &[1])];

/// The base names of an example's documents: its own, then each avenant's
/// (`pays-de-l-aigle-2018-avenant-1`).
pub fn documents(name: &str) -> Vec<String> {
    let avenants = AVENANTS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, list)| *list);
    std::iter::once(name.to_string())
        .chain(avenants.iter().map(|n| format!("{name}-avenant-{n}")))
        .collect()
}

/// The bilans of each example that has some, by year (`ctgc build` writes each beside the
/// convention, as `<name>-bilan-<year>`).
pub const BILANS: [(&str, &[i32]); 2] = [("carlades", &[2020]), ("versants-d-aime", &[2023, 2024])];

/// The base names of an example's bilan documents (`versants-d-aime-bilan-2023`).
pub fn bilan_documents(name: &str) -> Vec<String> {
    BILANS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, years)| *years)
        .iter()
        .map(|y| format!("{name}-bilan-{y}"))
        .collect()
}

use ctgc::lower::keywords;

/// Every block of the language with the keywords it accepts: (the keywords that open the block,
/// "" for the top level; its keywords). The manuals show each keyword in its block.
pub const KEYWORDS_BY_BLOCK: [(&[&str], &[&str]); 15] = [
    (&[""], keywords::TOP),
    (&["convention"], keywords::CONVENTION),
    (&["signataire", "commune", "partenaire"], keywords::PARTY),
    (&["axe"], keywords::AXE),
    (&["objectif"], keywords::OBJECTIF),
    (&["fiche"], keywords::FICHE),
    (&["indicateur"], keywords::INDICATEUR),
    (&["équipement"], keywords::EQUIPEMENT),
    (&["instance"], keywords::INSTANCE),
    (&["convention-liée"], keywords::LINKED),
    (&["article"], keywords::ARTICLE),
    (&["annexe"], keywords::ANNEXE),
    (&["avenant"], keywords::AVENANT),
    (&["bilan"], keywords::BILAN),
    (&["fiche"], keywords::BILAN_FICHE),
];

/// What the Python SCRIPT prints as JSON when run with pypdf on PDF (`sys.argv[1]`).
pub fn pypdf(script: &str, pdf: &std::path::Path) -> serde_json::Value {
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(pdf)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "pypdf could not read {} (pip install pypdf): {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the pypdf script")
}

/// Whether the tests run in CI (`CI` set and not `false`/`0`, as GitHub Actions and `.ci/run` do).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A tool a test needs is missing: in CI that is a failure (a test must never pass by not
/// running there); on a developer's machine the test says so on stderr and is skipped.
pub fn missing_tool(what: &str) {
    assert!(
        !in_ci(),
        "{what} (CI is set: a missing tool fails the test instead of skipping it)"
    );
    eprintln!("test skipped: {what}");
}
