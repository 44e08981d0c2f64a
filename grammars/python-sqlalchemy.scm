; Python declarations SQLAlchemy, SQLModel and Alembic's env.py are read from.
; Captures are the fixed vocabulary of src/extract/python/query.rs (see grammars/README.md);
; names starting with `_` only feed predicates. Syntax errors are found without a query, and
; env.py's `context.configure(...)` is in python-alembic-env.scm.
;
; Every pattern starts at most five levels down (a decorated method of a decorated class:
; module > decorated_definition > class_definition > block > decorated_definition >
; function_definition), so the cursor never walks into expressions looking for a start.
; Methods deeper than that (in a class body's `if TYPE_CHECKING:`) are reached by patterns
; that start at their class.
; max-start-depth: 5

; --- imports: one match per imported name ---------------------------------------------------

(import_statement
  name: (dotted_name) @import.module) @import

(import_statement
  name: (aliased_import
    name: (dotted_name) @import.module
    alias: (identifier) @import.alias)) @import

(import_from_statement
  module_name: (_) @import.module
  name: (dotted_name) @import.name) @import

(import_from_statement
  module_name: (_) @import.module
  name: (aliased_import
    name: (dotted_name) @import.name
    alias: (identifier) @import.alias)) @import

(import_from_statement
  module_name: (_) @import.module
  (wildcard_import) @import.wildcard) @import

; --- module level -----------------------------------------------------------------------------

; `Base = declarative_base()`, `metadata = MetaData()`, `users = Table(...)`,
; `intpk = Annotated[int, mapped_column(primary_key=True)]`, `revision = "abc"`,
; `target_metadata = Base.metadata`.
(module
  (expression_statement
    (assignment
      left: (identifier) @assign.name
      type: (type)? @assign.type
      right: (_)? @assign.value) @assign))

; `Table("t", metadata, ...)` and `Index("ix", User.email)` written as statements.
(module
  (expression_statement
    (call) @statement.call))

(module
  (class_definition
    name: (identifier) @class.name
    superclasses: (argument_list)? @class.bases) @class)

(module
  (decorated_definition
    (decorator (_) @class.decorator)+
    definition: (class_definition
      name: (identifier) @class.name
      superclasses: (argument_list)? @class.bases) @class))

(module
  (function_definition
    name: (identifier) @function.name
    parameters: (parameters) @function.parameters) @function)

(module
  (decorated_definition
    definition: (function_definition
      name: (identifier) @function.name
      parameters: (parameters) @function.parameters) @function))

; --- the runtime branch of `if TYPE_CHECKING:` ---------------------------------------------------

; `if TYPE_CHECKING: <stubs for the type checker> else: <what runs>` and `if not TYPE_CHECKING:
; <what runs>`: only the branch that runs declares anything. Other `if`s at module level are not
; read: which branch runs is not known.
(module
  (if_statement
    condition: (_) @_checking
    alternative: (else_clause
      body: (block
        (expression_statement
          (assignment
            left: (identifier) @assign.name
            type: (type)? @assign.type
            right: (_)? @assign.value) @assign))))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING"))

(module
  (if_statement
    condition: (not_operator argument: (_) @_checking)
    consequence: (block
      (expression_statement
        (assignment
          left: (identifier) @assign.name
          type: (type)? @assign.type
          right: (_)? @assign.value) @assign)))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING"))

(module
  (if_statement
    condition: (_) @_checking
    alternative: (else_clause
      body: (block
        (class_definition
          name: (identifier) @class.name
          superclasses: (argument_list)? @class.bases) @class)))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING"))

(module
  (if_statement
    condition: (not_operator argument: (_) @_checking)
    consequence: (block
      (class_definition
        name: (identifier) @class.name
        superclasses: (argument_list)? @class.bases) @class))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING"))

(module
  (if_statement
    condition: (_) @_checking
    alternative: (else_clause
      body: (block
        (function_definition
          name: (identifier) @function.name
          parameters: (parameters) @function.parameters) @function)))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING"))

(module
  (if_statement
    condition: (not_operator argument: (_) @_checking)
    consequence: (block
      (function_definition
        name: (identifier) @function.name
        parameters: (parameters) @function.parameters) @function))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING"))

; --- class bodies -----------------------------------------------------------------------------

; Columns, `__tablename__`, `__table__`, `__table_args__`, `__abstract__`, `metadata`,
; `type_annotation_map`, a TypeDecorator's `impl`.
(class_definition
  body: (block
    (expression_statement
      (assignment
        left: (identifier) @member.name
        type: (type)? @member.type
        right: (_)? @member.value) @member))) @member.class

; `declared_attr` columns and table names, a TypeDecorator's `load_dialect_impl`.
(class_definition
  body: (block
    (function_definition
      name: (identifier) @method.name
      return_type: (type)? @method.type) @method)) @method.class

(class_definition
  body: (block
    (decorated_definition
      (decorator (_) @method.decorator)+
      definition: (function_definition
        name: (identifier) @method.name
        return_type: (type)? @method.type) @method))) @method.class

; The runtime branch of `if TYPE_CHECKING:` in a class body (`if not TYPE_CHECKING:
; @declared_attr def __tablename__(cls): ...`).
(class_definition
  body: (block
    (if_statement
      condition: (not_operator argument: (_) @_checking)
      consequence: (block
        (decorated_definition
          (decorator (_) @method.decorator)+
          definition: (function_definition
            name: (identifier) @method.name
            return_type: (type)? @method.type) @method))))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING")) @method.class

(class_definition
  body: (block
    (if_statement
      condition: (_) @_checking
      alternative: (else_clause
        body: (block
          (decorated_definition
            (decorator (_) @method.decorator)+
            definition: (function_definition
              name: (identifier) @method.name
              return_type: (type)? @method.type) @method)))))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING")) @method.class

(class_definition
  body: (block
    (if_statement
      condition: (not_operator argument: (_) @_checking)
      consequence: (block
        (expression_statement
          (assignment
            left: (identifier) @member.name
            type: (type)? @member.type
            right: (_)? @member.value) @member))))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING")) @member.class

(class_definition
  body: (block
    (if_statement
      condition: (_) @_checking
      alternative: (else_clause
        body: (block
          (expression_statement
            (assignment
              left: (identifier) @member.name
              type: (type)? @member.type
              right: (_)? @member.value) @member)))))
  (#any-of? @_checking "TYPE_CHECKING" "typing.TYPE_CHECKING")) @member.class

; --- what functions return ----------------------------------------------------------------------

(function_definition
  body: (block
    (return_statement (_) @return.value))) @return.function

(function_definition
  body: (block
    (if_statement
      condition: (_) @return.condition
      consequence: (block
        (return_statement (_) @return.value))))) @return.function

(function_definition
  body: (block
    (if_statement
      alternative: (elif_clause
        condition: (_) @return.condition
        consequence: (block
          (return_statement (_) @return.value)))))) @return.function

(function_definition
  body: (block
    (if_statement
      alternative: (else_clause
        body: (block
          (return_statement (_) @return.value)))))) @return.function

; A `declared_attr` in the runtime branch of a class body's `if TYPE_CHECKING:` sits deeper
; than patterns start; these reach its returns from the class.
(class_definition
  body: (block
    (if_statement
      consequence: (block
        (decorated_definition
          definition: (function_definition
            body: (block
              (return_statement (_) @return.value))) @return.function)))))

(class_definition
  body: (block
    (if_statement
      consequence: (block
        (decorated_definition
          definition: (function_definition
            body: (block
              (if_statement
                condition: (_) @return.condition
                consequence: (block
                  (return_statement (_) @return.value))))) @return.function)))))

(class_definition
  body: (block
    (if_statement
      alternative: (else_clause
        body: (block
          (decorated_definition
            definition: (function_definition
              body: (block
                (return_statement (_) @return.value))) @return.function))))))

(class_definition
  body: (block
    (if_statement
      alternative: (else_clause
        body: (block
          (decorated_definition
            definition: (function_definition
              body: (block
                (if_statement
                  condition: (_) @return.condition
                  consequence: (block
                    (return_statement (_) @return.value))))) @return.function))))))
