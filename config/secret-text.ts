// The type of a secret setting's value in the settings planCluster takes (config/settings.generated.ts).

/**
 * A password or other secret, in clear: planCluster validates it with the stack's rules and hands it on only
 * as a Pulumi secret (KeyManagerClusterArgs.supplied).
 *
 * Next step, not built: `pulumi.Input<string>`, so that a RandomPassword or another stack's output could be
 * passed without being unwrapped. The loader validates plain values before anything is created, so that
 * needs the checks on a secret (control characters, the admin password's rules) to run inside an apply.
 */
export type SecretText = string;
