// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// The layout of a managed Secret's data: the current value under the format's keys, the previous, still-valid value
/// under the same keys plus <c>.previous</c>, and for key pairs a <c>jwks.json</c> listing every valid public key
/// (current first) so that verifiers accept both during the grace period.
/// </summary>
internal static class SecretDataLayout
{
    /// <summary>
    /// The data after a rotation to <paramref name="current"/>, keeping <paramref name="previous"/> as the previous value.
    /// The arrays are shared with the inputs: write the Secret before disposing <paramref name="current"/>.
    /// </summary>
    /// <param name="current">The new key.</param>
    /// <param name="previous">The Secret's data before the rotation (its <c>.previous</c> entries are dropped), or null for none.</param>
    /// <returns>The new data.</returns>
    public static Dictionary<string, byte[]> Compose(GeneratedKey current, IReadOnlyDictionary<string, byte[]>? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        var data = new Dictionary<string, byte[]>(current.Data, StringComparer.Ordinal);
        if (previous is not null)
        {
            foreach ((string key, byte[] value) in previous)
            {
                if (!IsPrevious(key) && key != ApiKeyConstants.DataKeys.Jwks)
                {
                    data[key + ApiKeyConstants.DataKeys.PreviousSuffix] = value;
                }
            }
        }

        RebuildJwks(data);
        return data;
    }

    /// <summary>The data without the previous value: what remains when the grace period ends or is revoked.</summary>
    /// <param name="data">The Secret's data.</param>
    /// <returns>The data with only the current value (and a JWKS of the current public key).</returns>
    public static Dictionary<string, byte[]> WithoutPrevious(IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach ((string key, byte[] value) in data)
        {
            if (!IsPrevious(key))
            {
                result[key] = value;
            }
        }

        RebuildJwks(result);
        return result;
    }

    /// <summary>True for the data key of a previous value, such as <c>token.previous</c>.</summary>
    /// <param name="key">A data key.</param>
    /// <returns>Whether it holds a previous value.</returns>
    public static bool IsPrevious(string key) =>
        key?.EndsWith(ApiKeyConstants.DataKeys.PreviousSuffix, StringComparison.Ordinal) ?? throw new ArgumentNullException(nameof(key));

    private static void RebuildJwks(Dictionary<string, byte[]> data)
    {
        const string PreviousPublic = ApiKeyConstants.DataKeys.PublicPem + ApiKeyConstants.DataKeys.PreviousSuffix;
        if (!data.TryGetValue(ApiKeyConstants.DataKeys.PublicPem, out byte[]? currentPublic))
        {
            return;
        }

        var keys = new List<JsonObject> { JsonWebKeys.FromPublicKeyPem(Encoding.ASCII.GetString(currentPublic)) };
        if (data.TryGetValue(PreviousPublic, out byte[]? previousPublic))
        {
            keys.Add(JsonWebKeys.FromPublicKeyPem(Encoding.ASCII.GetString(previousPublic)));
        }

        data[ApiKeyConstants.DataKeys.Jwks] = JwkSet.Serialize(keys);
    }
}
