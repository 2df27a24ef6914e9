//! The playground (playground/): its engine's own unit tests, then the page built by
//! `node playground/build.mjs` and driven in headless Chromium by `playground/test/check.mjs`
//! (the Versants d'Aime example and its preview, a typed error underlined then fixed, keystroke →
//! preview timed, files managed from the keyboard, an image imported, the zip export, the
//! clipboard, axe-core, no request beyond the page). A missing tool (node, Chromium, the wasm32 target, wasm-bindgen) fails
//! under `CI` and skips elsewhere, saying so; `scripts/ensure-tools test` installs them all.
//! `CTGC_CAPTURES=DIR` also saves a screenshot of the page there.

mod support;
use support::EXAMPLES;

use std::path::{Path, PathBuf};
use std::process::Command;

use ctgc::compile::{self, Options};
use ctgc::render::view;
use ctgc::world::MemoryWorld;
use serde_json::json;

/// The example the page opens with, the fiche the test edits and what it types there.
const EXAMPLE: &str = "versants-d-aime";
const FICHE: &str = "fiches/01-creche.ctg";
const AXE_LINE: &str = "axe pe";
const TYPED: &str = "z";
/// Where keystrokes go for the timing: before the end of the fiche's title.
const TITLE_END: &str = "crèche\" {";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The tools the build and the browser need, or why the test cannot run.
fn tools() -> Result<(), String> {
    if !works("node", &["--version"]) {
        return Err("node is absent (scripts/ensure-tools test installs it with apt)".into());
    }
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !targets.lines().any(|t| t == "wasm32-unknown-unknown") {
        return Err(
            "the wasm32-unknown-unknown target is absent (scripts/ensure-tools test adds it)"
                .into(),
        );
    }
    if !works("wasm-bindgen", &["--version"]) {
        return Err("wasm-bindgen is absent (scripts/ensure-tools test installs it)".into());
    }
    Ok(())
}

/// The files of an example, by path relative to it.
fn example_files(name: &str) -> Vec<(String, String)> {
    let dir = root().join("conventions").join(name);
    let mut files: Vec<(String, String)> = glob::glob(&format!("{}/**/*", dir.display()))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|p| p.is_file())
        .map(|p| {
            let relative = p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
            (relative, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn world(files: &[(String, String)]) -> MemoryWorld {
    let mut world = MemoryWorld::new();
    for (path, text) in files {
        world.insert(path, text.as_bytes());
    }
    world
}

/// What the browser must find, computed by the compiler itself from the example's files.
fn manifest(dist: &Path) -> serde_json::Value {
    let files = example_files(EXAMPLE);
    let comp = compile::analyse(&world(&files), Path::new("."), Options::default()).unwrap();
    assert!(!comp.has_errors(), "{EXAMPLE} has errors");
    let view = view::build(&comp.model).unwrap();
    let text = |path: &str| {
        files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("{path} is not in {EXAMPLE}"))
    };

    // The error the test types, as `ctgc check` reports it.
    let fiche = text(FICHE);
    let line = format!("  {AXE_LINE}\n");
    assert_eq!(
        fiche.matches(AXE_LINE).count(),
        1,
        "{FICHE}: one « {AXE_LINE} »"
    );
    assert!(
        fiche.contains(&line),
        "{FICHE}: « {AXE_LINE} » alone on its line"
    );
    assert_eq!(
        fiche.matches(TITLE_END).count(),
        1,
        "{FICHE}: one « {TITLE_END} »"
    );
    let broken: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| {
            let t = if p == FICHE {
                t.replace(&line, &format!("  {AXE_LINE}{TYPED}\n"))
            } else {
                t.clone()
            };
            (p.clone(), t)
        })
        .collect();
    let wrong = compile::analyse(&world(&broken), Path::new("."), Options::default()).unwrap();
    let errors: Vec<_> = wrong.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "one error once « {TYPED} » is typed");
    let span = errors[0].primary().unwrap();
    let underlined = &wrong.sources.get(span.file).text[span.start..span.end];

    // The page leaves out a convention on a Caf's model: it reads a directory the page does not hold.
    let on_model = |name: &str| {
        std::fs::read_to_string(root().join("conventions").join(name).join("ctgc.yaml")).is_ok_and(
            |c| {
                c.lines()
                    .any(|l| l.starts_with("modèle:") || l.starts_with("modele:"))
            },
        )
    };
    let examples: Vec<serde_json::Value> = EXAMPLES
        .iter()
        .filter(|name| !on_model(name))
        .map(|name| {
            let comp = compile::compile(&root().join("conventions").join(name), Options::default())
                .unwrap();
            json!({ "id": name, "title": view::build(&comp.model).unwrap().titre })
        })
        .collect();
    json!({
        "page": dist.join("ctgc-playground.html"),
        "site": dist.join("site"),
        "image": root().join("tests/browser/logos/logos/cc.png"),
        "example": {
            "title": view.titre,
            "fiches": view.fiches.iter().map(|f| &f.titre).collect::<Vec<_>>(),
            "files": files.len(),
            "file": FICHE,
            "axe": AXE_LINE,
            "typed": TYPED,
            "underlined": underlined,
            "message": errors[0].message,
            "before": TITLE_END,
            "convention": text("convention.ctg"),
            "config": text("ctgc.yaml"),
        },
        "examples": examples,
    })
}

fn npm_ci(dir: &Path) {
    if !dir.join("node_modules/playwright-core").is_dir()
        || !dir.join("node_modules/esbuild").is_dir()
    {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci a échoué dans {}", dir.display());
    }
}

/// Runs COMMAND, shows what it printed, and fails with WHAT (French) when it fails. Returns its
/// standard output.
fn run(command: &mut Command, what: &str) -> String {
    let output = command.output().expect("the command runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(output.status.success(), "{what} :\n{stdout}\n{stderr}");
    stdout
}

/// The engine's unit tests (playground/wasm), on the host: the root's `cargo test` runs the root
/// package alone.
#[test]
fn engine_unit_tests_pass() {
    let stdout = run(
        Command::new(env!("CARGO"))
            .args(["test", "--locked", "--package", "ctgc-playground", "--lib"])
            .current_dir(root()),
        "les tests du moteur échouent",
    );
    assert!(stdout.contains("test result: ok."), "{stdout}");
}

#[test]
fn playground_works_in_headless_chromium() {
    if let Err(why) = tools() {
        support::missing_tool(&why);
        return;
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium introuvable ({chromium}) : apt-get install chromium"
    );
    let dir = root().join("playground");
    npm_ci(&dir);
    run(
        Command::new("node")
            .arg(dir.join("build.mjs"))
            .current_dir(root()),
        "playground/build.mjs a échoué",
    );

    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("playground");
    std::fs::create_dir_all(&out).unwrap();
    let manifest_path = out.join("manifest.json");
    std::fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest(&dir.join("dist"))).unwrap(),
    )
    .unwrap();

    let mut check = Command::new("node");
    check
        .arg(dir.join("test/check.mjs"))
        .arg(&manifest_path)
        .env("CHROMIUM", &chromium)
        .env("TMPDIR", &out);
    if let Ok(captures) = std::env::var("CTGC_CAPTURES") {
        check.arg(captures);
    }
    let stdout = run(&mut check, "le bac à sable échoue dans Chromium");
    assert!(stdout.contains("mesures : {"), "{stdout}");
}
