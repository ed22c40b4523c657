// The property run's oracle of trusted proxies (tests/property-oracle.test.ts) with Java's own Pattern, for
// every expression, not only those in the subset JavaScript reads alike: the valve's internalProxies that the
// program accepts among the run's values of tomcat.internalProxies and tomcat.trustedProxies (many more values
// than the unit run's), compiled by java.util.regex and matched, as RemoteIpValve matches, against the
// public addresses of tests/bad-input/address-oracle.ts written by InetAddress.getHostAddress
// (tests/integration/java/AddressOracle.java). None may match.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { loadConfig } from "../../config/load";
import { ConfigError } from "../../config/problems";
import { PROJECT_DIR } from "../../project-dir";
import { addressNumber, PUBLIC_SAMPLES } from "../bad-input/address-oracle";
import { KEY_CASES } from "../bad-input/key-families";
import { valueArbitrary } from "../bad-input/value-arbitrary";
import { cliConfig, MINIMAL_SETTINGS } from "../helpers/cli-config";
import { CHILD_TIMEOUT_MS } from "./java";

const SEED = 20261203;

/** The valve's expression for a value the program accepts, or undefined when it refuses it. */
function valvePatternOf(key: string, value: string): string | undefined {
  try {
    const { config } = loadConfig(cliConfig({ ...MINIMAL_SETTINGS, [`obkm:${key}`]: value }), { stack: "dev", projectDir: PROJECT_DIR });
    return config.tomcat.internalProxies;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

const bytesHex = (address: string) => {
  const { family, value } = addressNumber(address)!;
  return value.toString(16).padStart(family === 4 ? 8 : 32, "0");
};

describe("the trusted proxies the program accepts, by Java's own Pattern", () => {
  it("match no public address as Tomcat writes it", () => {
    const patterns = new Set<string>();
    for (const [key, runs] of [
      ["tomcat.internalProxies", 600],
      ["tomcat.trustedProxies", 300],
    ] as const) {
      for (const value of fc.sample(valueArbitrary(key, KEY_CASES[key].family), { numRuns: runs, seed: SEED })) {
        const pattern = valvePatternOf(key, value);
        if (pattern) patterns.add(pattern);
      }
    }
    // Some accepted patterns were tried, and last a control that matches every IPv4 address: the oracle can say yes.
    expect(patterns.size).toBeGreaterThan(20);
    const control = "\\d+\\.\\d+\\.\\d+\\.\\d+";
    const list = [...patterns, control];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-property-java-"));
    fs.writeFileSync(path.join(dir, "expressions"), list.map((p) => Buffer.from(p, "utf8").toString("hex")).join("\n") + "\n");
    const samples = PUBLIC_SAMPLES.map(bytesHex);
    fs.writeFileSync(path.join(dir, "pairs"), list.flatMap((_, i) => samples.map((hex) => `${i} ${hex}`)).join("\n") + "\n");
    const oracle = execFileSync(
      "java",
      [path.join(__dirname, "java", "AddressOracle.java"), path.join(dir, "pairs"), path.join(dir, "expressions")],
      {
        encoding: "utf8",
        timeout: CHILD_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(oracle).toHaveLength(list.length * samples.length);
    const controlAnswers = oracle.slice((list.length - 1) * samples.length);
    expect(controlAnswers).toContain("1");
    const matched = [...oracle.slice(0, (list.length - 1) * samples.length)].flatMap((answer, k) =>
      answer === "1" ? [`${JSON.stringify(list[Math.floor(k / samples.length)])} matches ${PUBLIC_SAMPLES[k % samples.length]}`] : [],
    );
    expect(matched.slice(0, 20)).toEqual([]);
  });
});
