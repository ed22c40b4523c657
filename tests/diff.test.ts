// `npm run diff`: what a reviewer without cloud credentials reads for a change.
import { spawnSync } from "child_process";
import { tsCommand } from "../scripts/ts-command";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { diffTrees } from "../render/tree-diff";
import { diffCommand } from "../scripts/diff";
import { runCommand } from "./helpers/render-command";

describe("the diff of two renders", () => {
  it("is empty when they are equal", () => {
    expect(diffTrees({ "manifests.yaml": "a\n" }, { "manifests.yaml": "a\n" })).toBe("");
  });

  it("is a unified diff of each changed file, with added and removed files against nothing", () => {
    const diff = diffTrees(
      { "manifests.yaml": "replicas: 2\nname: km\n", "bin/old.sh": "x\n" },
      { "manifests.yaml": "replicas: 3\nname: km\n", "conf/new.xml": "<a/>\n" },
    );
    expect(diff).toBe(
      [
        "--- a/bin/old.sh",
        "+++ /dev/null",
        "@@ -1,1 +0,0 @@",
        "-x",
        "--- /dev/null",
        "+++ b/conf/new.xml",
        "@@ -0,0 +1,1 @@",
        "+<a/>",
        "--- a/manifests.yaml",
        "+++ b/manifests.yaml",
        "@@ -1,2 +1,2 @@",
        "-replicas: 2",
        "+replicas: 3",
        " name: km",
        "",
      ].join("\n"),
    );
  });
});

describe("npm run diff", () => {
  // A throwaway repository holding the working tree as its one commit, with the project's packages: the
  // diff started there as a process, as a user runs it, runs that copy's own scripts against its own history.
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-diff-repo-"));
  const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8" });
  const runDiff = (...args: string[]) => {
    const [command, argv] = tsCommand("scripts/diff.ts", args);
    return spawnSync(command, argv, { cwd: repo, encoding: "utf8" });
  };

  beforeAll(() => {
    const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: PROJECT_DIR, encoding: "utf8" })
      .stdout.split("\n")
      .filter(Boolean);
    for (const file of files.filter((f) => fs.existsSync(path.join(PROJECT_DIR, f)))) {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(repo, file));
    }
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(repo, "node_modules"));
  });

  it("exits 1 and prints the change to the manifests and node files, secrets redacted", () => {
    const stackFile = path.join(repo, "Pulumi.dev.yaml");
    fs.writeFileSync(
      stackFile,
      fs.readFileSync(stackFile, "utf8").replace("obkm:replicas: 2", "obkm:replicas: 3\n  obkm:clusterDomain: k8s.internal"),
    );
    const run = runDiff("--stack", "dev", "--base", "HEAD");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("--- a/manifests.yaml\n+++ b/manifests.yaml");
    expect(run.stdout).toMatch(/^- {2}replicas: 2$/m);
    expect(run.stdout).toMatch(/^\+ {2}replicas: 3$/m);
    expect(run.stdout).toContain("+++ b/conf/axis2/axis2.xml");
    expect(run.stdout).toContain("+                <hostName>obkm-km-1.obkm-km-headless.obkm-dev.svc.k8s.internal</hostName>");
    expect(run.stdout).not.toMatch(/Mock[0-9a-f]{20}/);
  });

  it("exits 2 with the reason on an error", async () => {
    // In this process, through the command's own arguments and end (tests/helpers/render-command.ts): the
    // process above shows the command as node runs it.
    const run = await runCommand(diffCommand, ["--base", "no-such-ref"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^diff: git rev-parse --verify no-such-ref/);
  });
});
