// The Open Banking layer's files, one step of the plan: where the stack holds the user's own copies
// (configTemplates), each is edited here and travels with the files that hold passwords (open-banking.xml
// holds its own, ccportal's conf.json may hold a keystore's); the others are edited at each node's start,
// over the image's own files, by the editor (open-banking-start.ts).
import type { DatasourceKey } from "../config/database-keys";
import { ObkmConfig } from "../config/load";
import type { FileEdits } from "../editor/edit-plan";
import { applyJsonEdits, JsonEdit } from "../json/edits";
import { ConfigError } from "../config/problems";
import type { XmlEdit } from "../xml/edits";
import { renderTemplate, Templates } from "../xml/templates";
import { biProblems } from "./bi-server";
import { CONSENT_APP_FILES, consentAppClientEdits, consentAppEdits, consentAppTemplate } from "./consent-apps";
import { openBankingDatasourceEdits } from "./credentials";
import { OPEN_BANKING_DATASOURCES_XML } from "./database/datasources";
import type { DatasourceEndpoint } from "./database/datasources";
import { Names } from "./names";
import type { NodeFile } from "./node-files";
import { OPEN_BANKING_XML, openBankingXmlEdits, OpenBankingSigning } from "./open-banking";
import { openBankingStart, OpenBankingStart } from "./open-banking-start";

export interface OpenBankingFiles {
  /** The user's own copies, edited: with the secret files. */
  edited: NodeFile[];
  /** What the nodes edit at their start, when the stack holds no copy of some OB file. */
  atStart?: OpenBankingStart;
}

/**
 * The user's open-banking.xml, edited; its checks (the BI server's) are read as config problems, each naming
 * the key to set, all at once, rather than as the first failed edit.
 */
function editedOpenBankingXml(config: ObkmConfig, templates: Templates, edits: readonly XmlEdit[]): NodeFile {
  const file = renderTemplate(
    templates,
    OPEN_BANKING_XML,
    edits.filter((e) => e.kind !== "requireUrls"),
  );
  const problems = biProblems(config, file.content);
  if (problems.length) throw new ConfigError(problems);
  return file;
}

export function openBankingFiles(
  config: ObkmConfig,
  n: Names,
  templates: Templates,
  signing: OpenBankingSigning,
  endpoints: Record<DatasourceKey, DatasourceEndpoint>,
): OpenBankingFiles {
  const held = (file: string) => templates.files[file] !== undefined;
  const xmlEdits = {
    [OPEN_BANKING_XML]: openBankingXmlEdits(config, signing),
    [OPEN_BANKING_DATASOURCES_XML]: openBankingDatasourceEdits(config, endpoints),
  };
  const jsonEdits = Object.entries(consentAppEdits(config, n));
  // The consent portal's client id and credential come from the bank's Secret, so they are written at each
  // node's start, never at render time: into the image's file with its other edits, or into the render's
  // edited copy of the user's file, which the node takes from the secret files' Secret.
  const clientEdits = consentAppClientEdits(config);
  const withClient = (path: string, edits: JsonEdit[]) => (path === CONSENT_APP_FILES.consentmgt ? [...edits, ...clientEdits] : edits);
  const atStart: FileEdits[] = [
    ...Object.entries(xmlEdits)
      .filter(([file]) => !held(file))
      .map(([file, edits]) => ({ path: `conf/${file}`, format: "xml" as const, edits })),
    ...jsonEdits
      .filter(([path]) => !held(consentAppTemplate(path)))
      .map(([path, edits]) => ({ path, format: "json" as const, edits: withClient(path, edits) })),
    ...(clientEdits.length && held(consentAppTemplate(CONSENT_APP_FILES.consentmgt))
      ? [{ path: CONSENT_APP_FILES.consentmgt, format: "json" as const, edits: clientEdits, from: "secret-files" as const }]
      : []),
  ];
  const edited = [
    // open-banking-datasources.xml, where held, is among secretFileTemplates (credentials.ts).
    ...(held(OPEN_BANKING_XML) ? [editedOpenBankingXml(config, templates, xmlEdits[OPEN_BANKING_XML])] : []),
    ...jsonEdits
      .filter(([path]) => held(consentAppTemplate(path)))
      .map(([path, edits]) => {
        const file = consentAppTemplate(path);
        return { path: file, content: applyJsonEdits(file, templates.files[file], edits) };
      }),
  ];
  return { edited, atStart: openBankingStart(config, n, atStart) };
}
