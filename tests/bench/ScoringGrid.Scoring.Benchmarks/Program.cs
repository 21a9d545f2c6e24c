using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/bench/ScoringGrid.Scoring.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ScoringGrid.Scoring.Benchmarks.ApplyBenchmarks).Assembly).Run(args);
