// A change to any rendered node file must roll the StatefulSet's pods, and nothing else may: the same
// config renders byte-identical files and an unchanged pod template.
import { SKIP_AWAIT_ANNOTATION } from "../plan/rollout";
import { planOf } from "./helpers/plan";
import { objectOf, render } from "./helpers/render";

async function podTemplateAndFiles(sets: string[] = []) {
  const rendered = await render(sets);
  const sts = objectOf(rendered, "StatefulSet", "obkm-km");
  return { template: JSON.stringify(sts.spec.template), configMap: sts.spec.template.spec.volumes[0].configMap.name, files: rendered.files };
}

describe("rolling the pods", () => {
  it("the same config renders byte-identical files and the same pod template", async () => {
    const [a, b] = [await podTemplateAndFiles(), await podTemplateAndFiles()];
    expect(b.files).toEqual(a.files);
    expect(b.template).toBe(a.template);
  });

  it.each([
    ["the host name (carbon.xml)", "hostname=km2.dev.obkm.example.com"],
    ["the caching scenario (carbon.xml, identity.xml)", "caching.scenario=3"],
    ["the cluster domain (axis2.xml members)", "clusterDomain=k8s.internal"],
  ])("a change of %s gives the node files a new ConfigMap, and the pod template follows", async (_what, set) => {
    const before = await podTemplateAndFiles();
    const after = await podTemplateAndFiles([set]);
    expect(after.configMap).not.toBe(before.configMap);
    expect(after.template).not.toBe(before.template);
  });

  it("scaling changes the StatefulSet's replica count and nothing else the nodes read: no pod restarts", async () => {
    const objects = async (replicas: number) => {
      const rendered = await render([`replicas=${replicas}`]);
      const sts = objectOf(rendered, "StatefulSet", "obkm-km");
      return {
        replicas: sts.spec.replicas,
        rest: rendered.objects.map((o) => (o === sts ? { ...o, spec: { ...(o.spec as object), replicas: "n" } } : o)),
      };
    };
    const [two, three, fifty] = [await objects(2), await objects(3), await objects(50)];
    expect([two.replicas, three.replicas, fifty.replicas]).toEqual([2, 3, 50]);
    expect(three.rest).toEqual(two.rest);
    expect(fifty.rest).toEqual(two.rest);
  });

  it("a change that touches no node file keeps the ConfigMap's name", async () => {
    const before = await podTemplateAndFiles();
    const after = await podTemplateAndFiles(["cpu=750m"]);
    expect(after.configMap).toBe(before.configMap);
  });

  it("the node-files ConfigMap is immutable, so nothing changes under a running pod", async () => {
    const rendered = await render();
    const sts = objectOf(rendered, "StatefulSet", "obkm-km");
    expect(objectOf(rendered, "ConfigMap", sts.spec.template.spec.volumes[0].configMap.name).immutable).toBe(true);
  });
});

// pulumi-kubernetes' StatefulSet awaiter, ported (provider/pkg/await/statefulset.go, processStatefulSetEvent
// and checkAndLogStatus): an update is done when the current revision is the update revision and every
// replica is current and ready.
function awaiterDone(replicas: number, status: { currentRevision: string; updateRevision: string; readyReplicas: number; currentReplicas: number }) {
  return (
    status.currentRevision !== "" &&
    status.currentRevision === status.updateRevision &&
    status.readyReplicas === replicas &&
    status.currentReplicas === replicas
  );
}

// The StatefulSet controller once it has done what the partition lets it (kubernetes/kubernetes
// pkg/controller/statefulset: pods of ordinal >= partition get the update revision; completeRollingUpdate
// makes it current only when every replica is updated and ready).
function settled(replicas: number, partition: number) {
  const updated = replicas - partition;
  const complete = updated === replicas;
  return {
    updatedOrdinals: Array.from({ length: replicas }, (_, i) => i).filter((i) => i >= partition),
    status: {
      currentRevision: complete ? "new" : "old",
      updateRevision: "new",
      readyReplicas: replicas,
      currentReplicas: complete ? replicas : partition,
    },
  };
}

describe("plan/rollout.ts", () => {
  const statefulSetOf = (sets: string[]) => planOf(sets).statefulSet({ credentials: "c", keystores: "k" }) as any;

  it("rolls every node by default, and lets pulumi up wait for the whole rollout", () => {
    const sts = statefulSetOf([]);
    const partition = sts.spec.updateStrategy.rollingUpdate.partition;
    expect(partition).toBe(0);
    expect(sts.metadata.annotations?.[SKIP_AWAIT_ANNOTATION]).toBeUndefined();
    expect(awaiterDone(sts.spec.replicas, settled(sts.spec.replicas, partition).status)).toBe(true);
  });

  it.each([1, 2])("with rollout.canaryNodes=%i updates that many nodes, the highest ordinals, and holds the rest", (canary) => {
    const sts = statefulSetOf(["replicas=4", `rollout.canaryNodes=${canary}`]);
    const { updatedOrdinals } = settled(4, sts.spec.updateStrategy.rollingUpdate.partition);
    // Ordinals 0..3: the canary is the top `canary` of them.
    expect(updatedOrdinals).toEqual(canary === 1 ? [3] : [2, 3]);
  });

  it("never asks the provider to wait for a rollout the canary holds back", () => {
    const sts = statefulSetOf(["replicas=3", "rollout.canaryNodes=1"]);
    const { status } = settled(3, sts.spec.updateStrategy.rollingUpdate.partition);
    // Without the annotation the awaiter would wait for this forever: it is the final state of a held canary.
    expect(awaiterDone(3, status)).toBe(false);
    expect(sts.metadata.annotations[SKIP_AWAIT_ANNOTATION]).toBe("true");
  });

  it("changes only the update strategy and the provider's annotation: the pods are not rolled by setting it", () => {
    const [before, after] = [statefulSetOf(["replicas=3"]), statefulSetOf(["replicas=3", "rollout.canaryNodes=1"])];
    expect(after.spec.template).toEqual(before.spec.template);
    expect({ ...after.spec, updateStrategy: undefined }).toEqual({ ...before.spec, updateStrategy: undefined });
  });

  it("refuses a canary of every node, which holds nothing back, naming both keys", () => {
    expect(() => planOf(["replicas=2", "rollout.canaryNodes=2"])).toThrow(
      /obkm:rollout\.canaryNodes: got 2 with obkm:replicas 2; expected 0 \(roll every node\) or fewer than the nodes/,
    );
  });
});
