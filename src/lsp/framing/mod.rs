//! Our own reading of the client's byte stream, in front of
//! tower-lsp-server.
//!
//! tower-lsp-server 0.23 ends the whole session at the first frame it
//! cannot decode: a header block without `Content-Length`, a length that
//! is not a number, a body that is not JSON or not a JSON-RPC message.
//! One bad frame from a buggy client or a stray write to the server's
//! stdin would take the user's editor features down, so this layer reads
//! the frames itself, answers the bad ones, and passes only good ones on,
//! parsed, to the [`session`] that drives tower-lsp-server's service.
//!
//! What each malformed frame gets (JSON-RPC 2.0: `id` is `null` when it
//! cannot be read from the message):
//!
//! | frame                                  | answer  | then                    |
//! |----------------------------------------|---------|-------------------------|
//! | header block without `Content-Length`  | -32700  | skip to the next header |
//! | `Content-Length` not a decimal number  | -32700  | skip to the next header |
//! | `Content-Length` over [`MAX_MESSAGE`]  | -32700  | skip to the next header |
//! | header block over [`MAX_HEADER`] bytes | -32700  | skip to the next header |
//! | body empty or not JSON                 | -32700  | next frame              |
//! | JSON but not an object                 | -32600  | next frame              |
//! | object but not a request or response   | -32600 (with its `id` if it has one) | next frame |
//!
//! "Skip to the next header" means: discard bytes, without keeping them,
//! up to the next `Content-Length` in the stream. A body that is never
//! read (its length is unknown or refused) is skipped that way, so the
//! server is back in step at the client's next message. The one cost is
//! that a skipped body quoting the text `Content-Length` resumes there
//! instead; that frame then fails in its own turn and the search goes on.
//!
//! The session's output, our error answers and the diagnostics the
//! server writes itself go to stdout through one writer task, a whole
//! frame at a time, so they never interleave ([`writer`]: diagnostics wait
//! while a request is being answered).

use std::future::Future;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite};

pub mod session;
mod writer;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest body accepted: 64 MiB. Editors send whole documents in
/// `didOpen`, and the issue asks for 50 MB ones; anything larger is far
/// past any roadmap and is refused rather than buffered.
pub const MAX_MESSAGE: usize = 64 << 20;

/// The largest header block: real ones are under 100 bytes (a length and
/// perhaps a content type). A longer one is not a header.
pub const MAX_HEADER: usize = 8 << 10;

/// Where a search for the next frame stops: the start of its header.
const RESYNC_MARK: &[u8] = b"Content-Length";

/// JSON-RPC's "Parse error": the bytes are not a message at all.
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's "Invalid Request": JSON, but not a request or response.
pub const INVALID_REQUEST: i64 = -32600;

/// What the decoder found next in the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A body whose header was fine (not yet checked as JSON: see
    /// [`classify`]).
    Body(Vec<u8>),
    /// A header block that cannot be used; the decoder is now skipping to
    /// the next header.
    Malformed(HeaderError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    MissingLength,
    BadLength(String),
    TooLarge(u128),
    HeaderTooLong,
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderError::MissingLength => write!(f, "a header without Content-Length"),
            HeaderError::BadLength(value) => {
                write!(f, "Content-Length {value:?} is not a number of bytes")
            }
            HeaderError::TooLarge(length) => write!(
                f,
                "Content-Length {length} is over the limit of {MAX_MESSAGE} bytes"
            ),
            HeaderError::HeaderTooLong => {
                write!(f, "a header block longer than {MAX_HEADER} bytes")
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    /// Reading a header block.
    Headers,
    /// Waiting for this many bytes of body.
    Body(usize),
    /// Discarding up to the next [`RESYNC_MARK`].
    Resync,
}

/// A sans-I/O frame decoder: feed it bytes as they come, take events out.
/// It keeps at most one frame (a header block, or a body up to
/// [`MAX_MESSAGE`]) plus one read's worth of bytes.
#[derive(Debug)]
pub struct Decoder {
    buffer: Vec<u8>,
    state: State,
    /// The largest body taken: [`MAX_MESSAGE`] from the client; none for
    /// tower-lsp-server's own output, which is never refused.
    limit: usize,
}

impl Default for Decoder {
    /// A decoder for the client's side, with the [`MAX_MESSAGE`] limit.
    fn default() -> Self {
        Decoder::with_limit(MAX_MESSAGE)
    }
}

impl Decoder {
    pub fn with_limit(limit: usize) -> Decoder {
        Decoder {
            buffer: Vec::new(),
            state: State::Headers,
            limit,
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next event the bytes fed so far make complete, if any.
    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Headers => return self.headers(),
                State::Body(length) => {
                    if self.buffer.len() < length {
                        // One allocation for a large body, not a doubling
                        // series of copies while it arrives.
                        self.buffer.reserve(length - self.buffer.len());
                        return None;
                    }
                    let rest = self.buffer.split_off(length);
                    let body = std::mem::replace(&mut self.buffer, rest);
                    self.state = State::Headers;
                    return Some(Event::Body(body));
                }
                State::Resync => {
                    if !self.resync() {
                        return None;
                    }
                }
            }
        }
    }

    /// Bytes held that belong to no complete event yet: a frame the
    /// stream ended in the middle of.
    pub fn pending(&self) -> usize {
        self.buffer.len()
    }

    fn headers(&mut self) -> Option<Event> {
        // Blank lines between frames are harmless: skip them.
        let blank = self
            .buffer
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .unwrap_or(self.buffer.len());
        self.buffer.drain(..blank);
        let Some(end) = header_end(&self.buffer) else {
            if self.buffer.len() > MAX_HEADER {
                self.state = State::Resync;
                // Past the block's first byte, so a search does not find
                // the same `Content-Length` again.
                self.buffer.drain(..1);
                return Some(Event::Malformed(HeaderError::HeaderTooLong));
            }
            return None;
        };
        if end.block > MAX_HEADER {
            self.buffer.drain(..1);
            self.state = State::Resync;
            return Some(Event::Malformed(HeaderError::HeaderTooLong));
        }
        let length = content_length(&self.buffer[..end.block], self.limit);
        self.buffer.drain(..end.next);
        match length {
            Ok(length) => {
                self.state = State::Body(length);
                self.next_event()
            }
            Err(error) => {
                self.state = State::Resync;
                Some(Event::Malformed(error))
            }
        }
    }

    /// Discards up to the next [`RESYNC_MARK`]; `true` when found (the
    /// buffer then starts with it).
    fn resync(&mut self) -> bool {
        match find(&self.buffer, RESYNC_MARK) {
            Some(at) => {
                self.buffer.drain(..at);
                self.state = State::Headers;
                true
            }
            None => {
                // Keep what could be the start of a mark cut by a read.
                let keep = RESYNC_MARK.len() - 1;
                let drop = self.buffer.len().saturating_sub(keep);
                self.buffer.drain(..drop);
                false
            }
        }
    }
}

/// Where a header block ends: its own length (without the blank line) and
/// where the body starts.
struct HeaderEnd {
    block: usize,
    next: usize,
}

/// The end of the header block at the start of `buffer`: the first empty
/// line. Lines end in `\r\n` as the specification says, or a bare `\n`,
/// which costs nothing to accept.
fn header_end(buffer: &[u8]) -> Option<HeaderEnd> {
    let mut line_start = 0;
    for (i, &byte) in buffer.iter().enumerate().take(MAX_HEADER + 2) {
        if byte != b'\n' {
            continue;
        }
        let line = &buffer[line_start..i];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Some(HeaderEnd {
                block: line_start,
                next: i + 1,
            });
        }
        line_start = i + 1;
    }
    None
}

/// The `Content-Length` of a header block. Header names are compared
/// without regard to case, as in HTTP; other headers (`Content-Type`) and
/// lines that are not headers are ignored.
fn content_length(block: &[u8], limit: usize) -> Result<usize, HeaderError> {
    let mut length = Err(HeaderError::MissingLength);
    for line in block.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if !name.trim_ascii().eq_ignore_ascii_case(b"content-length") {
            continue;
        }
        let value = value.trim_ascii();
        let text = String::from_utf8_lossy(value);
        length = if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
            Err(HeaderError::BadLength(text.chars().take(40).collect()))
        } else {
            // Digits only: the number can only be too large to hold.
            match text.parse::<u128>() {
                Ok(n) if n <= limit as u128 => Ok(n as usize),
                Ok(n) => Err(HeaderError::TooLarge(n)),
                Err(_) => Err(HeaderError::TooLarge(u128::MAX)),
            }
        };
    }
    length
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Why a body is refused: the error to answer it with.
#[derive(Debug, PartialEq)]
pub struct Rejection {
    pub code: i64,
    pub message: String,
    /// The message's own `id`, when it has a usable one.
    pub id: Value,
}

/// A message of the client's, read with tower-lsp-server's own types so
/// that what passes here also passes there.
#[derive(Debug)]
pub enum ClientMessage {
    /// A request or a notification.
    Request(Request),
    /// An answer to a request of the server's.
    Response(Response),
}

impl ClientMessage {
    /// What the session does with it: see [`Accepted`].
    pub fn accepted(&self) -> Accepted {
        match self {
            ClientMessage::Response(_) => Accepted::Message,
            ClientMessage::Request(request) if request.id().is_some() => Accepted::Request,
            ClientMessage::Request(request) if request.method() == "exit" => Accepted::Exit,
            ClientMessage::Request(_) => Accepted::Message,
        }
    }
}

/// `body` as a JSON-RPC request, notification or response, or why not.
pub fn read_message(body: &[u8]) -> Result<ClientMessage, Rejection> {
    // A response first: tower-lsp-server's `Request` reads one as well.
    if let Ok(response) = serde_json::from_slice::<Response>(body) {
        return Ok(ClientMessage::Response(response));
    }
    if let Ok(request) = serde_json::from_slice::<Request>(body) {
        return Ok(ClientMessage::Request(request));
    }
    let reject = |code, message: String, id| Err(Rejection { code, message, id });
    match serde_json::from_slice::<Value>(body) {
        Err(error) => reject(PARSE_ERROR, format!("Parse error: {error}"), Value::Null),
        Ok(Value::Object(object)) => {
            let id = match object.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
                _ => Value::Null,
            };
            reject(
                INVALID_REQUEST,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response".into(),
                id,
            )
        }
        Ok(other) => reject(
            INVALID_REQUEST,
            format!("Invalid Request: a JSON {} is not a message", kind(&other)),
            Value::Null,
        ),
    }
}

/// What [`read_message`] makes of `body`.
pub fn classify(body: &[u8]) -> Result<Accepted, Rejection> {
    read_message(body).map(|message| message.accepted())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array (batches are not part of LSP)",
        Value::Object(_) => "object",
    }
}

/// What a message passed on to tower-lsp-server's service is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    /// A request: the client waits for its answer.
    Request,
    /// A notification or a response.
    Message,
    /// The `exit` notification: the session ends once it is passed on.
    Exit,
}

/// How the client's side of the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ended {
    /// It sent `exit`: the process ends at once.
    Exit,
    /// Its input closed (or failed): the process ends within a second.
    Closed,
}

/// How long the server may take to finish after `exit`: long enough to
/// hand on answers already written, short enough to count as "at once".
const EXIT_GRACE: Duration = Duration::from_millis(100);

/// How long after the input closes the server may still finish work in
/// flight, and then write what it has, before the process ends: a
/// crashed editor must not leave a server behind.
const CLOSE_GRACE: Duration = Duration::from_millis(500);

/// `body` with its header, ready to write.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = header(body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

pub(crate) use writer::{Frame, InFlight};

fn header(length: usize) -> String {
    format!("Content-Length: {length}\r\n\r\n")
}

/// An error response, framed.
pub fn error_frame(code: i64, message: &str, id: Value) -> Vec<u8> {
    frame(error_body(code, message, id).as_bytes())
}

fn error_body(code: i64, message: &str, id: Value) -> String {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string()
}

/// How much is read from a stream at a time.
const READ_CHUNK: usize = 64 << 10;

/// Where the server sends messages it wrote itself, as bytes, past
/// tower-lsp-server (diagnostics, whose JSON is kept from one publish to
/// the next: see `lsp::publish`). They go to the one writer with
/// everything else, a whole frame at a time.
#[derive(Clone, Debug)]
pub struct Outbox(mpsc::Sender<Frame>);

/// The writer's end of an [`Outbox`], for [`serve`].
#[derive(Debug)]
pub struct Outgoing(mpsc::Receiver<Frame>);

/// An outbox and the end [`serve`] writes from.
pub fn outbox() -> (Outbox, Outgoing) {
    // Bounded: a client that does not read its answers slows the server
    // down instead of growing its memory.
    let (sender, receiver) = mpsc::channel(64);
    (Outbox(sender), Outgoing(receiver))
}

impl Outbox {
    /// Sends one message (a JSON body), which may wait for answers in
    /// flight (see [`writer`]); false once the writer has stopped.
    pub async fn send(&self, body: Vec<u8>) -> bool {
        self.0.send(Frame::deferrable(body)).await.is_ok()
    }
}

/// Runs `session` (see [`session::run`]) on the good messages of
/// `input`, writing what it answers, our own error answers and what is
/// sent to `outbox`'s [`Outbox`] to `output`, and returns once `session`
/// has ended and everything it said is written.
///
/// Messages reach the session parsed, one at a time: not re-framed into
/// tower-lsp-server's own reader, whose buffer grows to the largest
/// message ever read and keeps that size (16 MiB after opening an 8 MB
/// roadmap, for as long as the server runs).
pub async fn serve<I, O, S, F>(input: I, output: O, outbox: (Outbox, Outgoing), session: S)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
    S: FnOnce(Incoming, Answers) -> F,
    F: Future<Output = ()>,
{
    let (to_session, incoming) = mpsc::channel(INCOMING_QUEUE);
    let (Outbox(frames), Outgoing(outgoing)) = outbox;
    let in_flight = InFlight::default();
    let mut writer = tokio::spawn(writer::write(output, outgoing, in_flight.clone()));
    let answers = Answers(frames.clone());
    let mut reader = tokio::spawn(check_client_input(input, to_session, frames, in_flight));

    // tower-lsp-server ends its session once every handler has returned,
    // which a handler stuck on something could delay forever. So the
    // session also ends a moment after the client's side did: it sent
    // `exit`, closed our stdin, or stopped reading our stdout (a crashed
    // editor closes both, but the reader may be held up handing on a
    // message while output is stuck, and never see the end of stdin).
    let mut session = Box::pin(session(Incoming(incoming), answers));
    let mut written_all = false;
    let grace = tokio::select! {
        () = &mut session => None,
        ended = &mut reader => Some(match ended {
            Ok(Ended::Exit) => EXIT_GRACE,
            Ok(Ended::Closed) | Err(_) => CLOSE_GRACE,
        }),
        _ = &mut writer => {
            written_all = true;
            Some(CLOSE_GRACE)
        }
    };
    if let Some(grace) = grace {
        let finished = tokio::time::timeout(grace, &mut session).await;
        if finished.is_err() {
            tracing::warn!("the session did not end in time; leaving its work unfinished");
        }
    }
    // Dropping the session drops its senders of frames, so the writer
    // writes what is queued and ends, unless the client has stopped reading.
    drop(session);
    reader.abort();
    if !written_all {
        let _ = tokio::time::timeout(CLOSE_GRACE, writer).await;
    }
}

/// The client's good messages, in order, for the session.
#[derive(Debug)]
pub struct Incoming(mpsc::Receiver<ClientMessage>);

impl Incoming {
    /// The next message; `None` once the client's side has ended.
    pub async fn next(&mut self) -> Option<ClientMessage> {
        self.0.recv().await
    }
}

/// Where the session writes its messages (answers, and requests and
/// notifications of its own), one JSON body at a time.
#[derive(Clone, Debug)]
pub struct Answers(mpsc::Sender<Frame>);

impl Answers {
    /// Sends one message; false once the writer has stopped.
    pub async fn send(&self, body: Vec<u8>) -> bool {
        self.0.send(Frame::new(body)).await.is_ok()
    }
}

/// How many messages read ahead may wait for the session: a client that
/// sends faster than the server handles is held up here.
const INCOMING_QUEUE: usize = 16;

/// Reads the client's frames, passes good ones to the session and answers
/// bad ones. Dropping `to_session` (on return) ends the session the way a
/// closed stdin always did.
async fn check_client_input<I: AsyncRead + Unpin>(
    mut input: I,
    to_session: mpsc::Sender<ClientMessage>,
    frames: mpsc::Sender<Frame>,
    in_flight: InFlight,
) -> Ended {
    let mut decoder = Decoder::default();
    let mut chunk = vec![0; READ_CHUNK];
    loop {
        let read = match input.read(&mut chunk).await {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) => {
                tracing::error!(%error, "cannot read from the client");
                break;
            }
        };
        decoder.feed(&chunk[..read]);
        while let Some(event) = decoder.next_event() {
            let answer = match event {
                Event::Body(body) => match read_message(&body) {
                    Ok(message) => {
                        let accepted = message.accepted();
                        if accepted == Accepted::Request {
                            in_flight.asked();
                        }
                        // The body's bytes go before the session reads it.
                        drop(body);
                        if to_session.send(message).await.is_err() {
                            // The session has ended.
                            return Ended::Closed;
                        }
                        if accepted == Accepted::Exit {
                            return Ended::Exit;
                        }
                        continue;
                    }
                    Err(rejection) => {
                        tracing::warn!(
                            code = rejection.code,
                            bytes = body.len(),
                            "refused a message: {}",
                            rejection.message
                        );
                        error_body(rejection.code, &rejection.message, rejection.id)
                    }
                },
                Event::Malformed(error) => {
                    tracing::warn!(%error, "refused a frame; skipping to the next header");
                    error_body(PARSE_ERROR, &format!("Parse error: {error}"), Value::Null)
                }
            };
            if frames
                .send(Frame::plain(answer.into_bytes()))
                .await
                .is_err()
            {
                return Ended::Closed;
            }
        }
    }
    if decoder.pending() > 0 {
        tracing::warn!(
            bytes = decoder.pending(),
            "the input ended inside a frame; its bytes are dropped"
        );
    }
    Ended::Closed
}

#[cfg(test)]
mod tests;
