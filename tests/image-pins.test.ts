// Every image a stack other than dev runs is pinned by digest, or the stack is refused before anything is
// created with one line naming the key to set; the table of images (plan/image-pins.ts) covers every
// container the plan can run, and the docs list it.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { configKeys } from "../config/keys";
import { editorImageProblem, MAINTAINED_NODE_LINES } from "../config/editor-image";
import { ConfigError } from "../config/problems";
import { planStackFromTexts } from "../plan-from-config";
import { IMAGE_ROWS, imagesRun, isPinnedByDigest, unpinnedImageProblems } from "../plan/image-pins";
import { PROJECT_DIR } from "../project-dir";
import { Family, pinnedImageOnProd } from "./bad-input/families";
import { stackConfig } from "./helpers/stack-config";

const planOf = (stack: string, sets: string[] = []) => planStackFromTexts(stackConfig(stack, sets).config, { stack, projectDir: PROJECT_DIR });

/** What a user is told for these settings on the prod stack, or undefined when accepted. */
function refusalOnProd(sets: string[]): string[] | undefined {
  try {
    planOf("prod", sets);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** The prod stack switched to the provisioned database, whose images are then run. */
const PROVISIONED = ["database.provision=true", "database.host=", "database.urlParameters=", "database.type=postgresql"];
const DRIVERS_PINNED = `database.driverImage=registry.bank.example/tools/jdbc-drivers:1@sha256:${"4".repeat(64)}`;
/** Every image there is, in use on one stack: the dev stack with drivers and metrics besides its provisioned database. */
const EVERYTHING_ON_DEV = [DRIVERS_PINNED, "metrics.enabled=true", "metrics.exporterImage=r.example/jmx:1.6.0", "metrics.exporterJar=/a.jar"];

describe("plan/image-pins.ts", () => {
  it("names the key of every container the plan can run, and every row's containers are run somewhere", () => {
    const runs = [...imagesRun(planOf("dev", EVERYTHING_ON_DEV).plan), ...imagesRun(planOf("prod").plan)];
    expect(runs.filter((r) => r.key === undefined)).toEqual([]);
    const containers = new Set(runs.map((r) => r.container));
    expect(IMAGE_ROWS.flatMap((row) => row.containers).filter((c) => !containers.has(c))).toEqual([]);
    // Each row's key is an image key of the config.
    for (const row of IMAGE_ROWS) expect(configKeys[row.key].description).toMatch(/[Ii]mage/);
  });

  it("takes a digest of sha256 and 64 lower-case hex digits after an @ as a pin, nothing else", () => {
    expect(isPinnedByDigest(`r.example/obkm:1.4.0@sha256:${"a".repeat(64)}`)).toBe(true);
    expect(isPinnedByDigest(`r.example/obkm@sha256:${"0".repeat(64)}`)).toBe(true);
    for (const ref of [
      "r.example/obkm:1.4.0",
      `r.example/obkm@sha256:${"a".repeat(63)}`,
      `r.example/obkm@sha256:${"A".repeat(64)}`,
      `r.example/obkm:sha256-${"a".repeat(64)}`,
    ])
      expect(isPinnedByDigest(ref)).toBe(false);
  });

  it("lets a dev stack run tags", () => {
    const { plan, config } = planOf("dev", EVERYTHING_ON_DEV);
    expect(imagesRun(plan).some((r) => !isPinnedByDigest(r.image))).toBe(true);
    expect(unpinnedImageProblems(plan, config, "dev")).toEqual([]);
    expect(unpinnedImageProblems(plan, config, "dev-alice")).toEqual([]);
  });

  it("refuses each unpinned image of a stack other than dev once, by its key, naming the containers that run it", () => {
    const { plan, config } = planOf("dev", EVERYTHING_ON_DEV);
    const problems = unpinnedImageProblems(plan, config, "staging");
    expect(problems.map((p) => p.split(":")[0] + ":" + p.split(":")[1].split(" ")[0])).toEqual([
      "obkm:image",
      "obkm:openBanking.editorImage",
      "obkm:database.provisionImage",
      "obkm:metrics.exporterImage",
    ]);
    expect(problems[0]).toMatch(
      /^obkm:image: got registry\.example\.com\/wso2\/obkm:1\.4\.0 on stack staging \(in .*key-manager.*\); expected an image pinned by digest/,
    );
    // The provisioned database's default is the official image by tag: the key to set is named, though empty.
    expect(problems[2]).toMatch(/^obkm:database\.provisionImage: empty, so mysql:8\.0\.40 runs on stack staging \(in database, create-schemas\)/);
  });
});

describe("the prod example", () => {
  it("runs every image from the bank's mirror, pinned by digest", () => {
    const runs = imagesRun(planOf("prod").plan);
    expect(runs.length).toBeGreaterThan(4);
    expect(runs.filter((r) => !isPinnedByDigest(r.image) || !r.image.startsWith("registry.bank.example/"))).toEqual([]);
  });

  it("would be refused with the provisioned database's default image, naming database.provisionImage", () => {
    expect(refusalOnProd(PROVISIONED)).toEqual([
      expect.stringMatching(/^obkm:database\.provisionImage: empty, so postgres:16\.6 runs on stack prod/),
    ]);
    expect(
      refusalOnProd([...PROVISIONED, `database.provisionImage=registry.bank.example/mirror/postgres:16.6@sha256:${"5".repeat(64)}`]),
    ).toBeUndefined();
  });
});

describe("the editor's default image", () => {
  it("is of a maintained Node LTS line (even-numbered; Node 20 ended on 2026-04-30)", () => {
    const ref = configKeys["openBanking.editorImage"].default;
    expect(editorImageProblem(ref)).toBeUndefined();
    const major = Number(/:(\d+)\./.exec(ref)![1]);
    expect(MAINTAINED_NODE_LINES[major]).toBeDefined();
    expect(major % 2).toBe(0);
  });
});

/** Each image key on the prod stack: its family, and what the key needs set besides to be run. */
const PROD_CASES: Record<(typeof IMAGE_ROWS)[number]["key"], { family: Family; with?: string[] }> = {
  image: { family: pinnedImageOnProd("registry.bank.example/wso2/obkm", "1.4.0-u42") },
  "openBanking.editorImage": { family: pinnedImageOnProd("registry.bank.example/mirror/node", "24.19.0-alpine") },
  "database.driverImage": { family: pinnedImageOnProd("registry.bank.example/tools/jdbc-drivers", "1") },
  "database.provisionImage": { family: pinnedImageOnProd("registry.bank.example/mirror/postgres", "16.6"), with: PROVISIONED },
  "metrics.exporterImage": { family: pinnedImageOnProd("registry.bank.example/tools/jmx-exporter-agent", "1.6.0") },
};

describe.each(IMAGE_ROWS.map((row) => row.key))("an unpinned %s on the prod stack", (key) => {
  const { family, with: needs = [] } = PROD_CASES[key];
  const faultsOf = (value: string) => {
    const problems = refusalOnProd([...needs, `${key}=${value}`]);
    if (!problems) return [`${value} was accepted`];
    const own = problems.filter((p) => p.startsWith(`obkm:${key}: `));
    return [
      ...(own.length === 1 && problems.length === 1 ? [] : [`${value}: expected one problem naming obkm:${key}, got ${JSON.stringify(problems)}`]),
      ...own.filter((p) => p.includes("\n") || !/; expected /.test(p)).map((p) => `${value}: not one line saying what is allowed: ${p}`),
    ];
  };

  it("is refused in one line naming the key and what is allowed", () => {
    expect(family.bad.flatMap(faultsOf)).toEqual([]);
    fc.assert(
      fc.property(family.badArb, (value) => {
        const faults = faultsOf(value);
        if (faults.length) throw new Error(faults.join("\n"));
      }),
      { numRuns: 3, seed: 20261203 },
    );
  });

  it("is accepted pinned by digest", () => {
    expect(family.good.filter((value) => refusalOnProd([...needs, `${key}=${value}`]) !== undefined)).toEqual([]);
  });
});

describe("docs/operations.md", () => {
  it("lists every image the table holds, by its key", () => {
    const text = fs.readFileSync(path.join(PROJECT_DIR, "docs/operations.md"), "utf8");
    const section = text.split(/^### Images a bank can trust$/m)[1]?.split(/^#{2,3} /m)[0] ?? "";
    // A table row as prettier pads it: the key, then where it runs, each cell as the table says.
    const rows = section.split("\n").map((line) => line.replace(/ {2,}/g, " "));
    for (const row of IMAGE_ROWS) expect(rows).toContain(`| \`${row.key}\` | ${row.usedBy} |`);
  });
});
