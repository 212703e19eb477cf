#!/usr/bin/env bash
# completions.sh writes the shell completions (completions/tlx.{bash,zsh,fish}) and the
# gzipped man pages (manpages/tlx.1.gz, tlx-format.5.gz, tlx-notebook.5.gz) that the
# release archives ship. GoReleaser runs it as a before hook; both folders are ignored by
# git. The binary is built once, for the machine running the release, and asked by
# cobra's `completion` and tlx's own `man`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/tlx" .

rm -rf completions manpages
mkdir -p completions manpages
for shell in bash zsh fish; do
    "$tmp/tlx" completion "$shell" >"completions/tlx.$shell"
done
"$tmp/tlx" man | gzip -9 -n >manpages/tlx.1.gz
"$tmp/tlx" man tlx-format | gzip -9 -n >manpages/tlx-format.5.gz
"$tmp/tlx" man tlx-notebook | gzip -9 -n >manpages/tlx-notebook.5.gz

# An empty file here would ship silently: fail instead.
for f in completions/tlx.bash completions/tlx.zsh completions/tlx.fish manpages/tlx.1.gz manpages/tlx-format.5.gz manpages/tlx-notebook.5.gz; do
    if [[ ! -s $f ]]; then
        echo "completions.sh: $f is empty" >&2
        exit 1
    fi
done
