// The package's entry for other Pulumi programs (package.json `exports`, through obkm.js): the components,
// and the functions that turn settings into a validated plan. Importing it creates nothing
// (tests/package-entry.test.ts); `pulumi up` of this project runs index.ts instead (Pulumi.yaml `main`).
// This project's own program (program.ts) is one user of it; examples/second-cluster/ is another.
//
//   import { KeyManager } from "obkm";
//   new KeyManager("blue", { settings: { hostname: "km.bank.example", ..., adminPassword: password.result } });
//
// or, to see the plan before creating it:
//
//   import { KeyManagerCluster, planCluster } from "obkm";
//   const { plan, supplied, warnings } = planCluster({ hostname: "km.bank.example", ... }, { stack: "blue" });
//   new KeyManagerCluster("obkm-blue", { plan, supplied }, { providers: { kubernetes: provider } });
export { DatabaseCredentials, type DatabaseCredentialsArgs, type SuppliedCredentials } from "./components/database-credentials";
export { KeyManager, type KeyManagerArgs } from "./components/key-manager";
export { KeyManagerCluster, type KeyManagerClusterArgs } from "./components/key-manager-cluster";
export { Keystores, type KeystoresArgs } from "./components/keystores";
export { Nodes, type NodesArgs } from "./components/nodes";
export { type PlannedCluster, planCluster, planFromConfigTexts } from "./components/plan-cluster";
export { ProvisionedDatabase, type ProvisionedDatabaseArgs } from "./components/provisioned-database";
export { SharedArtifacts, type SharedArtifactsArgs } from "./components/shared-artifacts";
export { StickyIngress, type StickyIngressArgs } from "./components/sticky-ingress";
export { ConfigError } from "./config/problems";
export type { ObkmConfig } from "./config/load";
export type { Plan } from "./plan";
export type { SecretText } from "./config/secret-text";
/**
 * Settings as a stack file holds them under `obkm:`, each map a nested object (`{ caching: { scenario: 1 } }`)
 * of a named interface (CachingSettings): generated from config/keys.ts, every key with its description and
 * default as its doc comment; each key's enumeration of values (CachingScenario, OpenBankingSpecification)
 * both a type and an object of its values.
 */
export * from "./config/settings.generated";
