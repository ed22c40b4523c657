// Where the KM's finance/open-banking.xml holds URLs, and what each is for, in the style of places.ts: every
// URL-valued element of the sections the program edits, read in WSO2's OB 1.4 sets (wso2/docker-open-banking
// 1.4.x docker-compose/obam-with-obkm/obkm/{uk,berlin,au}/repository/conf/finance/open-banking.xml; the three
// sets hold the same URL elements, each under the same path). The file's hosts are WSO2's set-ups' (obam,
// obkm, localhost, obbi); plan/open-banking.ts points each at its route's origin by the port it names (8243
// the gateway, 9443 and 9763 the API Manager's services, 9446 the KM's public URL), and plan/bi-server.ts
// the BI server's (7612, 8007, 8006) at biServer.host.
//
// The OB directory's JWKS (the call map's km.directory-jwks) has no place here: open-banking.xml's
// OBIdentityRetriever/JWKS-Retriever holds only timeouts, and the KM reads the JWKS URL from each TPP's
// software statement.
import type { Condition } from "./calls";
import type { PlaceUse, UrlPlace } from "./places";

export const OPEN_BANKING_XML = "finance/open-banking.xml";

const S = "/Server";
const place = (element: string, use: PlaceUse, when?: UrlPlace["when"]): UrlPlace => ({
  side: "km",
  file: OPEN_BANKING_XML,
  element: `${S}${element}`,
  use,
  ...(when ? { when } : {}),
});

/** A BI URL: used only while its switch is on (the switches are WSO2's, all false in the pack). */
const bi = (element: string, condition: Condition, off: string) => place(`/BIServer${element}`, { route: "bi-server" }, { condition, off });

/** Every place the KM's open-banking.xml holds a URL, in the file's order. */
export const KM_OPEN_BANKING_PLACES: readonly UrlPlace[] = [
  // The event notifications the KM sends TPPs point them at the gateway's notification API.
  place("/EventNotifications/NotificationAPIUrl", { route: "gateway" }),
  // The consent page's account lists: the bank's back end, behind the API Manager's servlet transport (9763).
  place("/PayableAccountsRetrieveEndpoint", { route: "apim-services" }),
  place("/SharableAccountsRetrieveEndpoint", { route: "apim-services" }),
  // Berlin Group: the discovery document, named to TPPs, is the gateway's.
  place("/Berlin/SCA/OAuthMetadataEndpoint", { route: "gateway" }),
  // Berlin Group's four SCA links (https://obkm:9446 in the sets): the links of the Embedded and Decoupled SCA
  // approaches. OB 1.4 supports only the Redirect approach, which Berlin/SCA/SelectedSCAApproach names (WSO2's
  // OB 1.4 docs, "Configuring the Open-Banking.xml File for Berlin", item 2: "Currently, the solution supports
  // only the Redirect approach"); the program still points their origin at the KM's public host.
  ...["UpdatePSUIdentification", "UpdatePSUAuthentication", "SelectAuthenticationMethod", "AuthorizeTransaction"].map((link) =>
    place(`/Berlin/SCA/${link}`, {
      unused:
        "a link of the Embedded or Decoupled SCA approach, which OB 1.4 does not support: Berlin/SCA/SelectedSCAApproach stays REDIRECT, whose redirects are identity.xml's and application-authentication.xml's pages",
    }),
  ),
  // Berlin's accounts endpoint (https://localhost:9443 in the sets): the API Manager's services.
  place("/Berlin/AccountsRetrieveEndpoint", { route: "apim-services" }),
  // Berlin's self links, given to TPPs in responses: the gateway's API URLs.
  place("/Berlin/AccountConsentSelfLink", { route: "gateway" }),
  place("/Berlin/PaymentResourceSelfLink", { route: "gateway" }),
  // The UK APIs' base URLs, in self links and notifications: the gateway's.
  place("/UK/PaymentAPIURL", { route: "gateway" }),
  place("/UK/AccountAPIURL", { route: "gateway" }),
  place("/UK/FundsConfirmationAPIURL", { route: "gateway" }),
  place("/UK/ErrorURL", {
    unused: "empty in WSO2's sets: a link to details of an error, which responses carry only when the bank fills it in",
  }),
  // STET: the authorisation endpoint TPPs send the PSU to (the gateway's /authorize), and its accounts endpoint.
  place("/STET/SCA/AuthorizationEndpoint", { route: "gateway" }),
  place("/STET/AccountsRetrieveEndpoint", { route: "apim-services" }),
  // The BI server: data publishing (Thrift, in the data agent's URL set braces), TRA and fraud detection.
  bi("/DataPublishing/ServerURL", "bi-data-publishing", "BIServer/DataPublishing/Enabled is false"),
  bi("/TRA/Receivers/TRAAccountValidationURL", "bi-tra", "BIServer/TRA/IsEnabled is false"),
  bi("/TRA/Receivers/TRAPaymentValidationURL", "bi-tra", "BIServer/TRA/IsEnabled is false"),
  bi("/FraudDetection/Receivers/FraudDetectionURL", "bi-fraud-detection", "BIServer/FraudDetection/IsEnabled is false"),
  bi("/FraudDetection/Receivers/InvalidSubmissionURL", "bi-fraud-detection", "BIServer/FraudDetection/IsEnabled is false"),
];
