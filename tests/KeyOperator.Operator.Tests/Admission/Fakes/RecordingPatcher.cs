// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Operator.Tests.Admission.Fakes;

/// <summary>Remembers the caBundle as the apiserver would hold it; can be made to fail.</summary>
internal sealed class RecordingPatcher : IWebhookConfigurationPatcher
{
    public string? CaBundle { get; private set; }

    public bool Fail { get; set; }

    public Task EnsureCaBundleAsync(string configurationName, string caBundlePem, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new HttpRequestException("webhook configuration not found");
        }

        CaBundle = caBundlePem;
        return Task.CompletedTask;
    }
}
