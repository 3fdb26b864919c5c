// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Hsm;
using KeyOperator.Operator.Controllers.Ports;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// Reads each HSM's PIN from its pinSecretRef in the operator's own namespace, through the operator's Secret port, at
/// each login (so a changed Secret is used after the next lost login without a restart). Errors name the Secret and
/// key, never the value.
/// </summary>
internal sealed class SecretHsmPinSource(HsmCatalog catalog, ISecretStore secrets) : IHsmPinSource
{
    public async ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken)
    {
        HsmDefinition definition = catalog.Settings.Find(hsm)
            ?? throw new HsmException(HsmFailure.NotConfigured, null, $"no HSM named \"{hsm}\" is configured");
        HsmPinSecretRef reference = definition.PinSecretRef;
        string where = $"{catalog.PinNamespace}/{reference.Name}";

        // From the server: the Secret informer sees only the operator's own labelled Secrets, and this one is the cluster operator's.
        V1Secret? secret = await secrets.GetAsync(catalog.PinNamespace, reference.Name, ReadFrom.Server, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{hsm}\": PIN Secret {where} does not exist");
        }

        if (secret.Data?.TryGetValue(reference.Key, out byte[]? pin) != true || pin is not { Length: > 0 })
        {
            throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{hsm}\": PIN Secret {where} has no key \"{reference.Key}\"");
        }

        // A trailing newline (echo without -n into kubectl create secret --from-file) is not part of a PIN.
        int length = pin.Length;
        while (length > 0 && pin[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        return pin[..length];
    }
}
