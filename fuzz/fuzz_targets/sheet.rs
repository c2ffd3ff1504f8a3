//! Any bytes given as a fact sheet are validated without a panic: what is wrong comes back as
//! diagnostics.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::validate("fuzzed.json", data.to_vec());
});
