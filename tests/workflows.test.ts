// The GitHub workflows as a reviewer checks them: valid YAML, the jobs that must be there, the least
// permissions that work, actions pinned, and no credential written into a file.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
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

  // A tag can be moved to other code; a commit cannot. The comment after each names the release it is.
  it("pin every action to a commit, with the release it is beside it", () => {
    for (const file of files) {
      for (const action of uses(file).filter((u) => !u.startsWith("./"))) {
        expect({ file, action, pinned: /@[0-9a-f]{40}$/.test(action) }).toEqual({ file, action, pinned: true });
        expect({
          file,
          action,
          release: new RegExp(`${action.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} # v\\d+\\.\\d+\\.\\d+$`, "m").test(read(file)),
        }).toEqual({ file, action, release: true });
      }
    }
  });

  it("write no credential into a file: every token comes from secrets, or from the OIDC exchange", () => {
    for (const file of files) {
      const text = read(file);
      expect(text).not.toMatch(/pul-[0-9a-f]{20,}|ghp_|BEGIN [A-Z ]*PRIVATE KEY|client-key-data/);
      for (const [, value] of text.matchAll(/(?:TOKEN|KUBECONFIG\w*|PASSWORD|PASSPHRASE)\w*:\s*(.+)/g)) {
        expect({ file, value }).toEqual({
          file,
          value: expect.stringMatching(/^\$\{\{ (secrets|github)\.|^\$\{\{ steps\.oidc\.outputs\.pulumi-access-token \|\| secrets\./),
        });
      }
    }
  });

  // deploy.yml grants what its reusable workflow's jobs ask for: a called workflow can only narrow it.
  it("grant read-only permissions at the top of each workflow, and an OIDC token only where deployments run", () => {
    for (const file of files) {
      const expected = file === "deploy.yml" ? { contents: "read", "id-token": "write" } : { contents: "read" };
      expect({ file, permissions: workflow(file).permissions }).toEqual({ file, permissions: expected });
    }
  });
});

describe("the pull-request workflow", () => {
  const wf = workflow("pull-request.yml");
  const sameRepository = "github.event.pull_request.head.repo.full_name == github.repository";

  it("runs on pull requests and tests with npm ci and npm test", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(runs(wf.jobs.test)).toMatch(/npm ci[\s\S]*npm test/);
  });

  it("previews dev only, for branches of this repository, with the dev-preview environment's credentials", () => {
    const preview = wf.jobs["dev-preview"];
    expect(preview).toMatchObject({ needs: "test", if: sameRepository, environment: "dev-preview" });
    const step = preview.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ command: "preview", "stack-name": "dev", "comment-on-pr": true, policyPacks: "policy" });
    expect(Object.values<any>(wf.jobs).filter((job) => JSON.stringify(job).includes("pulumi/actions@"))).toHaveLength(1);
  });

  it("diffs the offline renders of base and head without cloud credentials, as one comment updated on each push", () => {
    const job = wf.jobs["render-diff"];
    expect(JSON.stringify(job)).not.toMatch(/secrets\./);
    expect(job.environment).toBeUndefined();
    expect(runs(job)).toContain('npm run --silent diff-comment -- --base "$BASE_REF" --out render-diff.md');
    const comment = job.steps.find((s: any) => String(s.uses).startsWith("marocchino/sticky-pull-request-comment@"));
    expect(comment.with).toEqual({ header: "obkm-render-diff", path: "render-diff.md" });
  });

  it("shows the diff even when a render fails, in the job summary for every pull request, and fails the job only after it", () => {
    const steps = wf.jobs["render-diff"].steps;
    const diff = steps.findIndex((s: any) => s.id === "diff");
    const comment = steps.findIndex((s: any) => String(s.uses).startsWith("marocchino/sticky-pull-request-comment@"));
    const fail = steps.findIndex((s: any) => s.if === "steps.diff.outputs.failed == 'true'");
    expect(steps[diff].run).toMatch(/\|\| echo "failed=true" >> "\$GITHUB_OUTPUT"\n/);
    expect(steps[diff].run).toContain('cat render-diff.md >> "$GITHUB_STEP_SUMMARY"');
    // A fork's token cannot comment (GitHub gives it read-only): it gets the summary, and a green job.
    expect(steps[comment].if).toBe(sameRepository);
    expect([diff < comment, comment < fail]).toEqual([true, true]);
    expect(steps[fail].run).toContain("exit 1");
  });

  it("lets only the jobs that comment write to pull requests", () => {
    const writers = Object.entries<any>(wf.jobs)
      .filter(([, job]) => job.permissions?.["pull-requests"] === "write")
      .map(([name]) => name)
      .sort();
    expect(writers).toEqual(["dev-preview", "render-diff"]);
    for (const name of writers) expect(JSON.stringify(wf.jobs[name])).toMatch(/comment-on-pr|sticky-pull-request-comment/);
    expect(wf.jobs.test.permissions).toBeUndefined();
  });
});

// The trust boundary: a job that runs a pull request's code must not be able to read a prod credential.
// GitHub hands a job the repository's secrets and, when the job names an environment and passes its
// protection rules (its deployment branches among them), that environment's (docs.github.com, "Deployment
// environments": a job can access the environment's secrets only after the rules pass and the job is sent to
// a runner). So prod's credentials live only in the prod-preview and
// prod environments, which only main may deploy to (docs/operations.md), and this test holds the workflows
// to it: no job a pull request triggers names them, inherits secrets, or calls a workflow that does.
describe("the trust boundary between pull requests and prod", () => {
  const triggeredByPullRequests = files.filter((file) => {
    const on = workflow(file).on;
    return Object.keys(typeof on === "string" ? { [on]: null } : on).some((event) => event.startsWith("pull_request"));
  });

  it("finds the workflows that run a pull request's code", () => {
    expect(triggeredByPullRequests).toEqual(["pull-request.yml"]);
  });

  it("runs no pull request's code with a prod environment, inherited secrets or a called workflow", () => {
    for (const file of triggeredByPullRequests) {
      for (const [name, job] of Object.entries<any>(workflow(file).jobs)) {
        expect({ file, name, environment: job.environment ?? "none" }).toEqual({
          file,
          name,
          environment: expect.stringMatching(/^(none|dev-preview)$/),
        });
        expect({ file, name, uses: job.uses, secrets: job.secrets }).toEqual({ file, name, uses: undefined, secrets: undefined });
      }
    }
  });

  it("reads secrets in a pull request's jobs only from the dev-preview environment, or GitHub's own token", () => {
    for (const file of triggeredByPullRequests) {
      for (const [name, job] of Object.entries<any>(workflow(file).jobs)) {
        const names = [...JSON.stringify(job).matchAll(/secrets(?:\.(\w+)|\[)/g)].map(([, secret]) => secret ?? "[dynamic]");
        const allowed =
          job.environment === "dev-preview" ? /^(GITHUB_TOKEN|KUBECONFIG|PULUMI_ACCESS_TOKEN|PULUMI_CONFIG_PASSPHRASE)$/ : /^GITHUB_TOKEN$/;
        for (const secret of names) expect({ file, name, secret }).toEqual({ file, name, secret: expect.stringMatching(allowed) });
      }
    }
  });

  it("keeps the pull request's code from the checkout's token: no job leaves it in the git config", () => {
    for (const file of files) {
      for (const [name, job] of Object.entries<any>(workflow(file).jobs)) {
        for (const step of (job.steps ?? []).filter((s: any) => String(s.uses).startsWith("actions/checkout@"))) {
          expect({ file, name, persist: step.with?.["persist-credentials"] }).toEqual({ file, name, persist: false });
        }
      }
    }
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
  const up = workflow("pulumi-up.yml");

  it("runs on main and deploys dev, then prod, each through the reusable pulumi-up workflow, passing it no secret", () => {
    const wf = workflow("deploy.yml");
    expect(wf.on).toEqual({ push: { branches: ["main"] } });
    expect(wf.jobs.dev).toEqual({ uses: "./.github/workflows/pulumi-up.yml", with: { stack: "dev" } });
    expect(wf.jobs.prod).toEqual({ uses: "./.github/workflows/pulumi-up.yml", with: { stack: "prod" }, needs: "dev" });
  });

  it("previews the merged commit in the stack's preview environment, into the run's summary, before anything changes", () => {
    const preview = up.jobs.preview;
    expect(preview.environment).toBe("${{ inputs.stack }}-preview");
    const step = preview.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({
      command: "preview",
      "stack-name": "${{ inputs.stack }}",
      diff: true,
      "comment-on-summary": true,
      policyPacks: "policy",
    });
  });

  it("updates the same commit only after the preview, in the stack's environment where required reviewers approve", () => {
    const job = up.jobs.up;
    expect(job.needs).toBe("preview");
    expect(job.environment).toBe("${{ inputs.stack }}");
    const step = job.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ command: "up", "stack-name": "${{ inputs.stack }}", policyPacks: "policy" });
    // Both jobs check out the run's own commit (no ref: the push's github.sha).
    for (const j of [up.jobs.preview, job]) expect(j.steps.find((s: any) => String(s.uses).startsWith("actions/checkout@")).with.ref).toBeUndefined();
  });

  it("never runs two operations on a stack at once, nor cancels one half-way", () => {
    for (const name of ["preview", "up"])
      expect(up.jobs[name].concurrency).toEqual({ group: "pulumi-${{ inputs.stack }}", "cancel-in-progress": false });
  });

  it("logs in by OIDC when the repository names its Pulumi organization, and to any backend the repository names", () => {
    for (const file of ["pulumi-up.yml", "pull-request.yml"]) {
      for (const job of Object.values<any>(workflow(file).jobs).filter((j) => JSON.stringify(j).includes("pulumi/actions@"))) {
        expect(job.permissions).toEqual({
          contents: "read",
          "id-token": "write",
          ...(job.permissions["pull-requests"] ? { "pull-requests": "write" } : {}),
        });
        const oidc = job.steps.find((s: any) => String(s.uses).startsWith("pulumi/auth-actions@"));
        expect(oidc).toMatchObject({ id: "oidc", if: "vars.PULUMI_ORGANIZATION != ''", with: { organization: "${{ vars.PULUMI_ORGANIZATION }}" } });
        const step = job.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
        expect(step.with["cloud-url"]).toBe("${{ vars.PULUMI_BACKEND_URL }}");
        expect(step.env.PULUMI_ACCESS_TOKEN).toBe("${{ steps.oidc.outputs.pulumi-access-token || secrets.PULUMI_ACCESS_TOKEN }}");
      }
    }
  });

  it("checks the types before every preview and update, which Pulumi's runner only transpiles (pulumi-main.js)", () => {
    for (const [file, job] of [
      ["pulumi-up.yml", up.jobs.preview],
      ["pulumi-up.yml", up.jobs.up],
      ["pull-request.yml", workflow("pull-request.yml").jobs["dev-preview"]],
    ]) {
      const pulumiStep = job.steps.findIndex((s: any) => String(s.uses).startsWith("pulumi/actions@"));
      const checked = /npm (test|run typecheck)/.test(runs({ steps: job.steps.slice(0, pulumiStep) })) || job.needs === "test";
      expect({ file, checked }).toEqual({ file, checked: true });
    }
    // Each would put back the ts-node that Pulumi.yaml turns off, or change its settings (cmd/run/run.ts,
    // 3.248.0, lines 260, 268 and 326).
    for (const file of files) expect(read(file)).not.toMatch(/PULUMI_NODEJS_(TYPESCRIPT|TRANSPILE_ONLY|TSCONFIG_PATH)/);
  });
});

// The policy pack is a package of its own (policy/package.json): the CLI runs it from its directory with the
// packages found there, so each job that previews or updates with it installs them first, from its lockfile.
describe("the policy pack in the workflows", () => {
  it("is installed with its own npm ci before every preview and update that runs it", () => {
    for (const file of files) {
      for (const [name, job] of Object.entries<any>(workflow(file).jobs)) {
        const steps: any[] = job.steps ?? [];
        const pulumi = steps.findIndex((s) => String(s.uses).startsWith("pulumi/actions@"));
        if (pulumi < 0) continue;
        expect({ file, name, policyPacks: steps[pulumi].with.policyPacks }).toEqual({ file, name, policyPacks: "policy" });
        expect({ file, name, installed: /npm ci --prefix policy\b/.test(runs({ steps: steps.slice(0, pulumi) })) }).toEqual({
          file,
          name,
          installed: true,
        });
      }
    }
  });

  it("is type-checked and tested with its own tests in the pull request's test job", () => {
    expect(runs(workflow("pull-request.yml").jobs.test)).toMatch(/npm ci --prefix policy[\s\S]*npm test --prefix policy/);
  });
});

// The workflows as GitHub reads them: action-validator (pinned in package.json) checks each against the
// workflow schema, unknown keys, and the globs and needs it can resolve.
describe("the workflows, validated", () => {
  const validator = path.join(PROJECT_DIR, "node_modules", ".bin", "action-validator");

  it.each(files)("%s passes action-validator", (file) => {
    const run = spawnSync(validator, [path.join(dir, file)], { encoding: "utf8" });
    expect({ file, status: run.status, out: run.stdout + run.stderr }).toEqual({ file, status: 0, out: "" });
  });

  it("and the validator refuses a workflow GitHub would refuse (a check that can fail)", () => {
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-workflow-")), "bad.yml");
    fs.writeFileSync(bad, read("pull-request.yml").replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest"));
    expect(spawnSync(validator, [bad], { encoding: "utf8" }).status).not.toBe(0);
  });
});
