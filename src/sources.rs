//! Where `parallax add` and `watch` get documents: local files and
//! directories (through `parallax-ingest`), WARC files, feeds, sitemaps and
//! URLs (through `parallax-fetch`). Every failure becomes a rejection that
//! names the input; nothing stops the run.

use anyhow::Result;
use parallax_core::{RawDoc, Rejected};
use parallax_store::{Store, Validators};

/// Network settings of the fetching sources.
#[derive(Debug, Clone, Default)]
pub struct FetchSettings {}

/// Turns `add` arguments into documents.
pub struct Sources {
    ingest: parallax_ingest::Options,
    validators: Vec<(String, Validators)>,
}

impl Sources {
    pub fn new(_settings: &FetchSettings, ingest: parallax_ingest::Options) -> Result<Sources> {
        Ok(Sources {
            ingest,
            validators: Vec::new(),
        })
    }

    /// Read one argument; documents go to `sink` as they come (a directory
    /// or a feed gives many).
    pub fn read(
        &mut self,
        arg: &str,
        _store: &Store,
        sink: &mut dyn FnMut(Vec<Result<RawDoc, Rejected>>),
    ) {
        for input in parallax_ingest::expand(std::slice::from_ref(&arg.to_string())) {
            match input {
                Err(r) => sink(vec![Err(r)]),
                Ok(input) => sink(parallax_ingest::read_input(&input, &self.ingest)),
            }
        }
    }

    /// Validators learned during the run, to remember in the store.
    pub fn take_validators(&mut self) -> Vec<(String, Validators)> {
        std::mem::take(&mut self.validators)
    }
}
