; Drizzle calls that may sit at any depth of a TypeScript / JavaScript file: the application's
; `drizzle(...)` and table calls no top-level declaration holds. Run only on files whose text
; has a `drizzle(` call, or more table calls than top-level declarations hold; the captures are
; those of typescript-drizzle.scm.

; --- the application's `drizzle(client, { casing })` / `drizzle({ client, casing })` ------
(call_expression
  function: (identifier) @runtime.function (#eq? @runtime.function "drizzle")
  arguments: (arguments) @runtime.arguments) @runtime

; --- table calls anywhere, to notice the ones no top-level declaration holds --------------
(call_expression
  function: (identifier) @table.function
  (#any-of? @table.function "pgTable" "mysqlTable" "sqliteTable")) @table
