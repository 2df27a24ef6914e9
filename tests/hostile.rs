//! A stranger's pull request is safe to build (issue 13): a hostile project — templates,
//! `ctgc.yaml`, symbolic links, links in its texts — reads nothing outside itself, writes
//! nothing outside its output directory, never replaces its own sources, and its documents keep
//! no dangerous link; concurrent builds of one output directory end with one whole set; the
//! diff posted as a bot comment pings and links nobody. docs/robustness.md (« Hostile
//! projects ») sums up what these tests show.
//!
//! Each test plants a secret outside the project (`dehors/`) and checks that it appears nowhere:
//! not in ctgc's messages, not in any file written.

#![cfg(unix)]

mod support;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::scratch::{HEAD, Scratch};

/// What must never leave `dehors/`.
const SECRET: &str = "SECRET-DU-RUNNER-13";

/// A valid convention with one fiche, `REPLACED` applied to the head (`(from, to)` pairs).
fn convention(replaced: &[(&str, &str)]) -> String {
    let mut head = HEAD.to_string();
    for (from, to) in replaced {
        assert!(head.contains(from), "{from}");
        head = head.replacen(from, to, 1);
    }
    format!(
        "{head}\nfiche creche \"Crèche\" {{\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance, jeunesse, parentalité, accès-aux-droits\n}}\n"
    )
}

/// A scratch directory with a project in `projet/` (or another name) and the secret beside it.
struct Hostile {
    s: Scratch,
    project: PathBuf,
}

impl Hostile {
    fn new(name: &str) -> Hostile {
        Hostile::named(name, "projet")
    }

    fn named(name: &str, project: &str) -> Hostile {
        let s = Scratch::new(&format!("hostile-{name}"));
        s.write("dehors/secret.txt", SECRET);
        s.write("dehors/secret.ctg", format!("{SECRET} }}\n"));
        s.write(
            "dehors/articles.yaml",
            format!("- id: objet\n  titre: {SECRET}\n  texte: {SECRET}\n"),
        );
        let project = s.path(project);
        let h = Hostile { s, project };
        h.write("convention.ctg", convention(&[]));
        h
    }

    /// Writes a file of the project.
    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.project.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // A link planted earlier is replaced, not written through.
        if path.is_symlink() {
            std::fs::remove_file(&path).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Makes REL, in the project, a symbolic link to TARGET (as written in the link).
    fn link(&self, target: impl AsRef<Path>, rel: &str) {
        let path = self.project.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        symlink(target, path).unwrap();
    }

    fn outside(&self, rel: &str) -> PathBuf {
        self.s.path(rel)
    }

    /// Runs ctgc in the project directory, a secret in its environment too.
    fn ctgc(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(args)
            .current_dir(&self.project)
            .env("NO_COLOR", "1")
            .env("CTGC_JETON_DU_RUNNER", SECRET)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("ctgc runs")
    }

    /// Runs ctgc; checks its exit code and that the secret is nowhere: neither in what it
    /// printed nor in any file of the project (outputs included). Returns stderr.
    fn expect(&self, args: &[&str], code: i32) -> String {
        let out = self.ctgc(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        let printed = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
        assert!(
            !printed.contains(SECRET),
            "{args:?} printed the secret: {printed}"
        );
        assert_no_secret_in(&self.project);
        stderr
    }
}

/// No regular file below DIR (links not followed, `.git/` left out: a test plants the secret
/// there) holds the secret.
fn assert_no_secret_in(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.map(Result::unwrap) {
        let kind = entry.file_type().unwrap();
        if kind.is_dir() && entry.file_name() != ".git" {
            assert_no_secret_in(&entry.path());
        } else if kind.is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{} holds the secret",
                entry.path().display()
            );
        }
    }
}

#[test]
fn templates_read_only_their_own_directory() {
    let h = Hostile::new("templates");
    let secret = h.outside("dehors/secret.txt");
    let secret = secret.to_str().unwrap();
    let cases: Vec<(String, Option<&str>)> = vec![
        ("{% include \"secret\" %}".into(), Some("secret")),
        (format!("{{% include \"{secret}\" %}}"), None),
        ("{% include \"../../dehors/secret.txt\" %}".into(), None),
        ("{% import \"../../dehors/secret.txt\" as s %}".into(), None),
        (format!("{{% extends \"{secret}\" %}}"), None),
        ("{% include \"env\" %}".into(), Some("env")),
    ];
    for (template, link) in cases {
        h.write("templates/convention.html.j2", &template);
        match link {
            Some("env") if Path::new("/proc/self/environ").exists() => {
                h.link("/proc/self/environ", "templates/env")
            }
            Some("env") => continue,
            Some(name) => h.link("../../dehors/secret.txt", &format!("templates/{name}")),
            None => {}
        }
        let err = h.expect(&["build", ".", "--format", "html"], 3);
        assert!(err.contains("refusé"), "{template}: {err}");
        assert!(!h.project.join("build/projet.html").exists(), "{template}");
    }
    // The main template itself a link out: refused, not replaced by the built-in one.
    std::fs::remove_file(h.project.join("templates/convention.html.j2")).unwrap();
    h.link("../../dehors/secret.txt", "templates/convention.html.j2");
    let err = h.expect(&["build", ".", "--format", "html"], 3);
    assert!(err.contains("lien symbolique"), "{err}");
    // A pipe among the templates is refused at once, not waited on.
    std::fs::remove_file(h.project.join("templates/convention.html.j2")).unwrap();
    let fifo = h.project.join("templates/convention.html.j2");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let err = h.expect(&["build", ".", "--format", "html"], 3);
        assert!(err.contains("pas un fichier ordinaire"), "{err}");
        std::fs::remove_file(&fifo).unwrap();
    } else {
        support::missing_tool("mkfifo is unavailable");
    }
    // Inside the directory, includes work as before.
    h.write(
        "templates/convention.html.j2",
        "<p>{% include \"pied.j2\" %}</p>",
    );
    h.write("templates/pied.j2", "pied de page");
    h.expect(&["build", ".", "--format", "html"], 0);
    let page = std::fs::read_to_string(h.project.join("build/projet.html")).unwrap();
    assert_eq!(page, "<p>pied de page</p>");
}

#[test]
fn paths_of_ctgc_yaml_stay_in_the_project() {
    let h = Hostile::new("config");
    let absolute = h.outside("dehors/secret.ctg");
    h.link("../dehors/secret.ctg", "lien.ctg");
    h.link("../dehors", "lien-modeles");
    for config in [
        format!("principal: {}\n", absolute.display()),
        "principal: ../dehors/secret.ctg\n".to_string(),
        "principal: lien.ctg\n".to_string(),
        "modèles: ../dehors\n".to_string(),
        "modèles: lien-modeles\n".to_string(),
        "sortie: ../dehors\n".to_string(),
        format!("sortie: {}\n", h.outside("ailleurs").display()),
    ] {
        h.write("ctgc.yaml", &config);
        let err = h.expect(&["check", "."], 1);
        assert!(
            err.contains("ctg::projet::configuration"),
            "{config}: {err}"
        );
        assert!(
            err.contains("ctgc.yaml\u{202f}: le chemin"),
            "{config}: {err}"
        );
    }
    assert!(!h.outside("ailleurs").exists());
    // ctgc.yaml, convention.ctg and templates/ themselves links out: the project is not read.
    h.link("../dehors/secret.txt", "ctgc.yaml");
    let err = h.expect(&["check", "."], 2);
    assert!(err.contains("lien symbolique"), "{err}");
    std::fs::remove_file(h.project.join("ctgc.yaml")).unwrap();
    h.link("../dehors/secret.ctg", "convention.ctg");
    let err = h.expect(&["check", "."], 2);
    assert!(err.contains("lien symbolique"), "{err}");
    h.write("convention.ctg", convention(&[]));
    h.link("../dehors", "templates");
    let err = h.expect(&["check", "."], 2);
    assert!(err.contains("lien symbolique"), "{err}");
}

#[test]
fn outputs_stay_in_the_project_and_never_replace_a_source() {
    // The project `clob` writes `clob.html`: with `principal: clob.html` and `sortie: .`, that
    // would be its own source.
    let h = Hostile::named("outputs", "clob");
    std::fs::rename(
        h.project.join("convention.ctg"),
        h.project.join("clob.html"),
    )
    .unwrap();
    let source = std::fs::read(h.project.join("clob.html")).unwrap();
    h.write("ctgc.yaml", "principal: clob.html\nsortie: .\n");
    let err = h.expect(&["build", ".", "--format", "html"], 2);
    assert!(err.contains("ne le remplace jamais"), "{err}");
    assert_eq!(std::fs::read(h.project.join("clob.html")).unwrap(), source);
    // `-o` names any directory, but still never a source.
    h.write("ctgc.yaml", "principal: clob.html\n");
    let err = h.expect(&["build", ".", "--format", "html", "-o", "."], 2);
    assert!(err.contains("ne le remplace jamais"), "{err}");
    assert_eq!(std::fs::read(h.project.join("clob.html")).unwrap(), source);
    // A committed `build -> ../ailleurs`.
    std::fs::create_dir_all(h.outside("ailleurs")).unwrap();
    h.link("../ailleurs", "build");
    let err = h.expect(&["build", ".", "--format", "html"], 2);
    assert!(err.contains("lien symbolique"), "{err}");
    assert_eq!(std::fs::read_dir(h.outside("ailleurs")).unwrap().count(), 0);
    // The user's own `-o` may be outside the project.
    let elsewhere = h.outside("ailleurs");
    h.expect(
        &[
            "build",
            ".",
            "--format",
            "html",
            "-o",
            elsewhere.to_str().unwrap(),
        ],
        0,
    );
    assert!(elsewhere.join("clob.html").is_file());
}

/// Whether ctgc will find typst (as `typeset::find` looks for it, the `PATH` then cargo's).
fn typst_found() -> bool {
    let in_path = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("typst").is_file()));
    let in_cargo =
        std::env::var_os("HOME").is_some_and(|h| Path::new(&h).join(".cargo/bin/typst").is_file());
    if !(in_path || in_cargo) {
        support::missing_tool("typst is absent");
    }
    in_path || in_cargo
}

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\"/></svg>";

#[test]
fn typst_reads_only_what_the_document_needs() {
    if !typst_found() {
        return;
    }
    let h = Hostile::new("typst");
    h.link("../dehors/secret.txt", "notes.txt");
    h.write(
        ".git/config",
        format!("[credential]\n  helper = {SECRET}\n"),
    );
    // A logo reached through a link inside the project still reaches the PDF.
    h.write("partage/caf.svg", SVG);
    h.link("../partage/caf.svg", "logos/caf.svg");
    h.write(
        "convention.ctg",
        convention(&[(
            "  nature caf\n",
            "  nature caf\n  logo \"logos/caf.svg\" \"Logo de la Caf\"\n",
        )]),
    );
    for read in [
        "#read(\"/notes.txt\")",
        "#read(\"notes.txt\")",
        "#read(\"/.git/config\")",
        "#read(\"../dehors/secret.txt\")",
        "#read(\"/logos/../notes.txt\")",
        "#image(\"/notes.txt\", format: \"svg\")",
    ] {
        h.write("templates/convention.typ.j2", read);
        let err = h.expect(&["build", ".", "--format", "pdf"], 3);
        assert!(err.contains("défaut des modèles"), "{read}: {err}");
        assert!(!h.project.join("build/projet.pdf").exists(), "{read}");
    }
    std::fs::remove_dir_all(h.project.join("templates")).unwrap();
    h.expect(&["build", ".", "--format", "pdf"], 0);
    assert!(h.project.join("build/projet.pdf").is_file());
    // A logo that leads out of the project is the convention's error.
    h.link("../../dehors/secret.txt", "logos/caf.svg");
    let err = h.expect(&["build", ".", "--format", "pdf"], 1);
    assert!(err.contains("hors du dossier du projet"), "{err}");
}

/// The URI link targets of a PDF's pages, read with pypdf; `None` without it.
fn pdf_uris(pdf: &Path) -> Option<Vec<String>> {
    const SCRIPT: &str = r#"
import sys, json, pypdf
uris = []
for page in pypdf.PdfReader(sys.argv[1]).pages:
    for annot in page.get('/Annots') or []:
        action = annot.get_object().get('/A')
        if action is not None and '/URI' in action:
            uris.append(str(action['/URI']))
print(json.dumps(uris))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(pdf)
        .output()
        .ok()
        .filter(|o| o.status.success());
    match out {
        Some(o) => Some(serde_json::from_slice(&o.stdout).expect("a JSON list")),
        None => {
            support::missing_tool("python3 with pypdf is absent");
            None
        }
    }
}

#[test]
fn both_documents_keep_the_same_links() {
    let h = Hostile::new("links");
    h.write(
        "convention.ctg",
        convention(&[(
            "  champs petite-enfance, jeunesse, parentalité, accès-aux-droits\n}",
            "  champs petite-enfance, jeunesse, parentalité, accès-aux-droits\n  préambule \"\"\"\n    [a](javascript:alert(1)) [b](file:///etc/passwd) [c](data:text/html,x) [d](../notes.txt) [site](https://caf.fr/ctg) <contact@caf.fr>\n  \"\"\"\n}",
        )]),
    );
    let formats = if typst_found() { "pdf,html" } else { "html" };
    h.expect(&["build", ".", "--format", formats], 0);
    let html = std::fs::read_to_string(h.project.join("build/projet.html")).unwrap();
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .filter(|href| !href.starts_with('#'))
        .collect();
    assert_eq!(hrefs, ["https://caf.fr/ctg", "mailto:contact@caf.fr"]);
    if formats == "html" {
        return;
    }
    let typ = std::fs::read_to_string(h.project.join("build/projet.typ")).unwrap();
    let links: Vec<&str> = typ
        .split("#link(\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(links, ["https://caf.fr/ctg", "mailto:contact@caf.fr"]);
    if let Some(uris) = pdf_uris(&h.project.join("build/projet.pdf")) {
        assert_eq!(uris, ["https://caf.fr/ctg", "mailto:contact@caf.fr"]);
    }
}

/// Rounds of 10 concurrent builds: without the lock, about one in ten ended mixed.
const ROUNDS: usize = 5;

#[test]
fn concurrent_builds_into_one_folder_end_with_one_source() {
    if !typst_found() {
        return;
    }
    let s = Scratch::new("hostile-concurrent");
    let sources = ["a", "b"].map(|v| {
        s.write(
            &format!("{v}/convention.ctg"),
            convention(&[(
                "Convention territoriale globale de test",
                &format!("Convention territoriale globale {v}"),
            )]),
        )
    });
    let build = |source: &Path, out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .arg("build")
            .arg(source)
            .arg("-o")
            .arg(out)
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("ctgc runs")
    };
    let names = ["convention.pdf", "convention.typ", "convention.html"];
    let read = |dir: &Path| names.map(|n| std::fs::read(dir.join(n)).expect(n));
    let expected: Vec<_> = sources
        .iter()
        .enumerate()
        .map(|(k, source)| {
            let out = s.path(&format!("seul-{k}"));
            let done = build(source, &out).wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "{}",
                String::from_utf8_lossy(&done.stderr)
            );
            read(&out)
        })
        .collect();
    assert_ne!(expected[0], expected[1]);
    // Each round starts from the other source's set, so that a mixed end shows.
    for round in 0..ROUNDS {
        let shared = s.path(&format!("commun-{round}"));
        let children: Vec<_> = (0..10)
            .map(|k| build(&sources[(k + round) % 2], &shared))
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "{}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
        let got = read(&shared);
        let from: Vec<Option<usize>> = (0..3)
            .map(|f| (0..2).find(|&v| got[f] == expected[v][f]))
            .collect();
        assert!(
            got == expected[0] || got == expected[1],
            "round {round}: the PDF, the .typ and the HTML come from different sources: {from:?}"
        );
        let left: Vec<String> = std::fs::read_dir(&shared)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !names.contains(&n.as_str()) && n != ".ctgc-lock")
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}

#[test]
fn the_bot_comment_pings_and_links_nobody() {
    let h = Hostile::new("diff");
    let before = h.outside("avant/convention.ctg");
    std::fs::create_dir_all(before.parent().unwrap()).unwrap();
    std::fs::copy(h.project.join("convention.ctg"), &before).unwrap();
    h.write(
        "convention.ctg",
        convention(&[(
            "objectif creche \"Maintenir l'offre d'accueil en crèche\"",
            "objectif creche \"Voir @octocat et @caf/equipe, #12, GH-3, https://evil.example/x et www.evil.example\"",
        )]),
    );
    let out = h.ctgc(&[
        "diff",
        before.to_str().unwrap(),
        "convention.ctg",
        "--format",
        "markdown",
    ]);
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(markdown.contains("octocat"), "{markdown}");
    for active in [
        "@octocat",
        "@caf",
        "#12",
        "GH-3",
        "https://evil",
        "www.evil",
    ] {
        assert!(!markdown.contains(active), "{active} in {markdown}");
    }
}

/// A template that imports a typst package reaches no network: typst's requests go to a closed
/// port, whatever proxy the runner set. The proxy planted here counts the connections it gets.
#[test]
fn typst_downloads_nothing() {
    use std::io::Read;
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    if !typst_found() {
        return;
    }
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", proxy.local_addr().unwrap());
    let reached = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reached);
    std::thread::spawn(move || {
        for stream in proxy.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            // Read the request line, then hang up: the download fails, the test does not wait.
            let mut buf = [0u8; 256];
            let _ = (&stream).read(&mut buf);
        }
    });
    let h = Hostile::new("reseau");
    h.write(
        "templates/convention.typ.j2",
        "#import \"@preview/example:0.1.0\": add\n#add(1, 2)\n",
    );
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ctgc"));
    cmd.args(["build", ".", "--format", "pdf"])
        .current_dir(&h.project)
        .env("NO_COLOR", "1")
        .env("NO_PROXY", "")
        .env_remove("SOURCE_DATE_EPOCH");
    for key in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
    ] {
        cmd.env(key, &address);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("@preview/example"), "{stderr}");
    assert!(!h.project.join("build/projet.pdf").exists());
    assert_eq!(
        reached.load(Ordering::SeqCst),
        0,
        "typst went through the proxy"
    );
}
