// The text prometheus/jmx_exporter matches a rule against, and the rule as it compiles it (v1.6.0,
// collector/src/main/java/io/prometheus/jmx/JmxCollector.java: recordBean builds the text, the rules' loading
// compiles "^.*(?:" + pattern + ").*$"). Shared by tests/monitoring.test.ts and the integration suite's run
// of the same patterns through Java's own Pattern.
import type { JmxMetric } from "../../plan/monitoring/metrics";

/**
 * The domain, the key properties as LinkedHashMap.toString writes them with its braces turned to angle
 * brackets (angleBrackets), the attribute keys likewise (none for a plain attribute: "<>"), the attribute's
 * name, ": " and the value.
 */
export function matchName(sample: JmxMetric["sample"]): string {
  const properties = sample.properties.map(([k, v]) => `${k}=${v}`).join(", ");
  return `${sample.domain}<${properties}><>${sample.attribute}: ${sample.value}`;
}

/** The rule's pattern as JmxCollector compiles it. */
export const asCompiled = (pattern: string) => `^.*(?:${pattern}).*$`;
