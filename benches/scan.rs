//! In-process benchmarks of a whole scan (discover, extract, replay, reconcile, rules) of the
//! synthetic repositories `scripts/gen-synthetic` writes: one per source form, so each figure
//! is comparable with the tool that handles that form alone (Alembic's compare for the models
//! and their history, drizzle-kit for the Drizzle tables and their folder).
//!
//!     cargo bench --bench scan
//!
//! The process is reused across iterations, so the tree-sitter queries are compiled once: these
//! figures leave out the fixed start-up cost `scripts/bench` includes (whole-process timings).

use schemadrift::{ScanOptions, scan};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The synthetic repositories, written once per process into a temporary folder.
fn repository(form: &str, tables: usize) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    let out = dir
        .path()
        .join(format!("{}-{tables}", form.replace(',', "+")));
    if !out.exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-synthetic");
        let status = Command::new("python3")
            .arg(script)
            .arg(&out)
            .args(["--tables", &tables.to_string(), "--columns", "12"])
            .args([
                "--files",
                &(tables / 10).max(1).to_string(),
                "--forms",
                form,
            ])
            .status()
            .expect("python3 runs scripts/gen-synthetic");
        assert!(status.success(), "scripts/gen-synthetic failed");
    }
    out
}

fn run(root: PathBuf) -> usize {
    let outcome = scan(&ScanOptions {
        root,
        ..Default::default()
    })
    .expect("the synthetic repository scans");
    // The three forms declare the same schema: a finding would mean the benchmark measures
    // a broken extractor.
    assert!(
        outcome.findings.is_empty(),
        "{:?}",
        outcome.findings.first()
    );
    outcome.summary.tables
}

#[divan::bench(args = [100, 500, 1000], sample_count = 10)]
fn sqlalchemy_models_and_alembic(bencher: divan::Bencher, tables: usize) {
    let root = repository("python", tables);
    bencher.bench(|| run(root.clone()));
}

#[divan::bench(args = [100, 500, 1000], sample_count = 10)]
fn drizzle_tables_and_drizzle_kit(bencher: divan::Bencher, tables: usize) {
    let root = repository("drizzle", tables);
    bencher.bench(|| run(root.clone()));
}

#[divan::bench(args = [100, 500, 1000], sample_count = 10)]
fn schema_sql_dump(bencher: divan::Bencher, tables: usize) {
    let root = repository("sql", tables);
    bencher.bench(|| run(root.clone()));
}

#[divan::bench(args = [500], sample_count = 10)]
fn all_three_forms(bencher: divan::Bencher, tables: usize) {
    let root = repository("python,drizzle,sql", tables);
    bencher.bench(|| run(root.clone()));
}
