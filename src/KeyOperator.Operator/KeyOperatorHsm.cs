// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using KeyOperator.Hsm;
using KeyOperator.Operator.Hsm;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Operator;

/// <summary>The HSM verbs of the executable (<c>key-operator hsm init-master</c>), over the same settings file the operator reads.</summary>
public static class KeyOperatorHsm
{
    /// <summary>
    /// Generates a master key inside the HSM named <paramref name="hsm"/> in <paramref name="configFile"/>: a generic
    /// secret of <paramref name="bytes"/> bytes, sensitive, not extractable, usable only for sign/verify (HMAC).
    /// Refuses when the label is taken, so an existing master (and every key derived from it) is never replaced.
    /// </summary>
    /// <param name="configFile">The <c>--hsm-config</c> file.</param>
    /// <param name="hsm">The HSM's name in it.</param>
    /// <param name="label">The master key's label (what ApiKeys name in spec.source.hsm.masterKeyLabel).</param>
    /// <param name="bytes">Key size; at least 32 (SoftHSM refuses shorter HMAC keys).</param>
    /// <param name="pin">The token's user PIN; cleared when this returns.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Null on success, else an error message without the PIN.</returns>
    public static async Task<string?> InitMasterAsync(string configFile, string hsm, string label, int bytes, byte[] pin, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(configFile);
        ArgumentException.ThrowIfNullOrEmpty(hsm);
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(pin);
        try
        {
            HsmSettings settings = HsmCatalog.Load(configFile);
            HsmDefinition definition = settings.Find(hsm)
                ?? throw new HsmException(HsmFailure.NotConfigured, null, $"no HSM named \"{hsm}\" in {configFile} (configured: {string.Join(", ", settings.Hsms.Select(h => h.Name))})");
            using var registry = new HsmRegistry([definition.ToModuleConfig()], new FixedPin(pin), new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger<HsmRegistry>.Instance);
            await registry.CreateMasterKeyAsync(hsm, label, bytes, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (HsmException ex)
        {
            return ex.Message;
        }
        catch (HsmConfigException ex)
        {
            return ex.Message;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }
    }

    private sealed class FixedPin(byte[] pin) : IHsmPinSource
    {
        public ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken) => ValueTask.FromResult(pin.ToArray());
    }
}
