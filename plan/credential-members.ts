// Redaction by meaning: every member of the pack's files that holds a credential, in one table, and what a
// render shows in its place. A render shows the files that hold credentials (the secret files' Secret) with
// each credential hidden where it stands and every other byte as the nodes get it; a value the file still
// holds at the pack's published default is shown, marked as such, so a reviewer sees that it was never
// changed (the default is public: hiding it would hide only the mistake).
//
// The members and their published defaults, read in WSO2's OB 1.4 sets (wso2/docker-open-banking 1.4.x
// docker-compose/obam-with-obkm/obkm/{uk,berlin,au}/repository: conf/carbon.xml, conf/axis2/axis2.xml,
// conf/user-mgt.xml, conf/registry.xml, conf/identity/identity.xml, conf/identity/application-authentication.xml,
// conf/datasources/{master,open-banking}-datasources.xml, conf/finance/open-banking.xml, and
// deployment/server/jaggeryapps/{consentmgt,ccportal}/configs/conf.json), and WSO2's "Configuring Consent
// Revocation Apps" (OB 1.4 docs: consentmgt's authCredential is base64 of its OAuth client's id and secret).
import type { TextElement } from "../xml/edits";
import { replaceElementTexts } from "../xml/edits";
import { replaceJsonStrings } from "../json/edits";
import { replacePropertyValues } from "../velocity/properties";
import { TextAnswers } from "../lib/recent";

export interface CredentialMember {
  /** What the member is, for the docs and the tests. */
  what: string;
  /** `xml`: an element that holds text; `json`: a string member. */
  format: "xml" | "json";
  /** Whether an element (by local name and attributes) or a JSON member (by name) is this credential. */
  matches: (name: string, attributes: Readonly<Record<string, string>>) => boolean;
  /** The values WSO2's OB 1.4 packs ship for it: public, so shown (marked) rather than hidden. */
  publishedDefaults: readonly string[];
}

const endsWith = (suffix: string) => (name: string) => name.toLowerCase().endsWith(suffix.toLowerCase());

/** Every credential member of the pack's files, once. */
export const CREDENTIAL_MEMBERS: readonly CredentialMember[] = [
  {
    what: "an element whose name ends in Password: keystores' Password and KeyPassword (carbon.xml, axis2.xml), datasources' password, the admin's Password (user-mgt.xml), APISecurity/Global and the BI servers' Password (open-banking.xml), XMPPPassword, SvnPassword",
    format: "xml",
    matches: endsWith("password"),
    publishedDefaults: ["wso2carbon", "wso2123", "root", "admin", "password"],
  },
  {
    what: "a Property or parameter whose name attribute names a password: the user store's ConnectionPassword (user-mgt.xml), axis2.xml's mail.smtp.password, a Property named password (never a flag such as StoreSaltedPassword), the API Manager's gateway template's handler property password (velocity_template.xml: its keystore's, wso2carbon in the sets)",
    format: "xml",
    matches: (_, attributes) => /^(connectionpassword|password|.*\.password)$/i.test(attributes.name ?? ""),
    publishedDefaults: ["admin", "A1b2c3d4", "mailpassword", "wso2carbon"],
  },
  {
    what: "a Parameter that holds an API secret (application-authentication.xml's EmailOTP: GmailClientSecret, SendgridAPIKey, GmailRefreshToken)",
    format: "xml",
    matches: (_, attributes) => /(secret|apikey|refreshtoken)$/i.test(attributes.name ?? ""),
    publishedDefaults: ["gmailClientSecretValue", "sendgridAPIKeyValue", "gmailRefreshTokenValue"],
  },
  {
    what: "consentmgt's authCredential: base64 of its OAuth client's id and secret",
    format: "json",
    matches: (name) => name === "authCredential",
    publishedDefaults: [""],
  },
  {
    what: "a member whose name ends in Password or Secret (ccportal's ssoConfiguration.keyStorePassword)",
    format: "json",
    matches: (name) => /(password|secret)$/i.test(name),
    publishedDefaults: [""],
  },
];

/** How a value left at its published default is shown: the value itself, marked. */
export const publishedDefault = (value: string) => `${value} [the pack's published default]`;

function shownValue(members: readonly CredentialMember[], name: string, attributes: Readonly<Record<string, string>>, value: string, marker: string) {
  const member = members.find((m) => m.matches(name, attributes));
  // Nothing to hide in an empty value, and the program's own marker stays: both left byte for byte.
  if (!member || value === "" || value === marker) return undefined;
  return member.publishedDefaults.includes(value) ? publishedDefault(value) : marker;
}

/**
 * What a render shows of a file that holds credentials: each credential member's value hidden by `marker`
 * where it stands, or shown marked when it is the pack's published default; every other byte unchanged.
 */
export function credentialsShown(path: string, content: string, marker: string): string {
  if (path.endsWith(".json")) {
    const members = CREDENTIAL_MEMBERS.filter((m) => m.format === "json");
    return replaceJsonStrings(path, content, (name, value) => shownValue(members, name, {}, value, marker));
  }
  const members = CREDENTIAL_MEMBERS.filter((m) => m.format === "xml");
  return replaceElementTexts(path, content, (element: TextElement) => {
    // Only an element that holds text alone: a Password block with children (identity.xml's policies) is no value.
    if (element.hasChildren) return undefined;
    return shownValue(members, element.name, element.attributes, element.text, marker);
  });
}

/**
 * What a render shows of the API Manager's gateway template (a Velocity template, no XML a parser reads): each
 * handler property that is a credential (`<property name="password" value="..."/>`) hidden or marked as above,
 * every other byte unchanged.
 */
export function velocityCredentialsShown(content: string, marker: string): string {
  const members = CREDENTIAL_MEMBERS.filter((m) => m.format === "xml");
  return replacePropertyValues(content, (name, value) => shownValue(members, "property", { name }, value, marker));
}

/**
 * What the program writes where a password goes until the node fills it: a keystore's token, which the
 * start script replaces (keystores/keystore-edits.ts passwordToken), or a slot of the secret files or the
 * editor (credentials.ts, editor/edit-plan.ts).
 */
export const isProgramStandIn = (value: string) => /^@obkm-password:[a-z-]+@$/.test(value) || /^@@obkm-secret:[a-z0-9-]+@@$/.test(value);

/**
 * The credential members of a file that hold a value of the user's own: neither empty, nor the pack's
 * published default, nor a stand-in the program writes there (`isStandIn`: a token the start script fills).
 * Such a file may not go into a ConfigMap. Each as `element` or `element[@name='...']`, in document order.
 */
export function credentialsHeld(path: string, content: string, isStandIn: (value: string) => boolean = isProgramStandIn): string[] {
  if (isStandIn !== isProgramStandIn) return heldIn(path, content, isStandIn);
  return heldOfProgramFiles.of(content, path, () => heldIn(path, content, isStandIn));
}

/**
 * What credentialsHeld found lately with the program's own stand-ins, by the file's whole text and its path
 * (which says how it is read): a plan asks it of every node file, and the tests plan hundreds of stacks whose
 * files are mostly the same texts. Bounded (lib/recent.ts).
 */
const heldOfProgramFiles = new TextAnswers(48);

function heldIn(path: string, content: string, isStandIn: (value: string) => boolean): string[] {
  const held: string[] = [];
  const own = (member: CredentialMember, value: string) => value !== "" && !member.publishedDefaults.includes(value) && !isStandIn(value);
  if (path.endsWith(".json")) {
    const members = CREDENTIAL_MEMBERS.filter((m) => m.format === "json");
    replaceJsonStrings(path, content, (name, value) => {
      const member = members.find((m) => m.matches(name, {}));
      if (member && own(member, value)) held.push(name);
      return undefined;
    });
  } else if (path.endsWith(".xml")) {
    const members = CREDENTIAL_MEMBERS.filter((m) => m.format === "xml");
    replaceElementTexts(path, content, (element) => {
      const member = element.hasChildren ? undefined : members.find((m) => m.matches(element.name, element.attributes));
      if (member && own(member, element.text))
        held.push(element.attributes.name === undefined ? element.name : `${element.name}[@name='${element.attributes.name}']`);
      return undefined;
    });
  }
  return held;
}
