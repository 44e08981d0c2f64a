//! Rules are data: one YAML file per rule in `rules/`, embedded at build time. Loading a file
//! registers the rule; [`rule_id`] maps each drift kind to its rule with an exhaustive match, so
//! a new kind without a rule does not compile.

pub mod baseline;
mod registry;
pub mod suppression;

pub use registry::{Example, Registry, Rule, RuleLoadError};

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::reconcile::{Drift, DriftKind};

/// The rule that reports a drift kind. Ids are a public contract: never rename one without
/// keeping the old id in the rule's `aliases`.
pub fn rule_id(kind: DriftKind) -> &'static str {
    match kind {
        DriftKind::ParseError => "parse-error",
        DriftKind::SchemaDumpStale => "schema-dump-stale",
        DriftKind::MigrationJournalMismatch => "migration-journal-mismatch",
        DriftKind::MigrationHistoryConflict => "migration-history-conflict",
        DriftKind::MigrationReplayConflict => "migration-replay-conflict",
        DriftKind::MigrationHistoryIncomplete => "migration-history-incomplete",
        DriftKind::ConstructNotUnderstood => "construct-not-understood",
        DriftKind::TableNotExported => "table-not-exported",
        DriftKind::DrizzleCasingMismatch => "drizzle-casing-mismatch",
        DriftKind::MetadataNotMigrated => "metadata-not-migrated",
        DriftKind::ColumnTypeMismatch => "column-type-mismatch",
        DriftKind::ColumnNameCaseMismatch => "column-name-case-mismatch",
        DriftKind::TableNamePluralMismatch => "table-name-plural-mismatch",
        DriftKind::TableNameCaseMismatch => "table-name-case-mismatch",
        DriftKind::TableMissingFromDatabase => "table-missing-from-database",
        DriftKind::ColumnMissingFromDatabase => "column-missing-from-database",
        DriftKind::TableMissingFromModels => "table-missing-from-models",
        DriftKind::ColumnMissingFromModels => "column-missing-from-models",
        DriftKind::ColumnNullabilityMismatch => "column-nullability-mismatch",
        DriftKind::ColumnDefaultMismatch => "column-default-mismatch",
        DriftKind::EnumValuesMismatch => "enum-values-mismatch",
        DriftKind::EnumMissingFromDatabase => "enum-missing-from-database",
        DriftKind::IndexMissingFromDatabase => "index-missing-from-database",
        DriftKind::IndexMissingFromModels => "index-missing-from-models",
        DriftKind::ForeignKeyMissingFromDatabase => "foreign-key-missing-from-database",
        DriftKind::ForeignKeyMissingFromModels => "foreign-key-missing-from-models",
        DriftKind::ForeignKeyTypeMismatch => "foreign-key-type-mismatch",
        DriftKind::IdColumnWithoutForeignKey => "id-column-without-foreign-key",
        DriftKind::InconsistentKeyColumnType => "inconsistent-key-column-type",
        DriftKind::DuplicateTableDefinition => "duplicate-table-definition",
        DriftKind::UnusedSuppression => "unused-suppression",
        DriftKind::SqlUnknownTable => "sql-unknown-table",
        DriftKind::SqlUnknownColumn => "sql-unknown-column",
        DriftKind::SqlUnparsed => "sql-unparsed",
        DriftKind::MigrationsNotApplied => "migrations-not-applied",
        DriftKind::MigrationTrackerMissing => "migration-tracker-missing",
    }
}

/// Every drift kind, for tests that check each has a rule file.
pub const ALL_KINDS: &[DriftKind] = &[
    DriftKind::ParseError,
    DriftKind::SchemaDumpStale,
    DriftKind::MigrationJournalMismatch,
    DriftKind::MigrationHistoryConflict,
    DriftKind::MigrationReplayConflict,
    DriftKind::MigrationHistoryIncomplete,
    DriftKind::ConstructNotUnderstood,
    DriftKind::TableNotExported,
    DriftKind::DrizzleCasingMismatch,
    DriftKind::MetadataNotMigrated,
    DriftKind::ColumnTypeMismatch,
    DriftKind::ColumnNameCaseMismatch,
    DriftKind::TableNamePluralMismatch,
    DriftKind::TableNameCaseMismatch,
    DriftKind::TableMissingFromDatabase,
    DriftKind::ColumnMissingFromDatabase,
    DriftKind::TableMissingFromModels,
    DriftKind::ColumnMissingFromModels,
    DriftKind::ColumnNullabilityMismatch,
    DriftKind::ColumnDefaultMismatch,
    DriftKind::EnumValuesMismatch,
    DriftKind::EnumMissingFromDatabase,
    DriftKind::IndexMissingFromDatabase,
    DriftKind::IndexMissingFromModels,
    DriftKind::ForeignKeyMissingFromDatabase,
    DriftKind::ForeignKeyMissingFromModels,
    DriftKind::ForeignKeyTypeMismatch,
    DriftKind::IdColumnWithoutForeignKey,
    DriftKind::InconsistentKeyColumnType,
    DriftKind::DuplicateTableDefinition,
    DriftKind::UnusedSuppression,
    DriftKind::SqlUnknownTable,
    DriftKind::SqlUnknownColumn,
    DriftKind::SqlUnparsed,
    DriftKind::MigrationsNotApplied,
    DriftKind::MigrationTrackerMissing,
];

/// Turns drift facts into findings: picks the rule, applies the configured severity (dropping
/// rules turned off), and fills in the rule's message and help templates.
pub fn evaluate(registry: &Registry, config: &Config, drifts: Vec<Drift>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = drifts
        .into_iter()
        .filter_map(|drift| {
            let rule = registry
                .get(rule_id(drift.kind))
                .expect("every drift kind has a rule file");
            let severity = configured_severity(registry, config, rule, &drift)?;
            Some(Finding {
                rule: rule.id,
                severity,
                message: rule.render_message(&drift),
                table: drift.table.clone(),
                column: drift.column.clone(),
                help: rule.render_help(&drift),
                location: drift.primary,
                related: drift.related,
            })
        })
        .collect();
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    findings.dedup();
    findings
}

/// The configured severity when the configuration names the rule; else the rule's own, or its
/// severity for guesses when the drift is stated as one.
fn configured_severity(
    registry: &Registry,
    config: &Config,
    rule: &Rule,
    drift: &Drift,
) -> Option<Severity> {
    let setting = config.rules.iter().find(|(id, _)| {
        registry
            .resolve(id)
            .is_some_and(|configured| configured.id == rule.id)
    });
    match (setting, rule.guess_severity, rule.drift_severity) {
        (Some((_, setting)), ..) => setting.severity(),
        (None, Some(guessed), _) if drift.guess => guessed,
        (None, _, Some(harmless)) if drift.harmless => harmless,
        (None, ..) => rule.severity,
    }
}

/// The rules table in README.md, generated from the rule files.
pub fn markdown_table(registry: &Registry) -> String {
    let mut out = String::from("| id | default | summary |\n| --- | --- | --- |\n");
    for rule in registry.all() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id,
            rule.default_severity_name(),
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}
