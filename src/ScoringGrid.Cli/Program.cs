using ScoringGrid.Cli;

return await Sgctl.RunAsync(args, CliEnvironment.FromProcess());
