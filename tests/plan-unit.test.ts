// The plan's pure functions on their own, without the mock engine: fast, and each about one decision.
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import { editorBundle } from "../editor/bundle";
import { buildPlan } from "../plan";
import { clusterProviderArgs } from "../plan/cluster-provider";
import { credentialPlan, fillSecrets } from "../plan/credentials";
import { KM_TEMPLATE_FILES } from "../plan/templates";
import { PROJECT_DIR } from "../project-dir";
import { deleteFirstOn } from "../render/provider-replacements";
import { readTemplates } from "../xml/templates";
import type { ObkmSettings } from "../config/settings.generated";
import { configTextsOf } from "../plan-from-config";
import { setPath, StackValues } from "../lib/pulumi-config/merge";
import { parsePropertyPath } from "../lib/pulumi-config/property-path";
import { programText } from "../lib/pulumi-config/value";
import { cliConfig } from "./helpers/cli-config";

const base = {
  "obkm:hostname": "km.bank.example",
  "obkm:image": "registry.bank.example/obkm:1.4.0",
  "obkm:apim.hostname": "gw.bank.example",
  "obkm:database.host": "db.bank.example",
  // The gateway (apim.hostname) is known by name: the NetworkPolicy needs its address ranges.
  "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]',
};
const configOf = (extra: Record<string, string> = {}) =>
  loadConfig(cliConfig({ ...base, ...extra }), { stack: "dev", projectDir: PROJECT_DIR }).config;
const bundled = readTemplates(undefined, KM_TEMPLATE_FILES);

describe("plan/index.ts", () => {
  it("reads nothing itself: it plans from the templates it is given, wherever configTemplates points", () => {
    const config = { ...configOf(), configTemplates: "/no/such/directory" };
    expect(() => buildPlan(config, { km: bundled, editor: editorBundle })).not.toThrow();
  });

  it("refuses a template that holds the text it marks a password's place with", () => {
    const file = "user-mgt.xml";
    const poisoned = {
      ...bundled,
      files: { ...bundled.files, [file]: bundled.files[file].replace("</UserManager>", "<!-- @@obkm-secret:admin-password@@ --></UserManager>") },
    };
    expect(() => buildPlan(configOf(), { km: poisoned, editor: editorBundle })).toThrow(
      /user-mgt.xml: \/: holds the text @@obkm-secret:admin-password@@/,
    );
  });

  it("writes each password escaped into its place in the secret files, and leaves no slot behind", () => {
    const plan = buildPlan(configOf(), { km: bundled, editor: editorBundle });
    const credentials = {
      // The default layout (openBanking) writes am and common into master-datasources.xml.
      datasourcePasswords: { um: "unused", am: "a<b", config: "unused", reg: "unused", common: "c&d", ob: "e>f" },
      adminPassword: "x\"y'z",
      revisionKey: "k",
    };
    const files = Object.fromEntries(plan.secrets(credentials).secretNodeFiles.map((f) => [f.path, f.content]));
    expect(files["datasources/master-datasources.xml"]).toContain("<password>a&lt;b</password>");
    expect(files["datasources/master-datasources.xml"]).toContain("<password>c&amp;d</password>");
    expect(files["user-mgt.xml"]).toContain(`<Password>x"y'z</Password>`);
    expect(Object.values(files).join("\n")).not.toContain("@@obkm-secret:");
  });
  const planOf = (extra: Record<string, string> = {}) => buildPlan(configOf(extra), { km: bundled, editor: editorBundle });

  it("creates the namespace, the NetworkPolicy and the console's own Ingress only where config asks for them", () => {
    const plain = planOf();
    expect((plain.namespace as any).metadata).toMatchObject({ name: plain.names.namespace });
    expect(plain.networkPolicy).toBeDefined();
    expect(plain.consoleIngress).toBeUndefined();
    const other = planOf({
      "obkm:createNamespace": "false",
      "obkm:networkPolicy.enabled": "false",
      "obkm:ingress.consoleAllowedCidrs": '["10.0.0.0/8"]',
    });
    expect(other.namespace).toBeUndefined();
    expect(other.networkPolicy).toBeUndefined();
    expect(other.consoleIngress).toBeDefined();
  });

  it("refuses, before anything is created, a server the NetworkPolicy could not let out", () => {
    expect(() => planOf({ "obkm:networkPolicy.egressCidrs": "[]" })).toThrow(ConfigError);
    expect(() => planOf({ "obkm:networkPolicy.egressCidrs": "[]" })).toThrow(
      /- obkm:networkPolicy.egressCidrs: is empty, but the nodes call db.bank.example:3306 /,
    );
  });

  it("refuses an admin the user store's own name pattern would never let log in", () => {
    // The key's own rule allows 64 characters; with e-mail user names (the bundled carbon.xml's
    // EnableEmailUserName) the bundled user-mgt.xml's UsernameWithEmailJavaScriptRegEx, ^[\S]{3,30}$, allows 30.
    const long = `${"k".repeat(27)}@bank.example`;
    expect(() => planOf({ "obkm:adminUsername": long })).toThrow(ConfigError);
    expect(() => planOf({ "obkm:adminUsername": long })).toThrow(`obkm:adminUsername: got "${long}"; expected a name that`);
    expect(() => planOf({ "obkm:adminUsername": "kmadmin@bank.example" })).not.toThrow();
  });

  it("gathers what the user should read: the Ingress's and the egress's warnings", () => {
    // Every server an address or a Service of the cluster, and a proxy: the ranges let nothing out.
    const plan = planOf({
      "obkm:ingress.extraPublicPaths": '["/smsotpauthenticationendpoint"]',
      "obkm:database.host": "10.30.4.10",
      "obkm:apim.hostname": "gw.apim.svc.cluster.local",
      "obkm:httpProxy.host": "10.9.9.9",
      "obkm:httpProxy.port": "3128",
    });
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^ingress\.extraPublicPaths: \/smsotpauthenticationendpoint is published/),
      expect.stringContaining("obkm:networkPolicy.egressCidrs is set but has no effect"),
    ]);
  });

  it("ships the node files and the pods' scripts in the ConfigMap the StatefulSet mounts, and gives the pods the revisions it is handed", () => {
    const plan = planOf({ "obkm:httpProxy.host": "10.9.9.9", "obkm:httpProxy.port": "3128" });
    const sts = plan.statefulSet({ credentials: "c9", keystores: "k9" }) as any;
    const pod = sts.spec.template.spec;
    const volume = pod.volumes.find((v: any) => v.configMap);
    expect(volume.configMap.name).toBe((plan.nodeFilesConfigMap as any).metadata.name);
    const shipped = volume.configMap.items.map((i: any) => i.path);
    expect(shipped).toEqual(
      expect.arrayContaining(["bin/start.sh", "bin/stop.sh", "bin/seed-shared.sh", "bin/wait-for-database.sh", "conf/carbon.xml"]),
    );
    expect(Object.values(sts.spec.template.metadata.annotations)).toEqual(["c9", "k9"]);
    expect(pod.containers[0].env).toContainEqual(expect.objectContaining({ name: "OBKM_PROXY_JAVA_OPTS" }));
    expect(plan.sharedClaimName).toBe((plan.sharedClaim as any).metadata.name);
  });
});

describe("small decisions", () => {
  it("fills a slot in every place it stands, and leaves text without one alone", () => {
    const [filled] = fillSecrets([{ path: "f", content: "<a>@@obkm-secret:admin-password@@</a><b>@@obkm-secret:admin-password@@</b><c>x</c>" }], {
      datasourcePasswords: { um: "", am: "", config: "", reg: "", common: "", ob: "" },
      adminPassword: "p&",
      revisionKey: "",
    });
    expect(filled.content).toBe("<a>p&amp;</a><b>p&amp;</b><c>x</c>");
  });

  it("generates what config does not supply, keyed on credentialRotation", () => {
    expect(credentialPlan(configOf()).generate).toEqual({ database: true, admin: true, databaseRoot: false });
    expect(credentialPlan(configOf({ "obkm:credentialRotation": "2026-12" })).keepers).toEqual({ rotation: "2026-12" });
  });

  it("gives the provider the cluster's context and updates Secrets and ConfigMaps in place", () => {
    expect(clusterProviderArgs({ context: "prod" })).toEqual({ context: "prod", enableSecretMutable: true, enableConfigMapMutable: true });
    expect(clusterProviderArgs({})).toEqual({ enableSecretMutable: true, enableConfigMapMutable: true });
  });

  it("knows which changes the Kubernetes provider replaces delete-first", () => {
    const mutable = { enableSecretMutable: true, enableConfigMapMutable: true };
    expect(deleteFirstOn({ apiVersion: "v1", kind: "Secret" }, mutable)).toEqual([".metadata.namespace", ".type"]);
    expect(deleteFirstOn({ apiVersion: "v1", kind: "Secret" }, { ...mutable, enableSecretMutable: false })).toEqual([
      ".data",
      ".metadata.namespace",
      ".stringData",
      ".type",
    ]);
    expect(deleteFirstOn({ apiVersion: "v1", kind: "ConfigMap", immutable: true }, mutable)).toEqual([".binaryData", ".data", ".metadata.namespace"]);
    expect(deleteFirstOn({ apiVersion: "policy/v1", kind: "PodDisruptionBudget" }, mutable)).toEqual([".metadata.namespace"]);
  });
});

describe("planCluster's settings (api.ts), as the texts the Pulumi CLI hands a program", () => {
  /** The texts of a stack file that `pulumi config set [--path] KEY VALUE` wrote, one command per entry, before Pulumi.yaml's defaults. */
  function cliTexts(commands: Array<[string, string]>): Record<string, string> {
    const values: StackValues = new Map();
    for (const [key, value] of commands) setPath(values, "obkm", parsePropertyPath(key), value, false);
    return Object.fromEntries([...values].map(([key, node]) => [key, programText(node, "")]));
  }

  const cases: Array<[string, Partial<ObkmSettings>, Array<[string, string]>, Record<string, string>]> = [
    ["a top-level key", { replicas: 3 }, [["replicas", "3"]], { "obkm:replicas": "3" }],
    ["a key of a map", { caching: { scenario: 2 } }, [["caching.scenario", "2"]], { "obkm:caching": '{"scenario":2}' }],
    [
      "a list in a map",
      { ingress: { consoleAllowedCidrs: ["10.20.0.0/16", "192.0.2.7/32"] } },
      [
        ["ingress.consoleAllowedCidrs[0]", "10.20.0.0/16"],
        ["ingress.consoleAllowedCidrs[1]", "192.0.2.7/32"],
      ],
      { "obkm:ingress": '{"consoleAllowedCidrs":["10.20.0.0/16","192.0.2.7/32"]}' },
    ],
    ["a top-level list", { imagePullSecrets: ["regcred"] }, [["imagePullSecrets[0]", "regcred"]], { "obkm:imagePullSecrets": '["regcred"]' }],
    [
      "a map in a map, its keys in Go's order whatever the object's",
      { database: { type: "postgresql", am: { port: 5433, host: "am.db.bank.example" }, provision: false } },
      [
        ["database.type", "postgresql"],
        ["database.am.port", "5433"],
        ["database.am.host", "am.db.bank.example"],
        ["database.provision", "false"],
      ],
      { "obkm:database": '{"am":{"host":"am.db.bank.example","port":5433},"provision":false,"type":"postgresql"}' },
    ],
  ];

  it.each(cases)("gives %s the text the CLI gives it", (_, settings, commands, texts) => {
    expect(configTextsOf(settings)).toEqual(texts);
    expect(cliTexts(commands)).toEqual(texts);
  });

  it("leaves out a key set to undefined, as the type's optional keys allow", () => {
    expect(configTextsOf({ caching: undefined, replicas: 3 })).toEqual({ "obkm:replicas": "3" });
  });

  it("loads the same config from settings as from the stack file that holds them", () => {
    const settings: ObkmSettings = {
      hostname: "km.bank.example",
      image: "registry.bank.example/obkm:1.4.0",
      apim: { hostname: "gw.bank.example" },
      database: { host: "db.bank.example", am: { port: 3307 }, pool: { maxActive: 40 } },
      networkPolicy: { egressCidrs: ["10.0.0.0/8"] },
      caching: { scenario: 4, securityCaches: ["OAuthCache"] },
      adminPassword: "Admin-password-1",
    };
    const fromSettings = loadConfig(configTextsOf(settings), { stack: "dev", projectDir: PROJECT_DIR });
    const fromStackFile = loadConfig(
      cliConfig({
        ...base,
        "obkm:database.am.port": "3307",
        "obkm:database.pool.maxActive": "40",
        "obkm:caching.scenario": "4",
        "obkm:caching.securityCaches": '["OAuthCache"]',
        "obkm:adminPassword": "Admin-password-1",
      }),
      { stack: "dev", projectDir: PROJECT_DIR },
    );
    expect(fromSettings).toEqual(fromStackFile);
    expect(fromSettings.config.database.datasources.am.port).toBe(3307);
  });
});
