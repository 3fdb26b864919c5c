// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>A policy fixed at start-up: read once from <c>--policy-file</c>, or empty when no file is given.</summary>
internal sealed class StaticAdmissionPolicyProvider(AdmissionPolicy policy) : IAdmissionPolicyProvider
{
    public AdmissionPolicy Current { get; } = policy;

    /// <summary>Reads and parses the file; a bad file throws <see cref="PolicyFileException"/> so start-up fails loudly.</summary>
    public static StaticAdmissionPolicyProvider FromFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new StaticAdmissionPolicyProvider(AdmissionPolicy.Empty);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new PolicyFileException($"policy file {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PolicyFileException($"policy file {path}: {ex.Message}", ex);
        }

        return new StaticAdmissionPolicyProvider(PolicyFileParser.Parse(text));
    }
}
