; Alembic migration scripts (`versions/*.py`): the operations of `upgrade()` and the blocks they
; sit in. Module-level `revision` / `down_revision` and the functions themselves come from
; python-sqlalchemy.scm, which runs on the same tree.
;
; Operations start at most seven levels down: `def upgrade()` > block > `if` > block > `with
; op.batch_alter_table(...)` > block > the statement. The limit keeps the cursor out of the
; arguments of every `op.create_table(...)`; a file whose statements nest deeper (loops, `try`,
; helpers) is read to the depth of its deepest statement (src/extract/python/module.rs).
; max-start-depth: 7

; `op.add_column(...)`, `batch_op.drop_column(...)`, `status.create(op.get_bind())`
(expression_statement
  (call
    function: (attribute
      object: (identifier) @operation.object
      attribute: (identifier) @operation.name)
    arguments: (argument_list) @operation.arguments) @operation)

; `sa.Enum("a", "b", name="kind").create(op.get_bind())`
(expression_statement
  (call
    function: (attribute
      object: (call) @operation.object
      attribute: (identifier) @operation.name)
    arguments: (argument_list) @operation.arguments) @operation)

; `users = op.create_table(...)`
(expression_statement
  (assignment
    right: (call
      function: (attribute
        object: (identifier) @operation.object
        attribute: (identifier) @operation.name)
      arguments: (argument_list) @operation.arguments) @operation))

; `_create_audit_tables()`: a helper of the same file, called from `upgrade()`.
(expression_statement
  (call
    function: (identifier) @operation.name
    arguments: (argument_list) @operation.arguments) @operation)

; `with op.batch_alter_table("users") as batch_op:`
(with_statement
  (with_clause
    (with_item
      value: (as_pattern
        (call
          function: (attribute
            attribute: (identifier) @_batch)
          arguments: (argument_list) @batch.arguments)
        alias: (as_pattern_target
          (identifier) @batch.alias))))
  body: (block) @batch.body
  (#eq? @_batch "batch_alter_table")) @batch

; `with (op.batch_alter_table("users") as batch_op):`, the parenthesized form (Python 3.10).
(with_statement
  (with_clause
    (with_item
      value: (parenthesized_expression
        (as_pattern
          (call
            function: (attribute
              attribute: (identifier) @_batch)
            arguments: (argument_list) @batch.arguments)
          alias: (as_pattern_target
            (identifier) @batch.alias)))))
  body: (block) @batch.body
  (#eq? @_batch "batch_alter_table")) @batch

; `for table in ("users", "teams"):` around operations: unrolled when the iterable is a literal.
(for_statement
  left: (_) @loop.target
  right: (_) @loop.iter
  body: (block) @loop.body) @loop

; `status = sa.Enum("a", "b", name="status")` at any depth: operations refer to it by name.
(expression_statement
  (assignment
    left: (identifier) @local.name
    right: (_) @local.value) @local)
