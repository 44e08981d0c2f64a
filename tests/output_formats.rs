//! Every output format rendered from one shared set of findings, snapshot-tested; SARIF validated
//! against the official 2.1.0 schema; GitHub workflow-command escaping checked.

use schemadrift::finding::{Finding, Related, Severity};
use schemadrift::report::{Format, Report, Summary, render};
use schemadrift::source::{SourceFile, Span};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

fn files() -> BTreeMap<String, SourceFile> {
    let model = SourceFile::in_memory(
        "app/models/subscription.py",
        "class Subscription(Base):\n    __tablename__ = \"subscriptions\"\n    user_id = Column(UUID(as_uuid=True), ForeignKey(\"user.id\"))\n",
    );
    let migration = SourceFile::in_memory(
        "migrations/002_subscriptions.sql",
        "CREATE TABLE subscriptions (\n    user_id integer REFERENCES \"user\"(id)\n);\n",
    );
    BTreeMap::from([
        (model.path.to_string(), model),
        (migration.path.to_string(), migration),
    ])
}

/// Findings that exercise every renderer: related spans in other files and in the database,
/// characters that need escaping (`%`, `:`, `,`, newlines, XML markup), all severities.
fn findings(files: &BTreeMap<String, SourceFile>) -> Vec<Finding> {
    let model = &files["app/models/subscription.py"];
    let migration = &files["migrations/002_subscriptions.sql"];
    let line_of = |file: &SourceFile, needle: &str| {
        let start = file.text.find(needle).unwrap();
        let end = start + file.text[start..].find('\n').unwrap();
        file.span(start, end)
    };
    vec![
        Finding {
            rule: "column-type-mismatch",
            severity: Severity::Error,
            message: "`subscriptions.user_id` is uuid in the sqlalchemy model but integer in the migrations in migrations/: a UUID value cannot be stored in or compared with an integer column".into(),
            table: Some("subscriptions".into()),
            column: Some("user_id".into()),
            location: line_of(model, "user_id = Column"),
            related: vec![Related {
                span: line_of(migration, "user_id integer"),
                message: "`subscriptions.user_id` in the migrations in migrations/".into(),
            }],
            help: Some("Change the model to the database's type, or write a migration that converts the column.".into()),
        },
        Finding {
            rule: "column-default-mismatch",
            severity: Severity::Warning,
            message: "50% off, a: b, c <d> & \"e\"\nsecond line".into(),
            table: Some("subscriptions".into()),
            column: Some("discount".into()),
            location: line_of(migration, "CREATE TABLE"),
            related: vec![],
            help: None,
        },
        Finding {
            rule: "table-missing-from-models",
            severity: Severity::Info,
            message: "table `audit_log` exists in the database but no model declares it".into(),
            table: Some("audit_log".into()),
            column: None,
            location: Span::external("db: audit_log"),
            related: vec![Related {
                span: Span::external("db: audit_log"),
                message: "in the database".into(),
            }],
            help: Some("Declare a model for it.".into()),
        },
    ]
}

fn rendered(format: Format) -> String {
    let files = files();
    let findings = findings(&files);
    let mut summary = Summary {
        files_scanned: 2,
        tables: 2,
        elapsed: Duration::from_millis(7),
        ..Summary::default()
    };
    summary.count(&findings);
    render(
        format,
        &Report {
            findings: &findings,
            files: &files,
            summary: &summary,
            root: Some(std::path::Path::new("/work/repo")),
        },
        false,
    )
}

#[test]
fn every_format_renders_the_shared_findings() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!("format_human", rendered(Format::Human));
        insta::assert_snapshot!("format_concise", rendered(Format::Concise));
        insta::assert_snapshot!("format_json", rendered(Format::Json));
        insta::assert_snapshot!("format_github", rendered(Format::Github));
        insta::assert_snapshot!("format_gitlab", rendered(Format::Gitlab));
        insta::assert_snapshot!("format_junit", rendered(Format::Junit));
        insta::assert_snapshot!("format_sarif", rendered(Format::Sarif));
    });
}

fn sarif_schema_path() -> PathBuf {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency");
    PathBuf::from(package["manifest_path"].as_str().unwrap())
        .parent()
        .unwrap()
        .join("src/schema.json")
}

fn drop_language_patterns(value: &mut serde_json::Value) -> usize {
    match value {
        serde_json::Value::Object(map) => {
            let mut dropped = 0;
            if let Some(language) = map.get_mut("language").and_then(|l| l.as_object_mut()) {
                dropped += usize::from(language.remove("pattern").is_some());
            }
            dropped + map.values_mut().map(drop_language_patterns).sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter_mut().map(drop_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_output_is_valid_against_the_official_2_1_0_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sarif_schema_path()).unwrap()).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    // The official schema's pattern for `language` properties (which schemadrift never writes)
    // is not a valid regex, and the validator rejects the schema for it: drop those patterns.
    assert!(drop_language_patterns(&mut schema) > 0);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let document: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what the schema forbids.
    let mut broken = document.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
    let run = &document["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "column-type-mismatch"));
    let result = &run["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "migrations/002_subscriptions.sql"
    );
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "column-type-mismatch"
    );
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let text = rendered(Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("::error file=app/models/subscription.py,line=3,col=5,endLine=3,endColumn=64,title=schemadrift column-type-mismatch::"), "{}", lines[0]);
    // Data: % → %25, newline → %0A; `:` and `,` stay as they are in the message.
    assert!(
        lines[1].starts_with("::warning file=migrations/002_subscriptions.sql,line=1,col=1"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].ends_with("::50%25 off, a: b, c <d> & \"e\"%0Asecond line"),
        "{}",
        lines[1]
    );
    // Findings without a file become notices without a file property.
    assert!(
        lines[2]
            .starts_with("::notice title=schemadrift table-missing-from-models::db: audit_log: "),
        "{}",
        lines[2]
    );
    assert!(!text.contains('\r'));
}
