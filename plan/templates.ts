// The template files the plan edits, for the program to read before it plans (xml/templates.ts
// readTemplates): the Key Manager's, and the API Manager's api-manager.xml when the stack renders it, with its
// open-banking.xml and gateway template where apim.configTemplates holds them.
import type { ObkmConfig } from "../config/load";
import { BUNDLED_APIM_TEMPLATES, Templates } from "../xml/templates";
import { API_MANAGER_XML } from "./apim";
import { APIM_SECRET_FILES } from "./apim-files";
import { AXIS2_XML } from "./axis2";
import { CARBON_XML } from "./carbon";
import { CATALINA_SERVER_XML } from "./catalina";
import { MASTER_DATASOURCES_XML } from "./database/datasources";
import { REGISTRY_XML } from "./database/registry";
import { APPLICATION_AUTHENTICATION_XML, IDENTITY_XML } from "../flows/places";
import { USER_MGT_XML } from "./user-store";
import { LOG4J_PROPERTIES } from "./logs";
import { OPEN_BANKING_FILES } from "./open-banking";
import { CONSENT_APP_FILES, consentAppTemplate } from "./consent-apps";

export const KM_TEMPLATE_FILES = [
  AXIS2_XML,
  CARBON_XML,
  IDENTITY_XML,
  APPLICATION_AUTHENTICATION_XML,
  CATALINA_SERVER_XML,
  REGISTRY_XML,
  MASTER_DATASOURCES_XML,
  USER_MGT_XML,
  LOG4J_PROPERTIES,
].sort();

/** Edited where the templates hold them: WSO2's commercially licensed OB files, which only the user's own pack has. */
export const OPTIONAL_KM_TEMPLATE_FILES = [...OPEN_BANKING_FILES, ...Object.values(CONSENT_APP_FILES).map(consentAppTemplate)];

const APIM_TEMPLATE_FILES = [API_MANAGER_XML];
/** Edited where the API Manager's templates hold them: WSO2's commercially licensed OB files, which only the bank's pack has. */
const OPTIONAL_APIM_TEMPLATE_FILES = APIM_SECRET_FILES;

export interface PlanTemplates {
  /**
   * The editor of the image's OB files as one script (editor/bundle.ts), asked only when a node edits some
   * at its start: building it is I/O, which the plan leaves to its caller, as it does reading templates.
   */
  editor: () => string;
  km: Templates;
  /** Present when the stack renders the API Manager's file (apim.namespace). */
  apim?: Templates;
}

/** Which directories and files the plan of this config needs. */
export function templateSources(config: ObkmConfig): {
  km: { dir?: string; files: string[]; optional: string[] };
  apim?: { dir?: string; files: string[]; optional: string[] };
} {
  return {
    km: { dir: config.configTemplates, files: KM_TEMPLATE_FILES, optional: OPTIONAL_KM_TEMPLATE_FILES },
    ...(config.apim.namespace
      ? { apim: { dir: config.apim.configTemplates ?? BUNDLED_APIM_TEMPLATES, files: APIM_TEMPLATE_FILES, optional: OPTIONAL_APIM_TEMPLATE_FILES } }
      : {}),
  };
}
