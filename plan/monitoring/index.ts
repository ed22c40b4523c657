// Metrics, alerts and a dashboard (metrics.enabled): what the nodes' pods gain (the exporter's jar copied by
// an init container from the bank's image into an emptyDir, its config as a node file, a named port, the
// -javaagent option the start script adds to JAVA_OPTS) and the objects for the bank's monitoring stack (a
// PodMonitor and a PrometheusRule for prometheus-operator, the dashboard's ConfigMap for Grafana's sidecar).
import { createHash } from "crypto";
import { ObkmConfig } from "../../config/load";
import { containerSecurityContext } from "../pod-security";
import { Names } from "../names";
import type { NodeFile } from "../node-files";
import { ConfigMapManifest, Container, ResourceRequirements } from "../types";
import { alertRules, AlertRule } from "./alerts";
import { dashboardJson } from "./dashboard";
import { EXPORTER_CONFIG, exporterConfig } from "./exporter-config";

/** The container port's name, which the PodMonitor scrapes and the NetworkPolicy opens. */
export const METRICS_PORT_NAME = "metrics";
/** The container's variable that carries the -javaagent option to the start script. */
export const EXPORTER_JAVA_OPTS_ENV = "OBKM_EXPORTER_JAVA_OPTS";
const EXPORTER_VOLUME = "jmx-exporter";
const EXPORTER_DIR = "/opt/obkm-exporter";
const EXPORTER_JAR = `${EXPORTER_DIR}/jmx_prometheus_javaagent.jar`;
const COPY_CONTAINER_NAME = "copy-jmx-exporter";

interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

export interface PodMonitorManifest {
  apiVersion: "monitoring.coreos.com/v1";
  kind: "PodMonitor";
  metadata: ObjectMeta;
  spec: {
    selector: { matchLabels: Record<string, string> };
    podMetricsEndpoints: Array<{ port: string; path: string; scheme: "http" }>;
  };
}

export interface PrometheusRuleManifest {
  apiVersion: "monitoring.coreos.com/v1";
  kind: "PrometheusRule";
  metadata: ObjectMeta;
  spec: { groups: Array<{ name: string; rules: AlertRule[] }> };
}

export interface Monitoring {
  /** The exporter's config, installed with the other node files into repository/conf. */
  nodeFile: NodeFile;
  podMonitor: PodMonitorManifest;
  prometheusRule: PrometheusRuleManifest;
  dashboard: ConfigMapManifest;
  /** What the KM pods gain. */
  pod: {
    initContainer(resources: ResourceRequirements): Container;
    volume: { name: string; emptyDir: Record<string, never> };
    volumeMount: { name: string; mountPath: string; readOnly: true };
    port: { name: string; port: number };
    env: { name: string; value: string };
  };
  /** The NetworkPolicy's ingress rule: the metrics port, from the monitoring namespace only. */
  ingressRule: { from: object[]; ports: Array<{ port: number; protocol: string }> };
}

/** key=value as a label map. */
function labelOf(entry: string): [string, string] {
  const at = entry.indexOf("=");
  return [entry.slice(0, at), entry.slice(at + 1)];
}

export function monitoringPlan(
  config: ObkmConfig,
  n: Names,
  labels: { common: Record<string, string>; selector: Record<string, string> },
  clustering: boolean,
  certificate: string | undefined,
): Monitoring | undefined {
  const v = config.keyValues;
  if (!v["metrics.enabled"]) return undefined;
  const port = v["metrics.port"];
  const monitorLabels: Record<string, string> = { ...labels.common, ...Object.fromEntries(v["metrics.labels"].map(labelOf)) };
  const scope = { namespace: n.namespace, statefulSet: n.statefulSet, hostname: config.hostname };
  // Grafana's uid holds at most 40 characters; the namespace and the StatefulSet together may hold more.
  const uid = `obkm-${createHash("sha256").update(`${n.namespace}/${n.statefulSet}`).digest("hex").slice(0, 16)}`;
  return {
    nodeFile: { path: EXPORTER_CONFIG, content: exporterConfig() },
    podMonitor: {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: { name: n.statefulSet, namespace: n.namespace, labels: monitorLabels },
      spec: {
        selector: { matchLabels: labels.selector },
        podMetricsEndpoints: [{ port: METRICS_PORT_NAME, path: "/metrics", scheme: "http" }],
      },
    },
    prometheusRule: {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: n.statefulSet, namespace: n.namespace, labels: monitorLabels },
      spec: { groups: [{ name: `${n.namespace}.${n.statefulSet}`, rules: alertRules({ ...scope, clustering, certificate }) }] },
    },
    dashboard: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: `${n.statefulSet}-dashboard`,
        namespace: n.namespace,
        labels: { ...labels.common, ...Object.fromEntries([labelOf(v["metrics.dashboardLabel"])]) },
      },
      data: { "obkm-key-manager.json": dashboardJson(scope, uid) },
    },
    pod: {
      // Exec form, no shell: the jar's path is the bank's, and the image need hold only cp.
      initContainer: (resources) => ({
        name: COPY_CONTAINER_NAME,
        image: v["metrics.exporterImage"],
        imagePullPolicy: config.imagePullPolicy,
        command: ["cp", v["metrics.exporterJar"], EXPORTER_JAR],
        securityContext: containerSecurityContext,
        resources,
        volumeMounts: [{ name: EXPORTER_VOLUME, mountPath: EXPORTER_DIR }],
      }),
      volume: { name: EXPORTER_VOLUME, emptyDir: {} },
      volumeMount: { name: EXPORTER_VOLUME, mountPath: EXPORTER_DIR, readOnly: true },
      port: { name: METRICS_PORT_NAME, port },
      // <port>:<config>: the agent's HTTP server on every address of the pod (prometheus/jmx_exporter v1.6.0
      // website/versioned_docs/version-1.5.0/deployment/java-agent.md, "Argument formats").
      env: { name: EXPORTER_JAVA_OPTS_ENV, value: `-javaagent:${EXPORTER_JAR}=${port}:${config.kmHome}/repository/conf/${EXPORTER_CONFIG}` },
    },
    ingressRule: {
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": v["metrics.namespace"] } } }],
      ports: [{ port, protocol: "TCP" }],
    },
  };
}
