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
