using Xunit;

namespace KafkaActors.API.Tests;

/// <summary>The check itself can fail: a changed surface gives a readable diff and a received file.</summary>
public sealed class ApprovalCheckSpec : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kafka-actors-api-").FullName;

    private const string Approved = """
        namespace KafkaActors
        {
            public sealed class Produce
            {
                public string Topic { get; }
                public int Attempts { get; }
            }
        }
        """;

    private const string Changed = """
        namespace KafkaActors
        {
            public sealed class Produce
            {
                public string Topic { get; }
                public int Attempt { get; }
                public object? Origin { get; }
            }
        }
        """;

    [Fact]
    public void Diff_of_two_surfaces_shows_removed_and_added_lines_with_context()
    {
        var diff = TextDiff.Unified(Approved, Changed);

        Assert.Equal("""
            --- approved
            +++ received
            @@ -3,6 +3,7 @@
                 public sealed class Produce
                 {
                     public string Topic { get; }
            -        public int Attempts { get; }
            +        public int Attempt { get; }
            +        public object? Origin { get; }
                 }
             }

            """.ReplaceLineEndings("\n"), diff);
    }

    [Fact]
    public void Same_surface_has_no_diff_whatever_the_line_endings()
    {
        Assert.Equal("", TextDiff.Unified(Approved, Approved.ReplaceLineEndings("\r\n") + "\n"));
    }

    [Fact]
    public void Far_apart_changes_are_separate_hunks()
    {
        var before = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"line {i}"));
        var after = before.Replace("line 2\n", "line two\n").Replace("line 28\n", "");

        var hunks = TextDiff.Unified(before, after).Split('\n').Where(line => line.StartsWith("@@")).ToList();

        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -25,6 +25,5 @@"], hunks);
    }

    [Fact]
    public void Mismatch_fails_with_the_diff_and_writes_the_received_file_next_to_the_approved_one()
    {
        var file = new ApprovedFile(_directory, "KafkaActors");
        File.WriteAllText(file.ApprovedPath, Approved);

        var problem = file.Check(Changed, approve: false);

        Assert.NotNull(problem);
        Assert.Contains("KafkaActors's public API differs", problem);
        Assert.Contains("+        public object? Origin { get; }", problem);
        Assert.Contains(ApprovedFile.ApproveVariable + "=1", problem);
        Assert.Equal(Changed, File.ReadAllText(file.ReceivedPath));
    }

    [Fact]
    public void A_missing_approved_file_fails_and_names_it()
    {
        var problem = new ApprovedFile(_directory, "KafkaActors.Cluster.Hosting").Check(Changed, approve: false);

        Assert.Contains("KafkaActors.Cluster.Hosting.approved.txt does not exist", problem);
    }

    [Fact]
    public void Approving_rewrites_the_approved_file_and_removes_the_received_one()
    {
        var file = new ApprovedFile(_directory, "KafkaActors");
        File.WriteAllText(file.ApprovedPath, Approved);
        Assert.NotNull(file.Check(Changed, approve: false));

        Assert.Null(file.Check(Changed, approve: true));

        Assert.Equal(Changed, File.ReadAllText(file.ApprovedPath));
        Assert.False(File.Exists(file.ReceivedPath));
        Assert.Null(file.Check(Changed, approve: false));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
