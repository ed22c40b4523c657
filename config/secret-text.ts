// The type of a secret setting's value in the settings planCluster and the KeyManager component take
// (config/settings.generated.ts).
import type { Input } from "@pulumi/pulumi";

/**
 * A password or other secret: text in clear, or a value of another resource (a RandomPassword's `result`,
 * another stack's output). planCluster checks text with the stack's rules before anything is created, and
 * hands every secret on only as a Pulumi secret (KeyManagerClusterArgs.supplied); a value that comes from
 * another resource is known only when that resource is, so its checks run then, before the Secrets that
 * hold it are written (components/plan-cluster.ts).
 */
export type SecretText = Input<string>;
