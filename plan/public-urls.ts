// The KM's public URLs, as the clustering guide sets them: what browsers and clients reach goes to the
// load balancer's host; the OAuth2 authorize, token and userinfo endpoints go to the OB API Manager's
// gateway, which fronts them; the OIDC session check and WebFinger stay on the node itself.
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";

export const APPLICATION_AUTHENTICATION_XML = "identity/application-authentication.xml";

const AUTH_PAGES = "/ob/authenticationendpoint";

export function identityEndpointEdits(config: ObkmConfig): XmlEdit[] {
  const lb = (path: string) => `\${carbon.protocol}://${config.hostname}${path}`;
  const gateway = (path: string) => `\${carbon.protocol}://${config.apim.hostname}:${config.apim.gatewayPort}${path}`;
  const urls: Record<string, string> = {
    OAuth1RequestTokenUrl: lb("/oauth/request-token"),
    OAuth1AuthorizeUrl: lb("/oauth/authorize-url"),
    OAuth1AccessTokenUrl: lb("/oauth/access-token"),
    OAuth2AuthzEPUrl: gateway("/authorize"),
    OAuth2TokenEPUrl: gateway("/token"),
    OAuth2RevokeEPUrl: lb("/oauth2/revoke"),
    OAuth2IntrospectEPUrl: lb("/oauth2/introspect"),
    OAuth2UserInfoEPUrl: gateway("/userinfo"),
    OIDCCheckSessionEPUrl: "${carbon.protocol}://${carbon.host}:${carbon.management.port}/oidc/checksession",
    OIDCLogoutEPUrl: lb("/oidc/logout"),
    OAuth2ConsentPage: lb(`${AUTH_PAGES}/oauth2_authz.do`),
    OAuth2ErrorPage: lb(`${AUTH_PAGES}/oauth2_error.do`),
    OIDCConsentPage: lb(`${AUTH_PAGES}/oauth2_consent.do`),
    OIDCLogoutConsentPage: lb(`${AUTH_PAGES}/oauth2_logout_consent.do`),
    OIDCLogoutPage: lb(`${AUTH_PAGES}/oauth2_logout.do`),
    OIDCWebFingerEPUrl: "${carbon.protocol}://localhost:${carbon.management.port}/.well-known/webfinger",
  };
  return [
    ...Object.entries(urls).map(([element, value]): XmlEdit => ({ kind: "set", path: `/Server/OAuth/${element}`, value })),
    // The issuer of every ID token: the gateway's token endpoint, which TPPs validate `iss` against. The
    // pack's default names localhost, which no client outside the node could ever match.
    { kind: "set", path: "/Server/OAuth/OpenIDConnect/IDTokenIssuerID", value: `https://${config.apim.hostname}:${config.apim.gatewayPort}/token` },
  ];
}

export function authenticationEndpointEdits(config: ObkmConfig): XmlEdit[] {
  return [
    { kind: "set", path: "/ApplicationAuthentication/AuthenticationEndpointURL", value: `https://${config.hostname}${AUTH_PAGES}/login.do` },
    { kind: "set", path: "/ApplicationAuthentication/AuthenticationEndpointRetryURL", value: `https://${config.hostname}${AUTH_PAGES}/retry.do` },
    { kind: "set", path: "/ApplicationAuthentication/AuthenticationEndpointMissingClaimsURL", value: `${AUTH_PAGES}/claims.do` },
  ];
}
