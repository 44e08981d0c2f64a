//! Inline suppressions: `-- schemadrift: ignore[rule-id]`, `# schemadrift: ignore[rule-id]`,
//! `// schemadrift: ignore[rule-id]` on a finding's line or the line above. A bare
//! `schemadrift: ignore` covers every rule. A suppression that covers nothing is reported.

use super::Registry;
use crate::finding::Finding;
use crate::reconcile::{Drift, DriftKind};
use crate::source::SourceFile;
use std::collections::BTreeMap;

const MARKER: &str = "schemadrift: ignore";

struct Suppression {
    path: String,
    line: u32,
    /// `None` for a bare `ignore`: every rule.
    rules: Option<Vec<String>>,
    span: crate::source::Span,
    used: bool,
}

fn parse(file: &SourceFile) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, line) in file.text.split_inclusive('\n').enumerate() {
        if let Some(at) = line.find(MARKER) {
            let rest = &line[at + MARKER.len()..];
            let rules = rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .map(|(list, _)| {
                    list.split(',')
                        .map(|r| r.trim().to_string())
                        .filter(|r| !r.is_empty())
                        .collect()
                });
            let start = offset + at;
            let end = start
                + MARKER.len()
                + rest
                    .strip_prefix('[')
                    .and_then(|r| r.find(']'))
                    .map(|i| i + 2)
                    .unwrap_or(0);
            out.push(Suppression {
                path: file.path.to_string(),
                line: index as u32 + 1,
                rules,
                span: file.span(start, end),
                used: false,
            });
        }
        offset += line.len();
    }
    out
}

/// Removes suppressed findings; returns the suppressions that suppressed nothing as drifts.
pub fn apply(
    registry: &Registry,
    findings: Vec<Finding>,
    files: &BTreeMap<String, SourceFile>,
) -> (Vec<Finding>, Vec<Drift>) {
    let mut suppressions: Vec<Suppression> = files
        .values()
        .filter(|f| f.text.contains(MARKER))
        .flat_map(parse)
        .collect();
    if suppressions.is_empty() {
        return (findings, Vec::new());
    }
    let covers = |s: &Suppression, rule: &str| match &s.rules {
        None => true,
        Some(ids) => ids
            .iter()
            .any(|id| registry.resolve(id).is_some_and(|r| r.id == rule)),
    };
    let kept = findings
        .into_iter()
        .filter(|finding| {
            let line = finding.location.line;
            let mut suppressed = false;
            for s in suppressions.iter_mut() {
                if *s.path == *finding.location.path
                    && (s.line == line || s.line + 1 == line)
                    && covers(s, finding.rule)
                {
                    s.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect();
    let unused = suppressions
        .into_iter()
        .filter(|s| !s.used)
        .map(|s| {
            let rules = s.rules.map(|r| r.join(", ")).unwrap_or_default();
            Drift::new(DriftKind::UnusedSuppression, s.span).with("rules", rules)
        })
        .collect();
    (kept, unused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(path: &str, line: u32, rule: &'static str) -> Finding {
        let file = SourceFile::in_memory(path, "");
        let mut location = file.span(0, 0);
        location.line = line;
        Finding {
            rule,
            severity: Severity::Error,
            message: String::new(),
            table: None,
            column: None,
            location,
            related: Vec::new(),
            help: None,
        }
    }

    #[test]
    fn same_line_and_line_above_are_covered_and_unused_ones_reported() {
        let text = "a -- schemadrift: ignore[column-type-mismatch]\n# schemadrift: ignore\nc\nd // schemadrift: ignore[parse-error]\n";
        let files = BTreeMap::from([("m.py".to_string(), SourceFile::in_memory("m.py", text))]);
        let findings = vec![
            finding("m.py", 1, "column-type-mismatch"),
            finding("m.py", 3, "schema-dump-stale"),
            finding("m.py", 3, "column-type-mismatch"),
            finding("other.py", 1, "column-type-mismatch"),
        ];
        let (kept, unused) = apply(Registry::builtin(), findings, &files);
        let kept: Vec<(&str, u32)> = kept
            .iter()
            .map(|f| (&*f.location.path, f.location.line))
            .collect();
        assert_eq!(kept, [("other.py", 1)]);
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].primary.line, 4);
        assert_eq!(unused[0].value("rules"), Some("parse-error"));
    }
}
