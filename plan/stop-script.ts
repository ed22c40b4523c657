// The preStop hook: the server's own stop (wso2server.sh stop signals the JVM, which shuts the web apps
// down and leaves the Hazelcast cluster), then a bounded wait for the JVM to exit, so the kubelet's
// SIGTERM after the hook finds nothing left to cut short.

/** Leaves this much of the grace period for the kubelet's own SIGTERM and SIGKILL. */
const MARGIN_SECONDS = 10;

export function stopScript(terminationGracePeriodSeconds: number): string {
  const wait = Math.max(terminationGracePeriodSeconds - MARGIN_SECONDS, 5);
  return [
    "#!/bin/sh",
    "# Rendered by obkm: stops the Key Manager gracefully before the pod goes.",
    `: "\${KM_HOME:?must name the pack's directory}"`,
    'pid_file="$KM_HOME/wso2carbon.pid"',
    'echo "obkm: stopping the Key Manager"',
    '"$KM_HOME/bin/wso2server.sh" stop || true',
    "waited=0",
    `while [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && [ "$waited" -lt ${wait} ]; do`,
    "  sleep 1",
    "  waited=$((waited + 1))",
    "done",
    'echo "obkm: the Key Manager stopped after ${waited}s"',
    "",
  ].join("\n");
}
