//! The hook as users run it: the real `pre-commit` (from PyPI) in a temporary git repository,
//! with this repository as the hook source (`language: rust`, built by pre-commit itself).
//! A commit that adds drift is refused with the finding printed; the fixed commit goes through.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn ok(output: &Output) -> bool {
    output.status.success()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Installs pre-commit into a virtual environment; `None` (skip) when Python cannot.
fn install_pre_commit(dir: &Path) -> Option<PathBuf> {
    let venv = dir.join("venv");
    let created = run(dir, "python3", &["-m", "venv", venv.to_str().unwrap()]);
    let pip = venv.join("bin/pip");
    let installed = ok(&created)
        && ok(&run(
            dir,
            pip.to_str().unwrap(),
            &["install", "-q", "pre-commit"],
        ));
    if !installed {
        assert!(
            !in_ci(),
            "pre-commit could not be installed from PyPI under CI=true"
        );
        eprintln!("skipping: pre-commit could not be installed");
        return None;
    }
    Some(venv.join("bin/pre-commit"))
}

#[test]
fn the_hook_refuses_a_commit_that_adds_drift_and_accepts_the_fix() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = run(source, "git", &["rev-parse", "HEAD"]);
    if !ok(&head) {
        assert!(
            !in_ci(),
            "this repository must be a git checkout under CI=true"
        );
        eprintln!("skipping: not a git checkout");
        return;
    }
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let work = tempfile::tempdir().unwrap();
    let Some(pre_commit) = install_pre_commit(work.path()) else {
        return;
    };
    let pre_commit = pre_commit.to_str().unwrap();

    let repo = work.path().join("app");
    std::fs::create_dir_all(repo.join("migrations")).unwrap();
    std::fs::write(
        repo.join("migrations/001_init.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("schema.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    )
    .unwrap();
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: schemadrift\n        args: [--fail-on, warning]\n",
            source.display()
        ),
    )
    .unwrap();
    assert!(ok(&run(&repo, "git", &["init", "-q", "-b", "main"])));
    assert!(ok(&run(&repo, "git", &["add", "-A"])));
    assert!(ok(&run(
        &repo,
        "git",
        &["commit", "-q", "--no-verify", "-m", "init"]
    )));
    let installed = run(&repo, pre_commit, &["install"]);
    assert!(ok(&installed), "{}", text(&installed));

    // Keep pre-commit's build of the hook between runs of this test.
    let target = source.join("target/pre-commit-hook");
    let cache = source.join("target/pre-commit-cache");
    let commit = |message: &str| {
        Command::new("git")
            .args(["commit", "-m", message])
            .current_dir(&repo)
            .env("PRE_COMMIT_HOME", &cache)
            .env("CARGO_TARGET_DIR", &target)
            // pre-commit builds the hook with `cargo install` (the release profile); building it
            // unoptimised keeps this test within minutes on a cold two-core machine.
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "false")
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    Path::new(pre_commit).parent().unwrap().display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .output()
            .unwrap()
    };

    // A migration adds a column; schema.sql is not regenerated: the commit is refused.
    std::fs::write(
        repo.join("migrations/002_add_phone.sql"),
        "ALTER TABLE users ADD COLUMN phone text;\n",
    )
    .unwrap();
    assert!(ok(&run(
        &repo,
        "git",
        &["add", "migrations/002_add_phone.sql"]
    )));
    let refused = commit("add phone");
    let output = text(&refused);
    assert!(
        !refused.status.success(),
        "the commit should be refused:\n{output}"
    );
    assert!(output.contains("schema-dump-stale"), "{output}");
    assert!(output.contains("users.phone"), "{output}");

    // With schema.sql regenerated, the same commit goes through.
    std::fs::write(
        repo.join("schema.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, phone text);\n",
    )
    .unwrap();
    assert!(ok(&run(&repo, "git", &["add", "-A"])));
    let accepted = commit("add phone, regenerate schema.sql");
    assert!(
        accepted.status.success(),
        "the fixed commit should pass:\n{}",
        text(&accepted)
    );
}
