// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// Reads and parses the settings file at start, so that a bad file stops the operator before it reaches the API
/// server, with the line and field (<c>key-operator run</c> prints it after <c>--hsm-config:</c> and exits 2).
/// </summary>
internal sealed class HsmOptionsValidator : IValidateOptions<HsmOptions>
{
    public ValidateOptionsResult Validate(string? name, HsmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.PinNamespace))
        {
            return ValidateOptionsResult.Fail($"{nameof(HsmOptions.PinNamespace)}: required");
        }

        try
        {
            _ = HsmCatalog.Load(options.ConfigFile);
            return ValidateOptionsResult.Success;
        }
        catch (HsmConfigException ex)
        {
            return ValidateOptionsResult.Fail($"{nameof(HsmOptions.ConfigFile)} {options.ConfigFile}: {ex.Message}");
        }
    }
}
