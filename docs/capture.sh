#!/usr/bin/env bash
# capture.sh makes the README's pictures of the explorer from the real binary:
#   docs/screen.txt  the screen as plain text (tmux capture-pane -p)
#   docs/screen.png  the same screen with its colours, rendered by headless Chromium
# It builds tlx, runs it in a private tmux server at 140x40 on the built-in timeline,
# waits until the list is on screen, types a few keys, and captures what is shown.
#
# Needs tmux, aha (ANSI to HTML), Chromium and the DejaVu fonts; as root it installs
# whichever is missing with apt-get. Not part of CI.
#
# Settings (environment):
#   CAPTURE_ARGS     arguments for tlx (default: none: the built-in timeline)
#   CAPTURE_KEYS     tmux send-keys words, sent one at a time, each waited on until the
#                    screen settles (default below); "type:TEXT" types TEXT literally
#   CAPTURE_WAIT     text the first screen must show before any key is sent (default: events)
#   CAPTURE_CMD      run this shell command instead of tlx (to try the machinery)
#   CAPTURE_OUT      output path without extension (default: docs/screen)
#   CAPTURE_SIZE     COLSxROWS (default 140x40)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

size=${CAPTURE_SIZE:-140x40}
cols=${size%x*}
rows=${size#*x}
out=${CAPTURE_OUT:-docs/screen}
wait_for=${CAPTURE_WAIT:-events}
# Default tour: move down a few events, then open the detail pane of the selected one.
keys=${CAPTURE_KEYS-j j j j Enter}

say() { printf 'capture: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 1
}

need=()
command -v tmux >/dev/null || need+=(tmux)
command -v aha >/dev/null || need+=(aha)
command -v chromium >/dev/null || need+=(chromium)
fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
    [[ $(id -u) == 0 ]] || die "missing ${need[*]}: install them (apt-get install ${need[*]})"
    say "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

tmp=$(mktemp -d)
sock="tlx-capture-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -n ${CAPTURE_CMD:-} ]]; then
    cmd=$CAPTURE_CMD
else
    say "building tlx"
    go build -o "$tmp/tlx" .
    cmd="$tmp/tlx ${CAPTURE_ARGS:-}"
fi

# A private server with no user config, a true-colour terminal inside, and no status
# line, so the pane is exactly cols x rows.
tmux -L "$sock" -f /dev/null new-session -d -s capture -x "$cols" -y "$rows" \
    -e TERM=xterm-256color -e COLORTERM=truecolor -e LANG=C.UTF-8 "$cmd"
tmux -L "$sock" set-option -g status off
tmux -L "$sock" set-option -g remain-on-exit on

screen() { tmux -L "$sock" capture-pane -p -t capture "$@"; }

# wait_text waits until the screen shows $1, for at most 20 seconds.
wait_text() {
    local i
    for ((i = 0; i < 200; i++)); do
        if screen | grep -qF -- "$1"; then
            return 0
        fi
        if [[ $(tmux -L "$sock" display-message -p -t capture '#{pane_dead}') == 1 ]]; then
            screen >&2
            die "the program exited before showing '$1'"
        fi
        sleep 0.1
    done
    screen >&2
    die "the screen did not show '$1' within 20s"
}

# settle waits until the screen has not changed for three polls in a row (0.3s), for at
# most 10 seconds: the program has finished drawing what the last key asked for.
settle() {
    local i same=0 prev="" now
    for ((i = 0; i < 100; i++)); do
        now=$(screen -e)
        if [[ $now == "$prev" ]]; then
            same=$((same + 1))
            ((same >= 3)) && return 0
        else
            same=0
        fi
        prev=$now
        sleep 0.1
    done
    die "the screen kept changing for 10s"
}

wait_text "$wait_for"
settle
for k in $keys; do
    case $k in
    type:*) tmux -L "$sock" send-keys -t capture -l -- "${k#type:}" ;;
    *) tmux -L "$sock" send-keys -t capture -- "$k" ;;
    esac
    settle
done

mkdir -p "$(dirname "$out")"
screen >"$out.txt"
screen -e >"$tmp/screen.ansi"

# The HTML page: one <pre> of cols x rows cells on the terminal's background, sized so
# the screenshot frames it exactly. DejaVu Sans Mono's advance is 0.602 em.
font_px=16
line_px=19
pad=16
width=$(((cols * font_px * 602 + 999) / 1000 + 2 * pad))
height=$((rows * line_px + 2 * pad))
{
    cat <<HTML
<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #171421; }
pre { margin: 0; padding: ${pad}px; color: #e6e6e6; background: #171421;
      font: ${font_px}px/${line_px}px "DejaVu Sans Mono", monospace;
      font-variant-ligatures: none; white-space: pre; }
</style></head><body><pre>
HTML
    aha --no-header <"$tmp/screen.ansi"
    printf '</pre></body></html>\n'
} >"$tmp/screen.html"

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$tmp/chromium" \
    --window-size="$width,$height" --screenshot="$tmp/screen.png" \
    "file://$tmp/screen.html" >"$tmp/chromium.log" 2>&1 || {
    cat "$tmp/chromium.log" >&2
    die "chromium could not take the screenshot"
}
[[ -s $tmp/screen.png ]] || die "chromium wrote no screenshot"
cp "$tmp/screen.png" "$out.png"
say "wrote $out.txt ($(wc -l <"$out.txt") lines) and $out.png (${width}x${height})"
