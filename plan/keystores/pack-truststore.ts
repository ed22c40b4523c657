// The truststore the pack ships, as the template carbon.xml names it (Security/TrustStore): the start script
// starts the node's truststore from its certificates. Read from the pack's own file, so an image whose
// truststore moved or changed its type is followed, not assumed.
import { XmlEditError } from "../../xml/edits";
import { elementTexts } from "../../xml/read";
import { Templates } from "../../xml/templates";
import { CARBON_XML } from "../carbon";
import { PACK_TRUSTSTORE_ELEMENT } from "./keystore-edits";
import { PackTruststore } from "./start-steps";

const CARBON_HOME = "${carbon.home}/";

export function packTruststore(templates: Templates): PackTruststore {
  const value = (child: string): string => {
    const path = `${PACK_TRUSTSTORE_ELEMENT}/${child}`;
    const found = elementTexts(CARBON_XML, templates.files[CARBON_XML], path);
    if (found.length !== 1) throw new XmlEditError(CARBON_XML, path, `names ${found.length} elements; expected the pack's truststore setting`);
    return found[0];
  };
  const location = value("Location");
  if (!location.startsWith(CARBON_HOME)) {
    throw new XmlEditError(CARBON_XML, `${PACK_TRUSTSTORE_ELEMENT}/Location`, `is ${JSON.stringify(location)}; expected a path under ${CARBON_HOME}`);
  }
  return { path: location.slice(CARBON_HOME.length), type: value("Type"), password: value("Password") };
}
