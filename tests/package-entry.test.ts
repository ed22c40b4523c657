// The package "obkm" as another program imports it: its entry (package.json `main` and `exports`, obkm.js,
// then api.ts) exports the components and creates nothing, while `pulumi up` of this project runs index.ts
// through Pulumi.yaml's `main` (tests/pulumi-runner.test.ts), which the engine takes over package.json's
// (pulumi/pulumi v3.248.0 pkg/engine/project.go getPwdMain).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { runUnderMocks } from "../render/mock-engine";
import { requireFresh } from "./helpers/fresh-program";

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));

describe("the package's entry", () => {
  it("is obkm.js for Node and api.ts for TypeScript, never the program `pulumi up` runs", () => {
    expect(pkg.exports["."]).toEqual({ types: "./api.ts", default: "./obkm.js" });
    expect([pkg.main, pkg.types]).toEqual(["obkm.js", "api.ts"]);
    const tsconfig = fs.readFileSync(path.join(PROJECT_DIR, "tsconfig.json"), "utf8");
    expect(tsconfig).toContain(`"paths": { "${pkg.name}": ["./api.ts"] }`);
  });

  it("registers no resource when imported, and exports the components and planCluster", async () => {
    const { resources, result } = await runUnderMocks({ project: "platform", stack: "dev", config: {}, secretKeys: [] }, () => {
      return requireFresh(path.join(PROJECT_DIR, pkg.exports["."].default));
    });
    expect(resources).toEqual([]);
    for (const name of ["KeyManager", "KeyManagerCluster", "DatabaseCredentials", "Nodes"]) expect(typeof result[name]).toBe("function");
    expect(typeof result.planCluster).toBe("function");
    // A settings enumeration is a value as well as a type.
    expect(result.OpenBankingSpecification).toEqual({ UK: "UK", BERLIN: "BERLIN", AU: "AU" });
  });

  it("resolves by the package's name in plain Node, which loads its TypeScript with no loader of the caller's", () => {
    // Node resolves a package's own name from inside it through `exports` (its self-reference). Outside the
    // engine, a resource registered on import would throw; the entry only defines. A process of plain node,
    // since jest resolves the name by its own moduleNameMapper (jest.config.js) and loads TypeScript by swc.
    const script = `const obkm = require(${JSON.stringify(pkg.name)}); console.log(JSON.stringify([typeof obkm.KeyManager, typeof obkm.planCluster]));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_DIR, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(["function", "function"]);
  });
});
