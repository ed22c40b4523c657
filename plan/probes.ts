// Probes and a graceful stop. The three probes tell a slow node from a stuck one:
// - startup: a first start (tables created on an empty database, artifacts deployed) may take minutes;
//   until it passes, the other probes wait and the node is not restarted;
// - readiness: a node that answers slowly (a long GC, a busy database) leaves the Service's endpoints
//   within half a minute, and comes back when it answers again;
// - liveness: only a node that has not answered for two minutes is restarted: it is stuck, not slow.
// All three ask the HTTPS servlet port (9446) for a page every KM 1.4 serves.
import { ObkmConfig } from "../config/load";
import { ports } from "./ports";

const PERIOD_SECONDS = 10;

export function probes(config: ObkmConfig) {
  const httpGet = { path: config.probes.path, port: ports.servletHttps.name, scheme: "HTTPS" };
  return {
    startupProbe: {
      httpGet,
      periodSeconds: PERIOD_SECONDS,
      timeoutSeconds: 5,
      failureThreshold: (config.probes.startupMinutes * 60) / PERIOD_SECONDS,
    },
    readinessProbe: { httpGet, periodSeconds: PERIOD_SECONDS, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 },
    livenessProbe: { httpGet, periodSeconds: 20, timeoutSeconds: 10, failureThreshold: 6 },
  };
}

/** Seconds a pod may take from its start to ready, at most: what the StatefulSet's await must allow each pod. */
export function startupAllowanceSeconds(config: ObkmConfig): number {
  return config.probes.startupMinutes * 60;
}
