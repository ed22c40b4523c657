// The pack as `pulumi policy publish` uploads it: the CLI runs `npm pack` in the pack's directory and sends
// the tarball (pulumi/pulumi v3.248.0 pkg/backend/httpstate/policypack.go Publish, sdk/nodejs/npm/npm.go
// Pack); the organisation's stacks then unpack it and install its dependencies (installRequiredPolicy).
// So the tarball must hold every file the pack runs, and the pack import nothing from outside it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as ts from "typescript";

const PACK_DIR = path.resolve(__dirname, "..");

function packed(): string[] {
  const run = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACK_DIR, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const [{ files }] = JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>;
  return files.map((f) => f.path).sort();
}

describe("the published pack", () => {
  const files = packed();

  it("holds PulumiPolicy.yaml, package.json, tsconfig.json and the pack's code and data, and no test", () => {
    assert.deepEqual(files, ["PulumiPolicy.yaml", "index.ts", "package.json", "policies.ts", "stack-kinds.json", "tsconfig.json"]);
  });

  it("imports only files it holds, or packages its package.json declares", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    const declared = Object.keys(pkg.dependencies);
    for (const file of files.filter((f) => f.endsWith(".ts"))) {
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(PACK_DIR, file), "utf8"), true, true);
      for (const { fileName } of importedFiles) {
        if (fileName.startsWith(".")) {
          const target = path.relative(PACK_DIR, path.resolve(PACK_DIR, path.dirname(file), fileName));
          const found = [target, `${target}.ts`].some((candidate) => files.includes(candidate));
          assert.ok(found, `${file} imports ${fileName}, which the pack does not hold`);
        } else {
          const name = fileName.startsWith("@") ? fileName.split("/").slice(0, 2).join("/") : fileName.split("/")[0];
          assert.ok(declared.includes(name), `${file} imports ${fileName}, which package.json does not declare`);
        }
      }
    }
  });

  it("starts where PulumiPolicy.yaml's runtime and package.json's main say: nodejs, index.ts", () => {
    const project = fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8");
    assert.match(project, /^runtime: nodejs$/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).main, "index.ts");
  });
});
