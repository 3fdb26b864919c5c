// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Hsm;

/// <summary>The configured HSMs, read once from <see cref="HsmOptions.ConfigFile"/> (validated before anything resolves this).</summary>
internal sealed class HsmCatalog
{
    /// <summary>Namespaces carry this label with their own name (Kubernetes sets it), so a selector on it works even if labels cannot be read.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private readonly Lazy<HsmSettings> _settings;

    public HsmCatalog(IOptions<HsmOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = new Lazy<HsmSettings>(() => Load(options.Value.ConfigFile));
        PinNamespace = options.Value.PinNamespace;
    }

    /// <summary>A catalog of given settings (tests).</summary>
    internal HsmCatalog(HsmSettings settings, string pinNamespace)
    {
        _settings = new Lazy<HsmSettings>(settings);
        PinNamespace = pinNamespace;
    }

    public HsmSettings Settings => _settings.Value;

    public string PinNamespace { get; }

    /// <summary>Reads and parses a settings file; null or empty path means no HSM.</summary>
    /// <exception cref="HsmConfigException">Unreadable or invalid.</exception>
    public static HsmSettings Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return HsmSettings.Empty;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HsmConfigException($"hsm config: cannot read {path}: {ex.Message}", ex);
        }

        return HsmSettingsParser.Parse(text);
    }

    /// <summary>
    /// Whether an ApiKey in <paramref name="namespace"/> may use <paramref name="hsm"/>: null when it may, else the
    /// reason (for the admission denial and the HsmNotAllowed condition; never more than names).
    /// </summary>
    public string? Refusal(HsmSourceSpec hsm, string @namespace, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        ArgumentNullException.ThrowIfNull(hsm);
        HsmDefinition? definition = Settings.Find(hsm.Name);
        if (definition is null)
        {
            string known = Settings.Hsms.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", Settings.Hsms.Select(h => h.Name));
            return $"no HSM named \"{hsm.Name}\" is configured ({known})";
        }

        IReadOnlyDictionary<string, string> labels = namespaceLabels ?? new Dictionary<string, string> { [NamespaceNameLabel] = @namespace };
        return definition.NamespaceSelector.Matches(labels)
            ? null
            : $"HSM \"{hsm.Name}\" is not available to namespace \"{@namespace}\" (its namespaceSelector does not match)";
    }
}
