// npm run migrate-config (its command line: MIGRATE_CONFIG_LINE below): rewrites Pulumi.NAME.yaml from flat
// dotted keys to the maps the Pulumi CLI reads (render/migrate-stack-file.ts).
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { migrateStackFile, MigrationError } from "../render/migrate-stack-file";
import { CommandIo, runAsCli } from "./command";
import { CommandLine, lineCommand, Values } from "./command-line";

const MIGRATE_CONFIG_LINE: CommandLine = {
  name: "migrate-config",
  synopsis: "--stack NAME [--check]",
  about:
    "Rewrites Pulumi.NAME.yaml from flat dotted keys (obkm:database.host) to the maps the Pulumi CLI reads, comments kept with their keys and encrypted values moved as they are. --check changes nothing.",
  options: { stack: { type: "string" }, check: { type: "boolean", default: false } },
  required: ["stack"],
  exits: {
    0: "migrated, or nothing to migrate",
    1: "with --check: the file has flat keys to migrate (named on stderr)",
    2: "refused: the command line or the stack file, said in one line",
  },
  refused: 2,
  userErrors: [MigrationError],
};

function main(values: Values, io: CommandIo): number {
  const file = path.join(PROJECT_DIR, `Pulumi.${values.stack as string}.yaml`);
  if (!fs.existsSync(file)) throw new MigrationError(`no stack file ${path.basename(file)} for stack ${values.stack}`);
  const { text, moved } = migrateStackFile(fs.readFileSync(file, "utf8"), path.basename(file));
  if (moved.length === 0) {
    io.stdout.write(`${path.basename(file)}: nothing to migrate\n`);
    return 0;
  }
  if (values.check) {
    io.stderr.write(`${path.basename(file)}: ${moved.length} flat keys to migrate: ${moved.join(", ")}\n`);
    return 1;
  }
  fs.writeFileSync(file, text);
  io.stdout.write(`${path.basename(file)}: moved ${moved.length} flat keys into maps: ${moved.join(", ")}\n`);
  return 0;
}

/** `npm run migrate-config` as a function (scripts/command.ts): a stack file it cannot migrate is one line and 2. */
export const migrateConfigCommand = lineCommand(MIGRATE_CONFIG_LINE, main);

runAsCli(module, migrateConfigCommand);
