//! Included files are read and parsed ahead on helper threads (`compile::prefetch`): whatever the
//! order in which helpers finish, and when a file's own includes shift the ids the helpers
//! predicted, every file keeps its place in the model and every diagnostic points at its file.

mod support;

use std::path::Path;

use ctgc::compile::{self, Compilation, Options};
use ctgc::world::MemoryWorld;
use support::scratch::{HEAD, Scratch};

fn fiche(id: &str) -> String {
    format!(
        "fiche {id} \"Maintenir l'offre d'accueil\" {{\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance\n  pilote cc\n}}\n"
    )
}

/// (file name, text under the primary span) of each diagnostic of rule CODE.
fn located(comp: &Compilation, code: &str) -> Vec<(String, String)> {
    comp.diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .filter_map(|d| d.primary())
        .map(|span| {
            let file = comp.sources.get(span.file);
            let name = file
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, file.text[span.start..span.end].to_string())
        })
        .collect()
}

fn fiche_ids(comp: &Compilation) -> Vec<String> {
    comp.model
        .fiches
        .iter()
        .map(|f| f.id.name.clone())
        .collect()
}

#[test]
fn nested_includes_and_errors_keep_their_files() {
    let s = Scratch::new("inclusions-anticipees");
    s.write(
        "convention.ctg",
        format!("{HEAD}\ninclure \"fiches/*.ctg\"\n"),
    );
    // a.ctg includes two files of its own: the ids predicted for b, c and d are taken by them.
    s.write(
        "fiches/a.ctg",
        format!("{}inclure \"../annexes/*.ctg\"\n", fiche("fa")),
    );
    s.write("annexes/x.ctg", fiche("fx"));
    s.write("annexes/y.ctg", format!("{}  motclé-x 1\n", fiche("fy")));
    s.write("fiches/b.ctg", format!("{}  motclé-b 2\n", fiche("fb")));
    s.write("fiches/c.ctg", b"fiche fc \"Caf \xff\" {\n}\n".as_slice());
    s.write(
        "fiches/d.ctg",
        format!("{}fiche fd \"Sans fin\" {{\n", fiche("fe")),
    );
    for n in 0..12 {
        s.write(&format!("fiches/g{n:02}.ctg"), fiche(&format!("g{n:02}")));
    }
    let comp = compile::compile(&s.dir, Options::default()).expect("compilation");

    let mut expected: Vec<String> = ["fa", "fx", "fy", "fb", "fe"].map(String::from).to_vec();
    expected.extend((0..12).map(|n| format!("g{n:02}")));
    // `fiche fd` left open is still declared (issue 18 item 6: no cascade of « inconnu »).
    expected.push("fd".into());
    assert_eq!(fiche_ids(&comp), expected);

    let unknown = located(&comp, "ctg::syntaxe::mot-cle-inconnu");
    assert!(
        unknown.contains(&("y.ctg".into(), "motclé-x".into())),
        "{unknown:?}"
    );
    assert!(
        unknown.contains(&("b.ctg".into(), "motclé-b".into())),
        "{unknown:?}"
    );
    assert_eq!(
        located(&comp, "ctg::lexique::utf8-invalide"),
        [("c.ctg".into(), "\u{fffd}".into())]
    );
    let unclosed: Vec<_> = comp
        .diagnostics
        .iter()
        .filter_map(|d| d.primary())
        .filter(|s| comp.sources.get(s.file).path.ends_with("fiches/d.ctg"))
        .collect();
    assert!(
        !unclosed.is_empty(),
        "l'accolade non fermée de d.ctg est signalée dans d.ctg"
    );
    // Every file is registered once, in include order.
    let names: Vec<String> = comp
        .sources
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        &names[..7],
        [
            "convention.ctg",
            "a.ctg",
            "x.ctg",
            "y.ctg",
            "b.ctg",
            "c.ctg",
            "d.ctg"
        ]
    );
}

#[test]
fn a_pattern_matching_its_own_file_is_skipped_without_losing_the_others() {
    let s = Scratch::new("inclusions-soi-meme");
    // `*.ctg` matches convention.ctg itself (a cycle, reported) before the fiches files.
    s.write("convention.ctg", format!("{HEAD}\ninclure \"*.ctg\"\n"));
    s.write("aa.ctg", fiche("f1"));
    s.write("zz.ctg", format!("{}  motclé-z 3\n", fiche("f2")));
    let comp =
        compile::compile(&s.dir.join("convention.ctg"), Options::default()).expect("compilation");
    assert_eq!(fiche_ids(&comp), ["f1", "f2"]);
    assert_eq!(
        located(&comp, "ctg::syntaxe::mot-cle-inconnu"),
        [("zz.ctg".into(), "motclé-z".into())]
    );
    assert_eq!(located(&comp, "ctg::inclure::cycle").len(), 1);
}

/// Only what `inclure` writes is a pattern: a project directory whose name holds `[`, `]` or `*`
/// is taken as it is.
#[test]
fn a_project_directory_named_with_wildcards_is_taken_literally() {
    let s = Scratch::new("crochets [2024] *");
    s.write(
        "convention.ctg",
        format!("{HEAD}\ninclure \"fiches/*.ctg\"\n"),
    );
    s.write("fiches/a.ctg", fiche("fa"));
    s.write("fiches/b.ctg", fiche("fb"));
    let comp = compile::compile(&s.dir, Options::default()).expect("compilation");
    assert_eq!(fiche_ids(&comp), ["fa", "fb"]);
    assert!(located(&comp, "ctg::inclure::introuvable").is_empty());
}

/// The same project on the disk and in memory: the same files, in the same order, the same
/// model, the same diagnostics.
#[test]
fn a_project_in_memory_reads_as_on_the_disk() {
    let files = [
        (
            "convention.ctg",
            format!("{HEAD}\ninclure \"fiches/**/*.ctg\"\ninclure \"annexes/absente.ctg\"\n"),
        ),
        ("fiches/b.ctg", fiche("fb")),
        ("fiches/a.ctg", format!("{}  motclé-a 1\n", fiche("fa"))),
        ("fiches/sous/c.ctg", fiche("fc")),
        ("fiches/notes.txt", "pas une fiche".to_string()),
    ];
    let s = Scratch::new("disque-et-memoire");
    let mut world = MemoryWorld::new();
    for (path, text) in &files {
        s.write(path, text);
        world.insert(path, text.as_bytes());
    }
    let disk = compile::compile(&s.dir, Options::default()).expect("sur le disque");
    let memory = compile::analyse(&world, Path::new("."), Options::default()).expect("en mémoire");
    let names = |c: &Compilation| -> Vec<String> {
        c.sources
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(&c.project.root)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        names(&memory),
        [
            "convention.ctg",
            "fiches/a.ctg",
            "fiches/b.ctg",
            "fiches/sous/c.ctg"
        ]
    );
    assert_eq!(names(&disk), names(&memory));
    assert_eq!(fiche_ids(&disk), ["fa", "fb", "fc"]);
    assert_eq!(fiche_ids(&disk), fiche_ids(&memory));
    let located_all = |c: &Compilation| -> Vec<(&str, (String, String))> {
        c.diagnostics
            .iter()
            .filter_map(|d| {
                let span = d.primary()?;
                let file = c.sources.get(span.file);
                let name = file.path.file_name()?.to_string_lossy().into_owned();
                Some((
                    d.rule.code,
                    (name, file.text[span.start..span.end].to_string()),
                ))
            })
            .collect()
    };
    assert_eq!(located_all(&disk), located_all(&memory));
    assert!(
        located_all(&memory)
            .iter()
            .any(|(code, _)| *code == "ctg::inclure::introuvable")
    );
}
