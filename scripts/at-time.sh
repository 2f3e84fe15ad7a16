#!/bin/bash
# Runs a command with the clock moved so that it starts at today's HH:MM UTC (libfaketime, `apt-get install
# faketime`): the same offset reaches every child, the emulator's function instances included. For tests that
# depend on the hour of the Shanghai day, e.g. just after its midnight (16:00 UTC):
#   scripts/at-time.sh 16:05 npx jest cloudfunctions/attendance
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 HH:MM command..." >&2; exit 2; }
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)
[ -n "$lib" ] || { echo "libfaketime is not installed (apt-get install faketime)" >&2; exit 2; }
offset=$(( $(date -u -d "today $1" +%s) - $(date -u +%s) ))
shift
[ "$offset" -ge 0 ] && offset="+$offset"
export FAKETIME="${offset}s" LD_PRELOAD="$lib"
exec "$@"
