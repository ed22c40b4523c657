// The alerts, as one PrometheusRule group (monitoring.coreos.com/v1, prometheus-operator), each from the
// metric list's names (metrics.ts) and each with its runbook in docs/operations.md, "Monitoring", which
// its runbook_url names. tests/integration/alert-rules.test.ts runs promtool's check and test on them, with
// series that must fire and series that must not.
import { EXTERNAL_METRICS, JMX_METRICS, JVM_METRICS } from "./metrics";

/** Where the alerts look: the stack's namespace, its StatefulSet, its public host, its node certificate. */
export interface AlertScope {
  namespace: string;
  statefulSet: string;
  hostname: string;
  /** Hazelcast clusters the nodes (the caching scenario's clustering). */
  clustering: boolean;
  /** The nodes' cert-manager Certificate, when the stack renders one (keystores.tls.issuer). */
  certificate?: string;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "critical" | "warning" };
  annotations: { summary: string; description: string; runbook_url: string };
}

/** The docs' section of the runbooks: one heading per alert, named as the alert. */
export const RUNBOOK_DOC = "docs/operations.md";
export const runbookUrl = (alert: string) => `${RUNBOOK_DOC}#${alert.toLowerCase()}`;

/** Heap above this share of its max for HEAP_FOR: the collector no longer frees enough. */
export const HEAP_RATIO = 0.9;
/** 5xx answers above this share of the host's requests. */
export const ERROR_RATIO = 0.05;
/**
 * Days before expiry: the node Certificate renews 30 days before it expires (plan/keystores/certificate.ts,
 * renewBefore 720h), so 21 days left means a renewal has failed for 9 days.
 */
export const CERTIFICATE_DAYS = 21;

const q = (value: string) => JSON.stringify(value);

export function alertRules(scope: AlertScope): AlertRule[] {
  const ns = `namespace=${q(scope.namespace)}`;
  const pods = `${ns}, pod=~${q(`${scope.statefulSet}-[0-9]+`)}`;
  const rule = (alert: string, severity: "critical" | "warning", expr: string, forTime: string, summary: string, description: string): AlertRule => ({
    alert,
    expr,
    for: forTime,
    labels: { severity },
    annotations: { summary, description, runbook_url: runbookUrl(alert) },
  });
  const m = JMX_METRICS;
  const host = `host=${q(scope.hostname)}`;
  return [
    ...(scope.clustering
      ? [
          // Each node's own count of Hazelcast members against the StatefulSet's ready pods: a node that
          // sees fewer members than there are ready pods is cut off from some of them (a split, or a node
          // that never joined). A node that left is no longer ready, so a clean restart does not fire; the
          // minutes of `for` cover a node that is ready a moment before the others see it join.
          rule(
            "ObkmHazelcastSplit",
            "critical",
            `${m.hazelcastMembers.name}{${pods}} < on (namespace) group_left () max by (namespace) (${EXTERNAL_METRICS.statefulSetReady.name}{${ns}, statefulset=${q(scope.statefulSet)}})`,
            "5m",
            "Key Manager node {{ $labels.pod }} sees {{ $value }} Hazelcast members, fewer than the ready nodes",
            "The node's Hazelcast cluster holds fewer members than the StatefulSet has ready pods: the cluster is split, and caches and sessions diverge between its parts.",
          ),
        ]
      : []),
    rule(
      "ObkmNodeNotReady",
      "warning",
      `${EXTERNAL_METRICS.podReady.name}{${pods}, condition="true"} == 0`,
      "15m",
      "Key Manager node {{ $labels.pod }} has not been ready for 15 minutes",
      "The pod fails its readiness probe: it takes no traffic, and the cluster runs with one node fewer.",
    ),
    rule(
      "ObkmHeapNearMax",
      "warning",
      `${JVM_METRICS.memoryUsed.name}{${pods}, area="heap"} / ${JVM_METRICS.memoryMax.name}{${pods}, area="heap"} > ${HEAP_RATIO}`,
      "15m",
      "Key Manager node {{ $labels.pod }} has used over 90% of its heap for 15 minutes",
      "The garbage collector no longer frees enough of the heap; the node slows down and may fail with OutOfMemoryError.",
    ),
    rule(
      "ObkmDatasourcePoolExhausted",
      "critical",
      `(${m.datasourceActive.name}{${pods}} >= ${m.datasourceMax.name}{${pods}}) and ${m.datasourceWaiting.name}{${pods}} > 0`,
      "5m",
      "Datasource {{ $labels.datasource }} of node {{ $labels.pod }} has every connection in use and threads waiting",
      "Every connection of the pool is in use and requests wait for one: they time out after the pool's maxWait.",
    ),
    rule(
      "ObkmIngress5xx",
      "critical",
      `sum(rate(${EXTERNAL_METRICS.ingressRequests.name}{${host}, status=~"5.."}[5m])) / sum(rate(${EXTERNAL_METRICS.ingressRequests.name}{${host}}[5m])) > ${ERROR_RATIO}`,
      "10m",
      `Over 5% of the requests to ${scope.hostname} end in a 5xx answer`,
      "The ingress controller answers 5xx to more than 5% of the Key Manager's requests: nodes fail, or none is reachable.",
    ),
    ...(scope.certificate
      ? [
          rule(
            "ObkmCertificateExpiring",
            "warning",
            `${EXTERNAL_METRICS.certificateExpiry.name}{${ns}, name=${q(scope.certificate)}} - time() < ${CERTIFICATE_DAYS} * 86400`,
            "1h",
            `The nodes' certificate ${scope.certificate} expires in less than ${CERTIFICATE_DAYS} days`,
            "cert-manager should have renewed it 30 days before its expiry; the renewal fails.",
          ),
        ]
      : []),
  ];
}
