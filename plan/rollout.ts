// How a change of the pod template reaches the nodes: one at a time, the highest ordinal first, each ready
// before the next goes; or, with rollout.canaryNodes, only the highest ordinals until the operator lets the
// rest follow.
//
// The canary is the StatefulSet's partition: the controller updates only the pods whose ordinal is at least
// the partition (Kubernetes, apps/v1 RollingUpdateStatefulSetStrategy.partition). It then never completes
// the rollout while the partition holds pods back: status.currentRevision becomes status.updateRevision
// only once every replica is updated and ready (kubernetes/kubernetes pkg/controller/statefulset/
// stateful_set_utils.go, completeRollingUpdate). pulumi-kubernetes waits for exactly that: its StatefulSet
// awaiter is ready when currentRevision equals updateRevision and currentReplicas equals replicas
// (provider/pkg/await/statefulset.go, processStatefulSetEvent and checkAndLogStatus, read at v4.32.0+27,
// July 2026). So a held canary would keep `pulumi up` waiting until its timeout, and then fail the update.
// While a canary holds nodes back the StatefulSet carries pulumi.com/skipAwait
// (provider/pkg/metadata/annotations.go, AnnotationSkipAwait): the update returns once the API server has
// taken it. Setting the canary back to 0 removes both, and that `pulumi up` waits for the whole rollout, as
// every other one does.
import { ObkmConfig } from "../config/load";

export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

export interface Rollout {
  updateStrategy: { type: "RollingUpdate"; rollingUpdate: { partition: number } };
  /** The StatefulSet's own annotations for the provider: none unless a canary holds nodes back. */
  annotations: Record<string, string>;
}

export function rolloutOf(config: ObkmConfig): Rollout {
  const canary = config.keyValues["rollout.canaryNodes"];
  const partition = canary > 0 ? config.replicas - canary : 0;
  return {
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition } },
    annotations: partition > 0 ? { [SKIP_AWAIT_ANNOTATION]: "true" } : {},
  };
}
