// Where the node files hold URLs, and what each is for: every URL-valued element of the sections we touch in
// the pack's files, each either pointed at a route of the call map (flows/calls.ts) or listed as unused in
// the Open Banking flows, with why and what would turn it on. The plan re-points the first kind (host and
// port from the route, the pack's path kept), and leaves the second as the pack has it; the flow test holds
// every URL-valued element of our fixtures to this list, so a new element in a pack is either placed here or
// fails the test with its file and element.
import type { Condition, Route } from "./calls";

/** Which server reads the file: a KM node or the OB API Manager. */
export type Side = "km" | "apim";

export type PlaceUse =
  /**
   * Re-pointed at `route`'s origin, keeping the path the file holds; `path` replaces the path where the
   * pack's names a resource the route does not serve (the KM's /oauth2/revoke, which TPPs reach as the
   * gateway's /revoke).
   */
  | { route: Route; path?: string }
  /** Left as the pack has it: why no flow of this stack uses it. */
  | { unused: string };

export interface UrlPlace {
  side: Side;
  /** The file, as the pack lays it out under repository/conf (`identity/identity.xml`) or repository/ (`../deployment/...`). */
  file: string;
  /** The element, as xml/path.ts reads a path (`/Server/OAuth/OAuth2AuthzEPUrl`); a JSON member as `/a/b`. */
  element: string;
  use: PlaceUse;
  /**
   * The switch that must be on for the URL to be used (the authenticator enabled, the BI feature on); when it
   * is off the place counts as unused, for the reason `off`.
   */
  when?: { condition: Condition; off: string };
}

export const IDENTITY_XML = "identity/identity.xml";
export const APPLICATION_AUTHENTICATION_XML = "identity/application-authentication.xml";

const OAUTH = "/Server/OAuth";
const km = (file: string, element: string, use: PlaceUse, when?: UrlPlace["when"]): UrlPlace => ({
  side: "km",
  file,
  element,
  use,
  ...(when ? { when } : {}),
});

/**
 * identity.xml (Identity Server 5.7, the KM's base), read in WSO2's OB 1.4 sets (docker-open-banking 1.4.x
 * obkm/{uk,berlin,au}/repository/conf/identity/identity.xml): its OpenID 2.0, OAuth 1.0a and 2.0, OIDC, SAML,
 * WS-Trust, passive STS and SCIM URLs.
 */
const IDENTITY: UrlPlace[] = [
  km(IDENTITY_XML, "/Server/OpenID/OpenIDServerUrl", { unused: "OpenID 2.0, which no Open Banking flow uses" }),
  km(IDENTITY_XML, "/Server/OpenID/OpenIDUserPattern", { unused: "OpenID 2.0, which no Open Banking flow uses" }),
  km(IDENTITY_XML, "/Server/OpenID/OpenIDLoginUrl", { unused: "OpenID 2.0, which no Open Banking flow uses" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth1RequestTokenUrl`, { unused: "OAuth 1.0a, which no Open Banking flow uses" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth1AuthorizeUrl`, { unused: "OAuth 1.0a, which no Open Banking flow uses" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth1AccessTokenUrl`, { unused: "OAuth 1.0a, which no Open Banking flow uses" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2AuthzEPUrl`, { route: "gateway" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2TokenEPUrl`, { route: "gateway" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2RevokeEPUrl`, { route: "gateway", path: "/revoke" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2IntrospectEPUrl`, { route: "cluster" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2UserInfoEPUrl`, { route: "gateway" }),
  km(IDENTITY_XML, `${OAUTH}/OIDCCheckSessionEPUrl`, {
    unused: "OIDC session management (the check-session iframe), which no Open Banking flow uses",
  }),
  km(IDENTITY_XML, `${OAUTH}/OIDCLogoutEPUrl`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2ConsentPage`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2ErrorPage`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OIDCConsentPage`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OIDCLogoutConsentPage`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OIDCLogoutPage`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OIDCWebFingerEPUrl`, { route: "cluster" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2DCREPUrl`, { route: "gateway" }),
  km(IDENTITY_XML, `${OAUTH}/OAuth2JWKSPage`, { route: "public" }),
  km(IDENTITY_XML, `${OAUTH}/OIDCDiscoveryEPUrl`, { route: "cluster" }),
  km(IDENTITY_XML, `${OAUTH}/OpenIDConnect/IDTokenIssuerID`, { route: "gateway" }),
  km(IDENTITY_XML, "/Server/SSOService/IdentityProviderURL", {
    unused: "SAML 2.0 single sign-on's entity, which no Open Banking flow uses (the customer care portal's SSO is off in the pack's conf.json)",
  }),
  km(IDENTITY_XML, "/Server/SSOService/DefaultLogoutEndpoint", { route: "public" }),
  km(IDENTITY_XML, "/Server/SSOService/NotificationEndpoint", { route: "public" }),
  km(IDENTITY_XML, "/Server/SecurityTokenService/IdentityProviderURL", { unused: "WS-Trust STS, which no Open Banking flow uses" }),
  km(IDENTITY_XML, "/Server/PassiveSTS/IdentityProviderURL", { unused: "WS-Federation passive STS, which no Open Banking flow uses" }),
  km(IDENTITY_XML, "/Server/PassiveSTS/RetryURL", { unused: "WS-Federation passive STS, which no Open Banking flow uses" }),
  km(IDENTITY_XML, "/Server/SCIM/UserEPUrl", { unused: "SCIM 1.1; the bank's systems use /scim2 inside the cluster" }),
  km(IDENTITY_XML, "/Server/SCIM/GroupEPUrl", { unused: "SCIM 1.1; the bank's systems use /scim2 inside the cluster" }),
  km(IDENTITY_XML, "/Server/SCIM/SCIMAuthenticators/Authenticator/Property[@name='AuthorizationServer']", {
    unused: "SCIM 1.1's OAuth authenticator; the bank's systems use /scim2 inside the cluster",
  }),
  km(IDENTITY_XML, "/Server/AdaptiveAuth/EventPublisher/ReceiverURL", {
    unused: "adaptive authentication's event receiver (the Identity Server's analytics), which no Open Banking flow deploys",
  }),
  // Names, not addresses: URIs that identify a claim dialect or an algorithm, which nobody calls.
  ...[
    "/Server/OAuth/AuthorizationContextTokenGeneration/ConsumerDialectURI",
    "/Server/SSOService/AttributesClaimDialect",
    "/Server/SSOService/SAMLDefaultSigningAlgorithmURI",
    "/Server/SSOService/SAMLDefaultDigestAlgorithmURI",
    "/Server/SSOService/SAMLDefaultAssertionEncryptionAlgorithmURI",
    "/Server/SSOService/SAMLDefaultKeyEncryptionAlgorithmURI",
  ].map((element) => km(IDENTITY_XML, element, { unused: "a URI that names a claim dialect or an algorithm: an identifier, which nobody calls" })),
];

/**
 * The federated and OTP authenticators the Identity Server ships, each with its provider's endpoints on the
 * internet (Google, Microsoft, Facebook, Yahoo, Mobile Connect, Gmail and SendGrid): no Open Banking flow's
 * authentication sequence names them, and a bank that adds one to a sequence must let the KM out to the
 * provider (httpProxy.*).
 */
const FEDERATED: Record<string, string[]> = {
  GoogleOIDCAuthenticator: ["GoogleTokenEndpoint", "GoogleAuthzEndpoint", "GoogleUserInfoEndpoint"],
  MicrosoftWindowsLive: ["AuthTokenEndpoint", "AuthnEndpoint", "UserInfoEndpoint"],
  FacebookAuthenticator: ["AuthTokenEndpoint", "AuthnEndpoint", "UserInfoEndpoint"],
  YahooOAuth2Authenticator: ["YahooTokenEndpoint", "YahooOAuthzEndpoint", "YahooUserInfoEndpoint"],
  MobileConnectAuthenticator: ["MCDiscoveryAPIURL"],
  EmailOTP: ["GmailEmailEndpoint", "SendgridEmailEndpoint", "GmailTokenEndpoint"],
};

const AUTHENTICATOR = (name: string, parameter: string) =>
  `/ApplicationAuthentication/AuthenticatorConfigs/AuthenticatorConfig[@name='${name}']/Parameter[@name='${parameter}']`;

/** application-authentication.xml, read in the same sets: the login pages, and the SCA authenticators' own pages. */
const APPLICATION_AUTHENTICATION: UrlPlace[] = [
  km(APPLICATION_AUTHENTICATION_XML, "/ApplicationAuthentication/AuthenticationEndpointURL", { route: "public" }),
  km(APPLICATION_AUTHENTICATION_XML, "/ApplicationAuthentication/AuthenticationEndpointRetryURL", { route: "public" }),
  ...["SMSOTPAuthenticationEndpointURL", "SMSOTPAuthenticationEndpointErrorPage", "MobileNumberRegPage"].map((parameter) =>
    km(
      APPLICATION_AUTHENTICATION_XML,
      AUTHENTICATOR("SMSOTP", parameter),
      { route: "public" },
      {
        condition: "sms-otp",
        off: `the SMSOTP authenticator is disabled (its AuthenticatorConfig's enabled="false")`,
      },
    ),
  ),
  ...Object.entries(FEDERATED).flatMap(([authenticator, parameters]) =>
    parameters.map((parameter) =>
      km(APPLICATION_AUTHENTICATION_XML, AUTHENTICATOR(authenticator, parameter), {
        unused: `${authenticator}'s endpoint at its provider, on the internet: no Open Banking flow's authentication sequence uses it`,
      }),
    ),
  ),
  km(APPLICATION_AUTHENTICATION_XML, AUTHENTICATOR("x509CertificateAuthenticator", "AuthenticationEndpoint"), {
    unused:
      "the X.509 authenticator's servlet listens on its own mutual-TLS connector (8443), which this stack neither opens nor publishes; no Open Banking flow's authentication sequence names it (TPPs' mutual TLS ends at the gateway)",
  }),
];

/** Every place the KM's Carbon/IS files hold a URL. The OB files' places are in the modules beside this one. */
export const KM_IDENTITY_PLACES: readonly UrlPlace[] = [...IDENTITY, ...APPLICATION_AUTHENTICATION];
