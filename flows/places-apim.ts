// Where the OB API Manager's files hold URLs, and what each is for, in the style of places.ts: every URL-valued
// element of the three files the program edits for the API Manager when `apim.configTemplates` holds them,
// each pointed at a route of the call map (flows/calls.ts) or listed as unused with why. Read in WSO2's OB 1.4
// sets, wso2/docker-open-banking 1.4.x (65406cdf) docker-compose/obam-with-obkm/obam/{uk,berlin,au}/repository:
// - conf/finance/open-banking.xml: the same URL elements, under the same paths, as the KM's copy of the file
//   (the two differ by a space in the sets), so its places are the KM's (places-open-banking.ts) seen from the
//   API Manager: the gateway's and the servlet's URLs are its own, pointed the same way; the BI server's are
//   the API Manager's own publishing, which its stack points;
// - resources/api_templates/velocity_template.xml: the gateway's handlers name the KM's consent-validation
//   resources as `<property name="..." value="https://obkm:9446/consent/<spec>/..."/>` (UK's
//   ConsentEnforcementHandler, Berlin's, STET's, and AU's AUConsentEnforcementHandler's validationBaseUrl);
// - conf/api-manager.xml: the admin services' ServerURLs (the KM, 9446) and the API Manager's own URLs.
import type { Route } from "./calls";
import type { PlaceUse, UrlPlace } from "./places";
import { KM_OPEN_BANKING_PLACES, OPEN_BANKING_XML } from "./places-open-banking";

/** The API Manager's files, by their path under its repository/conf (the velocity template beside it, under resources/). */
export const APIM_API_MANAGER_XML = "api-manager.xml";
export const APIM_OPEN_BANKING_XML = OPEN_BANKING_XML;
export const APIM_VELOCITY_TEMPLATE = "../resources/api_templates/velocity_template.xml";

/**
 * Where a URL of the API Manager's files goes, by the port it names on one of the pack's hosts
 * (openBanking.packHosts): 8243 is the gateway's HTTPS port (the self links and API URLs it gives out),
 * 9443 and 9763 its own servlet transport, and 9446 and 9766 the KM's (port offset 3), which the gateway and
 * the API Manager call inside the cluster, at the KM Service: never through the public Ingress, which
 * publishes none of the consent-validation or admin resources. Plain-HTTP 9766 becomes the Service's 9446:
 * the KM Service serves no plain HTTP.
 */
export const APIM_PORT_ROUTES: ReadonlyArray<{ ports: readonly number[]; route: Route; what: string }> = [
  { ports: [8243], route: "gateway", what: "the gateway's HTTPS port" },
  { ports: [9443, 9763], route: "apim-services", what: "the API Manager's servlet transport" },
  { ports: [9446, 9766], route: "cluster", what: "the KM's servlet transport (port offset 3)" },
];

/** The ports APIM_PORT_ROUTES sends to `route`. */
export const apimPortsOf = (route: Route): number[] => APIM_PORT_ROUTES.filter((r) => r.route === route).flatMap((r) => r.ports);

const apim = (file: string, element: string, use: PlaceUse): UrlPlace => ({ side: "apim", file, element, use });

/** The KM's open-banking.xml places, seen from the API Manager's copy. */
const OPEN_BANKING: UrlPlace[] = KM_OPEN_BANKING_PLACES.map((place) =>
  apim(
    APIM_OPEN_BANKING_XML,
    place.element,
    "route" in place.use && place.use.route === "bi-server"
      ? {
          unused:
            "the API Manager's own publishing to the BI server, which the API Manager's stack points (biServer.* re-points the KM's only); WSO2's switches for it are off in the sets",
        }
      : place.use,
  ),
);

/**
 * The gateway handlers' properties that name a KM resource (velocity_template.xml), each a consent-validation
 * URL: the same six that WSO2's own OB 1.4 set-up points at the KM's 9446 (wso2/puppet-open-banking 1.4.x
 * modules/obam/templates/carbon-home/repository/resources/api_templates/velocity_template.xml.erb, iam_hostname).
 */
export const VELOCITY_KM_PROPERTIES = [
  "validationBaseUrl",
  "accountValidationUrl",
  "paymentConsumtionUpdateUrl",
  "paymentSubmissionValidationUrl",
  "paymentConsentDataUrl",
  "fundConfirmationValidationUrl",
];

/** How a velocity_template.xml place names a handler property's value, or an attribute of any element. */
export const velocityPropertyPlace = (name: string) => `/handler/property[@name='${name}']/@value`;
export const VELOCITY_NAMESPACE_PLACE = "//@xmlns";

const VELOCITY: UrlPlace[] = [
  ...VELOCITY_KM_PROPERTIES.map((name) => apim(APIM_VELOCITY_TEMPLATE, velocityPropertyPlace(name), { route: "cluster" })),
  apim(APIM_VELOCITY_TEMPLATE, VELOCITY_NAMESPACE_PLACE, { unused: "a namespace name (Synapse's): an identifier, which nobody calls" }),
];

const AM = "/APIManager";
const own = (what: string) => ({ unused: `${what}: a call inside the API Manager, which its own stack configures and the call map does not route` });

const API_MANAGER: UrlPlace[] = [
  // The admin services the API Manager calls as the KM's admin (plan/apim.ts writes them).
  apim(APIM_API_MANAGER_XML, `${AM}/AuthManager/ServerURL`, { route: "cluster" }),
  apim(APIM_API_MANAGER_XML, `${AM}/APIKeyValidator/ServerURL`, { route: "cluster" }),
  apim(APIM_API_MANAGER_XML, `${AM}/APIKeyManager/Configuration/ServerURL`, { route: "cluster" }),
  // The gateway's own /revoke, which clears its cache and revokes at the KM (plan/apim.ts).
  apim(APIM_API_MANAGER_XML, `${AM}/OAuthConfigurations/RevokeAPIURL`, { route: "gateway" }),
  ...["ServerURL", "GatewayEndpoint", "GatewayWSEndpoint"].map((e) =>
    apim(APIM_API_MANAGER_XML, `${AM}/APIGateway/Environments/Environment/${e}`, own("the gateway environment the publisher deploys APIs to")),
  ),
  apim(APIM_API_MANAGER_XML, `${AM}/Analytics/StreamProcessorRestApiURL`, own("API Manager analytics (WSO2 Stream Processor), off in the pack")),
  apim(APIM_API_MANAGER_XML, `${AM}/APIKeyManager/Configuration/TokenURL`, own("the gateway's /token as the API Store calls it")),
  apim(APIM_API_MANAGER_XML, `${AM}/APIKeyManager/Configuration/RevokeURL`, own("the gateway's /revoke as the API Store calls it")),
  apim(APIM_API_MANAGER_XML, `${AM}/APIStore/URL`, own("the API Store web app")),
  apim(APIM_API_MANAGER_XML, `${AM}/APIStore/ServerURL`, own("the API Store's admin services")),
  apim(APIM_API_MANAGER_XML, `${AM}/APIPublisher/URL`, own("the API Publisher web app")),
  ...["TrafficManager/ReceiverUrlGroup", "TrafficManager/AuthUrlGroup", "PolicyDeployer/ServiceURL"].map((e) =>
    apim(APIM_API_MANAGER_XML, `${AM}/ThrottlingConfigurations/${e}`, own("the traffic manager (throttling)")),
  ),
  apim(
    APIM_API_MANAGER_XML,
    `${AM}/ThrottlingConfigurations/JMSConnectionDetails/JMSConnectionParameters/connectionfactory.TopicConnectionFactory`,
    own("the traffic manager's JMS broker"),
  ),
  ...["ServerUrl", "WorkflowCallbackAPI", "TokenEndPoint", "DCREndPoint"].map((e) =>
    apim(APIM_API_MANAGER_XML, `${AM}/WorkflowConfigurations/${e}`, own("the workflow executor (WSO2 BPS), off in the pack")),
  ),
];

/** Every place the API Manager's files hold a URL: api-manager.xml's, open-banking.xml's and the gateway template's. */
export const APIM_PLACES: readonly UrlPlace[] = [...API_MANAGER, ...OPEN_BANKING, ...VELOCITY];

/** Where the gateway's own OAuth APIs are, beside repository/conf as the velocity template is. */
const SYNAPSE_APIS = "../deployment/server/synapse-configs/default/api";

/**
 * Where the API Manager takes the KM's address from, for a call it makes to the KM (flows/calls.ts, caller
 * `apim-gateway` or `apim-services`, callee `km`):
 * - `edited`: elements of its files the program edits when `apim.configTemplates` holds them (places above,
 *   routed to the KM Service), each holding the call's whole URL;
 * - `by-hand`: a file the program never edits; docs/open-banking.md's checklist tells the bank what to set
 *   there, in this table's words;
 * - `none`: no file of the API Manager's names the KM for it, and why.
 * tests/flows.test.ts holds every such call to an entry, and walks each `edited` one through the rendered files.
 */
export type ApimAddress =
  | { kind: "edited"; file: string; elements: readonly string[] }
  | { kind: "by-hand"; file: string; element: string; setTo: string }
  | { kind: "none"; why: string };

/**
 * The gateway's token, authorize, revoke and userinfo APIs are Synapse APIs of the API Manager's
 * (`_TokenAPI_.xml` and its siblings), which fronts the KM. APIM 2.6.0's `_TokenAPI_.xml` (as a public guide
 * to custom gateway handlers for wso2am-2.6.0 quotes it; the pack itself was not read) sends to
 * `https://{uri.var.hostname}:{uri.var.portnum}/oauth2/token`, filled from `keyManager.hostname` and
 * `keyManager.port`, which the gateway's SynapsePropertiesHandler copies from the system properties the API
 * Manager sets at its start from the host and port of api-manager.xml's `APIKeyValidator/ServerURL` (wso2/
 * carbon-apimgt, APIManagerConfiguration addKeyManagerConfigsAsSystemProperties and
 * APIConstants.KEYMANAGER_SERVERURL, and gateway/handlers/common/SynapsePropertiesHandler.java, as the
 * public source index holds them; the 6.4.x tag of APIM 2.6.0 itself was not read). WSO2's distributed
 * deployment pages write a fixed `<address uri="https://<key manager>:<port>/oauth2/revoke"/>` into
 * `_RevokeAPI_.xml` instead (wso2/docs-apim, the revoke API's page for a distributed set-up). Either form must
 * reach the KM Service, and the program edits neither file, so the checklist names both.
 * WSO2's own OB 1.4 set-up edits api-manager.xml's three ServerURLs to the KM's 9446 and none of these files
 * (wso2/puppet-open-banking 1.4.x modules/obam: templates/.../api-manager.xml.erb, and no synapse-configs
 * template): its APIs stay as the pack ships them, and reach a KM on another host only by taking its address
 * from APIKeyValidator/ServerURL, as APIM 2.6.0's template does.
 */
const gatewayOAuthApi = (file: string, kmPath: string): ApimAddress => ({
  kind: "by-hand",
  file: `${SYNAPSE_APIS}/${file}`,
  element: "the `<endpoint>`'s `<address uri>` or `<http uri-template>`",
  setTo: `\`https://<serviceDnsName>:<httpsPort>${kmPath}\`; a \`https://{uri.var.hostname}:{uri.var.portnum}${kmPath}\` template may stay, as the gateway fills it from \`/APIManager/APIKeyValidator/ServerURL\``,
});

export const APIM_ADDRESSES: Readonly<Record<string, ApimAddress>> = {
  "gateway.authorize": gatewayOAuthApi("_AuthorizeAPI_.xml", "/oauth2/authorize"),
  "gateway.token": gatewayOAuthApi("_TokenAPI_.xml", "/oauth2/token"),
  "gateway.revoke": gatewayOAuthApi("_RevokeAPI_.xml", "/oauth2/revoke"),
  "gateway.userinfo": gatewayOAuthApi("_UserInfoAPI_.xml", "/oauth2/userinfo"),
  "gateway.discovery": {
    kind: "none",
    why: "no file of WSO2's OB 1.4 sets read here defines the gateway's /.well-known API; where your API Manager publishes one, point its endpoint at the KM Service as the token API's",
  },
  "gateway.webfinger": {
    kind: "none",
    why: "no file of WSO2's OB 1.4 sets read here defines a gateway API for WebFinger; no OB flow sends a TPP there",
  },
  "gateway.consent-validation": {
    kind: "edited",
    file: APIM_VELOCITY_TEMPLATE,
    elements: VELOCITY_KM_PROPERTIES.map(velocityPropertyPlace),
  },
  "apim.admin-services": {
    kind: "edited",
    file: APIM_API_MANAGER_XML,
    elements: ["AuthManager/ServerURL", "APIKeyValidator/ServerURL", "APIKeyManager/Configuration/ServerURL"].map((e) => `${AM}/${e}`),
  },
  "apim.introspect": {
    kind: "none",
    why: "no file of the API Manager's in WSO2's OB 1.4 sets names /oauth2/introspect; the KM's own identity.xml OAuth2IntrospectEPUrl names the KM Service for a caller that reads it there",
  },
  "apim.identity-apis": { kind: "none", why: "called by the bank's own systems, which name the KM Service themselves" },
  "apim.scim2": { kind: "none", why: "called by the bank's own systems, which name the KM Service themselves" },
};
