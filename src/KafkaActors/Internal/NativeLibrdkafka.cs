using System.Reflection;
using System.Runtime.InteropServices;

namespace KafkaActors.Internal;

/// <summary>
/// Finds the librdkafka that Confluent.Kafka loaded, so direct native calls (configuration
/// validation here, the mock cluster in KafkaActors.Testing) bind to that same copy. Confluent picks
/// among several builds at run time: on Debian 12 the default one needs libsasl2.so.3 and it falls
/// back to the centos8 build, so a plain DllImport("librdkafka") would fail there.
/// </summary>
internal static class NativeLibrdkafka
{
    public const string LibraryName = "librdkafka";

    private static readonly object Gate = new();
    private static readonly List<string> TriedPaths = new();

    /// <summary>Paths and names tried so far, for error messages.</summary>
    public static string Tried
    {
        get
        {
            lock (Gate) return TriedPaths.Count == 0 ? "(nothing)" : string.Join(", ", TriedPaths);
        }
    }

    /// <summary>A DllImport resolver for assemblies that bind to <see cref="LibraryName"/>.</summary>
    public static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != LibraryName) return IntPtr.Zero;
        lock (Gate)
        {
            try
            {
                _ = Confluent.Kafka.Library.Version; // makes Confluent load its native library
            }
            catch (Exception e)
            {
                TriedPaths.Add($"Confluent.Kafka.Library.Version ({e.GetType().Name}: {e.Message})");
            }

            foreach (var candidate in LoadedLibrdkafkaPaths().Concat(CandidatePaths()))
            {
                TriedPaths.Add(candidate);
                if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
            }
            if (NativeLibrary.TryLoad(LibraryName, assembly, path, out var byName)) return byName;
            TriedPaths.Add(LibraryName);
            return IntPtr.Zero;
        }
    }

    private static IEnumerable<string> LoadedLibrdkafkaPaths()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps")) return Array.Empty<string>();
        return File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 6 && p[^1].EndsWith("librdkafka.so", StringComparison.Ordinal))
            .Select(p => p[^1])
            .Distinct()
            .ToList();
    }

    private static IEnumerable<string> CandidatePaths()
    {
        var baseDir = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location) ?? AppContext.BaseDirectory;
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var dirs = new[]
        {
            Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"),
            Path.Combine(baseDir, "runtimes", $"{os}-{arch}", "native"),
            baseDir,
        }.Distinct();
        var files = os switch
        {
            "win" => new[] { "librdkafka.dll" },
            "osx" => new[] { "librdkafka.dylib" },
            _ => new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so" },
        };
        return dirs.SelectMany(d => files.Select(f => Path.Combine(d, f))).Where(File.Exists);
    }
}
