using System.Reflection;
using PublicApiGenerator;
using Xunit;

namespace KafkaActors.API.Tests;

/// <summary>
/// Every shipped library's public surface equals its approved file (Akka's CoreAPISpec, without Verify):
/// any surface change shows up as a diff to review. Approve with <c>KAFKA_ACTORS_APPROVE=1</c>.
/// </summary>
public class PublicApiSpec
{
    // Lines that change with the build, not with the API.
    private static readonly ApiGeneratorOptions Options = new()
    {
        ExcludeAttributes =
        [
            "System.Runtime.Versioning.TargetFrameworkAttribute",
            "System.Reflection.AssemblyMetadataAttribute",
        ],
    };

    public static TheoryData<string> Libraries => new(ShippedLibraries.Names);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Public_api_is_the_approved_one(string library)
    {
        var surface = Assembly.Load(library).GeneratePublicApi(Options);

        var problem = new ApprovedFile(ShippedLibraries.ApprovedDirectory, library).Check(surface, ApprovedFile.ApproveRequested);

        Assert.True(problem is null, problem);
    }

    [Fact]
    public void Every_shipped_library_is_checked_and_every_approved_file_belongs_to_one()
    {
        var approved = Directory.GetFiles(ShippedLibraries.ApprovedDirectory, "*.approved.txt")
            .Select(path => Path.GetFileName(path)[..^".approved.txt".Length])
            .Order(StringComparer.Ordinal);

        Assert.Contains("KafkaActors", ShippedLibraries.Names);
        if (!ApprovedFile.ApproveRequested) Assert.Equal(ShippedLibraries.Names, approved);
    }
}
