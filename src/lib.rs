//! schemadrift: finds drift between the schema application code declares and the schema that
//! exists (SQL migrations, dumps, live databases).

pub mod extract;
pub mod model;
pub mod source;
