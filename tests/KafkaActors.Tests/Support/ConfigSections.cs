using Akka.Configuration;

namespace KafkaActors.Tests.Support;

/// <summary>Settings read sections; tests write whole configurations, as users do, and hand over the section.</summary>
internal static class ConfigSections
{
    public static Config Section(this Config root, string path) => root.HasPath(path) ? root.GetConfig(path) : Config.Empty;

    public static Config Section(string hocon, string path) => ConfigurationFactory.ParseString(hocon).Section(path);
}
