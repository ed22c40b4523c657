// The rules the well-known members follow, checked on a rendered stack instead of a count written down
// twice: the clustering guide asks that one well-known member be up at all times, so there must be more
// of them than the disruption budget and the rolling update let go at once, each must be a pod that every
// allowed size of the cluster runs, and each must be named so that it resolves before it is ready (the
// first node of a cluster starts with no member ready).
import type { Rendered } from "../../render/render";
import { ConfigError } from "../../config/problems";
import { plannedOf } from "./plan";
import type { K8sObject } from "../../render/manifests";
import { objectOf, objectsOf } from "./render";

/** The smallest node count the loader accepts for a highly available stack (prod), found by asking it. */
export function smallestHighlyAvailableCount(): number {
  for (let replicas = 1; ; replicas++) {
    try {
      plannedOf([`replicas=${replicas}`], "prod");
      return replicas;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
}

/** What breaks the rules in `members`, the host names a stack lists; empty when none does. */
export function wellKnownMemberProblems(rendered: Rendered, members: readonly string[], clusterDomain: string): string[] {
  // The nodes' StatefulSet: the one whose pods the disruption budget guards (a dev stack runs its database too).
  const budget = objectOf(rendered, "PodDisruptionBudget");
  const guarded = (o: K8sObject) =>
    Object.entries(budget.spec.selector.matchLabels as Record<string, string>).every(([k, v]) => (o as any).spec.template.metadata.labels?.[k] === v);
  const [statefulSet, ...others] = objectsOf(rendered, "StatefulSet").filter(guarded) as any[];
  if (!statefulSet || others.length) return [`the disruption budget guards ${others.length + (statefulSet ? 1 : 0)} StatefulSets, not one`];
  const headless = objectOf(rendered, "Service", statefulSet.spec.serviceName);
  const problems: string[] = [];
  // A StatefulSet's rolling update takes one pod down at a time (maxUnavailable, when unset, is 1).
  const downAtOnce = Math.max(budget.spec.maxUnavailable, statefulSet.spec.updateStrategy.rollingUpdate?.maxUnavailable ?? 1);
  if (members.length <= downAtOnce) problems.push(`${members.length} well-known members, but ${downAtOnce} may be down at once`);
  if (new Set(members).size !== members.length) problems.push(`a well-known member is listed twice: ${members.join(", ")}`);
  if (headless.spec.clusterIP !== "None" || headless.spec.publishNotReadyAddresses !== true)
    problems.push(`${headless.metadata.name} must be headless and publish pods before they are ready`);
  const smallest = smallestHighlyAvailableCount();
  // A pod's stable DNS name: <pod>.<governing Service>.<namespace>.svc.<cluster domain>.
  const suffix = `.${headless.metadata.name}.${statefulSet.metadata.namespace}.svc.${clusterDomain}`;
  for (const member of members) {
    const ordinal = member.endsWith(suffix) ? /^(.*)-(\d+)$/.exec(member.slice(0, -suffix.length)) : null;
    if (!ordinal || ordinal[1] !== statefulSet.metadata.name)
      problems.push(`${member} is not the stable DNS name of a pod of ${statefulSet.metadata.name}`);
    else if (Number(ordinal[2]) >= smallest) problems.push(`${member} is not among the ${smallest} pods the smallest cluster runs`);
  }
  return problems;
}
