using Akka.Annotations;
using System.Runtime.InteropServices;

namespace KafkaActors;

/// <summary>
/// INTERNAL API (shared with the other KafkaActors packages; not for users).
/// Finds the librdkafka that Confluent.Kafka loaded, so our own native calls (configuration
/// validation here, the mock cluster in KafkaActors.Testing) bind to that same copy.
/// </summary>
[InternalApi]
public static class NativeLibrdkafka
{
    public const string LibraryName = "librdkafka";

    // The runtime asks a resolver once per P/Invoke method, possibly from several threads: resolve once.
    private static readonly Lazy<Resolution> Library = new(ResolveOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded library's handle, or zero when none was found.</summary>
    public static IntPtr Handle => Library.Value.Handle;

    /// <summary>Where the library was loaded from, or null.</summary>
    public static string? LoadedFrom => Library.Value.LoadedFrom;

    /// <summary>Every path and name tried, for error messages.</summary>
    public static string Tried => string.Join(", ", Library.Value.Tried);

    /// <summary>Makes DllImport("librdkafka") in <paramref name="assembly"/> bind to Confluent's copy.</summary>
    public static void UseFor(System.Reflection.Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == LibraryName ? Handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // Only one resolver per assembly is allowed; it was set already.
        }
    }

    private sealed record Resolution(IntPtr Handle, string? LoadedFrom, IReadOnlyList<string> Tried);

    // Confluent.Kafka picks among several librdkafka builds at run time (on Debian 12 the default one
    // needs libsasl2.so.3 and it falls back to the centos8 build). Binding to the very library it
    // loaded keeps one copy of librdkafka in the process.
    private static Resolution ResolveOnce()
    {
        var tried = new List<string>();
        try
        {
            _ = Confluent.Kafka.Library.Version; // makes Confluent load its native library
        }
        catch (Exception e)
        {
            tried.Add($"Confluent.Kafka.Library.Version ({e.GetType().Name}: {e.Message})");
        }

        foreach (var candidate in LoadedLibrdkafkaPaths().Concat(CandidatePaths()).Distinct())
        {
            tried.Add(candidate);
            if (NativeLibrary.TryLoad(candidate, out var handle)) return new Resolution(handle, candidate, tried);
        }
        return new Resolution(IntPtr.Zero, null, tried);
    }

    // /proc/self/maps lines are "address perms offset dev inode pathname"; the pathname may contain spaces.
    private static IEnumerable<string> LoadedLibrdkafkaPaths()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps")) return Array.Empty<string>();
        return File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : "")
            .Where(path => path.EndsWith("librdkafka.so", StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }

    private static IEnumerable<string> CandidatePaths()
    {
        var confluentDir = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location);
        var baseDirs = new[] { confluentDir, AppContext.BaseDirectory }
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d!)))
            .Distinct()
            .ToList();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var portableRid = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        var fileNames = OperatingSystem.IsWindows()
            ? new[] { "librdkafka.dll" }
            : OperatingSystem.IsMacOS()
                ? new[] { "librdkafka.dylib" }
                : new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so" };

        foreach (var dir in baseDirs)
        foreach (var rid in new[] { RuntimeInformation.RuntimeIdentifier, portableRid }.Distinct())
        foreach (var file in fileNames)
            yield return Path.Combine(dir, "runtimes", rid, "native", file);
        foreach (var dir in baseDirs)
        foreach (var file in fileNames)
            yield return Path.Combine(dir, file);
        foreach (var file in fileNames.Take(1)) yield return file; // wherever the OS loader finds it
    }

}
