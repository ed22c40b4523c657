// When a call of the call map exists in this stack (flows/calls.ts, `when`): read in the files the nodes get
// and the config. A condition off takes its calls out of the Ingress, the NetworkPolicy and the docs' list,
// and makes the places that serve them unused.
import type { Condition } from "../../flows/calls";
import { APPLICATION_AUTHENTICATION_XML } from "../../flows/places";
import { ObkmConfig } from "../../config/load";
import { attributeValues } from "../../xml/read";
import type { Templates } from "../../xml/templates";
import { biConditions } from "../bi-server";
import { OPEN_BANKING_XML } from "../open-banking";

export type Conditions = Record<Condition, boolean>;

/**
 * Whether an authenticator is on: Identity Server 5.7 loads an AuthenticatorConfig whose `enabled` is
 * "true" (WSO2's OB 1.4 sets enable SMSOTP so; docker-open-banking 1.4.x obkm/uk application-authentication.xml).
 */
function authenticatorEnabled(templates: Templates, name: string): boolean {
  const source = templates.files[APPLICATION_AUTHENTICATION_XML];
  if (source === undefined) return false;
  const path = `/ApplicationAuthentication/AuthenticatorConfigs/AuthenticatorConfig[@name='${name}']/@enabled`;
  return attributeValues(APPLICATION_AUTHENTICATION_XML, source, path).some((v) => v.trim().toLowerCase() === "true");
}

/**
 * The conditions the files and config decide before the URLs are placed. `is-authentication-pages` depends
 * on where the placed URLs send the browser, so place-edits.ts settles it afterwards.
 */
export function fileConditions(config: ObkmConfig, templates: Templates): Omit<Conditions, "is-authentication-pages"> {
  return {
    always: true,
    "sms-otp": authenticatorEnabled(templates, "SMSOTP"),
    // The BI features' switches in the user's open-banking.xml; without it (the image's own file), on exactly
    // when the stack names a BI server (plan/bi-server.ts).
    ...biConditions(config, templates.files[OPEN_BANKING_XML]),
    jwks: config.openBanking.directoryJwks,
  };
}
