// The texts a render shows in place of a value it must not or cannot show. Apart from redact.ts, which
// loads the Pulumi SDK to recognise the values it marked secret, so that what only needs the marker (a test
// asserting it stands where a password was) does not load the SDK too, about a CPU-second and a half.

/** Safe in YAML (quoted), in XML text and in a shell word, so a redacted file still parses. */
export const REDACTED = "[redacted]";

/** What a preview render shows where `pulumi preview` shows a value it cannot know yet; no secret, though a secret may be unknown. */
export const UNKNOWN_IN_PREVIEW = "[unknown until pulumi up]";
