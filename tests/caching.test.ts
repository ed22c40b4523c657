// The clustering guide's five caching scenarios, rendered exactly, and the guard rails on the risky ones.
import * as fs from "fs";
import * as path from "path";
import { scenario, SCENARIO_NUMBERS, ScenarioNumber } from "../config/caching-scenarios";
import { loadConfig } from "../config/load";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { ConfigError } from "../config/problems";
import { PROJECT_DIR } from "../project-dir";
import { Rendered } from "../render/render";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { elements, nodeFile, objectOf, parse, render, textOf } from "./helpers/render";
import { IDENTITY_CACHES } from "../config/caching";
import { forceLocalCacheEdits, identityCacheEdits, scenarioOf } from "../plan/caching";
import { IDENTITY_XML } from "../plan/node-files";
import { KM_TEMPLATE_FILES } from "../plan/templates";
import { applyEdits, XmlEdit } from "../xml/edits";
import { readTemplates } from "../xml/templates";

// The guide's table, restated here so the test does not read the answer from the code it checks:
// local caching (ForceLocalCache), distributed caching (isDistributed), Hazelcast clustering. Every scenario
// of the program's table (config/caching-scenarios.ts) must have its row here.
const GUIDE: Record<number, { forceLocalCache: string; distributed: string; clustering: string; caches: string }> = {
  1: { forceLocalCache: "true", distributed: "false", clustering: "true", caches: "all on" },
  2: { forceLocalCache: "true", distributed: "false", clustering: "false", caches: "all on" },
  3: { forceLocalCache: "true", distributed: "false", clustering: "false", caches: "all off" },
  4: { forceLocalCache: "true", distributed: "false", clustering: "true", caches: "security off" },
  5: { forceLocalCache: "false", distributed: "true", clustering: "true", caches: "all on" },
};
/** What a stack sets to choose a scenario: the acknowledgement the scenario requires, if any. */
const settingsFor = (n: ScenarioNumber) => [`caching.scenario=${n}`, ...(scenario(n).requires ? [`${scenario(n).requires?.key}=true`] : [])];
const SECURITY = [
  "OAuthCache",
  "OAuthScopeCache",
  "AuthorizationGrantCache",
  "OAuthSessionDataCache",
  "AppAuthFrameworkSessionContextCache",
  "PrivateKeyJWT",
];

function caches(rendered: Rendered) {
  return elements(parse(nodeFile(rendered, "identity/identity.xml")), "Cache").map((c) => ({
    name: c.getAttribute("name")!,
    enable: c.getAttribute("enable"),
    timeout: c.getAttribute("timeout"),
    isDistributed: c.getAttribute("isDistributed"),
  }));
}

function clusteringOf(rendered: Rendered) {
  const doc = parse(nodeFile(rendered, "axis2/axis2.xml"));
  return { enable: elements(doc, "clustering")[0].getAttribute("enable"), members: elements(doc, "member").length };
}

function problemsOf(extra: Record<string, string>): string[] {
  try {
    loadConfig(
      cliConfig({
        ...MINIMAL_SETTINGS,
        ...extra,
      }),
      { stack: "dev", projectDir: PROJECT_DIR },
    );
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the scenario table", () => {
  it("has the guide's scenarios, numbered from 1 without a gap, as the key accepts them", () => {
    expect(SCENARIO_NUMBERS.map(String)).toEqual(Object.keys(GUIDE));
    expect(SCENARIO_NUMBERS).toEqual(SCENARIO_NUMBERS.map((_, i) => i + 1));
    const asKeys = (sets: string[]) => Object.fromEntries(sets.map((set) => set.split("=")).map(([key, value]) => [`obkm:${key}`, value]));
    for (const n of SCENARIO_NUMBERS) expect(problemsOf(asKeys(settingsFor(n)))).toEqual([]);
    expect(problemsOf({ "obkm:caching.scenario": String(SCENARIO_NUMBERS.length + 1) })).toEqual([
      expect.stringMatching(/^obkm:caching.scenario: got/),
    ]);
  });

  it("refuses each scenario that asks for an acknowledgement without it, naming the key and the risk", () => {
    for (const n of SCENARIO_NUMBERS.filter((n) => scenario(n).requires)) {
      const { key, because } = scenario(n).requires!;
      expect(problemsOf({ "obkm:caching.scenario": String(n) })).toEqual([
        `obkm:caching.scenario: got ${n}; expected it only with obkm:${key} true, because ${because}`,
      ]);
    }
  });
});

describe.each(SCENARIO_NUMBERS)("caching scenario %i", (number) => {
  let rendered: Rendered;
  beforeAll(async () => {
    rendered = await render(settingsFor(number));
  });
  const expected = GUIDE[number];

  it("sets ForceLocalCache in carbon.xml as the guide's table says", () => {
    expect(textOf(parse(nodeFile(rendered, "carbon.xml")), "ForceLocalCache")).toEqual([expected.forceLocalCache]);
  });

  it("switches Hazelcast clustering in axis2.xml as the table says", () => {
    expect(clusteringOf(rendered).enable).toBe(expected.clustering);
  });

  it("sets each identity cache's enable and isDistributed as the table says", () => {
    const all = caches(rendered);
    expect(all).toHaveLength(20);
    for (const cache of all) {
      const on = expected.caches === "all on" || (expected.caches === "security off" && !SECURITY.includes(cache.name));
      expect({ name: cache.name, enable: cache.enable, isDistributed: cache.isDistributed }).toEqual({
        name: cache.name,
        enable: String(on),
        isDistributed: expected.distributed,
      });
    }
  });

  it("renders valid objects", () => {
    expect(validateObjects(rendered.objects)).toEqual([]);
  });
});

describe("scenario 2: local caches without invalidation", () => {
  it("is refused without caching.acceptStaleAuthorization, saying the risk", () => {
    expect(problemsOf({ "obkm:caching.scenario": "2" })).toEqual([
      expect.stringMatching(
        /^obkm:caching.scenario: got 2; expected it only with obkm:caching.acceptStaleAuthorization true, because .* revoked token/,
      ),
    ]);
  });

  it("lowers every identity cache's timeout to caching.timeoutSeconds (60 by default)", async () => {
    const acked = ["caching.scenario=2", "caching.acceptStaleAuthorization=true"];
    expect(new Set(caches(await render(acked)).map((c) => c.timeout))).toEqual(new Set(["60"]));
    expect(new Set(caches(await render([...acked, "caching.timeoutSeconds=120"])).map((c) => c.timeout))).toEqual(new Set(["120"]));
  });

  it("refuses a timeout above 300 seconds unless caching.allowLongTimeout is set", () => {
    const base = { "obkm:caching.scenario": "2", "obkm:caching.acceptStaleAuthorization": "true" };
    expect(problemsOf({ ...base, "obkm:caching.timeoutSeconds": "301" })).toEqual([
      expect.stringMatching(/^obkm:caching.timeoutSeconds: got 301; expected at most 300/),
    ]);
    expect(problemsOf({ ...base, "obkm:caching.cacheOverrides": '["OAuthCache.timeout=900"]' })).toEqual([
      expect.stringMatching(/^obkm:caching.cacheOverrides: got OAuthCache.timeout=900; expected at most 300/),
    ]);
    expect(problemsOf({ ...base, "obkm:caching.timeoutSeconds": "900", "obkm:caching.allowLongTimeout": "true" })).toEqual([]);
  });
});

describe("scenario 5: distributed caching", () => {
  it("is refused without caching.lowLatencyNetwork, saying the risk", () => {
    expect(problemsOf({ "obkm:caching.scenario": "5" })).toEqual([
      expect.stringMatching(
        /^obkm:caching.scenario: got 5; expected it only with obkm:caching.lowLatencyNetwork true, because distributed caches lose entries/,
      ),
    ]);
  });
});

describe("scenario 4: security-related caches off", () => {
  it("takes its list of caches from config", async () => {
    const rendered = await render(["caching.scenario=4", "caching.securityCaches[0]=OAuthCache"]);
    expect(
      caches(rendered)
        .filter((c) => c.enable === "false")
        .map((c) => c.name),
    ).toEqual(["OAuthCache"]);
  });

  it("refuses a name in the list that is not a cache, listing the known ones", () => {
    expect(problemsOf({ "obkm:caching.securityCaches": '["OAuthCache","TokenCache"]' })[0]).toMatch(
      /^obkm:caching.securityCaches: got \["OAuthCache","TokenCache"\]; expected a list of names from AppAuthFrameworkSessionContextCache, .*\("TokenCache" is not one\)/,
    );
  });

  it("names each default security cache, with why, in the configuration page", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "docs", "configuration.md"), "utf8");
    for (const cache of SECURITY) expect(readme).toMatch(new RegExp(`\\| \`${cache}\` +\\| [^|]{20,} \\|`));
  });
});

describe("per-cache overrides", () => {
  it("set one cache's timeout and enabled flag after the scenario's settings", async () => {
    const rendered = await render([
      "caching.scenario=4",
      "caching.cacheOverrides[0]=AppInfoCache.timeout=120",
      "caching.cacheOverrides[1]=OAuthCache.timeout=60",
      "caching.cacheOverrides[2]=AppInfoCache.enabled=false",
    ]);
    const byName = Object.fromEntries(caches(rendered).map((c) => [c.name, c]));
    expect(byName.AppInfoCache).toMatchObject({ enable: "false", timeout: "120" });
    // a security cache keeps scenario 4's "off"; only its timeout follows the override
    expect(byName.OAuthCache).toMatchObject({ enable: "false", timeout: "60" });
    expect(byName.OAuthScopeCache).toMatchObject({ enable: "false" });
  });

  it("refuse an unknown cache name, listing the known ones", () => {
    expect(problemsOf({ "obkm:caching.cacheOverrides": '["TokenCache.timeout=60"]' })).toEqual([
      expect.stringMatching(
        /^obkm:caching.cacheOverrides: got "TokenCache.timeout=60"; TokenCache is not a cache of identity.xml, expected one of AppAuthFrameworkSessionContextCache, AppInfoCache, /,
      ),
    ]);
  });

  it("may not turn a cache on in scenario 3, which has no clustering to invalidate it", () => {
    expect(
      problemsOf({ "obkm:caching.scenario": "3", "obkm:caching.cacheOverrides": '["OAuthCache.enabled=true", "OAuthCache.timeout=86400"]' }),
    ).toEqual([
      expect.stringMatching(
        /^obkm:caching.cacheOverrides: got OAuthCache.enabled=true; expected no cache turned on in scenario 3, because it has no clustering/,
      ),
    ]);
    // Turning one off, or any change in scenario 1, where Hazelcast carries the invalidation, is fine.
    expect(problemsOf({ "obkm:caching.scenario": "3", "obkm:caching.cacheOverrides": '["OAuthCache.enabled=false"]' })).toEqual([]);
    expect(problemsOf({ "obkm:caching.scenario": "1", "obkm:caching.cacheOverrides": '["OAuthCache.enabled=true"]' })).toEqual([]);
  });

  it("refuse an entry that is not <Cache>.enabled or <Cache>.timeout", () => {
    expect(problemsOf({ "obkm:caching.cacheOverrides": '["OAuthCache.capacity=10", "OAuthCache.timeout=soon"]' })).toEqual([
      expect.stringContaining('got "OAuthCache.capacity=10"; expected <Cache>.enabled=true|false or <Cache>.timeout=<seconds>'),
      expect.stringContaining('got "OAuthCache.timeout=soon"; expected OAuthCache.timeout=<seconds> from 1 to 86400'),
    ]);
  });
});

// The guide's table says which scenarios run without Hazelcast clustering.
const UNCLUSTERED = Object.entries(GUIDE)
  .filter(([, row]) => row.clustering === "false")
  .map(([n]) => Number(n) as ScenarioNumber);

describe.each(UNCLUSTERED)("with clustering off (scenario %i)", (number) => {
  let rendered: Rendered;
  beforeAll(async () => {
    rendered = await render(settingsFor(number));
  });

  it("opens and advertises no port 4000 anywhere", () => {
    const headless = objectOf(rendered, "Service", "obkm-km-headless");
    expect(headless.spec.ports).toEqual([]);
    const [container] = objectOf(rendered, "StatefulSet", "obkm-km").spec.template.spec.containers;
    expect(container.ports.map((p: any) => p.containerPort)).not.toContain(4000);
    // Nowhere in the Kubernetes objects; the node files keep the disabled agent's stock settings.
    const objects = rendered.objects.filter((o) => o.kind !== "ConfigMap");
    expect(JSON.stringify(objects)).not.toMatch(/\b4000\b/);
  });

  it("renders no well-known members and exports none", () => {
    expect(clusteringOf(rendered)).toEqual({ enable: "false", members: 0 });
    expect(rendered.files["outputs.yaml"]).toMatch(/wellKnownMembers: \[\]/);
  });
});

describe("plan/caching.ts", () => {
  const configOf = (sets: string[]) =>
    loadConfig(cliConfig({ ...MINIMAL_SETTINGS, ...Object.fromEntries(sets.map((s) => s.split(/=(.*)/s)).map(([k, v]) => [`obkm:${k}`, v])) }), {
      stack: "dev",
      projectDir: PROJECT_DIR,
    }).config;
  const templates = readTemplates(undefined, KM_TEMPLATE_FILES);
  const identityCaches = (edits: XmlEdit[]) =>
    Object.fromEntries(
      elements(parse(applyEdits(IDENTITY_XML, templates.files[IDENTITY_XML], edits)), "Cache").map((c) => [
        c.getAttribute("name")!,
        { enable: c.getAttribute("enable"), timeout: c.getAttribute("timeout"), isDistributed: c.getAttribute("isDistributed") },
      ]),
    );

  it.each(SCENARIO_NUMBERS)("scenario %i: scenarioOf gives the chosen row, and forceLocalCacheEdits sets ForceLocalCache as the guide says", (n) => {
    const config = configOf(settingsFor(n));
    expect(scenarioOf(config)).toBe(scenario(n));
    const carbon = applyEdits("carbon.xml", templates.files["carbon.xml"], forceLocalCacheEdits(config));
    expect(textOf(parse(carbon), "ForceLocalCache")).toEqual([GUIDE[n].forceLocalCache]);
  });

  it.each(SCENARIO_NUMBERS)("scenario %i: identityCacheEdits turns each identity.xml cache on or off and distributed as the guide says", (n) => {
    const byName = identityCaches(identityCacheEdits(configOf(settingsFor(n))));
    expect(Object.keys(byName).sort()).toEqual([...IDENTITY_CACHES].sort());
    for (const [name, cache] of Object.entries(byName)) {
      const on = GUIDE[n].caches === "all on" || (GUIDE[n].caches === "security off" && !SECURITY.includes(name));
      expect({ name, enable: cache.enable, isDistributed: cache.isDistributed }).toEqual({
        name,
        enable: String(on),
        isDistributed: GUIDE[n].distributed,
      });
    }
  });

  it("lowers every cache's timeout to caching.timeoutSeconds only in scenario 2, whose caches nothing invalidates", () => {
    const two = identityCaches(identityCacheEdits(configOf([...settingsFor(2), "caching.timeoutSeconds=45"])));
    expect(new Set(Object.values(two).map((c) => c.timeout))).toEqual(new Set(["45"]));
    // Scenario 1's caches are invalidated over Hazelcast: the template's own timeouts stay.
    const stock = identityCaches([]);
    const one = identityCaches(identityCacheEdits(configOf(settingsFor(1))));
    for (const name of Object.keys(one)) expect(one[name].timeout).toBe(stock[name].timeout);
  });

  it("scenario 4 turns off only the caches caching.securityCaches lists", () => {
    const byName = identityCaches(identityCacheEdits(configOf([...settingsFor(4), 'caching.securityCaches=["OAuthCache"]'])));
    expect(byName.OAuthCache.enable).toBe("false");
    expect(byName.OAuthScopeCache.enable).toBe("true");
  });

  it("applies a cache override after the scenario: enabled and timeout, for that cache alone", () => {
    const byName = identityCaches(
      identityCacheEdits(configOf([...settingsFor(1), 'caching.cacheOverrides=["AppInfoCache.enabled=false", "OAuthCache.timeout=60"]'])),
    );
    expect(byName.AppInfoCache.enable).toBe("false");
    expect(byName.OAuthCache).toMatchObject({ enable: "true", timeout: "60" });
    expect(byName.OAuthScopeCache.enable).toBe("true");
  });
});
