//! What several test targets share: the example projects, scratch directories, a seeded random
//! generator, the planted diff changes, escaping inverses and the CI policy for missing tools.
//! Each target includes it with `mod support;` and uses the parts it needs.

#![allow(dead_code)]

pub mod planted;
pub mod prng;
pub mod scratch;
pub mod unescape;

/// The example projects of `conventions/`, in alphabetical order.
pub const EXAMPLES: [&str; 5] = [
    "carlades",
    "chateau-thierry",
    "pays-de-l-aigle",
    "versants-d-aime",
    "vosges-ccpvm",
];

use ctgc::lower::keywords;

/// Every block of the language with the keywords it accepts: (the keywords that open the block,
/// "" for the top level; its keywords). The manuals show each keyword in its block.
pub const KEYWORDS_BY_BLOCK: [(&[&str], &[&str]); 14] = [
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
    (&["bilan"], keywords::BILAN),
    (&["fiche"], keywords::BILAN_FICHE),
];

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
