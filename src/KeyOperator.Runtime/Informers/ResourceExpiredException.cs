// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// 410 Gone (reason Expired or Gone): the requested resourceVersion or continue token is older than the server's
/// history. The informer answers with a fresh consistent LIST (client-go tools/cache/reflector.go isExpiredError).
/// </summary>
public sealed class ResourceExpiredException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ResourceExpiredException()
        : base("The resourceVersion is too old (410 Gone).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ResourceExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public ResourceExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
