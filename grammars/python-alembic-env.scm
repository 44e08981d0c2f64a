; Alembic's env.py: which MetaData `context.configure(...)` compares and migrates. Run only on
; files that mention `target_metadata`; the call sits at any depth (inside
; `run_migrations_online()`, a `with` block, an `if`).

; `context.configure(connection=connection, target_metadata=[Base.metadata, ...])`
(call
  function: (attribute
    attribute: (identifier) @_configure)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (_) @target.value))
  (#eq? @_configure "configure")
  (#eq? @_keyword "target_metadata"))
