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

/** The gateway handlers' properties that name a KM resource (velocity_template.xml), each a consent-validation URL. */
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
