//! Every fixture repository under `testdata/` is a test. Adding a fixture adds a test.
//!
//! Expectations are written inline on the line a finding must point at, in the file's own
//! comment syntax: `-- expect: rule-id`, `# expect: rule-id`, `// expect: rule-id` (a comma
//! separated list when one line has several; `rule-id@info` also checks the severity). Files that cannot hold comments (JSON) list theirs
//! in the fixture's `.expect` file as `path:line: rule-id`. The check runs both ways: every
//! expected finding is reported and nothing else is. A fixture with expectations has a clean
//! twin named `<name>-clean` that must produce no finding at all. The extracted model of every
//! fixture is snapshot-tested (`schemadrift inspect`).

use schemadrift::{ScanOptions, inspection, scan};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Fixture directories: each child of `testdata/` and of `testdata/seeds/`.
fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for parent in [testdata(), testdata().join("seeds")] {
        let Ok(entries) = std::fs::read_dir(&parent) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "seeds") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn fixture_name(dir: &Path) -> String {
    dir.strip_prefix(testdata())
        .unwrap()
        .to_string_lossy()
        .replace('/', "__")
}

type Expectations = BTreeMap<(String, u32, String), usize>;
/// Severities some expectations state (`expect: rule-id@info`): a severity is a promise too.
type Severities = BTreeMap<(String, u32, String), String>;

/// `rule-id` or `rule-id@severity`.
fn rule_and_severity(token: &str) -> (String, Option<String>) {
    match token.trim().split_once('@') {
        Some((rule, severity)) => (rule.to_string(), Some(severity.to_string())),
        None => (token.trim().to_string(), None),
    }
}

fn expectations(dir: &Path) -> Expectations {
    expectations_with_severities(dir).0
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn expectations_with_severities(dir: &Path) -> (Expectations, Severities) {
    let mut expected = Expectations::new();
    let mut severities = Severities::new();
    for path in files_under(dir) {
        let relative = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if relative == ".expect" {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let (place, rules) = line
                    .rsplit_once(": ")
                    .expect(".expect lines are `path:line: rule`");
                let (file, number) = place.rsplit_once(':').expect("path:line");
                for token in rules.split(',') {
                    let (rule, severity) = rule_and_severity(token);
                    let key = (file.to_string(), number.parse().unwrap(), rule);
                    if let Some(severity) = severity {
                        severities.insert(key.clone(), severity);
                    }
                    *expected.entry(key).or_default() += 1;
                }
            }
            continue;
        }
        for (index, line) in text.lines().enumerate() {
            for marker in ["-- expect:", "# expect:", "// expect:"] {
                if let Some(at) = line.find(marker) {
                    for token in line[at + marker.len()..].split(',') {
                        let (rule, severity) = rule_and_severity(token);
                        if !rule.is_empty() {
                            let key = (relative.clone(), index as u32 + 1, rule);
                            if let Some(severity) = severity {
                                severities.insert(key.clone(), severity);
                            }
                            *expected.entry(key).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    (expected, severities)
}

#[test]
fn fixtures_report_exactly_their_inline_expectations() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 10,
        "testdata/ should hold the fixture repositories"
    );
    let mut failures = Vec::new();
    for dir in &fixtures {
        let outcome = scan(&ScanOptions {
            root: dir.clone(),
            ..ScanOptions::default()
        })
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut actual = Expectations::new();
        for finding in &outcome.findings {
            *actual
                .entry((
                    finding.location.path.to_string(),
                    finding.location.line,
                    finding.rule.to_string(),
                ))
                .or_default() += 1;
        }
        let (expected, severities) = expectations_with_severities(dir);
        for finding in &outcome.findings {
            let key = (
                finding.location.path.to_string(),
                finding.location.line,
                finding.rule.to_string(),
            );
            if let Some(severity) = severities.get(&key)
                && finding.severity.name() != severity
            {
                failures.push(format!(
                    "\n{}: {}:{} {} is {}, expected {severity}\n",
                    dir.strip_prefix(testdata()).unwrap().display(),
                    key.0,
                    key.1,
                    key.2,
                    finding.severity.name()
                ));
            }
        }
        if actual != expected {
            let mut report = format!("\n{}:\n", dir.strip_prefix(testdata()).unwrap().display());
            for (key, count) in &expected {
                let got = actual.get(key).copied().unwrap_or(0);
                if got < *count {
                    report +=
                        &format!("  missing {}x {}:{} {}\n", count - got, key.0, key.1, key.2);
                }
            }
            for finding in &outcome.findings {
                let key = (
                    finding.location.path.to_string(),
                    finding.location.line,
                    finding.rule.to_string(),
                );
                if actual[&key] > expected.get(&key).copied().unwrap_or(0) {
                    report += &format!(
                        "  unexpected {}:{} {}: {}\n",
                        key.0, key.1, key.2, finding.message
                    );
                }
            }
            failures.push(report);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join(""));
}

#[test]
fn every_drifted_fixture_has_a_clean_twin() {
    let fixtures = fixtures();
    for dir in &fixtures {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected = expectations(dir);
        if let Some(base) = name.strip_suffix("-clean") {
            assert!(
                expected.is_empty(),
                "{name} is a clean twin and must expect nothing"
            );
            assert!(
                dir.with_file_name(base).is_dir(),
                "{name} is the clean twin of a fixture that does not exist"
            );
        } else if !expected.is_empty() {
            assert!(
                dir.with_file_name(format!("{name}-clean")).is_dir(),
                "{name} expects findings but has no clean twin {name}-clean"
            );
        }
    }
}

#[test]
fn extracted_models_match_their_snapshots() {
    for dir in fixtures() {
        let (_, _, sources) = schemadrift::read(&ScanOptions {
            root: dir.clone(),
            ..ScanOptions::default()
        })
        .unwrap();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(fixture_name(&dir));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_json_snapshot!("inspect", inspection(&sources));
        });
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn journals_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            journals_under(&path, out);
        } else if path.ends_with("meta/_journal.json") {
            out.push(path);
        }
    }
}

/// Rewrites a drizzle-kit folder the way `drizzle-kit up` does for v1: each journal entry
/// becomes `<timestamp>_<name>/migration.sql` beside a `snapshot.json` that follows the one
/// before it, and the journal goes. Returns the old and new paths of each migration, relative
/// to `root`.
fn convert_to_drizzle_v1(root: &Path, journal: &Path) -> Vec<(String, String)> {
    let meta = journal.parent().unwrap();
    let out = meta.parent().unwrap();
    let parsed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(journal).unwrap()).unwrap();
    let dialect = parsed["dialect"].as_str().unwrap_or("postgresql");
    let relative = |p: &Path| p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
    let mut moved = Vec::new();
    let mut previous = String::from("00000000-0000-0000-0000-000000000000");
    for (idx, entry) in parsed["entries"].as_array().unwrap().iter().enumerate() {
        let tag = entry["tag"].as_str().unwrap();
        let name = tag.split_once('_').map_or(tag, |(_, rest)| rest);
        let folder = out.join(format!("20260101{idx:06}_{name}"));
        std::fs::create_dir_all(&folder).unwrap();
        let old = out.join(format!("{tag}.sql"));
        let new = folder.join("migration.sql");
        if old.is_file() {
            std::fs::rename(&old, &new).unwrap();
            moved.push((relative(&old), relative(&new)));
        }
        let id = format!("00000000-0000-4000-8000-{idx:012}");
        let snapshot = serde_json::json!({
            "version": "8", "dialect": dialect, "id": id, "prevIds": [previous], "ddl": [],
        });
        std::fs::write(folder.join("snapshot.json"), snapshot.to_string()).unwrap();
        previous = id;
    }
    std::fs::remove_dir_all(meta).unwrap();
    moved
}

/// drizzle-kit v1 keeps the same history in one folder per migration: every fixture written in
/// the journal layout gives the same findings once converted, except those about the journal
/// itself or about branches the journal layout cannot merge.
#[test]
fn drizzle_v1_twins_of_journal_fixtures_give_the_same_findings() {
    let findings = |root: &Path| -> Vec<(String, u32, String)> {
        let outcome = scan(&ScanOptions {
            root: root.to_path_buf(),
            ..ScanOptions::default()
        })
        .unwrap();
        let mut found: Vec<_> = outcome
            .findings
            .iter()
            .map(|f| {
                let path = f.location.path.to_string();
                (path, f.location.line, f.rule.to_string())
            })
            .collect();
        found.sort();
        found
    };
    let mut converted = 0;
    for dir in fixtures() {
        let mut journals = Vec::new();
        journals_under(&dir, &mut journals);
        let about_the_layout = expectations(&dir).keys().any(|(_, _, rule)| {
            rule == "migration-journal-mismatch" || rule == "migration-history-conflict"
        });
        if journals.is_empty() || about_the_layout {
            continue;
        }
        let scratch = tempfile::tempdir().unwrap();
        let twin = scratch.path().join("repo");
        copy_tree(&dir, &twin);
        let mut moved = Vec::new();
        for journal in &journals {
            let journal = twin.join(journal.strip_prefix(&dir).unwrap());
            moved.extend(convert_to_drizzle_v1(&twin, &journal));
        }
        let mut expected: Vec<_> = findings(&dir)
            .into_iter()
            .map(|(path, line, rule)| {
                let path = moved
                    .iter()
                    .find(|(old, _)| *old == path)
                    .map_or(path, |(_, new)| new.clone());
                (path, line, rule)
            })
            .collect();
        expected.sort();
        assert_eq!(
            findings(&twin),
            expected,
            "{}: the drizzle-kit v1 twin differs",
            dir.display()
        );
        converted += 1;
    }
    assert!(
        converted >= 8,
        "only {converted} journal fixtures converted"
    );
}
