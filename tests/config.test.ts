// What a user sees when a stack's config is right, and what they read when it is not.
import { configKeys, KeySpec } from "../config/keys";
import { loadConfig } from "../config/load";
import { cliConfig, INTERNET_BY_PROXY } from "./helpers/cli-config";
import { ConfigError } from "../config/problems";
import { canonicalQuantity } from "../config/quantity";

const required = {
  "obkm:hostname": "km.bank.example",
  "obkm:image": "registry.bank.example/wso2/obkm:1.4.0",
  "obkm:apim.hostname": "gw.bank.example",
  "obkm:database.host": "db.bank.example",
  // The gateway (apim.hostname) is known by name: the NetworkPolicy needs its address ranges.
  "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]',
  // A server that accepts what the default pools may open (config/risk-warnings.ts).
  "obkm:database.maxConnections": "1000",
  // Stacks other than dev here mean the bundled templates (config/template-checks.ts).
  "obkm:acceptBundledTemplates": "true",
};

function load(extra: Record<string, string> = {}, stack = "dev") {
  return loadConfig(cliConfig({ ...required, ...extra }), { stack, projectDir: "/project" });
}

function problemsOf(extra: Record<string, string>, base: Record<string, string> = required): string[] {
  try {
    loadConfig(cliConfig({ ...base, ...extra }), { stack: "dev", projectDir: "/project" });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("a valid stack config", () => {
  it("gets the product's defaults: two nodes, 4Gi memory with a 2 GiB heap, the cluster.local domain", () => {
    const { config, warnings } = load();
    expect(config.replicas).toBe(2);
    expect(config.resources).toEqual({ memory: "4Gi", cpu: "2", jvmHeapMiB: 2048 });
    expect(config.clusterDomain).toBe("cluster.local");
    expect(config.kmHome).toBe("/home/wso2carbon/wso2-obkm-1.4.0");
    expect(warnings).toEqual([]);
  });

  it("derives the namespace from the stack name unless one is given", () => {
    const nonDev = {
      ...INTERNET_BY_PROXY,
      "obkm:cluster.context": "staging-cluster",
      "obkm:cluster.identifier": "test-cluster-id",
      "obkm:keystores.signing.secret": "signing",
      "obkm:keystores.signing.alias": "ob",
      "obkm:keystores.signing.kid": "ob-2026",
    };
    expect(load(nonDev, "staging").config.namespace).toEqual({ name: "obkm-staging", create: true });
    expect(load({ "obkm:namespace": "shared-ns", "obkm:createNamespace": "false" }).config.namespace).toEqual({ name: "shared-ns", create: false });
  });

  it("writes quantities as the API server does, so a preview shows no false change", () => {
    const { config } = load({ "obkm:memory": "4096Mi", "obkm:jvmHeap": "2048Mi", "obkm:cpu": "1000m" });
    expect(config.resources).toEqual({ memory: "4Gi", cpu: "1", jvmHeapMiB: 2048 });
  });

  it("resolves a relative configTemplates against the project directory", () => {
    expect(load({ "obkm:configTemplates": "../pack/repository/conf" }).config.configTemplates).toBe("/pack/repository/conf");
    expect(load().config.configTemplates).toBeUndefined();
  });

  it("reads a list as the stack file's YAML list, and refuses a comma-separated string as the CLI's array check does", () => {
    expect(load({ "obkm:ingress.consoleAllowedCidrs": '["10.0.0.0/8","192.0.2.0/24"]' }).config.ingress.consoleAllowedCidrs).toEqual([
      "10.0.0.0/8",
      "192.0.2.0/24",
    ]);
    expect(load({ "obkm:ingress.consoleAllowedCidrs": "[]" }).config.ingress.consoleAllowedCidrs).toEqual([]);
    expect(problemsOf({ "obkm:ingress.consoleAllowedCidrs": "10.0.0.0/8, 192.0.2.0/24" })).toEqual([
      'obkm:ingress.consoleAllowedCidrs: got "10.0.0.0/8, 192.0.2.0/24"; expected a list of CIDR ranges, such as [10.20.0.0/16, 192.0.2.7/32]',
    ]);
  });

  it("ignores other namespaces' keys such as kubernetes:context", () => {
    expect(() => load({ "kubernetes:context": "kind-dev" })).not.toThrow();
  });

  it("allows a single node only with highAvailability false, and then warns", () => {
    const { config, warnings } = load({ "obkm:replicas": "1", "obkm:highAvailability": "false" });
    expect(config.replicas).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/obkm:replicas is 1.*outage/);
  });
});

describe("a bad stack config", () => {
  it.each<[string, Record<string, string>, string]>([
    ["a wrong type", { "obkm:replicas": "two" }, 'obkm:replicas: got "two"; expected an integer from 1 to 50'],
    ["a value out of range", { "obkm:replicas": "51" }, "obkm:replicas: got 51; expected an integer from 1 to 50"],
    [
      "an unknown enum value",
      { "obkm:imagePullPolicy": "Sometimes" },
      'obkm:imagePullPolicy: got "Sometimes"; expected one of Always, IfNotPresent, Never',
    ],
    ["a malformed host name", { "obkm:hostname": "KM_Host" }, 'obkm:hostname: got "KM_Host"; expected a fully qualified host name'],
    ["a host name of one label", { "obkm:hostname": "localhost" }, 'obkm:hostname: got "localhost"'],
    ["a non-boolean", { "obkm:createNamespace": "yes" }, 'obkm:createNamespace: got "yes"; expected true or false'],
    ["an image without a tag", { "obkm:image": "registry.bank.example/wso2/obkm" }, "obkm:image: got"],
    ["an image on :latest", { "obkm:image": "wso2/obkm:latest" }, "(not :latest)"],
    ["a relative kmHome", { "obkm:kmHome": "wso2-obkm" }, 'obkm:kmHome: got "wso2-obkm"; expected an absolute path'],
    ["a memory size that is not a quantity", { "obkm:memory": "4GB" }, 'obkm:memory: got "4GB"; expected a memory size'],
    ["a prefix too long for pod host names", { "obkm:namePrefix": "a".repeat(41) }, "obkm:namePrefix: got"],
    ["a namespace that is not a DNS label", { "obkm:namespace": "Open_Banking" }, 'obkm:namespace: got "Open_Banking"'],
  ])("names the key, the value and what is allowed for %s", (_what, extra, expected) => {
    const problems = problemsOf(extra);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("names a missing required key", () => {
    expect(problemsOf({}, { ...required, "obkm:hostname": undefined as unknown as string })).toEqual([
      expect.stringMatching(/^obkm:hostname: missing; expected a fully qualified host name/),
    ]);
  });

  it("names an unknown key under obkm:, with the closest known one", () => {
    expect(problemsOf({ "obkm:replica": "3" })).toEqual(["obkm:replica: unknown key; did you mean replicas?"]);
    expect(problemsOf({ "obkm:caching.senario": "2" })).toEqual(["obkm:caching.senario: unknown key; did you mean caching.scenario?"]);
  });

  it("names, for an unknown key like none, what its level holds: the top-level names, or the group's fields", () => {
    const [top] = problemsOf({ "obkm:zzzzzzzzzzzz": "1" });
    const names = /expected one of the top-level keys (.*)$/.exec(top)?.[1].split(", ");
    // Every key is reached from one of them, and none of them is a nested key of a group.
    expect(names).toContain("replicas");
    expect(names).toContain("caching");
    expect(names?.some((name) => name.includes("."))).toBe(false);
    expect(new Set(Object.keys(configKeys).map((key) => key.split(".")[0]))).toEqual(new Set(names));
    expect(problemsOf({ "obkm:caching.zzzzzzzzzzzz": "2" })).toEqual([
      expect.stringMatching(/^obkm:caching.zzzzzzzzzzzz: unknown key; expected one of the fields .*scenario.* of obkm:caching$/),
    ]);
  });

  it("refuses one node without the explicit opt-out", () => {
    expect(problemsOf({ "obkm:replicas": "1" })).toEqual([expect.stringMatching(/obkm:replicas: got 1; expected 2 or more.*highAvailability/)]);
  });

  it("refuses a heap that leaves the rest of the process less than 1Gi or a quarter of the memory", () => {
    expect(problemsOf({ "obkm:jvmHeap": "4Gi" })[0]).toMatch(/obkm:jvmHeap: got 4Gi with memory 4Gi; expected at most 3072Mi/);
    expect(problemsOf({ "obkm:memory": "8Gi", "obkm:jvmHeap": "7Gi" })[0]).toMatch(/expected at most 6144Mi/);
    expect(() => load({ "obkm:memory": "8Gi", "obkm:jvmHeap": "6Gi" })).not.toThrow();
  });

  it("reports every problem at once, cross-key checks included, in a stable order", () => {
    const problems = problemsOf({ "obkm:replicas": "0", "obkm:hostname": "bad_host", "obkm:jvmHeap": "4Gi", "obkm:colour": "blue" });
    expect(problems.map((p) => p.split(":").slice(0, 2).join(":"))).toEqual(["obkm:colour", "obkm:hostname", "obkm:jvmHeap", "obkm:replicas"]);
  });

  it("is a ConfigError whose message lists the problems, one per line", () => {
    try {
      load({ "obkm:replicas": "0", "obkm:hostname": "x" });
      throw new Error("expected the config to be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^the stack configuration has 2 problems:\n {2}- obkm:hostname: .*\n {2}- obkm:replicas: /);
    }
  });
});

describe("quantities", () => {
  it.each([
    ["4096Mi", "4Gi"],
    ["1536Mi", "1536Mi"],
    ["1.5Gi", "1536Mi"],
    ["0.5", "500m"],
    ["2000m", "2"],
    ["4000M", "4G"],
    ["1024", "1024"],
    ["1Gi", "1Gi"],
  ])("%s is written %s", (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it.each(["4GB", "-1Gi", "1.0001m", "Gi", ""])("%s is not a quantity", (input) => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });
});

describe("control characters", () => {
  it("are refused in any key before its own rule, naming the code point and never showing a secret", () => {
    expect(problemsOf({ "obkm:database.urlParameters": "useSSL=true\u0001" })).toEqual([
      "obkm:database.urlParameters: holds the control character U+0001; expected printable text, because the node files are XML",
    ]);
    const problems = problemsOf({ "obkm:adminPassword": "Sup3r\u0000Secret" });
    expect(problems).toEqual(["obkm:adminPassword: holds the control character U+0000; expected printable text, because the node files are XML"]);
    expect(problems.join("\n")).not.toContain("Sup3r");
    expect(problemsOf({ "obkm:networkPolicy.allowedNamespaces": '["ok","bad\\u001b"]' })).toEqual([
      "obkm:networkPolicy.allowedNamespaces: holds the control character U+001B; expected printable text, because the node files are XML",
    ]);
  });
});

describe("each key's outcomes kept between loads (config/load.ts)", () => {
  it("are handed out only for the same value, whatever was met before", () => {
    const cidrs = (config: ReturnType<typeof load>) => config.config.networkPolicy.egressCidrs;
    expect(problemsOf({ "obkm:replicas": "0" })).toEqual([expect.stringMatching(/^obkm:replicas: got 0; expected/)]);
    expect(load({ "obkm:replicas": "3" }).config.replicas).toBe(3);
    expect(problemsOf({ "obkm:replicas": "0" })).toEqual([expect.stringMatching(/^obkm:replicas: got 0; expected/)]);
    expect(cidrs(load({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]' }))).toEqual(["10.0.0.0/8"]);
    expect(cidrs(load({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8","192.168.0.0/16"]' }))).toEqual(["10.0.0.0/8", "192.168.0.0/16"]);
    expect(cidrs(load({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]' }))).toEqual(["10.0.0.0/8"]);
  });

  it("cannot be changed by a load that gets one: what one load is handed, the next is handed as it was", () => {
    const first = load({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8","172.16.0.0/12"]' }).config.networkPolicy.egressCidrs as string[];
    expect(() => first.push("0.0.0.0/0")).toThrow(TypeError);
    expect(load({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8","172.16.0.0/12"]' }).config.networkPolicy.egressCidrs).toEqual([
      "10.0.0.0/8",
      "172.16.0.0/12",
    ]);
  });
});

describe("settings valid alone but wrong together", () => {
  it("refuses a pool that keeps more idle connections than it may open", () => {
    expect(problemsOf({ "obkm:database.pool.minIdle": "20", "obkm:database.pool.maxActive": "10" })).toEqual([
      "obkm:database.pool.minIdle: got 20 with obkm:database.pool.maxActive 10; expected at most the pool's maximum, because a pool cannot keep more idle connections than it may open",
    ]);
  });

  it("refuses a CPU limit below the request, comparing quantities, not text", () => {
    expect(problemsOf({ "obkm:cpu": "2", "obkm:cpuLimit": "1500m" })).toEqual([
      "obkm:cpuLimit: got 1500m with obkm:cpu 2; expected at least the request, because the API server refuses a limit below it",
    ]);
    expect(() => load({ "obkm:cpu": "1500m", "obkm:cpuLimit": "2" })).not.toThrow();
  });

  it("refuses Parallel starts on the provisioned database, which is empty at the first start", () => {
    expect(problemsOf({ "obkm:podManagementPolicy": "Parallel", "obkm:database.provision": "true", "obkm:database.host": "" })).toEqual([
      expect.stringMatching(/^obkm:podManagementPolicy: got Parallel with obkm:database.provision true; expected OrderedReady/),
    ]);
  });

  it("refuses an override that turns a scenario 4 security cache back on", () => {
    expect(problemsOf({ "obkm:caching.scenario": "4", "obkm:caching.cacheOverrides": '["OAuthCache.enabled=true"]' })).toEqual([
      expect.stringMatching(/^obkm:caching.cacheOverrides: got OAuthCache.enabled=true; expected no security cache turned back on in scenario 4/),
    ]);
  });
});

describe("image references as docker/distribution's reference grammar reads them", () => {
  it.each([
    ["an upper-case repository", "registry.bank.example/WSO2/obkm:1.4.0"],
    ["a tag of 129 characters", `registry.bank.example/wso2/obkm:${"t".repeat(129)}`],
    ["a sha256 digest of 40 hex digits", `registry.bank.example/wso2/obkm@sha256:${"a".repeat(40)}`],
    ["a digest of another algorithm", `registry.bank.example/wso2/obkm@md5:${"a".repeat(32)}`],
    ["a name over 255 characters", `registry.bank.example/${"a".repeat(250)}:1`],
    ["an empty path component", "registry.bank.example//obkm:1"],
  ])("refuses %s", (_what, image) => {
    const problems = problemsOf({ "obkm:image": image });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^obkm:image: got .*; expected an image reference with a tag or digest/);
  });

  it.each([
    "Registry.Bank.example:5000/wso2/obkm:1.4.0-u42",
    `registry.bank.example/wso2/obkm@sha256:${"0".repeat(64)}`,
    `registry.bank.example/wso2/obkm:1.4.0@sha256:${"0".repeat(64)}`,
    "wso2/obkm:1.4.0",
  ])("accepts %s", (image) => {
    expect(() => load({ "obkm:image": image })).not.toThrow();
  });
});

describe("database names as the engines read them", () => {
  it("refuses a '$' in a name, which the schema job's shell would expand", () => {
    expect(problemsOf({ "obkm:database.am.name": "obkm$am" })).toEqual([
      expect.stringMatching(/^obkm:database.am.name: got "obkm\$am"; expected a database name of letters, digits and '_'/),
    ]);
  });

  it("refuses upper case on PostgreSQL, which folds unquoted names, and accepts it on MySQL, which keeps them", () => {
    expect(problemsOf({ "obkm:database.type": "postgresql", "obkm:database.am.name": "obkm_AM", "obkm:database.username": "KM" })).toEqual([
      'obkm:database.am.name: got "obkm_AM" with database.type postgresql; expected lower case, because PostgreSQL folds unquoted names to lower case and the JDBC URL names them exactly',
      'obkm:database.username: got "KM" with database.type postgresql; expected lower case, because PostgreSQL folds unquoted names to lower case and the JDBC URL names them exactly',
    ]);
    expect(() => load({ "obkm:database.type": "mysql", "obkm:database.am.name": "obkm_AM" })).not.toThrow();
  });
});

describe("names as the API server checks them", () => {
  it("refuses a name prefix that a Service's name cannot start with", () => {
    expect(problemsOf({ "obkm:namePrefix": "1km" })).toEqual([
      expect.stringMatching(/^obkm:namePrefix: got "1km"; expected a name of at most 40 characters: .*starting with a letter/),
    ]);
  });

  it("refuses a cluster domain that makes the pods' DNS names longer than 253 characters", () => {
    const domain = Array.from({ length: 4 }, () => "d".repeat(60)).join(".");
    expect(problemsOf({ "obkm:clusterDomain": domain })).toEqual([
      expect.stringMatching(
        /^obkm:clusterDomain: got d+(\.d+)+ with obkm:namePrefix obkm and namespace obkm-dev; expected pod DNS names of at most 253 characters, but \d+ is the longest$/,
      ),
    ]);
  });
});

describe("settings that have no effect", () => {
  it("are accepted with a warning that says why, never silently", () => {
    const { warnings } = load({
      "obkm:caching.timeoutSeconds": "120",
      "obkm:userStore.ldap.url": "ldaps://ldap.bank.example:636",
      "obkm:networkPolicy.enabled": "false",
      "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]',
    });
    expect(warnings).toEqual([
      "obkm:caching.timeoutSeconds is set but has no effect: it applies to caching scenario 2 only, and the scenario is 1.",
      "obkm:networkPolicy.egressCidrs is set but has no effect: networkPolicy.enabled is false.",
      "obkm:userStore.ldap.url is set but has no effect: userStore.type is jdbc.",
    ]);
  });

  it("are not reported when left at their defaults, or when they take effect", () => {
    expect(load().warnings).toEqual([]);
    expect(
      load({ "obkm:caching.scenario": "2", "obkm:caching.acceptStaleAuthorization": "true", "obkm:caching.timeoutSeconds": "120" }).warnings,
    ).toEqual([]);
  });
});

describe("addresses and ranges, as the API server's parser reads them", () => {
  it("accepts IPv4 in four decimal parts and IPv6, and refuses the rest", () => {
    for (const ok of ["10.96.0.50", "fd00::1", "::ffff:10.0.0.1"]) expect(() => load({ "obkm:hostAliasIp": ok })).not.toThrow();
    for (const bad of [":::::", "10.1", "010.1.2.3", "fe80::1%eth0", "256.1.1.1"]) {
      expect(problemsOf({ "obkm:hostAliasIp": bad })).toEqual([
        `obkm:hostAliasIp: got ${JSON.stringify(bad)}; expected empty, or an IPv4 or IPv6 address such as 10.96.0.50`,
      ]);
    }
  });

  it("accepts CIDR ranges whose prefix fits the address family, and refuses the rest", () => {
    expect(load({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8","fd00::/64","0.0.0.0/0"]' }).config.networkPolicy.egressCidrs).toHaveLength(3);
    for (const bad of ["10.0.0.0/33", "fd00::/129", "10.0.0.0/08", "10.0.0.0", "10.0.0/8", "::::/64"]) {
      expect(problemsOf({ "obkm:networkPolicy.egressCidrs": JSON.stringify([bad]) })[0]).toContain(`(${JSON.stringify(bad)} is not one)`);
    }
  });
});

describe("the namespace", () => {
  it("is never one of Kubernetes' own", () => {
    expect(problemsOf({ "obkm:namespace": "kube-system" })).toEqual([
      "obkm:namespace: got kube-system; expected a namespace of the Key Manager's own, not one of Kubernetes' (kube-system, kube-public, kube-node-lease)",
    ]);
  });
});

describe("config.keyValues, what the plan reads of a key it uses as it is", () => {
  const secrets = ["obkm:adminPassword", "obkm:database.password", "obkm:database.am.password", "obkm:userStore.ldap.bindPassword"];
  const { config, secrets: secretValues } = load(Object.fromEntries(secrets.map((key, i) => [key, `Secret-${i}-Value`])));

  it("holds every key's value, and no secret's: those reach the plan only as SecretValues", () => {
    const declaredSecret = Object.entries(configKeys)
      .filter(([, spec]) => (spec as { secret?: true }).secret)
      .map(([key]) => key);
    expect(declaredSecret.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(config.keyValues).sort()).toEqual(
      Object.keys(configKeys)
        .filter((key) => !declaredSecret.includes(key))
        .sort(),
    );
    expect(JSON.stringify(config)).not.toMatch(/Secret-\d-Value/);
    expect(secretValues.adminPassword).toBe("Secret-0-Value");
  });

  it("gives each value as its rule gave it, typed", () => {
    const { config: set } = load({ "obkm:replicas": "4", "obkm:caching.scenario": "3" });
    expect(set.keyValues.replicas).toBe(4);
    expect(set.keyValues["caching.scenario"]).toBe(3);
    expect(set.keyValues.hostname).toBe("km.bank.example");
  });

  it("cannot be changed by the plan", () => {
    expect(Object.isFrozen(config.keyValues)).toBe(true);
  });
});

describe("the host keys' refusals", () => {
  // Every key that names a host takes a fully qualified name (rules.hostName: two labels at least) or an
  // address; a single-label name such as a Service's short name or localhost is refused, and the refusal must
  // say which kind of name it wants, not "a host name", which localhost is.
  const hostKeys = Object.entries(configKeys as Record<string, KeySpec>).filter(
    ([key, spec]) => spec.type === "string" && /(^|\.)(host|hostname|servicesHost)$/.test(key),
  );

  it("are found", () => {
    expect(hostKeys.map(([key]) => key)).toEqual(
      expect.arrayContaining(["hostname", "apim.hostname", "database.host", "database.am.host", "httpProxy.host"]),
    );
  });

  it.each(hostKeys.map(([key]) => key))(
    "%s: accepts a fully qualified name, and refuses a single label saying it wants a fully qualified one",
    (key) => {
      const rule = hostKeys.find(([k]) => k === key)![1].rule;
      expect(rule.safeParse("db.bank.example").success).toBe(true);
      const single = rule.safeParse("localhost");
      expect(single.success).toBe(false);
      expect(single.error!.issues.map((i) => i.message).join(" ")).toMatch(/fully qualified host name in lower case/);
    },
  );
});
