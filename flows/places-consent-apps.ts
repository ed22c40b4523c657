// Where the consent apps' conf.json hold URLs, and what each is for: every URL-valued member of consentmgt's
// and ccportal's configs/conf.json in WSO2's OB 1.4 sets (docker-open-banking 1.4.x docker-compose/
// obam-with-obkm/obkm/{uk,berlin,au}/repository/deployment/server/jaggeryapps/{consentmgt,ccportal}/configs/
// conf.json; the same members in puppet-open-banking 1.4.x's conf.json.erb and kubernetes-open-banking
// 1.4.x eval-ob-pattern-1), each pointed at a route of the call map or listed as unused, with why. The plan
// (plan/consent-apps.ts) writes the first kind and leaves the second as the pack has it; the flow test holds
// every URL-valued member of our fixtures to this list.
import type { Route } from "./calls";
import type { UrlPlace } from "./places";

/** Under repository/conf's parent, as the pack lays it out; read beside configTemplates. */
export const CONSENTMGT_CONF = "../deployment/server/jaggeryapps/consentmgt/configs/conf.json";
export const CCPORTAL_CONF = "../deployment/server/jaggeryapps/ccportal/configs/conf.json";

/**
 * A member of a consent app's conf.json. Some hold a whole URL, others one part of an origin the app puts
 * together (apimHost with apimHttpPort or apimNioPort, kmHost with kmPort): `holds` says which, so the flow
 * test compares each with the right part of its route's end.
 */
export interface MemberPlace extends UrlPlace {
  holds: "url" | "scheme-and-host" | "host" | "port";
  /** The call of flows/calls.ts the member serves, when it is used. */
  call?: string;
}

const place = (file: string, member: string, holds: MemberPlace["holds"], use: UrlPlace["use"], call?: string): MemberPlace => ({
  side: "km",
  file,
  element: member,
  use,
  holds,
  ...(call ? { call } : {}),
});
const route = (r: Route) => ({ route: r });

const SSO_OFF =
  'ccportal\'s SAML single sign-on, off in the pack (ssoConfiguration/enabled "false": the portal logs staff in with its own form); turning it on also needs /samlsso published on the console Ingress, which the call map does not do';

/** Every URL-valued member of both consent apps' conf.json. */
export const CONSENT_APP_PLACES: readonly MemberPlace[] = [
  // consentmgt: the PSU's self-care portal.
  place(CONSENTMGT_CONF, "/apimHost", "scheme-and-host", route("apim-services"), "consentmgt.apim"),
  place(CONSENTMGT_CONF, "/apimHttpPort", "port", route("apim-services"), "consentmgt.apim"),
  // The gateway's port on apimHost: the same server where the API Manager runs as one (WSO2's sets).
  place(CONSENTMGT_CONF, "/apimNioPort", "port", route("gateway"), "consentmgt.apim-gateway"),
  place(CONSENTMGT_CONF, "/kmHost", "scheme-and-host", route("cluster"), "consentmgt.token"),
  place(CONSENTMGT_CONF, "/kmPort", "port", route("cluster"), "consentmgt.token"),
  place(CONSENTMGT_CONF, "/redirectUrl", "url", route("public"), "psu.consent-portal"),
  place(CONSENTMGT_CONF, "/logoutUrl", "url", route("public"), "psu.consent-portal"),
  // ccportal: the bank's customer care portal.
  place(CCPORTAL_CONF, "/ssoConfiguration/identityProviderURL", "url", { unused: SSO_OFF }),
  place(CCPORTAL_CONF, "/ssoConfiguration/idpInitSSOURL", "url", { unused: SSO_OFF }),
  place(CCPORTAL_CONF, "/reverseProxy/host", "host", {
    unused:
      "ccportal's own reverse-proxy mode, off in the pack (reverseProxy/enabled false); the Ingress's forwarded headers reach Tomcat's RemoteIpValve instead (tomcat.trustedProxies)",
  }),
];
