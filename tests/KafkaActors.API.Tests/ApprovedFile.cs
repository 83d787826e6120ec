namespace KafkaActors.API.Tests;

/// <summary>
/// A checked-in <c>NAME.approved.txt</c> and the text it must equal. On a mismatch the new text is
/// written to <c>NAME.received.txt</c> beside it (gitignored) and the failure shows the diff; with
/// <see cref="ApproveVariable"/>=1 the approved file is rewritten instead.
/// </summary>
public sealed class ApprovedFile(string directory, string name)
{
    public const string ApproveVariable = "KAFKA_ACTORS_APPROVE";

    public string ApprovedPath => Path.Combine(directory, name + ".approved.txt");

    public string ReceivedPath => Path.Combine(directory, name + ".received.txt");

    public static bool ApproveRequested => Environment.GetEnvironmentVariable(ApproveVariable) == "1";

    /// <returns>null when <paramref name="received"/> matches (or was approved); else what to tell the developer.</returns>
    public string? Check(string received, bool approve)
    {
        received = received.ReplaceLineEndings("\n");
        if (approve)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(ApprovedPath, received);
            File.Delete(ReceivedPath);
            return null;
        }

        var approved = File.Exists(ApprovedPath) ? File.ReadAllText(ApprovedPath) : "";
        var diff = TextDiff.Unified(approved, received);
        if (diff.Length == 0)
        {
            File.Delete(ReceivedPath);
            return null;
        }

        File.WriteAllText(ReceivedPath, received);
        var what = File.Exists(ApprovedPath) ? $"{name}'s public API differs from {ApprovedPath}" : $"{ApprovedPath} does not exist";
        return $"{what}; the new surface is in {ReceivedPath}. Review the diff; if it is intended, rerun with " +
               $"{ApproveVariable}=1 and commit the approved file.\n{diff}";
    }
}
