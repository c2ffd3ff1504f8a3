//! Integration tests: the real binary on temporary on-disk stores.

mod common;

mod beside;
mod cli;
mod crash;
mod errors;
mod export;
mod extract;
mod hardening;
mod large;
mod merge;
mod paths;
mod readme;
mod remote;
mod schema;
mod server;
mod viewer;
