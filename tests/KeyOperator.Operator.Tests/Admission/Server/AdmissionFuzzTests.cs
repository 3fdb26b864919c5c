// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Admission.Server;

public sealed class AdmissionFuzzTests
{
    private const int Seed = 20261122;
    private const int Iterations = 3000;

    private static readonly string[] s_paths =
    [
        "/validate/keyoperator.io/v1alpha1/apikey",
        "/validate/keyoperator.io/v1alpha1/rotationpolicy",
        "/validate/keyoperator.io/v1alpha1/externalcredential",
        "/validate/keyoperator.io/v1alpha1/webhookendpoint",
        "/validate/keyoperator.io/v1/apikey",
        "/validate/example.com/v1/widget",
    ];

    private static readonly Func<Random, JsonNode?>[] s_replacements =
    [
        _ => null,
        r => r.Next(),
        r => -r.NextDouble() * 1e300,
        _ => JsonNode.Parse("1e400"),
        _ => true,
        _ => "",
        r => new string((char)r.Next(0x20, 0x2FFF), r.Next(0, 300)),
        _ => new JsonArray(1, "two", null, new JsonObject()),
        _ => new JsonObject { ["unexpected"] = new JsonArray() },
        _ => JsonNode.Parse(string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60))),
        _ => "12h",
        _ => "0 0 31 2 *",
        _ => -1,
        _ => long.MaxValue,
    ];

    [Fact]
    public async Task Post_ThousandsOfMutatedReviews_NeverFailsAndKeepsServing()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(policy: new AdmissionPolicy
        {
            MinTokenEntropyBits = 128,
            MinHmacBytes = 32,
            MaxRotationInterval = new PolicyDuration(TimeSpan.FromDays(90), "2160h"),
            MinGracePeriod = new PolicyDuration(TimeSpan.FromHours(1), "1h"),
            RequireRotation = new RotationRequirement(),
        });
        var random = new Random(Seed);
        JsonObject[] seeds = Seeds();
        var cases = new List<(string Path, byte[] Body)>(Iterations);
        for (int i = 0; i < Iterations; i++)
        {
            JsonObject seed = seeds[random.Next(seeds.Length)];
            cases.Add((s_paths[random.Next(s_paths.Length)], Mutate(random, seed)));
        }

        var unexpected = new System.Collections.Concurrent.ConcurrentBag<string>();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, cancellationToken) =>
        {
            using var content = new ByteArrayContent(item.Body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await server.Client.PostAsync(item.Path, content, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                JsonNode? answer = JsonNode.Parse(text);
                if (answer?["response"]?["uid"] is null || answer["response"]!["allowed"] is null)
                {
                    unexpected.Add($"200 without a response: {text}");
                }
                else if ((int?)answer["response"]!["status"]?["code"] == 500)
                {
                    unexpected.Add($"internal error for {Encoding.UTF8.GetString(item.Body)}: {text}");
                }

                outcomes.AddOrUpdate((bool)answer!["response"]!["allowed"]! ? "allowed" : "denied", 1, (_, n) => n + 1);
            }
            else if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
            {
                outcomes.AddOrUpdate("rejected", 1, (_, n) => n + 1);
            }
            else
            {
                unexpected.Add($"{(int)response.StatusCode} for {Encoding.UTF8.GetString(item.Body)}: {text}");
            }
        });

        Assert.Empty(unexpected);

        // The mutations must exercise every branch, not just the JSON parser.
        Assert.All(["allowed", "denied", "rejected"], outcome => Assert.True(outcomes.GetValueOrDefault(outcome) > Iterations / 100, $"{outcome}: {outcomes.GetValueOrDefault(outcome)}"));
        using HttpResponseMessage healthy = await server.Client.PostAsync(
            s_paths[0],
            new StringContent(Reviews.Review(Reviews.ApiKey("""{"rotationPolicyRef":{"name":"p"}}""")).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    private static JsonObject[] Seeds() =>
    [
        Reviews.Review(Reviews.ApiKey("""{"token":{"prefix":"ko_","entropyBits":256},"secretName":"s","secretTemplate":{"labels":{"a":"b"}},"rotationPolicyRef":{"name":"p"},"restartTargets":[{"kind":"Deployment","name":"api"}]}""")),
        Reviews.Review(Reviews.ApiKey("""{"hmac":{"bytes":32},"verifier":{}}"""), "UPDATE", Reviews.ApiKey("""{"hmac":{"bytes":16}}""")),
        Reviews.Review(Reviews.RotationPolicy("""{"schedule":{"cron":"0 3 * * 1","timeZone":"Europe/Berlin"},"gracePeriod":"24h","maxAge":"720h","rotateBefore":"1h","jitter":"5m"}""")),
        Reviews.Review(Reviews.RotationPolicy("""{"schedule":{"every":"720h"},"strategy":"Overlapping"}"""), dryRun: true),
        Reviews.Review(Reviews.Object("ExternalCredential", """{"provider":"vault"}""", "x", "team-a")),
    ];

    private static byte[] Mutate(Random random, JsonObject seed)
    {
        switch (random.Next(6))
        {
            case 0:
                byte[] flipped = Encoding.UTF8.GetBytes(seed.ToJsonString());
                for (int flips = random.Next(1, 6); flips > 0; flips--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return flipped;
            case 1:
                byte[] whole = Encoding.UTF8.GetBytes(seed.ToJsonString());
                return whole[..random.Next(whole.Length)];
            case 2:
                byte[] original = Encoding.UTF8.GetBytes(seed.ToJsonString());
                byte[] noise = new byte[random.Next(1, 16)];
                random.NextBytes(noise);
                int at = random.Next(original.Length);
                return [.. original[..at], .. noise, .. original[at..]];
            case 3:
                JsonObject copy = seed.DeepClone().AsObject();
                var nodes = new List<JsonNode>();
                Collect(copy, nodes);
                int swaps = random.Next(1, 4);
                for (int i = 0; i < swaps && nodes.Count > 0; i++)
                {
                    JsonNode target = nodes[random.Next(nodes.Count)];
                    if (target.Parent is { } parent && target.Parent is not null)
                    {
                        JsonNode? replacement = s_replacements[random.Next(s_replacements.Length)](random);
                        Replace(parent, target, replacement);
                        nodes.Clear();
                        Collect(copy, nodes);
                    }
                }

                return Encoding.UTF8.GetBytes(copy.ToJsonString());
            case 4:
                JsonObject pruned = seed.DeepClone().AsObject();
                var objects = new List<JsonNode>();
                Collect(pruned, objects);
                JsonObject[] withProperties = [.. objects.OfType<JsonObject>().Where(o => o.Count > 0)];
                if (withProperties.Length > 0)
                {
                    JsonObject victim = withProperties[random.Next(withProperties.Length)];
                    victim.Remove(victim.ElementAt(random.Next(victim.Count)).Key);
                }

                return Encoding.UTF8.GetBytes(pruned.ToJsonString());
            default:
                byte[] source = Encoding.UTF8.GetBytes(seed.ToJsonString());
                int start = random.Next(source.Length);
                int length = random.Next(Math.Min(64, source.Length - start) + 1);
                int insertAt = random.Next(source.Length);
                return [.. source[..insertAt], .. source.AsSpan(start, length).ToArray(), .. source[insertAt..]];
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(pair => pair.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            if (child is not null)
            {
                Collect(child, nodes);
            }
        }
    }

    private static void Replace(JsonNode parent, JsonNode target, JsonNode? replacement)
    {
        if (parent is JsonObject obj)
        {
            obj[target.GetPropertyName()] = replacement;
        }
        else if (parent is JsonArray array)
        {
            array[target.GetElementIndex()] = replacement;
        }
    }
}
