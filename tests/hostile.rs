//! Input a repository can contain that once crashed or stalled the scan: each reproducer is
//! generated here at a size past the old breaking point, and must end as findings (or nothing),
//! never as a panic or a stack overflow, in every output format.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn repository(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Scans `root` in every format; each run must exit as a scan does (0 or 1), not abort.
fn scans_in_every_format(root: &Path) -> String {
    let mut human = String::new();
    for format in [
        "human", "concise", "json", "sarif", "github", "gitlab", "junit",
    ] {
        let output = Command::cargo_bin("schemadrift")
            .unwrap()
            .env_remove("GITHUB_ACTIONS")
            .args(["scan", "--format", format])
            .arg(root)
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{format}: exit {code:?}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        if format == "concise" {
            human = String::from_utf8_lossy(&output.stdout).into_owned();
        }
    }
    human
}

#[test]
fn a_finding_far_along_a_long_line_is_reported_without_a_snippet() {
    let line = format!("CREATE TABLE t ({}a int,,);\n", " ".repeat(65_600));
    let repo = repository(&[("schema.sql", line)]);
    let concise = scans_in_every_format(repo.path());
    assert!(concise.contains("schema.sql:1:65623"), "{concise}");
    Command::cargo_bin("schemadrift")
        .unwrap()
        .args(["scan"])
        .arg(repo.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "schema.sql:1:65623: cannot parse statement",
        ));
}

#[test]
fn deeply_nested_python_expressions_are_read_as_text() {
    let n = 5_000;
    let nested = |open: &str, close: &str| format!("{}1{}", open.repeat(n), close.repeat(n));
    let mut module = String::from("import sqlalchemy as sa\n");
    module += &format!("a = {}\n", nested("f(", ")"));
    module += &format!("b = {}\n", nested("[", "]"));
    module += &format!("c = {}\n", nested("{1: ", "}"));
    module += &format!("d = {}1\n", "1 + ".repeat(n));
    module += &format!("e = {}1\n", "-".repeat(n));
    module += &format!("g = x{}\n", ".y".repeat(n));
    // An unclosed call in a class, followed by many more lines of columns.
    let mut model = String::from(
        "from sqlalchemy import Column, Integer\nfrom sqlalchemy.orm import declarative_base\nBase = declarative_base()\n\nclass T(Base):\n    __tablename__ = \"t\"\n    id = Column(Integer, primary_key=True\n",
    );
    for i in 0..1_500 {
        model += &format!("    c{i} = Column(Integer)\n");
    }
    let repo = repository(&[("app/deep.py", module), ("app/models.py", model)]);
    let concise = scans_in_every_format(repo.path());
    assert!(
        concise.contains("app/models.py:7:5: warning[parse-error]"),
        "{concise}"
    );
}

#[test]
fn a_long_drizzle_modifier_chain_is_one_note() {
    let chain = "\n    .notNull()".repeat(3_000);
    let schema = format!(
        "import {{ pgTable, text }} from \"drizzle-orm/pg-core\";\nexport const t = pgTable(\"t\", {{\n  a: text(\"a\"){chain},\n}});\n"
    );
    let repo = repository(&[("src/schema.ts", schema)]);
    let concise = scans_in_every_format(repo.path());
    assert!(concise.contains("more than 200 modifiers"), "{concise}");
}

#[test]
fn a_long_sql_operator_chain_is_a_parse_error_not_a_deep_tree() {
    let default = format!(
        "CREATE TABLE t (a int DEFAULT ({}1));\n",
        "1 + ".repeat(40_000)
    );
    let query = format!(
        "import {{ drizzle }} from \"drizzle-orm/node-postgres\";\nconst db = drizzle();\ndb.execute(`SELECT * FROM t WHERE {}`);\n",
        vec!["a = 1"; 40_000].join(" OR\n")
    );
    let repo = repository(&[("schema.sql", default), ("src/q.ts", query)]);
    let concise = scans_in_every_format(repo.path());
    assert!(
        concise.contains("schema.sql:1:1: warning[parse-error]"),
        "{concise}"
    );
    assert!(concise.contains("chains 40000 operators"), "{concise}");
}

#[test]
fn deep_typescript_nesting_and_concatenation_stay_linear() {
    let depth = 50_000;
    let nested = format!(
        "import {{ drizzle }} from \"drizzle-orm/node-postgres\";\nconst x = {}1{};\n",
        "{a:\n".repeat(depth),
        "}\n".repeat(depth)
    );
    let concatenated = format!(
        "import {{ drizzle }} from \"drizzle-orm/node-postgres\";\nconst db = drizzle();\ndb.execute({});\n",
        vec!["'SELECT 1'"; 50_000].join(" +\n")
    );
    let repo = repository(&[("src/nested.ts", nested), ("src/concat.ts", concatenated)]);
    scans_in_every_format(repo.path());
}

#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let name = "db/\u{1b}[2Jschema\u{7}.sql";
    let repo = repository(&[(name, "CREATE TABLE t (a int,,);\n".into())]);
    for format in ["human", "concise"] {
        let output = Command::cargo_bin("schemadrift")
            .unwrap()
            .args(["scan", "--format", format])
            .arg(repo.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{format}: {stdout}"
        );
        assert!(
            stdout.contains("\\u{1b}[2Jschema\\u{7}.sql"),
            "{format}: {stdout}"
        );
    }
}

#[test]
fn a_configuration_or_baseline_that_is_not_a_regular_file_is_refused() {
    let repo = repository(&[("schema.sql", "CREATE TABLE t (a int);\n".into())]);
    let fifo = repo.path().join("config-fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        Command::cargo_bin("schemadrift")
            .unwrap()
            .args(["scan", "--config"])
            .arg(&fifo)
            .arg(repo.path())
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
    }
    std::fs::write(
        repo.path().join("schemadrift.yaml"),
        "baseline: /dev/zero\n",
    )
    .unwrap();
    Command::cargo_bin("schemadrift")
        .unwrap()
        .args(["scan"])
        .arg(repo.path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn a_reference_naming_nothing_found_is_an_error() {
    let repo = repository(&[
        (
            "migrations/001_init.sql",
            "CREATE TABLE t (a int);\n".into(),
        ),
        ("schemadrift.yaml", "reference: db/migrations\n".into()),
    ]);
    Command::cargo_bin("schemadrift")
        .unwrap()
        .args(["scan"])
        .arg(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`reference: db/migrations` names no migration history or dump: the scan found migrations",
        ));
}
