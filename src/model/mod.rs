//! The unified schema model every source is read into: SQL files, migration replays, ORM models
//! and live databases all become a [`Schema`], so reconciliation compares like with like.

pub mod change;
pub mod defaults;
pub mod expression;
pub mod naming;
pub mod replay;
pub mod types;

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use change::{ColumnChange, SchemaChange};
pub use defaults::Default;
pub use types::ColumnType;

/// The SQL dialect a schema is written in; it decides identifier folding and type spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// How an identifier is stored: Postgres folds unquoted names to lower case; MySQL and
    /// SQLite keep them as written.
    pub fn fold_identifier(self, written: &str, quoted: bool) -> String {
        match self {
            Dialect::Postgres if !quoted => written.to_lowercase(),
            _ => written.to_string(),
        }
    }

    /// Whether two stored names denote the same object.
    pub fn same_identifier(self, a: &str, b: &str) -> bool {
        match self {
            Dialect::Postgres => a == b,
            Dialect::Mysql | Dialect::Sqlite => a.eq_ignore_ascii_case(b),
        }
    }

    /// The schema name that means "no schema given" in this dialect.
    pub fn is_default_schema(self, schema: &str) -> bool {
        match self {
            Dialect::Postgres => schema == "public",
            Dialect::Sqlite => schema == "main",
            Dialect::Mysql => false,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What kind of source a schema or element came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A standalone SQL file or a schema dump (`schema.sql`, pg_dump output).
    Sql,
    /// A replay of an ordered migration history.
    Migrations,
    Sqlalchemy,
    Sqlmodel,
    Drizzle,
    Database,
}

impl SourceKind {
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Sql => "sql",
            SourceKind::Migrations => "migrations",
            SourceKind::Sqlalchemy => "sqlalchemy",
            SourceKind::Sqlmodel => "sqlmodel",
            SourceKind::Drizzle => "drizzle",
            SourceKind::Database => "database",
        }
    }
}

/// Where an element was declared: the kind of source and the exact span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub kind: SourceKind,
    #[serde(flatten)]
    pub span: Span,
}

impl Origin {
    pub fn new(kind: SourceKind, span: Span) -> Self {
        Origin { kind, span }
    }
}

/// A name as the source wrote it and as the database stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub stored: String,
    pub written: String,
}

impl Name {
    pub fn new(dialect: Dialect, written: &str, quoted: bool) -> Self {
        Name {
            stored: dialect.fold_identifier(written, quoted),
            written: written.to_string(),
        }
    }

    pub fn exact(name: &str) -> Self {
        Name {
            stored: name.to_string(),
            written: name.to_string(),
        }
    }
}

/// A possibly schema-qualified reference to a table or type. `schema` is `None` for the
/// dialect's default schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct QualifiedName {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
}

impl QualifiedName {
    /// Whether two names denote the same object under the dialect's identifier rules.
    pub fn same_as(&self, other: &QualifiedName, dialect: Dialect) -> bool {
        let schemas_match = match (&self.schema, &other.schema) {
            (None, None) => true,
            (Some(x), Some(y)) => dialect.same_identifier(x, y),
            // A MySQL qualifier names a database; a history runs in one, so `app.users` and
            // `users` are the same table.
            _ => dialect == Dialect::Mysql,
        };
        schemas_match && dialect.same_identifier(&self.name, &other.name)
    }

    pub fn new(schema: Option<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema,
            name: name.into(),
        }
    }

    pub fn unqualified(name: impl Into<String>) -> Self {
        Self::new(None, name)
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// How a column's value is generated by the database when none is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// `serial` / `bigserial`, or a `nextval(...)` default.
    Serial,
    /// `GENERATED ALWAYS AS IDENTITY`.
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY`.
    ByDefault,
    /// MySQL `AUTO_INCREMENT`, SQLite `AUTOINCREMENT` / `INTEGER PRIMARY KEY`.
    AutoIncrement,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub name: Name,
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// The type exactly as the source spelled it.
    pub type_written: String,
    pub nullable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Default>,
    /// The value the ORM inserts itself when none is given (SQLAlchemy `default="x"`), as
    /// SQL; the database never sees it as a default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_default: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Names the column had before migrations renamed it, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    /// What the source states in a way that cannot be read statically: never compared.
    #[serde(skip_serializing_if = "Unknown::is_none")]
    pub unknown: Unknown,
    /// Where the column was declared, or last changed by a migration.
    pub origin: Origin,
}

/// Attributes of a column that its source gives but that cannot be read without running code
/// (a default from a function call, a type from an unresolved class). Unknown is not a
/// difference: comparisons skip what either side does not know, and `inspect` shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Unknown {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
    #[serde(rename = "type", skip_serializing_if = "std::ops::Not::not")]
    pub ty: bool,
    /// The ORM sets a value on insert that cannot be read: whether it equals the database's
    /// default is unknown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub client_default: bool,
}

impl Unknown {
    pub fn is_none(&self) -> bool {
        !self.default && !self.ty && !self.client_default
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrimaryKey {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UniqueConstraint {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForeignKey {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub references: QualifiedName,
    pub referenced_columns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_delete: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_update: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckConstraint {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub expression: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Index {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Column names, or expressions as normalised SQL text.
    pub columns: Vec<String>,
    pub unique: bool,
    /// Access method when not the default (`gin`, `hash`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The predicate of a partial index.
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    pub origin: Origin,
}

impl Index {
    /// A column or expression of the index that cannot be read statically (a SQLAlchemy
    /// expression held in a variable, `sa.column("x").desc()`): the index exists, its shape is
    /// unknown, and it is paired by name only.
    pub const UNKNOWN_PART: &'static str = "(unknown expression)";

    pub fn shape_unknown(&self) -> bool {
        self.columns.iter().any(|c| c == Self::UNKNOWN_PART)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub columns: Vec<Column>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unique_constraints: Vec<UniqueConstraint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub check_constraints: Vec<CheckConstraint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Names the table had before migrations renamed it, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    /// The module of a SQLite virtual table (`fts5`): no ORM declares one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub virtual_module: Option<String>,
    /// Declared by the code only to be referenced: created outside the repository's history
    /// (a Drizzle table in a file drizzle-kit's `schema` does not export). Compared where the
    /// reference has it, never reported missing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
    /// A base class the model inherits from outside the scanned tree (an installed package's
    /// mixin): the columns, keys and indexes it lends are unknown, so what the reference has
    /// beyond the model is not reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unread_base: Option<String>,
    pub origin: Origin,
}

impl Table {
    pub fn new(name: Name, schema: Option<String>, origin: Origin) -> Self {
        Table {
            name,
            schema,
            columns: Vec::new(),
            primary_key: None,
            unique_constraints: Vec::new(),
            foreign_keys: Vec::new(),
            check_constraints: Vec::new(),
            indexes: Vec::new(),
            comment: None,
            former_names: Vec::new(),
            virtual_module: None,
            external: false,
            unread_base: None,
            origin,
        }
    }

    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(self.schema.clone(), self.name.stored.clone())
    }

    pub fn column(&self, dialect: Dialect, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| dialect.same_identifier(&c.name.stored, name))
    }

    /// The column now called something else that was once called `name`.
    pub fn renamed_column(&self, dialect: Dialect, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| {
            c.former_names
                .iter()
                .any(|former| dialect.same_identifier(former, name))
        })
    }

    pub fn column_mut(&mut self, dialect: Dialect, name: &str) -> Option<&mut Column> {
        self.columns
            .iter_mut()
            .find(|c| dialect.same_identifier(&c.name.stored, name))
    }

    /// Renames every mention of a column in this table's constraints and indexes.
    pub fn rename_column_references(&mut self, dialect: Dialect, from: &str, to: &str) {
        let rename = |cols: &mut Vec<String>| {
            for col in cols.iter_mut() {
                if dialect.same_identifier(col, from) {
                    *col = to.to_string();
                }
            }
        };
        if let Some(pk) = &mut self.primary_key {
            rename(&mut pk.columns);
        }
        self.unique_constraints
            .iter_mut()
            .for_each(|u| rename(&mut u.columns));
        self.foreign_keys
            .iter_mut()
            .for_each(|f| rename(&mut f.columns));
        self.indexes.iter_mut().for_each(|i| rename(&mut i.columns));
    }

    /// Drops a column and every constraint or index that only it made up.
    pub fn drop_column(&mut self, dialect: Dialect, name: &str) -> bool {
        let before = self.columns.len();
        self.columns
            .retain(|c| !dialect.same_identifier(&c.name.stored, name));
        let mentions = |cols: &[String]| cols.iter().any(|c| dialect.same_identifier(c, name));
        if self
            .primary_key
            .as_ref()
            .is_some_and(|pk| mentions(&pk.columns))
        {
            self.primary_key = None;
        }
        self.unique_constraints.retain(|u| !mentions(&u.columns));
        self.foreign_keys.retain(|f| !mentions(&f.columns));
        self.indexes.retain(|i| !mentions(&i.columns));
        self.columns.len() != before
    }

    /// Whether a constraint or index of this name exists; used by DROP CONSTRAINT.
    /// Drops the unnamed constraint that Postgres would have named `name` (`users_pkey`,
    /// `users_email_key`, `posts_author_id_fkey`, `users_age_check`): a history that created it
    /// without a name drops it by the name the server gave it.
    pub fn drop_constraint_named_by_postgres(&mut self, name: &str) -> bool {
        let table = self.name.stored.clone();
        let named = |columns: &[String], label: &str| postgres_key_name(&table, columns, label);
        if self
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.name.is_none())
            && postgres_object_name(&table, None, "pkey") == name
        {
            self.primary_key = None;
            return true;
        }
        let before = (
            self.unique_constraints.len(),
            self.foreign_keys.len(),
            self.check_constraints.len(),
        );
        if let Some(at) = self
            .unique_constraints
            .iter()
            .position(|u| u.name.is_none() && named(&u.columns, "key") == name)
        {
            self.unique_constraints.remove(at);
        } else if let Some(at) = self
            .foreign_keys
            .iter()
            .position(|f| f.name.is_none() && named(&f.columns, "fkey") == name)
        {
            self.foreign_keys.remove(at);
        } else {
            let columns: Vec<String> = self.columns.iter().map(|c| c.name.stored.clone()).collect();
            let checks_column = |check: &CheckConstraint, column: &String| {
                check
                    .expression
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|word| word == column)
            };
            if let Some(at) = self.check_constraints.iter().position(|c| {
                c.name.is_none()
                    && (postgres_object_name(&table, None, "check") == name
                        || columns.iter().any(|column| {
                            checks_column(c, column)
                                && named(std::slice::from_ref(column), "check") == name
                        }))
            }) {
                self.check_constraints.remove(at);
            }
        }
        before
            != (
                self.unique_constraints.len(),
                self.foreign_keys.len(),
                self.check_constraints.len(),
            )
    }

    /// Gives the unnamed keys and indexes the names Postgres gave them (`users_pkey`,
    /// `users_email_key`, `posts_author_id_fkey`, `posts_author_id_idx`), before a rename of the
    /// table (every one) or of `column` (those on it): the server keeps those names, so later
    /// statements reach them by the old ones.
    pub fn keep_generated_names(&mut self, column: Option<&str>) {
        let table = self.name.stored.clone();
        let touches = |columns: &[String]| column.is_none_or(|c| columns.iter().any(|x| x == c));
        let named = |columns: &[String], label: &str| postgres_key_name(&table, columns, label);
        if column.is_none()
            && let Some(pk) = self.primary_key.as_mut().filter(|pk| pk.name.is_none())
        {
            pk.name = Some(postgres_object_name(&table, None, "pkey"));
        }
        for unique in &mut self.unique_constraints {
            if unique.name.is_none() && touches(&unique.columns) {
                unique.name = Some(named(&unique.columns, "key"));
            }
        }
        for key in &mut self.foreign_keys {
            if key.name.is_none() && touches(&key.columns) {
                key.name = Some(named(&key.columns, "fkey"));
            }
        }
        for index in &mut self.indexes {
            if index.name.is_none() && touches(&index.columns) {
                index.name = Some(named(&index.columns, "idx"));
            }
        }
    }

    /// Whether InnoDB made `index` for one of this table's foreign keys: MySQL indexes the
    /// columns of a foreign key that no index covers, naming the index after the constraint, so
    /// a dump or database holds `KEY fk_x (col)` that no migration wrote.
    pub fn implies_index(&self, index: &Index, dialect: Dialect) -> bool {
        dialect == Dialect::Mysql
            && !index.unique
            && index.predicate.is_none()
            && self.foreign_keys.iter().any(|key| {
                key.columns.len() == index.columns.len()
                    && key
                        .columns
                        .iter()
                        .zip(&index.columns)
                        .all(|(a, b)| dialect.same_identifier(a, b))
            })
    }

    /// Renames the constraint named `from` (or, on Postgres, the unnamed one the server named
    /// so).
    pub fn rename_constraint(&mut self, from: &str, to: &str, dialect: Dialect) -> bool {
        let table = self.name.stored.clone();
        let generated = |columns: &[String], label: &str| {
            dialect == Dialect::Postgres
                && postgres_object_name(&table, Some(columns.join("_").as_str()), label) == from
        };
        let is = |n: &Option<String>| n.as_deref() == Some(from);
        let renamed = Some(to.to_string());
        if let Some(pk) = self.primary_key.as_mut()
            && (is(&pk.name)
                || pk.name.is_none()
                    && dialect == Dialect::Postgres
                    && postgres_object_name(&table, None, "pkey") == from)
        {
            pk.name = renamed;
            return true;
        }
        if let Some(u) = self
            .unique_constraints
            .iter_mut()
            .find(|u| is(&u.name) || u.name.is_none() && generated(&u.columns, "key"))
        {
            u.name = renamed;
            return true;
        }
        if let Some(f) = self
            .foreign_keys
            .iter_mut()
            .find(|f| is(&f.name) || f.name.is_none() && generated(&f.columns, "fkey"))
        {
            f.name = renamed;
            return true;
        }
        if let Some(c) = self.check_constraints.iter_mut().find(|c| is(&c.name)) {
            c.name = renamed;
            return true;
        }
        false
    }

    pub fn drop_constraint(&mut self, name: &str) -> bool {
        let is = |n: &Option<String>| n.as_deref() == Some(name);
        let mut found = false;
        if self.primary_key.as_ref().is_some_and(|pk| is(&pk.name)) {
            self.primary_key = None;
            found = true;
        }
        let counts = (
            self.unique_constraints.len(),
            self.foreign_keys.len(),
            self.check_constraints.len(),
        );
        self.unique_constraints.retain(|u| !is(&u.name));
        self.foreign_keys.retain(|f| !is(&f.name));
        self.check_constraints.retain(|c| !is(&c.name));
        found
            || counts
                != (
                    self.unique_constraints.len(),
                    self.foreign_keys.len(),
                    self.check_constraints.len(),
                )
    }
}

/// The name Postgres gives a key or index on `columns` (none for a primary key).
pub(crate) fn postgres_key_name(table: &str, columns: &[String], label: &str) -> String {
    let joined = columns.join("_");
    postgres_object_name(
        table,
        Some(joined.as_str()).filter(|j| !j.is_empty()),
        label,
    )
}

/// The name Postgres gives an object it names itself (`makeObjectName`): `table_columns_label`,
/// the longer of the two first parts shortened until the whole fits in 63 bytes.
pub fn postgres_object_name(table: &str, columns: Option<&str>, label: &str) -> String {
    const LONGEST: usize = 63;
    let overhead = label.len() + 1 + usize::from(columns.is_some());
    let available = LONGEST.saturating_sub(overhead);
    let (mut first, mut second) = (
        table.chars().count(),
        columns.map_or(0, |c| c.chars().count()),
    );
    while first + second > available {
        if first > second {
            first -= 1;
        } else {
            second -= 1;
        }
    }
    let cut = |text: &str, n: usize| -> String { text.chars().take(n).collect() };
    match columns {
        Some(columns) => format!("{}_{}_{label}", cut(table, first), cut(columns, second)),
        None => format!("{}_{label}", cut(table, first)),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumType {
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub values: Vec<String>,
    pub origin: Origin,
}

/// One source's view of the database: every table and enum it declares.
#[derive(Debug, Clone, Serialize)]
pub struct Schema {
    pub kind: SourceKind,
    /// What this schema was read from: a file, a migrations folder, a database.
    pub label: String,
    pub dialect: Dialect,
    /// The files that make it up, in the order they were read or replayed.
    pub files: Vec<String>,
    #[serde(serialize_with = "map_values")]
    pub tables: BTreeMap<QualifiedName, Table>,
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        serialize_with = "map_values"
    )]
    pub enums: BTreeMap<QualifiedName, EnumType>,
    /// The replay's `PRAGMA legacy_alter_table` (SQLite), which decides what a rename does.
    #[serde(skip)]
    pub legacy_alter_table: bool,
    /// Foreign keys a history dropped, as (table, column): the repository removed them on
    /// purpose, so a column without one is not a forgotten key.
    #[serde(skip)]
    pub dropped_foreign_keys: Vec<(String, String)>,
    /// For a code model: the folders of the Alembic `env.py` files whose `target_metadata`
    /// includes it, so it is compared with the history that migrates it.
    #[serde(skip)]
    pub migrated_by: Vec<String>,
}

/// Maps keyed by qualified name serialize as lists: JSON keys must be strings, and each value
/// carries its own name.
fn map_values<S: serde::Serializer, V: Serialize>(
    map: &BTreeMap<QualifiedName, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(map.values())
}

impl Schema {
    pub fn new(kind: SourceKind, label: impl Into<String>, dialect: Dialect) -> Self {
        Schema {
            kind,
            label: label.into(),
            dialect,
            files: Vec::new(),
            tables: BTreeMap::new(),
            enums: BTreeMap::new(),
            legacy_alter_table: false,
            dropped_foreign_keys: Vec::new(),
            migrated_by: Vec::new(),
        }
    }

    /// Finds a table by its stored name, honouring the dialect's identifier rules.
    pub fn table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables.get(name).or_else(|| {
            self.folds_case()?;
            self.tables
                .iter()
                .find(|(key, _)| self.same_table(key, name))
                .map(|(_, t)| t)
        })
    }

    pub fn table_key(&self, name: &QualifiedName) -> Option<QualifiedName> {
        if self.tables.contains_key(name) {
            return Some(name.clone());
        }
        self.folds_case()?;
        self.tables
            .keys()
            .find(|key| self.same_table(key, name))
            .cloned()
    }

    /// `Some` when names that differ as strings can still be the same identifier (MySQL and
    /// SQLite compare them case-insensitively), so a lookup that missed must scan. Postgres
    /// names are exact: a miss is a miss, and replaying thousands of `CREATE TABLE`s stays
    /// linear.
    fn folds_case(&self) -> Option<()> {
        (self.dialect != Dialect::Postgres).then_some(())
    }

    fn same_table(&self, a: &QualifiedName, b: &QualifiedName) -> bool {
        a.same_as(b, self.dialect)
    }

    /// The table now called something else that was once called `name`.
    pub fn renamed_table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables.values().find(|t| {
            t.schema == name.schema
                && t.former_names
                    .iter()
                    .any(|former| self.dialect.same_identifier(former, &name.name))
        })
    }

    pub fn enum_type(&self, name: &QualifiedName) -> Option<&EnumType> {
        self.enums.get(name).or_else(|| {
            self.folds_case()?;
            self.enums
                .iter()
                .find(|(key, _)| self.same_table(key, name))
                .map(|(_, e)| e)
        })
    }

    pub fn column_count(&self) -> usize {
        self.tables.values().map(|t| t.columns.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn postgres_names_its_own_objects_within_63_bytes() {
        use super::postgres_object_name as name;
        assert_eq!(name("users", Some("email"), "key"), "users_email_key");
        assert_eq!(name("users", None, "pkey"), "users_pkey");
        let long = name(&"t".repeat(40), Some(&"c".repeat(40)), "fkey");
        assert_eq!(long.len(), 63);
        assert_eq!(long, format!("{}_{}_fkey", "t".repeat(29), "c".repeat(28)));
    }
}
