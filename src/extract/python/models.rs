//! SQLAlchemy and SQLModel models read into one [`CodeModel`] per MetaData: which classes are
//! tables (declarative bases of every kind, mixins and abstract classes, single-table
//! inheritance), their names, columns and constraints, `Table(...)` objects, and which
//! metadata Alembic's `env.py` targets.

use super::columns::{self, ColumnDecl, Ctor, TableArgs, TableItem};
use super::env::{Env, Target};
use super::expr::{Call, Expr, ExprKind};
use super::module::{Assign, Function};
use super::project::{Def, Project};
use super::tables::{ColumnPlan, Naming, Problems, TableSpec};
use super::types::{self, Flavor, TypeRead};
use crate::extract::{CodeModel, ExtractNote, NoteKind};
use crate::finding::Related;
use crate::model::{
    ColumnType, Dialect, EnumType, Name, Origin, QualifiedName, Schema, SourceKind, Table,
};
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet, HashMap};

type ClassId = (u32, u32);

/// One MetaData object and what is declared on it.
struct Meta {
    display: String,
    file: Option<String>,
    kind: SourceKind,
    schema: Option<String>,
    naming: Naming,
    /// Tables with the class that declares them (its name and the span of its name).
    tables: BTreeMap<QualifiedName, (Table, Option<(String, Span)>)>,
    enums: Vec<EnumType>,
    files: BTreeSet<String>,
    notes: Vec<ExtractNote>,
    /// Flask-SQLAlchemy's `db.Model`: table names default to the snake_case class name.
    flask: bool,
    /// Folders of the `env.py` files that target this metadata.
    migrated_by: Vec<String>,
}

#[derive(Debug, Clone)]
enum Decision {
    NotTable,
    Table {
        meta: usize,
        name: String,
    },
    /// Single-table inheritance: the columns go to the mapped ancestor's table.
    Single(ClassId),
    /// A model whose table name cannot be known; a note was made.
    Unknown,
}

/// Columns, items and notes gathered for one table before it is built.
struct Draft {
    meta: usize,
    name: String,
    /// A base class outside the scanned tree that may lend columns (see `Table::unread_base`).
    unread_base: Option<(String, Expr)>,
    schema: Option<String>,
    comment: Option<String>,
    span: Span,
    /// The class line, for notes about the model as a whole.
    class: Option<ClassId>,
    plans: Vec<ColumnPlan>,
    /// Declarations whose type comes from the column their foreign key references.
    pending: Vec<usize>,
    items: Vec<TableItem>,
}

struct Models<'p> {
    env: Env<'p>,
    metas: Vec<Meta>,
    meta_keys: HashMap<String, usize>,
    class_meta: HashMap<ClassId, Option<(usize, bool)>>,
    decisions: HashMap<ClassId, Decision>,
    notes: Vec<(usize, ExtractNote)>,
}

/// Reads every model of the project.
pub fn extract(project: &Project, dialect: Dialect) -> Vec<CodeModel> {
    let mut models = Models {
        env: Env::new(project, dialect),
        metas: Vec::new(),
        meta_keys: HashMap::new(),
        class_meta: HashMap::new(),
        decisions: HashMap::new(),
        notes: Vec::new(),
    };
    models.run()
}

fn is_name(expr: &Expr, last: &str) -> bool {
    expr.last_name() == Some(last)
}

impl<'p> Models<'p> {
    /// A copy of the evaluation context that does not borrow `self`.
    fn env(&self) -> Env<'p> {
        self.env
    }

    fn project(&self) -> &'p Project {
        self.env.project
    }

    fn span(&self, expr: &Expr) -> Span {
        self.project().expr_span(expr)
    }

    fn note(&mut self, meta: usize, span: Span, table: Option<String>, message: String) {
        let note = ExtractNote {
            kind: NoteKind::NotUnderstood,
            message,
            span,
            table,
            related: Vec::new(),
        };
        self.notes.push((meta, note));
    }

    fn run(&mut self) -> Vec<CodeModel> {
        let project = self.project();
        let classes: Vec<ClassId> = project
            .modules
            .iter()
            .filter(|m| !m.is_migration())
            .flat_map(|m| (0..m.classes.len() as u32).map(move |c| (m.index, c)))
            .collect();
        for &id in &classes {
            self.decide(id, 0);
        }
        let mut drafts: Vec<Draft> = Vec::new();
        let mut draft_of: HashMap<ClassId, usize> = HashMap::new();
        let mut bound: Vec<(String, usize, Span, Vec<String>)> = Vec::new();
        for &id in &classes {
            if let Some(Decision::Table { meta, name }) = self.decisions.get(&id).cloned() {
                // Flask-SQLAlchemy's `__bind_key__`: the model lives in another database,
                // which the default database's history does not migrate.
                if let Some((key, span)) = self.bind_key(id) {
                    match bound.iter_mut().find(|(k, m, ..)| *k == key && *m == meta) {
                        Some((.., models)) => models.push(name),
                        None => bound.push((key, meta, span, vec![name])),
                    }
                    continue;
                }
                let draft = self.class_draft(id, meta, name);
                draft_of.insert(id, drafts.len());
                drafts.push(draft);
            }
        }
        // Single-table inheritance: subclass columns join the ancestor's table.
        for &id in &classes {
            if let Some(Decision::Single(parent)) = self.decisions.get(&id).cloned() {
                let Some(&index) = self.table_root(parent).and_then(|root| draft_of.get(&root))
                else {
                    continue;
                };
                let flavor = self.class_flavor(id);
                let (plans, pending) =
                    self.class_columns(id, &drafts[index].name.clone(), drafts[index].meta, flavor);
                let draft = &mut drafts[index];
                for (i, plan) in plans.into_iter().enumerate() {
                    if draft.plans.iter().any(|p| p.name == plan.name) {
                        continue;
                    }
                    if pending.contains(&i) {
                        draft.pending.push(draft.plans.len());
                    }
                    draft.plans.push(plan);
                }
                draft_of.insert(id, index);
            }
        }
        for (key, meta, span, models) in bound {
            self.note(
                meta,
                span,
                None,
                format!(
                    "{} ({}) bound to the database `{key}` by `__bind_key__`: the default database's history does not migrate them, so they are not compared",
                    if models.len() == 1 { "1 model".to_string() } else { format!("{} models", models.len()) },
                    crate::extract::listed(&models, "")
                ),
            );
        }
        let first_object = drafts.len();
        drafts.extend(self.table_objects());
        self.module_indexes(&mut drafts, &draft_of);

        // Attribute references (`User.id`, `users.c.id`) resolve through the drafts.
        let object_names: Vec<(String, usize)> = drafts[first_object..]
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.clone(), first_object + i))
            .collect();
        self.resolve_pending(&mut drafts, &draft_of);
        let mut built = Vec::new();
        for (index, draft) in drafts.iter().enumerate() {
            let meta = &self.metas[draft.meta];
            let naming = meta.naming.clone();
            let kind = meta.kind;
            let env = &self.env();
            let drafts_ref = &drafts;
            let resolve_fk =
                |expr: &Expr| resolve_attr(env, expr, &draft_of, &object_names, drafts_ref);
            let span_of = |expr: &Expr| env.project.expr_span(expr);
            let spec = TableSpec {
                kind,
                dialect: self.env.dialect,
                name: draft.name.clone(),
                schema: draft.schema.clone(),
                span: draft.span.clone(),
                naming: &naming,
                span_of: &span_of,
                resolve_fk: &resolve_fk,
                default_schema: meta.schema.clone(),
            };
            let mut problems: Problems = Vec::new();
            let mut table = spec.build(&draft.plans, &draft.items, &mut problems);
            table.comment = draft.comment.clone();
            table.unread_base = draft.unread_base.as_ref().map(|(path, _)| path.clone());
            built.push((index, table, problems));
        }
        self.unread_base_notes(&drafts);
        for (index, table, problems) in built {
            let draft = &drafts[index];
            for (span, message) in problems {
                self.note(draft.meta, span, Some(draft.name.clone()), message);
            }
            for plan in &draft.plans {
                if let Some(e) = &plan.enum_type {
                    let enum_type = EnumType {
                        name: Name::exact(&e.name),
                        schema: e.schema.clone(),
                        values: e.values.clone(),
                        origin: Origin::new(self.metas[draft.meta].kind, self.span(&e.expr)),
                    };
                    let meta = &mut self.metas[draft.meta];
                    if !meta
                        .enums
                        .iter()
                        .any(|x| x.name.stored == e.name && x.schema == e.schema)
                    {
                        meta.enums.push(enum_type);
                    }
                }
            }
            let meta = &mut self.metas[draft.meta];
            meta.files.insert(draft.span.path.to_string());
            for plan in &draft.plans {
                meta.files.insert(plan.span.path.to_string());
            }
            let class = draft.class.map(|(m, c)| {
                let class = self.env.project.class(m, c);
                let span = self
                    .env
                    .project
                    .span(m, class.name_range.start, class.name_range.end);
                (class.name.clone(), span)
            });
            match meta.tables.get_mut(&table.qualified_name()) {
                // The same table declared twice (`extend_existing`): the first declaration wins,
                // later ones add columns.
                Some((existing, _)) => {
                    for column in table.columns {
                        if existing
                            .column(self.env.dialect, &column.name.stored)
                            .is_none()
                        {
                            existing.columns.push(column);
                        }
                    }
                }
                None => {
                    meta.tables.insert(table.qualified_name(), (table, class));
                }
            }
        }
        self.targets();
        self.finish()
    }

    fn flavor(&self, meta: usize) -> Flavor {
        if self.metas[meta].kind == SourceKind::Sqlmodel {
            Flavor::Sqlmodel
        } else {
            Flavor::Sqlalchemy
        }
    }

    /// How a class declares its columns: SQLModel's when it derives from `SQLModel`, plain
    /// SQLAlchemy otherwise, whatever metadata it lives on (`declarative_base(metadata=
    /// SQLModel.metadata)` puts plain SQLAlchemy models on SQLModel's metadata).
    fn class_flavor(&self, id: ClassId) -> Flavor {
        let sqlmodel = std::iter::once(id).chain(self.ancestors(id)).any(|(m, c)| {
            self.project().class(m, c).bases.iter().any(|b| {
                matches!(self.env.target(b), Some(Target::External(path))
                        if path.starts_with("sqlmodel") && path.ends_with("SQLModel"))
            })
        });
        if sqlmodel {
            Flavor::Sqlmodel
        } else {
            Flavor::Sqlalchemy
        }
    }

    /// The class whose table a single-table subclass ends up in.
    fn table_root(&self, mut id: ClassId) -> Option<ClassId> {
        for _ in 0..16 {
            match self.decisions.get(&id)? {
                Decision::Table { .. } => return Some(id),
                Decision::Single(parent) => id = *parent,
                _ => return None,
            }
        }
        None
    }

    // --- metadata ------------------------------------------------------------------------------

    fn meta(
        &mut self,
        key: String,
        make: impl FnOnce(&Self) -> (String, Option<String>, SourceKind, Option<&'p Call>),
    ) -> usize {
        if let Some(&i) = self.meta_keys.get(&key) {
            return i;
        }
        let (display, file, kind, call) = make(self);
        let (schema, naming) = call.map(|c| self.metadata_options(c)).unwrap_or_default();
        let index = self.metas.len();
        self.metas.push(Meta {
            display,
            file,
            kind,
            schema,
            naming,
            tables: BTreeMap::new(),
            enums: Vec::new(),
            files: BTreeSet::new(),
            notes: Vec::new(),
            flask: false,
            migrated_by: Vec::new(),
        });
        self.meta_keys.insert(key, index);
        index
    }

    fn metadata_options(&self, call: &Call) -> (Option<String>, Naming) {
        let env = &self.env();
        let schema = call
            .kwarg("schema")
            .and_then(|s| env.string(s))
            .filter(|s| !env.dialect.is_default_schema(s));
        let mut naming = Naming::default();
        if let Some(conventions) = call.kwarg("naming_convention")
            && let ExprKind::Dict(pairs) = &env.value_of(conventions).kind
        {
            for (k, v) in pairs {
                if let (Some(k), Some(v)) = (env.string(k), env.string(v)) {
                    naming.conventions.push((k, v));
                }
            }
        }
        (schema, naming)
    }

    fn sqlmodel_meta(&mut self) -> usize {
        self.meta("sqlmodel.SQLModel".to_string(), |_| {
            (
                "SQLModel.metadata".to_string(),
                None,
                SourceKind::Sqlmodel,
                None,
            )
        })
    }

    /// The metadata a `MetaData(...)` call, or a variable holding one, is.
    fn metadata_call(
        &mut self,
        expr: &'p Expr,
        fallback_key: String,
        fallback_display: String,
    ) -> Option<usize> {
        let env = &self.env();
        if let ExprKind::Name(_) = expr.kind {
            return self.meta_of_expr(expr, 0);
        }
        if !env.calls(expr, &["MetaData"]) {
            return None;
        }
        let call = expr.call();
        let file = self.project().module(expr.file).file.path.to_string();
        Some(self.meta(fallback_key, |_| {
            (fallback_display, Some(file), SourceKind::Sqlalchemy, call)
        }))
    }

    /// The name of the module-level variable a value was assigned to.
    fn assigned_name(&self, value: &Expr) -> Option<&'p Assign> {
        self.project().module(value.file).assigns.iter().find(|a| {
            a.value
                .as_ref()
                .is_some_and(|v| v.start == value.start && v.file == value.file)
        })
    }

    /// The metadata of a declarative base built by a call assigned to a variable:
    /// `declarative_base()`, `registry().generate_base()`, `SQLAlchemy()` (with `.Model`),
    /// `registry()`, `MetaData()`.
    fn meta_of_value(&mut self, value: &'p Expr, depth: u32) -> Option<usize> {
        if depth > 8 {
            return None;
        }
        let env = &self.env();
        let call = value.call()?;
        let assign = self.assigned_name(value);
        let var = assign
            .map(|a| a.name.clone())
            .unwrap_or_else(|| self.project().expr_text(value).to_string());
        let module = self.project().module(value.file);
        let key = format!("{}.{var}", module.name);
        let file = Some(module.file.path.to_string());
        // `mapper_registry.generate_base()` is a method of a variable, not a known function.
        let callee = env
            .callee(value)
            .or_else(|| match &call.func.kind {
                ExprKind::Attr(_, method) => Some(method.clone()),
                ExprKind::Name(_) => call.func.last_name().map(str::to_string),
                _ => None,
            })
            .unwrap_or_default();
        match callee.as_str() {
            "declarative_base" => match call.kwarg("metadata") {
                Some(md) => self.metadata_call(md, key, format!("{var}.metadata")),
                None => Some(self.meta(key, |_| {
                    (
                        format!("{var}.metadata"),
                        file,
                        SourceKind::Sqlalchemy,
                        None,
                    )
                })),
            },
            "SQLAlchemy" => {
                let meta = match call.kwarg("metadata") {
                    Some(md) => self.metadata_call(md, key, format!("{var}.metadata")),
                    None => Some(self.meta(key, |_| {
                        (
                            format!("{var}.metadata"),
                            file,
                            SourceKind::Sqlalchemy,
                            None,
                        )
                    })),
                };
                // `disable_autonaming=True`: no snake_case names; the model class's own
                // `__tablename__` decides.
                let autonaming =
                    call.kwarg("disable_autonaming").and_then(|v| v.bool()) != Some(true);
                if let Some(meta) = meta {
                    self.metas[meta].flask = autonaming;
                }
                meta
            }
            "registry" => match call.kwarg("metadata") {
                Some(md) => self.metadata_call(md, key, format!("{var}.metadata")),
                None => Some(self.meta(key, |_| {
                    (
                        format!("{var}.metadata"),
                        file,
                        SourceKind::Sqlalchemy,
                        None,
                    )
                })),
            },
            "MetaData" => Some(self.meta(key, |_| {
                (var.clone(), file, SourceKind::Sqlalchemy, Some(call))
            })),
            "generate_base" => {
                // `mapper_registry.generate_base()` or `registry(...).generate_base()`
                match &call.func.kind {
                    ExprKind::Name(name) => {
                        let registry = name.rsplit_once('.')?.0;
                        let registry = Expr::new(
                            ExprKind::Name(registry.to_string()),
                            call.func.file,
                            call.func.start,
                            call.func.end,
                        );
                        match env.target(&registry)? {
                            Target::Value(v, rest) if rest.is_empty() => {
                                self.meta_of_value(v, depth + 1)
                            }
                            _ => None,
                        }
                    }
                    ExprKind::Attr(inner, _) => {
                        match inner.call().and_then(|c| c.kwarg("metadata")) {
                            Some(md) => self.metadata_call(md, key, format!("{var}.metadata")),
                            None => Some(self.meta(key, |_| {
                                (
                                    format!("{var}.metadata"),
                                    file,
                                    SourceKind::Sqlalchemy,
                                    None,
                                )
                            })),
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The metadata an expression denotes: `Base.metadata`, `metadata`, `db.metadata`,
    /// `db.Model.metadata`, `SQLModel.metadata`, `mapper_registry.metadata`.
    /// The metadata of `db` in `db.Table(...)`, when `db` is a Flask-SQLAlchemy extension.
    fn extension_table_meta(&mut self, func: &'p Expr) -> Option<usize> {
        let ExprKind::Name(dotted) = &func.kind else {
            return None;
        };
        let object = dotted.strip_suffix(".Table")?;
        let object = Expr::new(
            ExprKind::Name(object.to_string()),
            func.file,
            func.start,
            func.end,
        );
        match self.env.target(&object)? {
            Target::Value(value, rest) if rest.is_empty() && self.env.is_flask_db(value) => {
                self.meta_of_value(value, 1)
            }
            _ => None,
        }
    }

    fn meta_of_expr(&mut self, expr: &'p Expr, depth: u32) -> Option<usize> {
        if depth > 8 {
            return None;
        }
        let target = self.env.target(expr)?;
        match target {
            Target::External(path) => (path.starts_with("sqlmodel") && path.contains("SQLModel"))
                .then(|| self.sqlmodel_meta()),
            Target::Class(m, c, rest) => {
                if rest.iter().all(|r| r == "metadata") {
                    self.class_meta((m, c), 0).map(|(meta, _)| meta)
                } else {
                    None
                }
            }
            Target::Value(value, rest) => {
                if rest.iter().all(|r| r == "metadata" || r == "Model") {
                    if let ExprKind::Name(_) = value.kind {
                        return self.meta_of_expr(value, depth + 1);
                    }
                    if rest.is_empty() && !self.env.calls(value, &["MetaData"]) {
                        // `target_metadata = Base.metadata` imported from another module.
                        return match value.kind {
                            ExprKind::Call(_) => self.meta_of_value(value, depth + 1),
                            _ => self.meta_of_expr(value, depth + 1),
                        };
                    }
                    self.meta_of_value(value, depth + 1)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// The metadata a class's models live on, and whether the class is the declarative base
    /// itself; `None` for classes that are not declarative (mixins, pydantic models, enums).
    fn class_meta(&mut self, id: ClassId, depth: u32) -> Option<(usize, bool)> {
        if let Some(known) = self.class_meta.get(&id) {
            return *known;
        }
        if depth > 16 {
            return None;
        }
        // Cycles (a class deriving from itself through imports) end here.
        self.class_meta.insert(id, None);
        let result = self.compute_class_meta(id, depth);
        self.class_meta.insert(id, result);
        result
    }

    fn compute_class_meta(&mut self, (m, c): ClassId, depth: u32) -> Option<(usize, bool)> {
        let project = self.project();
        let class = project.class(m, c);
        let module = project.module(m);
        let key = format!("{}.{}", module.name, class.name);
        let file = Some(module.file.path.to_string());
        let display = format!("{}.metadata", class.name);
        let env = &self.env();

        // A declarative base class: `class Base(DeclarativeBase)`, `metaclass=DeclarativeMeta`,
        // `@as_declarative()`, `@mapper_registry.as_declarative_base()`.
        let is_base = class.bases.iter().any(|b| {
            env.known_name(b)
                .is_some_and(|n| matches!(n.as_str(), "DeclarativeBase" | "DeclarativeBaseNoMeta"))
        }) || class
            .keyword("metaclass")
            .and_then(|k| env.known_name(k))
            .is_some_and(|n| n == "DeclarativeMeta")
            || class.decorators.iter().any(|d| {
                let func = d.call().map(|c| &*c.func).unwrap_or(d);
                func.last_name()
                    .is_some_and(|n| n == "as_declarative" || n == "as_declarative_base")
            });
        if is_base {
            if let Some(md) = class.member("metadata").and_then(|a| a.value.as_ref())
                && let Some(meta) = self.metadata_call(md, key.clone(), display.clone())
            {
                return Some((meta, true));
            }
            if let Some(registry) = class.member("registry").and_then(|a| a.value.as_ref())
                && let Some(md) = registry.call().and_then(|c| c.kwarg("metadata"))
                && let Some(meta) = self.metadata_call(md, key.clone(), display.clone())
            {
                return Some((meta, true));
            }
            return Some((
                self.meta(key, |_| (display, file, SourceKind::Sqlalchemy, None)),
                true,
            ));
        }
        // `@mapper_registry.mapped` classes.
        for decorator in &class.decorators {
            let func = decorator.call().map(|c| &*c.func).unwrap_or(decorator);
            if let ExprKind::Name(name) = &func.kind
                && let Some((registry, "mapped" | "mapped_as_dataclass")) = name.rsplit_once('.')
            {
                let registry = Expr::new(
                    ExprKind::Name(registry.to_string()),
                    func.file,
                    func.start,
                    func.end,
                );
                if let Some(Target::Value(v, rest)) = self.env.target(&registry)
                    && rest.is_empty()
                    && let Some(meta) = self.meta_of_value(v, 0)
                {
                    return Some((meta, false));
                }
            }
        }
        for base in &class.bases {
            match self.env.target(base) {
                Some(Target::Class(bm, bc, rest)) if rest.is_empty() => {
                    if let Some((meta, _)) = self.class_meta((bm, bc), depth + 1) {
                        return Some((meta, false));
                    }
                }
                Some(Target::Value(value, rest)) if rest.is_empty() || rest == ["Model"] => {
                    if let Some(meta) = self.meta_of_value(value, 0) {
                        return Some((meta, false));
                    }
                }
                Some(Target::External(path))
                    if path.starts_with("sqlmodel") && path.ends_with("SQLModel") =>
                {
                    return Some((self.sqlmodel_meta(), false));
                }
                _ => {}
            }
        }
        // A model on a base this scan cannot see (imported from an installed package): the
        // base is named after what the code wrote.
        if class.member("__tablename__").is_some() {
            let unresolved = class.bases.iter().find(|b| match self.env.target(b) {
                Some(Target::Unknown(_)) => true,
                Some(Target::External(path)) => {
                    !path.starts_with("builtins") && !path.starts_with("typing")
                }
                _ => false,
            })?;
            let written = self.project().expr_text(unresolved).to_string();
            let path = self
                .env
                .external(unresolved)
                .unwrap_or_else(|| written.clone());
            let key = format!("unresolved:{path}");
            return Some((
                self.meta(key, |_| {
                    (
                        format!("{written}.metadata (not found in the scanned tree)"),
                        None,
                        SourceKind::Sqlalchemy,
                        None,
                    )
                }),
                false,
            ));
        }
        None
    }

    // --- which classes are tables ----------------------------------------------------------

    fn decide(&mut self, id: ClassId, depth: u32) -> Decision {
        if let Some(d) = self.decisions.get(&id) {
            return d.clone();
        }
        if depth > 16 {
            return Decision::NotTable;
        }
        self.decisions.insert(id, Decision::NotTable);
        let decision = self.compute_decision(id, depth);
        self.decisions.insert(id, decision.clone());
        decision
    }

    /// The project classes a class derives from, in method resolution order (roughly: depth
    /// first, left to right, each once), without the class itself. `through_mapped` says
    /// whether to continue past mapped classes (whose columns belong to their own table).
    fn walk_bases(&self, id: ClassId, through_mapped: bool) -> Vec<ClassId> {
        let mut out: Vec<ClassId> = Vec::new();
        let mut stack: Vec<ClassId> = vec![id];
        let mut seen = vec![id];
        while let Some((m, c)) = stack.pop() {
            let mut bases: Vec<ClassId> = Vec::new();
            for base in &self.project().class(m, c).bases {
                for found in self.base_classes(base) {
                    let mapped = matches!(
                        self.decisions.get(&found),
                        Some(Decision::Table { .. } | Decision::Single(_))
                    );
                    if !seen.contains(&found) && (through_mapped || !mapped) {
                        seen.push(found);
                        bases.push(found);
                    }
                }
            }
            stack.extend(bases.iter().rev());
            if (m, c) != id {
                out.push((m, c));
            }
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    /// The project class a base expression names; for `Base = declarative_base(cls=Model)`,
    /// the class given as `cls`.
    fn base_classes(&self, base: &Expr) -> Vec<ClassId> {
        match self.env.target(base) {
            Some(Target::Class(m, c, rest)) if rest.is_empty() => vec![(m, c)],
            Some(Target::Value(value, rest)) if rest.is_empty() => {
                let cls = value
                    .call()
                    .filter(|_| self.env.calls(value, &["declarative_base"]))
                    .and_then(|call| call.kwarg("cls"));
                match cls.and_then(|c| self.env.target(c)) {
                    Some(Target::Class(m, c, rest)) if rest.is_empty() => vec![(m, c)],
                    _ => Vec::new(),
                }
            }
            // Flask-SQLAlchemy's `db = SQLAlchemy(model_class=DbModel)`: `db.Model` derives
            // from `DbModel`.
            Some(Target::Value(value, rest)) if rest == ["Model"] => {
                let cls = value
                    .call()
                    .filter(|_| self.env.calls(value, &["SQLAlchemy"]))
                    .and_then(|call| call.kwarg("model_class"));
                match cls.and_then(|c| self.env.target(c)) {
                    Some(Target::Class(m, c, rest)) if rest.is_empty() => vec![(m, c)],
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    fn ancestors(&self, id: ClassId) -> Vec<ClassId> {
        self.walk_bases(id, true)
    }

    fn mapped_ancestor(&mut self, id: ClassId, depth: u32) -> Option<ClassId> {
        for ancestor in self.ancestors(id) {
            if matches!(
                self.decide(ancestor, depth + 1),
                Decision::Table { .. } | Decision::Single(_)
            ) {
                return Some(ancestor);
            }
        }
        None
    }

    fn compute_decision(&mut self, id: ClassId, depth: u32) -> Decision {
        let Some((meta, is_base)) = self.class_meta(id, 0) else {
            return Decision::NotTable;
        };
        if is_base {
            return Decision::NotTable;
        }
        let project = self.project();
        let class = project.class(id.0, id.1);
        let env = &self.env();
        if class
            .member("__abstract__")
            .and_then(|a| a.value.as_ref())
            .and_then(|v| env.boolean(v))
            == Some(true)
        {
            return Decision::NotTable;
        }
        let flavor = self.class_flavor(id);
        if flavor == Flavor::Sqlmodel
            && class.keyword("table").and_then(|t| env.boolean(t)) != Some(true)
        {
            return Decision::NotTable;
        }
        let class_name = class.name.clone();
        let name_span = project.span(id.0, class.name_range.start, class.name_range.end);

        // `__table__ = Table("name", ...)`
        if let Some(table) = class.member("__table__").and_then(|a| a.value.as_ref()) {
            return match table
                .call()
                .and_then(|c| c.args.first())
                .and_then(|n| env.string(n))
            {
                Some(name) => Decision::Table { meta, name },
                None => {
                    self.note(
                        meta,
                        self.span(table),
                        None,
                        format!("the table of `{class_name}` cannot be read statically"),
                    );
                    Decision::Unknown
                }
            };
        }
        if let Some(assign) = class.member("__tablename__") {
            return match &assign.value {
                Some(v) if v.is_none() => match self.mapped_ancestor(id, depth) {
                    Some(parent) => Decision::Single(parent),
                    None => Decision::NotTable,
                },
                Some(v) => match env.string(v) {
                    Some(name) => Decision::Table { meta, name },
                    None => {
                        let text = project.expr_text(v).to_string();
                        self.note(meta, self.span(v), None, format!(
                            "the table name of `{class_name}` (`{text}`) cannot be known without running the code"
                        ));
                        Decision::Unknown
                    }
                },
                None => Decision::NotTable,
            };
        }
        let mapped_parent = self.mapped_ancestor(id, depth);
        // A `declared_attr` `__tablename__` on the class or any ancestor, evaluated for this class.
        let lineage: Vec<ClassId> = std::iter::once(id).chain(self.ancestors(id)).collect();
        for &(m, c) in &lineage {
            let cls = self.project().class(m, c);
            if let Some(method) = cls.method("__tablename__") {
                return match self.evaluate_tablename(method, &class_name, mapped_parent.is_some()) {
                    Ok(Some(name)) => Decision::Table { meta, name },
                    Ok(None) => match mapped_parent {
                        Some(parent) => Decision::Single(parent),
                        None => Decision::NotTable,
                    },
                    Err(text) => {
                        self.note(meta, name_span, None, format!(
                            "the table name of `{class_name}` comes from {text}, which cannot be known without running the code"
                        ));
                        Decision::Unknown
                    }
                };
            }
            if (m, c) != id
                && mapped_parent.is_none()
                && let Some(name) = cls
                    .member("__tablename__")
                    .and_then(|a| a.value.as_ref())
                    .and_then(|v| self.env.string(v))
            {
                return Decision::Table { meta, name };
            }
        }
        if let Some(parent) = mapped_parent {
            return Decision::Single(parent);
        }
        match flavor {
            // SQLModel's own `declared_attr`: the class name in lower case.
            Flavor::Sqlmodel => Decision::Table {
                meta,
                name: class_name.to_lowercase(),
            },
            Flavor::Sqlalchemy if self.metas[meta].flask => Decision::Table {
                meta,
                name: crate::model::naming::snake_case(&class_name),
            },
            Flavor::Sqlalchemy => {
                self.note(meta, name_span, None, format!(
                    "`{class_name}` is a model without `__tablename__` or `__table__`, so its table name cannot be known statically"
                ));
                Decision::Unknown
            }
        }
    }

    /// The value of a `declared_attr` `__tablename__` for a class: `Ok(None)` when it returns
    /// `None` for inheriting classes, `Err` with what cannot be evaluated, as written.
    fn evaluate_tablename(
        &self,
        method: &Function,
        class_name: &str,
        inherits_table: bool,
    ) -> Result<Option<String>, String> {
        let param = method
            .params
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "cls".to_string());
        let dunder = format!("{param}.__name__");
        let resolve = |e: &Expr| match &e.kind {
            ExprKind::Name(n) if *n == dunder => Some(class_name.to_string()),
            _ => None,
        };
        for ret in &method.returns {
            if let Some(condition) = &ret.condition {
                if condition.contains("has_inherited_table")
                    && ret.value.is_none()
                    && inherits_table
                {
                    return Ok(None);
                }
                continue;
            }
            if ret.value.is_none() {
                return Ok(None);
            }
            return match self.env.string_with(&ret.value, &resolve, 0) {
                Some(name) => Ok(Some(name)),
                None => Err(format!("`{}`", self.project().expr_text(&ret.value))),
            };
        }
        Err(format!(
            "a `{}` method without an unconditional return",
            method.name
        ))
    }

    // --- columns --------------------------------------------------------------------------------

    fn class_draft(&mut self, id: ClassId, meta: usize, name: String) -> Draft {
        let project = self.project();
        let class = project.class(id.0, id.1);
        let flavor = self.class_flavor(id);
        let span = project.span(id.0, class.name_range.start, class.name_range.end);
        let (mut plans, mut pending, mut items) = (Vec::new(), Vec::new(), Vec::new());
        let mut schema = self.metas[meta].schema.clone();
        let mut comment = None;

        if let Some(table) = class.member("__table__").and_then(|a| a.value.as_ref()) {
            if let Some(call) = table.call() {
                let args =
                    self.table_call_items(call, 2, &name, meta, flavor, &mut plans, &mut pending);
                items = args.items;
                schema = args.schema.or(schema);
                comment = args.comment;
            }
        } else {
            (plans, pending) = self.class_columns(id, &name, meta, flavor);
            // `__table_args__`: own or from a non-mapped ancestor, member or declared_attr.
            let lineage: Vec<ClassId> = std::iter::once(id)
                .chain(self.unmapped_lineage(id))
                .collect();
            for (m, c) in lineage {
                let cls = self.project().class(m, c);
                let expr = cls
                    .member("__table_args__")
                    .and_then(|a| a.value.as_ref())
                    .or_else(|| {
                        cls.method("__table_args__").and_then(|f| {
                            f.returns
                                .iter()
                                .find(|r| r.condition.is_none())
                                .map(|r| &r.value)
                        })
                    });
                if let Some(expr) = expr {
                    let args = columns::table_args(&self.env, expr);
                    self.table_notes(meta, &name, args.notes.clone());
                    items.extend(args.items);
                    comment = args.comment;
                    if let Some(s) = args.schema {
                        schema = Some(s).filter(|s| !self.env.dialect.is_default_schema(s));
                    }
                    break;
                }
            }
        }
        let unread_base = self.unread_base(id);
        Draft {
            meta,
            name,
            unread_base,
            schema,
            comment,
            span,
            class: Some(id),
            plans,
            pending,
            items,
        }
    }

    fn table_notes(&mut self, meta: usize, table: &str, notes: Vec<(Expr, String)>) {
        for (expr, message) in notes {
            let span = self.span(&expr);
            self.note(meta, span, Some(table.to_string()), message);
        }
    }

    /// The `__bind_key__` of a model (its own or inherited), unless it names the default
    /// database (`None`).
    fn bind_key(&self, id: ClassId) -> Option<(String, Span)> {
        for (m, c) in std::iter::once(id).chain(self.ancestors(id)) {
            let class = self.project().class(m, c);
            if let Some(assign) = class.member("__bind_key__") {
                let value = assign.value.as_ref()?;
                let key = self.env.string(value)?;
                let span = self.project().span(m, assign.range.start, assign.range.end);
                return Some((key, span));
            }
        }
        None
    }

    /// One note per base class outside the scanned tree, naming the models it lends to.
    fn unread_base_notes(&mut self, drafts: &[Draft]) {
        let mut by_base: Vec<(&str, &Expr, usize, Vec<&str>)> = Vec::new();
        for draft in drafts {
            let Some((path, expr)) = &draft.unread_base else {
                continue;
            };
            match by_base.iter_mut().find(|(p, ..)| p == path) {
                Some((.., models)) => models.push(&draft.name),
                None => by_base.push((path, expr, draft.meta, vec![&draft.name])),
            }
        }
        let notes: Vec<(usize, Span, String)> = by_base
            .into_iter()
            .map(|(path, expr, meta, models)| {
                (
                    meta,
                    self.span(expr),
                    format!(
                        "`{path}` is not in the scanned tree: the columns, keys and indexes it lends {} ({}) are unknown, so what the reference has beyond them is not reported",
                        if models.len() == 1 { "1 table".to_string() } else { format!("{} tables", models.len()) },
                        crate::extract::listed(&models, "")
                    ),
                )
            })
            .collect();
        for (meta, span, message) in notes {
            self.note(meta, span, None, message);
        }
    }

    /// The first base class of the class or of the ancestors it inherits columns from that is
    /// neither in the scanned tree nor SQLAlchemy's, SQLModel's, or the standard library's:
    /// a mixin of an installed package (`fastapi_users_db_sqlalchemy`, `coaster`), whose
    /// columns this scan cannot read.
    fn unread_base(&self, id: ClassId) -> Option<(String, Expr)> {
        const READ: &[&str] = &[
            "sqlalchemy",
            "sqlmodel",
            "flask_sqlalchemy",
            "builtins",
            "typing",
            "typing_extensions",
            "pydantic",
            "abc",
            "enum",
            "dataclasses",
            "collections",
        ];
        let lineage = std::iter::once(id).chain(self.unmapped_lineage(id));
        for (m, c) in lineage {
            for base in &self.project().class(m, c).bases {
                let base = match &base.kind {
                    ExprKind::Subscript(value, _) => value,
                    _ => base,
                };
                let path = match self.env.target(base) {
                    Some(Target::External(path)) => path,
                    Some(Target::Unknown(name)) => name,
                    _ => continue,
                };
                let root = path.split('.').next().unwrap_or_default();
                if !READ.contains(&root) && path != "object" {
                    return Some((path, base.clone()));
                }
            }
        }
        None
    }

    /// Ancestors whose columns a class inherits: up to (not including) a mapped ancestor.
    fn unmapped_lineage(&self, id: ClassId) -> Vec<ClassId> {
        self.walk_bases(id, false)
    }

    /// The type annotation map of the declarative base (or any ancestor) of a class.
    fn annotation_map(&self, id: ClassId) -> Vec<(String, &'p Expr)> {
        let mut out = Vec::new();
        for (m, c) in std::iter::once(id).chain(self.ancestors(id)) {
            let class = self.project().class(m, c);
            // `type_annotation_map = {...}`, or `registry = registry(type_annotation_map={...})`.
            let map = class
                .member("type_annotation_map")
                .and_then(|a| a.value.as_ref())
                .or_else(|| {
                    class
                        .member("registry")
                        .and_then(|a| a.value.as_ref())
                        .and_then(|v| v.call())
                        .and_then(|call| call.kwarg("type_annotation_map"))
                });
            if let Some(ExprKind::Dict(pairs)) = map.map(|v| &v.kind) {
                for (k, v) in pairs {
                    out.push((canon(&self.env, k), v));
                }
            }
        }
        out
    }

    /// The columns a class declares and inherits (own first for SQLAlchemy, base first for
    /// SQLModel), and which of them wait for the type of the column they reference.
    fn class_columns(
        &mut self,
        id: ClassId,
        table: &str,
        meta: usize,
        flavor: Flavor,
    ) -> (Vec<ColumnPlan>, Vec<usize>) {
        let project = self.project();
        // Mixins, abstract classes and the declarative base itself lend their columns.
        let lineage: Vec<ClassId> = std::iter::once(id)
            .chain(self.unmapped_lineage(id))
            .collect();
        let type_map = self.annotation_map(id);

        // Attribute name → the winning definition (earliest class in the lineage wins).
        enum Source<'a> {
            Member(&'a Assign),
            Method(&'a Function),
        }
        let mut winners: Vec<(String, Source)> = Vec::new();
        for &(m, c) in &lineage {
            let class = project.class(m, c);
            for member in &class.members {
                if !winners.iter().any(|(n, _)| *n == member.name) {
                    winners.push((member.name.clone(), Source::Member(member)));
                }
            }
            for method in &class.methods {
                let declared = method.decorators.iter().any(|d| {
                    let func = d.call().map(|c| &*c.func).unwrap_or(d);
                    func.name().is_some_and(|n| n.contains("declared_attr"))
                });
                if declared
                    && !method.name.starts_with("__")
                    && !winners.iter().any(|(n, _)| *n == method.name)
                {
                    winners.push((method.name.clone(), Source::Method(method)));
                }
            }
        }
        if flavor == Flavor::Sqlmodel {
            // pydantic orders fields base class first.
            let order: Vec<String> = lineage
                .iter()
                .rev()
                .flat_map(|&(m, c)| project.class(m, c).members.iter().map(|a| a.name.clone()))
                .collect();
            winners.sort_by_key(|(n, _)| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
        }

        let mut plans = Vec::new();
        let mut pending = Vec::new();
        for (attr, source) in winners {
            if attr.starts_with("__") || (flavor == Flavor::Sqlmodel && attr.starts_with('_')) {
                continue;
            }
            let read = match source {
                Source::Member(member) => self.member_column(member, flavor, &type_map),
                Source::Method(method) => {
                    let Some(ret) = method
                        .returns
                        .iter()
                        .find(|r| r.condition.is_none() && !r.otherwise)
                    else {
                        continue;
                    };
                    let pseudo = Assign {
                        name: method.name.clone(),
                        annotation: method.return_type.clone(),
                        value: Some(ret.value.clone()),
                        range: method.name_range,
                        name_range: method.name_range,
                    };
                    self.member_column(&pseudo, flavor, &type_map)
                }
            };
            let Some((decl, annotation, span)) = read else {
                continue;
            };
            let annotation: Option<Annot> = annotation;
            if let Some((plan, is_pending)) = self.plan(
                &decl,
                annotation.as_ref(),
                flavor,
                &type_map,
                span,
                meta,
                table,
            ) {
                if is_pending {
                    pending.push(plans.len());
                }
                plans.push(plan);
            }
        }
        (plans, pending)
    }

    /// Whether a class member declares a column: the declaration, the annotation it was read
    /// with, and the span of the member.
    fn member_column(
        &mut self,
        member: &Assign,
        flavor: Flavor,
        type_map: &[(String, &'p Expr)],
    ) -> Option<(ColumnDecl, Option<Annot>, Span)> {
        let env = &self.env();
        let module = member
            .value
            .as_ref()
            .map(|v| v.file)
            .or(member.annotation.as_ref().map(|a| a.file))?;
        let span = self
            .project()
            .span(module, member.range.start, member.range.end);
        let whole = Expr::new(
            ExprKind::Other(String::new()),
            module,
            member.range.start,
            member.range.end,
        );
        let column = member
            .value
            .as_ref()
            .and_then(|v| columns::column_call(env, v).map(|c| (c, v)));
        match flavor {
            Flavor::Sqlalchemy => {
                let mapped = member.annotation.as_ref().map(|a| mapped_inner(env, a));
                if let Some(MappedAnnotation::Relationship | MappedAnnotation::ClassVar) = mapped {
                    return None;
                }
                let annot = match mapped {
                    Some(MappedAnnotation::Mapped(inner)) => Some(analyze(env, inner)),
                    _ => None,
                };
                match column {
                    Some(((ctor, call), value)) => {
                        let mut call = call;
                        if let Some(annot) = &annot {
                            merge_annotated(env, annot, &mut call);
                        }
                        let decl = columns::read_column(env, ctor, &call, &member.name, value);
                        let annot = if ctor == Ctor::Column { None } else { annot };
                        Some((decl, annot, span))
                    }
                    None if member.value.is_none() => {
                        let annot = annot?;
                        // `Mapped[RunOutput]` with the TypedDict `RunOutput` in the base's
                        // `type_annotation_map` is a column of the mapped type.
                        let in_type_map = mapped_type(env, &annot, type_map).is_some();
                        if !in_type_map && refers_to_model(env, &annot.inner) {
                            return None;
                        }
                        let mut call = Call {
                            func: Box::new(whole.clone()),
                            args: Vec::new(),
                            kwargs: Vec::new(),
                            splats: Vec::new(),
                        };
                        merge_annotated(env, &annot, &mut call);
                        let decl = columns::read_column(
                            env,
                            Ctor::MappedColumn,
                            &call,
                            &member.name,
                            &whole,
                        );
                        Some((decl, Some(annot), span))
                    }
                    None => None,
                }
            }
            Flavor::Sqlmodel => {
                let annotation = member.annotation.as_ref()?;
                if is_name(annotation, "ClassVar")
                    || matches!(&annotation.kind, ExprKind::Subscript(h, _) if is_name(h, "ClassVar"))
                {
                    return None;
                }
                if member.name == "model_config" {
                    return None;
                }
                if member
                    .value
                    .as_ref()
                    .is_some_and(|v| env.calls(v, &["Relationship", "relationship", "PrivateAttr"]))
                {
                    return None;
                }
                let annot = analyze(env, annotation);
                let decl = match column {
                    Some(((ctor, call), value)) => {
                        columns::read_column(env, ctor, &call, &member.name, value)
                    }
                    None => {
                        if refers_to_model(env, &annot.inner) {
                            return None;
                        }
                        let call = Call {
                            func: Box::new(whole.clone()),
                            args: Vec::new(),
                            kwargs: Vec::new(),
                            splats: Vec::new(),
                        };
                        columns::read_column(env, Ctor::Field, &call, &member.name, &whole)
                    }
                };
                if decl.ctor == Ctor::Field
                    && decl.foreign_keys.is_empty()
                    && decl.ty.is_none()
                    && refers_to_model(env, &annot.inner)
                {
                    return None;
                }
                Some((decl, Some(annot), span))
            }
        }
    }

    /// Applies the ORM's rules to a declaration: name, type, nullability. `None` when the
    /// column is not one after all. The flag says the type waits for the referenced column.
    #[allow(clippy::too_many_arguments)]
    fn plan(
        &mut self,
        decl: &ColumnDecl,
        annot: Option<&Annot>,
        flavor: Flavor,
        type_map: &[(String, &'p Expr)],
        span: Span,
        meta: usize,
        table: &str,
    ) -> Option<(ColumnPlan, bool)> {
        let name = decl.name.clone().unwrap_or_else(|| decl.attr.clone());
        for (expr, message) in &decl.notes {
            let span = self.span(expr);
            self.note(meta, span, Some(table.to_string()), message.clone());
        }
        let env = &self.env();
        let mut pending = false;
        let read: Option<(TypeRead, String)> = match &decl.ty {
            Some((read, expr)) => Some((read.clone(), self.project().expr_text(expr).to_string())),
            // `user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))`: SQLAlchemy takes
            // the annotation's type only for a column without foreign keys; this one gets the
            // referenced column's type.
            None if flavor != Flavor::Sqlmodel
                && decl.ctor == Ctor::MappedColumn
                && !decl.foreign_keys.is_empty() =>
            {
                None
            }
            None => match annot {
                Some(annot) => {
                    let mapped = mapped_type(env, annot, type_map);
                    match mapped {
                        Some(sa) => Some((
                            types::sa_type(env, sa),
                            self.project().expr_text(sa).to_string(),
                        )),
                        None => {
                            let field = decl.field.as_ref();
                            let read = types::python_type(env, &annot.inner, flavor, field);
                            match read {
                                // `Mapped["UserModel"] = mapped_column(ForeignKey("users.id"))`:
                                // the column takes the type of the key it references.
                                TypeRead::NotAType if !decl.foreign_keys.is_empty() => None,
                                TypeRead::NotAType => return None,
                                read => {
                                    Some((read, self.project().expr_text(&annot.inner).to_string()))
                                }
                            }
                        }
                    }
                }
                None => None,
            },
        };
        let (ty, type_written, enum_type) = match read {
            Some((TypeRead::Type(t), written)) => (t.ty, written, t.enum_type),
            Some((TypeRead::Unknown(reason), written)) => {
                let at = decl
                    .ty
                    .as_ref()
                    .map(|(_, e)| self.span(e))
                    .unwrap_or_else(|| span.clone());
                self.note(
                    meta,
                    at,
                    Some(table.to_string()),
                    format!("column `{table}.{name}`: {reason}"),
                );
                (ColumnType::Other(written.to_lowercase()), written, None)
            }
            Some((TypeRead::NotAType, _)) => return None,
            None if !decl.foreign_keys.is_empty() => {
                pending = true;
                (ColumnType::Other(String::new()), String::new(), None)
            }
            None => {
                self.note(
                    meta,
                    span.clone(),
                    Some(table.to_string()),
                    format!("column `{table}.{name}` has no type schemadrift can read"),
                );
                (ColumnType::Other(String::new()), String::new(), None)
            }
        };
        let nullable = match (decl.ctor, decl.nullable) {
            (_, Some(n)) => n,
            _ if decl.primary_key => false,
            (Ctor::Column, None) => true,
            (Ctor::MappedColumn | Ctor::Field, None) => annot.map(|a| a.optional).unwrap_or(true),
        };
        Some((
            ColumnPlan {
                decl: decl.clone(),
                name,
                ty,
                type_written,
                nullable,
                span,
                enum_type,
            },
            pending,
        ))
    }

    /// Columns without a type of their own take the type of the column their foreign key
    /// references (`Column(ForeignKey("users.id"))`).
    fn resolve_pending(&mut self, drafts: &mut [Draft], table_of_class: &HashMap<ClassId, usize>) {
        for index in 0..drafts.len() {
            for p in drafts[index].pending.clone() {
                let decl = &drafts[index].plans[p].decl;
                let Some(fk) = decl.foreign_keys.first() else {
                    continue;
                };
                let target = match fk.targets.first() {
                    Some(columns::FkTarget::Text(t)) => {
                        super::tables::split_target(t, self.env.dialect)
                    }
                    Some(columns::FkTarget::Expr(e)) => {
                        resolve_attr(&self.env, e, table_of_class, &[], drafts)
                    }
                    None => None,
                };
                let found = target.and_then(|(table, column)| {
                    drafts.iter().find(|d| d.name == table.name).and_then(|d| {
                        d.plans
                            .iter()
                            .find(|pl| pl.name == column)
                            .map(|pl| (pl.ty.clone(), pl.type_written.clone()))
                    })
                });
                let plan = &mut drafts[index].plans[p];
                match found {
                    Some((ty, written)) => {
                        plan.ty = ty;
                        plan.type_written = written;
                    }
                    None => {
                        let message = format!(
                            "column `{}.{}` has no type of its own and the column its foreign key references was not found",
                            drafts[index].name, plan.name
                        );
                        let span = plan.span.clone();
                        let (meta, table) = (drafts[index].meta, drafts[index].name.clone());
                        self.note(meta, span, Some(table), message);
                    }
                }
            }
        }
    }

    // --- Table(...) objects -----------------------------------------------------------------

    /// Reads the columns and items of a `Table("name", metadata, Column(...), ...)` call.
    fn table_call_items(
        &mut self,
        call: &'p Call,
        first_item: usize,
        table: &str,
        meta: usize,
        flavor: Flavor,
        plans: &mut Vec<ColumnPlan>,
        pending: &mut Vec<usize>,
    ) -> TableArgs {
        let env = &self.env();
        let mut args = TableArgs::default();
        for arg in call.args.iter().skip(first_item) {
            if let Some((ctor, inner)) = columns::column_call(env, arg) {
                let decl = columns::read_column(env, ctor, &inner, "", arg);
                let decl = ColumnDecl {
                    attr: decl.name.clone().unwrap_or_default(),
                    ..decl
                };
                let span = self.span(arg);
                if let Some((plan, is_pending)) =
                    self.plan(&decl, None, flavor, &[], span, meta, table)
                {
                    if is_pending {
                        pending.push(plans.len());
                    }
                    plans.push(plan);
                }
            } else if !columns::table_item(&self.env, arg, &mut args) {
                let span = self.span(arg);
                let text = self.project().expr_text(arg).to_string();
                self.note(
                    meta,
                    span,
                    Some(table.to_string()),
                    format!("`{text}` in `Table(\"{table}\", ...)` cannot be read statically"),
                );
            }
        }
        let env = &self.env();
        args.comment = call.kwarg("comment").and_then(|c| env.string(c));
        args.schema = call
            .kwarg("schema")
            .and_then(|s| env.string(s))
            .filter(|s| !env.dialect.is_default_schema(s));
        if call.kwarg("autoload_with").is_some() || call.flag("autoload") == Some(true) {
            let span = self.span(&call.func);
            self.note(meta, span, Some(table.to_string()), format!("the table `{table}` is reflected from the database at run time, so its columns are not known statically"));
        }
        let notes = std::mem::take(&mut args.notes);
        self.table_notes(meta, table, notes);
        args
    }

    /// `users = Table("users", metadata, ...)` at module level.
    fn table_objects(&mut self) -> Vec<Draft> {
        let project = self.project();
        let mut out = Vec::new();
        for module in project.modules.iter().filter(|m| !m.is_migration()) {
            let values = module
                .assigns
                .iter()
                .filter_map(|a| a.value.as_ref().map(|v| (v, Some(a))))
                .chain(module.calls.iter().map(|c| (c, None)));
            for (value, assign) in values {
                if !self.env.calls(value, &["Table"]) {
                    continue;
                }
                let call = value.call().expect("a call");
                // `Table("x", metadata, Column(...))`, or Flask-SQLAlchemy's
                // `db.Table("x", db.Column(...))` on the extension's own metadata.
                let (meta, first_item) =
                    match call.args.get(1).and_then(|m| self.meta_of_expr(m, 0)) {
                        Some(meta) => (meta, 2),
                        None => match self.extension_table_meta(&call.func) {
                            Some(meta) => (meta, 1),
                            None => continue,
                        },
                    };
                let flavor = self.flavor(meta);
                let span = match assign {
                    Some(a) => project.span(module.index, a.range.start, a.range.end),
                    None => self.span(value),
                };
                let Some(name) = call.args.first().and_then(|n| self.env.string(n)) else {
                    self.note(
                        meta,
                        span,
                        None,
                        "the name of this table cannot be known without running the code"
                            .to_string(),
                    );
                    continue;
                };
                let (mut plans, mut pending) = (Vec::new(), Vec::new());
                let args = self.table_call_items(
                    call,
                    first_item,
                    &name,
                    meta,
                    flavor,
                    &mut plans,
                    &mut pending,
                );
                out.push(Draft {
                    meta,
                    name,
                    unread_base: None,
                    schema: args.schema.or(self.metas[meta].schema.clone()),
                    comment: args.comment,
                    span: span.clone(),
                    class: None,
                    plans,
                    pending,
                    items: args.items,
                });
            }
        }
        out
    }

    /// `Index("ix_users_lower_email", func.lower(User.email))` written at module level.
    fn module_indexes(&mut self, drafts: &mut [Draft], draft_of: &HashMap<ClassId, usize>) {
        let project = self.project();
        for module in &project.modules {
            let values = module
                .assigns
                .iter()
                .filter_map(|a| a.value.as_ref())
                .chain(module.calls.iter());
            for value in values {
                if !self
                    .env
                    .calls(value, &["Index", "UniqueConstraint", "CheckConstraint"])
                {
                    continue;
                }
                let call = value.call().expect("a call");
                // The table is the one the first attribute reference names (`User.email`,
                // `func.lower(User.email)`, `User.created.desc()`).
                let mut candidates: Vec<&Expr> = Vec::new();
                for arg in &call.args {
                    candidates.push(arg);
                    if let Some(inner) = arg.call() {
                        candidates.push(&inner.func);
                        candidates.extend(inner.args.iter());
                    }
                }
                let table = candidates
                    .into_iter()
                    .find_map(|a| match self.env.target(a)? {
                        Target::Class(m, c, rest) if !rest.is_empty() => self
                            .table_root((m, c))
                            .and_then(|r| draft_of.get(&r).copied()),
                        // `roles_users.c.role_id` of a module-level `Table("roles_users", ...)`.
                        Target::Value(table, rest) if rest.len() == 2 && rest[0] == "c" => {
                            let name = table
                                .call()
                                .filter(|_| self.env.calls(table, &["Table"]))
                                .and_then(|call| call.args.first())
                                .and_then(|n| self.env.string(n))?;
                            drafts
                                .iter()
                                .position(|d| d.class.is_none() && d.name == name)
                        }
                        _ => None,
                    });
                let Some(index) = table else { continue };
                let mut args = TableArgs::default();
                columns::table_item(&self.env, value, &mut args);
                drafts[index].items.extend(args.items);
            }
        }
    }

    // --- Alembic targets ---------------------------------------------------------------------

    /// One `metadata-not-migrated` note per model whose metadata no `target_metadata` includes.
    fn targets(&mut self) {
        let project = self.project();
        let mut targeted: Vec<usize> = Vec::new();
        let mut target_lines: Vec<Span> = Vec::new();
        let mut unknown = false;
        let mut any = false;
        for module in &project.modules {
            if !module.file.path.ends_with("env.py") {
                continue;
            }
            let mut exprs: Vec<(&Expr, Span)> = Vec::new();
            if let Some(assign) = module.assign("target_metadata")
                && let Some(value) = &assign.value
            {
                exprs.push((
                    value,
                    project.span(module.index, assign.range.start, assign.range.end),
                ));
            }
            for target in &module.configure_targets {
                if target.name() != Some("target_metadata") {
                    exprs.push((target, project.expr_span(target)));
                }
            }
            let folder = module
                .file
                .path
                .rsplit_once('/')
                .map_or(String::new(), |(dir, _)| dir.to_string());
            for (expr, span) in exprs {
                any = true;
                target_lines.push(span);
                for item in expr.elements() {
                    if item.is_none() {
                        unknown = true;
                        continue;
                    }
                    match self.meta_of_expr(item, 0) {
                        Some(meta) => {
                            targeted.push(meta);
                            if !self.metas[meta].migrated_by.contains(&folder) {
                                self.metas[meta].migrated_by.push(folder.clone());
                            }
                        }
                        None => unknown = true,
                    }
                }
            }
        }
        if !any || unknown {
            return;
        }
        let names: Vec<String> = {
            let mut names: Vec<String> = targeted
                .iter()
                .map(|m| self.metas[*m].display.clone())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        let only = match names.as_slice() {
            [] => "no metadata".to_string(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        // A table a targeted metadata also declares is migrated through that declaration; when
        // the two disagree, that is a duplicate table definition, not an unmigrated model.
        let migrated: BTreeSet<QualifiedName> = targeted
            .iter()
            .flat_map(|m| self.metas[*m].tables.keys().cloned())
            .collect();
        for meta in 0..self.metas.len() {
            if targeted.contains(&meta) {
                continue;
            }
            let label = self.label(meta);
            let tables: Vec<(String, Option<String>, Span)> = self.metas[meta]
                .tables
                .iter()
                .filter(|(key, _)| !migrated.contains(*key))
                .map(|(_, (t, class))| match class {
                    Some((name, span)) => (t.name.stored.clone(), Some(name.clone()), span.clone()),
                    None => (t.name.stored.clone(), None, t.origin.span.clone()),
                })
                .collect();
            for (table, class, span) in tables {
                let related = target_lines
                    .iter()
                    .map(|line| Related {
                        span: line.clone(),
                        message: format!("Alembic migrates only {only}"),
                    })
                    .collect();
                self.metas[meta].notes.push(ExtractNote {
                    kind: NoteKind::MetadataNotMigrated,
                    message: match class {
                        // What follows from it depends on the reference: reconciliation says.
                        Some(class) => format!(
                            "`{class}` (table `{table}`) is declared on {label}, but Alembic's target_metadata includes only {only}"
                        ),
                        None => format!(
                            "table `{table}` is declared on {label}, but Alembic's target_metadata includes only {only}"
                        ),
                    },
                    span,
                    table: Some(table),
                    related,
                });
            }
        }
    }

    fn label(&self, meta: usize) -> String {
        let m = &self.metas[meta];
        match &m.file {
            Some(file) => format!("{} ({file})", m.display),
            None => m.display.clone(),
        }
    }

    fn finish(&mut self) -> Vec<CodeModel> {
        for (meta, note) in std::mem::take(&mut self.notes) {
            self.metas[meta].notes.push(note);
        }
        let mut out = Vec::new();
        for index in 0..self.metas.len() {
            let label = self.label(index);
            let meta = &mut self.metas[index];
            if meta.tables.is_empty() && meta.notes.is_empty() {
                continue;
            }
            let mut schema = Schema::new(meta.kind, label, self.env.dialect);
            schema.files = meta.files.iter().cloned().collect();
            schema.migrated_by = meta.migrated_by.clone();
            for (key, (table, _)) in std::mem::take(&mut meta.tables) {
                schema.tables.insert(key, table);
            }
            for e in meta.enums.drain(..) {
                schema.enums.insert(
                    QualifiedName::new(e.schema.clone(), e.name.stored.clone()),
                    e,
                );
            }
            let mut notes = std::mem::take(&mut meta.notes);
            notes.sort_by(|a, b| {
                (&a.span.path, a.span.start, &a.message).cmp(&(
                    &b.span.path,
                    b.span.start,
                    &b.message,
                ))
            });
            notes.dedup_by(|a, b| a.span == b.span && a.message == b.message);
            out.push(CodeModel { schema, notes });
        }
        out.sort_by(|a, b| a.schema.label.cmp(&b.schema.label));
        out
    }
}

/// `Mapped[...]` and its relatives in an annotation.
enum MappedAnnotation<'a> {
    Mapped(&'a Expr),
    Relationship,
    ClassVar,
    Other,
}

fn mapped_inner<'a>(env: &Env, annotation: &'a Expr) -> MappedAnnotation<'a> {
    let ExprKind::Subscript(head, items) = &annotation.kind else {
        return if is_name(annotation, "ClassVar") {
            MappedAnnotation::ClassVar
        } else {
            MappedAnnotation::Other
        };
    };
    let name = match env.target(head) {
        Some(Target::External(path)) => path.rsplit('.').next().unwrap_or("").to_string(),
        _ => head.last_name().unwrap_or("").to_string(),
    };
    match name.as_str() {
        "Mapped" => items
            .first()
            .map(MappedAnnotation::Mapped)
            .unwrap_or(MappedAnnotation::Other),
        "WriteOnlyMapped" | "DynamicMapped" => MappedAnnotation::Relationship,
        "ClassVar" => MappedAnnotation::ClassVar,
        _ => MappedAnnotation::Other,
    }
}

/// An annotation taken apart: the Python type, whether it admits `None`, the `mapped_column()`
/// an `Annotated` alias carries, and the spellings to look up in a type annotation map.
#[derive(Debug, Clone)]
struct Annot {
    inner: Expr,
    optional: bool,
    extras: Vec<Expr>,
    keys: Vec<Expr>,
}

fn analyze(env: &Env, expr: &Expr) -> Annot {
    let mut out = Annot {
        inner: expr.clone(),
        optional: false,
        extras: Vec::new(),
        keys: Vec::new(),
    };
    analyze_into(env, expr, &mut out, 0);
    out
}

fn analyze_into(env: &Env, expr: &Expr, out: &mut Annot, depth: u32) {
    out.inner = expr.clone();
    if depth > 8 {
        return;
    }
    match &expr.kind {
        ExprKind::Subscript(head, items) => {
            let name = match env.target(head) {
                Some(Target::External(path)) => path.rsplit('.').next().unwrap_or("").to_string(),
                _ => head.last_name().unwrap_or("").to_string(),
            };
            match name.as_str() {
                "Optional" => {
                    out.optional = true;
                    if let Some(inner) = items.first() {
                        analyze_into(env, inner, out, depth + 1);
                    }
                }
                "Union" => {
                    if items.iter().any(Expr::is_none) {
                        out.optional = true;
                    }
                    if let Some(inner) = items.iter().find(|i| !i.is_none()) {
                        analyze_into(env, inner, out, depth + 1);
                    }
                }
                "Annotated" => {
                    out.keys.push(expr.clone());
                    out.extras
                        .extend(items.iter().skip(1).filter(|i| i.call().is_some()).cloned());
                    if let Some(inner) = items.first() {
                        analyze_into(env, inner, out, depth + 1);
                    }
                }
                _ => {}
            }
        }
        ExprKind::BinOp(left, op, right) if op == "|" => {
            if right.is_none() {
                out.optional = true;
                analyze_into(env, left, out, depth + 1);
            } else if left.is_none() {
                out.optional = true;
                analyze_into(env, right, out, depth + 1);
            }
        }
        ExprKind::Name(_) => {
            if let Some(Target::Value(value, rest)) = env.target(expr)
                && rest.is_empty()
                && matches!(value.kind, ExprKind::Subscript(..) | ExprKind::BinOp(..))
            {
                out.keys.push(expr.clone());
                analyze_into(env, value, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Adds the `mapped_column()` of an `Annotated` alias to a column call: the call's own
/// arguments win.
fn merge_annotated(env: &Env, annot: &Annot, call: &mut Call) {
    for extra in &annot.extras {
        let Some((Ctor::MappedColumn | Ctor::Column, inner)) = columns::column_call(env, extra)
        else {
            continue;
        };
        let own_has_type = call.args.iter().any(|a| types::sa_type(env, a).is_type());
        let mut args: Vec<Expr> = inner
            .args
            .iter()
            .filter(|a| !(own_has_type && types::sa_type(env, a).is_type()))
            .cloned()
            .collect();
        args.append(&mut call.args);
        call.args = args;
        let mut kwargs = inner.kwargs.clone();
        kwargs.append(&mut call.kwargs);
        call.kwargs = kwargs;
    }
}

/// Whether an annotation names a mapped class or a collection of them (a relationship).
fn refers_to_model(env: &Env, expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Str(_) => true,
        ExprKind::Name(_) => match env.target(expr) {
            Some(Target::Class(m, c, _)) => {
                !types::is_enum_class(env, m, c, 0) && !types::sa_type(env, expr).is_type()
            }
            _ => false,
        },
        ExprKind::Subscript(head, items) => {
            let name = head.last_name().unwrap_or("");
            matches!(
                name,
                "List" | "list" | "Set" | "set" | "Sequence" | "Optional" | "Union"
            ) && items.iter().any(|i| refers_to_model(env, i))
        }
        _ => false,
    }
}

/// The SQL type the declarative base's `type_annotation_map` gives an annotation, by any of
/// its spellings.
fn mapped_type<'p>(env: &Env, annot: &Annot, type_map: &[(String, &'p Expr)]) -> Option<&'p Expr> {
    annot
        .keys
        .iter()
        .chain(std::iter::once(&annot.inner))
        .find_map(|key| {
            let k = canon(env, key);
            type_map.iter().find(|(c, _)| *c == k).map(|(_, v)| *v)
        })
}

/// A spelling-independent key for a type annotation (`datetime` and `datetime.datetime` agree).
fn canon(env: &Env, expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Name(name) => match env.project.resolve_through(expr.file, expr.start, name) {
            (Def::External(path), rest) => std::iter::once(path)
                .chain(rest)
                .collect::<Vec<_>>()
                .join("."),
            (Def::Class(m, c), _) => format!(
                "{}.{}",
                env.project.module(m).name,
                env.project.class(m, c).name
            ),
            (Def::Assign(m, a), _) => format!(
                "{}.{}",
                env.project.module(m).name,
                env.project.assign(m, a).name
            ),
            _ => name.clone(),
        },
        ExprKind::Subscript(head, items) => format!(
            "{}[{}]",
            canon(env, head),
            items
                .iter()
                .map(|i| canon(env, i))
                .collect::<Vec<_>>()
                .join(",")
        ),
        _ => env.project.expr_text(expr).to_string(),
    }
}

/// `User.id` → the `users` table and its `id` column; `users.c.id` for `Table` objects.
fn resolve_attr(
    env: &Env,
    expr: &Expr,
    table_of_class: &HashMap<ClassId, usize>,
    objects: &[(String, usize)],
    drafts: &[Draft],
) -> Option<(QualifiedName, String)> {
    match env.target(expr)? {
        Target::Class(m, c, rest) if rest.len() == 1 => {
            let draft = &drafts[*table_of_class.get(&(m, c))?];
            let column = draft
                .plans
                .iter()
                .find(|p| p.decl.attr == rest[0])
                .map(|p| p.name.clone())
                .unwrap_or_else(|| rest[0].clone());
            Some((
                QualifiedName::new(draft.schema.clone(), draft.name.clone()),
                column,
            ))
        }
        Target::Value(value, rest) if rest.len() == 2 && rest[0] == "c" => {
            let name = env.string(value.call()?.args.first()?)?;
            let index = objects.iter().find(|(n, _)| *n == name).map(|(_, i)| *i);
            let schema = index.and_then(|i| drafts[i].schema.clone());
            Some((QualifiedName::new(schema, name), rest[1].clone()))
        }
        _ => None,
    }
}
