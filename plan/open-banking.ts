// The Open Banking layer's own files: finance/open-banking.xml and datasources/open-banking-datasources.xml.
// WSO2 ships them under its commercial licence, so the project never holds a copy. They are edited where
// the user's templates (configTemplates, their pack's repository/conf) hold them, at render time, so a
// review shows the edited files; otherwise the same edits are applied to the image's own files at a node's
// start (open-banking-start.ts). Both hold passwords (the BI servers', the OB database's), so they reach the
// nodes through the Secret of the files that hold passwords or the editor's memory volume, never a
// ConfigMap.
//
// The signing certificates' elements, read in wso2/kubernetes-open-banking 1.4.x
// (eval-ob-pattern-1/confs/obkm/repository/conf/finance/open-banking.xml; root element Server in the
// namespace http://wso2.org/projects/carbon/open-banking.xml): OBIdentityRetriever/Server/
// SigningCertificateAlias, SandboxSigningCertificateAlias, SigningCertificateKid and SandboxCertificateKid.
import { ObkmConfig } from "../config/load";
import { KM_OPEN_BANKING_PLACES } from "../flows/places-open-banking";
import { secretSlot } from "../editor/edit-plan";
import { XmlEdit } from "../xml/edits";
import { OPEN_BANKING_DATASOURCES_XML } from "./database/datasources";
import { biCheckEdits, biServerUrlOrigins } from "./bi-server";
import { ports } from "./ports";

import { OPEN_BANKING_XML } from "../flows/places-open-banking";

export { OPEN_BANKING_XML };
/** The user's OB files the program edits when configTemplates holds them. */
export const OPEN_BANKING_FILES = [OPEN_BANKING_XML, OPEN_BANKING_DATASOURCES_XML];

/** `https://host[:port]`, without the port when it is HTTPS's own. */
const origin = (host: string, port: number) => `https://${host}${port === 443 ? "" : `:${port}`}`;

/**
 * Where the pack's URLs must point, by the port they name. Read in WSO2's OB 1.4 material
 * (wso2/puppet-open-banking 1.4.x modules/obkm/templates/.../finance/open-banking.xml.erb, and the
 * wso2/docker-open-banking 1.4.x copies): 8243 is the API Manager's gateway (event notifications, the
 * accounts, payments and funds-confirmation APIs, Berlin's self links and OAuth metadata), 9443 and 9763
 * its servlet transport (the bank back-end samples, the Berlin accounts endpoint), and 9446 the KM itself
 * (Berlin's SCA redirects, which the customer's browser follows: the KM's public URL). Plain-HTTP 9763 and
 * 9766 become the HTTPS ports: the cluster reaches neither servlet over plain HTTP. The BI server's URLs
 * (7612, 8006, 8007) are pointed at biServer.host by bi-server.ts, or left as they are without it (and refused
 * where a switch turns them on).
 */
export function openBankingUrlOrigins(config: ObkmConfig) {
  const hosts = config.openBanking.packHosts;
  return [
    { hosts, ports: [8243], to: origin(config.apim.hostname, config.apim.gatewayPort) },
    { hosts, ports: [9443, 9763], to: origin(config.apim.services.host, config.apim.services.port) },
    { hosts, ports: [ports.servletHttps.port, ports.servletHttp.port], to: origin(config.hostname, 443) },
  ];
}

/**
 * Every edit of open-banking.xml, here and nowhere else: the specification, the URLs re-pointed by origin,
 * the Berlin and STET hosts and ports, APISecurity's user (the KM's admin), the signing certificates the keys plan names (`signing`), and the checks of the
 * BI server's switches (bi-server.ts), which change nothing.
 */
export function openBankingXmlEdits(config: ObkmConfig, signing: OpenBankingSigning): XmlEdit[] {
  return [
    { kind: "set", path: "/Server/DeployedSpecification", value: config.openBanking.specification },
    {
      kind: "rewriteUrls",
      origins: [...openBankingUrlOrigins(config), ...biServerUrlOrigins(config)],
      // The URLs no flow of OB 1.4 uses stay as the pack has them (flows/places-open-banking.ts).
      except: KM_OPEN_BANKING_PLACES.filter((p) => "unused" in p.use).map((p) => p.element),
    },
    ...gatewayHostEdits(config),
    ...apiSecurityEdits(config),
    ...openBankingSigningEdits(signing),
    // Last, so that they read the URLs as edited: a BI feature on must call a server the nodes reach.
    ...biCheckEdits(config),
  ];
}

/**
 * The gateway's host and port that the Berlin and STET sections name without a URL (puppet-open-banking 1.4.x's
 * template: Server/Berlin/Host and Port, Server/STET/Host and Port; 8243 in WSO2's sets, the gateway's): the
 * same in the KM's and the API Manager's copy of the file (apim-files.ts).
 */
export function gatewayHostEdits(config: ObkmConfig): XmlEdit[] {
  return [
    { kind: "set", path: "/Server/Berlin/Host", value: config.apim.hostname, ifPresent: true },
    { kind: "set", path: "/Server/STET/Host", value: config.apim.hostname, ifPresent: true },
    { kind: "set", path: "/Server/Berlin/Port", value: String(config.apim.gatewayPort), ifPresent: true },
    { kind: "set", path: "/Server/STET/Port", value: String(config.apim.gatewayPort), ifPresent: true },
  ];
}

/** The credentials Secret's key of the KM admin's password, which is also its slot's name (credentials.ts). */
export const ADMIN_PASSWORD_SLOT = "admin-password";

/**
 * APISecurity/Global: the user the API Manager's gateway sends, as Basic auth, to the KM's consent-validation
 * resources (/consent/...), which the KM's identity.xml ResourceAccessControl opens to Basic auth with
 * /permission/admin only (docker-open-banking 1.4.x obkm/uk/repository/conf/identity/identity.xml: a Resource
 * per spec version, `(.*)/uk300/(.*)`, `(.*)/berlin110/(.*)`, `(.*)/stet140/(.*)`..., allowed-auth-handlers
 * BasicAuthentication; the call map's gateway.consent-validation). Both copies of open-banking.xml hold it (docker-open-banking
 * 1.4.x obam/ and obkm/{uk,berlin,au} repository/conf/finance/open-banking.xml: Server/APISecurity/Global/
 * Username and Password, admin@wso2.com and wso2123 in the sets), and both are set to the KM's admin, whose
 * password is generated or supplied: left at the pack's, every call would meet a 401. The password stands as a
 * slot, filled inside the apply (credentials.ts fillSecrets) or by the editor at a node's start.
 */
export function apiSecurityEdits(config: ObkmConfig): XmlEdit[] {
  return [
    { kind: "set", path: "/Server/APISecurity/Global/Username", value: config.admin.username },
    { kind: "set", path: "/Server/APISecurity/Global/Password", value: secretSlot(ADMIN_PASSWORD_SLOT) },
  ];
}

const RETRIEVER = "/Server/OBIdentityRetriever/Server";

/**
 * The signing keys Open Banking names: aliases in the signing keystore, and the key ids the OB directory
 * knows. A dev stack may leave the key ids to the image's file: its generated key is no directory's.
 */
export interface OpenBankingSigning {
  alias: string;
  kid?: string;
  sandbox: { alias: string; kid?: string };
}

/** A bank's stack names the key ids (config/keystore-checks.ts refuses it without them); a dev stack may not. */
export function openBankingSigning(config: ObkmConfig, signingAlias: string): OpenBankingSigning {
  const { kid, sandbox } = config.keystores.openBanking;
  return { alias: signingAlias, kid, sandbox: { alias: sandbox.alias ?? signingAlias, kid: sandbox.kid ?? kid } };
}

function openBankingSigningEdits(signing: OpenBankingSigning): XmlEdit[] {
  const set = (element: string, value: string | undefined): XmlEdit[] =>
    value === undefined ? [] : [{ kind: "set", path: `${RETRIEVER}/${element}`, value }];
  return [
    ...set("SigningCertificateAlias", signing.alias),
    ...set("SigningCertificateKid", signing.kid),
    ...set("SandboxSigningCertificateAlias", signing.sandbox.alias),
    ...set("SandboxCertificateKid", signing.sandbox.kid),
  ];
}
