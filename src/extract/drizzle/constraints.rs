//! The constraints that need every table read first: column-level `.references(...)`, and
//! the third argument of a table (`(t) => [index("i").on(t.a), primaryKey(...), ...]`).

use super::columns::{Callee, Reference};
use super::template::{Mentions, canonical_expression};
use super::value::{Js, Param, Scope, arguments, children, literal, property_key, unwrap};
use super::{Extractor, Problem, TableBuild};
use crate::model::{
    CheckConstraint, Dialect, ForeignKey, Index, Origin, PrimaryKey, SourceKind, UniqueConstraint,
};
use std::collections::HashMap;
use tree_sitter::Node;

/// A constraint or index of the third argument, as read so far.
#[derive(Debug, Clone)]
enum Extra {
    Index(Index),
    PrimaryKey(PrimaryKey),
    Unique(UniqueConstraint),
    ForeignKey(ForeignKey),
    Check(CheckConstraint),
}

/// Where the tables are, by the file and variable that declare them.
type TableIndex = HashMap<(usize, String), usize>;

impl<'p, 't> Extractor<'p, 't> {
    /// Resolves what needs every table read first: `.references(...)` and the third argument.
    pub(super) fn resolve_constraints(&self, builds: &mut [TableBuild<'t>]) {
        let index: TableIndex = builds
            .iter()
            .enumerate()
            .map(|(i, b)| ((b.unit, b.variable.clone()), i))
            .collect();
        let resolved: Vec<(Vec<ForeignKey>, Vec<Extra>)> = (0..builds.len())
            .map(|i| {
                let foreign_keys = builds[i]
                    .references
                    .iter()
                    .filter_map(|r| self.reference(r, i, builds, &index))
                    .collect();
                let extras = builds[i]
                    .extras
                    .map(|(node, unit)| self.extras(node, unit, i, builds, &index))
                    .unwrap_or_default();
                (foreign_keys, extras)
            })
            .collect();
        for (build, (foreign_keys, extras)) in builds.iter_mut().zip(resolved) {
            build.table.foreign_keys.extend(foreign_keys);
            for extra in extras {
                match extra {
                    Extra::Index(index) => build.table.indexes.push(index),
                    Extra::Unique(unique) => build.table.unique_constraints.push(unique),
                    Extra::ForeignKey(fk) => build.table.foreign_keys.push(fk),
                    Extra::Check(check) => build.table.check_constraints.push(check),
                    Extra::PrimaryKey(pk) => {
                        for column in &mut build.table.columns {
                            if pk.columns.contains(&column.name.stored) {
                                column.nullable = false;
                            }
                        }
                        build.table.primary_key = Some(pk);
                    }
                }
            }
        }
    }

    /// A column a member expression names: `t.email` (this table), `users.id`,
    /// `schema.users.id`. `None` when the expression names no table's column.
    fn column_ref(
        &self,
        node: Node<'t>,
        scope: Scope<'_>,
        this: usize,
        builds: &[TableBuild<'t>],
        index: &TableIndex,
    ) -> Option<Result<(usize, String), Problem>> {
        let node = unwrap(node);
        if node.kind() != "member_expression" {
            return None;
        }
        let key = self.text(scope.unit, node.child_by_field_name("property")?);
        let table = self.table_ref(node.child_by_field_name("object")?, scope, this, index)?;
        let build = &builds[table];
        Some(match build.column_for_key(key) {
            Some(column) => Ok((table, column.to_string())),
            None => Err(self.problem(
                scope.unit,
                node,
                format!(
                    "{} is not a column of table `{}`",
                    self.quote(scope.unit, node),
                    build.table.name.stored
                ),
            )),
        })
    }

    /// The table an expression names: the third argument's parameter, or a table variable.
    fn table_ref(
        &self,
        node: Node<'t>,
        scope: Scope<'_>,
        this: usize,
        index: &TableIndex,
    ) -> Option<usize> {
        use super::program::Binding;
        let node = unwrap(node);
        let binding = match node.kind() {
            "identifier" => {
                let name = self.text(scope.unit, node);
                if let Some(param) = scope.param(name) {
                    return matches!(param, Param::ThisTable).then_some(this);
                }
                self.program.resolve(scope.unit, name)?
            }
            "member_expression" => {
                let object = unwrap(node.child_by_field_name("object")?);
                let property = self.text(scope.unit, node.child_by_field_name("property")?);
                match self
                    .program
                    .resolve(scope.unit, self.text(scope.unit, object))?
                {
                    Binding::Module { unit } => self.program.resolve_member(unit, property)?,
                    _ => return None,
                }
            }
            _ => return None,
        };
        match binding {
            Binding::Declaration { unit, declaration } => index
                .get(&(unit, self.text(unit, declaration.name).to_string()))
                .copied(),
            _ => None,
        }
    }

    /// A column-level `.references(() => users.id, { onDelete: "cascade" })`.
    fn reference(
        &self,
        reference: &Reference<'t>,
        this: usize,
        builds: &[TableBuild<'t>],
        index: &TableIndex,
    ) -> Option<ForeignKey> {
        let scope = Scope::top(reference.unit);
        let table = builds[this].table.name.stored.clone();
        let args = arguments(reference.call);
        let cannot_follow = || {
            self.problem(
                reference.unit,
                reference.call,
                format!(
                    "the target of {} cannot be followed; the foreign key is left out",
                    self.quote(reference.unit, reference.call)
                ),
            )
        };
        let target = args
            .first()
            .map(|f| unwrap(*f))
            .and_then(|f| self.function_body(f, reference.unit));
        let resolved = target.and_then(|t| self.column_ref(t, scope, this, builds, index));
        let (target_table, target_column) = match resolved {
            Some(Ok(found)) => found,
            Some(Err(problem)) => {
                self.not_understood(problem, Some(&table));
                return None;
            }
            None => {
                self.not_understood(cannot_follow(), Some(&table));
                return None;
            }
        };
        let actions = args
            .get(1)
            .map_or(Js::Null, |a| literal(self.program, *a, scope));
        Some(ForeignKey {
            name: None,
            columns: vec![reference.column.clone()],
            references: builds[target_table].table.qualified_name(),
            referenced_columns: vec![target_column],
            on_delete: action(actions.get("onDelete")),
            on_update: action(actions.get("onUpdate")),
            origin: Origin::new(SourceKind::Drizzle, reference.origin.clone()),
        })
    }

    /// The third argument of a table: `(t) => [index("i").on(t.a), ...]` or `(t) => ({ ... })`.
    fn extras(
        &self,
        node: Node<'t>,
        unit: usize,
        this: usize,
        builds: &[TableBuild<'t>],
        index: &TableIndex,
    ) -> Vec<Extra> {
        let table = builds[this].table.name.stored.clone();
        let function = unwrap(node);
        let cannot_read = |node: Node<'t>, what: &str| {
            self.problem(
                unit,
                node,
                format!(
                    "{what} {} cannot be read statically; it is left out",
                    self.quote(unit, node)
                ),
            )
        };
        let params: Vec<(String, Param)> = match self.parameter_list(function, unit) {
            Some(names) => names
                .into_iter()
                .take(1)
                .map(|n| (n, Param::ThisTable))
                .collect(),
            None => {
                self.not_understood(cannot_read(function, "table extras"), Some(&table));
                return Vec::new();
            }
        };
        let Some(body) = self.function_body(function, unit).map(unwrap) else {
            self.not_understood(cannot_read(function, "table extras"), Some(&table));
            return Vec::new();
        };
        let scope = Scope {
            unit,
            params: &params,
            depth: 1,
        };
        let entries: Vec<Node<'t>> = match body.kind() {
            "array" => children(body),
            "object" => children(body)
                .into_iter()
                .map(|item| match item.kind() {
                    "pair" => item.child_by_field_name("value").unwrap_or(item),
                    _ => item,
                })
                .collect(),
            _ => {
                self.not_understood(cannot_read(body, "table extras"), Some(&table));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for entry in entries {
            match self.extra(entry, scope, this, builds, index) {
                Ok(Some(extra)) => out.push(extra),
                Ok(None) => {}
                Err(problem) => self.not_understood(problem, Some(&table)),
            }
        }
        out
    }

    /// One entry of the third argument: a chain from `index`, `uniqueIndex`, `primaryKey`,
    /// `foreignKey`, `unique` or `check`.
    fn extra(
        &self,
        entry: Node<'t>,
        scope: Scope<'_>,
        this: usize,
        builds: &[TableBuild<'t>],
        index: &TableIndex,
    ) -> Result<Option<Extra>, Problem> {
        let entry = unwrap(entry);
        let unit = scope.unit;
        let origin = Origin::new(SourceKind::Drizzle, self.span(unit, entry));
        let cannot_read = || {
            self.problem(
                unit,
                entry,
                format!(
                    "{} cannot be read statically; it is left out",
                    self.quote(unit, entry)
                ),
            )
        };
        // Unwind the chain: base call first, then the methods in order.
        let mut methods: Vec<(&'t str, Node<'t>)> = Vec::new();
        let mut node = entry;
        let (base, base_call) = loop {
            if node.kind() != "call_expression" {
                return Err(cannot_read());
            }
            let function = node
                .child_by_field_name("function")
                .ok_or_else(cannot_read)?;
            match self.callee(function, scope) {
                Callee::Core { name, .. } | Callee::Unbound(name) => break (name, node),
                Callee::Method { receiver, method } => {
                    methods.push((method, node));
                    node = unwrap(receiver);
                }
                _ => return Err(cannot_read()),
            }
        };
        methods.reverse();
        // Row-level security policies are not part of the model.
        if base == "pgPolicy" {
            return Ok(None);
        }

        let dialect = builds[this].dialect;
        let quote = if dialect == Dialect::Mysql { '`' } else { '"' };
        let ident = |name: &str| format!("{quote}{name}{quote}");
        let qualified = |table: usize, column: &str| {
            let t = &builds[table].table;
            match &t.schema {
                Some(schema) => format!(
                    "{}.{}.{}",
                    ident(schema),
                    ident(&t.name.stored),
                    ident(column)
                ),
                None => format!("{}.{}", ident(&t.name.stored), ident(column)),
            }
        };
        // Columns inside `sql` templates: bare in index expressions, qualified in checks and
        // partial-index predicates (as drizzle-kit writes them).
        let bare: &Mentions<'_, 't> = &|node, scope| {
            self.column_ref(node, scope, this, builds, index)
                .map(|r| r.map(|(_, column)| ident(&column)))
        };
        let full: &Mentions<'_, 't> = &|node, scope| {
            self.column_ref(node, scope, this, builds, index)
                .map(|r| r.map(|(table, column)| qualified(table, &column)))
        };
        let sql = |node: Node<'t>, mentions: &Mentions<'_, 't>| -> Result<String, Problem> {
            self.sql_text(node, scope, mentions)
                .unwrap_or_else(|| Err(cannot_read()))
        };
        // An index column: `t.email`, `t.email.desc()`, `t.vec.op("vector_cosine_ops")`, or
        // an expression `sql\`lower(${t.email})\``.
        let index_column = |node: Node<'t>| -> Result<String, Problem> {
            let mut node = unwrap(node);
            while node.kind() == "call_expression" {
                match self.callee(
                    node.child_by_field_name("function")
                        .ok_or_else(cannot_read)?,
                    scope,
                ) {
                    Callee::Method {
                        receiver,
                        method: "asc" | "desc" | "nullsFirst" | "nullsLast" | "op",
                    } => node = unwrap(receiver),
                    _ => break,
                }
            }
            if let Some(column) = self.column_ref(node, scope, this, builds, index) {
                return column.map(|(_, c)| c);
            }
            Ok(canonical_expression(&sql(node, bare)?, dialect))
        };
        let own_columns = |nodes: &[Node<'t>]| -> Result<Vec<String>, Problem> {
            nodes.iter().map(|n| index_column(*n)).collect()
        };
        let string_arg = |call: Node<'t>| -> Option<String> {
            arguments(call)
                .first()
                .and_then(|a| literal(self.program, *a, scope).as_str().map(String::from))
        };
        // `{ columns: [t.a], name: "x" }` → its properties.
        let options = |call: Node<'t>| -> HashMap<String, Node<'t>> {
            let text = &self.unit(unit).file.text;
            arguments(call)
                .first()
                .map(|o| unwrap(*o))
                .filter(|o| o.kind() == "object")
                .map(|o| {
                    children(o)
                        .into_iter()
                        .filter(|p| p.kind() == "pair")
                        .filter_map(|p| {
                            let key = property_key(p.child_by_field_name("key")?, text)?;
                            Some((key, p.child_by_field_name("value")?))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let list = |node: Option<&Node<'t>>| -> Vec<Node<'t>> {
            node.map(|n| unwrap(*n))
                .map(|n| {
                    if n.kind() == "array" {
                        children(n)
                    } else {
                        vec![n]
                    }
                })
                .unwrap_or_default()
        };

        let mut extra = match base {
            "index" | "uniqueIndex" => Extra::Index(Index {
                name: string_arg(base_call),
                columns: Vec::new(),
                unique: base == "uniqueIndex",
                method: None,
                predicate: None,
                origin,
            }),
            "unique" => Extra::Unique(UniqueConstraint {
                name: string_arg(base_call),
                columns: Vec::new(),
                origin,
            }),
            "primaryKey" => {
                let args = arguments(base_call);
                let is_options = args.first().is_some_and(|a| unwrap(*a).kind() == "object");
                let (name, columns) = if is_options {
                    let options = options(base_call);
                    let name = options
                        .get("name")
                        .and_then(|n| literal(self.program, *n, scope).as_str().map(String::from));
                    (name, own_columns(&list(options.get("columns")))?)
                } else {
                    (None, own_columns(&args)?)
                };
                Extra::PrimaryKey(PrimaryKey {
                    name,
                    columns,
                    origin,
                })
            }
            "foreignKey" => {
                let options = options(base_call);
                let name = options
                    .get("name")
                    .and_then(|n| literal(self.program, *n, scope).as_str().map(String::from));
                let columns = own_columns(&list(options.get("columns")))?;
                let mut target = None;
                let mut referenced = Vec::new();
                for node in list(options.get("foreignColumns")) {
                    match self.column_ref(node, scope, this, builds, index) {
                        Some(Ok((table, column))) => {
                            target.get_or_insert(table);
                            referenced.push(column);
                        }
                        Some(Err(problem)) => return Err(problem),
                        None => return Err(cannot_read()),
                    }
                }
                let target = target.ok_or_else(cannot_read)?;
                Extra::ForeignKey(ForeignKey {
                    name,
                    columns,
                    references: builds[target].table.qualified_name(),
                    referenced_columns: referenced,
                    on_delete: None,
                    on_update: None,
                    origin,
                })
            }
            "check" => {
                let args = arguments(base_call);
                let name = string_arg(base_call);
                let expression = args.get(1).ok_or_else(cannot_read)?;
                Extra::Check(CheckConstraint {
                    name,
                    expression: canonical_expression(&sql(*expression, full)?, dialect),
                    origin,
                })
            }
            _ => return Err(cannot_read()),
        };

        for (method, call) in methods {
            let args = arguments(call);
            match (&mut extra, method) {
                (Extra::Index(index), "on" | "onOnly") => index.columns = own_columns(&args)?,
                (Extra::Index(index), "using") => {
                    let method = string_arg(call).ok_or_else(cannot_read)?;
                    index.method = Some(method.to_lowercase()).filter(|m| m != "btree");
                    if args.len() > 1 {
                        index.columns = own_columns(&args[1..])?;
                    }
                }
                (Extra::Index(index), "where") => {
                    let predicate = args.first().ok_or_else(cannot_read)?;
                    index.predicate = Some(match sql(*predicate, full) {
                        Ok(text) => canonical_expression(&text, dialect),
                        // `.where(isNull(t.deletedAt))`: the partial index exists; its predicate
                        // is unknown, and the index is paired by name.
                        Err(_) => {
                            self.not_understood(
                                self.problem(
                                    unit,
                                    *predicate,
                                    format!(
                                        "the predicate {} of a partial index is not a `sql` template; it is unknown and not compared",
                                        self.quote(unit, *predicate)
                                    ),
                                ),
                                Some(&builds[this].table.name.stored),
                            );
                            Index::UNKNOWN_PART.to_string()
                        }
                    });
                }
                (Extra::Index(_), "concurrently" | "with" | "algorithm" | "lock") => {}
                (Extra::Unique(unique), "on") => unique.columns = own_columns(&args)?,
                (Extra::Unique(_), "nullsNotDistinct") => {}
                (Extra::ForeignKey(fk), "onDelete") => {
                    fk.on_delete = action(
                        args.first()
                            .map(|a| literal(self.program, *a, scope))
                            .as_ref(),
                    )
                }
                (Extra::ForeignKey(fk), "onUpdate") => {
                    fk.on_update = action(
                        args.first()
                            .map(|a| literal(self.program, *a, scope))
                            .as_ref(),
                    )
                }
                _ => {
                    return Err(self.problem(
                        unit,
                        call,
                        format!(
                            "unknown method `.{method}()` in {}; it is left out",
                            self.quote(unit, entry)
                        ),
                    ));
                }
            }
        }
        Ok(Some(extra))
    }
}

/// A referential action as the model spells it (`no action`, the default, is none).
fn action(value: Option<&Js>) -> Option<String> {
    value
        .and_then(Js::as_str)
        .map(str::to_lowercase)
        .filter(|a| a != "no action")
}
