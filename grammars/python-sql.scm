; SQL written in Python strings: DB-API cursors, SQLAlchemy `text()` and connections, asyncpg,
; pandas, Django `raw()`, and SQL constants. `op.execute(...)` is left to the Alembic replay.
; Runs, on the tree the other Python grammars use, on files whose text mentions SQL keywords.

; cursor.execute("..."), session.execute(text("...")) (the inner call), conn.exec_driver_sql,
; await conn.fetch("..."), sa.text("..."), pd.read_sql("...", engine)
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_method)
  arguments: (argument_list . [(string) (concatenated_string)] @query.argument)
  (#any-of? @_method
    "execute" "executemany" "executescript" "exec_driver_sql" "fetch" "fetchrow" "fetchval"
    "fetch_all" "fetch_one" "fetch_val" "mogrify" "read_sql" "read_sql_query")
  (#not-eq? @_object "op"))

; sa.text("...") and sqlalchemy.text("..."); `.text(...)` on anything else (`st.text`), `.raw`
; (Django), `.query`, `.iterate`: names also common outside SQL, read with the care of a constant.
(call
  function: (attribute
    object: (identifier) @_object
    attribute: (identifier) @_method)
  arguments: (argument_list . [(string) (concatenated_string)] @query.argument)
  (#eq? @_method "text")
  (#any-of? @_object "sa" "sqlalchemy"))

(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_method)
  arguments: (argument_list . [(string) (concatenated_string)] @query.loose)
  (#any-of? @_method "text" "raw" "query" "iterate")
  (#not-any-of? @_object "sa" "sqlalchemy" "op"))

; text("..."), read_sql("...", conn)
(call
  function: (identifier) @_function
  arguments: (argument_list . [(string) (concatenated_string)] @query.argument)
  (#any-of? @_function "text" "read_sql" "read_sql_query"))

; cursor.execute("... WHERE id = {}".format(x)), cursor.execute("... %s" % x)
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_method)
  arguments: (argument_list .
    [(call
       function: (attribute
         object: [(string) (concatenated_string)] @query.argument
         attribute: (identifier) @_format))
     (binary_operator
       left: [(string) (concatenated_string)] @query.argument
       operator: "%")])
  (#eq? @_format "format")
  (#any-of? @_method "execute" "executemany" "fetch" "fetchrow")
  (#not-eq? @_object "op"))

; GET_USER = """SELECT ...""", at any depth (module constants, locals, class attributes)
(assignment
  left: (identifier) @query.name
  right: [(string) (concatenated_string)] @query.constant)
