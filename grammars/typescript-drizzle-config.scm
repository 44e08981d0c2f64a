; drizzle-kit configuration objects, read only in `drizzle*.config.*` files: the argument of
; `defineConfig(...)`, the default export, a top-level `const`, or `module.exports`.
; max-start-depth: 1

(program
  (export_statement
    value: [(call_expression
              function: (identifier) @_define (#eq? @_define "defineConfig")
              arguments: (arguments (object) @config))
            (object) @config
            (satisfies_expression (object) @config)
            (as_expression (object) @config)]))

; `const config = { ... } satisfies Config; export default config`
(program
  (lexical_declaration
    (variable_declarator
      value: [(call_expression
                function: (identifier) @_define (#eq? @_define "defineConfig")
                arguments: (arguments (object) @config))
              (object) @config
              (satisfies_expression (object) @config)
              (as_expression (object) @config)])))

; `module.exports = { ... }`
(expression_statement
  (assignment_expression
    left: (member_expression
      object: (identifier) @_module (#eq? @_module "module")
      property: (property_identifier) @_exports (#eq? @_exports "exports"))
    right: [(object) @config
            (call_expression
              function: (identifier) @_define (#eq? @_define "defineConfig")
              arguments: (arguments (object) @config))]))
