// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>Builds request paths from mount and key names, escaping each segment and refusing ones that would change the route.</summary>
internal static class VaultPaths
{
    /// <summary>A mount or auth path: slashes at either end are dropped (<c>secret/</c> is how Vault lists it).</summary>
    /// <param name="mount">The mount.</param>
    /// <param name="what">What it is, for the message.</param>
    /// <returns>The escaped path.</returns>
    public static string Mount(string mount, string what) => Escape(mount.Trim('/'), what);

    /// <summary>A key below a mount, such as <c>app/db</c>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The escaped path.</returns>
    public static string Key(string key) => Escape(key.Trim('/'), "key");

    private static string Escape(string path, string what)
    {
        string[] segments = path.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            // "." and ".." would be resolved by the URI and read another path than the one named; empty ones are a typo.
            if (segments[i] is "" or "." or "..")
            {
                throw new ProviderException(ProviderFailure.InvalidRequest, $"Vault {what} '{path}' has an empty, '.' or '..' segment");
            }

            segments[i] = Uri.EscapeDataString(segments[i]);
        }

        return string.Join('/', segments);
    }
}
