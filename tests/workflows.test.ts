// The GitHub workflows as a reviewer checks them: valid YAML, the jobs that must be there, the least
// permissions that work, actions pinned, and no credential written into a file.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_DIR } from "../project-dir";

const dir = path.join(PROJECT_DIR, ".github", "workflows");
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .sort();
const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const workflow = (file: string) => YAML.parse(read(file));

/** Every step's `uses`, across the jobs of a workflow. */
function uses(file: string): string[] {
  return Object.values<any>(workflow(file).jobs).flatMap((job) => (job.steps ?? []).map((s: any) => s.uses).filter(Boolean));
}

function runs(job: any): string {
  return (job.steps ?? []).map((s: any) => s.run ?? "").join("\n");
}

describe("the workflows", () => {
  it("are the pull-request, deploy and pulumi-up workflows, each valid YAML", () => {
    expect(files).toEqual(["deploy.yml", "pull-request.yml", "pulumi-up.yml"]);
    for (const file of files) {
      const doc = YAML.parseDocument(read(file));
      expect({ file, errors: doc.errors.map((e) => e.message) }).toEqual({ file, errors: [] });
    }
  });

  it("pin every action to a major version or a commit, never a moving branch", () => {
    for (const file of files) {
      for (const action of uses(file).filter((u) => !u.startsWith("./"))) {
        expect({ file, action, pinned: /@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(action) }).toEqual({ file, action, pinned: true });
      }
    }
  });

  it("write no credential into a file: every token comes from secrets", () => {
    for (const file of files) {
      const text = read(file);
      expect(text).not.toMatch(/pul-[0-9a-f]{20,}|ghp_|BEGIN [A-Z ]*PRIVATE KEY|client-key-data/);
      for (const [, value] of text.matchAll(/(?:TOKEN|KUBECONFIG\w*|PASSWORD)\w*:\s*(.+)/g)) {
        expect({ file, value }).toEqual({ file, value: expect.stringMatching(/^\$\{\{ (secrets|github)\.|^\$\{\{ secrets\[/) });
      }
    }
  });

  it("grant read-only permissions at the top of each workflow", () => {
    for (const file of files) expect({ file, permissions: workflow(file).permissions }).toEqual({ file, permissions: { contents: "read" } });
  });
});

describe("the pull-request workflow", () => {
  const wf = workflow("pull-request.yml");

  it("runs on pull requests and tests with npm ci and npm test", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(runs(wf.jobs.test)).toMatch(/npm ci[\s\S]*npm test/);
  });

  it("previews each stack with pulumi/actions, commenting on the pull request", () => {
    const preview = wf.jobs.preview;
    expect(preview.needs).toBe("test");
    expect(preview.strategy.matrix.stack).toEqual(["dev", "prod"]);
    const step = preview.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ command: "preview", "stack-name": "${{ matrix.stack }}", "comment-on-pr": true, policyPacks: "policy" });
    expect(step.env.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
  });

  it("diffs the offline renders of base and head without cloud credentials, as one comment updated on each push", () => {
    const job = wf.jobs["render-diff"];
    expect(JSON.stringify(job)).not.toMatch(/secrets\./);
    expect(runs(job)).toContain('npm run --silent diff-comment -- --base "$BASE_REF" --out render-diff.md');
    const comment = job.steps.find((s: any) => String(s.uses).startsWith("marocchino/sticky-pull-request-comment@"));
    expect(comment.with).toEqual({ header: "obkm-render-diff", path: "render-diff.md" });
  });

  it("posts the comment even when a render fails, and fails the job only after it", () => {
    const steps = wf.jobs["render-diff"].steps;
    const diff = steps.findIndex((s: any) => s.id === "diff");
    const comment = steps.findIndex((s: any) => String(s.uses).startsWith("marocchino/sticky-pull-request-comment@"));
    const fail = steps.findIndex((s: any) => s.if === "steps.diff.outputs.failed == 'true'");
    expect(steps[diff].run).toMatch(/\|\| echo "failed=true" >> "\$GITHUB_OUTPUT"$/);
    expect(steps[comment].if).toBeUndefined();
    expect([diff < comment, comment < fail]).toEqual([true, true]);
    expect(steps[fail].run).toContain("exit 1");
  });

  it("lets only the jobs that comment write to pull requests", () => {
    const writers = Object.entries<any>(wf.jobs)
      .filter(([, job]) => job.permissions?.["pull-requests"] === "write")
      .map(([name]) => name)
      .sort();
    expect(writers).toEqual(["preview", "render-diff"]);
    for (const name of writers) expect(JSON.stringify(wf.jobs[name])).toMatch(/comment-on-pr|sticky-pull-request-comment/);
    expect(wf.jobs.test.permissions).toBeUndefined();
  });
});

describe("the Pulumi CLI the workflows run", () => {
  const version = fs.readFileSync(path.join(PROJECT_DIR, ".pulumi.version"), "utf8").trim();

  it("is one version, pinned in .pulumi.version for every pulumi/actions step", () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const file of files) {
      for (const job of Object.values<any>(workflow(file).jobs)) {
        for (const step of (job.steps ?? []).filter((s: any) => String(s.uses).startsWith("pulumi/actions@"))) {
          expect({ file, with: step.with }).toEqual({ file, with: expect.objectContaining({ "pulumi-version-file": ".pulumi.version" }) });
        }
      }
    }
  });

  it("is one that Pulumi.yaml's requiredPulumiVersion accepts: 3.226 or later, where typed paths are checked right and a key rotates only when asked", () => {
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8"));
    const [, minimum] = /^>=(\d+\.\d+\.\d+)$/.exec(project.requiredPulumiVersion) ?? [];
    const parts = (v: string) => v.split(".").map(Number);
    const [a, b] = [parts(version), parts(minimum)];
    expect(a[0] * 1e6 + a[1] * 1e3 + a[2]).toBeGreaterThanOrEqual(b[0] * 1e6 + b[1] * 1e3 + b[2]);
  });
});

describe("the deploy workflow", () => {
  it("runs on main and updates dev, then prod, each through the reusable pulumi-up workflow", () => {
    const wf = workflow("deploy.yml");
    expect(wf.on).toEqual({ push: { branches: ["main"] } });
    expect(wf.jobs.dev).toMatchObject({ uses: "./.github/workflows/pulumi-up.yml", with: { stack: "dev" } });
    expect(wf.jobs.prod).toMatchObject({ uses: "./.github/workflows/pulumi-up.yml", with: { stack: "prod" }, needs: "dev" });
  });

  it("runs pulumi up only in the stack's GitHub environment, where required reviewers approve", () => {
    const up = workflow("pulumi-up.yml").jobs.up;
    expect(up.environment).toBe("${{ inputs.stack }}");
    expect(up.concurrency).toEqual({ group: "pulumi-up-${{ inputs.stack }}", "cancel-in-progress": false });
    const step = up.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ command: "up", "stack-name": "${{ inputs.stack }}" });
  });

  it("checks the types before every preview and update, which Pulumi's runner only transpiles (pulumi-main.js)", () => {
    const up = workflow("pulumi-up.yml").jobs.up;
    const pulumiStep = up.steps.findIndex((s: any) => String(s.uses).startsWith("pulumi/actions@"));
    expect(runs({ steps: up.steps.slice(0, pulumiStep) })).toMatch(/npm test/);
    const pr = workflow("pull-request.yml").jobs;
    expect(pr.preview.needs).toBe("test");
    expect(runs(pr.test)).toMatch(/npm test/);
    // Each would put back the ts-node that Pulumi.yaml turns off, or change its settings (cmd/run/run.ts,
    // 3.248.0, lines 260, 268 and 326).
    for (const file of files) expect(read(file)).not.toMatch(/PULUMI_NODEJS_(TYPESCRIPT|TRANSPILE_ONLY|TSCONFIG_PATH)/);
  });
});
