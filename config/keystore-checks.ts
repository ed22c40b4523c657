// The checks of the keystore keys that need several of them. Only a dev stack may run on keys it generated;
// every other stack names the Secret of its signing keystore.
import { KEYSTORE_ROLES } from "./keystore-keys";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";
import { isDevStack } from "./stacks";

export function keystoreProblems(parsed: Parsed, failed: Failed, stack: string): string[] {
  const problems: string[] = [];
  if (!failed("keystores.signing.secret") && !parsed["keystores.signing.secret"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["keystores.signing.secret"])}: is empty on stack ${showValue(stack)}; expected the name of the Secret that holds the signing keystore, because only a dev stack (dev or dev-*) may sign with keys it generated`,
    );
  }
  if (!failed("keystores.signing.kid") && !parsed["keystores.signing.kid"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["keystores.signing.kid"])}: is empty on stack ${showValue(stack)}; expected the key id of the signing certificate, which the nodes' finance/open-banking.xml names (SigningCertificateKid) and the OB directory knows`,
    );
  }
  for (const role of KEYSTORE_ROLES) {
    const secretKey = `keystores.${role}.secret` as const;
    const aliasKey = `keystores.${role}.alias` as const;
    if (!failed(secretKey, aliasKey) && parsed[secretKey] && !parsed[aliasKey]) {
      problems.push(
        `${fullKey([aliasKey])}: is empty with ${fullKey([secretKey])} ${showValue(parsed[secretKey])}; expected the alias of the key entry in that keystore`,
      );
    }
  }
  if (!failed("keystores.tls.secret", "keystores.tls.issuer") && parsed["keystores.tls.secret"] && parsed["keystores.tls.issuer"]) {
    problems.push(
      `${fullKey(["keystores.tls.issuer"])}: got ${showValue(parsed["keystores.tls.issuer"])} with ${fullKey(["keystores.tls.secret"])} ${showValue(parsed["keystores.tls.secret"])}; expected one of the two, because both would supply the HTTPS connector's keystore`,
    );
  }
  return problems;
}
