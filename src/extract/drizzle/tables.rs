//! Table declarations: `pgTable("users", { ... })`, through `pgSchema("x").table` and
//! `pgTableCreator` prefixes, with their columns from object literals, shared objects and
//! helpers. Constraints that need every table read are in `constraints`.

use super::builders;
use super::columns::{Callee, Reference};
use super::query::Declaration;
use super::scope::Membership;
use super::value::{Js, Param, Scope, arguments, children, literal, property_key, unwrap};
use super::{EnumBuild, Extractor, Problem, TableBuild};
use crate::model::{
    Dialect, Name, Origin, PrimaryKey, QualifiedName, SourceKind, Table, UniqueConstraint,
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

impl<'p, 't> Extractor<'p, 't> {
    /// Reads every top-level table and enum declaration.
    pub(super) fn declarations(&self) -> (Vec<TableBuild<'t>>, Vec<EnumBuild>) {
        let mut builds: Vec<TableBuild<'t>> = Vec::new();
        let mut enums = Vec::new();
        let mut handled: HashSet<(usize, usize)> = HashSet::new();
        let mut seen: HashMap<QualifiedName, Span> = HashMap::new();
        // Files of a configuration's schema first (those with migrations before the rest), so a
        // table declared again outside every schema is the stray copy (`drizzle-kit pull`
        // output, an old package), left out with one note per file.
        let memberships = super::scope::memberships(self.program);
        let membership = |u: usize| memberships.as_ref().map_or(Membership::Migrated, |m| m[u]);
        let mut order: Vec<usize> = (0..self.program.units.len()).collect();
        order.sort_by_key(|&u| membership(u));
        for u in order {
            let unit = &self.program.units[u];
            if unit.is_config() {
                continue;
            }
            let outside = matches!(membership(u), Membership::Outside | Membership::Imported);
            let imported = membership(u) == Membership::Imported;
            let mut copies: Vec<Node<'t>> = Vec::new();
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
                    Ok(mut build) => {
                        let key = build.table.qualified_name();
                        if outside && seen.contains_key(&key) {
                            copies.push(declaration.name);
                            continue;
                        }
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
                        // `inspect` shows these as external.
                        build.table.external = imported;
                        seen.insert(key, build.table.origin.span.clone());
                        builds.push(build);
                    }
                    Err(problem) => self.not_understood(problem, None),
                }
            }
            if let Some(first) = copies.first() {
                self.stray_copy(u, *first, copies.len());
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

    /// One note for a file outside every configuration's `schema` that declares again tables
    /// the schema declares.
    fn stray_copy(&self, u: usize, first: Node<'t>, count: usize) {
        let tables = match count {
            1 => "a table".to_string(),
            n => format!("{n} tables"),
        };
        self.not_understood(
            self.problem(
                u,
                first,
                format!(
                    "`{}` declares again {tables} of the schema, but no drizzle-kit configuration's `schema` includes it: a stray copy, left out",
                    self.program.unit(u).path()
                ),
            ),
            None,
        );
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
                    // Only a call: a chain of aliases could be a cycle.
                    super::program::Binding::Declaration { unit, declaration }
                        if unwrap(declaration.value).kind() == "call_expression" =>
                    {
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
                        // `get id() { return cuid("id").notNull(); }`: a fresh column per use.
                        "method_definition" if getter_return(item).is_some() => {
                            let key = item
                                .child_by_field_name("name")
                                .and_then(|k| property_key(k, text));
                            let value = getter_return(item);
                            let (Some(key), Some(value)) = (key, value) else {
                                continue;
                            };
                            match self.column(value, scope, build.dialect) {
                                Ok(spec) => self.add_column(build, &key, spec, scope.unit, item),
                                Err(problem) => self.not_understood(problem, Some(&table)),
                            }
                        }
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

/// The expression a getter returns, when its body is a single `return`:
/// `get id() { return cuid("id").notNull(); }`.
pub(super) fn getter_return(method: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = method.walk();
    let is_getter = method
        .children(&mut cursor)
        .any(|c| !c.is_named() && c.kind() == "get");
    if !is_getter {
        return None;
    }
    let body = method.child_by_field_name("body")?;
    let mut cursor = body.walk();
    let statements: Vec<Node<'_>> = body
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect();
    match statements.as_slice() {
        [only] if only.kind() == "return_statement" => only.named_child(0),
        _ => None,
    }
}
