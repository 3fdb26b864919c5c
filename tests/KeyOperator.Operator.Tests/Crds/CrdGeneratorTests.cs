// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.Tests.Crds;

public sealed class CrdGeneratorTests
{
    private static readonly string[] s_committedFolders = ["config/crd", "charts/key-operator/crds"];

    [Fact]
    public void GenerateAll_CommittedManifests_MatchTheTypes()
    {
        // Set KEYOP_UPDATE_CRDS=1 to rewrite the committed manifests from the types (then review the diff).
        string root = RepositoryRoot();
        bool update = Environment.GetEnvironmentVariable("KEYOP_UPDATE_CRDS") == "1";
        foreach ((string fileName, string yaml) in CrdGenerator.GenerateAll())
        {
            foreach (string folder in s_committedFolders)
            {
                string path = Path.Combine(root, folder, fileName);
                if (update)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, yaml);
                }

                Assert.True(File.Exists(path), $"{folder}/{fileName} is missing; run the tests with KEYOP_UPDATE_CRDS=1.");
                Assert.True(
                    yaml == File.ReadAllText(path).ReplaceLineEndings("\n"),
                    $"{folder}/{fileName} differs from what the C# types generate; run the tests with KEYOP_UPDATE_CRDS=1 and commit the result.");
            }
        }
    }

    [Fact]
    public void GenerateAll_Yaml_ParsesBackToTheSameObjects()
    {
        IReadOnlyList<(string FileName, string Yaml)> files = CrdGenerator.GenerateAll();
        JsonObject[] objects = CrdGenerator.GenerateCrdObjects();

        Assert.Equal(objects.Length, files.Count);
        for (int i = 0; i < objects.Length; i++)
        {
            JsonNode parsed = YamlToJson.Parse(files[i].Yaml);
            Assert.True(JsonNode.DeepEquals(objects[i], parsed), files[i].FileName + " does not round-trip:\n" + parsed.ToJsonString());
        }
    }

    [Fact]
    public void GenerateAll_ApiKey_HasNamesScopeAndPrinterColumns()
    {
        (string fileName, string yaml) = Assert.Single(CrdGenerator.GenerateAll(), f => f.FileName == "keyoperator.io_apikeys.yaml");
        JsonNode crd = YamlToJson.Parse(yaml);

        Assert.Equal("apikeys.keyoperator.io", (string?)crd["metadata"]!["name"]);
        JsonNode spec = crd["spec"]!;
        Assert.Equal("Namespaced", (string?)spec["scope"]);
        Assert.Equal(["ak"], spec["names"]!["shortNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["keyoperator", "all"], spec["names"]!["categories"]!.AsArray().Select(n => (string?)n));
        JsonNode version = Assert.Single(spec["versions"]!.AsArray())!;
        Assert.Equal("v1alpha1", (string?)version["name"]);
        Assert.NotNull(version["subresources"]!["status"]);
        JsonArray columns = version["additionalPrinterColumns"]!.AsArray();
        Assert.Equal(["Ready", "Format", "Version", "Next Rotation", "Age"], columns.Select(c => (string?)c!["name"]));
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", (string?)columns[0]!["jsonPath"]);
        Assert.Equal("integer", (string?)columns[2]!["type"]);
        // Next Rotation is a string: a date column would render a future time as "<invalid>".
        Assert.Equal(["string", "date"], new[] { columns[3], columns[4] }.Select(c => (string?)c!["type"]));
        Assert.All(columns, c => Assert.Null(c!["priority"]));
    }

    [Fact]
    public void GenerateCrdObjects_ApiKeySchema_CarriesValidationAndDefaults()
    {
        JsonNode schema = ApiKeySchema();
        JsonNode spec = schema["properties"]!["spec"]!;
        JsonNode token = spec["properties"]!["token"]!["properties"]!;

        Assert.Equal("ko_", (string?)token["prefix"]!["default"]);
        Assert.Equal("^[a-z][a-z0-9_]{0,15}$", (string?)token["prefix"]!["pattern"]);
        Assert.Equal(256, (int)token["entropyBits"]!["default"]!);
        Assert.Equal(128L, (long)token["entropyBits"]!["minimum"]!);
        Assert.Equal(1024L, (long)token["entropyBits"]!["maximum"]!);
        Assert.Equal([2048L, 3072L, 4096L], spec["properties"]!["rsa"]!["properties"]!["bits"]!["enum"]!.AsArray().Select(n => (long)n!));
        Assert.Equal(["P-256", "P-384", "P-521"], spec["properties"]!["ecdsa"]!["properties"]!["curve"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("P-256", (string?)spec["properties"]!["ecdsa"]!["properties"]!["curve"]!["default"]);
        Assert.Equal(["username"], spec["properties"]!["basicAuth"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.True((bool)spec["properties"]!["basicAuth"]!["properties"]!["lowercase"]!["default"]!);
        Assert.Equal(["Deployment", "StatefulSet", "DaemonSet"], spec["properties"]!["restartTargets"]!["items"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("string", (string?)spec["properties"]!["secretTemplate"]!["properties"]!["labels"]!["additionalProperties"]!["type"]);
    }

    [Fact]
    public void GenerateCrdObjects_ApiKeyStatus_ConditionsAndKeysAreListMaps()
    {
        JsonNode status = ApiKeySchema()["properties"]!["status"]!["properties"]!;

        Assert.Equal("map", (string?)status["conditions"]!["x-kubernetes-list-type"]);
        Assert.Equal(["type"], status["conditions"]!["x-kubernetes-list-map-keys"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("type", status["conditions"]!["items"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("date-time", (string?)status["conditions"]!["items"]!["properties"]!["lastTransitionTime"]!["format"]);
        Assert.Equal(["version"], status["keys"]!["x-kubernetes-list-map-keys"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("date-time", (string?)status["nextRotationTime"]!["format"]);
        Assert.True((bool)status["rotation"]!["x-kubernetes-preserve-unknown-fields"]!);
    }

    [Fact]
    public void GenerateCrdObjects_EverySchemaNode_IsStructuralAndDescribed()
    {
        var problems = new List<string>();
        Walk(ApiKeySchema(), "", problems);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"token":{}}""", true)]
    [InlineData("""{"rsa":{"bits":4096},"secretName":"x"}""", true)]
    [InlineData("""{"token":{},"hmac":{}}""", false)]
    [InlineData("""{"rsa":{},"ecdsa":{},"basicAuth":{"username":"u"}}""", false)]
    public void GenerateCrdObjects_SpecOneOf_AllowsAtMostOneFormat(string spec, bool valid)
    {
        JsonArray oneOf = ApiKeySchema()["properties"]!["spec"]!["oneOf"]!.AsArray();

        Assert.Equal(valid, oneOf.Count(branch => Matches(branch!, JsonNode.Parse(spec)!.AsObject())) == 1);
    }

    [Fact]
    public void Generate_MissingDocumentationFile_ThrowsInsteadOfDroppingDescriptions()
    {
        string empty = Directory.CreateTempSubdirectory().FullName;

        Assert.Throws<FileNotFoundException>(() => CrdGenerator.GenerateAll(empty));
    }

    [Fact]
    public void Generate_DocumentationOptional_StillValidatesWithoutDescriptions()
    {
        var docs = new XmlDocumentation(Directory.CreateTempSubdirectory().FullName, required: false);

        JsonObject crd = CrdGenerator.Generate(CustomResourceKinds.ApiKey, docs);

        JsonNode token = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["token"]!;
        Assert.Null(token["description"]);
        Assert.Equal("ko_", (string?)token["properties"]!["prefix"]!["default"]);
    }

    private static JsonNode ApiKeySchema() =>
        CrdGenerator.GenerateCrdObjects()[0]["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;

    // Evaluates the subset of JSON Schema the oneOf branches use: required, not, anyOf.
    private static bool Matches(JsonNode schema, JsonObject value)
    {
        bool ok = true;
        if (schema["required"] is JsonArray required)
        {
            ok &= required.All(r => value.ContainsKey((string)r!));
        }

        if (schema["not"] is JsonNode not)
        {
            ok &= !Matches(not, value);
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            ok &= anyOf.Any(b => Matches(b!, value));
        }

        return ok;
    }

    private static void Walk(JsonNode schema, string path, List<string> problems)
    {
        if (schema["type"] is null)
        {
            problems.Add(path + ": no type");
        }

        if (schema["required"] is JsonArray { Count: 0 })
        {
            problems.Add(path + ": empty required");
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach ((string name, JsonNode? child) in properties)
            {
                string childPath = path + "." + name;
                if (childPath != ".metadata" && string.IsNullOrWhiteSpace((string?)child!["description"]))
                {
                    problems.Add(childPath + ": no description");
                }

                Walk(child!, childPath, problems);
            }
        }

        if (schema["items"] is JsonNode items)
        {
            Walk(items, path + "[]", problems);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Walk(additional, path + "{}", problems);
        }
    }

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        // Builds with KEYOP_ARTIFACTS put the output outside the checkout; then this source file's path leads there.
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KeyOperator.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("KeyOperator.sln not found above " + AppContext.BaseDirectory + " or " + sourceFile);
    }
}
