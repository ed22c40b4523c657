// The OB files' editor (editor/ob-edit.ts) run as a node's init container runs it, on the OB files as a KM
// image holds them: fixtures of ours (tests/fixtures/ob-pack, tests/fixtures/packs), never WSO2's files, laid
// out where the pack keeps them.
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** open-banking.xml and open-banking-datasources.xml of ours, under their repository/conf paths. */
export const OB_FIXTURES = path.join(__dirname, "..", "fixtures", "ob-pack");

/** A consent app's conf.json of ours, laid out as the pack's (tests/fixtures/packs/<spec>/km/repository/...). */
export const appFixturePath = (app: "consentmgt" | "ccportal", spec = "uk") =>
  path.join(__dirname, "..", "fixtures", "packs", spec, "km", "repository", "deployment/server/jaggeryapps", app, "configs/conf.json");

/** An image's repository/, as the copy init container finds it: our fixtures where the pack keeps the files. */
export function imageRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-ob-image-"));
  const put = (from: string, to: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, to));
  };
  put(path.join(OB_FIXTURES, "finance/open-banking.xml"), "conf/finance/open-banking.xml");
  put(path.join(OB_FIXTURES, "datasources/open-banking-datasources.xml"), "conf/datasources/open-banking-datasources.xml");
  for (const app of ["consentmgt", "ccportal"] as const)
    put(appFixturePath(app), path.join("deployment/server/jaggeryapps", app, "configs/conf.json"));
  return dir;
}

/** A run of the editor's bundle by `node`: the plan's text, the image's repository/, the environment it is given. */
export interface EditorRun {
  run: SpawnSyncReturns<string>;
  /** Where it wrote the edited files. */
  out: string;
  read(file: string): string;
}

/**
 * `node bundle plan repository out`, as the init container's command runs it (plan/open-banking-start.ts),
 * with PATH and `env` alone in its environment: the variables that container is given are the passwords and
 * the consent apps' clients, which a test passes in `env`.
 */
export function runEditorBundle(node: string, bundle: string, plan: string, repository: string, env: Record<string, string>): EditorRun {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-editor-run-"));
  const planFile = path.join(work, "plan.json");
  fs.writeFileSync(planFile, plan);
  const out = path.join(work, "edited");
  const run = spawnSync(node, [bundle, planFile, repository, out], { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
  return { run, out, read: (file) => fs.readFileSync(path.join(out, file), "utf8") };
}
