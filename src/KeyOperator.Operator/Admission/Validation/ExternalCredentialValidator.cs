// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// ExternalCredential rules beyond the CRD schema, each denial naming the field: exactly one provider block and one
/// auth method with their required fields, https:// endpoints (plain http only when the policy's
/// allowInsecureProviderEndpoints allows it, then with a warning), parseable caBundles, ARN and URL shapes, at least one
/// value to sync, a parseable refreshInterval, and templates that use nothing but <c>{{ .key }}</c>.
/// </summary>
internal sealed partial class ExternalCredentialValidator : IAdmissionValidator
{
    private static readonly string[] s_providers = ["vault", "awsSecretsManager", "azureKeyVault"];

    public string Group => AdmissionKinds.Group;

    public string Version => AdmissionKinds.Version;

    public string Kind => AdmissionKinds.ExternalCredential;

    public ValueTask ValidateAsync(AdmissionContext context, JsonObject obj, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(findings);
        JsonObject spec = JsonFields.Object(obj, "spec", "spec", findings) ?? [];
        bool insecure = context.Policy.AllowInsecureProviderEndpoints;
        CheckProvider(spec, insecure, findings);
        CheckData(spec, findings);
        CheckRefresh(spec, findings);
        CheckTemplate(spec, findings);
        return ValueTask.CompletedTask;
    }

    private static void CheckProvider(JsonObject spec, bool insecure, AdmissionFindings findings)
    {
        JsonObject? provider = JsonFields.Object(spec, "provider", "spec.provider", findings);
        if (provider is null)
        {
            findings.Deny("spec.provider", "is required: one of vault, awsSecretsManager, azureKeyVault", "rule oneProvider");
            return;
        }

        string[] present = [.. s_providers.Where(p => JsonFields.IsPresent(provider, p))];
        if (present.Length != 1)
        {
            findings.Deny("spec.provider", $"exactly one of {string.Join(", ", s_providers)} must be set, found {(present.Length == 0 ? "none" : string.Join(" and ", present))}", "rule oneProvider");
            return;
        }

        string path = "spec.provider." + present[0];
        JsonObject block = JsonFields.Object(provider, present[0], path, findings) ?? [];
        switch (present[0])
        {
            case "vault":
                Url(block, "server", path, insecure, required: true, findings);
                CaBundle(block, path, findings);
                Auth(block, path, findings, ("tokenSecretRef", ["name", "key"]), ("appRole", ["roleId", "secretRef"]), ("kubernetes", ["role", "serviceAccountRef"]));
                break;
            case "awsSecretsManager":
                Required(block, "region", path, findings);
                Url(block, "endpoint", path, insecure, required: false, findings);
                Url(block, "stsEndpoint", path, insecure, required: false, findings);
                CaBundle(block, path, findings);
                string? role = JsonFields.String(block, "role", path + ".role", findings);
                if (role is { Length: > 0 } && !RoleArn().IsMatch(role))
                {
                    findings.Deny(path + ".role", $"\"{role}\" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)", "rule roleArn");
                }

                Auth(block, path, findings, ("secretRef", ["accessKeyIDSecretRef", "secretAccessKeySecretRef"]), ("jwt", ["serviceAccountRef"]));
                if (block["auth"] is JsonObject { } auth && auth["jwt"] is not null && string.IsNullOrEmpty(role))
                {
                    findings.Deny(path + ".role", "is required with auth.jwt: web identity assumes this role", "rule webIdentityRole");
                }

                break;
            case "azureKeyVault":
                Url(block, "vaultUrl", path, insecure, required: true, findings);
                Url(block, "authorityHost", path, insecure, required: false, findings);
                Required(block, "tenantId", path, findings);
                CaBundle(block, path, findings);
                Auth(block, path, findings, ("clientSecret", ["clientId", "secretRef"]), ("workloadIdentity", ["clientId", "serviceAccountRef"]));
                break;
        }
    }

    private static void Auth(JsonObject block, string path, AdmissionFindings findings, params (string Method, string[] Required)[] methods)
    {
        string authPath = path + ".auth";
        JsonObject? auth = JsonFields.Object(block, "auth", authPath, findings);
        if (auth is null)
        {
            findings.Deny(authPath, $"is required: one of {string.Join(", ", methods.Select(m => m.Method))}", "rule oneAuth");
            return;
        }

        (string Method, string[] Required)[] present = [.. methods.Where(m => JsonFields.IsPresent(auth, m.Method))];
        if (present.Length != 1)
        {
            findings.Deny(authPath, $"exactly one of {string.Join(", ", methods.Select(m => m.Method))} must be set, found {(present.Length == 0 ? "none" : string.Join(" and ", present.Select(m => m.Method)))}", "rule oneAuth");
            return;
        }

        string methodPath = authPath + "." + present[0].Method;
        JsonObject method = JsonFields.Object(auth, present[0].Method, methodPath, findings) ?? [];
        foreach (string field in present[0].Required)
        {
            if (method[field] is null)
            {
                findings.Deny(methodPath + "." + field, "is required", "rule authFields");
            }
        }
    }

    private static void Required(JsonObject block, string field, string path, AdmissionFindings findings)
    {
        if (string.IsNullOrEmpty(JsonFields.String(block, field, path + "." + field, findings)))
        {
            findings.Deny(path + "." + field, "is required", "rule required");
        }
    }

    private static void Url(JsonObject block, string field, string path, bool insecure, bool required, AdmissionFindings findings)
    {
        string fieldPath = path + "." + field;
        string? text = JsonFields.String(block, field, fieldPath, findings);
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                findings.Deny(fieldPath, "is required", "rule required");
            }

            return;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            findings.Deny(fieldPath, $"\"{text}\" is not an absolute https:// URL without credentials, query or fragment", "rule url");
        }
        else if (uri.Scheme == "http" && !insecure)
        {
            findings.Deny(fieldPath, $"\"{text}\" is plain http; store endpoints must be https:// (the admission policy's allowInsecureProviderEndpoints allows http)", "policy allowInsecureProviderEndpoints");
        }
        else if (uri.Scheme == "http")
        {
            findings.Warn(fieldPath, $"\"{text}\" is plain http: credentials and secret values cross the network unencrypted", "policy allowInsecureProviderEndpoints");
        }
    }

    private static void CaBundle(JsonObject block, string path, AdmissionFindings findings)
    {
        string fieldPath = path + ".caBundle";
        string? text = JsonFields.String(block, "caBundle", fieldPath, findings);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        try
        {
            X509Certificate2Collection certificates = [];
            certificates.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            if (certificates.Count == 0)
            {
                findings.Deny(fieldPath, "holds no PEM certificate", "rule caBundle");
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            findings.Deny(fieldPath, "must be base64-encoded PEM certificates", "rule caBundle");
        }
    }

    private static void CheckData(JsonObject spec, AdmissionFindings findings)
    {
        JsonArray data = JsonFields.Array(spec, "data", "spec.data", findings) ?? [];
        JsonArray dataFrom = JsonFields.Array(spec, "dataFrom", "spec.dataFrom", findings) ?? [];
        if (data.Count + dataFrom.Count == 0)
        {
            findings.Deny("spec.data", "spec.data or spec.dataFrom must name at least one remote value", "rule someData");
        }

        HashSet<string> keys = new(StringComparer.Ordinal);
        for (int i = 0; i < data.Count; i++)
        {
            string path = $"spec.data[{i}]";
            if (data[i] is not JsonObject item)
            {
                continue;
            }

            string? key = JsonFields.String(item, "secretKey", path + ".secretKey", findings);
            if (key is { Length: > 0 } && !keys.Add(key))
            {
                findings.Deny(path + ".secretKey", $"\"{key}\" is already used by another entry", "rule uniqueSecretKey");
            }

            if (key is { Length: > 0 } && key.EndsWith(".previous", StringComparison.Ordinal))
            {
                findings.Deny(path + ".secretKey", $"\"{key}\" ends with .previous, which keepPrevious reserves", "rule reservedSuffix");
            }
        }
    }

    private static void CheckRefresh(JsonObject spec, AdmissionFindings findings)
    {
        string? text = JsonFields.String(spec, "refreshInterval", "spec.refreshInterval", findings);
        if (text is { Length: > 0 } && !GoDuration.TryParse(text, out _, out string? error))
        {
            findings.Deny("spec.refreshInterval", error, "rule duration");
        }
    }

    private static void CheckTemplate(JsonObject spec, AdmissionFindings findings)
    {
        if (spec["target"] is not JsonObject target || target["template"] is not JsonObject template || template["data"] is not JsonObject data)
        {
            return;
        }

        foreach ((string key, JsonNode? value) in data)
        {
            string path = $"spec.target.template.data.{key}";
            string text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : string.Empty;
            string rest = Placeholder().Replace(text, string.Empty);
            if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
            {
                findings.Deny(path, "templates support only {{ .key }} substitution (no functions, pipelines or lookups)", "rule templateSubstitutionOnly");
            }
        }
    }

    [GeneratedRegex(@"\{\{\s*\.[-._a-zA-Z0-9]+\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
