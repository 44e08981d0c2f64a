"""Reports: SQL kept in module constants, read with pandas."""
import pandas as pd

REVENUE_BY_USER_SQL = """
    SELECT u.email, sum(o.total_cents) AS revenue
    FROM users u
    JOIN orders o ON o.user_id = u.id
    WHERE o.status = 'paid'
    GROUP BY u.email
    ORDER BY revenue DESC
"""

TOP_PRODUCTS = """
    SELECT p.name, count(*) AS sold
    FROM products p
    GROUP BY p.name
"""

WELCOME = "Select a plan from the list below to get started."
HELP = "Update your payment details, then delete from the cart anything you no longer want."


def revenue(engine):
    return pd.read_sql(REVENUE_BY_USER_SQL, engine)


def top_products(engine):
    return pd.read_sql(TOP_PRODUCTS, engine)


# A CTE defined in one constant and used in another, and a view the dataframe engine registers.
PAID_ORDERS_CTE = "WITH paid AS (SELECT user_id, total_cents FROM orders WHERE status = 'paid')"
LATEST_PAID = "SELECT user_id FROM paid ORDER BY total_cents DESC LIMIT 10"


def latest_paid(engine, extra):
    return pd.read_sql(LATEST_PAID, engine)


def weekly(spark, frame):
    frame.createOrReplaceTempView("weekly_orders")
    return pd.read_sql("SELECT user_id, count(*) FROM weekly_orders GROUP BY user_id", spark)
