// The PrometheusRule's alerts, run by promtool (Debian's prometheus package, extracted by .ci/integration-
// setup into /var/lib/obkm-integration/prometheus, or $OBKM_PROMTOOL): `check rules` parses every expression,
// `test rules` feeds series that must fire each alert and series that must not.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { alertRules } from "../../plan/monitoring/alerts";
import { CHILD_TIMEOUT_MS } from "./java";

const PROMTOOL = process.env.OBKM_PROMTOOL ?? "/var/lib/obkm-integration/prometheus/usr/bin/promtool";
const scope = { namespace: "obkm", statefulSet: "obkm-km", hostname: "km.bank.example", clustering: true, certificate: "obkm-km-node-tls" };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-promtool-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function promtool(...args: string[]): string {
  const run = spawnSync(PROMTOOL, args, { cwd: dir, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
  if (run.error) throw new Error(`promtool at ${PROMTOOL} did not run (.ci/integration-setup extracts it): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`promtool ${args.join(" ")} failed:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

const rulesFile = path.join(dir, "rules.yaml");
fs.writeFileSync(rulesFile, stringify({ groups: [{ name: "obkm", rules: alertRules(scope) }] }));

const pod = (p: string) => `namespace="obkm", pod="${p}"`;
const ready = 'kube_statefulset_status_replicas_ready{namespace="obkm", statefulset="obkm-km"}';
const DAY = 86400;

/** One case: the series, the alert, when it is evaluated, and the labels it fires with (none: it must not). */
interface Case {
  alert: string;
  series: Array<{ series: string; values: string }>;
  at: string;
  fires: Array<Record<string, string>>;
}

const cases: Case[] = [
  // Three ready pods; obkm-km-2 sees only itself: a split.
  {
    alert: "ObkmHazelcastSplit",
    series: [
      { series: ready, values: "3x20" },
      { series: `obkm_hazelcast_members{${pod("obkm-km-0")}}`, values: "3x20" },
      { series: `obkm_hazelcast_members{${pod("obkm-km-2")}}`, values: "1x20" },
    ],
    at: "10m",
    fires: [{ namespace: "obkm", pod: "obkm-km-2", severity: "critical" }],
  },
  // A node that left is no longer ready: two members, two ready pods.
  {
    alert: "ObkmHazelcastSplit",
    series: [
      { series: ready, values: "2x20" },
      { series: `obkm_hazelcast_members{${pod("obkm-km-0")}}`, values: "2x20" },
    ],
    at: "10m",
    fires: [],
  },
  // Two minutes of a split are a node that is joining: no alert before 5 minutes.
  {
    alert: "ObkmHazelcastSplit",
    series: [
      { series: ready, values: "3x20" },
      { series: `obkm_hazelcast_members{${pod("obkm-km-1")}}`, values: "3 3 3 3 3 3 3 3 2 2 3x10" },
    ],
    at: "12m",
    fires: [],
  },
  {
    alert: "ObkmNodeNotReady",
    series: [{ series: `kube_pod_status_ready{${pod("obkm-km-1")}, condition="true"}`, values: "0x30" }],
    at: "20m",
    fires: [{ namespace: "obkm", pod: "obkm-km-1", condition: "true", severity: "warning" }],
  },
  // Another StatefulSet's pod in the namespace is not ours.
  {
    alert: "ObkmNodeNotReady",
    series: [{ series: `kube_pod_status_ready{${pod("obkm-km-db-0")}, condition="true"}`, values: "0x30" }],
    at: "20m",
    fires: [],
  },
  {
    alert: "ObkmHeapNearMax",
    series: [
      { series: `jvm_memory_used_bytes{${pod("obkm-km-0")}, area="heap"}`, values: "1950x30" },
      { series: `jvm_memory_max_bytes{${pod("obkm-km-0")}, area="heap"}`, values: "2000x30" },
    ],
    at: "20m",
    fires: [{ namespace: "obkm", pod: "obkm-km-0", area: "heap", severity: "warning" }],
  },
  {
    alert: "ObkmHeapNearMax",
    series: [
      { series: `jvm_memory_used_bytes{${pod("obkm-km-0")}, area="heap"}`, values: "1000x30" },
      { series: `jvm_memory_max_bytes{${pod("obkm-km-0")}, area="heap"}`, values: "2000x30" },
      { series: `jvm_memory_used_bytes{${pod("obkm-km-0")}, area="nonheap"}`, values: "1990x30" },
      { series: `jvm_memory_max_bytes{${pod("obkm-km-0")}, area="nonheap"}`, values: "2000x30" },
    ],
    at: "20m",
    fires: [],
  },
  {
    alert: "ObkmDatasourcePoolExhausted",
    series: [
      { series: `obkm_datasource_active_connections{${pod("obkm-km-0")}, datasource="WSO2AM_DB", tenant="-1234"}`, values: "50x10" },
      { series: `obkm_datasource_max_connections{${pod("obkm-km-0")}, datasource="WSO2AM_DB", tenant="-1234"}`, values: "50x10" },
      { series: `obkm_datasource_waiting_threads{${pod("obkm-km-0")}, datasource="WSO2AM_DB", tenant="-1234"}`, values: "4x10" },
    ],
    at: "8m",
    fires: [{ namespace: "obkm", pod: "obkm-km-0", datasource: "WSO2AM_DB", tenant: "-1234", severity: "critical" }],
  },
  // Every connection in use but nobody waiting: a busy pool, not an exhausted one.
  {
    alert: "ObkmDatasourcePoolExhausted",
    series: [
      { series: `obkm_datasource_active_connections{${pod("obkm-km-0")}, datasource="WSO2AM_DB", tenant="-1234"}`, values: "50x10" },
      { series: `obkm_datasource_max_connections{${pod("obkm-km-0")}, datasource="WSO2AM_DB", tenant="-1234"}`, values: "50x10" },
      { series: `obkm_datasource_waiting_threads{${pod("obkm-km-0")}, datasource="WSO2AM_DB", tenant="-1234"}`, values: "0x10" },
    ],
    at: "8m",
    fires: [],
  },
  // 10% of the host's requests are 503s (counters per minute), and "5xx" status classes count too.
  {
    alert: "ObkmIngress5xx",
    series: [
      { series: 'nginx_ingress_controller_requests{host="km.bank.example", status="200"}', values: "0+90x30" },
      { series: 'nginx_ingress_controller_requests{host="km.bank.example", status="503"}', values: "0+5x30" },
      { series: 'nginx_ingress_controller_requests{host="km.bank.example", status="5xx"}', values: "0+5x30" },
    ],
    at: "20m",
    fires: [{ severity: "critical" }],
  },
  // Another host's errors are not the KM's; 1% is below the threshold.
  {
    alert: "ObkmIngress5xx",
    series: [
      { series: 'nginx_ingress_controller_requests{host="km.bank.example", status="200"}', values: "0+99x30" },
      { series: 'nginx_ingress_controller_requests{host="km.bank.example", status="500"}', values: "0+1x30" },
      { series: 'nginx_ingress_controller_requests{host="gw.bank.example", status="502"}', values: "0+100x30" },
    ],
    at: "20m",
    fires: [],
  },
  // promtool's clock starts at 0: an expiry 10 days ahead fires, 40 days ahead does not.
  {
    alert: "ObkmCertificateExpiring",
    series: [
      { series: 'certmanager_certificate_expiration_timestamp_seconds{namespace="obkm", name="obkm-km-node-tls"}', values: `${10 * DAY}x120` },
    ],
    at: "90m",
    fires: [{ namespace: "obkm", name: "obkm-km-node-tls", severity: "warning" }],
  },
  {
    alert: "ObkmCertificateExpiring",
    series: [
      { series: 'certmanager_certificate_expiration_timestamp_seconds{namespace="obkm", name="obkm-km-node-tls"}', values: `${40 * DAY}x120` },
    ],
    at: "90m",
    fires: [],
  },
];

describe("the alerts under promtool", () => {
  it("pass promtool check rules", () => {
    expect(promtool("check", "rules", rulesFile)).toMatch(/SUCCESS: 6 rules found/);
  });

  it("every alert has a case that fires and one that must not", () => {
    for (const rule of alertRules(scope)) {
      expect([rule.alert, cases.some((c) => c.alert === rule.alert && c.fires.length > 0)]).toEqual([rule.alert, true]);
      expect([rule.alert, cases.some((c) => c.alert === rule.alert && c.fires.length === 0)]).toEqual([rule.alert, true]);
    }
  });

  it("fire on the series that must fire them and stay silent on the others (promtool test rules)", () => {
    const rules = Object.fromEntries(alertRules(scope).map((r) => [r.alert, r]));
    const tests = cases.map((c) => ({
      interval: "1m",
      input_series: c.series,
      alert_rule_test: [
        {
          eval_time: c.at,
          alertname: c.alert,
          exp_alerts: c.fires.map((labels) => ({
            exp_labels: { ...labels, alertname: undefined },
            exp_annotations: rules[c.alert].annotations,
          })),
        },
      ],
    }));
    // promtool renders the annotations' templates; the expected ones are the rendered texts.
    for (const [t, c] of tests.map((t, i) => [t, cases[i]] as const)) {
      for (const [j, exp] of t.alert_rule_test[0].exp_alerts.entries()) {
        const labels = c.fires[j];
        const render = (text: string) =>
          text
            .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, l: string) => labels[l] ?? "")
            .replace(
              /\{\{ \$value \}\}/g,
              c.series.find((s) => /obkm_hazelcast_members/.test(s.series) && s.series.includes(labels.pod ?? "-"))?.values.split("x")[0] ?? "",
            );
        exp.exp_annotations = Object.fromEntries(Object.entries(exp.exp_annotations).map(([k, v]) => [k, render(v)])) as typeof exp.exp_annotations;
        delete (exp.exp_labels as Record<string, unknown>).alertname;
      }
    }
    const testFile = path.join(dir, "tests.yaml");
    fs.writeFileSync(testFile, stringify({ rule_files: [rulesFile], evaluation_interval: "1m", tests }));
    expect(promtool("test", "rules", testFile)).toMatch(/SUCCESS/);
  });
});
