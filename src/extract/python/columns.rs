//! `Column(...)`, `mapped_column(...)`, SQLModel `Field(...)`, their wrappers (`partial(Column,
//! ...)`, small local functions returning a column), server defaults and table-level items
//! (`Index`, `UniqueConstraint`, `CheckConstraint`, `ForeignKeyConstraint`, ...), read into
//! declarations the model and the Alembic replay both build tables from.

use super::env::{Env, Target};
use super::expr::{Call, Expr, ExprKind, Kwarg};
use super::types::{self, TypeRead};
use crate::model::Identity;
use crate::model::expression::normalize_expression;
use std::collections::HashMap;

/// Which constructor declared a column; it decides the nullability default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctor {
    Column,
    MappedColumn,
    Field,
}

/// A `server_default` read statically.
#[derive(Debug, Clone)]
pub enum ServerDefault {
    Sql(String),
    /// `FetchedValue()`: the database computes it in a way the code does not say.
    Fetched,
    Unknown(String),
}

/// The column a foreign key points at, as written.
#[derive(Debug, Clone)]
pub enum FkTarget {
    /// `"schema.table.column"` or `"table.column"`.
    Text(String),
    /// `User.id`, `users.c.id`: resolved by the caller, who knows the tables.
    Expr(Expr),
}

#[derive(Debug, Clone)]
pub struct FkDecl {
    /// The local columns (keys); empty for a column-level `ForeignKey`.
    pub columns: Vec<ColRef>,
    pub targets: Vec<FkTarget>,
    pub name: Option<String>,
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
    /// `use_alter=True`: left out of `CREATE TABLE` on databases that can `ALTER TABLE … ADD
    /// CONSTRAINT`, to be added once every table exists.
    pub use_alter: bool,
    pub expr: Expr,
}

#[derive(Debug, Clone)]
pub struct CheckDecl {
    pub name: Option<String>,
    pub sql: String,
    pub expr: Expr,
}

/// A column of a table-level item: a key (string), an attribute (`User.email`), or an
/// expression (`func.lower(User.email)`, `text("lower(email)")`) as SQL text.
#[derive(Debug, Clone, PartialEq)]
pub enum ColRef {
    Key(String),
    Attr(String),
    Sql(String),
}

#[derive(Debug, Clone)]
pub enum TableItem {
    Index {
        name: Option<String>,
        columns: Vec<ColRef>,
        unique: bool,
        method: Option<String>,
        predicate: Option<String>,
        expr: Expr,
    },
    Unique {
        name: Option<String>,
        columns: Vec<ColRef>,
        expr: Expr,
    },
    PrimaryKey {
        name: Option<String>,
        columns: Vec<ColRef>,
        expr: Expr,
    },
    ForeignKey(FkDecl),
    Check(CheckDecl),
}

/// A column as declared, before the ORM's defaults (nullability, names, autoincrement) apply.
#[derive(Debug, Clone)]
pub struct ColumnDecl {
    pub ctor: Ctor,
    /// The attribute (key) the column is reached by.
    pub attr: String,
    /// The database name when given explicitly (`Column("UserId", ...)`, `name=`).
    pub name: Option<String>,
    pub ty: Option<(TypeRead, Expr)>,
    pub nullable: Option<bool>,
    pub primary_key: bool,
    pub unique: Option<(bool, Expr)>,
    pub index: Option<(bool, Expr)>,
    pub server_default: Option<(ServerDefault, Expr)>,
    /// A literal `default=`: the value the ORM inserts itself, as SQL.
    pub client_default: Option<String>,
    /// A `default=` is given whose value cannot be read (`default=Status.DRAFT` of an enum
    /// this scan does not see, a function of the application).
    pub client_default_unknown: bool,
    pub identity: Option<Identity>,
    pub autoincrement: Option<bool>,
    pub sequence: bool,
    pub foreign_keys: Vec<FkDecl>,
    pub checks: Vec<CheckDecl>,
    pub comment: Option<String>,
    /// SQLModel's `Field(...)`, for `max_length` and friends.
    pub field: Option<Call>,
    /// Things in the declaration that could not be read: where, and why.
    pub notes: Vec<(Expr, String)>,
    pub call: Expr,
}

const MAX_DEPTH: u32 = 8;

/// Whether `expr` declares a column, and with which constructor; wrappers are expanded into
/// one call with their arguments merged.
pub fn column_call(env: &Env, expr: &Expr) -> Option<(Ctor, Call)> {
    column_call_at(env, expr, 0)
}

fn column_call_at(env: &Env, expr: &Expr, depth: u32) -> Option<(Ctor, Call)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let call = expr.call()?;
    match env.target(&call.func)? {
        Target::External(_) | Target::Unknown(_) => {
            let name = env.known_name(&call.func).or_else(|| {
                env.external(&call.func)
                    .filter(|p| p.starts_with("pydantic"))
                    .map(|p| p.rsplit('.').next().unwrap_or("").to_string())
            })?;
            match name.as_str() {
                "Column" => Some((Ctor::Column, call.clone())),
                "mapped_column" => Some((Ctor::MappedColumn, call.clone())),
                "Field" => Some((Ctor::Field, call.clone())),
                "deferred" | "column_property" | "query_expression" => {
                    column_call_at(env, call.args.first()?, depth + 1)
                }
                _ => None,
            }
        }
        Target::Value(value, rest) if rest.is_empty() => {
            // `ReqColumn = partial(Column, nullable=False)`
            let partial = value.call()?;
            let is_partial = match env.target(&partial.func)? {
                Target::External(path) => path.ends_with("partial"),
                Target::Unknown(name) => name.ends_with("partial"),
                _ => false,
            };
            if !is_partial {
                return None;
            }
            let inner = partial.args.first()?;
            let (ctor, _) = column_call_at(
                env,
                &Expr::new(
                    ExprKind::Call(Call {
                        func: Box::new(inner.clone()),
                        args: Vec::new(),
                        kwargs: Vec::new(),
                        splats: Vec::new(),
                    }),
                    inner.file,
                    inner.start,
                    inner.end,
                ),
                depth + 1,
            )?;
            let mut merged = Call {
                func: Box::new(inner.clone()),
                args: partial.args[1..].to_vec(),
                kwargs: partial.kwargs.clone(),
                splats: Vec::new(),
            };
            merged.args.extend(call.args.iter().cloned());
            merged.kwargs.extend(call.kwargs.iter().cloned());
            Some((ctor, merged))
        }
        Target::Function(m, f) => {
            // `def fk_column(target, **kw): return Column(ForeignKey(target), **kw)`
            let function = env.project.function(m, f);
            let body = function
                .returns
                .iter()
                .find(|r| r.condition.is_none() && !r.otherwise)?;
            let substituted = substitute_call(function, call, &body.value)?;
            column_call_at(env, &substituted, depth + 1)
        }
        _ => None,
    }
}

/// The return expression of a wrapper with the call's arguments put in for its parameters.
fn substitute_call(function: &super::module::Function, call: &Call, body: &Expr) -> Option<Expr> {
    let mut bound: HashMap<String, Expr> = HashMap::new();
    let mut extra_args: Vec<Expr> = Vec::new();
    let mut extra_kwargs: Vec<Kwarg> = Vec::new();
    let mut args_name = None;
    let mut kwargs_name = None;
    let mut positional = call.args.iter();
    for param in &function.params {
        match param.splat {
            1 => {
                args_name = Some(param.name.clone());
                extra_args.extend(positional.by_ref().cloned());
            }
            2 => kwargs_name = Some(param.name.clone()),
            _ => {
                if param.name == "self" || param.name == "cls" {
                    continue;
                }
                if let Some(k) = call.kwarg(&param.name) {
                    bound.insert(param.name.clone(), k.clone());
                } else if let Some(p) = positional.next() {
                    bound.insert(param.name.clone(), p.clone());
                } else if let Some(d) = &param.default {
                    bound.insert(param.name.clone(), d.clone());
                }
            }
        }
    }
    for kwarg in &call.kwargs {
        if !function
            .params
            .iter()
            .any(|p| p.splat == 0 && p.name == kwarg.name)
        {
            extra_kwargs.push(kwarg.clone());
        }
    }
    let mut out = substitute(body, &bound);
    if let ExprKind::Call(c) = &mut out.kind {
        let splats = std::mem::take(&mut c.splats);
        for splat in splats {
            let text = match &splat.kind {
                ExprKind::Other(t) => t.clone(),
                _ => String::new(),
            };
            let name = text.trim_start_matches('*');
            if text.starts_with("**") && kwargs_name.as_deref() == Some(name) {
                c.kwargs.extend(extra_kwargs.iter().cloned());
            } else if text.starts_with('*') && args_name.as_deref() == Some(name) {
                c.args.extend(extra_args.iter().cloned());
            } else {
                c.splats.push(splat);
            }
        }
    }
    Some(out)
}

fn substitute(expr: &Expr, bound: &HashMap<String, Expr>) -> Expr {
    let kind = match &expr.kind {
        ExprKind::Name(n) => match bound.get(n) {
            Some(value) => return value.clone(),
            None => ExprKind::Name(n.clone()),
        },
        ExprKind::Call(call) => ExprKind::Call(Call {
            func: Box::new(substitute(&call.func, bound)),
            args: call.args.iter().map(|a| substitute(a, bound)).collect(),
            kwargs: call
                .kwargs
                .iter()
                .map(|k| Kwarg {
                    value: substitute(&k.value, bound),
                    ..k.clone()
                })
                .collect(),
            splats: call.splats.clone(),
        }),
        ExprKind::Tuple(items) => {
            ExprKind::Tuple(items.iter().map(|i| substitute(i, bound)).collect())
        }
        ExprKind::List(items) => {
            ExprKind::List(items.iter().map(|i| substitute(i, bound)).collect())
        }
        other => other.clone(),
    };
    Expr::new(kind, expr.file, expr.start, expr.end)
}

/// Reads the arguments of a column constructor.
pub fn read_column(env: &Env, ctor: Ctor, call: &Call, attr: &str, whole: &Expr) -> ColumnDecl {
    let mut decl = ColumnDecl {
        ctor,
        attr: attr.to_string(),
        name: None,
        ty: None,
        nullable: None,
        primary_key: false,
        unique: None,
        index: None,
        server_default: None,
        client_default: None,
        client_default_unknown: false,
        identity: None,
        autoincrement: None,
        sequence: false,
        foreign_keys: Vec::new(),
        checks: Vec::new(),
        comment: None,
        field: None,
        notes: Vec::new(),
        call: whole.clone(),
    };
    if ctor == Ctor::Field {
        read_field(env, call, &mut decl);
        return decl;
    }
    for (i, arg) in call.args.iter().enumerate() {
        if i == 0
            && let Some(name) = env.string(arg)
        {
            decl.name = Some(name);
            continue;
        }
        schema_item_or_type(env, arg, &mut decl);
    }
    read_column_kwargs(env, &call.kwargs, &mut decl);
    decl
}

fn schema_item_or_type(env: &Env, arg: &Expr, decl: &mut ColumnDecl) {
    match env.callee(arg).as_deref() {
        Some("ForeignKey") => {
            let call = arg.call().expect("callee implies a call");
            if let Some(fk) = foreign_key(env, call, arg) {
                decl.foreign_keys.push(fk);
            }
        }
        Some("Sequence") => decl.sequence = true,
        Some("Identity") => {
            let call = arg.call().expect("callee implies a call");
            decl.identity = Some(
                if call.kwarg("always").and_then(|a| env.boolean(a)) == Some(true) {
                    Identity::Always
                } else {
                    Identity::ByDefault
                },
            );
        }
        Some("Computed") => {}
        Some("CheckConstraint") => {
            if let Some(check) = check(env, arg) {
                decl.checks.push(check);
            }
        }
        Some("FetchedValue") => decl.server_default = Some((ServerDefault::Fetched, arg.clone())),
        Some("DefaultClause") => {
            if let Some(inner) = arg.call().and_then(|c| c.args.first()) {
                decl.server_default = Some((server_default(env, inner), arg.clone()));
            }
        }
        _ => {
            match types::sa_type(env, arg) {
                TypeRead::NotAType => {
                    // `Column(vector_type(1536))`: a type built by a function of the project.
                    let built = arg.call().is_some_and(|call| {
                        matches!(env.target(&call.func), Some(Target::Function(..)))
                    });
                    if built && decl.ty.is_none() {
                        let reason = format!(
                            "`{}` is built by a function at run time, so its SQL type cannot be known statically",
                            env.project.expr_text(arg)
                        );
                        decl.ty = Some((TypeRead::Unknown(reason), arg.clone()));
                    }
                }
                read => decl.ty = Some((read, arg.clone())),
            }
        }
    }
}

fn read_column_kwargs(env: &Env, kwargs: &[Kwarg], decl: &mut ColumnDecl) {
    for kwarg in kwargs {
        let value = &kwarg.value;
        let whole = Expr::new(value.kind.clone(), value.file, kwarg.start, kwarg.end);
        match kwarg.name.as_str() {
            "name" => decl.name = env.string(value).or(decl.name.take()),
            "type_" => match types::sa_type(env, value) {
                TypeRead::NotAType => {}
                read => decl.ty = Some((read, value.clone())),
            },
            "primary_key" => decl.primary_key = env.boolean(value).unwrap_or(false),
            "nullable" => decl.nullable = env.boolean(value),
            "unique" => decl.unique = env.boolean(value).map(|b| (b, whole)),
            "index" => decl.index = env.boolean(value).map(|b| (b, whole)),
            "server_default" if !value.is_none() => {
                decl.server_default = Some((server_default(env, value), whole));
            }
            "comment" => decl.comment = env.string(value),
            "default" => {
                decl.client_default = literal_sql(env, value);
                decl.client_default_unknown = decl.client_default.is_none() && !value.is_none();
            }
            "autoincrement" => decl.autoincrement = env.boolean(value),
            _ => {}
        }
    }
}

/// SQLModel `Field(...)`: the SQLAlchemy parts of it (`sa_column` replaces everything).
fn read_field(env: &Env, call: &Call, decl: &mut ColumnDecl) {
    decl.field = Some(call.clone());
    if let Some(sa_column) = call.kwarg("sa_column") {
        if let Some((Ctor::Column | Ctor::MappedColumn, inner)) = column_call(env, sa_column) {
            let mut column = read_column(env, Ctor::Column, &inner, &decl.attr, sa_column);
            column.field = Some(call.clone());
            column.call = decl.call.clone();
            // pydantic still fills the field's default, so the insert carries it.
            if column.client_default.is_none() {
                column.client_default = call
                    .kwarg("default")
                    .filter(|v| !v.is_none())
                    .or_else(|| call.kwarg("default_factory"))
                    .and_then(|v| literal_sql(env, v));
            }
            *decl = column;
        } else {
            decl.notes.push((
                sa_column.clone(),
                "this `sa_column` cannot be read statically".to_string(),
            ));
        }
        return;
    }
    for kwarg in &call.kwargs {
        let value = &kwarg.value;
        let whole = Expr::new(value.kind.clone(), value.file, kwarg.start, kwarg.end);
        match kwarg.name.as_str() {
            "primary_key" => decl.primary_key = env.boolean(value).unwrap_or(false),
            "nullable" => decl.nullable = env.boolean(value),
            "unique" => decl.unique = env.boolean(value).map(|b| (b, whole)),
            "index" => decl.index = env.boolean(value).map(|b| (b, whole)),
            // SQLModel inserts `default=` / `default_factory=` itself, as SQLAlchemy does.
            "default" | "default_factory" if !value.is_none() => {
                decl.client_default = literal_sql(env, value);
                decl.client_default_unknown = decl.client_default.is_none();
            }
            "foreign_key" => match env.string(value) {
                Some(target) => decl.foreign_keys.push(FkDecl {
                    columns: Vec::new(),
                    targets: vec![FkTarget::Text(target)],
                    name: None,
                    use_alter: false,
                    on_delete: call
                        .kwarg("ondelete")
                        .and_then(|o| env.string(o))
                        .map(|s| s.to_lowercase()),
                    on_update: None,
                    expr: whole,
                }),
                None => decl.notes.push((
                    value.clone(),
                    "this `foreign_key` cannot be read statically".to_string(),
                )),
            },
            "sa_type" => match types::sa_type(env, value) {
                TypeRead::NotAType => decl.notes.push((
                    value.clone(),
                    "this `sa_type` is not a SQLAlchemy type schemadrift knows".to_string(),
                )),
                read => decl.ty = Some((read, value.clone())),
            },
            "sa_column_args" => {
                for item in value.elements() {
                    schema_item_or_type(env, item, decl);
                }
            }
            "sa_column_kwargs" => {
                if let ExprKind::Dict(pairs) = &env.value_of(value).kind {
                    let kwargs: Vec<Kwarg> = pairs
                        .iter()
                        .filter_map(|(k, v)| {
                            Some(Kwarg {
                                name: env.string(k)?,
                                value: v.clone(),
                                start: k.start,
                                end: v.end,
                            })
                        })
                        .collect();
                    read_column_kwargs(env, &kwargs, decl);
                }
            }
            _ => {}
        }
    }
}

/// `ForeignKey("users.id", ondelete="CASCADE")`, `ForeignKey(User.id)`.
pub fn foreign_key(env: &Env, call: &Call, whole: &Expr) -> Option<FkDecl> {
    let target = call.arg(0, "column")?;
    let target = match env.string(target) {
        Some(text) => FkTarget::Text(text),
        None => FkTarget::Expr(target.clone()),
    };
    Some(FkDecl {
        columns: Vec::new(),
        targets: vec![target],
        name: call.kwarg("name").and_then(|n| env.string(n)),
        use_alter: call.flag("use_alter").unwrap_or(false),
        on_delete: call
            .kwarg("ondelete")
            .and_then(|o| env.string(o))
            .map(|s| s.to_lowercase()),
        on_update: call
            .kwarg("onupdate")
            .and_then(|o| env.string(o))
            .map(|s| s.to_lowercase()),
        expr: whole.clone(),
    })
}

fn check(env: &Env, expr: &Expr) -> Option<CheckDecl> {
    let call = expr.call()?;
    let sql = call.arg(0, "sqltext").and_then(|s| sql_text(env, s))?;
    Some(CheckDecl {
        name: call.kwarg("name").and_then(|n| env.string(n)),
        sql: normalize_expression(&sql),
        expr: expr.clone(),
    })
}

/// SQL written as a string or `text("...")`.
pub fn sql_text(env: &Env, expr: &Expr) -> Option<String> {
    if let Some(s) = env.string(expr) {
        return Some(s);
    }
    if env.calls(expr, &["text", "literal_column"]) {
        return expr
            .call()
            .and_then(|c| c.args.first())
            .and_then(|a| env.string(a));
    }
    None
}

/// A literal Python value as the SQL literal it stores: `"draft"` → `'draft'`, `0`, `true`.
fn literal_sql(env: &Env, value: &Expr) -> Option<String> {
    if let Some(text) = env.string(value) {
        return Some(format!("'{}'", text.replace('\'', "''")));
    }
    // Callables the ORM calls per insert, whose value a database default also produces:
    // `default=datetime.utcnow` is `DEFAULT now()`, `default=list` is `DEFAULT '[]'`.
    let callable = match &value.kind {
        ExprKind::Lambda(body) => body.call().map(|c| &*c.func),
        ExprKind::Call(call) if call.args.is_empty() => Some(&*call.func),
        _ => Some(value),
    };
    if let Some(callable) = callable {
        let name = match env.target(callable) {
            Some(Target::External(path)) => path,
            _ => callable.name().unwrap_or_default().to_string(),
        };
        let last = name.rsplit('.').next().unwrap_or("");
        let known = match (name.as_str(), last) {
            (_, "utcnow" | "now" | "utc_now")
                if ["datetime", "func", "arrow", "pendulum", "timezone"]
                    .iter()
                    .any(|module| name.contains(module)) =>
            {
                Some("CURRENT_TIMESTAMP")
            }
            ("list", _) | ("builtins.list", _) => Some("'[]'"),
            ("dict", _) | ("builtins.dict", _) => Some("'{}'"),
            _ => None,
        };
        if let Some(known) = known {
            return Some(known.to_string());
        }
    }
    match &value.kind {
        ExprKind::List(items) if items.is_empty() => return Some("'[]'".to_string()),
        ExprKind::Dict(items) if items.is_empty() => return Some("'{}'".to_string()),
        _ => {}
    }
    match &value.kind {
        ExprKind::Int(n) => Some(n.to_string()),
        ExprKind::Neg(inner) => match inner.kind {
            ExprKind::Int(n) => Some((-n).to_string()),
            _ => None,
        },
        ExprKind::Float(f) => Some(f.clone()),
        ExprKind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The SQL a `server_default=` emits.
pub fn server_default(env: &Env, expr: &Expr) -> ServerDefault {
    if let Some(s) = env.string(expr) {
        return ServerDefault::Sql(format!("'{}'", s.replace('\'', "''")));
    }
    match &expr.kind {
        ExprKind::Int(i) => return ServerDefault::Sql(i.to_string()),
        ExprKind::Float(f) => return ServerDefault::Sql(f.clone()),
        ExprKind::Bool(b) => return ServerDefault::Sql(b.to_string()),
        _ => {}
    }
    match sql_expression(env, expr) {
        Some(sql) => ServerDefault::Sql(sql),
        None if env.calls(expr, &["FetchedValue"]) => ServerDefault::Fetched,
        None => ServerDefault::Unknown(format!(
            "the server default `{}` cannot be read statically",
            env.project.expr_text(expr)
        )),
    }
}

/// SQL for a SQLAlchemy expression: `text("...")`, `func.now()`, `sa.true()`, `User.email`
/// (its attribute name), literals.
pub fn sql_expression(env: &Env, expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Str(s) => return Some(format!("'{}'", s.replace('\'', "''"))),
        ExprKind::Int(i) => return Some(i.to_string()),
        ExprKind::Float(f) => return Some(f.clone()),
        ExprKind::Bool(b) => return Some(b.to_string()),
        ExprKind::None => return Some("NULL".to_string()),
        _ => {}
    }
    if let Some(text) = sql_text(env, expr).filter(|_| expr.call().is_some()) {
        return Some(text);
    }
    let call = match &expr.kind {
        ExprKind::Call(call) => call,
        ExprKind::Name(name) => {
            // A column attribute in an index or expression: `User.email` → `email`.
            return match env.target(expr)? {
                Target::Class(_, _, rest) if !rest.is_empty() => rest.last().cloned(),
                Target::Value(_, rest) if rest.len() >= 2 && rest[rest.len() - 2] == "c" => {
                    rest.last().cloned()
                }
                Target::Unknown(_) => name.rsplit('.').next().map(str::to_string),
                Target::Value(value, rest) if rest.is_empty() => sql_expression(env, value),
                _ => None,
            };
        }
        _ => return None,
    };
    let path = match env.target(&call.func)? {
        Target::External(path) => path,
        Target::Unknown(name) => name,
        // `User.created.desc()`: the ordering does not change the indexed column.
        Target::Class(_, _, rest)
            if rest.len() == 2 && matches!(rest[1].as_str(), "desc" | "asc") =>
        {
            return Some(rest[0].clone());
        }
        _ => return None,
    };
    let name = path.rsplit('.').next().unwrap_or(&path);
    match name {
        "true" | "false" | "null" if call.args.is_empty() => return Some(name.to_string()),
        "desc" | "asc" => return call.args.first().and_then(|a| sql_expression(env, a)),
        _ => {}
    }
    if path.contains("func.") {
        let args: Option<Vec<String>> = call.args.iter().map(|a| sql_expression(env, a)).collect();
        return Some(format!("{name}({})", args?.join(", ")));
    }
    None
}

/// `__table_args__`, the items of `Table(...)` and `op.create_table(...)` after the columns.
#[derive(Debug, Default)]
pub struct TableArgs {
    pub items: Vec<TableItem>,
    pub schema: Option<String>,
    pub comment: Option<String>,
    pub notes: Vec<(Expr, String)>,
}

/// Reads one table-level item (`Index(...)`, `UniqueConstraint(...)`, ...). Returns false when
/// the expression is not one.
pub fn table_item(env: &Env, expr: &Expr, args: &mut TableArgs) -> bool {
    let Some(callee) = env.callee(expr) else {
        return false;
    };
    let call = expr.call().expect("callee implies a call");
    let name = |key: &str| call.kwarg(key).and_then(|n| env.string(n));
    let cols = |items: &[Expr]| -> Vec<ColRef> { items.iter().map(|c| col_ref(env, c)).collect() };
    let item = match callee.as_str() {
        "Index" => {
            let index_name = call.args.first().and_then(|n| env.string(n));
            let start =
                usize::from(index_name.is_some() || call.args.first().is_some_and(|a| a.is_none()));
            let method = ["postgresql_using", "mysql_using", "using"]
                .iter()
                .find_map(|k| call.kwarg(k))
                .and_then(|m| env.string(m))
                .map(|m| m.to_lowercase())
                .filter(|m| m != "btree");
            let predicate = ["postgresql_where", "sqlite_where"]
                .iter()
                .find_map(|k| call.kwarg(k))
                .and_then(|p| sql_text(env, p).or_else(|| sql_expression(env, p)))
                .map(|p| normalize_expression(&p));
            TableItem::Index {
                name: index_name,
                columns: cols(&call.args[start.min(call.args.len())..]),
                unique: call.flag("unique").unwrap_or(false),
                method,
                predicate,
                expr: expr.clone(),
            }
        }
        "UniqueConstraint" => TableItem::Unique {
            name: name("name"),
            columns: cols(&call.args),
            expr: expr.clone(),
        },
        "PrimaryKeyConstraint" => TableItem::PrimaryKey {
            name: name("name"),
            columns: cols(&call.args),
            expr: expr.clone(),
        },
        "ForeignKeyConstraint" => {
            let local = call
                .arg(0, "columns")
                .map(|c| c.elements().into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            let remote = call
                .arg(1, "refcolumns")
                .map(|c| c.elements().into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            TableItem::ForeignKey(FkDecl {
                columns: cols(&local),
                targets: remote
                    .iter()
                    .map(|r| match env.string(r) {
                        Some(text) => FkTarget::Text(text),
                        None => FkTarget::Expr(r.clone()),
                    })
                    .collect(),
                name: name("name"),
                on_delete: name("ondelete").map(|s| s.to_lowercase()),
                on_update: name("onupdate").map(|s| s.to_lowercase()),
                use_alter: call.flag("use_alter").unwrap_or(false),
                expr: expr.clone(),
            })
        }
        "CheckConstraint" => match check(env, expr) {
            Some(check) => TableItem::Check(check),
            None => {
                args.notes.push((
                    expr.clone(),
                    "this check constraint's SQL cannot be read statically".to_string(),
                ));
                return true;
            }
        },
        _ => return false,
    };
    args.items.push(item);
    true
}

fn col_ref(env: &Env, expr: &Expr) -> ColRef {
    if let Some(s) = env.string(expr) {
        return ColRef::Key(s);
    }
    if let ExprKind::Name(name) = &expr.kind {
        return ColRef::Attr(name.rsplit('.').next().unwrap_or(name).to_string());
    }
    match sql_expression(env, expr) {
        Some(sql) => ColRef::Sql(normalize_expression(&sql)),
        None => ColRef::Sql(normalize_expression(env.project.expr_text(expr))),
    }
}

/// Reads `__table_args__`: a tuple of items with an optional trailing dict, or a dict alone.
pub fn table_args(env: &Env, expr: &Expr) -> TableArgs {
    let mut args = TableArgs::default();
    let value = env.value_of(expr);
    for item in value.elements() {
        let item = env.value_of(item);
        match &item.kind {
            ExprKind::Dict(pairs) => table_options(env, pairs, &mut args),
            _ => {
                if !table_item(env, item, &mut args) {
                    args.notes.push((
                        item.clone(),
                        format!(
                            "`{}` in `__table_args__` cannot be read statically",
                            env.project.expr_text(item)
                        ),
                    ));
                }
            }
        }
    }
    args
}

pub fn table_options(env: &Env, pairs: &[(Expr, Expr)], args: &mut TableArgs) {
    for (key, value) in pairs {
        match env.string(key).as_deref() {
            Some("schema") => args.schema = env.string(value),
            Some("comment") => args.comment = env.string(value),
            _ => {}
        }
    }
}
