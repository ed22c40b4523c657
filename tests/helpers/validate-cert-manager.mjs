// Validates cert-manager objects (JSON on stdin, an array) with @kubernetes-models/cert-manager, whose
// schemas are generated from cert-manager's CRDs. The package is ES modules only, which Jest's CommonJS
// runtime cannot load, so k8s-validate.ts runs this in a Node process of its own. Prints a JSON array of
// problems.
import * as v1 from "@kubernetes-models/cert-manager/cert-manager.io/v1";

const objects = JSON.parse(
  await new Promise((resolve) => {
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => resolve(text));
  }),
);
const problems = [];
for (const object of objects) {
  const id = `${object.kind}/${object.metadata?.name}`;
  const Model = object.apiVersion === "cert-manager.io/v1" ? v1[object.kind] : undefined;
  if (!Model) {
    problems.push(`${id}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${id}: schema: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
