// npm run migrate-config -- --stack NAME [--check]
// Rewrites Pulumi.NAME.yaml from flat dotted keys to the maps the Pulumi CLI reads (see
// render/migrate-stack-file.ts). --check changes nothing and exits 1 when the file needs migrating.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PROJECT_DIR } from "../project-dir";
import { migrateStackFile, MigrationError } from "../render/migrate-stack-file";

function main(): number {
  const { values } = parseArgs({ options: { stack: { type: "string" }, check: { type: "boolean", default: false } }, strict: true });
  if (!values.stack) throw new MigrationError("--stack NAME is required, such as --stack prod");
  const file = path.join(PROJECT_DIR, `Pulumi.${values.stack}.yaml`);
  if (!fs.existsSync(file)) throw new MigrationError(`no stack file ${path.basename(file)} for stack ${values.stack}`);
  const { text, moved } = migrateStackFile(fs.readFileSync(file, "utf8"), path.basename(file));
  if (moved.length === 0) {
    console.log(`${path.basename(file)}: nothing to migrate`);
    return 0;
  }
  if (values.check) {
    console.error(`${path.basename(file)}: ${moved.length} flat keys to migrate: ${moved.join(", ")}`);
    return 1;
  }
  fs.writeFileSync(file, text);
  console.log(`${path.basename(file)}: moved ${moved.length} flat keys into maps: ${moved.join(", ")}`);
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  const code = (error as NodeJS.ErrnoException)?.code ?? "";
  if (error instanceof MigrationError || code.startsWith("ERR_PARSE_ARGS")) {
    console.error(`migrate-config: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}
