// A node waits for its databases before it starts, bounded and saying what it waits for, rather than
// crash-looping through the server's own connection errors while a database is still coming up. It runs in the
// KM image: WSO2's Ubuntu image has bash and coreutils' timeout; its Alpine image BusyBox's tools, with bash
// and OpenBSD's netcat added (wso2/docker-open-banking 1.4.x dockerfiles/alpine/obkm/Dockerfile: apk add bash
// netcat-openbsd). BusyBox's timeout took `-t SECS` until 1.30 (upstream commit c9720a761e, "timeout: fix
// arguments to match coreutils"; Alpine 3.10 has 1.30), so the probe tries the form it uses. An image with
// neither bash and such a timeout nor a netcat that has -z is not waited on, saying so: a probe that cannot
// tell an open port from a closed one would call every server down until the wait gives up.

import { DatasourceEndpoint } from "./datasources";

export function waitScript(servers: readonly DatasourceEndpoint[], waitSeconds: number): string {
  return [
    "#!/bin/sh",
    "# Rendered by obkm: waits until every database server of the node accepts connections.",
    "set -u",
    "# How to test a port: bash's /dev/tcp under a timeout that takes `timeout SECS PROG` (coreutils', BusyBox's",
    "# since 1.30; before, BusyBox's took -t SECS), or an nc that has -z (OpenBSD's, which WSO2's Alpine image adds",
    "# beside bash; not BusyBox's small nc, Debian's one). Neither: no wait, rather than call every live server down.",
    "if command -v bash >/dev/null 2>&1 && timeout 1 true 2>/dev/null; then",
    "  probe=bash",
    "elif command -v nc >/dev/null 2>&1 && nc -h 2>&1 | grep -q -e -z; then",
    "  probe=nc",
    "else",
    "  probe=none",
    "fi",
    "reachable() {",
    '  case "$probe" in',
    '    bash) timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null ;;',
    '    nc) nc -z -w 5 "$1" "$2" 2>/dev/null ;;',
    '    *) echo "obkm: the image has neither bash with timeout nor an nc that tests a port (-z); not waiting for $1:$2" >&2 ;;',
    "  esac",
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
