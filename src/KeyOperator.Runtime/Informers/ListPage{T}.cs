// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>One LIST page.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Items">The objects of this page.</param>
/// <param name="ResourceVersion">metadata.resourceVersion of the list: the version to watch from.</param>
/// <param name="Continue">metadata.continue, or null/empty on the last page.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
