// The metrics' keys together: the exporter's image and jar are needed once metrics are on (the jar is never
// downloaded at start), and its port must be one the node does not already listen on.
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";

/**
 * The ports a KM node opens: the servlet ports 9446 and 9766 and Hazelcast's 4000 (plan/ports.ts), and
 * Carbon's JMX RMI registry and server, 9999 and 11111 shifted by the port offset 3 (carbon.xml
 * /Server/Ports/JMX). Restated here: config/ may not import plan/; tests/monitoring.test.ts holds the two together.
 */
export const NODE_PORTS: Record<number, string> = {
  9446: "the servlet HTTPS port",
  9766: "the servlet HTTP port",
  4000: "Hazelcast's port",
  10002: "Carbon's JMX RMI registry port",
  11114: "Carbon's JMX RMI server port",
};

export function monitoringProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("metrics.enabled") || !parsed["metrics.enabled"]) return [];
  const problems: string[] = [];
  for (const key of ["metrics.exporterImage", "metrics.exporterJar"] as const) {
    if (!failed(key) && parsed[key] === "") {
      problems.push(
        `${fullKey([key])}: empty with ${fullKey(["metrics.enabled"])} true; expected ${key === "metrics.exporterImage" ? "the image that holds the JMX exporter's agent jar, pinned by tag or digest" : "the path of the agent's jar in metrics.exporterImage"}, because the nodes never download it`,
      );
    }
  }
  const port = parsed["metrics.port"];
  if (!failed("metrics.port") && NODE_PORTS[port]) {
    problems.push(
      `${fullKey(["metrics.port"])}: got ${port}, ${NODE_PORTS[port]} of every node; expected a port the node does not listen on, such as 9404`,
    );
  }
  return problems;
}
