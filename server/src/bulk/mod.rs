//! Bulk filing of information returns. `format` is the pure core (readers,
//! validators and writers with no database and no HTTP); the upload job,
//! pages and ledger postings build on it.

pub mod format;
