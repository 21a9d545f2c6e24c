using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ScoringGrid.Server.Services.Wire;

namespace ScoringGrid.Server.Tests.Services.Wire;

/// <summary>
/// The checks every request read field by field must pass against the generated type it stands for:
/// any request reads the same, damaged bytes are refused exactly when the generated type refuses them,
/// and a request given back twice is pooled once.
/// </summary>
internal static class WireRequestChecks
{
    /// <summary>Random requests (1,000 seeds) read as the generated type reads them (<paramref name="assertSame"/> compares).</summary>
    public static void ReadAsGenerated<TMessage>(MessageParser<TMessage> parser, Func<System.Random, byte[]> random, Action<TMessage, byte[]> assertSame)
        where TMessage : IMessage<TMessage> =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var bytes = random(new System.Random(seed));
            assertSame(parser.ParseFrom(bytes), bytes);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    /// <summary>Random requests, damaged (1,000 seeds), are refused exactly when the generated type refuses them, and otherwise read as it reads them.</summary>
    public static void RefusedAsGenerated<TMessage, TWire>(MessageParser<TMessage> parser, Func<System.Random, byte[]> random, Action<TMessage, byte[]> assertSame)
        where TMessage : IMessage<TMessage>
        where TWire : PooledWireRequest<TWire>, IPoolableWireRequest<TWire> =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var generator = new System.Random(seed);
            var bytes = Ingest.Wire.WireRequests.Damage(random(generator), generator);
            TMessage? expected = default;
            try
            {
                expected = parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
            }

            if (expected is null)
            {
                Assert.Throws<FormatException>(() => PooledWireRequest<TWire>.Parse(new ReadOnlySequence<byte>(bytes)));
            }
            else
            {
                assertSame(expected, bytes);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    /// <summary>A request given back twice goes into its pool once, so two calls never share it.</summary>
    public static void PooledOnce<TWire>(byte[] bytes)
        where TWire : PooledWireRequest<TWire>, IPoolableWireRequest<TWire>
    {
        var request = PooledWireRequest<TWire>.Parse(new ReadOnlySequence<byte>(bytes));
        var pooled = PooledWireRequest<TWire>.PooledCount;

        request.Release();
        request.Release();

        Assert.Equal(pooled + 1, PooledWireRequest<TWire>.PooledCount);
    }
}
