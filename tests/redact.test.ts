// No secret reaches a render, and redaction changes nothing else: values the program marked secret and every
// value of a Secret are hidden where they stand; a secret value found anywhere else fails the render.
import * as pulumi from "@pulumi/pulumi";
import { LeakError, REDACTED, redactAll, Treatment } from "../render/redact";

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

  it("never rewrites other text: a short or common password leaves the same letters elsewhere alone", () => {
    const objects = redactAll(
      [
        { kind: "Secret", metadata: { name: "admin" }, stringData: { "admin-password": "admin" } },
        { kind: "ConfigMap", metadata: { name: "files" }, data: { "probe.txt": "/carbon/admin/login.jsp" } },
      ],
      isSecret,
    );
    expect((objects[1] as any).data["probe.txt"]).toBe("/carbon/admin/login.jsp");
  });

  it("shows the Secret of node files as the plan gives it, with the marker in each password's place", () => {
    const shown = { conf__user_mgt: `<Password>${REDACTED}</Password><URL>jdbc:mysql://db/um</URL>` };
    const [s] = redactAll(
      [
        {
          kind: "Secret",
          metadata: { name: "files" },
          stringData: { conf__user_mgt: "<Password>Real-Pw-123</Password><URL>jdbc:mysql://db/um</URL>" },
        },
      ],
      () => ({ readableSecret: shown }),
    );
    expect((s as any).stringData).toEqual(shown);
  });

  it("fails, naming the object and not the value, when a secret value still stands somewhere: a bug to fix, not to hide", () => {
    const objects = [
      { kind: "Secret", metadata: { name: "db" }, stringData: { password: "p&ss<w>rd-42" } },
      { kind: "ConfigMap", metadata: { name: "files" }, data: { "x.xml": "<password>p&amp;ss&lt;w&gt;rd-42</password>" } },
    ];
    expect(() => redactAll(objects, isSecret)).toThrow(
      new LeakError("a secret value stands unredacted in ConfigMap files; this is a bug of the render", "p&amp;ss&lt;w&gt;rd-42", "ConfigMap files"),
    );
  });

  it("leaves objects without secrets exactly as they were", () => {
    const objects = [{ kind: "Service", metadata: { name: "km" }, spec: { ports: [{ port: 9446 }] } }];
    expect(redactAll(objects, isSecret)).toEqual(objects);
  });
});
