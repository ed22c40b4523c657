// Each policy of the pack fails on a bad object and passes on what our stacks render. The pack is a package
// of its own with its own tests (npm test --prefix policy); these hold it to what this program renders.
import * as fs from "fs";
import * as path from "path";
import { isDevStack } from "../config/stacks";
import { PROJECT_DIR } from "../project-dir";
import {
  isDevStack as packIsDevStack,
  Policy,
  PolicyResource,
  POLICIES,
  guardedSharedClaims,
  highlyAvailableOutsideDev,
  noPasswordInConfigMap,
  restrictedPods,
  stickyIngress,
} from "../policy/policies";
import { Rendered } from "../render/render";
import { render } from "./helpers/render";

function resourcesOf(rendered: Rendered, stack: string): PolicyResource[] {
  return rendered.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: `urn:pulumi:${stack}::obkm::${r.type}::${r.name}`,
    props: r.inputs,
    protect: r.options.protect,
  }));
}

function resource(stack: string, name: string, type: string, props: Record<string, any>, protect = false): PolicyResource {
  return { type, name, urn: `urn:pulumi:${stack}::obkm::${type}::${name}`, props, protect };
}

const find = (resources: PolicyResource[], type: string, name: string) => structuredClone(resources.find((r) => r.type === type && r.name === name)!);

let dev: PolicyResource[];
let prod: PolicyResource[];
beforeAll(async () => {
  dev = resourcesOf(await render(), "dev");
  prod = resourcesOf(await render([], "prod"), "prod");
});

describe("the policy pack", () => {
  it.each(POLICIES.map((p) => [p.name, p] as [string, Policy]))("%s passes on every resource the dev and prod stacks render", (_name, policy) => {
    expect([...dev, ...prod].flatMap((r) => policy.check(r))).toEqual([]);
  });

  it("fails a ConfigMap that carries a credentials file or a datasource password", () => {
    const cm = (data: Record<string, string>) => resource("prod", "files", "kubernetes:core/v1:ConfigMap", { metadata: { name: "files" }, data });
    expect(noPasswordInConfigMap.check(cm({ "conf__datasources__master-datasources.xml": "<x/>" }))).toEqual([
      "ConfigMap files holds conf__datasources__master-datasources.xml, a file with passwords; put it in a Secret.",
    ]);
    expect(noPasswordInConfigMap.check(cm({ "other.xml": "<datasource><password>s3cret</password></datasource>" }))).toHaveLength(1);
    expect(noPasswordInConfigMap.check(cm({ "u.xml": "<AdminUser><UserName>a</UserName><Password>pw</Password></AdminUser>" }))).toHaveLength(1);
    expect(noPasswordInConfigMap.check(cm({ "u.xml": '<Property name="ConnectionPassword">bind</Property>' }))).toHaveLength(1);
  });

  it("fails a Key Manager of one node outside dev, and lets dev have one", () => {
    const sts = find(prod, "kubernetes:apps/v1:StatefulSet", "obkm-nodes-statefulset");
    sts.props.spec.replicas = 1;
    expect(highlyAvailableOutsideDev.check(sts)).toEqual([
      "StatefulSet obkm-nodes-statefulset runs 1 Key Manager node in stack prod; run at least 2 (replicas) outside dev.",
    ]);
    expect(highlyAvailableOutsideDev.check({ ...sts, urn: sts.urn.replace(":prod::", ":dev::") })).toEqual([]);
  });

  it("fails an Ingress without cookie affinity, or with ssl-passthrough", () => {
    const ingress = find(prod, "kubernetes:networking.k8s.io/v1:Ingress", "obkm-ingress");
    delete ingress.props.metadata.annotations["nginx.ingress.kubernetes.io/affinity"];
    ingress.props.metadata.annotations["nginx.ingress.kubernetes.io/ssl-passthrough"] = "true";
    expect(stickyIngress.check(ingress)).toEqual([expect.stringMatching(/no cookie affinity/), expect.stringMatching(/ssl-passthrough/)]);
  });

  it("fails Key Manager pods that may escalate, keep capabilities or run as root", () => {
    const sts = find(dev, "kubernetes:apps/v1:StatefulSet", "obkm-nodes-statefulset");
    const [km] = sts.props.spec.template.spec.containers;
    km.securityContext = {};
    delete sts.props.spec.template.spec.securityContext.runAsNonRoot;
    expect(restrictedPods.check(sts)).toEqual([
      "StatefulSet obkm-nodes-statefulset: container key-manager may run as root; set runAsNonRoot.",
      "StatefulSet obkm-nodes-statefulset: container key-manager allows privilege escalation; set allowPrivilegeEscalation: false.",
      "StatefulSet obkm-nodes-statefulset: container key-manager keeps its capabilities; drop ALL.",
    ]);
  });

  it("fails a shared artifacts claim whose guard is lifted", async () => {
    const lifted = resourcesOf(await render(["protectSharedStorage=false"]), "prod");
    expect(lifted.flatMap((r) => guardedSharedClaims.check(r))).toEqual([
      "PersistentVolumeClaim obkm-shared-artifacts holds the shared artifacts but is not protected; keep protectSharedStorage on.",
    ]);
  });

  it("leaves other stacks' and other components' objects alone", () => {
    const db = find(dev, "kubernetes:apps/v1:StatefulSet", "obkm-database-server");
    db.props.spec.replicas = 1;
    expect(POLICIES.flatMap((p) => p.check({ ...db, urn: db.urn.replace(":dev::", ":prod::") }))).toEqual([]);
  });
});

describe("the stack kinds the pack and the program share", () => {
  const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");

  it("are config/stack-kinds.json in the pack as npm run sync-config copies it, byte for byte", () => {
    expect(read("policy/stack-kinds.json")).toBe(read("config/stack-kinds.json"));
  });

  it("call the same stacks dev in the program and in the pack", () => {
    const stacks = ["dev", "dev-alice", "prod", "develop", "staging", "dev-"];
    expect(stacks.map(packIsDevStack)).toEqual(stacks.map(isDevStack));
    expect(stacks.map(isDevStack)).toEqual([true, true, false, false, false, true]);
  });
});

// The pack installs alone (npm ci --prefix policy), so it declares its own packages: pinned exactly, and at
// the versions the program's package.json pins where both use one, so the pack runs the SDK the program does.
describe("the policy pack's package.json", () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8"));
  const pack = read("policy/package.json");
  const root = read("package.json");
  const rootVersions: Record<string, string> = { ...root.dependencies, ...root.devDependencies };

  it("pins every package exactly, at the program's version where the program has it too", () => {
    const packVersions: Record<string, string> = { ...pack.dependencies, ...pack.devDependencies };
    expect(Object.keys(packVersions).sort()).toEqual(["@pulumi/policy", "@pulumi/pulumi", "@types/node", "ts-node", "typescript"]);
    for (const [name, version] of Object.entries(packVersions)) {
      expect({ name, version }).toEqual({ name, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
      if (rootVersions[name]) expect({ name, version }).toEqual({ name, version: rootVersions[name] });
    }
  });

  it("locks what it declares (policy/package-lock.json)", () => {
    const lock = read("policy/package-lock.json");
    expect(lock.packages[""].dependencies).toEqual(pack.dependencies);
    for (const [name, version] of Object.entries<string>(pack.dependencies)) expect(lock.packages[`node_modules/${name}`].version).toBe(version);
  });
});
