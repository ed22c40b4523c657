// npm run import-file -- --stack NAME [--out FILE] [--set KEY=VALUE ...]
// Writes FILE (out/NAME/import.json by default), the file `pulumi import --file FILE` reads to adopt the
// Kubernetes objects the stack would create where they exist already (docs/operations.md, Adopting an
// existing deployment): each object under the name, parent and provider the program gives it, its id
// namespace/name. Made from the plan's names by the offline render; needs no cluster and no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PROJECT_DIR } from "../project-dir";
import { readStackConfig, StackFileError } from "../render/stack-config";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stack: { type: "string", default: "dev" },
      out: { type: "string" },
      set: { type: "string", multiple: true, default: [] },
    },
    strict: true,
  });
  const stack = values.stack as string;
  const out = path.resolve(values.out ?? path.join("out", stack, "import.json"));
  const input = readStackConfig(PROJECT_DIR, stack, values.set as string[]);
  // Loaded once the stack's config has passed the CLI's checks: the Pulumi SDKs take a second or two.
  const { renderStack } = await import("../render/render");
  const { importFileOf, importFileText } = await import("../render/import-file");
  const rendered = await renderStack(input);
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
  console.log(
    `import file of stack ${stack}: ${objects} Kubernetes objects in ${path.relative(process.cwd(), out)}; then: pulumi import --stack ${stack} --file ${path.relative(process.cwd(), out)}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException)?.code ?? "";
    const isRunError = () => (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).RunError.isInstance(error);
    if (error instanceof StackFileError || code.startsWith("ERR_PARSE_ARGS") || isRunError()) {
      console.error(`import-file: ${(error as Error).message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(2);
  },
);
