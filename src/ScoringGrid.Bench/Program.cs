using ScoringGrid.Bench;

return await BenchProgram.RunAsync(args, BenchEnvironment.FromProcess());
