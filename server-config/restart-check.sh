#!/usr/bin/env bash
# What clients see while a server restarts, for any of the three servers (or a load balancer in front of them).
#
#   server-config/restart-check.sh URL [STREAMS] [SECONDS]
#
# URL is a stream, e.g. http://127.0.0.1:8080/v2/stream/orders. It opens STREAMS (20) SSE streams with curl, then for
# SECONDS (90) sends a new request every 100 ms, while you stop the server (SIGTERM) and start it again in another
# terminal. Then it prints how each open stream ended (an `end` event with its id, an `error` event, or cut), and the
# answers to the new requests in order, with counts. A restart that no browser EventSource survives badly shows only
# "refused" and "200" for the new requests (any other status makes an EventSource give up for good).
# Needs bash and curl. Stop it with Ctrl-C; it stops the curl processes it started.
set -uo pipefail
url=${1:?usage: restart-check.sh URL [STREAMS] [SECONDS]}
streams=${2:-20}
seconds=${3:-90}
dir=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; exit' INT TERM
for i in $(seq 1 "$streams"); do
  curl -sN -H 'Accept: text/event-stream' "$url" > "$dir/stream$i" 2>/dev/null &
  pids+=($!)
done
echo "$streams streams open; polling for $seconds s: stop and start the server now (output in $dir)"
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: text/event-stream' --max-time 1 "$url")
  case "$code" in
    000) echo refused-or-no-answer ;;
    *) echo "$code" ;;
  esac >> "$dir/answers"
  sleep 0.1
done
kill "${pids[@]}" 2>/dev/null
echo "Open streams, by how they ended:"
for f in "$dir"/stream*; do
  last=$(grep -E '^event: ' "$f" | tail -1)
  case "$last" in
    "event: end") echo "end event, resumes from $(grep -A1 '^event: end' "$f" | grep '^id:' | tail -1 | cut -c5-60)..." ;;
    "event: error") echo "error event" ;;
    *) echo "cut (no end event)" ;;
  esac
done | sed 's/resumes from .*/resumes from its id/' | sort | uniq -c
echo "New requests, in order (runs of the same answer):"
uniq -c "$dir/answers"
