def flagged_accounts(cursor):
    cursor.execute("SELECT id, legacy_flag FROM accounts WHERE legacy_flag") # expect: sql-unknown-column
    return cursor.fetchall()


def project_names(cursor, account_id):
    cursor.execute("SELECT name FROM projects WHERE account_id = %s", (account_id,))
    return [row[0] for row in cursor.fetchall()]
