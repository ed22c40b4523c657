// A password in clear under `pulumi up`. Pulumi.yaml cannot declare our optional passwords `secret: true`
// (config/keys.ts declarationOf), so the CLI takes `pulumi config set adminPassword x` without --secret into
// the stack file in clear, and the render refuses it (render/stack-config.ts clearSecrets) but `pulumi up`
// would not. The program does not decrypt the stack file (it reads it for its shape only: program.ts); it can
// see which keys the CLI holds as secrets.
//
// The language host hands them over in PULUMI_CONFIG_SECRET_KEYS, always, "[]" when there are none
// (pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go constructConfigSecretKeys, execRuntime
// lines 887-895): a JSON array of full keys, `namespace:name` (sdk/go/common/resource/config/key.go
// Key.String). The SDK reads it the same way: JSON.parse, an array or nothing, a key secret when the array
// includes it (@pulumi/pulumi 3.248.0 runtime/config.js isConfigSecret, runtime/state.js). For a map the key
// is the map's only: the engine lists a top-level key whose value is secure, and a map is secure when any
// leaf in it is (sdk/go/common/resource/config/map.go SecureKeys, object.go Secure). So a password inside a
// map (database.password) is refused when nothing in its map is secret; one in clear beside a secret in the
// same map passes here, and only the render, which reads the stack file leaf by leaf, refuses it.
import { configKeys, KeySpec, keyNames } from "./keys";
import { CONFIG_NAMESPACE, fullKey } from "./problems";
import { readConfig } from "./read";

/** The variable the language host sets, as @pulumi/pulumi runtime/config.js names it (configSecretKeysEnvKey). */
export const SECRET_KEYS_VARIABLE = "PULUMI_CONFIG_SECRET_KEYS";

/** The keys config/keys.ts declares secret. */
const SECRET_KEYS = keyNames.filter((key) => (configKeys[key] as KeySpec).secret);

/**
 * The full keys the Pulumi CLI holds as secrets, read as the SDK reads them; undefined when no language host
 * started the program (a mock run, such as the render, which checks the stack file itself).
 */
export function cliSecretKeys(env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const text = env[SECRET_KEYS_VARIABLE];
  if (!text) return undefined;
  const keys: unknown = JSON.parse(text);
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string") : [];
}

/**
 * One problem per key declared secret that the config sets (not empty) while the CLI holds neither it nor,
 * for a key inside a map, its map as a secret; each names the key and the command that stores it encrypted.
 */
export function clearSecretProblems(texts: Record<string, string>, secretKeys: readonly string[]): string[] {
  const { input } = readConfig(texts);
  return SECRET_KEYS.filter((key) => {
    const value = input[key];
    return value !== undefined && value !== "" && !secretKeys.includes(`${CONFIG_NAMESPACE}:${key.split(".")[0]}`);
  }).map(
    (key) =>
      `${fullKey([key])}: stands in clear in the stack's config; expected a secret: pulumi config set --secret ${key.includes(".") ? "--path " : ""}${key} <value>`,
  );
}
