//! A plain SMTP sender with its own pool of connections, each with TCP_NODELAY set.
//!
//! Why: lettre writes a message's body and the closing `.` in two writes on a socket with
//! Nagle's algorithm on; the second write waits for the server's delayed ACK, about 40 ms on
//! Linux. One connection then sends about 23 messages a second however fast the relay is.
//! lettre does not set TCP_NODELAY, but it accepts a stream we connect ourselves; this sender
//! connects with the delay removed and lets lettre speak SMTP on it. It serves `smtp://` relays
//! without TLS or authentication (a local MTA, the usual path for bulk mail); everything else
//! goes through lettre's own transport.

use std::sync::Mutex;
use std::time::Duration;

use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;
use lettre::Message;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

use super::SendError;

pub struct DirectSmtp {
    address: String,
    hello: ClientId,
    timeout: Duration,
    idle: Mutex<Vec<AsyncSmtpConnection>>,
    slots: Semaphore,
}

impl DirectSmtp {
    pub fn new(host: &str, port: u16, connections: u32, timeout: Duration) -> DirectSmtp {
        DirectSmtp {
            address: format!("{host}:{port}"),
            hello: ClientId::default(),
            timeout,
            idle: Mutex::new(Vec::new()),
            slots: Semaphore::new(connections.max(1) as usize),
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let stream = tokio::time::timeout(self.timeout, TcpStream::connect(&self.address))
            .await
            .map_err(|_| SendError::Temporary(format!("connecting to {} timed out", self.address)))?
            .map_err(|e| SendError::Temporary(format!("cannot connect to {}: {e}", self.address)))?;
        stream.set_nodelay(true).map_err(|e| SendError::Temporary(e.to_string()))?;
        tokio::time::timeout(self.timeout, AsyncSmtpConnection::connect_with_transport(Box::new(stream), &self.hello))
            .await
            .map_err(|_| SendError::Temporary(format!("{} did not greet in time", self.address)))?
            .map_err(|e| classify(&e))
    }

    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        let _slot = self.slots.acquire().await.map_err(|e| SendError::Temporary(e.to_string()))?;
        let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut connection = match pooled {
            Some(c) if !c.has_broken() => c,
            _ => self.connect().await?,
        };
        let sent = tokio::time::timeout(self.timeout, connection.send(message.envelope(), &message.formatted())).await;
        match sent {
            Ok(Ok(_)) => {
                self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(connection);
                Ok(())
            }
            // After a refusal the session may be mid-transaction: it is dropped, not reused.
            Ok(Err(e)) => Err(classify(&e)),
            Err(_) => Err(SendError::Temporary(format!("{} did not answer in time", self.address))),
        }
    }
}

fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    let text = crate::error::one_line(&error.to_string());
    if error.is_permanent() {
        SendError::Permanent(text)
    } else {
        SendError::Temporary(text)
    }
}
