// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>A kubeconfig (or in-cluster environment) is missing, malformed, or names something that does not exist.</summary>
public sealed class KubeconfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the context, cluster or user concerned.</param>
    public KubeconfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
