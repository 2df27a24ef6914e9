//! `ctgc watch` with the PDF: the documents it writes are those `ctgc build` writes, the page
//! comes first and the PDF follows each save, a save that changes nothing for typst gives
//! typst nothing, a save with errors keeps the documents and reaches the live page, and the
//! typst process is restarted when it dies. Needs typst (skipped without it, except in CI).

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::planted::{copy_dir, edit};
use support::scratch::{Scratch, ctgc};
use support::watching::Watching;

const EXAMPLE: &str = "vosges-ccpvm";

fn typst_available() -> bool {
    let found = std::process::Command::new("typst")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        support::missing_tool("typst is absent (cargo install typst-cli)");
    }
    found
}

/// The example in a scratch directory, with a convention.ctg to edit.
fn project(scratch: &Scratch) -> PathBuf {
    let dir = scratch.path("projet");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("conventions")
        .join(EXAMPLE);
    copy_dir(&example, &dir);
    let _ = std::fs::remove_dir_all(dir.join("build"));
    dir
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The three documents `ctgc build` writes for DIR now, in OUT.
fn built(dir: &Path, out: &Path) -> [Vec<u8>; 3] {
    let (code, stderr) = ctgc(&["build", ".", "-o", &out.to_string_lossy()], dir);
    assert_eq!(code, 0, "{stderr}");
    ["pdf", "typ", "html"].map(|ext| read(&out.join(format!("projet.{ext}"))))
}

fn documents(out: &Path) -> [Vec<u8>; 3] {
    ["pdf", "typ", "html"].map(|ext| read(&out.join(format!("projet.{ext}"))))
}

/// Adds WORD to the convention's title in CONV.
fn retitle(conv: &Path, word: &str) {
    let text = String::from_utf8(read(conv)).unwrap();
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("convention \""))
        .and_then(|l| l.split('"').next())
        .expect("a title")
        .to_string();
    edit(conv, &title, &format!("{title} {word}"));
}

/// `ctgc watch . -o OUT --ouvrir` in DIR on a free port, no browser opened, with ENV set; and
/// the port of its live server.
fn live(dir: &Path, out: &Path, env: &[(&str, &str)]) -> (Watching, u16) {
    let env: Vec<(&str, &str)> = [("CTGC_NAVIGATEUR", "")]
        .into_iter()
        .chain(env.iter().copied())
        .collect();
    let out = out.to_string_lossy();
    let args = ["watch", ".", "-o", &out, "--ouvrir", "--port", "0"];
    let mut watching = Watching::start(dir, &args, &env);
    let address = watching.wait_for("aperçu en direct sur http://127.0.0.1:");
    let port = address
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .expect("a port");
    (watching, port)
}

/// `GET PATH` on the live server; the whole answer.
fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// The live server's event stream, read until a state with ETAT; returns that state.
fn wait_state(port: u16, etat: &str) -> serde_json::Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET /.ctgc/evenements HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
    )
    .unwrap();
    let mut seen = Vec::new();
    for line in BufReader::new(s).lines() {
        let line = line.expect("the stream goes on");
        if let Some(json) = line.strip_prefix("data: ") {
            let state: serde_json::Value = serde_json::from_str(json).unwrap();
            if state["etat"] == etat {
                return state;
            }
            seen.push(state);
        }
    }
    panic!("no state « {etat} »: {seen:?}");
}

#[test]
fn watch_writes_what_build_writes_page_first_then_pdf() {
    if !typst_available() {
        return;
    }
    let scratch = Scratch::new("watch-pdf");
    let dir = project(&scratch);
    let out = scratch.path("sortie");
    let (mut watching, port) = live(&dir, &out, &[]);
    watching.wait_for("page reconstruite en");
    watching.wait_for("PDF reconstruit");
    let first = documents(&out);
    assert_eq!(
        first,
        built(&dir, &scratch.path("ref1")),
        "as ctgc build writes them"
    );

    // The live page: the HTML with the banner's script; the PDF beside it.
    let page = get(port, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("/.ctgc/evenements") && page.contains("</html>"),
        "{page}"
    );
    let pdf = get(port, "/projet.pdf");
    assert!(
        pdf.contains("application/pdf") && pdf.contains("%PDF-"),
        "{}",
        &pdf[..200]
    );
    assert!(get(port, "/projet.typ").starts_with("HTTP/1.1 404"));
    assert_eq!(wait_state(port, "a-jour")["page"], 1);

    // A title edited: the page, then the PDF made from the new source.
    let conv = dir.join("convention.ctg");
    retitle(&conv, "modifiée");
    watching.wait_for("page reconstruite en");
    watching.wait_for("PDF reconstruit");
    let second = documents(&out);
    assert!(String::from_utf8_lossy(&second[2]).contains("modifiée"));
    assert_ne!(first[0], second[0], "a new PDF");
    assert_eq!(
        second,
        built(&dir, &scratch.path("ref2")),
        "the PDF is its .typ's"
    );

    // The same text saved again: the page is rewritten, typst is given nothing.
    std::fs::write(&conv, read(&conv)).unwrap();
    let line = watching.wait_for("reconstruit");
    assert!(line.contains("documents reconstruits en"), "{line}");

    // A save with errors: the documents stay, the live page shows the diagnostic.
    edit(&conv, "exemplaires 3", "exemplaires trois");
    watching.wait_for("documents non reconstruits");
    let state = wait_state(port, "erreurs");
    assert!(
        state["details"]
            .as_str()
            .is_some_and(|d| d.contains("«\u{202f}exemplaires\u{202f}» attend un nombre")),
        "{state}"
    );
    assert_eq!(documents(&out), second);
}

/// The pid of the `typst` process CTGC started (Linux: /proc).
#[cfg(target_os = "linux")]
fn typst_child(ctgc: u32) -> Option<u32> {
    let tasks = std::fs::read_dir(format!("/proc/{ctgc}/task")).ok()?;
    tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|c| {
            c.split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok())
                .collect::<Vec<_>>()
        })
        .find(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "typst")
        })
}

#[cfg(target_os = "linux")]
#[test]
fn a_dead_typst_is_restarted() {
    if !typst_available() {
        return;
    }
    let scratch = Scratch::new("watch-typst");
    let dir = project(&scratch);
    let out = scratch.path("sortie");
    let mut watching = Watching::start(&dir, &["watch", ".", "-o", &out.to_string_lossy()], &[]);
    watching.wait_for("PDF reconstruit");
    let typst = typst_child(watching.child.id()).expect("a typst process");
    let killed = std::process::Command::new("kill")
        .args(["-9", &typst.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    watching.wait_for("typst s'est arrêté");
    // The new process compiles the current source at once.
    watching.wait_for("PDF reconstruit");
    let again = typst_child(watching.child.id()).expect("typst again");
    assert_ne!(again, typst);
    let conv = dir.join("convention.ctg");
    retitle(&conv, "relancée");
    watching.wait_for("PDF reconstruit");
    assert!(String::from_utf8_lossy(&read(&out.join("projet.typ"))).contains("relancée"));

    // Stopped as Ctrl+C stops it: its typst stops too.
    let status = watching.terminate().expect("watch ends when asked");
    assert_eq!(status.code(), Some(130), "{status}");
    assert!(
        !Path::new(&format!("/proc/{again}")).exists(),
        "typst outlives ctgc watch"
    );
}

/// Whether PID names a live process (a zombie, dead but not yet reaped, is not).
#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the command name, which is in parentheses and may hold spaces.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']))
    })
}

#[cfg(target_os = "linux")]
#[test]
fn a_killed_watch_leaves_no_typst_behind() {
    if !typst_available() {
        return;
    }
    let scratch = Scratch::new("watch-kill-9");
    let dir = project(&scratch);
    let out = scratch.path("sortie");
    let tmp = scratch.path("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let tmpdir = tmp.to_string_lossy().into_owned();
    let env = [("TMPDIR", tmpdir.as_str())];
    let args = ["watch", ".", "-o", &out.to_string_lossy()];
    let mut watching = Watching::start(&dir, &args, &env);
    watching.wait_for("PDF reconstruit");
    let ctgc_pid = watching.child.id();
    let typst = typst_child(ctgc_pid).expect("a typst process");
    let sandboxes = || {
        std::fs::read_dir(&tmp)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&format!("ctgc-typst.{ctgc_pid}.")))
            .count()
    };
    let build = |to: &str| {
        let built = std::process::Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(["build", ".", "-o", &scratch.path(to).to_string_lossy()])
            .current_dir(&dir)
            .env("TMPDIR", &tmp)
            .output()
            .expect("build runs");
        assert!(built.status.success(), "{built:?}");
    };
    // Another ctgc's build leaves a living watch's sandbox alone.
    build("b1");
    assert_eq!(sandboxes(), 1, "the living watch's sandbox");
    // SIGKILL: no handler of ctgc runs, only the kernel can stop its child.
    watching.child.kill().expect("kill -9");
    watching.child.wait().expect("reaped");
    // The kernel's signal is delivered at once; the poll only waits for the scheduler.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while alive(typst) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!alive(typst), "typst {typst} outlives a killed ctgc watch");

    // Its sandbox, which no Drop removed, goes with the next typst run of any ctgc.
    assert_eq!(sandboxes(), 1, "the killed watch's sandbox");
    build("b2");
    assert_eq!(
        sandboxes(),
        0,
        "a dead process's sandbox is left in the temporary directory"
    );
}

#[test]
fn a_template_defect_keeps_the_pdf_and_leaves_the_evidence() {
    if !typst_available() {
        return;
    }
    let scratch = Scratch::new("watch-defect");
    let dir = project(&scratch);
    let out = scratch.path("sortie");
    let mut watching = Watching::start(&dir, &["watch", ".", "-o", &out.to_string_lossy()], &[]);
    watching.wait_for("PDF reconstruit");
    let good = documents(&out);
    let template = dir.join("templates/articles.typ.j2");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    std::fs::write(&template, "#heading(level: 1)[Articles]\n#inconnue(\n").unwrap();
    let line = watching.wait_for("défaut des modèles");
    assert!(line.contains("erreur interne"), "{line}");
    // A message of the build, printed by watch, in French typography as the command line's own.
    assert_eq!(
        support::typography::faults(&line),
        Vec::<String>::new(),
        "{line}"
    );
    let evidence = out.join("projet.echec.typ");
    watching.wait_for(&evidence.display().to_string());
    assert!(String::from_utf8_lossy(&read(&evidence)).contains("#inconnue("));
    assert_eq!(documents(&out)[0], good[0], "the last good PDF stays");

    // The template removed: the PDF of the default templates again, the evidence gone.
    std::fs::remove_file(&template).unwrap();
    watching.wait_for("PDF reconstruit");
    assert_eq!(documents(&out), good);
    assert!(!evidence.exists());
}

/// Without typst anywhere, watch keeps the page up to date, says once that the PDF is not made and
/// how to get typst, and the live page says the same.
#[test]
fn without_typst_the_page_is_kept_and_the_pdf_is_said_missing() {
    let scratch = Scratch::new("watch-sans-typst");
    let dir = project(&scratch);
    let out = scratch.path("sortie");
    let empty = scratch.path("vide");
    std::fs::create_dir_all(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    let (mut watching, port) = live(
        &dir,
        &out,
        &[
            ("CTGC_TYPST", ""),
            ("PATH", empty),
            ("CARGO_HOME", empty),
            ("HOME", empty),
        ],
    );
    let said = watching.wait_for("PDF non produit");
    assert!(said.contains("typst est introuvable"), "{said}");
    watching.wait_for("brew install typst");
    watching.wait_for("page reconstruite en");
    assert!(out.join("projet.html").is_file());
    assert!(!out.join("projet.pdf").exists());
    let state = wait_state(port, "pdf-absent");
    assert!(
        state["details"]
            .as_str()
            .is_some_and(|d| d.contains("typst est introuvable")),
        "{state}"
    );

    // A second save: the page again, the missing PDF not said twice.
    retitle(&dir.join("convention.ctg"), "modifiée");
    watching.wait_for("page reconstruite en");
    let told = watching
        .seen
        .iter()
        .filter(|l| l.contains("PDF non produit"))
        .count();
    assert_eq!(told, 1, "{}", watching.seen.join("\n"));
    assert!(String::from_utf8_lossy(&read(&out.join("projet.html"))).contains("modifiée"));
}
