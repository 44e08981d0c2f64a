//! Each construct the Python extractor reads, on small in-memory repositories.

use super::{PythonExtract, extract};
use crate::extract::NoteKind;
use crate::model::{Column, Dialect, Identity, QualifiedName, Schema, SourceKind, Table};
use crate::source::SourceFile;

fn run_in(dialect: Option<Dialect>, files: &[(&str, &str)]) -> PythonExtract {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile::in_memory(path, text))
        .collect();
    extract(&files, dialect, None)
}

fn run(files: &[(&str, &str)]) -> PythonExtract {
    run_in(None, files)
}

fn code<'a>(x: &'a PythonExtract, label_start: &str) -> &'a Schema {
    &x.code
        .iter()
        .find(|c| c.schema.label.starts_with(label_start))
        .unwrap_or_else(|| panic!("no code model `{label_start}` in {:?}", labels(x)))
        .schema
}

fn labels(x: &PythonExtract) -> Vec<&str> {
    x.code.iter().map(|c| c.schema.label.as_str()).collect()
}

fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
    schema
        .tables
        .values()
        .find(|t| t.name.stored == name)
        .unwrap_or_else(|| {
            panic!(
                "no table `{name}` in {:?}",
                schema.tables.keys().collect::<Vec<_>>()
            )
        })
}

fn any_table<'a>(x: &'a PythonExtract, name: &str) -> &'a Table {
    x.code
        .iter()
        .flat_map(|c| c.schema.tables.values())
        .find(|t| t.name.stored == name)
        .unwrap_or_else(|| panic!("no table `{name}`"))
}

fn column<'a>(table: &'a Table, name: &str) -> &'a Column {
    table
        .columns
        .iter()
        .find(|c| c.name.stored == name)
        .unwrap_or_else(|| {
            panic!(
                "no column `{name}` in `{}`: {:?}",
                table.name.stored,
                table
                    .columns
                    .iter()
                    .map(|c| &c.name.stored)
                    .collect::<Vec<_>>()
            )
        })
}

fn ty(table: &Table, name: &str) -> String {
    column(table, name).ty.to_string()
}

fn notes(x: &PythonExtract) -> Vec<String> {
    x.code
        .iter()
        .flat_map(|c| c.notes.iter())
        .chain(x.histories.iter().flat_map(|h| h.notes.iter()))
        .map(|n| format!("{}:{}: {}", n.span.path, n.span.line, n.message))
        .collect()
}

const LEGACY_BASE: &str =
    "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n";

#[test]
fn sqlalchemy_types_map_to_the_sql_they_emit() {
    let x = run(&[
        ("app/base.py", LEGACY_BASE),
        (
            "app/models.py",
            r#"
import sqlalchemy as sa
from sqlalchemy import ARRAY, JSON, BigInteger, Boolean, CHAR, Date, DateTime, Float, Integer
from sqlalchemy import Interval, LargeBinary, Numeric, SmallInteger, String, Text, Time, Uuid, Enum
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import JSONB, UUID as PG_UUID, INET
from app.base import Base

class Everything(Base):
    __tablename__ = "everything"
    id = sa.Column(Integer, primary_key=True)
    a = sa.Column(String(50))
    b = sa.Column(String)
    c = sa.Column(Text)
    d = sa.Column(Uuid)
    e = sa.Column(postgresql.UUID(as_uuid=True))
    f = sa.Column(PG_UUID(as_uuid=True))
    g = sa.Column(DateTime(timezone=True))
    h = sa.Column(DateTime)
    i = sa.Column(Numeric(10, 2))
    j = sa.Column(JSONB)
    k = sa.Column(ARRAY(Integer))
    l = sa.Column(postgresql.ARRAY(String(20)))
    m = sa.Column(Boolean)
    n = sa.Column(BigInteger)
    o = sa.Column(SmallInteger)
    p = sa.Column(Float)
    q = sa.Column(LargeBinary)
    r = sa.Column(Date)
    s = sa.Column(Time(timezone=True))
    t = sa.Column(Interval)
    u = sa.Column(CHAR(3))
    v = sa.Column(JSON().with_variant(JSONB(), "postgresql"))
    w = sa.Column(INET)
    x = sa.Column(sa.Numeric(precision=8, scale=3))
    y = sa.Column(sa.String(length=12))
    z = sa.Column(sa.Unicode(30))
"#,
        ),
    ]);
    let t = any_table(&x, "everything");
    let expected = [
        ("a", "varchar(50)"),
        ("b", "varchar"),
        ("c", "text"),
        ("d", "uuid"),
        ("e", "uuid"),
        ("f", "uuid"),
        ("g", "timestamp with time zone"),
        ("h", "timestamp"),
        ("i", "numeric(10,2)"),
        ("j", "jsonb"),
        ("k", "integer[]"),
        ("l", "varchar(20)[]"),
        ("m", "boolean"),
        ("n", "bigint"),
        ("o", "smallint"),
        ("p", "double precision"),
        ("q", "bytes"),
        ("r", "date"),
        ("s", "time with time zone"),
        ("t", "interval"),
        ("u", "char(3)"),
        ("v", "jsonb"),
        ("w", "inet"),
        ("x", "numeric(8,3)"),
        ("y", "varchar(12)"),
        ("z", "varchar(30)"),
    ];
    for (name, sql) in expected {
        assert_eq!(ty(t, name), sql, "column {name}");
    }
    assert_eq!(column(t, "e").type_written, "postgresql.UUID(as_uuid=True)");
    assert!(notes(&x).is_empty(), "{:?}", notes(&x));
}

#[test]
fn types_follow_the_dialect() {
    let files = [
        ("app/base.py", LEGACY_BASE),
        (
            "app/models.py",
            "from sqlalchemy import Column, Integer, Uuid, Enum, String\nfrom app.base import Base\nclass T(Base):\n    __tablename__ = 't'\n    id = Column(Integer, primary_key=True)\n    u = Column(Uuid)\n    e = Column(Enum('a', 'bb', name='kind'))\n    s = Column(String(9))\n",
        ),
    ];
    let mysql = run_in(Some(Dialect::Mysql), &files);
    let t = any_table(&mysql, "t");
    assert_eq!(ty(t, "u"), "char(32)");
    assert_eq!(ty(t, "e"), "enum('a','bb')");
    assert_eq!(column(t, "id").identity, Some(Identity::AutoIncrement));
    let sqlite = run_in(Some(Dialect::Sqlite), &files);
    let t = any_table(&sqlite, "t");
    assert_eq!(ty(t, "e"), "text");
    assert_eq!(ty(t, "s"), "text");
    let pg = run(&files);
    let t = any_table(&pg, "t");
    assert_eq!(ty(t, "e"), "enum kind");
    assert_eq!(column(t, "id").identity, Some(Identity::Serial));
}

#[test]
fn python_annotations_map_like_the_default_type_map() {
    let x = run(&[(
        "models.py",
        r#"
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    s: Mapped[str]
    u1: Mapped[uuid.UUID]
    u2: Mapped[UUID]
    ts: Mapped[datetime]
    d: Mapped[date]
    n: Mapped[Decimal]
    b: Mapped[bool]
    f: Mapped[float]
    j: Mapped[dict[str, Any]]
    raw: Mapped[bytes]
"#,
    )]);
    let t = any_table(&x, "a");
    for (name, sql) in [
        ("id", "integer"),
        ("s", "varchar"),
        ("u1", "uuid"),
        ("u2", "uuid"),
        ("ts", "timestamp"),
        ("d", "date"),
        ("n", "numeric"),
        ("b", "boolean"),
        ("f", "double precision"),
        ("j", "json"),
        ("raw", "bytes"),
    ] {
        assert_eq!(ty(t, name), sql, "column {name}");
    }
}

#[test]
fn nullability_of_legacy_columns_mapped_columns_and_sqlmodel_fields() {
    let x = run(&[(
        "models.py",
        r#"
from typing import Optional
from sqlalchemy import Column, Integer
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlmodel import Field, SQLModel

class Base(DeclarativeBase):
    pass

class Legacy(Base):
    __tablename__ = "legacy"
    id = Column(Integer, primary_key=True)
    plain = Column(Integer)
    required = Column(Integer, nullable=False)

class Modern(Base):
    __tablename__ = "modern"
    id: Mapped[int] = mapped_column(primary_key=True)
    required: Mapped[int]
    optional: Mapped[Optional[int]]
    union: Mapped[int | None]
    forced_null: Mapped[int] = mapped_column(nullable=True)
    forced_not_null: Mapped[Optional[int]] = mapped_column(nullable=False)
    unannotated = mapped_column(Integer)
    legacy_in_mapped: Mapped[int] = Column(Integer)

class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    age: int
    nickname: Optional[str] = None
    rank: int = Field(default=0, nullable=True)
"#,
    )]);
    let legacy = any_table(&x, "legacy");
    assert!(!column(legacy, "id").nullable);
    assert!(column(legacy, "plain").nullable);
    assert!(!column(legacy, "required").nullable);
    let modern = any_table(&x, "modern");
    assert!(!column(modern, "required").nullable);
    assert!(column(modern, "optional").nullable);
    assert!(column(modern, "union").nullable);
    assert!(column(modern, "forced_null").nullable);
    assert!(!column(modern, "forced_not_null").nullable);
    assert!(column(modern, "unannotated").nullable);
    assert!(column(modern, "legacy_in_mapped").nullable);
    let hero = any_table(&x, "hero");
    let id = column(hero, "id");
    assert!(!id.nullable);
    assert_eq!(id.identity, Some(Identity::Serial));
    assert_eq!(hero.primary_key.as_ref().unwrap().columns, ["id"]);
    assert!(!column(hero, "age").nullable);
    assert!(column(hero, "nickname").nullable);
    assert!(column(hero, "rank").nullable);
    assert_eq!(code(&x, "SQLModel.metadata").kind, SourceKind::Sqlmodel);
}

#[test]
fn foreign_keys_by_string_attribute_and_table_column() {
    let x = run(&[
        ("app/base.py", LEGACY_BASE),
        (
            "app/models.py",
            r#"
from sqlalchemy import Column, ForeignKey, ForeignKeyConstraint, Integer, String, Table
from app.base import Base

accounts = Table("accounts", Base.metadata, Column("id", Integer, primary_key=True))

class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    code = Column("Code", String(5), unique=True)

class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (ForeignKeyConstraint(["a", "b"], ["pair.x", "pair.y"], name="fk_pair", onupdate="CASCADE"),)
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("user.id", ondelete="SET NULL"))
    by_attr = Column(Integer, ForeignKey(User.code))
    account_id = Column(Integer, ForeignKey(accounts.c.id))
    remote = Column(Integer, ForeignKey("auth.users.id"))
    a = Column(Integer)
    b = Column(Integer)
"#,
        ),
    ]);
    let posts = any_table(&x, "posts");
    let fk = |col: &str| {
        posts
            .foreign_keys
            .iter()
            .find(|f| f.columns == [col])
            .unwrap_or_else(|| panic!("no foreign key on {col}"))
    };
    assert_eq!(fk("user_id").references, QualifiedName::unqualified("user"));
    assert_eq!(fk("user_id").referenced_columns, ["id"]);
    assert_eq!(fk("user_id").on_delete.as_deref(), Some("set null"));
    // A column without a type takes the type of the column it references.
    assert_eq!(ty(posts, "user_id"), "integer");
    assert_eq!(fk("by_attr").referenced_columns, ["Code"]);
    assert_eq!(
        fk("account_id").references,
        QualifiedName::unqualified("accounts")
    );
    assert_eq!(
        fk("remote").references,
        QualifiedName::new(Some("auth".into()), "users")
    );
    let pair = posts
        .foreign_keys
        .iter()
        .find(|f| f.name.as_deref() == Some("fk_pair"))
        .unwrap();
    assert_eq!(pair.columns, ["a", "b"]);
    assert_eq!(pair.referenced_columns, ["x", "y"]);
    assert_eq!(pair.on_update.as_deref(), Some("cascade"));
    assert!(column(posts, "user_id").identity.is_none());
}

#[test]
fn table_args_indexes_and_constraints() {
    let x = run(&[(
        "models.py",
        r#"
from sqlalchemy import CheckConstraint, Column, Index, Integer, String, UniqueConstraint, func, text
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("sku", "shop", name="uq_items_sku_shop"),
        CheckConstraint("qty >= 0", name="ck_qty"),
        Index("ix_items_name_lower", func.lower(text("name"))),
        Index("ix_items_open", "shop", postgresql_where=text("qty > 0"), postgresql_using="brin"),
        {"schema": "inventory", "comment": "Stock"},
    )
    id = Column(Integer, primary_key=True)
    sku = Column(String(20), index=True)
    shop = Column(Integer)
    name = Column(String, unique=True)
    code = Column(String, unique=True, index=True)
    qty = Column(Integer)

Index("ix_items_qty_desc", Item.qty.desc())
"#,
    )]);
    let t = any_table(&x, "items");
    assert_eq!(t.schema.as_deref(), Some("inventory"));
    assert_eq!(t.comment.as_deref(), Some("Stock"));
    let index = |name: &str| {
        t.indexes
            .iter()
            .find(|i| i.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no index {name}: {:?}", t.indexes))
    };
    assert_eq!(index("ix_items_sku").columns, ["sku"]);
    assert!(!index("ix_items_sku").unique);
    assert!(index("ix_items_code").unique);
    assert_eq!(index("ix_items_name_lower").columns, ["lower(name)"]);
    assert_eq!(index("ix_items_open").predicate.as_deref(), Some("qty > 0"));
    assert_eq!(index("ix_items_open").method.as_deref(), Some("brin"));
    assert_eq!(index("ix_items_qty_desc").columns, ["qty"]);
    let uniques: Vec<(Option<&str>, &[String])> = t
        .unique_constraints
        .iter()
        .map(|u| (u.name.as_deref(), u.columns.as_slice()))
        .collect();
    assert!(uniques.contains(&(
        Some("uq_items_sku_shop"),
        &["sku".to_string(), "shop".to_string()][..]
    )));
    assert!(uniques.contains(&(None, &["name".to_string()][..])));
    assert_eq!(uniques.len(), 2, "a unique index is not also a constraint");
    assert_eq!(t.check_constraints[0].expression, "qty >= 0");
    assert_eq!(t.check_constraints[0].name.as_deref(), Some("ck_qty"));
}

#[test]
fn server_defaults_but_not_client_defaults() {
    let x = run(&[(
        "models.py",
        r#"
import sqlalchemy as sa
from sqlalchemy import Column, DateTime, Integer, String, func, text
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class D(Base):
    __tablename__ = "d"
    id = Column(Integer, primary_key=True)
    created = Column(DateTime, server_default=func.now())
    state = Column(String, server_default="new")
    score = Column(Integer, server_default=text("0"))
    flag = Column(sa.Boolean, server_default=sa.false())
    token = Column(sa.Uuid, server_default=sa.text("gen_random_uuid()"))
    client = Column(Integer, default=5)
"#,
    )]);
    let t = any_table(&x, "d");
    let default = |c: &str| column(t, c).default.as_ref().map(|d| d.expression.clone());
    assert_eq!(default("created").as_deref(), Some("current_timestamp"));
    assert_eq!(
        column(t, "created").default.as_ref().unwrap().written,
        "now()"
    );
    assert_eq!(default("state").as_deref(), Some("'new'"));
    assert_eq!(default("score").as_deref(), Some("0"));
    assert_eq!(default("flag").as_deref(), Some("false"));
    assert_eq!(default("token").as_deref(), Some("gen_random_uuid()"));
    assert_eq!(default("client"), None);
}

#[test]
fn enums_use_member_names_unless_values_callable() {
    let x = run(&[
        (
            "app/enums.py",
            "import enum\nclass Status(enum.Enum):\n    ACTIVE = 'active'\n    GONE = 'gone'\n\nclass Level(str, enum.Enum):\n    LOW = 'l'\n",
        ),
        (
            "app/models.py",
            r#"
from sqlalchemy import Column, Enum, Integer
from sqlalchemy.orm import declarative_base
from app.enums import Level, Status
Base = declarative_base()

class E(Base):
    __tablename__ = "e"
    id = Column(Integer, primary_key=True)
    by_name = Column(Enum(Status))
    by_value = Column(Enum(Status, name="status_value", values_callable=lambda x: [e.value for e in x]))
    strings = Column(Enum("x", "y", name="xy"))
    not_native = Column(Enum(Level, native_enum=False))
"#,
        ),
    ]);
    let schema = &x.code[0].schema;
    let t = table(schema, "e");
    assert_eq!(ty(t, "by_name"), "enum status");
    assert_eq!(ty(t, "by_value"), "enum status_value");
    assert_eq!(ty(t, "not_native"), "varchar(3)");
    let values = |name: &str| {
        schema.enums[&QualifiedName::unqualified(name)]
            .values
            .clone()
    };
    assert_eq!(values("status"), ["ACTIVE", "GONE"]);
    assert_eq!(values("status_value"), ["active", "gone"]);
    assert_eq!(values("xy"), ["x", "y"]);
}

#[test]
fn mixins_abstract_bases_and_inheritance_across_files() {
    let x = run(&[
        (
            "app/db.py",
            "from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass\n",
        ),
        (
            "app/mixins.py",
            r#"
from datetime import datetime
from sqlalchemy import func
from sqlalchemy.orm import Mapped, mapped_column
from app.db import Base

class Timestamps:
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

class Entity(Base):
    __abstract__ = True
    id: Mapped[int] = mapped_column(primary_key=True)
"#,
        ),
        (
            "app/models.py",
            r#"
from typing import Optional
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column
from app.mixins import Entity, Timestamps

class Animal(Timestamps, Entity):
    __tablename__ = "animals"
    kind: Mapped[str]

class Dog(Animal):
    bark: Mapped[Optional[str]]

class Cat(Animal):
    __tablename__ = "cats"
    id: Mapped[int] = mapped_column(ForeignKey("animals.id"), primary_key=True)
    lives: Mapped[int]
"#,
        ),
    ]);
    let schema = code(&x, "Base.metadata");
    assert_eq!(schema.tables.len(), 2, "{:?}", schema.tables.keys());
    let animals = table(schema, "animals");
    let names: Vec<&str> = animals
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    assert_eq!(names, ["kind", "created_at", "id", "bark"]);
    let cats = table(schema, "cats");
    let names: Vec<&str> = cats
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    assert_eq!(names, ["id", "lives"]);
    assert!(column(cats, "id").identity.is_none());
    assert_eq!(column(animals, "id").identity, Some(Identity::Serial));
    assert!(schema.files.contains(&"app/mixins.py".to_string()));
}

#[test]
fn sqlmodel_tables_and_their_non_table_bases() {
    let x = run(&[(
        "models.py",
        r#"
from typing import Optional
from sqlalchemy import Column, Text
from sqlmodel import Field, Relationship, SQLModel

class HeroBase(SQLModel):
    name: str = Field(index=True, max_length=40)

class Hero(HeroBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    bio: str = Field(sa_column=Column("Bio", Text, nullable=True))
    team: Optional["Team"] = Relationship(back_populates="heroes")

class HeroCreate(HeroBase):
    pass
"#,
    )]);
    let schema = code(&x, "SQLModel.metadata");
    assert_eq!(schema.tables.len(), 1);
    let hero = table(schema, "hero");
    let names: Vec<&str> = hero
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    assert_eq!(names, ["name", "id", "team_id", "Bio"]);
    assert_eq!(ty(hero, "name"), "varchar(40)");
    assert_eq!(hero.indexes[0].name.as_deref(), Some("ix_hero_name"));
    assert!(column(hero, "Bio").nullable);
    assert_eq!(hero.foreign_keys[0].references.name, "team");
}

#[test]
fn declared_attr_table_names_and_columns() {
    let x = run(&[(
        "models.py",
        r#"
import re
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base, declared_attr, has_inherited_table

def camel_to_snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()

class Base:
    @declared_attr
    def __tablename__(cls):
        if has_inherited_table(cls):
            return None
        return camel_to_snake(cls.__name__) + "s"

    id = Column(Integer, primary_key=True)

Base = declarative_base(cls=Base)

class OwnerMixin:
    @declared_attr
    def owner_id(cls):
        return Column(Integer, ForeignKey("account_holders.id"), nullable=False)

class AccountHolder(Base):
    pass

class SavingsPlan(OwnerMixin, Base):
    pass

class SpecialPlan(SavingsPlan):
    pass
"#,
    )]);
    let plans = any_table(&x, "savings_plans");
    assert_eq!(ty(plans, "owner_id"), "integer");
    assert!(!column(plans, "owner_id").nullable);
    any_table(&x, "account_holders");
    assert_eq!(x.code[0].schema.tables.len(), 2);
    assert!(notes(&x).is_empty(), "{:?}", notes(&x));
}

#[test]
fn dynamic_table_names_are_noted_not_guessed() {
    let x = run(&[(
        "models.py",
        r#"
import os
from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()
PREFIX = os.environ["PREFIX"]

class Event(Base):
    __tablename__ = PREFIX + "_events"
    id = Column(Integer, primary_key=True)

class Fixed(Base):
    __tablename__ = "fixed_" + "events"
    id = Column(Integer, primary_key=True)
"#,
    )]);
    let model = &x.code[0];
    assert_eq!(model.schema.tables.len(), 1);
    table(&model.schema, "fixed_events");
    assert_eq!(model.notes.len(), 1);
    assert_eq!(model.notes[0].kind, NoteKind::NotUnderstood);
    assert_eq!(model.notes[0].span.line, 9);
    assert!(
        model.notes[0].message.contains("Event"),
        "{}",
        model.notes[0].message
    );
}

#[test]
fn type_decorators_through_impl_and_dialect_branch() {
    let files = [
        (
            "app/types.py",
            r#"
from sqlalchemy import CHAR, String, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.types import TypeDecorator

class GUID(TypeDecorator):
    impl = CHAR
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(UUID())
        return dialect.type_descriptor(CHAR(32))

class Upper(TypeDecorator):
    impl = String

class Json(TypeDecorator):
    impl = Text
"#,
        ),
        (
            "app/models.py",
            r#"
from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base
from app.types import GUID, Json, Upper
Base = declarative_base()

class T(Base):
    __tablename__ = "t"
    id = Column(GUID(), primary_key=True)
    code = Column(Upper(12))
    doc = Column(Json)
"#,
        ),
    ];
    let pg = run(&files);
    let t = any_table(&pg, "t");
    assert_eq!(ty(t, "id"), "uuid");
    assert_eq!(ty(t, "code"), "varchar(12)");
    assert_eq!(ty(t, "doc"), "text");
    assert!(column(t, "id").identity.is_none());
    let mysql = run_in(Some(Dialect::Mysql), &files);
    assert_eq!(ty(any_table(&mysql, "t"), "id"), "char(32)");
}

#[test]
fn annotated_aliases_type_annotation_map_and_explicit_names() {
    let x = run(&[
        (
            "app/types.py",
            "from typing import Annotated\nfrom sqlalchemy import String\nfrom sqlalchemy.orm import mapped_column\nintpk = Annotated[int, mapped_column(primary_key=True)]\nstr30 = Annotated[str, 30]\nreq_name = Annotated[str, mapped_column(String(64), nullable=False)]\n",
        ),
        (
            "app/models.py",
            r#"
from datetime import datetime
from typing import Optional
from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from app.types import intpk, req_name, str30

class Base(DeclarativeBase):
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        str30: String(30),
        int: BigInteger,
    }

class U(Base):
    __tablename__ = "u"
    id: Mapped[intpk]
    seen: Mapped[Optional[datetime]]
    short: Mapped[str30]
    name: Mapped[req_name | None]
    user_id: Mapped[int] = mapped_column("UserId")
"#,
        ),
    ]);
    let t = any_table(&x, "u");
    assert_eq!(ty(t, "id"), "bigint");
    assert_eq!(column(t, "id").identity, Some(Identity::Serial));
    assert_eq!(ty(t, "seen"), "timestamp with time zone");
    assert!(column(t, "seen").nullable);
    assert_eq!(ty(t, "short"), "varchar(30)");
    assert_eq!(ty(t, "name"), "varchar(64)");
    assert!(
        !column(t, "name").nullable,
        "nullable=False in the alias wins over Optional"
    );
    assert_eq!(ty(t, "UserId"), "bigint");
    assert_eq!(t.primary_key.as_ref().unwrap().columns, ["id"]);
}

#[test]
fn partial_columns_and_local_wrappers() {
    let x = run(&[(
        "models.py",
        r#"
from functools import partial
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()
NotNullColumn = partial(Column, nullable=False)

def reference(target, **kwargs):
    return Column(Integer, ForeignKey(target), **kwargs)

class P(Base):
    __tablename__ = "p"
    id = Column(Integer, primary_key=True)
    name = NotNullColumn(String(10))
    maybe = NotNullColumn(String(10), nullable=True)
    parent_id = reference("p.id", index=True)
"#,
    )]);
    let t = any_table(&x, "p");
    assert!(!column(t, "name").nullable);
    assert!(column(t, "maybe").nullable);
    assert_eq!(ty(t, "parent_id"), "integer");
    assert_eq!(t.foreign_keys[0].references.name, "p");
    assert_eq!(t.indexes[0].name.as_deref(), Some("ix_p_parent_id"));
}

#[test]
fn flask_sqlalchemy_registry_and_table_objects() {
    let x = run(&[
        (
            "app/ext.py",
            "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
        ),
        (
            "app/models.py",
            r#"
from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.orm import registry
from app.ext import db

class UserAccount(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)

class Explicit(db.Model):
    __tablename__ = "explicit"
    __table__ = Table("explicit", db.metadata, Column("id", Integer, primary_key=True))

mapper_registry = registry(metadata=MetaData(schema="reports"))

@mapper_registry.mapped
class Report:
    __tablename__ = "reports"
    id = Column(Integer, primary_key=True)

Base = mapper_registry.generate_base()

class Summary(Base):
    __tablename__ = "summaries"
    id = Column(Integer, primary_key=True)
"#,
        ),
    ]);
    let db = code(&x, "db.metadata");
    let user = table(db, "user_account");
    assert_eq!(ty(user, "name"), "varchar(40)");
    table(db, "explicit");
    let reports = code(&x, "mapper_registry.metadata");
    assert_eq!(table(reports, "reports").schema.as_deref(), Some("reports"));
    table(reports, "summaries");
}

#[test]
fn naming_conventions_and_metadata_schema() {
    let x = run(&[(
        "models.py",
        r#"
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import declarative_base
metadata = MetaData(schema="app", naming_convention={
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})
Base = declarative_base(metadata=metadata)

class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)
    code = Column(String, unique=True)
    b_id = Column(Integer, ForeignKey("b.id"))
"#,
    )]);
    let t = any_table(&x, "a");
    assert_eq!(t.schema.as_deref(), Some("app"));
    assert_eq!(
        t.primary_key.as_ref().unwrap().name.as_deref(),
        Some("pk_a")
    );
    assert_eq!(t.unique_constraints[0].name.as_deref(), Some("uq_a_code"));
    assert_eq!(t.foreign_keys[0].name.as_deref(), Some("fk_a_b_id_b"));
    assert_eq!(
        t.foreign_keys[0].references,
        QualifiedName::new(Some("app".into()), "b")
    );
    assert_eq!(x.code[0].schema.label, "metadata (models.py)");
}

const TWO_METADATAS: &[(&str, &str)] = &[
    (
        "app/base.py",
        "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n",
    ),
    (
        "app/models.py",
        "from sqlalchemy import Column, Integer\nfrom sqlmodel import Field, SQLModel\nfrom app.base import Base\n\nclass Legacy(Base):\n    __tablename__ = 'legacy'\n    id = Column(Integer, primary_key=True)\n\nclass New(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n",
    ),
];

fn with_env(env: &str) -> PythonExtract {
    let mut files = TWO_METADATAS.to_vec();
    files.push(("alembic/env.py", env));
    run(&files)
}

fn not_migrated(x: &PythonExtract) -> Vec<(String, u32)> {
    x.code
        .iter()
        .flat_map(|c| c.notes.iter())
        .filter(|n| n.kind == NoteKind::MetadataNotMigrated)
        .map(|n| (n.table.clone().unwrap(), n.span.line))
        .collect()
}

#[test]
fn metadata_alembic_does_not_target() {
    let x = with_env(
        "from alembic import context\nfrom sqlmodel import SQLModel\ntarget_metadata = SQLModel.metadata\n",
    );
    assert_eq!(not_migrated(&x), [("legacy".to_string(), 5)]);
    let note = x.code.iter().flat_map(|c| &c.notes).next().unwrap();
    assert_eq!(note.span.path.as_ref(), "app/models.py");
    assert_eq!(note.related[0].span.path.as_ref(), "alembic/env.py");
    assert_eq!(note.related[0].span.line, 3);
    assert!(
        note.related[0].message.contains("only SQLModel.metadata"),
        "{}",
        note.related[0].message
    );

    let both = with_env(
        "from sqlmodel import SQLModel\nfrom app.base import Base\ntarget_metadata = [SQLModel.metadata, Base.metadata]\n",
    );
    assert!(not_migrated(&both).is_empty());
    let configured = with_env(
        "from alembic import context\nfrom sqlmodel import SQLModel\nfrom app.base import Base\ndef run():\n    context.configure(target_metadata=[SQLModel.metadata, Base.metadata])\n",
    );
    assert!(not_migrated(&configured).is_empty());
    let legacy_only = with_env("from app.base import Base\ntarget_metadata = Base.metadata\n");
    assert_eq!(not_migrated(&legacy_only), [("new".to_string(), 9)]);
    // Without a target, or with one that cannot be read, nothing is claimed.
    assert!(not_migrated(&run(TWO_METADATAS)).is_empty());
    assert!(not_migrated(&with_env("target_metadata = None\n")).is_empty());
    assert!(
        not_migrated(&with_env(
            "from somewhere import get_metadata\ntarget_metadata = get_metadata()\n"
        ))
        .is_empty()
    );
}

/// Seed 003, after the fix: the legacy Base shares SQLModel's metadata. Its models are plain
/// SQLAlchemy (no `table=True`, `Column(...)` attributes) on SQLModel.metadata.
#[test]
fn a_declarative_base_on_sqlmodel_metadata_keeps_sqlalchemy_models() {
    let x = run(&[
        (
            "app/base.py",
            "from sqlalchemy.orm import declarative_base\nfrom sqlmodel import SQLModel\nBase = declarative_base(metadata=SQLModel.metadata)\n",
        ),
        (
            "app/models.py",
            "from typing import Optional\nfrom sqlalchemy import Column, ForeignKey, Integer, String\nfrom sqlmodel import Field, SQLModel\nfrom app.base import Base\n\nclass User(SQLModel, table=True):\n    __tablename__ = 'user'\n    id: Optional[int] = Field(default=None, primary_key=True)\n\nclass UserBase(SQLModel):\n    name: str\n\nclass Subscription(Base):\n    __tablename__ = 'subscriptions'\n    id = Column(Integer, primary_key=True)\n    user_id = Column(Integer, ForeignKey('user.id'), nullable=False)\n    plan = Column(String(50))\n",
        ),
    ]);
    assert_eq!(labels(&x), ["SQLModel.metadata"]);
    let schema = code(&x, "SQLModel.metadata");
    let names: Vec<&str> = schema
        .tables
        .values()
        .map(|t| t.name.stored.as_str())
        .collect();
    assert_eq!(names, ["subscriptions", "user"]);
    let subscriptions = table(schema, "subscriptions");
    assert_eq!(ty(subscriptions, "user_id"), "integer");
    assert!(!column(subscriptions, "user_id").nullable);
    assert_eq!(ty(subscriptions, "plan"), "varchar(50)");
    assert_eq!(subscriptions.foreign_keys.len(), 1);
}

/// Seed 003: `data_export.py` declares `query_history` on the legacy Base as well. The table is
/// migrated through its SQLModel declaration; the conflict between the two is a duplicate table
/// definition, not a model Alembic never creates. The message states the cause only: what
/// follows from it depends on the reference, and reconciliation says it.
#[test]
fn tables_a_targeted_metadata_also_declares_are_migrated() {
    let x = run(&[
        (
            "app/base.py",
            "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n",
        ),
        (
            "app/models.py",
            "from sqlalchemy import Column, Integer, String\nfrom sqlmodel import Field, SQLModel\nfrom app.base import Base\n\nclass Legacy(Base):\n    __tablename__ = 'legacy'\n    id = Column(Integer, primary_key=True)\n\nclass ExportedQuery(Base):\n    __tablename__ = 'query_history'\n    id = Column(Integer, primary_key=True)\n    query = Column(String(10))\n\nclass QueryHistory(SQLModel, table=True):\n    __tablename__ = 'query_history'\n    id: int = Field(primary_key=True)\n",
        ),
        (
            "alembic/env.py",
            "from sqlmodel import SQLModel\ntarget_metadata = SQLModel.metadata\n",
        ),
    ]);
    assert_eq!(not_migrated(&x), [("legacy".to_string(), 5)]);
    let note = x.code.iter().flat_map(|c| &c.notes).next().unwrap();
    assert_eq!(
        note.message,
        "`Legacy` (table `legacy`) is declared on Base.metadata (app/base.py), but Alembic's target_metadata includes only SQLModel.metadata"
    );
}

#[test]
fn malformed_files_are_parse_problems_and_the_rest_is_read() {
    let x = run(&[
        ("app/base.py", LEGACY_BASE),
        (
            "app/broken.py",
            "from sqlalchemy import Column, Integer\nfrom app.base import Base\n\nclass Good(Base):\n    __tablename__ = 'good'\n    id = Column(Integer, primary_key=True)\n\nclass Bad(Base)\n    __tablename__ = 'bad'\n",
        ),
        (
            "app/other.py",
            "from sqlalchemy import Column, Integer\nfrom app.base import Base\nclass Other(Base):\n    __tablename__ = 'other'\n    id = Column(Integer, primary_key=True)\n",
        ),
    ]);
    assert_eq!(x.parse_problems.len(), 1);
    let problem = &x.parse_problems[0];
    assert_eq!(problem.span.path.as_ref(), "app/broken.py");
    assert_eq!(problem.span.line, 8);
    any_table(&x, "good");
    any_table(&x, "other");
}

// --- Alembic ----------------------------------------------------------------------------------

fn revision(id: &str, down: &str, body: &str) -> String {
    format!(
        "import sqlalchemy as sa\nfrom alembic import op\n\nrevision = \"{id}\"\ndown_revision = {down}\n\n\ndef upgrade():\n{body}\n\n\ndef downgrade():\n    op.drop_table(\"never_applied\")\n"
    )
}

fn history(files: &[(&str, String)]) -> (Schema, Vec<String>, Vec<String>, Vec<String>) {
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let x = run(&refs);
    assert_eq!(x.histories.len(), 1, "one history");
    let h = &x.histories[0];
    let order = h.set.files.iter().map(|f| f.path.to_string()).collect();
    let problems = h.problems.iter().map(|p| p.message.clone()).collect();
    (h.schema.clone(), order, problems, notes(&x))
}

#[test]
fn alembic_revisions_replay_in_revision_order_with_merges() {
    let (schema, order, problems, notes) = history(&[
        (
            "db/versions/c_merge.py",
            revision(
                "ccc",
                "(\"bbb\", \"b2\")",
                "    op.add_column(\"users\", sa.Column(\"merged\", sa.Boolean(), nullable=True))",
            ),
        ),
        (
            "db/versions/a_base.py",
            revision(
                "aaa",
                "None",
                "    op.create_table(\"users\", sa.Column(\"id\", sa.Integer(), primary_key=True))",
            ),
        ),
        (
            "db/versions/z_branch_one.py",
            revision(
                "bbb",
                "\"aaa\"",
                "    op.add_column(\"users\", sa.Column(\"one\", sa.Integer()))",
            ),
        ),
        (
            "db/versions/b_branch_two.py",
            revision(
                "b2",
                "\"aaa\"",
                "    op.add_column(\"users\", sa.Column(\"two\", sa.Integer()))",
            ),
        ),
    ]);
    assert_eq!(
        order,
        [
            "db/versions/a_base.py",
            "db/versions/b_branch_two.py",
            "db/versions/z_branch_one.py",
            "db/versions/c_merge.py"
        ]
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert!(notes.is_empty(), "{notes:?}");
    let users = table(&schema, "users");
    let names: Vec<&str> = users
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    assert_eq!(names, ["id", "two", "one", "merged"]);
    assert_eq!(schema.label, "db/versions/");
    assert_eq!(schema.kind, SourceKind::Migrations);
}

#[test]
fn alembic_table_and_column_operations() {
    let body = r#"
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=100), nullable=False),
        sa.Column("role", sa.Enum("admin", "member", name="role"), server_default="member"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        schema="auth",
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("auth.users.id"), nullable=False),
        sa.Column("slug", sa.String(40)),
        sa.Column("old", sa.Text()),
    )
    op.add_column("posts", sa.Column("views", sa.BigInteger(), server_default="0", nullable=False))
    op.alter_column("posts", "slug", type_=sa.String(80), nullable=False, server_default=sa.text("'x'"))
    op.alter_column("posts", "views", new_column_name="view_count")
    op.drop_column("posts", "old")
    op.create_index(op.f("ix_posts_slug"), "posts", ["slug"], unique=True)
    op.create_index("ix_posts_lower", "posts", [sa.text("lower(slug)")], postgresql_where=sa.text("view_count > 0"))
    op.drop_index("ix_posts_lower", table_name="posts")
    op.create_foreign_key("fk_posts_parent", "posts", "posts", ["id"], ["id"], ondelete="CASCADE")
    op.create_unique_constraint("uq_posts_slug", "posts", ["slug"])
    op.drop_constraint("uq_posts_slug", "posts", type_="unique")
    op.create_check_constraint("ck_views", "posts", sa.text("view_count >= 0"))
    op.rename_table("posts", "articles")
    op.create_table("tmp", sa.Column("id", sa.Integer(), primary_key=True))
    op.drop_table("tmp")
"#;
    let (schema, _, problems, notes) =
        history(&[("alembic/versions/001.py", revision("001", "None", body))]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(notes.is_empty(), "{notes:?}");
    let users = schema
        .table(&QualifiedName::new(Some("auth".into()), "users"))
        .expect("auth.users");
    assert_eq!(
        users.primary_key.as_ref().unwrap().name.as_deref(),
        Some("pk_users")
    );
    assert_eq!(column(users, "id").identity, Some(Identity::Serial));
    assert_eq!(ty(users, "role"), "enum role");
    assert!(
        schema
            .enums
            .contains_key(&QualifiedName::unqualified("role"))
    );
    assert!(schema.table(&QualifiedName::unqualified("posts")).is_none());
    assert!(schema.table(&QualifiedName::unqualified("tmp")).is_none());
    let articles = table(&schema, "articles");
    let names: Vec<&str> = articles
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    assert_eq!(names, ["id", "user_id", "slug", "view_count"]);
    assert_eq!(ty(articles, "slug"), "varchar(80)");
    assert!(!column(articles, "slug").nullable);
    assert_eq!(
        column(articles, "slug")
            .default
            .as_ref()
            .unwrap()
            .expression,
        "'x'"
    );
    assert_eq!(
        column(articles, "view_count")
            .default
            .as_ref()
            .unwrap()
            .expression,
        "0"
    );
    let index_names: Vec<&str> = articles
        .indexes
        .iter()
        .filter_map(|i| i.name.as_deref())
        .collect();
    assert_eq!(index_names, ["ix_posts_slug"]);
    assert!(articles.unique_constraints.is_empty());
    let fks: Vec<&str> = articles
        .foreign_keys
        .iter()
        .map(|f| f.references.name.as_str())
        .collect();
    assert_eq!(fks, ["users", "articles"]);
    assert_eq!(
        articles.foreign_keys[0].references.schema.as_deref(),
        Some("auth")
    );
    assert_eq!(articles.check_constraints[0].expression, "view_count >= 0");
}

#[test]
fn alembic_batch_blocks_sql_enums_and_helpers() {
    let body = r#"
    status = postgresql.ENUM("open", "closed", name="status", create_type=False)
    status.create(op.get_bind(), checkfirst=True)
    _create_tickets()
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", status, nullable=True))
        batch_op.alter_column("title", existing_type=sa.String(10), type_=sa.String(200))
        batch_op.create_index("ix_tickets_state", ["state"])
        batch_op.drop_column("legacy")
    op.execute("ALTER TABLE tickets ADD COLUMN body text NOT NULL DEFAULT ''")
    op.execute(sa.text("CREATE INDEX ix_tickets_body ON tickets (body)"))
"#;
    let text = revision("001", "None", body).replace(
        "from alembic import op\n",
        "from alembic import op\nfrom sqlalchemy.dialects import postgresql\n",
    ) + "\n\ndef _create_tickets():\n    op.create_table(\"tickets\", sa.Column(\"id\", sa.Integer(), primary_key=True), sa.Column(\"title\", sa.String(10)), sa.Column(\"legacy\", sa.Integer()))\n";
    let (schema, _, problems, notes) = history(&[("alembic/versions/001.py", text)]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(notes.is_empty(), "{notes:?}");
    let t = table(&schema, "tickets");
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.stored.as_str()).collect();
    assert_eq!(names, ["id", "title", "state", "body"]);
    assert_eq!(ty(t, "state"), "enum status");
    assert_eq!(
        schema.enums[&QualifiedName::unqualified("status")].values,
        ["open", "closed"]
    );
    assert_eq!(ty(t, "title"), "varchar(200)");
    assert!(!column(t, "body").nullable);
    let index_names: Vec<&str> = t.indexes.iter().filter_map(|i| i.name.as_deref()).collect();
    assert_eq!(index_names, ["ix_tickets_state", "ix_tickets_body"]);
    // The SQL of op.execute is attributed to its line in the revision file.
    let body_column = column(t, "body");
    assert_eq!(
        body_column.origin.span.path.as_ref(),
        "alembic/versions/001.py"
    );
    assert_eq!(body_column.origin.span.line, 19);
}

#[test]
fn alembic_operations_not_understood_are_noted() {
    let body = r#"
    op.create_table("a", sa.Column("id", sa.Integer(), primary_key=True))
    for name in tenant_tables():
        op.add_column(name, sa.Column("x", sa.Integer()))
    op.execute(build_sql())
    op.create_view(my_view)
    op.bulk_insert(table, [])
"#;
    let (schema, _, _, notes) =
        history(&[("alembic/versions/001.py", revision("001", "None", body))]);
    table(&schema, "a");
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(
        notes[0].contains(":12:") && notes[0].contains("op.add_column"),
        "{}",
        notes[0]
    );
    assert!(
        notes[1].contains(":13:") && notes[1].contains("op.execute"),
        "{}",
        notes[1]
    );
    assert!(
        notes[2].contains(":14:") && notes[2].contains("create_view"),
        "{}",
        notes[2]
    );
}

#[test]
fn alembic_loops_over_literals_are_unrolled() {
    let body = r#"
    for name in ["teams", "users"]:
        op.create_table(name, sa.Column("id", sa.Integer(), primary_key=True))
    for table, column in (("teams", "slug"), ("users", "email")):
        op.add_column(table, sa.Column(column, sa.String(50)))
        op.create_index(f"ix_{table}_{column}", table, [column])
    for name in DROPPED:
        op.drop_table(name)
"#;
    let text = format!(
        "DROPPED = [\"legacy\"]\n{}",
        revision(
            "001",
            "None",
            &format!("    op.create_table(\"legacy\", sa.Column(\"id\", sa.Integer()))\n{body}")
        )
    );
    let (schema, _, problems, notes) = history(&[("alembic/versions/001.py", text)]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(notes.is_empty(), "{notes:?}");
    assert!(
        schema
            .table(&QualifiedName::unqualified("legacy"))
            .is_none()
    );
    for (name, column) in [("teams", "slug"), ("users", "email")] {
        let t = table(&schema, name);
        assert_eq!(ty(t, column), "varchar(50)");
        let index = format!("ix_{name}_{column}");
        assert!(
            t.indexes
                .iter()
                .any(|i| i.name.as_deref() == Some(index.as_str()))
        );
    }
}

#[test]
fn alembic_missing_parents_are_noted_and_replay_problems_kept() {
    let (schema, order, problems, notes) = history(&[
        (
            "m/versions/2.py",
            revision(
                "two",
                "\"gone\"",
                "    op.add_column(\"nope\", sa.Column(\"x\", sa.Integer()))",
            ),
        ),
        (
            "m/versions/1.py",
            revision(
                "one",
                "None",
                "    op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), primary_key=True))",
            ),
        ),
    ]);
    assert_eq!(order, ["m/versions/1.py", "m/versions/2.py"]);
    table(&schema, "t");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("gone"), "{}", notes[0]);
}

#[test]
fn large_repositories_extract_quickly() {
    let mut files: Vec<(String, String)> = vec![("app/base.py".into(), LEGACY_BASE.into())];
    for i in 0..100 {
        let mut text = String::from(
            "from sqlalchemy import Column, ForeignKey, Integer, String, DateTime, func\nfrom app.base import Base\n",
        );
        for j in 0..5 {
            text += &format!(
                "\nclass M{i}x{j}(Base):\n    __tablename__ = 't_{i}_{j}'\n    id = Column(Integer, primary_key=True)\n    name = Column(String(50), nullable=False, index=True)\n    created = Column(DateTime(timezone=True), server_default=func.now())\n    parent_id = Column(Integer, ForeignKey('t_{i}_{j}.id'))\n"
            );
        }
        files.push((format!("app/models/m{i}.py"), text));
    }
    for i in 0..150 {
        let down = if i == 0 {
            "None".to_string()
        } else {
            format!("\"r{}\"", i - 1)
        };
        files.push((
            format!("alembic/versions/{i:03}_step.py"),
            revision(&format!("r{i}"), &down, &format!("    op.create_table(\"m{i}\", sa.Column(\"id\", sa.Integer(), primary_key=True), sa.Column(\"v\", sa.String(20)))\n    op.create_index(\"ix_m{i}_v\", \"m{i}\", [\"v\"])")),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let started = std::time::Instant::now();
    let x = run(&refs);
    let elapsed = started.elapsed();
    assert_eq!(x.code[0].schema.tables.len(), 500);
    assert_eq!(x.histories[0].schema.tables.len(), 150);
    // Debug builds are several times slower than release; the budget leaves room for that.
    assert!(elapsed.as_secs_f64() < 4.0, "took {elapsed:?}");
}

#[test]
fn self_referencing_names_terminate() {
    let body = "    t = \"a\"\n    t = t\n    op.create_table(t, sa.Column(\"id\", sa.Integer(), primary_key=True))";
    let (schema, _, _, _) = history(&[("alembic/versions/001.py", revision("001", "None", body))]);
    table(&schema, "a");
    let x = run(&[(
        "models.py",
        "from sqlalchemy.orm import declarative_base\nA = B\nB = A\nBase = declarative_base()\nclass T(Base):\n    __tablename__ = A\n",
    )]);
    assert_eq!(notes(&x).len(), 1, "{:?}", notes(&x));
}

#[test]
fn type_checking_branches_give_way_to_the_runtime_declarations() {
    let x = run(&[(
        "app/models.py",
        r#"
from typing import TYPE_CHECKING
import typing
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, Mapped, mapped_column
from sqlalchemy.dialects.postgresql import JSONB

if TYPE_CHECKING:
    class Base:
        __tablename__: str
    JSONType = dict
    NAME_LENGTH = 10
else:
    Base = declarative_base()
    JSONType = JSONB
    NAME_LENGTH = 80

if not typing.TYPE_CHECKING:
    Stamp = sa.DateTime(timezone=True)
else:
    Stamp = sa.Date


class Account(Base):
    __tablename__ = "accounts"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(NAME_LENGTH))
    settings = sa.Column(JSONType)
    created_at = sa.Column(Stamp)
"#,
    )]);
    let accounts = any_table(&x, "accounts");
    assert_eq!(ty(accounts, "name"), "varchar(80)");
    assert_eq!(ty(accounts, "settings"), "jsonb");
    assert_eq!(ty(accounts, "created_at"), "timestamp with time zone");
}

#[test]
fn models_declared_in_the_runtime_branch_of_type_checking_are_read() {
    let x = run(&[(
        "app/db.py",
        r#"
from typing import TYPE_CHECKING
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

if TYPE_CHECKING:
    from flask_sqlalchemy.model import Model as BaseModel
else:
    BaseModel = db.Model

    class Tag(db.Model):
        __tablename__ = "tags"
        id = db.Column(db.Integer, primary_key=True)


class Post(BaseModel):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
"#,
    )]);
    assert_eq!(ty(any_table(&x, "posts"), "title"), "varchar(200)");
    any_table(&x, "tags");
}

#[test]
fn a_mapped_foreign_key_column_without_a_type_takes_the_referenced_type_not_the_annotation() {
    let x = run(&[(
        "app/models.py",
        r#"
import uuid
from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)


class Token(Base):
    __tablename__ = "token"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The annotation says int; SQLAlchemy gives the column user.id's type.
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    label: Mapped[str] = mapped_column(String(40))
"#,
    )]);
    let token = any_table(&x, "token");
    assert_eq!(ty(token, "user_id"), "uuid");
    assert_eq!(ty(token, "label"), "varchar(40)");
}

#[test]
fn lengths_computed_from_constants_are_read() {
    let x = run(&[(
        "app/models.py",
        r#"
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()
NAME = 40


class Task(Base):
    __tablename__ = "task"
    id = sa.Column(sa.Integer, primary_key=True)
    schedule = sa.Column(sa.String(60 * 4))
    name = sa.Column(sa.String(NAME + 20))
    code = sa.Column(sa.String(2 ** 4))
"#,
    )]);
    let task = any_table(&x, "task");
    assert_eq!(ty(task, "schedule"), "varchar(240)");
    assert_eq!(ty(task, "name"), "varchar(60)");
    assert_eq!(ty(task, "code"), "varchar(16)");
}

#[test]
fn a_flask_model_class_with_its_own_naming_and_type_map() {
    let x = run(&[
        (
            "app/types.py",
            r#"
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Text
from sqlalchemy.orm import DeclarativeBase, declared_attr, has_inherited_table, registry
from typing_extensions import Annotated

datetime_tz = Annotated[datetime, "datetime_tz"]


class DbModel(DeclarativeBase):
    registry = registry(type_annotation_map={str: Text, datetime_tz: DateTime(timezone=True)})

    if not TYPE_CHECKING:

        @declared_attr.directive
        def __tablename__(cls) -> str | None:
            if has_inherited_table(cls):
                return None
            return cls.__name__.lower()
"#,
        ),
        (
            "app/db.py",
            r#"
from flask_sqlalchemy import SQLAlchemy
from app.types import DbModel

db = SQLAlchemy(model_class=DbModel, disable_autonaming=True)
"#,
        ),
        (
            "app/models.py",
            r#"
from sqlalchemy.orm import Mapped, mapped_column
from app.db import db
from app.types import datetime_tz


class AnswerSaver(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    note: Mapped[str]
    saved_at: Mapped[datetime_tz]
"#,
        ),
    ]);
    let saver = any_table(&x, "answersaver");
    assert_eq!(ty(saver, "note"), "text");
    assert_eq!(ty(saver, "saved_at"), "timestamp with time zone");
}
