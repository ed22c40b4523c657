// The validator every rendered object goes through must itself refuse what the API server refuses;
// otherwise "validateObjects(rendered) is empty" would prove nothing.
import { validateObjects } from "./helpers/k8s-validate";

const labels = { app: "km" };
function statefulSet(): any {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "km", namespace: "ns", labels },
    spec: {
      serviceName: "km-headless",
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: "km", image: "x:1", ports: [{ name: "https", containerPort: 9446 }], resources: { limits: { memory: "4Gi" } } }],
        },
      },
    },
  };
}
const headless = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "km-headless", namespace: "ns" },
  spec: { clusterIP: "None", selector: labels, ports: [{ name: "hazelcast", port: 4000 }] },
};

function problemsWith(mutate: (o: any) => void): string[] {
  const o = statefulSet();
  mutate(o);
  return validateObjects([o, headless]);
}

describe("the Kubernetes validation helper", () => {
  it("accepts a valid StatefulSet with its headless Service", () => {
    expect(validateObjects([statefulSet(), headless])).toEqual([]);
  });

  it.each<[string, (o: any) => void, RegExp]>([
    ["a wrong type", (o) => (o.spec.replicas = "two"), /schema/],
    ["a missing required field", (o) => delete o.spec.template.spec.containers[0].name, /schema|DNS label/],
    ["a malformed quantity", (o) => (o.spec.template.spec.containers[0].resources.limits.memory = "4 gigs"), /schema/],
    ["an unknown field", (o) => (o.spec.template.spec.containers[0].imagePullPolicies = "Always"), /unknown field/],
    ["an unknown nested field", (o) => (o.spec.selector.matchLabel = labels), /spec\.selector\.matchLabel: unknown field/],
    ["an invalid name", (o) => (o.metadata.name = "KM_1"), /metadata.name/],
    ["a StatefulSet name too long for its pods' labels", (o) => (o.metadata.name = "k".repeat(53)), /52 characters/],
    ["an invalid label value", (o) => (o.metadata.labels = { app: "not valid!" }), /label/],
    ["a selector that misses the pod labels", (o) => (o.spec.selector.matchLabels = { app: "other" }), /does not match/],
    ["a port name over 15 characters", (o) => (o.spec.template.spec.containers[0].ports[0].name = "servlet-https-port"), /15 characters/],
    ["a duplicate container port", (o) => o.spec.template.spec.containers[0].ports.push({ name: "again", containerPort: 9446 }), /appears twice/],
    ["a mount of no volume", (o) => (o.spec.template.spec.containers[0].volumeMounts = [{ name: "conf", mountPath: "/x" }]), /names no volume/],
    ["a serviceName with no Service", (o) => (o.spec.serviceName = "missing"), /names no rendered Service/],
  ])("refuses %s", (_what, mutate, expected) => {
    const problems = problemsWith(mutate);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("refuses bad ConfigMap keys and objects of 1 MiB or more", () => {
    const cm = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "ns" },
      data: { "axis2/axis2.xml": "x", big: "x".repeat(1024 * 1024) },
    };
    const problems = validateObjects([cm]).join("\n");
    expect(problems).toMatch(/key axis2\/axis2.xml is not a valid ConfigMap key/);
    expect(problems).toMatch(/under 1 MiB/);
  });

  it("refuses a volume item that names no key of its ConfigMap", () => {
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "files", namespace: "ns" }, data: { "carbon.xml": "<x/>" } };
    const mounting = (key: string) => {
      const o = statefulSet();
      o.spec.template.spec.volumes = [{ name: "files", configMap: { name: "files", items: [{ key, path: key }] } }];
      return o;
    };
    expect(validateObjects([mounting("carbon.xml"), headless, cm])).toEqual([]);
    expect(validateObjects([mounting("axis2.xml"), headless, cm]).join("\n")).toMatch(/item axis2.xml is not a key of ConfigMap files/);
  });

  it("refuses a Service port name that is not a DNS label and unnamed ports among several", () => {
    const svc = { ...headless, spec: { ...headless.spec, ports: [{ name: "Hazel_Cast", port: 4000 }, { port: 4001 }] } };
    const problems = validateObjects([svc]).join("\n");
    expect(problems).toMatch(/port name Hazel_Cast is not a DNS label/);
    expect(problems).toMatch(/every port needs a name/);
  });
});
