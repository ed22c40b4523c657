// index.ts is what `pulumi up` runs: it must register nothing when the config is bad, tell the user about
// an accepted risk, and export what an API Manager stack needs.
import * as pulumi from "@pulumi/pulumi";
import { RegisteredResource, runUnderMocks } from "../render/mock-engine";
import { isRunError, markedRunError } from "../scripts/stack-command";
import { cliConfig, INTERNET_BY_PROXY } from "./helpers/cli-config";
import { requireFresh } from "./helpers/fresh-program";

const INDEX = require.resolve("../index");

const config = {
  "obkm:hostname": "km.bank.example",
  // A stack other than dev runs images pinned by digest (plan/image-pins.ts).
  "obkm:image": `registry.bank.example/wso2/obkm:1.4.0@sha256:${"1".repeat(64)}`,
  "obkm:openBanking.editorImage": `registry.bank.example/mirror/node:24.19.0-alpine@sha256:${"2".repeat(64)}`,
  "obkm:apim.hostname": "gw.bank.example",
  "obkm:database.host": "db.bank.example",
  // The gateway (apim.hostname) is known by name: the NetworkPolicy needs its address ranges.
  "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]',
  "obkm:cluster.context": "test-cluster",
  "obkm:cluster.identifier": "test-cluster-id",
  // A stack other than dev reaches the OB directory's JWKS (config/internet-egress-checks.ts).
  ...INTERNET_BY_PROXY,
  "obkm:keystores.signing.secret": "ob-signing",
  "obkm:keystores.signing.alias": "ob-signing",
  "obkm:keystores.signing.kid": "ob-signing-2026",
  // The test stack means the bundled templates, and its server takes the pools' connections.
  "obkm:acceptBundledTemplates": "true",
  "obkm:database.maxConnections": "2000",
};

function runIndex(extra: Record<string, string>, record: RegisteredResource[] = [], stack = "test") {
  return runUnderMocks({ project: "obkm", stack, config: cliConfig({ ...config, ...extra }, stack), secretKeys: [], record }, () => {
    return requireFresh(INDEX);
  });
}

function resolve<T>(output: pulumi.Output<T> | T): Promise<T> {
  return pulumi.Output.isInstance(output) ? new Promise((done) => output.apply((v) => done(v as T))) : Promise.resolve(output);
}

describe("index.ts", () => {
  it("reaches the config check with no config at all: a clean config error, not a load error", async () => {
    // A clean config error, not a load error, means `pulumi up` gets that far. pulumi-main.js, Pulumi.yaml's
    // entry point for the CLI's runner, loads this index.ts in a process of Pulumi's own runner in
    // tests/clear-secrets.test.ts (to its resources) and tests/stack-file-shape.test.ts (to this check); the
    // same program with no config is run here, in this process.
    let message = "";
    await runUnderMocks({ project: "obkm", stack: "test", config: {}, secretKeys: [] }, () => {
      requireFresh(INDEX);
    }).catch((error: Error) => (message = error.message));
    // Nine, and the tenth: nothing lets a stack other than dev out to the OB directory's JWKS.
    expect(message).toContain("obkm: the stack configuration has 10 problems:");
    expect(message).toContain("obkm:httpProxy.host: is not set and obkm:networkPolicy.egressCidrs holds no public range");
    expect(message).toContain("obkm:hostname: missing");
    expect(message).toContain("obkm:cluster.context: empty on stack");
    expect(message).toContain("obkm:cluster.identifier: empty on stack");
    expect(message).toContain("obkm:keystores.signing.secret: is empty on stack");
    expect(message).toContain("obkm:keystores.signing.kid: is empty on stack");
  });

  it("stops with an error the commands end as a user's, one line and exit 1 (scripts/stack-command.ts)", async () => {
    // The commands ask the error as the SDK asks it, without loading the SDK; held here to the SDK's own RunError.
    const refusal: unknown = await runIndex({ "obkm:replicas": "0" }).catch((error: unknown) => error);
    expect(pulumi.RunError.isInstance(refusal)).toBe(true);
    expect(isRunError(refusal)).toBe(true);
    expect(isRunError(new pulumi.RunError("x"))).toBe(true);
    expect([isRunError(new Error("x")), isRunError(undefined)]).toEqual([false, false]);
    expect(isRunError(markedRunError(new Error("x")))).toBe(true);
  });

  it("exports the public host, the in-cluster Service and ports, and the well-known members", async () => {
    const { resources, result } = await runIndex({ "obkm:replicas": "3" });
    expect(await resolve(result.hostname)).toBe("km.bank.example");
    expect(await resolve(result.serviceDnsName)).toBe("obkm-km.obkm-test.svc.cluster.local");
    expect(await resolve(result.httpsPort)).toBe(9446);
    // The members the API Manager's stack is told of are those the nodes' axis2.xml lists.
    const axis2 = resources.map((r) => (r.inputs.data as Record<string, string> | undefined)?.["conf__axis2__axis2.xml"]).find(Boolean);
    const listed = [...String(axis2).matchAll(/<hostName>([^<]+)<\/hostName>/g)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(1);
    expect(await resolve(result.wellKnownMembers)).toEqual(listed);
    // The runner warns of every exported key whose value is undefined (@pulumi/pulumi runtime/stack.js
    // massage): an output this stack has not (kmCa, apiManagerConfigMap, apiManagerSecret here) is no key.
    expect(Object.keys(result).filter((key) => result[key] === undefined)).toEqual([]);
    expect(Object.keys(result)).not.toContain("kmCa");
    expect(resources.map((r) => r.type).sort()).toEqual([
      "kubernetes:apps/v1:StatefulSet",
      "kubernetes:core/v1:ConfigMap",
      "kubernetes:core/v1:Namespace",
      "kubernetes:core/v1:PersistentVolumeClaim",
      "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:Secret", // the keys': the truststore's password (the signing keystore is the bank's here)
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:ServiceAccount",
      "kubernetes:networking.k8s.io/v1:Ingress",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      "kubernetes:policy/v1:PodDisruptionBudget",
      "obkm:index:DatabaseCredentials",
      "obkm:index:KeyManagerCluster",
      "obkm:index:Keystores",
      "obkm:index:Nodes",
      "obkm:index:SharedArtifacts",
      "obkm:index:StickyIngress",
      "pulumi:providers:kubernetes", // the stack's own, from cluster.context
      // the generated database and admin passwords, the key of the credentials' revision hash, and the truststore's password
      "random:index/randomPassword:RandomPassword",
      "random:index/randomPassword:RandomPassword",
      "random:index/randomPassword:RandomPassword",
      "random:index/randomPassword:RandomPassword",
    ]);
  });

  it("places every Kubernetes object inside the KeyManagerCluster component's tree", async () => {
    const { resources } = await runIndex({});
    const component = resources.find((r) => r.type === "obkm:index:KeyManagerCluster")!;
    for (const r of resources.filter((r) => r.type.startsWith("kubernetes:"))) {
      expect(r.urn).toMatch(/::obkm:index:KeyManagerCluster\$/);
    }
    expect(component.parent).toBeUndefined();
  });

  it("stops with a RunError, registering nothing, when the config is bad", async () => {
    const registered: RegisteredResource[] = [];
    await expect(runIndex({ "obkm:replicas": "0" }, registered)).rejects.toThrow(
      /obkm: the stack configuration has 1 problem:\n {2}- obkm:replicas: got 0/,
    );
    expect(registered).toEqual([]);
    // the same record does see registrations when the config is good
    await runIndex({}, registered);
    expect(registered.length).toBeGreaterThan(0);
  });

  it("accepts a single node only on a dev stack, and warns then; refuses it elsewhere, as the policy pack does", async () => {
    await expect(runIndex({ "obkm:replicas": "1", "obkm:highAvailability": "false" })).rejects.toThrow(
      /obkm:replicas: got 1 on stack test; expected 2 or more, because only a dev stack \(dev or dev-\*\) may run a single node/,
    );
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await runIndex({ "obkm:replicas": "1", "obkm:highAvailability": "false" }, [], "dev-alice");
      expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/obkm:replicas is 1 with obkm:highAvailability false/);
    } finally {
      warn.mockRestore();
    }
  });
});
