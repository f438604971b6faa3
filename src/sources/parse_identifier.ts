/** An identifier split into the profile that serves it and the name within that profile. */
export interface ProfileAndName {
  readonly profile: string;
  readonly name: string;
}

/**
 * Splits `<profile>:<name>`. An identifier whose prefix is not a known profile, or that has no
 * colon, belongs to `defaultProfile` whole (so names may contain colons there).
 *
 * @param identifier The percent-decoded identifier.
 * @param options `profiles`: the configured profile names; `defaultProfile`: or null.
 * @returns The profile and name, or `undefined` when no profile can serve it.
 */
export function parseIdentifier(
  identifier: string,
  options: { profiles: ReadonlySet<string>; defaultProfile: string | null },
): ProfileAndName | undefined {
  const colon = identifier.indexOf(":");
  if (colon > 0) {
    const profile = identifier.slice(0, colon);
    const name = identifier.slice(colon + 1);
    if (options.profiles.has(profile) && name !== "") return { profile, name };
  }
  if (options.defaultProfile === null || identifier === "") return undefined;
  return { profile: options.defaultProfile, name: identifier };
}
