// The component package (component-package/): its committed schema is what the SDK's own analysis makes of
// the component now (scripts/component-schema.ts), so a change of KeyManager's args or of the settings
// without `npm run component-schema` fails here. Using the package from YAML or Python needs the Pulumi CLI
// (`pulumi package add`), which this machine does not run: the schema is what it would read.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_DIR } from "../project-dir";
import { COMPONENT_PACKAGE, componentSchema, SCHEMA_FILE } from "../scripts/component-schema";
import { cachedComponentSchema } from "./helpers/component-schema-cache";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");

describe(SCHEMA_FILE, () => {
  // The analysis's schema, kept across runs while nothing it reads changes (helpers/component-schema-cache.ts).
  const schema = cachedComponentSchema(COMPONENT_PACKAGE, componentSchema);
  const parsed = JSON.parse(schema);

  it("is the schema the SDK's analysis produces from the component now", () => {
    expect(read(SCHEMA_FILE)).toBe(schema);
  }, 120000);

  it("holds KeyManager with the settings as one named type per map of the stack file, and the passwords as inputs", () => {
    expect(Object.keys(parsed.resources)).toEqual(["obkm:index:KeyManager"]);
    const km = parsed.resources["obkm:index:KeyManager"];
    expect(km.requiredInputs).toEqual(["settings"]);
    expect(km.inputProperties.settings.$ref).toBe("#/types/obkm:index:ObkmSettings");
    expect(Object.keys(km.properties).sort()).toEqual(["namespace", "publicUrl", "serviceDnsName", "statefulSetName"]);
    const settings = parsed.types["obkm:index:ObkmSettings"];
    expect(settings.required).toEqual(["apim", "hostname", "image"]);
    expect(settings.properties.caching.$ref).toBe("#/types/obkm:index:CachingSettings");
    // A password may come from another resource: an input, not a plain value.
    expect(settings.properties.adminPassword).toMatchObject({ type: "string", optional: true });
    expect(settings.properties.adminPassword.plain).toBeUndefined();
    expect(parsed.types["obkm:index:DatabaseAmSettings"].properties.password.plain).toBeUndefined();
    expect(parsed.types["obkm:index:OpenBankingSpecification"]).toEqual({
      type: "string",
      enum: [
        { name: "UK", value: "UK" },
        { name: "BERLIN", value: "BERLIN" },
        { name: "AU", value: "AU" },
      ],
    });
  });

  it("names the package as the project does, in a manifest the CLI runs on the nodejs runtime", () => {
    const pkg = JSON.parse(read(`${COMPONENT_PACKAGE}/package.json`));
    const root = JSON.parse(read("package.json"));
    expect([pkg.name, pkg.version, parsed.name, parsed.version]).toEqual([root.name, root.version, root.name, root.version]);
    expect(YAML.parse(read(`${COMPONENT_PACKAGE}/PulumiPlugin.yaml`))).toEqual({ runtime: { name: "nodejs", options: { typescript: false } } });
  });
});
