//! The template engine: one minijinja environment per output target. What differs between the
//! targets — the main template, how a printed value is escaped, the filters, the handling of
//! whitespace around blocks — comes from [`Target`]; the rest is written once, here: undefined
//! values are errors, templates load through [`Templates`], and a minijinja error becomes one
//! French message whatever the target.

use std::fmt;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

use super::{Templates, html, typst};

/// What a template produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Typst source for the PDF.
    Typst,
    /// The self-contained HTML page.
    Html,
}

impl Target {
    /// The main template; it includes the others by name, so a project may override any of them.
    pub(crate) fn template(self) -> &'static str {
        match self {
            Target::Typst => typst::TEMPLATE,
            Target::Html => html::TEMPLATE,
        }
    }

    /// A printed value, escaped for the target's markup, « [à compléter] » highlighted.
    fn escape(self, text: &str) -> String {
        match self {
            Target::Typst => typst::escape(text),
            Target::Html => html::escape_marked(text),
        }
    }

    /// Every template of an environment produces its target, whatever its file name.
    fn auto_escape(self) -> AutoEscape {
        match self {
            Target::Typst => AutoEscape::Custom("typst"),
            Target::Html => AutoEscape::Html,
        }
    }

    fn configure(self, env: &mut Environment<'static>) {
        match self {
            // Typst reads line breaks (a paragraph ends at a blank line): they stay as written.
            Target::Typst => {
                env.set_keep_trailing_newline(true);
                typst::add_filters(env);
            }
            // HTML ignores them: block tags take their line with them, for a readable page.
            Target::Html => {
                env.set_trim_blocks(true);
                env.set_lstrip_blocks(true);
                html::add_filters(env);
            }
        }
    }
}

/// A defect of a template, in French: which template, where, what. The convention is not at
/// fault; whoever maintains the templates is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(String);

impl TemplateError {
    /// The French message.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

/// A template environment kept across renders: each template is compiled on its first use only,
/// which matters to callers rendering many views (the fuzzer, benchmarks).
pub struct Engine {
    env: Environment<'static>,
    templates: Templates,
    target: Target,
}

impl Engine {
    pub fn new(target: Target, templates: &Templates) -> Self {
        let mut env = Environment::new();
        env.set_auto_escape_callback(move |_| target.auto_escape());
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(move |out, state, value| format_value(target, out, state, value));
        // Every template, included, imported or extended ones too, comes through the confined
        // loader: a refused name is an error, never a fallback.
        let loader = templates.clone();
        env.set_loader(move |name| {
            loader
                .load(name)
                .map(|found| found.map(|(source, _)| source))
                .map_err(|why| Error::new(ErrorKind::BadInclude, why))
        });
        target.configure(&mut env);
        Engine {
            env,
            templates: templates.clone(),
            target,
        }
    }

    /// Renders the target's main template with `context` (the view, or what wraps it).
    pub fn render<C: Serialize + ?Sized>(&self, context: &C) -> Result<String, TemplateError> {
        self.render_named(self.target.template(), context)
    }

    /// Renders the template NAME of the target (another document than the convention: the
    /// bilan) with `context`.
    pub fn render_named<C: Serialize + ?Sized>(
        &self,
        name: &str,
        context: &C,
    ) -> Result<String, TemplateError> {
        let locate = |name: &str| {
            self.templates
                .get(name)
                .map(|(source, origin)| (format!("modèle « {origin} »"), source))
        };
        let template = self
            .env
            .get_template(name)
            .map_err(|e| translate(&e, name, locate))?;
        let out = template
            .render(context)
            .map_err(|e| translate(&e, name, locate))?;
        // The marks a printed value carries become markup only where markup may stand.
        Ok(match self.target {
            Target::Typst => out,
            Target::Html => html::finish(&out),
        })
    }
}

/// The escaping hook: safe values (built by the filters) pass as they are, everything else is
/// escaped for the target.
fn format_value(
    target: Target,
    out: &mut Output<'_>,
    state: &State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    let text = if value.is_safe() || state.auto_escape() == AutoEscape::None {
        value.to_string()
    } else if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        target.escape(&value.to_string())
    };
    out.write_str(&text)
        .map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// The longest excerpt of a template a message quotes.
const EXCERPT_CHARS: usize = 60;

/// A minijinja error in French: `PLACE, ligne N : WHAT « EXCERPT »`. `main` names the template
/// when minijinja does not; `locate` gives a template's place in words (`modèle « … »`, naming
/// the project's file or the built-in one) and its source, from which the failing expression is
/// quoted.
pub(crate) fn translate(
    e: &Error,
    main: &str,
    locate: impl Fn(&str) -> Option<(String, String)>,
) -> TemplateError {
    let name = e.name().unwrap_or(main);
    let located = locate(name);
    let mut s = located
        .as_ref()
        .map_or_else(|| format!("modèle « {name} »"), |(place, _)| place.clone());
    if let Some(line) = e.line() {
        s.push_str(&format!(", ligne {line}"));
    }
    s.push_str(" : ");
    s.push_str(what(e.kind()));
    // Where parsing stopped says little (often the end of the template): the detail says more.
    let excerpt = located
        .as_ref()
        .filter(|_| e.kind() != ErrorKind::SyntaxError)
        .zip(e.range())
        .and_then(|((_, source), range)| source.get(range))
        .map(excerpt)
        .filter(|x| !x.is_empty());
    if let Some(x) = excerpt {
        s.push_str(&format!(" « {x} »"));
    }
    // minijinja's own words (in English) only where the kind and the excerpt do not say enough.
    if matches!(
        e.kind(),
        ErrorKind::SyntaxError
            | ErrorKind::TemplateNotFound
            | ErrorKind::InvalidOperation
            | ErrorKind::BadInclude
    ) && let Some(detail) = e.detail()
    {
        s.push_str(&format!(" (minijinja : {detail})"));
    }
    TemplateError(s)
}

fn what(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::SyntaxError => "syntaxe invalide",
        ErrorKind::TemplateNotFound => "modèle introuvable",
        ErrorKind::UndefinedError => "variable ou attribut inconnu",
        ErrorKind::UnknownFilter => "filtre inconnu",
        ErrorKind::UnknownFunction => "fonction inconnue",
        ErrorKind::UnknownMethod => "méthode inconnue",
        ErrorKind::UnknownTest => "test inconnu",
        ErrorKind::TooManyArguments => "trop d'arguments",
        ErrorKind::MissingArgument => "argument manquant",
        ErrorKind::BadInclude => "inclusion impossible",
        ErrorKind::InvalidOperation => "opération invalide",
        ErrorKind::BadEscape => "séquence d'échappement invalide",
        ErrorKind::CannotUnpack => "décomposition impossible",
        ErrorKind::WriteFailure => "échec d'écriture",
        _ => "erreur de rendu",
    }
}

/// The failing expression on one line, cut at [`EXCERPT_CHARS`].
fn excerpt(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `source` as the main template of both targets (a project's override) and returns
    /// both messages.
    fn both(case: &str, source: &str) -> [String; 2] {
        let dir = std::env::temp_dir().join(format!("ctgc-engine-{}-{case}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for target in [Target::Typst, Target::Html] {
            std::fs::write(dir.join(target.template()), source).unwrap();
        }
        let templates = Templates::new(Some(dir.clone()));
        let context = minijinja::context! { titre => "Titre", fiches => vec!["a", "b"] };
        let messages = [Target::Typst, Target::Html].map(|target| {
            let e = Engine::new(target, &templates)
                .render(&context)
                .expect_err(case);
            e.message()
                .replace(&dir.join(target.template()).display().to_string(), "MODÈLE")
        });
        std::fs::remove_dir_all(&dir).ok();
        messages
    }

    #[test]
    fn a_typo_reads_the_same_for_both_targets() {
        for (case, source, expected) in [
            (
                "filtre",
                "= {{ titre }}\n{{ titre | inconnu }}\n",
                "modèle « MODÈLE », ligne 2 : filtre inconnu « inconnu »",
            ),
            (
                "syntaxe",
                "{% for f in fiches %}\n{{ f }}\n",
                "modèle « MODÈLE », ligne 2 : syntaxe invalide (minijinja : ",
            ),
            (
                "variable",
                "{% for f in fiches %}\n{{ f.inconnu }}\n{% endfor %}",
                "modèle « MODÈLE », ligne 2 : variable ou attribut inconnu « f.inconnu »",
            ),
        ] {
            let [typst, html] = both(case, source);
            assert_eq!(typst, html, "{case}");
            assert!(typst.starts_with(expected), "{case}: {typst}");
        }
    }
}
