// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Hooks;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>
/// Calls the validating webhooks of every stored ValidatingWebhookConfiguration whose rules and selectors match a
/// write, in parallel, as <c>k8s.io/apiserver/pkg/admission/plugin/webhook/validating/dispatcher.go</c> does: the first
/// denial (in configuration-name order) wins, warnings of every webhook are passed through, and failurePolicy decides
/// what a failed call means.
/// </summary>
internal sealed class ValidatingWebhookDispatcher(ObjectStore store, ResourceRegistry registry, Func<WebhookServiceReference, Uri?>? serviceResolver)
    : IAdmissionValidator
{
    private static readonly ResourceKey s_configurations = new("admissionregistration.k8s.io", "validatingwebhookconfigurations");
    private static readonly ResourceKey s_namespaces = new(string.Empty, "namespaces");

    public async ValueTask ValidateAsync(AdmissionAttributes request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsExempt(request.Descriptor))
        {
            return;
        }

        var calls = SelectCalls(request);
        if (calls.Count == 0)
        {
            return;
        }

        var outcomes = await Task.WhenAll(calls.Select(c => CallAsync(c.Hook, c.As, request, cancellationToken))).ConfigureAwait(false);
        request.Warnings.AddRange(outcomes.SelectMany(o => o.Warnings));
        if (outcomes.FirstOrDefault(o => o.Error is not null)?.Error is { } error)
        {
            throw error;
        }
    }

    /// <summary>Webhooks are never called for admission configuration objects, so a bad webhook cannot lock itself in.</summary>
    private static bool IsExempt(ResourceDescriptor descriptor) =>
        descriptor.Group == "admissionregistration.k8s.io"
        && descriptor.Plural is "validatingwebhookconfigurations" or "mutatingwebhookconfigurations"
            or "validatingadmissionpolicies" or "validatingadmissionpolicybindings";

    private List<(ValidatingWebhook Hook, ResourceDescriptor As)> SelectCalls(AdmissionAttributes request)
    {
        var isNamespace = request.Descriptor.Group.Length == 0 && request.Descriptor.Plural == "namespaces";
        List<JsonObject> configurations;
        JsonObject? namespaceLabels = null;
        lock (store.Sync)
        {
            configurations = store.List(s_configurations, null).OrderBy(c => c["metadata"].GetString("name"), StringComparer.Ordinal).ToList();
            if (configurations.Count == 0)
            {
                return [];
            }

            if (isNamespace)
            {
                namespaceLabels = (request.Object ?? request.OldObject)?["metadata"].GetObject("labels");
            }
            else if (request.Namespace is not null)
            {
                // A missing namespace is refused after admission with 404, as namespace lifecycle admission would.
                var ns = store.Get(s_namespaces, null, request.Namespace);
                if (ns is null)
                {
                    return [];
                }

                namespaceLabels = ns["metadata"].GetObject("labels");
            }
        }

        var calls = new List<(ValidatingWebhook, ResourceDescriptor)>();
        foreach (var configuration in configurations)
        {
            foreach (var item in (configuration.GetArray("webhooks") ?? []).OfType<JsonObject>())
            {
                var hook = ValidatingWebhook.Parse(item);
                if (Selected(hook, request, isNamespace, namespaceLabels) && Match(hook, request, isNamespace) is { } matched)
                {
                    calls.Add((hook, matched));
                }
            }
        }

        return calls;
    }

    private static bool Selected(ValidatingWebhook hook, AdmissionAttributes request, bool isNamespace, JsonObject? namespaceLabels)
    {
        // Cluster-scoped objects other than namespaces are never exempted by a namespaceSelector.
        var namespaceMatch = (request.Namespace is null && !isNamespace) || MetaLabelSelector.Matches(hook.NamespaceSelector, namespaceLabels);
        if (!namespaceMatch)
        {
            return false;
        }

        if (hook.ObjectSelector is null || hook.ObjectSelector.Count == 0)
        {
            return true;
        }

        return (request.Object is not null && MetaLabelSelector.Matches(hook.ObjectSelector, Labels(request.Object)))
            || (request.OldObject is not null && MetaLabelSelector.Matches(hook.ObjectSelector, Labels(request.OldObject)));
    }

    private static JsonObject Labels(JsonObject obj) => obj["metadata"].GetObject("labels") ?? [];

    /// <summary>The resource version the webhook is called for: the request's own, or under matchPolicy Equivalent another
    /// served version of the same resource that a rule names.</summary>
    private ResourceDescriptor? Match(ValidatingWebhook hook, AdmissionAttributes request, bool isNamespace)
    {
        var namespaced = !isNamespace && request.Namespace is not null;
        var subresource = request.Subresource ?? string.Empty;
        bool Matches(ResourceDescriptor d) =>
            hook.Rules.Any(r => r.Matches(request.Operation, d.Group, d.Version, d.Plural, subresource, namespaced));

        if (Matches(request.Descriptor))
        {
            return request.Descriptor;
        }

        if (hook.ExactMatch)
        {
            return null;
        }

        return registry.All()
            .Where(d => d.Group == request.Descriptor.Group && d.Plural == request.Descriptor.Plural && d.Version != request.Descriptor.Version)
            .FirstOrDefault(Matches);
    }

    private async Task<WebhookOutcome> CallAsync(ValidatingWebhook hook, ResourceDescriptor matched, AdmissionAttributes request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.DryRun)
            {
                if (hook.SideEffects is null)
                {
                    throw new WebhookCallException("Webhook SideEffects is nil");
                }

                if (hook.SideEffects is not ("None" or "NoneOnDryRun"))
                {
                    // Not a call failure: failurePolicy does not apply.
                    return new WebhookOutcome([], ApiErrors.BadRequest($"admission webhook \"{hook.Name}\" does not support dry run"));
                }
            }

            var (url, display, serverName) = Resolve(hook);
            var uid = Guid.NewGuid().ToString();
            var review = AdmissionReviewFactory.Build(request, matched, uid);
            var response = await WebhookCaller.PostAsync(url, display, serverName, hook.CaBundlePem, review, hook.Timeout, cancellationToken).ConfigureAwait(false);
            return WebhookResponseReader.Read(hook.Name, uid, response);
        }
        catch (WebhookCallException failure)
        {
            if (hook.IgnoreFailures)
            {
                return WebhookOutcome.Allowed;
            }

            var message = $"failed calling webhook \"{hook.Name}\": {failure.Message}";
            var details = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) };
            return new WebhookOutcome([], new ApiException(500, "InternalError", "Internal error occurred: " + message, details));
        }
    }

    private (Uri Url, string Display, string ServerName) Resolve(ValidatingWebhook hook)
    {
        var timeout = "timeout=" + ((int)hook.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        if (hook.Url is { Length: > 0 } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
            {
                throw new WebhookCallException($"could not get REST client: invalid webhook URL \"{url}\": must be an absolute https URL");
            }

            var withTimeout = new UriBuilder(parsed) { Query = parsed.Query.Length > 1 ? parsed.Query[1..] + "&" + timeout : timeout }.Uri;
            return (withTimeout, withTimeout.OriginalString, parsed.Host);
        }

        if (hook.Service is not { } service)
        {
            throw new WebhookCallException("could not get REST client: webhook has no url and no service");
        }

        var path = hook.ServicePath.StartsWith('/') ? hook.ServicePath : "/" + hook.ServicePath;
        var serverName = $"{service.Name}.{service.Namespace}.svc";
        var display = string.Create(CultureInfo.InvariantCulture, $"https://{serverName}:{service.Port}{path}?{timeout}");
        if (serviceResolver?.Invoke(service) is not { } target)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{display}\": service \"{service.Name}\" not found");
        }

        var resolved = new UriBuilder(target) { Path = target.AbsolutePath.TrimEnd('/') + path, Query = timeout }.Uri;
        return (resolved, display, serverName);
    }
}
