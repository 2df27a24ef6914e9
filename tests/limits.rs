//! The hard limits: each mistaken or hostile input gets a French error instead of a hang, a stack
//! overflow or a memory blow-up. Each test shows the message the user reads.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use ctgc::compile::{self, Compilation, Options};
use ctgc::diagnostic;
use ctgc::limits::{MAX_FICHES, MAX_FILE_BYTES, MAX_FILES, MAX_PROJECT_BYTES, MAX_RANGE_YEARS};
use support::scratch::{HEAD, Scratch, ctgc};

const LIMIT: &str = "ctg::limite::depassee";

fn compile(path: &Path) -> Compilation {
    compile::compile(path, Options::default())
        .unwrap_or_else(|e| panic!("la compilation échoue : {e}"))
}

/// One file's bytes alone, in memory.
fn in_memory(name: &str, bytes: &[u8]) -> Compilation {
    compile::analyse_file(name, bytes, Options::default()).expect("en mémoire")
}

/// The messages of the diagnostics of rule CODE.
fn messages(comp: &Compilation, code: &str) -> Vec<String> {
    comp.diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .map(|d| d.message.clone())
        .collect()
}

/// The terminal rendering of the diagnostics of rule CODE (what `ctgc check` prints).
fn rendered(comp: &Compilation, code: &str) -> String {
    comp.diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .map(|d| diagnostic::render(d, &comp.sources, false, 100))
        .collect()
}

fn fiche(id: &str) -> String {
    format!(
        "fiche {id} \"Maintenir l'offre d'accueil\" {{\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance\n  pilote cc\n}}\n"
    )
}

#[test]
fn main_file_too_large() {
    let s = Scratch::new("gros-fichier");
    s.sparse("convention.ctg", MAX_FILE_BYTES + 1);
    let comp = compile(&s.dir);
    let m = messages(&comp, LIMIT);
    assert_eq!(m.len(), 1, "{:?}", comp.diagnostics);
    assert!(
        m[0].ends_with(
            "convention.ctg » dépasse la limite de 16 Mio par fichier (16 777 217 octets)"
        ),
        "{}",
        m[0]
    );
    // Exactly at the limit is still read.
    let s = Scratch::new("fichier-limite");
    s.write("convention.ctg", format!("{HEAD}{}", fiche("creche")));
    let mut bytes = std::fs::read(s.path("convention.ctg")).unwrap();
    bytes.resize(MAX_FILE_BYTES as usize, b'\n');
    s.write("convention.ctg", bytes);
    assert!(messages(&compile(&s.dir), LIMIT).is_empty());
}

#[test]
fn main_file_too_large_through_the_cli() {
    let s = Scratch::new("gros-fichier-cli");
    s.sparse("convention.ctg", MAX_FILE_BYTES + 1);
    let (code, err) = ctgc(&["check", "."], &s.dir);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(LIMIT), "{err}");
    assert!(
        err.contains("dépasse la limite de 16 Mio par fichier (16 777 217 octets)"),
        "{err}"
    );
    assert!(
        err.contains(
            "découpez la convention en plusieurs fichiers réunis par «\u{202f}inclure\u{202f}»"
        ),
        "{err}"
    );
}

#[test]
fn included_file_too_large() {
    let s = Scratch::new("gros-inclus");
    s.write(
        "convention.ctg",
        format!("{HEAD}inclure \"fiches/*.ctg\"\n"),
    );
    s.write("fiches/creche.ctg", fiche("creche"));
    s.sparse("fiches/enorme.ctg", 40 * 1024 * 1024);
    let comp = compile(&s.dir);
    let m = messages(&comp, LIMIT);
    assert!(
        m[0].ends_with("enorme.ctg » dépasse la limite de 16 Mio par fichier (41 943 040 octets)"),
        "{m:?}"
    );
    let text = rendered(&comp, LIMIT);
    assert!(
        text.contains("inclure \"fiches/*.ctg\""),
        "the span is the inclure: {text}"
    );
    assert!(text.contains("fichier inclus trop volumineux"), "{text}");
    // The other file of the pattern is still read.
    assert_eq!(comp.model.fiches.len(), 1);
}

#[test]
fn project_too_large() {
    let s = Scratch::new("gros-projet");
    s.write(
        "convention.ctg",
        format!("{HEAD}inclure \"parties/*.ctg\"\n"),
    );
    // Five files just under the per-file limit, each starting with a byte that is not UTF-8:
    // reported without being parsed, so the test stays fast.
    let part = 15 * 1024 * 1024;
    let mut bytes = vec![b'\n'; part];
    bytes[0] = 0xFF;
    for i in 1..=5 {
        s.write(&format!("parties/{i}.ctg"), &bytes);
    }
    assert!(5 * part as u64 > MAX_PROJECT_BYTES);
    let comp = compile(&s.dir);
    let text = rendered(&comp, LIMIT);
    assert!(
        text.contains("les fichiers du projet dépassent ensemble 64 Mio"),
        "{text}"
    );
    assert_eq!(messages(&comp, LIMIT).len(), 1, "reported once");
}

#[test]
fn blocks_nested_too_deep() {
    let s = Scratch::new("imbrication");
    // Balanced, but 33 levels deep: refused with one diagnostic pointing at the 33rd brace.
    let deep = format!(
        "{HEAD}{}\n{}",
        "annexe a \"A\" {\n".repeat(33),
        "}\n".repeat(33)
    );
    s.write("convention.ctg", &deep);
    let comp = compile(&s.dir);
    let text = rendered(&comp, LIMIT);
    assert!(
        text.contains("blocs imbriqués sur plus de 32 niveaux"),
        "{text}"
    );
    assert!(text.contains("bloc trop profond"), "{text}");
    // 32 levels are still parsed (and reported as what they are: misplaced annexes).
    s.write(
        "convention.ctg",
        format!(
            "{HEAD}{}\n{}",
            "annexe a \"A\" {\n".repeat(32),
            "}\n".repeat(32)
        ),
    );
    assert!(messages(&compile(&s.dir), LIMIT).is_empty());
}

/// A million unclosed braces: no stack overflow (this runs on a test thread's small stack), a
/// bounded number of diagnostics, and quickly.
#[test]
fn a_million_braces() {
    let start = Instant::now();
    let mut text = String::from(HEAD);
    text.push_str("fiche x \"X\" ");
    text.push_str(&"{".repeat(1_000_000));
    let comp = in_memory("accolades.ctg", text.as_bytes());
    assert_eq!(
        messages(&comp, LIMIT),
        ["blocs imbriqués sur plus de 32 niveaux"]
    );
    let unclosed = messages(&comp, "ctg::syntaxe::accolade-non-fermee").len();
    assert!(
        unclosed <= 32,
        "{unclosed} diagnostics d'accolade non fermée"
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    // Closed again, a million times: the same.
    text.push_str(&"}".repeat(1_000_000));
    let comp = in_memory("accolades.ctg", text.as_bytes());
    assert_eq!(
        messages(&comp, LIMIT),
        ["blocs imbriqués sur plus de 32 niveaux"]
    );
}

#[test]
fn includes_chained_too_deep() {
    let s = Scratch::new("chaine");
    s.write(
        "convention.ctg",
        format!("{HEAD}inclure \"chaine/1.ctg\"\n"),
    );
    for i in 1..=20 {
        s.write(
            &format!("chaine/{i}.ctg"),
            format!("inclure \"{}.ctg\"\n", i + 1),
        );
    }
    s.write("chaine/21.ctg", fiche("creche"));
    let comp = compile(&s.dir);
    let text = rendered(&comp, LIMIT);
    assert!(
        text.contains("inclusions imbriquées sur plus de 16 niveaux"),
        "{text}"
    );
    // Sixteen files deep (the main file and fifteen levels of includes) are read, not a 17th.
    assert!(
        text.contains("chaine/15.ctg"),
        "reported in the 16th file of the chain: {text}"
    );
    assert!(text.contains("inclure \"16.ctg\""), "{text}");
    assert_eq!(messages(&comp, LIMIT).len(), 1);
}

#[test]
fn too_many_files() {
    let s = Scratch::new("fichiers");
    s.write(
        "convention.ctg",
        format!("{HEAD}{}inclure \"f/*.ctg\"\n", fiche("creche")),
    );
    for i in 0..MAX_FILES {
        s.write(&format!("f/{i:05}.ctg"), "");
    }
    let comp = compile(&s.dir);
    let text = rendered(&comp, LIMIT);
    assert!(
        text.contains("le projet inclut plus de 20 000 fichiers"),
        "{text}"
    );
    assert!(text.contains("inclure \"f/*.ctg\""), "{text}");
    assert_eq!(messages(&comp, LIMIT).len(), 1, "reported once");
    assert_eq!(
        comp.sources.len(),
        MAX_FILES,
        "the main file and the first 19 999 included"
    );
}

#[test]
fn too_many_fiches() {
    let mut text = String::from(HEAD);
    for i in 0..=MAX_FICHES {
        text.push_str(&format!("fiche f{i} \"F\" {{ axe petite-enfance }}\n"));
    }
    let comp = in_memory("fiches.ctg", text.as_bytes());
    let text = rendered(&comp, LIMIT);
    assert!(
        text.contains("plus de 20 000 fiches\u{202f}: les suivantes sont ignorées"),
        "{text}"
    );
    assert!(text.contains("20001ᵉ fiche"), "{text}");
    assert_eq!(comp.model.fiches.len(), MAX_FICHES);
}

#[test]
fn a_funding_line_over_too_many_years_is_refused() {
    // A linked convention's period is not checked for its length: the line falls within it.
    let text = format!(
        "{HEAD}convention-liée longue \"Convention liée\" {{\n  signataires caf\n  période 1900 .. 2999\n}}\n\
         fiche f \"F\" {{\n  axe petite-enfance\n  objectifs creche\n  financement caf 1900 .. 2999 10 € par an convention longue\n}}\n"
    );
    let comp = in_memory("annees.ctg", text.as_bytes());
    assert_eq!(
        messages(&comp, LIMIT),
        ["financement sur 1 100 années : une ligne en couvre au plus 100"]
    );
    assert!(rendered(&comp, LIMIT).contains("1900 .. 2999 10 €"));
    // What is computed anyway (for `check` and `diff`) counts the same 100 years everywhere.
    assert_eq!(MAX_RANGE_YEARS, 100);
    let totals = ctgc::totals::compute(&comp.model);
    assert_eq!(totals.rows.len(), MAX_RANGE_YEARS);
    let line = &comp.model.fiches[0].financements[0];
    assert_eq!(
        ctgc::totals::line_total(line).map(|m| m.cents()),
        Some(totals.general.cents())
    );
    assert_eq!(totals.general.cents(), 100 * 1_000);
}

#[test]
fn not_utf8_names_the_byte_offset() {
    let s = Scratch::new("latin1");
    // « é » in Latin-1 at byte 52 of the file.
    let mut bytes = b"convention \"Convention territoriale globale de la Communaut".to_vec();
    let at = bytes.len();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\" {\n}\n");
    s.write("convention.ctg", &bytes);
    let comp = compile(&s.dir);
    let m = messages(&comp, "ctg::lexique::utf8-invalide");
    assert_eq!(m.len(), 1);
    assert!(m[0].ends_with(&format!("convention.ctg » n'est pas en UTF-8 : octet invalide à la position {at} (comptée depuis 0)")), "{}", m[0]);
    let (code, err) = ctgc(&["check", "."], &s.dir);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "octet invalide à la position {at} (comptée depuis 0)"
        )),
        "{err}"
    );
    assert!(
        err.contains("enregistrez le fichier en UTF-8 (avec ou sans BOM)"),
        "{err}"
    );
    // After a BOM, the offset counts the BOM's three bytes too.
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&bytes);
    s.write("convention.ctg", &with_bom);
    let m = messages(&compile(&s.dir), "ctg::lexique::utf8-invalide");
    assert!(
        m[0].ends_with(&format!("à la position {} (comptée depuis 0)", at + 3)),
        "{}",
        m[0]
    );
}

#[test]
fn a_directory_where_a_file_is_expected() {
    let s = Scratch::new("dossiers");
    // A directory that is no project.
    std::fs::create_dir_all(s.path("vide")).unwrap();
    let (code, err) = ctgc(&["check", "vide"], &s.dir);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("ctgc\u{202f}: erreur\u{202f}: «\u{202f}vide\u{202f}» n'est pas un projet de convention\u{202f}: ni ctgc.yaml ni convention.ctg dans ce dossier"),
        "{err}"
    );
    // `principal:` naming a directory.
    s.write("projet/ctgc.yaml", "principal: fiches\n");
    s.write("projet/fiches/creche.ctg", fiche("creche"));
    let (code, err) = ctgc(&["check", "projet"], &s.dir);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("«\u{202f}projet/fiches\u{202f}» est un dossier, pas un fichier .ctg"),
        "{err}"
    );
    // `inclure` naming a directory.
    s.write(
        "inclut/convention.ctg",
        format!("{HEAD}inclure \"fiches\"\n"),
    );
    s.write("inclut/fiches/creche.ctg", fiche("creche"));
    let comp = compile(&s.path("inclut"));
    let text = rendered(&comp, "ctg::inclure::illisible");
    assert!(
        text.contains("«\u{202f}fiches\u{202f}» est un dossier"),
        "{text}"
    );
    assert!(
        text.contains("pour tous les fichiers du dossier\u{202f}: inclure \"fiches/*.ctg\""),
        "{text}"
    );
}

/// A named pipe would block a naive reader forever.
#[test]
fn a_named_pipe_is_refused_without_waiting() {
    let s = Scratch::new("tube");
    s.write("convention.ctg", format!("{HEAD}inclure \"tube.ctg\"\n"));
    let made = std::process::Command::new("mkfifo")
        .arg(s.path("tube.ctg"))
        .status();
    if !made.is_ok_and(|st| st.success()) {
        support::missing_tool("mkfifo is unavailable");
        return;
    }
    let comp = compile(&s.dir);
    let m = messages(&comp, "ctg::inclure::illisible");
    assert!(
        m[0].ends_with("tube.ctg » : ce n'est pas un fichier ordinaire (périphérique, tube…)"),
        "{m:?}"
    );
    let (code, err) = ctgc(&["check", "tube.ctg"], &s.dir);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("impossible de lire «\u{202f}./tube.ctg\u{202f}»\u{202f}: ce n'est pas un fichier ordinaire"),
        "{err}"
    );
}

/// A pipe or a device that an `inclure` pattern matches is named, as when it is written out:
/// the pattern does not skip it silently (the user meant a file there).
#[test]
fn a_named_pipe_matched_by_a_pattern_is_refused() {
    let s = Scratch::new("tube-motif");
    s.write(
        "convention.ctg",
        format!("{HEAD}inclure \"fiches/*.ctg\"\n"),
    );
    s.write("fiches/a.ctg", fiche("a"));
    let made = std::process::Command::new("mkfifo")
        .arg(s.path("fiches/tube.ctg"))
        .status();
    if !made.is_ok_and(|st| st.success()) {
        support::missing_tool("mkfifo is unavailable");
        return;
    }
    let started = Instant::now();
    let comp = compile(&s.dir);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the pipe was opened"
    );
    let m = messages(&comp, "ctg::inclure::illisible");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].ends_with(
            "fiches/tube.ctg » : ce n'est pas un fichier ordinaire (périphérique, tube…)"
        ),
        "{m:?}"
    );
    assert_eq!(
        comp.model.fiches.len(),
        1,
        "the ordinary file is still read"
    );
}

/// Runs `ctgc` as an unprivileged user when the tests run as root (root reads any file).
fn ctgc_unprivileged(args: &[&str], cwd: &Path) -> Option<(i32, String)> {
    let root = std::process::Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        return Some(ctgc(args, cwd));
    }
    // As root (CI containers), run as `nobody`, from a copy of the binary that `nobody` can reach
    // whatever the permissions of the checkout's directories.
    let bin_dir = std::env::temp_dir().join(format!("ctgc-sans-privilege-{}", std::process::id()));
    std::fs::create_dir_all(&bin_dir).ok()?;
    let bin = bin_dir.join("ctgc");
    std::fs::copy(env!("CARGO_BIN_EXE_ctgc"), &bin).ok()?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&bin_dir, std::fs::Permissions::from_mode(0o755)).ok()?;
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).ok()?;
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&bin)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output();
    let _ = std::fs::remove_dir_all(&bin_dir);
    let out = out.ok()?;
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    // setpriv itself failed, or the unprivileged user cannot even reach the binary.
    if err.starts_with("setpriv:")
        || out.status.code() == Some(126)
        || out.status.code() == Some(127)
    {
        return None;
    }
    Some((out.status.code().unwrap_or(-1), err))
}

#[test]
fn unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("illisible");
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    s.write(
        "convention.ctg",
        format!("{HEAD}inclure \"fiches/*.ctg\"\n"),
    );
    s.write("fiches/creche.ctg", fiche("creche"));
    s.write("secret.ctg", format!("{HEAD}{}", fiche("creche")));
    for f in ["convention.ctg", "fiches/creche.ctg"] {
        std::fs::set_permissions(s.path(f), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(s.path("fiches"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        s.path("fiches/creche.ctg"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::set_permissions(s.path("secret.ctg"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some((code, err)) = ctgc_unprivileged(&["check", "secret.ctg"], &s.dir) else {
        support::missing_tool("no unprivileged user to run ctgc as (setpriv)");
        return;
    };
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("ctgc\u{202f}: erreur\u{202f}: impossible de lire «\u{202f}./secret.ctg\u{202f}»\u{202f}: permission refusée"),
        "{err}"
    );
    let (code, err) = ctgc_unprivileged(&["check", "."], &s.dir).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("ctg::inclure::illisible"), "{err}");
    assert!(
        err.contains("fiches/creche.ctg\u{202f}»\u{202f}: permission refusée"),
        "{err}"
    );
}

/// A binary file pasted as a convention: the control characters are counted, not listed by the
/// million.
#[test]
fn control_characters_in_bulk() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 1_000_000));
    let comp = in_memory("binaire.ctg", &bytes);
    let m = messages(&comp, "ctg::lexique::caractere-controle");
    assert_eq!(m.len(), ctgc::source::MAX_CONTROL_DIAGNOSTICS + 1);
    assert_eq!(m[0], "caractère de contrôle U+0000 interdit dans le texte");
    assert_eq!(
        m.last().unwrap(),
        "999 980 autres caractères de contrôle dans ce fichier"
    );
}

#[test]
fn output_directory_not_writable() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("sortie-impossible");
    s.write("convention.ctg", format!("{HEAD}{}", fiche("creche")));
    // A path through a regular file: refused even for root.
    s.write("occupe", "un fichier, pas un dossier\n");
    let (code, err) = ctgc(
        &["build", ".", "-o", "occupe/documents", "--format", "html"],
        &s.dir,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("impossible de créer le dossier «\u{202f}occupe/documents\u{202f}»\u{202f}: un élément du chemin n'est pas un dossier"),
        "{err}"
    );
    // A read-only output directory, as an unprivileged user: the previous page stays as it was.
    let out = s.dir.join("lecture-seule");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("sortie-impossible.html"), "ancienne version").unwrap();
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        s.dir.join("convention.ctg"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let unprivileged = ctgc_unprivileged(
        &["build", ".", "-o", "lecture-seule", "--format", "html"],
        &s.dir,
    );
    if let Some((code, err)) = unprivileged {
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("permission refusée"), "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("sortie-impossible.html")).unwrap(),
            "ancienne version"
        );
    }
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
}
