//! The HTML pages in a real browser: renders the examples, the avenant pages (the examples' and
//! the Val de l'Eyre fixture's), the examples' bilan pages (inline SVG charts, each with its text
//! alternative and its data table), a convention made of hostile fields and one whose signatories
//! have logos (embedded, one of them a scripted SVG), then runs `tests/browser/check.mjs`
//! (headless Debian Chromium driven by playwright-core, axe-core for WCAG 2.0/2.1 A and AA).
//! Installs the npm packages when they are missing; when node itself is absent it fails under
//! `CI`, and elsewhere skips, saying so. `CTGC_CAPTURES=DIR` also saves screenshots there.
//! A second test opens the live page of `ctgc watch --ouvrir`, edits the source and sees the
//! page reload, then the banner show an error (`tests/browser/live.mjs`).

mod support;
use support::EXAMPLES;
use support::planted::copy_dir;
use support::scratch::Scratch;
use support::watching::Watching;

use std::path::{Path, PathBuf};
use std::process::Command;

use ctgc::compile::{self, Options};
use ctgc::render::view::{self, TO_COMPLETE};
use ctgc::render::{Engine, Target, Templates, html, logos};
use serde_json::json;

/// What the hostile convention writes in its fields, and must show as written.
const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\" onmouseover=\"",
    "javascript:alert(1)",
    "]]>",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Renders one project to `out/<name>.html` and describes what the browser must find in it.
fn page(project: &Path, name: &str, out: &Path, hostile: bool) -> serde_json::Value {
    let comp = compile::compile(project, Options::default()).expect("the project loads");
    assert!(!comp.has_errors(), "{name} has errors");
    let view = view::build(&comp.model).expect("the view builds");
    let (logos, warnings) = logos::load(&view, &comp.project.dir);
    assert!(warnings.is_empty(), "{name}: {warnings:?}");
    let html =
        html::render_with_logos(&view, &Templates::new(None), &logos).expect("the page renders");
    let file = out.join(format!("{name}.html"));
    std::fs::write(&file, html).expect("the page is written");
    let mut textes: Vec<String> = view.parties.iter().map(|p| p.nom.clone()).collect();
    for s in &view.signatures {
        textes.push(s.qualite.clone());
        if s.nom != TO_COMPLETE {
            textes.push(s.nom.clone());
        }
    }
    json!({
        "name": name,
        "file": file,
        "fiches": view.fiches.iter().map(|f| json!({ "titre": f.titre, "ancre": f.ancre })).collect::<Vec<_>>(),
        "textes": textes,
        "hostile": if hostile { HOSTILE.to_vec() } else { Vec::new() },
    })
}

/// Renders avenant N of a project to `out/<name>.html`: the parties that sign it must show.
fn avenant_page(project: &Path, n: u32, name: &str, out: &Path) -> serde_json::Value {
    let comp = compile::compile(project, Options::default()).expect("the project loads");
    assert!(!comp.has_errors(), "{name} has errors");
    let avenant = view::avenant_page(&comp.signed, n)
        .expect("the view builds")
        .expect("the avenant exists");
    let html = ctgc::render::avenant::render(&avenant, Target::Html, &Templates::new(None))
        .expect("the page renders");
    let file = out.join(format!("{name}.html"));
    std::fs::write(&file, html).expect("the page is written");
    let mut textes: Vec<String> = vec![avenant.avenant.intitule.clone()];
    textes.extend(avenant.avenant.articles.iter().map(|a| a.titre.clone()));
    textes.extend(avenant.view.signatures.iter().map(|s| s.qualite.clone()));
    json!({
        "name": name,
        "file": file,
        "fiches": avenant.avenant.articles.iter().filter_map(|a| a.fiche.as_ref())
            .map(|f| json!({ "titre": f.titre, "ancre": f.ancre })).collect::<Vec<_>>(),
        "textes": textes,
        "hostile": Vec::<&str>::new(),
    })
}

/// Renders the bilan of YEAR of a project to `out/<name>.html`: its fiches, its axes and the
/// number of its charts must show.
fn bilan_page(project: &Path, year: i32, name: &str, out: &Path) -> serde_json::Value {
    let comp = compile::compile(project, Options::default()).expect("the project loads");
    assert!(!comp.has_errors(), "{name} has errors");
    let finale = ctgc::build::bilan::every(&comp.model)
        .iter()
        .any(|r| r.annee == year && r.finale);
    let bilan = view::bilan::build(&comp.model, year, finale);
    let html = Engine::new(Target::Html, &Templates::new(None))
        .render_named("bilan.html.j2", &bilan)
        .expect("the page renders");
    let file = out.join(format!("{name}.html"));
    std::fs::write(&file, html).expect("the page is written");
    let fiches: Vec<_> = bilan.axes.iter().flat_map(|a| &a.fiches).collect();
    let charts = 2 + fiches.iter().map(|f| f.indicateurs.len()).sum::<usize>();
    let mut textes = vec![bilan.titre.clone()];
    textes.extend(bilan.axes.iter().map(|a| a.titre.clone()));
    json!({
        "name": name,
        "file": file,
        "fiches": fiches.iter().map(|f| json!({ "titre": f.titre, "ancre": f.ancre })).collect::<Vec<_>>(),
        "textes": textes,
        "hostile": Vec::<&str>::new(),
        "graphiques": charts,
    })
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// tests/browser with its npm packages, and Chromium's path; `None` (the test skipped, saying
/// so) without node.
fn browser() -> Option<(PathBuf, String)> {
    if !node_available() {
        support::missing_tool("node is absent (scripts/ensure-tools test installs it with apt)");
        return None;
    }
    let dir = root().join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir()
        || !dir.join("node_modules/axe-core").is_dir()
    {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci a échoué dans tests/browser");
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium introuvable ({chromium}) : apt-get install chromium"
    );
    Some((dir, chromium))
}

#[test]
fn pages_pass_in_headless_chromium() {
    let Some((dir, chromium)) = browser() else {
        return;
    };

    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-pages");
    std::fs::create_dir_all(&out).unwrap();
    let mut pages: Vec<serde_json::Value> = EXAMPLES
        .iter()
        .map(|name| page(&root().join("conventions").join(name), name, &out, false))
        .collect();
    // Each avenant's own page.
    for (name, numbers) in support::AVENANTS {
        for n in numbers {
            pages.push(avenant_page(
                &root().join("conventions").join(name),
                *n,
                &format!("{name}-avenant-{n}"),
                &out,
            ));
        }
    }
    // Each bilan's page, with its charts.
    for (name, years) in support::BILANS {
        for year in years {
            pages.push(bilan_page(
                &root().join("conventions").join(name),
                *year,
                &format!("{name}-bilan-{year}"),
                &out,
            ));
        }
    }
    pages.push(avenant_page(
        &root().join("tests/avenants/val-de-l-eyre"),
        1,
        "val-de-l-eyre-avenant-1",
        &out,
    ));
    pages.push(page(
        &root().join("tests/browser/hostile"),
        "hostile",
        &out,
        true,
    ));
    pages.push(page(
        &root().join("tests/browser/logos"),
        "logos",
        &out,
        false,
    ));
    let manifest = out.join("manifest.json");
    std::fs::write(
        &manifest,
        serde_json::to_string_pretty(&json!({ "pages": pages })).unwrap(),
    )
    .unwrap();

    let mut command = Command::new("node");
    command
        .arg(dir.join("check.mjs"))
        .arg(&manifest)
        .env("CHROMIUM", &chromium);
    if let Ok(captures) = std::env::var("CTGC_CAPTURES") {
        command.arg(captures);
    }
    let output = command.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "les pages échouent dans Chromium :\n{stdout}\n{stderr}"
    );
}

/// `ctgc watch --ouvrir`: the served page reloads after a save and shows a save's errors
/// (`tests/browser/live.mjs`).
#[test]
fn watch_page_reloads_in_headless_chromium() {
    let Some((dir, chromium)) = browser() else {
        return;
    };
    let scratch = Scratch::new("browser-watch");
    let project = scratch.path("projet");
    copy_dir(&root().join("conventions/vosges-ccpvm"), &project);
    let _ = std::fs::remove_dir_all(project.join("build"));
    let mut watching = Watching::start(
        &project,
        &["watch", ".", "--format", "html", "--ouvrir", "--port", "0"],
        &[("CTGC_NAVIGATEUR", "")],
    );
    let line = watching.wait_for("aperçu en direct sur http://127.0.0.1:");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("an address")
        .to_string();
    watching.wait_for("surveillance de");
    let output = Command::new("node")
        .arg(dir.join("live.mjs"))
        .arg(&url)
        .arg(project.join("convention.ctg"))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "l'aperçu en direct échoue dans Chromium :\n{stdout}\nctgc :\n{}",
        watching.seen.join("\n")
    );
}
