// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>Seam: puts the trusted CA bundle into every webhook of the operator's ValidatingWebhookConfiguration.</summary>
internal interface IWebhookConfigurationPatcher
{
    /// <summary>
    /// Sets <c>webhooks[*].clientConfig.caBundle</c> to <paramref name="caBundlePem"/> (PEM; base64-encoded on the wire).
    /// Called on every refresh by every replica, so it must be idempotent and should write only when the value differs.
    /// </summary>
    Task EnsureCaBundleAsync(string configurationName, string caBundlePem, CancellationToken cancellationToken);
}
