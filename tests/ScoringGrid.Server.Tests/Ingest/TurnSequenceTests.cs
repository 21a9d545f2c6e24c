using ScoringGrid.Server.Ingest;

namespace ScoringGrid.Server.Tests.Ingest;

public sealed class TurnSequenceTests
{
    [Fact(Timeout = 30_000)]
    public async Task Turns_are_taken_in_ticket_order_whatever_order_they_are_asked_for()
    {
        var turns = new TurnSequence();
        var order = new List<long>();
        var tickets = Enumerable.Range(0, 200).Select(i => (long)i).OrderBy(_ => Random.Shared.Next()).ToArray();
        var takers = tickets.Select(ticket => Task.Run(async () =>
        {
            await turns.WaitAsync(ticket);
            lock (order)
            {
                order.Add(ticket);
            }

            turns.End(ticket);
        })).ToArray();

        await Task.WhenAll(takers);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), order);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_passed_turn_lets_the_next_ticket_go()
    {
        var turns = new TurnSequence();
        var second = turns.WaitAsync(1);
        Assert.False(second.IsCompleted);
        await turns.PassAsync(0);
        await second;
        turns.End(1);
        await turns.WaitAsync(2);
    }

    [Fact]
    public void Ending_out_of_turn_is_refused()
    {
        var turns = new TurnSequence();
        Assert.Throws<InvalidOperationException>(() => turns.End(1));
        turns.End(0);
        Assert.Throws<InvalidOperationException>(() => { _ = turns.WaitAsync(0); });
    }
}
