//! Keys and scalars plain enough to read without toml_parser's decoder:
//! shared by the parser and its fast path.

use super::{Decoded, ValueKind};

/// The bytes a bare key may hold: `A-Za-z0-9_-`.
pub(super) const BARE_KEY_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    table
};

/// A bare key that needs no decoding: it is its own text. (toml_parser's
/// decoder checks character by character and was a tenth of parse time.)
pub(super) fn plain_bare_key(raw: &str) -> Option<&str> {
    let plain = !raw.is_empty() && raw.bytes().all(|b| BARE_KEY_BYTE[usize::from(b)]);
    plain.then_some(raw)
}

/// The content of a `"…"` string with nothing to decode or reject: no
/// escapes and no control characters. Anything else takes the decoder.
pub(super) fn plain_basic_string(raw: &str) -> Option<&str> {
    let content = raw.strip_prefix('"')?.strip_suffix('"')?;
    // No early exit, so the loop runs on whole vectors of bytes: strings
    // are mostly clean, and titles are long.
    let doubtful = content.bytes().fold(false, |doubtful, b| {
        doubtful | (b == b'\\') | (b == b'"') | ((b < 0x20) & (b != b'\t')) | (b == 0x7f)
    });
    (!doubtful).then_some(content)
}

/// The scalars a roadmap is mostly made of, read without the general
/// decoder: plain strings, `YYYY-MM-DD` dates, small decimal integers,
/// booleans. Anything else (or anything doubtful) returns `None` and takes
/// the decoder, which also reports errors.
pub(super) fn plain_scalar(raw: &str, quoted: bool) -> Option<ValueKind> {
    if quoted {
        return plain_basic_string(raw).map(|_| ValueKind::String(Decoded(None)));
    }
    match raw {
        "true" => return Some(ValueKind::Boolean(true)),
        "false" => return Some(ValueKind::Boolean(false)),
        _ => {}
    }
    let bytes = raw.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        let digits = bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        return digits.then_some(ValueKind::Datetime);
    }
    // No leading zeros (TOML forbids them), at most 18 digits (fits i64).
    let plain_integer = !bytes.is_empty()
        && bytes.len() <= 18
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes[0] != b'0' || bytes.len() == 1);
    if plain_integer {
        return raw.parse().ok().map(ValueKind::Integer);
    }
    None
}
