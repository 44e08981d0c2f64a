//! The binary as users and scripts meet it: exit codes, formats, one-line errors.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

fn schemadrift() -> Command {
    let mut cmd = Command::cargo_bin("schemadrift").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("GITHUB_ACTIONS");
    cmd
}

#[test]
fn clean_repository_exits_zero_with_a_summary() {
    schemadrift()
        .args(["scan"])
        .arg(fixture("seeds/000-workers-schema-sql-clean"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no drift found"))
        .stdout(predicate::str::contains("0 errors, 0 warnings, 0 infos"));
}

#[test]
fn a_scan_that_compared_nothing_says_so_instead_of_no_drift() {
    let empty = tempfile::tempdir().unwrap();
    schemadrift()
        .arg("scan")
        .arg(empty.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("nothing compared"))
        .stdout(predicate::str::contains("no drift found").not());
    let models_only = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(models_only.path().join("app")).unwrap();
    std::fs::write(
        models_only.path().join("app/models.py"),
        "from sqlalchemy import Column, Integer\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass Note(Base):\n    __tablename__ = \"notes\"\n    id = Column(Integer, primary_key=True)\n",
    )
    .unwrap();
    schemadrift()
        .arg("scan")
        .arg(models_only.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 model table and no reference schema",
        ))
        .stdout(predicate::str::contains("--database-url"));
}

#[test]
fn findings_at_or_above_fail_on_exit_one() {
    let drifted = fixture("seeds/000-workers-schema-sql");
    // schema-dump-stale is a warning: the default threshold (error) lets it pass…
    schemadrift().arg("scan").arg(&drifted).assert().code(0);
    // …and --fail-on warning does not.
    schemadrift()
        .args(["scan", "--fail-on", "warning"])
        .arg(&drifted)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("schema-dump-stale"));
    schemadrift()
        .args(["scan", "--fail-on", "never", "--format", "concise"])
        .arg(&drifted)
        .assert()
        .code(0);
}

#[test]
fn json_output_follows_the_documented_schema() {
    let output = schemadrift()
        .args(["scan", "--format", "json"])
        .arg(fixture("seeds/001-numbered-migrations"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["version"], 1);
    let findings = document["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4);
    let first = &findings[0];
    assert_eq!(first["rule"], "schema-dump-stale");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["table"], "agents");
    assert_eq!(first["column"], "elevenlabs_agent_id");
    // Paths are reported from the repository root, whatever folder was scanned.
    assert_eq!(
        first["location"]["path"],
        "testdata/seeds/001-numbered-migrations/backend/database/schema.sql"
    );
    assert_eq!(first["location"]["line"], 15);
    assert_eq!(first["location"]["column"], 5);
    assert!(first["location"]["end_line"].is_number());
    assert!(first["location"]["end_column"].is_number());
    assert!(first["help"].as_str().unwrap().contains("Regenerate"));
    let related = first["related"].as_array().unwrap();
    assert_eq!(
        related[0]["path"],
        "testdata/seeds/001-numbered-migrations/backend/migrations/001_initial_schema.sql"
    );
    assert!(related[0]["line"].is_number());
    assert!(related[0]["message"].is_string());
    let summary = &document["summary"];
    assert_eq!(summary["warnings"], 4);
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["infos"], 0);
    // Each table once, though the dump and the history both declare it.
    assert_eq!(summary["tables"], 5);
    assert_eq!(summary["files_scanned"], 6);
}

#[test]
fn a_malformed_file_is_a_finding_and_the_scan_goes_on() {
    schemadrift()
        .args(["scan", "--format", "concise"])
        .arg(fixture("parse-error"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "db/migrations/002_audit.sql:4:42: warning[parse-error]",
        ))
        .stdout(predicate::str::contains("3 files, 1 table"));
}

#[test]
fn a_missing_path_is_a_one_line_error_with_exit_two() {
    let assert = schemadrift()
        .args(["scan", "/definitely/not/here"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/definitely/not/here"));
}

#[test]
fn a_bad_config_is_a_one_line_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schemadrift.yaml"),
        "dialect: postgres\nmigratons: [db]\n",
    )
    .unwrap();
    let assert = schemadrift().arg("scan").arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("migratons"), "{stderr}");
    // The file and the position, not the parser's folded snippet of `<input>`.
    assert!(
        stderr.contains("schemadrift.yaml`: line 2 column 1: unknown field `migratons`"),
        "{stderr}"
    );
    assert!(!stderr.contains("<input>"), "{stderr}");

    let refused = |config: &str, expected: &str| {
        std::fs::write(dir.path().join("schemadrift.yaml"), config).unwrap();
        schemadrift()
            .arg("scan")
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    };
    refused("rules:\n  no-such-rule: off\n", "no-such-rule");
    refused(
        "rules:\n  column_type_mismatsh: warning\n",
        "(did you mean `column-type-mismatch`?)",
    );
    schemadrift()
        .args(["rule", "id-colum-without-foreign-key"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `id-column-without-foreign-key`?",
        ));
}

#[test]
fn config_can_turn_a_rule_off_or_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("parse-error"), dir.path());
    std::fs::write(
        dir.path().join("schemadrift.yaml"),
        "rules:\n  parse-error: error\n",
    )
    .unwrap();
    schemadrift()
        .args(["scan", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[parse-error]"));
    std::fs::write(
        dir.path().join("schemadrift.yaml"),
        "rules:\n  parse-error: off\n",
    )
    .unwrap();
    schemadrift()
        .args(["scan", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 0 warnings, 0 infos"));
}

#[test]
fn output_flag_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    schemadrift()
        .args(["scan", "--format", "json", "--output"])
        .arg(&out)
        .arg(fixture("parse-error"))
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(document["findings"][0]["rule"], "parse-error");
}

#[test]
fn inspect_prints_the_model_as_json_and_yaml() {
    let output = schemadrift()
        .args(["inspect", "--format", "json"])
        .arg(fixture("sql-postgres"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let tables = document["schemas"][0]["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    schemadrift()
        .args(["inspect", "--format", "yaml"])
        .arg(fixture("sql-postgres"))
        .assert()
        .success()
        .stdout(predicate::str::contains("stored: DisplayName"))
        .stdout(predicate::str::contains("type: timestamp with time zone"));
}

#[test]
fn human_output_shows_source_snippets_without_colour_when_piped() {
    let output = schemadrift()
        .arg("scan")
        .arg(fixture("stale-dump-after-renames"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}'),
        "no ANSI escapes when not a terminal"
    );
    assert!(stdout.contains("schema-dump-stale"));
    assert!(stdout.contains("[testdata/stale-dump-after-renames/schema.sql:4:5]"));
    assert!(stdout.contains("name varchar(100) NOT NULL"));
    assert!(stdout.contains("renamed to `full_name` here"));
}

#[test]
fn rules_and_rule_commands_document_every_rule() {
    schemadrift()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("schema-dump-stale"))
        .stdout(predicate::str::contains("parse-error"));
    schemadrift()
        .args(["rule", "schema-dump-stale"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Why it matters"))
        .stdout(predicate::str::contains("pg_dump"))
        .stdout(predicate::str::contains("Regenerate the dump from"))
        .stdout(predicate::str::contains("<dump>").not());
    schemadrift()
        .args(["rule", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn baseline_adoption_is_one_command_and_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("seeds/001-numbered-migrations"), dir.path());
    let baseline = dir.path().join("baseline.json");
    schemadrift()
        .args(["scan", "--fail-on", "warning", "--write-baseline"])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("recorded 4 findings"));
    schemadrift()
        .args([
            "scan",
            "--fail-on",
            "warning",
            "--format",
            "concise",
            "--baseline",
        ])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 0 warnings, 0 infos"));

    // Moving lines does not resurrect recorded findings; new drift is reported.
    let schema = dir.path().join("backend/database/schema.sql");
    let text = std::fs::read_to_string(&schema).unwrap();
    let moved = format!("-- regenerated header\n\n{text}\nCREATE TABLE stray (id int);\n");
    std::fs::write(&schema, moved).unwrap();
    schemadrift()
        .args([
            "scan",
            "--fail-on",
            "warning",
            "--format",
            "concise",
            "--baseline",
        ])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("table `stray`"))
        .stdout(predicate::str::contains("0 errors, 1 warning, 0 infos"));

    // The configuration can name the baseline, relative to the scanned directory.
    std::fs::write(
        dir.path().join("schemadrift.yaml"),
        "baseline: baseline.json\n",
    )
    .unwrap();
    schemadrift()
        .args(["scan", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .stdout(predicate::str::contains("0 errors, 1 warning, 0 infos"));
}

#[test]
fn init_writes_a_valid_starter_config_once() {
    let dir = tempfile::tempdir().unwrap();
    schemadrift().arg("init").arg(dir.path()).assert().code(0);
    let written = std::fs::read_to_string(dir.path().join("schemadrift.yaml")).unwrap();
    assert!(written.contains("ignore_tables"));
    schemadrift().arg("scan").arg(dir.path()).assert().code(0);
    schemadrift()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
}

#[test]
fn database_errors_are_one_line_and_never_show_the_password() {
    let secret = "Sup3rSecretPassw0rd";
    let urls = [
        // MariaDB checks passwords: root has none here, so this one is refused.
        format!("mysql://root:{secret}@127.0.0.1:3306/test"),
        // Nothing listens on port 1.
        format!("postgres://app:{secret}@127.0.0.1:1/prod"),
        format!("postgres://postgres:{secret}@127.0.0.1:5432/schemadrift_no_such_database"),
        format!("oracle://scott:{secret}@db/x"),
    ];
    for url in &urls {
        for format in ["human", "json"] {
            let output = schemadrift()
                .args([
                    "scan",
                    "--format",
                    format,
                    "--connect-timeout",
                    "5",
                    "--database-url",
                    url,
                ])
                .arg(fixture("parse-error"))
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{url}: {stderr}");
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "{url}: password leaked: {stderr}"
            );
            assert_eq!(stderr.lines().count(), 1, "{url}: {stderr}");
            assert!(
                stderr.contains("***"),
                "{url}: the URL is shown redacted: {stderr}"
            );
        }
    }
    // The environment-variable form keeps the URL out of the command line.
    schemadrift()
        .args([
            "scan",
            "--database-url-env",
            "SCHEMADRIFT_TEST_UNSET_VARIABLE",
        ])
        .arg(fixture("parse-error"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SCHEMADRIFT_TEST_UNSET_VARIABLE"));
}

#[test]
fn inspect_reads_a_sqlite_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dev.db");
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect({:?}); c.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)'); c.commit()",
            db.display().to_string()
        ))
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipping: python3 with sqlite3 is not available");
        return;
    }
    schemadrift()
        .current_dir(dir.path())
        .args([
            "inspect",
            "--format",
            "yaml",
            "--database-url",
            "sqlite://./dev.db",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("kind: database"))
        .stdout(predicate::str::contains("stored: notes"))
        .stdout(predicate::str::contains("kind: sql").not());
}

#[test]
fn include_and_per_path_narrow_what_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("stale-dump-after-renames"), dir.path());
    let count = |config: &str| {
        std::fs::write(dir.path().join("schemadrift.yaml"), config).unwrap();
        let output = schemadrift()
            .args(["scan", "--format", "json"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        document["findings"].as_array().unwrap().len()
    };
    assert_eq!(count(""), 7);
    // Findings in schema.sql are off; those in the migrations stay.
    assert_eq!(
        count("per_path:\n  \"schema.sql\": [schema-dump-stale]\n"),
        2
    );
    // Only the migrations are read: no dump, nothing to compare.
    assert_eq!(count("include: [\"src/**\"]\n"), 0);
    std::fs::write(
        dir.path().join("schemadrift.yaml"),
        "per_path:\n  \"**\": [no-such-rule]\n",
    )
    .unwrap();
    schemadrift()
        .arg("scan")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rule"));
}

#[test]
fn pre_commit_reports_a_conflict_when_either_migration_is_committed() {
    let repo = fixture("alembic-multiple-heads");
    let later = "migrations/versions/e04b6c8f1d93_member_active.py";
    let earlier = "migrations/versions/3f9d0e21c7aa_book_isbn.py";
    for committed in [later, earlier] {
        schemadrift()
            .current_dir(&repo)
            .args(["pre-commit", committed])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("migration-history-conflict"));
    }
    schemadrift()
        .current_dir(&repo)
        .args(["pre-commit", "library/models.py"])
        .assert()
        .success();
}

/// A scan of a subfolder of a git work tree reports paths from the work tree's root in every
/// format, so CI annotations land on the files of the diff.
#[test]
fn paths_are_reported_from_the_repository_root_in_every_format() {
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path().join("repo");
    std::fs::create_dir_all(repo.join("services/api")).unwrap();
    copy_dir(
        &fixture("drizzle-enum-never-created"),
        &repo.join("services/api"),
    );
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let expected = "services/api/src/db/schema.ts";
    for format in [
        "concise", "json", "sarif", "github", "gitlab", "junit", "human",
    ] {
        let output = schemadrift()
            .current_dir(&repo)
            .args(["scan", "services/api", "--format", format])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains(expected), "{format}: {stdout}");
    }
    // From inside the scanned folder too.
    let output = schemadrift()
        .current_dir(repo.join("services/api"))
        .args(["scan", ".", "--format", "concise"])
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout).unwrap().contains(expected));
    let sarif = schemadrift()
        .current_dir(&repo)
        .args(["scan", "services/api", "--format", "sarif"])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let base = &document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    let root = std::fs::canonicalize(&repo).unwrap();
    assert_eq!(base, &format!("file://{}/", root.display()));
}

#[test]
fn utf16_and_latin1_files_are_read_alone_or_in_a_folder() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    // What `pg_dump > schema.sql` writes in Windows PowerShell: UTF-16 LE with a BOM.
    let dump = "CREATE TABLE t (a int,,);\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(dump.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("schema.sql"), utf16).unwrap();
    for target in [dir.to_path_buf(), dir.join("schema.sql")] {
        schemadrift()
            .args(["scan", "--format", "concise"])
            .arg(&target)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "schema.sql:1:23: warning[parse-error]",
            ));
    }
    let latin1 = dir.join("legacy.sql");
    std::fs::write(
        &latin1,
        b"-- Cr\xe9\xe9 par l'\xe9quipe\nCREATE TABLE u (a int,,);\n",
    )
    .unwrap();
    schemadrift()
        .args(["scan", "--format", "concise"])
        .arg(&latin1)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "legacy.sql:2:23: warning[parse-error]",
        ))
        .stdout(predicate::str::contains("is not valid UTF-8"));
}

/// pre-commit stashes what is not staged but leaves untracked files in place: a fix that exists
/// only as an untracked file is not part of the commit and must not let it through.
#[test]
fn pre_commit_ignores_untracked_files() {
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(repo)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::create_dir_all(repo.join("migrations")).unwrap();
    std::fs::write(
        repo.join("migrations/001_users.sql"),
        "CREATE TABLE users (id integer PRIMARY KEY);\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("models.py"),
        "from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass User(Base):\n    __tablename__ = \"users\"\n    id = Column(Integer, primary_key=True)\n    name = Column(String(80))\n",
    )
    .unwrap();
    git(&["add", "migrations/001_users.sql", "models.py"]);
    // The migration that adds the column exists, but only as an untracked file.
    std::fs::write(
        repo.join("migrations/002_user_name.sql"),
        "ALTER TABLE users ADD COLUMN name varchar(80);\n",
    )
    .unwrap();
    schemadrift()
        .current_dir(repo)
        .args(["pre-commit", "models.py"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("column-missing-from-database"));
    git(&["add", "migrations/002_user_name.sql"]);
    schemadrift()
        .current_dir(repo)
        .args(["pre-commit", "models.py", "migrations/002_user_name.sql"])
        .assert()
        .success();
}

#[test]
fn statistics_count_findings_per_rule() {
    schemadrift()
        .args(["scan", "--statistics"])
        .arg(fixture("seeds/001-numbered-migrations"))
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "4  schema-dump-stale  warning\n",
        ))
        .stdout(predicate::str::contains("0 errors, 4 warnings, 0 infos"));
}
