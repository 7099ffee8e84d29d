//! The HTTP toolkit every feature uses: the API's error type, JSON and query
//! extractors, the headers every answer carries, and the route list.

pub mod error;
pub mod headers;
pub mod json;
pub mod query;
pub mod routes;

pub use routes::Routes;
