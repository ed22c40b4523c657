// Every object goes to the cluster the stack names, through the stack's own provider; and no config change
// deletes data or a mounted Secret through a side door: what the provider replaces is shown before it happens.
import * as YAML from "yaml";
import { clusterProviderArgs } from "../plan/cluster-provider";
import { deleteFirstOn } from "../render/provider-replacements";
import { Rendered } from "../render/render";
import { loadMinimal } from "./helpers/cli-config";
import { objectOf, render } from "./helpers/render";

let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  dev = await render();
  prod = await render([], "prod");
});

const entries = (r: Rendered) => YAML.parse(r.files["resources.yaml"]) as any[];
const entry = (r: Rendered, type: string, name: string) => entries(r).find((e) => e.type === type && e.name === name);

describe("the stack's own Kubernetes provider", () => {
  it("creates every Kubernetes object, none through the default provider that follows the current context", () => {
    for (const r of [dev, prod]) {
      const objects = entries(r).filter((e) => e.type.startsWith("kubernetes:"));
      expect(objects.length).toBeGreaterThan(10);
      expect(objects.filter((e) => e.provider !== "pulumi:providers:kubernetes::cluster")).toEqual([]);
    }
  });

  it("names the context from cluster.context, and a kubeconfig file only when one is given", async () => {
    const registered = (r: Rendered) => r.resources.find((x) => x.type === "pulumi:providers:kubernetes")!.inputs;
    expect(registered(prod)).toMatchObject({ context: "prod-eu-west-1" });
    expect(registered(prod).kubeconfig).toBeUndefined();
    expect(registered(dev).context).toBeUndefined(); // dev alone may follow the current context
    const withFile = registered(await render(["cluster.context=kind-obkm", "cluster.kubeconfig=/etc/obkm/kubeconfig"]));
    expect(withFile).toMatchObject({ context: "kind-obkm", kubeconfig: "/etc/obkm/kubeconfig" });
  });

  it("shows in resources.yaml which cluster the stack deploys to", () => {
    expect(entry(prod, "pulumi:providers:kubernetes", "cluster").cluster).toEqual({
      context: "prod-eu-west-1",
      identifier: "arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod",
    });
    expect(entry(dev, "pulumi:providers:kubernetes", "cluster").cluster).toEqual({
      context: "(the kubeconfig's current context)",
      identifier: "(none: a change of cluster may be an update)",
    });
  });

  it("refuses a stack other than dev that names no cluster, with the key to set", async () => {
    await expect(render(["cluster.context="], "prod")).rejects.toThrow(
      /obkm:cluster.context: empty on stack prod; expected the kubeconfig context of the cluster this stack deploys to \(pulumi config set --path cluster.context NAME\)/,
    );
  });
});

describe("guards that hold", () => {
  it("never deletes the namespace that holds the shared claim, whether createNamespace is switched off or the stack destroyed", () => {
    expect(entry(dev, "kubernetes:core/v1:Namespace", "obkm-namespace")).toMatchObject({ retainOnDelete: true });
  });

  it("updates the Secrets that hold passwords in place, so a mounted Secret never disappears under a restarting node", () => {
    for (const name of ["obkm-credentials-secret", "obkm-credentials-secret-files"]) {
      const secret = entry(prod, "kubernetes:core/v1:Secret", name);
      expect(secret.deleteFirstOn).toEqual([".metadata.namespace", ".type"]);
    }
    // A provider's inputs reach the engine as JSON text.
    expect(dev.resources.find((r) => r.type === "pulumi:providers:kubernetes")!.inputs).toMatchObject({
      enableSecretMutable: "true",
      enableConfigMapMutable: "true",
    });
  });

  it("shows the replacements the provider does delete-first: the schema Job on any change of its pod, the StatefulSet on its management policy", () => {
    expect(entry(dev, "kubernetes:batch/v1:Job", "obkm-database-schemas").deleteFirstOn).toContain(".spec.template");
    expect(entry(dev, "kubernetes:apps/v1:StatefulSet", "obkm-nodes-statefulset").deleteFirstOn).toContain(".spec.podManagementPolicy");
    // The disruption budget (policy/v1) is updated in place: only its namespace would replace it.
    expect(entry(dev, "kubernetes:policy/v1:PodDisruptionBudget", "obkm-nodes-disruption-budget").deleteFirstOn).toEqual([".metadata.namespace"]);
  });

  it("renames the node files with their content, so a new version is created before the old one goes", async () => {
    const nodeFilesName = (r: Rendered) => r.objects.find((o) => o.kind === "ConfigMap" && /-km-files-/.test(o.metadata.name))!.metadata.name;
    const after = await render(["caching.scenario=3"]);
    expect(nodeFilesName(after)).not.toBe(nodeFilesName(dev));
    expect(objectOf(after, "ConfigMap", nodeFilesName(after)).immutable).toBe(true);
  });
});

describe("plan/cluster-provider.ts", () => {
  const argsOf = (extra: Record<string, string>) => clusterProviderArgs(loadMinimal(extra).config.cluster);

  it("deploys to the context of cluster.context, through the kubeconfig file of cluster.kubeconfig when one is named", () => {
    expect(argsOf({ "obkm:cluster.context": "kind-obkm", "obkm:cluster.kubeconfig": "/etc/obkm/kubeconfig" })).toMatchObject({
      context: "kind-obkm",
      kubeconfig: "/etc/obkm/kubeconfig",
    });
    const contextOnly = argsOf({ "obkm:cluster.context": "prod-eu-west-1" });
    expect(contextOnly.context).toBe("prod-eu-west-1");
    expect(contextOnly).not.toHaveProperty("kubeconfig");
  });

  it("on a dev stack that names no context, leaves the provider to the kubeconfig's current one", () => {
    const args = argsOf({});
    expect(args).not.toHaveProperty("context");
    expect(args).not.toHaveProperty("kubeconfig");
  });

  it("always updates Secrets and ConfigMaps in place, so a restarting node never finds its mounted one deleted", () => {
    for (const extra of [{}, { "obkm:cluster.context": "c" }] as Array<Record<string, string>>)
      expect(argsOf(extra)).toMatchObject({ enableSecretMutable: true, enableConfigMapMutable: true });
    // What the provider would otherwise replace delete-first (render/provider-replacements.ts ports the provider's diff).
    expect(deleteFirstOn({ apiVersion: "v1", kind: "Secret" }, argsOf({}))).not.toContain(".data");
    expect(deleteFirstOn({ apiVersion: "v1", kind: "ConfigMap" }, argsOf({}))).not.toContain(".data");
  });
});
