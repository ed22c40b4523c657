// The checks of the keystore keys that need several of them. Only a dev stack may run on keys it generated;
// every other stack names the Secret of its signing keystore.
import { KEYSTORE_ROLES } from "./keystore-keys";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";
import { isDevStack } from "./stacks";

export function keystoreProblems(parsed: Parsed, failed: Failed, stack: string): string[] {
  const problems: string[] = [];
  if (!failed("keys.signing.secret") && !parsed["keys.signing.secret"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["keys.signing.secret"])}: is empty on stack ${showValue(stack)}; expected the name of the Secret that holds the signing keystore, because only a dev stack (dev or dev-*) may sign with keys it generated`,
    );
  }
  if (!failed("keys.signing.kid") && !parsed["keys.signing.kid"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["keys.signing.kid"])}: is empty on stack ${showValue(stack)}; expected the key id of the signing certificate, which the nodes' finance/open-banking.xml names (SigningCertificateKid) and the OB directory knows`,
    );
  }
  for (const role of KEYSTORE_ROLES) {
    const secretKey = `keys.${role}.secret` as const;
    const aliasKey = `keys.${role}.alias` as const;
    if (!failed(secretKey, aliasKey) && parsed[secretKey] && !parsed[aliasKey]) {
      problems.push(
        `${fullKey([aliasKey])}: is empty with ${fullKey([secretKey])} ${showValue(parsed[secretKey])}; expected the alias of the key entry in that keystore`,
      );
    }
  }
  if (!failed("keys.tls.secret", "keys.tls.issuer") && parsed["keys.tls.secret"] && parsed["keys.tls.issuer"]) {
    problems.push(
      `${fullKey(["keys.tls.issuer"])}: got ${showValue(parsed["keys.tls.issuer"])} with ${fullKey(["keys.tls.secret"])} ${showValue(parsed["keys.tls.secret"])}; expected one of the two, because both would supply the HTTPS connector's keystore`,
    );
  }
  return problems;
}
