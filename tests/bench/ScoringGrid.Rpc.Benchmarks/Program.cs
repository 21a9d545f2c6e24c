using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/bench/ScoringGrid.Rpc.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ScoringGrid.Rpc.Benchmarks.ServerCallBenchmarks).Assembly).Run(args);
