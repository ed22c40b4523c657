// What a bank's cluster goes through (drains, zone outages, upgrades, audits), and what the nodes are set
// up to survive it.
import { execFile, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as YAML from "yaml";
import { statefulSetTimeouts } from "../plan/await-timeouts";
import type { Names } from "../plan/names";
import {
  containerSecurityContext,
  containerSecurityContextAs,
  namespaceSecurityLabels,
  podSecurityContext,
  pullSecrets,
  serviceAccountManifest,
} from "../plan/pod-security";
import { probes, startupAllowanceSeconds } from "../plan/probes";
import { disruptionBudgetManifest, placement } from "../plan/scheduling";
import { stopScript } from "../plan/stop-script";
import { Rendered } from "../render/render";
import { loadMinimal } from "./helpers/cli-config";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { plannedOf } from "./helpers/plan";
import { restrictedViolations } from "./helpers/pod-security";
import { objectOf, render } from "./helpers/render";

let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  dev = await render();
  prod = await render([], "prod");
});
const podSpec = (r: Rendered) => objectOf(r, "StatefulSet", "obkm-km").spec.template.spec;
const km = (r: Rendered) => podSpec(r).containers[0];
const podLabels = (r: Rendered) => objectOf(r, "StatefulSet", "obkm-km").spec.template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe("disruptions and placement", () => {
  it("lets a drain or an upgrade take one node at a time", () => {
    const pdb = objectOf(prod, "PodDisruptionBudget");
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(matches(pdb.spec.selector.matchLabels, podLabels(prod))).toBe(true);
  });

  it("prefers nodes on different Kubernetes nodes, and requires it by config", async () => {
    const preferred = podSpec(dev).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preferred[0].podAffinityTerm.topologyKey).toBe("kubernetes.io/hostname");
    expect(matches(preferred[0].podAffinityTerm.labelSelector.matchLabels, podLabels(dev))).toBe(true);
    const required = podSpec(await render(["scheduling.podAntiAffinity=required"])).affinity.podAntiAffinity;
    expect(required.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe("kubernetes.io/hostname");
    expect(required.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
  });

  it("spreads nodes over zones without refusing to schedule in a one-zone cluster", () => {
    expect(podSpec(dev).topologySpreadConstraints).toEqual([
      expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "ScheduleAnyway" }),
    ]);
  });

  it("updates one pod at a time and starts nodes one at a time unless told Parallel", async () => {
    const sts = objectOf(dev, "StatefulSet", "obkm-km");
    expect(sts.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    expect(sts.spec.podManagementPolicy).toBe("OrderedReady");
    expect(objectOf(await render(["podManagementPolicy=Parallel"], "prod"), "StatefulSet", "obkm-km").spec.podManagementPolicy).toBe("Parallel");
  });
});

describe("probes", () => {
  it("give a first start ten minutes by default, and what the config says", async () => {
    const budget = (p: any) => p.periodSeconds * p.failureThreshold;
    expect(budget(km(dev).startupProbe)).toBe(600);
    expect(budget(km(await render(["probes.startupMinutes=25"])).startupProbe)).toBe(1500);
  });

  it("only connect to the named HTTPS servlet port, so no probe opens an HTTP session", () => {
    // A TCP connect: Carbon starts its connectors (bindOnInit false) only once it has started
    // (carbon-kernel v4.4.35 StartupFinalizerServiceComponent.completeInitialization), which is what WSO2's
    // own chart checks with `nc -z localhost 9446` (wso2/kubernetes-open-banking 1.4.x
    // eval-ob-pattern-2/templates/obkm/wso2ob-pattern-2-obkm-deployment.yaml).
    const container = km(prod);
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
      expect(probe.tcpSocket).toEqual({ port: "servlet-https" });
      expect(probe.httpGet).toBeUndefined();
      expect(probe.exec).toBeUndefined();
    }
    expect(container.ports).toContainEqual({ name: "servlet-https", containerPort: 9446, protocol: "TCP" });
  });

  it("take a node that stops accepting out of rotation long before they restart it", () => {
    const outOfRotation = km(dev).readinessProbe.periodSeconds * km(dev).readinessProbe.failureThreshold;
    const restart = km(dev).livenessProbe.periodSeconds * km(dev).livenessProbe.failureThreshold;
    expect(outOfRotation).toBeLessThanOrEqual(30);
    expect(restart).toBeGreaterThanOrEqual(4 * outOfRotation);
    expect(km(dev).livenessProbe.timeoutSeconds).toBeGreaterThan(km(dev).readinessProbe.timeoutSeconds);
  });

  it("ask a readiness path when the config names one, and still only connect for startup and liveness", async () => {
    // A liveness that asks a path would restart every node when what the path checks (the database) fails.
    const container = km(await render(["probes.path=/api/health-check/v1.0/health"]));
    expect(container.readinessProbe.httpGet).toEqual({ path: "/api/health-check/v1.0/health", port: "servlet-https", scheme: "HTTPS" });
    expect(container.readinessProbe.tcpSocket).toBeUndefined();
    expect(container.livenessProbe).toEqual(km(dev).livenessProbe);
    expect(container.startupProbe).toEqual(km(dev).startupProbe);
  });

  it("refuse a readiness path under /carbon, where every request opens an HTTP session", async () => {
    for (const path of ["/carbon/admin/login.jsp", "/carbon", "/Carbon/admin/index.jsp"]) {
      await expect(render([`probes.path=${path}`])).rejects.toThrow(
        `obkm:probes.path: got "${path}"; expected a path outside /carbon, /t, /ob/authenticationendpoint, /authenticationendpoint and /accountrecoveryendpoint, and not a JSP page, because Carbon opens an HTTP session for every request under /carbon (carbon-kernel v4.4.35 CarbonSecuredHttpContext.handleSecurity)`,
      );
    }
    // /carbonx is another path, not /carbon
    expect(km(await render(["probes.path=/carbonx/health"])).readinessProbe.httpGet.path).toBe("/carbonx/health");
  });

  it("refuse a readiness path that is not an absolute URL path, or could reach /carbon once Tomcat decodes it", async () => {
    for (const path of [
      "health",
      "/",
      "//carbon/admin",
      "/api/../carbon/admin/login.jsp",
      "/%63arbon/admin",
      "/carbon;x=1/admin",
      "/a b",
      "/a?b=1",
      "https://km/x",
    ]) {
      await expect(render([`probes.path=${path}`])).rejects.toThrow(
        `obkm:probes.path: got ${JSON.stringify(path)}; expected empty (the readiness probe connects to the HTTPS port) or an absolute URL path such as /api/health-check/v1.0/health`,
      );
    }
  });
});

describe("graceful stop", () => {
  it("runs the server's own stop before the pod goes, within the grace period", async () => {
    expect(km(dev).lifecycle.preStop.exec.command).toEqual(["/bin/sh", "/opt/obkm/bin/stop.sh"]);
    expect(podSpec(dev).terminationGracePeriodSeconds).toBe(120);
    expect(podSpec(await render(["terminationGracePeriodSeconds=300"])).terminationGracePeriodSeconds).toBe(300);
  });
});

describe("pod security", () => {
  it("meets the restricted Pod Security Standard, init container included", () => {
    expect(restrictedViolations(podSpec(dev))).toEqual([]);
    expect(restrictedViolations(podSpec(prod))).toEqual([]);
  });

  it("the checker itself refuses a pod that escalates or keeps capabilities", () => {
    const spec = structuredClone(podSpec(dev));
    delete spec.containers[0].securityContext;
    expect(restrictedViolations(spec)).toEqual(
      expect.arrayContaining([expect.stringMatching(/allowPrivilegeEscalation/), expect.stringMatching(/capabilities/)]),
    );
  });

  it("runs as 802 without a service-account token, under its own ServiceAccount", () => {
    expect(podSpec(dev).securityContext).toMatchObject({ runAsUser: 802, runAsGroup: 802, seccompProfile: { type: "RuntimeDefault" } });
    expect(podSpec(dev).automountServiceAccountToken).toBe(false);
    const sa = objectOf(dev, "ServiceAccount", podSpec(dev).serviceAccountName);
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  it("labels the namespace it creates with the restricted level", () => {
    expect(objectOf(dev, "Namespace").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  it("pulls with the image pull secrets from config", async () => {
    expect(podSpec(dev).imagePullSecrets).toBeUndefined();
    expect(podSpec(await render(["imagePullSecrets[0]=registry-bank"])).imagePullSecrets).toEqual([{ name: "registry-bank" }]);
  });
});

describe("the NetworkPolicy", () => {
  const policy = (r: Rendered) => objectOf(r, "NetworkPolicy");

  it("selects the KM pods and restricts both directions", () => {
    expect(matches(policy(prod).spec.podSelector.matchLabels, podLabels(prod))).toBe(true);
    expect(policy(prod).spec.policyTypes).toEqual(["Ingress", "Egress"]);
  });

  it("admits Hazelcast (4000) only from the KM pods of this stack", () => {
    const rule = policy(prod).spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 4000));
    expect(rule.ports).toEqual([{ port: 4000, protocol: "TCP" }]);
    expect(rule.from).toEqual([{ podSelector: { matchLabels: objectOf(prod, "StatefulSet", "obkm-km").spec.selector.matchLabels } }]);
  });

  it("admits HTTPS only from the ingress controller, the API Manager's namespace and the nodes themselves, and plain HTTP from nowhere", () => {
    const rules = policy(prod).spec.ingress.filter((r: any) => r.ports.some((p: any) => p.port === 9446 || p.port === 9766));
    expect(rules.flatMap((r: any) => r.ports.map((p: any) => p.port))).toEqual([9446, 9446, 9446]);
    const selector = objectOf(prod, "StatefulSet", "obkm-km").spec.selector.matchLabels;
    expect(rules.flatMap((r: any) => r.from)).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } },
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "openbanking-apim" } } },
      // The consent portal's server side calls the KM Service for its token, which may send it to any node.
      { podSelector: { matchLabels: selector } },
    ]);
  });

  it("lets the nodes out only to DNS, their peers, the ingress controller, the provisioned database, and the gateway through the configured ranges", async () => {
    const rendered = await render(["networkPolicy.egressCidrs[0]=10.50.0.0/24"]);
    const egress = policy(rendered).spec.egress;
    expect(egress).toEqual([
      {
        ports: [
          { port: 53, protocol: "UDP" },
          { port: 53, protocol: "TCP" },
        ],
      },
      { to: [{ podSelector: expect.any(Object) }], ports: [{ port: 4000, protocol: "TCP" }] },
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }],
        ports: [
          { port: 443, protocol: "TCP" },
          { port: 80, protocol: "TCP" },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: expect.objectContaining({ "app.kubernetes.io/component": "database" }) } }],
        ports: [{ port: 3306, protocol: "TCP" }],
      },
      // The consent portal's token call, to the KM Service: the peers on 9446.
      { to: [{ podSelector: expect.any(Object) }], ports: [{ port: 9446, protocol: "TCP" }] },
      // apim.hostname is known by name only: the gateway's port and the services' (9443, apim.servicesPort)
      // through the ranges, and 443 (the OB directory's JWKS)
      {
        to: [{ ipBlock: { cidr: "10.50.0.0/24" } }],
        ports: [
          { port: 443, protocol: "TCP" },
          { port: 8243, protocol: "TCP" },
          { port: 9443, protocol: "TCP" },
        ],
      },
    ]);
    // the database rule selects the database pods
    const dbLabels = objectOf(rendered, "StatefulSet", "obkm-db").spec.template.metadata.labels;
    expect(matches(egress[3].to[0].podSelector.matchLabels, dbLabels)).toBe(true);
  });

  it("opens no Hazelcast port when clustering is off", async () => {
    const off = policy(await render(["caching.scenario=3"]));
    expect(JSON.stringify(off.spec)).not.toContain("4000");
  });

  it("is not created where the network plugin does not enforce it, and says the egress ranges then do nothing", () => {
    const off = plannedOf(["networkPolicy.enabled=false"], "dev");
    expect(off.plan.networkPolicy).toBeUndefined();
    expect(off.warnings).toEqual(["obkm:networkPolicy.egressCidrs is set but has no effect: networkPolicy.enabled is false."]);
  });
});

describe("resources", () => {
  it("derives the heap from the memory limit unless it is set", async () => {
    const eight = km(await render(["memory=8Gi"]));
    expect(eight.env).toContainEqual({ name: "JVM_MEM_OPTS", value: "-Xms4096m -Xmx4096m" });
    expect(km(dev).env).toContainEqual({ name: "JVM_MEM_OPTS", value: "-Xms2048m -Xmx2048m" });
  });

  it("refuses a memory too small for the KM, and a heap that leaves the rest too little", async () => {
    await expect(render(["memory=1536Mi"])).rejects.toThrow(
      /obkm:memory: got "1536Mi"; expected a memory size as a Kubernetes quantity in whole bytes from 2Gi to 256Gi/,
    );
    await expect(render(["memory=2Gi", "jvmHeap=1536Mi"])).rejects.toThrow(/obkm:jvmHeap: got 1536Mi with memory 2Gi; expected at most 1024Mi/);
  });

  it("keeps every quantity within sane bounds", async () => {
    await expect(render(["cpu=10m"])).rejects.toThrow(/obkm:cpu: got "10m"; expected a CPU amount as a Kubernetes quantity from 100m to 64/);
    await expect(render(["cpuLimit=128"])).rejects.toThrow(
      /obkm:cpuLimit: got "128"; expected empty \(no limit\) or a CPU amount .* from 100m to 64/,
    );
    await expect(render(["sharedStorageSize=100Mi"])).rejects.toThrow(
      /obkm:sharedStorageSize: got "100Mi"; expected a storage size .* from 1Gi to 16Ti/,
    );
    await expect(render(["memory=1Ti"])).rejects.toThrow(/obkm:memory: got "1Ti"/);
  });

  it("sets a CPU limit only when asked, and writes quantities canonically", async () => {
    expect(km(dev).resources.limits.cpu).toBeUndefined();
    const limited = km(await render(["cpuLimit=4000m", "memory=4096Mi"]));
    expect(limited.resources).toEqual({ requests: { cpu: "500m", memory: "4Gi" }, limits: { cpu: "4", memory: "4Gi" } });
  });
});

describe("the StatefulSet's await timeout", () => {
  const timeoutOf = (r: Rendered) =>
    (YAML.parse(r.files["resources.yaml"]) as any[]).find((e) => e.type === "kubernetes:apps/v1:StatefulSet" && e.name === "obkm-nodes-statefulset")
      .customTimeouts;

  it("grows with the node count and the startup allowance, so a slow first start does not fail pulumi up", async () => {
    // Each pod: 120 s to stop, 600 s to start, 60 s to be scheduled and pulled.
    expect(timeoutOf(dev)).toEqual({ create: "26m", update: "26m" });
    expect(timeoutOf(await render(["replicas=5"]))).toEqual({ create: "65m", update: "65m" });
    expect(timeoutOf(await render(["probes.startupMinutes=20"]))).toEqual({ create: "46m", update: "46m" });
  });
});

describe("every hardened variant", () => {
  it("renders valid objects", async () => {
    const variants = [
      prod,
      await render(
        [
          "scheduling.podAntiAffinity=required",
          "podManagementPolicy=Parallel",
          "cpuLimit=3",
          "imagePullSecrets[0]=regcred",
          "networkPolicy.egressCidrs[0]=10.0.0.0/8",
        ],
        "prod",
      ),
    ];
    for (const r of variants) expect(validateObjects(r.objects, PROD_EXTERNAL)).toEqual([]);
  });
});

describe("plan/stop-script.ts", () => {
  it("waits for the JVM to exit after asking it to stop", async () => {
    // A fake pack whose server runs until `wso2server.sh stop` signals it, and takes a second to leave.
    const kmHome = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-stop-"));
    fs.mkdirSync(path.join(kmHome, "bin"));
    fs.writeFileSync(
      path.join(kmHome, "bin", "wso2server.sh"),
      '#!/bin/sh\nif [ "$1" = stop ]; then kill -TERM "$(cat "$KM_HOME/wso2carbon.pid")"; fi\n',
      { mode: 0o755 },
    );
    const server = spawn("/bin/sh", ["-c", 'trap "sleep 1; exit 0" TERM; while true; do sleep 0.2; done'], { stdio: "ignore" });
    fs.writeFileSync(path.join(kmHome, "wso2carbon.pid"), String(server.pid));
    const script = path.join(kmHome, "stop.sh");
    fs.writeFileSync(script, stopScript(120));
    // Asynchronously, so that this process reaps the server when it exits (a zombie still answers kill -0).
    const { stdout } = await promisify(execFile)("/bin/sh", [script], { env: { PATH: process.env.PATH, KM_HOME: kmHome }, timeout: 20_000 });
    expect(stdout).toMatch(/the Key Manager stopped after [1-9]\d*s/);
    expect(server.exitCode ?? server.signalCode).not.toBeNull();
  });

  it("never waits past the grace period, leaving the kubelet 10 s, and always waits a little", () => {
    expect(stopScript(120)).toContain('[ "$waited" -lt 110 ]');
    expect(stopScript(300)).toContain('[ "$waited" -lt 290 ]');
    expect(stopScript(12)).toContain('[ "$waited" -lt 5 ]');
  });

  it("asks the server to stop even when it is gone already, and returns at once", () => {
    const kmHome = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-stop-"));
    const script = path.join(kmHome, "stop.sh");
    fs.writeFileSync(script, stopScript(120));
    // No wso2server.sh and no pid file: the stop fails, which the hook must survive (a failing preStop hook
    // is reported as an event and the kubelet goes on killing the container).
    const stdout = execFileSync("/bin/sh", [script], {
      env: { PATH: process.env.PATH, KM_HOME: kmHome },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(stdout).toContain("the Key Manager stopped after 0s");
    fs.rmSync(kmHome, { recursive: true, force: true });
  });
});

describe("plan/await-timeouts.ts", () => {
  it("lets each pod, one after another, stop in its grace period, start in its startup allowance and take a minute to schedule", () => {
    // 2 pods x (120 s grace + 600 s startup + 60 s) = 1560 s = 26 min
    expect(statefulSetTimeouts(loadMinimal({}).config)).toEqual({ create: "26m", update: "26m" });
    // 5 x (120 + 1200 + 60) = 6900 s = 115 min
    expect(statefulSetTimeouts(loadMinimal({ "obkm:replicas": "5", "obkm:probes.startupMinutes": "20" }).config)).toEqual({
      create: "115m",
      update: "115m",
    });
  });

  it("rounds a part of a minute up, so the wait never falls short of the pods' allowance", () => {
    // 2 x (125 + 600 + 60) = 1570 s = 26.2 min
    expect(statefulSetTimeouts(loadMinimal({ "obkm:terminationGracePeriodSeconds": "125" }).config).create).toBe("27m");
  });
});

describe("plan/probes.ts", () => {
  const budget = (p: { periodSeconds: number; failureThreshold: number }) => p.periodSeconds * p.failureThreshold;

  it("gives a first start probes.startupMinutes before the kubelet restarts it, and tells the await the same", () => {
    const config = loadMinimal({ "obkm:probes.startupMinutes": "25" }).config;
    expect(budget(probes(config).startupProbe)).toBe(25 * 60);
    expect(startupAllowanceSeconds(config)).toBe(25 * 60);
  });

  it("only connects to the HTTPS servlet port by its name, unless probes.path turns readiness alone into an HTTPS GET", () => {
    const plain = probes(loadMinimal({}).config);
    for (const probe of [plain.startupProbe, plain.readinessProbe, plain.livenessProbe])
      expect(probe).toMatchObject({ tcpSocket: { port: "servlet-https" } });
    const withPath = probes(loadMinimal({ "obkm:probes.path": "/api/health-check/v1.0/health" }).config);
    expect(withPath.readinessProbe).toMatchObject({ httpGet: { path: "/api/health-check/v1.0/health", port: "servlet-https", scheme: "HTTPS" } });
    expect(withPath.readinessProbe).not.toHaveProperty("tcpSocket");
    // A liveness that asked a path would restart every node when what the path checks (the database) fails.
    expect(withPath.livenessProbe).toEqual(plain.livenessProbe);
    expect(withPath.startupProbe).toEqual(plain.startupProbe);
  });

  it("takes a node out of rotation within 30 s and restarts it only after four times as long", () => {
    const p = probes(loadMinimal({}).config);
    expect(budget(p.readinessProbe)).toBeLessThanOrEqual(30);
    expect(budget(p.livenessProbe)).toBeGreaterThanOrEqual(4 * budget(p.readinessProbe));
  });
});

describe("plan/scheduling.ts", () => {
  const selector = { "app.kubernetes.io/instance": "obkm" };

  it("lets a drain take one node of the stack at a time", () => {
    const pdb = disruptionBudgetManifest({ statefulSet: "obkm-km", namespace: "ns" } as Names, { a: "b" }, selector);
    expect(pdb.metadata).toEqual({ name: "obkm-km", namespace: "ns", labels: { a: "b" } });
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selector } });
  });

  it("prefers one node per Kubernetes node, and requires it with scheduling.podAntiAffinity required", () => {
    // kubernetes.io/hostname and topology.kubernetes.io/zone: well-known labels every kubelet and cloud provider set.
    const term = { labelSelector: { matchLabels: selector }, topologyKey: "kubernetes.io/hostname" };
    expect(placement(loadMinimal({}).config, selector).affinity.podAntiAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }],
    });
    expect(placement(loadMinimal({ "obkm:scheduling.podAntiAffinity": "required" }).config, selector).affinity.podAntiAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: [term],
    });
  });

  it("spreads the nodes over zones without refusing to schedule in a one-zone cluster", () => {
    expect(placement(loadMinimal({}).config, selector).topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
    ]);
  });
});

describe("plan/pod-security.ts", () => {
  it("builds pods the restricted Pod Security Standard admits, for the KM's user and for an image's own", () => {
    const config = loadMinimal({ "obkm:runAsUser": "1001", "obkm:runAsGroup": "2002" }).config;
    const km = { securityContext: podSecurityContext(config), containers: [{ name: "km", securityContext: containerSecurityContext }] };
    expect(restrictedViolations(km)).toEqual([]);
    expect(km.securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 2002, fsGroup: 2002, fsGroupChangePolicy: "OnRootMismatch" });
    // The provisioned database's container: no pod-level settings to lean on.
    expect(restrictedViolations({ containers: [{ name: "db", securityContext: containerSecurityContextAs(999) }] })).toEqual([]);
    expect(containerSecurityContextAs(999)).toMatchObject({ runAsUser: 999, runAsGroup: 999 });
  });

  it("labels a namespace to enforce, audit and warn at the restricted level", () => {
    expect(namespaceSecurityLabels()).toEqual({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  it("pulls with imagePullSecrets only when config names any", () => {
    expect(pullSecrets(loadMinimal({}).config)).toEqual({});
    expect(pullSecrets(loadMinimal({ "obkm:imagePullSecrets": '["a", "b"]' }).config)).toEqual({ imagePullSecrets: [{ name: "a" }, { name: "b" }] });
  });

  it("gives the pods a ServiceAccount of their own that mounts no token", () => {
    const sa = serviceAccountManifest({ statefulSet: "obkm-km", namespace: "ns" } as Names, { a: "b" });
    expect(sa).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "obkm-km", namespace: "ns", labels: { a: "b" } },
      automountServiceAccountToken: false,
    });
  });
});
