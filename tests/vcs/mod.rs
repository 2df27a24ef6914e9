//! Running git in a test repository, with an identity and no signing, whatever the machine's
//! configuration.

use std::path::Path;
use std::process::Command;

/// Runs `git ARGS` in `dir`; fails the test with git's message when git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
