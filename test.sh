#!/usr/bin/env bash
# The README's test command: installs what the tests need that this machine lacks, then runs every test.
#   - Debian's Chromium for the browser tests (Playwright's own browser download cannot work here);
#   - Debian's python3-aiosmtpd, the real SMTP server the mail tests start on 127.0.0.1;
#   - Debian's postgresql and redis-server, of which the tests start private instances on 127.0.0.1 (the packages'
#     own services are not used);
#   - npm's axe-core (RefundPortal.Tests/package-lock.json), injected into pages by the accessibility tests;
#   - the .NET local tools (dotnet-ef) and NuGet packages.
# Test results are written as TRX files under TestResults/.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the browser, mail, PostgreSQL and Redis tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --prefix RefundPortal.Tests --no-audit --no-fund --loglevel=error >/dev/null
dotnet tool restore >/dev/null
dotnet build RefundPortal.sln -c Debug --nologo -v quiet
rm -rf TestResults
dotnet test RefundPortal.sln -c Debug --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory TestResults "$@"
