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

#[derive(Debug, Clone)]
pub enum EnumValuePosition {
    Last,
    Before(String),
    After(String),
}

impl SchemaChange {
    /// The table the change acts on, when it acts on one.
    pub fn table(&self) -> Option<&QualifiedName> {
        match self {
            SchemaChange::CreateTable { .. }
            | SchemaChange::CreateEnum(_)
            | SchemaChange::AddEnumValue { .. }
            | SchemaChange::RenameEnumValue { .. }
            | SchemaChange::RenameType { .. }
            | SchemaChange::DropType { .. }
            | SchemaChange::LegacyAlterTable { .. } => None,
            SchemaChange::DropIndex { table, .. } => table.as_ref(),
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
            | SchemaChange::Comment { table, .. } => Some(table),
            SchemaChange::RenameTable { from, .. } => Some(from),
        }
    }

    /// Where the change was written.
    pub fn origin(&self) -> &Origin {
        match self {
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
            | SchemaChange::AddEnumValue { origin, .. }
            | SchemaChange::RenameEnumValue { origin, .. }
            | SchemaChange::RenameType { origin, .. }
            | SchemaChange::DropType { origin, .. }
            | SchemaChange::Comment { origin, .. }
            | SchemaChange::LegacyAlterTable { origin, .. } => origin,
        }
    }
}
