// Probes and a graceful stop. The three probes tell a starting node from a started one and a dead one:
// - startup: a first start (tables created on an empty database, artifacts deployed) may take minutes;
//   until it passes, the other probes wait and the node is not restarted;
// - readiness: a node whose port stops accepting (it is stopping, its connector is gone, its accept queue is
//   full) leaves the Service's endpoints within half a minute, and comes back when it accepts again;
// - liveness: only a node that has not accepted a connection for two minutes is restarted.
//
// Each one only opens a TCP connection to the HTTPS servlet port (9446), which costs the server nothing:
// - Carbon starts its Tomcat connectors last, once every required service is up
//   (StartupFinalizerServiceComponent.completeInitialization calls ServletTransportManager.startTransports,
//   carbon-kernel v4.4.35), and the pack's catalina-server.xml sets bindOnInit="false" on both connectors, so
//   9446 accepts a connection only once the server has finished starting;
// - a request instead would cost a session: under /carbon, CarbonSecuredHttpContext.handleSecurity opens an
//   HTTP session for every request (carbon-kernel v4.4.35), one per probe per node until it times out;
// - WSO2's own charts probe the KM the same way, `nc -z localhost 9446` (wso2/kubernetes-open-banking branch
//   1.4.x eval-ob-pattern-2/templates/obkm/wso2ob-pattern-2-obkm-deployment.yaml; 1.5.x and master
//   ob-pattern-2/templates/ob-km/wso2ob-pattern-2-ob-km-statefulset.yaml); a tcpSocket probe needs no nc in
//   the image.
// What a connection cannot see: the kernel and Tomcat's NIO acceptor accept connections while the JVM pauses
// or while every request thread is stuck, so such a node stays in rotation and alive. That is the price of
// probes that never restart a node for what a request touches: liveness never depends on the database, so a
// database outage can never restart every node at once. probes.path turns readiness alone into an HTTP GET,
// for a bank that wants rotation to follow a health endpoint.
import { ObkmConfig } from "../config/load";
import { ports } from "./ports";

const PERIOD_SECONDS = 10;

export function probes(config: ObkmConfig) {
  const connect = { tcpSocket: { port: ports.servletHttps.name } };
  const path = config.probes.readinessPath;
  const ready = path ? { httpGet: { path, port: ports.servletHttps.name, scheme: "HTTPS" } } : connect;
  return {
    startupProbe: {
      ...connect,
      periodSeconds: PERIOD_SECONDS,
      timeoutSeconds: 5,
      failureThreshold: (config.probes.startupMinutes * 60) / PERIOD_SECONDS,
    },
    readinessProbe: { ...ready, periodSeconds: PERIOD_SECONDS, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 },
    livenessProbe: { ...connect, periodSeconds: 20, timeoutSeconds: 10, failureThreshold: 6 },
  };
}

/** Seconds a pod may take from its start to ready, at most: what the StatefulSet's await must allow each pod. */
export function startupAllowanceSeconds(config: ObkmConfig): number {
  return config.probes.startupMinutes * 60;
}
