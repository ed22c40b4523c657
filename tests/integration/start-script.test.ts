// The start script of a rendered stack, run as a pod runs it, against a fake pack with a real keytool: it
// installs the node files with the pod's address, writes each keystore password from its Secret into
// carbon.xml and catalina-server.xml, and assembles the truststore from the pack's, less the sample
// certificate, plus the certificates of the node's own TLS keystore and the stack's CA bundles: a truststore
// in which Java's own PKIX trust manager validates the certificate the node's HTTPS connector presents, as
// the consent portal's call to the KM Service needs (java/TrustOracle.java).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pkcs12Base64 } from "../../plan/keystores/pkcs12";
import { CERT_MANAGER_ALIAS, GENERATED_ALIAS } from "../../plan/keystores/keystores";
import { Rendered } from "../../render/render";
import { nodeFile, objectOf, parse, render, textOf } from "../helpers/render";
import { BUSYBOX_SH, busyboxBin, treeOf } from "./busybox";
import { CHILD_TIMEOUT_MS, entriesOf, jksKeystore, jksTruststore, KeyPair, keyPair, keytoolHome, reissued, SH, StoreFile, trustedBy } from "./java";

let dev: Rendered;
beforeAll(async () => {
  dev = await render(["keystores.trust.caBundles[0]=configMap:bank-ca/ca.crt"]);
});

// What the Keys component would put in its Secret (the render shows it redacted), and the bank's CA bundle.
const signingPassword = `s&gn<in>g"pa'ss$w\\rd!#%`;
const tlsPassword = `tl$-"key'store<&>`;
const truststorePassword = "trust-Store_pass:word=42";
const signing = keyPair("km.dev.obkm.example.com");
const bankRoot = keyPair("Bank Root CA");
const bankIssuing = keyPair("Bank Issuing CA", { key: bankRoot, commonName: "Bank Root CA" });
const otherPackCa = keyPair("Some Public CA");
const sample = keyPair("localhost");
const obPassword = `ob<&>"'pass`;
const adminPassword = `adm<&>"'pass`;
/** The values the kubelet would set for the editor's secret env: the OB database's password and the admin's. */
function editorSecrets(env: Array<{ name: string; valueFrom?: { secretKeyRef?: unknown } }>): Record<string, string> {
  const values: Record<string, string> = { OBKM_SECRET_OB_PASSWORD: obPassword, OBKM_SECRET_ADMIN_PASSWORD: adminPassword };
  const unknown = env.filter((e) => e.valueFrom?.secretKeyRef && !(e.name in values)).map((e) => e.name);
  if (unknown.length > 0) throw new Error(`the editor takes secrets this test gives no value: ${unknown.join(", ")}`);
  return Object.fromEntries(env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => [e.name, values[e.name]]));
}
const OB_FIXTURES = path.join(__dirname, "..", "fixtures", "ob-pack");
const OB_FILES: Array<[string, string]> = [
  ["finance/open-banking.xml", "conf/finance/open-banking.xml"],
  ["datasources/open-banking-datasources.xml", "conf/datasources/open-banking-datasources.xml"],
  // The consent apps' files of ours, laid out as the UK pack's (tests/fixtures/packs).
  ...(["consentmgt", "ccportal"] as const).map((app): [string, string] => [
    `../packs/uk/km/repository/deployment/server/jaggeryapps/${app}/configs/conf.json`,
    `deployment/server/jaggeryapps/${app}/configs/conf.json`,
  ]),
];

interface Pod {
  root: string;
  kmHome: string;
  out: string;
}

/** Secret data by the Secret's name, for the keys' Secrets other than the stack's own (cert-manager's, the bank's). */
type SecretsByName = Record<string, Record<string, string | Buffer>>;

/**
 * Starts a pod of `rendered` (the dev stack with a CA bundle by default): its init containers' shell step and
 * its start script, by Debian's /bin/sh and tools, or, with `busybox` (busybox.ts busyboxBin), by BusyBox's
 * alone, as WSO2's Alpine images run them.
 */
function startPod(
  overrides: { keysSecret?: Record<string, string | Buffer>; secrets?: SecretsByName; rendered?: Rendered; busybox?: string } = {},
): Pod {
  const sh = (script: string, env: Record<string, string>) => (overrides.busybox ? BUSYBOX_SH(overrides.busybox, script, env) : SH(script, env));
  const rendered = overrides.rendered ?? dev;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-start-"));
  const spec = objectOf(rendered, "StatefulSet", "obkm-km").spec.template.spec;
  const container = spec.containers[0];
  const dirOf = (volume: string) => container.volumeMounts.find((m: any) => m.name === volume).mountPath as string;
  const layOut = (dir: string, items: Array<{ key: string; path: string }>, data: Record<string, string | Buffer>) => {
    for (const item of items) {
      const file = path.join(dir, item.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data[item.key]);
    }
  };
  const keysSecret: Record<string, string | Buffer> = {
    "signing-keystore.p12": Buffer.from(
      pkcs12Base64({
        privateKeyPem: signing.privateKeyPem,
        certificatePems: [signing.certificatePem],
        alias: GENERATED_ALIAS,
        password: signingPassword,
      }),
      "base64",
    ),
    "signing-keystore-password": signingPassword,
    "truststore-password": `${truststorePassword}\n`,
    "tls-keystore-password": tlsPassword,
    ...overrides.keysSecret,
  };
  // Each volume where the pod mounts it, under root; the keys' mounts under OBKM_KEYS.
  for (const volume of spec.volumes) {
    const mountPath = dirOf(volume.name);
    if (volume.configMap?.name.startsWith("obkm-km-files")) {
      layOut(path.join(root, "mount"), volume.configMap.items, objectOf(rendered, "ConfigMap", volume.configMap.name).data);
    } else if (volume.secret?.secretName === "obkm-km-secret-files") {
      layOut(path.join(root, "secrets"), volume.secret.items, objectOf(rendered, "Secret", volume.secret.secretName).stringData);
    } else if (mountPath.startsWith("/opt/obkm-keys/")) {
      const dir = path.join(root, "keys", mountPath.slice("/opt/obkm-keys/".length));
      const name: string | undefined = volume.secret?.secretName;
      const bankCa = { "ca.crt": bankIssuing.certificatePem + bankRoot.certificatePem };
      const data = name === "obkm-km-keys" ? keysSecret : ((name === undefined ? undefined : overrides.secrets?.[name]) ?? bankCa);
      layOut(dir, (volume.secret ?? volume.configMap).items, data);
    }
  }
  const kmHome = path.join(root, "km");
  fs.mkdirSync(path.join(kmHome, "bin"), { recursive: true });
  // The pack's own master-datasources.xml, readable by all as packs ship it: the installed one must not be.
  fs.mkdirSync(path.join(kmHome, "repository/conf/datasources"), { recursive: true });
  fs.writeFileSync(path.join(kmHome, "repository/conf/datasources/master-datasources.xml"), "<datasources-configuration/>", { mode: 0o644 });
  // The image's own OB files (fixtures of ours), which the init containers copy out and edit.
  for (const [from, to] of OB_FILES) {
    fs.mkdirSync(path.dirname(path.join(kmHome, "repository", to)), { recursive: true });
    fs.copyFileSync(path.join(OB_FIXTURES, from), path.join(kmHome, "repository", to));
  }
  const init = (name: string) => spec.initContainers.find((c: { name: string }) => c.name === name);
  const obDir = path.join(root, "ob");
  sh(init("copy-open-banking-files").command[2].split("/opt/obkm-ob").join(obDir), { KM_HOME: kmHome });
  const [, editor, plan] = init("edit-open-banking-files").command as string[];
  const local = (p: string) => path.join(root, "mount", p.slice("/opt/obkm/".length));
  execFileSync(process.execPath, [local(editor), local(plan), path.join(obDir, "pack"), path.join(obDir, "edited")], {
    // Every secret the pod gives the editor (its env from the credentials Secret), as the kubelet would.
    env: { PATH: process.env.PATH, ...editorSecrets(init("edit-open-banking-files").env ?? []) },
    timeout: CHILD_TIMEOUT_MS,
  });
  fs.mkdirSync(path.join(kmHome, "repository/resources/security"), { recursive: true });
  fs.writeFileSync(
    path.join(kmHome, "bin", "wso2server.sh"),
    '#!/bin/sh\necho "server started with $JVM_MEM_OPTS, umask $(umask), JAVA_OPTS $JAVA_OPTS"\n',
    {
      mode: 0o755,
    },
  );
  // The pack's truststore: its sample certificate and a public CA, under the pack's published password.
  jksTruststore(path.join(kmHome, "repository/resources/security/client-truststore.jks"), "wso2carbon", {
    wso2carbon: sample.certificatePem,
    somepublicca: otherPackCa.certificatePem,
  });

  // Started with the container's usual umask, which the server must keep: 077 would lock its writes to the
  // shared claim to one uid.
  const out = sh(`umask 022 && exec sh "${path.join(root, "mount", "bin", "start.sh")}"`, {
    KM_HOME: kmHome,
    JAVA_HOME: keytoolHome(path.join(root, "jdk")),
    POD_IP: "10.42.0.7",
    JVM_MEM_OPTS: "-Xmx2048m",
    OBKM_SECRET_FILES: path.join(root, "secrets", "conf"),
    OBKM_KEYS: path.join(root, "keys"),
    OBKM_OB_FILES: obDir,
    // The container's own variables of the options the start script adds to JAVA_OPTS, as the StatefulSet sets them.
    ...Object.fromEntries(
      container.env
        .filter((e: { name: string; value?: string }) => /^OBKM_.*JAVA_OPTS$/.test(e.name))
        .map((e: { name: string; value: string }) => [e.name, e.value]),
    ),
  });
  return { root, kmHome, out };
}

const installedOf = (pod: Pod, file: string) => fs.readFileSync(path.join(pod.kmHome, "repository/conf", file), "utf8");

/** Writes a password to a file of the pod's, for keytool and Java to read. */
function passwordFileOf(pod: Pod, name: string, password: string): string {
  const file = path.join(pod.root, `${name}.password`);
  fs.writeFileSync(file, `${password}\n`);
  return file;
}

/** The keystore and alias the installed catalina-server.xml's HTTPS connector presents, as Tomcat reads them. */
function connectorKeystore(pod: Pod): { store: StoreFile; alias: string } {
  const connectors = Array.from(parse(installedOf(pod, "tomcat/catalina-server.xml")).getElementsByTagName("Connector"));
  const https = connectors.find((c) => c.getAttribute("port") === "9443")!;
  return {
    store: {
      file: path.join(pod.root, "keys", https.getAttribute("keystoreFile")!.slice("/opt/obkm-keys/".length)),
      type: https.getAttribute("keystoreType")!,
      passwordFile: passwordFileOf(pod, "connector", https.getAttribute("keystorePass")!),
    },
    alias: https.getAttribute("keyAlias")!,
  };
}

/** The truststore the installed carbon.xml names (Security/TrustStore), which Carbon makes javax.net.ssl.trustStore. */
function installedTruststore(pod: Pod): StoreFile {
  const trust = parse(installedOf(pod, "carbon.xml")).getElementsByTagName("TrustStore")[0];
  const text = (tag: string) => trust.getElementsByTagName(tag)[0].textContent!;
  return {
    file: text("Location").replace("${carbon.home}", pod.kmHome),
    type: text("Type"),
    passwordFile: passwordFileOf(pod, "truststore", text("Password")),
  };
}

describe("the start script", () => {
  let pod: Pod;
  beforeAll(() => {
    pod = startPod();
  });
  const installed = (file: string) => fs.readFileSync(path.join(pod.kmHome, "repository/conf", file), "utf8");

  it("installs the node files with the pod's own address and starts the server with the container's umask", () => {
    expect(pod.out).toContain("this node advertises 10.42.0.7");
    expect(pod.out).toContain("server started with -Xmx2048m, umask 0022");
    expect(textOf(parse(installed("axis2/axis2.xml")), "parameter", { name: "localMemberHost" })).toEqual(["10.42.0.7"]);
    // the files that hold passwords come from the Secret, and only the KM's user can read them
    expect(installed("datasources/master-datasources.xml")).toBe(nodeFile(dev, "datasources/master-datasources.xml"));
    for (const file of ["datasources/master-datasources.xml", "carbon.xml", "tomcat/catalina-server.xml"]) {
      expect(fs.statSync(path.join(pod.kmHome, "repository/conf", file)).mode & 0o077).toBe(0);
    }
  });

  it("installs the OB files the init containers edited: the OB database's password in place, conf.json beside the web apps", () => {
    const datasources = parse(installed("datasources/open-banking-datasources.xml"));
    expect(textOf(datasources, "password")).toEqual([obPassword]);
    expect(textOf(datasources, "url")).toEqual(["jdbc:mysql://obkm-db.obkm-dev.svc.cluster.local:3306/openbank_openbankingdb"]);
    expect(textOf(parse(installed("finance/open-banking.xml")), "DeployedSpecification")).toEqual(["UK"]);
    const conf = fs.readFileSync(path.join(pod.kmHome, "repository/deployment/server/jaggeryapps/consentmgt/configs/conf.json"), "utf8");
    // The portal's server side calls the KM Service; the browser is sent to the public host.
    expect(conf).toContain('"kmHost" : "https://obkm-km.obkm-dev.svc.cluster.local"');
    expect(conf).toContain('"redirectUrl" : "https://km.dev.obkm.example.com/consentmgt"');
    expect(fs.statSync(path.join(pod.kmHome, "repository/conf/datasources/open-banking-datasources.xml")).mode & 0o077).toBe(0);
  });

  it("writes each keystore password from its Secret, XML-escaped, where carbon.xml and catalina-server.xml hold its token", () => {
    const carbon = parse(installed("carbon.xml"));
    expect(textOf(carbon, "Password")).toEqual([signingPassword, signingPassword, truststorePassword]);
    expect(textOf(carbon, "KeyPassword")).toEqual([signingPassword, signingPassword]);
    const connector = parse(installed("tomcat/catalina-server.xml")).getElementsByTagName("Connector");
    const https = Array.from(connector).find((c) => c.getAttribute("port") === "9443")!;
    expect(https.getAttribute("keystorePass")).toBe(signingPassword);
    // Nothing else changed: the file is the rendered one with the tokens replaced.
    const rendered = nodeFile(dev, "carbon.xml");
    const escaped = (p: string) =>
      p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
    expect(installed("carbon.xml")).toBe(
      rendered
        .split("@obkm-password:signing@")
        .join(escaped(signingPassword))
        .split("@obkm-password:internal@")
        .join(escaped(signingPassword))
        .split("@obkm-password:truststore@")
        .join(escaped(truststorePassword)),
    );
  });

  it("points carbon.xml at a signing keystore that opens with the password it was given, holding the alias it names", () => {
    const carbon = parse(installed("carbon.xml"));
    const [location] = textOf(carbon, "Location");
    const file = path.join(pod.root, "keys", location.slice("/opt/obkm-keys/".length));
    const passwordFile = path.join(pod.root, "pw");
    fs.writeFileSync(passwordFile, textOf(carbon, "Password")[0]);
    expect(entriesOf(file, "PKCS12", passwordFile)).toEqual({ [textOf(carbon, "KeyAlias")[0]]: "PrivateKeyEntry" });
  });

  it("assembles a truststore that trusts the pack's CAs and every certificate of the bundles, but not the pack's sample certificate", () => {
    const truststore = path.join(pod.kmHome, "repository/resources/security/obkm-truststore.p12");
    const passwordFile = path.join(pod.root, "trust-pw");
    fs.writeFileSync(passwordFile, truststorePassword);
    expect(entriesOf(truststore, "PKCS12", passwordFile)).toEqual({
      somepublicca: "trustedCertEntry",
      // the dev stack's own self-signed TLS certificate (its signing keystore's)
      "km-tls-1": "trustedCertEntry",
      "configmap-bank-ca-ca.crt-1": "trustedCertEntry",
      "configmap-bank-ca-ca.crt-2": "trustedCertEntry",
    });
    expect(pod.out).toContain("the truststore trusts the 1 certificate(s) of the TLS keystore");
    expect(pod.out).toContain("the truststore trusts the 2 certificate(s) of configmap-bank-ca-ca.crt");
    // carbon.xml names that truststore; Carbon sets javax.net.ssl.trustStore from it.
    expect(textOf(parse(installed("carbon.xml")), "Location")[2]).toBe("${carbon.home}/repository/resources/security/obkm-truststore.p12");
  });

  it("assembles a truststore in which Java's PKIX validates the self-signed certificate the HTTPS connector presents, for the consent portal's call to the KM Service", () => {
    const { store, alias } = connectorKeystore(pod);
    expect(store.type).toBe("PKCS12");
    expect(trustedBy(installedTruststore(pod), store, alias)).toBe("trusted");
  });

  it("does not start when the signing keystore lacks the alias carbon.xml names, and says which", () => {
    const otherAlias = Buffer.from(
      pkcs12Base64({
        privateKeyPem: signing.privateKeyPem,
        certificatePems: [signing.certificatePem],
        alias: "someone-else",
        password: signingPassword,
      }),
      "base64",
    );
    expect(() => startPod({ keysSecret: { "signing-keystore.p12": otherAlias } })).toThrow(
      /obkm: the signing keystore .*signing-keystore.p12 does not open with its password or holds no entry obkm-signing/,
    );
  });

  it("does not start when a keystore password's Secret is empty", () => {
    expect(() => startPod({ keysSecret: { "signing-keystore-password": "" } })).toThrow(/obkm: no password in .*signing-keystore-password/);
  });

  describe("under BusyBox, as WSO2's Alpine images run it", () => {
    // The same pod started again, by BusyBox's sh and tools alone (busybox.ts): the same files installed, with
    // the same modes, the same truststore, the same lines said as under Debian's dash and GNU's tools (`pod`).
    let busybox: Pod;
    let bin: string;
    beforeAll(() => {
      bin = busyboxBin();
      busybox = startPod({ busybox: bin });
    });
    afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

    it("starts the server and says what it did as under dash", () => {
      expect(busybox.out).toContain("server started with -Xmx2048m, umask 0022");
      expect(busybox.out.split(busybox.root).join("ROOT")).toBe(pod.out.split(pod.root).join("ROOT"));
    });

    it("installs the same node files, passwords and OB files", () => {
      const conf = (started: Pod) => treeOf(path.join(started.kmHome, "repository", "conf"), started.root);
      expect(Object.keys(conf(busybox)).length).toBeGreaterThan(10);
      expect(conf(busybox)).toEqual(conf(pod));
    });

    it("assembles a truststore of the same entries", () => {
      const entries = (started: Pod) => {
        const store = installedTruststore(started);
        return entriesOf(store.file, store.type, store.passwordFile);
      };
      expect(entries(busybox)).toEqual(entries(pod));
    });
  });
});

/** How a start that fails ends: its exit status and what it wrote to stderr. */
function failedStart(start: () => Pod): { status: number; stderr: string } {
  try {
    start();
  } catch (error) {
    const { status, stderr } = error as { status: number; stderr: string };
    return { status, stderr };
  }
  throw new Error("the node started");
}

describe("the start script with the pack's sample key in a keystore it uses", () => {
  // A copy of the pack's wso2carbon.jks, or any keystore holding its key: the certificate is the one the stand-in
  // pack's client-truststore.jks holds under wso2carbon (startPod), the key its own.
  const sampleKeystore = (alias: string, password: string) =>
    Buffer.from(pkcs12Base64({ privateKeyPem: sample.privateKeyPem, certificatePems: [sample.certificatePem], alias, password }), "base64");

  it("stops with one line naming the keystore and the alias, exit 1, when the signing keystore holds it", () => {
    const { status, stderr } = failedStart(() =>
      startPod({ keysSecret: { "signing-keystore.p12": sampleKeystore(GENERATED_ALIAS, signingPassword) } }),
    );
    expect(status).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^obkm: the signing keystore \S*signing-keystore.p12 holds the pack's sample key under obkm-signing, whose private key ships in every copy of the product: put a key of your own in its Secret$/,
      ),
    ]);
  });

  it("stops as well when the certificate is a new one for the sample key pair, with another subject, serial and validity", () => {
    const renewed = reissued(sample, "km.bank.example");
    expect(renewed.certificatePem).not.toBe(sample.certificatePem);
    const keystore = pkcs12Base64({
      privateKeyPem: renewed.privateKeyPem,
      certificatePems: [renewed.certificatePem],
      alias: GENERATED_ALIAS,
      password: signingPassword,
    });
    const { status, stderr } = failedStart(() => startPod({ keysSecret: { "signing-keystore.p12": Buffer.from(keystore, "base64") } }));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^obkm: the signing keystore \S*signing-keystore.p12 holds the pack's sample key under obkm-signing, .*\n$/);
  });

  it.each([
    ["internal", ["keystores.internal.secret=bank-keys", "keystores.internal.alias=wso2carbon"]],
    ["TLS", ["keystores.tls.issuer=", "keystores.tls.secret=bank-keys", "keystores.tls.alias=wso2carbon"]],
  ])("stops when a keystore of the bank's holds it as the %s keystore", async (role, settings) => {
    const rendered = await render(settings);
    const { status, stderr } = failedStart(() =>
      startPod({ rendered, secrets: { "bank-keys": { "keystore.p12": sampleKeystore("wso2carbon", tlsPassword), password: tlsPassword } } }),
    );
    expect(status).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^obkm: the ${role} keystore \\S*bank-keys/keystore.p12 holds the pack's sample key under wso2carbon, .*: put a key of your own in its Secret\n$`,
      ),
    );
  });

  it("starts with keys of the bank's own in the same places", async () => {
    const rendered = await render(["keystores.tls.issuer=", "keystores.tls.secret=bank-tls", "keystores.tls.alias=km-tls-key"]);
    const own = Buffer.from(
      pkcs12Base64({ privateKeyPem: signing.privateKeyPem, certificatePems: [signing.certificatePem], alias: "km-tls-key", password: tlsPassword }),
      "base64",
    );
    const pod = startPod({ rendered, secrets: { "bank-tls": { "keystore.p12": own, password: tlsPassword } } });
    try {
      expect(pod.out).toContain("server started with -Xmx2048m");
    } finally {
      fs.rmSync(pod.root, { recursive: true, force: true });
    }
  });
});

describe("the start script with the nodes' certificate from cert-manager, whose CA no bundle names", () => {
  // A CA that signs the nodes' certificates only: the stack lists no bundle, so the truststore trusts it only
  // because the TLS keystore holds it, in the trusted entry ca beside the key whose chain is the leaf alone.
  const nodeCa = keyPair("Node TLS CA");
  const issued = (ca: KeyPair, caName: string) => keyPair("km.dev.obkm.example.com", { key: ca, commonName: caName });
  const node = issued(nodeCa, "Node TLS CA");
  let rendered: Rendered;
  let pod: Pod;
  let keysDir: string;
  let password: string;
  /** A keystore as cert-manager writes it, in a directory of the test's. */
  const certManagerKeystore = (name: string, leaf: KeyPair, ca: KeyPair, ...moreCas: KeyPair[]): StoreFile => {
    const file = path.join(keysDir, `${name}.jks`);
    const key = { privateKeyPem: leaf.privateKeyPem, chain: [leaf.certificatePem], alias: CERT_MANAGER_ALIAS };
    jksKeystore(
      file,
      password,
      key,
      [ca, ...moreCas].map((c) => c.certificatePem),
    );
    return { file, type: "JKS", passwordFile: password };
  };
  /** The truststore a pod assembled, entry by entry. */
  const truststoreEntries = (started: Pod) => {
    const truststore = installedTruststore(started);
    return entriesOf(truststore.file, truststore.type, truststore.passwordFile);
  };
  /** The pack's public CA, and the key's chain and the ca entry of the TLS keystore. */
  const PACK_AND_NODE_TLS = { somepublicca: "trustedCertEntry", "km-tls-1": "trustedCertEntry", "km-tls-2": "trustedCertEntry" };
  beforeAll(async () => {
    rendered = await render(["keystores.tls.issuer=node-ca"]);
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-node-tls-"));
    password = path.join(keysDir, "password");
    fs.writeFileSync(password, `${tlsPassword}\n`);
    const secretName = objectOf(rendered, "Certificate").spec.secretName;
    const keystore = certManagerKeystore("keystore", node, nodeCa);
    pod = startPod({ rendered, secrets: { [secretName]: { "keystore.jks": fs.readFileSync(keystore.file) } } });
  });
  afterAll(() => {
    for (const dir of [keysDir, pod?.root]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports the key entry's chain and the trusted ca entry cert-manager writes beside it", () => {
    expect(truststoreEntries(pod)).toEqual(PACK_AND_NODE_TLS);
    expect(pod.out).toContain("the truststore trusts the 2 certificate(s) of the TLS keystore");
  });

  it("assembles a truststore in which Java's PKIX validates the certificate the HTTPS connector presents", () => {
    const { store, alias } = connectorKeystore(pod);
    expect(store.type).toBe("JKS");
    expect(trustedBy(installedTruststore(pod), store, alias)).toBe("trusted");
  });

  it("leaves out the pack's sample certificate where the TLS keystore holds it beside its own, and trusts no server that presents it", () => {
    // A keystore made from a copy of the pack's, its sample certificate left in as a trusted entry.
    const secretName = objectOf(rendered, "Certificate").spec.secretName;
    const withSample = certManagerKeystore("with-sample", node, nodeCa, sample);
    const other = startPod({ rendered, secrets: { [secretName]: { "keystore.jks": fs.readFileSync(withSample.file) } } });
    try {
      const truststore = installedTruststore(other);
      expect(truststoreEntries(other)).toEqual(PACK_AND_NODE_TLS);
      expect(other.out).toContain("obkm: the truststore leaves out the pack's sample certificate, which the TLS keystore holds\n");
      expect(other.out).toContain("the truststore trusts the 2 certificate(s) of the TLS keystore");
      const impostor = path.join(keysDir, "impostor.jks");
      jksKeystore(impostor, password, { privateKeyPem: sample.privateKeyPem, chain: [sample.certificatePem], alias: "wso2carbon" });
      expect(trustedBy(truststore, { file: impostor, type: "JKS", passwordFile: password }, "wso2carbon")).toMatch(
        /^untrusted: .*PKIX path building failed/,
      );
      expect(trustedBy(truststore, connectorKeystore(other).store, CERT_MANAGER_ALIAS)).toBe("trusted");
    } finally {
      fs.rmSync(other.root, { recursive: true, force: true });
    }
  });

  it("leaves out a certificate the TLS keystore holds for the sample key pair, new as it may be, and trusts no server that presents it", () => {
    const secretName = objectOf(rendered, "Certificate").spec.secretName;
    const renewed = reissued(sample, "Renewed Sample");
    const withRenewed = certManagerKeystore("with-renewed-sample", node, nodeCa, renewed);
    const other = startPod({ rendered, secrets: { [secretName]: { "keystore.jks": fs.readFileSync(withRenewed.file) } } });
    try {
      expect(truststoreEntries(other)).toEqual(PACK_AND_NODE_TLS);
      expect(other.out).toContain("obkm: the truststore leaves out a certificate of the pack's sample key, which the TLS keystore holds\n");
      const impostor = path.join(keysDir, "renewed-impostor.jks");
      jksKeystore(impostor, password, { privateKeyPem: renewed.privateKeyPem, chain: [renewed.certificatePem], alias: "wso2carbon" });
      expect(trustedBy(installedTruststore(other), { file: impostor, type: "JKS", passwordFile: password }, "wso2carbon")).toMatch(
        /^untrusted: .*PKIX path building failed/,
      );
    } finally {
      fs.rmSync(other.root, { recursive: true, force: true });
    }
  });

  it("trusts a renewed certificate (a new key, the same CA) that another node presents during the rolling restart, and none of another CA", () => {
    const truststore = installedTruststore(pod);
    const renewed = certManagerKeystore("renewed", issued(nodeCa, "Node TLS CA"), nodeCa);
    expect(trustedBy(truststore, renewed, CERT_MANAGER_ALIAS)).toBe("trusted");
    const otherCa = keyPair("Another CA");
    const stranger = certManagerKeystore("stranger", issued(otherCa, "Another CA"), otherCa);
    expect(trustedBy(truststore, stranger, CERT_MANAGER_ALIAS)).toMatch(/^untrusted: .*PKIX path building failed/);
  });
});

describe("the start script with metrics on", () => {
  it("adds the JMX exporter's agent to JAVA_OPTS, with its port and the exporter's installed config", async () => {
    const rendered = await render([
      "keystores.trust.caBundles[0]=configMap:bank-ca/ca.crt",
      "metrics.enabled=true",
      "metrics.exporterImage=registry.bank.example/jmx-exporter-agent:1.6.0",
      "metrics.exporterJar=/jmx_prometheus_javaagent.jar",
    ]);
    const pod = startPod({ rendered });
    try {
      const config = "/repository/conf/obkm-jmx-exporter.yaml";
      expect(pod.out).toContain(
        "JAVA_OPTS -javaagent:/opt/obkm-exporter/jmx_prometheus_javaagent.jar=9404:/home/wso2carbon/wso2-obkm-1.4.0" + config,
      );
      // The config the option names is installed where it says, under the pack's directory.
      expect(fs.readFileSync(path.join(pod.kmHome, config), "utf8")).toBe(nodeFile(rendered, "obkm-jmx-exporter.yaml"));
    } finally {
      fs.rmSync(pod.root, { recursive: true, force: true });
    }
  });
});
