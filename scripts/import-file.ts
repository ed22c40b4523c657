// npm run import-file (its command line: IMPORT_FILE_LINE below).
// Writes FILE (out/NAME/import.json by default), the file `pulumi import --file FILE` reads to adopt the
// Kubernetes objects the stack would create where they exist already (docs/operations.md, Adopting an
// existing deployment): each object under the name, parent and provider the program gives it, its id
// namespace/name. Made from the plan's names by the offline render; needs no cluster and no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { readStackConfig, StackFileError } from "../render/stack-config";
import { CommandIo, renderWith, runAsCli } from "./command";
import { CommandLine } from "./command-line";
import { STACK_EXITS, STACK_OPTIONS, StackArgs, stackCommand } from "./stack-command";

const IMPORT_FILE_LINE: CommandLine = {
  name: "import-file",
  synopsis: "[--stack NAME] [--out FILE] [--set KEY=VALUE ...]",
  about:
    "Writes FILE (out/NAME/import.json by default), which `pulumi import --file FILE` reads to adopt the Kubernetes objects stack NAME would create where they exist already. --set overrides a key of the stack file. Needs no cluster and no Pulumi CLI.",
  options: STACK_OPTIONS,
  exits: STACK_EXITS,
  refused: 1,
};

async function main(args: StackArgs, io: CommandIo): Promise<number> {
  const stack = args.stack;
  const out = path.resolve(args.out ?? path.join("out", stack, "import.json"));
  const input = readStackConfig(PROJECT_DIR, stack, args.set);
  const { importFileOf, importFileText } = await import("../render/import-file");
  const rendered = await renderWith(io, input);
  const file = importFileOf(rendered.resources);
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, importFileText(file));
  } catch (error) {
    throw new StackFileError(
      `--out ${path.relative(process.cwd(), out)}: cannot write the import file there (${(error as NodeJS.ErrnoException).code ?? "an error"}); name a file in a directory you may write`,
    );
  }
  const objects = file.resources.filter((r) => r.id).length;
  io.stdout.write(
    `import file of stack ${stack}: ${objects} Kubernetes objects in ${path.relative(process.cwd(), out)}; then: pulumi import --stack ${stack} --file ${path.relative(process.cwd(), out)}\n`,
  );
  return 0;
}

/** `npm run import-file` as a function: its arguments and io to its exit code (scripts/command.ts). */
export const importFileCommand = stackCommand(IMPORT_FILE_LINE, main);

runAsCli(module, importFileCommand);
