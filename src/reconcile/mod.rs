//! Reconciliation: pairs what the sources say and states each disagreement as a [`Drift`] fact.
//! Rules (in `crate::rules`) decide which fact is reported how; this module knows no rule ids.

pub mod diff;
pub mod dump;

use crate::finding::Related;
use crate::source::Span;

/// The kinds of fact reconciliation states. Each maps to exactly one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DriftKind {
    /// A source file could not be parsed.
    ParseError,
    /// A checked-in schema dump disagrees with what the migrations build.
    SchemaDumpStale,
    /// A drizzle-kit journal and its folder disagree.
    MigrationJournalMismatch,
    /// A migration cannot be applied as written to the schema built so far.
    MigrationReplayConflict,
    /// Source code the extractors could not model statically.
    ConstructNotUnderstood,
    /// A Drizzle table drizzle-kit cannot see because it is not exported.
    TableNotExported,
    /// drizzle-kit and the application read column names with different casing.
    DrizzleCasingMismatch,
    /// Models on a metadata no migration target includes: their tables are never created.
    MetadataNotMigrated,
}

/// One disagreement, with the values its rule's message template may use.
#[derive(Debug, Clone)]
pub struct Drift {
    pub kind: DriftKind,
    pub table: Option<String>,
    pub column: Option<String>,
    pub values: Vec<(&'static str, String)>,
    pub primary: Span,
    pub related: Vec<Related>,
}

impl Drift {
    pub fn new(kind: DriftKind, primary: Span) -> Self {
        Drift {
            kind,
            table: None,
            column: None,
            values: Vec::new(),
            primary,
            related: Vec::new(),
        }
    }

    pub fn table(mut self, table: impl Into<String>) -> Self {
        self.table = Some(table.into());
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.values.push((key, value.into()));
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// The value a message template's `{key}` stands for.
    pub fn value(&self, key: &str) -> Option<&str> {
        match key {
            "table" => self.table.as_deref(),
            "column" => self.column.as_deref(),
            _ => self
                .values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str()),
        }
    }
}

use crate::extract::Sources;
use crate::model::replay::ReplayProblem;

/// States every fact the SQL sources give: unreadable statements, broken histories, and dumps
/// that disagree with their migrations.
pub fn reconcile(sources: &Sources) -> Vec<Drift> {
    let mut drifts = Vec::new();
    for problem in &sources.parse_problems {
        drifts.push(
            Drift::new(DriftKind::ParseError, problem.span.clone())
                .with("detail", problem.message.clone()),
        );
    }
    for problem in &sources.layout_problems {
        drifts.push(
            Drift::new(DriftKind::MigrationJournalMismatch, problem.span.clone())
                .with("detail", problem.message.clone()),
        );
    }
    let replay_problems = sources
        .histories
        .iter()
        .flat_map(|h| h.problems.iter())
        .chain(sources.dumps.iter().flat_map(|d| d.problems.iter()))
        .chain(sources.standalone_problems.iter());
    for problem in replay_problems {
        drifts.push(replay_conflict(problem));
    }
    let notes = sources
        .code
        .iter()
        .flat_map(|c| c.notes.iter())
        .chain(sources.histories.iter().flat_map(|h| h.notes.iter()));
    for note in notes {
        drifts.push(note_drift(note));
    }
    for dump in &sources.dumps {
        if let Some(history) = dump.history.map(|i| &sources.histories[i]) {
            drifts.extend(dump::stale_dump(&dump.schema, &history.schema));
        }
    }
    drifts
}

fn note_drift(note: &crate::extract::ExtractNote) -> Drift {
    use crate::extract::NoteKind;
    let kind = match note.kind {
        NoteKind::NotUnderstood => DriftKind::ConstructNotUnderstood,
        NoteKind::TableNotExported => DriftKind::TableNotExported,
        NoteKind::CasingMismatch => DriftKind::DrizzleCasingMismatch,
        NoteKind::MetadataNotMigrated => DriftKind::MetadataNotMigrated,
    };
    let mut drift = Drift::new(kind, note.span.clone()).with("detail", note.message.clone());
    drift.table = note.table.clone();
    drift.related = note.related.clone();
    drift
}

fn replay_conflict(problem: &ReplayProblem) -> Drift {
    let drift = Drift::new(
        DriftKind::MigrationReplayConflict,
        problem.origin.span.clone(),
    )
    .with("detail", problem.message.clone());
    match &problem.table {
        Some(table) => drift.table(table.name.clone()),
        None => drift,
    }
}
