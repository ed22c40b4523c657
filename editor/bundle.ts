// The editor as one script for a Node container: ob-edit.ts with its edit engines and their parsers
// (@rgrove/parse-xml, jsonc-parser), bundled by esbuild when the program plans, so the project holds no
// copy of anyone's code and the script always matches the engines the render used. esbuild's output is
// the same for the same sources and version, so the ConfigMap changes only when the editor does.
import { buildSync } from "esbuild";
import * as path from "path";

let bundled: string | undefined;

export function editorBundle(): string {
  if (bundled === undefined) {
    const result = buildSync({
      entryPoints: [path.join(__dirname, "ob-edit.ts")],
      absWorkingDir: path.resolve(__dirname, ".."),
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      // jsonc-parser's UMD build loads its parts with a require esbuild cannot follow; its ES module build
      // imports them, so the bundle holds them all.
      mainFields: ["module", "main"],
      write: false,
      // The licences of the bundled packages stay with their code.
      legalComments: "inline",
      logLevel: "silent",
    });
    bundled = result.outputFiles[0].text;
  }
  return bundled;
}
