//! Unit tests of the Drizzle extractor: one construct each, on in-memory files.

use super::*;
use crate::model::{Column, ColumnType, Identity};

fn run(files: &[(&str, &str)]) -> DrizzleExtract {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile::in_memory(path, text))
        .collect();
    extract(&files)
}

fn model(files: &[(&str, &str)]) -> CodeModel {
    let mut out = run(files);
    assert!(
        out.problems.is_empty(),
        "parse problems: {:?}",
        out.problems
    );
    assert_eq!(out.models.len(), 1, "one model expected");
    out.models.remove(0)
}

fn table<'m>(model: &'m CodeModel, name: &str) -> &'m Table {
    model
        .schema
        .tables
        .values()
        .find(|t| t.name.stored == name)
        .unwrap_or_else(|| panic!("no table {name}: {:?}", model.schema.tables.keys()))
}

fn column<'m>(table: &'m Table, name: &str) -> &'m Column {
    table
        .columns
        .iter()
        .find(|c| c.name.stored == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = table.columns.iter().map(|c| &c.name.stored).collect();
            panic!("no column {name} in {}: {names:?}", table.name.stored)
        })
}

fn notes(model: &CodeModel, kind: NoteKind) -> Vec<&ExtractNote> {
    model.notes.iter().filter(|n| n.kind == kind).collect()
}

const PG: &str = r#"import { pgTable, pgEnum, uuid, text, varchar, integer, timestamp, boolean, jsonb, serial, index, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
"#;

/// A Postgres schema file: the usual imports, then `body`.
fn pg(body: &str) -> &'static str {
    Box::leak(format!("{PG}{body}").into_boxed_str())
}

#[test]
fn postgres_builders_map_to_the_sql_types_drizzle_kit_writes() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { smallint, bigint, bigserial, char, numeric, decimal, real, doublePrecision, json, date, time, interval, inet } from "drizzle-orm/pg-core";
export const t = pgTable("t", {
  a: uuid(),
  b: serial(),
  c: bigserial({ mode: "number" }),
  d: integer(),
  e: smallint(),
  f: bigint({ mode: "bigint" }),
  g: text(),
  h: varchar({ length: 255 }),
  i: char({ length: 2 }),
  j: boolean(),
  k: timestamp(),
  l: timestamp({ withTimezone: true, mode: "string" }),
  m: date(),
  n: time({ withTimezone: true }),
  o: numeric({ precision: 10, scale: 2 }),
  p: decimal(),
  q: real(),
  r: doublePrecision(),
  s: json(),
  u: jsonb(),
  v: interval(),
  w: inet(),
  x: text().array(),
});
"#),
    )]);
    let t = table(&m, "t");
    let types: Vec<String> = t.columns.iter().map(|c| c.ty.to_string()).collect();
    assert_eq!(
        types,
        [
            "uuid",
            "integer",
            "bigint",
            "integer",
            "smallint",
            "bigint",
            "text",
            "varchar(255)",
            "char(2)",
            "boolean",
            "timestamp",
            "timestamp with time zone",
            "date",
            "time with time zone",
            "numeric(10,2)",
            "numeric",
            "real",
            "double precision",
            "json",
            "jsonb",
            "interval",
            "inet",
            "text[]",
        ]
    );
    assert_eq!(column(t, "b").identity, Some(Identity::Serial));
    assert!(!column(t, "b").nullable, "serial is not null");
    assert_eq!(column(t, "c").identity, Some(Identity::Serial));
    assert_eq!(column(t, "h").type_written, "varchar(255)");
    assert_eq!(column(t, "x").type_written, "text[]");
    assert!(m.notes.is_empty(), "{:?}", m.notes);
}

#[test]
fn mysql_tables_read_with_mysql_types() {
    let m = model(&[(
        "db/schema.ts",
        r#"import { mysqlTable, mysqlEnum, int, serial, varchar, datetime, tinyint, decimal, json, boolean, text, index } from "drizzle-orm/mysql-core";
export const orders = mysqlTable("orders", {
  id: serial("id").primaryKey(),
  customerId: int("customer_id", { unsigned: true }).notNull(),
  status: mysqlEnum("status", ["pending", "paid", "shipped"]).default("pending").notNull(),
  total: decimal("total", { precision: 10, scale: 2 }).notNull(),
  note: varchar("note", { length: 500 }),
  paid: boolean("paid").default(false),
  placedAt: datetime("placed_at", { fsp: 3 }).notNull(),
  meta: json("meta"),
  seq: int("seq").autoincrement(),
}, (t) => ({ customerIdx: index("orders_customer_idx").on(t.customerId) }));
"#,
    )]);
    assert_eq!(m.schema.dialect, Dialect::Mysql);
    let t = table(&m, "orders");
    assert_eq!(column(t, "id").identity, Some(Identity::AutoIncrement));
    assert!(!column(t, "id").nullable);
    assert_eq!(column(t, "customer_id").type_written, "int unsigned");
    assert_eq!(column(t, "customer_id").ty, ColumnType::Integer);
    assert_eq!(
        column(t, "status").ty,
        ColumnType::InlineEnum(vec!["pending".into(), "paid".into(), "shipped".into()])
    );
    assert_eq!(
        column(t, "status").default.as_ref().unwrap().expression,
        "'pending'"
    );
    assert_eq!(
        column(t, "total").ty,
        ColumnType::Numeric {
            precision: Some(10),
            scale: Some(2)
        }
    );
    assert_eq!(column(t, "paid").ty, ColumnType::Boolean);
    assert_eq!(
        column(t, "paid").default.as_ref().unwrap().expression,
        "false"
    );
    assert_eq!(column(t, "placed_at").type_written, "datetime(3)");
    assert_eq!(column(t, "seq").identity, Some(Identity::AutoIncrement));
    assert_eq!(t.indexes[0].columns, ["customer_id"]);
    assert!(m.notes.is_empty(), "{:?}", m.notes);
}

#[test]
fn sqlite_tables_read_with_sqlite_affinities() {
    let m = model(&[(
        "src/schema.ts",
        r#"import { sqliteTable, integer, text, real, blob } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
export const notes = sqliteTable("notes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  done: integer("done", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at", { mode: "timestamp" }).default(sql`(unixepoch())`),
  body: text("body", { mode: "json" }).$type<{ a: string }>(),
  score: real("score"),
  raw: blob("raw", { mode: "buffer" }),
});
export const tags = sqliteTable("tags", { id: integer().primaryKey(), name: text().notNull().unique() });
"#,
    )]);
    assert_eq!(m.schema.dialect, Dialect::Sqlite);
    let t = table(&m, "notes");
    assert_eq!(column(t, "id").identity, Some(Identity::AutoIncrement));
    assert_eq!(column(t, "done").ty, ColumnType::Integer);
    assert_eq!(column(t, "done").type_written, "integer");
    assert_eq!(
        column(t, "created_at").default.as_ref().unwrap().written,
        "(unixepoch())"
    );
    assert_eq!(column(t, "body").ty, ColumnType::Text);
    assert_eq!(column(t, "score").ty, ColumnType::Double);
    assert_eq!(column(t, "raw").ty, ColumnType::Bytes);
    // INTEGER PRIMARY KEY is SQLite's rowid alias, as the SQL extractor reads it.
    assert_eq!(
        column(table(&m, "tags"), "id").identity,
        Some(Identity::AutoIncrement)
    );
    assert_eq!(table(&m, "tags").unique_constraints[0].columns, ["name"]);
}

#[test]
fn keys_become_column_names_through_the_config_casing() {
    let files = [
        (
            "drizzle.config.ts",
            r#"import { defineConfig } from "drizzle-kit";
export default defineConfig({ schema: "./src/db/schema.ts", dialect: "postgresql", casing: "snake_case" });
"#,
        ),
        (
            "src/db/schema.ts",
            pg(r#"
export const meetings = pgTable("meeting", {
  id: uuid().defaultRandom().primaryKey(),
  userId: text("userId").notNull(),
  projectId: text().notNull(),
  startTime: timestamp(),
});
"#),
        ),
    ];
    let m = model(&files);
    let t = table(&m, "meeting");
    // An explicit name is never converted.
    assert_eq!(column(t, "userId").name.written, "userId");
    // A key without a name goes through casing: written as the key, stored snake_case.
    let project = column(t, "project_id");
    assert_eq!(project.name.written, "projectId");
    assert!(t.columns.iter().any(|c| c.name.stored == "start_time"));
    assert_eq!(m.schema.label, "drizzle schema (src/db/schema.ts)");
    assert_eq!(m.schema.files, ["src/db/schema.ts"]);
}

#[test]
fn without_casing_keys_are_column_names_as_written() {
    let m = model(&[(
        "schema.ts",
        pg(r#"export const a = pgTable("a", { userId: text() });"#),
    )]);
    assert_eq!(column(table(&m, "a"), "userId").name.written, "userId");
}

#[test]
fn camel_case_casing() {
    let files = [
        (
            "drizzle.config.ts",
            r#"export default { dialect: "postgresql", casing: "camelCase" } satisfies Config;"#,
        ),
        (
            "schema.ts",
            pg(r#"export const a = pgTable("a", { user_id: text() });"#),
        ),
    ];
    let m = model(&files);
    assert_eq!(column(table(&m, "a"), "userId").name.written, "user_id");
}

#[test]
fn app_and_config_casing_that_disagree_are_noted_at_the_app_call() {
    let files = [
        (
            "drizzle.config.ts",
            r#"import { defineConfig } from "drizzle-kit";
export default defineConfig({
  dialect: "postgresql",
  casing: "snake_case",
  introspect: { casing: "camel" },
});
"#,
        ),
        (
            "src/schema.ts",
            pg(r#"export const a = pgTable("a", { userId: text() });"#),
        ),
        (
            "src/db.ts",
            r#"import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
export const db = drizzle(new Pool());
export const other = drizzle({ client: new Pool(), casing: "snake_case" });
"#,
        ),
    ];
    let m = model(&files);
    let mismatches = notes(&m, NoteKind::CasingMismatch);
    assert_eq!(mismatches.len(), 1, "{:?}", m.notes);
    let note = mismatches[0];
    assert_eq!(note.span.location(), "src/db.ts:3:19");
    assert!(note.message.contains("no casing"), "{}", note.message);
    assert_eq!(note.related[0].span.location(), "drizzle.config.ts:4:3");
    // drizzle-kit's casing names the columns.
    assert!(table(&m, "a").columns[0].name.stored == "user_id");
}

#[test]
fn casings_that_name_every_key_alike_do_not_disagree() {
    // camelCase at run time and no casing for drizzle-kit: `userId` is `userId` either way.
    let files = |key: &str| {
        [
            (
                "drizzle.config.ts".to_string(),
                "import { defineConfig } from \"drizzle-kit\";\nexport default defineConfig({ dialect: \"postgresql\" });\n".to_string(),
            ),
            (
                "src/schema.ts".to_string(),
                pg(&format!("export const a = pgTable(\"a\", {{ {key}: text() }});")).to_string(),
            ),
            (
                "src/db.ts".to_string(),
                "import { drizzle } from \"drizzle-orm/node-postgres\";\nexport const db = drizzle(client, { casing: \"camelCase\" });\n".to_string(),
            ),
        ]
    };
    fn borrowed(f: &[(String, String); 3]) -> Vec<(&str, &str)> {
        f.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect()
    }
    let same = files("userId");
    assert!(notes(&model(&borrowed(&same)), NoteKind::CasingMismatch).is_empty());
    let different = files("user_id");
    assert_eq!(
        notes(&model(&borrowed(&different)), NoteKind::CasingMismatch).len(),
        1
    );
}

#[test]
fn app_casing_names_columns_when_there_is_no_config() {
    let files = [
        (
            "src/schema.ts",
            pg(r#"export const a = pgTable("a", { userId: text() });"#),
        ),
        (
            "src/db.ts",
            r#"import { drizzle } from "drizzle-orm/postgres-js";
export const db = drizzle(client, { casing: "snake_case" });
"#,
        ),
    ];
    let m = model(&files);
    assert_eq!(table(&m, "a").columns[0].name.stored, "user_id");
    assert!(m.notes.is_empty());
}

#[test]
fn modifiers_set_nullability_defaults_keys_and_identity() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
export const t = pgTable("t", {
  id: integer().generatedAlwaysAsIdentity({ startWith: 1000 }).primaryKey(),
  other: integer().generatedByDefaultAsIdentity(),
  a: text().notNull(),
  b: text(),
  c: text().default("it's"),
  d: integer().default(0),
  e: boolean().default(true),
  f: timestamp().defaultNow().notNull(),
  g: uuid().defaultRandom(),
  h: text().$defaultFn(() => crypto.randomUUID()),
  i: timestamp().$onUpdate(() => new Date()),
  j: jsonb().$type<string[]>().default([]),
  k: text().array().default([]),
  l: text().default(sql`'x'::text`),
  m: integer().default(-1),
  n: text().unique("t_n_key"),
  o: jsonb().default({ theme: "dark" }),
  p: text().default(null),
});
"#),
    )]);
    let t = table(&m, "t");
    let id = column(t, "id");
    assert_eq!(id.identity, Some(Identity::Always));
    assert!(!id.nullable);
    assert_eq!(column(t, "other").identity, Some(Identity::ByDefault));
    assert!(!column(t, "a").nullable);
    assert!(column(t, "b").nullable, "nullable unless .notNull()");
    let default = |name: &str| {
        column(t, name)
            .default
            .as_ref()
            .map(|d| d.expression.clone())
    };
    assert_eq!(default("c").as_deref(), Some("'it''s'"));
    assert_eq!(default("d").as_deref(), Some("0"));
    assert_eq!(default("e").as_deref(), Some("true"));
    assert_eq!(default("f").as_deref(), Some("current_timestamp"));
    assert_eq!(column(t, "f").default.as_ref().unwrap().written, "now()");
    assert_eq!(default("g").as_deref(), Some("gen_random_uuid()"));
    assert_eq!(default("h"), None, "$defaultFn is client-side");
    assert_eq!(default("i"), None, "$onUpdate is client-side");
    assert_eq!(default("j").as_deref(), Some("'[]'"));
    assert_eq!(default("k").as_deref(), Some("'{}'"));
    assert_eq!(default("l").as_deref(), Some("'x'"));
    assert_eq!(default("m").as_deref(), Some("-1"));
    assert_eq!(default("o").as_deref(), Some("'{\"theme\":\"dark\"}'"));
    assert_eq!(default("p"), None);
    assert_eq!(t.primary_key.as_ref().unwrap().columns, ["id"]);
    assert_eq!(t.unique_constraints[0].name.as_deref(), Some("t_n_key"));
    assert!(m.notes.is_empty(), "{:?}", m.notes);
}

#[test]
fn references_resolve_to_the_referenced_table_and_column_names() {
    let files = [
        (
            "drizzle.config.ts",
            r#"export default defineConfig({ dialect: "postgresql", casing: "snake_case" });"#,
        ),
        (
            "src/db/users.ts",
            pg(r#"
export const users = pgTable("app_users", {
  id: uuid("user_pk").primaryKey(),
  orgId: uuid(),
});
"#),
        ),
        (
            "src/db/posts.ts",
            pg(r#"
import { users } from "./users";
import { type AnyPgColumn } from "drizzle-orm/pg-core";
export const posts = pgTable("posts", {
  id: serial().primaryKey(),
  authorId: uuid().notNull().references(() => users.id, { onDelete: "cascade", onUpdate: "no action" }),
  parentId: integer().references((): AnyPgColumn => posts.id),
  editorId: uuid().references(() => users.missing),
  reviewer: uuid().references(() => somewhere.id),
});
"#),
        ),
    ];
    let m = model(&files);
    let posts = table(&m, "posts");
    assert_eq!(posts.foreign_keys.len(), 2, "{:?}", posts.foreign_keys);
    let author = &posts.foreign_keys[0];
    assert_eq!(author.columns, ["author_id"]);
    assert_eq!(author.references.name, "app_users");
    assert_eq!(author.referenced_columns, ["user_pk"]);
    assert_eq!(author.on_delete.as_deref(), Some("cascade"));
    assert_eq!(author.on_update, None);
    let parent = &posts.foreign_keys[1];
    assert_eq!(
        (
            parent.references.name.as_str(),
            parent.referenced_columns[0].as_str()
        ),
        ("posts", "id")
    );
    let not_understood = notes(&m, NoteKind::NotUnderstood);
    assert_eq!(not_understood.len(), 2, "{:?}", m.notes);
    assert!(
        not_understood
            .iter()
            .all(|n| n.table.as_deref() == Some("posts"))
    );
    assert_eq!(not_understood[0].span.line, 10);
    assert!(
        not_understood[0]
            .message
            .contains("not a column of table `app_users`")
    );
    assert_eq!(not_understood[1].span.line, 11);
}

#[test]
fn third_argument_indexes_and_constraints_in_array_form() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { primaryKey, foreignKey, unique, check } from "drizzle-orm/pg-core";
export const orgs = pgTable("orgs", { id: uuid().primaryKey() });
export const members = pgTable("members", {
  orgId: uuid("org_id").notNull(),
  userId: uuid("user_id").notNull(),
  email: text("email"),
  tags: jsonb("tags"),
  age: integer("age"),
  deletedAt: timestamp("deleted_at"),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.userId], name: "members_pk" }),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id], name: "members_org_fk" }).onDelete("cascade"),
  unique("members_email_key").on(t.orgId, t.email),
  uniqueIndex("members_email_idx").on(sql`lower(${t.email})`).where(sql`${t.deletedAt} is null`),
  index("members_tags_idx").using("gin", t.tags),
  index("members_age_idx").on(t.age.desc()),
  check("members_age_check", sql`${t.age} >= 18`),
]);
"#),
    )]);
    let t = table(&m, "members");
    let pk = t.primary_key.as_ref().unwrap();
    assert_eq!(pk.name.as_deref(), Some("members_pk"));
    assert_eq!(pk.columns, ["org_id", "user_id"]);
    let fk = &t.foreign_keys[0];
    assert_eq!(fk.name.as_deref(), Some("members_org_fk"));
    assert_eq!(
        (
            fk.references.name.as_str(),
            fk.referenced_columns[0].as_str()
        ),
        ("orgs", "id")
    );
    assert_eq!(fk.on_delete.as_deref(), Some("cascade"));
    assert_eq!(t.unique_constraints[0].columns, ["org_id", "email"]);
    let lower = &t.indexes[0];
    assert!(lower.unique);
    assert_eq!(lower.columns, ["lower(\"email\")"]);
    assert_eq!(
        lower.predicate.as_deref(),
        Some("\"members\".\"deleted_at\" is null")
    );
    assert_eq!(t.indexes[1].method.as_deref(), Some("gin"));
    assert_eq!(t.indexes[1].columns, ["tags"]);
    assert_eq!(t.indexes[2].columns, ["age"]);
    assert_eq!(
        t.check_constraints[0].expression,
        "\"members\".\"age\" >= 18"
    );
    assert_eq!(t.indexes[0].origin.span.line, 17);
    assert!(m.notes.is_empty(), "{:?}", m.notes);
}

#[test]
fn third_argument_in_object_form_and_legacy_block_body() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { primaryKey } from "drizzle-orm/pg-core";
export const a = pgTable("a", { x: integer(), y: integer() }, (table) => ({
  pk: primaryKey(table.x, table.y),
  xIdx: index("a_x_idx").on(table.x),
}));
export const b = pgTable("b", { x: integer() }, (t) => {
  return { xIdx: uniqueIndex("b_x_idx").on(t.x) };
});
"#),
    )]);
    let a = table(&m, "a");
    assert_eq!(a.primary_key.as_ref().unwrap().columns, ["x", "y"]);
    assert!(!column(a, "x").nullable, "primary key columns are not null");
    assert_eq!(a.indexes[0].name.as_deref(), Some("a_x_idx"));
    assert!(table(&m, "b").indexes[0].unique);
}

#[test]
fn enums_from_pg_enum_schemas_and_typescript_enums() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { pgSchema } from "drizzle-orm/pg-core";
export enum Role { Admin = "admin", Member = "member" }
const PRIORITIES = ["low", "high"] as const;
export const roleEnum = pgEnum("role", Role);
export const priority = pgEnum("priority", PRIORITIES);
export const billing = pgSchema("billing");
export const planEnum = billing.enum("plan", ["free", "pro"]);
export const accounts = billing.table("accounts", {
  id: serial().primaryKey(),
  role: roleEnum().notNull().default(Role.Member),
  priority: priority("priority").array(),
  plan: planEnum("plan").default("free"),
});
"#),
    )]);
    let enums: Vec<(Option<&str>, &str, &[String])> = m
        .schema
        .enums
        .values()
        .map(|e| {
            (
                e.schema.as_deref(),
                e.name.stored.as_str(),
                e.values.as_slice(),
            )
        })
        .collect();
    assert_eq!(enums.len(), 3);
    assert!(enums.contains(&(
        None,
        "role",
        &["admin".to_string(), "member".to_string()][..]
    )));
    assert!(enums.contains(&(
        Some("billing"),
        "plan",
        &["free".to_string(), "pro".to_string()][..]
    )));
    let t = table(&m, "accounts");
    assert_eq!(t.schema.as_deref(), Some("billing"));
    assert_eq!(column(t, "role").ty, ColumnType::Enum("role".into()));
    assert_eq!(
        column(t, "role").default.as_ref().unwrap().expression,
        "'member'"
    );
    assert_eq!(
        column(t, "priority").ty,
        ColumnType::Array(Box::new(ColumnType::Enum("priority".into())))
    );
    assert_eq!(
        column(t, "plan").ty,
        ColumnType::Enum("billing.plan".into())
    );
    assert!(m.notes.is_empty(), "{:?}", m.notes);
}

#[test]
fn shared_columns_spread_from_objects_and_helpers_in_other_files() {
    let files = [
        (
            "src/db/columns.ts",
            r#"import { timestamp, uuid, text } from "drizzle-orm/pg-core";
const updatedAt = timestamp("updated_at");
export const timestamps = {
  createdAt: timestamp("created_at").defaultNow().notNull(),
  updatedAt,
};
export function auditColumns(prefix: string) {
  return { [`${prefix}By`]: text(), changedBy: text(`${prefix}_by`) };
}
export const id = () => uuid("id").primaryKey().defaultRandom();
export const ref = (name: string, nullable = false) => uuid(name);
"#,
        ),
        (
            "src/db/schema.ts",
            pg(r#"
import { timestamps, auditColumns, id, ref } from "./columns";
export const items = pgTable("items", {
  id: id(),
  ownerId: ref("owner_id").notNull(),
  ...timestamps,
  ...auditColumns("changed"),
  ...unknownColumns,
});
"#),
        ),
    ];
    let m = model(&files);
    let t = table(&m, "items");
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.stored.as_str()).collect();
    assert_eq!(
        names,
        ["id", "owner_id", "created_at", "updated_at", "changed_by"]
    );
    assert_eq!(
        column(t, "id").default.as_ref().unwrap().expression,
        "gen_random_uuid()"
    );
    assert!(!column(t, "owner_id").nullable);
    assert_eq!(
        column(t, "created_at").origin.span.path.as_ref(),
        "src/db/columns.ts"
    );
    let not_understood = notes(&m, NoteKind::NotUnderstood);
    assert_eq!(not_understood.len(), 2, "{:?}", m.notes);
    assert!(not_understood[0].message.contains("computed column key"));
    assert!(not_understood[1].message.contains("unknownColumns"));
    assert_eq!(not_understood[1].span.path.as_ref(), "src/db/schema.ts");
}

#[test]
fn table_creators_prefix_table_names() {
    let m = model(&[(
        "src/server/db/schema.ts",
        r#"import { pgTableCreator, serial, text } from "drizzle-orm/pg-core";
export const createTable = pgTableCreator((name) => `acme_${name}`);
export const posts = createTable("post", { id: serial("id").primaryKey(), name: text("name") });
"#,
    )]);
    let t = table(&m, "acme_post");
    assert_eq!(t.name.written, "post");
    assert_eq!(t.origin.span.location(), "src/server/db/schema.ts:3:34");
}

#[test]
fn unexported_tables_are_noted_but_still_read() {
    let schema = pg(r#"
const auditLog = pgTable("audit_log", { id: serial().primaryKey() });
const sessions = pgTable("sessions", { id: serial().primaryKey() });
export const users = pgTable("users", { id: serial().primaryKey() });
export { sessions };
"#);
    let config =
        r#"export default defineConfig({ schema: "./schema.ts", dialect: "postgresql" });"#;
    // Without drizzle-kit, exports do not matter.
    assert!(model(&[("schema.ts", schema)]).notes.is_empty());
    let m = model(&[("drizzle.config.ts", config), ("schema.ts", schema)]);
    assert_eq!(m.schema.tables.len(), 3);
    let unexported = notes(&m, NoteKind::TableNotExported);
    assert_eq!(unexported.len(), 1);
    assert_eq!(unexported[0].table.as_deref(), Some("audit_log"));
    assert_eq!(unexported[0].span.location(), "schema.ts:4:7");
}

#[test]
fn what_cannot_be_read_is_noted_and_left_out() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
const tenant = process.env.TENANT;
export const events = pgTable(`${tenant}_events`, { id: serial().primaryKey() });
export const users = pgTable("users", {
  id: serial().primaryKey(),
  geo: geography("geo"),
  name: varchar({ length: MAX }),
  nick: text().notNull().sparkle(),
  born: timestamp().default(new Date()),
});
export function makeTable(name: string) {
  return pgTable(name, { id: serial() });
}
"#),
    )]);
    assert_eq!(m.schema.tables.len(), 1);
    let users = table(&m, "users");
    let names: Vec<&str> = users
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    // A known builder with an unreadable length is a column of unknown type, never a gap.
    assert_eq!(names, ["id", "name", "nick", "born"]);
    assert!(column(users, "name").unknown.ty);
    assert!(!column(users, "nick").nullable);
    assert_eq!(column(users, "born").default, None);
    let found: Vec<(u32, Option<&str>)> = m
        .notes
        .iter()
        .map(|n| (n.span.line, n.table.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (5, None),
            (8, Some("users")),
            (9, Some("users")),
            (10, Some("users")),
            (11, Some("users")),
            (14, None),
        ],
        "{:#?}",
        m.notes
    );
    assert!(m.notes.iter().all(|n| n.kind == NoteKind::NotUnderstood));
    assert!(
        m.notes[1].message.contains("geography"),
        "{}",
        m.notes[1].message
    );
}

#[test]
fn malformed_files_are_parse_problems_and_the_rest_is_read() {
    let out = run(&[(
        "schema.ts",
        pg(r#"
export const users = pgTable("users", { id: serial().primaryKey() });
export const broken = pgTable("broken", { id: serial( });
export const posts = pgTable("posts", { id: serial().primaryKey() });
"#),
    )]);
    assert_eq!(out.problems.len(), 1);
    let problem = &out.problems[0];
    assert_eq!(problem.span.line, 5, "{problem:?}");
    assert!(
        problem.message.starts_with("cannot parse TypeScript"),
        "{}",
        problem.message
    );
    let m = &out.models[0];
    assert!(m.schema.tables.keys().any(|k| k.name == "users"));
    assert!(m.schema.tables.keys().any(|k| k.name == "posts"));
}

#[test]
fn custom_types_with_literal_data_types() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { customType } from "drizzle-orm/pg-core";
const citext = customType<{ data: string }>({ dataType() { return "citext"; } });
const vector = customType<{ data: number[]; config: { dimensions: number } }>({
  dataType: (config) => `vector(${config.dimensions})`,
});
const dynamic = customType<{ data: string }>({ dataType() { return pickType(); } });
export const docs = pgTable("docs", {
  email: citext("email").notNull(),
  embedding: vector("embedding", { dimensions: 1536 }),
  other: dynamic("other"),
});
"#),
    )]);
    let t = table(&m, "docs");
    assert_eq!(column(t, "email").ty, ColumnType::Other("citext".into()));
    assert_eq!(column(t, "embedding").type_written, "vector(1536)");
    assert_eq!(t.columns.len(), 2);
    assert_eq!(notes(&m, NoteKind::NotUnderstood).len(), 1);
}

#[test]
fn columns_callback_namespace_imports_and_aliases() {
    let m = model(&[(
        "schema.ts",
        r#"import * as p from "drizzle-orm/pg-core";
import { pgTable as table, text as str } from "drizzle-orm/pg-core";
export const a = p.pgTable("a", (t) => ({ id: t.integer().primaryKey(), name: t.varchar({ length: 20 }) }));
export const b = table("b", { id: p.uuid().primaryKey(), label: str("label") });
"#,
    )]);
    assert_eq!(
        column(table(&m, "a"), "name").ty,
        ColumnType::Varchar(Some(20))
    );
    assert_eq!(column(table(&m, "b"), "id").ty, ColumnType::Uuid);
    assert_eq!(column(table(&m, "b"), "label").ty, ColumnType::Text);
    assert!(m.notes.is_empty(), "{:?}", m.notes);
}

#[test]
fn test_files_and_files_without_drizzle_are_not_read() {
    let out = run(&[
        (
            "src/schema.test.ts",
            pg(r#"export const t = pgTable("t", { id: serial() });"#),
        ),
        (
            "src/__tests__/fixtures.ts",
            pg(r#"export const u = pgTable("u", { id: serial() });"#),
        ),
        ("src/util.ts", "export const x = 1;"),
        (
            "src/routes/users.ts",
            r#"import { eq } from "drizzle-orm";
export const byId = (id: number) => db.select().from(users).where(eq(users.id, id)) +;
"#,
        ),
    ]);
    assert!(out.models.is_empty());
    assert!(out.problems.is_empty());
}

#[test]
fn origins_point_at_the_table_name_and_the_column_property() {
    let m = model(&[(
        "src/db/schema.ts",
        pg(r#"
export const users = pgTable("users", {
  id: serial().primaryKey(),
  email: text("email")
    .notNull(),
});
"#),
    )]);
    let t = table(&m, "users");
    assert_eq!(t.origin.span.location(), "src/db/schema.ts:4:30");
    assert_eq!(
        column(t, "email").origin.span.location(),
        "src/db/schema.ts:6:3"
    );
    assert_eq!(column(t, "email").origin.span.end_line, 7);
    assert_eq!(column(t, "email").origin.kind, SourceKind::Drizzle);
}

#[test]
fn tables_of_two_dialects_make_two_models() {
    let out = run(&[
        (
            "pg.ts",
            pg(r#"export const a = pgTable("a", { id: serial() });"#),
        ),
        (
            "lite.ts",
            r#"import { sqliteTable, integer } from "drizzle-orm/sqlite-core";
export const b = sqliteTable("b", { id: integer() });
"#,
        ),
    ]);
    let dialects: Vec<Dialect> = out.models.iter().map(|m| m.schema.dialect).collect();
    assert_eq!(dialects, [Dialect::Postgres, Dialect::Sqlite]);
}

#[test]
fn the_query_compiles_for_both_grammars_with_its_vocabulary() {
    for grammar in [Grammar::TypeScript, Grammar::Tsx] {
        query::compile(&grammar.language(), query::SOURCE, query::CAPTURES).unwrap();
    }
    let bad = "(identifier) @made.up";
    let error = query::compile(&Grammar::TypeScript.language(), bad, query::CAPTURES).unwrap_err();
    assert!(error.to_string().contains("@made.up"), "{error}");
}

#[test]
fn names_imported_from_elsewhere_are_not_taken_for_drizzle_builders() {
    let m = model(&[(
        "schema.ts",
        r#"import { pgTable, serial } from "drizzle-orm/pg-core";
import { text } from "./my-columns";
export const a = pgTable("a", { id: serial().primaryKey(), name: text("name") });
"#,
    )]);
    assert_eq!(table(&m, "a").columns.len(), 1);
    assert_eq!(notes(&m, NoteKind::NotUnderstood)[0].span.line, 3);
}

#[test]
fn schema_tables_written_inline_and_mysql_schemas() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { pgSchema, pgPolicy } from "drizzle-orm/pg-core";
export const jobs = pgSchema("queue").table("jobs", { id: serial().primaryKey() }, (t) => [
  pgPolicy("jobs_read", { for: "select", using: sql`true` }),
]);
export const logs = pgSchema("public").table("logs", { id: serial().primaryKey() });
"#),
    )]);
    assert_eq!(table(&m, "jobs").schema.as_deref(), Some("queue"));
    assert_eq!(
        table(&m, "logs").schema,
        None,
        "public is the default schema"
    );
    assert!(m.notes.is_empty(), "{:?}", m.notes);
    let my = model(&[(
        "schema.ts",
        r#"import { mysqlSchema, int } from "drizzle-orm/mysql-core";
const reporting = mysqlSchema("reporting");
export const daily = reporting.table("daily", { day: int("day").primaryKey() });
"#,
    )]);
    assert_eq!(my.schema.dialect, Dialect::Mysql);
    assert_eq!(table(&my, "daily").schema.as_deref(), Some("reporting"));
}

#[test]
fn commonjs_exports_count_as_exported() {
    let schema = r#"const { pgTable, serial } = require("drizzle-orm/pg-core");
import { pgTable as table, serial as id } from "drizzle-orm/pg-core";
const users = table("users", { id: id().primaryKey() });
const posts = table("posts", { id: id().primaryKey() });
const audit = table("audit", { id: id().primaryKey() });
module.exports = { users, articles: posts };
"#;
    // A CommonJS configuration: with drizzle-kit in use, an unexported table is noted.
    let config = r#"module.exports = { dialect: "postgresql", schema: "./schema.js" };"#;
    let m = model(&[("drizzle.config.js", config), ("schema.js", schema)]);
    assert_eq!(m.schema.tables.len(), 3);
    let unexported = notes(&m, NoteKind::TableNotExported);
    assert_eq!(unexported.len(), 1, "{:?}", m.notes);
    assert!(
        unexported[0].message.contains("audit"),
        "{:?}",
        unexported[0]
    );
}

#[test]
fn javascript_files_may_hold_jsx() {
    let m = model(&[(
        "app/page.js",
        r#"import { drizzle } from "drizzle-orm/node-postgres";
import { pgTable, serial } from "drizzle-orm/pg-core";
export const visits = pgTable("visits", { id: serial().primaryKey() });
export default function Page() {
  return <main className="p-4">{String(drizzle)}</main>;
}
"#,
    )]);
    assert_eq!(m.schema.tables.len(), 1);
}

#[test]
fn a_shared_column_not_understood_is_noted_once() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
const audit = { createdBy: geography("created_by"), createdAt: timestamp() };
export const a = pgTable("a", { id: serial(), ...audit });
export const b = pgTable("b", { id: serial(), ...audit });
"#),
    )]);
    assert_eq!(m.notes.len(), 1, "{:?}", m.notes);
    assert_eq!(table(&m, "b").columns.len(), 2);
}

#[test]
fn cyclic_declarations_end() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
const a = b;
const b = a;
const loop1 = { ...loop2 };
const loop2 = { ...loop1 };
const useLoop = () => useLoop();
export const t = pgTable("t", { x: a, y: useLoop(), ...loop1 });
export const u = a.table("u", { id: serial() });
"#),
    )]);
    assert_eq!(table(&m, "t").columns.len(), 0);
    assert!(!m.notes.is_empty());
}

#[test]
fn constant_arithmetic_and_unreadable_options_keep_the_column() {
    let m = model(&[
        (
            "schema/types.ts",
            r#"import { char } from "drizzle-orm/mysql-core";
export const ulid = (name: string) => char(name, { length: 26 + 4 });
export const code = (name: string) => char(name, { length: CODE_LENGTH * 2 });
"#,
        ),
        (
            "schema/index.ts",
            "export type * from \"./validation\";\nexport * from \"./users\";\n",
        ),
        ("schema/validation.ts", "export type UserId = string;\n"),
        (
            "schema/users.ts",
            r#"import { mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { ulid, code } from "./types";
import type { UserId } from "./index";
export const users = mysqlTable("users", {
  id: ulid("id").primaryKey(),
  code: code("code"),
  handle: varchar("handle", { length: 8 * 8 }).notNull(),
});
"#,
        ),
    ]);
    let users = table(&m, "users");
    assert_eq!(column(users, "id").ty, ColumnType::Char(Some(30)));
    assert_eq!(column(users, "handle").ty, ColumnType::Varchar(Some(64)));
    let code = column(users, "code");
    assert!(code.unknown.ty, "{code:?}");
    assert_eq!(notes(&m, NoteKind::NotUnderstood).len(), 1, "{:?}", m.notes);
}

#[test]
fn a_partial_index_with_an_operator_predicate_is_kept_with_its_predicate_unknown() {
    let m = model(&[(
        "schema.ts",
        pg(r#"
import { isNull } from "drizzle-orm";
export const messages = pgTable("messages", {
  id: serial().primaryKey(),
  reactions: integer("reactions"),
  deletedAt: timestamp("deleted_at"),
}, (t) => [index("messages_reactions_idx").on(t.reactions).where(isNull(t.deletedAt))]);
"#),
    )]);
    let messages = table(&m, "messages");
    assert_eq!(messages.indexes.len(), 1);
    assert_eq!(
        messages.indexes[0].name.as_deref(),
        Some("messages_reactions_idx")
    );
    assert_eq!(
        messages.indexes[0].predicate.as_deref(),
        Some(crate::model::Index::UNKNOWN_PART)
    );
    assert_eq!(notes(&m, NoteKind::NotUnderstood).len(), 1, "{:?}", m.notes);
}
