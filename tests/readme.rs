//! The README is the user's manual: it documents every rule, and its `ctg` examples parse and use
//! every keyword of the language in the block where it belongs (read with the real parser, so a
//! word in the prose never counts as an example).

mod support;

use std::collections::BTreeSet;

use ctgc::source::FileId;
use ctgc::syntax::{self, Statement};

fn readme() -> String {
    std::fs::read_to_string("README.md").expect("README.md")
}

/// The fenced code blocks of the README tagged `ctg`, with the line each starts on.
fn ctg_blocks(text: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            None if line.trim() == "```ctg" => current = Some((i + 2, String::new())),
            Some(_) if line.trim() == "```" => blocks.extend(current.take()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// Every (enclosing block keyword, statement keyword) pair, the top level being "".
fn uses(statements: &[Statement], parent: &str, out: &mut BTreeSet<(String, String)>) {
    for s in statements {
        out.insert((parent.to_string(), s.keyword.clone()));
        if let Some(block) = &s.block {
            uses(&block.statements, &s.keyword, out);
        }
    }
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
fn every_example_parses() {
    let blocks = ctg_blocks(&readme());
    assert!(
        blocks.len() >= 5,
        "README has {} ctg examples",
        blocks.len()
    );
    for (line, body) in &blocks {
        let (_, diagnostics) = syntax::parse(body, FileId(0));
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.is_empty(),
            "the ctg example at README.md:{line} does not parse: {messages:?}"
        );
    }
}

#[test]
fn every_keyword_appears_in_an_example_in_its_block() {
    let mut seen = BTreeSet::new();
    for (_, body) in ctg_blocks(&readme()) {
        let (tree, _) = syntax::parse(&body, FileId(0));
        uses(&tree.statements, "", &mut seen);
    }
    let contexts = support::KEYWORDS_BY_BLOCK;
    let mut missing = Vec::new();
    for (parents, list) in contexts {
        for kw in list {
            if !parents
                .iter()
                .any(|p| seen.contains(&(p.to_string(), kw.to_string())))
            {
                missing.push(format!("« {kw} » in a {} block", parents.join("/")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README has no ctg example of: {}",
        missing.join(", ")
    );
}
