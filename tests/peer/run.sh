#!/usr/bin/env bash
# Insight beside scikit-learn on the same splits of a generated world (see README, "Side by side with scikit-learn").
# Usage: tests/peer/run.sh [--contacts N] [--customers N]   (defaults: 100,000 contacts, 10,000 customers)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian's scikit-learn, for Debian's own python (not the python3 first on PATH).
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends python3-sklearn
fi

dotnet run -c Release --project pipeline/Insight.Host -- bench peer --out out/peer "$@"
/usr/bin/python3 tests/peer/sklearn_peer.py out/peer
