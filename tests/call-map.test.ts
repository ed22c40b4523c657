// The call map (flows/calls.ts) and what the plan derives from it: each route's origin, the Ingress paths,
// the NetworkPolicy, and the URL each node file names.
import { CALLS, pathsOf } from "../flows/calls";
import { APPLICATION_AUTHENTICATION_XML, IDENTITY_XML, UrlPlace } from "../flows/places";
import { stackCalls } from "../plan/calls";
import { fileConditions } from "../plan/calls/conditions";
import { origin, routeEnds, routeOrigin } from "../plan/calls/origins";
import { callServing, placeEdits, placeUrls, unservedProblems } from "../plan/calls/place-edits";
import { KM_TEMPLATE_FILES } from "../plan/templates";
import { readTemplates, Templates } from "../xml/templates";
import { names } from "../plan/names";
import { loadMinimal } from "./helpers/cli-config";

describe("plan/calls/origins.ts", () => {
  const setUp = (extra: Record<string, string> = {}) => {
    const config = loadMinimal(extra).config;
    return { config, n: names(config) };
  };

  it("writes a URL's origin as a browser and Java's URL read it: the scheme's own port left out, an IPv6 host bracketed", () => {
    expect(origin("km.bank.example", 443)).toBe("https://km.bank.example");
    expect(origin("gw.bank.example", 8243)).toBe("https://gw.bank.example:8243");
    expect(origin("bi.bank.example", 80, "http")).toBe("http://bi.bank.example");
    expect(origin("bi.bank.example", 443, "http")).toBe("http://bi.bank.example:443");
    expect(origin("fd00::5", 7612, "tcp")).toBe("tcp://[fd00::5]:7612");
  });

  it("ends the public and console routes at the KM's host on 443, the cluster route at its Service, the API Manager's at its keys' hosts", () => {
    const { config, n } = setUp({ "obkm:apim.hostname": "gw.bank.example", "obkm:apim.gatewayPort": "8443" });
    expect(routeOrigin(config, n, "public")).toBe(`https://${config.hostname}`);
    expect(routeOrigin(config, n, "console")).toBe(`https://${config.hostname}`);
    expect(routeOrigin(config, n, "cluster")).toBe(`https://${n.serviceDnsName}:9446`);
    expect(routeOrigin(config, n, "gateway")).toBe("https://gw.bank.example:8443");
    expect(routeEnds(config, n)["apim-services"]).toEqual({
      host: config.apim.services.host,
      port: config.apim.services.port,
      key: "apim.servicesHost",
    });
    // The OB directory is wherever a TPP's software statement says: no one origin.
    expect(routeOrigin(config, n, "internet")).toBeUndefined();
  });
});

/** The bundled templates with some files replaced: a pack of the user's, in small. */
const templatesWith = (files: Record<string, string> = {}): Templates => {
  const bundled = readTemplates(undefined, KM_TEMPLATE_FILES);
  return { ...bundled, files: { ...bundled.files, ...files } };
};

/** application-authentication.xml with the SMSOTP authenticator's `enabled` as given, the rest as the bundled file has it. */
const withSmsOtp = (enabled: string) =>
  templatesWith({
    [APPLICATION_AUTHENTICATION_XML]: readTemplates(undefined, [APPLICATION_AUTHENTICATION_XML]).files[APPLICATION_AUTHENTICATION_XML].replace(
      /(<AuthenticatorConfig name="SMSOTP" enabled=")true(")/,
      `$1${enabled}$2`,
    ),
  });

describe("plan/calls/conditions.ts", () => {
  const config = loadMinimal({}).config;

  it("turns the SMS OTP pages on exactly where application-authentication.xml enables the SMSOTP authenticator", () => {
    expect(fileConditions(config, templatesWith())["sms-otp"]).toBe(true);
    expect(fileConditions(config, withSmsOtp("false"))["sms-otp"]).toBe(false);
    // Identity Server reads the attribute as a boolean: case and spaces aside, only "true" is on.
    expect(fileConditions(config, withSmsOtp(" TRUE "))["sms-otp"]).toBe(true);
    expect(fileConditions(config, withSmsOtp("yes"))["sms-otp"]).toBe(false);
  });
});

describe("plan/calls/place-edits.ts", () => {
  const config = loadMinimal({ "obkm:apim.gatewayPort": "8443" }).config;
  const n = names(config);
  const place = (element: string, use: UrlPlace["use"], when?: UrlPlace["when"]): UrlPlace => ({
    side: "km",
    file: "f.xml",
    element,
    use,
    ...(when ? { when } : {}),
  });
  const file = (inner: string) => `<Server>${inner}</Server>`;

  it("re-points a URL's origin, Carbon's placeholders included, and keeps its path and query", () => {
    const source = file(
      "<A>${carbon.protocol}://localhost:${carbon.management.port}/ob/authenticationendpoint/x.do?a=1</A><B> https://obam:8243/token </B>",
    );
    const placed = placeUrls(config, n, [place("/Server/A", { route: "public" }), place("/Server/B", { route: "gateway" })], "f.xml", source, {});
    expect(placed.map((p) => p.after)).toEqual([
      `https://${config.hostname}/ob/authenticationendpoint/x.do?a=1`,
      "https://gw.bank.example:8443/token",
    ]);
    expect(placed.map((p) => p.use)).toEqual([
      { route: "public", path: "/ob/authenticationendpoint/x.do" },
      { route: "gateway", path: "/token" },
    ]);
    expect(placeEdits(placed)).toEqual([
      { kind: "set", path: "/Server/A", value: placed[0].after },
      { kind: "set", path: "/Server/B", value: placed[1].after },
    ]);
  });

  it("replaces the path only where the place says the route serves the resource under another", () => {
    const placed = placeUrls(
      config,
      n,
      [place("/Server/R", { route: "gateway", path: "/revoke" })],
      "f.xml",
      file("<R>https://localhost:9446/oauth2/revoke</R>"),
      {},
    );
    expect(placed[0].after).toBe("https://gw.bank.example:8443/revoke");
  });

  it("leaves an unused place, and a place whose switch is off, as the pack has it, and skips a place the file lacks", () => {
    const source = file("<U>https://localhost:9446/oauth/x</U><S>https://localhost:9446/sms/x.jsp</S>");
    const places = [
      place("/Server/U", { unused: "OAuth 1.0a" }),
      place("/Server/S", { route: "public" }, { condition: "sms-otp", off: "SMSOTP is disabled" }),
      place("/Server/Missing", { route: "public" }),
    ];
    const placed = placeUrls(config, n, places, "f.xml", source, { "sms-otp": false });
    expect(placed.map((p) => [p.after, p.use])).toEqual([
      ["https://localhost:9446/oauth/x", { unused: "OAuth 1.0a" }],
      ["https://localhost:9446/sms/x.jsp", { unused: "SMSOTP is disabled" }],
    ]);
    expect(placeEdits(placed)).toEqual([]);
    // Switched on, the same place is re-pointed.
    expect(placeUrls(config, n, places, "f.xml", source, { "sms-otp": true })[1].after).toBe(`https://${config.hostname}/sms/x.jsp`);
  });

  it("refuses a used place that holds no URL, naming the file and the element", () => {
    expect(() => placeUrls(config, n, [place("/Server/A", { route: "public" })], "f.xml", file("<A>/relative/x.do</A>"), {})).toThrow(
      'f.xml: /Server/A: holds "/relative/x.do", where a URL (scheme://host/path) was expected',
    );
  });

  it("finds the call that serves a URL by its route and whole path elements, and names the URLs none serves", () => {
    expect(callServing(CALLS, "public", "/ob/authenticationendpoint/login.do")?.id).toBe("psu.login-pages");
    expect(callServing(CALLS, "public", "/ob/authenticationendpointx")).toBeUndefined();
    expect(callServing(CALLS, "cluster", "/consent/uk300/accounts-validation")?.id).toBe("gateway.consent-validation");
    const stray = placeUrls(config, n, [place("/Server/A", { route: "public" })], "f.xml", file("<A>https://localhost:9446/myapp/x</A>"), {});
    expect(unservedProblems(stray, CALLS)).toEqual([
      expect.stringMatching(
        /^f\.xml: \/Server\/A: would send its caller to https:\/\/km\.bank\.example\/myapp\/x, a path the public route does not serve \(it serves \/oauth2\/authorize, /,
      ),
    ]);
  });
});

describe("plan/calls/index.ts", () => {
  const config = loadMinimal({}).config;
  const n = names(config);
  const published = (templates: Templates) => pathsOf("public", stackCalls(config, n, templates).calls);

  it("publishes the SMS OTP pages only while the SMSOTP authenticator is enabled", () => {
    expect(published(templatesWith())).toContain("/smsotpauthenticationendpoint");
    expect(published(withSmsOtp("false"))).not.toContain("/smsotpauthenticationendpoint");
  });

  it("publishes the Identity Server's own pages only where a node file sends the browser there, as WSO2's AU set does", () => {
    expect(published(templatesWith())).not.toContain("/authenticationendpoint");
    const identity = readTemplates(undefined, [IDENTITY_XML]).files[IDENTITY_XML];
    const au = templatesWith({
      [IDENTITY_XML]: identity.replace("/ob/authenticationendpoint/oauth2_error.do", "/authenticationendpoint/oauth2_error.do"),
    });
    const calls = stackCalls(config, n, au);
    expect(pathsOf("public", calls.calls)).toContain("/authenticationendpoint");
    // The path stays as the pack has it: only host and port change.
    const error = calls.placed.find((p) => p.place.element.endsWith("/OAuth2ErrorPage"))!;
    expect(error.after).toBe(`https://${config.hostname}/authenticationendpoint/oauth2_error.do`);
  });

  it("refuses a user's file that sends the browser to a path no call publishes, before anything is planned", () => {
    const identity = readTemplates(undefined, [IDENTITY_XML]).files[IDENTITY_XML];
    const odd = templatesWith({ [IDENTITY_XML]: identity.replace("/oidc/logout<", "/my/logout<") });
    expect(() => stackCalls(config, n, odd)).toThrow(
      /identity\/identity\.xml: \/Server\/OAuth\/OIDCLogoutEPUrl: would send its caller to https:\/\/km\.bank\.example\/my\/logout/,
    );
  });
});
