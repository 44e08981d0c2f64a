//! The normalised type system shared by every source and dialect.
//!
//! Each source spells types its own way (`int4`, `INTEGER`, `Integer()`, `integer("x")`,
//! `int(11)`); all of them are read into one [`ColumnType`] so that a comparison is plain
//! equality, and `int4` vs `integer` can never be reported as drift.

use super::Dialect;
use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ColumnType {
    SmallInt,
    Integer,
    BigInt,
    /// Single precision float (`real`, `float4`, MySQL `float`).
    Real,
    /// Double precision float (`double precision`, `float8`, MySQL `double`).
    Double,
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Boolean,
    Text,
    Varchar(Option<u32>),
    Char(Option<u32>),
    Date,
    Time {
        time_zone: bool,
    },
    Timestamp {
        time_zone: bool,
    },
    Interval,
    Uuid,
    Json,
    Jsonb,
    Bytes,
    /// A named enum type (Postgres `CREATE TYPE … AS ENUM`).
    Enum(String),
    /// An enum whose values are part of the column type (MySQL `enum('a','b')`).
    InlineEnum(Vec<String>),
    Array(Box<ColumnType>),
    /// Anything else, lower-cased and with white space folded: `citext`, `inet`, a domain…
    Other(String),
}

impl ColumnType {
    /// The integer family (for serial detection and key-type checks).
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            ColumnType::SmallInt | ColumnType::Integer | ColumnType::BigInt
        )
    }

    /// Turns `Other(name)` into `Enum(canonical)` when `enum_name(name)` finds the enum type it
    /// names (`public.status` and `status` both become `Enum("status")`).
    pub fn resolve_enum(&mut self, enum_name: &dyn Fn(&str) -> Option<String>) {
        match self {
            ColumnType::Other(name) => {
                if let Some(canonical) = enum_name(name) {
                    *self = ColumnType::Enum(canonical);
                }
            }
            ColumnType::Array(inner) => inner.resolve_enum(enum_name),
            _ => {}
        }
    }
}

impl fmt::Display for ColumnType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with_length = |f: &mut fmt::Formatter<'_>, name: &str, n: &Option<u32>| match n {
            Some(n) => write!(f, "{name}({n})"),
            None => f.write_str(name),
        };
        match self {
            ColumnType::SmallInt => f.write_str("smallint"),
            ColumnType::Integer => f.write_str("integer"),
            ColumnType::BigInt => f.write_str("bigint"),
            ColumnType::Real => f.write_str("real"),
            ColumnType::Double => f.write_str("double precision"),
            ColumnType::Numeric { precision, scale } => match (precision, scale) {
                (Some(p), Some(s)) => write!(f, "numeric({p},{s})"),
                (Some(p), None) => write!(f, "numeric({p})"),
                _ => f.write_str("numeric"),
            },
            ColumnType::Boolean => f.write_str("boolean"),
            ColumnType::Text => f.write_str("text"),
            ColumnType::Varchar(n) => with_length(f, "varchar", n),
            ColumnType::Char(n) => with_length(f, "char", n),
            ColumnType::Date => f.write_str("date"),
            ColumnType::Time { time_zone: false } => f.write_str("time"),
            ColumnType::Time { time_zone: true } => f.write_str("time with time zone"),
            ColumnType::Timestamp { time_zone: false } => f.write_str("timestamp"),
            ColumnType::Timestamp { time_zone: true } => f.write_str("timestamp with time zone"),
            ColumnType::Interval => f.write_str("interval"),
            ColumnType::Uuid => f.write_str("uuid"),
            ColumnType::Json => f.write_str("json"),
            ColumnType::Jsonb => f.write_str("jsonb"),
            ColumnType::Bytes => f.write_str("bytes"),
            ColumnType::Enum(name) => write!(f, "enum {name}"),
            ColumnType::InlineEnum(values) => {
                let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                write!(f, "enum({})", quoted.join(","))
            }
            ColumnType::Array(inner) => write!(f, "{inner}[]"),
            ColumnType::Other(name) => f.write_str(name),
        }
    }
}

impl Serialize for ColumnType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Reads a type as spelled in SQL (any dialect's spelling) into its normalised form.
///
/// Returns the type and whether the spelling implies an auto-increment sequence
/// (`serial`, `bigserial`, `smallserial`).
pub fn normalize_type(written: &str, dialect: Dialect) -> (ColumnType, bool) {
    // A schema writes a handful of distinct types thousands of times: each thread remembers
    // the ones it has normalised (bounded, for repositories with thousands of enum types).
    thread_local! {
        static SEEN: std::cell::RefCell<[std::collections::HashMap<String, (ColumnType, bool)>; 3]> =
            Default::default();
    }
    let slot = dialect as usize;
    if let Some(hit) = SEEN.with(|seen| seen.borrow()[slot].get(written).cloned()) {
        return hit;
    }
    let normalized = normalize_type_uncached(written, dialect);
    SEEN.with(|seen| {
        let map = &mut seen.borrow_mut()[slot];
        if map.len() >= 4096 {
            map.clear();
        }
        map.insert(written.to_string(), normalized.clone());
    });
    normalized
}

fn normalize_type_uncached(written: &str, dialect: Dialect) -> (ColumnType, bool) {
    // `"WorkspaceType"` keeps its case (a quoted identifier), `VARCHAR(20)` does not.
    let text = fold_whitespace(&super::expression::lowercase_outside(written, '"'));
    let text = text.trim();
    // `"bytea"`: a built-in type written quoted (drizzle-kit quotes a customType's name) is
    // still the built-in type; a quoted user type stays what it was.
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"'))
        && !inner.contains('"')
    {
        let read = normalize_type_uncached(inner, dialect);
        if !matches!(read.0, ColumnType::Other(_)) {
            return read;
        }
    }

    if let Some(inner) = text.strip_suffix("[]") {
        let (inner, serial) = normalize_type(inner, dialect);
        return (ColumnType::Array(Box::new(inner)), serial);
    }
    if let Some(inner) = text.strip_suffix(" array") {
        let (inner, serial) = normalize_type(inner, dialect);
        return (ColumnType::Array(Box::new(inner)), serial);
    }
    // `integer[3]` and friends: the bound is not enforced by Postgres.
    if text.ends_with(']') {
        if let Some(open) = text.rfind('[') {
            let (inner, serial) = normalize_type(&text[..open], dialect);
            return (ColumnType::Array(Box::new(inner)), serial);
        }
    }

    let (base, args) = split_arguments(text);
    let base = strip_modifiers(base);

    if dialect == Dialect::Sqlite {
        return (sqlite_affinity(&base, &args), false);
    }

    let numbers: Vec<Option<u32>> = args.iter().map(|a| a.trim().parse().ok()).collect();
    let first = numbers.first().copied().flatten();
    let second = numbers.get(1).copied().flatten();

    let ty = match base.as_str() {
        "smallint" | "int2" | "smallserial" | "serial2" => ColumnType::SmallInt,
        "integer" | "int" | "int4" | "serial" | "serial4" | "mediumint" => ColumnType::Integer,
        "bigint" | "int8" | "bigserial" | "serial8" => ColumnType::BigInt,
        "tinyint" if dialect == Dialect::Mysql && first == Some(1) => ColumnType::Boolean,
        "tinyint" => ColumnType::SmallInt,
        "real" | "float4" => ColumnType::Real,
        "double precision" | "float8" | "double" => ColumnType::Double,
        "float" => match (dialect, first) {
            (_, Some(p)) if p <= 24 => ColumnType::Real,
            (_, Some(_)) => ColumnType::Double,
            (Dialect::Mysql, None) => ColumnType::Real,
            _ => ColumnType::Double,
        },
        "numeric" | "decimal" | "dec" => ColumnType::Numeric {
            precision: first,
            scale: second.or(if first.is_some() && dialect == Dialect::Mysql {
                Some(0)
            } else {
                None
            }),
        },
        "boolean" | "bool" => ColumnType::Boolean,
        "text" | "tinytext" | "mediumtext" | "longtext" | "clob" => ColumnType::Text,
        "varchar" | "character varying" | "nvarchar" | "varchar2" => ColumnType::Varchar(first),
        "char" | "character" | "bpchar" | "nchar" => ColumnType::Char(first.or(Some(1))),
        "date" => ColumnType::Date,
        "time" | "time without time zone" => ColumnType::Time { time_zone: false },
        "timetz" | "time with time zone" => ColumnType::Time { time_zone: true },
        "timestamp" | "timestamp without time zone" | "datetime" => {
            ColumnType::Timestamp { time_zone: false }
        }
        "timestamptz" | "timestamp with time zone" => ColumnType::Timestamp { time_zone: true },
        "interval" => ColumnType::Interval,
        "uuid" => ColumnType::Uuid,
        "json" => ColumnType::Json,
        "jsonb" if dialect == Dialect::Postgres => ColumnType::Jsonb,
        "jsonb" => ColumnType::Json,
        "bytea" | "blob" | "tinyblob" | "mediumblob" | "longblob" | "binary" | "varbinary" => {
            ColumnType::Bytes
        }
        "enum" => ColumnType::InlineEnum(args.iter().map(|a| unquote(a.trim())).collect()),
        _ => ColumnType::Other(base.clone()),
    };
    let serial = matches!(
        base.as_str(),
        "serial" | "serial2" | "serial4" | "serial8" | "smallserial" | "bigserial"
    );
    (ty, serial)
}

/// SQLite stores every value by one of five affinities; the declared type only picks the
/// affinity (https://www.sqlite.org/datatype3.html, section 3.1), so two declarations with the
/// same affinity are the same column type.
fn sqlite_affinity(base: &str, args: &[String]) -> ColumnType {
    let upper = base.to_uppercase();
    if upper.contains("INT") {
        ColumnType::Integer
    } else if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") {
        ColumnType::Text
    } else if upper.contains("BLOB") || upper.is_empty() {
        ColumnType::Bytes
    } else if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
        ColumnType::Double
    } else {
        let _ = args;
        ColumnType::Numeric {
            precision: None,
            scale: None,
        }
    }
}

/// Splits `numeric(10, 2)` into `numeric` and `["10", " 2"]`, and `timestamp(3) with time zone`
/// into `timestamp with time zone` and `["3"]`.
fn split_arguments(text: &str) -> (String, Vec<String>) {
    let Some(open) = text.find('(') else {
        return (text.to_string(), Vec::new());
    };
    let Some(close) = text.rfind(')') else {
        return (text.to_string(), Vec::new());
    };
    if close < open {
        return (text.to_string(), Vec::new());
    }
    let inside = &text[open + 1..close];
    let mut args = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in inside.chars() {
        match c {
            '\'' => {
                in_quote = !in_quote;
                current.push(c);
            }
            ',' if !in_quote => args.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() || !args.is_empty() {
        args.push(current);
    }
    let base = format!("{} {}", text[..open].trim(), text[close + 1..].trim());
    (base.trim().to_string(), args)
}

/// Removes spelling that does not change the stored type: `unsigned`, `zerofill`, MySQL
/// character sets and collations.
fn strip_modifiers(base: String) -> String {
    let mut words: Vec<&str> = base.split(' ').filter(|w| !w.is_empty()).collect();
    if let Some(pos) = words
        .iter()
        .position(|w| *w == "collate" || *w == "charset")
    {
        words.truncate(pos);
    }
    if let Some(pos) = words
        .windows(2)
        .position(|w| w[0] == "character" && w[1] == "set")
    {
        words.truncate(pos);
    }
    words.retain(|w| *w != "unsigned" && *w != "signed" && *w != "zerofill");
    words.join(" ")
}

pub(crate) fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out.replace(" (", "(").replace("( ", "(").replace(" )", ")")
}

fn unquote(text: &str) -> String {
    let t = text.trim();
    if t.len() >= 2
        && (t.starts_with('\'') && t.ends_with('\'') || t.starts_with('"') && t.ends_with('"'))
    {
        t[1..t.len() - 1].replace("''", "'")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnType::*;

    fn pg(t: &str) -> ColumnType {
        normalize_type(t, Dialect::Postgres).0
    }
    fn my(t: &str) -> ColumnType {
        normalize_type(t, Dialect::Mysql).0
    }
    fn lite(t: &str) -> ColumnType {
        normalize_type(t, Dialect::Sqlite).0
    }

    #[test]
    fn integer_spellings_are_one_type() {
        for t in ["int4", "integer", "INT", "Integer", "serial", "SERIAL4"] {
            assert_eq!(pg(t), Integer, "{t}");
        }
        for t in ["int8", "bigint", "BIGSERIAL", "serial8"] {
            assert_eq!(pg(t), BigInt, "{t}");
        }
        for t in ["int2", "smallint", "smallserial"] {
            assert_eq!(pg(t), SmallInt, "{t}");
        }
        assert_eq!(my("int(11)"), Integer);
        assert_eq!(my("bigint(20) unsigned"), BigInt);
    }

    #[test]
    fn serial_spellings_are_flagged() {
        assert!(normalize_type("serial", Dialect::Postgres).1);
        assert!(normalize_type("bigserial", Dialect::Postgres).1);
        assert!(!normalize_type("integer", Dialect::Postgres).1);
    }

    #[test]
    fn character_types() {
        assert_eq!(pg("varchar(255)"), Varchar(Some(255)));
        assert_eq!(pg("character varying(255)"), Varchar(Some(255)));
        assert_eq!(pg("CHARACTER VARYING"), Varchar(None));
        assert_eq!(pg("char(32)"), Char(Some(32)));
        assert_eq!(pg("character"), Char(Some(1)));
        assert_eq!(pg("bpchar(3)"), Char(Some(3)));
        assert_eq!(pg("text"), Text);
        assert_eq!(
            my("varchar(64) character set utf8mb4 collate utf8mb4_bin"),
            Varchar(Some(64))
        );
        assert_eq!(my("longtext"), Text);
    }

    #[test]
    fn time_types() {
        assert_eq!(pg("timestamptz"), Timestamp { time_zone: true });
        assert_eq!(
            pg("timestamp with time zone"),
            Timestamp { time_zone: true }
        );
        assert_eq!(
            pg("TIMESTAMP(3) WITH TIME ZONE"),
            Timestamp { time_zone: true }
        );
        assert_eq!(
            pg("timestamp without time zone"),
            Timestamp { time_zone: false }
        );
        assert_eq!(pg("timestamp"), Timestamp { time_zone: false });
        assert_eq!(my("datetime"), Timestamp { time_zone: false });
        assert_eq!(pg("timetz"), Time { time_zone: true });
        assert_eq!(pg("date"), Date);
    }

    #[test]
    fn numeric_and_float_types() {
        assert_eq!(
            pg("numeric(10,2)"),
            Numeric {
                precision: Some(10),
                scale: Some(2)
            }
        );
        assert_eq!(
            pg("DECIMAL(10, 2)"),
            Numeric {
                precision: Some(10),
                scale: Some(2)
            }
        );
        assert_eq!(
            pg("numeric"),
            Numeric {
                precision: None,
                scale: None
            }
        );
        assert_eq!(
            my("decimal(10)"),
            Numeric {
                precision: Some(10),
                scale: Some(0)
            }
        );
        assert_eq!(pg("float8"), Double);
        assert_eq!(pg("double precision"), Double);
        assert_eq!(pg("float"), Double);
        assert_eq!(pg("float4"), Real);
        assert_eq!(pg("real"), Real);
        assert_eq!(my("double"), Double);
        assert_eq!(my("float"), Real);
    }

    #[test]
    fn booleans_json_bytes_uuid() {
        assert_eq!(pg("bool"), Boolean);
        assert_eq!(pg("boolean"), Boolean);
        assert_eq!(my("tinyint(1)"), Boolean);
        assert_eq!(my("tinyint(4)"), SmallInt);
        assert_eq!(pg("json"), Json);
        assert_eq!(pg("jsonb"), Jsonb);
        assert_eq!(my("json"), Json);
        assert_eq!(pg("bytea"), Bytes);
        assert_eq!(my("blob"), Bytes);
        assert_eq!(my("longblob"), Bytes);
        assert_eq!(pg("uuid"), Uuid);
        assert_eq!(pg("UUID"), Uuid);
    }

    #[test]
    fn arrays_and_enums() {
        assert_eq!(pg("text[]"), Array(Box::new(Text)));
        assert_eq!(pg("integer[3]"), Array(Box::new(Integer)));
        assert_eq!(pg("varchar(20) ARRAY"), Array(Box::new(Varchar(Some(20)))));
        assert_eq!(
            my("enum('a','b c')"),
            InlineEnum(vec!["a".into(), "b c".into()])
        );
        let mut status = pg("request_status");
        assert_eq!(status, Other("request_status".into()));
        status.resolve_enum(&|n| (n == "request_status").then(|| n.to_string()));
        assert_eq!(status, Enum("request_status".into()));
    }

    #[test]
    fn sqlite_affinity_decides_the_type() {
        assert_eq!(lite("INTEGER"), Integer);
        assert_eq!(lite("bigint"), Integer);
        assert_eq!(lite("varchar(255)"), Text);
        assert_eq!(lite("TEXT"), Text);
        assert_eq!(lite("blob"), Bytes);
        assert_eq!(lite("real"), Double);
        assert_eq!(lite("double"), Double);
        assert_eq!(
            lite("boolean"),
            Numeric {
                precision: None,
                scale: None
            }
        );
        assert_eq!(
            lite("datetime"),
            Numeric {
                precision: None,
                scale: None
            }
        );
    }

    #[test]
    fn display_is_canonical() {
        assert_eq!(pg("int4").to_string(), "integer");
        assert_eq!(pg("timestamptz").to_string(), "timestamp with time zone");
        assert_eq!(pg("character varying(40)").to_string(), "varchar(40)");
        assert_eq!(pg("_unknown_domain").to_string(), "_unknown_domain");
    }
}
