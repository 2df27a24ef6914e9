//! The PDF output: the view → Typst source (templates) → typst → `<name>.pdf`, with the
//! generated `<name>.typ` beside it.

use std::path::PathBuf;

use super::sandbox::Sandbox;
use super::{Context, Failure, Log, Rendered};
use crate::model::Val;
use crate::output::Artifact;
use crate::render::typst as typst_render;
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

/// Suffix of the source typst refused, written beside the outputs: `<name>.echec.typ`.
pub(crate) const EVIDENCE_SUFFIX: &str = "echec.typ";

pub(crate) fn render(ctx: &Context<'_>, log: &mut Log) -> Result<Rendered, Failure> {
    let typst = find(ctx, log)?;
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
    typeset_source(ctx, log, &typst, ctx.name, source)
}

/// Typst, found once per document (its version checked against `typst:` of `ctgc.yaml`).
pub(crate) fn find(ctx: &Context<'_>, log: &mut Log) -> Result<Typst, Failure> {
    let typst = log
        .timings
        .time("recherche de typst", || {
            match ctx
                .options
                .typst_lookup
                .as_ref()
                .and_then(typeset::Lookup::take)
            {
                Some(found) => found,
                None => typeset::find(ctx.options.typst.as_deref()),
            }
        })
        .map_err(|e| Failure::Environment(e.to_string()))?;
    if let Some(warning) = pin_warning(ctx, &typst) {
        log.warnings.push(warning);
    }
    Ok(typst)
}

/// Typst SOURCE → `<NAME>.pdf`, with `<NAME>.typ` beside it; the source typst refused, when it
/// does, as evidence for whoever maintains the templates.
pub(crate) fn typeset_source(
    ctx: &Context<'_>,
    log: &mut Log,
    typst: &Typst,
    name: &str,
    source: String,
) -> Result<Rendered, Failure> {
    let timestamp = timestamp(ctx)?;
    let sandbox = Sandbox::assemble(&DiskWorld, &ctx.comp.project, ctx.view)?;
    let (root, packages) = (sandbox.root(), sandbox.packages());
    let job = typeset::Job {
        source: &source,
        root: &root,
        font_paths: sandbox.font_paths(),
        packages: &packages,
        timestamp,
        pdf_standard: &ctx.options.pdf_standard,
    };
    let located = |m: &Message, generated: &str| located(m, generated, &sandbox, ctx);
    let typ_name = format!("{name}.typ");
    let evidence_name = format!("{name}.{EVIDENCE_SUFFIX}");
    match log
        .timings
        .time("composition (typst)", || typst.compile(&job))
    {
        Ok(compiled) => {
            let shown = ctx.out_dir.join(&typ_name);
            log.warnings.extend(
                compiled
                    .warnings
                    .iter()
                    .map(|w| format!("typst : {}", located(w, &shown.display().to_string()))),
            );
            Ok(Rendered {
                artifacts: vec![
                    Artifact::new(format!("{name}.pdf"), compiled.pdf),
                    Artifact::new(typ_name, source),
                ],
                obsolete: vec![PathBuf::from(evidence_name)],
            })
        }
        Err(typeset::Failure::Start(m)) => Err(Failure::Environment(m)),
        Err(typeset::Failure::Crashed(m)) => Err(Failure::Template {
            message: format!(
                "{m}\nle source Typst généré est dans « {} »",
                ctx.out_dir.join(&evidence_name).display()
            ),
            evidence: vec![Artifact::new(evidence_name, source)],
        }),
        Err(typeset::Failure::Rejected(errors)) => {
            let shown = ctx.out_dir.join(&evidence_name).display().to_string();
            let in_source = errors.iter().all(|e| e.file.is_none());
            let mut message = if in_source {
                format!(
                    "typst a refusé le source Typst généré : c'est un défaut des modèles, pas de la convention{}\n",
                    overrides_note(ctx)
                )
            } else {
                "typst a refusé un fichier du projet ou le source Typst généré :\n".to_string()
            };
            for e in errors.iter().take(MAX_SHOWN) {
                message.push_str(&format!("  {}\n", located(e, &shown)));
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

/// `build/x.typ:12:5 : unknown variable: foo` (typst's own words); a file of the sandbox named
/// as the project's.
fn located(m: &Message, generated: &str, sandbox: &Sandbox, ctx: &Context<'_>) -> String {
    let file = m.file.as_deref().map_or_else(
        || generated.to_string(),
        |f| sandbox.shown(f, &ctx.comp.project),
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
