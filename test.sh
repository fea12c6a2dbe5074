#!/usr/bin/env bash
# The README's test command: installs what the tests need that this machine lacks, then runs every test.
#   - Debian's Chromium for the browser tests (Playwright's own browser download cannot work here);
#   - the .NET local tools (dotnet-ef) and NuGet packages.
# Test results are written as TRX files under TestResults/.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

dotnet tool restore >/dev/null
dotnet build RefundPortal.sln -c Debug --nologo -v quiet
rm -rf TestResults
dotnet test RefundPortal.sln -c Debug --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory TestResults "$@"
