// The components are usable from another program: examples/second-cluster, with config keys of its own,
// builds a second Key Manager through api.ts, run here as `pulumi up` would run it.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_DIR } from "../project-dir";
import { runUnderMocks } from "../render/mock-engine";
import { readStackConfig } from "../render/stack-config";
import { requireFresh } from "./helpers/fresh-program";

const EXAMPLE = path.join(PROJECT_DIR, "examples", "second-cluster");

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((v) => done(v)));
}

describe("examples/second-cluster", () => {
  it("creates a whole Key Manager of its own from its own config, through its own provider", async () => {
    const stack = readStackConfig(EXAMPLE, "blue");
    const { resources, result } = await runUnderMocks(stack, () => {
      return requireFresh<Record<string, pulumi.Output<string>>>(path.join(EXAMPLE, "index.ts"));
    });
    expect(await resolve(result.namespace)).toBe("openbanking-km-blue");
    expect(await resolve(result.statefulSet)).toBe("obkm-blue-km");

    const components = resources
      .filter((r) => !r.custom)
      .map((r) => r.name)
      .sort();
    expect(components).toEqual(["blue", "blue-credentials", "blue-ingress", "blue-keys", "blue-nodes", "blue-shared-artifacts"]);
    // A new stack carries no aliases to the flat tree of obkm's own older stacks (the Kubernetes SDK's own
    // aliases to older API versions keep the name).
    expect(resources.flatMap((r) => r.aliases).filter((urn) => !urn.split("::").pop()!.startsWith("blue"))).toEqual([]);
    const provider = resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect(provider.inputs).toMatchObject({ context: "prod-eu-west-1" });
    const objects = resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(objects.filter((r) => r.provider?.split("::")[3] !== "blue-cluster")).toEqual([]);
    const sts = objects.find((r) => r.name === "blue-nodes-statefulset")!.inputs as any;
    expect(sts.spec.replicas).toBe(3);
    expect(sts.metadata).toMatchObject({ name: "obkm-blue-km", namespace: "openbanking-km-blue" });
  });

  it("gets obkm's checks: a bad setting stops it before anything is created", async () => {
    const stack = readStackConfig(EXAMPLE, "blue");
    const config = { ...stack.config, "obkm-second-cluster:kmHostname": "not a host" };
    const registered: unknown[] = [];
    await expect(
      runUnderMocks({ ...stack, config, record: registered as never }, () => {
        requireFresh(path.join(EXAMPLE, "index.ts"));
      }),
    ).rejects.toThrow(/obkm:hostname: got "not a host"; expected a fully qualified host name/);
    expect(registered).toEqual([]);
  });
});
