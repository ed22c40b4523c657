// The files a user reads before running anything must tell the truth: Pulumi.yaml declares exactly the
// keys the program reads, with the same types and defaults, and docs/configuration.md names every one of them.
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";
import * as YAML from "yaml";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { PROJECT_DIR } from "../project-dir";
import { migrateStackFile } from "../render/migrate-stack-file";
import { projectConfigOf } from "../lib/pulumi-config/project";
import { readStackConfig } from "../render/stack-config";
import { DOC_FILE, DOC_FILES, docBlock, docBlocks, syncedDoc } from "../scripts/doc-blocks";
import { SETTINGS_FILE, settingsInterface } from "../scripts/settings-interface";
import { render } from "./helpers/render";
import { cachedSyncedDoc } from "./helpers/synced-doc-cache";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
const project = YAML.parse(read("Pulumi.yaml"));

describe("Pulumi.yaml", () => {
  it("is the obkm project on the nodejs runtime, started by pulumi-main.js without ts-node or node flags (tests/pulumi-runner.test.ts, node-flags.test.ts)", () => {
    expect(project.name).toBe("obkm");
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: false } });
    expect(project.main).toBe("pulumi-main.js");
  });

  it("declares every config key the program reads, and no other", () => {
    expect(Object.keys(project.config).sort()).toEqual([...keyNames].sort());
  });

  it.each(keyNames)("declares %s by its path with the program's real type, default and description", (key) => {
    const spec: KeySpec = configKeys[key];
    const declared = project.config[key];
    expect(declared.description).toBe(spec.description);
    expect(declared.type).toBe(spec.type);
    expect(declared.items).toEqual(spec.items);
    expect(declared.default).toEqual(spec.default);
  });

  it("declares no key secret: each secret is optional, and the CLI refuses an optional secret (pulumi/pulumi#21865)", () => {
    expect(Object.values<any>(project.config).filter((d) => d.secret)).toEqual([]);
  });

  it("is a project the Pulumi CLI accepts, and asks for a CLI that checks typed paths correctly (3.213+, pulumi/pulumi#21246) and fires replacementTrigger only on a change (3.226+, #22119)", () => {
    expect(() => projectConfigOf(project)).not.toThrow();
    expect(project.requiredPulumiVersion).toBe(">=3.226.0");
  });
});

describe.each(["dev", "prod"])("Pulumi.%s.yaml", (stack) => {
  it("passes the Pulumi CLI's config checks and holds every structured setting in a map, as `pulumi config set --path` writes it", () => {
    const merged = readStackConfig(PROJECT_DIR, stack);
    const flat = Object.keys(YAML.parse(read(`Pulumi.${stack}.yaml`)).config).filter((k) => k.includes("."));
    expect(flat).toEqual([]);
    expect(merged.config["obkm:caching"]).toBeDefined();
  });

  it("needs no migration", () => {
    expect(migrateStackFile(read(`Pulumi.${stack}.yaml`), `Pulumi.${stack}.yaml`).moved).toEqual([]);
  });
});

describe("the docs", () => {
  const readme = read("README.md");
  const configuration = read(DOC_FILE);

  it.each(keyNames)("document the config key %s in the configuration page's table", (key) => {
    // A row of its table, its cells padded as Prettier aligns them.
    expect(configuration).toMatch(new RegExp(`^\\| \`${key}\` +\\|`, "m"));
  });

  it("name in the render's table of output every file a render writes in bin/, and no other", async () => {
    const written = new Set<string>();
    for (const stack of ["dev", "prod"])
      for (const file of Object.keys((await render([], stack)).files)) if (file.startsWith("bin/")) written.add(file.slice(4));
    const row = /^\| `DIR\/bin\/\.\.\.` +\|(.*)\|$/m.exec(read("docs/operations.md"))?.[1] ?? "";
    const named = new Set([...row.matchAll(/`([\w.-]+\.(?:sh|js|json))`/g)].map((m) => m[1]));
    expect(named).toEqual(written);
  });

  // Each page as sync-config writes it, kept across runs while nothing that makes it changes (helpers/synced-doc-cache.ts).
  const pages = DOC_FILES.map((file) => ({ file, page: read(file), synced: cachedSyncedDoc(read(file), file, syncedDoc) }));

  it.each(DOC_FILES.flatMap((file) => Object.keys(docBlocks(file)).map((name) => [file, name])))(
    "hold in %s the generated block %s as npm run sync-config writes it",
    (file, name) => {
      const { page, synced } = pages.find((p) => p.file === file)!;
      expect(docBlock(page, name)).toBe(docBlock(synced, name));
      expect(docBlock(page, name)).toBeDefined();
    },
  );

  it.each(DOC_FILES)("hold %s as Prettier formats it, so sync-config's writing and lint's check agree", (file) => {
    const { page, synced } = pages.find((p) => p.file === file)!;
    expect(synced).toBe(page);
  });

  it("give the newcomer's commands and the test command CI runs on the front page", () => {
    expect(readme).toContain("npm ci && npm run render");
    expect(readme).toContain("npm test");
    expect(read(".ci/run")).toMatch(/npm ci[\s\S]*npm test/);
  });

  it("keep the front page to at most 250 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
  });
});

describe(SETTINGS_FILE, () => {
  it("holds the settings interface as npm run sync-config writes it from config/keys.ts", () => {
    expect(read(SETTINGS_FILE)).toBe(settingsInterface());
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(read("package.json"));

  it("promises only the Node versions every locked package accepts, this machine's among them", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { engines?: { node?: string } }> };
    const ours: string = pkg.engines.node;
    // semver.subset: every version our range admits is in the package's, so npm ci prints no EBADENGINE.
    const narrower = Object.entries(lock.packages)
      .filter(([name, entry]) => name && entry.engines?.node && !semver.subset(ours, entry.engines.node))
      .map(([name, entry]) => `${name} wants ${entry.engines?.node}`);
    expect(narrower).toEqual([]);
    expect(semver.satisfies(process.version, ours)).toBe(true);
  });

  it("pins every dependency to an exact version, so npm ci and a fresh install agree", () => {
    const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(String(v)));
    expect(ranges).toEqual([]);
  });
});
