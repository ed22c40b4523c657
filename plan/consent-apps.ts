// The consent web apps' settings: consentmgt (the PSU's self-care portal) and ccportal (the bank's customer
// care portal), each a Jaggery app whose configs/conf.json says where it runs, whom its server side calls
// and which specification it serves. The files are WSO2's, under its commercial licence: the program edits
// the user's copies at render time, where configTemplates' repository holds them, or the image's own at a
// node's start (open-banking-start.ts).
//
// Each URL-valued member is pointed at the route of the call map (flows/calls.ts) that its caller needs,
// as flows/places-consent-apps.ts lists them: the PSU's browser follows redirectUrl and logoutUrl (the
// public host); the portal's server side, which runs in the KM pod, calls kmHost:kmPort (the KM Service,
// never the public host, where /oauth2/token is not published) and apimHost with apimHttpPort and
// apimNioPort (the API Manager). Read in WSO2's OB 1.4 material: wso2/docker-open-banking 1.4.x
// docker-compose/obam-with-obkm/obkm/{uk,berlin,au}/repository/deployment/server/jaggeryapps/
// {consentmgt,ccportal}/configs/conf.json, wso2/puppet-open-banking 1.4.x modules/obkm/templates/.../
// conf.json.erb (apimHost written as `http://<apim host>`: the member carries its scheme), and
// wso2/kubernetes-open-banking 2.0.x ob-pattern-2's consentmgt (kmHost at the node itself, apimHost at the
// API Manager's Service: the server side's calls stay inside the cluster).
import type { Specification } from "../config/open-banking-keys";
import { ObkmConfig } from "../config/load";
import { secretSlot } from "../editor/edit-plan";
import { callById } from "../flows/calls";
import { JsonEdit } from "../json/edits";
import { routeEnds } from "./calls/origins";
import { Names } from "./names";
import type { EnvVar } from "./types";

/**
 * Under the pack's repository/; jaggeryapps is not one of the shared claim's areas, so each node has its own.
 * configTemplates is a repository/conf, so the user's copies are read beside it, at ../deployment/....
 */
export const CONSENT_APP_FILES = {
  consentmgt: "deployment/server/jaggeryapps/consentmgt/configs/conf.json",
  ccportal: "deployment/server/jaggeryapps/ccportal/configs/conf.json",
} as const;

/** A consent app's file as a template path: relative to repository/conf, where configTemplates points. */
export const consentAppTemplate = (file: string) => `../${file}`;

/**
 * What the consent apps' DeployedSpecification holds for each specification, as WSO2's own sets keep it:
 * UK and BERLIN as themselves, and UK for AU (docker-open-banking 1.4.x obkm/au's consentmgt and ccportal
 * both keep "UK": the apps know UK and BERLIN consents only, as ccportal's consentStatuses shows).
 */
export const CONSENT_APP_SPECIFICATION: Record<Specification, string> = { UK: "UK", BERLIN: "BERLIN", AU: "UK" };

/**
 * The consent portal's own OAuth client, from the bank's Secret (openBanking.consentAppClientSecret): each
 * member, the Secret's key that holds its value (named as the member), and the slot the editor fills.
 */
export const CONSENT_APP_CLIENT = [
  { member: "applicationId", key: "applicationId", slot: "consent-app-application-id" },
  { member: "authCredential", key: "authCredential", slot: "consent-app-auth-credential" },
] as const;

/** The edits that write the client's id and credential, as slots the editor fills at a node's start. */
export function consentAppClientEdits(config: ObkmConfig): JsonEdit[] {
  if (!config.openBanking.consentAppClientSecret) return [];
  return CONSENT_APP_CLIENT.map(({ member, slot }) => ({ kind: "set", path: [member], value: secretSlot(slot) }));
}

/** Where the editor reads each slot of the client: the bank's Secret, by key. */
export function consentAppClientEnv(config: ObkmConfig, envName: (slot: string) => string): EnvVar[] {
  const secret = config.openBanking.consentAppClientSecret;
  if (!secret) return [];
  return CONSENT_APP_CLIENT.map(({ key, slot }) => ({ name: envName(slot), valueFrom: { secretKeyRef: { name: secret, key } } }));
}

export const CONSENT_APP_CLIENT_SLOTS: readonly string[] = CONSENT_APP_CLIENT.map((c) => c.slot);

/** `scheme://host`, the host bracketed when it is an IPv6 address: apimHost and kmHost carry no port. */
const schemeAndHost = (host: string) => `https://${host.includes(":") ? `[${host}]` : host}`;

/** The edits that need no secret: where each member points, and the specification. */
export function consentAppEdits(config: ObkmConfig, n: Names): Record<string, JsonEdit[]> {
  const ends = routeEnds(config, n);
  // The routes every one of these members follows end at one server each: the config always names them.
  const publicEnd = ends.public!;
  const cluster = ends.cluster!;
  const services = ends["apim-services"]!;
  const gateway = ends.gateway!;
  // The browser's: the public host on 443, the portal's own path (psu.consent-portal).
  const portal = `https://${publicEnd.host}${callById("psu.consent-portal").path}`;
  const spec = CONSENT_APP_SPECIFICATION[config.openBanking.specification];
  return {
    [CONSENT_APP_FILES.consentmgt]: [
      { kind: "set", path: ["DeployedSpecification"], value: spec },
      // The server side's (consentmgt.apim, consentmgt.apim-gateway): the API Manager. WSO2 writes http to
      // its plain ports (9763, 8280); this stack's routes to the API Manager are its TLS ports, so the
      // scheme is https with them.
      { kind: "set", path: ["apimHost"], value: schemeAndHost(services.host) },
      { kind: "set", path: ["apimHttpPort"], value: String(services.port) },
      { kind: "set", path: ["apimNioPort"], value: String(gateway.port) },
      // The server side's token call (consentmgt.token): the KM Service, whose certificate names it.
      { kind: "set", path: ["kmHost"], value: schemeAndHost(cluster.host) },
      { kind: "set", path: ["kmPort"], value: String(cluster.port) },
      { kind: "set", path: ["redirectUrl"], value: portal },
      { kind: "set", path: ["logoutUrl"], value: portal },
    ],
    [CONSENT_APP_FILES.ccportal]: [{ kind: "set", path: ["DeployedSpecification"], value: spec }],
  };
}
