; SQL written in TypeScript / JavaScript strings.
;
; The query finds string and template literals that may hold SQL; the extractor decodes them,
; keeps those that read as a statement, and parses them with sqlparser. Capture names are a
; fixed vocabulary (see grammars/README.md); captures whose name starts with `_` only serve
; predicates and are never read.
;
; SQL sits in code at any depth a person writes (calls in callbacks in classes: a few dozen
; levels), never thousands deep; the bound keeps a hostile nesting of a hundred thousand
; levels linear.
; max-start-depth: 400

; --- tagged templates: sql`...`, sql<User>`...`, Prisma.sql`...`, tx.sql`...`,
; prisma.$queryRaw`...`, prisma.$executeRaw`...`
(call_expression
  function: [(identifier) (member_expression)] @_tag
  arguments: (template_string) @query.template
  (#match? @_tag "(^|\\.)(sql|SQL|[$]queryRaw|[$]executeRaw)$"))

; sql<User>`...`: tree-sitter-typescript reads a type argument on a tag as `sql < User > `...``
(binary_expression
  left: (binary_expression
    left: [(identifier) (member_expression)] @_tag
    operator: "<")
  operator: ">"
  right: (template_string) @query.template
  (#match? @_tag "(^|\\.)(sql|SQL)$"))

; --- the first argument of a query call ---------------------------------------------------
; pool.query("..."), conn.execute(`...`), env.DB.prepare("..."), db.exec("..."),
; sql.unsafe("..."), Deno's client.queryObject("..."), prisma.$queryRawUnsafe("...")
(call_expression
  function: (member_expression property: (property_identifier) @_method)
  arguments: (arguments . [(string) (template_string)] @query.argument)
  (#any-of? @_method
    "query" "execute" "prepare" "exec" "unsafe" "sql" "queryObject" "queryArray"
    "$queryRawUnsafe" "$executeRawUnsafe"))

; db.run/all/get("...") (sqlite3), sql.raw(`...`) (Drizzle), pg-promise's one/many/none/any(...):
; names also common outside SQL (`map.get`, `i18n.get`), so read with the care of a constant.
(call_expression
  function: (member_expression property: (property_identifier) @_method)
  arguments: (arguments . [(string) (template_string)] @query.loose)
  (#any-of? @_method
    "run" "all" "get" "raw" "one" "oneOrNone" "many" "manyOrNone" "any" "none" "result"))

; query("..."), sql("...") (Neon's function form), execute("...")
(call_expression
  function: (identifier) @_function
  arguments: (arguments . [(string) (template_string)] @query.argument)
  (#any-of? @_function "query" "sql" "execute" "raw"))

; pool.query({ text: "...", values }), connection.query({ sql: "..." })
(call_expression
  function: (member_expression property: (property_identifier) @_method)
  arguments: (arguments .
    (object
      (pair
        key: (property_identifier) @_key
        value: [(string) (template_string)] @query.argument)))
  (#any-of? @_method "query" "execute")
  (#any-of? @_key "text" "sql"))

; --- constants: const GET_USER = `SELECT ...`, { byId: "SELECT ..." }, static SQL = "..." --
(variable_declarator
  name: (identifier) @query.name
  value: [(string) (template_string)] @query.constant)

(pair
  key: [(property_identifier) (string)] @query.name
  value: [(string) (template_string)] @query.constant)

(public_field_definition
  name: (property_identifier) @query.name
  value: [(string) (template_string)] @query.constant)
