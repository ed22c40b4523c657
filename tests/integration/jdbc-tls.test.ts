// The KM's datasource URLs for PostgreSQL, as a stack renders them (sslmode=verify-full and the database CA as
// sslrootcert, where the pod mounts it), used by the real driver against a real server that offers TLS:
// PostgreSQL's JDBC driver from Debian (libpostgresql-jdbc-java, pgjdbc 42.5.5) in java/JdbcOracle.java, and a
// PostgreSQL of this file's own with a certificate our test CA issued. The URL must connect over TLS with the
// CA the stack names, and be refused where the server's certificate is another CA's or names another host:
// what verify-full promises (pgjdbc's org.postgresql.ssl.LibPQFactory and PGjdbcHostnameVerifier).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { KEYS_MOUNT_DIR } from "../../plan/pod-layout";
import { objectOf, render } from "../helpers/render";
import { CHILD_TIMEOUT_MS, keyPair } from "./java";
import { freePorts } from "./servers/lifecycle";
import { startPostgresql, stopPostgresql } from "./servers/postgresql";
import { giveTo, serverUser } from "./servers/run";
import { psql, servers } from "./servers/servers";

const PGJDBC = "/usr/share/java/postgresql.jar";
const ADMIN = { user: "obkm_tls_admin", password: "tls-admin-pass" };
const KM = { user: "obkm", password: "km-tls-pass" };
/** Where the pods mount the keys' files, which a test lays out under a directory of its own. */
const KEYS_MOUNT = KEYS_MOUNT_DIR;

const bankCa = keyPair("Bank Database CA");
const otherCa = keyPair("Some Other CA");
const server = { dir: "", port: 0 };

/** A server certificate for 127.0.0.1 from `ca`, or for another address, written where the server reads it. */
function serverCertificate(ca: typeof bankCa, caName: string, address = "127.0.0.1"): void {
  const pair = keyPair("database server", { key: ca, commonName: caName }, [address]);
  const user = serverUser();
  for (const [file, text] of [
    ["server.crt", pair.certificatePem],
    ["server.key", pair.privateKeyPem],
  ]) {
    fs.writeFileSync(path.join(server.dir, file), text, { mode: 0o600 });
    giveTo(user, path.join(server.dir, file));
  }
}

beforeAll(async () => {
  if (!fs.existsSync(PGJDBC)) throw new Error(`${PGJDBC} is not installed (.ci/integration-setup installs libpostgresql-jdbc-java)`);
  server.dir = fs.mkdtempSync(path.join(servers().dir, "tls-postgresql-"));
  giveTo(serverUser(), server.dir);
  [server.port] = await freePorts(1);
  serverCertificate(bankCa, "Bank Database CA");
  await startPostgresql(server.dir, server.port, serverUser(), {
    admin: ADMIN,
    tls: { certificateFile: path.join(server.dir, "server.crt"), keyFile: path.join(server.dir, "server.key") },
  });
  const asAdmin = (sql: string) => psql(["-d", "postgres", "-qc", sql], { ...ADMIN, port: server.port });
  asAdmin(`CREATE ROLE ${KM.user} LOGIN PASSWORD '${KM.password}'`);
  asAdmin(`CREATE DATABASE openbank_apimgtdb OWNER ${KM.user}`);
}, 90_000);

afterAll(async () => {
  if (server.port) await stopPostgresql(server.dir, serverUser());
}, 60_000);

const renderProd = () => render(["database.host=127.0.0.1", `database.port=${server.port}`], "prod");

/** The WSO2AM_DB datasource's URL and user as the prod stack renders them for this server. */
async function renderedDatasource(): Promise<{ url: string; username: string }> {
  const rendered = await renderProd();
  const xml = rendered.files["conf/datasources/master-datasources.xml"];
  const url = /<url>(jdbc:postgresql:[^<]*openbank_apimgtdb[^<]*)<\/url>/.exec(xml)?.[1].replace(/&amp;/g, "&");
  const username = /<url>jdbc:postgresql:[^<]*openbank_apimgtdb[^<]*<\/url>\s*<username>([^<]+)<\/username>/.exec(xml)?.[1];
  if (!url || !username) throw new Error("no WSO2AM_DB datasource in the rendered master-datasources.xml");
  return { url, username };
}

/** The driver's answer for `url`, with the pod's key mount laid out under a directory of this test holding `caPem` where the URL names the CA. */
function connect(url: string, username: string, caPem: string): { status: number | null; out: string } {
  const mounted = /sslrootcert=([^&]+)/.exec(url)?.[1];
  if (!mounted?.startsWith(`${KEYS_MOUNT}/`)) throw new Error(`the URL names no CA under ${KEYS_MOUNT}: ${url}`);
  const keys = fs.mkdtempSync(path.join(server.dir, "keys-"));
  const caFile = path.join(keys, mounted.slice(KEYS_MOUNT.length));
  fs.mkdirSync(path.dirname(caFile), { recursive: true });
  fs.writeFileSync(caFile, caPem);
  const run = spawnSync("java", ["-cp", PGJDBC, path.join(__dirname, "java", "JdbcOracle.java"), url.split(KEYS_MOUNT).join(keys), username], {
    env: { PATH: process.env.PATH, OBKM_JDBC_PASSWORD: KM.password },
    encoding: "utf8",
    timeout: CHILD_TIMEOUT_MS,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}`.trim() };
}

describe("the prod stack's PostgreSQL datasource URL, with PostgreSQL's JDBC driver", () => {
  it("names verify-full and the database CA where the pod mounts it", async () => {
    const { url, username } = await renderedDatasource();
    expect(url).toBe(
      `jdbc:postgresql://127.0.0.1:${server.port}/openbank_apimgtdb?sslmode=verify-full&sslrootcert=${KEYS_MOUNT}/configmap/bank-internal-ca/ca.crt`,
    );
    expect(username).toBe(KM.user);
    // The KM container mounts there the ConfigMap keystores.trust.databaseCa names, its key as the file.
    const spec = objectOf(await renderProd(), "StatefulSet", "obkm-km").spec.template.spec;
    const mount = spec.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === `${KEYS_MOUNT}/configmap/bank-internal-ca`);
    const volume = spec.volumes.find((v: { name: string }) => v.name === mount?.name);
    expect(volume?.configMap).toMatchObject({ name: "bank-internal-ca", items: [{ key: "ca.crt", path: "ca.crt" }] });
  });

  it("connects over TLS to a server whose certificate the stack's database CA issued for its address", async () => {
    const { url, username } = await renderedDatasource();
    expect(connect(url, username, bankCa.certificatePem)).toEqual({ status: 0, out: "connected, ssl true" });
  });

  it("is refused where the CA the stack names did not issue the server's certificate", async () => {
    const { url, username } = await renderedDatasource();
    const refused = connect(url, username, otherCa.certificatePem);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(
      /^refused: org\.postgresql\.util\.PSQLException: .*\(sun\.security\.provider\.certpath\.SunCertPathBuilderException\)$/,
    );
  });

  it("is refused where the server's certificate, from the right CA, names another address", async () => {
    const { url, username } = await renderedDatasource();
    serverCertificate(bankCa, "Bank Database CA", "127.0.0.2");
    // PostgreSQL reads its certificate files again on a reload (SIGHUP), as a running server takes a renewed one.
    process.kill(Number(fs.readFileSync(path.join(server.dir, "postgresql", "postmaster.pid"), "utf8").split("\n")[0]), "SIGHUP");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const refused = connect(url, username, bankCa.certificatePem);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/^refused: org\.postgresql\.util\.PSQLException: The hostname 127\.0\.0\.1 could not be verified/);
  });
});
