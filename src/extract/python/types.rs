//! SQLAlchemy column types and Python annotations mapped to the SQL type they emit for the
//! dialect: `String(50)` → `varchar(50)`, `DateTime(timezone=True)` → `timestamp with time
//! zone`, `Mapped[uuid.UUID]` → `uuid`, `Enum(Status)` → the enum type `status` with the member
//! names, a project `TypeDecorator` through its `impl` (or its Postgres branch).

use super::env::{Env, Target};
use super::expr::{Call, Expr, ExprKind};
use crate::model::Dialect;
use crate::model::types::{ColumnType, normalize_type};

/// A named enum type a column uses (Postgres creates it with the table).
#[derive(Debug, Clone)]
pub struct EnumDecl {
    pub name: String,
    pub schema: Option<String>,
    pub values: Vec<String>,
    /// Whether creating the table creates the type (`create_type=False` says no).
    pub create: bool,
    pub expr: Expr,
}

#[derive(Debug, Clone)]
pub struct SqlType {
    pub ty: ColumnType,
    pub enum_type: Option<EnumDecl>,
}

#[derive(Debug, Clone)]
pub enum TypeRead {
    Type(SqlType),
    /// Not a type at all (a `ForeignKey`, a relationship target).
    NotAType,
    /// A type whose SQL cannot be known statically; the reason, for a note.
    Unknown(String),
}

impl TypeRead {
    fn sql(text: &str, dialect: Dialect) -> TypeRead {
        TypeRead::Type(SqlType {
            ty: normalize_type(text, dialect).0,
            enum_type: None,
        })
    }

    fn of(ty: ColumnType) -> TypeRead {
        TypeRead::Type(SqlType {
            ty,
            enum_type: None,
        })
    }

    pub fn is_type(&self) -> bool {
        !matches!(self, TypeRead::NotAType)
    }
}

/// Names in a column's positional arguments that are schema items, not types.
const SCHEMA_ITEMS: &[&str] = &[
    "ForeignKey",
    "Sequence",
    "Identity",
    "Computed",
    "CheckConstraint",
    "UniqueConstraint",
    "PrimaryKeyConstraint",
    "ForeignKeyConstraint",
    "Index",
    "FetchedValue",
    "DefaultClause",
];

const MAX_DEPTH: u32 = 8;

/// The SQL type a SQLAlchemy type expression (`String(50)`, `sa.Integer`, `GUID()`,
/// `JSON().with_variant(JSONB(), "postgresql")`) emits.
pub fn sa_type(env: &Env, expr: &Expr) -> TypeRead {
    sa_type_at(env, expr, None, 0)
}

fn sa_type_at(env: &Env, expr: &Expr, outer: Option<&Call>, depth: u32) -> TypeRead {
    if depth > MAX_DEPTH {
        return TypeRead::Unknown(format!(
            "`{}` is defined in terms of itself",
            env.project.expr_text(expr)
        ));
    }
    let (head, call) = match &expr.kind {
        ExprKind::Call(call) => {
            // `JSON().with_variant(JSONB(), "postgresql")`, `MutableDict.as_mutable(JSONB)`
            if let ExprKind::Attr(base, method) = &call.func.kind {
                return method_type(env, base, method, call, depth);
            }
            if let ExprKind::Name(name) = &call.func.kind
                && let Some((base, method)) = name.rsplit_once('.')
                && matches!(method, "with_variant" | "as_mutable" | "evaluates_none")
            {
                let base = Expr::new(
                    ExprKind::Name(base.to_string()),
                    call.func.file,
                    call.func.start,
                    call.func.end,
                );
                return method_type(env, &base, method, call, depth);
            }
            (&*call.func, Some(call))
        }
        ExprKind::Name(_) => (expr, outer),
        _ => return TypeRead::NotAType,
    };
    let Some(target) = env.target(head) else {
        return TypeRead::NotAType;
    };
    match target {
        Target::External(path) => {
            let package = path.split('.').next().unwrap_or("");
            let name = path.rsplit('.').next().unwrap_or(&path);
            if package == "builtins" {
                return TypeRead::NotAType;
            }
            builtin_type(env, name, call, expr, depth).unwrap_or_else(|| {
                if SCHEMA_ITEMS.contains(&name) {
                    TypeRead::NotAType
                } else {
                    TypeRead::Unknown(format!(
                        "schemadrift does not know which SQL type `{path}` creates"
                    ))
                }
            })
        }
        Target::Unknown(name) => {
            let last = name.rsplit('.').next().unwrap_or(&name);
            builtin_type(env, last, call, expr, depth).unwrap_or(TypeRead::NotAType)
        }
        Target::Class(m, c, rest) if rest.is_empty() => class_type(env, m, c, call, depth),
        Target::Value(value, rest) if rest.is_empty() => {
            // A module-level alias: `UUIDType = postgresql.UUID(as_uuid=True)`.
            sa_type_at(env, value, call, depth + 1)
        }
        // `def _json_type(): return sa.Text().with_variant(mysql.JSON(), "mysql")`, called
        // without arguments: the type it returns.
        Target::Function(m, f)
            if call.is_some_and(|c| c.args.is_empty() && c.kwargs.is_empty()) =>
        {
            let function = env.project.function(m, f);
            let returns: Vec<_> = function.returns.iter().collect();
            match returns.as_slice() {
                [only] if only.condition.is_none() && function.params.is_empty() => {
                    sa_type_at(env, &only.value, None, depth + 1)
                }
                _ => TypeRead::NotAType,
            }
        }
        _ => TypeRead::NotAType,
    }
}

fn method_type(env: &Env, base: &Expr, method: &str, call: &Call, depth: u32) -> TypeRead {
    match method {
        "with_variant" => {
            let applies = call.args.get(1).is_some_and(|d| {
                d.elements()
                    .iter()
                    .filter_map(|e| env.string(e))
                    .any(|name| dialect_named(&name) == Some(env.dialect))
            });
            match (applies, call.args.first()) {
                (true, Some(variant)) => sa_type_at(env, variant, None, depth + 1),
                _ => sa_type_at(env, base, None, depth + 1),
            }
        }
        "as_mutable" => match call.args.first() {
            Some(inner) => sa_type_at(env, inner, None, depth + 1),
            None => TypeRead::NotAType,
        },
        "evaluates_none" => sa_type_at(env, base, None, depth + 1),
        _ => TypeRead::NotAType,
    }
}

fn dialect_named(name: &str) -> Option<Dialect> {
    let name = name.to_ascii_lowercase();
    if name.contains("postgres") {
        Some(Dialect::Postgres)
    } else if name.contains("mysql") || name.contains("mariadb") {
        Some(Dialect::Mysql)
    } else if name.contains("sqlite") {
        Some(Dialect::Sqlite)
    } else {
        None
    }
}

/// A project class used as a type: a `TypeDecorator` or `UserDefinedType` subclass.
fn class_type(env: &Env, module: u32, class: u32, call: Option<&Call>, depth: u32) -> TypeRead {
    let project = env.project;
    let mut chain = vec![(module, class)];
    let mut is_type = false;
    let mut i = 0;
    while i < chain.len() && chain.len() < 16 {
        let (m, c) = chain[i];
        for base in &project.class(m, c).bases {
            // `TypeDecorator[datetime]`: the generic parameter does not change the class.
            let base = match &base.kind {
                ExprKind::Subscript(generic, _) => generic,
                _ => base,
            };
            match env.target(base) {
                Some(Target::Class(bm, bc, rest)) if rest.is_empty() => chain.push((bm, bc)),
                Some(Target::External(path)) => {
                    let name = path.rsplit('.').next().unwrap_or("");
                    if matches!(name, "TypeDecorator" | "UserDefinedType" | "TypeEngine") {
                        is_type = true;
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    let name = &project.class(module, class).name;
    if !is_type {
        return TypeRead::NotAType;
    }
    for &(m, c) in &chain {
        let cls = project.class(m, c);
        if let Some(spec) = cls.method("get_col_spec")
            && let Some(sql) = spec.returns.iter().find_map(|r| env.string(&r.value))
        {
            return TypeRead::sql(&sql, env.dialect);
        }
        if let Some(load) = cls.method("load_dialect_impl") {
            // The branch for this dialect, when the code names it.
            let branch = load.returns.iter().find(|r| {
                r.condition.as_deref().is_some_and(|c| {
                    !(c.contains("!=") || c.contains("not "))
                        && dialect_named(c) == Some(env.dialect)
                })
            });
            let negated_other = load.returns.iter().find(|r| {
                r.condition.as_deref().is_some_and(|c| {
                    (c.contains("!=") || c.contains("not "))
                        && dialect_named(c).is_some_and(|d| d != env.dialect)
                })
            });
            // Without a branch for this dialect, the return every other dialect gets.
            let fallback = load.returns.iter().find(|r| r.condition.is_none());
            if let Some(ret) = branch.or(negated_other).or(fallback) {
                let value = descriptor_argument(&ret.value);
                let read = sa_type_at(env, value, None, depth + 1);
                if read.is_type() {
                    return read;
                }
            }
        }
        if let Some(implementation) = cls.member("impl").and_then(|m| m.value.as_ref()) {
            // `impl = String` with `MyType(50)`: the arguments go to the impl.
            let read = match (&implementation.kind, call) {
                (ExprKind::Name(_), Some(call))
                    if !call.args.is_empty() || !call.kwargs.is_empty() =>
                {
                    // `EnumAsString(Role, 100)` over `impl = String`: of the decorator's own
                    // arguments, a string type takes only its length.
                    let stringy = matches!(
                        implementation.last_name(),
                        Some("String" | "VARCHAR" | "Unicode" | "CHAR" | "NVARCHAR" | "Text")
                    );
                    let args: Vec<Expr> = if stringy {
                        call.args
                            .iter()
                            .filter(|a| matches!(a.kind, ExprKind::Int(_)))
                            .take(1)
                            .cloned()
                            .collect()
                    } else {
                        call.args.clone()
                    };
                    let merged = Expr::new(
                        ExprKind::Call(Call {
                            func: Box::new(implementation.clone()),
                            args,
                            kwargs: call.kwargs.clone(),
                            splats: Vec::new(),
                        }),
                        implementation.file,
                        implementation.start,
                        implementation.end,
                    );
                    sa_type_at(env, &merged, None, depth + 1)
                }
                _ => sa_type_at(env, implementation, None, depth + 1),
            };
            if read.is_type() {
                return read;
            }
        }
    }
    TypeRead::Unknown(format!(
        "the type decorator `{name}` has no `impl` schemadrift can read"
    ))
}

/// `dialect.type_descriptor(UUID())` → `UUID()`.
fn descriptor_argument(value: &Expr) -> &Expr {
    match &value.kind {
        ExprKind::Call(call)
            if call.func.last_name() == Some("type_descriptor")
                || matches!(&call.func.kind, ExprKind::Attr(_, m) if m == "type_descriptor") =>
        {
            call.args.first().unwrap_or(value)
        }
        _ => value,
    }
}

fn length(env: &Env, call: Option<&Call>, index: usize, name: &str) -> Option<i64> {
    call.and_then(|c| c.arg(index, name))
        .and_then(|e| env.integer(e))
}

fn with_length(env: &Env, base: &str, call: Option<&Call>) -> String {
    match length(env, call, 0, "length") {
        Some(n) => format!("{base}({n})"),
        None => base.to_string(),
    }
}

fn timezone(env: &Env, call: Option<&Call>) -> bool {
    call.and_then(|c| c.arg(0, "timezone"))
        .and_then(|e| env.boolean(e))
        .unwrap_or(false)
}

/// The SQL of a SQLAlchemy (or well-known extension) type by its class name; `None` when the
/// name is not a type this table knows.
fn builtin_type(
    env: &Env,
    name: &str,
    call: Option<&Call>,
    expr: &Expr,
    depth: u32,
) -> Option<TypeRead> {
    let dialect = env.dialect;
    let lower = name.to_ascii_lowercase();
    let sql = match lower.as_str() {
        "integer" | "int" => "integer".to_string(),
        "smallinteger" | "smallint" => "smallint".to_string(),
        "biginteger" | "bigint" => "bigint".to_string(),
        "tinyint" => match length(env, call, 0, "display_width") {
            Some(n) => format!("tinyint({n})"),
            None => "tinyint".to_string(),
        },
        "mediumint" => "mediumint".to_string(),
        "boolean" | "bool" => "boolean".to_string(),
        "string" | "varchar" | "unicode" | "nvarchar" | "autostring" => {
            if lower == "autostring"
                && dialect == Dialect::Mysql
                && length(env, call, 0, "length").is_none()
            {
                "varchar(255)".to_string()
            } else {
                with_length(env, "varchar", call)
            }
        }
        "char" | "nchar" => with_length(env, "char", call),
        "text" | "unicodetext" | "clob" | "tinytext" | "mediumtext" | "longtext" => {
            "text".to_string()
        }
        "float" => match length(env, call, 0, "precision") {
            Some(p) => format!("float({p})"),
            None => "float".to_string(),
        },
        "real" => "real".to_string(),
        "double" | "double_precision" => "double precision".to_string(),
        "numeric" | "decimal" => {
            let precision = length(env, call, 0, "precision");
            let scale = length(env, call, 1, "scale");
            match (precision, scale) {
                (Some(p), Some(s)) => format!("numeric({p},{s})"),
                (Some(p), None) => format!("numeric({p})"),
                _ => "numeric".to_string(),
            }
        }
        "date" => "date".to_string(),
        "datetime" | "timestamp" => {
            if timezone(env, call) {
                "timestamp with time zone".to_string()
            } else {
                "timestamp".to_string()
            }
        }
        "time" => {
            if timezone(env, call) {
                "time with time zone".to_string()
            } else {
                "time".to_string()
            }
        }
        "interval" if dialect == Dialect::Postgres => "interval".to_string(),
        "interval" => "datetime".to_string(),
        "largebinary" | "binary" | "varbinary" | "blob" | "bytea" | "longblob" | "mediumblob"
        | "tinyblob" | "pickletype" | "passwordtype" => "bytea".to_string(),
        "json" | "jsontype" => "json".to_string(),
        "jsonb" => "jsonb".to_string(),
        // `sqlalchemy.Uuid` (and SQLModel's GUID) are native on Postgres and CHAR(32) elsewhere;
        // `UUID` is the native type.
        "uuid" if name == "UUID" || dialect == Dialect::Postgres => "uuid".to_string(),
        "uuid" | "guid" if dialect == Dialect::Postgres => "uuid".to_string(),
        "uuid" | "guid" => "char(32)".to_string(),
        "uuidtype" => {
            let binary = call
                .and_then(|c| c.kwarg("binary"))
                .and_then(|e| env.boolean(e))
                .unwrap_or(true);
            if dialect == Dialect::Postgres {
                "uuid".to_string()
            } else if binary {
                "binary(16)".to_string()
            } else {
                "char(32)".to_string()
            }
        }
        "enum" => return Some(enum_type(env, call, expr, depth)),
        "array" => {
            let item = call.and_then(|c| c.arg(0, "item_type"));
            return Some(match item.map(|i| sa_type_at(env, i, None, depth + 1)) {
                Some(TypeRead::Type(inner)) => TypeRead::Type(SqlType {
                    ty: ColumnType::Array(Box::new(inner.ty)),
                    enum_type: inner.enum_type,
                }),
                Some(TypeRead::Unknown(reason)) => TypeRead::Unknown(reason),
                _ => TypeRead::Unknown("the item type of this ARRAY cannot be read".to_string()),
            });
        }
        "emailtype" | "choicetype" => {
            if let Some(inner) = call.and_then(|c| c.kwarg("impl")) {
                return Some(sa_type_at(env, inner, None, depth + 1));
            }
            format!(
                "varchar({})",
                length(env, call, usize::MAX, "length").unwrap_or(255)
            )
        }
        "urltype" | "scalarlisttype" => "text".to_string(),
        "tsvectortype" => "tsvector".to_string(),
        "arrowtype" => "timestamp".to_string(),
        "ipaddresstype" => "varchar(50)".to_string(),
        "currencytype" => "varchar(3)".to_string(),
        "countrytype" => "varchar(2)".to_string(),
        "colortype" | "phonenumbertype" => "varchar(20)".to_string(),
        "inet" | "cidr" | "macaddr" | "macaddr8" | "tsvector" | "tsquery" | "citext" | "hstore"
        | "money" | "oid" | "regclass" | "int4range" | "int8range" | "numrange" | "daterange"
        | "tsrange" | "tstzrange" | "bit" | "xml" | "ltree" | "geometry" | "geography"
        | "raster" | "year" => lower.clone(),
        "vector" | "halfvec" | "sparsevec" => match length(env, call, 0, "dim") {
            Some(n) => format!("{lower}({n})"),
            None => lower.clone(),
        },
        _ => return None,
    };
    Some(TypeRead::sql(&sql, dialect))
}

/// `Enum(Status)`, `Enum("a", "b", name="kind")`, `postgresql.ENUM(..., create_type=False)`.
fn enum_type(env: &Env, call: Option<&Call>, expr: &Expr, depth: u32) -> TypeRead {
    let Some(call) = call else {
        return TypeRead::Unknown("`Enum` without values".to_string());
    };
    let mut values = Vec::new();
    let mut class_name = None;
    for arg in &call.args {
        if let Some(s) = env.string(arg) {
            values.push(s);
            continue;
        }
        match env.target(arg) {
            Some(Target::Class(m, c, rest)) if rest.is_empty() => {
                let by_value = call.kwarg("values_callable").is_some();
                match enum_members(env, m, c, by_value) {
                    Some(members) => {
                        values.extend(members);
                        class_name = Some(env.project.class(m, c).name.clone());
                    }
                    None => {
                        return TypeRead::Unknown(format!(
                            "`{}` is not an enum class schemadrift can read",
                            env.project.class(m, c).name
                        ));
                    }
                }
            }
            Some(Target::Value(value, rest)) if rest.is_empty() && depth < MAX_DEPTH => {
                // `Enum(*STATUSES)` is a splat; `Enum(STATUS_VALUES)` is not valid; a list
                // constant passed through a variable is read when it is literal.
                for item in value.elements() {
                    match env.string(item) {
                        Some(s) => values.push(s),
                        None => {
                            return TypeRead::Unknown(
                                "the values of this enum cannot be read statically".to_string(),
                            );
                        }
                    }
                }
            }
            _ => {
                return TypeRead::Unknown(
                    "the values of this enum cannot be read statically".to_string(),
                );
            }
        }
    }
    if !call.splats.is_empty() {
        for splat in &call.splats {
            let inner = match &splat.kind {
                ExprKind::Other(text) => text.trim_start_matches('*').to_string(),
                _ => String::new(),
            };
            let name_expr = Expr::new(ExprKind::Name(inner), splat.file, splat.start, splat.end);
            let value = env.value_of(&name_expr);
            let items: Option<Vec<String>> = match &value.kind {
                ExprKind::List(_) | ExprKind::Tuple(_) => {
                    value.elements().iter().map(|e| env.string(e)).collect()
                }
                _ => None,
            };
            match items {
                Some(items) => values.extend(items),
                None => {
                    return TypeRead::Unknown(
                        "the values of this enum cannot be read statically".to_string(),
                    );
                }
            }
        }
    }
    let name = call
        .kwarg("name")
        .and_then(|n| env.string(n))
        .or_else(|| class_name.map(|c| c.to_lowercase()));
    let native = call
        .kwarg("native_enum")
        .and_then(|e| env.boolean(e))
        .unwrap_or(true);
    let create = call
        .kwarg("create_type")
        .and_then(|e| env.boolean(e))
        .unwrap_or(true);
    let schema = call.kwarg("schema").and_then(|s| env.string(s));
    let longest = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
    let varchar = || {
        let n = length(env, Some(call), usize::MAX, "length").unwrap_or(longest as i64);
        TypeRead::sql(&format!("varchar({n})"), env.dialect)
    };
    if !native {
        return varchar();
    }
    match env.dialect {
        Dialect::Postgres => match name {
            Some(name) => TypeRead::Type(SqlType {
                ty: ColumnType::Enum(name.clone()),
                enum_type: Some(EnumDecl {
                    name,
                    schema,
                    values,
                    create,
                    expr: expr.clone(),
                }),
            }),
            None => TypeRead::of(ColumnType::InlineEnum(values)),
        },
        Dialect::Mysql => TypeRead::of(ColumnType::InlineEnum(values)),
        Dialect::Sqlite => varchar(),
    }
}

/// The member names (or values) of a Python enum class; `None` when the class is not an enum.
pub fn enum_members(env: &Env, module: u32, class: u32, by_value: bool) -> Option<Vec<String>> {
    if !is_enum_class(env, module, class, 0) {
        return None;
    }
    let cls = env.project.class(module, class);
    let mut out = Vec::new();
    for member in &cls.members {
        if member.name.starts_with('_') || member.annotation.is_some() && member.value.is_none() {
            continue;
        }
        let Some(value) = &member.value else { continue };
        if by_value {
            match &value.kind {
                ExprKind::Str(s) => out.push(s.clone()),
                ExprKind::Int(i) => out.push(i.to_string()),
                _ => match env.string(value) {
                    Some(s) => out.push(s),
                    None => return None,
                },
            }
        } else {
            out.push(member.name.clone());
        }
    }
    Some(out)
}

pub fn is_enum_class(env: &Env, module: u32, class: u32, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    env.project
        .class(module, class)
        .bases
        .iter()
        .any(|base| match env.target(base) {
            Some(Target::External(path)) => path.starts_with("enum.") || path.ends_with("StrEnum"),
            Some(Target::Class(m, c, rest)) if rest.is_empty() => {
                is_enum_class(env, m, c, depth + 1)
            }
            _ => false,
        })
}

/// Which ORM reads an annotation: SQLModel maps `str` to AutoString and reads `max_length`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Sqlalchemy,
    Sqlmodel,
}

/// The SQL type of a Python annotation (already stripped of `Optional`/`Mapped`), as
/// SQLAlchemy 2.0's default type map or SQLModel's `get_sqlalchemy_type` reads it.
/// `field` is SQLModel's `Field(...)` call, for `max_length`, `max_digits`, `decimal_places`.
pub fn python_type(env: &Env, expr: &Expr, flavor: Flavor, field: Option<&Call>) -> TypeRead {
    match &expr.kind {
        ExprKind::Str(_) => TypeRead::NotAType,
        ExprKind::Subscript(head, items) => {
            let head_name = match env.target(head) {
                Some(Target::External(path)) => path.rsplit('.').next().unwrap_or("").to_string(),
                _ => head.last_name().unwrap_or("").to_string(),
            };
            match head_name.as_str() {
                "dict" | "Dict" | "Mapping" => TypeRead::sql("json", env.dialect),
                "list" | "List" | "Set" | "set" | "Sequence" | "tuple" | "Tuple" => {
                    let relationship = items.iter().any(|i| refers_to_class(env, i));
                    if relationship {
                        TypeRead::NotAType
                    } else {
                        TypeRead::Unknown(format!(
                            "no SQL type is known for `{}`; give the column an explicit type",
                            env.project.expr_text(expr)
                        ))
                    }
                }
                _ => TypeRead::Unknown(format!(
                    "no SQL type is known for `{}`",
                    env.project.expr_text(expr)
                )),
            }
        }
        ExprKind::Name(_) => match env.target(expr) {
            Some(Target::External(path)) => python_external(env, &path, expr, flavor, field),
            Some(Target::Class(m, c, rest)) if rest.is_empty() => {
                if is_enum_class(env, m, c, 0) {
                    let members = enum_members(env, m, c, false).unwrap_or_default();
                    let name = env.project.class(m, c).name.to_lowercase();
                    enum_of(env, name, members, expr)
                } else {
                    match class_type(env, m, c, None, 0) {
                        TypeRead::NotAType => TypeRead::NotAType,
                        read => read,
                    }
                }
            }
            Some(Target::Value(value, rest)) if rest.is_empty() => {
                python_type(env, value, flavor, field)
            }
            Some(Target::Unknown(name)) => {
                let last = name.rsplit('.').next().unwrap_or(&name).to_string();
                python_external(env, &format!("unknown.{last}"), expr, flavor, field)
            }
            _ => TypeRead::Unknown(format!(
                "no SQL type is known for `{}`",
                env.project.expr_text(expr)
            )),
        },
        _ => TypeRead::Unknown(format!(
            "no SQL type is known for `{}`",
            env.project.expr_text(expr)
        )),
    }
}

fn enum_of(env: &Env, name: String, values: Vec<String>, expr: &Expr) -> TypeRead {
    match env.dialect {
        Dialect::Postgres => TypeRead::Type(SqlType {
            ty: ColumnType::Enum(name.clone()),
            enum_type: Some(EnumDecl {
                name,
                schema: None,
                values,
                create: true,
                expr: expr.clone(),
            }),
        }),
        Dialect::Mysql => TypeRead::of(ColumnType::InlineEnum(values)),
        Dialect::Sqlite => {
            let longest = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
            TypeRead::sql(&format!("varchar({longest})"), env.dialect)
        }
    }
}

fn refers_to_class(env: &Env, expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Str(_) => true,
        ExprKind::Name(_) => matches!(env.target(expr), Some(Target::Class(..))),
        _ => false,
    }
}

fn python_external(
    env: &Env,
    path: &str,
    expr: &Expr,
    flavor: Flavor,
    field: Option<&Call>,
) -> TypeRead {
    let name = path.rsplit('.').next().unwrap_or(path);
    let package = path.split('.').next().unwrap_or("");
    let field_int = |key: &str| {
        field
            .and_then(|f| f.kwarg(key))
            .and_then(|e| env.integer(e))
    };
    let sql = match (package, name) {
        (_, "int") => "integer".to_string(),
        (_, "str") | ("pydantic", _) | ("ipaddress", _) | ("pathlib", "Path") => match flavor {
            Flavor::Sqlmodel => match field_int("max_length") {
                Some(n) => format!("varchar({n})"),
                None if env.dialect == Dialect::Mysql => "varchar(255)".to_string(),
                None => "varchar".to_string(),
            },
            Flavor::Sqlalchemy if name == "str" => "varchar".to_string(),
            Flavor::Sqlalchemy => {
                return TypeRead::Unknown(format!("no SQL type is known for `{path}`"));
            }
        },
        (_, "bool") => "boolean".to_string(),
        (_, "float") => "float".to_string(),
        (_, "bytes") => "bytea".to_string(),
        (_, "dict") => "json".to_string(),
        ("datetime" | "unknown", "datetime") => "timestamp".to_string(),
        ("datetime" | "unknown", "date") => "date".to_string(),
        ("datetime" | "unknown", "time") => "time".to_string(),
        ("datetime" | "unknown", "timedelta") => "interval".to_string(),
        ("decimal" | "unknown", "Decimal") => {
            match (field_int("max_digits"), field_int("decimal_places")) {
                (Some(p), Some(s)) => format!("numeric({p},{s})"),
                (Some(p), None) => format!("numeric({p})"),
                _ => "numeric".to_string(),
            }
        }
        ("uuid" | "unknown", "UUID") if env.dialect == Dialect::Postgres => "uuid".to_string(),
        ("uuid" | "unknown", "UUID") => "char(32)".to_string(),
        _ => {
            // A SQLAlchemy type used as an annotation (`Mapped[UUID]` importing UUID from
            // sqlalchemy).
            let read = sa_type(env, expr);
            return match read {
                TypeRead::NotAType => TypeRead::Unknown(format!(
                    "no SQL type is known for `{}`",
                    env.project.expr_text(expr)
                )),
                other => other,
            };
        }
    };
    TypeRead::sql(&sql, env.dialect)
}
