; SQL written in Python strings: DB-API cursors, SQLAlchemy `text()` and connections, asyncpg,
; pandas, Django `raw()`, and SQL constants. `op.execute(...)` is left to the Alembic replay.
; Runs, on the tree the other Python grammars use, on files whose text mentions SQL keywords.

; cursor.execute("..."), session.execute(text("...")) (the inner call), conn.exec_driver_sql,
; await conn.fetch("..."), sa.text("..."), pd.read_sql("...", engine), Model.objects.raw("...")
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_method)
  arguments: (argument_list . [(string) (concatenated_string)] @query.argument)
  (#any-of? @_method
    "execute" "executemany" "executescript" "exec_driver_sql" "text" "fetch" "fetchrow"
    "fetchval" "fetch_all" "fetch_one" "fetch_val" "iterate" "mogrify" "raw" "query"
    "read_sql" "read_sql_query")
  (#not-eq? @_object "op"))

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
  (#any-of? @_method "execute" "executemany" "text" "fetch" "fetchrow" "query" "raw")
  (#not-eq? @_object "op"))

; GET_USER = """SELECT ...""", at any depth (module constants, locals, class attributes)
(assignment
  left: (identifier) @query.name
  right: [(string) (concatenated_string)] @query.constant)
