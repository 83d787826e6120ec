using KafkaActors.Cli;

return await KafkaActorsCli.RunAsync(args, CliConsole.System);
