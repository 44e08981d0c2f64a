//! Structural differences between two schemas, paired by stored name. Rules decide what each
//! difference means; this module only finds them.

use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::{Column, Dialect, EnumType, ForeignKey, Index, Schema, Table};

#[derive(Debug)]
pub enum Difference<'a> {
    TableOnlyInLeft(&'a Table),
    TableOnlyInRight(&'a Table),
    ColumnOnlyInLeft {
        left: &'a Table,
        right: &'a Table,
        column: &'a Column,
    },
    ColumnOnlyInRight {
        left: &'a Table,
        right: &'a Table,
        column: &'a Column,
    },
    /// The right side renamed a column the left side still has under its old name.
    ColumnRenamed {
        left: &'a Table,
        right: &'a Table,
        old: &'a Column,
        new: &'a Column,
    },
    /// The right side renamed a table the left side still has under its old name.
    TableRenamed {
        old: &'a Table,
        new: &'a Table,
    },
    Column {
        table: &'a Table,
        left: &'a Column,
        right: &'a Column,
        aspect: ColumnAspect,
    },
    EnumOnlyInLeft(&'a EnumType),
    EnumOnlyInRight(&'a EnumType),
    EnumValues {
        left: &'a EnumType,
        right: &'a EnumType,
    },
    IndexOnlyInLeft {
        table: &'a Table,
        index: &'a Index,
    },
    IndexOnlyInRight {
        table: &'a Table,
        index: &'a Index,
    },
    ForeignKeyOnlyInLeft {
        table: &'a Table,
        key: &'a ForeignKey,
    },
    ForeignKeyOnlyInRight {
        table: &'a Table,
        key: &'a ForeignKey,
    },
}

/// Which property of a paired column differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnAspect {
    Type,
    Nullability,
    Default,
    Identity,
}

/// Finds every difference between `left` and `right`, in a stable order.
pub fn diff<'a>(left: &'a Schema, right: &'a Schema) -> Vec<Difference<'a>> {
    let dialect = right.dialect;
    let mut out = Vec::new();
    for (key, l) in &left.tables {
        match right.table(key) {
            Some(r) => diff_tables(dialect, l, r, &mut out),
            None => match right.renamed_table(key) {
                Some(r) if left.table(&r.qualified_name()).is_none() => {
                    out.push(Difference::TableRenamed { old: l, new: r });
                    diff_tables(dialect, l, r, &mut out);
                }
                _ => out.push(Difference::TableOnlyInLeft(l)),
            },
        }
    }
    for (key, r) in &right.tables {
        let renamed_from_left = r.former_names.iter().any(|former| {
            left.table(&crate::model::QualifiedName::new(
                key.schema.clone(),
                former.clone(),
            ))
            .is_some()
        });
        if left.table(key).is_none() && !renamed_from_left {
            out.push(Difference::TableOnlyInRight(r));
        }
    }
    for (key, l) in &left.enums {
        match right.enum_type(key) {
            None => out.push(Difference::EnumOnlyInLeft(l)),
            Some(r) if r.values != l.values => {
                out.push(Difference::EnumValues { left: l, right: r })
            }
            Some(_) => {}
        }
    }
    for (key, r) in &right.enums {
        if left.enum_type(key).is_none() {
            out.push(Difference::EnumOnlyInRight(r));
        }
    }
    out
}

fn diff_tables<'a>(dialect: Dialect, l: &'a Table, r: &'a Table, out: &mut Vec<Difference<'a>>) {
    for lc in &l.columns {
        match r.column(dialect, &lc.name.stored) {
            None => match r.renamed_column(dialect, &lc.name.stored) {
                Some(rc) if l.column(dialect, &rc.name.stored).is_none() => {
                    out.push(Difference::ColumnRenamed {
                        left: l,
                        right: r,
                        old: lc,
                        new: rc,
                    });
                    for aspect in column_differences(lc, rc) {
                        out.push(Difference::Column {
                            table: l,
                            left: lc,
                            right: rc,
                            aspect,
                        });
                    }
                }
                _ => out.push(Difference::ColumnOnlyInLeft {
                    left: l,
                    right: r,
                    column: lc,
                }),
            },
            Some(rc) => {
                for aspect in column_differences(lc, rc) {
                    out.push(Difference::Column {
                        table: l,
                        left: lc,
                        right: rc,
                        aspect,
                    });
                }
            }
        }
    }
    for rc in &r.columns {
        let renamed_from_left = rc
            .former_names
            .iter()
            .any(|former| l.column(dialect, former).is_some());
        if l.column(dialect, &rc.name.stored).is_none() && !renamed_from_left {
            out.push(Difference::ColumnOnlyInRight {
                left: l,
                right: r,
                column: rc,
            });
        }
    }
    for index in &l.indexes {
        if !r
            .indexes
            .iter()
            .any(|other| same_index(dialect, index, other))
            && !r.implies_index(index, dialect)
        {
            out.push(Difference::IndexOnlyInLeft { table: l, index });
        }
    }
    for index in &r.indexes {
        if !l
            .indexes
            .iter()
            .any(|other| same_index(dialect, index, other))
            && !l.implies_index(index, dialect)
        {
            out.push(Difference::IndexOnlyInRight { table: r, index });
        }
    }
    for key in &l.foreign_keys {
        if !r
            .foreign_keys
            .iter()
            .any(|other| same_foreign_key(dialect, key, other))
        {
            out.push(Difference::ForeignKeyOnlyInLeft { table: l, key });
        }
    }
    for key in &r.foreign_keys {
        if !l
            .foreign_keys
            .iter()
            .any(|other| same_foreign_key(dialect, key, other))
        {
            out.push(Difference::ForeignKeyOnlyInRight { table: r, key });
        }
    }
}

/// The aspects in which two columns of the same name differ.
pub fn column_differences(l: &Column, r: &Column) -> Vec<ColumnAspect> {
    let mut aspects = Vec::new();
    if l.ty != r.ty {
        aspects.push(ColumnAspect::Type);
    }
    if l.nullable != r.nullable {
        aspects.push(ColumnAspect::Nullability);
    }
    if effective_default(l) != effective_default(r) {
        aspects.push(ColumnAspect::Default);
    }
    if l.identity.is_some() != r.identity.is_some() {
        aspects.push(ColumnAspect::Identity);
    }
    aspects
}

/// `nullable` or `NOT NULL`, for messages.
pub(crate) fn null_word(c: &Column) -> &'static str {
    if c.nullable { "nullable" } else { "NOT NULL" }
}

/// The default in its normalised form, read again with the column's final type: a default set
/// by `ALTER COLUMN … SET DEFAULT` was normalised before the type was known.
pub fn effective_default(column: &Column) -> Option<String> {
    let default = column.default.as_ref()?;
    match normalize_default(&default.written, &column.ty) {
        DefaultKind::Value(value) => Some(value.expression),
        DefaultKind::None | DefaultKind::Sequence => None,
    }
}

pub(crate) fn same_columns(dialect: Dialect, a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| dialect.same_identifier(x, y))
}

/// An index part without its ordering, which does not change what is indexed: pg_dump's
/// `occurred_at DESC`, `sa.text("occurred_at DESC")` and `occurred_at.desc()` are `occurred_at`.
fn without_ordering(part: &str) -> &str {
    let part = part.trim();
    for suffix in [".desc()", ".asc()"] {
        if let Some(stripped) = part.strip_suffix(suffix) {
            return stripped.trim();
        }
    }
    let lower = part.to_ascii_lowercase();
    for suffix in [" desc", " asc"] {
        if lower.ends_with(suffix) {
            return part[..part.len() - suffix.len()].trim();
        }
    }
    part
}

/// A partial index's predicate as Postgres and the code may both write it: casts
/// (`::text`), parentheses and spacing dropped, case folded outside quotes. pg_dump prints
/// `((auth_method)::text = 'LDAP'::text)` for `auth_method = 'LDAP'`.
fn loose_predicate(predicate: &str) -> String {
    let mut out = String::with_capacity(predicate.len());
    let mut chars = predicate.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
            out.push(c);
            continue;
        }
        if quoted {
            out.push(c);
            continue;
        }
        match c {
            ':' if chars.peek() == Some(&':') => {
                chars.next();
                while chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_')
                {
                    chars.next();
                }
            }
            '(' | ')' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indexes pair by name when both have one, else by shape.
fn same_index(dialect: Dialect, a: &Index, b: &Index) -> bool {
    let same_predicate = match (&a.predicate, &b.predicate) {
        (Some(x), Some(y)) => x == y || loose_predicate(x) == loose_predicate(y),
        (x, y) => x == y,
    };
    let parts = |index: &Index| -> Vec<String> {
        index
            .columns
            .iter()
            .map(|c| without_ordering(c).to_string())
            .collect()
    };
    let same_shape = same_columns(dialect, &parts(a), &parts(b))
        && a.unique == b.unique
        && a.method == b.method
        && same_predicate;
    match (&a.name, &b.name) {
        (Some(x), Some(y)) => {
            dialect.same_identifier(x, y) && (same_shape || a.shape_unknown() || b.shape_unknown())
        }
        _ => same_shape,
    }
}

fn same_foreign_key(dialect: Dialect, a: &ForeignKey, b: &ForeignKey) -> bool {
    same_columns(dialect, &a.columns, &b.columns)
        && dialect.same_identifier(&a.references.name, &b.references.name)
        && same_columns(dialect, &a.referenced_columns, &b.referenced_columns)
        && a.on_delete == b.on_delete
}

#[cfg(test)]
mod predicate_tests {
    use super::loose_predicate;

    #[test]
    fn mysql_indexes_made_for_foreign_keys_are_not_differences() {
        use crate::extract::sql;
        use crate::model::{Dialect, Schema, SourceKind};
        use crate::source::SourceFile;
        let schema = |text: &str| {
            let file = SourceFile::in_memory("x.sql", text);
            let mut schema = Schema::new(SourceKind::Sql, "x", Dialect::Mysql);
            for change in sql::extract(&file, Dialect::Mysql, SourceKind::Sql).changes {
                schema.apply(change).unwrap();
            }
            schema
        };
        let history = schema(
            "CREATE TABLE a (id int PRIMARY KEY);\n\
             CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id));",
        );
        let dump = schema(
            "CREATE TABLE `a` (`id` int NOT NULL, PRIMARY KEY (`id`));\n\
             CREATE TABLE `b` (`id` int NOT NULL, `a_id` int DEFAULT NULL, PRIMARY KEY (`id`), KEY `fk_b_a` (`a_id`), CONSTRAINT `fk_b_a` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`));",
        );
        let differences = super::diff(&history, &dump);
        assert!(differences.is_empty(), "{} differences", differences.len());
    }

    #[test]
    fn index_orderings_are_not_part_of_the_indexed_columns() {
        use super::without_ordering;
        assert_eq!(without_ordering("occurred_at DESC"), "occurred_at");
        assert_eq!(without_ordering("occurred_at.desc()"), "occurred_at");
        assert_eq!(without_ordering("lower(email) asc"), "lower(email)");
        assert_eq!(without_ordering("description"), "description");
    }

    #[test]
    fn pg_dump_predicates_read_like_the_code_that_wrote_them() {
        assert_eq!(
            loose_predicate("(((auth_method)::text = 'LDAP'::text) AND (x IS NOT NULL))"),
            loose_predicate("auth_method = 'LDAP' AND x IS NOT NULL")
        );
        assert_ne!(
            loose_predicate("status = 'Open'"),
            loose_predicate("status = 'open'")
        );
    }
}
