; Drizzle ORM declarations in TypeScript / JavaScript.
;
; The query finds the places a Drizzle schema is declared; the extractor evaluates the
; expressions it captures (table calls, builder chains, object literals). Capture names are a
; fixed vocabulary (see grammars/README.md); a name outside it fails to load. Captures whose
; name starts with `_` only serve predicates and are never read.
;
; Every pattern starts at the top level of the file (a statement, or the program itself), so
; the cursor never walks into expressions looking for a start. Calls that may sit at any depth
; are in typescript-drizzle-calls.scm, drizzle-kit configuration objects in
; typescript-drizzle-config.scm, CommonJS exports in typescript-drizzle-commonjs.scm (each run
; only on the files that can hold them); syntax errors are found without a query.
; max-start-depth: 1

; --- imports: `import { pgTable, text as t } from "drizzle-orm/pg-core"` -----------------
(import_statement
  (import_clause
    (named_imports
      (import_specifier
        name: (identifier) @import.name
        alias: (identifier)? @import.alias)))
  source: (string (string_fragment) @import.source)) @import

; `import * as pg from "drizzle-orm/pg-core"`
(import_statement
  (import_clause
    (namespace_import (identifier) @import.namespace))
  source: (string (string_fragment) @import.source)) @import

; --- top-level declarations: `const users = pgTable(...)`, exported or not ---------------
(program
  [(lexical_declaration
     (variable_declarator
       name: (identifier) @declaration.name
       value: (_) @declaration.value))
   (variable_declaration
     (variable_declarator
       name: (identifier) @declaration.name
       value: (_) @declaration.value))] @declaration)

(program
  (export_statement
    declaration: [(lexical_declaration
                    (variable_declarator
                      name: (identifier) @declaration.name
                      value: (_) @declaration.value))
                  (variable_declaration
                    (variable_declarator
                      name: (identifier) @declaration.name
                      value: (_) @declaration.value))] @declaration) @declaration.exported)

; `function timestamps() { return {...} }` and `enum Status { ... }`: the declaration is the value
(program
  [(function_declaration name: (identifier) @declaration.name)
   (enum_declaration name: (identifier) @declaration.name)] @declaration.value @declaration)

(program
  (export_statement
    declaration: [(function_declaration name: (identifier) @declaration.name)
                  (enum_declaration name: (identifier) @declaration.name)] @declaration.value @declaration)
  @declaration.exported)

; --- exports by name: `export { users, posts as articles }`, `export default users` -------
(program
  (export_statement
    !source
    (export_clause (export_specifier name: (identifier) @export.name))))

(program
  (export_statement value: (identifier) @export.name))
