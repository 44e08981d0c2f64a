//! Table declarations: `pgTable("users", { ... }, (t) => [...])`, through `pgSchema("x").table`,
//! `pgTableCreator` prefixes, shared column objects and the constraints of the third argument.

use super::builders;
use super::columns::{Callee, Reference};
use super::query::Declaration;
use super::template::{Mentions, canonical_expression};
use super::value::{Js, Param, Scope, arguments, children, literal, property_key, unwrap};
use super::{EnumBuild, Extractor, Problem, TableBuild};
use crate::model::{
    CheckConstraint, Dialect, ForeignKey, Index, Name, Origin, PrimaryKey, QualifiedName,
    SourceKind, Table, UniqueConstraint,
};
use crate::source::Span;
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// How a table call names its table.
#[derive(Debug, Clone)]
pub(super) struct TableFunction {
    dialect: Dialect,
    schema: Option<String>,
    /// From `pgTableCreator((name) => \`app_${name}\`)`.
    prefix: String,
    suffix: String,
}

impl TableFunction {
    fn plain(dialect: Dialect) -> Self {
        TableFunction {
            dialect,
            schema: None,
            prefix: String::new(),
            suffix: String::new(),
        }
    }
}

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
    /// Reads every top-level table and enum declaration.
    pub(super) fn declarations(&self) -> (Vec<TableBuild<'t>>, Vec<EnumBuild>) {
        let mut builds: Vec<TableBuild<'t>> = Vec::new();
        let mut enums = Vec::new();
        let mut handled: HashSet<(usize, usize)> = HashSet::new();
        let mut seen: HashMap<QualifiedName, Span> = HashMap::new();
        for (u, unit) in self.program.units.iter().enumerate() {
            if unit.is_config() {
                continue;
            }
            for declaration in &unit.facts.declarations {
                if let Some(result) = self.enum_definition(u, *declaration) {
                    match result {
                        Ok(enum_type) => enums.push(EnumBuild { unit: u, enum_type }),
                        Err(problem) => self.not_understood(problem, None),
                    }
                    continue;
                }
                let call = strip_table_modifiers(declaration.value, unit);
                let Some(function) = self.table_function(call, Scope::top(u)) else {
                    continue;
                };
                handled.insert((u, call.start_byte()));
                let built = function.and_then(|f| self.table(u, *declaration, call, f));
                match built {
                    Ok(build) => {
                        let key = build.table.qualified_name();
                        if let Some(first) = seen.get(&key) {
                            self.not_understood(
                                self.problem(
                                    u,
                                    declaration.name,
                                    format!(
                                        "table `{key}` is declared again (first at {}); this declaration is left out",
                                        first.location()
                                    ),
                                ),
                                Some(&key.name),
                            );
                            continue;
                        }
                        seen.insert(key, build.table.origin.span.clone());
                        builds.push(build);
                    }
                    Err(problem) => self.not_understood(problem, None),
                }
            }
            for &call in &unit.facts.table_calls {
                if !handled.contains(&(u, call.start_byte())) {
                    self.not_understood(
                        self.problem(
                            u,
                            call,
                            format!(
                                "{} is not a top-level declaration, so its table cannot be followed; it is left out",
                                self.quote(u, call)
                            ),
                        ),
                        None,
                    );
                }
            }
        }
        (builds, enums)
    }

    /// Whether `call` declares a table, and how it names it.
    fn table_function(
        &self,
        call: Node<'t>,
        scope: Scope<'_>,
    ) -> Option<Result<TableFunction, Problem>> {
        if call.kind() != "call_expression" {
            return None;
        }
        match self.callee(call.child_by_field_name("function")?, scope) {
            Callee::Core { name, .. } | Callee::Unbound(name) => {
                builders::table_function(name).map(|d| Ok(TableFunction::plain(d)))
            }
            Callee::Method { receiver, method } => {
                match method {
                    // pgTable.withRLS("name", { ... })
                    "withRLS" => {
                        let name = self.text(scope.unit, receiver);
                        builders::table_function(name).map(|d| Ok(TableFunction::plain(d)))
                    }
                    "table" => Some(self.schema_of(receiver, scope)?.map(|(dialect, schema)| {
                        TableFunction {
                            schema,
                            ..TableFunction::plain(dialect)
                        }
                    })),
                    _ => None,
                }
            }
            Callee::Declaration { unit, declaration } => {
                let creator = unwrap(declaration.value);
                if creator.kind() != "call_expression" {
                    return None;
                }
                let inner = Scope::top(unit);
                let dialect = match self.callee(creator.child_by_field_name("function")?, inner) {
                    Callee::Core { name, .. } | Callee::Unbound(name) => {
                        builders::table_creator(name)?
                    }
                    _ => return None,
                };
                Some(self.creator(dialect, creator, inner))
            }
            Callee::Unknown => None,
        }
    }

    /// `pgTableCreator((name) => \`app_${name}\`)`: the prefix and suffix it adds.
    fn creator(
        &self,
        dialect: Dialect,
        creator: Node<'t>,
        scope: Scope<'_>,
    ) -> Result<TableFunction, Problem> {
        let not_static = || {
            self.problem(
                scope.unit,
                creator,
                format!(
                    "the table names {} makes cannot be read statically; its tables are left out",
                    self.quote(scope.unit, creator)
                ),
            )
        };
        let function = arguments(creator)
            .first()
            .map(|f| unwrap(*f))
            .ok_or_else(not_static)?;
        let body = self
            .function_body(function, scope.unit)
            .ok_or_else(not_static)?;
        // Evaluate the body with a marker for the name: what surrounds it is the affix.
        const MARKER: &str = "\u{0}table\u{0}";
        let params = self
            .parameter_list(function, scope.unit)
            .ok_or_else(not_static)?;
        let [param] = params.as_slice() else {
            return Err(not_static());
        };
        let bound = [(param.clone(), Param::Value(Js::Str(MARKER.into())))];
        let inner = Scope {
            unit: scope.unit,
            params: &bound,
            depth: scope.depth + 1,
        };
        match literal(self.program, body, inner) {
            Js::Str(text) if text.matches(MARKER).count() == 1 => {
                let (prefix, suffix) = text.split_once(MARKER).expect("marker present");
                Ok(TableFunction {
                    prefix: prefix.to_string(),
                    suffix: suffix.to_string(),
                    ..TableFunction::plain(dialect)
                })
            }
            _ => Err(not_static()),
        }
    }

    fn parameter_list(&self, function: Node<'t>, unit: usize) -> Option<Vec<String>> {
        if let Some(single) = function.child_by_field_name("parameter") {
            return Some(vec![self.text(unit, single).to_string()]);
        }
        children(function.child_by_field_name("parameters")?)
            .into_iter()
            .map(|p| {
                let pattern = match p.kind() {
                    "identifier" => p,
                    _ => p.child_by_field_name("pattern")?,
                };
                (pattern.kind() == "identifier").then(|| self.text(unit, pattern).to_string())
            })
            .collect()
    }

    /// `pgSchema("auth")` (directly or through a declaration): its dialect and schema name
    /// (`None` for the default schema).
    pub(super) fn schema_of(
        &self,
        node: Node<'t>,
        scope: Scope<'_>,
    ) -> Option<Result<(Dialect, Option<String>), Problem>> {
        let node = unwrap(node);
        match node.kind() {
            "identifier" => {
                let name = self.text(scope.unit, node);
                match self.program.resolve(scope.unit, name)? {
                    super::program::Binding::Declaration { unit, declaration } => {
                        self.schema_of(declaration.value, Scope::top(unit))
                    }
                    _ => None,
                }
            }
            "call_expression" => {
                let dialect = match self.callee(node.child_by_field_name("function")?, scope) {
                    Callee::Core { name, .. } | Callee::Unbound(name) => {
                        builders::schema_function(name)?
                    }
                    _ => return None,
                };
                let name = arguments(node)
                    .first()
                    .map(|n| literal(self.program, *n, scope));
                Some(match name {
                    Some(Js::Str(schema)) => Ok((
                        dialect,
                        Some(schema).filter(|s| !dialect.is_default_schema(s)),
                    )),
                    _ => Err(self.problem(
                        scope.unit,
                        node,
                        format!(
                            "schema name {} cannot be read statically",
                            self.quote(scope.unit, node)
                        ),
                    )),
                })
            }
            _ => None,
        }
    }

    /// Reads one table declaration's name and columns.
    fn table(
        &self,
        unit: usize,
        declaration: Declaration<'t>,
        call: Node<'t>,
        function: TableFunction,
    ) -> Result<TableBuild<'t>, Problem> {
        let scope = Scope::top(unit);
        let args = arguments(call);
        let name_node = *args
            .first()
            .ok_or_else(|| self.problem(unit, call, "a table without a name"))?;
        let Js::Str(name) = literal(self.program, name_node, scope) else {
            return Err(self.problem(
                unit,
                name_node,
                format!(
                    "table name {} is computed at run time; the table is left out",
                    self.quote(unit, name_node)
                ),
            ));
        };
        let stored = format!("{}{name}{}", function.prefix, function.suffix);
        let origin = Origin::new(SourceKind::Drizzle, self.span(unit, name_node));
        let table = Table::new(
            Name {
                stored,
                written: name,
            },
            function.schema,
            origin,
        );
        let variable = self.text(unit, declaration.name).to_string();
        let mut build = TableBuild {
            unit,
            variable,
            dialect: function.dialect,
            table,
            keys: Vec::new(),
            extras: args.get(2).map(|e| (*e, unit)),
            references: Vec::new(),
            exported: self.unit(unit).is_exported(&declaration),
            name_node: declaration.name,
        };
        match args.get(1) {
            Some(&columns) => self.add_columns(&mut build, columns, scope),
            None => self.not_understood(
                self.problem(unit, call, "a table without columns"),
                Some(&build.table.name.stored),
            ),
        }
        Ok(build)
    }

    /// Adds the columns an expression declares: an object literal, the `(t) => ({...})`
    /// callback form, a shared object, or a helper returning one.
    fn add_columns(&self, build: &mut TableBuild<'t>, node: Node<'t>, scope: Scope<'_>) {
        let node = unwrap(node);
        let table = build.table.name.stored.clone();
        let cannot_follow = |what: &str| {
            self.problem(
                scope.unit,
                node,
                format!(
                    "{what} {} cannot be followed; its columns are left out",
                    self.quote(scope.unit, node)
                ),
            )
        };
        match node.kind() {
            "object" => {
                let text = &self.unit(scope.unit).file.text;
                for item in children(node) {
                    match item.kind() {
                        "pair" => {
                            let key = item
                                .child_by_field_name("key")
                                .and_then(|k| property_key(k, text));
                            let value = item.child_by_field_name("value");
                            let (Some(key), Some(value)) = (key, value) else {
                                self.not_understood(
                                    self.problem(
                                        scope.unit,
                                        item,
                                        format!(
                                            "computed column key {} cannot be read statically; the column is left out",
                                            self.quote(scope.unit, item)
                                        ),
                                    ),
                                    Some(&table),
                                );
                                continue;
                            };
                            match self.column(value, scope, build.dialect) {
                                Ok(spec) => self.add_column(build, &key, spec, scope.unit, item),
                                Err(problem) => self.not_understood(problem, Some(&table)),
                            }
                        }
                        "shorthand_property_identifier" => {
                            let key = self.text(scope.unit, item).to_string();
                            // `{ id }` is `{ id: id }`
                            match self.column(item, scope, build.dialect) {
                                Ok(spec) => self.add_column(build, &key, spec, scope.unit, item),
                                Err(problem) => self.not_understood(problem, Some(&table)),
                            }
                        }
                        "spread_element" => match item.named_child(0) {
                            Some(inner) => self.add_columns(build, inner, scope),
                            None => continue,
                        },
                        _ => self.not_understood(
                            self.problem(
                                scope.unit,
                                item,
                                format!(
                                    "{} in a columns object cannot be read; it is left out",
                                    self.quote(scope.unit, item)
                                ),
                            ),
                            Some(&table),
                        ),
                    }
                }
            }
            // pgTable("users", (t) => ({ id: t.integer() }))
            "arrow_function" | "function_expression" => {
                let params: Vec<(String, Param)> = self
                    .parameter_list(node, scope.unit)
                    .unwrap_or_default()
                    .into_iter()
                    .take(1)
                    .map(|p| (p, Param::Builders(build.dialect)))
                    .collect();
                match self.function_body(node, scope.unit) {
                    Some(body) => {
                        let inner = Scope {
                            unit: scope.unit,
                            params: &params,
                            depth: scope.depth + 1,
                        };
                        self.add_columns(build, body, inner)
                    }
                    None => self.not_understood(cannot_follow("columns callback"), Some(&table)),
                }
            }
            "identifier" => {
                let name = self.text(scope.unit, node);
                match self.program.resolve(scope.unit, name) {
                    Some(super::program::Binding::Declaration { unit, declaration })
                        if scope.depth < super::value::MAX_DEPTH =>
                    {
                        let inner = Scope {
                            unit,
                            params: &[],
                            depth: scope.depth + 1,
                        };
                        self.add_columns(build, declaration.value, inner)
                    }
                    _ => self.not_understood(cannot_follow("shared columns"), Some(&table)),
                }
            }
            "call_expression" => {
                let callee = node
                    .child_by_field_name("function")
                    .map(|f| self.callee(f, scope));
                let helper = match callee {
                    Some(Callee::Declaration { unit, declaration }) => {
                        let value = unwrap(declaration.value);
                        matches!(
                            value.kind(),
                            "arrow_function"
                                | "function_expression"
                                | "function_declaration"
                                | "function"
                        )
                        .then_some((unit, value))
                    }
                    _ => None,
                };
                let Some((unit, function)) = helper else {
                    self.not_understood(cannot_follow("shared columns"), Some(&table));
                    return;
                };
                let result = self.call_helper(function, unit, node, scope, |body, inner| {
                    self.add_columns(build, body, inner);
                    Ok(())
                });
                if let Err(problem) = result {
                    self.not_understood(problem, Some(&table));
                }
            }
            _ => self.not_understood(cannot_follow("columns"), Some(&table)),
        }
    }

    fn add_column(
        &self,
        build: &mut TableBuild<'t>,
        key: &str,
        spec: super::columns::ColumnSpec<'t>,
        unit: usize,
        property: Node<'t>,
    ) {
        let table = build.table.name.stored.clone();
        for problem in &spec.notes {
            self.not_understood(problem.clone(), Some(&table));
        }
        let origin = self.span(unit, property);
        let casing = self.casing[build.unit];
        let column = self.model_column(key, &spec, casing, origin.clone(), build.dialect, &table);
        let name = column.name.stored.clone();
        // A later key replaces an earlier one (`{ ...base, id: ... }`), in its place.
        match build.keys.iter().position(|(k, _)| k == key) {
            Some(i) => {
                build.keys[i].1 = name.clone();
                build.table.columns[i] = column;
            }
            None => {
                build.keys.push((key.to_string(), name.clone()));
                build.table.columns.push(column);
            }
        }
        let column_origin = Origin::new(SourceKind::Drizzle, origin.clone());
        if spec.primary {
            build
                .table
                .primary_key
                .get_or_insert_with(|| PrimaryKey {
                    name: None,
                    columns: Vec::new(),
                    origin: column_origin.clone(),
                })
                .columns
                .push(name.clone());
        }
        if let Some(unique_name) = spec.unique {
            build.table.unique_constraints.push(UniqueConstraint {
                name: unique_name,
                columns: vec![name.clone()],
                origin: column_origin,
            });
        }
        for (unit, call) in spec.references {
            build.references.push(Reference {
                unit,
                call,
                column: name.clone(),
                origin: origin.clone(),
            });
        }
    }

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
                Ok(extra) => out.push(extra),
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
    ) -> Result<Extra, Problem> {
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
                    index.predicate = Some(canonical_expression(&sql(*predicate, full)?, dialect));
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
        Ok(extra)
    }
}

/// A referential action as the model spells it (`no action`, the default, is none).
fn action(value: Option<&Js>) -> Option<String> {
    value
        .and_then(Js::as_str)
        .map(str::to_lowercase)
        .filter(|a| a != "no action")
}

/// `pgTable(...).enableRLS()` is the table call itself.
fn strip_table_modifiers<'t>(value: Node<'t>, unit: &super::program::Unit<'t>) -> Node<'t> {
    let mut node = unwrap(value);
    while node.kind() == "call_expression" {
        let Some(function) = node.child_by_field_name("function") else {
            break;
        };
        let is_rls = function.kind() == "member_expression"
            && function
                .child_by_field_name("property")
                .is_some_and(|p| unit.text(p) == "enableRLS");
        match function.child_by_field_name("object") {
            Some(object) if is_rls => node = unwrap(object),
            _ => break,
        }
    }
    node
}
