//! Column builder chains: `text("user_id").notNull().default("x").references(() => users.id)`,
//! read from the base builder outwards, through enums, `customType`s and small helper
//! functions defined in the repository.

use super::builders;
use super::program::{Binding, DrizzleModule};
use super::query::Declaration;
use super::value::{
    Js, MAX_DEPTH, Param, Scope, arguments, children, enum_values, literal, property_key, unwrap,
};
use super::{Extractor, Problem};
use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::types::{ColumnType, normalize_type};
use crate::model::{Dialect, EnumType, Identity, Name, Origin, SourceKind};
use crate::source::Span;
use tree_sitter::Node;

/// A column default as the code gives it, rendered once the column's final type is known.
#[derive(Debug, Clone)]
pub(super) enum DefaultValue {
    /// SQL text (`sql\`now()\``, `.defaultNow()`).
    Sql(String),
    /// A literal (`.default("draft")`, `.default(0)`, `.default([])`).
    Value(Js),
}

/// A column-level `.references(() => users.id, { onDelete })` still to resolve.
#[derive(Debug, Clone)]
pub(super) struct Reference<'t> {
    pub unit: usize,
    /// The `.references(...)` call.
    pub call: Node<'t>,
    /// The referencing column's name, once known.
    pub column: String,
    pub origin: Span,
}

/// What a builder chain says about one column.
#[derive(Debug, Clone)]
pub(super) struct ColumnSpec<'t> {
    /// The column name passed to the builder, if any.
    pub name: Option<String>,
    pub type_written: String,
    pub ty: ColumnType,
    pub not_null: bool,
    pub primary: bool,
    pub identity: Option<Identity>,
    pub default: Option<(DefaultValue, usize, Node<'t>)>,
    /// A default is given but cannot be read: unknown, never compared.
    pub default_unknown: bool,
    /// The builder is known but an option its type depends on is not: unknown, never compared.
    pub type_unknown: bool,
    /// `$defaultFn(() => 0)`: a literal value the client sets on insert, as SQL.
    pub client_default: Option<String>,
    pub unique: Option<Option<String>>,
    pub references: Vec<(usize, Node<'t>)>,
    /// Parts of the chain not understood that do not make the column unknown.
    pub notes: Vec<Problem>,
}

impl ColumnSpec<'_> {
    fn new(name: Option<String>, type_written: String, dialect: Dialect) -> Self {
        let (ty, serial) = normalize_type(&type_written, dialect);
        let mut spec = Self::typed(name, type_written, ty, serial);
        if serial && dialect == Dialect::Mysql {
            // MySQL's SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE; drizzle-kit
            // writes `serial AUTO_INCREMENT`.
            spec.identity = Some(Identity::AutoIncrement);
        }
        spec
    }

    fn typed(name: Option<String>, type_written: String, ty: ColumnType, serial: bool) -> Self {
        ColumnSpec {
            name,
            type_written,
            ty,
            not_null: serial,
            primary: false,
            identity: serial.then_some(Identity::Serial),
            default: None,
            default_unknown: false,
            type_unknown: false,
            client_default: None,
            unique: None,
            references: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What the function part of a call refers to.
#[derive(Debug, Clone, Copy)]
pub(super) enum Callee<'t> {
    /// An export of a drizzle core module (`text`, `pgTable`, `index`, …).
    Core {
        dialect: Dialect,
        name: &'t str,
    },
    /// A declaration of the repository (an enum, a custom type, a helper, a table creator).
    Declaration {
        unit: usize,
        declaration: Declaration<'t>,
    },
    /// A name bound to nothing known: matched against the builder names of the dialect.
    Unbound(&'t str),
    /// `receiver.method(...)`: a modifier of a chain.
    Method {
        receiver: Node<'t>,
        method: &'t str,
    },
    Unknown,
}

impl<'p, 't> Extractor<'p, 't> {
    pub(super) fn callee(&self, function: Node<'t>, scope: Scope<'_>) -> Callee<'t> {
        let function = unwrap(function);
        match function.kind() {
            "identifier" => {
                let name = self.text(scope.unit, function);
                if scope.param(name).is_some() {
                    return Callee::Unknown;
                }
                match self.program.resolve(scope.unit, name) {
                    Some(Binding::Drizzle {
                        module: DrizzleModule::Core(dialect),
                        name: Some(name),
                    }) => Callee::Core { dialect, name },
                    Some(Binding::Declaration { unit, declaration }) => {
                        Callee::Declaration { unit, declaration }
                    }
                    None => Callee::Unbound(name),
                    _ => Callee::Unknown,
                }
            }
            "member_expression" => {
                let (Some(object), Some(property)) = (
                    function.child_by_field_name("object"),
                    function.child_by_field_name("property"),
                ) else {
                    return Callee::Unknown;
                };
                let object = unwrap(object);
                let method = self.text(scope.unit, property);
                if object.kind() == "identifier" {
                    let name = self.text(scope.unit, object);
                    match scope.param(name) {
                        Some(Param::Builders(dialect)) => {
                            return Callee::Core {
                                dialect: *dialect,
                                name: method,
                            };
                        }
                        Some(_) => {}
                        None => match self.program.resolve(scope.unit, name) {
                            Some(Binding::Drizzle {
                                module: DrizzleModule::Core(dialect),
                                name: None,
                            }) => {
                                return Callee::Core {
                                    dialect,
                                    name: method,
                                };
                            }
                            Some(Binding::Module { unit }) => {
                                if let Some(Binding::Declaration { unit, declaration }) =
                                    self.program.resolve_member(unit, method)
                                {
                                    return Callee::Declaration { unit, declaration };
                                }
                            }
                            _ => {}
                        },
                    }
                }
                Callee::Method {
                    receiver: object,
                    method,
                }
            }
            _ => Callee::Unknown,
        }
    }

    /// Reads a column builder chain.
    pub(super) fn column(
        &self,
        node: Node<'t>,
        scope: Scope<'_>,
        dialect: Dialect,
    ) -> Result<ColumnSpec<'t>, Problem> {
        let node = unwrap(node);
        let unknown = || {
            self.problem(
                scope.unit,
                node,
                format!(
                    "{} is not a column builder this tool can read",
                    self.quote(scope.unit, node)
                ),
            )
        };
        match node.kind() {
            "call_expression" => {
                let Some(function) = node.child_by_field_name("function") else {
                    return Err(unknown());
                };
                // `customType({ dataType() { ... } })(name)`, as a generic helper returns it.
                if self.is_custom_type(unwrap(function), scope.unit) {
                    return self.custom_type(
                        scope.unit,
                        unwrap(function),
                        "customType",
                        node,
                        scope,
                        dialect,
                    );
                }
                match self.callee(function, scope) {
                    Callee::Core { dialect: d, name } => self.base_builder(d, name, node, scope),
                    Callee::Unbound(name)
                        if name == "mysqlEnum"
                            || builders::sql_type(dialect, name, &Js::Null)
                                .is_ok_and(|t| t.is_some()) =>
                    {
                        self.base_builder(dialect, name, node, scope)
                    }
                    Callee::Declaration { unit, declaration } => {
                        self.declared_builder(unit, declaration, node, scope, dialect)
                    }
                    Callee::Method { receiver, method } => {
                        self.modified_column(node, receiver, method, scope, dialect)
                    }
                    Callee::Unbound(name) => Err(self.problem(
                        scope.unit,
                        node,
                        format!("unknown column builder `{name}()`"),
                    )),
                    Callee::Unknown => Err(unknown()),
                }
            }
            // `id: idColumn` or `{ idColumn }` where `const idColumn = uuid().primaryKey()`
            "identifier" | "shorthand_property_identifier" => {
                let name = self.text(scope.unit, node);
                match self.program.resolve(scope.unit, name) {
                    Some(Binding::Declaration { unit, declaration })
                        if scope.param(name).is_none() && scope.depth < MAX_DEPTH =>
                    {
                        let inner = Scope {
                            unit,
                            params: &[],
                            depth: scope.depth + 1,
                        };
                        self.column(declaration.value, inner, dialect)
                    }
                    _ => Err(unknown()),
                }
            }
            // `id: common.id` where `const common = { id: uuid() }`
            "member_expression" => {
                let object = node.child_by_field_name("object").map(unwrap);
                let property = node.child_by_field_name("property");
                if let (Some(object), Some(property)) = (object, property)
                    && object.kind() == "identifier"
                    && scope.depth < MAX_DEPTH
                {
                    let name = self.text(scope.unit, object);
                    let key = self.text(scope.unit, property);
                    if let Some(Binding::Declaration { unit, declaration }) =
                        self.program.resolve(scope.unit, name)
                    {
                        let value = unwrap(declaration.value);
                        if value.kind() == "object"
                            && let Some(member) = self.object_member(unit, value, key)
                        {
                            let inner = Scope {
                                unit,
                                params: &[],
                                depth: scope.depth + 1,
                            };
                            return self.column(member, inner, dialect);
                        }
                    }
                }
                Err(unknown())
            }
            _ => Err(unknown()),
        }
    }

    /// `text("a").notNull().default("x")`: walks down the chain to its builder, then applies the
    /// modifiers outward, so a chain costs a loop, not a stack frame per modifier.
    fn modified_column(
        &self,
        outer: Node<'t>,
        receiver: Node<'t>,
        method: &'t str,
        scope: Scope<'_>,
        dialect: Dialect,
    ) -> Result<ColumnSpec<'t>, Problem> {
        const LONGEST_CHAIN: usize = 200;
        let mut chain = vec![(method, outer)];
        let mut base = receiver;
        loop {
            let inner = unwrap(base);
            let Some(function) = inner
                .child_by_field_name("function")
                .filter(|_| inner.kind() == "call_expression")
            else {
                break;
            };
            if self.is_custom_type(unwrap(function), scope.unit) {
                break;
            }
            let Callee::Method { receiver, method } = self.callee(function, scope) else {
                break;
            };
            if chain.len() >= LONGEST_CHAIN {
                return Err(self.problem(
                    scope.unit,
                    outer,
                    format!("a column chains more than {LONGEST_CHAIN} modifiers, more than schemadrift reads"),
                ));
            }
            chain.push((method, inner));
            base = receiver;
        }
        let mut spec = self.column(base, scope, dialect)?;
        for (method, call) in chain.into_iter().rev() {
            self.modifier(&mut spec, method, call, scope, dialect);
        }
        Ok(spec)
    }

    /// The value of property `key` in an object literal.
    pub(super) fn object_member(
        &self,
        unit: usize,
        object: Node<'t>,
        key: &str,
    ) -> Option<Node<'t>> {
        let text = &self.unit(unit).file.text;
        children(object)
            .into_iter()
            .rev()
            .find_map(|item| match item.kind() {
                "pair" => item
                    .child_by_field_name("key")
                    .and_then(|k| property_key(k, text))
                    .is_some_and(|k| k == key)
                    .then(|| item.child_by_field_name("value"))
                    .flatten(),
                // `get workspaceID() { return cuid("workspace_id").notNull(); }`
                "method_definition" => item
                    .child_by_field_name("name")
                    .and_then(|k| property_key(k, text))
                    .is_some_and(|k| k == key)
                    .then(|| super::tables::getter_return(item))
                    .flatten(),
                _ => None,
            })
    }

    /// The leading `("name", { options })` of a builder call.
    fn name_and_options(
        &self,
        args: &[Node<'t>],
        scope: Scope<'_>,
        call: Node<'t>,
    ) -> Result<(Option<String>, Js), Problem> {
        let mut rest = args;
        let mut name = None;
        if let Some(&first) = args.first() {
            match literal(self.program, first, scope) {
                Js::Str(s) => {
                    name = Some(s);
                    rest = &args[1..];
                }
                Js::Undefined => rest = &args[1..],
                Js::Object(_) => {}
                _ => {
                    return Err(self.problem(
                        scope.unit,
                        first,
                        format!(
                            "column name {} cannot be read statically",
                            self.quote(scope.unit, first)
                        ),
                    ));
                }
            }
        }
        let options = match rest.first() {
            None => Js::Null,
            Some(&node) => match literal(self.program, node, scope) {
                options @ Js::Object(_) => options,
                Js::Undefined => Js::Null,
                _ => {
                    return Err(self.problem(
                        scope.unit,
                        call,
                        format!(
                            "the options of {} cannot be read statically",
                            self.quote(scope.unit, call)
                        ),
                    ));
                }
            },
        };
        Ok((name, options))
    }

    /// A builder of a drizzle core module: `text("name")`, `varchar({ length: 255 })`.
    fn base_builder(
        &self,
        dialect: Dialect,
        name: &str,
        call: Node<'t>,
        scope: Scope<'_>,
    ) -> Result<ColumnSpec<'t>, Problem> {
        let args = arguments(call);
        if name == "mysqlEnum" {
            // mysqlEnum("name", ["a", "b"]) or mysqlEnum(["a", "b"])
            let (column_name, values) = match args.as_slice() {
                [values] => (None, *values),
                [column, values, ..] => match literal(self.program, *column, scope) {
                    Js::Str(s) => (Some(s), *values),
                    Js::Undefined => (None, *values),
                    _ => {
                        return Err(self.problem(
                            scope.unit,
                            *column,
                            format!(
                                "column name {} cannot be read statically",
                                self.quote(scope.unit, *column)
                            ),
                        ));
                    }
                },
                [] => return Err(self.problem(scope.unit, call, "`mysqlEnum()` without values")),
            };
            let values = self.string_list(values, scope)?;
            let quoted: Vec<String> = values
                .iter()
                .map(|v| format!("'{}'", v.replace('\'', "''")))
                .collect();
            return Ok(ColumnSpec::typed(
                column_name,
                format!("enum({})", quoted.join(",")),
                ColumnType::InlineEnum(values),
                false,
            ));
        }
        let (column_name, options) = self.name_and_options(&args, scope, call)?;
        match builders::sql_type(dialect, name, &options) {
            Ok(Some(written)) => Ok(ColumnSpec::new(column_name, written, dialect)),
            Ok(None) => Err(self.problem(
                scope.unit,
                call,
                format!(
                    "`{name}()` is not a {} column builder this tool knows",
                    dialect.name()
                ),
            )),
            Err(message) => {
                // The column exists whatever its length or precision: kept, its type unknown.
                let base = builders::sql_type(dialect, name, &Js::Null)
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| name.to_string());
                let mut spec = ColumnSpec::new(column_name, base, dialect);
                spec.type_unknown = true;
                spec.notes.push(self.problem(
                    scope.unit,
                    call,
                    format!("{message}; the column's type is unknown and not compared"),
                ));
                Ok(spec)
            }
        }
    }

    /// A list of string literals: `["a", "b"]`, a `const` array, a string enum.
    pub(super) fn string_list(
        &self,
        node: Node<'t>,
        scope: Scope<'_>,
    ) -> Result<Vec<String>, Problem> {
        if let Some(values) = enum_values(self.program, node, scope) {
            return Ok(values);
        }
        match literal(self.program, node, scope) {
            Js::Array(items) => items
                .into_iter()
                .map(|item| match item {
                    Js::Str(s) => Ok(s),
                    _ => Err(()),
                })
                .collect::<Result<Vec<_>, ()>>(),
            _ => Err(()),
        }
        .map_err(|()| {
            self.problem(
                scope.unit,
                node,
                format!(
                    "the values {} cannot be read statically",
                    self.quote(scope.unit, node)
                ),
            )
        })
    }

    /// A builder declared in the repository: an enum, a `customType`, or a helper function.
    fn declared_builder(
        &self,
        unit: usize,
        declaration: Declaration<'t>,
        call: Node<'t>,
        scope: Scope<'_>,
        dialect: Dialect,
    ) -> Result<ColumnSpec<'t>, Problem> {
        let value = unwrap(declaration.value);
        let name = self.text(unit, declaration.name);
        if let Some(enum_type) = self.enum_definition(unit, declaration) {
            let enum_type = enum_type?;
            let args = arguments(call);
            let (column_name, _) = self.name_and_options(&args, scope, call)?;
            let qualified = match &enum_type.schema {
                Some(schema) => format!("{schema}.{}", enum_type.name.stored),
                None => enum_type.name.stored.clone(),
            };
            return Ok(ColumnSpec::typed(
                column_name,
                qualified.clone(),
                ColumnType::Enum(qualified),
                false,
            ));
        }
        match value.kind() {
            "arrow_function" | "function_expression" | "function_declaration" | "function" => self
                .call_helper(value, unit, call, scope, |body, inner| {
                    self.column(body, inner, dialect)
                }),
            "call_expression" => {
                if self.is_custom_type(value, unit) {
                    self.custom_type(unit, value, name, call, scope, dialect)
                } else {
                    Err(self.problem(
                        scope.unit,
                        call,
                        format!("`{name}` is not a column builder this tool can read"),
                    ))
                }
            }
            _ => Err(self.problem(
                scope.unit,
                call,
                format!("`{name}` is not a column builder this tool can read"),
            )),
        }
    }

    /// Whether `call` is `customType(...)`.
    fn is_custom_type(&self, call: Node<'t>, unit: usize) -> bool {
        call.kind() == "call_expression"
            && call.child_by_field_name("function").is_some_and(|f| {
                matches!(
                    self.callee(f, Scope::top(unit)),
                    Callee::Core {
                        name: "customType",
                        ..
                    } | Callee::Unbound("customType")
                )
            })
    }

    /// `customType({ dataType() { return "citext"; } })`, called as `citext("name", options)`.
    fn custom_type(
        &self,
        unit: usize,
        definition: Node<'t>,
        type_name: &str,
        call: Node<'t>,
        scope: Scope<'_>,
        dialect: Dialect,
    ) -> Result<ColumnSpec<'t>, Problem> {
        let args = arguments(call);
        let (column_name, options) = self.name_and_options(&args, scope, call)?;
        let not_static = || {
            self.problem(
                scope.unit,
                call,
                format!(
                    "the SQL type of custom type `{type_name}` cannot be read statically (its dataType() does not return a literal)"
                ),
            )
        };
        let object = arguments(definition)
            .first()
            .map(|o| unwrap(*o))
            .filter(|o| o.kind() == "object")
            .ok_or_else(not_static)?;
        let text = &self.unit(unit).file.text;
        let function = children(object)
            .into_iter()
            .find_map(|item| match item.kind() {
                "method_definition" => item
                    .child_by_field_name("name")
                    .filter(|n| property_key(*n, text).as_deref() == Some("dataType"))
                    .map(|_| item),
                "pair" => item
                    .child_by_field_name("key")
                    .filter(|k| property_key(*k, text).as_deref() == Some("dataType"))
                    .and_then(|_| item.child_by_field_name("value")),
                _ => None,
            });
        let function = function.ok_or_else(not_static)?;
        let param = self
            .parameter_names(function, unit)
            .ok()
            .and_then(|p| p.into_iter().next());
        let params: Vec<(String, Param)> = param
            .map(|(name, _)| (name, Param::Value(options)))
            .into_iter()
            .collect();
        let body = self.function_body(function, unit).ok_or_else(not_static)?;
        let inner = Scope {
            unit,
            params: &params,
            depth: scope.depth + 1,
        };
        match literal(self.program, body, inner) {
            Js::Str(written) => Ok(ColumnSpec::new(column_name, written, dialect)),
            _ => Err(not_static()),
        }
    }

    /// Applies one chained modifier.
    fn modifier(
        &self,
        spec: &mut ColumnSpec<'t>,
        method: &str,
        call: Node<'t>,
        scope: Scope<'_>,
        dialect: Dialect,
    ) {
        let args = arguments(call);
        match method {
            "notNull" => spec.not_null = true,
            "primaryKey" => {
                spec.primary = true;
                spec.not_null = true;
                let options = args
                    .first()
                    .map_or(Js::Null, |o| literal(self.program, *o, scope));
                if options.get("autoIncrement").and_then(Js::as_bool) == Some(true) {
                    spec.identity = Some(Identity::AutoIncrement);
                }
            }
            "default" => match args.first() {
                Some(&value) => match self.default_value(value, scope) {
                    Ok(value) => {
                        spec.default = Some((value, scope.unit, call));
                        spec.default_unknown = false;
                    }
                    Err(problem) => {
                        spec.default = None;
                        spec.default_unknown = true;
                        spec.notes.push(problem);
                    }
                },
                None => spec.default = None,
            },
            "defaultNow" => {
                let now = if dialect == Dialect::Mysql {
                    "(now())"
                } else {
                    "now()"
                };
                spec.default = Some((DefaultValue::Sql(now.into()), scope.unit, call));
            }
            "defaultRandom" => {
                spec.default = Some((
                    DefaultValue::Sql("gen_random_uuid()".into()),
                    scope.unit,
                    call,
                ))
            }
            "unique" => {
                let name = args
                    .first()
                    .and_then(|n| literal(self.program, *n, scope).as_str().map(String::from));
                spec.unique = Some(name);
            }
            "references" => spec.references.push((scope.unit, call)),
            "array" => {
                spec.ty = ColumnType::Array(Box::new(spec.ty.clone()));
                spec.type_written.push_str("[]");
            }
            "generatedAlwaysAsIdentity" => {
                spec.identity = Some(Identity::Always);
                spec.not_null = true;
            }
            "generatedByDefaultAsIdentity" => {
                spec.identity = Some(Identity::ByDefault);
                spec.not_null = true;
            }
            "autoincrement" => spec.identity = Some(Identity::AutoIncrement),
            // Client-side behaviour, TypeScript types, and what the model does not hold.
            "$defaultFn" | "$default" => {
                spec.client_default = args
                    .first()
                    .filter(|f| f.kind() == "arrow_function")
                    .and_then(|f| f.child_by_field_name("body"))
                    .filter(|body| body.kind() != "statement_block")
                    .map(|body| literal(self.program, body, scope))
                    // `() => null` sends SQL NULL, whatever the column's type.
                    .filter(|js| js.is_known() && !matches!(js, Js::Null))
                    .and_then(|js| {
                        default_sql(&DefaultValue::Value(js), &spec.ty)
                            .ok()
                            .flatten()
                    });
            }
            "$onUpdateFn" | "$onUpdate" | "$type" | "onUpdateNow" | "generatedAlwaysAs"
            | "$comment" => {}
            other => spec.notes.push(self.problem(
                scope.unit,
                call.child_by_field_name("function").unwrap_or(call),
                format!("unknown column modifier `.{other}()`; the column is read without it"),
            )),
        }
    }

    fn default_value(&self, value: Node<'t>, scope: Scope<'_>) -> Result<DefaultValue, Problem> {
        if let Some(sql) = self.sql_text(value, scope, &|_, _| None) {
            return sql.map(DefaultValue::Sql);
        }
        let js = literal(self.program, value, scope);
        if js.is_known() {
            Ok(DefaultValue::Value(js))
        } else {
            Err(self.problem(
                scope.unit,
                value,
                format!(
                    "default {} cannot be read statically; the column's default is unknown and not compared",
                    self.quote(scope.unit, value)
                ),
            ))
        }
    }

    /// The model's column for a spec declared under `key` at `origin`.
    pub(super) fn model_column(
        &self,
        key: &str,
        spec: &ColumnSpec<'t>,
        casing: super::casing::Casing,
        origin: Span,
        dialect: Dialect,
        table: &str,
    ) -> crate::model::Column {
        let (written, stored) = match &spec.name {
            Some(name) => (name.clone(), name.clone()),
            None => {
                self.column_keys.borrow_mut().push(key.to_string());
                (key.to_string(), casing.apply(key))
            }
        };
        let mut identity = spec.identity;
        if dialect == Dialect::Sqlite && spec.primary && spec.ty == ColumnType::Integer {
            identity.get_or_insert(Identity::AutoIncrement);
        }
        let mut default = None;
        let mut unknown = crate::model::Unknown {
            default: spec.default_unknown,
            ty: spec.type_unknown,
            ..Default::default()
        };
        if let Some((value, unit, node)) = &spec.default {
            match default_sql(value, &spec.ty) {
                Ok(Some(text)) => match normalize_default(&text, &spec.ty) {
                    DefaultKind::Value(value) => default = Some(value),
                    DefaultKind::Sequence => identity = Some(Identity::Serial),
                    DefaultKind::None => {}
                },
                Ok(None) => {}
                Err(()) => {
                    unknown.default = true;
                    self.not_understood(
                    self.problem(
                        *unit,
                        *node,
                        format!(
                            "default {} has no SQL form this tool knows for type {}; the column's default is unknown and not compared",
                            self.quote(*unit, *node),
                            spec.ty
                        ),
                    ),
                    Some(table),
                    )
                }
            }
        }
        crate::model::Column {
            name: Name { stored, written },
            ty: spec.ty.clone(),
            type_written: spec.type_written.clone(),
            nullable: !spec.not_null,
            default,
            client_default: spec.client_default.clone(),
            identity,
            comment: None,
            former_names: Vec::new(),
            unknown,
            origin: Origin::new(SourceKind::Drizzle, origin),
        }
    }

    /// The enum a declaration holds: `pgEnum("status", [...])`, `schema.enum("status", [...])`.
    pub(super) fn enum_definition(
        &self,
        unit: usize,
        declaration: Declaration<'t>,
    ) -> Option<Result<EnumType, Problem>> {
        let value = unwrap(declaration.value);
        if value.kind() != "call_expression" {
            return None;
        }
        let scope = Scope::top(unit);
        let schema = match self.callee(value.child_by_field_name("function")?, scope) {
            Callee::Core { name: "pgEnum", .. } | Callee::Unbound("pgEnum") => None,
            Callee::Method {
                receiver,
                method: "enum",
            } => match self.schema_of(receiver, scope)? {
                Ok((_, schema)) => schema,
                Err(problem) => return Some(Err(problem)),
            },
            _ => return None,
        };
        let args = arguments(value);
        let result = (|| {
            let name_node = *args
                .first()
                .ok_or_else(|| self.problem(unit, value, "an enum without a name"))?;
            let Js::Str(name) = literal(self.program, name_node, scope) else {
                return Err(self.problem(
                    unit,
                    name_node,
                    format!(
                        "enum name {} cannot be read statically; the enum is left out",
                        self.quote(unit, name_node)
                    ),
                ));
            };
            let values_node = *args
                .get(1)
                .ok_or_else(|| self.problem(unit, value, "an enum without values"))?;
            let values = self.string_list(values_node, scope)?;
            Ok(EnumType {
                name: Name::exact(&name),
                schema: schema.clone(),
                values,
                origin: Origin::new(SourceKind::Drizzle, self.span(unit, name_node)),
            })
        })();
        Some(result)
    }
}

/// The SQL text drizzle-kit writes for a default; `Ok(None)` for a `null` default.
fn default_sql(value: &DefaultValue, ty: &ColumnType) -> Result<Option<String>, ()> {
    let js = match value {
        DefaultValue::Sql(text) => return Ok(Some(text.clone())),
        DefaultValue::Value(js) => js,
    };
    Ok(Some(match js {
        // drizzle-kit writes a JSON column's default as `JSON.stringify` of it.
        Js::Null if matches!(ty, ColumnType::Json | ColumnType::Jsonb) => "'null'".into(),
        Js::Null | Js::Undefined => return Ok(None),
        Js::Str(s) => format!("'{}'", s.replace('\'', "''")),
        Js::Num(n) => n.clone(),
        Js::Bool(b) => b.to_string(),
        Js::Array(items) if matches!(ty, ColumnType::Array(_)) => {
            format!("'{}'", array_literal(items))
        }
        Js::Array(_) | Js::Object(_) => format!("'{}'", js.to_json().replace('\'', "''")),
        Js::Unknown => return Err(()),
    }))
}

/// drizzle-kit's `buildArrayString`: `["a", "b"]` → `{"a","b"}`.
fn array_literal(items: &[Js]) -> String {
    let values: Vec<String> = items
        .iter()
        .map(|item| match item {
            Js::Num(n) => n.clone(),
            Js::Bool(b) => b.to_string(),
            Js::Array(inner) => array_literal(inner),
            Js::Object(_) => format!("\"{}\"", item.to_json().replace('"', "\\\"")),
            Js::Str(s) => format!("\"{s}\""),
            Js::Null | Js::Undefined | Js::Unknown => "null".into(),
        })
        .collect();
    format!("{{{}}}", values.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_defaults_become_sql() {
        let value = |js: Js, ty: ColumnType| default_sql(&DefaultValue::Value(js), &ty).unwrap();
        assert_eq!(
            value(Js::Str("it's".into()), ColumnType::Text).as_deref(),
            Some("'it''s'")
        );
        assert_eq!(
            value(Js::Num("0".into()), ColumnType::Integer).as_deref(),
            Some("0")
        );
        assert_eq!(
            value(Js::Bool(true), ColumnType::Boolean).as_deref(),
            Some("true")
        );
        assert_eq!(value(Js::Null, ColumnType::Text), None);
        assert_eq!(value(Js::Null, ColumnType::Json).as_deref(), Some("'null'"));
        let tags = ColumnType::Array(Box::new(ColumnType::Text));
        assert_eq!(
            value(Js::Array(vec![]), tags.clone()).as_deref(),
            Some("'{}'")
        );
        assert_eq!(
            value(
                Js::Array(vec![Js::Str("a".into()), Js::Str("b".into())]),
                tags
            )
            .as_deref(),
            Some("'{\"a\",\"b\"}'")
        );
        let object = Js::Object(vec![("theme".into(), Js::Str("dark".into()))]);
        assert_eq!(
            value(object, ColumnType::Jsonb).as_deref(),
            Some("'{\"theme\":\"dark\"}'")
        );
    }
}
