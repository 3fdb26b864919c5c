// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.ExternalCredentials;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// Decides the target Secret from what was read and what exists, by the rules that keep consumers working: a key
/// whose remote value was not found keeps its last value until a second sync confirms it (and then only
/// deletionPolicy Delete removes it); a failed read never gets here, so the Secret is never blanked; keepPrevious keeps
/// the old value of a changed key under <c>&lt;key&gt;.previous</c>; a Secret someone else owns is never taken over.
/// </summary>
internal static class TargetSecretPlanner
{
    public static TargetSecretPlan Plan(ExternalCredential credential, V1Secret? existing, RemoteData remote, IReadOnlySet<string> confirmedMissing)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(remote);
        ExternalTargetSpec target = credential.Spec.Target ?? new ExternalTargetSpec();
        CreationPolicy policy = target.CreationPolicy ?? CreationPolicy.Owner;
        string name = credential.ResolveSecretName()!;
        string ns = credential.Metadata.NamespaceProperty!;
        string owner = credential.Metadata.Name!;

        CheckOwnership(credential, existing, policy, ns, name);

        // Synced values, with not-found keys resolved: keep the old value, or drop it once confirmed under Delete.
        Dictionary<string, byte[]> synced = new(remote.Values, StringComparer.Ordinal);
        List<string> deleted = [];
        bool delete = target.DeletionPolicy == ExternalDeletionPolicy.Delete;
        foreach ((string key, string remoteKey) in remote.NotFoundTargets)
        {
            if (delete && confirmedMissing.Contains(remoteKey))
            {
                deleted.Add(key);
            }
            else if (existing?.Data?.TryGetValue(key, out byte[]? last) == true && last is not null)
            {
                synced[key] = last;
            }
        }

        Dictionary<string, byte[]> managed = Render(target.Template, synced);
        Dictionary<string, byte[]> data = policy == CreationPolicy.Merge && existing?.Data is { } current
            ? new Dictionary<string, byte[]>(current, StringComparer.Ordinal)
            : new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string key in deleted)
        {
            data.Remove(key);
            data.Remove(key + ExternalCredentialConstants.PreviousSuffix);
        }

        List<string> managedKeys = [.. managed.Keys];
        foreach ((string key, byte[] value) in managed)
        {
            data[key] = value;
            if (target.KeepPrevious == true)
            {
                string previousKey = key + ExternalCredentialConstants.PreviousSuffix;
                if (existing?.Data?.TryGetValue(key, out byte[]? old) == true && old is not null && !old.AsSpan().SequenceEqual(value))
                {
                    data[previousKey] = old;
                    managedKeys.Add(previousKey);
                }
                else if (existing?.Data?.TryGetValue(previousKey, out byte[]? kept) == true && kept is not null)
                {
                    data[previousKey] = kept;
                    managedKeys.Add(previousKey);
                }
            }
        }

        string type = target.Template?.Type is { Length: > 0 } t ? t : "Opaque";
        if (existing is not null && !string.Equals(existing.Type ?? "Opaque", type, StringComparison.Ordinal))
        {
            throw new SyncFailure(ExternalCredentialReasons.SecretConflict, $"Secret {ns}/{name} has type {existing.Type}, the template asks for {type}; a Secret's type cannot change (delete it to let the operator recreate it)");
        }

        Dictionary<string, string> labels = new(existing?.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach ((string key, string value) in target.Template?.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        labels[ApiKeyConstants.Labels.ManagedBy] = ApiKeyConstants.Labels.ManagedByValue;
        Dictionary<string, string> annotations = new(existing?.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach ((string key, string value) in target.Template?.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            annotations[key] = value;
        }

        annotations[ExternalCredentialConstants.OwnerAnnotation] = owner;

        if (existing is null)
        {
            V1Secret created = new()
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = type,
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = ns,
                    Labels = labels,
                    Annotations = annotations,
                    OwnerReferences = policy == CreationPolicy.Owner ? [OwnerReference(credential)] : null,
                },
                Data = data,
            };
            return new TargetSecretPlan(created, true, data, managedKeys, deleted);
        }

        bool same = SameData(existing.Data, data) && SameMap(existing.Metadata?.Labels, labels) && SameMap(existing.Metadata?.Annotations, annotations);
        if (same)
        {
            return new TargetSecretPlan(null, false, data, managedKeys, deleted);
        }

        V1Secret replaced = new()
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = existing.Type,
            Immutable = existing.Immutable,
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                ResourceVersion = existing.Metadata!.ResourceVersion,
                Uid = existing.Metadata.Uid,
                Labels = labels,
                Annotations = annotations,
                OwnerReferences = existing.Metadata.OwnerReferences,
                Finalizers = existing.Metadata.Finalizers,
            },
            Data = data,
        };
        return new TargetSecretPlan(replaced, false, data, managedKeys, deleted);
    }

    private static void CheckOwnership(ExternalCredential credential, V1Secret? existing, CreationPolicy policy, string ns, string name)
    {
        if (existing is null)
        {
            if (policy == CreationPolicy.Merge)
            {
                throw new SyncFailure(ExternalCredentialReasons.SecretConflict, $"creationPolicy Merge writes into an existing Secret, and {ns}/{name} does not exist");
            }

            return;
        }

        if (policy == CreationPolicy.Merge)
        {
            return;
        }

        string? writer = existing.Metadata?.Annotations?.TryGetValue(ExternalCredentialConstants.OwnerAnnotation, out string? w) == true ? w : null;
        bool ownedByUs = existing.Metadata?.OwnerReferences?.Any(o => o.Uid == credential.Metadata.Uid) == true;
        if (!ownedByUs && !string.Equals(writer, credential.Metadata.Name, StringComparison.Ordinal))
        {
            throw new SyncFailure(ExternalCredentialReasons.SecretConflict, $"Secret {ns}/{name} exists and is not managed by this ExternalCredential; use creationPolicy Merge to write into it, or another target name");
        }

        if (existing.Immutable == true)
        {
            throw new SyncFailure(ExternalCredentialReasons.SecretConflict, $"Secret {ns}/{name} is immutable");
        }
    }

    private static Dictionary<string, byte[]> Render(ExternalTargetTemplateSpec? template, Dictionary<string, byte[]> synced)
    {
        if (template?.Data is not { Count: > 0 } templates)
        {
            return synced;
        }

        Dictionary<string, byte[]> rendered = new(StringComparer.Ordinal);
        foreach ((string key, string text) in templates)
        {
            rendered[key] = SecretTemplateRenderer.Render(key, text, synced);
        }

        return rendered;
    }

    private static V1OwnerReference OwnerReference(ExternalCredential credential) => new()
    {
        ApiVersion = ExternalCredentialConstants.ApiVersion,
        Kind = ExternalCredentialConstants.Kind,
        Name = credential.Metadata.Name,
        Uid = credential.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    private static bool SameData(IDictionary<string, byte[]>? left, Dictionary<string, byte[]> right)
    {
        left ??= new Dictionary<string, byte[]>();
        return left.Count == right.Count && right.All(pair => left.TryGetValue(pair.Key, out byte[]? value) && value.AsSpan().SequenceEqual(pair.Value));
    }

    private static bool SameMap(IDictionary<string, string>? left, Dictionary<string, string> right)
    {
        left ??= new Dictionary<string, string>();
        return left.Count == right.Count && right.All(pair => left.TryGetValue(pair.Key, out string? value) && value == pair.Value);
    }
}
