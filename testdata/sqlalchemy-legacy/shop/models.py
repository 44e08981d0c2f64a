import enum

import sqlalchemy as sa
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import relationship

from .db import GUID, Base, RequiredColumn, id_column, metadata


class OrderStatus(enum.Enum):
    pending = "P"
    paid = "X"
    shipped = "S"


# Many-to-many link between products and tags.
product_tags = Table(
    "product_tags",
    metadata,
    Column("product_id", Integer, ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
)


class Customer(Base):
    __tablename__ = "customers"

    id = id_column()
    public_id = Column(GUID(), nullable=False, unique=True)
    email = RequiredColumn(String(255))
    display_name = Column("DisplayName", String(80))
    is_active = Column(Boolean, server_default=sa.true(), nullable=False)
    created_at = Column(DateTime(timezone=True), server_default=func.now())
    notes = Column(Text, default="")

    orders = relationship("Order", back_populates="customer")


class Tag(Base):
    __tablename__ = "tags"

    id = Column(Integer, primary_key=True)
    label = Column(String(40), nullable=False, unique=True)


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="ck_products_price_positive"),
        Index("ix_products_lower_sku", func.lower(text("sku")), unique=True),
    )

    id = Column(Integer, primary_key=True)
    sku = Column(String(32), nullable=False)
    price = Column(Numeric(10, 2), nullable=False, server_default=text("0"))
    tags = relationship(Tag, secondary=product_tags)


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_orders_customer", ondelete="RESTRICT"),
        UniqueConstraint("customer_id", "number", name="uq_orders_customer_number"),
        {"comment": "Orders placed by customers"},
    )

    id = Column(Integer, primary_key=True)
    number = Column(Integer, nullable=False)
    customer_id = Column(Integer, nullable=False, index=True)
    status = Column(Enum(OrderStatus), nullable=False, server_default="pending")
    shipped_on = Column(sa.Date)

    customer = relationship(Customer, back_populates="orders")
