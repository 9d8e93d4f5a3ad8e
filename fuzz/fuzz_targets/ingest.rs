#![no_main]
//! Ingest on arbitrary bytes under every file-name kind: no panic, and each
//! result is either a document or a one-line rejection.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = parallax_ingest::Options { max_bytes: 1 << 20 };
    for name in ["x.txt", "x.html", "x.json", "x.jsonl", "x.txt.gz", "-"] {
        for r in parallax_ingest::read_bytes(name, data, &opts) {
            match r {
                Ok(doc) => {
                    let _ = parallax_extract::extract(&doc);
                }
                Err(rej) => assert!(!rej.error.contains('\n')),
            }
        }
    }
});
