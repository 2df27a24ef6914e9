//! GitHub Actions annotations (workflow commands `::error …::message`), as `check`, `diff` and
//! `fmt --check` print them with `--format github`.
//!
//! GitHub shows at most [`SHOWN_PER_STEP`] error annotations and as many warning annotations per
//! step (GitHub's REST API documentation, check runs: "GitHub Actions are limited to 10 warning
//! annotations and 10 error annotations per step"), the first ones printed, and drops the rest
//! without a word. So errors come first, and past the limit a notice says how many there are.

use crate::typography::{count, french};

/// Error annotations, and warning annotations, that GitHub shows for one step.
pub(super) const SHOWN_PER_STEP: usize = 10;

/// The kind of an annotation, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    Error,
    Warning,
    Notice,
}

impl Level {
    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }
}

/// One annotation: its properties (`file=…,line=…,title=…`, escaped already) and its message.
pub(super) struct Annotation {
    pub level: Level,
    pub properties: String,
    pub message: String,
}

impl Annotation {
    /// The workflow command, one line.
    pub(super) fn line(&self) -> String {
        format!(
            "::{} {}::{}\n",
            self.level.command(),
            self.properties,
            escape_data(&self.message)
        )
    }
}

/// The annotations as printed: errors, then warnings, then notices, each kind in its own order;
/// when GitHub will not show every error or every warning, a notice titled TITLE says so before
/// the other notices, counting ERRORS and WARNINGS (every one found, shown or not).
pub(super) fn ordered(
    mut list: Vec<Annotation>,
    title: &str,
    errors: usize,
    warnings: usize,
) -> String {
    list.sort_by_key(|a| a.level);
    let of = |level| list.iter().filter(|a| a.level == level).count();
    let beyond = of(Level::Error) > SHOWN_PER_STEP || of(Level::Warning) > SHOWN_PER_STEP;
    let mut out = String::new();
    let mut said = false;
    for a in &list {
        if beyond && !said && a.level == Level::Notice {
            out.push_str(&beyond_limit(title, errors, warnings));
            said = true;
        }
        out.push_str(&a.line());
    }
    if beyond && !said {
        out.push_str(&beyond_limit(title, errors, warnings));
    }
    out
}

/// The notice that says GitHub leaves annotations out.
pub(super) fn beyond_limit(title: &str, errors: usize, warnings: usize) -> String {
    let message = format!(
        "{}, {} — les annotations au-delà de {SHOWN_PER_STEP} erreurs et {SHOWN_PER_STEP} \
         avertissements ne sont pas affichées par GitHub : toutes sont dans le journal de cette étape.",
        count(errors, "erreur", "erreurs"),
        count(warnings, "avertissement", "avertissements"),
    );
    Annotation {
        level: Level::Notice,
        properties: format!("title={}", escape_property(title)),
        message: french(&message),
    }
    .line()
}

/// A path as GitHub matches annotations to files: relative to the repository (the workspace),
/// without a leading `./`.
pub(super) fn github_path(file: &str) -> String {
    let path = std::path::Path::new(file);
    let relative = std::env::var_os("GITHUB_WORKSPACE")
        .and_then(|w| {
            path.strip_prefix(w)
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| file.to_string());
    let mut rel = relative.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    rel.to_string()
}

/// GitHub workflow command escaping (data part).
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub workflow command escaping (property values).
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(level: Level, n: usize) -> Annotation {
        Annotation {
            level,
            properties: format!("title=t{n}"),
            message: format!("m{n}"),
        }
    }

    #[test]
    fn errors_come_first_and_the_limit_is_said_before_the_other_notices() {
        let mut list = vec![at(Level::Notice, 0)];
        list.extend((1..=3).map(|n| at(Level::Warning, n)));
        list.extend((4..=14).map(|n| at(Level::Error, n)));
        let out = ordered(list, "ctgc check", 11, 3);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 16);
        assert_eq!(lines[0], "::error title=t4::m4");
        assert_eq!(lines[10], "::error title=t14::m14");
        assert_eq!(lines[11], "::warning title=t1::m1");
        assert!(
            lines[14].starts_with("::notice title=ctgc check::11 erreurs, 3 avertissements — "),
            "{}",
            lines[14]
        );
        assert!(lines[14].contains("au-delà de 10 erreurs et 10 avertissements"));
        assert_eq!(lines[15], "::notice title=t0::m0");
    }

    #[test]
    fn within_the_limit_nothing_is_added() {
        let list: Vec<Annotation> = (1..=10)
            .map(|n| at(Level::Warning, n))
            .chain((11..=20).map(|n| at(Level::Error, n)))
            .collect();
        let out = ordered(list, "ctgc check", 10, 10);
        assert_eq!(out.lines().count(), 20);
        assert!(out.starts_with("::error title=t11::m11\n"));
        assert!(!out.contains("::notice"));
    }

    #[test]
    fn the_limit_notice_comes_last_when_there_is_no_other_notice() {
        let list: Vec<Annotation> = (1..=11).map(|n| at(Level::Warning, n)).collect();
        let out = ordered(list, "ctgc diff", 0, 11);
        let last = out.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("::notice title=ctgc diff::0 erreur, 11 avertissements"),
            "{last}"
        );
        // French spacing: a narrow no-break space before the colon.
        assert!(last.contains("GitHub\u{202f}: toutes"), "{last}");
    }
}
