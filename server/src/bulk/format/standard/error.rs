//! One problem found in a file, located the way people fix it: the record
//! number, the record type, the byte positions and the field's name.

use super::layout::Field;
use std::fmt;
use wire::bulk::text::group_thousands;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    T,
    A,
    B,
    C,
    K,
    F,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::T,
        RecordKind::A,
        RecordKind::B,
        RecordKind::C,
        RecordKind::K,
        RecordKind::F,
    ];

    pub fn from_byte(byte: u8) -> Option<Self> {
        Some(match byte {
            b'T' => RecordKind::T,
            b'A' => RecordKind::A,
            b'B' => RecordKind::B,
            b'C' => RecordKind::C,
            b'K' => RecordKind::K,
            b'F' => RecordKind::F,
            _ => return None,
        })
    }

    pub fn letter(self) -> char {
        match self {
            RecordKind::T => 'T',
            RecordKind::A => 'A',
            RecordKind::B => 'B',
            RecordKind::C => 'C',
            RecordKind::K => 'K',
            RecordKind::F => 'F',
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// 1-based; every error has one (problems of the file as a whole carry
    /// the record where they were noticed).
    pub record: u64,
    /// The record's type as read, when its first byte is one.
    pub kind: Option<RecordKind>,
    /// 1-based inclusive byte positions within the record.
    pub positions: Option<(u16, u16)>,
    pub field: &'static str,
    pub message: String,
}

impl RecordError {
    pub fn at(
        record: u64,
        kind: Option<RecordKind>,
        field: Field,
        message: impl Into<String>,
    ) -> Self {
        RecordError {
            record,
            kind,
            positions: Some((field.start, field.end)),
            field: field.name,
            message: message.into(),
        }
    }

    pub fn whole(
        record: u64,
        kind: Option<RecordKind>,
        field: &'static str,
        message: impl Into<String>,
    ) -> Self {
        RecordError {
            record,
            kind,
            positions: None,
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for RecordError {
    /// `Record 1,204 (B), positions 12–20, payee TIN: must be 9 digits`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Record {}", group_thousands(self.record))?;
        if let Some(kind) = self.kind {
            write!(f, " ({})", kind.letter())?;
        }
        match self.positions {
            Some((start, end)) if start == end => write!(f, ", position {start}")?,
            Some((start, end)) => write!(f, ", positions {start}\u{2013}{end}")?,
            None => {}
        }
        write!(f, ", {}: {}", self.field, self.message)
    }
}

/// Where errors go: the caller decides how many to keep (a file with a million
/// errors must not hold them all).
pub trait ErrorSink {
    fn error(&mut self, error: RecordError);
}

impl<F: FnMut(RecordError)> ErrorSink for F {
    fn error(&mut self, error: RecordError) {
        self(error)
    }
}

/// Keeps the first `limit` errors and counts the rest: what an upload's
/// status page stores.
#[derive(Debug, Default)]
pub struct FirstErrors {
    pub limit: usize,
    pub kept: Vec<RecordError>,
    pub total: u64,
}

impl FirstErrors {
    pub fn new(limit: usize) -> Self {
        FirstErrors {
            limit,
            kept: Vec::new(),
            total: 0,
        }
    }
}

impl ErrorSink for FirstErrors {
    fn error(&mut self, error: RecordError) {
        self.total += 1;
        if self.kept.len() < self.limit {
            self.kept.push(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::format::standard::layout::b;

    #[test]
    fn errors_read_record_type_positions_field_and_message() {
        let e = RecordError::at(1_204, Some(RecordKind::B), b::TIN, "must be 9 digits");
        assert_eq!(
            e.to_string(),
            "Record 1,204 (B), positions 12\u{2013}20, payee TIN: must be 9 digits"
        );
        let one = RecordError::at(3, Some(RecordKind::B), b::TIN_TYPE, "must be 1 or 2");
        assert_eq!(
            one.to_string(),
            "Record 3 (B), position 11, type of TIN: must be 1 or 2"
        );
        let whole = RecordError::whole(9, None, "record length", "is 12 bytes long");
        assert_eq!(
            whole.to_string(),
            "Record 9, record length: is 12 bytes long"
        );
    }

    #[test]
    fn first_errors_keeps_a_few_and_counts_them_all() {
        let mut sink = FirstErrors::new(2);
        for n in 1..=5 {
            sink.error(RecordError::whole(n, None, "file", "x"));
        }
        assert_eq!((sink.kept.len(), sink.total), (2, 5));
    }
}
