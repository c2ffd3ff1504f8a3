//! What both targets check a fact sheet with: the validation `factgraph validate` runs.

use factgraph::ingest::{self, Input, Inputs, Options, Report};
use factgraph::resolve::IriBase;

pub fn validate(name: &str, bytes: Vec<u8>) -> Report {
    let inputs = Inputs {
        sheets: vec![Input::Memory {
            name: name.to_owned(),
            bytes,
        }],
        ..Inputs::default()
    };
    let options = Options {
        base: IriBase::default(),
        lenient: false,
        dry_run: true,
    };
    ingest::ingest(&inputs, None, &options, &mut |_| {})
        .expect("validation without a store reads nothing that can fail")
}
