//! `ctgc new` (a project that checks with only « à compléter » warnings, and a workflow whose steps
//! run here as plain shell commands), `ctgc watch`, `ctgc completions`, and `--help` everywhere.

mod support;
use support::watching::Watching;
mod vcs;
use vcs::git;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_yaml::Value;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ctgc-test-new-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn ctgc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_new_project_checks_with_only_placeholder_warnings() {
    let dir = temp("check");
    let o = ctgc(Path::new("."), &["new", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("Projet de convention créé"),
        "{}",
        text(&o.stderr)
    );
    for file in [
        "ctgc.yaml",
        "convention.ctg",
        "fiches/01-accueil.ctg",
        "README.md",
        ".gitignore",
        ".github/workflows/convention.yml",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    assert!(
        std::fs::read_to_string(dir.join(".gitignore"))
            .expect("read")
            .lines()
            .any(|l| l == "build/")
    );

    let o = ctgc(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let codes: Vec<&str> = diags
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.is_empty());
    assert!(
        codes.iter().all(|c| *c == "ctg::brouillon::a-completer"),
        "{codes:?}"
    );
    // Placeholders are what --final refuses, and the scaffold is in canonical form.
    assert_eq!(
        ctgc(&dir, &["check", ".", "--final"]).status.code(),
        Some(1)
    );
    let o = ctgc(&dir, &["fmt", "--check", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );

    // A second `new` in the same place replaces nothing.
    let before = std::fs::read_to_string(dir.join("convention.ctg")).expect("read");
    let o = ctgc(Path::new("."), &["new", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("n'est pas vide"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("convention.ctg")).expect("read"),
        before
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn new_makes_a_repository_on_main_unless_there_is_one_or_no_git() {
    // Inside an existing repository: no repository of its own, and the workflow must move.
    let outer = temp("inside");
    std::fs::create_dir_all(&outer).expect("mkdir");
    git(&outer, &["init", "-q", "-b", "main"]);
    let o = ctgc(&outer, &["new", "ctg"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(!outer.join("ctg/.git").exists());
    let said = text(&o.stderr);
    assert!(said.contains("est dans un dépôt git existant"), "{said}");
    assert!(said.contains("à la racine de ce dépôt"), "{said}");
    std::fs::remove_dir_all(&outer).ok();

    // Without git: the command to run, with the branch the workflow expects.
    let dir = temp("no-git");
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["new", &dir.to_string_lossy()])
        .env("PATH", "/nonexistent")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(!dir.join(".git").exists());
    assert!(
        text(&o.stderr).contains("git init -b main && git add . && git commit"),
        "{}",
        text(&o.stderr)
    );
    // And every time, the way to the guide.
    assert!(
        text(&o.stderr).contains("/docs/guide/index.md"),
        "{}",
        text(&o.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `${{ … }}` expressions of the workflow, as GitHub would give them for pull request #7 on main,
/// in a job whose temporary directory is `runner_temp`.
fn expressions(runner_temp: &Path) -> BTreeMap<&'static str, String> {
    let run = "https://github.com/exemple/convention/actions/runs/1234";
    BTreeMap::from([
        ("github.base_ref", "main".to_string()),
        ("github.ref", "refs/pull/7/merge".to_string()),
        ("github.token", "jeton-factice".to_string()),
        ("github.event.pull_request.number", "7".to_string()),
        ("github.server_url", "https://github.com".to_string()),
        ("github.repository", "exemple/convention".to_string()),
        ("github.run_id", "1234".to_string()),
        ("runner.os", "Linux".to_string()),
        ("runner.temp", runner_temp.to_string_lossy().into_owned()),
        ("env.CONVENTION", ".".to_string()),
        ("env.CTGC_VERSION", env!("CARGO_PKG_VERSION").to_string()),
        ("env.TYPST_VERSION", ctgc::typeset::RECOMMENDED.to_string()),
        (
            "steps.documents.outputs.artifact-url",
            format!("{run}/artifacts/99"),
        ),
        (
            "needs.convention.outputs.artefact",
            format!("{run}/artifacts/99"),
        ),
    ])
}

fn substitute(s: &str, exprs: &BTreeMap<&str, String>) -> String {
    let mut out = s.to_string();
    while let Some(start) = out.find("${{") {
        let end = out[start..]
            .find("}}")
            .map(|e| start + e + 2)
            .expect("closed expression");
        let expr = out[start + 3..end - 2].trim().to_string();
        let value = exprs
            .get(expr.as_str())
            .unwrap_or_else(|| panic!("unknown expression {expr}"))
            .clone();
        out.replace_range(start..end, &value);
    }
    out
}

fn env_map(v: Option<&Value>, exprs: &BTreeMap<&str, String>) -> Vec<(String, String)> {
    v.and_then(Value::as_mapping)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let value = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        other => panic!("env value {other:?}"),
                    };
                    (
                        k.as_str().expect("key").to_string(),
                        substitute(&value, exprs),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The real typst, if there is one at the version the workflow installs.
fn typst() -> Option<PathBuf> {
    let home = std::env::var("HOME").unwrap_or_default();
    let path = format!(
        "{home}/.cargo/bin:{}",
        std::env::var("PATH").unwrap_or_default()
    );
    std::env::split_paths(&path)
        .map(|d| d.join("typst"))
        .find(|t| {
            Command::new(t).arg("--version").output().is_ok_and(|o| {
                o.status.success()
                    && text(&o.stdout).contains(&format!("typst {}", ctgc::typeset::RECOMMENDED))
            })
        })
}

/// What git prints in `dir`, trimmed.
fn git_says(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    text(&o.stdout).trim().to_string()
}

fn executable(path: &Path, script: &str) {
    std::fs::write(path, script).expect("write");
    Command::new("chmod")
        .args(["+x", &path.to_string_lossy()])
        .status()
        .expect("chmod");
}

/// A GitHub runner, simulated: the `run:` steps run with bash as GitHub runs them, the actions
/// the workflow uses are played by hand (artifacts are directories), and `gh` and `cargo` are
/// stand-ins that record what they are asked.
struct Runner {
    repo: PathBuf,
    root: PathBuf,
    /// The fake home: `.cargo/bin` holds ctgc (the one under test), typst and the stand-in cargo.
    home: PathBuf,
    path: String,
    with_typst: bool,
    workflow: Value,
}

/// What a job did: each step's name, outcome and standard output.
struct JobRun {
    steps: Vec<(String, bool, String)>,
}

impl JobRun {
    fn step(&self, name: &str) -> &(String, bool, String) {
        self.steps
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("« {name} » did not run: {:?}", self.names()))
    }

    fn names(&self) -> Vec<&str> {
        self.steps.iter().map(|(n, _, _)| n.as_str()).collect()
    }
}

impl Runner {
    fn new(repo: &Path, workflow: Value) -> Runner {
        let root = temp("workflow-runner");
        let home = root.join("home");
        let bin = home.join(".cargo/bin");
        std::fs::create_dir_all(&bin).expect("mkdir");
        std::fs::create_dir_all(root.join("artifacts")).expect("mkdir");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ctgc"), bin.join("ctgc")).expect("symlink");
        let typst = typst();
        if let Some(t) = &typst {
            std::os::unix::fs::symlink(t, bin.join("typst")).expect("symlink");
        }
        // The tools are already at the workflow's versions: cargo must not be asked to install.
        executable(
            &bin.join("cargo"),
            "#!/bin/sh\necho \"cargo $*\" >> \"$CARGO_LOG\"\nexit 1\n",
        );
        let stubs = root.join("stubs");
        std::fs::create_dir_all(&stubs).expect("mkdir");
        // `gh api`: lists no comment of ctgc until one was posted, then comment 42.
        executable(
            &stubs.join("gh"),
            "#!/bin/sh\nprintf 'gh %s\\n' \"$*\" >> \"$GH_LOG\"\n\
             case \"$*\" in\n\
             *'--method PATCH'*|*'--method POST'*)\n\
               for a in \"$@\"; do case \"$a\" in body=@*) cat \"${a#body=@}\" >> \"$GH_LOG\";; esac; done\n\
               touch \"$GH_STATE\";;\n\
             *--jq*) if [ -f \"$GH_STATE\" ]; then echo 42; fi;;\n\
             esac\n",
        );
        let path = format!(
            "{}:{}",
            stubs.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Runner {
            repo: repo.to_path_buf(),
            root,
            home,
            path,
            with_typst: typst.is_some(),
            workflow,
        }
    }

    fn log(&self, name: &str) -> String {
        std::fs::read_to_string(self.root.join(name)).unwrap_or_default()
    }

    /// Runs one job of the workflow for pull request #7; a failing step fails the test unless the
    /// workflow allows it (`continue-on-error`).
    fn job(&self, name: &str) -> JobRun {
        let job = &self.workflow["jobs"][name];
        if let Some(cond) = job.get("if").and_then(Value::as_str) {
            assert_eq!(cond, "github.event_name == 'pull_request'", "{name}");
        }
        let temp = self.root.join(format!("temp-{name}"));
        std::fs::create_dir_all(&temp).expect("mkdir");
        let exprs = expressions(&temp);
        let (summary, github_path) = (self.root.join("summary.md"), temp.join("github-path"));
        let mut path = self.path.clone();
        let mut env = env_map(self.workflow.get("env"), &exprs);
        env.extend(env_map(job.get("env"), &exprs));
        let mut outcomes: BTreeMap<String, bool> = BTreeMap::new();
        let mut run = JobRun { steps: Vec::new() };
        for step in job["steps"].as_sequence().expect("steps") {
            let uses = step.get("uses").and_then(Value::as_str).unwrap_or("");
            let label = step.get("name").and_then(Value::as_str).unwrap_or(uses);
            let allowed_to_fail = step["continue-on-error"].as_bool() == Some(true);
            if let Some(cond) = step.get("if").and_then(Value::as_str) {
                let holds = match cond {
                    "github.event_name == 'pull_request'" => true,
                    "steps.typst.outcome == 'failure'" => outcomes.get("typst") == Some(&false),
                    other => panic!("{label}: condition « {other} » not simulated"),
                };
                if !holds {
                    continue;
                }
            }
            let with = |key: &str| {
                step["with"][key]
                    .as_str()
                    .map(|v| substitute(v, &exprs))
                    .unwrap_or_else(|| panic!("{label}: with.{key}"))
            };
            let (ok, stdout) = if let Some((action, _)) = uses.split_once('@') {
                match action {
                    "actions/checkout" | "actions/cache" => (true, String::new()),
                    "typst-community/setup-typst" => (self.with_typst, String::new()),
                    "actions/upload-artifact" => {
                        let name = with("name");
                        if name == "convention" && !self.with_typst {
                            eprintln!("typst absent : « {label} » non exécutée");
                            continue;
                        }
                        let from = self.repo.join(with("path"));
                        let to = self.root.join("artifacts").join(&name);
                        std::fs::create_dir_all(&to).expect("mkdir");
                        let files: Vec<PathBuf> = if from.is_dir() {
                            std::fs::read_dir(&from)
                                .expect("read_dir")
                                .map(|e| e.expect("entry").path())
                                .collect()
                        } else {
                            vec![from.clone()]
                        };
                        for f in &files {
                            std::fs::copy(f, to.join(f.file_name().expect("name")))
                                .unwrap_or_else(|e| panic!("{label}: {}: {e}", f.display()));
                        }
                        (!files.is_empty(), String::new())
                    }
                    "actions/download-artifact" => {
                        let from = self.root.join("artifacts").join(with("name"));
                        let to = PathBuf::from(with("path"));
                        std::fs::create_dir_all(&to).expect("mkdir");
                        for e in std::fs::read_dir(&from).expect("the artifact was uploaded") {
                            let f = e.expect("entry").path();
                            std::fs::copy(&f, to.join(f.file_name().expect("name"))).expect("copy");
                        }
                        (true, String::new())
                    }
                    other => panic!("action {other} not simulated"),
                }
            } else {
                let script = step["run"].as_str().expect("run or uses");
                if !self.with_typst && (script.contains("typst") || script.contains("ctgc build")) {
                    eprintln!("typst absent : étape « {label} » non exécutée");
                    continue;
                }
                let mut cmd = Command::new("bash");
                cmd.args([
                    "--noprofile",
                    "--norc",
                    "-eo",
                    "pipefail",
                    "-c",
                    &substitute(script, &exprs),
                ])
                .current_dir(&self.repo)
                .env("HOME", &self.home)
                .env("PATH", &path)
                .env("NO_COLOR", "1")
                .env("GITHUB_PATH", &github_path)
                .env("GITHUB_STEP_SUMMARY", &summary)
                .env("GITHUB_REPOSITORY", "exemple/convention")
                .env("GITHUB_EVENT_NAME", "pull_request")
                .env("RUNNER_TEMP", &temp)
                .env("GH_LOG", self.root.join("gh.log"))
                .env("GH_STATE", self.root.join("gh.state"))
                .env("CARGO_LOG", self.root.join("cargo.log"))
                .env_remove("GITHUB_WORKSPACE");
                cmd.envs(env.iter().cloned());
                cmd.envs(env_map(step.get("env"), &exprs));
                let o = cmd.output().expect("bash runs");
                assert!(
                    o.status.success() || allowed_to_fail,
                    "step « {label} » failed:\n{}\n{}",
                    text(&o.stdout),
                    text(&o.stderr)
                );
                (o.status.success(), text(&o.stdout))
            };
            assert!(ok || allowed_to_fail, "step « {label} » failed");
            if let Some(id) = step.get("id").and_then(Value::as_str) {
                outcomes.insert(id.to_string(), ok);
            }
            // As GitHub does: what a step adds to GITHUB_PATH comes first for the next ones.
            for dir in std::fs::read_to_string(&github_path)
                .unwrap_or_default()
                .lines()
            {
                path = format!("{dir}:{path}");
            }
            let _ = std::fs::remove_file(&github_path);
            run.steps.push((label.to_string(), ok, stdout));
        }
        run
    }
}

#[test]
fn the_generated_workflow_runs_locally_on_a_pull_request() {
    let repo = temp("workflow");
    let o = ctgc(Path::new("."), &["new", &repo.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let yaml =
        std::fs::read_to_string(repo.join(".github/workflows/convention.yml")).expect("workflow");
    let wf: Value = serde_yaml::from_str(&yaml).expect("the workflow is valid YAML");
    let on = wf.get("on").expect("« on » is a key");
    assert!(on.get("pull_request").is_some() && on.get("push").is_some());
    assert_eq!(
        on["push"]["branches"].as_sequence().map(|b| b.len()),
        Some(1)
    );
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));

    // `ctgc new` made the repository, on main: a pull request branch with one change of content
    // and one of layout (a keyword without its accent: valid, but not canonical).
    assert_eq!(
        git_says(&repo, &["symbolic-ref", "HEAD"]),
        "refs/heads/main"
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Convention initiale"]);
    git(&repo, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(&repo, &["checkout", "-q", "-b", "referente"]);
    let fiche = repo.join("fiches/01-accueil.ctg");
    let content = std::fs::read_to_string(&fiche).expect("read");
    let line = content
        .lines()
        .position(|l| l.contains("référent à compléter"))
        .expect("a référent to fill in")
        + 1;
    std::fs::write(
        &fiche,
        content.replacen(
            "référent à compléter",
            "referent \"Coordinatrice petite enfance\"",
            1,
        ),
    )
    .expect("write");
    git(
        &repo,
        &["commit", "-q", "-am", "Référente de la fiche accueil"],
    );

    let runner = Runner::new(&repo, wf);
    let job = runner.job("convention");
    let names = job.names();
    for expected in [
        "Vérifier la convention",
        "Comparer avec la branche de base",
        "Annoter les changements de la convention",
        "Garder le différentiel pour le commentaire",
        "Vérifier la mise en forme",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} did not run: {names:?}"
        );
    }
    assert_eq!(
        names.last(),
        Some(&"Vérifier la mise en forme"),
        "formatting is checked last"
    );
    assert!(
        !runner.with_typst || names.contains(&"Installer ctgc"),
        "{names:?}"
    );
    assert_eq!(
        runner.log("cargo.log"),
        "",
        "nothing to install: the cache had both tools"
    );

    // check --format github: annotations only, on the files as GitHub names them (the new
    // project has more « à compléter » than GitHub shows: a notice says so).
    let check = &job.step("Vérifier la convention").2;
    assert!(
        check
            .lines()
            .all(|l| l.starts_with("::warning ") || l.starts_with("::notice title=ctgc check::")),
        "annotations only: {check}"
    );
    assert!(
        check.contains("title=ctg%3A%3Abrouillon%3A%3Aa-completer"),
        "{check}"
    );
    assert!(
        check.starts_with("::warning file=convention.ctg,line="),
        "paths as GitHub matches them: {check}"
    );

    // fmt --check --format github: the step fails (allowed), with the expected line.
    let (_, fmt_ok, fmt) = job.step("Vérifier la mise en forme");
    assert!(!fmt_ok, "the layout is not canonical");
    assert_eq!(
        fmt.trim_end(),
        format!(
            "::warning file=fiches/01-accueil.ctg,line={line},endLine={line},title=ctgc fmt::\
             mise en forme attendue par «\u{202f}ctgc fmt\u{202f}»\u{202f}:%0A  \
             référent \"Coordinatrice petite enfance\""
        )
    );

    // diff --format github: annotations only; a draft's change is no warning (only a signed
    // text changed outside an avenant is).
    let (_, annotated, annotations) = job.step("Annoter les changements de la convention");
    assert!(annotated, "{annotations}");
    assert!(
        annotations.lines().all(|l| l.starts_with("::notice ")),
        "{annotations}"
    );
    assert!(
        annotations.starts_with("::notice title=ctgc diff::1 changement"),
        "{annotations}"
    );

    // The diff, in the job summary and kept for the comment job.
    let summary = runner.log("summary.md");
    assert!(summary.starts_with("<!-- ctgc diff -->\n"), "{summary}");
    assert!(summary.contains("Avant : `origin/main`"), "{summary}");
    assert!(
        summary.contains("| référent | à compléter | « Coordinatrice petite enfance » |"),
        "{summary}"
    );

    // The comment job: posts the comment the first time, then updates it.
    let comment = runner.job("commentaire");
    assert!(comment.step("Publier le commentaire").1);
    let gh = runner.log("gh.log");
    assert!(
        gh.contains("gh api repos/exemple/convention/issues/7/comments --paginate --jq"),
        "{gh}"
    );
    assert!(
        gh.contains("gh api --method POST repos/exemple/convention/issues/7/comments -F body=@"),
        "{gh}"
    );
    assert!(gh.contains("## Changements de la convention"), "{gh}");
    assert!(
        gh.contains("| référent | à compléter | « Coordinatrice petite enfance » |"),
        "{gh}"
    );
    assert!(
        gh.contains(
            "Le PDF et la page HTML de cette version\u{202f}: [artefact «\u{202f}convention\u{202f}»]\
             (https://github.com/exemple/convention/actions/runs/1234/artifacts/99) de \
             [l'exécution](https://github.com/exemple/convention/actions/runs/1234)."
        ),
        "{gh}"
    );
    runner.job("commentaire");
    let gh = runner.log("gh.log");
    assert!(
        gh.contains("gh api --method PATCH repos/exemple/convention/issues/comments/42 -F body=@"),
        "{gh}"
    );
    assert_eq!(gh.matches("--method POST").count(), 1, "{gh}");

    if runner.with_typst {
        let outputs: Vec<String> = std::fs::read_dir(runner.root.join("artifacts/convention"))
            .expect("the documents were uploaded")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            outputs.iter().any(|f| f.ends_with(".pdf"))
                && outputs.iter().any(|f| f.ends_with(".html")),
            "{outputs:?}"
        );
        assert!(
            git_says(&repo, &["status", "--porcelain"]).is_empty(),
            "build/ must be ignored by git"
        );
    } else {
        support::missing_tool("typst is absent: the documents were not built");
    }
    for dir in [&repo, &runner.root] {
        std::fs::remove_dir_all(dir).ok();
    }
}

/// The filter the comment job gives `gh api --jq` finds ctgc's own comment by its marker, and
/// no one else's.
#[test]
fn the_comment_is_found_by_its_marker_and_its_author() {
    let yaml = std::fs::read_to_string("scaffold/convention.yml").expect("workflow");
    let filter = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("--jq '"))
        .and_then(|l| l.rsplit_once('\''))
        .map(|(f, _)| f.to_string())
        .expect("a --jq filter");
    let comments = r#"[
        {"id": 1, "user": {"login": "coordinatrice"}, "body": "<!-- ctgc diff -->\ncopié à la main"},
        {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "un autre robot"},
        {"id": 3, "user": {"login": "github-actions[bot]"}, "body": "<!-- ctgc diff -->\n## Changements"},
        {"id": 4, "user": {"login": "conseiller-caf"}, "body": "Vu, merci."}
    ]"#;
    let mut jq = match Command::new("jq")
        .args([&filter])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => {
            support::missing_tool("jq is absent (scripts/ensure-tools test installs it)");
            return;
        }
    };
    use std::io::Write;
    jq.stdin
        .take()
        .expect("stdin")
        .write_all(comments.as_bytes())
        .expect("write");
    let o = jq.wait_with_output().expect("jq");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "3\n");
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_output() {
    let dir = temp("watch");
    assert_eq!(
        ctgc(Path::new("."), &["new", &dir.to_string_lossy()])
            .status
            .code(),
        Some(0)
    );
    let mut watching = Watching::start(&dir, &["watch", ".", "--format", "html"], &[]);
    watching.wait_for("documents reconstruits en");
    watching.wait_for("surveillance de");
    let html = std::fs::read_dir(dir.join("build"))
        .expect("build/")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .expect("an HTML page");
    let good = std::fs::read(&html).expect("read");

    // A broken save: the error is printed, the page stays as it was.
    let conv = dir.join("convention.ctg");
    let original = std::fs::read_to_string(&conv).expect("read");
    std::fs::write(&conv, original.replace("exemplaires 2", "exemplaires deux")).expect("write");
    watching
        .wait_for("documents non reconstruits, les derniers documents corrects restent en place");
    assert!(
        watching
            .seen
            .iter()
            .any(|l| l.contains("«\u{202f}exemplaires\u{202f}» attend un nombre")),
        "{}",
        watching.seen.join("\n")
    );
    assert_eq!(std::fs::read(&html).expect("read"), good);

    // Fixed: rebuilt, with the new content.
    std::fs::write(
        &conv,
        original.replace(
            "Convention territoriale globale du territoire",
            "Convention territoriale globale de Brasles",
        ),
    )
    .expect("write");
    watching.wait_for("documents reconstruits en");
    assert!(text(&std::fs::read(&html).expect("read")).contains("Brasles"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_for_four_shells() {
    for (shell, marker) in [
        ("bash", "_ctgc()"),
        ("zsh", "#compdef ctgc"),
        ("fish", "complete -c ctgc"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'ctgc'",
        ),
    ] {
        let o = ctgc(Path::new("."), &["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        let script = text(&o.stdout);
        assert!(
            script.contains(marker),
            "{shell}: {}",
            &script[..script.len().min(200)]
        );
        for sub in ["check", "fmt", "diff", "new", "watch"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
    let o = ctgc(Path::new("."), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("valeurs possibles\u{202f}: bash, zsh, fish, powershell"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn every_command_has_examples_in_its_help() {
    use clap::CommandFactory;
    let cli = ctgc::cli::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in ["fmt", "diff", "new", "watch", "completions"] {
        assert!(names.iter().any(|n| n == name), "{name} is a command");
    }
    for name in &names {
        let o = ctgc(Path::new("."), &[name, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let help = text(&o.stdout);
        assert!(
            help.contains("Exemple"),
            "{name} --help has no example:\n{help}"
        );
        assert!(help.contains("Utilisation\u{202f}: ctgc"), "{name}: {help}");
    }
}
