//! The session: tower-lsp-server's service driven by the messages the
//! framing layer has read and checked, its answers handed to the writer.
//!
//! This is what tower-lsp-server's `Server::serve` does, without its
//! reader: the messages arrive parsed (see [`super::serve`]). Requests
//! and notifications are handed to the service in the order they came,
//! and up to `concurrency` of them are worked on at once; answers to the
//! server's own requests (`workspace/configuration`…) go back to the
//! service's client socket, and the requests and notifications it sends
//! go out with the answers.

use std::fmt::Display;
use std::pin::Pin;

use futures::channel::mpsc;
use futures::future::{self, Future};
use futures::{SinkExt, StreamExt};
use tower_lsp_server::ClientSocket;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_service::Service;

use super::{Answers, ClientMessage, Incoming};

/// How many requests may wait for one of the `concurrency` places.
const WAITING: usize = 100;

type Handling = Pin<Box<dyn Future<Output = Option<Response>> + Send>>;

/// Serves `incoming` with `service` until the client's side ends (its
/// input closes, or it sends `exit`) and every request taken is answered.
pub async fn run<S>(
    mut service: S,
    socket: ClientSocket,
    concurrency: usize,
    mut incoming: Incoming,
    answers: Answers,
) where
    S: Service<Request, Response = Option<Response>>,
    S::Error: Display,
    S::Future: Send + 'static,
{
    let (server_requests, mut client_answers) = socket.split();
    let (server_requests, stop_server_requests) = futures::stream::abortable(server_requests);
    let (mut waiting, handlings) = mpsc::channel::<Handling>(WAITING);

    let answer = handlings
        .buffer_unordered(concurrency.max(1))
        .for_each(|response| {
            let answers = answers.clone();
            async move {
                if let Some(response) = response {
                    send(&answers, &response).await;
                }
            }
        });
    let ask = server_requests.for_each(|request| {
        let answers = answers.clone();
        async move { send(&answers, &request).await }
    });
    let read = async {
        while let Some(message) = incoming.next().await {
            match message {
                ClientMessage::Request(request) => {
                    if let Err(error) = future::poll_fn(|cx| service.poll_ready(cx)).await {
                        tracing::error!(%error, "the service stopped taking requests");
                        break;
                    }
                    // The server must exit at once after `exit`, whether or
                    // not the client closes its side.
                    let exit = request.method() == "exit";
                    let handling = service.call(request);
                    let handling: Handling = Box::pin(async move {
                        handling.await.unwrap_or_else(|error| {
                            tracing::error!(%error, "a request failed");
                            None
                        })
                    });
                    if waiting.send(handling).await.is_err() || exit {
                        break;
                    }
                }
                ClientMessage::Response(response) => {
                    if let Err(error) = client_answers.send(response).await {
                        tracing::error!(%error, "an answer to the server's request was lost");
                    }
                }
            }
        }
        // No more requests: the ones taken are answered, then it all ends.
        waiting.close_channel();
        stop_server_requests.abort();
    };
    futures::join!(answer, ask, read);
}

/// Writes one message; a writer that has stopped only loses it.
async fn send<T: serde::Serialize>(answers: &Answers, message: &T) {
    match serde_json::to_vec(message) {
        Ok(body) => {
            answers.send(body).await;
        }
        Err(error) => tracing::error!(%error, "a message could not be written as JSON"),
    }
}
