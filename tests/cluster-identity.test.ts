// A stack's cluster pinned by name (cluster.identifier, the provider's clusterIdentifier): a move to another
// cluster is a replacement the preview shows, a new way to reach the same cluster an update, and pinning an
// existing stack replaces nothing. The provider's rule is pulumi-kubernetes provider/pkg/provider/provider.go
// DiffConfig (lines 486-501 and 551-558 at 94977969, the newest snapshot after 4.32.0; unchanged in kind
// since #3068 added clusterIdentifier), ported in render/provider-config-diff.ts; the cases below run the port
// on the provider inputs the program registers.
import { Kubeconfig, providerConfigDiff, ProviderInputs, providerReplacementNote, UNKNOWN } from "../render/provider-config-diff";
import { Rendered } from "../render/render";
import * as YAML from "yaml";
import { loadMinimal } from "./helpers/cli-config";
import { render } from "./helpers/render";

/** The kubeconfig of a deployer with two clusters, read as the provider reads a file at the time of the diff. */
const DEPLOYER: Kubeconfig = {
  currentContext: "prod-eu-west-1",
  contexts: { "prod-eu-west-1": "eks-prod", "prod-eu-west-1-admin": "eks-prod", "prod-eu-central-1": "eks-dr" },
  clusters: { "eks-prod": { server: "https://prod.eks.example" }, "eks-dr": { server: "https://dr.eks.example" } },
};
const readFile = (kubeconfig: unknown) => (kubeconfig === "/etc/obkm/kubeconfig" ? DEPLOYER : undefined);

const providerInputs = (r: Rendered): ProviderInputs => r.resources.find((x) => x.type === "pulumi:providers:kubernetes")!.inputs;
const without = (inputs: ProviderInputs, key: string) => Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== key));

let prod: Rendered;
beforeAll(async () => {
  prod = await render([], "prod");
});

describe("cluster.identifier on the stack's provider", () => {
  it("is handed to the provider as clusterIdentifier and shown in resources.yaml, where a review sees it change", () => {
    expect(providerInputs(prod)).toMatchObject({
      context: "prod-eu-west-1",
      clusterIdentifier: "arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod",
    });
    const entry = (YAML.parse(prod.files["resources.yaml"]) as any[]).find((e) => e.type === "pulumi:providers:kubernetes");
    expect(entry.cluster).toEqual({ context: "prod-eu-west-1", identifier: "arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod" });
  });

  it("is required on a stack other than dev, with the key to set; a dev stack may go without", async () => {
    await expect(render(["cluster.identifier="], "prod")).rejects.toThrow(
      /\n {2}- obkm:cluster\.identifier: empty on stack prod; expected a name of the cluster this stack deploys to, such as its cloud ID \(pulumi config set --path cluster\.identifier NAME\)/,
    );
    expect(loadMinimal({}).config.cluster.identifier).toBeUndefined();
  });

  it("refuses a name with spaces or control characters, which no cloud's cluster ID holds", () => {
    expect(() => loadMinimal({ "obkm:cluster.identifier": "prod cluster" })).toThrow(/obkm:cluster\.identifier: .*without spaces/);
  });
});

describe("what a change of cluster does to the provider (provider.go DiffConfig, ported)", () => {
  it("changed: the provider is replaced, and so every object of the stack, in the preview", async () => {
    const moved = providerInputs(
      await render(["cluster.identifier=arn:aws:eks:eu-central-1:111122223333:cluster/obkm-dr", "cluster.context=prod-eu-central-1"], "prod"),
    );
    expect(providerConfigDiff(providerInputs(prod), moved, readFile)).toEqual({
      diffs: ["clusterIdentifier", "context"],
      replaces: ["clusterIdentifier"],
    });
  });

  it("set for the first time on an existing stack: an update of the provider, no replacement (provider.go:486-490, 'on-boarding')", () => {
    const before = without(providerInputs(prod), "clusterIdentifier");
    expect(providerConfigDiff(before, providerInputs(prod), readFile)).toEqual({ diffs: ["clusterIdentifier"], replaces: [] });
    // Removing it again is no replacement either ('off-boarding').
    expect(providerConfigDiff(providerInputs(prod), before, readFile)).toEqual({ diffs: ["clusterIdentifier"], replaces: [] });
  });

  it("set in the same update as a context that moves to another cluster of a named kubeconfig: replaced, so it is set in an update of its own", () => {
    const before = { ...without(providerInputs(prod), "clusterIdentifier"), kubeconfig: "/etc/obkm/kubeconfig" };
    const after = { ...providerInputs(prod), kubeconfig: "/etc/obkm/kubeconfig", context: "prod-eu-central-1" };
    expect(providerConfigDiff(before, after, readFile).replaces).toEqual(["context"]);
  });

  it("context (or kubeconfig) changed, identifier unchanged: an update, even when the context names another cluster (provider.go:495)", async () => {
    const renamed = providerInputs(await render(["cluster.context=prod-eu-west-1-admin"], "prod"));
    expect(providerConfigDiff(providerInputs(prod), renamed, readFile)).toEqual({ diffs: ["context"], replaces: [] });
    const elsewhere = { ...providerInputs(prod), kubeconfig: "/etc/obkm/kubeconfig", context: "prod-eu-central-1" };
    expect(providerConfigDiff({ ...providerInputs(prod), kubeconfig: "/etc/obkm/kubeconfig" }, elsewhere, readFile).replaces).toEqual([]);
    // Nor does a context unknown in the preview replace a pinned provider (provider.go:507 is overruled by 495).
    expect(providerConfigDiff(providerInputs(prod), { ...providerInputs(prod), context: UNKNOWN }, readFile).replaces).toEqual([]);
  });

  it("without an identifier and with no kubeconfig in the inputs (the usual ~/.kube/config): a context at another cluster is a silent update, which is why a stack other than dev must name one", () => {
    const before = without(providerInputs(prod), "clusterIdentifier");
    expect(providerConfigDiff(before, { ...before, context: "prod-eu-central-1" }, readFile)).toEqual({ diffs: ["context"], replaces: [] });
    // With a kubeconfig named, the provider compares the contexts' clusters itself (provider.go:551-558).
    const named = { ...before, kubeconfig: "/etc/obkm/kubeconfig" };
    expect(providerConfigDiff(named, { ...named, context: "prod-eu-central-1" }, readFile).replaces).toEqual(["context"]);
    expect(providerConfigDiff(named, { ...named, context: "prod-eu-west-1-admin" }, readFile).replaces).toEqual([]);
  });

  it("nothing changed: no diff at all", () => {
    expect(providerConfigDiff(providerInputs(prod), { ...providerInputs(prod) }, readFile)).toEqual({ diffs: [], replaces: [] });
  });
});

describe("the render diff", () => {
  it("says first when a change replaces the provider, and so every object; not when the cluster stays", async () => {
    const moved = await render(["cluster.identifier=arn:aws:eks:eu-central-1:111122223333:cluster/obkm-dr"], "prod");
    expect(providerReplacementNote(prod.files["resources.yaml"], moved.files["resources.yaml"])).toBe(
      "# The stack's Kubernetes provider is replaced (clusterIdentifier changed: arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod -> " +
        "arn:aws:eks:eu-central-1:111122223333:cluster/obkm-dr): pulumi up deletes every object of the stack and creates it again on the cluster named now, stopping at the protected shared claim.\n",
    );
    const renamed = await render(["cluster.context=prod-eu-west-1-admin"], "prod");
    expect(providerReplacementNote(prod.files["resources.yaml"], renamed.files["resources.yaml"])).toBeUndefined();
    // Pinning an existing stack replaces nothing, so says nothing.
    const unpinned = prod.files["resources.yaml"].replace(
      /identifier: arn:\S+/,
      `identifier: ${JSON.stringify("(none: a change of cluster may be an update)")}`,
    );
    expect(unpinned).not.toBe(prod.files["resources.yaml"]);
    expect(providerReplacementNote(unpinned, prod.files["resources.yaml"])).toBeUndefined();
  });
});
