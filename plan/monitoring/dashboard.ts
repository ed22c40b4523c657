// The Grafana dashboard, as JSON for the Grafana sidecar (a ConfigMap carrying its label, plan/monitoring/
// index.ts): every query from the metric list (metrics.ts), scoped to the stack's namespace and nodes.
// Grafana's dashboard JSON model: a title, a uid, panels with gridPos and targets of PromQL `expr`; the data
// source left to the default Prometheus of the Grafana that loads it.
import { EXTERNAL_METRICS, exposedName, JMX_METRICS, JVM_METRICS } from "./metrics";

export interface DashboardScope {
  namespace: string;
  statefulSet: string;
  hostname: string;
}

interface Panel {
  title: string;
  unit: string;
  targets: Array<{ expr: string; legendFormat: string }>;
}

const q = (value: string) => JSON.stringify(value);

export function dashboardPanels(scope: DashboardScope): Panel[] {
  const pods = `namespace=${q(scope.namespace)}, pod=~${q(`${scope.statefulSet}-[0-9]+`)}`;
  const m = JMX_METRICS;
  const rate = (metric: { name: string; type: "COUNTER" | "GAUGE" }, labels = pods) => `rate(${exposedName(metric)}{${labels}}[5m])`;
  return [
    {
      title: "Heap used and max",
      unit: "bytes",
      targets: [
        { expr: `${JVM_METRICS.memoryUsed.name}{${pods}, area="heap"}`, legendFormat: "{{pod}} used" },
        { expr: `${JVM_METRICS.memoryMax.name}{${pods}, area="heap"}`, legendFormat: "{{pod}} max" },
      ],
    },
    {
      title: "Time in garbage collection",
      unit: "percentunit",
      targets: [{ expr: `sum by (pod) (rate(${JVM_METRICS.gcSecondsSum.name}{${pods}}[5m]))`, legendFormat: "{{pod}}" }],
    },
    {
      title: "Hazelcast members each node sees, and ready nodes",
      unit: "short",
      targets: [
        { expr: `${m.hazelcastMembers.name}{${pods}}`, legendFormat: "{{pod}}" },
        {
          expr: `${EXTERNAL_METRICS.statefulSetReady.name}{namespace=${q(scope.namespace)}, statefulset=${q(scope.statefulSet)}}`,
          legendFormat: "ready",
        },
      ],
    },
    {
      title: "Requests and errors per second",
      unit: "reqps",
      targets: [
        { expr: `sum by (pod) (${rate(m.tomcatRequests)})`, legendFormat: "{{pod}} requests" },
        { expr: `sum by (pod) (${rate(m.tomcatErrors)})`, legendFormat: "{{pod}} errors" },
      ],
    },
    {
      title: "Busy request threads",
      unit: "short",
      targets: [
        { expr: `${m.tomcatThreadsBusy.name}{${pods}}`, legendFormat: "{{pod}} {{connector}}" },
        { expr: `${m.tomcatThreadsMax.name}{${pods}}`, legendFormat: "{{pod}} {{connector}} max" },
      ],
    },
    {
      title: "Datasource connections in use",
      unit: "short",
      targets: [
        { expr: `${m.datasourceActive.name}{${pods}}`, legendFormat: "{{pod}} {{datasource}} active" },
        { expr: `${m.datasourceIdle.name}{${pods}}`, legendFormat: "{{pod}} {{datasource}} idle" },
        { expr: `${m.datasourceMax.name}{${pods}}`, legendFormat: "{{pod}} {{datasource}} max" },
        { expr: `${m.datasourceWaiting.name}{${pods}}`, legendFormat: "{{pod}} {{datasource}} waiting" },
      ],
    },
    {
      title: "Cache hit ratio",
      unit: "percentunit",
      targets: [
        {
          expr: `sum by (cache) (${rate(m.cacheHits)}) / (sum by (cache) (${rate(m.cacheHits)}) + sum by (cache) (${rate(m.cacheMisses)}))`,
          legendFormat: "{{cache}}",
        },
      ],
    },
    {
      title: `5xx answers at the ingress for ${scope.hostname}`,
      unit: "reqps",
      targets: [
        {
          expr: `sum by (status) (rate(${EXTERNAL_METRICS.ingressRequests.name}{host=${q(scope.hostname)}, status=~"5.."}[5m]))`,
          legendFormat: "{{status}}",
        },
      ],
    },
    {
      title: "Nodes scraped",
      unit: "short",
      targets: [{ expr: `sum(${EXTERNAL_METRICS.up.name}{${pods}})`, legendFormat: "up" }],
    },
  ];
}

/** The dashboard's JSON: two panels a row, each a time series. */
export function dashboardJson(scope: DashboardScope, uid: string): string {
  const panels = dashboardPanels(scope).map((panel, i) => ({
    id: i + 1,
    type: "timeseries",
    title: panel.title,
    gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
    fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
    targets: panel.targets.map((t, j) => ({ refId: String.fromCharCode(65 + j), expr: t.expr, legendFormat: t.legendFormat })),
  }));
  const dashboard = {
    uid,
    title: `Key Manager ${scope.namespace}/${scope.statefulSet}`,
    tags: ["obkm"],
    timezone: "utc",
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    refresh: "1m",
    panels,
  };
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
