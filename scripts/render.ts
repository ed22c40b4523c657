// npm run render (its command line: RENDER_LINE below).
// Writes DIR/manifests.yaml (every Kubernetes object of the stack), DIR/resources.yaml (every Pulumi
// resource with the options that guard data), DIR/outputs.yaml (the stack outputs), the node files under
// DIR/conf/ and the pods' scripts under DIR/bin/, as `pulumi up` would create them. Needs no cluster and
// no Pulumi CLI. With --preview, as `pulumi preview` of a stack without its generated values (a new stack, a
// rotation): what only the update knows is shown as "[unknown until pulumi up]".
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { readStackConfig, StackFileError } from "../render/stack-config";
import { CommandIo, renderWith, runAsCli } from "./command";
import { CommandLine } from "./command-line";
import { STACK_EXITS, STACK_OPTIONS, StackArgs, stackCommand } from "./stack-command";

const RENDER_LINE: CommandLine = {
  name: "render",
  synopsis: "[--stack NAME] [--out DIR] [--set KEY=VALUE ...] [--preview]",
  about:
    "Renders stack NAME (dev by default) as `pulumi up` would create it, into DIR (out/NAME by default): manifests.yaml, resources.yaml, outputs.yaml, conf/ and bin/, every secret redacted. --set overrides a key of the stack file, as `pulumi config set --path KEY VALUE` would; --preview renders as `pulumi preview` of a new stack, what only the update knows shown as unknown. Needs no cluster and no Pulumi CLI.",
  options: { ...STACK_OPTIONS, preview: { type: "boolean", default: false } },
  exits: STACK_EXITS,
  refused: 1,
};

async function main(args: StackArgs, io: CommandIo): Promise<number> {
  const stack = args.stack;
  const out = path.resolve(args.out ?? path.join("out", stack));
  const cannotWrite = (error: unknown) =>
    new StackFileError(
      `--out ${path.relative(process.cwd(), out) || "."}: cannot write the render there (${(error as NodeJS.ErrnoException).code ?? "an error"}); name a directory, or a path under one`,
    );
  // Said before the render, which takes seconds: a path under a file, or a directory it may not write.
  const existing = nearestExisting(out);
  try {
    if (!fs.statSync(existing).isDirectory()) throw Object.assign(new Error(), { code: "ENOTDIR" });
    fs.accessSync(existing, fs.constants.W_OK);
  } catch (error) {
    throw cannotWrite(error);
  }
  const input = readStackConfig(PROJECT_DIR, stack, args.set);
  const rendered = await renderWith(io, { ...input, preview: args.values.preview === true });

  try {
    // Only what this render wrote stays in DIR: a stale file from an earlier render would mislead a diff.
    for (const dir of ["conf", "bin"]) fs.rmSync(path.join(out, dir), { recursive: true, force: true });
    for (const [file, content] of Object.entries(rendered.files)) {
      const target = path.join(out, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  } catch (error) {
    throw cannotWrite(error);
  }
  io.stdout.write(
    `rendered stack ${stack}: ${rendered.objects.length} objects, ${Object.keys(rendered.files).length} files in ${path.relative(process.cwd(), out) || "."}\n`,
  );
  return 0;
}

/** The path itself, or the nearest directory above it that exists. */
function nearestExisting(target: string): string {
  let at = target;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/** `npm run render` as a function: its arguments and io to its exit code (scripts/command.ts). */
export const renderCommand = stackCommand(RENDER_LINE, main);

runAsCli(module, renderCommand);
