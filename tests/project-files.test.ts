// The files a user reads before running anything must tell the truth: Pulumi.yaml declares exactly the
// keys the program reads, with the same types and defaults, and the README names every one of them.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { PROJECT_DIR } from "../program";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
const project = YAML.parse(read("Pulumi.yaml"));

describe("Pulumi.yaml", () => {
  it("is the obkm project on the nodejs runtime with TypeScript", () => {
    expect(project.name).toBe("obkm");
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true } });
  });

  it("declares every config key the program reads, and no other", () => {
    expect(Object.keys(project.config).sort()).toEqual([...keyNames].sort());
  });

  it.each(keyNames)("declares %s with the program's type, default and description", (key) => {
    const spec: KeySpec = configKeys[key];
    const declared = project.config[key];
    expect(declared.description).toBe(spec.description);
    if (key.includes(".") && spec.type !== "string") {
      // pulumi/pulumi#21219: the CLI rejects a dotted key declared as integer or boolean; the loader checks it.
      expect(declared.type).toBe("string");
      expect(declared.default).toBe(Array.isArray(spec.default) ? spec.default.join(",") : String(spec.default));
    } else {
      expect(declared.type).toBe(spec.type);
      expect(declared.items).toEqual(spec.items);
      expect(declared.default).toEqual(spec.default);
    }
  });

  it("declares no key secret (pulumi/pulumi#21865 rejects a secret with a default); the loader guards them", () => {
    expect(Object.values<any>(project.config).filter((d) => d.secret)).toEqual([]);
  });
});

describe("README.md", () => {
  const readme = read("README.md");

  it.each(keyNames)("documents the config key %s in its table", (key) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${key}\` \\|`, "m"));
  });

  it("gives the newcomer's commands and the test command CI runs", () => {
    expect(readme).toContain("npm ci && npm run render");
    expect(readme).toContain("npm test");
    expect(read(".ci/run")).toMatch(/npm ci[\s\S]*npm test/);
  });
});

describe("package.json", () => {
  it("pins every dependency to an exact version, so npm ci and a fresh install agree", () => {
    const pkg = JSON.parse(read("package.json"));
    const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(String(v)));
    expect(ranges).toEqual([]);
  });
});
