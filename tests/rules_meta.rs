//! The rule files are the only registration: every drift kind has one, each is complete, and
//! the README table is generated from them.

use schemadrift::rules::{ALL_KINDS, Registry, markdown_table, rule_id};
use std::path::Path;

#[test]
fn every_rule_file_loads_and_is_complete() {
    // Registry::load validates ids (kebab-case, equal to the file stem), non-empty fields,
    // examples and aliases; an error here names the file and the problem.
    let registry = Registry::load(Registry::files()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(registry.all().len(), Registry::files().len());
    for rule in registry.all() {
        assert!(
            !rule.summary.ends_with('.'),
            "{}: summaries are one line without a full stop",
            rule.id
        );
        assert!(
            !rule.summary.contains('\n'),
            "{}: summary must be one line",
            rule.id
        );
        for example in &rule.examples {
            assert!(
                ["sql", "sqlalchemy", "sqlmodel", "drizzle"].contains(&example.language.as_str()),
                "{}: unknown example language {}",
                rule.id,
                example.language
            );
        }
    }
}

#[test]
fn every_drift_kind_has_a_rule_file() {
    let registry = Registry::builtin();
    for kind in ALL_KINDS {
        assert!(
            registry.get(rule_id(*kind)).is_some(),
            "no rules/{}.yml",
            rule_id(*kind)
        );
    }
    for rule in registry.all() {
        assert!(
            ALL_KINDS.iter().any(|k| rule_id(*k) == rule.id),
            "rules/{}.yml is reported by no drift kind",
            rule.id
        );
    }
}

#[test]
fn rule_ids_name_the_wrong_state() {
    for rule in Registry::builtin().all() {
        assert!(
            !rule.id.starts_with("check-") && !rule.id.starts_with("no-"),
            "{}: ids name the wrong state, so that `ignore[{}]` reads well",
            rule.id,
            rule.id
        );
    }
}

#[test]
fn bad_rule_files_are_rejected_with_one_clear_line() {
    let unknown_field = "id: x\nseverity: error\ncategory: c\ncertainty: t\nsummary: s\nmessage: m\nhelp: h\nexplanation: e\nexample:\n  sql: {bad: a, fixed: b}\nsevrity: warning\n";
    let error = Registry::load(&[("x", unknown_field)])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("rules/x.yml") && error.contains("sevrity"),
        "{error}"
    );
    let empty = "id: x\nseverity: error\ncategory: c\ncertainty: t\nsummary: s\nmessage: m\nhelp: ''\nexplanation: e\nexample:\n  sql: {bad: a, fixed: b}\n";
    let error = Registry::load(&[("x", empty)]).unwrap_err().to_string();
    assert!(error.contains("`help` is empty"), "{error}");
    let wrong_id = "id: y\nseverity: error\ncategory: c\ncertainty: t\nsummary: s\nmessage: m\nhelp: h\nexplanation: e\nexample:\n  sql: {bad: a, fixed: b}\n";
    let error = Registry::load(&[("x", wrong_id)]).unwrap_err().to_string();
    assert!(error.contains("must equal the file name"), "{error}");
}

#[test]
fn readme_rules_table_is_generated_from_the_rule_files() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let from = readme.find(start).expect("README has a rules:start marker") + start.len();
    let to = readme.find(end).expect("README has a rules:end marker");
    let table = markdown_table(Registry::builtin());
    if readme[from..to] != table {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..from], table, &readme[to..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!(
                "the rules table in README.md is stale: run `UPDATE_README=1 cargo test --test rules_meta`"
            );
        }
    }
}
