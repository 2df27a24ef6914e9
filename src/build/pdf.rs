//! The PDF output: the view → Typst source (templates) → typst → `<name>.pdf`, with the
//! generated `<name>.typ` beside it.

use std::path::PathBuf;

use super::sandbox::Sandbox;
use super::{Context, Failure, Log, Rendered, Skipped};
use crate::model::Val;
use crate::output::Artifact;
use crate::project::Project;
use crate::render::Target;
use crate::render::typst as typst_render;
use crate::render::view::View;
use crate::typeset::{self, Message, Severity, Typst, Version};
use crate::typography::count;
use crate::world::DiskWorld;

/// The creation date when neither `SOURCE_DATE_EPOCH` nor a signature date gives one:
/// 1 January 2020, when CTGs became the rule.
pub(crate) const FIXED_TIMESTAMP: i64 = 1_577_836_800;

/// The last second of the year 9999: PDF dates have four-digit years.
const MAX_TIMESTAMP: i64 = 253_402_300_799;

/// How many of typst's errors are shown (one syntax error often brings many more).
const MAX_SHOWN: usize = 5;

/// Where typst's release binaries are, for the version ctgc is tested with.
const RELEASES: &str = "https://github.com/typst/typst/releases";

/// How to get typst on each system, for every message that says it is missing.
pub(crate) fn install_help() -> String {
    let v = typeset::RECOMMENDED;
    format!(
        "pour obtenir typst {v} :\n  \
         Linux   : téléchargez typst-x86_64-unknown-linux-musl.tar.xz sur {RELEASES}/tag/v{v}, ou : cargo install typst-cli --locked --version {v}\n  \
         Windows : winget install --id Typst.Typst, ou typst-x86_64-pc-windows-msvc.zip sur {RELEASES}/tag/v{v}\n  \
         macOS   : brew install typst, ou typst-aarch64-apple-darwin.tar.xz sur {RELEASES}/tag/v{v}\n\
         puis mettez typst dans le PATH, ou indiquez son chemin avec --typst CHEMIN ou la variable CTGC_TYPST"
    )
}

/// Suffix of the source typst refused, written beside the outputs: `<name>.echec.typ`.
pub(crate) const EVIDENCE_SUFFIX: &str = "echec.typ";

pub(crate) fn render(ctx: &Context<'_>, log: &mut Log) -> Result<Rendered, Failure> {
    let Some(typst) = find(ctx, log)? else {
        return Ok(Rendered::default());
    };
    let prepared = prepare(ctx, log)?;
    let mut rendered = typeset(ctx, log, &typst, &prepared)?;
    // Each avenant's own document, beside the convention's.
    for (n, avenant) in ctx.avenants {
        let source = log
            .timings
            .time("modèles Typst (avenants)", || {
                crate::render::avenant::render(avenant, Target::Typst, ctx.templates)
            })
            .map_err(|m| Failure::Template {
                message: format!(
                    "les modèles Typst de l'avenant n° {n} n'ont pas pu être appliqués — {m}{}",
                    overrides_note(ctx)
                ),
                evidence: Vec::new(),
            })?;
        let more = typeset_document(
            ctx,
            log,
            &typst,
            &ctx.avenant_name(*n),
            &avenant.view,
            source,
        )?;
        rendered.artifacts.extend(more.artifacts);
        rendered.obsolete.extend(more.obsolete);
    }
    Ok(rendered)
}

/// Typst SOURCE of another document than the convention (an avenant, a bilan) → `<NAME>.pdf`,
/// with `<NAME>.typ` beside it; VIEW says which logos and fonts typst may read.
pub(crate) fn typeset_document(
    ctx: &Context<'_>,
    log: &mut Log,
    typst: &Typst,
    name: &str,
    view: &View,
    source: String,
) -> Result<Rendered, Failure> {
    let prepared = prepared_view(ctx, name, view, source)?;
    typeset(ctx, log, typst, &prepared)
}

/// One prepared document through typst: its PDF and its source, or why not.
fn typeset(
    ctx: &Context<'_>,
    log: &mut Log,
    typst: &Typst,
    prepared: &Prepared,
) -> Result<Rendered, Failure> {
    let settings = prepared.settings(&ctx.options.pdf_standard);
    let result = log.timings.time("composition (typst)", || {
        typst.compile(&prepared.source, &settings)
    });
    prepared.outcome(&prepared.source, result, log)
}

/// typst, looked up (or the lookup started with the build), with a warning when `ctgc.yaml`
/// pins another version. `None` when typst is missing but other formats were asked for: they
/// are still written, and the log says that the PDF was skipped. Looked up once per build: the
/// avenants' and the bilans' PDFs reuse the answer (and its warning or skip is said once).
pub(crate) fn find(ctx: &Context<'_>, log: &mut Log) -> Result<Option<Typst>, Failure> {
    if let Some(found) = ctx.typst.get() {
        return Ok(found.clone());
    }
    let found = look_up(ctx, log)?;
    Ok(ctx.typst.get_or_init(|| found).clone())
}

fn look_up(ctx: &Context<'_>, log: &mut Log) -> Result<Option<Typst>, Failure> {
    let found = log.timings.time("recherche de typst", || {
        match ctx
            .options
            .typst_lookup
            .as_ref()
            .and_then(typeset::Lookup::take)
        {
            Some(found) => found,
            None => typeset::find(ctx.options.typst.as_deref()),
        }
    });
    let typst = match found {
        Ok(typst) => typst,
        // The other formats need no typst: they are still written, the PDF is said to be missing.
        Err(e) if ctx.options.formats.len() > 1 => {
            let reason = e.to_string();
            let stale = ctx.out_dir.join(format!("{}.pdf", ctx.name));
            log.skipped.push(Skipped {
                format: "pdf",
                reason: reason.lines().next().unwrap_or_default().to_string(),
                stale: stale.is_file().then_some(stale),
            });
            return Ok(None);
        }
        Err(e) => {
            let reason = e.to_string();
            let first = reason.lines().next().unwrap_or_default();
            return Err(Failure::Environment(format!(
                "{first}\naide : {}",
                install_help()
            )));
        }
    };
    if let Some(warning) = pin_warning(ctx, &typst) {
        log.warnings.push(warning);
    }
    Ok(Some(typst))
}

/// What typst needs for one PDF — the generated source, the creation date, the directory it
/// may read — and what is needed to turn its answer into files and messages.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) source: String,
    pub(crate) timestamp: i64,
    pub(crate) sandbox: Sandbox,
    /// The base name and directory of the outputs.
    pub(crate) name: String,
    pub(crate) out_dir: PathBuf,
    project: Project,
    /// The project's own Typst templates, named in messages about a template defect.
    overrides: String,
}

/// The Typst source of CTX's view, and the directory typst will read.
pub(crate) fn prepare(ctx: &Context<'_>, log: &mut Log) -> Result<Prepared, Failure> {
    let source = log
        .timings
        .time("modèles Typst", || {
            typst_render::render(ctx.view, ctx.templates)
        })
        .map_err(|m| Failure::Template {
            message: format!(
                "les modèles Typst n'ont pas pu être appliqués — {m}{}",
                overrides_note(ctx)
            ),
            evidence: Vec::new(),
        })?;
    prepared_view(ctx, ctx.name, ctx.view, source)
}

/// The document NAME of VIEW, whose Typst source is SOURCE, ready for typst.
fn prepared_view(
    ctx: &Context<'_>,
    name: &str,
    view: &View,
    source: String,
) -> Result<Prepared, Failure> {
    let timestamp = timestamp(ctx)?;
    let sandbox = Sandbox::assemble(
        &DiskWorld,
        &ctx.comp.project,
        &ctx.comp.model.caf_model,
        view,
    )?;
    Ok(Prepared {
        source,
        timestamp,
        sandbox,
        name: name.to_string(),
        out_dir: ctx.out_dir.to_path_buf(),
        project: ctx.comp.project.clone(),
        overrides: overrides_note(ctx),
    })
}

impl Prepared {
    /// How typst runs on this PDF.
    pub(crate) fn settings(&self, pdf_standard: &str) -> typeset::Settings {
        typeset::Settings {
            root: self.sandbox.root(),
            font_paths: self.sandbox.font_paths(),
            packages: self.sandbox.packages(),
            timestamp: self.timestamp,
            pdf_standard: pdf_standard.to_string(),
        }
    }

    /// typst's answer for SOURCE: the PDF and SOURCE beside it, typst's warnings in LOG; or why
    /// there is no PDF, with SOURCE as the evidence of a template defect.
    pub(crate) fn outcome(
        &self,
        source: &str,
        result: Result<typeset::Compiled, typeset::Failure>,
        log: &mut Log,
    ) -> Result<Rendered, Failure> {
        let typ_name = format!("{}.typ", self.name);
        let evidence_name = format!("{}.{EVIDENCE_SUFFIX}", self.name);
        match result {
            Ok(compiled) => {
                let shown = self.out_dir.join(&typ_name).display().to_string();
                log.warnings.extend(
                    compiled
                        .warnings
                        .iter()
                        .map(|w| format!("typst : {}", self.located(w, &shown))),
                );
                Ok(Rendered {
                    artifacts: vec![
                        Artifact::new(format!("{}.pdf", self.name), compiled.pdf),
                        Artifact::new(typ_name, source),
                    ],
                    obsolete: vec![PathBuf::from(evidence_name)],
                })
            }
            Err(typeset::Failure::Start(m)) => Err(Failure::Environment(m)),
            Err(typeset::Failure::Crashed(m)) => Err(Failure::Template {
                message: format!(
                    "{m}\nle source Typst généré est dans « {} »",
                    self.out_dir.join(&evidence_name).display()
                ),
                evidence: vec![Artifact::new(evidence_name, source)],
            }),
            Err(typeset::Failure::Rejected(errors)) => {
                let shown = self.out_dir.join(&evidence_name).display().to_string();
                let in_source = errors.iter().all(|e| e.file.is_none());
                let mut message = if in_source {
                    format!(
                        "typst a refusé le source Typst généré : c'est un défaut des modèles, pas de la convention{}\n",
                        self.overrides
                    )
                } else {
                    "typst a refusé un fichier du projet ou le source Typst généré :\n".to_string()
                };
                for e in errors.iter().take(MAX_SHOWN) {
                    message.push_str(&format!("  {}\n", self.located(e, &shown)));
                    if let (None, Some(line)) = (&e.file, e.line)
                        && let Some(text) = source.lines().nth(line.saturating_sub(1))
                    {
                        message.push_str(&format!("    {line} | {}\n", text.trim_end()));
                    }
                }
                if errors.len() > MAX_SHOWN {
                    let more = count(errors.len() - MAX_SHOWN, "autre erreur", "autres erreurs");
                    message.push_str(&format!("  … et {more}\n"));
                }
                message.push_str(&format!(
                    "le source complet est dans « {shown} » ; les sorties précédentes sont intactes"
                ));
                Err(Failure::Template {
                    message,
                    evidence: vec![Artifact::new(evidence_name, source)],
                })
            }
        }
    }

    /// `build/x.typ:12:5 : unknown variable: foo` (typst's own words); a file of the sandbox
    /// named as the project's.
    fn located(&self, m: &Message, generated: &str) -> String {
        let file = m.file.as_deref().map_or_else(
            || generated.to_string(),
            |f| self.sandbox.shown(f, &self.project),
        );
        let kind = match m.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        };
        match (m.line, m.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c} : {kind} : {}", m.text),
            _ => format!("{kind} : {}", m.text),
        }
    }
}

/// Names the project's own Typst templates, which are the first suspects of a template defect.
pub(crate) fn overrides_note(ctx: &Context<'_>) -> String {
    let overridden: Vec<String> = crate::templates::EMBEDDED
        .iter()
        .map(|(name, _)| *name)
        .filter(|n| n.ends_with(".typ.j2") || n.ends_with(".typ"))
        .filter_map(|n| {
            ctx.templates
                .dir()
                .map(|d| d.join(n))
                .filter(|p| p.is_file())
        })
        .map(|p| p.display().to_string())
        .collect();
    if overridden.is_empty() {
        String::new()
    } else {
        format!(" (modèles du projet en jeu : {})", overridden.join(", "))
    }
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH`, else the signature date, else a fixed date.
fn timestamp(ctx: &Context<'_>) -> Result<i64, Failure> {
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH").filter(|v| !v.is_empty()) {
        let text = v.to_string_lossy();
        return text.trim().parse::<i64>().ok().filter(|t| (0..=MAX_TIMESTAMP).contains(t)).ok_or_else(|| {
            Failure::Environment(format!(
                "SOURCE_DATE_EPOCH vaut « {text} » : un nombre de secondes depuis le 1er janvier 1970 est attendu"
            ))
        });
    }
    let signed = ctx
        .comp
        .model
        .convention
        .as_ref()
        .and_then(|c| c.signature.as_ref())
        .and_then(|(d, _)| match d {
            Val::Known(d) => Some(typeset::epoch_seconds(d.year, d.month, d.day)),
            Val::ToComplete => None,
        });
    // A signature before 1970 (a typing error) cannot date a PDF.
    Ok(signed.filter(|t| *t >= 0).unwrap_or(FIXED_TIMESTAMP))
}

/// `typst: 0.15.1` in `ctgc.yaml` pins the version a convention was signed with: another one may
/// lay the document out differently.
fn pin_warning(ctx: &Context<'_>, typst: &Typst) -> Option<String> {
    let pinned = ctx.comp.model.config.typst.as_deref()?.trim().to_string();
    let file = ctx.comp.project.config_file.clone()?;
    let line = std::fs::read_to_string(&file)
        .ok()
        .and_then(|t| t.lines().position(|l| l.trim_start().starts_with("typst:")))
        .map_or(String::new(), |i| format!(":{}", i + 1));
    let at = format!("{}{line}", file.display());
    match Version::parse(&pinned) {
        Some(v) if v == typst.version => None,
        Some(v) => Some(format!(
            "{at} : la convention demande typst {v} (la version avec laquelle elle a été signée), mais typst {} est utilisé (« {} ») : \
             la mise en page peut différer du document signé\naide : installez typst {v} avec : cargo install typst-cli --locked --version {v}, \
             et désignez-le avec --typst ou CTGC_TYPST",
            typst.version,
            typst.path.display()
        )),
        None => Some(format!(
            "{at} : « typst: {pinned} » n'est pas un numéro de version (par exemple 0.15.1)"
        )),
    }
}
