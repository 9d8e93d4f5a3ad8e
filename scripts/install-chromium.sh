#!/usr/bin/env bash
# Install headless Chromium and its WebDriver from the Debian archive, for the
# browser tests of the HTML report (tests/html.rs). Idempotent: does nothing when
# chromium and chromedriver are already on PATH. Needs root (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium already installed: $(chromium --version 2>/dev/null || echo '?')"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install chromium by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium chromium-driver
chromium --version 2>/dev/null
chromedriver --version
