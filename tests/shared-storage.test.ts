// The runtime artifacts and tenants live on a ReadWriteMany claim every node mounts, seeded from the pack
// without overwriting anything, writable by the KM's user, and guarded against deletion and replacement.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as YAML from "yaml";
import { names } from "../plan/names";
import { seedScript } from "../plan/seed-script";
import { SHARED_AREAS, sharedStorage, sharedVolumeMounts } from "../plan/shared-storage";
import { Rendered } from "../render/render";
import { loadMinimal } from "./helpers/cli-config";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { objectOf, objectsOf, render } from "./helpers/render";

const KM_HOME = "/home/wso2carbon/wso2-obkm-1.4.0";
const AREAS = [
  "deployment/server/eventpublishers",
  "deployment/server/userstores",
  "deployment/server/eventstreams",
  "deployment/server/humantasks",
  "deployment/server/bpel",
  "tenants",
];

let dev: Rendered;
beforeAll(async () => {
  dev = await render();
});

const kmContainer = (r: Rendered) => objectOf(r, "StatefulSet", "obkm-km").spec.template.spec.containers[0];
const guardOf = (r: Rendered) => (YAML.parse(r.files["resources.yaml"]) as any[]).find((e) => e.type === "kubernetes:core/v1:PersistentVolumeClaim");

describe("the shared artifacts claim", () => {
  it("is ReadWriteMany, with the storage class and size from config", async () => {
    const claim = objectOf(await render(["sharedStorageClass=efs-sc", "sharedStorageSize=20480Mi"]), "PersistentVolumeClaim");
    expect(claim.spec).toEqual({
      accessModes: ["ReadWriteMany"],
      volumeMode: "Filesystem",
      storageClassName: "efs-sc",
      resources: { requests: { storage: "20Gi" } },
    });
    expect(objectOf(dev, "PersistentVolumeClaim").spec.storageClassName).toBeUndefined(); // the cluster's default class
  });

  it("is not created when the stack names an existing claim, which the pods then mount", async () => {
    const existing = await render(["sharedStorageClaim=km-artifacts-nfs"]);
    expect(objectsOf(existing, "PersistentVolumeClaim")).toEqual([]);
    const volumes = objectOf(existing, "StatefulSet", "obkm-km").spec.template.spec.volumes;
    expect(volumes).toContainEqual({ name: "shared-artifacts", persistentVolumeClaim: { claimName: "km-artifacts-nfs" } });
    expect(validateObjects(existing.objects)).toEqual([]);
  });

  it("refuses a storage class beside an existing claim, which has its own", async () => {
    await expect(render(["sharedStorageClaim=km-artifacts", "sharedStorageClass=nfs"])).rejects.toThrow(
      /obkm:sharedStorageClass: got "nfs" with obkm:sharedStorageClaim/,
    );
  });
});

describe("every node mounts the shared areas", () => {
  it("mounts each runtime artifact directory and repository/tenants from its own sub-path of the claim", () => {
    const mounts = kmContainer(dev).volumeMounts.filter((m: any) => m.name === "shared-artifacts");
    expect(mounts).toEqual(AREAS.map((area) => ({ name: "shared-artifacts", mountPath: `${KM_HOME}/repository/${area}`, subPath: area })));
  });

  it("leaves the rest of repository/deployment (webapps, jaggery apps) to the pack: no mount above the shared areas", () => {
    const mountPaths: string[] = kmContainer(dev).volumeMounts.map((m: any) => m.mountPath);
    for (const hidden of [`${KM_HOME}/repository`, `${KM_HOME}/repository/deployment`, `${KM_HOME}/repository/deployment/server`]) {
      expect(mountPaths).not.toContain(hidden);
    }
  });

  it("all nodes of the StatefulSet share the one claim (no per-pod volumeClaimTemplates)", () => {
    expect(objectOf(dev, "StatefulSet", "obkm-km").spec.volumeClaimTemplates).toBeUndefined();
  });
});

describe("ownership", () => {
  it("runs the KM as uid/gid 802 with fsGroup 802 by default, so it can write the volume", () => {
    expect(objectOf(dev, "StatefulSet", "obkm-km").spec.template.spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 802,
      runAsGroup: 802,
      fsGroup: 802,
      fsGroupChangePolicy: "OnRootMismatch",
    });
  });

  it("takes another uid and gid from config", async () => {
    const ctx = objectOf(await render(["runAsUser=1000", "runAsGroup=2000"]), "StatefulSet", "obkm-km").spec.template.spec.securityContext;
    expect([ctx.runAsUser, ctx.runAsGroup, ctx.fsGroup]).toEqual([1000, 2000, 2000]);
  });
});

describe("the guard against data loss", () => {
  it("protects the claim, retains it on delete and plans a class or access-mode change as a (refused) replacement", () => {
    expect(guardOf(dev)).toEqual({
      type: "kubernetes:core/v1:PersistentVolumeClaim",
      name: "obkm-shared-artifacts",
      parent: "obkm:index:SharedArtifacts::obkm-shared-artifacts",
      provider: "pulumi:providers:kubernetes::cluster",
      protect: true,
      retainOnDelete: true,
      deleteBeforeReplace: false,
      replaceOnChanges: ["spec.accessModes", "spec.storageClassName", "spec.volumeMode"],
      // What the provider itself replaces (pulumi-kubernetes diff.go): refused here by protect.
      deleteFirstOn: [
        ".metadata.namespace",
        ".spec.accessModes",
        ".spec.selector",
        ".spec.selector.matchExpressions",
        ".spec.selector.matchLabels",
        ".spec.storageClassName",
        ".spec.volumeName",
      ],
      ignoreChanges: [],
    });
  });

  it("lets a size change through as an update: the storage request is not a replacement trigger", () => {
    expect(guardOf(dev).replaceOnChanges.some((field: string) => field.startsWith("spec.resources"))).toBe(false);
  });

  it("shows in resources.yaml when the guard is lifted", async () => {
    const lifted = guardOf(await render(["protectSharedStorage=false"]));
    expect([lifted.protect, lifted.retainOnDelete]).toEqual([false, false]);
  });

  it("guards nothing else but the namespace that holds it: the other resources can be replaced and deleted freely", () => {
    const others = (YAML.parse(dev.files["resources.yaml"]) as any[]).filter((e) => e.type !== "kubernetes:core/v1:PersistentVolumeClaim");
    expect(others.filter((e) => e.protect || e.retainOnDelete).map((e) => e.type)).toEqual(["kubernetes:core/v1:Namespace"]);
  });
});

describe("plan/seed-script.ts", () => {
  // Runs the rendered seed script against a fake pack and an empty directory standing in for the claim.
  function setUp() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-seed-"));
    const kmHome = path.join(root, "km");
    for (const area of AREAS) fs.mkdirSync(path.join(kmHome, "repository", area), { recursive: true });
    fs.writeFileSync(path.join(kmHome, "repository/deployment/server/eventpublishers/EmailPublisher.xml"), "<stock/>");
    fs.mkdirSync(path.join(kmHome, "repository/deployment/server/userstores/sub"), { recursive: true });
    fs.writeFileSync(path.join(kmHome, "repository/deployment/server/userstores/sub/README"), "stock readme");
    const script = path.join(root, "seed-shared.sh");
    fs.writeFileSync(script, seedScript());
    const shared = path.join(root, "shared");
    fs.mkdirSync(shared);
    const env = { PATH: process.env.PATH, KM_HOME: kmHome, SHARED_DIR: shared, SEED_LOCK_WAIT_SECONDS: "2" };
    return { kmHome, shared, script, env, run: () => execFileSync("/bin/sh", [script], { env, encoding: "utf8" }) };
  }

  it("copies the pack's own content of each area into an empty claim", () => {
    const s = setUp();
    expect(s.run()).toContain("seeded deployment/server/eventpublishers from the pack");
    expect(fs.readFileSync(path.join(s.shared, "deployment/server/eventpublishers/EmailPublisher.xml"), "utf8")).toBe("<stock/>");
    expect(fs.readFileSync(path.join(s.shared, "deployment/server/userstores/sub/README"), "utf8")).toBe("stock readme");
    for (const area of AREAS) expect(fs.statSync(path.join(s.shared, area)).isDirectory()).toBe(true);
  });

  it("never overwrites what another node or a user wrote", () => {
    const s = setUp();
    fs.mkdirSync(path.join(s.shared, "deployment/server/eventpublishers"), { recursive: true });
    fs.writeFileSync(path.join(s.shared, "deployment/server/eventpublishers/EmailPublisher.xml"), "<edited by a node/>");
    s.run();
    expect(fs.readFileSync(path.join(s.shared, "deployment/server/eventpublishers/EmailPublisher.xml"), "utf8")).toBe("<edited by a node/>");
  });

  it("seeds once: a second start finds the areas seeded and leaves an area a user emptied empty", () => {
    const s = setUp();
    s.run();
    fs.rmSync(path.join(s.shared, "deployment/server/eventpublishers/EmailPublisher.xml"));
    expect(s.run()).toContain("deployment/server/eventpublishers is seeded already");
    expect(fs.readdirSync(path.join(s.shared, "deployment/server/eventpublishers"))).toEqual([]);
  });

  it("is safe when two nodes start at once", async () => {
    const s = setUp();
    const both = await Promise.all([1, 2].map(() => promisify(execFile)("/bin/sh", [s.script], { env: s.env })));
    expect(both.map((r) => r.stdout).join("\n")).not.toMatch(/no node finished/);
    expect(fs.readFileSync(path.join(s.shared, "deployment/server/eventpublishers/EmailPublisher.xml"), "utf8")).toBe("<stock/>");
    expect(fs.readdirSync(path.join(s.shared, ".obkm")).filter((f) => f.endsWith(".lock"))).toEqual([]);
  });

  it("takes over from a node that died while seeding, after a bounded wait", () => {
    const s = setUp();
    fs.mkdirSync(path.join(s.shared, ".obkm/seeded-tenants.lock"), { recursive: true });
    expect(s.run()).toContain("no node finished seeding tenants in 2s; seeding it here");
  });

  it("seeds every shared area, each as the claim lays it out", () => {
    expect(
      seedScript()
        .split("\n")
        .filter((line) => line.startsWith("seed_area "))
        .map((line) => line.slice("seed_area ".length)),
    ).toEqual([...SHARED_AREAS]);
  });
});

describe("seeding the shared claim from the pack", () => {
  it("runs in an init container of the same image, with the whole claim mounted outside the pack", () => {
    const [init] = objectOf(dev, "StatefulSet", "obkm-km").spec.template.spec.initContainers;
    expect(init.image).toBe(kmContainer(dev).image);
    expect(init.volumeMounts).toContainEqual({ name: "shared-artifacts", mountPath: "/mnt/obkm-shared" });
    expect(init.env).toContainEqual({ name: "SHARED_DIR", value: "/mnt/obkm-shared" });
    expect(init.command).toEqual(["/bin/sh", "/opt/obkm/bin/seed-shared.sh"]);
  });
});

describe("plan/shared-storage.ts", () => {
  const storageOf = (extra: Record<string, string> = {}) => {
    const config = loadMinimal(extra).config;
    const n = names(config);
    return { n, storage: sharedStorage(config, n, { a: "b" }) };
  };

  it("creates one ReadWriteMany claim of the configured class and size, every node mounting the same", () => {
    const { n, storage } = storageOf({ "obkm:sharedStorageClass": "efs-sc", "obkm:sharedStorageSize": "20Gi" });
    expect(storage.claimName).toBe(n.sharedClaim);
    expect(storage.claim).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: n.sharedClaim, namespace: n.namespace, labels: { a: "b" } },
      spec: { accessModes: ["ReadWriteMany"], volumeMode: "Filesystem", storageClassName: "efs-sc", resources: { requests: { storage: "20Gi" } } },
    });
  });

  it("leaves the storage class to the cluster's default when none is named", () => {
    // An absent storageClassName takes the default StorageClass; an empty one would ask for none (Kubernetes PVC docs).
    expect((storageOf().storage.claim as any).spec).not.toHaveProperty("storageClassName");
  });

  it("creates no claim, and mounts the named one, with sharedStorageClaim", () => {
    const { storage } = storageOf({ "obkm:sharedStorageClaim": "bank-nfs" });
    expect(storage.claimName).toBe("bank-nfs");
    expect(storage).not.toHaveProperty("claim");
  });

  it("guards the claim with protect and retainOnDelete together, and names the fields a claim cannot change in place", () => {
    expect(storageOf().storage.guard).toEqual({
      protect: true,
      retainOnDelete: true,
      // A bound claim's spec is immutable but for its requests (core validation ValidatePersistentVolumeClaimUpdate).
      replaceOnChanges: ["spec.accessModes", "spec.storageClassName", "spec.volumeMode"],
    });
    expect(storageOf({ "obkm:protectSharedStorage": "false" }).storage.guard).toMatchObject({ protect: false, retainOnDelete: false });
  });

  it("mounts each area of the claim over its directory of the pack, by sub-path, never the whole deployment directory", () => {
    const mounts = sharedVolumeMounts("/km");
    expect(mounts.map((m) => m.mountPath)).toEqual(AREAS.map((a) => `/km/repository/${a}`));
    for (const m of mounts) expect(m).toEqual({ name: "shared-artifacts", mountPath: `/km/repository/${m.subPath}`, subPath: m.subPath });
    expect(SHARED_AREAS).toEqual(AREAS);
  });
});
