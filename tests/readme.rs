//! The README is the user's manual: it must document every rule and every keyword.

use ctgc::lower::keywords;

fn readme() -> String {
    std::fs::read_to_string("README.md").expect("README.md")
}

#[test]
fn every_rule_is_documented() {
    let text = readme();
    for rule in ctgc::rules::ALL {
        assert!(
            text.contains(&format!("`{}`", rule.code)),
            "README lacks {}",
            rule.code
        );
    }
}

#[test]
fn every_keyword_appears_in_an_example() {
    let text = readme();
    let blocks = [
        keywords::TOP,
        keywords::CONVENTION,
        keywords::PARTY,
        keywords::AXE,
        keywords::FICHE,
        keywords::INDICATEUR,
        keywords::EQUIPEMENT,
        keywords::INSTANCE,
        keywords::LINKED,
        keywords::ARTICLE,
        keywords::ANNEXE,
    ];
    for kw in blocks.iter().flat_map(|b| b.iter()) {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(kw) || l.contains(&format!(" {kw} "))),
            "README has no example of « {kw} »"
        );
    }
}
