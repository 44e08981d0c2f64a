//! Alembic histories: `versions/*.py` read statically, ordered by `revision` /
//! `down_revision` (merges and branches included, file names are not the order), and the
//! operations of each `upgrade()` replayed into the schema they build.

use super::columns::{self, ServerDefault, TableArgs};
use super::env::Env;
use super::expr::{Call, Expr, ExprKind};
use super::module::{Module, Operation, Operations, Range};
use super::project::Project;
use super::tables::{ColumnPlan, Naming, Problems, TableSpec};
use super::types::{self, TypeRead};
use crate::extract::layout::{MigrationSet, MigrationTool};
use crate::extract::sql::{self, ParseProblem};
use crate::extract::{ExtractNote, History, NoteKind};
use crate::model::change::{ColumnChange, SchemaChange};
use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::expression::normalize_expression;
use crate::model::replay::{ProblemKind, ReplayProblem};
use crate::model::{
    CheckConstraint, ColumnType, Dialect, EnumType, ForeignKey, Identity, Index, Name, Origin,
    PrimaryKey, QualifiedName, Schema, SourceKind, UniqueConstraint,
};
use crate::source::{SourceFile, Span};
use std::collections::{BTreeMap, HashMap};

/// Operations that change no table this model tracks (data, sequences, helpers).
const IGNORED: &[&str] = &[
    "bulk_insert",
    "inline_literal",
    "get_bind",
    "get_context",
    "f",
    "invoke",
    "run_async",
    "create_sequence",
    "drop_sequence",
    "create_exclude_constraint",
    "implementation_for",
    "register_operation",
    "batch_alter_table",
];

/// One revision script.
struct Revision<'p> {
    module: &'p Module,
    id: String,
    parents: Vec<String>,
    depends_on: Vec<String>,
    labels: Vec<String>,
}

/// Reads every Alembic history of the project. `dialect_of` gives the dialect of a versions
/// folder.
pub fn extract(
    project: &Project,
    dialect_of: &dyn Fn(&str) -> (Dialect, Option<Dialect>),
    models_first: &dyn Fn(&str) -> Option<(Schema, String)>,
) -> (Vec<History>, Vec<ParseProblem>) {
    let mut folders: BTreeMap<String, Vec<&Module>> = BTreeMap::new();
    for module in &project.modules {
        if module.is_revision() {
            folders
                .entry(history_folder(&module.file.path))
                .or_default()
                .push(module);
        }
    }
    let graph = ProjectRevisions::read(project);
    let mut histories = Vec::new();
    let mut problems = Vec::new();
    for (dir, modules) in folders {
        let (dialect, declared) = dialect_of(&dir);
        let base = models_first(&dir);
        let (history, parse_problems) =
            history(project, &graph, &dir, modules, dialect, declared, base);
        histories.push(history);
        problems.extend(parse_problems);
    }
    (histories, problems)
}

/// What every revision of the project declares, across its version folders: a `down_revision`
/// may name a revision of another folder (`version_locations`), and a revision some other folder
/// follows is not a head.
struct ProjectRevisions {
    ids: std::collections::HashSet<String>,
    labels: std::collections::HashSet<String>,
    parents: std::collections::HashSet<String>,
    /// Some revision id cannot be read, so what is missing or a head is not known for sure.
    unreadable: bool,
}

impl ProjectRevisions {
    fn read(project: &Project) -> Self {
        let env = Env::new(project, Dialect::Postgres);
        let mut graph = ProjectRevisions {
            ids: Default::default(),
            labels: Default::default(),
            parents: Default::default(),
            unreadable: false,
        };
        for module in project.modules.iter().filter(|m| m.is_revision()) {
            let value = |name: &str| module.assign(name).and_then(|a| a.value.as_ref());
            match value("revision").and_then(|v| env.string(v)) {
                Some(id) => {
                    graph.ids.insert(id);
                }
                None => graph.unreadable = true,
            }
            graph.labels.extend(strings(&env, value("branch_labels")));
            // A down_revision written so that not every parent reads statically hides a parent:
            // what looks like a head or a missing revision is then not known.
            if let Some(down) = value("down_revision").filter(|d| !d.is_none()) {
                let elements = down.elements();
                let parents = strings(&env, Some(down));
                if parents.len() < elements.len().max(1) {
                    graph.unreadable = true;
                }
                graph.parents.extend(parents);
            }
        }
        graph
    }

    /// Whether some revision of the project answers to `name`: its id, a branch label, or an
    /// unambiguous prefix of an id, as Alembic resolves them.
    fn declares(&self, name: &str) -> bool {
        self.ids.contains(name)
            || self.labels.contains(name)
            || self.ids.iter().filter(|id| id.starts_with(name)).count() == 1
    }
}

/// The folder a revision's history is named by: its `versions` folder, however deep below it
/// the file sits (`recursive_version_locations = true` with `versions/2024/…`), else the
/// folder holding it.
pub fn history_folder(path: &str) -> String {
    let dir = path.rsplit_once('/').map_or(".", |(d, _)| d);
    let parts: Vec<&str> = dir.split('/').collect();
    match parts.iter().rposition(|p| *p == "versions") {
        Some(at) => parts[..=at].join("/"),
        None => dir.to_string(),
    }
}

fn strings(env: &Env, expr: Option<&Expr>) -> Vec<String> {
    let Some(expr) = expr else { return Vec::new() };
    if expr.is_none() {
        return Vec::new();
    }
    expr.elements()
        .into_iter()
        .filter_map(|e| env.string(e))
        .collect()
}

fn history(
    project: &Project,
    graph: &ProjectRevisions,
    dir: &str,
    modules: Vec<&Module>,
    dialect: Dialect,
    declared: Option<Dialect>,
    base: Option<(Schema, String)>,
) -> (History, Vec<ParseProblem>) {
    let env = Env::new(project, dialect);
    let mut notes: Vec<ExtractNote> = Vec::new();
    let note =
        |notes: &mut Vec<ExtractNote>, span: Span, table: Option<String>, message: String| {
            notes.push(ExtractNote {
                kind: NoteKind::NotUnderstood,
                message,
                span,
                table,
                related: Vec::new(),
            });
        };
    let mut revisions: Vec<Revision> = Vec::new();
    for module in modules {
        let value = |name: &str| module.assign(name).and_then(|a| a.value.as_ref());
        let Some(id) = value("revision").and_then(|v| env.string(v)) else {
            let assign = module.assign("revision").expect("is_revision checked it");
            let span = module
                .file
                .span(assign.range.start as usize, assign.range.end as usize);
            note(
                &mut notes,
                span,
                None,
                format!(
                    "the revision id of `{}` cannot be read statically, so it is left out of the history",
                    module.file.path
                ),
            );
            continue;
        };
        revisions.push(Revision {
            module,
            id,
            parents: strings(&env, value("down_revision")),
            depends_on: strings(&env, value("depends_on")),
            labels: strings(&env, value("branch_labels")),
        });
    }
    let order = order(&revisions, graph, &mut |problem: OrderProblem| {
        notes.push(ExtractNote {
            kind: if problem.conflict {
                NoteKind::HistoryConflict
            } else {
                NoteKind::NotUnderstood
            },
            message: problem.message,
            span: down_revision_span(problem.module),
            table: None,
            related: problem
                .other
                .map(|other| crate::finding::Related {
                    span: down_revision_span(other),
                    message: "the other head".into(),
                })
                .into_iter()
                .collect(),
        });
    });

    let (mut schema, baseline) = match base {
        Some((models, label)) => (
            Schema {
                kind: SourceKind::Migrations,
                label: format!("{dir}/"),
                files: Vec::new(),
                ..models
            },
            Some(label),
        ),
        None => (
            Schema::new(SourceKind::Migrations, format!("{dir}/"), dialect),
            None,
        ),
    };
    let mut replay_problems = Vec::new();
    let mut parse_problems = Vec::new();
    let mut files: Vec<SourceFile> = Vec::new();
    for index in order {
        let module = revisions[index].module;
        files.push(module.file.clone());
        schema.files.push(module.file.path.to_string());
        let mut replayer = Replayer {
            project,
            module,
            dialect,
            schema: &mut schema,
            problems: &mut replay_problems,
            parse_problems: &mut parse_problems,
            notes: &mut notes,
        };
        replayer.upgrade();
    }
    schema.finish();
    if baseline.is_some() {
        // A table the models already created is skipped by the revision's own existence check.
        replay_problems.retain(|p: &ReplayProblem| p.kind != ProblemKind::Duplicate);
    }
    notes.sort_by(|a, b| (&a.span.path, a.span.start).cmp(&(&b.span.path, b.span.start)));
    let history = History {
        set: MigrationSet {
            files,
            dialect: declared,
            ..MigrationSet::new(dir.to_string(), MigrationTool::Alembic)
        },
        schema,
        baseline,
        problems: replay_problems,
        notes,
        complete: Default::default(),
    };
    (history, parse_problems)
}

fn down_revision_span(module: &Module) -> Span {
    match module.assign("down_revision") {
        Some(a) => module
            .file
            .span(a.range.start as usize, a.range.end as usize),
        None => module.file.head_span(),
    }
}

/// Something wrong with how the revisions of a folder chain together.
struct OrderProblem<'p> {
    module: &'p Module,
    message: String,
    /// Alembic itself refuses the history (two heads, a missing revision, a cycle); otherwise
    /// it is only what schemadrift could not follow.
    conflict: bool,
    other: Option<&'p Module>,
}

/// `Create Date: 2024-05-01 10:00:00.123` from the docstring Alembic writes, which orders
/// revisions as they were made; the path when there is none.
fn made_at(module: &Module) -> (String, String) {
    let date = module
        .file
        .text
        .lines()
        .take(40)
        .find_map(|l| l.trim().strip_prefix("Create Date:"))
        .map(|d| d.trim().to_string())
        .unwrap_or_default();
    (date, module.file.path.to_string())
}

/// Heads of the folder: revisions no revision of the project follows. More than one, with no
/// branch labels declaring separate branches, and `alembic upgrade head` fails.
fn multiple_heads<'p>(
    revisions: &[Revision<'p>],
    graph: &ProjectRevisions,
    report: &mut dyn FnMut(OrderProblem<'p>),
) {
    if graph.unreadable || revisions.iter().any(|r| !r.labels.is_empty()) {
        return;
    }
    let mut heads: Vec<&Revision> = revisions
        .iter()
        // A down_revision may name a revision by a prefix of its id, as Alembic accepts.
        .filter(|r| !graph.parents.iter().any(|p| r.id.starts_with(p.as_str())))
        .collect();
    heads.sort_by_key(|r| made_at(r.module));
    let Some((first, later)) = heads.split_first() else {
        return;
    };
    for head in later {
        let shared: Vec<&String> = head
            .parents
            .iter()
            .filter(|p| first.parents.contains(p))
            .collect();
        let follows = match shared.as_slice() {
            [] => String::new(),
            [one] => format!(" (both follow `{one}`)"),
            _ => " (they follow the same revisions)".to_string(),
        };
        report(OrderProblem {
            module: head.module,
            message: format!(
                "revisions `{}` and `{}` are two heads of the history in {}{follows}: no merge revision joins them, so `alembic upgrade head` fails with \"Multiple head revisions\"; join them with `alembic merge heads`",
                head.id,
                first.id,
                history_folder(&head.module.file.path)
            ),
            conflict: true,
            other: Some(first.module),
        });
    }
}

/// Revision order: parents before children (`down_revision`, `depends_on`), ties broken by
/// path so the order is stable.
fn order<'p>(
    revisions: &[Revision<'p>],
    graph: &ProjectRevisions,
    report: &mut dyn FnMut(OrderProblem<'p>),
) -> Vec<usize> {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, r) in revisions.iter().enumerate() {
        if let Some(&other) = by_id.get(r.id.as_str()) {
            report(OrderProblem {
                module: r.module,
                message: format!(
                    "revision `{}` is declared by both `{}` and `{}`",
                    r.id, revisions[other].module.file.path, r.module.file.path
                ),
                conflict: false,
                other: None,
            });
            continue;
        }
        by_id.insert(&r.id, i);
    }
    let find = |name: &str| -> Option<usize> {
        by_id.get(name).copied().or_else(|| {
            // A branch label, or an unambiguous prefix of a revision id, as Alembic accepts.
            let labelled: Vec<usize> = revisions
                .iter()
                .enumerate()
                .filter(|(_, r)| r.labels.iter().any(|l| l == name))
                .map(|(i, _)| i)
                .collect();
            if let [one] = labelled.as_slice() {
                return Some(*one);
            }
            let prefixed: Vec<usize> = revisions
                .iter()
                .enumerate()
                .filter(|(_, r)| r.id.starts_with(name))
                .map(|(i, _)| i)
                .collect();
            match prefixed.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
    };
    // Two heads that follow from a missing revision are that one cause, stated once.
    let missing = revisions.iter().any(|r| {
        r.parents
            .iter()
            .any(|p| find(p).is_none() && !graph.declares(p))
    });
    if !missing {
        multiple_heads(revisions, graph, report);
    }
    let mut incoming = vec![0usize; revisions.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); revisions.len()];
    for (i, r) in revisions.iter().enumerate() {
        for parent in r.parents.iter().chain(&r.depends_on) {
            match find(parent) {
                Some(p) if p != i => {
                    incoming[i] += 1;
                    children[p].push(i);
                }
                Some(_) => {}
                None if graph.declares(parent) || graph.unreadable => report(OrderProblem {
                    module: r.module,
                    message: format!(
                        "`{}` follows revision `{parent}`, which no file in this folder declares; it is replayed as a root",
                        r.module.file.path
                    ),
                    conflict: false,
                    other: None,
                }),
                None => report(OrderProblem {
                    module: r.module,
                    message: format!(
                        "`{}` follows revision `{parent}`, which no revision of the repository declares: Alembic stops with \"Can't locate revision\" before it applies anything",
                        r.module.file.path
                    ),
                    conflict: true,
                    other: None,
                }),
            }
        }
    }
    let path = |i: usize| revisions[i].module.file.path.clone();
    let mut ready: Vec<usize> = (0..revisions.len()).filter(|i| incoming[*i] == 0).collect();
    let mut out = Vec::new();
    while !ready.is_empty() {
        ready.sort_by_key(|i| std::cmp::Reverse(path(*i)));
        let next = ready.pop().expect("not empty");
        out.push(next);
        for &child in &children[next] {
            incoming[child] -= 1;
            if incoming[child] == 0 {
                ready.push(child);
            }
        }
    }
    if out.len() < revisions.len() {
        let mut rest: Vec<usize> = (0..revisions.len()).filter(|i| !out.contains(i)).collect();
        rest.sort_by_key(|i| path(*i));
        // One cycle, one finding: at its first revision, naming the others it holds up.
        let ids: Vec<String> = rest
            .iter()
            .map(|&i| format!("`{}`", revisions[i].id))
            .collect();
        report(OrderProblem {
            module: revisions[rest[0]].module,
            message: format!(
                "revisions {} follow one another in a cycle of down_revisions (or follow such a cycle), which Alembic refuses",
                ids.join(", ")
            ),
            conflict: true,
            other: rest.get(1).map(|&i| revisions[i].module),
        });
        out.extend(rest);
    }
    out
}

/// Whether an `if` condition holds for `dialect`, when it is a test of the dialect this reads:
/// `<bind>.dialect.name == "sqlite"` (`!=`, `in (…)`, `not in (…)`), `<engine>.name == …`, or a
/// helper named for one (`is_sqlite()`, `not is_postgres(bind)`). `None` for anything else.
fn dialect_test(condition: &str, dialect: Dialect) -> Option<bool> {
    let text: String = condition
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let named = |name: &str| -> Option<Dialect> {
        match name {
            "postgresql" | "postgres" => Some(Dialect::Postgres),
            "sqlite" => Some(Dialect::Sqlite),
            "mysql" | "mariadb" => Some(Dialect::Mysql),
            _ => None,
        }
    };
    let compound = condition
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .any(|w| w == "and" || w == "or");
    if compound {
        return None;
    }
    let trimmed = condition.trim_start();
    if let Some(rest) = trimmed
        .strip_prefix("not ")
        .or_else(|| trimmed.strip_prefix("not("))
    {
        let rest = if trimmed.starts_with("not(") {
            &trimmed[3..]
        } else {
            rest
        };
        return dialect_test(rest, dialect).map(|v| !v);
    }
    for (helper, of) in [
        ("is_sqlite", Dialect::Sqlite),
        ("is_postgresql", Dialect::Postgres),
        ("is_postgres", Dialect::Postgres),
        ("is_mysql", Dialect::Mysql),
    ] {
        let called = text.strip_prefix('_').unwrap_or(&text);
        if called.starts_with(&format!("{helper}(")) && called.ends_with(')') {
            return Some(of == dialect);
        }
    }
    let subject = ["dialect.name", "engine.name", "bind.name", "dialect_name"]
        .iter()
        .find_map(|s| text.find(s).map(|at| at + s.len()))?;
    let rest = &text[subject..];
    let strings: Vec<&str> = rest.split(['"', '\'']).skip(1).step_by(2).collect();
    let matches = strings.iter().any(|s| named(s) == Some(dialect));
    if rest.starts_with("==") || rest.starts_with("in(") || rest.starts_with("in[") {
        Some(matches)
    } else if rest.starts_with("!=") || rest.starts_with("notin") {
        Some(!matches)
    } else {
        None
    }
}

/// Replays one revision's `upgrade()` into the schema.
struct Replayer<'a, 'p> {
    project: &'p Project,
    module: &'p Module,
    dialect: Dialect,
    schema: &'a mut Schema,
    problems: &'a mut Vec<crate::model::replay::ReplayProblem>,
    parse_problems: &'a mut Vec<ParseProblem>,
    notes: &'a mut Vec<ExtractNote>,
}

impl<'p> Replayer<'_, 'p> {
    fn span(&self, range: Range) -> Span {
        self.module
            .file
            .span(range.start as usize, range.end as usize)
    }

    fn expr_span(&self, expr: &Expr) -> Span {
        self.project.expr_span(expr)
    }

    fn origin(&self, span: Span) -> Origin {
        Origin::new(SourceKind::Migrations, span)
    }

    fn note(&mut self, span: Span, table: Option<String>, message: String) {
        self.notes.push(ExtractNote {
            kind: NoteKind::NotUnderstood,
            message,
            span,
            table,
            related: Vec::new(),
        });
    }

    fn apply(&mut self, change: SchemaChange) {
        if let Err(problem) = self.schema.apply(change) {
            self.problems.push(problem);
        }
    }

    /// The operations `upgrade()` runs, with calls of helper functions of the same file
    /// expanded in place.
    fn upgrade(&mut self) {
        let Some(mut upgrade) = self.module.function("upgrade") else {
            return;
        };
        // Flask-Migrate's multi-database template: `upgrade(engine_name)` calls
        // `upgrade_<engine_name>()` through `globals()`; `upgrade_()` migrates the default
        // database, the others their own binds.
        if upgrade.params.iter().any(|p| p.name == "engine_name")
            && let Some(default) = self.module.function("upgrade_")
        {
            upgrade = default;
        }
        let mut list: Vec<&'p Operation> = Vec::new();
        self.collect(upgrade.range, &mut list, 0, &mut vec![upgrade.name.clone()]);
        for op in list {
            self.operation(op);
        }
    }

    fn collect(
        &self,
        range: Range,
        out: &mut Vec<&'p Operation>,
        depth: u32,
        stack: &mut Vec<String>,
    ) {
        let Some(ops) = &self.module.operations else {
            return;
        };
        let module = self.module;
        let skipped = self.branches_not_taken(ops);
        for op in ops.operations.iter().filter(|o| range.contains(o.range)) {
            // `if op.get_bind().dialect.name == "sqlite":` replays only for SQLite.
            if skipped.iter().any(|b| b.contains(op.range)) {
                continue;
            }
            // Operations inside a nested function of this range belong to that function.
            if module
                .functions
                .iter()
                .any(|f| f.range != range && range.contains(f.range) && f.range.contains(op.range))
            {
                continue;
            }
            if op.object.is_none() {
                if let Some(helper) = module.function(&op.name)
                    && depth < 4
                    && !stack.contains(&op.name)
                {
                    stack.push(op.name.clone());
                    self.collect(helper.range, out, depth + 1, stack);
                    stack.pop();
                }
                continue;
            }
            out.push(op);
        }
    }

    /// The bodies of the branches of dialect tests that the repository's dialect does not take.
    /// A chain is decided only as far as its conditions are dialect tests this reads; past the
    /// first it cannot, every remaining branch is replayed, as before.
    fn branches_not_taken(&self, ops: &Operations) -> Vec<Range> {
        let mut skipped = Vec::new();
        for chain in &ops.branchings {
            let mut decided = false;
            for (condition, body) in &chain.branches {
                if decided {
                    skipped.push(*body);
                    continue;
                }
                let verdict = match condition {
                    Some(condition) => dialect_test(condition, self.dialect),
                    None => Some(true),
                };
                match verdict {
                    Some(true) => decided = true,
                    Some(false) => skipped.push(*body),
                    None => break,
                }
            }
        }
        skipped
    }

    fn env(&self, before: u32) -> Env<'p> {
        let mut env = Env::new(self.project, self.dialect);
        if let Some(ops) = &self.module.operations {
            env.locals = &ops.locals;
            env.locals_before = before;
        }
        env
    }

    fn operation(&mut self, op: &'p Operation) {
        let env = self.env(op.range.start);
        let Some(call) = op.call.call() else { return };
        let span = self.span(op.range);
        let object = op.object.as_deref().unwrap_or("");
        let is_op = object == "op"
            || env
                .external(&Expr::new(
                    ExprKind::Name(object.to_string()),
                    self.module.index,
                    0,
                    0,
                ))
                .is_some_and(|p| p == "alembic.op");
        let batch = self.module.operations.as_ref().and_then(|ops| {
            ops.batches
                .iter()
                .rev()
                .find(|b| b.alias == object && b.body.contains(op.range))
        });
        if is_op {
            self.op(&env, &op.name, call, span, None);
        } else if let Some(batch) = batch {
            let table = batch
                .arguments
                .arg(0, "table_name")
                .and_then(|t| env.string(t));
            let schema = batch.arguments.kwarg("schema").and_then(|s| env.string(s));
            match table {
                Some(table) => {
                    let table = self.qualified(&table, schema);
                    self.op(&env, &op.name, call, span, Some(table));
                }
                None => self.note(
                    span,
                    None,
                    "the table of this `batch_alter_table` cannot be read statically".to_string(),
                ),
            }
        } else if matches!(op.name.as_str(), "create" | "drop") {
            self.enum_operation(&env, op, call, span);
        } else if op.name == "execute" {
            // `conn.execute(sa.text("ALTER TABLE ..."))`, `op.get_bind().execute(...)`
            if let Some(sql) = call.args.first()
                && columns::sql_text(&env, sql).is_some()
            {
                self.execute(&env, sql, span);
            }
        }
    }

    fn qualified(&self, table: &str, schema: Option<String>) -> QualifiedName {
        QualifiedName::new(
            schema.filter(|s| !self.dialect.is_default_schema(s)),
            table.to_string(),
        )
    }

    /// `status.create(op.get_bind())`, `sa.Enum(..., name="s").drop(op.get_bind())`.
    fn enum_operation(&mut self, env: &Env<'p>, op: &Operation, call: &Call, span: Span) {
        let receiver: Expr = match &call.func.kind {
            ExprKind::Attr(receiver, _) => (**receiver).clone(),
            ExprKind::Name(name) => match name.rsplit_once('.') {
                Some((object, _)) => Expr::new(
                    ExprKind::Name(object.to_string()),
                    call.func.file,
                    call.func.start,
                    call.func.end,
                ),
                None => return,
            },
            _ => return,
        };
        let value = env.value_of(&receiver).clone();
        if !env.calls(&value, &["Enum", "ENUM"]) {
            return;
        }
        let TypeRead::Type(t) = types::sa_type(env, &value) else {
            return;
        };
        let Some(e) = t.enum_type else { return };
        let name = QualifiedName::new(e.schema.clone(), e.name.clone());
        if op.name == "create" {
            if self.schema.enum_type(&name).is_some()
                && call.kwarg("checkfirst").and_then(|c| env.boolean(c)) == Some(true)
            {
                return;
            }
            self.apply(SchemaChange::CreateEnum(EnumType {
                name: Name::exact(&e.name),
                schema: e.schema,
                values: e.values,
                origin: self.origin(span),
            }));
        } else {
            self.apply(SchemaChange::DropType {
                name,
                if_exists: call.kwarg("checkfirst").and_then(|c| env.boolean(c)) == Some(true),
                origin: self.origin(span),
            });
        }
    }

    /// A name argument: a string, `op.f("...")`, `conv("...")`.
    fn name_arg(env: &Env, expr: Option<&Expr>) -> Option<String> {
        let expr = expr?;
        if let Some(s) = env.string(expr) {
            return Some(s);
        }
        let call = expr.call()?;
        let last = call.func.last_name()?;
        matches!(last, "f" | "conv").then(|| call.args.first().and_then(|a| env.string(a)))?
    }

    /// The columns of `op.create_index`: a named index whose expressions cannot all be read
    /// still exists, with those parts unknown (paired by its name only).
    fn index_parts(env: &Env, expr: Option<&Expr>, named: bool) -> Option<Vec<String>> {
        if let Some(read) = Self::names_arg(env, expr) {
            return Some(read);
        }
        if !named {
            return None;
        }
        let expr = env.value_of(expr?);
        let parts: Vec<String> = expr
            .elements()
            .into_iter()
            .map(|e| {
                Self::names_arg(
                    env,
                    Some(&Expr::new(
                        ExprKind::List(vec![e.clone()]),
                        e.file,
                        e.start,
                        e.end,
                    )),
                )
                .and_then(|mut v| v.pop())
                .unwrap_or_else(|| Index::UNKNOWN_PART.to_string())
            })
            .collect();
        (!parts.is_empty()).then_some(parts)
    }

    fn names_arg(env: &Env, expr: Option<&Expr>) -> Option<Vec<String>> {
        let expr = env.value_of(expr?);
        expr.elements()
            .into_iter()
            .map(|e| {
                env.string(e)
                    .or_else(|| columns::sql_text(env, e).map(|sql| normalize_expression(&sql)))
                    .or_else(|| {
                        e.call()
                            .and_then(|_| columns::sql_expression(env, e))
                            .map(|sql| normalize_expression(&sql))
                    })
            })
            .collect()
    }

    /// One operation of `op` (table `None`) or of a batch block (table given).
    fn op(
        &mut self,
        env: &Env<'p>,
        name: &str,
        call: &'p Call,
        span: Span,
        batch: Option<QualifiedName>,
    ) {
        // In a batch block the table argument is implied: shift positional arguments by one.
        let pos = |i: usize| -> Option<&'p Expr> {
            if batch.is_some() {
                if i == 0 { None } else { call.args.get(i - 1) }
            } else {
                call.args.get(i)
            }
        };
        let arg = |i: usize, key: &str| -> Option<&'p Expr> { call.kwarg(key).or_else(|| pos(i)) };
        let schema = call.kwarg("schema").and_then(|s| env.string(s));
        let table = |i: usize, key: &str| -> Option<QualifiedName> {
            match &batch {
                Some(t) => Some(t.clone()),
                None => arg(i, key)
                    .and_then(|t| env.string(t))
                    .map(|t| self.qualified(&t, schema.clone())),
            }
        };
        let origin = self.origin(span.clone());
        let unreadable = |this: &mut Self, what: &str| {
            this.note(
                span.clone(),
                None,
                format!(
                    "`{what}` has arguments that cannot be read statically, so it is not replayed"
                ),
            );
        };
        match name {
            "create_table" => self.create_table(env, call, span),
            "drop_table" => match table(0, "table_name") {
                Some(t) => self.apply(SchemaChange::DropTable { table: t, if_exists: call.flag("if_exists") == Some(true), origin }),
                None => unreadable(self, "op.drop_table"),
            },
            "rename_table" => {
                let old = table(0, "old_table_name");
                let new = call.kwarg("new_table_name").or_else(|| call.args.get(1)).and_then(|t| env.string(t));
                match (old, new) {
                    (Some(from), Some(to)) => {
                        let to = QualifiedName::new(from.schema.clone(), to);
                        self.apply(SchemaChange::RenameTable { from, to, origin });
                    }
                    _ => unreadable(self, "op.rename_table"),
                }
            }
            "add_column" => {
                let (Some(t), Some(column)) = (table(0, "table_name"), arg(1, "column")) else {
                    return unreadable(self, "op.add_column");
                };
                self.add_column(env, t, column);
            }
            "drop_column" => match (table(0, "table_name"), arg(1, "column_name").and_then(|c| env.string(c))) {
                (Some(t), Some(column)) => self.apply(SchemaChange::DropColumn { table: t, column, if_exists: call.flag("if_exists") == Some(true), origin }),
                _ => unreadable(self, "op.drop_column"),
            },
            "alter_column" => match (table(0, "table_name"), arg(1, "column_name").and_then(|c| env.string(c))) {
                (Some(t), Some(column)) => self.alter_column(env, call, t, column, span),
                _ => unreadable(self, "op.alter_column"),
            },
            "create_index" => {
                let index_name = Self::name_arg(env, call.kwarg("index_name").or_else(|| call.args.first()));
                let (t, columns) = match &batch {
                    Some(t) => (Some(t.clone()), Self::index_parts(env, call.kwarg("columns").or_else(|| call.args.get(1)), index_name.is_some())),
                    None => (
                        call.kwarg("table_name").or_else(|| call.args.get(1)).and_then(|t| env.string(t)).map(|t| self.qualified(&t, schema.clone())),
                        Self::index_parts(env, call.kwarg("columns").or_else(|| call.args.get(2)), index_name.is_some()),
                    ),
                };
                let (Some(t), Some(columns)) = (t, columns) else {
                    return unreadable(self, "op.create_index");
                };
                let method = ["postgresql_using", "mysql_using"].iter().find_map(|k| call.kwarg(k)).and_then(|m| env.string(m)).map(|m| m.to_lowercase()).filter(|m| m != "btree");
                let predicate = ["postgresql_where", "sqlite_where"].iter().find_map(|k| call.kwarg(k)).and_then(|p| columns::sql_text(env, p).or_else(|| columns::sql_expression(env, p))).map(|p| normalize_expression(&p));
                self.apply(SchemaChange::CreateIndex {
                    table: t,
                    index: Index { name: index_name, columns, unique: call.flag("unique") == Some(true), method, predicate, origin },
                    if_not_exists: call.flag("if_not_exists") == Some(true),
                });
            }
            "drop_index" => {
                let Some(index_name) = Self::name_arg(env, call.kwarg("index_name").or_else(|| call.args.first())) else {
                    return unreadable(self, "op.drop_index");
                };
                let t = match &batch {
                    Some(t) => Some(t.clone()),
                    None => call.kwarg("table_name").or_else(|| call.args.get(1)).and_then(|t| env.string(t)).map(|t| self.qualified(&t, schema.clone())),
                };
                self.apply(SchemaChange::DropIndex { table: t, name: index_name, if_exists: call.flag("if_exists") == Some(true), origin });
            }
            "create_foreign_key" => {
                let fk_name = Self::name_arg(env, call.kwarg("constraint_name").or_else(|| call.args.first()));
                let (source, referent, local, remote) = match &batch {
                    Some(t) => (Some(t.clone()), call.kwarg("referent_table").or_else(|| call.args.get(1)), call.kwarg("local_cols").or_else(|| call.args.get(2)), call.kwarg("remote_cols").or_else(|| call.args.get(3))),
                    None => (
                        call.kwarg("source_table").or_else(|| call.args.get(1)).and_then(|t| env.string(t)).map(|t| self.qualified(&t, call.kwarg("source_schema").and_then(|s| env.string(s)))),
                        call.kwarg("referent_table").or_else(|| call.args.get(2)),
                        call.kwarg("local_cols").or_else(|| call.args.get(3)),
                        call.kwarg("remote_cols").or_else(|| call.args.get(4)),
                    ),
                };
                let referent = referent.and_then(|r| env.string(r)).map(|r| self.qualified(&r, call.kwarg("referent_schema").and_then(|s| env.string(s))));
                match (source, referent, Self::names_arg(env, local), Self::names_arg(env, remote)) {
                    (Some(t), Some(references), Some(columns), Some(referenced_columns)) => {
                        let action = |key: &str| call.kwarg(key).and_then(|a| env.string(a)).map(|a| a.to_lowercase()).filter(|a| a != "no action");
                        self.apply(SchemaChange::AddForeignKey {
                            table: t,
                            key: ForeignKey { name: fk_name, columns, references, referenced_columns, on_delete: action("ondelete"), on_update: action("onupdate"), origin },
                        });
                    }
                    _ => unreadable(self, "op.create_foreign_key"),
                }
            }
            "create_unique_constraint" | "create_primary_key" => {
                let constraint = Self::name_arg(env, call.kwarg("constraint_name").or_else(|| call.args.first()));
                let (t, columns) = match &batch {
                    Some(t) => (Some(t.clone()), Self::names_arg(env, call.kwarg("columns").or_else(|| call.args.get(1)))),
                    None => (
                        call.kwarg("table_name").or_else(|| call.args.get(1)).and_then(|t| env.string(t)).map(|t| self.qualified(&t, schema.clone())),
                        Self::names_arg(env, call.kwarg("columns").or_else(|| call.args.get(2))),
                    ),
                };
                let (Some(t), Some(columns)) = (t, columns) else {
                    return unreadable(self, &format!("op.{name}"));
                };
                if name == "create_primary_key" {
                    self.apply(SchemaChange::AddPrimaryKey { table: t, key: PrimaryKey { name: constraint, columns, origin } });
                } else {
                    self.apply(SchemaChange::AddUnique { table: t, constraint: UniqueConstraint { name: constraint, columns, origin } });
                }
            }
            "create_check_constraint" => {
                let constraint = Self::name_arg(env, call.kwarg("constraint_name").or_else(|| call.args.first()));
                let (t, condition) = match &batch {
                    Some(t) => (Some(t.clone()), call.kwarg("condition").or_else(|| call.args.get(1))),
                    None => (
                        call.kwarg("table_name").or_else(|| call.args.get(1)).and_then(|t| env.string(t)).map(|t| self.qualified(&t, schema.clone())),
                        call.kwarg("condition").or_else(|| call.args.get(2)),
                    ),
                };
                let condition = condition.and_then(|c| columns::sql_text(env, c));
                let (Some(t), Some(condition)) = (t, condition) else {
                    return unreadable(self, "op.create_check_constraint");
                };
                self.apply(SchemaChange::AddCheck { table: t, check: CheckConstraint { name: constraint, expression: normalize_expression(&condition), origin } });
            }
            "drop_constraint" => {
                let constraint = Self::name_arg(env, call.kwarg("constraint_name").or_else(|| call.args.first()));
                let t = match &batch {
                    Some(t) => Some(t.clone()),
                    None => call.kwarg("table_name").or_else(|| call.args.get(1)).and_then(|t| env.string(t)).map(|t| self.qualified(&t, schema.clone())),
                };
                let kind = call.kwarg("type_").and_then(|k| env.string(k));
                match (t, constraint) {
                    (Some(t), Some(name)) => {
                        let is_pk = kind.as_deref() == Some("primary");
                        let known = self.schema.table(&t).is_some_and(|tab| {
                            tab.primary_key.as_ref().is_some_and(|pk| pk.name.as_deref() == Some(name.as_str()))
                                || tab.unique_constraints.iter().any(|u| u.name.as_deref() == Some(name.as_str()))
                                || tab.foreign_keys.iter().any(|f| f.name.as_deref() == Some(name.as_str()))
                                || tab.check_constraints.iter().any(|c| c.name.as_deref() == Some(name.as_str()))
                                || tab.indexes.iter().any(|i| i.name.as_deref() == Some(name.as_str()))
                        });
                        if is_pk && !known {
                            self.apply(SchemaChange::DropPrimaryKey { table: t, origin });
                        } else {
                            self.apply(SchemaChange::DropConstraint { table: t, name, if_exists: call.flag("if_exists") == Some(true), origin });
                        }
                    }
                    _ => unreadable(self, "op.drop_constraint"),
                }
            }
            "create_table_comment" | "drop_table_comment" => match table(0, "table_name") {
                Some(t) => {
                    let comment = if name == "create_table_comment" { arg(1, "comment").and_then(|c| env.string(c)) } else { None };
                    self.apply(SchemaChange::Comment { table: t, column: None, comment, origin });
                }
                None => unreadable(self, &format!("op.{name}")),
            },
            "execute" => match call.args.first().or_else(|| call.kwarg("sqltext")) {
                Some(sql) if columns::sql_text(env, sql).is_some() => self.execute(env, sql, span),
                Some(sql) if is_data_statement(sql) => {}
                _ => self.note(span, None, "the SQL of this `op.execute` cannot be read statically, so it is not replayed".to_string()),
            },
            // alembic-postgresql-enum: the enum's values become exactly `new_values`.
            "sync_enum_values" => {
                let enum_name = arg(1, "enum_name").and_then(|n| env.string(n));
                let strings = |v: &Expr| -> Option<Vec<String>> {
                    let items = v.elements();
                    let read: Vec<String> = items.iter().filter_map(|e| env.string(e)).collect();
                    (!items.is_empty() && read.len() == items.len()).then_some(read)
                };
                // alembic-postgresql-enum takes `(schema, name, new_values, affected_columns)`
                // and recreates the type with exactly those values; alembic-autogenerate-enums
                // takes `(schema, name, old_values, new_values)` and only appends the new ones
                // (`ALTER TYPE … ADD VALUE`), so the order is the order they were added in.
                let (values, appends) = match (call.kwarg("new_values"), call.kwarg("old_values")) {
                    (Some(v), old) => (strings(v), old.is_some()),
                    (None, _) => match pos(3).and_then(strings) {
                        Some(values) => (Some(values), true),
                        None => (pos(2).and_then(strings), false),
                    },
                };
                let enum_schema = arg(0, "enum_schema").and_then(|s| env.string(s));
                let key = enum_name.map(|n| self.qualified(&n, enum_schema));
                match (key, values) {
                    (Some(key), Some(values)) if self.schema.enums.contains_key(&key) => {
                        let current = &mut self.schema.enums.get_mut(&key).expect("just checked").values;
                        if appends {
                            for value in values {
                                if !current.contains(&value) {
                                    current.push(value);
                                }
                            }
                        } else {
                            *current = values;
                        }
                    }
                    _ => unreadable(self, "op.sync_enum_values"),
                }
            }
            other if IGNORED.contains(&other) => {}
            other => self.note(span, None, format!("the Alembic operation `{other}` is not interpreted, so its effect is not replayed")),
        }
    }

    /// A `sa.Column(...)` argument of a migration, planned with the legacy rules.
    fn plan(&mut self, env: &Env<'p>, column: &'p Expr, table: &str) -> Option<ColumnPlan> {
        let Some((ctor, call)) = columns::column_call(env, column) else {
            self.note(
                self.expr_span(column),
                Some(table.to_string()),
                format!(
                    "`{}` is not a column schemadrift can read",
                    self.project.expr_text(column)
                ),
            );
            return None;
        };
        let decl = columns::read_column(env, ctor, &call, "", column);
        let Some(name) = decl.name.clone() else {
            self.note(
                self.expr_span(column),
                Some(table.to_string()),
                "the name of this column cannot be read statically".to_string(),
            );
            return None;
        };
        for (expr, message) in &decl.notes {
            self.note(
                self.expr_span(expr),
                Some(table.to_string()),
                message.clone(),
            );
        }
        let (ty, type_written, enum_type) = match &decl.ty {
            Some((TypeRead::Type(t), expr)) => (
                t.ty.clone(),
                self.project.expr_text(expr).to_string(),
                t.enum_type.clone(),
            ),
            Some((TypeRead::Unknown(reason), expr)) => {
                self.note(
                    self.expr_span(expr),
                    Some(table.to_string()),
                    format!("column `{table}.{name}`: {reason}"),
                );
                let written = self.project.expr_text(expr).to_string();
                (ColumnType::Other(written.to_lowercase()), written, None)
            }
            _ => {
                // `sa.Column("user_id", sa.ForeignKey("users.id"))` takes the referenced type.
                let referenced =
                    decl.foreign_keys
                        .first()
                        .and_then(|fk| match fk.targets.first() {
                            Some(columns::FkTarget::Text(t)) => {
                                super::tables::split_target(t, self.dialect)
                            }
                            _ => None,
                        });
                let found = referenced.and_then(|(t, c)| {
                    let table = self.schema.table(&t)?;
                    table
                        .column(self.dialect, &c)
                        .map(|c| (c.ty.clone(), c.type_written.clone()))
                });
                match found {
                    Some((ty, written)) => (ty, written, None),
                    None => {
                        self.note(
                            self.expr_span(column),
                            Some(table.to_string()),
                            format!("column `{table}.{name}` has no type schemadrift can read"),
                        );
                        (ColumnType::Other(String::new()), String::new(), None)
                    }
                }
            }
        };
        let nullable = decl.nullable.unwrap_or(!decl.primary_key);
        Some(ColumnPlan {
            span: self.expr_span(column),
            decl: columns::ColumnDecl {
                attr: name.clone(),
                ..decl
            },
            name,
            ty,
            type_written,
            nullable,
            enum_type,
        })
    }

    fn spec<'s>(
        &self,
        name: &QualifiedName,
        span: Span,
        naming: &'s Naming,
        span_of: &'s dyn Fn(&Expr) -> Span,
        resolve: &'s super::tables::FkResolver<'s>,
    ) -> TableSpec<'s> {
        TableSpec {
            kind: SourceKind::Migrations,
            dialect: self.dialect,
            name: name.name.clone(),
            schema: name.schema.clone(),
            span,
            naming,
            span_of,
            resolve_fk: resolve,
            default_schema: None,
        }
    }

    fn report(&mut self, table: &str, problems: Problems) {
        for (span, message) in problems {
            self.note(span, Some(table.to_string()), message);
        }
    }

    /// Creates the enum types a new table's columns use (Postgres, `create_type` not false).
    fn create_enums(&mut self, plans: &[ColumnPlan], span: &Span) {
        for plan in plans {
            let Some(e) = &plan.enum_type else { continue };
            let key = QualifiedName::new(e.schema.clone(), e.name.clone());
            if !e.create || self.schema.enum_type(&key).is_some() {
                continue;
            }
            self.apply(SchemaChange::CreateEnum(EnumType {
                name: Name::exact(&e.name),
                schema: e.schema.clone(),
                values: e.values.clone(),
                origin: self.origin(span.clone()),
            }));
        }
    }

    fn create_table(&mut self, env: &Env<'p>, call: &'p Call, span: Span) {
        let Some(name) = call.arg(0, "table_name").and_then(|t| env.string(t)) else {
            self.note(span, None, "the name of this table cannot be read statically, so `op.create_table` is not replayed".to_string());
            return;
        };
        let schema = call.kwarg("schema").and_then(|s| env.string(s));
        let qualified = self.qualified(&name, schema);
        let mut plans = Vec::new();
        let mut args = TableArgs::default();
        for item in call.args.iter().skip(1) {
            // `message = sa.Column(...)` written before and passed by name.
            let item = match item.kind {
                ExprKind::Name(_) => env.value_of(item),
                _ => item,
            };
            if columns::column_call(env, item).is_some() {
                if let Some(plan) = self.plan(env, item, &name) {
                    plans.push(plan);
                }
            } else if !columns::table_item(env, item, &mut args) {
                let text = self.project.expr_text(item).to_string();
                self.note(
                    self.expr_span(item),
                    Some(name.clone()),
                    format!(
                        "`{text}` in `op.create_table(\"{name}\", ...)` cannot be read statically"
                    ),
                );
            }
        }
        for (expr, message) in std::mem::take(&mut args.notes) {
            self.note(self.expr_span(&expr), Some(name.clone()), message);
        }
        let naming = Naming::default();
        let project = self.project;
        let span_of = |e: &Expr| project.expr_span(e);
        let resolve = |_: &Expr| None;
        let spec = self.spec(&qualified, span.clone(), &naming, &span_of, &resolve);
        let mut problems = Vec::new();
        let mut table = spec.build(&plans, &args.items, &mut problems);
        table.comment = call.kwarg("comment").and_then(|c| env.string(c));
        self.report(&name, problems);
        self.create_enums(&plans, &span);
        self.apply(SchemaChange::CreateTable {
            table,
            if_not_exists: call.flag("if_not_exists") == Some(true),
        });
    }

    fn add_column(&mut self, env: &Env<'p>, table: QualifiedName, column: &'p Expr) {
        let Some(plan) = self.plan(env, column, &table.name) else {
            return;
        };
        let naming = Naming::default();
        let project = self.project;
        let span_of = |e: &Expr| project.expr_span(e);
        let resolve = |_: &Expr| None;
        let spec = self.spec(&table, plan.span.clone(), &naming, &span_of, &resolve);
        let mut problems = Vec::new();
        let built = spec.build(std::slice::from_ref(&plan), &[], &mut problems);
        self.report(&table.name, problems);
        for c in built.columns {
            self.apply(SchemaChange::AddColumn {
                table: table.clone(),
                column: c,
                if_not_exists: false,
            });
        }
        if let Some(key) = built.primary_key {
            self.apply(SchemaChange::AddPrimaryKey {
                table: table.clone(),
                key,
            });
        }
        for constraint in built.unique_constraints {
            self.apply(SchemaChange::AddUnique {
                table: table.clone(),
                constraint,
            });
        }
        for key in built.foreign_keys {
            self.apply(SchemaChange::AddForeignKey {
                table: table.clone(),
                key,
            });
        }
        for check in built.check_constraints {
            self.apply(SchemaChange::AddCheck {
                table: table.clone(),
                check,
            });
        }
        for index in built.indexes {
            self.apply(SchemaChange::CreateIndex {
                table: table.clone(),
                index,
                if_not_exists: false,
            });
        }
    }

    fn alter_column(
        &mut self,
        env: &Env<'p>,
        call: &'p Call,
        table: QualifiedName,
        column: String,
        span: Span,
    ) {
        let origin = self.origin(span.clone());
        let change = |this: &mut Self, change: ColumnChange| {
            this.apply(SchemaChange::AlterColumn {
                table: table.clone(),
                column: column.clone(),
                change,
                origin: origin.clone(),
            });
        };
        let mut current_type = self
            .schema
            .table(&table)
            .and_then(|t| t.column(self.dialect, &column))
            .map(|c| c.ty.clone());
        if let Some(ty) = call.kwarg("type_") {
            match types::sa_type(env, ty) {
                TypeRead::Type(t) => {
                    current_type = Some(t.ty.clone());
                    change(
                        self,
                        ColumnChange::SetType {
                            ty: t.ty,
                            written: self.project.expr_text(ty).to_string(),
                        },
                    );
                }
                TypeRead::Unknown(reason) => self.note(
                    self.expr_span(ty),
                    Some(table.name.clone()),
                    format!("column `{}.{column}`: {reason}", table.name),
                ),
                TypeRead::NotAType => self.note(
                    self.expr_span(ty),
                    Some(table.name.clone()),
                    "this `type_` is not a type schemadrift can read".to_string(),
                ),
            }
        }
        if let Some(nullable) = call.kwarg("nullable").and_then(|n| env.boolean(n)) {
            change(
                self,
                if nullable {
                    ColumnChange::DropNotNull
                } else {
                    ColumnChange::SetNotNull
                },
            );
        }
        if let Some(default) = call.kwarg("server_default") {
            if default.bool() == Some(false) {
                // Alembic's "no change" sentinel.
            } else if default.is_none() {
                change(self, ColumnChange::SetDefault(None));
            } else {
                match columns::server_default(env, default) {
                    ServerDefault::Sql(sql) => {
                        let ty = current_type
                            .clone()
                            .unwrap_or(ColumnType::Other(String::new()));
                        match normalize_default(&sql, &ty) {
                            DefaultKind::Value(v) => {
                                change(self, ColumnChange::SetDefault(Some(v)))
                            }
                            DefaultKind::Sequence => {
                                change(self, ColumnChange::SetIdentity(Identity::Serial))
                            }
                            DefaultKind::None => change(self, ColumnChange::SetDefault(None)),
                        }
                    }
                    ServerDefault::Fetched => {}
                    ServerDefault::Unknown(reason) => {
                        self.note(self.expr_span(default), Some(table.name.clone()), reason)
                    }
                }
            }
        }
        if call.kwarg("comment").is_some() {
            let comment = call.kwarg("comment").and_then(|c| env.string(c));
            self.apply(SchemaChange::Comment {
                table: table.clone(),
                column: Some(column.clone()),
                comment,
                origin: origin.clone(),
            });
        }
        if let Some(new) = call.kwarg("new_column_name") {
            match env.string(new) {
                Some(to) => self.apply(SchemaChange::RenameColumn {
                    table: table.clone(),
                    from: column.clone(),
                    to,
                    origin: origin.clone(),
                }),
                None => self.note(
                    self.expr_span(new),
                    Some(table.name.clone()),
                    "the new column name cannot be read statically".to_string(),
                ),
            }
        }
    }

    /// `op.execute("...")`: the SQL is read by the SQL extractor, at its place in the file.
    fn execute(&mut self, env: &Env<'p>, sql: &Expr, span: Span) {
        let literal = literal_of(env, sql);
        let Some(literal) = literal else { return };
        // An f-string whose parts are known (`f'ALTER TABLE "{table}" ...'` with the loop
        // variable or a module constant) reads as the string it builds.
        let built = literal
            .str()
            .map(str::to_string)
            .or_else(|| env.string(literal));
        let Some(value) = built.as_deref() else {
            self.note(
                span,
                None,
                "the SQL of this `op.execute` cannot be read statically, so it is not replayed"
                    .to_string(),
            );
            return;
        };
        let file = &self.project.module(literal.file).file;
        let text = &file.text;
        let (start, end) = (literal.start as usize, literal.end as usize);
        // The content of the literal, between its prefix and quotes.
        let raw = &text[start..end];
        let prefix = raw.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let quote = if raw[prefix..].starts_with("\"\"\"") || raw[prefix..].starts_with("'''") {
            3
        } else {
            1
        };
        let content_start = start + prefix + quote;
        let content_end = end.saturating_sub(quote).max(content_start);
        let mut blanked: String = text[..content_start]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        if &text[content_start..content_end] == value {
            blanked.push_str(value);
            blanked.extend(
                text[content_end..]
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' }),
            );
        } else {
            blanked.push_str(value);
        }
        let shadow = SourceFile::new(file.path.clone(), file.absolute.clone(), blanked);
        let extract = sql::extract(&shadow, self.dialect, SourceKind::Migrations);
        for problem in extract.problems {
            self.parse_problems.push(ParseProblem {
                message: problem.message,
                span: file.span(
                    problem.span.start.min(text.len()),
                    problem.span.end.min(text.len()),
                ),
            });
        }
        // The shadow file has the real file's path and offsets, so spans need no mapping.
        for change in extract.changes {
            self.apply(change);
        }
    }
}

/// The string literal an `op.execute` argument comes down to (`text("...")`, a variable).
fn literal_of<'a>(env: &Env<'a>, expr: &'a Expr) -> Option<&'a Expr> {
    let expr = env.value_of(expr);
    match &expr.kind {
        ExprKind::Str(_) => Some(expr),
        ExprKind::Call(call) if env.calls(expr, &["text", "literal_column"]) => {
            literal_of(env, call.args.first()?)
        }
        _ => Some(expr),
    }
}

/// `op.execute(users.update().values(...))`: data, not schema.
fn is_data_statement(expr: &Expr) -> bool {
    fn chain(expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Call(call) => match &call.func.kind {
                ExprKind::Attr(inner, method) => {
                    matches!(
                        method.as_str(),
                        "update" | "insert" | "delete" | "values" | "where"
                    ) || chain(inner)
                }
                ExprKind::Name(name) => {
                    let last = name.rsplit('.').next().unwrap_or(name);
                    matches!(last, "update" | "insert" | "delete" | "values" | "where")
                }
                _ => false,
            },
            _ => false,
        }
    }
    chain(expr)
}

/// The `env.py` of the history in `dir` when it creates the models' tables itself before the
/// revisions run (`metadata.create_all(connection)`, directly or through a helper of the
/// repository): then a fresh database starts from the models, and the revisions only change it.
pub fn env_creating_model_tables<'p>(project: &'p Project, dir: &str) -> Option<&'p Module> {
    let script_dir = match dir.strip_suffix("/versions") {
        Some(parent) => parent,
        None if dir == "versions" => "",
        None => dir,
    };
    let env = project.modules.iter().find(|m| {
        let (folder, file) = m.file.path.rsplit_once('/').unwrap_or(("", &m.file.path));
        folder == script_dir && file == "env.py"
    })?;
    let code = code_text(&env.file.text);
    if code.contains(".create_all(") {
        return Some(env);
    }
    // `name(` as a call, not the tail of a longer name (`reinit(` is no call of `init`).
    let called = |name: &str| {
        code.match_indices(&format!("{name}(")).any(|(at, _)| {
            !code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
    };
    let helper_creates = env
        .imports
        .iter()
        .filter(|import| called(&import.local))
        .filter_map(
            |import| match project.resolve_through(env.index, u32::MAX, &import.local) {
                (super::project::Def::Function(m, f), rest) if rest.is_empty() => Some((m, f)),
                _ => None,
            },
        )
        .any(|(m, f)| {
            let function = project.function(m, f);
            let text = &project.module(m).file.text;
            let body = &text[function.range.start as usize..function.range.end as usize];
            code_text(body).contains(".create_all(")
        });
    helper_creates.then_some(env)
}

/// Python text without comments and triple-quoted strings (docstrings that mention calls).
fn code_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_docstring: Option<&str> = None;
    for line in text.lines() {
        let mut rest = line;
        loop {
            match in_docstring {
                Some(quote) => match rest.find(quote) {
                    Some(at) => {
                        rest = &rest[at + 3..];
                        in_docstring = None;
                    }
                    None => break,
                },
                None => {
                    let comment = rest.find('#');
                    let open = ["\"\"\"", "'''"]
                        .iter()
                        .filter_map(|q| rest.find(q).map(|at| (at, *q)))
                        .min()
                        .filter(|(at, _)| comment.is_none_or(|c| *at < c));
                    let code = match open {
                        Some((at, _)) => &rest[..at],
                        None => rest,
                    };
                    out.push_str(code.split('#').next().unwrap_or(""));
                    match open {
                        Some((at, quote)) => {
                            rest = &rest[at + 3..];
                            in_docstring = Some(quote);
                        }
                        None => break,
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod folder_tests {
    use super::history_folder;

    #[test]
    fn nested_version_folders_are_one_history() {
        assert_eq!(
            history_folder("server/migrations/versions/2024/0a1_add.py"),
            "server/migrations/versions"
        );
        assert_eq!(
            history_folder("alembic/versions/0a1_add.py"),
            "alembic/versions"
        );
        assert_eq!(history_folder("db/revisions/0a1.py"), "db/revisions");
        assert_eq!(history_folder("0a1.py"), ".");
    }
}

#[cfg(test)]
mod tests {
    use super::dialect_test;
    use crate::model::Dialect;

    #[test]
    fn dialect_tests_are_read_from_their_conditions() {
        let sqlite = Dialect::Sqlite;
        assert_eq!(
            dialect_test("op.get_bind().dialect.name == \"sqlite\"", sqlite),
            Some(true)
        );
        assert_eq!(
            dialect_test("bind.dialect.name != 'sqlite'", sqlite),
            Some(false)
        );
        assert_eq!(
            dialect_test(
                "context.get_context().dialect.name in (\"mysql\", \"mariadb\")",
                sqlite
            ),
            Some(false)
        );
        assert_eq!(
            dialect_test("conn.engine.name == \"postgresql\"", Dialect::Postgres),
            Some(true)
        );
        assert_eq!(dialect_test("is_sqlite()", sqlite), Some(true));
        assert_eq!(dialect_test("not _is_postgres(bind)", sqlite), Some(true));
        assert_eq!(
            dialect_test("dialect.name == \"sqlite\" and has_table", sqlite),
            None
        );
        assert_eq!(dialect_test("has_table(\"users\")", sqlite), None);
        assert_eq!(
            dialect_test("nothing.dialect.name == \"sqlite\"", sqlite),
            Some(true)
        );
    }
}
