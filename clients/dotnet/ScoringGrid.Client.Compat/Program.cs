using ScoringGrid.Client.Compat;

return await CompatRunner.MainAsync(args, Console.Out, Console.Error);
