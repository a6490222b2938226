//! Reading the server's framed messages from a blocking pipe, as the
//! benchmark client and the tests that spawn the binary do.

use std::io::BufRead;
use std::time::Instant;

use serde_json::Value;

/// One `Content-Length` framed JSON message, or `None` when the stream
/// ends or the frame is not one.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    read_stamped(reader).map(|(_, message)| message)
}

/// [`read_message`], with when its first byte arrived: what an editor
/// waits for, before the client's own parsing of a large message.
pub fn read_stamped(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut arrived = None;
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        arrived.get_or_insert_with(Instant::now);
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some((arrived?, serde_json::from_slice(&body).ok()?))
}
