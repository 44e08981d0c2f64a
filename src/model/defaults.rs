//! Normalised column defaults: `now()` = `CURRENT_TIMESTAMP`, `'x'::text` = `'x'`, `'t'` = `true`
//! on a boolean, and a `nextval(...)` default marks a serial column instead of being a default.

use super::expression::{lowercase_outside_quotes, strip_casts, strip_wrapping_parens};
use super::types::{ColumnType, fold_whitespace};
use serde::Serialize;

/// A column default, as written and in the normalised form comparisons use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Default {
    pub expression: String,
    pub written: String,
}

/// What a default expression amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultKind {
    /// No default (`DEFAULT NULL` is the same as none).
    None,
    /// A sequence default: the column is serial.
    Sequence,
    Value(Default),
}

pub fn normalize_default(written: &str, ty: &ColumnType) -> DefaultKind {
    let trimmed = strip_wrapping_parens(written.trim());
    let lowered = lowercase_outside_quotes(trimmed);
    if lowered.starts_with("nextval(") {
        return DefaultKind::Sequence;
    }
    // MySQL's `DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP`, written whole into a
    // drizzle `sql` default: the ON UPDATE clause is no part of the default.
    let lowered = fold_whitespace(&lowered);
    let lowered = match lowered.find(" on update ") {
        Some(at) if !lowered[..at].contains('\'') => lowered[..at].to_string(),
        _ => lowered,
    };
    let mut expression = strip_casts(&lowered);
    expression = strip_wrapping_parens(expression.trim()).to_string();
    expression = fold_whitespace(&expression);
    if expression == "null" {
        return DefaultKind::None;
    }
    expression = canonical_function(&expression);
    if let Some(value) = canonical_literal(&expression, ty) {
        expression = value;
    }
    DefaultKind::Value(Default {
        expression,
        written: written.trim().to_string(),
    })
}

fn canonical_function(expression: &str) -> String {
    match expression {
        "now()"
        | "current_timestamp"
        | "current_timestamp()"
        | "transaction_timestamp()"
        | "statement_timestamp()"
        | "localtimestamp"
        | "localtimestamp()"
        | "datetime('now')"
        | "getdate()" => "current_timestamp".to_string(),
        "current_date()" | "curdate()" | "date('now')" => "current_date".to_string(),
        "current_time()" | "curtime()" => "current_time".to_string(),
        "uuid_generate_v4()" | "gen_random_uuid()" => "gen_random_uuid()".to_string(),
        other => {
            // MySQL spells the precision into the function: CURRENT_TIMESTAMP(6).
            if let Some(rest) = other.strip_prefix("current_timestamp(") {
                if rest
                    .trim_end_matches(')')
                    .chars()
                    .all(|c| c.is_ascii_digit())
                {
                    return "current_timestamp".to_string();
                }
            }
            if let Some(rest) = other.strip_prefix("now(") {
                if rest
                    .trim_end_matches(')')
                    .chars()
                    .all(|c| c.is_ascii_digit())
                {
                    return "current_timestamp".to_string();
                }
            }
            other.to_string()
        }
    }
}

fn canonical_literal(expression: &str, ty: &ColumnType) -> Option<String> {
    let unquoted = unquote(expression);
    match ty {
        ColumnType::Boolean => match unquoted.as_deref().unwrap_or(expression) {
            "true" | "t" | "1" | "yes" | "on" | "y" | "b'1'" => Some("true".into()),
            "false" | "f" | "0" | "no" | "off" | "n" | "b'0'" => Some("false".into()),
            _ => None,
        },
        ColumnType::SmallInt
        | ColumnType::Integer
        | ColumnType::BigInt
        | ColumnType::Real
        | ColumnType::Double
        | ColumnType::Numeric { .. } => {
            let text = unquoted.as_deref().unwrap_or(expression);
            let number = text.trim_start_matches('+');
            number.parse::<f64>().ok().map(|_| canonical_number(number))
        }
        // `'{"b": 1, "a": {}}'` and `'{"a":{},"b":1}'` hold one value (jsonb keeps neither
        // the key order nor the spacing).
        ColumnType::Json | ColumnType::Jsonb => {
            let value: serde_json::Value = serde_json::from_str(unquoted.as_deref()?).ok()?;
            let mut out = String::new();
            canonical_json(&value, &mut out);
            Some(format!("'{}'", out.replace('\'', "''")))
        }
        // An empty Python list stored in a Postgres array (`default=list`) is the empty array
        // literal `'{}'`, as `ARRAY[]::text[]` is.
        ColumnType::Array(_)
            if matches!(unquoted.as_deref(), Some("[]") | Some("{}"))
                || expression.starts_with("array[]") =>
        {
            Some("'{}'".into())
        }
        _ => None,
    }
}

/// JSON with object keys sorted and no spacing.
fn canonical_json(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical_json(item, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// `1.50` and `1.5` are the same default; `10` stays `10`.
fn canonical_number(text: &str) -> String {
    if text.contains('.') && !text.contains(['e', 'E']) {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        if trimmed.is_empty() || trimmed == "-" {
            "0".to_string()
        } else {
            trimmed.to_string()
        }
    } else {
        text.to_string()
    }
}

fn unquote(text: &str) -> Option<String> {
    let t = text.trim();
    (t.len() >= 2 && t.starts_with('\'') && t.ends_with('\''))
        .then(|| t[1..t.len() - 1].replace("''", "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(written: &str, ty: ColumnType) -> String {
        match normalize_default(written, &ty) {
            DefaultKind::Value(d) => d.expression,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn empty_arrays_are_one_default() {
        let array = ColumnType::Array(Box::new(ColumnType::Text));
        for written in ["'[]'", "'{}'", "'{}'::text[]", "ARRAY[]::text[]"] {
            let DefaultKind::Value(d) = normalize_default(written, &array) else {
                panic!("{written}");
            };
            assert_eq!(d.expression, "'{}'", "{written}");
        }
    }

    #[test]
    fn timestamps_functions_are_one_default() {
        for written in [
            "CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)",
            "current_timestamp\n  on update current_timestamp",
        ] {
            let DefaultKind::Value(d) =
                normalize_default(written, &ColumnType::Timestamp { time_zone: false })
            else {
                panic!("{written}");
            };
            assert_eq!(d.expression, "current_timestamp", "{written}");
        }
        for d in [
            "now()",
            "NOW()",
            "CURRENT_TIMESTAMP",
            "current_timestamp()",
            "(now())",
            "CURRENT_TIMESTAMP(6)",
            "transaction_timestamp()",
        ] {
            assert_eq!(
                norm(d, ColumnType::Timestamp { time_zone: true }),
                "current_timestamp",
                "{d}"
            );
        }
    }

    #[test]
    fn casts_are_removed() {
        assert_eq!(norm("'x'::text", ColumnType::Text), "'x'");
        assert_eq!(
            norm("'draft'::character varying", ColumnType::Varchar(None)),
            "'draft'"
        );
        assert_eq!(norm("'{}'::jsonb", ColumnType::Jsonb), "'{}'");
        assert_eq!(
            norm(
                r#"'{"path_mapping": {}, "literal_mapping": {"k": [1, "it''s"]}}'::jsonb"#,
                ColumnType::Jsonb
            ),
            norm(
                r#"'{"literal_mapping":{"k":[1,"it''s"]},"path_mapping":{}}'"#,
                ColumnType::Jsonb
            )
        );
        assert_eq!(norm("('null')", ColumnType::Json), "'null'");
        assert_eq!(
            norm(
                "'draft'::request_status",
                ColumnType::Enum("request_status".into())
            ),
            "'draft'"
        );
        assert_eq!(
            norm(
                "'{}'::text[]",
                ColumnType::Array(Box::new(ColumnType::Text))
            ),
            "'{}'"
        );
        assert_eq!(
            norm(
                "('2020-01-01 00:00:00'::timestamp without time zone)",
                ColumnType::Timestamp { time_zone: false }
            ),
            "'2020-01-01 00:00:00'"
        );
    }

    #[test]
    fn strings_keep_their_case() {
        assert_eq!(norm("'Draft'", ColumnType::Text), "'Draft'");
        assert_ne!(
            norm("'Draft'", ColumnType::Text),
            norm("'draft'", ColumnType::Text)
        );
    }

    #[test]
    fn booleans_and_numbers() {
        for d in ["true", "TRUE", "'t'", "1", "'1'", "b'1'"] {
            assert_eq!(norm(d, ColumnType::Boolean), "true", "{d}");
        }
        for d in ["false", "'f'", "0", "'0'"] {
            assert_eq!(norm(d, ColumnType::Boolean), "false", "{d}");
        }
        assert_eq!(norm("'0'", ColumnType::Integer), "0");
        assert_eq!(norm("0", ColumnType::Integer), "0");
        assert_eq!(
            norm(
                "1.50",
                ColumnType::Numeric {
                    precision: None,
                    scale: None
                }
            ),
            "1.5"
        );
        assert_eq!(
            norm(
                "'0.00'::numeric",
                ColumnType::Numeric {
                    precision: None,
                    scale: None
                }
            ),
            "0"
        );
    }

    #[test]
    fn sequences_and_null() {
        assert_eq!(
            normalize_default("nextval('users_id_seq'::regclass)", &ColumnType::Integer),
            DefaultKind::Sequence
        );
        assert_eq!(
            normalize_default("NULL", &ColumnType::Text),
            DefaultKind::None
        );
        assert_eq!(
            normalize_default("NULL::character varying", &ColumnType::Text),
            DefaultKind::None
        );
    }

    #[test]
    fn uuid_generators() {
        assert_eq!(
            norm("gen_random_uuid()", ColumnType::Uuid),
            "gen_random_uuid()"
        );
        assert_eq!(
            norm("uuid_generate_v4()", ColumnType::Uuid),
            "gen_random_uuid()"
        );
    }
}
