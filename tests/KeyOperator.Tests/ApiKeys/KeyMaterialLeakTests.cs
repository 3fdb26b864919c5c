// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.ApiKeys;

/// <summary>Key material must never reach logs, events or status: mint every format, then scan all three for it.</summary>
[Trait("Cluster", "Any")]
public sealed class KeyMaterialLeakTests(PortableOperatorFixture fixture) : IClassFixture<PortableOperatorFixture>
{
    [Fact]
    public async Task Operator_AfterMintingEveryFormatAndRepairingDrift_NoKeyValueInLogsEventsOrStatus()
    {
        string ns = await fixture.CreateNamespaceAsync("leak");
        (string Name, string Spec)[] keys =
        [
            ("tok", "  token: {}\n"),
            ("mac", "  hmac: {}\n"),
            ("rsa", "  rsa:\n    bits: 2048\n"),
            ("ec", "  ecdsa: {}\n"),
            ("basic", "  basicAuth:\n    username: svc\n"),
        ];
        foreach ((string name, string spec) in keys)
        {
            await ApplyAsync(fixture, ApiKeyYaml(ns, name, spec));
        }

        foreach ((string name, _) in keys)
        {
            await WaitReadyAsync(fixture, ns, name);
        }

        // Exercise the drift paths too, since they log and emit Warning events.
        (await fixture.Kubectl.RunAsync($"delete secret tok -n {ns}")).EnsureSuccess();
        await EventuallyAsync(() => GetSecretAsync(fixture, ns, "tok"), s => VersionOf(s) == "2", "the recreated token");

        List<string> secretValues = [];
        foreach ((string name, _) in keys)
        {
            V1Secret secret = await GetSecretAsync(fixture, ns, name);
            foreach ((string dataKey, byte[] value) in secret.Data!)
            {
                if (dataKey is "username" or "public.pem" or "jwks.json")
                {
                    continue;
                }

                secretValues.Add(Encoding.UTF8.GetString(value));
                secretValues.Add(Convert.ToBase64String(value));
            }
        }

        string status = (await fixture.Kubectl.RunAsync($"get apikeys -n {ns} -o json")).EnsureSuccess().StandardOutput;
        string events = await EventsAsync(fixture, ns);
        string logs = string.Join('\n', fixture.Logs.Lines);
        Assert.NotEmpty(fixture.Logs.Lines);
        foreach (string value in secretValues)
        {
            // PEM bodies are long; any 40-character run of one would be a leak worth failing on.
            string probe = value.Replace("-----BEGIN PRIVATE KEY-----", string.Empty, StringComparison.Ordinal).Trim();
            probe = probe.Length > 40 ? probe.Substring(0, 40) : probe;
            Assert.DoesNotContain(probe, status, StringComparison.Ordinal);
            Assert.DoesNotContain(probe, events, StringComparison.Ordinal);
            Assert.DoesNotContain(probe, logs, StringComparison.Ordinal);
        }
    }
}
