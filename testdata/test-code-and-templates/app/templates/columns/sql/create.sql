{% import 'macros/security.macros' as SECLABEL %} -- expect: construct-not-understood
ALTER TABLE {{ conn|qtIdent(data.schema, data.table) }}
    ADD COLUMN {{ conn|qtIdent(data.name) }} {{ data.cltype }}{% if data.attlen %}({{ data.attlen }}){% endif %};
