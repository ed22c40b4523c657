// Metrics, alerts and the dashboard (metrics.enabled, plan/monitoring/): the exporter's rules match the MBeans
// the KM registers, as JmxCollector matches them, every query names a metric the one list produces, and the
// keys refuse what cannot work.
import { NODE_PORTS } from "../config/monitoring-checks";
import { javaRegex } from "../lib/java-regex";
import { alertRules } from "../plan/monitoring/alerts";
import { dashboardJson, dashboardPanels } from "../plan/monitoring/dashboard";
import { METRICS_PORT_NAME } from "../plan/monitoring";
import { exporterConfig } from "../plan/monitoring/exporter-config";
import { EXTERNAL_METRICS, exposedName, JMX_METRICS, JmxMetric, knownMetricNames, MBEAN_SOURCES } from "../plan/monitoring/metrics";
import { ports, PORT_OFFSET } from "../plan/ports";
import { parse as parseYaml } from "yaml";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { loadMinimal, minimalProblems } from "./helpers/cli-config";
import { planOf } from "./helpers/plan";
import { metricNamesIn } from "./helpers/promql-names";
import { asCompiled, matchName } from "./helpers/jmx-match-name";
import { validateObjects, PROD_EXTERNAL } from "./helpers/k8s-validate";

const compiled = (pattern: string) => javaRegex(asCompiled(pattern));

/** Java's Matcher.replaceAll of a "$n" template over the match, for the label values (JS groups are Java's here). */
function labelValues(metric: JmxMetric, text: string): Record<string, string> {
  const match = new RegExp(metric.pattern).exec(text);
  if (!match) throw new Error(`${metric.name}: no match`);
  return Object.fromEntries(
    Object.entries(metric.labels).map(([label, template]) => [label, template.replace(/\$(\d)/g, (_, g: string) => match[Number(g)] ?? "")]),
  );
}

const metrics: JmxMetric[] = Object.values(JMX_METRICS);

describe("plan/monitoring/metrics.ts", () => {
  it.each(metrics.map((m) => [m.name, m] as const))("%s matches its MBean's attribute, as the exporter builds the text", (_name, metric) => {
    expect(compiled(metric.pattern).matches(matchName(metric.sample))).toBe(true);
  });

  it("each rule matches its own attribute only: no other metric's sample", () => {
    for (const metric of metrics) {
      const others = metrics.filter((m) => m !== metric && m.sample.attribute !== metric.sample.attribute);
      for (const other of others) expect([metric.name, compiled(metric.pattern).matches(matchName(other.sample))]).toEqual([metric.name, false]);
    }
  });

  it("labels the datasource pools by name and tenant, the connectors by their name without Tomcat's quotes, the caches by tenant, manager and name", () => {
    const m = JMX_METRICS;
    expect(labelValues(m.datasourceActive, matchName(m.datasourceActive.sample))).toEqual({ datasource: "WSO2AM_DB", tenant: "-1234" });
    expect(labelValues(m.tomcatRequests, matchName(m.tomcatRequests.sample))).toEqual({ connector: "https-nio-9446" });
    expect(labelValues(m.cacheHits, matchName(m.cacheHits.sample))).toEqual({
      tenant: "carbon.super",
      manager: "IdentityApplicationManagementCacheManager",
      cache: "AppInfoCache",
    });
  });

  it("finds Hazelcast's instance MBean whatever the order of its properties and whether its type is quoted", () => {
    const rule = compiled(JMX_METRICS.hazelcastMembers.pattern);
    const props: Array<[string, string]> = [
      ["instance", "_hzInstance_1_wso2.obkm.domain"],
      ["type", "HazelcastInstance"],
      ["name", "_hzInstance_1_wso2.obkm.domain"],
    ];
    const orders = [
      [0, 1, 2],
      [1, 0, 2],
      [2, 0, 1],
      [0, 2, 1],
    ];
    for (const order of orders) {
      for (const quoted of [false, true]) {
        const properties = order.map((i): [string, string] => (i === 1 && quoted ? ["type", '"HazelcastInstance"'] : props[i]));
        expect(rule.matches(matchName({ domain: "com.hazelcast", properties, attribute: "memberCount", value: 3 }))).toBe(true);
      }
    }
    // A map's MBean of the same instance is not the instance.
    const map = {
      domain: "com.hazelcast",
      properties: [
        ["instance", "x"],
        ["type", "IMap"],
        ["name", "HazelcastInstance"],
      ] as Array<[string, string]>,
      attribute: "memberCount",
      value: 3,
    };
    expect(rule.matches(matchName(map))).toBe(false);
  });

  it("writes every rule and reads only the MBean domains the rules read", () => {
    const config = parseYaml(exporterConfig()) as {
      includeObjectNames: string[];
      rules: Array<{ pattern: string; name: string; type: string; labels?: Record<string, string> }>;
    };
    expect(config.rules.map((r) => r.name)).toEqual(metrics.map((m) => m.name));
    expect(config.rules.map((r) => r.pattern)).toEqual(metrics.map((m) => m.pattern));
    expect(new Set(config.includeObjectNames)).toEqual(new Set(metrics.map((m) => MBEAN_SOURCES[m.source])));
  });

  it("names no metric with a suffix client_java strips (PrometheusNaming.RESERVED_METRIC_NAME_SUFFIXES), and exposes counters with _total", () => {
    for (const metric of metrics) expect(metric.name).not.toMatch(/(?:_total|_created|_bucket|_info)$/);
    expect(exposedName(JMX_METRICS.tomcatRequests)).toBe("obkm_tomcat_requests_total");
    expect(exposedName(JMX_METRICS.hazelcastMembers)).toBe("obkm_hazelcast_members");
  });
});

const prod = planOf([]);

describe("plan/monitoring/alerts.ts", () => {
  const known = knownMetricNames();
  const scopes = [
    { namespace: "openbanking-km", statefulSet: "obkm-km", hostname: "km.bank.example", clustering: true, certificate: "obkm-km-node-tls" },
  ];

  it("the metric-name reader finds names and skips functions, labels and grouping clauses", () => {
    expect(metricNamesIn('sum by (pod) (rate(a_total{x="y z"}[5m])) / on (namespace) group_left () b > 0.9 and c unless d')).toEqual([
      "a_total",
      "b",
      "c",
      "d",
    ]);
  });

  it.each(scopes)("every alert expression names listed metrics only", (scope) => {
    const rules = alertRules(scope);
    expect(rules.map((r) => r.alert)).toEqual([
      "ObkmHazelcastSplit",
      "ObkmNodeNotReady",
      "ObkmHeapNearMax",
      "ObkmDatasourcePoolExhausted",
      "ObkmIngress5xx",
      "ObkmCertificateExpiring",
    ]);
    for (const rule of rules)
      for (const name of metricNamesIn(rule.expr)) expect([rule.alert, name, known.has(name)]).toEqual([rule.alert, name, true]);
  });

  it("the rendered PrometheusRule and dashboard are those of the stack's scope", () => {
    const monitoring = prod.monitoring!;
    const rules = monitoring.prometheusRule.spec.groups[0].rules;
    expect(rules).toEqual(
      alertRules({
        namespace: "openbanking-km",
        statefulSet: "obkm-km",
        hostname: "km.openbanking.bank.example",
        clustering: true,
        certificate: "obkm-km-node-tls",
      }),
    );
    for (const rule of rules) expect(rule.expr).not.toContain("undefined");
  });

  it("leaves out the split alert without Hazelcast and the certificate alert without a Certificate", () => {
    const rules = alertRules({ namespace: "n", statefulSet: "s", hostname: "h.example", clustering: false });
    expect(rules.map((r) => r.alert)).not.toContain("ObkmHazelcastSplit");
    expect(rules.map((r) => r.alert)).not.toContain("ObkmCertificateExpiring");
  });

  it("gives each alert a runbook paragraph in docs/operations.md, under the heading its runbook_url names", () => {
    const docs = fs.readFileSync(path.join(PROJECT_DIR, "docs/operations.md"), "utf8");
    const headings = new Set([...docs.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].trim().toLowerCase()));
    for (const rule of prod.monitoring!.prometheusRule.spec.groups[0].rules) {
      expect(rule.annotations.runbook_url).toBe(`docs/operations.md#${rule.alert.toLowerCase()}`);
      expect([rule.alert, headings.has(rule.alert.toLowerCase())]).toEqual([rule.alert, true]);
    }
  });

  it("names the external metrics as their exporters do", () => {
    expect(Object.values(EXTERNAL_METRICS).map((m) => m.name)).toEqual([
      "kube_statefulset_status_replicas_ready",
      "kube_pod_status_ready",
      "nginx_ingress_controller_requests",
      "certmanager_certificate_expiration_timestamp_seconds",
      "up",
    ]);
  });
});

describe("plan/monitoring/dashboard.ts", () => {
  const known = knownMetricNames();
  const scopes = [
    { namespace: "openbanking-km", statefulSet: "obkm-km", hostname: "km.bank.example", clustering: true, certificate: "obkm-km-node-tls" },
  ];

  it.each(scopes)("every dashboard query names listed metrics only, and every JMX metric has a panel", (scope) => {
    const used = new Set<string>();
    for (const panel of dashboardPanels(scope))
      for (const target of panel.targets)
        for (const name of metricNamesIn(target.expr)) {
          expect([panel.title, name, known.has(name)]).toEqual([panel.title, name, true]);
          used.add(name);
        }
    for (const metric of metrics) expect([metric.name, used.has(exposedName(metric))]).toEqual([metric.name, true]);
  });

  it("writes the panels into one dashboard JSON, under the uid it is given", () => {
    const json = JSON.parse(dashboardJson(scopes[0], "obkm-test"));
    expect(json.uid).toBe("obkm-test");
    expect(json.panels.map((p: { title: string }) => p.title)).toEqual(dashboardPanels(scopes[0]).map((p) => p.title));
  });
});

describe("plan/monitoring/exporter-config.ts", () => {
  it("holds the list's rules, in its order, and reads only the MBean domains they name", () => {
    const config = parseYaml(exporterConfig());
    expect(config.rules.map((r: { pattern: string }) => r.pattern)).toEqual(metrics.map((m) => m.pattern));
    expect(Array.isArray(config.includeObjectNames)).toBe(true);
    expect(config.includeObjectNames.length).toBeGreaterThan(0);
  });
});

describe("plan/monitoring/index.ts", () => {
  const sts = prod.statefulSet({ credentials: "c", keystores: "k" }) as any;
  const pod = sts.spec.template.spec;
  const main = pod.containers[0];

  it("copy the agent's jar from the bank's image into an emptyDir, without a shell and without a download", () => {
    const copy = pod.initContainers.find((c: any) => c.name === "copy-jmx-exporter");
    expect(copy.image).toBe(`registry.bank.example/tools/jmx-exporter-agent:1.6.0@sha256:${"3".repeat(64)}`);
    expect(copy.command).toEqual(["cp", "/jmx_prometheus_javaagent-1.6.0.jar", "/opt/obkm-exporter/jmx_prometheus_javaagent.jar"]);
    expect(pod.volumes).toContainEqual({ name: "jmx-exporter", emptyDir: {} });
    expect(main.volumeMounts).toContainEqual({ name: "jmx-exporter", mountPath: "/opt/obkm-exporter", readOnly: true });
  });

  it("start the agent on the metrics port with the exporter's node file, which the start script adds to JAVA_OPTS", () => {
    expect(main.ports).toContainEqual({ name: "metrics", containerPort: 9404, protocol: "TCP" });
    expect(main.env).toContainEqual({
      name: "OBKM_EXPORTER_JAVA_OPTS",
      value:
        "-javaagent:/opt/obkm-exporter/jmx_prometheus_javaagent.jar=9404:/home/wso2carbon/wso2-obkm-1.4.0/repository/conf/obkm-jmx-exporter.yaml",
    });
    const start = prod.nodeFilesConfigMap.data as Record<string, string>;
    const script = Object.entries(start).find(([k]) => k.endsWith("start.sh"))![1];
    expect(script).toContain('export JAVA_OPTS="${JAVA_OPTS:+$JAVA_OPTS }$OBKM_EXPORTER_JAVA_OPTS"');
    expect(script).toContain('install_file "$files" obkm-jmx-exporter.yaml');
  });

  it("let only the monitoring namespace reach the metrics port", () => {
    const ingress = (prod.networkPolicy as any).spec.ingress as any[];
    const rule = ingress.find((r) => r.ports.some((p: any) => p.port === 9404));
    expect(rule).toEqual({
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
      ports: [{ port: 9404, protocol: "TCP" }],
    });
    expect(ingress.filter((r) => r.ports.some((p: any) => p.port === 9404))).toHaveLength(1);
  });

  it("label the prometheus-operator objects for the bank's Prometheus and the dashboard for Grafana's sidecar", () => {
    const m = prod.monitoring!;
    expect(m.podMonitor.metadata.labels.release).toBe("kube-prometheus-stack");
    expect(m.prometheusRule.metadata.labels.release).toBe("kube-prometheus-stack");
    expect((m.dashboard as any).metadata.labels).toMatchObject({ grafana_dashboard: "1" });
    expect(m.podMonitor.spec.podMetricsEndpoints).toEqual([{ port: "metrics", path: "/metrics", scheme: "http" }]);
    // The seam: the PodMonitor scrapes the port the node's container names (one constant feeds both).
    expect(main.ports.map((p: { name: string }) => p.name)).toContain(m.podMonitor.spec.podMetricsEndpoints[0].port);
    expect(METRICS_PORT_NAME).toBe(m.podMonitor.spec.podMetricsEndpoints[0].port);
    expect(m.podMonitor.spec.selector.matchLabels).toEqual(sts.spec.selector.matchLabels);
    const set = planOf(["metrics.labels[0]=team=iam", "metrics.dashboardLabel=dashboards=obkm"]).monitoring!;
    expect(set.podMonitor.metadata.labels).toMatchObject({ team: "iam" });
    expect(set.podMonitor.metadata.labels.release).toBeUndefined();
    expect((set.dashboard as any).metadata.labels).toMatchObject({ dashboards: "obkm" });
  });

  it("pass the prometheus-operator CRDs' schema and the API server's rules", () => {
    const m = prod.monitoring!;
    expect(validateObjects([m.podMonitor, m.prometheusRule, m.dashboard], PROD_EXTERNAL)).toEqual([]);
    const broken = { ...m.podMonitor, spec: { ...m.podMonitor.spec, podMetricsEndpoints: [{ port: 9404 }] } };
    expect(validateObjects([broken]).join("\n")).toMatch(/PodMonitor\/obkm-km: schema:.*port/);
  });

  it("turn on the pools' MBeans and Hazelcast's, which the rules read; off, neither is written", () => {
    const on = planOf([]);
    const off = planOf(["metrics.enabled=false"]);
    const file = (p: typeof on, name: string) =>
      (p.nodeFilesConfigMap.data as Record<string, string>)[Object.keys(p.nodeFilesConfigMap.data!).find((k) => k.endsWith(name))!];
    expect(file(on, "hazelcast.properties")).toContain("hazelcast.jmx=true");
    expect(file(off, "hazelcast.properties")).not.toContain("hazelcast.jmx");
    expect(off.monitoring).toBeUndefined();
  });
});

describe("the metrics keys refuse", () => {
  const on = { "obkm:metrics.enabled": "true", "obkm:metrics.exporterImage": "r.example/jmx:1.6.0", "obkm:metrics.exporterJar": "/agent.jar" };

  it.each([
    ["metrics.exporterImage", { ...on, "obkm:metrics.exporterImage": "" }],
    ["metrics.exporterJar", { ...on, "obkm:metrics.exporterJar": "" }],
  ])("metrics on without %s, in one line naming it", (key, settings) => {
    const problems = minimalProblems(settings);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^obkm:${key.replace(".", "\\.")}: empty with obkm:metrics\\.enabled true`));
  });

  it("a port the node already listens on: each of plan/ports.ts's and Carbon's JMX ports with the offset", () => {
    expect(Object.keys(NODE_PORTS).map(Number).sort()).toEqual(
      [ports.servletHttps.port, ports.servletHttp.port, ports.hazelcast.port, 9999 + PORT_OFFSET, 11111 + PORT_OFFSET].sort(),
    );
    for (const port of Object.keys(NODE_PORTS)) {
      const problems = minimalProblems({ ...on, "obkm:metrics.port": port });
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^obkm:metrics\\.port: got ${port}, `))]);
    }
    expect(() => loadMinimal({ ...on, "obkm:metrics.port": "9405" })).not.toThrow();
  });

  it("nothing while metrics are off: the image and jar may stay empty", () => {
    expect(() => loadMinimal({ "obkm:metrics.port": "9446" })).not.toThrow();
  });
});
