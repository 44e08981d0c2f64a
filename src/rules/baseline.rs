//! Baselines: record today's findings once, then report only new ones. Fingerprints leave out
//! line numbers, so findings survive code moving around them.

use crate::error::Error;
use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    path: String,
    message: String,
}

/// A stable fingerprint: FNV-1a over rule, path, table, column and message (no positions).
pub fn fingerprint(finding: &Finding) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [
        finding.rule,
        &finding.location.path,
        finding.table.as_deref().unwrap_or(""),
        finding.column.as_deref().unwrap_or(""),
        &finding.message,
    ];
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

pub fn write(path: &Path, findings: &[Finding]) -> Result<(), Error> {
    let file = BaselineFile {
        version: 1,
        findings: findings
            .iter()
            .map(|f| Entry {
                fingerprint: fingerprint(f),
                rule: f.rule.to_string(),
                path: f.location.path.to_string(),
                message: f.message.clone(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("the baseline serializes");
    text.push('\n');
    std::fs::write(path, text).map_err(|e| Error::Output {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Drops the findings the baseline at `path` already records (each entry covers one finding).
pub fn filter(path: &Path, findings: Vec<Finding>) -> Result<Vec<Finding>, Error> {
    let text = crate::source::read_regular_file(path, 64 << 20).map_err(|reason| Error::Path {
        path: path.to_path_buf(),
        reason,
    })?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        reason: format!("not a schemadrift baseline: {e}"),
    })?;
    let mut known: HashMap<String, usize> = HashMap::new();
    for entry in file.findings {
        *known.entry(entry.fingerprint).or_default() += 1;
    }
    Ok(findings
        .into_iter()
        .filter(|f| match known.get_mut(&fingerprint(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect())
}
