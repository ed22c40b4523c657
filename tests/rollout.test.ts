// A change to any rendered node file must roll the StatefulSet's pods, and nothing else may: the same
// config renders byte-identical files and an unchanged pod template.
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
