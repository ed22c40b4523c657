// The other scripts a node runs in the KM image, by BusyBox's sh and tools alone (busybox.ts), as WSO2's Alpine
// image runs them, held to what Debian's dash and GNU's tools do with them (tests/shared-storage.test.ts runs
// them there): the seed of the shared claim and the preStop. The start script's own run under BusyBox is in
// start-script.test.ts, the wait for the databases in databases.test.ts.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { seedScript } from "../../plan/seed-script";
import { SHARED_AREAS } from "../../plan/shared-storage";
import { stopScript } from "../../plan/stop-script";
import { BUSYBOX_SH, busyboxBin, treeOf } from "./busybox";
import { SH } from "./java";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-busybox-scripts-"));
const bin = busyboxBin();
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(bin, { recursive: true, force: true });
});

/** Runs a script file by Debian's /bin/sh and tools, or by BusyBox's alone; its stdout. */
function run(shell: "debian" | "busybox", script: string, env: Record<string, string>): string {
  const command = `exec sh "${script}"`;
  return shell === "busybox" ? BUSYBOX_SH(bin, command, env) : SH(command, env);
}

describe("seed-shared.sh under BusyBox", () => {
  /** A fake pack's shared areas, with a nested file, a name with blanks and a file only its owner reads. */
  function pack(kmHome: string): void {
    for (const area of SHARED_AREAS) fs.mkdirSync(path.join(kmHome, "repository", area), { recursive: true });
    const publishers = path.join(kmHome, "repository/deployment/server/eventpublishers");
    fs.writeFileSync(path.join(publishers, "EmailPublisher.xml"), "<stock/>");
    fs.writeFileSync(path.join(publishers, "a name with blanks.xml"), "<blanks/>");
    fs.mkdirSync(path.join(kmHome, "repository/tenants/1/conf"), { recursive: true });
    fs.writeFileSync(path.join(kmHome, "repository/tenants/1/conf/tenant.xml"), "<tenant/>", { mode: 0o600 });
  }

  function seed(shell: "debian" | "busybox") {
    const dir = fs.mkdtempSync(path.join(root, `${shell}-`));
    const kmHome = path.join(dir, "km");
    const shared = path.join(dir, "shared");
    pack(kmHome);
    fs.mkdirSync(shared);
    const script = path.join(dir, "seed-shared.sh");
    fs.writeFileSync(script, seedScript());
    const out = run(shell, script, { KM_HOME: kmHome, SHARED_DIR: shared, SEED_LOCK_WAIT_SECONDS: "2" });
    return { out, shared };
  }

  it("seeds the same files, modes and markers, and says the same lines, as under dash", () => {
    const debian = seed("debian");
    const busybox = seed("busybox");
    expect(busybox.out).toContain("obkm: seeded tenants from the pack");
    expect(busybox.out).toBe(debian.out);
    expect(treeOf(busybox.shared)["tenants/1/conf/tenant.xml"]).toBe("600 <tenant/>");
    expect(treeOf(busybox.shared)).toEqual(treeOf(debian.shared));
  });
});

describe("stop.sh under BusyBox", () => {
  it("stops the server and waits until its process has gone, as under dash", () => {
    for (const shell of ["debian", "busybox"] as const) {
      const kmHome = fs.mkdtempSync(path.join(root, `stop-${shell}-`));
      fs.mkdirSync(path.join(kmHome, "bin"));
      // The server: a process whose pid the pack's script keeps, and whose `stop` ends it a second later. Started
      // from a shell that leaves it at once, so that the system reaps it when it ends, as a pod's init does: a
      // child of this process would stay a zombie, alive to kill -0, while the synchronous run below blocks.
      const pid = execFileSync("/bin/sh", ["-c", "sleep 30 >/dev/null 2>&1 & echo $!"], { encoding: "utf8" }).trim();
      fs.writeFileSync(path.join(kmHome, "wso2carbon.pid"), `${pid}\n`);
      fs.writeFileSync(path.join(kmHome, "bin", "wso2server.sh"), `#!/bin/sh\n(sleep 1; kill ${pid}) >/dev/null 2>&1 &\n`, { mode: 0o755 });
      const script = path.join(kmHome, "stop.sh");
      fs.writeFileSync(script, stopScript(120));
      const out = run(shell, script, { KM_HOME: kmHome });
      expect([shell, out]).toEqual([shell, expect.stringMatching(/^obkm: stopping the Key Manager\nobkm: the Key Manager stopped after [1-3]s\n$/)]);
    }
  });
});
