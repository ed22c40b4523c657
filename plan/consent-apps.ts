// The consent web apps' settings: consentmgt (the customer's consent management) and ccportal (the
// customer care portal), each a Jaggery app whose configs/conf.json holds where it runs and which
// specification it serves. Their members, read in WSO2's OB 1.4 material (wso2/kubernetes-open-banking
// 1.4.x eval-ob-pattern-1/confs/obkm/repository/deployment/server/jaggeryapps/{consentmgt,ccportal}/
// configs/conf.json): consentmgt names the API Manager's host (apimHost), the KM's host and port (kmHost,
// kmPort) and its own redirect and logout URLs; both name DeployedSpecification; ccportal's
// ssoConfiguration names the KM's SAML endpoint. The files are WSO2's, under its commercial licence: the
// program edits the user's copies at render time, where configTemplates' repository holds them, or the
// image's own at a node's start (open-banking-start.ts).
import { ObkmConfig } from "../config/load";
import { JsonEdit } from "../json/edits";

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

export function consentAppEdits(config: ObkmConfig): Record<string, JsonEdit[]> {
  // Browsers follow these: the KM's public address, through the Ingress on 443.
  const km = `https://${config.hostname}`;
  const spec = config.openBanking.specification;
  return {
    [CONSENT_APP_FILES.consentmgt]: [
      { kind: "set", path: ["DeployedSpecification"], value: spec },
      { kind: "set", path: ["apimHost"], value: config.apim.hostname },
      { kind: "set", path: ["kmHost"], value: km },
      { kind: "set", path: ["kmPort"], value: "443" },
      { kind: "set", path: ["redirectUrl"], value: `${km}/consentmgt` },
      { kind: "set", path: ["logoutUrl"], value: `${km}/consentmgt` },
    ],
    [CONSENT_APP_FILES.ccportal]: [
      { kind: "set", path: ["DeployedSpecification"], value: spec },
      // SAML single sign-on is off in the pack; where a bank turns it on, it must name the public address.
      { kind: "set", path: ["ssoConfiguration", "identityProviderURL"], value: `${km}/samlsso`, ifPresent: true },
      { kind: "set", path: ["ssoConfiguration", "idpInitSSOURL"], value: `${km}/samlsso?spEntityID=ccportal`, ifPresent: true },
    ],
  };
}
