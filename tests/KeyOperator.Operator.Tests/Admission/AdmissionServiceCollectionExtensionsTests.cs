// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.Tests.Admission.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Tests.Admission;

public sealed class AdmissionServiceCollectionExtensionsTests
{
    [Fact]
    public void AddKeyOperatorAdmission_CertificateFiles_UsesFileProvider()
    {
        using ServiceProvider services = Build(options =>
        {
            options.CertificateFile = "/certs/tls.crt";
            options.PrivateKeyFile = "/certs/tls.key";
        });

        Assert.IsType<FileServingCertificateProvider>(services.GetRequiredService<IServingCertificateProvider>());
    }

    [Fact]
    public void AddKeyOperatorAdmission_NoFiles_UsesSelfManagedProvider()
    {
        using ServiceProvider services = Build(_ => { });

        Assert.IsType<SelfManagedServingCertificateProvider>(services.GetRequiredService<IServingCertificateProvider>());
    }

    [Fact]
    public void AddKeyOperatorAdmission_BadPolicyFile_FailsOnResolve()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "minTokenEntropyBits: lots\n");
        try
        {
            using ServiceProvider services = Build(options => options.PolicyFile = path);

            Assert.Throws<PolicyFileException>(() => services.GetRequiredService<IAdmissionPolicyProvider>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddKeyOperatorAdmission_CalledTwice_StillResolvesReviewer()
    {
        var collection = new ServiceCollection();
        Register(collection);
        collection.AddKeyOperatorAdmission();

        using ServiceProvider services = collection.BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<AdmissionReviewer>());
    }

    [Theory]
    [InlineData("/certs/tls.crt", null, "PrivateKeyFile")]
    [InlineData(null, "/certs/tls.key", "CertificateFile")]
    public void AddKeyOperatorAdmission_OneCertificateFileWithoutTheOther_FailsAtStart(string? certificate, string? key, string missing)
    {
        using ServiceProvider services = Build(options =>
        {
            options.CertificateFile = certificate;
            options.PrivateKeyFile = key;
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 5, "Port")]
    [InlineData(65536, 5, "Port")]
    [InlineData(9443, 1, "CaPropagationDelay")]
    public void AddKeyOperatorAdmission_InvalidValues_FailsAtStart(int port, int caPropagationMinutes, string member)
    {
        using ServiceProvider services = Build(options =>
        {
            options.Port = port;
            options.SelfManaged.CaPropagationDelay = TimeSpan.FromMinutes(caPropagationMinutes);
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(member, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyOperatorAdmission_Defaults_PassStartValidation()
    {
        using ServiceProvider services = Build(_ => { });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Build(Action<AdmissionOptions> configure)
    {
        var collection = new ServiceCollection();
        Register(collection, configure);
        return collection.BuildServiceProvider();
    }

    private static void Register(ServiceCollection collection, Action<AdmissionOptions>? configure = null)
    {
        var lookups = new FakeLookups();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton<IManagedSecretLookup>(lookups);
        collection.AddSingleton<IRotationPolicyLookup>(lookups);
        collection.AddSingleton<INamespaceLabelLookup>(lookups);
        collection.AddSingleton<ISecretStore>(new InMemorySecretStore());
        collection.AddSingleton<IWebhookConfigurationPatcher>(new RecordingPatcher());
        collection.AddKeyOperatorAdmission(configure);
    }
}
