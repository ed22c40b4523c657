// The call map (flows/calls.ts) and what the plan derives from it: each route's origin, the Ingress paths,
// the NetworkPolicy, and the URL each node file names.
import { origin, routeEnds, routeOrigin } from "../plan/calls/origins";
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
