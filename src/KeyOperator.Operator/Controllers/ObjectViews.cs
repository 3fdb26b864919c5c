// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;

namespace KeyOperator.Operator.Controllers;

/// <summary>
/// Read-only views of the library's mutable models, in the shapes the key logic takes (it predates the library and
/// never changes what it reads).
/// </summary>
internal static class ObjectViews
{
    private static readonly Dictionary<string, string> NoStrings = new(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Annotations(V1ObjectMeta? metadata) => ReadOnly(metadata?.Annotations) ?? NoStrings;

    public static IReadOnlyDictionary<string, string> Labels(V1ObjectMeta? metadata) => ReadOnly(metadata?.Labels) ?? NoStrings;

    public static IReadOnlyDictionary<string, byte[]>? Data(V1Secret? secret) => ReadOnly(secret?.Data);

    public static IReadOnlyDictionary<string, string>? Data(V1ConfigMap? configMap) => ReadOnly(configMap?.Data);

    /// <summary>The library reads meta/v1 Time as a UTC DateTime; the key logic works in DateTimeOffset.</summary>
    public static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static IReadOnlyDictionary<TKey, TValue>? ReadOnly<TKey, TValue>(IDictionary<TKey, TValue>? dictionary)
        where TKey : notnull => dictionary switch
    {
        null => null,
        IReadOnlyDictionary<TKey, TValue> readOnly => readOnly,
        _ => new Dictionary<TKey, TValue>(dictionary),
    };
}
