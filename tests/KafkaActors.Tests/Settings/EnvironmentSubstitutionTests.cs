using Akka.Configuration;
using Xunit;

namespace KafkaActors.Tests.Settings;

public class EnvironmentSubstitutionTests
{
    private static string Apply(string hocon, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value);
        return EnvironmentSubstitution.Apply(hocon, name => env.GetValueOrDefault(name));
    }

    [Fact]
    public void An_unset_optional_variable_keeps_the_value_set_before_it()
    {
        var config = ConfigurationFactory.ParseString(Apply("a = default\na = ${?UNSET_VAR}"));
        Assert.Equal("default", config.GetString("a"));
    }

    [Fact]
    public void A_set_variable_is_substituted_as_a_quoted_string()
    {
        var config = ConfigurationFactory.ParseString(Apply("a = ${NAME}", ("NAME", "x:1,y:2 # not a comment")));
        Assert.Equal("x:1,y:2 # not a comment", config.GetString("a"));
    }

    [Fact]
    public void An_unset_required_variable_fails_naming_it()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => Apply("a = ${MISSING_VAR}"));
        Assert.Contains("MISSING_VAR is not set", error.Message);
    }

    [Fact]
    public void An_unset_optional_variable_drops_only_its_own_field_from_a_line_of_several()
    {
        var config = ConfigurationFactory.ParseString(Apply("a = default\na = ${?UNSET_VAR}, b = 2\nc { d = ${?UNSET_VAR} }"));

        Assert.Equal(("default", 2), (config.GetString("a"), config.GetInt("b")));
        Assert.False(config.HasPath("c.d"));
    }

    [Fact]
    public void References_in_comments_and_quoted_strings_are_not_references()
    {
        var config = ConfigurationFactory.ParseString(Apply("# password from ${MISSING_VAR}\na = \"${NAME} stays\" // ${MISSING_VAR}", ("NAME", "x")));

        Assert.Equal("${NAME} stays", config.GetString("a"));
    }

    [Fact]
    public void An_unset_required_variable_in_a_file_names_its_line_and_column()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseString("a = 1\nb = ${KAFKA_ACTORS_TEST_NEVER_SET}"));

        Assert.Equal(new ConfigLocation("(string)", 2, 5), error.Location);
        Assert.Equal("${KAFKA_ACTORS_TEST_NEVER_SET}", error.Key);
    }

    [Fact]
    public void References_to_configuration_paths_are_left_to_akka()
    {
        var config = ConfigurationFactory.ParseString(Apply("x { y = 1 }\na = ${x.y}"));
        Assert.Equal(1, config.GetInt("a"));
    }
}
