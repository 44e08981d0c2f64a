; CommonJS exports of a Drizzle schema file: `module.exports = { users, posts: postsTable }`.
; Run only on files whose text mentions `module.exports`. Compiling these patterns costs as much
; as all the others together, so ES-module projects never pay for them.
; max-start-depth: 1

; CommonJS: `module.exports = { users, posts: postsTable }`
(expression_statement
  (assignment_expression
    left: (member_expression
      object: (identifier) @_module (#eq? @_module "module")
      property: (property_identifier) @_exports (#eq? @_exports "exports"))
    right: (object
      [(shorthand_property_identifier) @export.name
       (pair value: (identifier) @export.name)])))
