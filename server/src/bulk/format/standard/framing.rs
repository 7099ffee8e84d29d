//! Cutting the byte stream into 750-byte records, with or without line breaks,
//! holding at most one record (plus its line break) in memory whatever the
//! input: a 2 GB line of garbage is counted, never buffered.

use super::layout::RECORD_LEN;
use std::io::{self, BufRead, Chain, Cursor, Read};

/// What follows each record in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineEnd {
    /// Records back to back, no line breaks.
    None,
    /// 750 bytes then `\n`.
    Lf,
    /// 750 bytes then `\r\n`.
    CrLf,
    /// Publication 1220's own: positions 749–750 hold `\r\n`.
    CrLfInRecord,
}

/// How a file's records are separated, so a writer can give back the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Framing {
    pub line_end: LineEnd,
    /// Whether the last record has its line break too.
    pub last_line_end: bool,
}

impl Framing {
    pub const fn new(line_end: LineEnd) -> Self {
        Framing {
            line_end,
            last_line_end: !matches!(line_end, LineEnd::None),
        }
    }
}

/// How one record ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Break(LineEnd),
    /// The last line of a line-broken file, with no break after it.
    Unterminated,
}

pub enum Frame<'a> {
    Record {
        bytes: &'a [u8; RECORD_LEN],
        ending: Ending,
    },
    /// A line (or, without line breaks, the file's tail) of the wrong length.
    WrongLength { len: u64, first: Option<u8> },
}

/// The longest line kept: a record and the `\r` before its `\n`.
const LINE_CAP: usize = RECORD_LEN + 1;

pub struct Framer<R> {
    inner: Chain<Cursor<Vec<u8>>, R>,
    lines: bool,
    line: Vec<u8>,
}

impl<R: BufRead> Framer<R> {
    /// Looks at the first 752 bytes to tell whether records are on lines.
    pub fn new(mut inner: R) -> io::Result<Self> {
        let mut head = Vec::with_capacity(RECORD_LEN + 2);
        inner
            .by_ref()
            .take(RECORD_LEN as u64 + 2)
            .read_to_end(&mut head)?;
        let lines = memchr::memchr(b'\n', &head).is_some();
        Ok(Framer {
            inner: Cursor::new(head).chain(inner),
            lines,
            line: Vec::with_capacity(LINE_CAP + 1),
        })
    }

    pub fn next_frame(&mut self) -> io::Result<Option<Frame<'_>>> {
        if self.lines {
            self.next_line()
        } else {
            self.next_fixed()
        }
    }

    fn next_fixed(&mut self) -> io::Result<Option<Frame<'_>>> {
        self.line.clear();
        while self.line.len() < RECORD_LEN {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min(RECORD_LEN - self.line.len());
            self.line
                .extend_from_slice(buf.get(..n).unwrap_or_default());
            self.inner.consume(n);
        }
        if self.line.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.frame(
            self.line.len() as u64,
            Ending::Break(LineEnd::None),
        )))
    }

    fn next_line(&mut self) -> io::Result<Option<Frame<'_>>> {
        self.line.clear();
        let mut len: u64 = 0;
        let mut last = None;
        let terminated = loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                if len == 0 {
                    return Ok(None);
                }
                break false;
            }
            let (chunk, found) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            let room = LINE_CAP.saturating_sub(self.line.len());
            let part = buf.get(..chunk).unwrap_or_default();
            self.line
                .extend_from_slice(part.get(..chunk.min(room)).unwrap_or_default());
            if let Some(b) = part.last() {
                last = Some(*b);
            }
            len += chunk as u64;
            self.inner.consume(chunk + usize::from(found));
            if found {
                break true;
            }
        };
        let cr = terminated && last == Some(b'\r');
        let content = len - u64::from(cr);
        let ending = match (terminated, cr, content) {
            (false, _, _) => Ending::Unterminated,
            (true, true, 748) => {
                // Positions 749–750 held the line break: read them as blank.
                self.line.truncate(748);
                self.line.extend_from_slice(b"  ");
                return Ok(Some(self.frame(750, Ending::Break(LineEnd::CrLfInRecord))));
            }
            (true, true, _) => Ending::Break(LineEnd::CrLf),
            (true, false, _) => Ending::Break(LineEnd::Lf),
        };
        self.line.truncate(RECORD_LEN);
        Ok(Some(self.frame(content, ending)))
    }

    fn frame(&self, len: u64, ending: Ending) -> Frame<'_> {
        match <&[u8; RECORD_LEN]>::try_from(self.line.as_slice()) {
            Ok(bytes) if len == RECORD_LEN as u64 => Frame::Record { bytes, ending },
            _ => Frame::WrongLength {
                len,
                first: self.line.first().copied(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record's first byte and ending, or a wrong length and its first byte.
    type Seen = Result<(u8, Ending), (u64, Option<u8>)>;

    fn frames(input: &[u8]) -> Vec<Seen> {
        let mut framer = Framer::new(input).unwrap();
        let mut out = Vec::new();
        while let Some(frame) = framer.next_frame().unwrap() {
            out.push(match frame {
                Frame::Record { bytes, ending } => Ok((bytes[0], ending)),
                Frame::WrongLength { len, first } => Err((len, first)),
            });
        }
        out
    }

    fn record(letter: u8) -> Vec<u8> {
        let mut r = vec![b' '; RECORD_LEN];
        r[0] = letter;
        r
    }

    #[test]
    fn records_without_line_breaks_are_cut_every_750_bytes() {
        let input = [record(b'T'), record(b'A')].concat();
        assert_eq!(
            frames(&input),
            vec![
                Ok((b'T', Ending::Break(LineEnd::None))),
                Ok((b'A', Ending::Break(LineEnd::None)))
            ]
        );
    }

    #[test]
    fn a_short_tail_without_line_breaks_is_a_wrong_length() {
        let input = [record(b'T'), b"F12".to_vec()].concat();
        assert_eq!(frames(&input)[1], Err((3, Some(b'F'))));
    }

    #[test]
    fn lf_crlf_and_crlf_in_positions_749_750_are_all_read() {
        let lf = [record(b'T'), b"\n".to_vec(), record(b'F')].concat();
        assert_eq!(
            frames(&lf),
            vec![
                Ok((b'T', Ending::Break(LineEnd::Lf))),
                Ok((b'F', Ending::Unterminated))
            ]
        );
        let crlf = [record(b'T'), b"\r\n".to_vec()].concat();
        assert_eq!(
            frames(&crlf),
            vec![Ok((b'T', Ending::Break(LineEnd::CrLf)))]
        );
        let mut inside = record(b'T');
        inside.truncate(748);
        inside.extend_from_slice(b"\r\n");
        assert_eq!(
            frames(&inside),
            vec![Ok((b'T', Ending::Break(LineEnd::CrLfInRecord)))]
        );
    }

    #[test]
    fn short_and_long_lines_report_their_length() {
        let mut input = record(b'T');
        input.push(b'\n');
        input.extend_from_slice(b"B short\n");
        input.extend(std::iter::repeat_n(b'x', 5_000));
        input.push(b'\n');
        let got = frames(&input);
        assert_eq!(got[1], Err((7, Some(b'B'))));
        assert_eq!(got[2], Err((5_000, Some(b'x'))));
    }

    #[test]
    fn an_empty_input_has_no_records() {
        assert!(frames(b"").is_empty());
    }
}
