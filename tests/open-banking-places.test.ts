// Every URL-valued element of the KM's open-banking.xml is either pointed at its route's origin, keeping its
// path, or listed as unused with its reason (flows/places-open-banking.ts), for WSO2's UK, Berlin Group and AU
// sets, on fixtures of our own written after their element paths (tests/fixtures/packs/<spec>/km).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { XmlElement } from "@rgrove/parse-xml";
import { KM_OPEN_BANKING_PLACES, OPEN_BANKING_XML } from "../flows/places-open-banking";
import { routeEnds } from "../plan/calls/origins";
import { BI_FEATURES, type BiCondition } from "../plan/bi-server";
import { childElements, localName } from "../xml/path";
import { parseDocument } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { BUNDLED_TEMPLATES } from "../xml/templates";
import { planOf, plannedOf, SOME_CREDENTIALS } from "./helpers/plan";

const SPECS = ["uk", "berlin", "au"] as const;
const fixture = (spec: string) => fs.readFileSync(path.join(__dirname, "fixtures/packs", spec, "km/repository/conf", OPEN_BANKING_XML), "utf8");

/** The leaf elements that hold a URL, or whose name says they hold one (an empty ErrorURL), by path. */
function urlValuedElements(text: string): string[] {
  const found: string[] = [];
  const walk = (element: XmlElement, parent: string) => {
    const at = `${parent}/${localName(element)}`;
    const children = childElements(element);
    if (children.length) return children.forEach((c) => walk(c, at));
    if (element.text.includes("://") || /(Url|URL|Endpoint)$/.test(localName(element))) found.push(at);
  };
  walk(parseDocument(OPEN_BANKING_XML, text).root!, "");
  return found.sort();
}

/** The fixture with every BI switch on, so that every BI place is used. */
const allBiOn = (text: string) =>
  Object.values(BI_FEATURES).reduce((t, f) => {
    const [section, name] = f.switch.split("/").slice(-2);
    return t.replace(new RegExp(`(<${section}>\\s*<${name}>)false`), "$1true");
  }, text);

function packWith(openBankingXml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-ob-places-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "finance"), { recursive: true });
  fs.writeFileSync(path.join(dir, OPEN_BANKING_XML), openBankingXml);
  return dir;
}

const BI_HOST = "obbi.bank.internal";
const WSO2_HOSTS = /:\/\/(localhost|obam|obkm|obbi|obbi-worker)[:/]/;

describe("the places of open-banking.xml's URLs", () => {
  it.each(SPECS)("lists every URL-valued element of the %s set, and each place is in the set", (spec) => {
    const places = KM_OPEN_BANKING_PLACES.map((p) => p.element).sort();
    expect(urlValuedElements(fixture(spec))).toEqual(places);
    expect(new Set(places).size).toBe(places.length);
    for (const place of KM_OPEN_BANKING_PLACES) expect(place.side).toBe("km");
  });

  it("says why each unused place is unused, and what turns each BI place on", () => {
    for (const place of KM_OPEN_BANKING_PLACES) {
      if ("unused" in place.use) expect(place.use.unused.length).toBeGreaterThan(20);
      if ("route" in place.use && place.use.route === "bi-server") {
        const condition = place.when!.condition as BiCondition;
        expect(BI_FEATURES[condition].urls).toContain(place.element);
        expect(place.when!.off).toContain(BI_FEATURES[condition].switch.replace("/Server/", ""));
      }
    }
  });

  it.each(SPECS)("points each used place of the %s set at its route's end, keeping the path; leaves each unused place as it is", (spec) => {
    const source = allBiOn(fixture(spec));
    const sets = [`configTemplates=${packWith(source)}`, `biServer.host=${BI_HOST}`, "biServer.receiverPort=9007"];
    const { config, plan } = plannedOf(sets);
    const edited = plan.secrets(SOME_CREDENTIALS).secretNodeFiles.find((f) => f.path === OPEN_BANKING_XML)!.content;
    const ends = routeEnds(config, plan.names);
    for (const place of KM_OPEN_BANKING_PLACES) {
      const [before] = elementTexts(OPEN_BANKING_XML, source, place.element);
      const [after] = elementTexts(OPEN_BANKING_XML, edited, place.element);
      const where = `${spec} ${place.element}`;
      if ("unused" in place.use) {
        expect([where, after]).toEqual([where, before]);
        continue;
      }
      const end = ends[place.use.route]!;
      const url = new URL(after.replace(/^\{|\}$/g, ""));
      const pathOf = (u: string) => u.replace(/^\{?[a-z]+:\/\/[^/{}]+/, "");
      expect([where, url.hostname]).toEqual([where, end.host]);
      if (place.use.route === "bi-server") {
        const bi = config.biServer!;
        expect([where, [bi.dataPublishingPort, bi.receiverPort, bi.invalidSubmissionsPort]]).toEqual([
          where,
          expect.arrayContaining([Number(url.port)]),
        ]);
      } else expect([where, Number(url.port || 443)]).toEqual([where, end.port]);
      expect([where, pathOf(after)]).toEqual([where, pathOf(before)]);
      expect([where, after]).not.toEqual([where, expect.stringMatching(WSO2_HOSTS)]);
    }
  });

  it("leaves the BI places as WSO2 has them while their switches are off, and names no WSO2 host in a used place", () => {
    const edited = planOf([`configTemplates=${packWith(fixture("uk"))}`])
      .secrets(SOME_CREDENTIALS)
      .secretNodeFiles.find((f) => f.path === OPEN_BANKING_XML)!.content;
    for (const place of KM_OPEN_BANKING_PLACES) {
      const [value] = elementTexts(OPEN_BANKING_XML, edited, place.element);
      if (place.when || "unused" in place.use) continue;
      expect([place.element, value]).not.toEqual([place.element, expect.stringMatching(WSO2_HOSTS)]);
    }
    expect(elementTexts(OPEN_BANKING_XML, edited, "/Server/BIServer/DataPublishing/ServerURL")).toEqual(["{tcp://obbi:7612}"]);
  });

  it("points Berlin's and STET's gateway port at apim.gatewayPort, beside their host", () => {
    const edited = planOf([`configTemplates=${packWith(fixture("berlin"))}`, "apim.gatewayPort=443"])
      .secrets(SOME_CREDENTIALS)
      .secretNodeFiles.find((f) => f.path === OPEN_BANKING_XML)!.content;
    for (const section of ["Berlin", "STET"]) {
      expect(elementTexts(OPEN_BANKING_XML, edited, `/Server/${section}/Host`)).toEqual(["gw.openbanking.bank.example"]);
      expect(elementTexts(OPEN_BANKING_XML, edited, `/Server/${section}/Port`)).toEqual(["443"]);
    }
  });
});
