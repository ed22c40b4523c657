// The clustered KM nodes as `pulumi up` would create them, read from the offline render.
import { execFileSync } from "child_process";
import { Rendered } from "../render/render";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { smallestHighlyAvailableCount, wellKnownMemberProblems } from "./helpers/cluster-invariants";
import { elements, nodeFile, objectOf, objectsOf, parse, render, textOf, xmllintErrorsOf } from "./helpers/render";

const CLUSTERING = { class: "org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent" };

function axis2(rendered: Rendered) {
  const doc = parse(nodeFile(rendered, "axis2/axis2.xml"));
  const [clustering] = elements(doc, "clustering", CLUSTERING);
  const parameter = (name: string) => textOf(doc, "parameter", { name })[0];
  const members = elements(doc, "member").map((m) => ({
    hostName: m.getElementsByTagName("hostName")[0].textContent ?? "",
    port: m.getElementsByTagName("port")[0].textContent ?? "",
  }));
  return { enable: clustering.getAttribute("enable"), parameter, members };
}

let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  dev = await render();
  prod = await render([], "prod");
});

const startScriptOf = (r: Rendered) => r.files["bin/start.sh"];

describe("the dev and prod stacks", () => {
  it("render only objects that pass schema validation and the API server's rules", () => {
    expect(validateObjects(dev.objects)).toEqual([]);
    expect(validateObjects(prod.objects, PROD_EXTERNAL)).toEqual([]);
  });

  it("render well-formed node XML", async () => {
    for (const rendered of [dev, prod]) {
      const xml = Object.fromEntries(Object.entries(rendered.files).filter(([f]) => f.endsWith(".xml")));
      for (const [file, errors] of Object.entries(await xmllintErrorsOf(xml))) expect({ file, errors }).toEqual({ file, errors: [] });
    }
  });

  it("put the StatefulSet behind a headless Service that publishes not-ready pods on port 4000", () => {
    const sts = objectOf(dev, "StatefulSet", "obkm-km");
    const headless = objectOf(dev, "Service", sts.spec.serviceName);
    expect(headless.spec.clusterIP).toBe("None");
    expect(headless.spec.publishNotReadyAddresses).toBe(true);
    expect(headless.spec.ports).toEqual([expect.objectContaining({ name: "hazelcast", port: 4000 })]);
  });

  it("serve 9446 (HTTPS) and 9766 (HTTP) through a ClusterIP Service, on named container ports", () => {
    const service = objectOf(dev, "Service", "obkm-km");
    expect(service.spec.type).toBe("ClusterIP");
    expect(service.spec.ports.map((p: any) => [p.name, p.port])).toEqual([
      ["servlet-https", 9446],
      ["servlet-http", 9766],
    ]);
    const [container] = objectOf(dev, "StatefulSet", "obkm-km").spec.template.spec.containers;
    expect(container.ports.map((p: any) => [p.name, p.containerPort])).toEqual([
      ["servlet-https", 9446],
      ["servlet-http", 9766],
      ["hazelcast", 4000],
    ]);
  });

  it("run two nodes in dev and three in prod, in the namespace each stack names", () => {
    expect(objectOf(dev, "StatefulSet", "obkm-km").spec.replicas).toBe(2);
    expect(objectOf(prod, "StatefulSet", "obkm-km").spec.replicas).toBe(3);
    expect(objectOf(dev, "Namespace").metadata.name).toBe("obkm-dev");
    expect(objectOf(prod, "Namespace").metadata.name).toBe("openbanking-km");
    const namespaced = prod.objects.filter((o) => o.kind !== "Namespace" && o.metadata.name !== "obkm-apim-key-manager");
    expect(new Set(namespaced.map((o) => o.metadata.namespace))).toEqual(new Set(["openbanking-km"]));
  });
});

describe("Hazelcast clustering in axis2.xml", () => {
  it("is enabled with well-known members, on port 4000", () => {
    const a = axis2(dev);
    expect(a.enable).toBe("true");
    expect(a.parameter("membershipScheme")).toBe("wka");
    expect(a.parameter("localMemberPort")).toBe("4000");
  });

  it("lists, on port 4000, more well-known members than may be down at once, each a pod every cluster runs", () => {
    const members = axis2(dev).members;
    expect(new Set(members.map((m) => m.port))).toEqual(new Set(["4000"]));
    expect(
      wellKnownMemberProblems(
        dev,
        members.map((m) => m.hostName),
        "cluster.local",
      ),
    ).toEqual([]);
    // The rule bites: one member alone is down during every rolling update.
    expect(wellKnownMemberProblems(dev, [members[0].hostName], "cluster.local")).toEqual([`1 well-known members, but 1 may be down at once`]);
  });

  it("keeps the same well-known members at any node count, so scaling restarts no node", async () => {
    const domain = "k8s.bank.example";
    const hostNames = async (replicas: number) =>
      axis2(await render([`replicas=${replicas}`, `clusterDomain=${domain}`])).members.map((m) => m.hostName);
    const smallest = await hostNames(smallestHighlyAvailableCount());
    expect(wellKnownMemberProblems(dev, smallest, domain)).toEqual([]);
    for (const replicas of [3, 5, 50]) expect(await hostNames(replicas)).toEqual(smallest);
  });

  it("installs hazelcast.properties as WSO2 advises: no Hazelcast shutdown hook, logs through log4j; none without clustering", async () => {
    const properties = (r: Rendered) => r.files["conf/hazelcast.properties"];
    const lines = properties(dev)
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(lines).toEqual(["hazelcast.shutdownhook.enabled=false", "hazelcast.logging.type=log4j"]);
    expect(startScriptOf(dev)).toContain('install_file "$files" hazelcast.properties');
    const unclustered = await render(["caching.scenario=3"]);
    expect(properties(unclustered)).toBeUndefined();
    expect(startScriptOf(unclustered)).not.toContain("hazelcast.properties");
  });

  it("gives each stack its own cluster domain, so two stacks in one cluster never merge", async () => {
    const sameNamespaceOtherPrefix = await render(["namePrefix=obkm-blue"]);
    const domains = [dev, prod, sameNamespaceOtherPrefix].map((r) => axis2(r).parameter("domain"));
    expect(new Set(domains).size).toBe(3);
  });

  it("never advertises 127.0.0.1: each pod writes its own IP over the placeholder when it starts", () => {
    const a = axis2(dev);
    expect(a.parameter("localMemberHost")).not.toBe("127.0.0.1");
    const [container] = objectOf(dev, "StatefulSet", "obkm-km").spec.template.spec.containers;
    expect(container.env).toContainEqual({ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } });
  });
});

describe("the start script", () => {
  // Installing the files and assembling the keys runs keytool: tests/integration/start-script.test.ts.
  it("refuses to start without the pod's address", () => {
    const script = dev.files["bin/start.sh"];
    expect(() => execFileSync("/bin/sh", ["-c", script], { env: { KM_HOME: "/tmp" }, stdio: "pipe" })).toThrow(/POD_IP/);
  });
});

describe("carbon.xml", () => {
  it("keeps port offset 3 and names the load balancer's host", () => {
    const doc = parse(nodeFile(dev, "carbon.xml"));
    expect(textOf(doc, "Offset")).toEqual(["3"]);
    expect(textOf(doc, "HostName")).toEqual(["km.dev.obkm.example.com"]);
    expect(textOf(doc, "MgtHostName")).toEqual(["km.dev.obkm.example.com"]);
    expect(textOf(parse(nodeFile(prod, "carbon.xml")), "HostName")).toEqual(["km.openbanking.bank.example"]);
  });
});

describe("memory", () => {
  it("gives each node 4Gi with a 2 GiB heap by default, and follows the config", async () => {
    const [container] = objectOf(dev, "StatefulSet", "obkm-km").spec.template.spec.containers;
    expect(container.resources.limits.memory).toBe("4Gi");
    expect(container.env).toContainEqual({ name: "JVM_MEM_OPTS", value: "-Xms2048m -Xmx2048m" });
    const bigger = await render(["memory=8192Mi", "jvmHeap=6Gi"]);
    const [c] = objectOf(bigger, "StatefulSet", "obkm-km").spec.template.spec.containers;
    expect(c.resources).toEqual({ requests: { cpu: "500m", memory: "8Gi" }, limits: { memory: "8Gi" } });
    expect(c.env).toContainEqual({ name: "JVM_MEM_OPTS", value: "-Xms6144m -Xmx6144m" });
  });
});

describe("namespaces", () => {
  it("creates none when the stack deploys into an existing one", async () => {
    const existing = await render(["namespace=shared-apps", "createNamespace=false"]);
    expect(objectsOf(existing, "Namespace")).toEqual([]);
    expect(objectOf(existing, "StatefulSet", "obkm-km").metadata.namespace).toBe("shared-apps");
    expect(validateObjects(existing.objects)).toEqual([]);
  });
});
