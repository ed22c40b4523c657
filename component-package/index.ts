// What the component package serves: every ComponentResource class exported here becomes a resource of
// its schema (@pulumi/pulumi 3.248.0 cmd/run-plugin/run.js, getPulumiComponents over the module's exports),
// so only KeyManager, whose args the schema analysis can read (components/key-manager.ts); the parts of the
// cluster take a Plan, which no schema can describe, and stay for TypeScript programs (package "obkm").
export { KeyManager } from "../components/key-manager";
