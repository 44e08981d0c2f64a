//! One schema change: what a DDL statement or a migration operation does, independent of the
//! language it was written in. SQL statements and (later) Alembic operations both become these,
//! and [`super::replay`] applies them in order.

use super::types::ColumnType;
use super::{
    CheckConstraint, Column, Default, EnumType, ForeignKey, Index, Origin, PrimaryKey,
    QualifiedName, Table, UniqueConstraint,
};

#[derive(Debug, Clone)]
pub enum SchemaChange {
    CreateTable {
        table: Table,
        if_not_exists: bool,
    },
    DropTable {
        table: QualifiedName,
        if_exists: bool,
        origin: Origin,
    },
    RenameTable {
        from: QualifiedName,
        to: QualifiedName,
        origin: Origin,
    },
    AddColumn {
        table: QualifiedName,
        column: Column,
        if_not_exists: bool,
    },
    DropColumn {
        table: QualifiedName,
        column: String,
        if_exists: bool,
        origin: Origin,
    },
    RenameColumn {
        table: QualifiedName,
        from: String,
        to: String,
        origin: Origin,
    },
    AlterColumn {
        table: QualifiedName,
        column: String,
        change: ColumnChange,
        origin: Origin,
    },
    /// MySQL `MODIFY` / `CHANGE COLUMN`: the column is replaced as a whole.
    ReplaceColumn {
        table: QualifiedName,
        old_name: String,
        column: Column,
    },
    AddPrimaryKey {
        table: QualifiedName,
        key: PrimaryKey,
    },
    AddUnique {
        table: QualifiedName,
        constraint: UniqueConstraint,
    },
    AddForeignKey {
        table: QualifiedName,
        key: ForeignKey,
    },
    AddCheck {
        table: QualifiedName,
        check: CheckConstraint,
    },
    DropConstraint {
        table: QualifiedName,
        name: String,
        if_exists: bool,
        origin: Origin,
    },
    DropPrimaryKey {
        table: QualifiedName,
        origin: Origin,
    },
    CreateIndex {
        table: QualifiedName,
        index: Index,
        if_not_exists: bool,
    },
    DropIndex {
        /// The table is only known for MySQL `DROP INDEX x ON t`.
        table: Option<QualifiedName>,
        name: String,
        if_exists: bool,
        origin: Origin,
    },
    CreateEnum(EnumType),
    AddEnumValue {
        name: QualifiedName,
        value: String,
        position: EnumValuePosition,
        if_not_exists: bool,
        origin: Origin,
    },
    RenameEnumValue {
        name: QualifiedName,
        from: String,
        to: String,
        origin: Origin,
    },
    RenameType {
        from: QualifiedName,
        to: String,
        origin: Origin,
    },
    DropType {
        name: QualifiedName,
        if_exists: bool,
        origin: Origin,
    },
    Comment {
        table: QualifiedName,
        column: Option<String>,
        comment: Option<String>,
        origin: Origin,
    },
    /// `CREATE TABLE t (LIKE s INCLUDING …)` (Postgres), `CREATE TABLE t LIKE s` (MySQL): the
    /// columns of `s`, with what the options copy besides (never its foreign keys).
    CreateTableLike {
        name: super::Name,
        schema: Option<String>,
        source: QualifiedName,
        copy: LikeCopies,
        if_not_exists: bool,
        origin: Origin,
    },
    /// MySQL `ALTER TABLE t RENAME INDEX a TO b`, Postgres `ALTER INDEX a RENAME TO b` (whose
    /// table is not named).
    RenameIndex {
        table: Option<QualifiedName>,
        from: String,
        to: String,
        origin: Origin,
    },
    /// Postgres `ALTER TABLE t RENAME CONSTRAINT a TO b`.
    RenameConstraint {
        table: QualifiedName,
        from: String,
        to: String,
        origin: Origin,
    },
    /// `ALTER TABLE IF EXISTS t …`: the change applies only when the table exists.
    IfTableExists {
        table: QualifiedName,
        change: Box<SchemaChange>,
    },
    /// SQLite's `PRAGMA legacy_alter_table = ON | OFF`: while on, renaming a table leaves the
    /// references other tables hold toward its old name as they are.
    LegacyAlterTable {
        on: bool,
        origin: Origin,
    },
}

#[derive(Debug, Clone)]
pub enum ColumnChange {
    SetType { ty: ColumnType, written: String },
    SetNotNull,
    DropNotNull,
    SetDefault(Option<Default>),
    SetIdentity(super::Identity),
    DropIdentity,
}

/// What `LIKE` copies besides columns, names and NOT NULL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LikeCopies {
    pub defaults: bool,
    pub constraints: bool,
    pub indexes: bool,
}

#[derive(Debug, Clone)]
pub enum EnumValuePosition {
    Last,
    Before(String),
    After(String),
}

/// An object of the schema a change creates, drops or alters: what a pending migration explains,
/// and what two branches' migrations may both change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Object {
    /// A table as a whole: created, dropped or renamed.
    Table(String),
    Column(String, String),
    IndexName(String),
    /// An index or unique constraint by its table and columns (`a, b`).
    IndexColumns(String, String),
    ForeignKey(String, String),
    /// A type (enum), as a whole or by its values.
    Type(String),
    /// A key, check, constraint or comment of a table, known by the table alone.
    TablePart(String),
}

impl Object {
    /// The table the object belongs to, when it belongs to one.
    pub fn table(&self) -> Option<&str> {
        match self {
            Object::Table(t)
            | Object::Column(t, _)
            | Object::IndexColumns(t, _)
            | Object::ForeignKey(t, _)
            | Object::TablePart(t) => Some(t),
            Object::IndexName(_) | Object::Type(_) => None,
        }
    }
}

impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Object::Table(t) => write!(f, "table:{t}"),
            Object::Column(t, c) => write!(f, "column:{t}.{c}"),
            Object::IndexName(n) => write!(f, "index:{n}"),
            Object::IndexColumns(t, c) => write!(f, "index-columns:{t}({c})"),
            Object::ForeignKey(t, c) => write!(f, "foreign-key:{t}({c})"),
            Object::Type(n) => write!(f, "enum:{n}"),
            Object::TablePart(t) => write!(f, "table-part:{t}"),
        }
    }
}

impl SchemaChange {
    /// The objects the change acts on, with what it does to them in a few words.
    pub fn objects(&self) -> (Vec<Object>, String) {
        use Object::*;
        use SchemaChange as C;
        match self {
            C::CreateTable { table, .. } => {
                let t = &table.name.stored;
                (vec![Table(t.clone())], format!("creates table `{t}`"))
            }
            C::DropTable { table, .. } => (
                vec![Table(table.name.clone())],
                format!("drops table `{}`", table.name),
            ),
            C::RenameTable { from, to, .. } => (
                vec![Table(from.name.clone()), Table(to.name.clone())],
                format!("renames table `{}` to `{}`", from.name, to.name),
            ),
            C::AddColumn { table, column, .. } => (
                vec![Column(table.name.clone(), column.name.stored.clone())],
                format!("adds column `{}.{}`", table.name, column.name.stored),
            ),
            C::DropColumn { table, column, .. } => (
                vec![Column(table.name.clone(), column.clone())],
                format!("drops column `{}.{column}`", table.name),
            ),
            C::AlterColumn { table, column, .. } => (
                vec![Column(table.name.clone(), column.clone())],
                format!("alters column `{}.{column}`", table.name),
            ),
            C::ReplaceColumn {
                table,
                old_name,
                column,
            } => (
                vec![
                    Column(table.name.clone(), old_name.clone()),
                    Column(table.name.clone(), column.name.stored.clone()),
                ],
                format!("redefines column `{}.{old_name}`", table.name),
            ),
            C::RenameColumn {
                table, from, to, ..
            } => (
                vec![
                    Column(table.name.clone(), from.clone()),
                    Column(table.name.clone(), to.clone()),
                ],
                format!("renames column `{}.{from}` to `{to}`", table.name),
            ),
            C::CreateIndex { table, index, .. } => {
                let columns = index.columns.join(", ");
                let mut objects = vec![IndexColumns(table.name.clone(), columns.clone())];
                objects.extend(index.name.clone().map(IndexName));
                let what = match &index.name {
                    Some(name) => format!("creates index `{name}`"),
                    None => format!("creates an index on `{}` ({columns})", table.name),
                };
                (objects, what)
            }
            C::DropIndex { name, .. } => (
                vec![IndexName(name.clone())],
                format!("drops index `{name}`"),
            ),
            C::CreateTableLike { name, .. } => (
                vec![Table(name.stored.clone())],
                format!("creates table `{}`", name.stored),
            ),
            C::RenameIndex { from, to, .. } => (
                vec![IndexName(from.clone()), IndexName(to.clone())],
                format!("renames index `{from}` to `{to}`"),
            ),
            C::RenameConstraint {
                table, from, to, ..
            } => (
                vec![TablePart(table.name.clone())],
                format!("renames constraint `{from}` to `{to}`"),
            ),
            C::AddUnique { table, constraint } => {
                let columns = constraint.columns.join(", ");
                (
                    vec![IndexColumns(table.name.clone(), columns.clone())],
                    format!("adds a unique constraint on `{}` ({columns})", table.name),
                )
            }
            C::AddForeignKey { table, key } => {
                let columns = key.columns.join(", ");
                (
                    vec![ForeignKey(table.name.clone(), columns.clone())],
                    format!("adds a foreign key on `{}` ({columns})", table.name),
                )
            }
            C::CreateEnum(e) => (
                vec![Type(e.name.stored.clone())],
                format!("creates type `{}`", e.name.stored),
            ),
            C::AddEnumValue { name, value, .. } => (
                vec![Type(name.name.clone())],
                format!("adds value '{value}' to type `{}`", name.name),
            ),
            C::RenameEnumValue { name, .. } | C::DropType { name, .. } => (
                vec![Type(name.name.clone())],
                format!("changes type `{}`", name.name),
            ),
            C::RenameType { from, .. } => (
                vec![Type(from.name.clone())],
                format!("renames type `{}`", from.name),
            ),
            C::AddPrimaryKey { table, .. }
            | C::AddCheck { table, .. }
            | C::DropConstraint { table, .. }
            | C::DropPrimaryKey { table, .. }
            | C::Comment { table, .. } => (
                vec![TablePart(table.name.clone())],
                format!("changes table `{}`", table.name),
            ),
            C::IfTableExists { change, .. } => change.objects(),
            C::LegacyAlterTable { .. } => (Vec::new(), String::new()),
        }
    }

    /// The table the change acts on, when it acts on one.
    pub fn table(&self) -> Option<&QualifiedName> {
        match self {
            SchemaChange::CreateTable { .. }
            | SchemaChange::CreateTableLike { .. }
            | SchemaChange::CreateEnum(_)
            | SchemaChange::AddEnumValue { .. }
            | SchemaChange::RenameEnumValue { .. }
            | SchemaChange::RenameType { .. }
            | SchemaChange::DropType { .. }
            | SchemaChange::LegacyAlterTable { .. } => None,
            SchemaChange::DropIndex { table, .. } | SchemaChange::RenameIndex { table, .. } => {
                table.as_ref()
            }
            SchemaChange::RenameConstraint { table, .. } => Some(table),
            SchemaChange::DropTable { table, .. }
            | SchemaChange::AddColumn { table, .. }
            | SchemaChange::DropColumn { table, .. }
            | SchemaChange::RenameColumn { table, .. }
            | SchemaChange::AlterColumn { table, .. }
            | SchemaChange::ReplaceColumn { table, .. }
            | SchemaChange::AddPrimaryKey { table, .. }
            | SchemaChange::AddUnique { table, .. }
            | SchemaChange::AddForeignKey { table, .. }
            | SchemaChange::AddCheck { table, .. }
            | SchemaChange::DropConstraint { table, .. }
            | SchemaChange::DropPrimaryKey { table, .. }
            | SchemaChange::CreateIndex { table, .. }
            | SchemaChange::Comment { table, .. }
            | SchemaChange::IfTableExists { table, .. } => Some(table),
            SchemaChange::RenameTable { from, .. } => Some(from),
        }
    }

    /// Where the change was written.
    pub fn origin(&self) -> &Origin {
        match self {
            SchemaChange::IfTableExists { change, .. } => change.origin(),
            SchemaChange::CreateTable { table, .. } => &table.origin,
            SchemaChange::AddColumn { column, .. } | SchemaChange::ReplaceColumn { column, .. } => {
                &column.origin
            }
            SchemaChange::AddPrimaryKey { key, .. } => &key.origin,
            SchemaChange::AddUnique { constraint, .. } => &constraint.origin,
            SchemaChange::AddForeignKey { key, .. } => &key.origin,
            SchemaChange::AddCheck { check, .. } => &check.origin,
            SchemaChange::CreateIndex { index, .. } => &index.origin,
            SchemaChange::CreateEnum(e) => &e.origin,
            SchemaChange::DropTable { origin, .. }
            | SchemaChange::RenameTable { origin, .. }
            | SchemaChange::DropColumn { origin, .. }
            | SchemaChange::RenameColumn { origin, .. }
            | SchemaChange::AlterColumn { origin, .. }
            | SchemaChange::DropConstraint { origin, .. }
            | SchemaChange::DropPrimaryKey { origin, .. }
            | SchemaChange::DropIndex { origin, .. }
            | SchemaChange::RenameIndex { origin, .. }
            | SchemaChange::CreateTableLike { origin, .. }
            | SchemaChange::RenameConstraint { origin, .. }
            | SchemaChange::AddEnumValue { origin, .. }
            | SchemaChange::RenameEnumValue { origin, .. }
            | SchemaChange::RenameType { origin, .. }
            | SchemaChange::DropType { origin, .. }
            | SchemaChange::Comment { origin, .. }
            | SchemaChange::LegacyAlterTable { origin, .. } => origin,
        }
    }
}
