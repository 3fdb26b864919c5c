// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator;
using KeyOperator.Operator.Admission;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Controllers;
using Microsoft.Extensions.Options;

namespace KeyOperator.Cli;

/// <summary>
/// Turns the options failures of a host start into lines that name <c>run</c>'s flags: the validators speak of option
/// members (they serve every host), a user of the command knows only its flags.
/// </summary>
internal static class StartupValidation
{
    private static readonly (Type Options, string Member, string Flag)[] s_flags =
    [
        (typeof(KubernetesClientOptions), nameof(KubernetesClientOptions.Qps), "--kube-api-qps"),
        (typeof(KubernetesClientOptions), nameof(KubernetesClientOptions.Burst), "--kube-api-burst"),
        (typeof(KeyOperatorControllerOptions), nameof(KeyOperatorControllerOptions.ApiKeyWorkers), "--workers"),
        (typeof(ControllerOptions), nameof(ControllerOptions.Workers), "--workers"),
        (typeof(AdmissionOptions), nameof(AdmissionOptions.Port), "--webhook-port"),
        (typeof(AdmissionOptions), nameof(AdmissionOptions.CertificateFile), "--webhook-cert-file"),
        (typeof(AdmissionOptions), nameof(AdmissionOptions.PrivateKeyFile), "--webhook-key-file"),
        (typeof(KeyOperator.Operator.Hsm.HsmOptions), nameof(KeyOperator.Operator.Hsm.HsmOptions.ConfigFile), "--hsm-config"),
    ];

    /// <summary>One line per failure, prefixed with the flags it concerns; empty when <paramref name="exception"/> is no options failure.</summary>
    public static IReadOnlyList<string> Failures(Exception exception)
    {
        List<OptionsValidationException> failed = exception switch
        {
            OptionsValidationException single => [single],
            AggregateException aggregate when aggregate.InnerExceptions.All(static e => e is OptionsValidationException) =>
                [.. aggregate.InnerExceptions.Cast<OptionsValidationException>()],
            _ => [],
        };
        return [.. failed.SelectMany(static e => e.Failures.Select(f => Describe(e.OptionsType, f))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Writes each failure to standard error and returns exit code 2, as for any unusable command line.</summary>
    public static async Task<int> ReportAsync(IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        foreach (string failure in failures)
        {
            await Console.Error.WriteLineAsync("error: " + failure).ConfigureAwait(false);
        }

        return 2;
    }

    private static string Describe(Type options, string failure)
    {
        string[] flags = [.. s_flags.Where(f => f.Options == options && ContainsWord(failure, f.Member)).Select(static f => f.Flag).Distinct(StringComparer.Ordinal)];
        return flags.Length == 0 ? failure : $"{string.Join(", ", flags)}: {failure}";
    }

    // Whole words only: "Burst" must not match "SpamBurst".
    private static bool ContainsWord(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            bool startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            int end = at + word.Length;
            if (startsWord && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}
