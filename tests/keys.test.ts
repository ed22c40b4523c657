// The keys a node reads: where they come from (the bank's Secrets, cert-manager, or on a dev stack only a
// keystore the stack generates), that no password stands in a ConfigMap, what a bad keys config is told,
// and what rolls the nodes.
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import type { CertificateManifest } from "../plan/keys/certificate";
import { Rendered } from "../render/render";
import type { Certificate } from "./helpers/cert-manager-certificate";
import { cliConfig } from "./helpers/cli-config";
import { planOf, secretNodeFile } from "./helpers/plan";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { nodeFile, objectOf, parse, render, textOf } from "./helpers/render";

let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  [dev, prod] = await Promise.all([render(), render([], "prod")]);
});

const jdbcUrls = (sets: string[], engine: string) =>
  textOf(parse(secretNodeFile(sets, "datasources/master-datasources.xml")!), "url").filter((u) => u.startsWith(`jdbc:${engine}:`));

const sts = (r: Rendered) => objectOf(r, "StatefulSet", "obkm-km");
const podAnnotations = (r: Rendered) => sts(r).spec.template.metadata.annotations;
const keysRevision = (r: Rendered) => podAnnotations(r)["obkm.wso2.com/keys-revision"];
const resourcesOf = (r: Rendered, type: string) => r.resources.filter((x) => x.type === type);

describe("a dev stack's generated keys", () => {
  it("signs with a key of its own, kept in the stack's state: an RSA key, a self-signed certificate for the public host, and a keystore password", () => {
    const [key] = resourcesOf(dev, "tls:index/privateKey:PrivateKey");
    expect(key.inputs).toEqual({ algorithm: "RSA", rsaBits: 2048 });
    const [cert] = resourcesOf(dev, "tls:index/selfSignedCert:SelfSignedCert");
    expect(cert.inputs).toMatchObject({ subject: { commonName: "km.dev.obkm.example.com" }, validityPeriodHours: 8760, earlyRenewalHours: 720 });
    expect(cert.inputs.dnsNames).toEqual([
      "km.dev.obkm.example.com",
      "obkm-km.obkm-dev.svc.cluster.local",
      "*.obkm-km-headless.obkm-dev.svc.cluster.local",
    ]);
    const passwords = resourcesOf(dev, "random:index/randomPassword:RandomPassword").filter((p) => p.name.startsWith("obkm-keys-"));
    expect(passwords.map((p) => p.name).sort()).toEqual(["obkm-keys-signing-keystore-password", "obkm-keys-truststore-password"]);
  });

  it("puts the keystore and its password in the keys Secret, which the render shows only by its keys", () => {
    const secret = objectOf(dev, "Secret", "obkm-km-keys");
    expect(Object.keys(secret.stringData).sort()).toEqual(["signing-keystore-password", "signing-keystore.p12", "truststore-password"]);
    expect(Object.values(secret.stringData).every((v) => v === "[redacted]")).toBe(true);
  });

  it("points carbon.xml's primary and internal keystores and the HTTPS connector at it: nowhere the pack's sample keystore", () => {
    const carbon = parse(nodeFile(dev, "carbon.xml"));
    expect(textOf(carbon, "Location").slice(0, 2)).toEqual(Array(2).fill("/opt/obkm-keys/secret/obkm-km-keys/signing-keystore.p12"));
    expect(textOf(carbon, "KeyAlias")).toEqual(["obkm-signing", "obkm-signing"]);
    for (const file of ["carbon.xml", "tomcat/catalina-server.xml"]) expect(nodeFile(dev, file)).not.toContain("wso2carbon.jks");
  });

  it("is replaced, with its passwords, when keys.rotation changes, and the nodes roll onto it", async () => {
    const rotated = await render(["keys.rotation=2"]);
    const [key, rotatedKey] = [dev, rotated].map((r) => resourcesOf(r, "tls:index/privateKey:PrivateKey")[0]);
    expect([key.options.replacementTrigger, rotatedKey.options.replacementTrigger]).toEqual(["1", "2"]);
    for (const p of resourcesOf(rotated, "random:index/randomPassword:RandomPassword").filter((x) => x.name.startsWith("obkm-keys-"))) {
      expect(p.inputs.keepers).toEqual({ rotation: "2" });
    }
    expect(keysRevision(rotated)).not.toBe(keysRevision(dev));
  });
});

describe("a bank's keys (the prod stack)", () => {
  it("generates no signing key: carbon.xml reads the bank's Secret under the alias config names", () => {
    expect(resourcesOf(prod, "tls:index/privateKey:PrivateKey")).toEqual([]);
    const carbon = parse(nodeFile(prod, "carbon.xml"));
    expect(textOf(carbon, "Location").slice(0, 2)).toEqual(Array(2).fill("/opt/obkm-keys/secret/obkm-signing-keystore/keystore.p12"));
    expect(textOf(carbon, "KeyAlias")).toEqual(["ob-signing", "ob-signing"]);
    expect(Object.keys(objectOf(prod, "Secret", "obkm-km-keys").stringData).sort()).toEqual(["tls-keystore-password", "truststore-password"]);
  });

  it("mounts each Secret and ConfigMap once, read-only, readable by the KM's group only, with just the keys a node reads", () => {
    const spec = sts(prod).spec.template.spec;
    const keyVolumes = spec.volumes.filter((v: any) => v.name.startsWith("keys-"));
    expect(keyVolumes).toEqual([
      { name: "keys-0", configMap: { name: "bank-internal-ca", items: [{ key: "ca.crt", path: "ca.crt" }], defaultMode: 0o440 } },
      {
        name: "keys-1",
        secret: {
          secretName: "obkm-km-keys",
          items: [
            { key: "tls-keystore-password", path: "tls-keystore-password" },
            { key: "truststore-password", path: "truststore-password" },
          ],
          defaultMode: 0o440,
        },
      },
      { name: "keys-2", secret: { secretName: "obkm-km-node-tls", items: [{ key: "keystore.jks", path: "keystore.jks" }], defaultMode: 0o440 } },
      {
        name: "keys-3",
        secret: {
          secretName: "obkm-signing-keystore",
          items: [
            { key: "keystore.p12", path: "keystore.p12" },
            { key: "password", path: "password" },
          ],
          defaultMode: 0o440,
        },
      },
    ]);
    const mounts = spec.containers[0].volumeMounts.filter((m: any) => m.name.startsWith("keys-"));
    expect(mounts.every((m: any) => m.readOnly)).toBe(true);
    expect(mounts.map((m: any) => m.mountPath)).toEqual([
      "/opt/obkm-keys/configmap/bank-internal-ca",
      "/opt/obkm-keys/secret/obkm-km-keys",
      "/opt/obkm-keys/secret/obkm-km-node-tls",
      "/opt/obkm-keys/secret/obkm-signing-keystore",
    ]);
    // The nodes start only once the keys Secret and the Certificate exist.
    const nodes = prod.resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet")!;
    expect(nodes.dependencies).toEqual(
      expect.arrayContaining([expect.stringMatching(/::obkm-keys-secret$/), expect.stringMatching(/::obkm-keys-node-certificate$/)]),
    );
  });

  it("asks cert-manager for the nodes' certificate: the public host, the Services and every pod, as a JKS keystore under a generated password", () => {
    const cert = objectOf(prod, "Certificate", "obkm-km-node-tls");
    expect(cert.spec).toMatchObject({
      secretName: "obkm-km-node-tls",
      issuerRef: { name: "bank-internal-ca", kind: "ClusterIssuer", group: "cert-manager.io" },
      privateKey: { algorithm: "RSA", size: 2048, rotationPolicy: "Always" },
      keystores: { jks: { create: true, alias: "obkm-tls", passwordSecretRef: { name: "obkm-km-keys", key: "tls-keystore-password" } } },
    });
    expect(cert.spec.dnsNames).toEqual([
      "km.openbanking.bank.example",
      "obkm-km",
      "obkm-km.openbanking-km",
      "obkm-km.openbanking-km.svc",
      "obkm-km.openbanking-km.svc.cluster.local",
      "*.obkm-km-headless.openbanking-km.svc.cluster.local",
    ]);
    // Reloader rolls the nodes, one at a time, when cert-manager renews it, or the bank replaces its keystore
    // or CA in place; the stack's own keys Secret rolls them through the keys revision instead.
    expect(sts(prod).metadata.annotations).toEqual({
      "secret.reloader.stakater.com/reload": "obkm-km-node-tls,obkm-signing-keystore",
      "configmap.reloader.stakater.com/reload": "bank-internal-ca",
    });
    expect(sts(dev).metadata.annotations).toBeUndefined();
  });

  it("renders a Certificate that cert-manager's schema accepts, and the validation refuses one it would not", () => {
    expect(validateObjects(prod.objects, PROD_EXTERNAL)).toEqual([]);
    const cert = structuredClone(objectOf(prod, "Certificate", "obkm-km-node-tls"));
    cert.spec.privateKey.rotationPolicy = "Sometimes";
    expect(validateObjects([cert]).join("\n")).toMatch(/Certificate\/obkm-km-node-tls: schema: .*rotationPolicy/);
    // A volume of a Secret that is neither rendered nor the bank's is refused.
    expect(validateObjects(prod.objects).join("\n")).toMatch(/volume keys-3 names no rendered Secret obkm-signing-keystore/);
  });

  it("gives the PostgreSQL driver the database's CA as sslrootcert, since pgjdbc does not read the JVM's truststore", () => {
    const ds = nodeFile(prod, "datasources/master-datasources.xml");
    // The OB layout's two in master-datasources.xml (WSO2AM_DB, WSO2_COMMON_DB); the local H2 one stays the pack's.
    const urls = textOf(parse(ds), "url").filter((u) => u.startsWith("jdbc:postgresql:"));
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(/\?sslmode=verify-full&sslrootcert=\/opt\/obkm-keys\/configmap\/bank-internal-ca\/ca.crt$/);
  });

  it("leaves an sslrootcert the URL parameters name, and gives MySQL none (Connector/J reads the truststore)", () => {
    expect(jdbcUrls(["database.urlParameters=sslmode=verify-full&sslrootcert=/etc/db/ca.pem"], "postgresql")).toEqual(
      Array(2).fill(expect.stringMatching(/\?sslmode=verify-full&sslrootcert=\/etc\/db\/ca.pem$/)),
    );
    expect(jdbcUrls(["database.type=mysql", "database.urlParameters=sslMode=VERIFY_CA"], "mysql")).toEqual(
      Array(2).fill(expect.stringMatching(/\?sslMode=VERIFY_CA$/)),
    );
  });
});

describe("passwords", () => {
  it("never stand in a ConfigMap: each keystore password in carbon.xml and catalina-server.xml is a token the start script fills", () => {
    for (const r of [dev, prod]) {
      const carbon = parse(nodeFile(r, "carbon.xml"));
      expect(textOf(carbon, "Password")).toEqual(["@obkm-password:signing@", "@obkm-password:internal@", "@obkm-password:truststore@"]);
      expect(textOf(carbon, "KeyPassword")).toEqual(["@obkm-password:signing@", "@obkm-password:internal@"]);
      const https = Array.from(parse(nodeFile(r, "tomcat/catalina-server.xml")).getElementsByTagName("Connector")).find(
        (c) => c.getAttribute("port") === "9443",
      )!;
      expect(https.getAttribute("keystorePass")).toBe("@obkm-password:tls@");
    }
  });

  it("are read from the Secrets each keystore names, by path under the keys mount", () => {
    const script = prod.files["bin/start.sh"];
    expect(script).toContain(`fill_password carbon.xml '@obkm-password:signing@' "$keys_dir/secret/obkm-signing-keystore/password"`);
    expect(script).toContain(`fill_password tomcat/catalina-server.xml '@obkm-password:tls@' "$keys_dir/secret/obkm-km-keys/tls-keystore-password"`);
    const custom = planOf(["keys.signing.passwordSecret=ob-signing-pass", "keys.signing.passwordKey=pass.txt"]);
    expect((custom.nodeFilesConfigMap.data as Record<string, string>)["bin__start.sh"]).toContain(
      `fill_password carbon.xml '@obkm-password:signing@' "$keys_dir/secret/ob-signing-pass/pass.txt"`,
    );
  });
});

describe("what rolls the nodes", () => {
  it("a change of keystore, alias, CA bundle or rotation changes the pod template's keys revision; scaling does not", () => {
    // The revision as the Keys component computes it: the bank's keystores leave no generated identity.
    const template = (sets: string[]) => {
      const plan = planOf(sets);
      const manifest = plan.statefulSet({ credentials: "c", keys: plan.keys.revision("") }) as any;
      return manifest.spec.template.metadata.annotations as Record<string, string>;
    };
    const revisions = [
      [],
      ["keys.signing.alias=ob-signing-2026"],
      ["keys.signing.secret=obkm-signing-keystore-2026"],
      ["keys.trust.caBundles[1]=secret:apim-ca/ca.crt"],
      ["keys.rotation=2"],
    ].map((sets) => template(sets)["obkm.wso2.com/keys-revision"]);
    expect(new Set(revisions).size).toBe(5);
    expect(template(["replicas=5"])).toEqual(template([]));
    // The render carries the same revision the plan computes.
    expect(keysRevision(prod)).toBe(revisions[0]);
  });
});

const stackConfig = {
  "obkm:hostname": "km.bank.example",
  "obkm:image": "registry.bank.example/wso2/obkm:1.4.0",
  "obkm:apim.hostname": "gw.bank.example",
  "obkm:database.host": "db.bank.example",
  // The gateway (apim.hostname) is known by name: the NetworkPolicy needs its address ranges.
  "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]',
  "obkm:cluster.context": "prod-cluster",
  // What these checks leave aside: the bundled templates meant, and a server that takes the pools.
  "obkm:acceptBundledTemplates": "true",
  "obkm:database.maxConnections": "1000",
};

function problemsOf(extra: Record<string, string>, stack = "prod"): string[] {
  try {
    loadConfig(cliConfig({ ...stackConfig, ...extra }, stack), { stack, projectDir: "/project" });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("a bad keys config", () => {
  const signing = { "obkm:keys.signing.secret": "ob-signing", "obkm:keys.signing.alias": "ob-signing", "obkm:keys.signing.kid": "ob-2026" };

  it("is refused on any stack but dev when no signing keystore or key id is named, with the keys to set", () => {
    expect(problemsOf({ "obkm:keys.signing.kid": "ob-2026" })).toEqual([
      'obkm:keys.signing.secret: is empty on stack "prod"; expected the name of the Secret that holds the signing keystore, because only a dev stack (dev or dev-*) may sign with keys it generated',
    ]);
    expect(problemsOf({ ...signing, "obkm:keys.signing.kid": "" })).toEqual([
      `obkm:keys.signing.kid: is empty on stack "prod"; expected the key id of the signing certificate, which the nodes' finance/open-banking.xml names (SigningCertificateKid) and the OB directory knows`,
    ]);
    expect(problemsOf(signing)).toEqual([]);
    expect(problemsOf({ "obkm:cluster.context": "" }, "dev-alice")).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      "a keystore without its alias",
      { "obkm:keys.signing.secret": "ob-signing", "obkm:keys.signing.kid": "ob-2026" },
      "obkm:keys.signing.alias: is empty with obkm:keys.signing.secret",
    ],
    [
      "a keystore type Java has no name for",
      { ...signing, "obkm:keys.signing.type": "PEM" },
      'obkm:keys.signing.type: got "PEM"; expected one of PKCS12, JKS',
    ],
    ["a Secret name the API server refuses", { ...signing, "obkm:keys.internal.secret": "Ob_Internal" }, "obkm:keys.internal.secret: got"],
    ["a data key the API server refuses", { ...signing, "obkm:keys.signing.file": "key store.p12" }, "obkm:keys.signing.file: got"],
    [
      "a TLS keystore from both a Secret and cert-manager",
      { ...signing, "obkm:keys.tls.secret": "tls", "obkm:keys.tls.alias": "tls", "obkm:keys.tls.issuer": "ca" },
      "obkm:keys.tls.issuer: got",
    ],
    ["a CA bundle of no kind we mount", { ...signing, "obkm:keys.trust.caBundles": '["pem:bank-ca/ca.crt"]' }, "obkm:keys.trust.caBundles: got"],
    ["a database CA without its key", { ...signing, "obkm:keys.trust.databaseCa": "configMap:bank-ca" }, "obkm:keys.trust.databaseCa: got"],
  ])("refuses %s, naming the key", (_what, extra, expected) => {
    const problems = problemsOf(extra);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("warns of settings that do nothing: an alias for a keystore that is not named, an issuer kind without an issuer", () => {
    const { warnings } = loadConfig(
      cliConfig({ ...stackConfig, ...signing, "obkm:keys.internal.alias": "x", "obkm:keys.tls.issuerKind": "Issuer" }, "prod"),
      {
        stack: "prod",
        projectDir: "/project",
      },
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^obkm:keys.internal.alias .*keys.internal.secret is empty/),
      expect.stringMatching(/^obkm:keys.tls.issuerKind .*keys.tls.issuer is empty/),
    ]);
  });
});

// The Certificate has no field cert-manager's CRD lacks: a type error here if the plan's shape grows one
// (the type is inferred from our port of the CRD's schema, tests/helpers/cert-manager-certificate.ts, which
// also refuses unknown fields at run time in validateObjects).
type OnlyKnown<T, U> = T extends readonly (infer E)[]
  ? U extends readonly (infer F)[]
    ? OnlyKnown<E, F>[]
    : never
  : T extends object
    ? { [K in keyof T]: K extends keyof U ? OnlyKnown<T[K], NonNullable<U[K]>> : never }
    : T;
const knownFieldsOnly: OnlyKnown<CertificateManifest, Certificate> = {} as CertificateManifest;
void knownFieldsOnly;
