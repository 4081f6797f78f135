#!/usr/bin/env bash
# The official MCP conformance suite (@modelcontextprotocol/conformance, pinned in scripts/conformance/package.json
# and package-lock.json) with its reference "everything" server, installed outside the build tree so clean clones
# reuse it. See docs/security/conformance.md.
#
#   scripts/conformance.sh install   install (npm ci + the Node 20 patch) unless already installed; prints the dir
#   scripts/conformance.sh path      prints the install dir for the checked-in pins (installed or not)
#
# The dir is ${BULWARK_CACHE:-~/.cache/bulwark}/conformance-<hash of the pinned files>, so changing a pin or the patch
# installs afresh beside the old one. ConformanceSuiteTest finds it through `path`.
set -euo pipefail
here="$(cd "$(dirname "$0")/conformance" && pwd)"
cache="${BULWARK_CACHE:-$HOME/.cache/bulwark}"
files=(package.json package-lock.json patch-globsync.mjs inject-authorization.mjs everything-server/everything-server.ts)
hash="$(cd "$here" && cat "${files[@]}" | sha256sum | cut -c1-16)"
dir="$cache/conformance-$hash"

case "${1:-}" in
  path)
    echo "$dir" ;;
  install)
    if [ -f "$dir/.installed" ]; then echo "$dir"; exit 0; fi
    command -v node >/dev/null 2>&1 || { echo "conformance: node is not installed" >&2; exit 1; }
    command -v npm >/dev/null 2>&1 || { echo "conformance: npm is not installed" >&2; exit 1; }
    mkdir -p "$cache"
    work="$(mktemp -d "$cache/.conformance-install.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    cp "$here/package.json" "$here/package-lock.json" "$here/patch-globsync.mjs" "$here/inject-authorization.mjs" \
       "$here/everything-server/everything-server.ts" "$work/"
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >&2)
    # Node 20 lacks fs.globSync, which the pinned CLI imports; see patch-globsync.mjs.
    node "$work/patch-globsync.mjs" "$work" >&2
    touch "$work/.installed"
    rm -rf "$dir"
    mv "$work" "$dir"
    trap - EXIT
    echo "$dir" ;;
  *)
    echo "usage: $0 install|path" >&2; exit 2 ;;
esac
