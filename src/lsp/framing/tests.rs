use super::*;
use tokio::io::AsyncWriteExt;

fn events(input: &[u8]) -> Vec<Event> {
    let mut decoder = Decoder::default();
    decoder.feed(input);
    std::iter::from_fn(|| decoder.next_event()).collect()
}

/// The same input fed one byte at a time gives the same events: reads
/// may split a frame anywhere.
fn events_bytewise(input: &[u8]) -> Vec<Event> {
    let mut decoder = Decoder::default();
    let mut found = Vec::new();
    for &byte in input {
        decoder.feed(&[byte]);
        found.extend(std::iter::from_fn(|| decoder.next_event()));
    }
    found
}

fn body(text: &str) -> Event {
    Event::Body(text.as_bytes().to_vec())
}

const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;

fn framed(text: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{text}", text.len())
}

fn check(input: &str, expected: &[Event]) {
    assert_eq!(events(input.as_bytes()), expected, "whole: {input:?}");
    assert_eq!(
        events_bytewise(input.as_bytes()),
        expected,
        "bytewise: {input:?}"
    );
}

#[test]
fn frames_in_a_row_and_split_anywhere() {
    let input = format!("{}{}", framed(PING), framed("{}"));
    check(&input, &[body(PING), body("{}")]);
}

#[test]
fn header_names_ignore_case_and_other_headers_are_skipped() {
    let input = format!(
        "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Odd\r\n\r\n{{}}{}",
        framed(PING)
    );
    check(&input, &[body("{}"), body(PING)]);
    check(
        &format!("Content-Length: 2\n\n{{}}\r\n{}", framed(PING)),
        &[body("{}"), body(PING)],
    );
}

#[test]
fn a_missing_length_skips_to_the_next_header() {
    let input = format!("Content-Type: x\r\n\r\n{{\"a\": 1}}{}", framed(PING));
    check(
        &input,
        &[Event::Malformed(HeaderError::MissingLength), body(PING)],
    );
}

#[test]
fn a_garbage_length_skips_to_the_next_header() {
    for value in ["twelve", "-1", "1e3", "", "0x10", "12 34"] {
        let input = format!("Content-Length: {value}\r\n\r\n{{}}{}", framed(PING));
        let found = events(input.as_bytes());
        assert!(
            matches!(found[0], Event::Malformed(HeaderError::BadLength(_))),
            "{value}: {found:?}"
        );
        assert_eq!(found[1..], [body(PING)], "{value}");
    }
}

#[test]
fn an_oversized_length_is_refused_and_its_body_skipped_without_keeping_it() {
    let oversized = MAX_MESSAGE + 1;
    let mut decoder = Decoder::default();
    decoder.feed(format!("Content-Length: {oversized}\r\n\r\n").as_bytes());
    assert_eq!(
        decoder.next_event(),
        Some(Event::Malformed(HeaderError::TooLarge(oversized as u128)))
    );
    // Its body arrives: it is discarded as it comes.
    for _ in 0..100 {
        decoder.feed(&[b'x'; 10_000]);
        assert_eq!(decoder.next_event(), None);
        assert!(decoder.pending() < RESYNC_MARK.len());
    }
    decoder.feed(framed(PING).as_bytes());
    assert_eq!(decoder.next_event(), Some(body(PING)));
    let absurd = format!("Content-Length: {}\r\n\r\n", "9".repeat(60));
    assert_eq!(
        events(absurd.as_bytes()),
        [Event::Malformed(HeaderError::TooLarge(u128::MAX))]
    );
}

#[test]
fn the_largest_body_allowed_is_taken() {
    let mut input = format!("Content-Length: {MAX_MESSAGE}\r\n\r\n").into_bytes();
    input.resize(input.len() + MAX_MESSAGE, b' ');
    let found = events(&input);
    assert!(matches!(&found[..], [Event::Body(body)] if body.len() == MAX_MESSAGE));
}

#[test]
fn the_limit_is_the_decoders_own() {
    let mut decoder = Decoder::with_limit(2);
    decoder.feed(format!("Content-Length: 3\r\n\r\n[1]{}", framed("{}")).as_bytes());
    assert_eq!(
        decoder.next_event(),
        Some(Event::Malformed(HeaderError::TooLarge(3)))
    );
    assert_eq!(decoder.next_event(), Some(body("{}")));
}

#[test]
fn a_header_that_never_ends_is_refused() {
    let mut input = vec![b'x'; MAX_HEADER + 10];
    input.extend_from_slice(framed(PING).as_bytes());
    let found = events(&input);
    assert_eq!(
        found,
        [Event::Malformed(HeaderError::HeaderTooLong), body(PING)]
    );
}

#[test]
fn a_frame_cut_short_waits_for_more() {
    let input = framed(PING);
    let mut decoder = Decoder::default();
    decoder.feed(&input.as_bytes()[..input.len() - 1]);
    assert_eq!(decoder.next_event(), None);
    assert!(decoder.pending() > 0);
    decoder.feed(b"}");
    assert_eq!(decoder.next_event(), Some(body(PING)));
    assert_eq!(decoder.pending(), 0);
}

#[test]
fn bodies_are_classified_by_what_tower_lsp_server_accepts() {
    assert_eq!(classify(PING.as_bytes()), Ok(Accepted::Request));
    assert_eq!(
        classify(br#"{"jsonrpc":"2.0","method":"exit"}"#),
        Ok(Accepted::Exit)
    );
    assert_eq!(
        classify(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        Ok(Accepted::Message)
    );
    assert_eq!(
        classify(br#"{"jsonrpc":"2.0","id":3,"result":null}"#),
        Ok(Accepted::Message)
    );
    let code = |body: &[u8]| classify(body).err().map(|r| (r.code, r.id));
    assert_eq!(code(b""), Some((PARSE_ERROR, Value::Null)));
    assert_eq!(code(b"{\"jsonrpc\": "), Some((PARSE_ERROR, Value::Null)));
    assert_eq!(code(b"\xff\xfe"), Some((PARSE_ERROR, Value::Null)));
    for body in ["[]", "42", "\"hello\"", "null", "true", "[{}]"] {
        assert_eq!(
            code(body.as_bytes()),
            Some((INVALID_REQUEST, Value::Null)),
            "{body}"
        );
    }
    assert_eq!(code(b"{}"), Some((INVALID_REQUEST, Value::Null)));
    assert_eq!(
        code(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#),
        Some((INVALID_REQUEST, json!(7)))
    );
    assert_eq!(
        code(br#"{"jsonrpc":"2.0","id":"a","method":5}"#),
        Some((INVALID_REQUEST, json!("a")))
    );
}

#[test]
fn error_frames_are_json_rpc_errors() {
    let framed = error_frame(PARSE_ERROR, "Parse error: x", Value::Null);
    let events = events(&framed);
    let [Event::Body(body)] = &events[..] else {
        panic!("{events:?}")
    };
    let value: Value = serde_json::from_slice(body).expect("JSON");
    assert_eq!(
        value,
        json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error: x"}})
    );
}

/// Through the async layer with a stand-in session that echoes each
/// message it gets: bad frames are answered, good ones reach it, and
/// every output frame arrives whole.
#[tokio::test]
async fn the_layer_answers_bad_frames_and_passes_good_ones() {
    let (mut client, input) = tokio::io::duplex(1 << 16);
    let (output, mut client_output) = tokio::io::duplex(1 << 16);
    let echo = |mut incoming: Incoming, answers: Answers| async move {
        while let Some(message) = incoming.next().await {
            let body = match message {
                ClientMessage::Request(request) => serde_json::to_vec(&request),
                ClientMessage::Response(response) => serde_json::to_vec(&response),
            };
            answers.send(body.expect("JSON")).await;
        }
    };
    let layer = tokio::spawn(serve(input, output, outbox(), echo));
    let mut sent = Vec::new();
    sent.extend_from_slice(b"Content-Length: nope\r\n\r\n{}");
    sent.extend_from_slice(framed("[1]").as_bytes());
    sent.extend_from_slice(framed(PING).as_bytes());
    client.write_all(&sent).await.expect("write");
    drop(client);
    let mut received = Vec::new();
    client_output
        .read_to_end(&mut received)
        .await
        .expect("read");
    layer.await.expect("the layer ends");
    let mut bodies: Vec<Value> = events(&received)
        .into_iter()
        .map(|event| match event {
            Event::Body(body) => serde_json::from_slice(&body).expect("JSON"),
            other => panic!("{other:?}"),
        })
        .collect();
    bodies.sort_by_key(|body| body["error"]["code"].as_i64());
    let codes: Vec<&Value> = bodies.iter().map(|b| &b["error"]["code"]).collect();
    assert_eq!(codes, [&Value::Null, &json!(-32700), &json!(-32600)]);
    assert_eq!(bodies[0]["method"], "ping");
}
