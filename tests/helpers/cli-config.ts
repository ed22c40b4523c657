// Config for loader tests as the Pulumi CLI would hand it to the program: each entry applied to an empty
// stack as `pulumi config set --path KEY VALUE` applies it (a JSON list as a YAML list in the stack file
// would hold it), then Pulumi.yaml's declarations merged as with --skip-config-validation, so the loader's
// own checks, not the CLI's type check, are what a test sees.
import { loadConfig } from "../../config/load";
import { ConfigError } from "../../config/problems";
import { PROJECT_DIR } from "../../project-dir";
import { applyProjectConfig, setPath, StackValues } from "../../lib/pulumi-config/merge";
import { parsePropertyPath } from "../../lib/pulumi-config/property-path";
import { ConfigNode, programText } from "../../lib/pulumi-config/value";
import { readProject } from "../../render/stack-config";

const project = readProject(PROJECT_DIR);

function listOrText(value: string): ConfigNode {
  if (!value.startsWith("[")) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as ConfigNode[]) : value;
  } catch {
    return value;
  }
}

/**
 * A way to the internet, which a stack other than dev must have for the OB directory's JWKS
 * (config/internet-egress-checks.ts): a forward proxy named by its address, so that it needs no range.
 */
export const INTERNET_BY_PROXY: Readonly<Record<string, string>> = { "obkm:httpProxy.host": "10.30.9.9", "obkm:httpProxy.port": "3128" };

/** `{"obkm:caching.scenario": "2"}` to what the program reads: `{"obkm:caching": "{\"scenario\":2,...}", ...}`. */
/**
 * The least a dev stack with an external database sets, as full keys: its hosts, its image, the ranges the
 * gateway (apim.hostname, known by name) is in, which the NetworkPolicy needs, and what its server accepts.
 */
export const MINIMAL_SETTINGS: Readonly<Record<string, string>> = {
  "obkm:hostname": "km.bank.example",
  "obkm:image": "r.example/obkm:1.4.0",
  "obkm:apim.hostname": "gw.bank.example",
  "obkm:database.host": "db.bank.example",
  "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]',
  // A server that accepts what the default pools may open (2 nodes x 150 x 3 datasources), so that a test
  // sees only the warnings its own settings draw (config/risk-warnings.ts).
  "obkm:database.maxConnections": "1000",
};

export function cliConfig(entries: Record<string, string>, stack = "dev"): Record<string, string> {
  const values: StackValues = new Map();
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue; // unset
    const colon = key.indexOf(":");
    const node = listOrText(value);
    setPath(values, key.slice(0, colon), parsePropertyPath(key.slice(colon + 1)), node, typeof node !== "string");
  }
  applyProjectConfig(stack, project, values, { validate: false });
  return Object.fromEntries([...values].map(([key, node]) => [key, programText(node, "")]));
}

/** A dev stack's config loaded from the minimal settings and `extra`, as the program loads it. */
export function loadMinimal(extra: Record<string, string>) {
  return loadConfig(cliConfig({ ...MINIMAL_SETTINGS, ...extra }), { stack: "dev", projectDir: "/project" });
}

/** The problems loadMinimal reports; a config it accepts fails the test. */
export function minimalProblems(extra: Record<string, string>): string[] {
  try {
    loadMinimal(extra);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

/** An LDAP user store's settings, but its URL, which each test chooses. */
export const LDAP_SETTINGS: Record<string, string> = {
  "obkm:userStore.type": "ldap",
  "obkm:userStore.ldap.bindDn": "uid=obkm,ou=system,dc=bank,dc=example",
  "obkm:userStore.ldap.bindPassword": "B1ndSecret",
  "obkm:userStore.ldap.userSearchBase": "ou=users,dc=bank,dc=example",
  "obkm:userStore.ldap.groupSearchBase": "ou=groups,dc=bank,dc=example",
};

/** Settings (`obkm:key` to text) as the render's and planOf's `--set KEY=VALUE` arguments. */
export const asSets = (settings: Record<string, string>): string[] =>
  Object.entries(settings).map(([key, value]) => `${key.replace(/^obkm:/, "")}=${value}`);
