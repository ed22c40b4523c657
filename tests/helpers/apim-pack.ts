// The API Manager's repository/conf as a bank hands it in (apim.configTemplates) for a specification: our own
// api-manager.xml (config-templates/apim/), with our fixtures of its Open Banking files laid over it from
// tests/fixtures/packs/<spec>/apim/repository (open-banking.xml, and resources/api_templates/velocity_template.xml
// beside conf/), never WSO2's.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUNDLED_APIM_TEMPLATES } from "../../xml/templates";

export function apimPackOf(spec: string): string {
  const repository = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `obkm-apim-${spec.toLowerCase()}-`)), "repository");
  const conf = path.join(repository, "conf");
  fs.cpSync(BUNDLED_APIM_TEMPLATES, conf, { recursive: true });
  fs.cpSync(path.join(__dirname, "..", "fixtures", "packs", spec.toLowerCase(), "apim", "repository"), repository, { recursive: true });
  return conf;
}
