// Every step of every Open Banking flow, walked through the rendered objects, for each specification on a
// pack of our own whose files hold the URLs as WSO2's OB 1.4 sets write them (tests/fixtures/packs/): a
// browser's request is served by an Ingress rule that reaches the KM Service's HTTPS port and is let in by
// the NetworkPolicy; a call from the API Manager's namespace is let in to the Service's port and published
// by no Ingress; each server a node calls is let out; and every URL-valued element of the files is either
// written where its caller reaches it or listed as unused, with why. The API Manager's files, handed in
// through apim.configTemplates (our fixtures under tests/fixtures/packs/<spec>/apim/), are walked the same
// way as the render writes them into its ConfigMap and Secret: each URL of the API Manager at the KM reaches
// the KM Service's 9446, and the NetworkPolicy lets the API Manager's namespace in; and, the other way round,
// each call of the API Manager's at the KM takes its address from an element that names the KM Service, or
// from a file the docs' checklist tells the bank to point there (flows/places-apim.ts APIM_ADDRESSES). A
// failing step names the flow, the step, the file and the element.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseXml, XmlElement } from "@rgrove/parse-xml";
import { parse as parseJsonc } from "jsonc-parser";
import { Call, FLOWS } from "../flows/calls";
import { KM_IDENTITY_PLACES, UrlPlace } from "../flows/places";
import { CONSENT_APP_PLACES, MemberPlace } from "../flows/places-consent-apps";
import { KM_OPEN_BANKING_PLACES } from "../flows/places-open-banking";
import {
  APIM_ADDRESSES,
  APIM_API_MANAGER_XML,
  APIM_OPEN_BANKING_XML,
  APIM_PLACES,
  APIM_VELOCITY_TEMPLATE,
  VELOCITY_NAMESPACE_PLACE,
  velocityPropertyPlace,
} from "../flows/places-apim";
import { velocityUrls } from "../velocity/urls";
import { apimMountPath } from "../plan/apim-files";
import { callServing } from "../plan/calls/place-edits";
import { apimChecklist } from "../scripts/doc-blocks-calls";
import { apimPackOf } from "./helpers/apim-pack";
import { SPECIFICATIONS, Specification } from "../config/open-banking-keys";
import { Rendered } from "../render/render";
import { applyEdits } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { BUNDLED_TEMPLATES } from "../xml/templates";
import { CARBON_URLS } from "./fixtures/packs/carbon-urls";
import { ingressRoute } from "./helpers/ingress-route";
import { admitted, reachable } from "./helpers/network-policy-eval";
import { plannedOf } from "./helpers/plan";
import { objectOf, render } from "./helpers/render";

/** The hosts WSO2's sets leave in their files (openBanking.packHosts' default): none may stay in a used URL. */
const PACK_HOSTS = ["localhost", "obam", "obkm", "obbi"];

/** Every place of a URL in the XML files the flows touch. */
const PLACES: readonly UrlPlace[] = [...KM_IDENTITY_PLACES, ...KM_OPEN_BANKING_PLACES];
/** The API Manager's XML files' places; the gateway template's are read by text (velocityPlaces). */
const APIM_XML_PLACES = APIM_PLACES.filter((p) => p.file !== APIM_VELOCITY_TEMPLATE);

/**
 * Each URL literal of a gateway template with the place that names it: the handler property whose value holds
 * it, or an xmlns attribute; a URL in a Velocity comment (`##`) is no element, so undefined. `whole` is the
 * URL as it stands, its origin and the path after it.
 */
function velocityPlaces(text: string): Array<{ url: ReturnType<typeof velocityUrls>[number]; element?: string; whole: string }> {
  return velocityUrls(text).map((url) => {
    const lineStart = text.lastIndexOf("\n", url.start) + 1;
    const whole = text.slice(url.start, url.end) + text.slice(url.end).split(/["'\s<>]/)[0];
    if (/^\s*##/.test(text.slice(lineStart, url.start))) return { url, whole };
    const before = text.slice(0, url.start);
    if (/xmlns\s*=\s*["']$/.test(before)) return { url, element: VELOCITY_NAMESPACE_PLACE, whole };
    const tag = before.slice(before.lastIndexOf("<"));
    const name = /^<property\s+name\s*=\s*["']([^"']+)["']/.exec(tag)?.[1];
    return { url, element: name === undefined ? `(no property) line ${url.line}` : velocityPropertyPlace(name), whole };
  });
}

/** Every URL-valued member of the consent apps' conf.json. */
const MEMBERS: readonly MemberPlace[] = CONSENT_APP_PLACES;

/** A rendered node file by its path under repository/conf (`../deployment/...` for the consent apps). */
function renderedFile(r: Rendered, file: string): string {
  const key = path.posix.normalize(`conf/${file}`);
  const content = r.files[key] ?? r.files[`conf/${file}`];
  if (content === undefined) throw new Error(`no rendered file ${key} (have ${Object.keys(r.files).join(", ")})`);
  return content;
}

/** A JSON member by its place's path (`/a/b`). */
function memberOf(text: string, member: string): unknown {
  return member
    .split("/")
    .filter(Boolean)
    .reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), parseJsonc(text));
}

/** The members of a JSON text that hold a URL, by the path a place names them with. */
function urlMembers(value: unknown, at = ""): string[] {
  if (typeof value === "string") return /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [at] : [];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => urlMembers(v, `${at}/${k}`));
  return [];
}

/**
 * A pack's repository/conf for `spec`: the project's own templates (which stand for the rest of each file),
 * with the URLs of the Carbon/IS files as WSO2's set for the specification writes them, and our fixtures of
 * the OB files laid over it where tests/fixtures/packs/<spec>/km/repository holds them.
 */
function packOf(spec: Specification): string {
  const repository = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `obkm-flows-${spec.toLowerCase()}-`)), "repository");
  const conf = path.join(repository, "conf");
  fs.cpSync(BUNDLED_TEMPLATES, conf, { recursive: true });
  for (const [file, values] of Object.entries(CARBON_URLS[spec])) {
    const full = path.join(conf, file);
    const edits = Object.entries(values).map(([element, value]) => ({ kind: "set" as const, path: element, value }));
    fs.writeFileSync(full, applyEdits(file, fs.readFileSync(full, "utf8"), edits));
  }
  const fixtures = path.join(__dirname, "fixtures", "packs", spec.toLowerCase(), "km", "repository");
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, repository, { recursive: true });
  return conf;
}

/** The elements of an XML text that hold a URL (an origin with a scheme, Carbon's placeholders included), by the path a place names them with. */
function urlElements(text: string): string[] {
  const found: string[] = [];
  const walk = (element: XmlElement, at: string) => {
    const name = typeof element.attributes.name === "string" ? `[@name='${element.attributes.name}']` : "";
    const here = `${at}/${element.name.split(":").pop()}${name}`;
    const children = element.children.filter((c): c is XmlElement => c instanceof XmlElement);
    if (children.length) return children.forEach((c) => walk(c, here));
    if (/^\s*(\$\{[\w.]+\}|[a-z][a-z0-9+.-]*):\/\//i.test(element.text)) found.push(here);
  };
  walk(parseXml(text).root!, "");
  return found;
}

/** The URL a used place holds once rendered, as Java's URL would read it. */
function parsed(url: string): { host: string; port: number; path: string } | undefined {
  try {
    const u = new URL(url);
    return { host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port) || (u.protocol === "http:" ? 80 : 443), path: u.pathname };
  } catch {
    return undefined;
  }
}

describe.each(SPECIFICATIONS)("the %s flows", (spec) => {
  const conf = packOf(spec);
  const apimConf = apimPackOf(spec);
  const sets = [`configTemplates=${conf}`, `openBanking.specification=${spec}`, `apim.configTemplates=${apimConf}`];
  const planned = plannedOf(sets);
  const { config, plan } = planned;
  const calls = plan.calls.calls;
  const apimNamespace = config.apim.namespace!;
  let r: Rendered;
  beforeAll(async () => {
    r = await render(sets, "prod");
  });

  const named = (call: Call) => `${FLOWS[call.flow]}: ${call.id} (${call.step})`;
  const kmService = () => objectOf(r, "Service", plan.names.service);
  const kmServiceDns = () => `${kmService().metadata.name}.${kmService().metadata.namespace}.svc.${config.clusterDomain}`;
  /** Does the KM Service send `portName` to the nodes' 9446, the port the nodes serve HTTPS on? */
  const servesHttps = (port: { name?: string; number?: number }) => {
    const servicePort = kmService().spec.ports.find((p: any) => p.name === port.name || p.port === port.number);
    const container = objectOf(r, "StatefulSet", plan.names.statefulSet).spec.template.spec.containers[0];
    const target = container.ports.find((p: any) => p.name === servicePort?.targetPort || p.containerPort === servicePort?.targetPort);
    return target?.containerPort === 9446;
  };

  /** What is wrong with a request to the KM's host on `path` that must reach the nodes through `ingress`. */
  function throughIngress(requestPath: string, ingress: string): string | undefined {
    const route = ingressRoute(r, requestPath, config.hostname);
    if (route?.ingress !== ingress) return `${requestPath} is served by ${route?.ingress ?? "no Ingress"}, not ${ingress}`;
    if (route.backend.service.name !== plan.names.service || !servesHttps(route.backend.service.port))
      return `${requestPath} goes to ${route.backend.service.name}, not the KM Service's HTTPS port`;
    if (!admitted(r, config.networkPolicy.ingressControllerNamespace, 9446))
      return `the NetworkPolicy does not let the ingress controller in to 9446`;
    return undefined;
  }

  it("has calls of every kind: the browser's, the staff's, the API Manager's and the KM's own", () => {
    for (const route of ["public", "console", "cluster", "gateway", "apim-services"]) expect(calls.map((c) => c.route)).toContain(route);
  });

  it("serves each browser call through the public Ingress, and each staff call through the console's with its allowlist", () => {
    const console = objectOf(r, "Ingress", plan.names.consoleIngress);
    expect(console.metadata.annotations["nginx.ingress.kubernetes.io/allowlist-source-range"]).toBe(config.ingress.consoleAllowedCidrs.join(","));
    const problems = calls
      .filter((c) => c.callee === "km" && (c.route === "public" || c.route === "console"))
      .flatMap((call) => {
        const ingress = call.route === "public" ? plan.names.ingress : plan.names.consoleIngress;
        return [call.path, `${call.path}/x`].flatMap((p) => {
          const wrong = throughIngress(p, ingress);
          return wrong ? [`${named(call)}: ${wrong}`] : [];
        });
      });
    expect(problems).toEqual([]);
  });

  it("lets each call from the API Manager in to the KM Service, and publishes none of them", () => {
    const problems = calls
      .filter((c) => c.callee === "km" && c.route === "cluster")
      .flatMap((call) => {
        const wrong: string[] = [];
        if (!servesHttps({ number: 9446 })) wrong.push("the KM Service has no 9446 to the nodes' HTTPS");
        if (!admitted(r, apimNamespace, 9446)) wrong.push(`the NetworkPolicy does not let ${apimNamespace} in to 9446`);
        // Published only where a browser's call shares the path (the authorisation's return to /oauth2/authorize).
        const shared = calls.some((c) => c.route === "public" && c.path === call.path);
        const route = ingressRoute(r, `${call.path}/x`, config.hostname);
        if (route && !shared) wrong.push(`${call.path} is published by ${route.ingress}`);
        return wrong.map((w) => `${named(call)}: ${w}`);
      });
    expect(problems).toEqual([]);
  });

  it("lets each server the KM calls out, directly or through the forward proxy", () => {
    const ends: Record<string, { host: string; port: number } | undefined> = {
      gateway: { host: config.apim.hostname, port: config.apim.gatewayPort },
      "apim-services": config.apim.services,
      // The KM's own calls to its Service (the consent apps' server side).
      cluster: { host: kmServiceDns(), port: 9446 },
      // The OB directory's host is the software statement's; a directory's JWKS on 443 stands for it.
      internet: { host: "keystore.openbanking.org.uk", port: 443 },
    };
    const problems = calls
      .filter((c) => c.caller === "km" && ends[c.route])
      .flatMap((call) => {
        // A call that takes its host from another route's end (Call.hostOf) goes there, on its route's port.
        const end = { host: ends[call.hostOf ?? call.route]!.host, port: ends[call.route]!.port };
        return reachable(r, { ...end, from: call.id, http: true }) ? [] : [`${named(call)}: ${end.host}:${end.port} is not let out`];
      });
    expect(problems).toEqual([]);
  });

  it("writes every used URL where its caller reaches it, and names no host of WSO2's set-ups there", () => {
    const problems = PLACES.flatMap((place) => {
      const rendered = elementTexts(place.file, renderedFile(r, place.file), place.element);
      const where = `${place.file}: ${place.element}`;
      if (rendered.length !== 1) return [`${where}: found ${rendered.length} times in the rendered file`];
      // Used, unless the place says why not, or its switch is off in this stack.
      if ("unused" in place.use) return place.use.unused ? [] : [`${where}: unused without a reason`];
      if (place.when && !plan.calls.conditions[place.when.condition]) return place.when.off ? [] : [`${where}: off without a reason`];
      const placed = { use: place.use };
      const url = parsed(rendered[0]);
      if (!url) return [`${where}: holds "${rendered[0]}", no URL`];
      if (PACK_HOSTS.includes(url.host)) return [`${where}: still names ${url.host}`];
      const use = placed.use;
      const call = calls.find((c) => c.route === use.route && (c.path === "/" || `${url.path}/`.startsWith(`${c.path}/`)));
      if (!call) return [`${where}: ${rendered[0]} is served by no call of the ${use.route} route`];
      const step = `${named(call)}: ${where}: ${rendered[0]}`;
      switch (call.route) {
        case "public":
        case "console": {
          const wrong =
            url.host === config.hostname && url.port === 443
              ? throughIngress(url.path, call.route === "public" ? plan.names.ingress : plan.names.consoleIngress)
              : "names another host than the KM's public one";
          return wrong ? [`${step}: ${wrong}`] : [];
        }
        case "cluster":
          return url.host === kmServiceDns() && url.port === 9446 ? [] : [`${step}: is not the KM Service's ${kmServiceDns()}:9446`];
        case "gateway":
          return url.host === config.apim.hostname && url.port === config.apim.gatewayPort ? [] : [`${step}: is not the gateway's host and port`];
        case "apim-services":
          return url.host === config.apim.services.host && url.port === config.apim.services.port
            ? []
            : [`${step}: is not the API Manager's services`];
        default:
          return [];
      }
    });
    expect(problems).toEqual([]);
  });

  it("writes every used member of the consent apps' conf.json where the app, or the browser it redirects, reaches it", () => {
    const ends: Record<string, { host: string; port: number } | undefined> = {
      public: { host: config.hostname, port: 443 },
      cluster: { host: kmServiceDns(), port: 9446 },
      gateway: { host: config.apim.hostname, port: config.apim.gatewayPort },
      "apim-services": config.apim.services,
    };
    const problems = MEMBERS.flatMap((place) => {
      const where = `${place.file}: ${place.element}`;
      const value = memberOf(renderedFile(r, place.file), place.element);
      if ("unused" in place.use) return place.use.unused ? [] : [`${where}: unused without a reason`];
      const call = calls.find((c) => c.id === place.call);
      if (!call) return [`${where}: serves ${place.call}, which is no call of this stack`];
      const step = `${named(call)}: ${where}: ${JSON.stringify(value)}`;
      if (call.route !== place.use.route) return [`${step}: placed on ${place.use.route}, its call on ${call.route}`];
      const end = ends[call.route];
      if (!end) return [`${step}: no end for the ${call.route} route`];
      const text = String(value);
      const host = parsed(text)?.host;
      if (host && PACK_HOSTS.includes(host)) return [`${step}: still names ${host}, a host of WSO2's set-ups`];
      switch (place.holds) {
        case "port":
          // The gateway's port on apimHost: the app puts it together with apimHost, the API Manager's host.
          return Number(value) === (call.route === "gateway" ? config.apim.gatewayPort : end.port) ? [] : [`${step}: is not ${end.port}`];
        case "scheme-and-host": {
          const url = parsed(text);
          return url?.host === end.host && /^https:\/\/[^/:]+$/.test(text) ? [] : [`${step}: is not https://${end.host}`];
        }
        case "url": {
          const url = parsed(text);
          if (!url || url.host !== end.host || url.port !== end.port) return [`${step}: is not on ${end.host}:${end.port}`];
          const wrong = call.route === "public" ? throughIngress(url.path, plan.names.ingress) : undefined;
          return wrong ? [`${step}: ${wrong}`] : [];
        }
        default:
          return [`${step}: a ${place.holds} member cannot be used`];
      }
    });
    expect(problems).toEqual([]);
    // Each used member was checked against a call of this stack.
    expect(MEMBERS.filter((m) => "route" in m.use).length).toBeGreaterThan(5);
  });

  it("knows every URL-valued member of the consent apps' conf.json: each is a place", () => {
    const files = [...new Set(MEMBERS.map((p) => p.file))];
    const unknown = files.flatMap((file) => {
      const known = new Set(MEMBERS.filter((p) => p.file === file).map((p) => p.element));
      return urlMembers(parseJsonc(fs.readFileSync(path.join(conf, file), "utf8")))
        .filter((member) => !known.has(member))
        .map((member) => `${file}: ${member}`);
    });
    expect(unknown).toEqual([]);
  });

  it("knows every URL-valued element of the pack's files it renders: each is a place, used or listed unused with why", () => {
    const files = [...new Set(PLACES.map((p) => p.file))];
    const unknown = files.flatMap((file) => {
      const known = new Set(PLACES.filter((p) => p.file === file).map((p) => p.element));
      return urlElements(fs.readFileSync(path.join(conf, file), "utf8"))
        .filter((element) => !known.has(element) && !known.has(element.replace(/\[@name='[^']*'\]$/, "")))
        .map((element) => `${file}: ${element}`);
    });
    expect(unknown).toEqual([]);
    // The scan finds what it should: the Carbon/IS files' URLs.
    expect(urlElements(fs.readFileSync(path.join(conf, "identity/identity.xml"), "utf8")).length).toBeGreaterThan(25);
  });

  /** An API Manager's file as rendered: api-manager.xml in its ConfigMap, the others in its Secret (shown redacted). */
  function apimFile(file: string): string {
    if (file === APIM_API_MANAGER_XML) return objectOf(r, "ConfigMap", plan.names.apiManagerConfigMap).data[APIM_API_MANAGER_XML];
    const content = r.files[`apim/${apimMountPath(file)}`];
    if (content === undefined) throw new Error(`no rendered API Manager file ${file}`);
    return content;
  }

  /** What is wrong with a URL the API Manager calls on `route`, rendered in one of its files. */
  function fromTheApiManager(route: string, url: { host: string; port: number; path: string }): string | undefined {
    switch (route) {
      case "cluster": {
        if (url.host !== kmServiceDns() || url.port !== 9446) return `is not the KM Service's ${kmServiceDns()}:9446`;
        if (!servesHttps({ number: 9446 })) return "the KM Service has no 9446 to the nodes' HTTPS";
        if (!admitted(r, apimNamespace, 9446)) return `the NetworkPolicy does not let ${apimNamespace} in to 9446`;
        const call = callServing(calls, "cluster", url.path);
        return call && (call.caller === "apim-gateway" || call.caller === "apim-services")
          ? undefined
          : `no call of the API Manager's serves ${url.path} on the KM Service`;
      }
      case "gateway":
        return url.host === config.apim.hostname && url.port === config.apim.gatewayPort ? undefined : "is not the gateway's host and port";
      case "apim-services":
        return url.host === config.apim.services.host && url.port === config.apim.services.port ? undefined : "is not the API Manager's services";
      default:
        return `the API Manager's files place nothing on ${route}`;
    }
  }

  it("writes every used URL of the API Manager's files where it reaches its callee: the KM's at the KM Service, which lets the API Manager's namespace in", () => {
    const problems = APIM_XML_PLACES.flatMap((place) => {
      const where = `the API Manager's ${place.file}: ${place.element}`;
      const rendered = elementTexts(place.file, apimFile(place.file), place.element);
      if (rendered.length !== 1) return [`${where}: found ${rendered.length} times in the rendered file`];
      if ("unused" in place.use) return place.use.unused ? [] : [`${where}: unused without a reason`];
      // Carbon's context is / unless the pack changes it (carbon.xml's WebContextRoot).
      const url = parsed(rendered[0].replace("${carbon.context}", "/"));
      if (!url) return [`${where}: holds "${rendered[0]}", no URL`];
      if (PACK_HOSTS.includes(url.host)) return [`${where}: still names ${url.host}`];
      const wrong = fromTheApiManager(place.use.route, url);
      return wrong ? [`${where}: ${rendered[0]}: ${wrong}`] : [];
    });
    expect(problems).toEqual([]);
    const velocity = velocityPlaces(apimFile(APIM_VELOCITY_TEMPLATE)).flatMap(({ url, element, whole }) => {
      const place = APIM_PLACES.find((p) => p.file === APIM_VELOCITY_TEMPLATE && p.element === element);
      if (!place || "unused" in place.use) return [];
      const where = `the API Manager's ${APIM_VELOCITY_TEMPLATE}: line ${url.line}: ${element}`;
      const wrong = fromTheApiManager(place.use.route, parsed(whole)!);
      return wrong ? [`gateway.consent-validation: ${where}: ${url.literal}: ${wrong}`] : [];
    });
    expect(velocity).toEqual([]);
    // The template's consent URLs were walked: seven in our fixture.
    expect(velocityPlaces(apimFile(APIM_VELOCITY_TEMPLATE)).filter((v) => v.url.host === kmServiceDns())).toHaveLength(7);
  });

  /** The URLs a place of the API Manager's files holds once rendered: an XML element's text, or a gateway template property's literals. */
  function apimUrls(file: string, element: string): string[] {
    if (file !== APIM_VELOCITY_TEMPLATE) return elementTexts(file, apimFile(file), element);
    return velocityPlaces(apimFile(file))
      .filter((v) => v.element === element)
      .map(({ whole }) => whole);
  }

  it("points each call of the API Manager's at the KM Service from where the API Manager takes its address, or says why nothing does", () => {
    const checklist = apimChecklist().split("\n");
    const problems = calls
      .filter((c) => (c.caller === "apim-gateway" || c.caller === "apim-services") && c.callee === "km")
      .flatMap((call) => {
        const address = APIM_ADDRESSES[call.id];
        if (!address) return [`${named(call)}: APIM_ADDRESSES does not say where the API Manager takes the KM's address from`];
        if (address.kind === "none") return address.why ? [] : [`${named(call)}: addressed by no file, without a reason`];
        if (address.kind === "by-hand") {
          // A file the program does not edit: the docs' checklist tells every bank to point it at the KM Service.
          const row = checklist.find((line) => line.includes(`\`<APIM_HOME>/repository/${apimMountPath(address.file)}\``));
          return row?.includes(`\`https://<serviceDnsName>:<httpsPort>${call.path}\``)
            ? []
            : [`${named(call)}: the checklist does not point ${address.file} at the KM Service's ${call.path}`];
        }
        return address.elements.flatMap((element) => {
          const where = `${named(call)}: the API Manager's ${address.file}: ${element}`;
          const place = APIM_PLACES.find((p) => p.file === address.file && p.element === element);
          if (!place || !("route" in place.use) || place.use.route !== "cluster") return [`${where}: is no place routed to the KM Service`];
          const urls = apimUrls(address.file, element);
          if (!urls.length) return [`${where}: not in the rendered file`];
          return urls.flatMap((text) => {
            // Carbon's context is / unless the pack changes it (carbon.xml's WebContextRoot).
            const url = parsed(text.replace("${carbon.context}", "/"));
            if (!url || url.host !== kmServiceDns() || url.port !== 9446)
              return [`${where}: ${text} is not at the KM Service's ${kmServiceDns()}:9446`];
            return `${url.path}/`.startsWith(`${call.path}/`) ? [] : [`${where}: ${text} is not on ${call.path}`];
          });
        });
      });
    expect(problems).toEqual([]);
    // Every entry is a call of the map, so that none outlives its call.
    expect(Object.keys(APIM_ADDRESSES).filter((id) => !calls.some((c) => c.id === id))).toEqual([]);
  });

  it("knows every URL-valued element of the API Manager's files: each is a place, used or listed unused with why", () => {
    const known = (file: string) => new Set(APIM_PLACES.filter((p) => p.file === file).map((p) => p.element));
    const unknown = [APIM_API_MANAGER_XML, APIM_OPEN_BANKING_XML].flatMap((file) =>
      urlElements(fs.readFileSync(path.join(apimConf, file), "utf8"))
        .filter((element) => !known(file).has(element))
        .map((element) => `${file}: ${element}`),
    );
    const velocity = velocityPlaces(fs.readFileSync(path.join(apimConf, APIM_VELOCITY_TEMPLATE), "utf8"))
      .filter(({ element }) => element !== undefined && !known(APIM_VELOCITY_TEMPLATE).has(element))
      .map(({ element, url }) => `${APIM_VELOCITY_TEMPLATE}: line ${url.line}: ${element}`);
    expect([...unknown, ...velocity]).toEqual([]);
    // Every place of the API Manager's files says why where it is unused.
    expect(APIM_PLACES.filter((p) => "unused" in p.use && !p.use.unused)).toEqual([]);
  });
});
