// The one list of the metrics obkm's monitoring reads: the exporter's rules (exporter-config.ts), the alerts
// (alerts.ts) and the dashboard (dashboard.ts) all take their metric names from here, and
// tests/monitoring.test.ts fails on a query that names a metric this list does not produce.
//
// The KM's metrics come from the Prometheus JMX exporter as a Java agent (prometheus/jmx_exporter v1.6.0).
// Each rule's pattern is matched against the text JmxCollector builds for every attribute of an included
// MBean (collector/src/main/java/io/prometheus/jmx/JmxCollector.java, recordBean):
//   <domain><<key properties, in the ObjectName's own order, "k=v" joined by ", ">><<attribute keys>><attribute>: <value>
// e.g. `Catalina<type=ThreadPool, name="http-nio-9766"><>currentThreadsBusy: 3`; a quoted property value keeps
// its quotes. The pattern is compiled as `^.*(?:PATTERN).*$` (JmxCollector.java, the rules' loading), so
// each of ours starts with `^` to pin the domain to the start. A rule's `name` is passed through
// client_java's PrometheusNaming.sanitizeMetricName, which strips a `_total` suffix (client_java v1.7.0,
// prometheus-metrics-model/.../PrometheusNaming.java), and the text writer adds `_total` to every counter
// (PrometheusTextFormatWriter.resolveExpositionName): so no name here ends in a reserved suffix, and a
// counter is queried by `exposedName`.

export type ExporterType = "GAUGE" | "COUNTER";

/** Where a metric's MBeans are: the ObjectName patterns the exporter's includeObjectNames lists. */
export const MBEAN_SOURCES = {
  // Carbon registers each datasource's tomcat-jdbc pool (org.apache.tomcat.jdbc.pool.jmx.ConnectionPool) as
  // `<datasource name>,<tenant id>:type=DataSource` in the platform MBean server, when the datasource's
  // jmxEnabled is true (carbon-kernel v4.4.39 core/org.wso2.carbon.ndatasource.rdbms/.../RDBMSDataSource.java,
  // registerMBean; DataSourceRepository sets the id as "<tenant>:<name>"). RDBMSDataSourceUtils reads a
  // missing jmxEnabled as false, so the datasource files set it (plan/database/datasources.ts).
  datasource: "*:type=DataSource",
  // Carbon's javax.cache caches: org.wso2.carbon:type=Cache,tenant=<domain>,manager=<manager>,name=<cache>
  // (carbon-kernel v4.4.39 core/javax.cache/.../CacheImpl.java, registerMBean; attributes of
  // CacheMXBeanImpl: CacheHits, CacheMisses...).
  cache: "org.wso2.carbon:type=Cache,*",
  // Hazelcast 3.5 (carbon-kernel v4.4.39 parent/pom.xml, orbit.version.hazelcast 3.5.4.wso2v2) registers
  // com.hazelcast:instance=...,type=HazelcastInstance,name=... only with hazelcast.jmx=true, which
  // plan/hazelcast-properties.ts writes when metrics are on. Its ObjectName is built from a Hashtable, so the
  // order of its properties is not fixed, and whether a value is quoted depends on its characters: the
  // pattern below takes any order and either form. Attribute memberCount, "size of the cluster"
  // (com.hazelcast.jmx.InstanceMBean.getMemberCount).
  hazelcast: "com.hazelcast:*",
  // Tomcat 7's connectors, registered by AbstractProtocol.init as Catalina:type=ThreadPool,name="<protocol>-<port>"
  // and Catalina:type=GlobalRequestProcessor,name=... (apache/tomcat 7.0.109 java/org/apache/coyote/
  // AbstractProtocol.java; getName() quotes the name). The engine of catalina-server.xml is named Catalina.
  threadPool: "Catalina:type=ThreadPool,*",
  requestProcessor: "Catalina:type=GlobalRequestProcessor,*",
} as const;

export type MBeanSource = keyof typeof MBEAN_SOURCES;

export interface JmxMetric {
  /** The rule's name: what the exporter exposes, `_total` added for a counter (exposedName). */
  name: string;
  type: ExporterType;
  help: string;
  source: MBeanSource;
  /** The rule's Java regular expression over the text recordBean builds (above). */
  pattern: string;
  /** The labels the rule sets, each from a group of the pattern. */
  labels: Record<string, string>;
  /** A sample MBean of the source, as the tests build the text the pattern must match. */
  sample: { domain: string; properties: Array<[string, string]>; attribute: string; value: number };
}

// The datasource's name and tenant id are its MBean's domain: "WSO2AM_DB,-1234".
const datasourceAttribute = (attribute: string) => `^([^<,]+),(-?[0-9]+)<type=DataSource><>${attribute}: `;
const datasourceLabels = { datasource: "$1", tenant: "$2" };
const datasourceSample = (attribute: string, value: number): JmxMetric["sample"] => ({
  domain: "WSO2AM_DB,-1234",
  properties: [["type", "DataSource"]],
  attribute,
  value,
});
const connectorAttribute = (type: string, attribute: string) => `^Catalina<type=${type}, name="?([^",>]+)"?><>${attribute}: `;
const connectorSample = (type: string, attribute: string, value: number): JmxMetric["sample"] => ({
  domain: "Catalina",
  properties: [
    ["type", type],
    ["name", '"https-nio-9446"'],
  ],
  attribute,
  value,
});
const cacheAttribute = (attribute: string) => `^org\\.wso2\\.carbon<type=Cache, tenant=([^,>]+), manager=([^,>]+), name=([^,>]+)><>${attribute}: `;
const cacheLabels = { tenant: "$1", manager: "$2", cache: "$3" };
const cacheSample = (attribute: string, value: number): JmxMetric["sample"] => ({
  domain: "org.wso2.carbon",
  properties: [
    ["type", "Cache"],
    ["tenant", "carbon.super"],
    ["manager", "IdentityApplicationManagementCacheManager"],
    ["name", "AppInfoCache"],
  ],
  attribute,
  value,
});

export const JMX_METRICS = {
  datasourceActive: {
    name: "obkm_datasource_active_connections",
    type: "GAUGE",
    help: "Connections of the datasource's pool in use (tomcat-jdbc Active).",
    source: "datasource",
    pattern: datasourceAttribute("Active"),
    labels: datasourceLabels,
    sample: datasourceSample("Active", 3),
  },
  datasourceIdle: {
    name: "obkm_datasource_idle_connections",
    type: "GAUGE",
    help: "Idle connections of the datasource's pool (tomcat-jdbc Idle).",
    source: "datasource",
    pattern: datasourceAttribute("Idle"),
    labels: datasourceLabels,
    sample: datasourceSample("Idle", 7),
  },
  datasourceMax: {
    name: "obkm_datasource_max_connections",
    type: "GAUGE",
    help: "The most connections the datasource's pool opens (its maxActive).",
    source: "datasource",
    pattern: datasourceAttribute("MaxActive"),
    labels: datasourceLabels,
    sample: datasourceSample("MaxActive", 50),
  },
  datasourceWaiting: {
    name: "obkm_datasource_waiting_threads",
    type: "GAUGE",
    help: "Threads waiting for a connection of the datasource's pool (tomcat-jdbc WaitCount).",
    source: "datasource",
    pattern: datasourceAttribute("WaitCount"),
    labels: datasourceLabels,
    sample: datasourceSample("WaitCount", 0),
  },
  hazelcastMembers: {
    name: "obkm_hazelcast_members",
    type: "GAUGE",
    help: "Members of the Hazelcast cluster this node sees (memberCount).",
    source: "hazelcast",
    // type=HazelcastInstance, quoted or not, anywhere among the properties.
    pattern: '^com\\.hazelcast<(?:[^>]*, )?type="?HazelcastInstance"?(?:, [^>]*)?><>memberCount: ',
    labels: {},
    sample: {
      domain: "com.hazelcast",
      properties: [
        ["instance", "_hzInstance_1_wso2.obkm.domain"],
        ["type", "HazelcastInstance"],
        ["name", "_hzInstance_1_wso2.obkm.domain"],
      ],
      attribute: "memberCount",
      value: 2,
    },
  },
  tomcatThreadsBusy: {
    name: "obkm_tomcat_threads_busy",
    type: "GAUGE",
    help: "Request threads of the connector at work (currentThreadsBusy).",
    source: "threadPool",
    pattern: connectorAttribute("ThreadPool", "currentThreadsBusy"),
    labels: { connector: "$1" },
    sample: connectorSample("ThreadPool", "currentThreadsBusy", 12),
  },
  tomcatThreadsMax: {
    name: "obkm_tomcat_threads_max",
    type: "GAUGE",
    help: "The most request threads the connector runs (maxThreads).",
    source: "threadPool",
    pattern: connectorAttribute("ThreadPool", "maxThreads"),
    labels: { connector: "$1" },
    sample: connectorSample("ThreadPool", "maxThreads", 250),
  },
  tomcatRequests: {
    name: "obkm_tomcat_requests",
    type: "COUNTER",
    help: "Requests the connector has served (requestCount).",
    source: "requestProcessor",
    pattern: connectorAttribute("GlobalRequestProcessor", "requestCount"),
    labels: { connector: "$1" },
    sample: connectorSample("GlobalRequestProcessor", "requestCount", 1024),
  },
  tomcatErrors: {
    name: "obkm_tomcat_errors",
    type: "COUNTER",
    help: "Requests of the connector that ended in an error (errorCount).",
    source: "requestProcessor",
    pattern: connectorAttribute("GlobalRequestProcessor", "errorCount"),
    labels: { connector: "$1" },
    sample: connectorSample("GlobalRequestProcessor", "errorCount", 4),
  },
  cacheHits: {
    name: "obkm_cache_hits",
    type: "COUNTER",
    help: "Hits of the Carbon cache (CacheHits).",
    source: "cache",
    pattern: cacheAttribute("CacheHits"),
    labels: cacheLabels,
    sample: cacheSample("CacheHits", 900),
  },
  cacheMisses: {
    name: "obkm_cache_misses",
    type: "COUNTER",
    help: "Misses of the Carbon cache (CacheMisses).",
    source: "cache",
    pattern: cacheAttribute("CacheMisses"),
    labels: cacheLabels,
    sample: cacheSample("CacheMisses", 100),
  },
} as const satisfies Record<string, JmxMetric>;

/**
 * The JVM's own metrics, which the agent registers besides the rules (client_java 1.7.0's JvmMetrics, the
 * version jmx_exporter v1.6.0's pom.xml names; off only with excludeJvmMetrics): the few obkm reads.
 * prometheus-metrics-instrumentation-jvm: JvmMemoryMetrics (area "heap" or "nonheap"),
 * JvmGarbageCollectorMetrics (a summary per collector, label gc), JvmThreadsMetrics.
 */
export const JVM_METRICS = {
  memoryUsed: { name: "jvm_memory_used_bytes", type: "GAUGE", labels: ["area"] },
  memoryMax: { name: "jvm_memory_max_bytes", type: "GAUGE", labels: ["area"] },
  memoryCommitted: { name: "jvm_memory_committed_bytes", type: "GAUGE", labels: ["area"] },
  gcSecondsCount: { name: "jvm_gc_collection_seconds_count", type: "COUNTER", labels: ["gc"] },
  gcSecondsSum: { name: "jvm_gc_collection_seconds_sum", type: "COUNTER", labels: ["gc"] },
  threads: { name: "jvm_threads_current", type: "GAUGE", labels: [] },
} as const;

/**
 * Metrics of others that the alerts read, each from the exporter a bank's kube-prometheus-stack runs:
 *  - kube-state-metrics: kube_statefulset_status_replicas_ready{namespace, statefulset} and
 *    kube_pod_status_ready{namespace, pod, uid, condition} (kubernetes/kube-state-metrics v2.20.0
 *    internal/store/statefulset.go, descStatefulSetLabelsDefaultLabels; internal/store/pod.go);
 *  - ingress-nginx: nginx_ingress_controller_requests{host, status, ingress, ...}, a counter whose `host`
 *    label exists with --metrics-per-host (the default) and whose status is "503", or "5xx" with
 *    --report-status-classes (kubernetes/ingress-nginx controller-v1.15.1 internal/ingress/metric/collectors/
 *    socket.go, requestTags and the status classes; main.go PrometheusNamespace);
 *  - cert-manager: certmanager_certificate_expiration_timestamp_seconds{name, namespace, issuer_name...}
 *    (cert-manager v1.21.1 internal/collectors/certificate_collector.go, pkg/metrics/certificates_test.go);
 *  - Prometheus itself: `up` of each target.
 */
export const EXTERNAL_METRICS = {
  statefulSetReady: { name: "kube_statefulset_status_replicas_ready", from: "kube-state-metrics" },
  podReady: { name: "kube_pod_status_ready", from: "kube-state-metrics" },
  ingressRequests: { name: "nginx_ingress_controller_requests", from: "ingress-nginx" },
  certificateExpiry: { name: "certmanager_certificate_expiration_timestamp_seconds", from: "cert-manager" },
  up: { name: "up", from: "Prometheus" },
} as const;

/** The name a metric has in Prometheus: a counter's with `_total`, as client_java's text writer writes it. */
export function exposedName(metric: { name: string; type: ExporterType }): string {
  return metric.type === "COUNTER" ? `${metric.name}_total` : metric.name;
}

/** Every name a query of ours may use. */
export function knownMetricNames(): Set<string> {
  return new Set([
    ...Object.values(JMX_METRICS).map(exposedName),
    ...Object.values(JVM_METRICS).map((m) => m.name),
    ...Object.values(EXTERNAL_METRICS).map((m) => m.name),
  ]);
}
