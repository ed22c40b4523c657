// No secret reaches a render: values the program marked secret, every value of a Secret, and any other
// place the same text turns up.
import * as pulumi from "@pulumi/pulumi";
import { REDACTED, redactAll, Treatment } from "../render/redact";

const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });
const isSecret = (o: any): Treatment => (o.kind === "Secret" ? "secret" : "plain");

describe("render redaction", () => {
  it("replaces a value marked secret where it stands and keeps the rest readable", () => {
    const [cm] = redactAll(
      [{ kind: "ConfigMap", metadata: { name: "c" }, data: { url: "jdbc:mysql://db/um", password: secret("s3cr3t-pw") } }],
      isSecret,
    );
    expect(cm).toEqual({ kind: "ConfigMap", metadata: { name: "c" }, data: { url: "jdbc:mysql://db/um", password: REDACTED } });
  });

  it("keeps a Secret's keys and metadata and hides every value, including base64 data", () => {
    const encoded = Buffer.from("db-password-1").toString("base64");
    const [s] = redactAll(
      [{ kind: "Secret", metadata: { name: "db" }, type: "Opaque", data: { password: encoded }, stringData: { user: "wso2carbon" } }],
      isSecret,
    );
    expect(s).toEqual({ kind: "Secret", metadata: { name: "db" }, type: "Opaque", stringData: { password: REDACTED, user: REDACTED } });
  });

  it("hides a secret's text wherever else it appears, such as inside a rendered file", () => {
    const objects = redactAll(
      [
        { kind: "Secret", metadata: { name: "db" }, stringData: { password: "p&ss<w>rd-42" } },
        { kind: "ConfigMap", metadata: { name: "files" }, data: { "x.xml": "<password>p&ss<w>rd-42</password>" } },
      ],
      isSecret,
    );
    expect(JSON.stringify(objects)).not.toContain("p&ss<w>rd-42");
    expect((objects[1] as any).data["x.xml"]).toBe(`<password>${REDACTED}</password>`);
  });

  it("leaves objects without secrets exactly as they were", () => {
    const objects = [{ kind: "Service", metadata: { name: "km" }, spec: { ports: [{ port: 9446 }] } }];
    expect(redactAll(objects, isSecret)).toEqual(objects);
  });
});
