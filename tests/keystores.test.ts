// The keys a node reads: where they come from (the bank's Secrets, cert-manager, or on a dev stack only a
// keystore the stack generates), that no password stands in a ConfigMap, what a bad keys config is told,
// and what rolls the nodes.
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import type { CertificateManifest } from "../plan/keystores/certificate";
import { Rendered } from "../render/render";
import type { Certificate } from "./helpers/cert-manager-certificate";
import { cliConfig } from "./helpers/cli-config";
import { planOf, secretNodeFile } from "./helpers/plan";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { nodeFile, objectOf, parse, render, textOf } from "./helpers/render";
import { PROJECT_DIR } from "../project-dir";
import { INTERNET_BY_PROXY, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { keystoresPlan } from "../plan/keystores";
import { nodeCertificate } from "../plan/keystores/certificate";
import { carbonKeystoreEdits, catalinaKeystoreEdits, passwordToken, TRUSTSTORE_PATH } from "../plan/keystores/keystore-edits";
import { bundlePath, CERT_MANAGER_ALIAS, GENERATED_ALIAS, keystoreMounts } from "../plan/keystores/keystores";
import { packTruststore } from "../plan/keystores/pack-truststore";
import { keystoreStartSteps, passwordFills, SAMPLE_CERTIFICATE_ALIAS } from "../plan/keystores/start-steps";
import { names } from "../plan/names";
import { KM_TEMPLATE_FILES } from "../plan/templates";
import { applyEdits } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { readTemplates } from "../xml/templates";

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

  it("is replaced, with its passwords, when keystores.rotation changes, and the nodes roll onto it", async () => {
    const rotated = await render(["keystores.rotation=2"]);
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
      { name: "keys-1", configMap: { name: "public-ca-roots", items: [{ key: "ca.crt", path: "ca.crt" }], defaultMode: 0o440 } },
      {
        name: "keys-2",
        secret: {
          secretName: "obkm-km-keys",
          items: [
            { key: "tls-keystore-password", path: "tls-keystore-password" },
            { key: "truststore-password", path: "truststore-password" },
          ],
          defaultMode: 0o440,
        },
      },
      { name: "keys-3", secret: { secretName: "obkm-km-node-tls", items: [{ key: "keystore.jks", path: "keystore.jks" }], defaultMode: 0o440 } },
      {
        name: "keys-4",
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
      "/opt/obkm-keys/configmap/public-ca-roots",
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
      "configmap.reloader.stakater.com/reload": "bank-internal-ca,public-ca-roots",
    });
    expect(sts(dev).metadata.annotations).toBeUndefined();
  });

  it("renders a Certificate that cert-manager's schema accepts, and the validation refuses one it would not", () => {
    expect(validateObjects(prod.objects, PROD_EXTERNAL)).toEqual([]);
    const cert = structuredClone(objectOf(prod, "Certificate", "obkm-km-node-tls"));
    cert.spec.privateKey.rotationPolicy = "Sometimes";
    expect(validateObjects([cert]).join("\n")).toMatch(/Certificate\/obkm-km-node-tls: schema: .*rotationPolicy/);
    // A volume of a Secret that is neither rendered nor the bank's is refused.
    expect(validateObjects(prod.objects).join("\n")).toMatch(/volume keys-4 names no rendered Secret obkm-signing-keystore/);
  });

  it("gives the PostgreSQL driver the database's CA as sslrootcert, since pgjdbc does not read the JVM's truststore", () => {
    const ds = nodeFile(prod, "datasources/master-datasources.xml");
    // The OB layout's two in master-datasources.xml (WSO2AM_DB, WSO2_COMMON_DB); the local H2 one stays the pack's.
    const urls = textOf(parse(ds), "url").filter((u) => u.startsWith("jdbc:postgresql:"));
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(/\?sslmode=verify-full&sslrootcert=\/opt\/obkm-keys\/configmap\/bank-internal-ca\/ca.crt$/);
  });

  it("refuses an sslrootcert of the URL parameters, which would replace the program's, and gives MySQL none (Connector/J reads the truststore)", () => {
    expect(() => jdbcUrls(["database.urlParameters=sslmode=verify-full&sslrootcert=/etc/db/ca.pem"], "postgresql")).toThrow(
      /obkm:database.urlParameters: got .*; expected no sslrootcert, which the program sets .*: set keystores.trust.databaseCa/,
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
    const custom = planOf(["keystores.signing.passwordSecret=ob-signing-pass", "keystores.signing.passwordKey=pass.txt"]);
    expect((custom.nodeFilesConfigMap.data as Record<string, string>)["bin__start.sh"]).toContain(
      `fill_password carbon.xml '@obkm-password:signing@' "$keys_dir/secret/ob-signing-pass/pass.txt"`,
    );
  });
});

describe("the KM's own TLS certificate in its truststore", () => {
  // The consent portal's server side, in a KM pod, takes its token from the KM Service on 9446
  // (flows/calls.ts consentmgt.token): the truststore the start script assembles must trust the certificate
  // the connector presents, whichever TLS source the stack has.
  const importOf = (r: Rendered) => r.files["bin/start.sh"].split("\n").filter((l) => l.startsWith("import_keystore_certificates "));
  const connectorOf = (r: Rendered) =>
    Array.from(parse(nodeFile(r, "tomcat/catalina-server.xml")).getElementsByTagName("Connector")).find((c) => c.getAttribute("port") === "9443")!;
  const mountedAt = (file: string) => `"$keys_dir${file.slice("/opt/obkm-keys".length)}"`;
  /** The import line the script must hold: the connector's keystore, type and the password file its token is filled from. */
  function expectedImport(r: Rendered): string {
    const https = connectorOf(r);
    const tlsFill = r.files["bin/start.sh"].split("\n").find((l) => l.startsWith("fill_password tomcat/catalina-server.xml "))!;
    return `import_keystore_certificates km-tls ${mountedAt(https.getAttribute("keystoreFile")!)} ${https.getAttribute("keystoreType")} ${tlsFill.split(" ").pop()} 'the TLS keystore'`;
  }

  it("imports cert-manager's JKS keystore on the prod stack, with the password file the connector's password comes from", () => {
    expect(importOf(prod)).toEqual([
      `import_keystore_certificates km-tls "$keys_dir/secret/obkm-km-node-tls/keystore.jks" JKS "$keys_dir/secret/obkm-km-keys/tls-keystore-password" 'the TLS keystore'`,
    ]);
    expect(importOf(prod)).toEqual([expectedImport(prod)]);
  });

  it("imports the dev stack's generated PKCS#12 keystore, which is also its signing keystore", () => {
    expect(importOf(dev)).toEqual([
      `import_keystore_certificates km-tls "$keys_dir/secret/obkm-km-keys/signing-keystore.p12" PKCS12 "$keys_dir/secret/obkm-km-keys/signing-keystore-password" 'the TLS keystore'`,
    ]);
    expect(importOf(dev)).toEqual([expectedImport(dev)]);
  });

  it("imports a TLS keystore from a Secret of the bank's, or the signing keystore when no TLS keystore is named", async () => {
    const [own, signing] = await Promise.all([
      render(
        [
          "keystores.tls.issuer=",
          "keystores.tls.secret=bank-tls",
          "keystores.tls.alias=km-tls-key",
          "keystores.tls.type=JKS",
          "keystores.tls.file=tls.jks",
        ],
        "prod",
      ),
      render(["keystores.tls.issuer="], "prod"),
    ]);
    expect(importOf(own)).toEqual([
      `import_keystore_certificates km-tls "$keys_dir/secret/bank-tls/tls.jks" JKS "$keys_dir/secret/bank-tls/password" 'the TLS keystore'`,
    ]);
    expect(importOf(own)).toEqual([expectedImport(own)]);
    expect(importOf(signing)).toEqual([
      `import_keystore_certificates km-tls "$keys_dir/secret/obkm-signing-keystore/keystore.p12" PKCS12 "$keys_dir/secret/obkm-signing-keystore/password" 'the TLS keystore'`,
    ]);
    expect(importOf(signing)).toEqual([expectedImport(signing)]);
  });

  it("imports them after the pack's sample certificate is dropped, into the truststore carbon.xml names, reading the password from its file", () => {
    for (const r of [dev, prod]) {
      const lines = r.files["bin/start.sh"].split("\n");
      const at = lines.findIndex((l) => l.startsWith("import_keystore_certificates "));
      expect(at).toBeGreaterThan(lines.findIndex((l) => l.includes(`-delete -alias ${SAMPLE_CERTIFICATE_ALIAS} `)));
      expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith("truststore=")));
      // The function lists the keystore with -rfc, its password from the file, and imports what it prints.
      const fn = lines.slice(lines.indexOf("import_keystore_certificates() {"));
      const body = fn.slice(0, fn.indexOf("}") + 1).join("\n");
      expect(body).toContain('"$keytool" -list -rfc -keystore "$2" -storetype "$3" -storepass:file "$4"');
      expect(body).toContain('import_bundle "$1" "$listed" "$5"');
    }
  });
});

describe("the pack's sample key in a keystore the node uses", () => {
  // Its private key ships in every copy of the product: the start script compares the certificate of every key
  // entry the rendered files name with the pack's wso2carbon one before Carbon starts.
  const linesOf = (r: Rendered) => r.files["bin/start.sh"].split("\n");
  const argsOf = (r: Rendered, fn: string) =>
    linesOf(r)
      .map((l) => l.trim())
      .filter((l) => l.startsWith(`${fn} `))
      .map((l) => l.slice(fn.length + 1));
  /** The keystore file and alias of each key entry the rendered carbon.xml and HTTPS connector name. */
  function entriesNamed(r: Rendered): string[] {
    const carbon = parse(nodeFile(r, "carbon.xml"));
    const of = (tag: string) => {
      const store = carbon.getElementsByTagName(tag)[0];
      return `${store.getElementsByTagName("Location")[0].textContent} ${store.getElementsByTagName("KeyAlias")[0].textContent}`;
    };
    const connector = Array.from(parse(nodeFile(r, "tomcat/catalina-server.xml")).getElementsByTagName("Connector")).find(
      (c) => c.getAttribute("port") === "9443",
    )!;
    return [
      ...new Set([of("KeyStore"), of("InternalKeyStore"), `${connector.getAttribute("keystoreFile")} ${connector.getAttribute("keyAlias")}`]),
    ].sort();
  }
  /** The same, as the checks of the start script name them. */
  const entriesChecked = (r: Rendered, fn: string) =>
    argsOf(r, fn)
      .map((a) => a.split(" "))
      .map(([file, , , alias]) => `/opt/obkm-keys${file.slice('"$keys_dir'.length, -1)} ${alias.slice(1, -1)}`)
      .sort();

  let ownInternal: Rendered;
  beforeAll(async () => {
    ownInternal = await render(["keystores.internal.secret=bank-internal", "keystores.internal.alias=data-key"], "prod");
  });

  it("checks every key entry carbon.xml and the HTTPS connector name, exactly those require_key checks, dev and prod", () => {
    for (const r of [dev, prod, ownInternal]) {
      expect(entriesChecked(r, "refuse_sample_key")).toEqual(entriesNamed(r));
      expect(argsOf(r, "refuse_sample_key")).toEqual(argsOf(r, "require_key"));
    }
    expect(entriesChecked(ownInternal, "refuse_sample_key")).toContain("/opt/obkm-keys/secret/bank-internal/keystore.p12 data-key");
    expect(argsOf(ownInternal, "refuse_sample_key").map((a) => a.split(" ").pop())).toEqual(["signing", "internal", "TLS"]);
    // One check per entry: the dev stack's internal and TLS keystores are its signing one.
    expect(argsOf(dev, "refuse_sample_key").map((a) => a.split(" ").pop())).toEqual(["signing"]);
  });

  it("reads the sample certificate from the pack's truststore, as copied, before it drops it and before it trusts the TLS keystore's certificates", () => {
    for (const r of [dev, prod]) {
      const lines = linesOf(r);
      const at = (start: string) => lines.findIndex((l) => l.trim().startsWith(start));
      const read = at("if sample_certificate=");
      expect(lines[read]).toContain(
        `-exportcert -rfc -alias ${SAMPLE_CERTIFICATE_ALIAS} -keystore "$truststore" -storetype PKCS12 -storepass:file "$truststore_password"`,
      );
      expect(read).toBeGreaterThan(at("imported="));
      const checks = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim().startsWith("refuse_sample_key "));
      for (const [, i] of checks) {
        expect(i).toBeGreaterThan(read);
        expect(i).toBeLessThan(at(`"$keytool" -delete -alias ${SAMPLE_CERTIFICATE_ALIAS} `));
        expect(i).toBeLessThan(at("import_keystore_certificates "));
      }
      // The function exports each entry's certificate with its password from the file and compares it whole.
      const fn = lines.slice(lines.indexOf("refuse_sample_key() {"));
      const body = fn.slice(0, fn.indexOf("}") + 1).join("\n");
      expect(body).toContain('"$keytool" -exportcert -rfc -keystore "$1" -storetype "$2" -storepass:file "$3" -alias "$4"');
      expect(body).toContain('[ "$certificate" = "$sample_certificate" ]');
    }
  });
});

describe("what rolls the nodes", () => {
  it("a change of keystore, alias, CA bundle or rotation changes the pod template's keys revision; scaling does not", () => {
    // The revision as the Keys component computes it: the bank's keystores leave no generated identity.
    const template = (sets: string[]) => {
      const plan = planOf(sets);
      const manifest = plan.statefulSet({ credentials: "c", keystores: plan.keystores.revision("") }) as any;
      return manifest.spec.template.metadata.annotations as Record<string, string>;
    };
    const revisions = [
      [],
      ["keystores.signing.alias=ob-signing-2026"],
      ["keystores.signing.secret=obkm-signing-keystore-2026"],
      ["keystores.trust.caBundles[1]=secret:apim-ca/ca.crt"],
      ["keystores.rotation=2"],
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
  "obkm:cluster.identifier": "test-cluster-id",
  // What these checks leave aside: a way to the internet, the bundled templates meant, and a server that takes the pools.
  ...INTERNET_BY_PROXY,
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
  const signing = {
    "obkm:keystores.signing.secret": "ob-signing",
    "obkm:keystores.signing.alias": "ob-signing",
    "obkm:keystores.signing.kid": "ob-2026",
  };

  it("is refused on any stack but dev when no signing keystore or key id is named, with the keys to set", () => {
    expect(problemsOf({ "obkm:keystores.signing.kid": "ob-2026" })).toEqual([
      'obkm:keystores.signing.secret: is empty on stack "prod"; expected the name of the Secret that holds the signing keystore, because only a dev stack (dev or dev-*) may sign with keys it generated',
    ]);
    expect(problemsOf({ ...signing, "obkm:keystores.signing.kid": "" })).toEqual([
      `obkm:keystores.signing.kid: is empty on stack "prod"; expected the key id of the signing certificate, which the nodes' finance/open-banking.xml names (SigningCertificateKid) and the OB directory knows`,
    ]);
    expect(problemsOf(signing)).toEqual([]);
    expect(problemsOf({ "obkm:cluster.context": "" }, "dev-alice")).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      "a keystore without its alias",
      { "obkm:keystores.signing.secret": "ob-signing", "obkm:keystores.signing.kid": "ob-2026" },
      "obkm:keystores.signing.alias: is empty with obkm:keystores.signing.secret",
    ],
    [
      "a keystore type Java has no name for",
      { ...signing, "obkm:keystores.signing.type": "PEM" },
      'obkm:keystores.signing.type: got "PEM"; expected one of PKCS12, JKS',
    ],
    ["a Secret name the API server refuses", { ...signing, "obkm:keystores.internal.secret": "Ob_Internal" }, "obkm:keystores.internal.secret: got"],
    ["a data key the API server refuses", { ...signing, "obkm:keystores.signing.file": "key store.p12" }, "obkm:keystores.signing.file: got"],
    [
      "a TLS keystore from both a Secret and cert-manager",
      { ...signing, "obkm:keystores.tls.secret": "tls", "obkm:keystores.tls.alias": "tls", "obkm:keystores.tls.issuer": "ca" },
      "obkm:keystores.tls.issuer: got",
    ],
    [
      "a CA bundle of no kind we mount",
      { ...signing, "obkm:keystores.trust.caBundles": '["pem:bank-ca/ca.crt"]' },
      "obkm:keystores.trust.caBundles: got",
    ],
    ["a database CA without its key", { ...signing, "obkm:keystores.trust.databaseCa": "configMap:bank-ca" }, "obkm:keystores.trust.databaseCa: got"],
  ])("refuses %s, naming the key", (_what, extra, expected) => {
    const problems = problemsOf(extra);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("warns of settings that do nothing: an alias for a keystore that is not named, an issuer kind without an issuer", () => {
    const { warnings } = loadConfig(
      cliConfig({ ...stackConfig, ...signing, "obkm:keystores.internal.alias": "x", "obkm:keystores.tls.issuerKind": "Issuer" }, "prod"),
      {
        stack: "prod",
        projectDir: "/project",
      },
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^obkm:keystores.internal.alias .*keystores.internal.secret is empty/),
      expect.stringMatching(/^obkm:keystores.tls.issuerKind .*keystores.tls.issuer is empty/),
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

// The keystores modules' own blocks: their functions called on a loaded config, no render.
const keysConfigOf = (sets: Record<string, string> = {}) =>
  loadConfig(cliConfig({ ...MINIMAL_SETTINGS, ...sets }), { stack: "dev", projectDir: PROJECT_DIR }).config;
/** A bank's keys: its signing keystore in a Secret, the nodes' TLS from cert-manager, its CA trusted. */
const BANK_KEYS = {
  "obkm:keystores.signing.secret": "bank-signing",
  "obkm:keystores.signing.alias": "ob-signing",
  "obkm:keystores.signing.kid": "kid-1",
  "obkm:keystores.tls.issuer": "bank-ca",
  "obkm:keystores.trust.caBundles": '["configMap:bank-ca/ca.crt", "secret:apim-ca/ca.pem"]',
  "obkm:keystores.trust.databaseCa": "configMap:bank-ca/ca.crt",
};
const keyTemplates = readTemplates(undefined, KM_TEMPLATE_FILES);
// A manifest as the plain JSON it is: the types allow Pulumi inputs, which the plan never makes.
const plainOf = (value: unknown): any => JSON.parse(JSON.stringify(value));

describe("plan/keystores/keystores.ts", () => {
  it("a dev stack reads its generated signing keystore from the stack's keys Secret, for every role", () => {
    const config = keysConfigOf();
    const n = names(config);
    const { stores, sources } = keystoreMounts(config, n);
    for (const role of ["signing", "internal", "tls"] as const) {
      expect(stores[role]).toEqual({
        type: "PKCS12",
        alias: GENERATED_ALIAS,
        location: `/opt/obkm-keys/secret/${n.keystores}/signing-keystore.p12`,
        passwordFile: `/opt/obkm-keys/secret/${n.keystores}/signing-keystore-password`,
      });
    }
    expect(sources).toEqual([{ kind: "secret", name: n.keystores }]);
  });

  it("a bank's keystore from its Secret (keystore.p12 by default), TLS from cert-manager's keystore.jks under our alias, each source mounted once, read-only, group-readable only", () => {
    const config = keysConfigOf(BANK_KEYS);
    const n = names(config);
    const mounts = keystoreMounts(config, n);
    expect(mounts.stores.signing).toMatchObject({ alias: "ob-signing", location: "/opt/obkm-keys/secret/bank-signing/keystore.p12" });
    expect(mounts.stores.signing.passwordFile).toBe("/opt/obkm-keys/secret/bank-signing/password");
    expect(mounts.stores.tls).toMatchObject({
      type: "JKS",
      alias: CERT_MANAGER_ALIAS,
      location: `/opt/obkm-keys/secret/${n.nodeCertificate}/keystore.jks`,
    });
    // The database's CA is one of the bundles too: imported once.
    expect(mounts.bundles).toEqual([
      { label: "configmap-bank-ca-ca.crt", file: "/opt/obkm-keys/configmap/bank-ca/ca.crt" },
      { label: "secret-apim-ca-ca.pem", file: "/opt/obkm-keys/secret/apim-ca/ca.pem" },
    ]);
    const ids = mounts.sources.map((s) => `${s.kind}/${s.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(mounts.volumeMounts.every((m) => m.readOnly === true)).toBe(true);
    for (const volume of plainOf(mounts.volumes)) expect((volume.secret ?? volume.configMap).defaultMode).toBe(0o440);
  });

  it("bundlePath is where a node sees a CA bundle, under the keys mount", () => {
    expect(bundlePath({ kind: "configMap", name: "bank-ca", key: "ca.crt" })).toBe("/opt/obkm-keys/configmap/bank-ca/ca.crt");
  });
});

describe("plan/keystores/certificate.ts", () => {
  it("issues no Certificate without keystores.tls.issuer", () => {
    const config = keysConfigOf();
    expect(nodeCertificate(config, names(config), {})).toBeUndefined();
  });

  it("names the public host, the Services and every pod, so any caller verifies a node by any of its names", () => {
    const config = keysConfigOf(BANK_KEYS);
    const n = names(config);
    const cert = nodeCertificate(config, n, {})!;
    expect(cert.spec.issuerRef).toEqual({ name: "bank-ca", kind: "ClusterIssuer", group: "cert-manager.io" });
    expect(cert.spec.commonName).toBe("km.bank.example");
    expect(cert.spec.dnsNames).toEqual(
      expect.arrayContaining(["km.bank.example", n.service, n.serviceDnsName, `*.${n.headlessService}.${n.namespace}.svc.cluster.local`]),
    );
    // cert-manager writes the JKS keystore the TLS role reads, under the alias and the password the stack owns.
    expect(cert.spec.keystores.jks).toEqual({
      create: true,
      alias: CERT_MANAGER_ALIAS,
      passwordSecretRef: { name: n.keystores, key: "tls-keystore-password" },
    });
    expect(keysConfigOf({ ...BANK_KEYS, "obkm:keystores.tls.issuerKind": "Issuer" }).keystores.tls).toMatchObject({ issuer: { kind: "Issuer" } });
  });

  it("leaves out the common name of a host longer than X.509's 64 characters (RFC 5280 ub-common-name), which cert-manager would refuse", () => {
    const long = `${"a".repeat(60)}.bank.example`;
    const config = keysConfigOf({ ...BANK_KEYS, "obkm:hostname": long });
    const cert = nodeCertificate(config, names(config), {})!;
    expect(cert.spec.commonName).toBeUndefined();
    expect(cert.spec.dnsNames).toContain(long);
  });
});

describe("plan/keystores/keystore-edits.ts", () => {
  const config = keysConfigOf(BANK_KEYS);
  const mounts = keystoreMounts(config, names(config));

  it("points carbon.xml's KeyStore and InternalKeyStore at the mounts, KeyPassword the same token as Password (Carbon unlocks the key with the store's)", () => {
    const xml = applyEdits("carbon.xml", keyTemplates.files["carbon.xml"], carbonKeystoreEdits(mounts));
    const at = (path: string) => elementTexts("carbon.xml", xml, `/Server/Security/${path}`);
    expect(at("KeyStore/Location")).toEqual([mounts.stores.signing.location]);
    expect(at("KeyStore/KeyAlias")).toEqual(["ob-signing"]);
    expect(at("KeyStore/Password")).toEqual([passwordToken("signing")]);
    expect(at("KeyStore/KeyPassword")).toEqual([passwordToken("signing")]);
    expect(at("InternalKeyStore/Password")).toEqual([passwordToken("internal")]);
    // The truststore the start script assembles, which Carbon makes the JVM's default.
    expect(at("TrustStore/Location")).toEqual([`\${carbon.home}/${TRUSTSTORE_PATH}`]);
    expect(at("TrustStore/Type")).toEqual(["PKCS12"]);
    expect(at("TrustStore/Password")).toEqual([passwordToken("truststore")]);
  });

  it("points the HTTPS connector at the TLS keystore by Tomcat's attributes, its password a token", () => {
    const xml = applyEdits("tomcat/catalina-server.xml", keyTemplates.files["tomcat/catalina-server.xml"], catalinaKeystoreEdits(mounts));
    const https = parse(xml).getElementsByTagName("Connector");
    const connector = Array.from({ length: https.length }, (_, i) => https.item(i)!).find((c) => c.getAttribute("port") === "9443")!;
    expect(connector.getAttribute("keystoreFile")).toBe(mounts.stores.tls.location);
    expect(connector.getAttribute("keystoreType")).toBe("JKS");
    expect(connector.getAttribute("keyAlias")).toBe(CERT_MANAGER_ALIAS);
    expect(connector.getAttribute("keystorePass")).toBe(passwordToken("tls"));
  });
});

describe("plan/keystores/pack-truststore.ts", () => {
  const withTrustStore = (location: string, count = 1) => ({
    ...keyTemplates,
    files: {
      ...keyTemplates.files,
      "carbon.xml": `<Server><Security>${`<TrustStore><Location>${location}</Location><Type>JKS</Type><Password>wso2carbon</Password></TrustStore>`.repeat(count)}</Security></Server>`,
    },
  });

  it("reads the pack's truststore from carbon.xml, its path under KM_HOME", () => {
    // The bundled carbon.xml, as WSO2's packs ship it: client-truststore.jks under the published password.
    expect(packTruststore(keyTemplates)).toEqual({
      path: "repository/resources/security/client-truststore.jks",
      type: "JKS",
      password: "wso2carbon",
    });
  });

  it("refuses a truststore outside ${carbon.home} or not named once, naming the file and the element", () => {
    expect(() => packTruststore(withTrustStore("/etc/ts.jks"))).toThrow(
      /carbon.xml: \/Server\/Security\/TrustStore\/Location: is "\/etc\/ts.jks"; expected a path under/,
    );
    expect(() => packTruststore(withTrustStore("${carbon.home}/a.jks", 2))).toThrow(/carbon.xml: .*names 2 elements/);
  });
});

describe("plan/keystores/start-steps.ts", () => {
  const config = keysConfigOf(BANK_KEYS);
  const mounts = keystoreMounts(config, names(config));
  const pack = { path: "repository/resources/security/client-truststore.jks", type: "JKS", password: "wso2carbon" };
  const steps = keystoreStartSteps(mounts, pack, ["ob-signing", "ob-sandbox"]);

  it("writes every keystore password over its token, from the mounted file, in the file that holds the token", () => {
    expect(passwordFills(mounts)).toEqual([
      { file: "carbon.xml", token: passwordToken("signing"), passwordFile: mounts.stores.signing.passwordFile },
      { file: "carbon.xml", token: passwordToken("internal"), passwordFile: mounts.stores.internal.passwordFile },
      { file: "carbon.xml", token: passwordToken("truststore"), passwordFile: mounts.truststorePasswordFile },
      { file: "tomcat/catalina-server.xml", token: passwordToken("tls"), passwordFile: mounts.stores.tls.passwordFile },
    ]);
    expect(steps.filter((s) => s.startsWith("fill_password "))).toHaveLength(4);
  });

  it("requires each signing alias once and the TLS alias as keys of their keystores before Carbon starts", () => {
    const required = steps.filter((s) => s.startsWith("require_key "));
    // The internal keystore is the signing one and its alias here: checked once.
    expect(required.map((s) => s.split(" ").slice(-2).join(" "))).toEqual([
      "'ob-signing' signing",
      "'ob-sandbox' signing",
      `'${CERT_MANAGER_ALIAS}' TLS`,
    ]);
  });

  it("compares each of those entries, the OB signing aliases among them, with the pack's sample certificate", () => {
    const argsOf = (fn: string) => steps.filter((s) => s.trim().startsWith(`${fn} `)).map((s) => s.trim().slice(fn.length + 1));
    expect(argsOf("refuse_sample_key")).toEqual(argsOf("require_key"));
    expect(argsOf("refuse_sample_key")).toHaveLength(3);
  });

  it("starts the truststore from the pack's, drops the sample wso2carbon certificate, whose key every pack ships, and imports each CA bundle", () => {
    expect(steps.join("\n")).toContain(
      "-srckeystore \"$KM_HOME/repository/resources/security/client-truststore.jks\" -srcstoretype JKS -srcstorepass 'wso2carbon'",
    );
    expect(steps.join("\n")).toContain(`-delete -alias ${SAMPLE_CERTIFICATE_ALIAS} `);
    expect(steps.filter((s) => s.startsWith("import_bundle "))).toEqual([
      `import_bundle 'configmap-bank-ca-ca.crt' "$keys_dir/configmap/bank-ca/ca.crt"`,
      `import_bundle 'secret-apim-ca-ca.pem' "$keys_dir/secret/apim-ca/ca.pem"`,
    ]);
    // keytool reads every password from a file: none on a command line.
    expect(steps.join("\n")).not.toMatch(/-(store|dest|key)pass (?!:file)/);
  });

  it("refuses a keystore mounted outside the keys directory", () => {
    const stray = { ...mounts, stores: { ...mounts.stores, tls: { ...mounts.stores.tls, location: "/etc/tls.jks" } } };
    expect(() => keystoreStartSteps(stray, pack)).toThrow("/etc/tls.jks is not under /opt/obkm-keys");
  });
});

describe("plan/keystores/index.ts", () => {
  it("a dev stack generates its signing keystore for the public host and the nodes, valid a year, renewed a month early", () => {
    const config = keysConfigOf();
    const plan = keystoresPlan(config, names(config), {}, keyTemplates);
    expect(plan.generate.signingKeystore).toMatchObject({
      alias: GENERATED_ALIAS,
      commonName: "km.bank.example",
      validityHours: 8760,
      earlyRenewalHours: 720,
    });
    expect(plan.generate.tlsKeystorePassword).toBe(false);
    expect(plan.certificate).toBeUndefined();
    expect(plan.statefulSetAnnotations).toEqual({});
  });

  it("a bank's stack generates no signing key, a password for cert-manager's keystore, and asks Reloader to roll on its Secrets and ConfigMaps", () => {
    const config = keysConfigOf(BANK_KEYS);
    const n = names(config);
    const plan = keystoresPlan(config, n, {}, keyTemplates);
    expect(plan.generate.signingKeystore).toBeUndefined();
    expect(plan.generate.tlsKeystorePassword).toBe(true);
    expect(plan.openBanking).toEqual({ alias: "ob-signing", kid: "kid-1", sandbox: { alias: "ob-signing", kid: "kid-1" } });
    // The stack's own keys Secret rolls the nodes through the revision instead.
    expect(plan.statefulSetAnnotations["secret.reloader.stakater.com/reload"]!.split(",").sort()).toEqual(
      ["apim-ca", "bank-signing", n.nodeCertificate].sort(),
    );
    expect(plan.statefulSetAnnotations["configmap.reloader.stakater.com/reload"]).toBe("bank-ca");
  });

  it("puts a generated keystore in the Secret's data and the passwords in stringData", () => {
    const config = keysConfigOf();
    const secret = keystoresPlan(config, names(config), {}, keyTemplates).secret({
      truststorePassword: "t",
      signingKeystore: { base64: "QUJD", password: "s" },
    });
    expect(secret.data).toEqual({ "signing-keystore.p12": "QUJD" });
    expect(secret.stringData).toEqual({ "truststore-password": "t", "signing-keystore-password": "s" });
  });

  it("changes the revision with the keys config and the generated identity, so either rolls the nodes", () => {
    const revision = (sets: Record<string, string>, identity: string) => {
      const config = keysConfigOf(sets);
      return keystoresPlan(config, names(config), {}, keyTemplates).revision(identity);
    };
    const base = revision({}, "cert-1");
    expect(revision({}, "cert-1")).toBe(base);
    expect(revision({}, "cert-2")).not.toBe(base);
    expect(revision({ "obkm:keystores.rotation": "2" }, "cert-1")).not.toBe(base);
  });

  it("refuses a carbon.xml that already holds a password token, naming the file", () => {
    const config = keysConfigOf();
    const poisoned = {
      ...keyTemplates,
      files: { ...keyTemplates.files, "carbon.xml": keyTemplates.files["carbon.xml"] + `<!-- ${passwordToken("tls")} -->` },
    };
    expect(() => keystoresPlan(config, names(config), {}, poisoned)).toThrow(/carbon.xml: \/: holds the text @obkm-password:tls@/);
  });
});
