//! The file formats of information returns: IRS Publication 1220's fixed-width
//! standard format and the portal's CSV. Both stream (memory stays bounded
//! whatever the file size), report every error through a sink, and hand each
//! record to a sink as provisional: a file counts as accepted only when the
//! whole pass found no error (see [`standard::Verdict`] and [`csv_upload::CsvVerdict`]).

pub mod csv_upload;
pub mod standard;

#[cfg(test)]
mod samples_tests;
