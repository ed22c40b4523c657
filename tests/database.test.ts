// The shared databases, the credentials and the user store: every node on the same databases, and no
// password on the way in clear.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as YAML from "yaml";
import { loadConfig } from "../config/load";
import { asSets, cliConfig, LDAP_SETTINGS, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { PROJECT_DIR } from "../project-dir";
import { editorBundle } from "../editor/bundle";
import { buildPlan } from "../plan";
import { KM_TEMPLATE_FILES } from "../plan/templates";
import { Credentials } from "../plan/credentials";
import { REDACTED } from "../render/redaction-marker";
import { Rendered } from "../render/render";
import { BUNDLED_TEMPLATES, readTemplates } from "../xml/templates";
import { DATASOURCE_KEYS, DatasourceKey } from "../config/database-keys";
import {
  DatasourceEndpoint,
  datasourceEdits,
  jdbcUrl,
  MASTER_DATASOURCES_XML,
  OPEN_BANKING_DATASOURCES_XML,
  persistenceManagerEdits,
} from "../plan/database/datasources";
import { databaseServers, datasourceEndpoints } from "../plan/database/endpoints";
import { ENGINES } from "../plan/database/engines";
import { provisionedDatabase } from "../plan/database/provision";
import {
  applicationUsers,
  ENSURE_USER_SQL,
  initScript,
  MAINTENANCE_DATABASE,
  moveToAdministratorScript,
  POSTGRESQL_ADMIN,
} from "../plan/database/postgresql-users";
import { superuserNamed, systemDatabaseNamed } from "../config/database-system-names";
import { REGISTRY_XML, registryNodeFile } from "../plan/database/registry";
import { sharedDatabases } from "../plan/database/shared";
import { waitScript } from "../plan/database/wait-script";
import { names } from "../plan/names";
import { applyEdits } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { plannedOf, planOf, SOME_CREDENTIALS } from "./helpers/plan";
import { restrictedViolations } from "./helpers/pod-security";
import { elements, nodeFile, objectOf, objectsOf, parse, render, textOf, xmllintErrors, xmllintErrorsOf } from "./helpers/render";

// The clustering guide's layout: four datasources of its own. The OB 1.4 layout, the default, has its own block below.
const EXTERNAL = ["database.provision=false", "database.host=db.bank.example", "database.layout=clustering"];
const SHARED = { WSO2UM_DB: "jdbc/WSO2UM_DB", WSO2AM_DB: "jdbc/WSO2AM_DB", WSO2CONFIG_DB: "jdbc/WSO2Config_DB", WSO2REG_DB: "jdbc/WSO2REG_DB" };

function datasources(xml: string) {
  return Object.fromEntries(
    elements(parse(xml), "datasource").map((ds) => {
      const text = (tag: string) => ds.getElementsByTagName(tag)[0]?.textContent ?? undefined;
      return [
        text("name"),
        {
          jndi: ds.getElementsByTagName("jndiConfig")[0].getElementsByTagName("name")[0].textContent,
          url: text("url"),
          username: text("username"),
          password: text("password"),
          driver: text("driverClassName"),
          validationQuery: text("validationQuery"),
          maxActive: text("maxActive"),
          minIdle: text("minIdle"),
          defaultAutoCommit: text("defaultAutoCommit"),
        },
      ];
    }),
  );
}

/** The plan's own rendering of the secret files, with plain credentials: what the nodes receive. */
/**
 * How the SDK marks a secret value in what the engine receives (@pulumi/pulumi 3.248.0 runtime/rpc.js and .d.ts,
 * specialSigKey and specialSecretSig). Written out rather than imported: loading the SDK costs this file about
 * a CPU-second and a half, for two constants. tsc holds them to the SDK's own: rpc.d.ts declares each as its
 * literal type, so a change of either in the SDK fails `npm test`'s type check here.
 */
const SIG_KEY: typeof import("@pulumi/pulumi/runtime/rpc").specialSigKey = "4dabf18193072939515e22adb298388d";
const SECRET_SIG: typeof import("@pulumi/pulumi/runtime/rpc").specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";

/** The bundled templates, read once: nothing writes them, and most of this file's plans read them. */
const bundledTemplates = readTemplates(undefined, KM_TEMPLATE_FILES);

function secretFilesWith(sets: Record<string, string>, credentials: Partial<Credentials> = {}) {
  const { config } = loadConfig(
    cliConfig({
      ...MINIMAL_SETTINGS,
      "obkm:database.layout": "clustering",
      ...sets,
    }),
    { stack: "dev", projectDir: PROJECT_DIR },
  );
  const km = config.configTemplates === undefined ? bundledTemplates : readTemplates(config.configTemplates, KM_TEMPLATE_FILES);
  const plan = buildPlan(config, { km, editor: editorBundle });
  const all: Credentials = {
    datasourcePasswords: { um: "pw-um", am: "pw-am", config: "pw-config", reg: "pw-reg", common: "pw-common", ob: "pw-ob" },
    adminPassword: "admin-pw",
    revisionKey: "key",
    ...credentials,
  };
  const { secretNodeFiles, secretFiles } = plan.secrets(all);
  return { files: Object.fromEntries(secretNodeFiles.map((f) => [f.path, f.content])), revision: secretFiles.revision, plan };
}

let dev: Rendered;
let external: Rendered;
// Two renders, each a few seconds alone; bounded well above that for a loaded machine.
beforeAll(async () => {
  dev = await render();
  external = await render(EXTERNAL);
}, 120_000);

describe("master-datasources.xml (database.layout clustering)", () => {
  it("has the guide's four shared datasources under their JNDI names, and leaves WSO2_CARBON_DB the pack's H2", () => {
    const ds = datasources(nodeFile(external, "datasources/master-datasources.xml"));
    for (const [name, jndi] of Object.entries(SHARED)) expect(ds[name].jndi).toBe(jndi);
    expect(ds.WSO2_CARBON_DB).toMatchObject({
      jndi: "jdbc/WSO2CarbonDB",
      url: "jdbc:h2:repository/database/WSO2CARBON_DB;DB_CLOSE_ON_EXIT=FALSE",
      driver: "org.h2.Driver",
    });
  });

  it.each([
    ["mysql", "jdbc:mysql://db.bank.example:3306/openbank_apimgtdb", "com.mysql.jdbc.Driver", "SELECT 1"],
    ["postgresql", "jdbc:postgresql://db.bank.example:5432/openbank_apimgtdb", "org.postgresql.Driver", "SELECT 1"],
    ["mssql", "jdbc:sqlserver://db.bank.example:1433;databaseName=openbank_apimgtdb", "com.microsoft.sqlserver.jdbc.SQLServerDriver", "SELECT 1"],
    ["oracle", "jdbc:oracle:thin:@//db.bank.example:1521/openbank_apimgtdb", "oracle.jdbc.OracleDriver", "SELECT 1 FROM DUAL"],
  ])("speaks %s: its URL form, driver and validation query", (engine, url, driver, query) => {
    const { files } = secretFilesWith({ "obkm:database.type": engine });
    expect(datasources(files["datasources/master-datasources.xml"]).WSO2AM_DB).toMatchObject({ url, driver, validationQuery: query });
  });

  it("puts a datasource on its own host, port, database and user when config says so, the rest on the shared server", () => {
    const { files } = secretFilesWith({
      "obkm:database.um.host": "ldapdb.bank.example",
      "obkm:database.um.port": "3307",
      "obkm:database.um.name": "users",
      "obkm:database.um.username": "um_owner",
    });
    const ds = datasources(files["datasources/master-datasources.xml"]);
    expect(ds.WSO2UM_DB).toMatchObject({ url: "jdbc:mysql://ldapdb.bank.example:3307/users", username: "um_owner" });
    expect(ds.WSO2REG_DB).toMatchObject({ url: "jdbc:mysql://db.bank.example:3306/obkm_reg", username: "obkm" });
  });

  it("escapes extra URL parameters, which a parser reads back as they were given", async () => {
    const { files } = secretFilesWith({ "obkm:database.urlParameters": "useSSL=true&requireSSL=true&serverTimezone=UTC" });
    const xml = files["datasources/master-datasources.xml"];
    expect(xml).toContain("<url>jdbc:mysql://db.bank.example:3306/obkm_um?useSSL=true&amp;requireSSL=true&amp;serverTimezone=UTC</url>");
    expect(datasources(xml).WSO2UM_DB.url).toBe("jdbc:mysql://db.bank.example:3306/obkm_um?useSSL=true&requireSSL=true&serverTimezone=UTC");
    expect(await xmllintErrors("master-datasources.xml", xml)).toEqual([]);
  });

  /** The message `refuse` throws with; "" if it throws none. */
  const refusalMessage = (refuse: () => unknown): string => {
    try {
      refuse();
    } catch (error) {
      return (error as Error).message;
    }
    return "";
  };

  it("takes the parameters joined as the engine's driver splits them, and refuses the other separator", () => {
    const { files } = secretFilesWith({ "obkm:database.type": "mssql", "obkm:database.urlParameters": "encrypt=true;trustServerCertificate=false" });
    expect(datasources(files["datasources/master-datasources.xml"]).WSO2AM_DB.url).toBe(
      "jdbc:sqlserver://db.bank.example:1433;databaseName=openbank_apimgtdb;encrypt=true;trustServerCertificate=false",
    );
    // Microsoft's driver would read encrypt as "true&trustServerCertificate=false"; Connector/J and pgjdbc a
    // useSSL of "true;requireSSL=true".
    for (const [engine, params, separator] of [
      ["mssql", "encrypt=true&trustServerCertificate=false", ";"],
      ["mysql", "useSSL=true;requireSSL=true", "&"],
      ["postgresql", "sslmode=require;ssl=true", "&"],
      ["mysql", "useSSL", "&"],
    ]) {
      const refusal = () => secretFilesWith({ "obkm:database.type": engine, "obkm:database.urlParameters": params });
      expect(refusal).toThrow(
        `obkm:database.urlParameters: got ${JSON.stringify(params)} with database.type ${engine}; expected name=value pairs joined with '${separator}'`,
      );
      // The example the refusal gives is one the same engine takes.
      const example = /such as (\S+),/.exec(refusalMessage(refusal))?.[1];
      expect(example).toContain("=");
      expect(() => secretFilesWith({ "obkm:database.type": engine, "obkm:database.urlParameters": example! })).not.toThrow();
    }
  });

  it("refuses a '%' that starts no escape where the driver URL-decodes each value (found by tests/property-oracle.test.ts)", () => {
    for (const engine of ["mysql", "postgresql"]) {
      for (const params of ["useSSL=true&a=b%", "connectTimeout=10%zz", "x=100%"]) {
        expect(() => secretFilesWith({ "obkm:database.type": engine, "obkm:database.urlParameters": params })).toThrow(
          `obkm:database.urlParameters: got ${JSON.stringify(params)} with database.type ${engine}; expected each '%' to start an escape of two hex digits (%25 for a percent sign)`,
        );
      }
    }
    // An escape is read; Microsoft's driver decodes nothing.
    expect(() => secretFilesWith({ "obkm:database.type": "mysql", "obkm:database.urlParameters": "connectionAttributes=a%3Ab" })).not.toThrow();
    expect(() => secretFilesWith({ "obkm:database.type": "mssql", "obkm:database.urlParameters": "applicationName=x%" })).not.toThrow();
  });

  it("escapes a password with <&>\"' in it, which a parser reads back exactly", async () => {
    const password = `p<&>"'w0rd`;
    const { files } = secretFilesWith(
      {},
      {
        datasourcePasswords: { um: password, am: password, config: password, reg: password, common: password, ob: password },
        adminPassword: password,
      },
    );
    const xml = { "datasources/master-datasources.xml": files["datasources/master-datasources.xml"], "user-mgt.xml": files["user-mgt.xml"] };
    for (const [file, errors] of Object.entries(await xmllintErrorsOf(xml))) expect({ file, errors }).toEqual({ file, errors: [] });
    expect(datasources(files["datasources/master-datasources.xml"]).WSO2AM_DB.password).toBe(password);
    expect(textOf(parse(files["user-mgt.xml"]), "Password")).toEqual([password]);
  });

  it("sets the pool: testOnBorrow, no auto-commit, and the sizes from config", () => {
    const { files } = secretFilesWith({ "obkm:database.pool.maxActive": "80", "obkm:database.pool.minIdle": "10" });
    expect(datasources(files["datasources/master-datasources.xml"]).WSO2REG_DB).toMatchObject({
      maxActive: "80",
      minIdle: "10",
      defaultAutoCommit: "false",
    });
  });

  it("adds the shared datasources to a pack whose file has only WSO2_CARBON_DB", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-pack-"));
    fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
    const file = path.join(dir, "datasources/master-datasources.xml");
    const stock = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, stock.replace(/\s*<!-- identity and API-M data[\s\S]*<\/datasource>(\s*<\/datasources>)/, "$1"));
    const { files } = secretFilesWith({ "obkm:configTemplates": dir });
    const ds = datasources(files["datasources/master-datasources.xml"]);
    expect(Object.keys(ds).sort()).toEqual(["WSO2AM_DB", "WSO2CONFIG_DB", "WSO2REG_DB", "WSO2UM_DB", "WSO2_CARBON_DB"]);
    expect(ds.WSO2CONFIG_DB).toMatchObject({ jndi: "jdbc/WSO2Config_DB", url: "jdbc:mysql://db.bank.example:3306/obkm_config" });
    expect(await xmllintErrors("master-datasources.xml", files["datasources/master-datasources.xml"])).toEqual([]);
  });
});

describe("the other files on the shared databases (database.layout clustering)", () => {
  it("user-mgt.xml keeps the realm in jdbc/WSO2UM_DB and identity.xml its data in jdbc/WSO2AM_DB", () => {
    expect(textOf(parse(nodeFile(external, "user-mgt.xml")), "Property", { name: "dataSource" })).toEqual(["jdbc/WSO2UM_DB"]);
    const identity = parse(nodeFile(external, "identity/identity.xml"));
    expect(elements(identity, "JDBCPersistenceManager")[0].getElementsByTagName("Name")[0].textContent).toBe("jdbc/WSO2AM_DB");
  });

  it("registry.xml mounts /_system/config on WSO2Config_DB and /_system/governance on WSO2REG_DB", () => {
    const doc = parse(nodeFile(external, "registry.xml"));
    const dbConfig = (name: string) => elements(doc, "dbConfig", { name })[0].getElementsByTagName("dataSource")[0].textContent;
    expect(dbConfig("configRegistry")).toBe("jdbc/WSO2Config_DB");
    expect(dbConfig("governanceRegistry")).toBe("jdbc/WSO2REG_DB");
    expect(dbConfig("wso2registry")).toBe("jdbc/WSO2CarbonDB");
    const instance = (id: string) => elements(doc, "remoteInstance").find((r) => r.getElementsByTagName("id")[0].textContent === id)!;
    expect(instance("configInstance").getElementsByTagName("dbConfig")[0].textContent).toBe("configRegistry");
    expect(instance("configInstance").getElementsByTagName("cacheId")[0].textContent).toBe("obkm@jdbc:mysql://db.bank.example:3306/obkm_config");
    const mount = (p: string) => elements(doc, "mount", { path: p })[0];
    expect(mount("/_system/config").getElementsByTagName("instanceId")[0].textContent).toBe("configInstance");
    expect(mount("/_system/config").getElementsByTagName("targetPath")[0].textContent).toBe("/_system/config");
    expect(mount("/_system/governance").getElementsByTagName("instanceId")[0].textContent).toBe("governanceInstance");
  });

  it("registry.xml's mounts are JDBC mounts: a pack's trusted user, which makes Carbon call the url as a remote registry, is taken out", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-pack-"));
    fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
    const file = path.join(dir, "registry.xml");
    const pack = fs
      .readFileSync(file, "utf8")
      .replace(/(<id>governanceInstance<\/id>)/, "$1\n        <trustedUser>admin</trustedUser>\n        <trustedPwd>admin</trustedPwd>");
    expect(pack).toContain("<trustedUser>admin</trustedUser>");
    fs.writeFileSync(file, pack);
    const doc = parse(nodeFile(await render([...EXTERNAL, `configTemplates=${dir}`]), "registry.xml"));
    for (const instance of elements(doc, "remoteInstance")) {
      expect([instance.getElementsByTagName("trustedUser").length, instance.getElementsByTagName("trustedPwd").length]).toEqual([0, 0]);
      expect(instance.getElementsByTagName("dbConfig")[0].textContent).toMatch(/^(config|governance)Registry$/);
    }
  });

  it("registry.xml gets the mounts where the pack has none", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-pack-"));
    fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
    const file = path.join(dir, "registry.xml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace(/\s*<dbConfig name="configRegistry">[\s\S]*?(<handler|<\/wso2registry>)/, "\n\n    $1"),
    );
    const rendered = await render([...EXTERNAL, `configTemplates=${dir}`]);
    const doc = parse(nodeFile(rendered, "registry.xml"));
    expect(
      elements(doc, "mount")
        .map((m) => m.getAttribute("path"))
        .sort(),
    ).toEqual(["/_system/config", "/_system/governance"]);
    expect(await xmllintErrors("registry.xml", nodeFile(rendered, "registry.xml"))).toEqual([]);
  });
});

describe("credentials", () => {
  it("reach the nodes in a Secret: no ConfigMap holds master-datasources.xml, user-mgt.xml or a password", () => {
    for (const cm of objectsOf(dev, "ConfigMap")) {
      const keys = Object.keys((cm as any).data ?? {});
      expect(keys.filter((k) => /master-datasources|user-mgt/.test(k))).toEqual([]);
    }
    const secretFiles = objectOf(dev, "Secret", "obkm-km-secret-files");
    expect(Object.keys(secretFiles.stringData).sort()).toEqual(["conf__datasources__master-datasources.xml", "conf__user-mgt.xml"]);
  });

  it("are generated with RandomPassword, kept across ups, and regenerated when credentialRotation changes", () => {
    // The database credentials' own; the keys' passwords follow keystores.rotation (tests/keys.test.ts).
    const passwords = dev.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword" && r.name.startsWith("obkm-credentials-"));
    expect(passwords.map((r) => r.name).sort()).toEqual([
      "obkm-credentials-admin-password",
      "obkm-credentials-database-password",
      "obkm-credentials-database-root-password",
      "obkm-credentials-revision-key",
    ]);
    for (const p of passwords) expect(p.inputs.keepers).toEqual({ rotation: "" });
  });

  it("roll the nodes when they change, through the HMAC on the pod template, and only then", async () => {
    const revision = (r: Rendered) => objectOf(r, "StatefulSet", "obkm-km").spec.template.metadata.annotations["obkm.wso2.com/credentials-revision"];
    const rotated = await render(["credentialRotation=2026-11"]);
    expect(revision(rotated)).not.toBe(revision(dev));
    expect(revision(await render())).toBe(revision(dev));
    expect(revision(dev)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("roll the nodes when only the OB database's password changes, which the editor writes into the image's file at start", () => {
    // Without open-banking-datasources.xml among the templates, that password is in no secret file: only in
    // the credentials Secret, which the editor reads. Plain values, as inside the apply.
    const { plan } = secretFilesWith({ "obkm:database.layout": "openBanking" });
    const revisionWith = (ob: string) =>
      plan.secrets({ ...SOME_CREDENTIALS, datasourcePasswords: { ...SOME_CREDENTIALS.datasourcePasswords, ob } }).secretFiles.revision;
    expect(revisionWith("ob-Secret-1")).not.toBe(revisionWith("ob-Secret-2"));
    expect(revisionWith("ob-Secret-1")).toBe(revisionWith("ob-Secret-1"));
  });

  it("a supplied password wins over a generated one, per datasource or shared", async () => {
    const rendered = await render([...EXTERNAL, "database.password=shared-Secret1", "database.am.password=am-Secret2"]);
    // What the engine received, before the render's redaction: the Secret's values, wrapped as secrets.
    const inputs = rendered.resources.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name === "obkm-credentials-secret")!.inputs as any;
    expect(inputs.stringData[SIG_KEY]).toBe(SECRET_SIG);
    const values = inputs.stringData.value;
    expect(values).toMatchObject({
      "um-password": "shared-Secret1",
      "config-password": "shared-Secret1",
      "reg-password": "shared-Secret1",
      "am-password": "am-Secret2",
    });
    // nothing generated for the database, then; the admin password still is
    const generated = rendered.resources
      .filter((r) => r.type.startsWith("random:") && r.name.startsWith("obkm-credentials-"))
      .map((r) => r.name)
      .sort();
    expect(generated).toEqual(["obkm-credentials-admin-password", "obkm-credentials-revision-key"]);
  });

  it("never appear in the render: the marker stands where a password does", async () => {
    const rendered = await render(["database.password=Sup3r<&>Secret'", "adminPassword=Adm1n&Secret"]);
    const everything = Object.values(rendered.files).join("\n");
    expect(everything).not.toContain("Sup3r");
    expect(everything).not.toContain("Adm1n");
    expect(everything).not.toMatch(/Mock[0-9a-f]{20}/); // no generated password either
    expect(textOf(parse(nodeFile(rendered, "user-mgt.xml")), "Password")).toEqual([REDACTED]);
    expect(datasources(nodeFile(rendered, "datasources/master-datasources.xml")).WSO2AM_DB.password).toBe(REDACTED);
    expect(objectOf(rendered, "Secret", "obkm-km-credentials").stringData["admin-password"]).toBe(REDACTED);
  });

  it("are hidden where they stand and nowhere else: the password 'admin' leaves the admin user's name and the probe path alone", async () => {
    const rendered = await render(["adminPassword=admin", "probes.path=/api/admin/health"]);
    expect(textOf(parse(nodeFile(rendered, "user-mgt.xml")), "Password")).toEqual([REDACTED]);
    expect(textOf(parse(nodeFile(rendered, "user-mgt.xml")), "UserName")).toEqual(["admin@wso2.com"]);
    expect(rendered.files["manifests.yaml"]).toContain("path: /api/admin/health");
    expect(rendered.files["manifests.yaml"]).not.toContain(`/api/${REDACTED}/`);
  });

  it("are not in any stack output", async () => {
    const rendered = await render(["database.password=Sup3rSecret42"]);
    expect(rendered.files["outputs.yaml"]).not.toContain("Sup3rSecret42");
    // The outputs say where a password is (a Secret's key, for the API Manager's stack), never what it is.
    const fields: string[] = [];
    const walk = (value: unknown, key: string): void => {
      if (value && typeof value === "object") Object.entries(value).forEach(([k, v]) => walk(v, k));
      else fields.push(key);
    };
    walk(YAML.parse(rendered.files["outputs.yaml"]), "");
    expect(fields.filter((f) => /password/i.test(f))).toEqual([]);
  });

  it("are never echoed in a config error", () => {
    expect(() =>
      loadConfig(
        cliConfig({
          "obkm:hostname": "h.example.com",
          "obkm:image": "r.example/i:1",
          "obkm:apim.hostname": "g.example.com",
          "obkm:database.provision": "true",
          "obkm:database.am.password": "Sup3rSecret42",
        }),
        { stack: "dev", projectDir: "/" },
      ),
    ).toThrow(/obkm:database.am.password: got a value with obkm:database.provision true/);
  });
});

describe("the user store", () => {
  it("is the pack's JDBC store in WSO2UM_DB by default, with the admin user from config", async () => {
    const doc = parse(nodeFile(await render([...EXTERNAL, "adminUsername=kmadmin@bank.example"]), "user-mgt.xml"));
    expect(elements(doc, "UserStoreManager").map((u) => u.getAttribute("class"))).toEqual(["org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager"]);
    expect(textOf(doc, "UserName")).toEqual(["kmadmin@bank.example"]);
  });

  it("is an LDAP v3 directory with userStore.type ldap, read-only by default", async () => {
    const ldap = [...asSets(LDAP_SETTINGS), "userStore.ldap.url=ldaps://ldap.bank.example:636"];
    const rendered = await render([...EXTERNAL, ...ldap]);
    const doc = parse(nodeFile(rendered, "user-mgt.xml"));
    const [store] = elements(doc, "UserStoreManager");
    expect(store.getAttribute("class")).toBe("org.wso2.carbon.user.core.ldap.ReadOnlyLDAPUserStoreManager");
    const property = (name: string) => textOf(doc, "Property", { name })[0];
    expect(property("ConnectionURL")).toBe("ldaps://ldap.bank.example:636");
    expect(property("ConnectionName")).toBe("uid=obkm,ou=system,dc=bank,dc=example");
    expect(property("ConnectionPassword")).toBe(REDACTED);
    expect(property("UserSearchBase")).toBe("ou=users,dc=bank,dc=example");
    expect(property("UserNameSearchFilter")).toBe("(&(objectClass=person)(uid=?))");
    expect(Object.values(rendered.files).join("\n")).not.toContain("B1ndSecret");
    // the directory takes the JDBC store's place, before the AuthorizationManager
    expect(elements(doc, "Realm")[0].toString().indexOf("UserStoreManager")).toBeLessThan(
      elements(doc, "Realm")[0].toString().indexOf("AuthorizationManager"),
    );
    const readWrite = parse(nodeFile(await render([...EXTERNAL, ...ldap, "userStore.ldap.readOnly=false"]), "user-mgt.xml"));
    expect(elements(readWrite, "UserStoreManager")[0].getAttribute("class")).toBe("org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager");
  });

  it("refuses ldap without its connection settings, naming each", async () => {
    await expect(render([...EXTERNAL, "userStore.type=ldap"])).rejects.toThrow(
      /obkm:userStore.ldap.bindDn: missing[\s\S]*obkm:userStore.ldap.url: missing/,
    );
  });
});

describe("the OB 1.4 layout (database.layout openBanking, the default)", () => {
  // What WSO2's OB 1.4 chart configures for the KM (wso2/kubernetes-open-banking 1.4.x,
  // eval-ob-pattern-1/confs/obkm): WSO2AM_DB and WSO2_COMMON_DB in master-datasources.xml, the realm and
  // both registry mounts on jdbc/WSO2CommonDB, the config mount's targetPath /_system/obkm/config.
  let ob: Rendered;
  beforeAll(async () => {
    ob = await render(["database.provision=false", "database.host=db.bank.example"]);
  });

  it("defines WSO2AM_DB and WSO2_COMMON_DB under the API Manager's names, and none of the guide's other three", () => {
    const ds = datasources(nodeFile(ob, "datasources/master-datasources.xml"));
    expect(Object.keys(ds).sort()).toEqual(["WSO2AM_DB", "WSO2_CARBON_DB", "WSO2_COMMON_DB"]);
    expect(ds.WSO2AM_DB).toMatchObject({ jndi: "jdbc/WSO2AM_DB", url: "jdbc:mysql://db.bank.example:3306/openbank_apimgtdb" });
    expect(ds.WSO2_COMMON_DB).toMatchObject({ jndi: "jdbc/WSO2CommonDB", url: "jdbc:mysql://db.bank.example:3306/openbank_commondb" });
  });

  it("keeps the user store and both registries in the common database, the KM's config registry at /_system/obkm/config", () => {
    expect(textOf(parse(nodeFile(ob, "user-mgt.xml")), "Property", { name: "dataSource" })).toEqual(["jdbc/WSO2CommonDB"]);
    const doc = parse(nodeFile(ob, "registry.xml"));
    const dbConfig = (name: string) => elements(doc, "dbConfig", { name })[0].getElementsByTagName("dataSource")[0].textContent;
    expect(dbConfig("configRegistry")).toBe("jdbc/WSO2CommonDB");
    expect(dbConfig("governanceRegistry")).toBe("jdbc/WSO2CommonDB");
    const target = (p: string) => elements(doc, "mount", { path: p })[0].getElementsByTagName("targetPath")[0].textContent;
    // The API Manager keeps /_system/config for itself in the same database.
    expect(target("/_system/config")).toBe("/_system/obkm/config");
    expect(target("/_system/governance")).toBe("/_system/governance");
    const identity = parse(nodeFile(ob, "identity/identity.xml"));
    expect(elements(identity, "JDBCPersistenceManager")[0].getElementsByTagName("Name")[0].textContent).toBe("jdbc/WSO2AM_DB");
  });

  it("tells the API Manager's stack which databases to share, and where their passwords are, in the outputs", () => {
    const outputs = YAML.parse(ob.files["outputs.yaml"]);
    expect(outputs.sharedDatabases).toEqual({
      engine: "mysql",
      layout: "openBanking",
      datasources: {
        WSO2AM_DB: {
          jndi: "jdbc/WSO2AM_DB",
          url: "jdbc:mysql://db.bank.example:3306/openbank_apimgtdb",
          username: "obkm",
          passwordSecret: { namespace: "obkm-dev", name: "obkm-km-credentials", key: "am-password" },
        },
        WSO2_COMMON_DB: {
          jndi: "jdbc/WSO2CommonDB",
          url: "jdbc:mysql://db.bank.example:3306/openbank_commondb",
          username: "obkm",
          passwordSecret: { namespace: "obkm-dev", name: "obkm-km-credentials", key: "common-password" },
        },
        WSO2_OPEN_BANKING_DB: {
          jndi: "jdbc/WSO2OpenBankingDB",
          url: "jdbc:mysql://db.bank.example:3306/openbank_openbankingdb",
          username: "obkm",
          passwordSecret: { namespace: "obkm-dev", name: "obkm-km-credentials", key: "ob-password" },
        },
      },
    });
    expect(outputs.kmAdmin).toEqual({
      username: "admin@wso2.com",
      passwordSecret: { namespace: "obkm-dev", name: "obkm-km-credentials", key: "admin-password" },
    });
    const credentials = objectOf(ob, "Secret", "obkm-km-credentials");
    expect(Object.keys(credentials.stringData).sort()).toEqual(["admin-password", "am-password", "common-password", "ob-password"]);
  });

  it("warns that a datasource of the other layout has no effect, and requires a host only for its own", () => {
    const { warnings } = plannedOf(["database.um.name=users"], "prod");
    expect(warnings).toContain("obkm:database.um.name is set but has no effect: database.layout openBanking has no um datasource.");
    expect(() =>
      planOf(["database.host=", "database.common.host=db1.bank.example", "database.am.host=db2.bank.example", "database.ob.host=db3.bank.example"]),
    ).not.toThrow();
    expect(() => planOf(["database.host=", "database.common.host=db1.bank.example", "database.am.host=db2.bank.example"])).toThrow(
      /obkm:database.host: missing; expected the host of the database server \(needed by database.ob\)/,
    );
  });

  it("says what an empty host means for each host key, and that a host name is a fully qualified one", () => {
    // A datasource's own host falls back to the shared one; the shared one is empty only with a provisioned database.
    expect(() => planOf(["database.host=localhost"])).toThrow(
      /obkm:database.host: got "localhost"; expected empty \(with database.provision, which runs the database in the cluster\) or a fully qualified host name/,
    );
    expect(() => planOf(["database.am.host=localhost"])).toThrow(
      /obkm:database.am.host: got "localhost"; expected empty \(the shared database.host\) or a fully qualified host name/,
    );
  });
});

describe("start order: a node waits for its databases", () => {
  const script = () => external.files["bin/wait-for-database.sh"];
  /**
   * The script with its standard input off a socket, as a container's is without `stdin: true`. Node gives
   * a child socket pairs for its "pipe" stdio (libuv v1.x src/unix/process.c uv__process_init_stdio), and
   * bash, started with a socket as its standard input, reads ~/.bashrc as if run by rshd (bminor/bash
   * shell.c run_startup_files, bash 5.2: `isnetconn (fileno (stdin)) && shell_level < 2`): on a machine
   * with a heavy ~/.bashrc, each of the script's `bash -c` probes cost most of a CPU-second and seconds of
   * waiting, for nothing the script does in a pod.
   */
  const offSocket = (text: string) => `exec </dev/null\n${text}`;

  it("in an init container, before the server starts", () => {
    const init = objectOf(external, "StatefulSet", "obkm-km").spec.template.spec.initContainers.map((c: any) => c.name);
    expect(init).toContain("wait-for-database");
    expect(script()).toContain("wait_for db.bank.example 3306");
  });

  it("goes on as soon as the database answers", async () => {
    const server = net.createServer((socket) => socket.end()).listen(0, "127.0.0.1");
    await new Promise((done) => server.once("listening", done));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const { stdout } = await promisify(execFile)(
        "/bin/sh",
        ["-c", offSocket(script().replace("wait_for db.bank.example 3306", `wait_for 127.0.0.1 ${port}`))],
        { timeout: 15000 },
      );
      expect(stdout).toContain(`obkm: the database at 127.0.0.1:${port} answers`);
    } finally {
      server.close();
    }
  });

  it("gives up after database.waitSeconds with a clear message, rather than crash-looping silently", async () => {
    const script = (await render([...EXTERNAL, "database.waitSeconds=10"])).files["bin/wait-for-database.sh"];
    // A sleep that returns at once lets the bounded loop run to its end without the wait.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bin-"));
    fs.writeFileSync(path.join(bin, "sleep"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    let stderr = "";
    try {
      execFileSync("/bin/sh", ["-c", offSocket(script.replace("wait_for db.bank.example 3306", "wait_for 127.0.0.1 1"))], {
        env: { PATH: `${bin}:${process.env.PATH}` },
        stdio: "pipe",
      });
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(stderr).toContain("obkm: the database at 127.0.0.1:1 did not answer in 10s; giving up");
  });
});

describe("the JDBC driver", () => {
  it("comes from database.driverImage by an init container, and the start script puts it in the pack's lib", async () => {
    const rendered = await render([...EXTERNAL, "database.driverImage=registry.bank.example/jdbc/mysql-connector:5.1.49"]);
    const spec = objectOf(rendered, "StatefulSet", "obkm-km").spec.template.spec;
    const copy = spec.initContainers.find((c: any) => c.name === "copy-jdbc-drivers");
    expect(copy.image).toBe("registry.bank.example/jdbc/mysql-connector:5.1.49");
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: "jdbc-drivers", mountPath: "/opt/obkm-drivers", readOnly: true });
    expect(validateObjects(rendered.objects)).toEqual([]);
    expect(restrictedViolations(spec)).toEqual([]);
  });
});

describe("a dev stack's own database (database.provision)", () => {
  it("runs the official MySQL image with generated credentials and a claim, restricted like the nodes", () => {
    const db = objectOf(dev, "StatefulSet", "obkm-db");
    const [container] = db.spec.template.spec.containers;
    expect(container.image).toBe("mysql:8.0.40");
    expect(container.env).toContainEqual({
      name: "MYSQL_ROOT_PASSWORD",
      valueFrom: { secretKeyRef: { name: "obkm-km-credentials", key: "database-root-password" } },
    });
    expect(db.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("10Gi");
    expect(restrictedViolations(db.spec.template.spec)).toEqual([]);
    // The OB 1.4 layout (the default): the image creates the first database, WSO2AM_DB's, the init SQL the others.
    expect(container.env).toContainEqual({ name: "MYSQL_DATABASE", value: "openbank_apimgtdb" });
    const init = objectOf(dev, "ConfigMap", "obkm-db-init").data["create-databases.sql"];
    for (const name of ["openbank_commondb", "openbank_openbankingdb"]) expect(init).toContain(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
    expect(init).not.toMatch(/obkm_(um|config|reg)/);
  });

  it("points every datasource at it", () => {
    const ds = datasources(nodeFile(dev, "datasources/master-datasources.xml"));
    expect(ds.WSO2AM_DB.url).toBe("jdbc:mysql://obkm-db.obkm-dev.svc.cluster.local:3306/openbank_apimgtdb");
    expect(ds.WSO2_COMMON_DB.url).toBe("jdbc:mysql://obkm-db.obkm-dev.svc.cluster.local:3306/openbank_commondb");
  });

  it("creates the schemas from the KM image's dbscripts in a Job that the first node waits for", () => {
    const job = objectOf(dev, "Job", "obkm-db-schemas");
    const [copy] = job.spec.template.spec.initContainers;
    expect(copy.image).toBe("registry.example.com/wso2/obkm:1.4.0");
    expect(copy.command.join(" ")).toContain('cp -R "$KM_HOME/dbscripts/."');
    expect(restrictedViolations(job.spec.template.spec)).toEqual([]);
    const urn = (name: string) => dev.resources.find((r) => r.name === name)!;
    const km = urn("obkm-nodes-statefulset");
    expect(km.dependencies.some((d) => d.endsWith("::obkm-database-schemas"))).toBe(true);
  });

  it("creates each database's tables once, skipping optional scripts a pack lacks and stopping on a missing one", async () => {
    // Fake mysql and mysqladmin that log what they are asked; the common database already has its tables.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-mysql-"));
    const log = path.join(bin, "log");
    fs.writeFileSync(path.join(bin, "mysqladmin"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    fs.writeFileSync(
      path.join(bin, "mysql"),
      `#!/bin/sh\ncase "$*" in *"table_schema='openbank_commondb'"*) echo 1;; *information_schema*) echo 0;; *"CREATE DATABASE"*) echo "ensure $*" >> ${log};; *) echo "run $* $(cat)" >> ${log};; esac\n`,
      { mode: 0o755 },
    );
    const scripts = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-dbscripts-"));
    for (const f of ["mysql.sql", "identity/mysql.sql", "apimgt/mysql.sql", "finance/openbanking.org.uk/mysql.sql"]) {
      fs.mkdirSync(path.dirname(path.join(scripts, f)), { recursive: true });
      fs.writeFileSync(path.join(scripts, f), `-- ${f}`);
    }
    const job = objectOf(dev, "ConfigMap", "obkm-db-init").data["create-schemas.sh"].split("/dbscripts/").join(`${scripts}/`);
    expect(job).not.toMatch(/-p"?\$/); // no password on a command line
    const { stdout } = await promisify(execFile)("/bin/sh", ["-c", job], {
      env: { PATH: `${bin}:${process.env.PATH}`, DB_HOST: "db", MYSQL_PWD: "x" },
    });
    expect(stdout).toContain("openbank_commondb has its tables already");
    expect(stdout).toContain("no identity/uma/mysql.sql in this pack; skipped");
    const logged = fs.readFileSync(log, "utf8").trim().split("\n");
    // Each database of the layout is created if missing (the init SQL runs only on an empty server)...
    const ensured = logged.filter((l) => l.startsWith("ensure "));
    for (const db of ["openbank_apimgtdb", "openbank_commondb", "openbank_openbankingdb"]) {
      expect(ensured).toContainEqual(
        expect.stringContaining(`CREATE DATABASE IF NOT EXISTS \`${db}\`; GRANT ALL PRIVILEGES ON \`${db}\`.* TO 'obkm'@'%';`),
      );
    }
    const ran = logged.filter((l) => l.startsWith("run "));
    // ...then the API-M database takes the identity and API-M scripts, the OB database the UK specification's.
    expect(ran.map((l) => l.replace(/^run .* (openbank_\w+) -- (.*)$/, "$1 $2"))).toEqual([
      "openbank_apimgtdb identity/mysql.sql",
      "openbank_apimgtdb apimgt/mysql.sql",
      "openbank_openbankingdb finance/openbanking.org.uk/mysql.sql",
    ]);
    fs.rmSync(path.join(scripts, "finance/openbanking.org.uk/mysql.sql"));
    await expect(
      promisify(execFile)("/bin/sh", ["-c", job], { env: { PATH: `${bin}:${process.env.PATH}`, DB_HOST: "db", MYSQL_PWD: "x" } }),
    ).rejects.toThrow(/the pack has no dbscripts\/finance\/openbanking.org.uk\/mysql.sql/);
  });

  it("refuses an image of the other engine, which would never start with this engine's settings", () => {
    expect(() => planOf(["database.type=postgresql", "database.provisionImage=registry.bank.example/mirror/mysql:8.0.40"], "dev")).toThrow(
      'obkm:database.provisionImage: got "registry.bank.example/mirror/mysql:8.0.40" with database.type postgresql; expected an image of postgresql',
    );
    expect(() => planOf(["database.provisionImage=postgres:16.6"], "dev")).toThrow("expected an image of mysql");
    expect(() => planOf(["database.type=postgresql", "database.provisionImage=registry.bank.example/db/postgres:16.6"], "dev")).not.toThrow();
  });

  it("can be PostgreSQL, and refuses engines it cannot run", async () => {
    const pg = await render(["database.type=postgresql"]);
    expect(objectOf(pg, "StatefulSet", "obkm-db").spec.template.spec.containers[0].image).toBe("postgres:16.6");
    expect(datasources(nodeFile(pg, "datasources/master-datasources.xml")).WSO2AM_DB.url).toBe(
      "jdbc:postgresql://obkm-db.obkm-dev.svc.cluster.local:5432/openbank_apimgtdb",
    );
    expect(validateObjects(pg.objects)).toEqual([]);
    await expect(render(["database.type=oracle"])).rejects.toThrow(
      /obkm:database.type: got "oracle" with obkm:database.provision true; expected mysql or postgresql/,
    );
  });

  it("is not part of a stack on an external database, which must name its host", async () => {
    expect(objectsOf(external, "Job")).toEqual([]);
    expect(objectsOf(external, "StatefulSet").map((s) => s.metadata.name)).toEqual(["obkm-km"]);
    await expect(render(["database.provision=false"])).rejects.toThrow(/obkm:database.host: missing; expected the host of the database server/);
  });
});

describe("every database variant", () => {
  it("renders valid objects and well-formed node files", async () => {
    const variants: Record<string, Rendered> = {
      dev,
      external,
      mssql: await render([...EXTERNAL, "database.type=mssql", "database.urlParameters=encrypt=true;trustServerCertificate=false"]),
    };
    for (const r of Object.values(variants)) expect(validateObjects(r.objects)).toEqual([]);
    // The three variants' files in one run of xmllint, each under its variant's name: a run starts a worker
    // and compiles the WASM, about a sixth of a CPU-second each (helpers/render.ts xmllintErrorsOf).
    const xml = Object.fromEntries(
      Object.entries(variants).flatMap(([variant, r]) =>
        Object.entries(r.files)
          .filter(([f]) => f.endsWith(".xml"))
          .map(([f, content]) => [`${variant}/${f}`, content]),
      ),
    );
    for (const [file, errors] of Object.entries(await xmllintErrorsOf(xml))) expect({ file, errors }).toEqual({ file, errors: [] });
  });
});

// The database modules' own blocks: their functions called on a loaded config, no render.
const unitConfigOf = (sets: Record<string, string | undefined>) =>
  loadConfig(
    cliConfig(Object.fromEntries(Object.entries({ ...MINIMAL_SETTINGS, ...sets }).filter(([, v]) => v !== undefined)) as Record<string, string>),
    {
      stack: "dev",
      projectDir: PROJECT_DIR,
    },
  ).config;
const PROVISIONED = { "obkm:database.host": undefined, "obkm:database.provision": "true" };
/** A manifest as the plain JSON it is: the types allow Pulumi inputs, which the plan never makes. */
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));
const ENDPOINT = { host: "db.bank.example", port: 5433 };
const sameEndpoint = (): Record<DatasourceKey, DatasourceEndpoint> =>
  Object.fromEntries(DATASOURCE_KEYS.map((k) => [k, ENDPOINT])) as Record<DatasourceKey, DatasourceEndpoint>;

describe("plan/database/engines.ts", () => {
  it("writes each driver's own URL form: Connector/J's and pgjdbc's ?params, SQL Server's ;databaseName=, Oracle thin's //host:port/service", () => {
    // Connector/J 5.1 "Driver/Datasource Class Names, URL Syntax"; pgjdbc "Connecting to the Database";
    // mssql-jdbc "Building the connection URL"; Oracle JDBC thin "EZConnect" (//host:port/service).
    expect(ENGINES.mysql.url("h", 3306, "d", "useSSL=true")).toBe("jdbc:mysql://h:3306/d?useSSL=true");
    expect(ENGINES.mysql.url("h", 3306, "d", "")).toBe("jdbc:mysql://h:3306/d");
    expect(ENGINES.postgresql.url("h", 5432, "d", "sslmode=verify-full")).toBe("jdbc:postgresql://h:5432/d?sslmode=verify-full");
    expect(ENGINES.mssql.url("h", 1433, "d", "encrypt=true")).toBe("jdbc:sqlserver://h:1433;databaseName=d;encrypt=true");
    expect(ENGINES.mssql.url("h", 1433, "d", "")).toBe("jdbc:sqlserver://h:1433;databaseName=d");
    expect(ENGINES.oracle.url("h", 1521, "svc", "")).toBe("jdbc:oracle:thin:@//h:1521/svc");
  });

  it("names each engine's driver class and a validation query the engine runs (Oracle needs FROM DUAL)", () => {
    expect(Object.fromEntries(Object.entries(ENGINES).map(([k, e]) => [k, [e.driverClassName, e.validationQuery]]))).toEqual({
      mysql: ["com.mysql.jdbc.Driver", "SELECT 1"],
      postgresql: ["org.postgresql.Driver", "SELECT 1"],
      mssql: ["com.microsoft.sqlserver.jdbc.SQLServerDriver", "SELECT 1"],
      oracle: ["oracle.jdbc.OracleDriver", "SELECT 1 FROM DUAL"],
    });
  });
});

describe("plan/database/endpoints.ts", () => {
  it("uses each datasource's host and port, or the provisioned database's Service on the engine's port", () => {
    const external = unitConfigOf({ "obkm:database.port": "3307", "obkm:database.ob.host": "obdb.bank.example" });
    const ends = datasourceEndpoints(external, names(external));
    expect(ends.am).toEqual({ host: "db.bank.example", port: 3307 });
    expect(ends.ob).toMatchObject({ host: "obdb.bank.example" });
    const provisioned = unitConfigOf({ ...PROVISIONED, "obkm:database.type": "postgresql" });
    const n = names(provisioned);
    expect(datasourceEndpoints(provisioned, n).am).toEqual({ host: n.databaseServiceDnsName, port: 5432 });
  });

  it("lists each server once, in a stable order, for the wait script", () => {
    const a = { host: "a.example", port: 1 };
    const b = { host: "b.example", port: 1 };
    const servers = databaseServers({ um: b, am: a, config: b, reg: a, common: a, ob: { host: "a.example", port: 2 } });
    expect(servers).toEqual([a, { host: "a.example", port: 2 }, b]);
  });
});

describe("plan/database/datasources.ts", () => {
  const passwords = Object.fromEntries(DATASOURCE_KEYS.map((k) => [k, `pw-${k}`])) as Record<DatasourceKey, string>;
  const master = (config: ReturnType<typeof unitConfigOf>) =>
    datasources(
      applyEdits(
        MASTER_DATASOURCES_XML,
        bundledTemplates.files[MASTER_DATASOURCES_XML],
        datasourceEdits(config, "master", sameEndpoint(), passwords),
      ),
    );

  it("keeps identity.xml's data in WSO2AM_DB", () => {
    expect(persistenceManagerEdits()).toEqual([{ kind: "set", path: "/Server/JDBCPersistenceManager/DataSource/Name", value: "jdbc/WSO2AM_DB" }]);
  });

  it("defines the layout's datasources of master-datasources.xml, removes the other layout's, and leaves the OB one to its file", () => {
    const ob = master(unitConfigOf({}));
    expect(
      Object.keys(ob)
        .filter((name) => name !== "WSO2_CARBON_DB")
        .sort(),
    ).toEqual(["WSO2AM_DB", "WSO2_COMMON_DB"]);
    const clustering = master(unitConfigOf({ "obkm:database.layout": "clustering" }));
    expect(
      Object.keys(clustering)
        .filter((name) => name !== "WSO2_CARBON_DB")
        .sort(),
    ).toEqual(Object.keys(SHARED).sort());
    // The local registry's H2 stays each node's own.
    expect(clustering.WSO2_CARBON_DB?.url).toMatch(/^jdbc:h2:/);
  });

  it("writes the URL, user, password, driver, pool and validation of each, autocommit off", () => {
    const config = unitConfigOf({
      "obkm:database.type": "mssql",
      "obkm:database.pool.maxActive": "77",
      "obkm:database.pool.minIdle": "3",
      "obkm:database.driverClassName": "com.example.Driver",
    });
    expect(master(config).WSO2AM_DB).toMatchObject({
      url: "jdbc:sqlserver://db.bank.example:5433;databaseName=" + config.database.datasources.am.database,
      username: config.database.datasources.am.username,
      password: "pw-am",
      driver: "com.example.Driver",
      validationQuery: "SELECT 1",
      maxActive: "77",
      minIdle: "3",
      defaultAutoCommit: "false",
    });
  });

  it("defines only the OB datasource in open-banking-datasources.xml", () => {
    const edits = datasourceEdits(unitConfigOf({}), "openBanking", sameEndpoint(), passwords);
    const bare = `<datasources-configuration><datasources/></datasources-configuration>`;
    expect(Object.keys(datasources(applyEdits(OPEN_BANKING_DATASOURCES_XML, bare, edits)))).toEqual(["WSO2_OPEN_BANKING_DB"]);
  });

  it("adds a datasource a pack lacks, with its JNDI name", () => {
    const bare = `<datasources-configuration><datasources/></datasources-configuration>`;
    const xml = applyEdits(MASTER_DATASOURCES_XML, bare, datasourceEdits(unitConfigOf({}), "master", sameEndpoint(), passwords));
    expect(datasources(xml).WSO2_COMMON_DB).toMatchObject({ jndi: "jdbc/WSO2CommonDB", password: "pw-common" });
  });

  it("gives pgjdbc the database's CA as sslrootcert, which it reads instead of the JVM's truststore", () => {
    const ca = { "obkm:database.type": "postgresql", "obkm:keystores.trust.databaseCa": "configMap:bank-ca/ca.crt" };
    const url = (sets: Record<string, string>) => jdbcUrl(unitConfigOf(sets), "am", ENDPOINT);
    expect(url({ ...ca, "obkm:database.urlParameters": "sslmode=verify-full" })).toMatch(
      /\?sslmode=verify-full&sslrootcert=\/opt\/obkm-keys\/configmap\/bank-ca\/ca\.crt$/,
    );
    // A sslrootcert of the user's own is refused by the loader (config/jdbc-parameters.ts): set keystores.trust.databaseCa.
    expect(() => url({ ...ca, "obkm:database.urlParameters": "sslrootcert=/etc/ca.pem" })).toThrow(
      /obkm:database\.urlParameters: .*expected no sslrootcert/,
    );
    // Connector/J reads the JVM's truststore, which the start script builds with the CA: no parameter.
    expect(url({ ...ca, "obkm:database.type": "mysql" })).not.toContain("sslrootcert");
  });
});

describe("plan/database/postgresql-users.ts", () => {
  const pg = (sets: Record<string, string> = {}) => unitConfigOf({ ...PROVISIONED, "obkm:database.type": "postgresql", ...sets });

  it("names an administrator the loader refuses as the KM's user, and a maintenance database the KM can never use", () => {
    expect(superuserNamed("postgresql", POSTGRESQL_ADMIN)).toBe(POSTGRESQL_ADMIN);
    expect(systemDatabaseNamed("postgresql", MAINTENANCE_DATABASE)).toBe(MAINTENANCE_DATABASE);
    expect(() => planOf(["database.type=postgresql", `database.username=${POSTGRESQL_ADMIN}`], "dev")).toThrow(
      `obkm:database.username: got "${POSTGRESQL_ADMIN}" with database.type postgresql; expected a user of the Key Manager's own`,
    );
  });

  it("lists each user once with its databases, each once, and the Secret key and variable of its password", () => {
    expect(applicationUsers(pg({ "obkm:database.layout": "clustering", "obkm:database.reg.name": "obkm_config" }))).toEqual([
      {
        username: "obkm",
        passwordKey: "um-password",
        passwordEnv: "DB_PASSWORD_UM",
        databases: ["obkm_um", "openbank_apimgtdb", "obkm_config", "openbank_openbankingdb"],
      },
    ]);
  });

  it("quotes every name and the password with psql's own variables, and makes each user a login with no other right", () => {
    expect(ENSURE_USER_SQL).toContain(
      `CREATE ROLE :"user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';`,
    );
    expect(ENSURE_USER_SQL).toContain(`CREATE DATABASE :"database" OWNER :"user";`);
    // The shell expands nothing in it (a quoted here-document); psql reads the password from the environment.
    expect(ENSURE_USER_SQL.replace("`printf '%s' \"$OBKM_PASSWORD\"`", "")).not.toMatch(/[$`]/);
  });

  it("keeps move-to-administrator.sh for an operator in the init ConfigMap, out of the image's init directory, which would run it", () => {
    const config = pg();
    const db = plain(provisionedDatabase(config, names(config), {})!);
    expect(db.initConfigMap.data["move-to-administrator.sh"]).toBe(moveToAdministratorScript(config));
    const mounted = db.statefulSet.spec.template.spec.volumes.find((v: { name: string }) => v.name === "init").configMap.items;
    expect(mounted.map((i: { key: string }) => i.key)).toEqual(["create-users.sh"]);
    // The bootstrap superuser cannot lose SUPERUSER on PostgreSQL 16: the KM's user is renamed, then made anew.
    expect(moveToAdministratorScript(config)).toContain(`-v old='obkm' -v admin='postgres' <<'SQL'\n${String.raw`\set password`}`);
    expect(moveToAdministratorScript(config)).toContain(`ALTER ROLE :"old" RENAME TO :"admin";`);
    const mysql = unitConfigOf({ ...PROVISIONED, "obkm:database.type": "mysql" });
    expect(Object.keys(plain(provisionedDatabase(mysql, names(mysql), {})!).initConfigMap.data)).toEqual([
      "create-databases.sql",
      "create-schemas.sh",
    ]);
  });

  it("hands the password to psql in its environment, never on its command line", async () => {
    // A psql that logs its arguments, its OBKM_PASSWORD and the SQL it reads.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-psql-"));
    const log = path.join(bin, "log");
    fs.writeFileSync(path.join(bin, "psql"), `#!/bin/sh\n{ echo "args $*"; echo "env $OBKM_PASSWORD"; cat; } >> ${log}\n`, { mode: 0o755 });
    const script = initScript(pg());
    await promisify(execFile)("/bin/sh", ["-c", script], {
      env: { PATH: `${bin}:${process.env.PATH}`, POSTGRES_USER: "postgres", DB_PASSWORD_AM: "it's $ecret" },
    });
    const logged = fs.readFileSync(log, "utf8").split("\n");
    const args = logged.filter((l) => l.startsWith("args "));
    expect(args).toEqual(
      ["openbank_apimgtdb", "openbank_commondb", "openbank_openbankingdb"].map(
        (db) => `args -v ON_ERROR_STOP=1 -U postgres -d postgres -q --no-psqlrc -v user=obkm -v database=${db}`,
      ),
    );
    expect(logged.filter((l) => l.startsWith("env "))).toEqual(Array(3).fill("env it's $ecret"));
    await expect(
      promisify(execFile)("/bin/sh", ["-c", script], { env: { PATH: `${bin}:${process.env.PATH}`, POSTGRES_USER: "postgres" } }),
    ).rejects.toThrow("obkm: no password for the database user obkm in DB_PASSWORD_AM");
  });
});

describe("plan/database/registry.ts", () => {
  const registry = (sets: Record<string, string>) => {
    const config = unitConfigOf(sets);
    return registryNodeFile(config, sameEndpoint(), bundledTemplates).content;
  };
  const text = (xml: string, path: string) => elementTexts(REGISTRY_XML, xml, path);

  it("mounts /_system/config and /_system/governance on the layout's databases, the KM's config apart from the API Manager's in the OB layout", () => {
    const ob = registry({});
    expect(text(ob, "/wso2registry/dbConfig[@name='configRegistry']/dataSource")).toEqual(["jdbc/WSO2CommonDB"]);
    expect(text(ob, "/wso2registry/dbConfig[@name='governanceRegistry']/dataSource")).toEqual(["jdbc/WSO2CommonDB"]);
    expect(text(ob, "/wso2registry/mount[@path='/_system/config']/targetPath")).toEqual(["/_system/obkm/config"]);
    const clustering = registry({ "obkm:database.layout": "clustering" });
    expect(text(clustering, "/wso2registry/dbConfig[@name='configRegistry']/dataSource")).toEqual(["jdbc/WSO2Config_DB"]);
    expect(text(clustering, "/wso2registry/dbConfig[@name='governanceRegistry']/dataSource")).toEqual(["jdbc/WSO2REG_DB"]);
    expect(text(clustering, "/wso2registry/mount[@path='/_system/config']/targetPath")).toEqual(["/_system/config"]);
  });

  it("keys each mount's cache as <user>@<JDBC URL>, the same on every node, and keeps the local registry", () => {
    const config = unitConfigOf({});
    const xml = registryNodeFile(config, sameEndpoint(), bundledTemplates).content;
    const common = config.database.datasources.common;
    expect(text(xml, "/wso2registry/remoteInstance[id='configInstance']/cacheId")).toEqual([
      `${common.username}@jdbc:mysql://db.bank.example:5433/${common.database}`,
    ]);
    expect(text(xml, "/wso2registry/dbConfig[@name='wso2registry']/dataSource")).toEqual(["jdbc/WSO2CarbonDB"]);
  });
});

describe("plan/database/shared.ts", () => {
  it("tells the API Manager's stack each datasource by its pack name, with JNDI, URL, user and where the password is, never the password", () => {
    const config = unitConfigOf({});
    const n = names(config);
    const shared = sharedDatabases(config, n, sameEndpoint());
    expect(shared).toMatchObject({ engine: "mysql", layout: "openBanking" });
    expect(Object.keys(shared.datasources).sort()).toEqual(["WSO2AM_DB", "WSO2_COMMON_DB", "WSO2_OPEN_BANKING_DB"]);
    expect(shared.datasources.WSO2_OPEN_BANKING_DB).toEqual({
      jndi: "jdbc/WSO2OpenBankingDB",
      url: `jdbc:mysql://db.bank.example:5433/${config.database.datasources.ob.database}`,
      username: config.database.datasources.ob.username,
      passwordSecret: { namespace: n.namespace, name: n.credentials, key: "ob-password" },
    });
  });
});

describe("plan/database/wait-script.ts", () => {
  it("waits for each server in turn, bounded by database.waitSeconds", () => {
    const script = waitScript([{ host: "a.example", port: 3306 }, ENDPOINT], 120);
    expect(script.startsWith("#!/bin/sh\n")).toBe(true);
    expect(script.split("\n").filter((l) => l.startsWith("wait_for "))).toEqual(["wait_for a.example 3306", "wait_for db.bank.example 5433"]);
    expect(script).toContain('if [ "$waited" -ge 120 ]; then');
    expect(
      waitScript([], 120)
        .split("\n")
        .filter((l) => l.startsWith("wait_for ")),
    ).toEqual([]);
  });
});

describe("plan/database/provision.ts", () => {
  const labels = { "app.kubernetes.io/instance": "obkm" };
  const provisioned = (sets: Record<string, string> = {}) => {
    const config = unitConfigOf({ ...PROVISIONED, ...sets });
    return { config, n: names(config), db: provisionedDatabase(config, names(config), labels)! };
  };

  it("provisions nothing for an external database", () => {
    const config = unitConfigOf({});
    expect(provisionedDatabase(config, names(config), labels)).toBeUndefined();
  });

  it("MySQL: the official image with mysql_native_password (Connector/J 5.1 speaks no other), credentials from the Secret, the other databases in the init SQL", () => {
    const { config, n, db } = provisioned({ "obkm:database.type": "mysql" });
    const container = plain(db.statefulSet).spec.template.spec.containers[0];
    expect(container.image).toMatch(/^mysql:8\./);
    expect(container.args).toContain("--default-authentication-plugin=mysql_native_password");
    expect(container.env.find((e: { name: string }) => e.name === "MYSQL_ROOT_PASSWORD")?.valueFrom).toEqual({
      secretKeyRef: { name: n.credentials, key: "database-root-password" },
    });
    expect(db.port).toBe(3306);
    const [, ...others] = config.database.inUse;
    const sql = (db.initConfigMap.data as Record<string, string>)["create-databases.sql"];
    for (const key of others) expect(sql).toContain(`CREATE DATABASE IF NOT EXISTS \`${config.database.datasources[key].database}\`;`);
  });

  it("PostgreSQL: the image's superuser is an administrator of its own, its password generated in the credentials Secret; the data in a sub-directory of the volume", () => {
    const { n, db } = provisioned({ "obkm:database.type": "postgresql" });
    const container = plain(db.statefulSet).spec.template.spec.containers[0];
    expect(container.image).toMatch(/^postgres:/);
    const env = Object.fromEntries(container.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toEqual({
      POSTGRES_USER: POSTGRESQL_ADMIN,
      POSTGRES_PASSWORD: { secretKeyRef: { name: n.credentials, key: "database-root-password" } },
      // The database initdb makes: the image creates none, the init script creates the KM's.
      POSTGRES_DB: "postgres",
      PGDATA: "/var/lib/postgresql/data/pgdata",
      // The KM user's password, for the init script.
      DB_PASSWORD_AM: { secretKeyRef: { name: n.credentials, key: "am-password" } },
    });
    expect(db.port).toBe(5432);
  });

  it("PostgreSQL: the KM's users and their databases come from an init script the image executes on its first start", () => {
    const { config, db } = provisioned({ "obkm:database.type": "postgresql" });
    const spec = plain(db.statefulSet).spec.template.spec;
    const init = spec.volumes.find((v: { name: string }) => v.name === "init").configMap;
    // Executable: the entrypoint sources a *.sh that is not, and the script's set -eu would stay in it.
    expect(init.items).toEqual([{ key: "create-users.sh", path: "create-users.sh", mode: 0o555 }]);
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: "init", mountPath: "/docker-entrypoint-initdb.d", readOnly: true });
    const script = (db.initConfigMap.data as Record<string, string>)["create-users.sh"];
    for (const key of config.database.inUse) {
      expect(script).toContain(`ensure_user 'obkm' '${config.database.datasources[key].database}' "$DB_PASSWORD_AM"`);
    }
  });

  it("PostgreSQL: the schema job creates databases as the administrator and the tables as the KM's user, each password from the Secret", () => {
    const { n, db } = provisioned({ "obkm:database.type": "postgresql" });
    const env = plain(db.schemaJob).spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: "DB_ADMIN", value: POSTGRESQL_ADMIN });
    expect(env).toContainEqual({ name: "PGPASSWORD", valueFrom: { secretKeyRef: { name: n.credentials, key: "database-root-password" } } });
    expect(env).toContainEqual({ name: "DB_PASSWORD_AM", valueFrom: { secretKeyRef: { name: n.credentials, key: "am-password" } } });
    const job = (db.initConfigMap.data as Record<string, string>)["create-schemas.sh"];
    expect(job).toContain(
      `PGPASSWORD="$DB_PASSWORD_AM" psql -h "$DB_HOST" -U 'obkm' -d 'openbank_apimgtdb' -v ON_ERROR_STOP=1 -q -f "/dbscripts/apimgt/postgresql.sql"`,
    );
    // An earlier release's server, with no administrator, stops the job with where to read on.
    expect(job).toContain(`docs/design.md, \\"A dev stack's own database\\"`);
  });

  it("never puts a supplied password into a ConfigMap, an argument or a literal environment value: every password is a secretKeyRef", () => {
    for (const type of ["mysql", "postgresql"]) {
      const { db } = provisioned({ "obkm:database.type": type, "obkm:database.password": "Supplied-Pw-1" });
      expect(JSON.stringify(db)).not.toContain("Supplied-Pw-1");
      const containers = [plain(db.statefulSet).spec.template.spec.containers, plain(db.schemaJob).spec.template.spec.containers].flat();
      for (const c of containers) {
        for (const e of c.env as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: unknown } }>) {
          if (/PASSWORD|PWD/.test(e.name))
            expect({ name: e.name, value: e.value, secret: e.valueFrom?.secretKeyRef !== undefined }).toEqual({
              name: e.name,
              value: undefined,
              secret: true,
            });
        }
        // Nor does any argument expand a password's variable.
        expect(JSON.stringify([c.args ?? [], c.command ?? []])).not.toMatch(/\$\{?\w*(PASSWORD|PWD)/);
      }
    }
  });

  it("runs database.provisionImage where the stack names one, for the server and the schema job alike", () => {
    const { db } = provisioned({ "obkm:database.provisionImage": "registry.bank.example/mysql:8.0.40" });
    expect(plain(db.statefulSet).spec.template.spec.containers[0].image).toBe("registry.bank.example/mysql:8.0.40");
    expect(plain(db.schemaJob).spec.template.spec.containers[0].image).toBe("registry.bank.example/mysql:8.0.40");
  });

  it("a headless Service, as a StatefulSet's must be, and the claim at database.provisionStorageSize", () => {
    const { db } = provisioned({ "obkm:database.provisionStorageSize": "5Gi" });
    expect(plain(db.service).spec.clusterIP).toBe("None");
    expect(plain(db.statefulSet).spec.volumeClaimTemplates[0].spec.resources.requests).toEqual({ storage: "5Gi" });
  });

  it("the schema job runs the pack's dbscripts of the specification's OB directory, once (a marker table), and fails on a missing script", () => {
    const script = (spec: string) =>
      (provisioned({ "obkm:openBanking.specification": spec }).db.initConfigMap.data as Record<string, string>)["create-schemas.sh"];
    // puppet-open-banking 1.4.x params.pp $sqlfile_list: the UK and AU toolkits' tables in openbanking.org.uk, Berlin's in berlin-group.org.
    expect(script("UK")).toContain("/dbscripts/finance/openbanking.org.uk/mysql.sql");
    expect(script("AU")).toContain("/dbscripts/finance/openbanking.org.uk/mysql.sql");
    expect(script("BERLIN")).toContain("/dbscripts/finance/berlin-group.org/mysql.sql");
    expect(script("UK")).toContain("has its tables already");
    expect(script("UK")).toContain('|| { echo "obkm: the pack has no dbscripts/apimgt/mysql.sql" >&2; exit 1; }');
  });
});
