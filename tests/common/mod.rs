//! Helpers shared by the integration tests: running the real binary, and
//! finding headless Chromium for the browser tests. (Each test file uses a
//! part of them.)
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The `parallax` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

/// Run `parallax ARGS`, which must succeed.
pub fn run(args: &[&str]) -> Output {
    let out = bin().args(args).output().expect("run parallax");
    assert!(
        out.status.success(),
        "parallax {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// CI sets `PARALLAX_REQUIRE_BROWSER=1`: a missing browser fails the test
/// instead of skipping it.
pub fn require_browser() -> bool {
    std::env::var("PARALLAX_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Whether `cmd --version` runs.
pub fn works(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `$PARALLAX_CHROMIUM`, else the first Chromium on PATH.
pub fn chromium() -> Option<String> {
    if let Ok(c) = std::env::var("PARALLAX_CHROMIUM") {
        return Some(c);
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| works(c))
        .map(str::to_string)
}

/// Runs `cmd` with stdout to a file, killing it after `secs`.
pub fn run_for(mut cmd: Command, secs: u64, out: &Path) -> Output {
    let file = std::fs::File::create(out).unwrap();
    let mut child = cmd
        .stdout(Stdio::from(file))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("browser did not finish in {secs} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: std::fs::read(out).unwrap(),
        stderr: Vec::new(),
    }
}
