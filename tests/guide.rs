//! The French guide for coordinators (`docs/guide/`) and the README `ctgc new` writes: their
//! `ctg` examples parse, the language reference shows every keyword in the block where it belongs,
//! their links lead somewhere, and their prose follows French typography (narrow no-break spaces
//! inside « » and before ; : ! ?, a no-break space before €).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ctgc::source::FileId;
use ctgc::syntax::{self, Statement};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use support::typography::faults as typography_faults;

const GUIDE: &str = "docs/guide";
const PAGES: [&str; 4] = ["index.md", "langage.md", "relire.md", "pdf.md"];

fn pages() -> Vec<(PathBuf, String)> {
    let mut files: Vec<PathBuf> = PAGES.iter().map(|p| Path::new(GUIDE).join(p)).collect();
    files.push(PathBuf::from("scaffold/README.md"));
    files
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, text)
        })
        .collect()
}

/// What a Markdown page is made of, for the checks: its `ctg` code blocks, its prose (one string
/// per paragraph, list item, heading or table cell, inline code standing as « code »), its links.
#[derive(Default)]
struct Page {
    ctg: Vec<String>,
    prose: Vec<String>,
    links: Vec<String>,
}

fn read(markdown: &str) -> Page {
    let mut page = Page::default();
    let mut code: Option<(bool, String)> = None;
    let mut prose = String::new();
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let is_ctg = matches!(&kind, CodeBlockKind::Fenced(lang) if lang.as_ref() == "ctg");
                code = Some((is_ctg, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((true, body)) = code.take() {
                    page.ctg.push(body);
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, body)) = &mut code {
                    body.push_str(&t);
                }
            }
            Event::Text(t) => prose.push_str(&t),
            Event::Code(_) => prose.push_str("code"),
            Event::SoftBreak => prose.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => page.links.push(dest_url.to_string()),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => page.prose.push(std::mem::take(&mut prose)),
            _ => {}
        }
    }
    page
}

#[test]
fn every_ctg_example_parses() {
    for (path, text) in pages() {
        for body in read(&text).ctg {
            let (_, diagnostics) = syntax::parse(&body, FileId(0));
            let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
            assert!(
                messages.is_empty(),
                "{}: an example does not parse: {messages:?}\n{body}",
                path.display()
            );
        }
    }
}

#[test]
fn the_language_reference_shows_every_keyword_in_its_block() {
    let text = std::fs::read_to_string(Path::new(GUIDE).join("langage.md")).expect("langage.md");
    // (enclosing block keyword, statement keyword), the top level being "".
    let mut seen = BTreeSet::new();
    for body in read(&text).ctg {
        let (tree, _) = syntax::parse(&body, FileId(0));
        let mut pending: Vec<(&str, &Statement)> =
            tree.statements.iter().map(|s| ("", s)).collect();
        while let Some((parent, statement)) = pending.pop() {
            seen.insert((parent.to_string(), statement.keyword.clone()));
            for inner in statement.block.iter().flat_map(|b| &b.statements) {
                pending.push((&statement.keyword, inner));
            }
        }
    }
    let missing: Vec<String> = support::KEYWORDS_BY_BLOCK
        .iter()
        .flat_map(|(parents, list)| list.iter().map(move |kw| (parents, kw)))
        .filter(|(parents, kw)| {
            !parents
                .iter()
                .any(|p| seen.contains(&(p.to_string(), kw.to_string())))
        })
        .map(|(parents, kw)| format!("« {kw} » dans un bloc {}", parents.join("/")))
        .collect();
    assert!(
        missing.is_empty(),
        "langage.md n'a pas d'exemple de : {}",
        missing.join(", ")
    );
}

#[test]
fn the_prose_follows_french_typography() {
    assert_eq!(typography_faults("« non » ; oui : 12 €").len(), 5);
    assert!(
        typography_faults("«\u{202f}oui\u{202f}»\u{202f}; 12\u{a0}€, https://x.org/a?b").is_empty()
    );
    // A colon inside a word (a path) is no fault.
    assert!(typography_faults("«\u{202f}a :b\u{202f}»").is_empty());
    let mut faults = Vec::new();
    for (path, text) in pages() {
        for prose in read(&text).prose {
            faults.extend(
                typography_faults(&prose)
                    .into_iter()
                    .map(|f| format!("{}: …{f}…", path.display())),
            );
        }
    }
    assert!(
        faults.is_empty(),
        "espaces à rendre insécables :\n{}",
        faults.join("\n")
    );
}

#[test]
fn links_lead_to_pages_that_exist() {
    for (path, text) in pages() {
        for link in read(&text).links {
            if link.starts_with("https://") || link.starts_with("#") || link == "…" {
                continue;
            }
            // The README of a new project links to the guide at the address of ctgc's repository.
            let target = match link.strip_prefix("@GUIDE@/") {
                Some(page) => Path::new(GUIDE).join(page),
                None if link == "@DEPOT@" => continue,
                None => path
                    .parent()
                    .expect("dir")
                    .join(link.split('#').next().unwrap_or("")),
            };
            assert!(
                target.is_file(),
                "{}: « {link} » leads nowhere",
                path.display()
            );
        }
    }
}
