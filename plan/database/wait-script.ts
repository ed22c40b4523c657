// A node waits for its databases before it starts, bounded and saying what it waits for, rather than
// crash-looping through the server's own connection errors while a database is still coming up.

import { DatasourceEndpoint } from "./datasources";

export function waitScript(servers: readonly DatasourceEndpoint[], waitSeconds: number): string {
  return [
    "#!/bin/sh",
    "# Rendered by obkm: waits until every database server of the node accepts connections.",
    "set -u",
    "reachable() {",
    "  if command -v bash >/dev/null 2>&1; then",
    '    timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null',
    "  elif command -v nc >/dev/null 2>&1; then",
    '    nc -z -w 5 "$1" "$2" 2>/dev/null',
    "  else",
    '    echo "obkm: the image has neither bash nor nc; not waiting for $1:$2" >&2',
    "  fi",
    "}",
    "wait_for() {",
    "  waited=0",
    '  until reachable "$1" "$2"; do',
    `    if [ "$waited" -ge ${waitSeconds} ]; then`,
    `      echo "obkm: the database at $1:$2 did not answer in ${waitSeconds}s; giving up (the pod restarts and waits again)" >&2`,
    "      exit 1",
    "    fi",
    `    echo "obkm: waiting for the database at $1:$2 ($waited of ${waitSeconds}s)"`,
    "    sleep 5",
    "    waited=$((waited + 5))",
    "  done",
    '  echo "obkm: the database at $1:$2 answers"',
    "}",
    ...servers.map((s) => `wait_for ${s.host} ${s.port}`),
    "",
  ].join("\n");
}
