// The KeyManager component (components/key-manager.ts), as another program creates it under the mock engine:
// settings typed by the generated interfaces, and a password that is another resource's output, which must
// reach the nodes' Secrets as it is and stay a secret everywhere.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { KeyManager, ObkmSettings, planCluster } from "obkm";
import { deferredSecretProblems } from "../components/plan-cluster";
import { RegisteredResource, runUnderMocks } from "../render/mock-engine";

const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;
const isWrappedSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/** Every value a resource was given, but those inside a secret: where a password in clear would show. */
function inClear(value: unknown): unknown {
  if (isWrappedSecret(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(inClear);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inClear(v)]));
  return value;
}

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((v) => done(v)));
}

const SETTINGS: ObkmSettings = {
  hostname: "km.bank.example",
  image: "registry.bank.example/obkm:1.4.0",
  apim: { hostname: "gw.bank.example" },
  // A server that takes the pools' connections: no warning about them.
  database: { host: "db.bank.example", maxConnections: 1000 },
  networkPolicy: { egressCidrs: ["10.0.0.0/8"] },
  // No JWKS from the internet: no warning about the way to it.
  openBanking: { directoryJwks: false },
};

const run = (program: () => Record<string, pulumi.Output<string>>, record: RegisteredResource[] = []) =>
  runUnderMocks({ project: "platform", stack: "dev", config: {}, secretKeys: [], record }, program);

describe("KeyManager", () => {
  it("takes a password from another resource: it reaches the credentials Secret as it is, and stays secret", async () => {
    const { resources, result } = await run(() => {
      const admin = new random.RandomPassword("km-admin", { length: 24 });
      const database = new random.RandomPassword("km-database", { length: 24, special: false });
      const km = new KeyManager("km", {
        settings: { ...SETTINGS, adminPassword: admin.result, database: { ...SETTINGS.database, password: database.result } },
      });
      return { admin: admin.result, database: database.result, namespace: km.namespace, publicUrl: km.publicUrl };
    });
    const [admin, database] = [await resolve(result.admin), await resolve(result.database)];
    expect(await resolve(result.namespace)).toBe("obkm-dev");
    expect(await resolve(result.publicUrl)).toBe("https://km.bank.example/");

    const secret = resources.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name === "km-credentials-secret")!;
    expect(isWrappedSecret(secret.inputs.stringData)).toBe(true);
    const stringData = (secret.inputs.stringData as { value: Record<string, string> }).value;
    expect(stringData["admin-password"]).toBe(admin);
    const datasources = Object.keys(stringData).filter((key) => key !== "admin-password");
    expect(datasources.length).toBeGreaterThan(0);
    for (const key of datasources) expect([key, stringData[key]]).toEqual([key, database]);
    // Supplied, so none generated in their place: the credentials' only RandomPassword is their revision key.
    const generated = resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword" && r.name.startsWith("km-credentials-"));
    expect(generated.map((r) => r.name)).toEqual(["km-credentials-revision-key"]);
    // Nowhere in clear: not in any resource's inputs (the node files' Secret holds them only inside a secret).
    const clear = JSON.stringify(resources.map((r) => inClear(r.inputs)));
    expect([clear.includes(admin), clear.includes(database)]).toEqual([false, false]);
  });

  it("creates its own Kubernetes provider from the settings' cluster, and the whole cluster under itself", async () => {
    const { resources } = await run(() => {
      new KeyManager("km", { settings: { ...SETTINGS, cluster: { context: "kind-km" } } });
      return {};
    });
    const [component] = resources.filter((r) => r.type === "obkm:index:KeyManager");
    expect(component.parent).toBeUndefined();
    const provider = resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect([provider.name, provider.parent, provider.inputs.context]).toEqual(["km-cluster", component.urn, "kind-km"]);
    const objects = resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThan(5);
    expect(objects.filter((r) => r.provider?.split("::")[3] !== "km-cluster")).toEqual([]);
  });

  it("checks a password from another resource once it is known, as the loader checks text", async () => {
    const { plan } = planCluster({ ...SETTINGS, userStore: { type: "jdbc" } }, { stack: "dev" });
    expect(deferredSecretProblems("adminPassword", "pass\u0007word", plan)).toEqual([
      "obkm:adminPassword: holds the control character U+0007; expected printable text, because the node files are XML",
    ]);
    expect(deferredSecretProblems("database.am.password", "", plan)).toEqual([
      "obkm:database.am.password: is empty; expected a password, because a value from another resource is used as it is, never generated",
    ]);
    expect(deferredSecretProblems("adminPassword", "A-good-password-7", plan)).toEqual([]);
    // The value handed on is the one checked, a secret.
    const { result } = await run(() => {
      const { supplied } = planCluster({ ...SETTINGS, adminPassword: pulumi.output(Promise.resolve("A-good-password-7")) }, { stack: "dev" });
      return { admin: supplied.adminPassword as pulumi.Output<string> };
    });
    expect(await resolve(result.admin)).toBe("A-good-password-7");
    expect(await pulumi.isSecret(result.admin)).toBe(true);
  });

  it("refuses bad settings before it registers anything, itself included", async () => {
    const record: RegisteredResource[] = [];
    await expect(
      run(() => {
        new KeyManager("km", { settings: { ...SETTINGS, hostname: "not a host" } });
        return {};
      }, record),
    ).rejects.toThrow(/obkm:hostname: got "not a host"; expected a fully qualified host name/);
    expect(record).toEqual([]);
  });
});
