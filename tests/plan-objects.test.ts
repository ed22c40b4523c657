// The plan's Kubernetes objects and pod scripts, module by module: each block calls its module's functions on
// a config loaded as the program loads it (no render, no mock engine), so each test costs milliseconds.
import { CALLS } from "../flows/calls";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ApiManagerConfig } from "../plan/apim";
import { datasourceEndpoints } from "../plan/database/endpoints";
import { labels, names } from "../plan/names";
import { namespaceManifest } from "../plan/namespace";
import { nodeScripts } from "../plan/node-scripts";
import type { OpenBankingStart } from "../plan/open-banking-start";
import { stackOutputs } from "../plan/outputs";
import * as layout from "../plan/pod-layout";
import { containerPort, PORT_OFFSET, ports, servicePort } from "../plan/ports";
import { headlessServiceManifest, serviceManifest } from "../plan/services";
import { startScript } from "../plan/start-script";
import { statefulSetManifest, StatefulSetInputs } from "../plan/statefulset";
import { loadMinimal } from "./helpers/cli-config";

const configOf = (extra: Record<string, string> = {}) => loadMinimal(extra).config;

/** A DNS-1123 label (k8s.io/apimachinery pkg/util/validation/validation.go IsDNS1123Label): pod host names, volume names. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1035 label (same file, IsDNS1035Label): what a Service's name must be (pkg/apis/core/validation ValidateServiceName). */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe("plan/names.ts", () => {
  it("gives the well-known members the DNS names a StatefulSet's pods get from its headless Service", () => {
    // Kubernetes' StatefulSet Stable Network ID: <statefulset>-<ordinal>.<service>.<namespace>.svc.<cluster domain>.
    const n = names(configOf({ "obkm:clusterDomain": "corp.internal" }));
    expect(n.podDnsName(1)).toBe(`${n.statefulSet}-1.${n.headlessService}.${n.namespace}.svc.corp.internal`);
    expect(n.serviceDnsName).toBe(`${n.service}.${n.namespace}.svc.corp.internal`);
    expect(n.databaseServiceDnsName).toBe(`${n.database}.${n.namespace}.svc.corp.internal`);
  });

  it("names nothing alike for two stacks that share a namespace with different prefixes", () => {
    const a = names(configOf({ "obkm:namespace": "banks", "obkm:namePrefix": "alpha" }));
    const b = names(configOf({ "obkm:namespace": "banks", "obkm:namePrefix": "beta" }));
    const values = (n: typeof a) =>
      Object.entries(n)
        .filter(([k, v]) => k !== "namespace" && typeof v === "string")
        .map(([, v]) => v as string);
    expect(values(a).filter((v) => values(b).includes(v))).toEqual([]);
    expect(a.podDnsName(0)).not.toBe(b.podDnsName(0));
  });

  it("keeps a Hazelcast domain of its own per namespace and prefix, so two stacks never merge", () => {
    const domain = (extra: Record<string, string>) => names(configOf(extra)).hazelcastDomain;
    const one = domain({ "obkm:namespace": "a" });
    expect(domain({ "obkm:namespace": "b" })).not.toBe(one);
    expect(domain({ "obkm:namespace": "a", "obkm:namePrefix": "other" })).not.toBe(one);
  });

  it("keeps every name within the API server's rules at the longest prefix allowed (40) and the 50th node", () => {
    const n = names(configOf({ "obkm:namePrefix": "a".repeat(40), "obkm:replicas": "50" }));
    for (const service of [n.service, n.headlessService, n.database]) expect(service.length <= 63 && DNS1035_LABEL.test(service)).toBe(true);
    // A pod's host name is its name (pod-name-<ordinal>), a DNS label of at most 63 characters.
    const pod = `${n.statefulSet}-49`;
    expect(pod.length <= 63 && DNS1123_LABEL.test(pod)).toBe(true);
  });

  it("labels every object as the stack's, and selects only this stack's KM pods", () => {
    const a = labels(configOf({ "obkm:namePrefix": "alpha" }));
    const b = labels(configOf({ "obkm:namePrefix": "beta" }));
    // The selector is a subset of the common labels, so every pod the StatefulSet labels matches it.
    expect(a.common).toMatchObject(a.selector);
    expect(a.selector["app.kubernetes.io/instance"]).toBe("alpha");
    expect(Object.entries(b.selector).every(([k, v]) => a.common[k] === v)).toBe(false);
  });
});

describe("plan/namespace.ts", () => {
  it("creates the stack's namespace with its labels, enforcing (and auditing, warning) the restricted Pod Security level", () => {
    const config = configOf({ "obkm:namespace": "obkm-bank" });
    const ns = namespaceManifest(names(config), labels(config).common) as any;
    expect(ns.metadata.name).toBe("obkm-bank");
    // Pod Security Admission reads pod-security.kubernetes.io/<mode> = <level> (k8s.io/pod-security-admission api/constants.go).
    expect(ns.metadata.labels).toMatchObject({
      ...labels(config).common,
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });
});

describe("plan/ports.ts", () => {
  it("serves the servlet transport on the pack's 9443 and 9763 moved by carbon.xml's port offset", () => {
    // Carbon adds /Server/Ports/Offset to every port it opens (carbon.xml's own comment on Offset).
    expect(ports.servletHttps.port).toBe(9443 + PORT_OFFSET);
    expect(ports.servletHttp.port).toBe(9763 + PORT_OFFSET);
    expect(PORT_OFFSET).toBe(3);
  });

  it("names each port as the API server allows a port name (IANA_SVC_NAME), each name and number once", () => {
    // apimachinery validation.go IsValidPortName: at most 15 characters of [a-z0-9-], a letter among them,
    // no hyphen at either end or beside another.
    for (const p of Object.values(ports)) {
      expect(p.name.length).toBeLessThanOrEqual(15);
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.name).toMatch(/[a-z]/);
    }
    expect(new Set(Object.values(ports).map((p) => p.name)).size).toBe(3);
    expect(new Set(Object.values(ports).map((p) => p.port)).size).toBe(3);
  });

  it("targets a Service's port at the container's by name, so a change of number moves both", () => {
    expect(containerPort(ports.hazelcast)).toEqual({ name: "hazelcast", containerPort: 4000, protocol: "TCP" });
    expect(servicePort(ports.servletHttps, { appProtocol: "https" })).toEqual({
      name: "servlet-https",
      port: 9446,
      targetPort: "servlet-https",
      protocol: "TCP",
      appProtocol: "https",
    });
    expect(servicePort(ports.servletHttp)).not.toHaveProperty("appProtocol");
  });
});

describe("plan/services.ts", () => {
  const config = configOf();
  const n = names(config);
  const l = labels(config);

  it("gives each pod a DNS name before it is ready, and opens Hazelcast's port only when the nodes cluster", () => {
    const clustered: any = headlessServiceManifest(n, l.common, l.selector, true);
    expect(clustered.metadata).toMatchObject({ name: n.headlessService, namespace: n.namespace });
    // A starting node must resolve its peers before any passes readiness: not-ready addresses are published.
    expect(clustered.spec).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true, selector: l.selector });
    expect(clustered.spec!.ports).toEqual([{ name: "hazelcast", port: 4000, targetPort: "hazelcast", protocol: "TCP" }]);
    expect((headlessServiceManifest(n, l.common, l.selector, false) as any).spec.ports).toEqual([]);
  });

  it("carries clients to ready nodes on the servlet ports, saying which speaks HTTPS", () => {
    const service: any = serviceManifest(n, l.common, l.selector);
    expect(service.metadata).toMatchObject({ name: n.service, namespace: n.namespace, labels: l.common });
    expect(service.spec).toMatchObject({ type: "ClusterIP", selector: l.selector });
    expect(service.spec!.ports).toEqual([
      expect.objectContaining({ port: 9446, targetPort: "servlet-https", appProtocol: "https" }),
      expect.objectContaining({ port: 9766, targetPort: "servlet-http", appProtocol: "http" }),
    ]);
    expect(service.spec).not.toHaveProperty("publishNotReadyAddresses");
  });
});

describe("plan/pod-layout.ts", () => {
  it("puts the scripts one directory below the node-files mount, beside conf/, where the start script looks", () => {
    // start.sh finds the files at "$(dirname "$0")/../conf": its directory must be one level under MOUNT_DIR.
    for (const script of [
      layout.START_SCRIPT_PATH,
      layout.STOP_SCRIPT_PATH,
      layout.SEED_SCRIPT_PATH,
      layout.WAIT_SCRIPT_PATH,
      layout.OB_EDITOR_PATH,
    ]) {
      expect(path.posix.dirname(script)).toBe(layout.BIN_DIR);
    }
    expect(layout.BIN_DIR).not.toContain("/");
    expect(layout.CONF_DIR).not.toContain("/");
  });

  it("mounts each source at a directory of its own, none inside another or inside the pack", () => {
    const dirs = [
      layout.MOUNT_DIR,
      layout.SECRET_MOUNT_DIR,
      layout.DRIVERS_DIR,
      layout.SHARED_MOUNT_FOR_SEEDING,
      layout.OB_FILES_DIR,
      layout.KEYS_MOUNT_DIR,
    ];
    for (const a of dirs) {
      expect(path.posix.isAbsolute(a)).toBe(true);
      for (const b of dirs) if (a !== b) expect(b.startsWith(`${a}/`)).toBe(false);
    }
    expect(new Set(dirs).size).toBe(dirs.length);
    const kmHome = configOf().kmHome;
    expect(dirs.filter((d) => d.startsWith(`${kmHome}/`) || kmHome.startsWith(`${d}/`))).toEqual([]);
  });

  it("names volumes as the API server allows (DNS labels), each once", () => {
    const volumes = [layout.NODE_FILES_VOLUME, layout.SECRET_FILES_VOLUME, layout.DRIVERS_VOLUME, layout.SHARED_VOLUME, layout.OB_FILES_VOLUME];
    for (const v of volumes) expect(v.length <= 63 && DNS1123_LABEL.test(v)).toBe(true);
    expect(new Set(volumes).size).toBe(volumes.length);
  });

  it("marks the pod's address with a placeholder the start script's sed replaces literally and no host name can be", () => {
    // sed "s|<placeholder>|$POD_IP|g": no '|', no regular-expression character, and '@' is in no host name.
    expect(layout.POD_ADDRESS_PLACEHOLDER).toMatch(/^@[A-Z_]+@$/);
    expect(layout.POD_ADDRESS_ENV).toMatch(/^[A-Z_][A-Z0-9_]*$/);
  });
});

describe("plan/start-script.ts", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
  // Runs the script against a fake pack whose wso2server.sh reports what it was started with.
  function run(files: Parameters<typeof startScript>[0], env: Record<string, string> = {}) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-start-"));
    roots.push(root);
    const kmHome = path.join(root, "km");
    fs.mkdirSync(path.join(kmHome, "bin"), { recursive: true });
    fs.mkdirSync(path.join(kmHome, "repository/conf"), { recursive: true });
    fs.mkdirSync(path.join(kmHome, "repository/components/lib"), { recursive: true });
    fs.writeFileSync(path.join(kmHome, "bin/wso2server.sh"), '#!/bin/sh\necho "server: $* JAVA_OPTS=${JAVA_OPTS:-}"\n', { mode: 0o755 });
    fs.writeFileSync(path.join(kmHome, "repository/conf/carbon.xml"), "pack's own", { mode: 0o644 });
    const mount = path.join(root, "mount");
    fs.mkdirSync(path.join(mount, "bin"), { recursive: true });
    fs.mkdirSync(path.join(mount, "conf/axis2"), { recursive: true });
    fs.writeFileSync(path.join(mount, "conf/carbon.xml"), "<host>@POD_IP@</host>");
    fs.writeFileSync(path.join(mount, "conf/axis2/axis2.xml"), "<a>@POD_IP@ and @POD_IP@</a>");
    const secrets = path.join(root, "secrets");
    fs.mkdirSync(secrets);
    fs.writeFileSync(path.join(secrets, "user-mgt.xml"), "<Password>p</Password>");
    const ob = path.join(root, "ob");
    fs.mkdirSync(path.join(ob, "edited/deployment/server/jaggeryapps/consentmgr/configs"), { recursive: true });
    fs.writeFileSync(path.join(ob, "edited/deployment/server/jaggeryapps/consentmgr/configs/conf.json"), "{}");
    const script = path.join(mount, "bin/start.sh");
    fs.writeFileSync(script, startScript(files, { functions: ['keystore_step() { echo "obkm: keys $1"; }'], steps: ["keystore_step done"] }));
    const stdout = execFileSync("/bin/sh", [script, "-DosgiConsole"], {
      env: {
        PATH: process.env.PATH,
        KM_HOME: kmHome,
        POD_IP: "10.1.2.3",
        OBKM_SECRET_FILES: secrets,
        OBKM_OB_FILES: ob,
        OBKM_DRIVERS: path.join(root, "none"),
        ...env,
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { stdout, kmHome };
  }
  const files = {
    public: ["carbon.xml", "axis2/axis2.xml"],
    secret: ["user-mgt.xml"],
    openBanking: ["deployment/server/jaggeryapps/consentmgr/configs/conf.json"],
  };
  let once: ReturnType<typeof run> | undefined;
  const plain = () => (once ??= run(files));

  it("installs each file from where it is mounted, the pod's address written over every placeholder, readable by the KM's user only", () => {
    const { stdout, kmHome } = plain();
    const conf = (f: string) => path.join(kmHome, "repository/conf", f);
    expect(fs.readFileSync(conf("carbon.xml"), "utf8")).toBe("<host>10.1.2.3</host>");
    expect(fs.readFileSync(conf("axis2/axis2.xml"), "utf8")).toBe("<a>10.1.2.3 and 10.1.2.3</a>");
    expect(fs.readFileSync(conf("user-mgt.xml"), "utf8")).toBe("<Password>p</Password>");
    expect(fs.readFileSync(path.join(kmHome, "repository/deployment/server/jaggeryapps/consentmgr/configs/conf.json"), "utf8")).toBe("{}");
    // Replaces the pack's 0644 file rather than writing into it, so the installed file takes the 077 umask.
    expect(fs.statSync(conf("carbon.xml")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(conf("user-mgt.xml")).mode & 0o777).toBe(0o600);
    expect(stdout).toContain("obkm: installed 4 node files; this node advertises 10.1.2.3 to the cluster");
  });

  it("runs the keystore steps after the files are installed, then execs the server with the pod's arguments", () => {
    const { stdout } = plain();
    expect(stdout.indexOf("obkm: keys done")).toBeLessThan(stdout.indexOf("obkm: installed 4"));
    expect(stdout).toMatch(/server: -DosgiConsole JAVA_OPTS=\n/);
    // exec: the server replaces the shell, so it is PID 1 and gets the kubelet's SIGTERM.
    expect(startScript(files, { functions: [], steps: [] }).trimEnd().split("\n").pop()).toBe('exec "$KM_HOME/bin/wso2server.sh" "$@"');
  });

  it("adds the proxy's options after whatever JAVA_OPTS the image sets", () => {
    expect(run(files, { OBKM_PROXY_JAVA_OPTS: "-Dhttp.proxyHost=p", JAVA_OPTS: "-Dimage=1" }).stdout).toContain(
      "JAVA_OPTS=-Dimage=1 -Dhttp.proxyHost=p",
    );
    expect(run(files, { OBKM_PROXY_JAVA_OPTS: "-Dhttp.proxyHost=p" }).stdout).toContain("JAVA_OPTS=-Dhttp.proxyHost=p\n");
  });

  it("refuses to start without the pod's address, rather than advertise a placeholder", () => {
    expect(() => run(files, { POD_IP: "" })).toThrow(/POD_IP: must be set from the downward API/);
  });
});

describe("plan/node-scripts.ts", () => {
  const installed = { public: ["carbon.xml"], secret: [], openBanking: [] };
  const keySteps = { functions: [], steps: [] };

  it("ships the start, seed, stop and wait scripts at the paths the containers run, from the stack's timings", () => {
    const config = configOf({ "obkm:terminationGracePeriodSeconds": "300", "obkm:database.waitSeconds": "45" });
    const scripts = nodeScripts(config, datasourceEndpoints(config, names(config)), installed, keySteps, undefined, () => {
      throw new Error("the editor is bundled only when a node edits OB files at its start");
    });
    expect(scripts.map((s) => s.path)).toEqual([layout.START_SCRIPT_PATH, layout.SEED_SCRIPT_PATH, layout.STOP_SCRIPT_PATH, layout.WAIT_SCRIPT_PATH]);
    const content = (p: string) => scripts.find((s) => s.path === p)!.content;
    expect(content(layout.STOP_SCRIPT_PATH)).toContain('[ "$waited" -lt 290 ]'); // the grace period less 10 s for the kubelet
    expect(content(layout.WAIT_SCRIPT_PATH)).toContain("45");
    expect(content(layout.WAIT_SCRIPT_PATH)).toContain("db.bank.example");
    for (const s of scripts) expect(s.content.startsWith("#!/bin/sh\n")).toBe(true);
  });

  it("adds the OB editor and its edit plan when the nodes edit the image's OB files at their start", () => {
    const config = configOf();
    const atStart = { plan: { files: [{ path: "x.json", edits: [] }] } } as unknown as OpenBankingStart;
    const scripts = nodeScripts(config, datasourceEndpoints(config, names(config)), installed, keySteps, atStart, () => "// the editor");
    expect(scripts.find((s) => s.path === layout.OB_EDITOR_PATH)!.content).toBe("// the editor");
    expect(JSON.parse(scripts.find((s) => s.path === layout.OB_EDIT_PLAN_PATH)!.content)).toEqual(atStart.plan);
  });
});

describe("plan/statefulset.ts", () => {
  function inputs(extra: Record<string, string> = {}, more: Partial<StatefulSetInputs> = {}): StatefulSetInputs {
    const config = configOf(extra);
    return {
      config,
      names: names(config),
      labels: labels(config),
      nodeFiles: { configMapName: "obkm-km-files-abc", items: [{ key: "a", path: "conf/a" }] },
      secretFiles: { secretName: "obkm-km-secret-files", items: [{ key: "b", path: "conf/b" }] },
      sharedClaimName: "shared",
      clustering: true,
      revisions: { credentials: "c1", keystores: "k1" },
      keystores: { mounts: { volumes: [], volumeMounts: [] } as never, statefulSetAnnotations: {} },
      ...more,
    };
  }
  // The manifest's fields are Pulumi Inputs in its type; the plan writes plain values.
  const manifest = (i: StatefulSetInputs): any => statefulSetManifest(i);
  const pod = (s: any) => s.spec.template.spec;
  const km = (s: any) => pod(s).containers[0];

  it("runs the configured number of nodes, named through the headless Service, with pods the selector matches", () => {
    const i = inputs({ "obkm:replicas": "3" });
    const sts = manifest(i);
    expect(sts.spec).toMatchObject({ replicas: 3, serviceName: i.names.headlessService, selector: { matchLabels: i.labels.selector } });
    // The API server refuses a StatefulSet whose selector does not match its template's labels.
    expect(sts.spec!.template.metadata!.labels).toMatchObject(i.labels.selector);
  });

  it("rolls the pods when their credentials or keystores change, through their template's annotations", () => {
    const a = manifest(inputs()).spec!.template.metadata!.annotations as Record<string, string>;
    const b = manifest(inputs({}, { revisions: { credentials: "c2", keystores: "k1" } })).spec!.template.metadata!.annotations;
    expect(Object.values(a)).toEqual(["c1", "k1"]);
    expect(b).not.toEqual(a);
  });

  it("gives the JVM the configured heap as both -Xms and -Xmx, in JVM_MEM_OPTS, which wso2server.sh reads", () => {
    const env = km(manifest(inputs({ "obkm:memory": "6Gi", "obkm:jvmHeap": "3Gi" }))).env;
    expect(env).toContainEqual({ name: "JVM_MEM_OPTS", value: "-Xms3072m -Xmx3072m" });
    expect(env).toContainEqual({ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } });
  });

  it("opens Hazelcast's port only when the nodes cluster", () => {
    const names = (s: ReturnType<typeof statefulSetManifest>) => km(s).ports.map((p: any) => p.name);
    expect(names(manifest(inputs()))).toEqual(["servlet-https", "servlet-http", "hazelcast"]);
    expect(names(manifest(inputs({}, { clustering: false })))).toEqual(["servlet-https", "servlet-http"]);
  });

  it("copies the JDBC drivers from database.driverImage only when one is named", () => {
    const without = manifest(inputs());
    expect(pod(without).initContainers.map((c: any) => c.name)).toEqual(["seed-shared-artifacts", "wait-for-database"]);
    expect(pod(without).volumes.map((v: any) => v.name)).not.toContain(layout.DRIVERS_VOLUME);
    const withDrivers = manifest(inputs({ "obkm:database.driverImage": "r.example/drivers:1" }));
    const copy = pod(withDrivers).initContainers.find((c: any) => c.name === "copy-jdbc-drivers");
    expect(copy.image).toBe("r.example/drivers:1");
    expect(km(withDrivers).volumeMounts).toContainEqual({ name: layout.DRIVERS_VOLUME, mountPath: layout.DRIVERS_DIR, readOnly: true });
    expect(pod(withDrivers).volumes).toContainEqual({ name: layout.DRIVERS_VOLUME, emptyDir: {} });
  });

  it("edits the OB files in init containers after seeding and before the wait, when the nodes edit any at their start", () => {
    const ob = {
      initContainers: () => [{ name: "copy-ob-files" }, { name: "edit-ob-files" }],
      volumeMount: { name: layout.OB_FILES_VOLUME, mountPath: layout.OB_FILES_DIR, readOnly: true as const },
      volume: { name: layout.OB_FILES_VOLUME, emptyDir: {} },
    };
    const sts = manifest(inputs({}, { openBanking: ob }));
    expect(pod(sts).initContainers.map((c: any) => c.name)).toEqual(["seed-shared-artifacts", "copy-ob-files", "edit-ob-files", "wait-for-database"]);
    expect(km(sts).volumeMounts).toContainEqual(ob.volumeMount);
    expect(pod(sts).volumes).toContainEqual(ob.volume);
  });

  it("passes the proxy's options to the start script only when there is a proxy", () => {
    const envNames = (s: ReturnType<typeof statefulSetManifest>) => km(s).env.map((e: any) => e.name);
    expect(envNames(manifest(inputs()))).not.toContain("OBKM_PROXY_JAVA_OPTS");
    expect(km(manifest(inputs({}, { proxyJavaOptions: "-Dhttp.proxyHost=p" }))).env).toContainEqual({
      name: "OBKM_PROXY_JAVA_OPTS",
      value: "-Dhttp.proxyHost=p",
    });
  });

  it("maps the public host name to hostAliasIp only when it is set", () => {
    expect(pod(manifest(inputs()))).not.toHaveProperty("hostAliases");
    expect(pod(manifest(inputs({ "obkm:hostAliasIp": "10.9.8.7" }))).hostAliases).toEqual([{ ip: "10.9.8.7", hostnames: ["km.bank.example"] }]);
  });

  it("requests the configured resources, memory as request and limit, a CPU limit only when asked", () => {
    const resources = (extra: Record<string, string>) => km(manifest(inputs(extra))).resources;
    expect(resources({ "obkm:cpu": "1", "obkm:memory": "4Gi" })).toEqual({ requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "4Gi" } });
    expect(resources({ "obkm:cpu": "1", "obkm:memory": "4Gi", "obkm:cpuLimit": "2" }).limits).toEqual({ memory: "4Gi", cpu: "2" });
  });

  it("mounts the node files read-only for everyone and the files with passwords for the KM's group only", () => {
    const volumes = pod(manifest(inputs())).volumes;
    expect(volumes).toContainEqual({
      name: layout.NODE_FILES_VOLUME,
      configMap: { name: "obkm-km-files-abc", items: [{ key: "a", path: "conf/a" }], defaultMode: 0o444 },
    });
    expect(volumes).toContainEqual({
      name: layout.SECRET_FILES_VOLUME,
      secret: { secretName: "obkm-km-secret-files", items: [{ key: "b", path: "conf/b" }], defaultMode: 0o440 },
    });
    expect(volumes).toContainEqual({ name: layout.SHARED_VOLUME, persistentVolumeClaim: { claimName: "shared" } });
  });

  it("annotates the StatefulSet for the keystores' reloads only when there are any", () => {
    expect(manifest(inputs()).metadata).not.toHaveProperty("annotations");
    const annotated = manifest(
      inputs({}, { keystores: { mounts: { volumes: [], volumeMounts: [] } as never, statefulSetAnnotations: { "a/b": "c" } } }),
    );
    expect(annotated.metadata!.annotations).toEqual({ "a/b": "c" });
  });
});

describe("plan/outputs.ts", () => {
  const apim: ApiManagerConfig = { manifest: {} as never, content: "", sha256: "f00d" };
  const outputsOf = (extra: Record<string, string>, clustering = true, withApim?: ApiManagerConfig) => {
    const config = configOf(extra);
    const n = names(config);
    return { n, outputs: stackOutputs(config, n, clustering, datasourceEndpoints(config, n), withApim, CALLS) };
  };

  it("tells the API Manager's stack where the KM is: its public URL, its Service and ports", () => {
    const { n, outputs } = outputsOf({});
    expect(outputs).toMatchObject({
      hostname: "km.bank.example",
      publicUrl: "https://km.bank.example/",
      apimHostname: "gw.bank.example",
      serviceDnsName: n.serviceDnsName,
      httpsPort: 9446,
      httpPort: 9766,
    });
  });

  it("gives the API Manager each call it makes at the KM, inside the cluster, with how the KM knows the caller", () => {
    const { n, outputs } = outputsOf({});
    const consent = outputs.apiManagerCalls.find((c) => c.id === "gateway.consent-validation");
    // The gateway's consent validation (velocity_template.xml's /consent/... URLs) and the admin services (api-manager.xml).
    expect(consent).toMatchObject({ url: `https://${n.serviceDnsName}:9446/consent`, auth: expect.stringMatching(/^Basic/) });
    expect(outputs.apiManagerCalls.map((c) => c.url)).toContain(`https://${n.serviceDnsName}:9446/services`);
    // Never the browser's calls, nor the KM's own.
    expect(outputs.apiManagerCalls.map((c) => c.id)).not.toEqual(expect.arrayContaining(["psu.login-pages"]));
    expect(outputs.apiManagerCalls.map((c) => c.id)).not.toContain("consentmgt.token");
    for (const call of outputs.apiManagerCalls) expect(call.url.startsWith(`https://${n.serviceDnsName}:9446/`)).toBe(true);
  });

  it("lists the well-known members only when the nodes cluster", () => {
    const { n, outputs } = outputsOf({});
    expect(outputs.wellKnownMembers).toEqual([n.podDnsName(0), n.podDnsName(1)]);
    expect(outputsOf({}, false).outputs.wellKnownMembers).toEqual([]);
  });

  it("names the API Manager's ConfigMap, with its content hash, only when the stack writes one", () => {
    expect(outputsOf({}).outputs).not.toHaveProperty("apiManagerConfigMap");
    const { n, outputs } = outputsOf({ "obkm:apim.namespace": "obam" }, true, apim);
    expect(outputs.apiManagerConfigMap).toEqual({ namespace: "obam", name: n.apiManagerConfigMap, sha256: "f00d" });
  });

  it("says where the admin's password is kept, never the password", () => {
    const { n, outputs } = outputsOf({ "obkm:adminUsername": "kmadmin", "obkm:adminPassword": "Sup3r-secret-pw" });
    expect(outputs.kmAdmin).toEqual({ username: "kmadmin", passwordSecret: { namespace: n.namespace, name: n.credentials, key: "admin-password" } });
    expect(JSON.stringify(outputs)).not.toContain("Sup3r-secret-pw");
  });
});
