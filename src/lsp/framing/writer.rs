//! The one writer of the client's stream: a whole frame at a time, in the
//! order frames come, except that diagnostics wait while the client is
//! waiting for an answer.
//!
//! A hover sent right after a keystroke is answered a moment after that
//! keystroke's diagnostics are ready; written first, the diagnostics (a
//! megabyte on a large roadmap) would make the client read and parse them
//! before it sees the answer it is waiting for. So frames marked
//! deferrable (the server's diagnostics) are held while requests are in
//! flight, at most [`HOLD`], and go out, in order, as soon as none is.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// How long diagnostics wait for answers in flight before they go anyway.
pub const HOLD: Duration = Duration::from_millis(50);

/// A message to write: its header, then its body, written together (two
/// buffers, so that a body of megabytes is not copied to be framed).
#[derive(Debug)]
pub struct Frame {
    header: String,
    body: Vec<u8>,
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Plain,
    /// It may wait for answers in flight (see the module's comment).
    Deferrable,
    /// The server's answer to a request of the client's.
    Answer,
}

impl Frame {
    /// A frame of the server's output: an answer if it is one.
    pub fn new(body: Vec<u8>) -> Frame {
        let kind = if is_response(&body) {
            Kind::Answer
        } else {
            Kind::Plain
        };
        Frame {
            header: super::header(body.len()),
            body,
            kind,
        }
    }

    /// A frame of our own that is not an answer (an error for a frame
    /// the server never saw).
    pub fn plain(body: Vec<u8>) -> Frame {
        Frame {
            kind: Kind::Plain,
            ..Frame::new(body)
        }
    }

    pub fn deferrable(body: Vec<u8>) -> Frame {
        Frame {
            kind: Kind::Deferrable,
            ..Frame::new(body)
        }
    }
}

/// The client's requests the server has not answered yet.
#[derive(Clone, Debug, Default)]
pub struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    pub fn asked(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    pub fn answered(&self) {
        // Never below zero, whatever the server writes.
        let _ = self
            .0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    }

    fn any(&self) -> bool {
        self.0.load(Ordering::SeqCst) > 0
    }
}

/// Whether a body the server wrote is a response (tower-lsp-server writes
/// `jsonrpc` first, then `result` or `error` for a response and `method`
/// for a request or notification).
pub fn is_response(body: &[u8]) -> bool {
    let rest = body
        .strip_prefix(br#"{"jsonrpc":"2.0","#)
        .unwrap_or_default();
    rest.starts_with(br#""result""#) || rest.starts_with(br#""error""#)
}

/// Writes frames from `outgoing` to `output` until every sender is gone or
/// a write fails.
pub async fn write<O: AsyncWrite + Unpin>(
    mut output: O,
    mut outgoing: mpsc::Receiver<Frame>,
    in_flight: InFlight,
) {
    let mut held: VecDeque<Frame> = VecDeque::new();
    let mut until: Option<Instant> = None;
    loop {
        let next = match until {
            Some(at) => tokio::select! {
                frame = outgoing.recv() => Next::Frame(frame),
                () = tokio::time::sleep_until(at) => Next::Release,
            },
            None => Next::Frame(outgoing.recv().await),
        };
        let frame = match next {
            Next::Frame(Some(frame)) => frame,
            Next::Frame(None) => break,
            Next::Release => {
                until = None;
                if !write_held(&mut output, &mut held).await {
                    return;
                }
                continue;
            }
        };
        // Counted here, in the order frames are written: diagnostics queued
        // before an answer were held while it was awaited.
        if frame.kind == Kind::Answer {
            in_flight.answered();
        }
        if frame.kind == Kind::Deferrable && (in_flight.any() || !held.is_empty()) {
            held.push_back(frame);
            until.get_or_insert_with(|| Instant::now() + HOLD);
        } else if !write_frame(&mut output, &frame).await {
            return;
        }
        if !in_flight.any() && !held.is_empty() {
            until = None;
            if !write_held(&mut output, &mut held).await {
                return;
            }
        }
    }
    write_held(&mut output, &mut held).await;
}

enum Next {
    Frame(Option<Frame>),
    Release,
}

async fn write_held<O: AsyncWrite + Unpin>(output: &mut O, held: &mut VecDeque<Frame>) -> bool {
    while let Some(frame) = held.pop_front() {
        if !write_frame(output, &frame).await {
            return false;
        }
    }
    true
}

async fn write_frame<O: AsyncWrite + Unpin>(output: &mut O, frame: &Frame) -> bool {
    let written = async {
        output.write_all(frame.header.as_bytes()).await?;
        output.write_all(&frame.body).await?;
        output.flush().await
    };
    match written.await {
        Ok(()) => true,
        Err(error) => {
            tracing::error!(%error, "cannot write to the client; dropping output");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    fn answer() -> Vec<u8> {
        let response = tower_lsp_server::jsonrpc::Response::from_ok(
            tower_lsp_server::jsonrpc::Id::Number(1),
            serde_json::json!({ "contents": "x" }),
        );
        serde_json::to_vec(&response).expect("serialisable")
    }

    #[test]
    fn responses_are_told_from_requests_as_tower_lsp_server_writes_them() {
        assert!(is_response(&answer()));
        let error = tower_lsp_server::jsonrpc::Response::from_error(
            tower_lsp_server::jsonrpc::Id::Number(2),
            tower_lsp_server::jsonrpc::Error::internal_error(),
        );
        assert!(is_response(
            &serde_json::to_vec(&error).expect("serialisable")
        ));
        let request = tower_lsp_server::jsonrpc::Request::build("workspace/configuration")
            .id(3)
            .finish();
        assert!(!is_response(
            &serde_json::to_vec(&request).expect("serialisable")
        ));
    }

    /// The bodies written, in order, once `count` have been.
    async fn read_bodies(mut from: tokio::io::DuplexStream, count: usize) -> Vec<String> {
        let mut decoder = super::super::Decoder::default();
        let mut bodies = Vec::new();
        let mut chunk = vec![0; 4096];
        while bodies.len() < count {
            let read = from.read(&mut chunk).await.expect("readable");
            assert!(read > 0, "the writer stopped after {bodies:?}");
            decoder.feed(&chunk[..read]);
            while let Some(super::super::Event::Body(body)) = decoder.next_event() {
                bodies.push(String::from_utf8(body).expect("UTF-8"));
            }
        }
        bodies
    }

    #[tokio::test]
    async fn diagnostics_wait_for_the_answer_in_flight_then_keep_their_order() {
        let (output, written) = tokio::io::duplex(1 << 16);
        let (frames, outgoing) = mpsc::channel(8);
        let in_flight = InFlight::default();
        let writer = tokio::spawn(write(output, outgoing, in_flight.clone()));
        in_flight.asked();
        for body in ["first diagnostics", "second diagnostics"] {
            frames
                .send(Frame::deferrable(body.as_bytes().to_vec()))
                .await
                .expect("sent");
        }
        frames.send(Frame::new(answer())).await.expect("sent");
        let bodies = read_bodies(written, 3).await;
        assert!(is_response(bodies[0].as_bytes()), "{bodies:?}");
        assert_eq!(bodies[1..], ["first diagnostics", "second diagnostics"]);
        drop(frames);
        writer.await.expect("the writer ends with its senders");
    }

    #[tokio::test]
    async fn diagnostics_go_out_anyway_when_an_answer_is_slow() {
        let (output, written) = tokio::io::duplex(1 << 16);
        let (frames, outgoing) = mpsc::channel(8);
        let in_flight = InFlight::default();
        tokio::spawn(write(output, outgoing, in_flight.clone()));
        in_flight.asked();
        let sent = Instant::now();
        frames
            .send(Frame::deferrable(b"diagnostics".to_vec()))
            .await
            .expect("sent");
        // Never answered: held at most HOLD.
        let bodies = tokio::time::timeout(Duration::from_secs(10), read_bodies(written, 1))
            .await
            .expect("written within the hold");
        assert_eq!(bodies, ["diagnostics"]);
        assert!(sent.elapsed() >= HOLD);
    }
}
