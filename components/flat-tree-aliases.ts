// Stacks deployed before KeyManagerCluster had parts hold its resources as direct children of the cluster
// (and the passwords under a Credentials component). Each resource that moved into a part keeps its
// identity through an alias to where it stood, so `pulumi up` updates it in place instead of replacing it.
// A test proves that every URN of the flat tree is reachable (tests/component-tree.test.ts).
import * as pulumi from "@pulumi/pulumi";

/** A resource's name in the tree, less the cluster's name and '-', to its name and parent in the flat tree. */
const FLAT_TREE: Record<string, { name: string; parent: "cluster" | "credentials" }> = {
  namespace: { name: "namespace", parent: "cluster" },
  "api-manager-xml": { name: "api-manager-xml", parent: "cluster" },
  "nodes-node-files": { name: "node-files", parent: "cluster" },
  "nodes-headless-service": { name: "headless-service", parent: "cluster" },
  "nodes-service": { name: "service", parent: "cluster" },
  "nodes-service-account": { name: "service-account", parent: "cluster" },
  "nodes-disruption-budget": { name: "disruption-budget", parent: "cluster" },
  "nodes-network-policy": { name: "network-policy", parent: "cluster" },
  "nodes-statefulset": { name: "statefulset", parent: "cluster" },
  "shared-artifacts": { name: "shared-artifacts", parent: "cluster" },
  ingress: { name: "ingress", parent: "cluster" },
  "ingress-console": { name: "console-ingress", parent: "cluster" },
  "credentials-secret": { name: "credentials", parent: "cluster" },
  "credentials-secret-files": { name: "secret-files", parent: "cluster" },
  "credentials-database-password": { name: "database-password", parent: "credentials" },
  "credentials-admin-password": { name: "admin-password", parent: "credentials" },
  "credentials-database-root-password": { name: "database-root-password", parent: "credentials" },
  "credentials-revision-key": { name: "revision-key", parent: "credentials" },
  "database-init": { name: "database-init", parent: "cluster" },
  "database-service": { name: "database-service", parent: "cluster" },
  "database-server": { name: "database", parent: "cluster" },
  "database-schemas": { name: "database-schemas", parent: "cluster" },
};

/** The old identity of the Credentials component, which DatabaseCredentials took over. */
export const FLAT_CREDENTIALS = { type: "obkm:index:Credentials", name: "credentials" };

/**
 * A transformation for the cluster's parts: it gives each moved resource an alias to its place in the flat
 * tree. Components of the tree are new (but DatabaseCredentials, aliased where it is created).
 */
export function flatTreeAliases(cluster: pulumi.ComponentResource, clusterName: string): pulumi.ResourceTransformation {
  const parents = {
    cluster,
    credentials: pulumi.createUrn(FLAT_CREDENTIALS.name, FLAT_CREDENTIALS.type, cluster),
  };
  return ({ type, name, props, opts }) => {
    // The parts themselves share a name with one of their children (the claim, the Ingress), not their type.
    if (type.startsWith("obkm:index:") || !name.startsWith(`${clusterName}-`)) return undefined;
    const before = FLAT_TREE[name.slice(clusterName.length + 1)];
    if (!before) return undefined;
    return { props, opts: pulumi.mergeOptions(opts, { aliases: [{ name: before.name, parent: parents[before.parent] }] }) };
  };
}
