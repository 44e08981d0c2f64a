//! SARIF 2.1.0, for code scanning: the rules come from the rule files, each result carries its
//! physical location, related locations and a stable fingerprint.

use super::Report;
use crate::finding::Severity;
use crate::rules::Registry;
use crate::rules::baseline::fingerprint;
use crate::source::Span;
use serde_json::{Value, json};

fn level(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "note",
        None => "none",
    }
}

/// A location in a file, or a logical one for a database object (`db: users.id`).
fn location(span: &Span, message: Option<&str>, id: Option<usize>) -> Value {
    let mut location = if span.is_in_file() {
        json!({
            "physicalLocation": {
                "artifactLocation": { "uri": span.path.as_ref(), "uriBaseId": "%SRCROOT%" },
                "region": {
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": span.end_column.max(1),
                }
            }
        })
    } else {
        json!({ "logicalLocations": [{ "fullyQualifiedName": span.path.as_ref() }] })
    };
    if let Some(message) = message {
        location["message"] = json!({ "text": message });
    }
    if let Some(id) = id {
        location["id"] = json!(id);
    }
    location
}

pub fn render(report: &Report) -> String {
    let rules = Registry::builtin().all();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.explanation },
                "help": {
                    "text": format!("{}\n\n{}", rule.help_text(), rule.explanation),
                    "markdown": format!("**{}**\n\n{}\n\n{}", rule.summary, rule.explanation, rule.help_text()),
                },
                "defaultConfiguration": { "level": level(rule.severity), "enabled": rule.severity.is_some() },
                "properties": { "category": rule.category },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(Some(f.severity)),
                "message": { "text": f.message },
                "locations": [location(&f.location, None, None)],
                "partialFingerprints": { "schemadrift/v1": fingerprint(f) },
            });
            if let Some(index) = rules.iter().position(|r| r.id == f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| location(&r.span, Some(&r.message), Some(i + 1)))
                        .collect(),
                );
            }
            result
        })
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "schemadrift",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(uri) = report.root.and_then(root_uri) {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": uri } });
    }
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("SARIF serializes");
    text.push('\n');
    text
}

/// `file:///abs/root/`: an absolute folder as the URI SARIF resolves relative paths against,
/// with the characters a URI path cannot hold percent-encoded.
fn root_uri(root: &std::path::Path) -> Option<String> {
    let path = root.to_str()?.replace('\\', "/");
    let mut encoded = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                encoded.push(byte as char)
            }
            other => encoded.push_str(&format!("%{other:02X}")),
        }
    }
    let slash = if encoded.starts_with('/') { "" } else { "/" };
    let end = if encoded.ends_with('/') { "" } else { "/" };
    Some(format!("file://{slash}{encoded}{end}"))
}
