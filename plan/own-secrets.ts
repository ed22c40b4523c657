// The Secrets this stack writes are its own: a keystore (or its password) read from one of them would be
// read from what the stack overwrites on every apply (the generated keys, the files with passwords, the
// passwords, cert-manager's certificates). Refused with the key that names it, before anything is created.
import { KEYSTORE_ROLES } from "../config/keystore-keys";
import { ObkmConfig } from "../config/load";
import { ConfigError, fullKey, showValue } from "../config/problems";
import { Names } from "./names";

/** Each Secret the stack writes, or has cert-manager write, with what it holds. */
export function ownSecrets(n: Names): Array<{ name: string; holds: string }> {
  return [
    { name: n.keystores, holds: "the keys and passwords it generates" },
    { name: n.secretFiles, holds: "the node files that hold passwords" },
    { name: n.credentials, holds: "the passwords, for the database and the operators" },
    { name: n.nodeCertificate, holds: "the nodes' certificate from cert-manager" },
    { name: n.tlsSecret, holds: "the Ingress's certificate from cert-manager" },
  ];
}

export function checkOwnSecrets(config: ObkmConfig, n: Names): void {
  const own = ownSecrets(n);
  const problems: string[] = [];
  for (const role of KEYSTORE_ROLES) {
    const keystore = config.keystores[role];
    // A role without a Secret of its own reads the signing keystore's, whose key is reported under signing.
    if (keystore.source !== "secret" || (role !== "signing" && keystore === config.keystores.signing)) continue;
    for (const [field, name] of [
      ["secret", keystore.secret],
      ["passwordSecret", keystore.password.secret],
    ] as const) {
      const taken = own.find((s) => s.name === name);
      // The password read from the keystore's own Secret is reported once, under keys.<role>.secret.
      if (!taken || (field === "passwordSecret" && name === keystore.secret)) continue;
      problems.push(
        `${fullKey([`keystores.${role}.${field}`])}: got ${showValue(name)}; expected a Secret of yours, not ${name}, which this stack writes itself (${taken.holds})`,
      );
    }
  }
  if (problems.length) throw new ConfigError(problems);
}
