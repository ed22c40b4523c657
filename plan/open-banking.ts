// finance/open-banking.xml, the Open Banking layer's own file. WSO2 ships it under its commercial licence,
// so the project never holds a copy: it is edited only where the user's templates (configTemplates, their
// pack's repository/conf) hold it. It also holds passwords of its own (the BI servers'), so it reaches the
// nodes through the Secret of the files that hold passwords, never a ConfigMap.
//
// The signing certificates' elements, read in wso2/kubernetes-open-banking 1.4.x
// (eval-ob-pattern-1/confs/obkm/repository/conf/finance/open-banking.xml; root element Server in the
// namespace http://wso2.org/projects/carbon/open-banking.xml): OBIdentityRetriever/Server/
// SigningCertificateAlias, SandboxSigningCertificateAlias, SigningCertificateKid and SandboxCertificateKid.
import { ObkmConfig } from "../config/load";
import { ConfigError, fullKey } from "../config/problems";
import { XmlEdit } from "../xml/edits";

export const OPEN_BANKING_XML = "finance/open-banking.xml";

const RETRIEVER = "/Server/OBIdentityRetriever/Server";

/** The signing keys Open Banking names: aliases in the signing keystore, and the key ids the OB directory knows. */
export interface OpenBankingSigning {
  alias: string;
  kid: string;
  sandbox: { alias: string; kid: string };
}

export function openBankingSigning(config: ObkmConfig, signingAlias: string): OpenBankingSigning {
  const { kid, sandbox } = config.keys.openBanking;
  if (!kid) {
    throw new ConfigError([
      `${fullKey(["keys.signing.kid"])}: is empty; expected the key id of the signing certificate, because the templates hold ${OPEN_BANKING_XML}, whose SigningCertificateKid it sets`,
    ]);
  }
  return { alias: signingAlias, kid, sandbox: { alias: sandbox.alias ?? signingAlias, kid: sandbox.kid ?? kid } };
}

export function openBankingSigningEdits(signing: OpenBankingSigning): XmlEdit[] {
  return [
    { kind: "set", path: `${RETRIEVER}/SigningCertificateAlias`, value: signing.alias },
    { kind: "set", path: `${RETRIEVER}/SigningCertificateKid`, value: signing.kid },
    { kind: "set", path: `${RETRIEVER}/SandboxSigningCertificateAlias`, value: signing.sandbox.alias },
    { kind: "set", path: `${RETRIEVER}/SandboxCertificateKid`, value: signing.sandbox.kid },
  ];
}
