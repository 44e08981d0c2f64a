"""Data access with DB-API cursors and SQLAlchemy Core text()."""
import psycopg2
from sqlalchemy import text
from sqlalchemy.orm import Session


def user_by_email(conn, email):
    with conn.cursor() as cursor:
        cursor.execute("SELECT id, email, display_name FROM users WHERE email = %s", (email,))
        return cursor.fetchone()


def orders_of(conn, user_id):
    with conn.cursor() as cursor:
        cursor.execute(
            """
            SELECT o.id, o.total_cents, o.status
            FROM orders o
            WHERE o.user_id = %(user_id)s
            ORDER BY o.id DESC
            """,
            {"user_id": user_id},
        )
        return cursor.fetchall()


def cancel(session: Session, order_id: int) -> None:
    session.execute(text("UPDATE orders SET status = 'cancelled' WHERE id = :id"), {"id": order_id})
    # The audit log is declared by a model: a table known to the models is known.
    session.execute(text("INSERT INTO audit_log (action) VALUES (:action)"), {"action": "cancel"})


def count(conn, table):
    with conn.cursor() as cursor:
        # An interpolated table name cannot be checked.
        cursor.execute(f"SELECT count(*) FROM {table}")
        cursor.execute("SELECT count(*) FROM orders WHERE user_id = {}".format(1))
        cursor.execute("SELECT id FROM users WHERE email = %s", ("a",))
        return cursor.fetchone()


def purge(engine):
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM order_items WHERE order_id NOT IN (SELECT id FROM orders)")


def users_by_ids(session: Session, ids: list[int]):
    # Expanding parameters: the driver writes the list in, `IN (1, 2, 3)`.
    return session.execute(text("SELECT id, email FROM users WHERE id IN :ids"), {"ids": ids})


def emails_of(conn, ids):
    with conn.cursor() as cursor:
        cursor.execute("SELECT email FROM users WHERE id IN %s", (tuple(ids),))
        return cursor.fetchall()
