// Config for loader tests as the Pulumi CLI would hand it to the program: each entry applied to an empty
// stack as `pulumi config set --path KEY VALUE` applies it (a JSON list as a YAML list in the stack file
// would hold it), then Pulumi.yaml's declarations merged as with --skip-config-validation, so the loader's
// own checks, not the CLI's type check, are what a test sees.
import { loadConfig } from "../../config/load";
import { ConfigError } from "../../config/problems";
import { PROJECT_DIR } from "../../project-dir";
import { applyProjectConfig, parseConfigKey, setPath, StackValues } from "../../lib/pulumi-config/merge";
import { ProjectConfig } from "../../lib/pulumi-config/project";
import { plainDataKey, Recent } from "../../lib/recent";
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
  // Each top-level key's text by its own entries (those the CLI sets along a path from it, in order): the
  // merge of one never reads or writes another's (merge.ts getBelow, setBelow).
  const byRoot = new Map<string, Array<[string, string]>>();
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue; // unset
    const root = rootOf(key);
    let own = byRoot.get(root);
    if (!own) byRoot.set(root, (own = []));
    own.push([key, value]);
  }
  try {
    const texts: Record<string, string> = {};
    // In the order the CLI's map holds them: those the entries set first, then those the declarations do.
    for (const root of [...byRoot.keys(), ...DECLARED_ROOTS]) {
      if (root in texts) continue;
      const text = rootText(stack, root, byRoot.get(root));
      if (text !== undefined) texts[root] = text;
    }
    return texts;
  } catch {
    // An entry the CLI refuses: the whole merge, in order, throws the error the CLI's first refusal gives.
    return merged(Object.entries(entries), stack);
  }
}

/** The whole merge: each entry set as `pulumi config set --path` sets it, then Pulumi.yaml's declarations. */
export function merged(entries: Array<[string, string]>, stack: string, declarations = project): Record<string, string> {
  const values: StackValues = new Map();
  for (const [key, value] of entries) {
    if (value === undefined) continue; // unset
    const colon = key.indexOf(":");
    const node = listOrText(value);
    setPath(values, key.slice(0, colon), parsePropertyPath(key.slice(colon + 1)), node, typeof node !== "string");
  }
  applyProjectConfig(stack, declarations, values, { validate: false });
  return Object.fromEntries([...values].map(([key, node]) => [key, programText(node, "")]));
}

/** The top-level key (`obkm:caching`) a full key or a declaration (`caching.scenario`, `kubernetes:context`) sets along. */
function rootOf(key: string): string {
  const { namespace, name } = key.includes(":") ? parseConfigKey(key) : { namespace: project.name, name: key };
  return `${namespace}:${String(parsePropertyPath(name)[0])}`;
}

/** Pulumi.yaml's declarations by the top-level key each sets along. */
const DECLARATIONS_BY_ROOT = new Map<string, ProjectConfig>();
for (const key of Object.keys(project.config).sort()) {
  const root = rootOf(key);
  let own = DECLARATIONS_BY_ROOT.get(root);
  if (!own) DECLARATIONS_BY_ROOT.set(root, (own = { name: project.name, config: {} }));
  own.config[key] = project.config[key];
}
/** The keys the declarations set on a stack that sets none: in the order of the first declaration that gives each a value. */
const DECLARED_ROOTS = [
  ...new Set(
    Object.keys(project.config)
      .sort()
      .filter((key) => project.config[key].default !== undefined || project.config[key].value !== undefined)
      .map(rootOf),
  ),
];

/** One top-level key's text after the merge, undefined where neither the entries nor a declaration give it one. */
function mergedRoot(root: string, own: Array<[string, string]>, stack: string): string | undefined {
  return merged(own, stack, DECLARATIONS_BY_ROOT.get(root) ?? { name: project.name, config: {} })[root];
}

/**
 * Each top-level key's text lately merged, by the stack, the key and the whole of its entries (Pulumi.yaml's
 * declarations are read once, above): the tests build some twenty thousand configs that differ from the
 * defaults in a key or two, whose other forty-odd keys this merged again each time. Measured on 2026-12-03
 * (load 8 to 10): a call took 115 us of CPU under jest, 40 with this; in three interleaved runs, bad-input.test.ts
 * took 3.4 CPU s instead of 4.4, property-oracle.test.ts 6.7 instead of 7.3. Bounded: 8 stacks, the declared keys, 32 sets of entries a key (lib/recent.ts); a key Pulumi.yaml does not
 * declare is merged every time.
 */
const ROOT_TEXTS = new Recent<
  string,
  { unset: Map<string, { text: string | undefined }>; set: Map<string, Recent<string, { text: string | undefined }>> }
>(8);

function rootText(stack: string, root: string, own: Array<[string, string]> | undefined): string | undefined {
  if (!DECLARATIONS_BY_ROOT.has(root)) return mergedRoot(root, own ?? [], stack);
  const kept = ROOT_TEXTS.of(stack, () => ({ unset: new Map(), set: new Map() }));
  if (!own) {
    let text = kept.unset.get(root);
    if (!text) kept.unset.set(root, (text = { text: mergedRoot(root, [], stack) }));
    return text.text;
  }
  let texts = kept.set.get(root);
  if (!texts) kept.set.set(root, (texts = new Recent(32)));
  return texts.of(plainDataKey(own)!, () => ({ text: mergedRoot(root, own, stack) })).text;
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
