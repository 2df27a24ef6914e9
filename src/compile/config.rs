//! `ctgc.yaml`, read first: it may name the main file, the output directory, the templates
//! directory and the Caf's model. The first three stay inside the project (`project::Root`): a
//! key that names a path outside is reported where it is written and ignored, before anything
//! it names is read. The model (`modèle:`) is the one path that may lead out of the project —
//! never an absolute one; its own confinement is `caf_model`'s. What the project does not say,
//! the model's defaults fill in ([`apply_defaults`]).

use std::path::Path;

use super::read_text;
use crate::caf_model::Defaults;
use crate::diagnostic::Diagnostic;
use crate::project::{self, Config, LoadError, Project, Refusal, Root};
use crate::rules;
use crate::source::{FileId, Sources, Span};
use crate::world::World;

/// `ctgc.yaml` as read.
pub(super) struct Loaded {
    /// Its paths checked: a refused one is `None`.
    pub config: Config,
    /// `principal:` was refused: the main file it names must not be read.
    pub main_refused: bool,
    /// Where `modèle:` is written, when it is.
    pub model_key: Option<Span>,
    /// The keys the project writes, that the model's defaults must not replace.
    pub written: Written,
}

/// The keys of `ctgc.yaml` that have a default in the Caf's model, as the project writes them.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// The keys under `libellés:` (`axe`, `fiche`…).
    pub labels: Vec<String>,
    pub numbering: bool,
}

impl Written {
    fn of(text: &str) -> Written {
        let Ok(serde_yaml::Value::Mapping(top)) = serde_yaml::from_str(text) else {
            return Written::default();
        };
        let key = |names: &[&str]| {
            top.iter()
                .find(|(k, _)| k.as_str().is_some_and(|k| names.contains(&k)))
                .map(|(_, v)| v)
        };
        let labels = match key(&["libellés", "libelles"]) {
            Some(serde_yaml::Value::Mapping(m)) => m
                .keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        Written {
            labels,
            numbering: key(&["numérotation", "numerotation"]).is_some(),
        }
    }
}

/// Fills in CONFIG what the project does not write (WRITTEN) with the model's DEFAULTS.
pub(super) fn apply_defaults(config: &mut Config, written: &Written, defaults: &Defaults) {
    let labels = &mut config.libelles;
    let d = &defaults.libelles;
    let own = |key: &str| written.labels.iter().any(|k| k == key);
    for (key, slot, value) in [
        ("axe", &mut labels.axe, &d.axe),
        ("objectif", &mut labels.objectif, &d.objectif),
        ("fiche", &mut labels.fiche, &d.fiche),
    ] {
        if let (false, Some(v)) = (own(key), value) {
            *slot = v.clone();
        }
    }
    if !own("axes") && d.axes.is_some() {
        labels.axes = d.axes.clone();
    }
    if let (false, Some(n)) = (written.numbering, defaults.numerotation) {
        config.numerotation = n;
    }
}

/// The project's configuration; the defaults when it has no `ctgc.yaml`. A file that is not
/// valid is a diagnostic (registered as a source, to point into it), and the defaults apply.
/// `Err`: `ctgc.yaml` cannot be read, or is a symbolic link that leads out of the project.
pub(super) fn load(
    world: &dyn World,
    project: &Project,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Loaded, LoadError> {
    let Some(file) = &project.config_file else {
        return Ok(Loaded {
            config: Config::default(),
            main_refused: false,
            model_key: None,
            written: Written::default(),
        });
    };
    if let Ok(canonical) = world.canonicalize(file)
        && !project.contains(&canonical)
    {
        return Err(LoadError::unreadable(file, Refusal::Outside));
    }
    let text = read_text(world, file)?;
    let mut registered = Registered {
        file,
        display: project.dir.join(project::CONFIG_FILE).display().to_string(),
        text: &text,
        id: None,
    };
    match serde_yaml::from_str::<Option<Config>>(&text) {
        Ok(c) => {
            let mut config = c.unwrap_or_default();
            let main_refused = confine(
                world,
                project,
                &mut config,
                &mut registered,
                sources,
                diagnostics,
            );
            let model_key = model_key(&mut config, &mut registered, sources, diagnostics);
            Ok(Loaded {
                config,
                main_refused,
                model_key,
                written: Written::of(&text),
            })
        }
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let id = registered.id(sources);
            diagnostics.push(
                Diagnostic::new(
                    &rules::PROJET_CONFIGURATION,
                    format!("{} invalide : {}", project::CONFIG_FILE, yaml_message(&e)),
                )
                .label(Span::new(id, offset, offset), "ici")
                .help("clés permises : principal, sortie, modèle, modèles, numérotation, libellés, typst, seuil-réalisé"),
            );
            Ok(Loaded {
                config: Config::default(),
                main_refused: false,
                model_key: None,
                written: Written::default(),
            })
        }
    }
}

/// `ctgc.yaml`, registered as a source the first time a diagnostic points into it.
struct Registered<'a> {
    file: &'a Path,
    display: String,
    text: &'a str,
    id: Option<FileId>,
}

impl Registered<'_> {
    fn id(&mut self, sources: &mut Sources) -> FileId {
        *self.id.get_or_insert_with(|| {
            sources.add_yaml(
                self.file.to_path_buf(),
                self.display.clone(),
                self.text.to_string(),
            )
        })
    }
}

/// A key of `ctgc.yaml` that names a path, and what to do instead of leaving the project.
struct PathKey {
    /// As written in the file, with and without accents.
    names: &'static [&'static str],
    help: &'static str,
}

const PRINCIPAL: PathKey = PathKey {
    names: &["principal"],
    help: "le fichier principal est dans le dossier du projet : écrivez son chemin relatif à ce dossier (principal: convention.ctg)",
};
const SORTIE: PathKey = PathKey {
    names: &["sortie"],
    help: "« sortie » est un dossier du projet (sortie: build) ; pour écrire les documents ailleurs, donnez le dossier à la commande : ctgc build -o DOSSIER",
};
const MODELES: PathKey = PathKey {
    names: &["modèles", "modeles"],
    help: "copiez les modèles dans le projet et écrivez le chemin de leur dossier relatif au projet (modèles: templates)",
};

/// Checks the paths of CONFIG: each stays inside the project, by its text, then, when it exists,
/// by where its symbolic links lead. A refused path is reported at its key and removed from
/// CONFIG. Returns whether `principal` was refused.
fn confine(
    world: &dyn World,
    project: &Project,
    config: &mut Config,
    file: &mut Registered<'_>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let root = Root::of(project);
    let mut check = |key: &PathKey, value: &mut Option<String>| -> bool {
        let Some(written) = value.as_deref() else {
            return false;
        };
        let refusal = match root.find(world, Path::new(written)) {
            Ok(_) | Err(Refusal::Missing(_)) => return false,
            Err(refusal) => refusal,
        };
        let (start, end) = key_span(file.text, key.names).unwrap_or((0, 0));
        let id = file.id(sources);
        diagnostics.push(
            Diagnostic::new(
                &rules::PROJET_CONFIGURATION,
                format!(
                    "{} : le chemin « {} » de « {} » sort du projet : {refusal}",
                    project::CONFIG_FILE,
                    printable(written),
                    key.names[0]
                ),
            )
            .label(Span::new(id, start, end), "chemin hors du projet")
            .help(key.help),
        );
        *value = None;
        true
    };
    let main_refused = check(&PRINCIPAL, &mut config.principal);
    check(&SORTIE, &mut config.sortie);
    check(&MODELES, &mut config.modeles);
    main_refused
}

/// Where `modèle:` is written, `ctgc.yaml` being registered as a source for the diagnostics of
/// the model. An absolute path is refused here (and removed from CONFIG): a project must build
/// the same on every machine, and a relative path reaches a shared model as well.
fn model_key(
    config: &mut Config,
    file: &mut Registered<'_>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Span> {
    let written = config.modele.as_deref()?;
    let (start, end) = key_span(file.text, &["modèle", "modele"]).unwrap_or((0, 0));
    let span = Span::new(file.id(sources), start, end);
    if project::relative(Path::new(written)) == Err(Refusal::Absolute) {
        diagnostics.push(
            Diagnostic::new(
                &rules::MODELE_INTROUVABLE,
                format!(
                    "{} : le chemin « {} » de « modèle » est absolu",
                    project::CONFIG_FILE,
                    printable(written)
                ),
            )
            .label(span, "chemin absolu")
            .help("écrivez le chemin du dossier du modèle relatif au dossier du projet : modèle: ../modele-caf"),
        );
        config.modele = None;
    }
    Some(span)
}

/// The value of a top-level key of a YAML TEXT (the key itself when the value is empty): found
/// by reading the lines, as serde keeps no positions.
fn key_span(text: &str, names: &[&str]) -> Option<(usize, usize)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        if !names.contains(&key.trim_end().trim_matches(['"', '\''])) || key.starts_with(' ') {
            continue;
        }
        let value_start = start + key.len() + 1;
        let value = rest.split(" #").next().unwrap_or(rest);
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Some((start, start + key.trim_end().len()));
        }
        let offset = value_start + (value.len() - value.trim_start().len());
        return Some((offset, offset + trimmed.len()));
    }
    None
}

/// A value quoted in a message: its control characters escaped, never sent to the terminal.
fn printable(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The main file that `ctgc.yaml` does not name (`convention.ctg`) must not lead out of the
/// project either: `Err` when it is a symbolic link to a file outside. A file that does not
/// exist is the loader's to report.
pub(super) fn main_inside(world: &dyn World, project: &Project) -> Result<(), LoadError> {
    match world.canonicalize(&project.main) {
        Ok(canonical) if !project.contains(&canonical) => {
            Err(LoadError::unreadable(&project.main, Refusal::Outside))
        }
        _ => Ok(()),
    }
}

/// serde's messages, in French for the common cases.
pub(crate) fn yaml_message(e: &serde_yaml::Error) -> String {
    let raw = e.to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    // Errors in nested keys start with the key path: « libellés: unknown field … ».
    let (path, raw) = match raw.find(": ") {
        Some(i) if !raw[..i].contains(' ') => (Some(&raw[..i]), &raw[i + 2..]),
        _ => (None, raw),
    };
    if let Some(own) = raw.strip_prefix(project::CONFIG_MESSAGE) {
        return own.to_string();
    }
    let within = path.map(|p| format!(" dans « {p} »")).unwrap_or_default();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("clé « {field} » inconnue{within}");
    }
    if raw.starts_with("invalid type") {
        return format!("valeur d'un type inattendu{within}");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let v = rest.split('`').next().unwrap_or(rest);
        return format!(
            "valeur « {v} » inconnue{within} (numérotation : continue, par-axe ou lettres)"
        );
    }
    format!("YAML mal formé ({raw})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_at_their_values() {
        let text = "# principal: non\nprincipal:   /etc/passwd  # commentaire\nmodèles:\n  x: y\n";
        let (s, e) = key_span(text, &["principal"]).unwrap();
        assert_eq!(&text[s..e], "/etc/passwd");
        let (s, e) = key_span(text, &["modèles", "modeles"]).unwrap();
        assert_eq!(&text[s..e], "modèles");
        assert_eq!(key_span(text, &["sortie"]), None);
        assert_eq!(key_span("  principal: x\n", &["principal"]), None);
    }

    #[test]
    fn values_never_reach_the_terminal_raw() {
        assert_eq!(printable("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
    }
}
