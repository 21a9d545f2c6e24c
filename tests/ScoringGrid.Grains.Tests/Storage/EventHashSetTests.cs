namespace ScoringGrid.Grains.Tests.Storage;

/// <summary>The set recovery reads a checkpoint's idempotency keys into, held to <see cref="HashSet{T}"/>.</summary>
public sealed class EventHashSetTests
{
    [Fact]
    public void Adds_agree_with_a_hash_set_through_growth_zero_and_colliding_slots()
    {
        var random = new Random(3);
        var set = new EventHashSet(capacity: 4);
        var reference = new HashSet<UInt128>();
        for (int i = 0; i < 200_000; i++)
        {
            UInt128 hash = (i % 7) switch
            {
                0 => UInt128.Zero,

                // Many hashes whose two halves XOR to the same few values: they all start at the same slots.
                1 => new UInt128((ulong)random.Next(50), (ulong)random.Next(50)),
                2 => reference.Count > 0 && random.Next(2) == 0 ? reference.ElementAt(random.Next(Math.Min(reference.Count, 64))) : NextHash(random),
                _ => NextHash(random),
            };

            Assert.Equal(reference.Add(hash), set.Add(hash));
            if (i % 1000 == 0)
            {
                Assert.Equal(reference.Count, set.Count);
                UInt128 probe = random.Next(2) == 0 ? NextHash(random) : reference.ElementAt(random.Next(Math.Min(reference.Count, 64)));
                Assert.Equal(reference.Add(probe), set.Add(probe));
            }
        }

        Assert.Equal(reference.Count, set.Count);
        foreach (UInt128 hash in reference)
        {
            Assert.False(set.Add(hash));
        }

        Assert.True(set.Add(NextHash(new Random(99))));
    }

    private static UInt128 NextHash(Random random) => new((ulong)random.NextInt64(), (ulong)random.NextInt64());
}
