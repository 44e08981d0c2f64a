//! One generated schema, written in every form schemadrift reads, compared in every pairing:
//! models (SQLAlchemy, Drizzle) against a reference (an Alembic history, a drizzle-kit folder, a
//! schema dump, a live database) in each dialect. The same schema on both sides gives no finding
//! at any severity; each single mutation of the reference gives exactly the one finding it must.
//!
//! The size is small here (`SCHEMADRIFT_PROPERTY_TABLES` raises it; `scripts/bench` runs 500).
//! The live-database pairings create their own databases on the local Postgres and MariaDB
//! (SCHEMADRIFT_TEST_POSTGRES_URL / SCHEMADRIFT_TEST_MYSQL_URL) and a SQLite file; under CI=true
//! an unreachable server fails the test.

use schemadrift::introspect::{DatabaseUrl, IntrospectOptions};
use schemadrift::model::Dialect;
use schemadrift::{DatabaseTarget, ScanOptions, scan};
use sqlx::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

// ---------------------------------------------------------------------------------------------
// The generated schema.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    Int,
    Big,
    Text,
    Varchar(u32),
    Bool,
    Timestamp,
    TimestampTz,
    Numeric(u32, u32),
    Date,
    /// The Postgres enum type `item_state` of [`Spec::states`].
    State,
}

#[derive(Debug, Clone, PartialEq)]
enum Lit {
    Int(i64),
    Str(String),
    Bool(bool),
}

#[derive(Debug, Clone)]
struct Col {
    name: String,
    ty: Ty,
    nullable: bool,
    default: Option<Lit>,
}

#[derive(Debug, Clone)]
struct Tab {
    name: String,
    cols: Vec<Col>,
    /// `<parent>_id integer REFERENCES <parent>(id)`, when the table has a parent.
    parent: Option<usize>,
    /// Whether that column has its foreign key.
    keyed: bool,
    /// An index on one of `cols`.
    index: Option<usize>,
}

#[derive(Debug, Clone)]
struct Spec {
    dialect: Dialect,
    tables: Vec<Tab>,
    /// The values of `item_state` (Postgres), used by columns of type [`Ty::State`].
    states: Vec<String>,
    /// Whether the reference creates `item_state` (a hand-edited history may not).
    states_created: bool,
}

/// A small deterministic generator (no dependency, same schema on every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn types(dialect: Dialect) -> Vec<Ty> {
    match dialect {
        Dialect::Postgres => vec![
            Ty::Int,
            Ty::Big,
            Ty::Text,
            Ty::Varchar(40),
            Ty::Varchar(120),
            Ty::Bool,
            Ty::Timestamp,
            Ty::TimestampTz,
            Ty::Numeric(12, 2),
            Ty::Date,
            Ty::State,
        ],
        Dialect::Mysql => vec![
            Ty::Int,
            Ty::Big,
            Ty::Text,
            Ty::Varchar(40),
            Ty::Varchar(120),
            Ty::Bool,
            Ty::Timestamp,
            Ty::Numeric(12, 2),
            Ty::Date,
        ],
        Dialect::Sqlite => vec![Ty::Int, Ty::Text],
    }
}

fn generate(dialect: Dialect, tables: usize, seed: u64) -> Spec {
    let mut rng = Rng(seed);
    let palette = types(dialect);
    let mut out = Vec::new();
    for i in 0..tables {
        let mut cols = Vec::new();
        for j in 0..2 + rng.below(4) {
            let ty = palette[rng.below(palette.len())];
            let default = if rng.chance(30) {
                match ty {
                    Ty::Int | Ty::Big => Some(Lit::Int(rng.below(5) as i64)),
                    Ty::Varchar(_) => Some(Lit::Str(format!("v{}", rng.below(9)))),
                    Ty::Text if dialect != Dialect::Mysql => Some(Lit::Str("none".into())),
                    Ty::Bool if dialect == Dialect::Postgres => Some(Lit::Bool(rng.chance(50))),
                    _ => None,
                }
            } else {
                None
            };
            cols.push(Col {
                name: format!("field_{j}"),
                ty,
                nullable: rng.chance(50),
                default,
            });
        }
        let parent = (i > 0 && rng.chance(70)).then(|| rng.below(i));
        let index = rng.chance(40).then(|| rng.below(cols.len()));
        out.push(Tab {
            name: format!("item_{i:03}"),
            cols,
            parent,
            keyed: true,
            index,
        });
    }
    if dialect == Dialect::Postgres && !out.iter().flat_map(|t| &t.cols).any(|c| c.ty == Ty::State)
    {
        out[0].cols[0].ty = Ty::State;
        out[0].cols[0].default = None;
    }
    Spec {
        dialect,
        tables: out,
        states: vec!["draft".into(), "live".into(), "gone".into()],
        states_created: true,
    }
}

/// One change to the reference and the finding it must give.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    Type,
    Nullability,
    Default,
    DropIndex,
    DropForeignKey,
    DropTable,
    ExtraColumn,
    EnumValue,
    EnumNeverCreated,
}

const MUTATIONS: [Mutation; 9] = [
    Mutation::Type,
    Mutation::Nullability,
    Mutation::Default,
    Mutation::DropIndex,
    Mutation::DropForeignKey,
    Mutation::DropTable,
    Mutation::ExtraColumn,
    Mutation::EnumValue,
    Mutation::EnumNeverCreated,
];

impl Mutation {
    fn rule(self) -> &'static str {
        match self {
            Mutation::Type => "column-type-mismatch",
            Mutation::Nullability => "column-nullability-mismatch",
            Mutation::Default => "column-default-mismatch",
            Mutation::DropIndex => "index-missing-from-database",
            Mutation::DropForeignKey => "foreign-key-missing-from-database",
            Mutation::DropTable => "table-missing-from-database",
            Mutation::ExtraColumn => "column-missing-from-models",
            Mutation::EnumValue => "enum-values-mismatch",
            Mutation::EnumNeverCreated => "enum-missing-from-database",
        }
    }

    /// The reference schema with the mutation applied, or `None` when the schema offers
    /// nothing to mutate.
    fn apply(self, spec: &Spec) -> Option<Spec> {
        let mut out = spec.clone();
        let last = out.tables.len() - 1;
        match self {
            Mutation::Type => {
                let col = &mut out.tables[last].cols[0];
                if col.ty == Ty::State {
                    return None;
                }
                col.ty = match (col.ty, spec.dialect) {
                    (Ty::Varchar(n), Dialect::Postgres | Dialect::Mysql) => Ty::Varchar(n + 60),
                    (Ty::Int, _) => Ty::Text,
                    (Ty::Text, _) | (_, Dialect::Sqlite) => Ty::Int,
                    _ => Ty::Text,
                };
                // A default of the old type would read as a second difference.
                col.default = None;
                let code_default = &spec.tables[last].cols[0].default;
                if code_default.is_some() {
                    return None;
                }
            }
            Mutation::Nullability => {
                let col = &mut out.tables[last].cols[0];
                col.nullable = !col.nullable;
            }
            Mutation::Default => {
                let col = &mut out.tables[last].cols[0];
                col.default = match (&col.default, col.ty) {
                    (Some(Lit::Int(n)), _) => Some(Lit::Int(n + 10)),
                    (Some(Lit::Str(s)), _) => Some(Lit::Str(format!("{s}x"))),
                    (Some(Lit::Bool(b)), _) => Some(Lit::Bool(!b)),
                    (None, Ty::Int | Ty::Big) => Some(Lit::Int(7)),
                    (None, Ty::Varchar(_)) => Some(Lit::Str("seven".into())),
                    _ => return None,
                };
            }
            Mutation::DropIndex => {
                let t = out.tables.iter_mut().rev().find(|t| t.index.is_some())?;
                t.index = None;
            }
            Mutation::DropForeignKey => {
                let t = out.tables.iter_mut().rev().find(|t| t.parent.is_some())?;
                t.keyed = false;
            }
            Mutation::DropTable => {
                let has_children = out.tables.iter().any(|t| t.parent == Some(last));
                if has_children {
                    return None;
                }
                out.tables.pop();
            }
            // One enum used by several columns: one finding, at the type.
            Mutation::EnumValue => {
                if spec.dialect != Dialect::Postgres {
                    return None;
                }
                out.states.push("archived".into());
            }
            // Every column of the type differs for one reason: one finding, at the enum.
            Mutation::EnumNeverCreated => {
                if !uses_states(spec) {
                    return None;
                }
                out.states_created = false;
            }
            Mutation::ExtraColumn => out.tables[last].cols.push(Col {
                name: "added_later".into(),
                ty: Ty::Int,
                nullable: true,
                default: None,
            }),
        }
        Some(out)
    }
}

fn fk_column(spec: &Spec, t: &Tab) -> Option<String> {
    t.parent.map(|p| format!("{}_id", spec.tables[p].name))
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The forms.

fn sql_literal(lit: &Lit, dialect: Dialect) -> String {
    match lit {
        Lit::Int(n) => n.to_string(),
        Lit::Str(s) => format!("'{s}'"),
        Lit::Bool(b) if dialect == Dialect::Postgres => b.to_string(),
        Lit::Bool(b) => (*b as u8).to_string(),
    }
}

fn sql_type(ty: Ty, dialect: Dialect) -> String {
    match (ty, dialect) {
        (Ty::Int, Dialect::Mysql) => "int".into(),
        (Ty::Int, _) => "integer".into(),
        (Ty::Big, _) => "bigint".into(),
        (Ty::Text, _) => "text".into(),
        (Ty::Varchar(n), _) => format!("varchar({n})"),
        (Ty::Bool, Dialect::Mysql) => "tinyint(1)".into(),
        (Ty::Bool, _) => "boolean".into(),
        (Ty::Timestamp, Dialect::Mysql) => "datetime".into(),
        (Ty::Timestamp, _) => "timestamp".into(),
        (Ty::TimestampTz, _) => "timestamp with time zone".into(),
        (Ty::Numeric(p, s), Dialect::Mysql) => format!("decimal({p},{s})"),
        (Ty::Numeric(p, s), _) => format!("numeric({p},{s})"),
        (Ty::Date, _) => "date".into(),
        (Ty::State, _) => "item_state".into(),
    }
}

fn uses_states(spec: &Spec) -> bool {
    spec.tables
        .iter()
        .flat_map(|t| &t.cols)
        .any(|c| c.ty == Ty::State)
}

fn quoted_states(spec: &Spec, quote: &str) -> String {
    spec.states
        .iter()
        .map(|v| format!("{quote}{v}{quote}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` DEFAULT … NOT NULL` after a column's type, literals spelled as `dialect` spells them.
fn column_options(c: &Col, dialect: Dialect) -> String {
    let mut out = String::new();
    if let Some(lit) = &c.default {
        out += &format!(" DEFAULT {}", sql_literal(lit, dialect));
    }
    if !c.nullable {
        out += " NOT NULL";
    }
    out
}

/// Plain DDL, as a hand-written `schema.sql` holds it and as the live databases are loaded.
fn ddl(spec: &Spec) -> String {
    let d = spec.dialect;
    let q = |name: &str| match d {
        Dialect::Mysql => format!("`{name}`"),
        _ => format!("\"{name}\""),
    };
    let mut out = String::new();
    if uses_states(spec) && spec.states_created {
        out += &format!(
            "CREATE TYPE item_state AS ENUM ({});\n",
            quoted_states(spec, "'")
        );
    }
    for t in &spec.tables {
        let mut lines = vec![match d {
            Dialect::Postgres => format!("    {} serial PRIMARY KEY", q("id")),
            Dialect::Mysql => format!("    {} int NOT NULL AUTO_INCREMENT PRIMARY KEY", q("id")),
            Dialect::Sqlite => format!("    {} integer PRIMARY KEY", q("id")),
        }];
        for c in &t.cols {
            lines.push(format!(
                "    {} {}{}",
                q(&c.name),
                sql_type(c.ty, d),
                column_options(c, d)
            ));
        }
        if let Some(fk) = fk_column(spec, t) {
            lines.push(format!("    {} {}", q(&fk), sql_type(Ty::Int, d)));
            if t.keyed {
                lines.push(format!(
                    "    CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}({})",
                    q(&format!("{}_{fk}_fkey", t.name)),
                    q(&fk),
                    q(&spec.tables[t.parent.unwrap()].name),
                    q("id")
                ));
            }
        }
        out += &format!("CREATE TABLE {} (\n{}\n);\n", q(&t.name), lines.join(",\n"));
        if let Some(i) = t.index {
            let col = &t.cols[i].name;
            out += &format!(
                "CREATE INDEX {} ON {} ({});\n",
                q(&format!("ix_{}_{col}", t.name)),
                q(&t.name),
                q(col)
            );
        }
    }
    out
}

fn sqlalchemy_type(ty: Ty, spec: &Spec) -> String {
    match ty {
        // `create_type=False`: the history relies on a type something else creates.
        Ty::State if !spec.states_created => format!(
            "Enum({}, name=\"item_state\", create_type=False)",
            quoted_states(spec, "\"")
        ),
        Ty::State => format!("Enum({}, name=\"item_state\")", quoted_states(spec, "\"")),
        Ty::Int => "Integer".into(),
        Ty::Big => "BigInteger".into(),
        Ty::Text => "Text".into(),
        Ty::Varchar(n) => format!("String({n})"),
        Ty::Bool => "Boolean".into(),
        Ty::Timestamp => "DateTime".into(),
        Ty::TimestampTz => "DateTime(timezone=True)".into(),
        Ty::Numeric(p, s) => format!("Numeric({p}, {s})"),
        Ty::Date => "Date".into(),
    }
}

fn python_default(lit: &Lit, dialect: Dialect) -> String {
    format!(
        "text(\"{}\")",
        sql_literal(lit, dialect).replace('"', "\\\"")
    )
}

fn sqlalchemy_models(spec: &Spec) -> String {
    let mut out = String::from(
        "from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Enum, ForeignKey, Index, Integer, Numeric, String, Text, text\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n",
    );
    for t in &spec.tables {
        out += &format!(
            "\n\nclass {}(Base):\n    __tablename__ = \"{}\"\n\n    id = Column(Integer, primary_key=True)\n",
            camel(&format!("_{}", t.name)),
            t.name
        );
        for c in &t.cols {
            let mut args = vec![
                sqlalchemy_type(c.ty, spec),
                format!("nullable={}", py_bool(c.nullable)),
            ];
            if let Some(lit) = &c.default {
                args.push(format!(
                    "server_default={}",
                    python_default(lit, spec.dialect)
                ));
            }
            out += &format!("    {} = Column({})\n", c.name, args.join(", "));
        }
        if let Some(fk) = fk_column(spec, t) {
            out += &format!(
                "    {fk} = Column(Integer, ForeignKey(\"{}.id\"))\n",
                spec.tables[t.parent.unwrap()].name
            );
        }
        if let Some(i) = t.index {
            let col = &t.cols[i].name;
            out += &format!(
                "    __table_args__ = (Index(\"ix_{}_{col}\", \"{col}\"),)\n",
                t.name
            );
        }
    }
    out
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

fn url_of(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "postgresql+psycopg://app@localhost/app",
        Dialect::Mysql => "mysql+pymysql://app@localhost/app",
        Dialect::Sqlite => "sqlite:///app.db",
    }
}

fn alembic_history(spec: &Spec) -> Vec<(String, String)> {
    let mut rev = String::from(
        "\"\"\"initial\"\"\"\nimport sqlalchemy as sa\nfrom alembic import op\n\nrevision = \"0001\"\ndown_revision = None\n\n\ndef upgrade():\n",
    );
    for t in &spec.tables {
        let mut items = vec!["sa.Column(\"id\", sa.Integer(), nullable=False)".to_string()];
        for c in &t.cols {
            let mut args = vec![
                format!("\"{}\"", c.name),
                format!("sa.{}", sqlalchemy_type(c.ty, spec)),
                format!("nullable={}", py_bool(c.nullable)),
            ];
            if let Some(lit) = &c.default {
                args.push(format!(
                    "server_default=sa.{}",
                    python_default(lit, spec.dialect)
                ));
            }
            items.push(format!("sa.Column({})", args.join(", ")));
        }
        if let Some(fk) = fk_column(spec, t) {
            items.push(format!("sa.Column(\"{fk}\", sa.Integer(), nullable=True)"));
            if t.keyed {
                items.push(format!(
                    "sa.ForeignKeyConstraint([\"{fk}\"], [\"{}.id\"])",
                    spec.tables[t.parent.unwrap()].name
                ));
            }
        }
        items.push("sa.PrimaryKeyConstraint(\"id\")".into());
        rev += &format!(
            "    op.create_table(\n        \"{}\",\n        {},\n    )\n",
            t.name,
            items.join(",\n        ")
        );
        if let Some(i) = t.index {
            let col = &t.cols[i].name;
            rev += &format!(
                "    op.create_index(\"ix_{}_{col}\", \"{}\", [\"{col}\"])\n",
                t.name, t.name
            );
        }
    }
    vec![
        (
            "alembic.ini".into(),
            format!(
                "[alembic]\nscript_location = migrations\nsqlalchemy.url = {}\n",
                url_of(spec.dialect)
            ),
        ),
        (
            "migrations/env.py".into(),
            "from alembic import context\n\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\ncontext.configure(target_metadata=target_metadata)\n".into(),
        ),
        ("migrations/versions/0001_initial.py".into(), rev),
    ]
}

fn drizzle_core(dialect: Dialect) -> (&'static str, &'static str) {
    match dialect {
        Dialect::Postgres => ("pg-core", "pgTable"),
        Dialect::Mysql => ("mysql-core", "mysqlTable"),
        Dialect::Sqlite => ("sqlite-core", "sqliteTable"),
    }
}

fn drizzle_builder(ty: Ty, name: &str, dialect: Dialect) -> String {
    match (ty, dialect) {
        (Ty::Int, Dialect::Mysql) => format!("int(\"{name}\")"),
        (Ty::Int, _) => format!("integer(\"{name}\")"),
        (Ty::Big, _) => format!("bigint(\"{name}\", {{ mode: \"number\" }})"),
        (Ty::Text, _) => format!("text(\"{name}\")"),
        (Ty::Varchar(n), _) => format!("varchar(\"{name}\", {{ length: {n} }})"),
        (Ty::Bool, _) => format!("boolean(\"{name}\")"),
        (Ty::Timestamp, Dialect::Mysql) => format!("datetime(\"{name}\")"),
        (Ty::Timestamp, _) => format!("timestamp(\"{name}\")"),
        (Ty::TimestampTz, _) => format!("timestamp(\"{name}\", {{ withTimezone: true }})"),
        (Ty::Numeric(p, s), Dialect::Mysql) => {
            format!("decimal(\"{name}\", {{ precision: {p}, scale: {s} }})")
        }
        (Ty::Numeric(p, s), _) => format!("numeric(\"{name}\", {{ precision: {p}, scale: {s} }})"),
        (Ty::Date, _) => format!("date(\"{name}\")"),
        (Ty::State, _) => format!("itemState(\"{name}\")"),
    }
}

fn js_literal(lit: &Lit) -> String {
    match lit {
        Lit::Int(n) => n.to_string(),
        Lit::Str(s) => format!("\"{s}\""),
        Lit::Bool(b) => b.to_string(),
    }
}

fn drizzle_schema(spec: &Spec) -> String {
    let d = spec.dialect;
    let (core, table_fn) = drizzle_core(d);
    let builders = match d {
        Dialect::Postgres => {
            "bigint, boolean, date, index, integer, numeric, serial, text, timestamp, varchar"
        }
        Dialect::Mysql => "bigint, boolean, date, datetime, decimal, index, int, text, varchar",
        Dialect::Sqlite => "index, integer, text",
    };
    let mut out = format!("import {{ {table_fn}, {builders} }} from \"drizzle-orm/{core}\";\n");
    if uses_states(spec) {
        out = out
            .replace(" }} from", ", pgEnum }} from")
            .replace(" } from", ", pgEnum } from");
        out += &format!(
            "\nexport const itemState = pgEnum(\"item_state\", [{}]);\n",
            quoted_states(spec, "\"")
        );
    }
    for t in &spec.tables {
        let id = match d {
            Dialect::Postgres => "serial(\"id\").primaryKey()",
            Dialect::Mysql => "int(\"id\").autoincrement().primaryKey()",
            Dialect::Sqlite => "integer(\"id\").primaryKey({ autoIncrement: true })",
        };
        out += &format!(
            "\nexport const {} = {table_fn}(\"{}\", {{\n  id: {id},\n",
            camel(&t.name),
            t.name
        );
        for c in &t.cols {
            let mut chain = drizzle_builder(c.ty, &c.name, d);
            if !c.nullable {
                chain += ".notNull()";
            }
            if let Some(lit) = &c.default {
                chain += &format!(".default({})", js_literal(lit));
            }
            out += &format!("  {}: {chain},\n", camel(&c.name));
        }
        if let Some(fk) = fk_column(spec, t) {
            out += &format!(
                "  {}: {}.references(() => {}.id),\n",
                camel(&fk),
                drizzle_builder(Ty::Int, &fk, d),
                camel(&spec.tables[t.parent.unwrap()].name)
            );
        }
        match t.index {
            Some(i) => {
                out += &format!(
                    "}}, (t) => [index(\"ix_{}_{}\").on(t.{})]);\n",
                    t.name,
                    t.cols[i].name,
                    camel(&t.cols[i].name)
                )
            }
            None => out += "});\n",
        }
    }
    out
}

/// A drizzle-kit folder: `drizzle.config.ts`, one migration and its journal.
fn drizzle_kit(spec: &Spec) -> Vec<(String, String)> {
    let d = spec.dialect;
    let dialect = match d {
        Dialect::Postgres => "postgresql",
        Dialect::Mysql => "mysql",
        Dialect::Sqlite => "sqlite",
    };
    let q = |name: &str| match d {
        Dialect::Postgres => format!("\"{name}\""),
        _ => format!("`{name}`"),
    };
    let mut statements = Vec::new();
    let mut constraints = Vec::new();
    if uses_states(spec) && spec.states_created {
        statements.push(format!(
            "CREATE TYPE \"public\".\"item_state\" AS ENUM({});",
            quoted_states(spec, "'")
        ));
    }
    for t in &spec.tables {
        let mut lines = vec![match d {
            Dialect::Postgres => format!("\t{} serial PRIMARY KEY NOT NULL", q("id")),
            Dialect::Mysql => format!("\t{} int AUTO_INCREMENT NOT NULL", q("id")),
            Dialect::Sqlite => format!("\t{} integer PRIMARY KEY AUTOINCREMENT NOT NULL", q("id")),
        }];
        for c in &t.cols {
            let ty = match c.ty {
                Ty::State => "\"item_state\"".to_string(),
                ty => sql_type(ty, d).replace("tinyint(1)", "boolean"),
            };
            // drizzle-kit writes booleans as `true` / `false` in every dialect.
            lines.push(format!(
                "\t{} {ty}{}",
                q(&c.name),
                column_options(c, Dialect::Postgres)
            ));
        }
        if let Some(fk) = fk_column(spec, t) {
            lines.push(format!("\t{} {}", q(&fk), sql_type(Ty::Int, d)));
            let parent = &spec.tables[t.parent.unwrap()].name;
            let name = format!("{}_{fk}_{parent}_id_fk", t.name);
            if t.keyed {
                match d {
                    Dialect::Sqlite => lines.push(format!(
                        "\tFOREIGN KEY ({}) REFERENCES {}({}) ON UPDATE no action ON DELETE no action",
                        q(&fk),
                        q(parent),
                        q("id")
                    )),
                    Dialect::Postgres => constraints.push(format!(
                        "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES \"public\".{}({}) ON DELETE no action ON UPDATE no action;",
                        q(&t.name), q(&name), q(&fk), q(parent), q("id")
                    )),
                    Dialect::Mysql => constraints.push(format!(
                        "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE no action ON UPDATE no action;",
                        q(&t.name), q(&name), q(&fk), q(parent), q("id")
                    )),
                }
            }
        }
        if d == Dialect::Mysql {
            lines.push(format!(
                "\tCONSTRAINT {} PRIMARY KEY({})",
                q(&format!("{}_id", t.name)),
                q("id")
            ));
        }
        statements.push(format!(
            "CREATE TABLE {} (\n{}\n);",
            q(&t.name),
            lines.join(",\n")
        ));
        if let Some(i) = t.index {
            let col = &t.cols[i].name;
            let using = if d == Dialect::Postgres {
                " USING btree"
            } else {
                ""
            };
            constraints.push(format!(
                "CREATE INDEX {} ON {}{using} ({});",
                q(&format!("ix_{}_{col}", t.name)),
                q(&t.name),
                q(col)
            ));
        }
    }
    statements.extend(constraints);
    vec![
        (
            "drizzle.config.ts".into(),
            format!(
                "import {{ defineConfig }} from \"drizzle-kit\";\n\nexport default defineConfig({{\n  dialect: \"{dialect}\",\n  schema: \"./src/db/schema.ts\",\n  out: \"./drizzle\",\n}});\n"
            ),
        ),
        (
            "drizzle/0000_initial.sql".into(),
            statements.join("\n--> statement-breakpoint\n") + "\n",
        ),
        (
            "drizzle/meta/_journal.json".into(),
            format!(
                "{{\"version\":\"7\",\"dialect\":\"{dialect}\",\"entries\":[{{\"idx\":0,\"version\":\"7\",\"when\":1700000000000,\"tag\":\"0000_initial\",\"breakpoints\":true}}]}}\n"
            ),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Pairings.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Code {
    Sqlalchemy,
    Drizzle,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Reference {
    Alembic,
    DrizzleKit,
    Dump,
}

fn code_files(code: Code, spec: &Spec) -> Vec<(String, String)> {
    match code {
        Code::Sqlalchemy => vec![
            ("app/__init__.py".into(), String::new()),
            ("app/models.py".into(), sqlalchemy_models(spec)),
        ],
        Code::Drizzle => vec![("src/db/schema.ts".into(), drizzle_schema(spec))],
    }
}

fn reference_files(reference: Reference, spec: &Spec) -> Vec<(String, String)> {
    match reference {
        Reference::Alembic => alembic_history(spec),
        Reference::DrizzleKit => drizzle_kit(spec),
        Reference::Dump => vec![("db/schema.sql".into(), ddl(spec))],
    }
}

fn write(dir: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// `rule severity path:line message` of every finding.
fn findings(options: &ScanOptions) -> Vec<(String, String)> {
    let outcome = scan(options).unwrap_or_else(|e| panic!("scan failed: {e}"));
    outcome
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                format!(
                    "{} {} {}:{} {}",
                    f.rule,
                    f.severity.name(),
                    f.location.path,
                    f.location.line,
                    f.message
                ),
            )
        })
        .collect()
}

/// `SCHEMADRIFT_PROPERTY_SEED` varies the generated schema.
fn seed(base: u64) -> u64 {
    std::env::var("SCHEMADRIFT_PROPERTY_SEED")
        .ok()
        .and_then(|n| n.parse::<u64>().ok())
        .map_or(base, |s| base ^ s.wrapping_mul(0x9e3779b97f4a7c15))
}

fn tables() -> usize {
    std::env::var("SCHEMADRIFT_PROPERTY_TABLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

/// Checks one pairing: clean, then each mutation of the reference.
fn check(
    label: &str,
    spec: &Spec,
    run: &dyn Fn(&Spec) -> Vec<(String, String)>,
    failures: &mut Vec<String>,
) {
    let clean = run(spec);
    if !clean.is_empty() {
        failures.push(format!(
            "{label}, same schema on both sides:\n  {}",
            clean
                .iter()
                .map(|(_, f)| f.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        ));
        return;
    }
    for mutation in MUTATIONS {
        let Some(mutated) = mutation.apply(spec) else {
            continue;
        };
        // A database cannot hold a column of a type it lacks.
        if label.contains("live database") && matches!(mutation, Mutation::EnumNeverCreated) {
            continue;
        }
        let found = run(&mutated);
        if std::env::var_os("SCHEMADRIFT_PROPERTY_VERBOSE").is_some() {
            eprintln!(
                "{label}, {mutation:?}: {:?}",
                found.iter().map(|(_, f)| f).collect::<Vec<_>>()
            );
        }
        if found.len() != 1 || found[0].0 != mutation.rule() {
            failures.push(format!(
                "{label}, {mutation:?} must give one {}:\n  {}",
                mutation.rule(),
                found
                    .iter()
                    .map(|(_, f)| f.as_str())
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
    }
}

fn file_pairing(
    code: Code,
    reference: Reference,
    dialect: Dialect,
) -> impl Fn(&Spec) -> Vec<(String, String)> {
    move |reference_spec: &Spec| {
        let code_spec = generate(dialect, tables(), seed(7));
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &code_files(code, &code_spec));
        write(dir.path(), &reference_files(reference, reference_spec));
        findings(&ScanOptions {
            root: dir.path().to_path_buf(),
            dialect: Some(dialect),
            ..ScanOptions::default()
        })
    }
}

#[test]
fn every_file_form_agrees_with_every_other_and_each_mutation_is_one_finding() {
    let mut failures = Vec::new();
    for dialect in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        let spec = generate(dialect, tables(), seed(7));
        for code in [Code::Sqlalchemy, Code::Drizzle] {
            let references: &[Reference] = match code {
                Code::Sqlalchemy => &[Reference::Alembic, Reference::Dump],
                Code::Drizzle => &[Reference::DrizzleKit, Reference::Dump],
            };
            for &reference in references {
                let label = format!("{dialect:?}: {code:?} models against {reference:?}");
                check(
                    &label,
                    &spec,
                    &file_pairing(code, reference, dialect),
                    &mut failures,
                );
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Live databases.

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A database loaded with `sql`, dropped when dropped; `None` when the server is unreachable
/// outside CI.
struct Loaded {
    url: String,
    admin: Option<(String, String)>,
    dialect: Dialect,
    _dir: tempfile::TempDir,
}

impl Loaded {
    fn new(dialect: Dialect, sql: &str) -> Option<Loaded> {
        let dir = tempfile::tempdir().unwrap();
        let name = format!(
            "schemadrift_property_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let statement = sqlx::AssertSqlSafe(sql.to_string());
        if dialect == Dialect::Sqlite {
            let path = dir.path().join("app.db");
            runtime().block_on(async {
                let options = sqlx::sqlite::SqliteConnectOptions::new()
                    .filename(&path)
                    .create_if_missing(true);
                let mut c = sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .unwrap();
                sqlx::raw_sql(statement).execute(&mut c).await.unwrap();
                c.close().await.unwrap();
            });
            return Some(Loaded {
                url: format!("sqlite://{}", path.display()),
                admin: None,
                dialect,
                _dir: dir,
            });
        }
        let (var, default) = match dialect {
            Dialect::Postgres => (
                "SCHEMADRIFT_TEST_POSTGRES_URL",
                "postgres://postgres@127.0.0.1:5432/test",
            ),
            _ => (
                "SCHEMADRIFT_TEST_MYSQL_URL",
                "mysql://root@127.0.0.1:3306/test",
            ),
        };
        let admin = std::env::var(var).unwrap_or_else(|_| default.to_string());
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
        let url = format!("{base}/{name}");
        let created: Result<(), sqlx::Error> = runtime().block_on(async {
            let create = sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"));
            if dialect == Dialect::Postgres {
                let mut c = sqlx::PgConnection::connect(&admin).await?;
                sqlx::raw_sql(create).execute(&mut c).await?;
                c.close().await?;
                let mut c = sqlx::PgConnection::connect(&url).await?;
                sqlx::raw_sql(statement).execute(&mut c).await?;
                c.close().await
            } else {
                let mut c = sqlx::MySqlConnection::connect(&admin).await?;
                sqlx::raw_sql(create).execute(&mut c).await?;
                c.close().await?;
                let mut c = sqlx::MySqlConnection::connect(&url).await?;
                sqlx::raw_sql(statement).execute(&mut c).await?;
                c.close().await
            }
        });
        let loaded = Loaded {
            url,
            admin: Some((admin, name)),
            dialect,
            _dir: dir,
        };
        match created {
            Ok(()) => Some(loaded),
            Err(error) if !in_ci() && matches!(error, sqlx::Error::Io(_)) => {
                eprintln!("skipping: {var} unreachable ({error})");
                None
            }
            Err(error) => panic!("{var}: {error}"),
        }
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        let Some((admin, name)) = self.admin.clone() else {
            return;
        };
        let dialect = self.dialect;
        runtime().block_on(async move {
            let drop = sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"));
            if dialect == Dialect::Postgres {
                if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                    let _ = sqlx::raw_sql(drop).execute(&mut c).await;
                }
            } else if let Ok(mut c) = sqlx::MySqlConnection::connect(&admin).await {
                let _ = sqlx::raw_sql(drop).execute(&mut c).await;
            }
        });
    }
}

#[test]
fn live_databases_agree_with_the_models_and_each_mutation_is_one_finding() {
    let mut failures = Vec::new();
    for dialect in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        let spec = generate(dialect, tables(), seed(11));
        for code in [Code::Sqlalchemy, Code::Drizzle] {
            let skipped = std::cell::Cell::new(false);
            let run = |reference: &Spec| {
                let Some(db) = Loaded::new(dialect, &ddl(reference)) else {
                    skipped.set(true);
                    return Vec::new();
                };
                let dir = tempfile::tempdir().unwrap();
                write(
                    dir.path(),
                    &code_files(code, &generate(dialect, tables(), seed(11))),
                );
                // No `dialect`: the database URL decides it.
                findings(&ScanOptions {
                    root: dir.path().to_path_buf(),
                    database: Some(DatabaseTarget {
                        url: DatabaseUrl::parse(&db.url).unwrap(),
                        options: IntrospectOptions::default(),
                    }),
                    ..ScanOptions::default()
                })
            };
            let label = format!("{dialect:?}: {code:?} models against a live database");
            check(&label, &spec, &run, &mut failures);
            if skipped.get() {
                failures.retain(|f| !f.starts_with(&label));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}
