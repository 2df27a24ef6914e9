//! The article model: the default articles of every convention, from `articles.yaml` in the
//! project's templates directory, else in the Caf's model directory, else the built-in one. The project's file is a source like the
//! `.ctg` files: each text's `{{ … }}` is checked when the file is read, and a mistake is shown
//! where it is written — the renderer fills the texts in much later, when nobody looks.

use std::path::{Path, PathBuf};

use minijinja::Environment;

use super::config::yaml_message;
use super::read_text;
use crate::articles::VARIABLES;
use crate::caf_model::CafModel;
use crate::diagnostic::Diagnostic;
use crate::model::DefaultArticle;
use crate::project::{Config, LoadError, Project, Refusal};
use crate::rules;
use crate::source::{Sources, Span};
use crate::suggestion::closest;
use crate::templates::{self, ARTICLES_FILE};
use crate::world::{Kind, World};

/// A project's own article model file.
pub(super) struct ArticleFile {
    path: PathBuf,
    /// As the user names it.
    name: String,
    text: String,
}

/// Reads the project's article model, else the Caf's model's, else the built-in one: the
/// articles, and the file when there is one. `Err`: the file cannot be read, or is not the YAML
/// list of articles.
pub(super) fn load(
    world: &dyn World,
    project: &Project,
    config: &Config,
    caf_model: &CafModel,
) -> Result<(Vec<DefaultArticle>, Option<ArticleFile>), LoadError> {
    let refused = |path: PathBuf, why: Refusal| LoadError::unreadable(&path, why);
    let dir = templates::project_dir(world, project, config).map_err(|why| {
        let written = config.modeles.as_deref().unwrap_or(templates::DEFAULT_DIR);
        refused(project.dir.join(written), why)
    })?;
    let found = match &dir {
        Some(dir) => match dir.find(world, Path::new(ARTICLES_FILE)) {
            Ok(canonical) => Some((dir.dir.join(ARTICLES_FILE), canonical)),
            Err(Refusal::Missing(_)) => None,
            Err(why) => return Err(refused(dir.dir.join(ARTICLES_FILE), why)),
        },
        None => None,
    };
    let own = found.filter(|(_, canonical)| {
        world
            .metadata(canonical)
            .is_ok_and(|m| m.kind == Kind::File)
    });
    let from_model = caf_model
        .root
        .as_ref()
        .zip(caf_model.articles.as_ref())
        .map(|(root, canonical)| (root.dir.join(ARTICLES_FILE), canonical));
    let (text, name, own) = match (own, from_model) {
        // Read by the name the user knows (for messages): it leads where `find` checked.
        (Some((path, _)), _) => (
            read_text(world, &path)?,
            path.display().to_string(),
            Some(path),
        ),
        // The model's file, by its canonical path (`caf_model` checked it stays inside).
        (None, Some((path, canonical))) => (
            read_text(world, canonical)?,
            path.display().to_string(),
            Some(path),
        ),
        (None, None) => (
            templates::ARTICLES.to_string(),
            format!("{ARTICLES_FILE} (intégré)"),
            None,
        ),
    };
    let articles = serde_yaml::from_str(&text).map_err(|e| LoadError::Articles {
        name: name.clone(),
        why: yaml_message(&e),
    })?;
    Ok((articles, own.map(|path| ArticleFile { path, name, text })))
}

impl ArticleFile {
    /// Registers the file as a source and reports what the texts of its ARTICLES cannot fill
    /// in: a name the renderer does not give (`crate::articles::VARIABLES`), a malformed tag.
    pub(super) fn check(
        self,
        articles: &mut [DefaultArticle],
        sources: &mut Sources,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let id = sources.add_yaml(self.path, self.name, self.text);
        let text: &str = &sources.get(id).text.clone();
        // The environment the renderer fills the texts with: its global functions are known.
        let env = Environment::new();
        let globals: Vec<&str> = env.globals().map(|(name, _)| name).collect();
        let starts = entry_starts(text, articles);
        // Two « Article préliminaire » in the model claim one place, printed or not.
        let mut preliminaires = articles.iter().enumerate().filter(|(_, a)| a.preliminaire);
        if let (Some((first, _)), Some((second, a))) = (preliminaires.next(), preliminaires.next())
        {
            let line = |k: usize| {
                let (start, end) = line_at(text, starts[k]);
                Span::new(id, start, end)
            };
            diagnostics.push(
                Diagnostic::new(
                    &rules::ARTICLE_MEME_PLACE,
                    format!(
                        "le modèle d'articles a deux articles préliminaires : « {} » et « {} »",
                        articles[first].id, a.id
                    ),
                )
                .label(line(second), "second article préliminaire")
                .label(line(first), "premier article préliminaire"),
            );
        }
        for (k, article) in articles.iter_mut().enumerate() {
            let region = starts[k]..starts.get(k + 1).copied().unwrap_or(text.len());
            article.region = Some(Span::new(id, region.start, region.end));
            let at = |range: Option<(usize, usize)>| {
                let (start, end) = range.unwrap_or_else(|| line_at(text, region.start));
                Span::new(id, start, end)
            };
            // Citations of elements are the renderer's, not minijinja's.
            let shielded = crate::citation::shielded(&article.texte);
            match env.template_from_str(&shielded) {
                Err(e) => {
                    let range = e
                        .range()
                        .and_then(|r| locate_text(text, region.clone(), &article.texte, r));
                    diagnostics.push(
                        Diagnostic::new(
                            &rules::ARTICLE_SYNTAXE,
                            format!(
                                "le texte de l'article « {} » n'est pas un modèle valide ({})",
                                article.id,
                                e.detail().unwrap_or("syntaxe invalide")
                            ),
                        )
                        .label(at(range), "balise mal formée"),
                    );
                }
                Ok(template) => {
                    let mut unknown: Vec<(Span, String)> = template
                        .undeclared_variables(false)
                        .into_iter()
                        .filter(|v| {
                            !VARIABLES.contains(&v.as_str()) && !globals.contains(&v.as_str())
                        })
                        .map(|v| (at(locate_name(text, region.clone(), &v)), v))
                        .collect();
                    unknown.sort_by_key(|(span, v)| (span.start, v.clone()));
                    for (span, variable) in unknown {
                        diagnostics.push(
                            Diagnostic::new(
                                &rules::ARTICLE_VARIABLE_INCONNUE,
                                format!(
                                    "le texte de l'article « {} » utilise « {variable} », valeur inconnue",
                                    article.id
                                ),
                            )
                            .label(span, "valeur inconnue")
                            .suggest(closest(&variable, VARIABLES.iter().copied())),
                        );
                    }
                }
            }
        }
    }
}

/// Where each article's entry starts in the YAML text: at its `id:` key, looked for in order;
/// where the previous one starts when a key is not found (a flow-style list, for instance).
fn entry_starts(text: &str, articles: &[DefaultArticle]) -> Vec<usize> {
    let mut from = 0;
    articles
        .iter()
        .map(|article| {
            let found = lines_from(text, from).find(|&(_, line)| {
                let key = line.trim_start().trim_start_matches('-').trim_start();
                key.strip_prefix("id:")
                    .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == article.id)
            });
            if let Some((at, line)) = found {
                from = at + line.len();
                at + line.find("id:").unwrap_or(0)
            } else {
                from
            }
        })
        .collect()
}

/// The lines of TEXT that start at or after FROM, with their offsets (without their `\n`).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let start = text[..from.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    text[start..]
        .split_inclusive('\n')
        .scan(start, |at, line| {
            let here = *at;
            *at += line.len();
            Some((here, line.trim_end_matches(['\n', '\r'])))
        })
        .filter(move |&(at, _)| at >= from)
}

/// The line of TEXT holding offset AT (its text, without leading spaces).
fn line_at(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let indent = text[start..end].len() - text[start..end].trim_start().len();
    (start + indent, end)
}

/// The first place in REGION of TEXT where NAME is used in a `{{ … }}` or `{% … %}` tag, as a
/// name of its own (not part of a longer name, nor an attribute after a dot).
fn locate_name(text: &str, region: std::ops::Range<usize>, name: &str) -> Option<(usize, usize)> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let mut at = region.start;
    while at < region.end {
        let open = at + text[at..region.end].find(['{'])?;
        let close = match text[open..].get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let end = text
            .get(open + 2..region.end)
            .and_then(|rest| rest.find(close))
            .map_or(region.end, |i| open + 2 + i);
        let tag = &text[open..end];
        for (i, _) in tag.match_indices(name) {
            let before = tag[..i].chars().next_back();
            let after = tag[i + name.len()..].chars().next();
            if !before.is_some_and(|c| is_name(c) || c == '.') && !after.is_some_and(is_name) {
                return Some((open + i, open + i + name.len()));
            }
        }
        at = end;
    }
    None
}

/// Where the byte range ERROR of an article's text ARTICLE is in the YAML TEXT: the line of the
/// text holding it, found in the article's region (a block scalar keeps each line whole).
pub(crate) fn locate_text(
    text: &str,
    region: std::ops::Range<usize>,
    article: &str,
    error: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let start = error.start.min(article.len());
    let line_start = article[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = article[start..]
        .find('\n')
        .map_or(article.len(), |i| start + i);
    let line = &article[line_start..line_end];
    if line.trim().is_empty() {
        return None;
    }
    let found = region.start + text[region.clone()].find(line)?;
    let at = found + (start - line_start);
    let end = (found + line.len()).min(at + error.len().max(1));
    Some((at, end.max(at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, texte: &str) -> DefaultArticle {
        DefaultArticle {
            id: id.into(),
            titre: "T".into(),
            texte: texte.into(),
            preliminaire: false,
            region: None,
        }
    }

    fn checked(yaml: &str) -> Vec<(String, String)> {
        let mut articles: Vec<DefaultArticle> = serde_yaml::from_str(yaml).unwrap();
        let file = ArticleFile {
            path: PathBuf::from("/p/articles.yaml"),
            name: "articles.yaml".into(),
            text: yaml.into(),
        };
        let mut sources = Sources::new();
        let mut diagnostics = Vec::new();
        file.check(&mut articles, &mut sources, &mut diagnostics);
        let text = &sources.get(crate::source::FileId(0)).text;
        diagnostics
            .iter()
            .map(|d| {
                let span = d.primary().unwrap();
                (
                    d.rule.code.to_string(),
                    text[span.start..span.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn the_builtin_model_fills_every_placeholder() {
        let model: Vec<DefaultArticle> = serde_yaml::from_str(templates::ARTICLES).unwrap();
        let env = Environment::new();
        for a in &model {
            let t = env.template_from_str(&a.texte).expect(&a.id);
            for v in t.undeclared_variables(false) {
                assert!(VARIABLES.contains(&v.as_str()), "{}: {v}", a.id);
            }
        }
    }

    #[test]
    fn the_rule_lists_every_value() {
        for v in VARIABLES {
            assert!(rules::ARTICLE_VARIABLE_INCONNUE.help.contains(v), "{v}");
            assert!(rules::ARTICLE_VARIABLE_INCONNUE.doc.contains(v), "{v}");
        }
    }

    #[test]
    fn mistakes_are_shown_where_they_are_written() {
        let yaml = "# {{ commentaire }}\n- id: objet\n  titre: Objet\n  texte: |\n    Sur {{ territoire }} et {{ territoir }}.\n- id: \"suite\"\n  titre: Suite\n  texte: |\n    {% if champ %}x{% endif %} {{ range(2) | length }} {{ a.territoir }}\n";
        assert_eq!(
            checked(yaml),
            [
                (
                    "ctg::article::variable-inconnue".to_string(),
                    "territoir".to_string()
                ),
                (
                    "ctg::article::variable-inconnue".to_string(),
                    "champ".to_string()
                ),
                (
                    "ctg::article::variable-inconnue".to_string(),
                    "a".to_string()
                ),
            ]
        );
        let broken =
            "- id: objet\n  titre: Objet\n  texte: |\n    Bien.\n    Sur {{ territoire }.\n";
        let found = checked(broken);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "ctg::article::syntaxe");
    }

    #[test]
    fn two_preliminaires_in_the_model_are_one_place_claimed_twice() {
        let yaml = "- id: a\n  titre: A\n  préliminaire: oui\n  texte: a\n\
                    - id: b\n  titre: B\n  texte: b\n\
                    - id: c\n  titre: C\n  préliminaire: oui\n  texte: c\n";
        let mut articles: Vec<DefaultArticle> = serde_yaml::from_str(yaml).unwrap();
        let mut sources = Sources::default();
        let mut diagnostics = Vec::new();
        let file = ArticleFile {
            path: PathBuf::from("articles.yaml"),
            name: "articles.yaml".into(),
            text: yaml.into(),
        };
        file.check(&mut articles, &mut sources, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!(d.rule.code, "ctg::article::meme-place");
        let text = &sources.get(d.labels[0].span.file).text;
        let under = |k: usize| &text[d.labels[k].span.start..d.labels[k].span.end];
        assert_eq!((under(0), under(1)), ("- id: c", "- id: a"));
    }

    #[test]
    fn entries_are_found_by_their_ids() {
        let yaml = "- id: a\n  texte: x\n-   id: 'b'\n  texte: y\n";
        let articles = [article("a", "x"), article("b", "y"), article("c", "z")];
        assert_eq!(entry_starts(yaml, &articles), [2, 23, 30]);
    }
}
