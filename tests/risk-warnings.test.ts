// Settings that are allowed but risky draw a warning that says what they do and what to set instead
// (config/risk-warnings.ts): Kubernetes' default namespace, a range of every address for the egress or the
// console, plain ldap:// to a directory the KM writes to, and pools that may open more connections than the
// database server accepts.
import { LDAP_SETTINGS, loadMinimal } from "./helpers/cli-config";

const warningsOf = (settings: Record<string, string>) => loadMinimal(settings).warnings;

describe("a warning", () => {
  it("for the namespace default, and none for a namespace of the KM's own", () => {
    expect(warningsOf({ "obkm:namespace": "default" })).toEqual([
      expect.stringMatching(/^obkm:namespace is default: .*give it a namespace of its own\.$/),
    ]);
    expect(warningsOf({ "obkm:namespace": "obkm-dev" })).toEqual([]);
  });

  it.each([["0.0.0.0/0"], ["::/0"]])("for %s as an egress range or a console range", (all) => {
    expect(warningsOf({ "obkm:networkPolicy.egressCidrs": JSON.stringify(["10.0.0.0/8", all]) })).toEqual([
      expect.stringMatching(
        new RegExp(`^obkm:networkPolicy\\.egressCidrs holds ${all.replace(/\./g, "\\.")}: the NetworkPolicy lets the nodes out to every address`),
      ),
    ]);
    expect(warningsOf({ "obkm:ingress.consoleAllowedCidrs": JSON.stringify([all]) })).toEqual([
      expect.stringMatching(
        /^obkm:ingress\.consoleAllowedCidrs holds .*: the management console and the customer care portal are open to every address/,
      ),
    ]);
  });

  it("for plain ldap:// to a directory the KM writes to, and not for ldaps:// or a read-only store", () => {
    expect(warningsOf({ ...LDAP_SETTINGS, "obkm:userStore.ldap.url": "ldap://ldap.bank.example", "obkm:userStore.ldap.readOnly": "false" })).toEqual([
      expect.stringMatching(/^obkm:userStore\.ldap\.url is plain ldap:\/\/ with obkm:userStore\.ldap\.readOnly false: .*use ldaps:\/\/\.$/),
    ]);
    expect(warningsOf({ ...LDAP_SETTINGS, "obkm:userStore.ldap.url": "ldaps://ldap.bank.example", "obkm:userStore.ldap.readOnly": "false" })).toEqual(
      [],
    );
    expect(warningsOf({ ...LDAP_SETTINGS, "obkm:userStore.ldap.url": "ldap://ldap.bank.example" })).toEqual([]);
  });

  describe("for pools that may open more connections than the database server accepts", () => {
    it("against MySQL's default of 151 when the stack does not say what its server accepts", () => {
      // 2 nodes x 30 x 3 datasources (the openBanking layout's am, common, ob) = 180 > 151.
      expect(warningsOf({ "obkm:database.maxConnections": "0", "obkm:database.pool.maxActive": "30" })).toEqual([
        "obkm:database.pool.maxActive is 30: 2 nodes x 30 x 3 datasources (am, common, ob) may open 180 connections to db.bank.example, more than the 151 that MySQL accepts by default (max_connections); raise the server's max_connections and say so in database.maxConnections, or lower database.pool.maxActive.",
      ]);
      // 2 x 25 x 3 = 150, within.
      expect(warningsOf({ "obkm:database.maxConnections": "0", "obkm:database.pool.maxActive": "25" })).toEqual([]);
    });

    it("against PostgreSQL's default of 100, per server: datasources on other hosts count there", () => {
      const settings = { "obkm:database.type": "postgresql", "obkm:database.maxConnections": "0", "obkm:database.pool.maxActive": "20" };
      // 2 x 20 x 3 = 120 > 100 on one server; with ob on a host of its own, 80 and 40.
      expect(warningsOf(settings)).toEqual([
        expect.stringMatching(/may open 120 connections to db\.bank\.example, more than the 100 that PostgreSQL accepts by default/),
      ]);
      expect(warningsOf({ ...settings, "obkm:database.ob.host": "ob-db.bank.example" })).toEqual([]);
    });

    it("against database.maxConnections when the stack says what its server accepts", () => {
      expect(warningsOf({ "obkm:database.maxConnections": "800" })).toEqual([
        expect.stringMatching(/may open 900 connections to db\.bank\.example, more than the 800 that obkm:database\.maxConnections says it accepts/),
      ]);
    });
  });
});

describe("database.maxConnections", () => {
  it("starts the provisioned database with it, which MySQL and PostgreSQL take as max_connections", () => {
    const provisioned = { "obkm:database.provision": "true", "obkm:database.host": "" };
    expect(loadMinimal({ ...provisioned, "obkm:database.maxConnections": "1000" }).config.database.maxConnections).toBe(1000);
    expect(loadMinimal({ ...provisioned, "obkm:database.maxConnections": "0" }).config.database.maxConnections).toBeUndefined();
  });
});
