namespace ScoringGrid.Cli.Demo;

/// <summary>Draws an index with probability proportional to its weight.</summary>
internal sealed class WeightedSampler
{
    private readonly double[] _cumulative;

    public WeightedSampler(IReadOnlyList<double> weights)
    {
        _cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += Math.Max(0, weights[i]);
            _cumulative[i] = sum;
        }

        if (!(sum > 0))
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }
    }

    public int Sample(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, _cumulative.Length - 1);
    }
}
