// The JMX exporter's configuration, a node file the agent reads at the JVM's start, built from the metric
// list (metrics.ts). Keys as prometheus/jmx_exporter v1.6.0 reads them (collector/src/main/java/io/prometheus/
// jmx/JmxCollector.java, loadConfig): includeObjectNames limits the MBeans the exporter reads at each scrape to
// the domains the rules read (a Carbon server registers thousands of MBeans); lowercaseOutputName stays off,
// so the names are exactly the list's; each rule's pattern, name, type, help and labels.
import { stringify } from "yaml";
import { JMX_METRICS, MBEAN_SOURCES } from "./metrics";

/** Its path under repository/conf, where the start script installs every node file. */
export const EXPORTER_CONFIG = "obkm-jmx-exporter.yaml";

export function exporterConfig(): string {
  const metrics = Object.values(JMX_METRICS);
  const sources = [...new Set(metrics.map((m) => m.source))];
  const config = {
    lowercaseOutputName: false,
    lowercaseOutputLabelNames: false,
    includeObjectNames: sources.map((s) => MBEAN_SOURCES[s]),
    rules: metrics.map((m) => ({
      pattern: m.pattern,
      name: m.name,
      type: m.type,
      help: m.help,
      ...(Object.keys(m.labels).length ? { labels: m.labels } : {}),
    })),
  };
  return `# Written by obkm from its list of metrics (plan/monitoring/metrics.ts).\n${stringify(config, { lineWidth: 0 })}`;
}
