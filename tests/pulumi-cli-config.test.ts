// The render applies Pulumi.yaml to a stack file as the Pulumi CLI does before the program runs. Each case
// here is a behaviour read in pulumi/pulumi: pkg/workspace/config.go (mergeConfig, validateStackConfigValues),
// pkg/workspace/config_project_test.go and config_test.go (the CLI's own cases), sdk/go/common/resource/config
// (map.go Get/Set with a path, value.go coerceObject, object.go Set) and pkg/cmd/pulumi/config/config.go
// (`pulumi config set`: top-level values stay strings, values under --path are coerced).
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../config/load";
import { PROJECT_DIR } from "../project-dir";
import { migrateStackFile } from "../render/migrate-stack-file";
import { applyProjectConfig, parseConfigPathKey, setPath, StackConfigError, StackValues } from "../lib/pulumi-config/merge";
import { projectConfigOf, ProjectConfigError } from "../lib/pulumi-config/project";
import { parsePropertyPath, PathStep, PropertyPathError } from "../lib/pulumi-config/property-path";
import { ConfigNode, decrypt, fromYaml, programText, Secure } from "../lib/pulumi-config/value";
import * as YAML from "yaml";
import { readProject, readStackConfig, readStackValues, StackFileError } from "../render/stack-config";
import { cliConfig, merged as wholeMerge, minimalProblems } from "./helpers/cli-config";
import { renderInput } from "./helpers/render";
import { MINIMAL_STACK_FILE, projectWithStack } from "./helpers/stack-config";

function stackOf(config: Record<string, unknown>): StackValues {
  return new Map(Object.entries(config).map(([k, v]) => [k, fromYaml(v)]));
}

function merged(project: Record<string, unknown>, stack: Record<string, unknown>): Record<string, string> {
  const values = stackOf(stack);
  applyProjectConfig("dev", projectConfigOf({ name: "test", ...project }), values);
  return Object.fromEntries([...values].map(([k, v]) => [k, programText(v, "<secret>")]));
}

function mergeError(project: Record<string, unknown>, stack: Record<string, unknown>): string {
  try {
    merged(project, stack);
  } catch (error) {
    if (error instanceof StackConfigError || error instanceof ProjectConfigError) return error.message;
    throw error;
  }
  throw new Error("expected the CLI to refuse this config");
}

/** `pulumi config set [--path] KEY VALUE` on a stack's values. */
function configSet(values: StackValues, key: string, value: string, options: { path?: boolean; secret?: boolean } = {}): void {
  const { namespace, name } = options.path ? parseConfigPathKey("test", key) : { namespace: "test", name: key };
  const steps = options.path ? parsePropertyPath(name) : [name];
  const node: ConfigNode = options.secret ? new Secure("ciphertext", value) : value;
  setPath(values, namespace, steps, node, Boolean(options.secret));
}

describe("the Pulumi CLI's merge of Pulumi.yaml into a stack's config", () => {
  it("looks a dotted key up as a path: a flat key of the same name is not found, so the key is missing", () => {
    const project = { config: { "apim.hostname": { type: "string" } } };
    expect(mergeError(project, { "test:apim.hostname": "gw.example" })).toBe("Stack 'dev' is missing configuration value 'apim.hostname'");
    expect(merged(project, { "test:apim": { hostname: "gw.example" } })).toEqual({ "test:apim": '{"hostname":"gw.example"}' });
  });

  it("fills a default in along its path, creating the map, and keeps what the stack set beside it", () => {
    const project = { config: { "caching.scenario": { type: "integer", default: 1 }, "caching.timeoutSeconds": { type: "integer", default: 60 } } };
    expect(merged(project, {})).toEqual({ "test:caching": '{"scenario":1,"timeoutSeconds":60}' });
    expect(merged(project, { "test:caching": { scenario: 2 } })).toEqual({ "test:caching": '{"scenario":2,"timeoutSeconds":60}' });
  });

  it("writes a top-level default as the string the program reads, and a list as JSON", () => {
    const project = { config: { replicas: { type: "integer", default: 2 }, names: { type: "array", items: { type: "string" }, default: ["a"] } } };
    expect(merged(project, {})).toEqual({ "test:replicas": "2", "test:names": '["a"]' });
  });

  it("reports every missing key of the project's namespace at once, sorted, in the CLI's words", () => {
    const project = { config: { b: { type: "string" }, a: { type: "string" }, "c.d": { type: "string" } } };
    expect(mergeError(project, {})).toBe("Stack 'dev' is missing configuration values 'a', 'b' and 'c.d'");
    expect(mergeError({ config: { a: { type: "string" }, b: { type: "string" } } }, {})).toBe(
      "Stack 'dev' is missing configuration values 'a' and 'b'",
    );
  });

  it('accepts `pulumi config set replicas 3` (the string "3") for an integer, and refuses text that is none', () => {
    const project = { config: { replicas: { type: "integer" } } };
    expect(merged(project, { "test:replicas": "3" })).toEqual({ "test:replicas": "3" });
    expect(mergeError(project, { "test:replicas": "three" })).toBe("Stack 'dev' with configuration key 'replicas' must be of type 'integer'");
  });

  it("checks a typed key under a path by its value there (fixed in 3.213, pulumi/pulumi#21246)", () => {
    const project = { config: { "db.port": { type: "integer" }, "db.tls": { type: "boolean" } } };
    expect(() => merged(project, { "test:db": { port: 5432, tls: true } })).not.toThrow();
    expect(mergeError(project, { "test:db": { port: "x", tls: true } })).toBe(
      "Stack 'dev' with configuration key 'db.port' must be of type 'integer'",
    );
    expect(mergeError(project, { "test:db": { port: 1, tls: "yes" } })).toBe("Stack 'dev' with configuration key 'db.tls' must be of type 'boolean'");
  });

  it("refuses a string where a list is declared, naming the item type", () => {
    const project = { config: { values: { type: "array", items: { type: "string" } } } };
    expect(mergeError(project, { "test:values": "a,b" })).toBe("Stack 'dev' with configuration key 'values' must be of type 'array<string>'");
    expect(mergeError(project, { "test:values": [1, 2] })).toBe("Stack 'dev' with configuration key 'values' must be of type 'array<string>'");
  });

  it("requires a `secret: true` key to be encrypted, and so refuses a secret whose default it filled in (pulumi/pulumi#21865)", () => {
    const project = { config: { password: { type: "string", secret: true } } };
    expect(mergeError(project, { "test:password": "clear" })).toBe("Stack 'dev' with configuration key 'password' must be encrypted as it's secret");
    expect(merged(project, { "test:password": { secure: "AAAB" } })).toEqual({ "test:password": "<secret>" });
    const optional = { config: { password: { type: "string", secret: true, default: "" } } };
    expect(mergeError(optional, {})).toBe("Stack 'dev' with configuration key 'password' must be encrypted as it's secret");
  });

  it("does not type-check other namespaces' keys, and hands a project `value` down to the stack", () => {
    expect(merged({ config: { "kubernetes:context": { value: "kind" } } }, {})).toEqual({ "kubernetes:context": "kind" });
    expect(merged({ config: { "kubernetes:context": "kind" } }, { "kubernetes:context": "other" })).toEqual({ "kubernetes:context": "other" });
  });

  it("refuses a Pulumi.yaml the CLI refuses", () => {
    expect(() => projectConfigOf({ name: "test", config: { names: { type: "array" } } })).toThrow(
      "The configuration key 'names' declares an array but does not specify the underlying type via the 'items' attribute",
    );
    expect(() => projectConfigOf({ name: "test", config: { n: { type: "integer", default: "many" } } })).toThrow(
      "The default value specified for configuration key 'n' is not of the expected type 'integer'",
    );
    expect(() => projectConfigOf({ name: "test", config: { "aws:region": { type: "string", value: "x" } } })).toThrow(
      "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
    );
    expect(() => projectConfigOf({ name: "test", config: { n: { type: "number" } } })).toThrow(/value must be one of/);
  });
});

describe("`pulumi config set` as the render's --set applies it", () => {
  it("keeps a top-level value a string, and coerces booleans and integers under a path", () => {
    const values: StackValues = new Map();
    configSet(values, "replicas", "3");
    configSet(values, "caching.scenario", "2", { path: true });
    configSet(values, "caching.lowLatencyNetwork", "true", { path: true });
    configSet(values, "apim.gatewayPort", "08243", { path: true }); // a leading zero stays text
    expect(values.get("test:replicas")).toBe("3");
    expect(values.get("test:caching")).toEqual({ scenario: 2, lowLatencyNetwork: true });
    expect(values.get("test:apim")).toEqual({ gatewayPort: "08243" });
  });

  it("builds a list from indexes, and refuses an index past its end", () => {
    const values: StackValues = new Map();
    configSet(values, "ingress.consoleAllowedCidrs[0]", "10.0.0.0/8", { path: true });
    configSet(values, "ingress.consoleAllowedCidrs[1]", "192.0.2.0/24", { path: true });
    expect(values.get("test:ingress")).toEqual({ consoleAllowedCidrs: ["10.0.0.0/8", "192.0.2.0/24"] });
    expect(() => configSet(values, "ingress.consoleAllowedCidrs[5]", "x", { path: true })).toThrow("array index out of range");
  });

  it("replaces a top-level scalar by a map, as the CLI's compatibility rule does, but not a deeper one", () => {
    const values = stackOf({ "test:caching": "1", "test:a": { b: "text" } });
    configSet(values, "caching.scenario", "2", { path: true });
    expect(values.get("test:caching")).toEqual({ scenario: 2 });
    expect(() => configSet(values, "a.b.c", "x", { path: true })).toThrow("expected a map");
  });

  it("reads the key as the CLI does: the namespace on the top-level key alone, the project's where it names none", () => {
    // pulumi/pulumi v3.248.0 pkg/cmd/pulumi/config/io.go ParseConfigKey with path, whose comment's example is
    // the second case; config/key.go ParseKey takes `ns:name` and the old `ns:config:name`.
    expect(parseConfigPathKey("obkm", "caching.scenario")).toEqual({ namespace: "obkm", name: "caching.scenario" });
    expect(parseConfigPathKey("obkm", "foo.bar:buzz")).toEqual({ namespace: "obkm", name: "foo.bar:buzz" });
    expect(parseConfigPathKey("obkm", "obkm:ingress.consoleAllowedCidrs[0]")).toEqual({ namespace: "obkm", name: "ingress.consoleAllowedCidrs[0]" });
    expect(parseConfigPathKey("obkm", "obkm:config:replicas")).toEqual({ namespace: "obkm", name: "replicas" });
    expect(parseConfigPathKey("obkm", "kubernetes:context")).toEqual({ namespace: "kubernetes", name: "context" });
    expect(() => parseConfigPathKey("obkm", "a:b:c.d")).toThrow("could not parse a:b:c as a configuration key");
    // The render's --set, the same: with or without the project's namespace one key, another namespace's its own.
    const dev = (sets: string[]) => readStackConfig(PROJECT_DIR, "dev", sets).config;
    expect(dev(["obkm:caching.scenario=4", "obkm:config:replicas=3"])).toEqual(dev(["caching.scenario=4", "replicas=3"]));
    expect(dev(["kubernetes:context=other"])).toEqual({ ...dev([]), "kubernetes:context": "other" });
    expect(() => dev(["a:b:c=1"])).toThrow(/^--set a:b:c: not a config key path \(could not parse a:b:c as a configuration key/);
  });

  it("parses the CLI's property paths, quoted names and indexes included", () => {
    expect(parsePropertyPath('a.b[0]["c.d"]')).toEqual(["a", "b", 0, "c.d"]);
    expect(() => parsePropertyPath("a.")).toThrow("expected property path to end with a name or index");
    expect(() => parsePropertyPath("a.[0]")).toThrow("expected property name after '.'");
  });
});

describe("a run of sets that shares the maps it made (setAt's `owned`, as the merge of defaults does)", () => {
  const step = fc.constantFrom<PathStep>("a", "b", "secure", "__proto__", 0, 1, 2);
  const path = fc.tuple(fc.constantFrom("a", "b"), fc.array(step, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]);
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom<unknown>("x", "1", null, true, 2),
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("a", "b", "secure", "__proto__"), tie("node"), { maxKeys: 3 }),
    ),
  })).node;
  const stack = fc.dictionary(fc.constantFrom("test:a", "test:b"), tree, { maxKeys: 2 });
  const set = fc.record({ path, value: fc.constantFrom<ConfigNode>("x", "1", "true", 3, ["l"], { m: "n" }), typed: fc.boolean() });
  // Key order and own `__proto__` members count: JSON shows both, and shows a Secure apart from a string.
  const shown = (values: StackValues): string => JSON.stringify([...values]);

  function run(stackConfig: Record<string, unknown>, sets: Array<{ path: PathStep[]; value: ConfigNode; typed: boolean }>, owned?: WeakSet<object>) {
    const values = stackOf(stackConfig);
    const before = shown(values);
    const nodes = [...values.values()];
    const outcomes = sets.map(({ path, value, typed }) => {
      try {
        setPath(values, "test", path, value, typed, owned);
        return "set";
      } catch (error) {
        if (!(error instanceof PropertyPathError)) throw error;
        return { message: error.message, shape: error.shape };
      }
    });
    // The stack's own nodes (which a caller such as the render may hold) are as they were.
    expect(JSON.stringify(nodes)).toBe(JSON.stringify(JSON.parse(before).map(([, node]: [string, unknown]) => node)));
    return { outcomes, values: shown(values) };
  }

  it("ends with the values, and fails with the errors, of sets that each copy every map they change", () => {
    fc.assert(
      fc.property(stack, fc.array(set, { maxLength: 6 }), (stackConfig, sets) => {
        expect(run(stackConfig, sets, new WeakSet())).toEqual(run(stackConfig, sets));
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it("leaves a map of the stack's own as it was when the merge fills defaults in beside it", () => {
    const project = projectConfigOf({
      name: "test",
      config: { "caching.scenario": { type: "integer", default: 1 }, "caching.timeoutSeconds": { type: "integer", default: 60 } },
    });
    const values = stackOf({ "test:caching": { scenario: 2 } });
    const own = values.get("test:caching");
    applyProjectConfig("dev", project, values);
    expect(own).toEqual({ scenario: 2 });
    expect(values.get("test:caching")).toEqual({ scenario: 2, timeoutSeconds: 60 });
  });
});

describe("the tests' stand-in for the CLI (helpers/cli-config.ts), which keeps each top-level key's merge", () => {
  // The keys of every kind of top-level value: plain, a group with defaults, a group of groups, one Pulumi.yaml
  // does not declare, another namespace's; each set alone, beside others, twice, and where the CLI refuses it.
  const entries: Array<Record<string, string>> = [
    {},
    { "obkm:replicas": "3" },
    { "obkm:caching.scenario": "2", "obkm:hostname": "km.bank.example" },
    { "obkm:database.am.name": "am", "obkm:database.host": "db", "obkm:caching.scenario": "3" },
    { "obkm:caching.scenario": "2" },
    { "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]', "obkm:colour": "blue", "kubernetes:context": "c" },
    { "obkm:caching": "2" },
    { "obkm:caching": "2", "obkm:caching.scenario": "3" },
    { "obkm:caching.scenario": "3", "obkm:caching": "2", "obkm:database.x.y": "1" },
    { "obkm:replicas": "3" },
    { "obkm:database.am": "x", "obkm:database.am.name": "y", "obkm:caching": "2" },
  ];
  it.each(["dev", "prod"])("gives on %s what the whole merge gives, in its order, and fails where it fails", (stack) => {
    const outcome = (merge: () => Record<string, string>) => {
      try {
        return Object.entries(merge());
      } catch (error) {
        return `throws ${(error as Error).message}`;
      }
    };
    for (const entry of [...entries, ...entries]) {
      expect(outcome(() => cliConfig(entry, stack))).toEqual(outcome(() => wholeMerge(Object.entries(entry), stack)));
    }
    expect(outcome(() => cliConfig({ "obkm:database.am": "x", "obkm:database.am.name": "y" }, stack))).toMatch(/^throws /);
  });
});

describe("the text the program receives for a value (plaintext.go marshalText)", () => {
  // What the text is: the decrypted value as JSON with each map's keys sorted (Go's encoding/json orders a
  // map's keys; JavaScript puts keys that read as array indexes first, which the text has always kept).
  const expected = (node: ConfigNode, standIn: string): string => {
    const plain = decrypt(node, standIn);
    if (typeof plain === "string") return plain;
    const sorted = (_key: string, value: unknown) =>
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, (value as Record<string, unknown>)[k]]),
          )
        : value;
    return JSON.stringify(plain, sorted);
  };
  const key = fc.oneof(fc.string(), fc.constantFrom("__proto__", "toJSON", "10", "9", "1a", "", "é", "\ud800", 'a"b'));
  // fast-check's "binary" unit, every code point but the surrogates, drawn as the library draws it (4.3.0:
  // lib/cjs/arbitrary/string.js extractUnitArbitrary takes stringUnit("binary", "full"), which
  // _internals/StringUnitArbitrary.js builds as mapToConstant over data/GraphemeRanges.js fullAlphabetRanges,
  // 0-0xd7ff then 0xe000-0x10ffff: nat({max}) mapped to String.fromCodePoint of the index in those ranges), so
  // the same seed gives the same values. Its unmapper told apart by arithmetic: the library's
  // (_internals/mappers/IndexToMappedConstant.js buildReverseMapping) fills a Map of all 1,112,064 code points
  // the first time fc.string asks whether its slices (SlicesForStringBuilder.js) can be made, which took 1.5
  // CPU seconds of this file's loading.
  const SURROGATES = 0xe000 - 0xd800;
  const binaryUnit = fc.nat({ max: 0x10ffff - SURROGATES }).map(
    (index) => String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES),
    (unit) => {
      const point = typeof unit === "string" ? unit.codePointAt(0) : undefined;
      if (point === undefined || String.fromCodePoint(point) !== unit || (point >= 0xd800 && point < 0xe000)) throw new Error("not one code point");
      return point < 0xd800 ? point : point - SURROGATES;
    },
  );
  const node = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.oneof(fc.string({ unit: binaryUnit }), fc.constantFrom("\ud800", "</script>", "\u2028")),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.option(fc.string(), { nil: undefined }).map((plain) => new Secure("c", plain)),
      fc.array(tie("node"), { maxLength: 4 }),
      fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      fc.dictionary(key, tie("node"), { maxKeys: 2, noNullPrototype: false }),
    ),
  })).node as fc.Arbitrary<ConfigNode>;

  it("is the decrypted value as JSON with each map's keys sorted, for any value", () => {
    fc.assert(
      fc.property(node, (value) => {
        expect(programText(value, "<secret>")).toBe(expected(value, "<secret>"));
      }),
      { numRuns: 2000, seed: 20261203 },
    );
    const dated = { at: new Date(0) } as unknown as ConfigNode;
    const holes = [1, , 2] as unknown as ConfigNode; // eslint-disable-line no-sparse-arrays
    for (const odd of [dated, holes, { a: undefined } as unknown as ConfigNode, [1, [new Secure("c", "p")]]]) {
      expect(programText(odd, "<secret>")).toBe(expected(odd, "<secret>"));
    }
  });
});

describe("the render's stack config", () => {
  const stackDir = (stackFile: string): string => projectWithStack("test", stackFile);

  const minimal = [
    MINIMAL_STACK_FILE.trimEnd(),
    "  obkm:cluster:",
    "    context: test-cluster",
    "    identifier: test-cluster-id",
    // A stack other than dev reaches the OB directory's JWKS (config/internet-egress-checks.ts).
    "  obkm:httpProxy:",
    "    host: 10.30.9.9",
    "    port: 3128",
    "  obkm:keystores:",
    "    signing:",
    "      secret: ob-signing",
    "      kid: ob-signing-2026",
    "      alias: ob-signing",
    "",
  ].join("\n");

  it("stops a stack missing a required key in the CLI's words, before the program runs", () => {
    const dir = stackDir("config:\n  obkm:hostname: km.bank.example\n  obkm:image: r.example/obkm:1.4.0\n");
    expect(() => readStackConfig(dir, "test")).toThrow(new StackFileError("Stack 'test' is missing configuration value 'apim.hostname'"));
  });

  it("stops a stack whose nested value has the wrong type, naming the key's path", () => {
    const dir = stackDir(minimal + "  obkm:caching:\n    scenario: often\n");
    // The CLI's own check ("... 'caching.scenario' must be of type 'integer'"), said with the key and what to type.
    expect(() => readStackConfig(dir, "test")).toThrow(
      new StackFileError("obkm:caching.scenario: not of its declared type; expected an integer, such as --set caching.scenario=2"),
    );
  });

  it("gives the program the same config for a stack file written by `pulumi config set` (strings) and by `--path` (typed)", () => {
    const asStrings = stackDir(
      minimal +
        '  obkm:acceptBundledTemplates: "true"\n  obkm:replicas: "3"\n  obkm:caching:\n    scenario: "2"\n    acceptStaleAuthorization: "true"\n',
    );
    const asTyped = stackDir(
      minimal + "  obkm:acceptBundledTemplates: true\n  obkm:replicas: 3\n  obkm:caching:\n    scenario: 2\n    acceptStaleAuthorization: true\n",
    );
    const load = (dir: string) => loadConfig(readStackConfig(dir, "test").config, { stack: "test", projectDir: dir }).config;
    expect(load(asStrings)).toEqual(load(asTyped));
    expect(load(asTyped).caching.scenario).toBe(2);
    expect(load(asTyped).replicas).toBe(3);
  });

  it("renders a stack file holding everything the CLI merged into it (every default written out) as the committed one", async () => {
    for (const stack of ["dev", "prod"]) {
      const values = readStackValues(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`));
      applyProjectConfig(stack, readProject(PROJECT_DIR), values);
      const written = YAML.stringify({
        config: Object.fromEntries([...values].map(([k, v]) => [k, v instanceof Secure ? { secure: v.ciphertext } : v])),
      });
      const dir = stackDir("");
      fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), written);
      // By the run's render server (helpers/render.ts), which has the Pulumi SDKs loaded already.
      const asMerged = await renderInput(readStackConfig(dir, stack));
      const committed = await renderInput(readStackConfig(PROJECT_DIR, stack));
      expect(asMerged.files).toEqual(committed.files);
    }
  });

  it("refuses a flat key of the old layout, pointing at the migration", () => {
    const dir = stackDir(minimal + '  obkm:caching.scenario: "2"\n');
    expect(() => loadConfig(readStackConfig(dir, "test").config, { stack: "test", projectDir: dir })).toThrow(
      /obkm:caching.scenario: a flat key, which the Pulumi CLI never reads for the declared caching.scenario; .*npm run migrate-config -- --stack NAME/,
    );
  });

  // The group `keys` is `keystores` now ("key" means a config key only): an old stack file is refused with
  // the new name, and migrate-config moves the group, map or flat keys, with its comments.
  it("refuses the old group keys with its new name, and migrates it", () => {
    const old = [
      "config:",
      "  obkm:hostname: km.bank.example",
      "  # the bank's signing keystore",
      "  obkm:keys:",
      "    signing:",
      "      secret: obkm-signing-keystore",
      "  obkm:keys.rotation: r2",
      "",
    ].join("\n");
    expect(minimalProblems({ "obkm:keys.signing.secret": "s" })).toContainEqual(
      "obkm:keys: renamed obkm:keystores; move it there (npm run migrate-config -- --stack NAME moves every such key of a stack file)",
    );
    const { text, moved } = migrateStackFile(old, "Pulumi.dev.yaml");
    expect(moved).toEqual(["obkm:keys", "obkm:keys.rotation", "obkm:keystores.rotation"]);
    expect(YAML.parse(text).config).toEqual({
      "obkm:hostname": "km.bank.example",
      "obkm:keystores": { signing: { secret: "obkm-signing-keystore" }, rotation: "r2" },
    });
    expect(text).toContain("# the bank's signing keystore\n  obkm:keystores:");
  });

  it("renders the old flat dev and prod files, once migrated, exactly as the committed ones", () => {
    for (const stack of ["dev", "prod"]) {
      const old = fs.readFileSync(path.join(PROJECT_DIR, "tests", "fixtures", "flat-stacks", `Pulumi.${stack}.yaml`), "utf8");
      const { text, moved } = migrateStackFile(old, `Pulumi.${stack}.yaml`);
      expect(moved.length).toBeGreaterThan(0);
      const dir = stackDir("");
      fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
      const committed = readStackConfig(PROJECT_DIR, stack).config;
      // prod now names its cluster and its keystores and turns metrics on, dev the ranges its gateway is in,
      // both what their database server accepts, and prod that it means the bundled templates and runs its
      // images by digest; everything else the old file said is what the migrated one says.
      const {
        "obkm:cluster": cluster,
        "obkm:keystores": keys,
        "obkm:networkPolicy": networkPolicy,
        "obkm:metrics": metrics,
        "obkm:image": image,
        "obkm:openBanking": openBanking,
        ...rest
      } = committed;
      const migrated = readStackConfig(dir, stack).config;
      expect(migrated).toEqual({
        ...rest,
        "obkm:database": JSON.stringify({ ...JSON.parse(rest["obkm:database"]), maxConnections: 0 }),
        "obkm:acceptBundledTemplates": "false",
        "obkm:cluster": stack === "prod" ? '{"context":"","identifier":"","kubeconfig":""}' : cluster,
        "obkm:keystores": stack === "prod" ? migrated["obkm:keystores"] : keys,
        "obkm:networkPolicy": stack === "dev" ? migrated["obkm:networkPolicy"] : networkPolicy,
        "obkm:metrics": stack === "prod" ? migrated["obkm:metrics"] : metrics,
        "obkm:image": stack === "prod" ? migrated["obkm:image"] : image,
        "obkm:openBanking": stack === "prod" ? migrated["obkm:openBanking"] : openBanking,
      });
      if (stack === "prod")
        expect([image, JSON.parse(openBanking).editorImage]).toEqual([expect.stringMatching(/@sha256:/), expect.stringMatching(/@sha256:/)]);
      if (stack === "prod") expect(JSON.parse(metrics).enabled).toBe(true);
      if (stack === "dev") expect(JSON.parse(networkPolicy).egressCidrs).toEqual(["10.0.0.0/8"]);
      if (stack === "prod") expect(JSON.parse(keys).signing.secret).toBe("obkm-signing-keystore");
      expect(cluster).toBe(
        stack === "prod"
          ? '{"context":"prod-eu-west-1","identifier":"arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod","kubeconfig":""}'
          : '{"context":"","identifier":"","kubeconfig":""}',
      );
    }
  });
});
