// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>Parameters of one LIST page.</summary>
/// <param name="Limit">Page size (<c>limit</c>).</param>
/// <param name="Continue">Continue token of the previous page, or null for the first page.</param>
/// <param name="ResourceVersion">resourceVersion of the first page: "0" (any, from the watch cache), "" (consistent read) or a version; null with a continue token.</param>
/// <param name="LabelSelector">labelSelector, or null for all objects.</param>
public sealed record ListRequest(int? Limit, string? Continue, string? ResourceVersion, string? LabelSelector);
