//! The column builders of drizzle-orm's pg-core, mysql-core and sqlite-core, and the SQL type
//! each one makes drizzle-kit write (`varchar({ length: 255 })` → `varchar(255)`).

use super::value::Js;
use crate::model::Dialect;

/// The SQL type drizzle-kit emits for a builder called with `config` (its options object, or
/// `Js::Null` when there is none).
///
/// `Ok(None)`: `name` is not a column builder of the dialect. `Err`: an option the type
/// depends on is not a literal.
pub fn sql_type(dialect: Dialect, name: &str, config: &Js) -> Result<Option<String>, String> {
    let number = |key: &str| -> Result<Option<u32>, String> {
        match config.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_u32()
                .map(Some)
                .ok_or_else(|| format!("`{name}` option `{key}` is not a number literal")),
        }
    };
    let flag = |key: &str| -> Result<bool, String> {
        match config.get(key) {
            None => Ok(false),
            Some(value) => value
                .as_bool()
                .ok_or_else(|| format!("`{name}` option `{key}` is not a boolean literal")),
        }
    };
    let sized = |base: &str, key: &str| -> Result<String, String> {
        Ok(match number(key)? {
            Some(n) => format!("{base}({n})"),
            None => base.to_string(),
        })
    };
    let precise = |base: &str| -> Result<String, String> {
        Ok(match (number("precision")?, number("scale")?) {
            (Some(p), Some(s)) => format!("{base}({p}, {s})"),
            (Some(p), None) => format!("{base}({p})"),
            _ => base.to_string(),
        })
    };
    let unsigned = |base: &str| -> Result<String, String> {
        Ok(if flag("unsigned")? {
            format!("{base} unsigned")
        } else {
            base.to_string()
        })
    };
    let zoned = |base: &str| -> Result<String, String> {
        let precision = number("precision")?.map_or(String::new(), |p| format!(" ({p})"));
        let zone = if flag("withTimezone")? {
            " with time zone"
        } else {
            ""
        };
        Ok(format!("{base}{precision}{zone}"))
    };

    let written = match dialect {
        Dialect::Postgres => match name {
            "integer" | "smallint" | "bigint" | "serial" | "smallserial" | "bigserial"
            | "boolean" | "text" | "real" | "json" | "jsonb" | "uuid" | "date" | "inet"
            | "cidr" | "macaddr" | "macaddr8" | "point" | "line" | "bytea" => name.to_string(),
            "doublePrecision" => "double precision".into(),
            "varchar" => sized("varchar", "length")?,
            "char" => sized("char", "length")?,
            "numeric" | "decimal" => precise("numeric")?,
            "time" => zoned("time")?,
            "timestamp" => zoned("timestamp")?,
            "interval" => {
                let fields = match config.get("fields") {
                    None => String::new(),
                    Some(Js::Str(f)) => format!(" {f}"),
                    Some(_) => return Err("`interval` option `fields` is not a literal".into()),
                };
                let precision = number("precision")?.map_or(String::new(), |p| format!("({p})"));
                format!("interval{fields}{precision}")
            }
            "vector" | "halfvec" | "sparsevec" | "bit" => sized(name, "dimensions")?,
            "geometry" => match config.get("type") {
                None => "geometry".into(),
                Some(Js::Str(t)) => match number("srid")? {
                    Some(srid) => format!("geometry({t},{srid})"),
                    None => format!("geometry({t})"),
                },
                Some(_) => return Err("`geometry` option `type` is not a literal".into()),
            },
            _ => return Ok(None),
        },
        Dialect::Mysql => match name {
            "int" | "tinyint" | "smallint" | "mediumint" | "bigint" => unsigned(name)?,
            "serial" | "boolean" | "text" | "tinytext" | "mediumtext" | "longtext" | "json"
            | "date" | "year" | "blob" | "tinyblob" | "mediumblob" | "longblob" => name.to_string(),
            "varchar" | "char" | "binary" | "varbinary" => sized(name, "length")?,
            "decimal" => unsigned(&precise("decimal")?)?,
            "double" | "float" | "real" => unsigned(&precise(name)?)?,
            "datetime" | "timestamp" | "time" => sized(name, "fsp")?,
            _ => return Ok(None),
        },
        Dialect::Sqlite => match name {
            "integer" | "int" => "integer".into(),
            "text" => sized("text", "length")?,
            "real" | "blob" | "numeric" => name.to_string(),
            _ => return Ok(None),
        },
    };
    Ok(Some(written))
}

/// Whether `name` is a function of a drizzle core module that declares a table.
pub fn table_function(name: &str) -> Option<Dialect> {
    match name {
        "pgTable" => Some(Dialect::Postgres),
        "mysqlTable" => Some(Dialect::Mysql),
        "sqliteTable" => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// `pgTableCreator`, `mysqlTableCreator`, `sqliteTableCreator`.
pub fn table_creator(name: &str) -> Option<Dialect> {
    match name {
        "pgTableCreator" => Some(Dialect::Postgres),
        "mysqlTableCreator" => Some(Dialect::Mysql),
        "sqliteTableCreator" => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// `pgSchema`, `mysqlSchema` (`mysqlDatabase` is its older name).
pub fn schema_function(name: &str) -> Option<Dialect> {
    match name {
        "pgSchema" => Some(Dialect::Postgres),
        "mysqlSchema" | "mysqlDatabase" => Some(Dialect::Mysql),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::{ColumnType, normalize_type};

    fn object(pairs: &[(&str, Js)]) -> Js {
        Js::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn num(n: u32) -> Js {
        Js::Num(n.to_string())
    }

    fn ty(dialect: Dialect, name: &str, config: Js) -> (String, ColumnType) {
        let written = sql_type(dialect, name, &config).unwrap().unwrap();
        let ty = normalize_type(&written, dialect).0;
        (written, ty)
    }

    #[test]
    fn postgres_builders() {
        use ColumnType::*;
        let pg = |name: &str, config: Js| ty(Dialect::Postgres, name, config);
        let cases: Vec<(&str, Js, &str, ColumnType)> = vec![
            ("uuid", Js::Null, "uuid", Uuid),
            ("serial", Js::Null, "serial", Integer),
            (
                "bigserial",
                object(&[("mode", Js::Str("number".into()))]),
                "bigserial",
                BigInt,
            ),
            ("integer", Js::Null, "integer", Integer),
            ("smallint", Js::Null, "smallint", SmallInt),
            (
                "bigint",
                object(&[("mode", Js::Str("bigint".into()))]),
                "bigint",
                BigInt,
            ),
            ("text", Js::Null, "text", Text),
            (
                "varchar",
                object(&[("length", num(255))]),
                "varchar(255)",
                Varchar(Some(255)),
            ),
            ("varchar", Js::Null, "varchar", Varchar(None)),
            (
                "char",
                object(&[("length", num(2))]),
                "char(2)",
                Char(Some(2)),
            ),
            ("boolean", Js::Null, "boolean", Boolean),
            (
                "timestamp",
                Js::Null,
                "timestamp",
                Timestamp { time_zone: false },
            ),
            (
                "timestamp",
                object(&[
                    ("withTimezone", Js::Bool(true)),
                    ("mode", Js::Str("string".into())),
                ]),
                "timestamp with time zone",
                Timestamp { time_zone: true },
            ),
            (
                "timestamp",
                object(&[("precision", num(3)), ("withTimezone", Js::Bool(true))]),
                "timestamp (3) with time zone",
                Timestamp { time_zone: true },
            ),
            ("time", Js::Null, "time", Time { time_zone: false }),
            ("date", Js::Null, "date", Date),
            (
                "numeric",
                object(&[("precision", num(10)), ("scale", num(2))]),
                "numeric(10, 2)",
                Numeric {
                    precision: Some(10),
                    scale: Some(2),
                },
            ),
            (
                "decimal",
                Js::Null,
                "numeric",
                Numeric {
                    precision: None,
                    scale: None,
                },
            ),
            ("real", Js::Null, "real", Real),
            ("doublePrecision", Js::Null, "double precision", Double),
            ("json", Js::Null, "json", Json),
            ("jsonb", Js::Null, "jsonb", Jsonb),
            ("bytea", Js::Null, "bytea", Bytes),
            ("interval", Js::Null, "interval", Interval),
            ("inet", Js::Null, "inet", Other("inet".into())),
            (
                "vector",
                object(&[("dimensions", num(3))]),
                "vector(3)",
                Other("vector".into()),
            ),
        ];
        for (name, config, written, expected) in cases {
            assert_eq!(pg(name, config), (written.to_string(), expected), "{name}");
        }
    }

    #[test]
    fn mysql_builders() {
        use ColumnType::*;
        let my = |name: &str, config: Js| ty(Dialect::Mysql, name, config);
        assert_eq!(my("int", Js::Null), ("int".into(), Integer));
        assert_eq!(
            my("int", object(&[("unsigned", Js::Bool(true))])),
            ("int unsigned".into(), Integer)
        );
        assert_eq!(my("tinyint", Js::Null), ("tinyint".into(), SmallInt));
        assert_eq!(
            my("bigint", object(&[("mode", Js::Str("number".into()))])).1,
            BigInt
        );
        assert_eq!(my("serial", Js::Null).1, Integer);
        assert_eq!(my("boolean", Js::Null).1, Boolean);
        assert_eq!(
            my("varchar", object(&[("length", num(191))])),
            ("varchar(191)".into(), Varchar(Some(191)))
        );
        assert_eq!(my("longtext", Js::Null).1, Text);
        assert_eq!(
            my(
                "decimal",
                object(&[("precision", num(10)), ("scale", num(2))])
            )
            .1,
            Numeric {
                precision: Some(10),
                scale: Some(2)
            }
        );
        assert_eq!(my("double", Js::Null).1, Double);
        assert_eq!(my("float", Js::Null).1, Real);
        assert_eq!(
            my("datetime", object(&[("fsp", num(3))])),
            ("datetime(3)".into(), Timestamp { time_zone: false })
        );
        assert_eq!(my("timestamp", Js::Null).1, Timestamp { time_zone: false });
        assert_eq!(my("json", Js::Null).1, Json);
        assert_eq!(my("binary", object(&[("length", num(16))])).1, Bytes);
        assert_eq!(my("year", Js::Null).1, Other("year".into()));
    }

    #[test]
    fn sqlite_builders() {
        use ColumnType::*;
        let lite = |name: &str, config: Js| ty(Dialect::Sqlite, name, config);
        assert_eq!(
            lite("integer", object(&[("mode", Js::Str("boolean".into()))])),
            ("integer".into(), Integer)
        );
        assert_eq!(
            lite("integer", object(&[("mode", Js::Str("timestamp".into()))])).0,
            "integer"
        );
        assert_eq!(lite("int", Js::Null).0, "integer");
        assert_eq!(
            lite("text", object(&[("mode", Js::Str("json".into()))])),
            ("text".into(), Text)
        );
        assert_eq!(lite("text", object(&[("length", num(32))])).0, "text(32)");
        assert_eq!(lite("real", Js::Null).1, Double);
        assert_eq!(
            lite("blob", object(&[("mode", Js::Str("buffer".into()))])).1,
            Bytes
        );
        assert_eq!(
            lite("numeric", Js::Null).1,
            Numeric {
                precision: None,
                scale: None
            }
        );
    }

    #[test]
    fn unknown_builders_and_dynamic_options() {
        assert_eq!(sql_type(Dialect::Postgres, "citext", &Js::Null), Ok(None));
        assert_eq!(sql_type(Dialect::Sqlite, "uuid", &Js::Null), Ok(None));
        let dynamic = object(&[("length", Js::Unknown)]);
        assert!(sql_type(Dialect::Postgres, "varchar", &dynamic).is_err());
    }
}
