// Every declared key does something: a good value of it, set where it applies, changes the plan (its
// objects, node files, scripts, secret files or the secrets it carries), or it is one of the few keys that
// only change what the checks accept, and then it must do that. A key that is declared, documented and
// tested for bad values but read by nothing fails here.
import { scenario, scenariosUsing } from "../config/caching-scenarios";
import { DATABASE_LAYOUTS } from "../config/database-keys";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { ConfigError } from "../config/problems";
import { planStackFromTexts, PlannedStack } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { BUNDLED_APIM_TEMPLATES, BUNDLED_TEMPLATES } from "../xml/templates";
import { KEY_CASES } from "./bad-input/key-families";
import { cliConfig, INTERNET_BY_PROXY, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { SOME_CREDENTIALS } from "./helpers/plan";

/** The first database layout that uses a datasource, where its keys apply. */
const layoutUsing = (datasource: string) =>
  Object.entries(DATABASE_LAYOUTS).find(([, layout]) => (layout.datasources as readonly string[]).includes(datasource))?.[0];

/**
 * Settings under which a key applies, for the keys config/ineffective-settings.ts calls idle by default,
 * each derived from the table that decides it where there is one. A key idle under them fails the test.
 */
function whereItApplies(key: string): Record<string, string> {
  const datasource = /^database\.(um|am|config|reg|common|ob)\./.exec(key);
  if (datasource) return { "obkm:database.layout": layoutUsing(datasource[1])! };
  const keystore = /^keystores\.(signing|internal|tls)\.(alias|type|file|passwordSecret|passwordKey)$/.exec(key);
  if (keystore) return { [`obkm:keystores.${keystore[1]}.secret`]: "bank-keystore", [`obkm:keystores.${keystore[1]}.alias`]: "ob" };
  if (key.startsWith("caching.")) {
    const [number] = scenariosUsing(key);
    if (number === undefined) return {};
    const { requires } = scenario(number);
    return { "obkm:caching.scenario": String(number), ...(requires ? { [`obkm:${requires.key}`]: "true" } : {}) };
  }
  if (key.startsWith("userStore.ldap.")) return { ...KEY_CASES["userStore.type"].goodWith, "obkm:userStore.type": "ldap" };
  if (key === "keystores.tls.issuerKind") return { "obkm:keystores.tls.issuer": "bank-ca" };
  // Every metrics key but the switch itself acts only with metrics on.
  if (key.startsWith("metrics.") && key !== "metrics.enabled")
    return { "obkm:metrics.enabled": "true", "obkm:metrics.exporterImage": "r.example/jmx:1.6.0", "obkm:metrics.exporterJar": "/agent.jar" };
  return {};
}

/**
 * Where the families' good values cannot show an effect (a required key with one good value, a key whose
 * family needs settings that override it, a template directory whose good value is a copy of the bundled
 * one), the whole settings of two or more variants that can, differing in the key.
 */
function variantsOf(key: string): Array<Record<string, string>> | undefined {
  const ldap = { ...KEY_CASES["userStore.type"].goodWith, "obkm:userStore.type": "ldap" };
  const other: Record<string, string> = {
    "userStore.ldap.url": "ldaps://ldap2.bank.example:636",
    "userStore.ldap.bindDn": "uid=other,ou=system,dc=bank,dc=example",
    "userStore.ldap.bindPassword": "Other-Secret2",
    "userStore.ldap.userSearchBase": "ou=people,dc=bank,dc=example",
    "userStore.ldap.groupSearchBase": "ou=roles,dc=bank,dc=example",
  };
  if (key in other) return [ldap, { ...ldap, [`obkm:${key}`]: other[key] }];
  const provisioned = { "obkm:database.provision": "true", "obkm:database.host": "" };
  if (key === "database.provision") return [{}, provisioned];
  if (key === "database.provisionImage") return [provisioned, { ...provisioned, [`obkm:${key}`]: "registry.bank.example/mysql:8.4.6" }];
  if (key === "database.provisionStorageSize") return [provisioned, { ...provisioned, [`obkm:${key}`]: "7Gi" }];
  // The provisioned server is started with it; for a server of the bank's it only changes a warning.
  if (key === "database.maxConnections")
    return [
      { ...provisioned, [`obkm:${key}`]: "0" },
      { ...provisioned, [`obkm:${key}`]: "1000" },
    ];
  if (key === "database.host") return [{}, { [`obkm:${key}`]: "db2.bank.example" }];
  if (key === "httpProxy.nonProxyHosts") {
    const proxied = { "obkm:httpProxy.host": "proxy.bank.example", "obkm:httpProxy.port": "3128" };
    return [proxied, { ...proxied, [`obkm:${key}`]: '["*.bank.internal"]' }];
  }
  if (key === "configTemplates") return [{}, { [`obkm:${key}`]: changedCopy(BUNDLED_TEMPLATES, "carbon.xml") }];
  if (key === "apim.configTemplates") {
    const apim = { "obkm:apim.namespace": "openbanking-apim" };
    return [apim, { ...apim, [`obkm:${key}`]: changedCopy(BUNDLED_APIM_TEMPLATES, "api-manager.xml") }];
  }
  return undefined;
}

const copies: string[] = [];
afterAll(() => copies.forEach((copy) => fs.rmSync(copy, { recursive: true, force: true })));

/** A copy of a template directory with a comment added to one file: a pack that differs from the bundled one. */
function changedCopy(dir: string, file: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-templates-"));
  copies.push(copy);
  fs.cpSync(dir, copy, { recursive: true });
  const target = path.join(copy, file);
  fs.writeFileSync(target, fs.readFileSync(target, "utf8").replace(/\?>\s*\n/, "?>\n<!-- the bank's own pack -->\n"));
  return copy;
}

/** Keys that change only what the checks accept: each with a config refused without it, accepted with it. */
const ONLY_CHECKS: Record<string, { refusedWithout: Record<string, string>; value: string; stack?: string }> = {
  // Only a stack other than dev needs it: the least such a stack sets besides, without configTemplates.
  acceptBundledTemplates: {
    refusedWithout: {
      ...INTERNET_BY_PROXY,
      "obkm:cluster.context": "prod-cluster",
      "obkm:cluster.identifier": "test-cluster-id",
      // Its images pinned by digest, as a stack other than dev must run them (plan/image-pins.ts).
      "obkm:image": `r.example/obkm:1.4.0@sha256:${"1".repeat(64)}`,
      "obkm:openBanking.editorImage": `r.example/mirror/node:24.19.0-alpine@sha256:${"2".repeat(64)}`,
      "obkm:keystores.signing.secret": "bank-signing",
      "obkm:keystores.signing.alias": "ob",
      "obkm:keystores.signing.kid": "ob-signing-1",
    },
    value: "true",
    stack: "prod",
  },
  highAvailability: { refusedWithout: { "obkm:replicas": "1" }, value: "false" },
  "caching.acceptStaleAuthorization": { refusedWithout: { "obkm:caching.scenario": "2" }, value: "true" },
  "caching.lowLatencyNetwork": { refusedWithout: { "obkm:caching.scenario": "5" }, value: "true" },
  "caching.allowLongTimeout": {
    refusedWithout: { "obkm:caching.scenario": "2", "obkm:caching.acceptStaleAuthorization": "true", "obkm:caching.timeoutSeconds": "900" },
    value: "true",
  },
};

/** Plans by their settings: keys that share a context share its plans (the defaults' above all). */
const plans = new Map<string, { warnings: string[]; fingerprint: string } | undefined>();
function plannedBy(settings: Record<string, string>): { warnings: string[]; fingerprint: string } | undefined {
  const id = JSON.stringify(Object.entries(settings).sort());
  if (!plans.has(id)) {
    const stack = plan(settings);
    plans.set(id, stack && { warnings: stack.warnings, fingerprint: createHash("sha256").update(fingerprint(stack)).digest("hex") });
  }
  return plans.get(id);
}

function plan(settings: Record<string, string>, stack = "dev"): PlannedStack | undefined {
  try {
    return planStackFromTexts(cliConfig({ ...MINIMAL_SETTINGS, ...settings }, stack), { stack, projectDir: PROJECT_DIR });
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** All a plan decides, as text: what it builds, the files with passwords filled in, the passwords it was given. */
function fingerprint({ plan, secrets }: PlannedStack): string {
  // The plan's builders too, called with stand-ins for what only an apply knows.
  const nodes = plan.statefulSet({ credentials: "credentials-revision", keystores: "keys-revision" });
  return JSON.stringify([plan, nodes, plan.secrets(SOME_CREDENTIALS), plan.secretFilesShown("[shown]"), secrets]);
}

describe("every declared key", () => {
  it.each(keyNames.filter((key) => !(key in ONLY_CHECKS)))("%s changes the plan where it applies", (key) => {
    const context = { ...whereItApplies(key), ...KEY_CASES[key].goodWith };
    // The default first, left unset (as a stack that never names the key), so keys that share a context
    // share its plan; then the family's good values.
    const shown = (configKeys[key] as KeySpec).default;
    const byDefault = shown === undefined ? undefined : Array.isArray(shown) ? JSON.stringify(shown) : String(shown);
    const values = KEY_CASES[key].family.good.filter((value) => value !== byDefault);
    const variants = variantsOf(key) ?? [
      ...(byDefault === undefined ? [] : [context]),
      ...values.map((value) => ({ ...context, [`obkm:${key}`]: value })),
    ];
    // Planned one by one, and no further than the first variant that plans differently (a plan costs 5 to 20 ms).
    const fingerprints = new Set<string>();
    const idle: string[] = [];
    for (const variant of variants) {
      const planned = plannedBy(variant);
      if (!planned) continue;
      idle.push(...planned.warnings.filter((w) => w.startsWith(`obkm:${key}:`)));
      fingerprints.add(planned.fingerprint);
      if (fingerprints.size > 1) break;
    }
    expect({ key, idle }).toEqual({ key, idle: [] });
    expect(fingerprints.size).toBeGreaterThan(1);
  });

  it.each(Object.entries(ONLY_CHECKS))("%s changes what the checks accept, and nothing else", (key, { refusedWithout, value, stack }) => {
    expect(plan(refusedWithout, stack)).toBeUndefined();
    expect(plan({ ...refusedWithout, [`obkm:${key}`]: value }, stack)).toBeDefined();
  });
});
