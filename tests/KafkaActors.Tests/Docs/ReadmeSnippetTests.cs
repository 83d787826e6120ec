using Xunit;

namespace KafkaActors.Tests.Docs;

public class ReadmeSnippetTests
{
    [Fact]
    public void Every_csharp_block_in_the_readme_is_a_snippet_cut_from_test_code()
    {
        var readme = File.ReadAllText(Path.Combine(KafkaActors.Tests.Support.Repository.Root, "README.md"));
        var blocks = readme.Split("```csharp").Length - 1;

        Assert.Equal(blocks, ReadmeSnippets.InReadme().Count);
    }

    [Fact]
    public void Every_readme_snippet_matches_its_region_in_the_tests_word_for_word()
    {
        var regions = ReadmeSnippets.InSources("tests");

        Assert.All(ReadmeSnippets.InReadme(), snippet =>
        {
            Assert.True(regions.TryGetValue(snippet.Key, out var code), $"README snippet '{snippet.Key}' has no #region {snippet.Key} in tests/");
            Assert.Equal(code, snippet.Value);
        });
    }
}
