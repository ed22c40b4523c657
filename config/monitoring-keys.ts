// Config keys of the metrics, alerts and dashboard (plan/monitoring/): the Prometheus JMX exporter as a Java
// agent in each node, the prometheus-operator objects that scrape it and alert on it, and the Grafana
// dashboard. Checks across them: monitoring-checks.ts.
import { z } from "zod";
import type { KeySpec } from "./key-spec";
import * as rules from "./rules";

// Kubernetes' label syntax (apimachinery pkg/util/validation/validation.go: IsQualifiedName for the key, an
// optional DNS subdomain prefix of at most 253 characters and a name of at most 63; IsValidLabelValue).
const QUALIFIED_NAME = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** key=value, as a Kubernetes label: what the bank's Prometheus and Grafana select the objects by. */
export function isLabel(entry: string): boolean {
  const at = entry.indexOf("=");
  if (at < 0) return false;
  const key = entry.slice(0, at);
  const value = entry.slice(at + 1);
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && QUALIFIED_NAME.test(name) && LABEL_VALUE.test(value);
}

const LABEL_ALLOWED = "a Kubernetes label as key=value, such as grafana_dashboard=1";

export const monitoringKeys = {
  "metrics.enabled": {
    type: "boolean",
    default: false,
    description:
      "Expose each node's JMX metrics (JVM, Tomcat connectors, datasource pools, Hazelcast membership, Carbon caches) through the Prometheus JMX exporter as a Java agent, and render a PodMonitor, a PrometheusRule of alerts and a Grafana dashboard (docs/operations.md, Monitoring). Needs metrics.exporterImage and metrics.exporterJar.",
    rule: rules.boolean(),
  },
  "metrics.exporterImage": {
    type: "string",
    default: "",
    description:
      "Image holding the JMX exporter's Java agent jar (jmx_prometheus_javaagent, 1.x), which an init container copies into the pod: the jar is never downloaded at start. Pinned by tag or digest. Required with metrics.enabled.",
    rule: rules.emptyOr(rules.imageReference(), "empty or an image reference with a tag or digest, such as registry.bank.example/jmx-exporter:1.6.0"),
  },
  "metrics.exporterJar": {
    type: "string",
    default: "",
    description: "Path of the agent's jar inside metrics.exporterImage, such as /jmx_prometheus_javaagent.jar. Required with metrics.enabled.",
    rule: rules.emptyOr(
      rules.absolutePath().refine((path) => /^\/[A-Za-z0-9._/-]*\.jar$/.test(path)),
      "empty or the absolute path of a .jar file of letters, digits, '.', '_', '-' and '/', such as /jmx_prometheus_javaagent.jar",
    ),
  },
  "metrics.port": {
    type: "integer",
    default: 9404,
    description:
      "Port of the exporter's HTTP server in each pod (the container port named metrics). Must differ from the node's own ports (9446, 9766, 4000 and Carbon's JMX ports 10002 and 11114).",
    rule: rules.integer(1024, 65535),
  },
  "metrics.namespace": {
    type: "string",
    default: "monitoring",
    description: "Namespace of the Prometheus that scrapes the nodes: the NetworkPolicy lets only it reach the metrics port.",
    rule: rules.dnsLabel(63),
  },
  "metrics.labels": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Labels of the PodMonitor and the PrometheusRule, as key=value, so that the bank's Prometheus selects them (kube-prometheus-stack selects release=<its release name> unless told otherwise).",
    rule: rules.listOf(`a list of labels, each ${LABEL_ALLOWED}`, isLabel),
  },
  "metrics.dashboardLabel": {
    type: "string",
    default: "grafana_dashboard=1",
    description:
      "Label, as key=value, of the dashboard's ConfigMap, which the Grafana sidecar looks for (kube-prometheus-stack's default is grafana_dashboard=1).",
    rule: z.string({ invalid_type_error: LABEL_ALLOWED }).refine(isLabel, LABEL_ALLOWED),
  },
} satisfies Record<string, KeySpec>;
