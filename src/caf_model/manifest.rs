//! `modele.yaml`: read with serde, then every value checked; each mistake is a diagnostic at the
//! place it is written (serde keeps no positions: keys and values are found again in the text).

use std::path::Path;

use serde::Deserialize;

use super::annexes;
use super::style::{self, StyleManifest};
use super::{CafModel, Defaults, LabelDefaults};
use crate::compile::yaml_message;
use crate::diagnostic::Diagnostic;
use crate::project::{Numbering, Root};
use crate::rules::{self, Rule};
use crate::source::{FileId, Sources, Span};
use crate::world::{Kind, World};

/// The keys of the manifest, for the help of a diagnostic.
const KEYS: &str =
    "nom, annexes, style (couleurs, polices, couverture, logos, logo), libellés, numérotation";

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Manifest {
    /// The model's name, for people (not printed).
    #[serde(default)]
    #[allow(dead_code)]
    nom: Option<String>,
    #[serde(default)]
    annexes: Option<Vec<serde_yaml::Value>>,
    #[serde(default)]
    style: StyleManifest,
    #[serde(default, alias = "libellés")]
    libelles: LabelDefaults,
    #[serde(default, alias = "numérotation")]
    numerotation: Option<Numbering>,
}

/// Where diagnostics about the manifest go, and how places in it are found.
pub(super) struct Report<'a> {
    pub id: FileId,
    pub text: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    /// An error of RULE at SPAN.
    pub(super) fn error(&mut self, rule: &'static Rule, message: String, span: Span, label: &str) {
        self.diagnostics
            .push(Diagnostic::new(rule, message).label(span, label));
    }

    /// The same, with its own help line.
    pub(super) fn error_help(
        &mut self,
        rule: &'static Rule,
        message: String,
        span: Span,
        label: &str,
        help: String,
    ) {
        self.diagnostics
            .push(Diagnostic::new(rule, message).label(span, label).help(help));
    }

    /// The value of the key at PATH (each level given with its spellings), or the key itself
    /// when its value is on the following lines; the start of the file when it is not found.
    pub(super) fn key(&self, path: &[&[&str]]) -> Span {
        let (start, end) = find_key(self.text, path).unwrap_or((0, 0));
        Span::new(self.id, start, end)
    }

    /// The first place VALUE is written after the key at PATH; the key when not found.
    pub(super) fn value(&self, path: &[&[&str]], value: &str) -> Span {
        let key = self.key(path);
        self.after(key.start, value).unwrap_or(key)
    }

    /// The first place VALUE is written at or after byte FROM.
    pub(super) fn after(&self, from: usize, value: &str) -> Option<Span> {
        let i = self.text.get(from..)?.find(value)?;
        (!value.is_empty()).then(|| Span::new(self.id, from + i, from + i + value.len()))
    }
}

/// Reads the manifest TEXT (at PATH, as the user names it) of the model at ROOT (`None`: the
/// built-in model) and everything it names.
pub(super) fn read(
    world: &dyn World,
    root: Option<Root>,
    text: &str,
    path: &Path,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> CafModel {
    let id = sources.add_yaml(
        path.to_path_buf(),
        path.display().to_string(),
        text.to_string(),
    );
    let mut report = Report {
        id,
        text,
        diagnostics,
    };
    let manifest = match serde_yaml::from_str::<Option<Manifest>>(text) {
        Ok(m) => m.unwrap_or_default(),
        Err(e) => {
            let at = e
                .location()
                .map_or(0, |l| offset(text, l.line(), l.column()));
            report.error_help(
                &rules::MODELE_INVALIDE,
                format!("{} invalide : {}", super::MANIFEST, yaml_message(&e)),
                Span::new(id, at, at),
                "ici",
                format!("clés permises : {KEYS}"),
            );
            Manifest::default()
        }
    };
    let annexes = annexes::plan(manifest.annexes.as_deref(), &mut report);
    let style = style::read(world, root.as_ref(), manifest.style, &mut report);
    let sub = |name: &str| {
        let root = root.as_ref()?;
        let canonical = root.find(world, Path::new(name)).ok()?;
        Some((root, canonical))
    };
    let templates = sub(crate::templates::DEFAULT_DIR)
        .filter(|(_, c)| world.metadata(c).is_ok_and(|m| m.kind == Kind::Directory))
        .and_then(|(root, _)| {
            root.sub(world, Path::new(crate::templates::DEFAULT_DIR))
                .ok()
        });
    let articles = sub(crate::templates::ARTICLES_FILE)
        .filter(|(_, c)| world.metadata(c).is_ok_and(|m| m.kind == Kind::File))
        .map(|(_, c)| c);
    CafModel {
        root,
        annexes,
        style,
        templates,
        articles,
        defaults: Defaults {
            libelles: manifest.libelles,
            numerotation: manifest.numerotation,
        },
    }
}

/// The byte offset of LINE and COLUMN (1-based, columns counting characters) in TEXT.
pub(super) fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    let line_text = rest.split('\n').next().unwrap_or("");
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// The span of the value of the key at PATH in the YAML TEXT, each level a key below the
/// previous one (more indented, before the next line as indented as its parent); the key itself
/// when its value is on the following lines. Comments are skipped.
fn find_key(text: &str, path: &[&[&str]]) -> Option<(usize, usize)> {
    let mut at = 0;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    for names in path {
        let mut hit = None;
        let mut offset = at;
        for line in text[at..].split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = content.len() - trimmed.len();
            match parent_indent {
                Some(p) if indent <= p => break,
                None if indent > 0 => continue,
                _ => {}
            }
            let Some((key, rest)) = trimmed.split_once(':') else {
                continue;
            };
            let key = key.trim().trim_matches(['"', '\'']);
            if !names.contains(&key) {
                continue;
            }
            let key_start = start + indent;
            let value = rest.split(" #").next().unwrap_or(rest);
            let value_trimmed = value.trim();
            let span = if value_trimmed.is_empty() {
                (key_start, key_start + key.len())
            } else {
                let value_start = key_start
                    + (trimmed.len() - rest.len())
                    + (value.len() - value.trim_start().len());
                (value_start, value_start + value_trimmed.len())
            };
            hit = Some((span, indent, offset));
            break;
        }
        let (span, indent, next) = hit?;
        found = Some(span);
        parent_indent = Some(indent);
        at = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_below_their_parents() {
        let text = "# style: non\nnom: x\nstyle:\n  # couleurs: non\n  couleurs:\n    principale: \"#123456\"  # bleu\n  logos: bas\nlogos: haut\n";
        let (s, e) = find_key(text, &[&["style"], &["couleurs"], &["principale"]]).unwrap();
        assert_eq!(&text[s..e], "\"#123456\"");
        let (s, e) = find_key(text, &[&["style"], &["logos"]]).unwrap();
        assert_eq!(&text[s..e], "bas");
        let (s, e) = find_key(text, &[&["logos"]]).unwrap();
        assert_eq!(&text[s..e], "haut");
        let (s, e) = find_key(text, &[&["style"]]).unwrap();
        assert_eq!(&text[s..e], "style");
        assert_eq!(find_key(text, &[&["style"], &["nom"]]), None);
    }

    #[test]
    fn positions_count_characters() {
        let text = "é: 1\nclé: 2\n";
        assert_eq!(&text[offset(text, 2, 4)..], ": 2\n");
        assert_eq!(offset(text, 9, 9), text.len());
    }
}
