// The tree a preview shows: KeyManagerCluster made of the parts the design card names, each a component with
// its children named after it; and no existing stack replaced by the move, every old URN kept by an alias.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { Rendered } from "../render/render";
import { render } from "./helpers/render";

const before: Record<string, string[]> = JSON.parse(
  fs.readFileSync(path.join(PROJECT_DIR, "tests", "fixtures", "urns-before-components.json"), "utf8"),
);
const variants: Record<string, [string[], string]> = {
  dev: [[], "dev"],
  prod: [[], "prod"],
  "dev-console-apim": [["ingress.consoleAllowedCidrs[0]=10.0.0.0/8", "apim.namespace=apim"], "dev"],
};

const rendered: Record<string, Rendered> = {};
beforeAll(async () => {
  for (const [label, [sets, stack]] of Object.entries(variants)) rendered[label] = await render(sets, stack);
});

const typeOf = (urn: string) => urn.split("::")[2].split("$").pop();
const nameOf = (urn: string) => urn.split("::").pop()!;

describe("the component tree", () => {
  it("composes KeyManagerCluster of the credentials, the keystores, the dev database, the shared artifacts, the nodes and the sticky ingress", () => {
    const components = rendered.dev.resources.filter((r) => !r.custom).map((r) => `${r.type} ${r.name}`);
    expect(components.sort()).toEqual([
      "obkm:index:DatabaseCredentials obkm-credentials",
      "obkm:index:KeyManagerCluster obkm",
      "obkm:index:Keystores obkm-keys",
      "obkm:index:Nodes obkm-nodes",
      "obkm:index:ProvisionedDatabase obkm-database",
      "obkm:index:SharedArtifacts obkm-shared-artifacts",
      "obkm:index:StickyIngress obkm-ingress",
    ]);
  });

  it("puts each Kubernetes object in the part it belongs to, named after that part", () => {
    const partOf = Object.fromEntries(
      rendered.dev.resources
        .filter((r) => r.custom && r.type.startsWith("kubernetes:"))
        .map((r) => [`${typeOf(r.urn)} ${r.name}`, typeOf(r.parent!)]),
    );
    expect(partOf).toEqual({
      "kubernetes:core/v1:Namespace obkm-namespace": "obkm:index:KeyManagerCluster",
      "kubernetes:core/v1:Secret obkm-credentials-secret": "obkm:index:DatabaseCredentials",
      "kubernetes:core/v1:Secret obkm-credentials-secret-files": "obkm:index:DatabaseCredentials",
      "kubernetes:core/v1:Secret obkm-keys-secret": "obkm:index:Keystores",
      "kubernetes:core/v1:ConfigMap obkm-database-init": "obkm:index:ProvisionedDatabase",
      "kubernetes:core/v1:Service obkm-database-service": "obkm:index:ProvisionedDatabase",
      "kubernetes:apps/v1:StatefulSet obkm-database-server": "obkm:index:ProvisionedDatabase",
      "kubernetes:batch/v1:Job obkm-database-schemas": "obkm:index:ProvisionedDatabase",
      "kubernetes:core/v1:PersistentVolumeClaim obkm-shared-artifacts": "obkm:index:SharedArtifacts",
      "kubernetes:core/v1:ConfigMap obkm-nodes-node-files": "obkm:index:Nodes",
      "kubernetes:core/v1:Service obkm-nodes-headless-service": "obkm:index:Nodes",
      "kubernetes:core/v1:Service obkm-nodes-service": "obkm:index:Nodes",
      "kubernetes:core/v1:ServiceAccount obkm-nodes-service-account": "obkm:index:Nodes",
      "kubernetes:policy/v1:PodDisruptionBudget obkm-nodes-disruption-budget": "obkm:index:Nodes",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy obkm-nodes-network-policy": "obkm:index:Nodes",
      "kubernetes:apps/v1:StatefulSet obkm-nodes-statefulset": "obkm:index:Nodes",
      "kubernetes:networking.k8s.io/v1:Ingress obkm-ingress": "obkm:index:StickyIngress",
    });
  });

  it("names every child after its parent component", () => {
    const inParts = rendered.dev.resources.filter((r) => r.parent !== undefined && typeOf(r.parent) !== "obkm:index:KeyManagerCluster");
    expect(inParts.length).toBeGreaterThan(15);
    for (const r of inParts) {
      expect({ child: r.name, parentName: nameOf(r.parent!) }).toEqual({
        child: expect.stringMatching(new RegExp(`^${nameOf(r.parent!)}`)),
        parentName: nameOf(r.parent!),
      });
    }
  });

  it("waits for the namespace it creates in every part, so nothing is created in a namespace that is not there yet", () => {
    const ns = rendered.dev.resources.find((r) => r.type === "kubernetes:core/v1:Namespace")!;
    const namespaced = rendered.dev.resources.filter(
      (r) => r.custom && r.type.startsWith("kubernetes:") && r.type !== "kubernetes:core/v1:Namespace",
    );
    expect(namespaced.filter((r) => !r.dependencies.includes(ns.urn)).map((r) => r.name)).toEqual([]);
  });

  it.each(Object.keys(variants))("keeps every URN the flat tree had (%s): each resource is where it was or aliased to it", (label) => {
    const reachable = new Set(rendered[label].resources.flatMap((r) => [r.urn, ...r.aliases]));
    const lost = before[label].filter((urn) => !reachable.has(urn));
    expect(lost).toEqual([]);
  });

  // The Keystores component was the Keys component: its type is part of the URN of everything under it, so
  // every URN a stack deployed before the rename holds is the URN of today with the old type in its place.
  it.each(Object.keys(variants))("keeps every URN from before Keys was named Keystores (%s), through the alias", (label) => {
    const urns = rendered[label].resources.map((r) => r.urn).filter((urn) => urn.includes("obkm:index:Keystores"));
    expect(urns.length).toBeGreaterThan(1);
    const reachable = new Set(rendered[label].resources.flatMap((r) => [r.urn, ...r.aliases]));
    const lost = urns.map((urn) => urn.replace("obkm:index:Keystores", "obkm:index:Keys")).filter((urn) => !reachable.has(urn));
    expect(lost).toEqual([]);
  });
});
