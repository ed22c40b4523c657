// Where the nodes run, and how many may be down at once: a node drain or a zone outage must leave the
// cluster serving.
import { ObkmConfig } from "../config/load";
import { Names } from "./names";
import { PodDisruptionBudgetManifest } from "./types";

const HOST_TOPOLOGY = "kubernetes.io/hostname";
const ZONE_TOPOLOGY = "topology.kubernetes.io/zone";

/** One node at a time may be evicted by a drain or an upgrade; the others keep the cluster and the sessions. */
export function disruptionBudgetManifest(n: Names, labels: Record<string, string>, selector: Record<string, string>): PodDisruptionBudgetManifest {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: n.statefulSet, namespace: n.namespace, labels },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  };
}

/**
 * Nodes on different Kubernetes nodes (preferred by default, so a small cluster still schedules; required
 * by config) and spread over zones as far as the zones allow (ScheduleAnyway: a zone outage should cost
 * one node, but a cluster in one zone must still start).
 */
export function placement(config: ObkmConfig, selector: Record<string, string>) {
  const term = { labelSelector: { matchLabels: selector }, topologyKey: HOST_TOPOLOGY };
  return {
    affinity: {
      podAntiAffinity:
        config.scheduling.podAntiAffinity === "required"
          ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
          : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] },
    },
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: ZONE_TOPOLOGY, whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
    ],
  };
}
