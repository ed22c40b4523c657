// The JMX exporter's rules (plan/monitoring/metrics.ts) through Java's own Pattern, compiled as JmxCollector
// compiles them, against every metric's sample MBean text: each rule matches its own attribute and no other,
// and the project's Java regex reading (lib/java-regex.ts, which tests/monitoring.test.ts uses) agrees.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { javaRegex } from "../../lib/java-regex";
import { JMX_METRICS, JmxMetric } from "../../plan/monitoring/metrics";
import { asCompiled, matchName } from "../helpers/jmx-match-name";
import { CHILD_TIMEOUT_MS } from "./java";

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

describe("the exporter's rules under Java's Pattern", () => {
  it("match their own MBean attribute and no other metric's, as lib/java-regex reads them too", () => {
    const metrics: JmxMetric[] = Object.values(JMX_METRICS);
    const expressions = metrics.map((m) => asCompiled(m.pattern));
    // Hazelcast's properties in another order, with the type quoted: the same attribute.
    const texts = [
      ...metrics.map((m) => ({ text: matchName(m.sample), of: m.name })),
      {
        text: matchName({
          ...JMX_METRICS.hazelcastMembers.sample,
          properties: [
            ["name", "hz"],
            ["type", '"HazelcastInstance"'],
            ["instance", "hz"],
          ],
        }),
        of: JMX_METRICS.hazelcastMembers.name,
      },
    ];
    const pairs = expressions.flatMap((_, i) => texts.map((t) => ({ i, ...t })));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-exporter-rules-"));
    try {
      fs.writeFileSync(path.join(dir, "pairs"), pairs.map((p) => `${p.i} ${hex(p.text)}`).join("\n") + "\n");
      fs.writeFileSync(path.join(dir, "regexes"), expressions.map(hex).join("\n") + "\n");
      const oracle = execFileSync("java", [path.join(__dirname, "java", "RegexOracle.java"), path.join(dir, "pairs"), path.join(dir, "regexes")], {
        encoding: "utf8",
        timeout: CHILD_TIMEOUT_MS,
      });
      expect(oracle).toHaveLength(pairs.length);
      const java = pairs.map((p, k) => ({ rule: metrics[p.i].name, text: p.text, matches: oracle[k] === "1" }));
      expect(java.filter((r, k) => r.matches !== (pairs[k].of === r.rule))).toEqual([]);
      expect(java.filter((r, k) => javaRegex(expressions[pairs[k].i]).matches(r.text) !== r.matches)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
