// The node's editor of the image's own Open Banking files (edit-plan.ts says when and why). Bundled with
// its two edit engines into one script (editor/bundle.ts) and run by Node in an init container:
//
//   node ob-edit.js <edit plan JSON> <the pack's repository/ copy> <output directory>
//
// Each file is read from the copy, edited and written under the same path in the output directory, which
// only the KM's user may read (the OB datasource's password is in it). An edit that does not match the
// image's file stops the pod with one line that names the file and the element or member, before the
// server starts on a file it did not mean to run with.
import * as fs from "fs";
import * as path from "path";
import { applyJsonEdits, JsonEditError } from "../json/edits";
import { applyEdits, XmlEditError } from "../xml/edits";
import { EditPlan, FileEdits, SECRET_SLOT, secretEnvName } from "./edit-plan";

class SlotError extends Error {}

function fill(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(SECRET_SLOT, (_, name: string) => {
    const secret = env[secretEnvName(name)];
    if (secret === undefined) throw new SlotError(`${secretEnvName(name)} is not set; it must hold the password ${name}`);
    return secret;
  });
}

function edited(file: FileEdits, source: string, env: NodeJS.ProcessEnv): string {
  if (file.format === "json") {
    return applyJsonEdits(
      file.path,
      source,
      file.edits.map((e) => (typeof e.value === "string" ? { ...e, value: fill(e.value, env) } : e)),
    );
  }
  return applyEdits(
    file.path,
    source,
    file.edits.map((e) => (e.kind === "set" ? { ...e, value: fill(e.value, env) } : e)),
  );
}

export function run(argv: string[], env: NodeJS.ProcessEnv): number {
  const [planFile, packDir, outDir] = argv;
  if (!planFile || !packDir || !outDir) {
    process.stderr.write("usage: ob-edit <edit plan JSON> <pack repository dir> <output dir>\n");
    return 2;
  }
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as EditPlan;
  try {
    for (const file of plan.files) {
      const from = path.join(packDir, file.path);
      if (!fs.existsSync(from)) throw new SlotError(`${file.path}: not in the image's pack (${from})`);
      const to = path.join(outDir, file.path);
      fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
      fs.writeFileSync(to, edited(file, fs.readFileSync(from, "utf8"), env), { mode: 0o600 });
      process.stdout.write(`obkm: edited ${file.path} (${file.edits.length} edits)\n`);
    }
  } catch (error) {
    if (error instanceof XmlEditError || error instanceof JsonEditError || error instanceof SlotError) {
      process.stderr.write(`obkm: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  return 0;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2), process.env);
