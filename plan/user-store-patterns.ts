// The patterns the primary user store holds names and passwords to, read from the user-mgt.xml the nodes mount
// and evaluated as Java evaluates them (java-regex.ts). Read in carbon-kernel v4.4.35 (IS 5.7.0's kernel),
// core/org.wso2.carbon.user.core:
//   - AbstractUserStoreManager.checkUserPasswordValid: PasswordJavaRegEx, Matcher.matches() (whole string);
//   - checkUserNameValid: UsernameJavaRegEx, or with EnableEmailUserName (carbon.xml) the store's
//     UsernameWithEmailJavaScriptRegEx (compiled as a Java regex all the same), else UsernameJavaRegEx, else
//     UserCoreConstants.EMAIL_VALIDATION_REGEX;
//   - JDBCUserStoreManager.doAuthenticate checks both before it reads the stored hash, while
//     addInitialAdminData creates the admin through doAddUser, which checks neither: an admin whose name or
//     password breaks the rules is created, and can never log in.
import { ConfigError, fullKey, showValue } from "../config/problems";
import { elementTexts } from "../xml/read";
import type { CredentialPlan } from "./credentials";
import { javaRegex, JavaRegex, UnsupportedJavaRegex } from "../lib/java-regex";
import { USER_MGT_XML } from "./user-store";

/** UserCoreConstants.EMAIL_VALIDATION_REGEX: the user-name pattern with e-mail user names and none of the store's. */
const EMAIL_VALIDATION_REGEX = "^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$";

export interface StorePattern {
  /** Where it comes from, for messages: user-mgt.xml's property, or Carbon's constant. */
  from: string;
  regex: JavaRegex;
}

export interface UserStorePatterns {
  password?: StorePattern;
  username?: StorePattern;
}

/** The patterns of the primary (first) user store in the rendered user-mgt.xml. */
export function userStorePatterns(userMgtXml: string, emailUserNames: boolean): UserStorePatterns {
  // The Realm's UserStoreManager is the primary store (secondary stores have files of their own).
  const property = (name: string): string | undefined =>
    elementTexts(USER_MGT_XML, userMgtXml, `/UserManager/Realm/UserStoreManager/Property[@name='${name}']`)[0] || undefined;
  const pattern = (name: string, regex: string | undefined): StorePattern | undefined => {
    if (regex === undefined) return undefined;
    try {
      return { from: `${USER_MGT_XML}'s ${name} ${regex}`, regex: javaRegex(regex) };
    } catch (error) {
      if (error instanceof UnsupportedJavaRegex) throw new ConfigError([`${USER_MGT_XML}: the user store's ${name} ${error.message}`]);
      throw error;
    }
  };
  const usernamePattern = emailUserNames
    ? (pattern("UsernameWithEmailJavaScriptRegEx", property("UsernameWithEmailJavaScriptRegEx")) ??
      pattern("UsernameJavaRegEx", property("UsernameJavaRegEx")) ?? {
        from: `Carbon's e-mail pattern ${EMAIL_VALIDATION_REGEX}`,
        regex: javaRegex(EMAIL_VALIDATION_REGEX),
      })
    : pattern("UsernameJavaRegEx", property("UsernameJavaRegEx"));
  return { password: pattern("PasswordJavaRegEx", property("PasswordJavaRegEx")), username: usernamePattern };
}

/** The admin's user name against the store's pattern: a name it refuses is refused here, with the pattern. */
export function adminUsernameProblems(patterns: UserStorePatterns, username: string): string[] {
  if (!patterns.username || patterns.username.regex.matches(username)) return [];
  return [
    `${fullKey(["adminUsername"])}: got ${showValue(username)}; expected a name that ${patterns.username.from} accepts, because Carbon refuses every login of a name it does not`,
  ];
}

/** A supplied admin password against the store's pattern; the password itself is never shown. */
export function adminPasswordProblems(patterns: UserStorePatterns, password: string | undefined): string[] {
  if (password === undefined || !patterns.password || patterns.password.regex.matches(password)) return [];
  return [
    `${fullKey(["adminPassword"])}: is refused by ${patterns.password.from}; expected a password it accepts, because Carbon creates the admin with it but refuses every login with it`,
  ];
}

/** How the program generates a password (credentials.ts): its length and the characters each has. */
type PasswordRecipe = CredentialPlan["recipe"];

/**
 * The longest generated admin password, at most the recipe's length and at least 12, whose every sample the
 * store's pattern accepts: samples with the recipe's fewest digits, capitals, lower-case letters and specials,
 * and with each special character. None: the pattern wants what the program does not generate.
 */
export function generatedAdminLength(patterns: UserStorePatterns, recipe: PasswordRecipe): number | undefined {
  const pattern = patterns.password;
  if (!pattern) return recipe.length;
  for (let length = recipe.length; length >= 12; length--) {
    if (passwordSamples(recipe, length).every((sample) => pattern.regex.matches(sample))) return length;
  }
  return undefined;
}

function passwordSamples(recipe: PasswordRecipe, length: number): string[] {
  const fill = (head: string, pad: string) => (head + pad.repeat(length)).slice(0, length);
  const minimal = "a".repeat(recipe.minLower) + "A".repeat(recipe.minUpper) + "7".repeat(recipe.minNumeric);
  return [
    fill(minimal, "x"),
    fill(minimal, "Q"),
    fill(minimal, "4"),
    ...[...recipe.overrideSpecial].map((special) => fill(minimal, special)),
    fill(minimal + recipe.overrideSpecial, "m"),
  ];
}

/** The generated admin password's length, or the problem when the pattern accepts none. */
export function adminLengthOrProblem(patterns: UserStorePatterns, recipe: PasswordRecipe): number {
  const length = generatedAdminLength(patterns, recipe);
  if (length !== undefined) return length;
  throw new ConfigError([
    `${fullKey(["adminPassword"])}: is empty, and ${patterns.password!.from} accepts none of the passwords obkm generates (12 to ${recipe.length} letters, digits and ${recipe.overrideSpecial}); expected a password it accepts (pulumi config set --secret adminPassword ...)`,
  ]);
}
