// The call map: every call of every Open Banking flow the KM takes part in, as data. Each row says who calls,
// what (the path prefix on the callee), over which route, with which authentication, and when the call
// exists at all. Everything that must agree about a call is derived from this table: the public and
// console Ingress paths (plan/ingress.ts), the paths never published (config/ingress-paths.ts), the
// NetworkPolicy's ingress and egress (plan/network-policy.ts, plan/egress.ts), the origin every URL of a
// node file is pointed at (plan/calls/origins.ts, through flows/places/), the docs' "who calls whom" and the
// API Manager's checklist (scripts/sync-config.ts), and the flow test (tests/flows.test.ts), which walks
// each row through the rendered objects.
//
// Read in WSO2's public OB 1.4 material: wso2/docker-open-banking 1.4.x docker-compose/obam-with-obkm/
// {obam,obkm}/{uk,berlin,au}/repository (identity.xml, application-authentication.xml, open-banking.xml,
// velocity_template.xml, api-manager.xml, the consent apps' conf.json), and wso2/kubernetes-open-banking
// 1.4.x eval-ob-pattern-1. A row whose source is our reading of WSO2's docs rather than a file says so in
// `why`.

/** Who takes part in a flow. */
export type Party = "psu-browser" | "tpp" | "bank-staff" | "apim-gateway" | "apim-services" | "km" | "ob-directory" | "bi-server";

/**
 * How a call reaches its callee, each a different object that must let it through:
 * - `public`: the KM's public host (`hostname`) on 443, through the public Ingress, to the KM Service's 9446;
 * - `console`: the same host, through the console Ingress and its allowlist (`ingress.consoleAllowedCidrs`);
 * - `cluster`: the KM Service (9446) inside the cluster, let in by the NetworkPolicy from the API Manager's
 *   namespace (`apim.namespace`, `networkPolicy.allowedNamespaces`);
 * - `gateway`: the API Manager's gateway (`apim.hostname`:`apim.gatewayPort`), let out by the NetworkPolicy;
 * - `apim-services`: the API Manager's servlet transport (`apim.servicesHost`:`apim.servicesPort`);
 * - `internet`: a host on the internet, through the forward proxy (`httpProxy.*`) or `networkPolicy.egressCidrs` on 443;
 * - `bi-server`: WSO2's OB BI server (`biServer.*`).
 */
export type Route = "public" | "console" | "cluster" | "gateway" | "apim-services" | "internet" | "bi-server";

/** The routes a KM node calls out on: each is let out by the egress, never in. */
export const OUTBOUND_ROUTES: readonly Route[] = ["gateway", "apim-services", "internet", "bi-server"];

/**
 * When a call exists. `always`, or a switch in the node files or the config, which plan/calls/conditions.ts
 * reads: an authenticator the user's application-authentication.xml enables, a BI feature their
 * open-banking.xml turns on, a webapp their identity.xml sends the browser to.
 */
export type Condition = "always" | "sms-otp" | "is-authentication-pages" | "bi-data-publishing" | "bi-tra" | "bi-fraud-detection" | "jwks";

/** The flows, in the order the docs list them. */
export const FLOWS = {
  authorization: "A PSU authorises a TPP (the browser's redirect flow)",
  token: "A TPP gets, refreshes, revokes and checks tokens",
  apiCall: "A TPP calls an accounts, payments or funds API",
  registration: "A TPP registers (dynamic client registration)",
  consentManagement: "A PSU manages their consents; the bank's staff use the customer care portal",
  console: "The bank's staff use the management console",
  keyManagement: "The API Manager manages applications, keys and subscriptions at the KM",
  analytics: "The KM publishes events to the BI server (data publishing, TRA, fraud detection)",
} as const;
export type Flow = keyof typeof FLOWS;

export interface Call {
  /** Unique and stable: node-file places and tests name a call by it. */
  id: string;
  flow: Flow;
  /** What happens in this step, in the docs' words. */
  step: string;
  caller: Party;
  callee: Party;
  /** The path prefix the call uses on the callee; "" when the callee is not an HTTP server of ours (the BI server's Thrift). */
  path: string;
  route: Route;
  /**
   * Where the caller takes the host from another route's than the port's: the consent portal puts the
   * gateway's port (apimNioPort) together with the API Manager's host (apimHost). The egress lets out that
   * host on the route's port.
   */
  hostOf?: Route;
  /** `https` unless said: the BI server's receivers take Thrift (`tcp`) and plain HTTP. */
  scheme?: "https" | "http" | "tcp";
  /** How the callee knows the caller. */
  auth: string;
  when: Condition;
  /** Why the call goes this way, and where we read it. */
  why: string;
}

const c = (call: Call): Call => call;

/**
 * The calls that reach the KM. A path here is published on its route and nowhere else: the public Ingress
 * publishes exactly the `public` rows' paths (plus ingress.extraPublicPaths), the console Ingress the
 * `console` rows', and a `cluster` row's path is never published (config/ingress-paths.ts).
 */
const TO_THE_KM: Call[] = [
  // --- the PSU's browser, in the authorisation flow ---
  c({
    id: "gateway.authorize",
    flow: "authorization",
    step: "the gateway's /authorize API passes the TPP's authorisation request to the KM",
    caller: "apim-gateway",
    callee: "km",
    path: "/oauth2/authorize",
    route: "cluster",
    auth: "none: the request object's signature is checked by the KM",
    when: "always",
    why: "identity.xml's OAuth2AuthzEPUrl names the gateway's /authorize, which fronts the KM's /oauth2/authorize",
  }),
  c({
    id: "psu.authorize-return",
    flow: "authorization",
    step: "the browser returns from the login pages to finish the authorisation",
    caller: "psu-browser",
    callee: "km",
    path: "/oauth2/authorize",
    route: "public",
    auth: "the login session's cookies",
    when: "always",
    why: "after /commonauth the framework redirects the browser to the KM's own /oauth2/authorize, on the public host",
  }),
  c({
    id: "psu.login-pages",
    flow: "authorization",
    step: "the browser shows the OB login, SCA and consent pages",
    caller: "psu-browser",
    callee: "km",
    path: "/ob/authenticationendpoint",
    route: "public",
    auth: "the login session's cookies",
    when: "always",
    why: "application-authentication.xml's AuthenticationEndpointURL and identity.xml's consent pages (OB 1.4's ob#authenticationendpoint webapp)",
  }),
  c({
    id: "psu.is-pages",
    flow: "authorization",
    step: "the browser shows the Identity Server's own error, retry and logout pages",
    caller: "psu-browser",
    callee: "km",
    path: "/authenticationendpoint",
    route: "public",
    auth: "the login session's cookies",
    when: "is-authentication-pages",
    why: "WSO2's AU set keeps the stock IS pages (/authenticationendpoint) for its error, retry and logout URLs; published only where a node file sends the browser there",
  }),
  c({
    id: "psu.commonauth",
    flow: "authorization",
    step: "the login pages post the PSU's credentials to the authentication framework",
    caller: "psu-browser",
    callee: "km",
    path: "/commonauth",
    route: "public",
    auth: "the PSU's credentials",
    when: "always",
    why: "the login pages' form action; the framework's single entry point",
  }),
  c({
    id: "psu.logincontext",
    flow: "authorization",
    step: "the login pages ask whether the login session still lives",
    caller: "psu-browser",
    callee: "km",
    path: "/logincontext",
    route: "public",
    auth: "the login session's cookies",
    when: "always",
    why: "called from the browser by the login pages' script",
  }),
  c({
    id: "psu.sms-otp",
    flow: "authorization",
    step: "the browser shows the SMS OTP pages, an SCA step",
    caller: "psu-browser",
    callee: "km",
    path: "/smsotpauthenticationendpoint",
    route: "public",
    auth: "the login session's cookies",
    when: "sms-otp",
    why: "application-authentication.xml's SMSOTP authenticator names these pages; published only while it is enabled",
  }),
  c({
    id: "psu.oidc-logout",
    flow: "authorization",
    step: "the browser ends the PSU's session (OIDC logout)",
    caller: "psu-browser",
    callee: "km",
    path: "/oidc/logout",
    route: "public",
    auth: "the login session's cookies",
    when: "always",
    why: "identity.xml's OIDCLogoutEPUrl",
  }),
  c({
    id: "tpp.jwks",
    flow: "authorization",
    step: "the TPP fetches the KM's signing keys to verify ID tokens",
    caller: "tpp",
    callee: "km",
    path: "/oauth2/jwks",
    route: "public",
    auth: "none: public keys",
    when: "always",
    why: "identity.xml's OAuth2JWKSPage, advertised by discovery as jwks_uri; a TPP outside the bank must reach it",
  }),
  // --- tokens, through the gateway ---
  c({
    id: "gateway.token",
    flow: "token",
    step: "the gateway's /token API passes the TPP's token request to the KM",
    caller: "apim-gateway",
    callee: "km",
    path: "/oauth2/token",
    route: "cluster",
    auth: "the TPP's client authentication (private_key_jwt or mutual TLS), checked by the KM",
    when: "always",
    why: "identity.xml's OAuth2TokenEPUrl names the gateway's /token, which fronts the KM's; never published",
  }),
  c({
    id: "gateway.revoke",
    flow: "token",
    step: "the gateway's /revoke API revokes a token at the KM",
    caller: "apim-gateway",
    callee: "km",
    path: "/oauth2/revoke",
    route: "cluster",
    auth: "the client's credentials",
    when: "always",
    why: "api-manager.xml's RevokeAPIURL names the gateway's /revoke, which clears its cache and calls the KM",
  }),
  c({
    id: "gateway.userinfo",
    flow: "token",
    step: "the gateway's /userinfo API asks the KM for the PSU's claims",
    caller: "apim-gateway",
    callee: "km",
    path: "/oauth2/userinfo",
    route: "cluster",
    auth: "the access token",
    when: "always",
    why: "identity.xml's OAuth2UserInfoEPUrl names the gateway's /userinfo",
  }),
  c({
    id: "apim.introspect",
    flow: "token",
    step: "the API Manager introspects a token",
    caller: "apim-services",
    callee: "km",
    path: "/oauth2/introspect",
    route: "cluster",
    auth: "Basic, as the KM's admin",
    when: "always",
    why: "identity.xml's OAuth2IntrospectEPUrl; only the API Manager calls it, so it is pointed at the KM Service",
  }),
  c({
    id: "gateway.discovery",
    flow: "token",
    step: "the gateway's /.well-known/openid-configuration serves the KM's discovery document",
    caller: "apim-gateway",
    callee: "km",
    path: "/oauth2/oidcdiscovery",
    route: "cluster",
    auth: "none",
    when: "always",
    why: "open-banking.xml's Berlin OAuthMetadataEndpoint names the gateway's /.well-known/openid-configuration; identity.xml's OIDCDiscoveryEPUrl is the KM's own",
  }),
  c({
    id: "gateway.webfinger",
    flow: "token",
    step: "OIDC WebFinger, answered by the KM behind the gateway",
    caller: "apim-gateway",
    callee: "km",
    path: "/.well-known/webfinger",
    route: "cluster",
    auth: "none",
    when: "always",
    why: "identity.xml's OIDCWebFingerEPUrl; no OB flow sends a TPP there directly",
  }),
  // --- API calls: the gateway validates each call's consent at the KM ---
  c({
    id: "gateway.consent-validation",
    flow: "apiCall",
    step: "the gateway validates the call's consent at the KM (accounts, payment submission and status, funds confirmation)",
    caller: "apim-gateway",
    callee: "km",
    path: "/consent",
    route: "cluster",
    auth: "Basic, as the user of the API Manager's open-banking.xml APISecurity/Global, which the KM's identity.xml ResourceAccessControl requires to hold /permission/admin",
    when: "always",
    why: "the API Manager's velocity_template.xml names https://obkm:9446/consent/<spec>/... (docker-open-banking 1.4.x, obam/uk)",
  }),
  // --- the API Manager's administration of applications and keys ---
  c({
    id: "apim.admin-services",
    flow: "keyManagement",
    step: "the API Manager validates keys and manages applications through the KM's admin services",
    caller: "apim-services",
    callee: "km",
    path: "/services",
    route: "cluster",
    auth: "Basic, as the KM's admin (api-manager.xml's APIKeyManager, APIKeyValidator and AuthManager)",
    when: "always",
    why: "api-manager.xml's three ServerURLs",
  }),
  c({
    id: "apim.identity-apis",
    flow: "keyManagement",
    step: "the API Manager and the bank's systems call the identity REST APIs and SCIM",
    caller: "apim-services",
    callee: "km",
    path: "/api/identity",
    route: "cluster",
    auth: "Basic or OAuth, as an admin",
    when: "always",
    why: "users, recovery and consent APIs, for systems inside the bank only",
  }),
  c({
    id: "apim.scim2",
    flow: "keyManagement",
    step: "the bank's systems provision users and groups",
    caller: "apim-services",
    callee: "km",
    path: "/scim2",
    route: "cluster",
    auth: "Basic or OAuth, as an admin",
    when: "always",
    why: "user and group provisioning, for the bank's own systems",
  }),
  // --- the consent portals ---
  c({
    id: "psu.consent-portal",
    flow: "consentManagement",
    step: "the PSU manages their consents in the consent portal",
    caller: "psu-browser",
    callee: "km",
    path: "/consentmgt",
    route: "public",
    auth: "the PSU's login (the portal's own OAuth client)",
    when: "always",
    why: "consentmgt's conf.json redirectUrl and logoutUrl",
  }),
  c({
    id: "consentmgt.token",
    flow: "consentManagement",
    step: "the consent portal's server side exchanges the PSU's authorisation code for a token",
    caller: "km",
    callee: "km",
    path: "/oauth2/token",
    route: "cluster",
    auth: "the portal's own OAuth client: Basic with conf.json's authCredential (base64 of client_id:client_secret)",
    when: "always",
    why: "consentmgt's conf.json kmHost, kmPort and kmTokenAPI: a call from the portal's server side, in a KM pod, so never to the public host, where /oauth2/token is not published (WSO2's kubernetes-open-banking 2.0.x ob-pattern-2 consentmgt points kmHost at the node itself, never at its Ingress host)",
  }),
  c({
    id: "staff.console",
    flow: "console",
    step: "the bank's staff use the management console",
    caller: "bank-staff",
    callee: "km",
    path: "/carbon",
    route: "console",
    auth: "the staff member's login",
    when: "always",
    why: "Carbon's management console",
  }),
  c({
    id: "staff.ccportal",
    flow: "consentManagement",
    step: "the bank's staff use the customer care portal",
    caller: "bank-staff",
    callee: "km",
    path: "/ccportal",
    route: "console",
    auth: "the staff member's login",
    when: "always",
    why: "the customer care portal, for the bank's staff only",
  }),
];

/**
 * The gateway's own APIs, which TPPs and browsers call and the KM's files advertise (discovery, the ID
 * token's issuer, the login flow's redirects): not calls to the KM, but URLs the KM gives out, which must
 * name the gateway's public host and port.
 */
const TO_THE_GATEWAY: Call[] = [
  [
    "authorize",
    "/authorize",
    "psu-browser",
    "the TPP sends the PSU's browser to the gateway's /authorize",
    "identity.xml's OAuth2AuthzEPUrl; STET's AuthorizationEndpoint",
  ],
  [
    "token",
    "/token",
    "tpp",
    "the TPP asks the gateway's /token for tokens, with mutual TLS",
    "identity.xml's OAuth2TokenEPUrl and the ID token's issuer (IDTokenIssuerID)",
  ],
  [
    "revoke",
    "/revoke",
    "tpp",
    "the TPP revokes a token at the gateway's /revoke",
    "api-manager.xml's RevokeAPIURL; discovery's revocation_endpoint (identity.xml OAuth2RevokeEPUrl)",
  ],
  ["userinfo", "/userinfo", "tpp", "the TPP reads the PSU's claims at the gateway's /userinfo", "identity.xml's OAuth2UserInfoEPUrl"],
  ["register", "/register", "tpp", "the TPP registers at the gateway's DCR API", "identity.xml's OAuth2DCREPUrl (discovery's registration_endpoint)"],
  [
    "metadata",
    "/.well-known/openid-configuration",
    "tpp",
    "the TPP reads the authorisation server's metadata at the gateway",
    "open-banking.xml's Berlin OAuthMetadataEndpoint",
  ],
].map(([name, path, caller, step, why]) =>
  c({
    id: `tpp.gateway-${name}`,
    flow: name === "authorize" ? "authorization" : name === "register" ? "registration" : "token",
    step,
    caller: caller as Party,
    callee: "apim-gateway",
    path,
    route: "gateway",
    auth: "the gateway's: mutual TLS and the TPP's client authentication",
    when: "always",
    why,
  }),
);

/** The calls a KM node makes (besides its peers, DNS, the databases and LDAP, which plan/egress.ts adds from the config). */
const FROM_THE_KM: Call[] = [
  c({
    id: "km.gateway-links",
    flow: "apiCall",
    step: "the KM gives out the gateway's API URLs (self links, event notifications) and calls the gateway",
    caller: "km",
    callee: "apim-gateway",
    path: "/",
    route: "gateway",
    auth: "as each API requires",
    when: "always",
    why: "open-banking.xml's URLs on the gateway's port 8243 (PaymentAPIURL, AccountConsentSelfLink, NotificationAPIUrl...)",
  }),
  c({
    id: "km.bank-accounts",
    flow: "authorization",
    step: "the consent page retrieves the PSU's accounts from the bank's back end",
    caller: "km",
    callee: "apim-services",
    path: "/",
    route: "apim-services",
    auth: "none in WSO2's samples; the bank's back end decides",
    when: "always",
    why: "open-banking.xml's PayableAccountsRetrieveEndpoint and SharableAccountsRetrieveEndpoint (the API Manager's servlet transport, 9763 in WSO2's set-up; WSO2's 1.4 chart uses the API Manager's Service)",
  }),
  c({
    id: "consentmgt.apim",
    flow: "consentManagement",
    step: "the consent portal's server side calls the API Manager's servlet transport",
    caller: "km",
    callee: "apim-services",
    path: "/",
    route: "apim-services",
    auth: "as each service requires",
    when: "always",
    why: "consentmgt's conf.json apimHost and apimHttpPort (http://obam and 9763 in WSO2's docker set; WSO2's kubernetes-open-banking 2.0.x ob-pattern-2 points apimHost at the API Manager's Service)",
  }),
  c({
    id: "consentmgt.apim-gateway",
    flow: "consentManagement",
    step: "the consent portal's server side calls the API Manager's gateway (its token and authorize APIs, conf.json's tokenApiName and authorizeApiName)",
    caller: "km",
    callee: "apim-gateway",
    path: "/",
    route: "gateway",
    hostOf: "apim-services",
    auth: "the portal's own OAuth client",
    when: "always",
    why: "consentmgt's conf.json apimNioPort (the gateway's 8280 in WSO2's docker set), on apimHost",
  }),
  c({
    id: "km.directory-jwks",
    flow: "registration",
    step: "the KM fetches the OB directory's JWKS to verify software statements and signed request objects",
    caller: "km",
    callee: "ob-directory",
    path: "/",
    route: "internet",
    auth: "none: public keys, over TLS the truststore checks",
    when: "jwks",
    why: "open-banking.xml's OBIdentityRetriever/JWKS-Retriever; the directory is on the internet",
  }),
  c({
    id: "km.bi-data-publishing",
    flow: "analytics",
    step: "the KM publishes events to the BI server",
    caller: "km",
    callee: "bi-server",
    path: "",
    route: "bi-server",
    scheme: "tcp",
    auth: "the BI server's admin, from open-banking.xml BIServer/DataPublishing",
    when: "bi-data-publishing",
    why: "open-banking.xml's BIServer/DataPublishing/ServerURL ({tcp://obbi:7612} in WSO2's set-up)",
  }),
  c({
    id: "km.bi-tra",
    flow: "analytics",
    step: "the KM asks the BI server for a transaction risk analysis",
    caller: "km",
    callee: "bi-server",
    path: "/TRA",
    route: "bi-server",
    scheme: "http",
    auth: "the BI server's admin, from open-banking.xml BIServer/TRA",
    when: "bi-tra",
    why: "open-banking.xml's TRAAccountValidationURL and TRAPaymentValidationURL (http://obbi:8007/...)",
  }),
  c({
    id: "km.bi-fraud-detection",
    flow: "analytics",
    step: "the KM sends payments to the BI server's fraud detection",
    caller: "km",
    callee: "bi-server",
    path: "/",
    route: "bi-server",
    scheme: "http",
    auth: "the BI server's admin, from open-banking.xml BIServer/FraudDetection",
    when: "bi-fraud-detection",
    why: "open-banking.xml's FraudDetectionURL (8007) and InvalidSubmissionURL (8006)",
  }),
];

export const CALLS: readonly Call[] = [...TO_THE_KM, ...TO_THE_GATEWAY, ...FROM_THE_KM];

/** Paths of the KM that no flow calls, never published either: each with why. */
export const NEVER_PUBLISHED: ReadonlyArray<{ path: string; why: string }> = [{ path: "/oauth", why: "OAuth 1.0a, which no Open Banking flow uses" }];

export function callById(id: string): Call {
  const call = CALLS.find((x) => x.id === id);
  if (!call) throw new Error(`no call ${id} in flows/calls.ts`);
  return call;
}

/** The path prefixes of the calls that reach the KM over `route`, in the table's order, each once. */
export function pathsOf(route: Route, calls: readonly Call[] = CALLS): string[] {
  return [...new Set(calls.filter((x) => x.route === route && x.callee === "km").map((x) => x.path))];
}
