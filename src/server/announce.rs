//! Where a running server can be reached, written in the folder of the store it holds.
//!
//! RocksDB lets one process at a time open a store (and reading it beside a process that
//! writes it is undefined behaviour), so while `factgraph serve` holds a store, the command
//! line reads it through the server instead: the server writes `factgraph-serve.json` in the
//! store's folder once it listens, and removes it when it stops. A file left by a server that
//! was killed is told apart by the store's lock: only a store some process holds is served.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name in the store's folder.
pub const FILE: &str = "factgraph-serve.json";

/// What the file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    /// `http://HOST:PORT`, reachable from this machine.
    pub url: String,
    pub writable: bool,
    pub pid: u32,
}

impl Announcement {
    /// The announcement of a server listening on `address`: one that listens on every
    /// interface is reached on loopback.
    pub fn new(address: SocketAddr, writable: bool) -> Self {
        let host = match address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        Self {
            url: format!("http://{}", SocketAddr::new(host, address.port())),
            writable,
            pid: std::process::id(),
        }
    }

    /// Writes the file in `store_dir`; it goes when the returned guard is dropped. A store
    /// folder that cannot be written leaves the server unannounced, which only means the
    /// command line cannot find it.
    pub fn publish(&self, store_dir: &Path) -> Published {
        let path = store_dir.join(FILE);
        let partial = store_dir.join(format!("{FILE}.partial"));
        let written = serde_json::to_vec_pretty(self)
            .map_err(std::io::Error::other)
            .and_then(|json| std::fs::write(&partial, json))
            .and_then(|()| std::fs::rename(&partial, &path));
        Published(written.is_ok().then_some(path))
    }

    /// The announcement in `store_dir`, if there is a readable one.
    pub fn read(store_dir: &Path) -> Option<Self> {
        let text = std::fs::read(store_dir.join(FILE)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// The server's SPARQL query endpoint.
    pub fn sparql_url(&self) -> String {
        format!("{}/sparql", self.url)
    }
}

/// Removes the announcement when dropped.
#[derive(Debug)]
pub struct Published(Option<PathBuf>);

impl Drop for Published {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_on_every_interface_is_announced_on_loopback() {
        let any: SocketAddr = "0.0.0.0:7878".parse().unwrap();
        assert_eq!(Announcement::new(any, false).url, "http://127.0.0.1:7878");
        let any6: SocketAddr = "[::]:80".parse().unwrap();
        assert_eq!(Announcement::new(any6, true).url, "http://[::1]:80");
        let one: SocketAddr = "192.0.2.7:9000".parse().unwrap();
        assert_eq!(
            Announcement::new(one, false).sparql_url(),
            "http://192.0.2.7:9000/sparql"
        );
    }

    #[test]
    fn the_file_lasts_as_long_as_its_guard() {
        let dir = tempfile::tempdir().unwrap();
        let announcement = Announcement::new("127.0.0.1:1234".parse().unwrap(), true);
        assert_eq!(Announcement::read(dir.path()), None);
        let guard = announcement.publish(dir.path());
        assert_eq!(Announcement::read(dir.path()), Some(announcement));
        drop(guard);
        assert!(!dir.path().join(FILE).exists());
        assert_eq!(Announcement::read(dir.path()), None);
    }
}
