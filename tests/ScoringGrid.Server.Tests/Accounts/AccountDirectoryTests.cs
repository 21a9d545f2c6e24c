using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Tests.Accounts;

/// <summary>The account directory: one handle per (tenant, id), whoever asks first, from any thread.</summary>
public sealed class AccountDirectoryTests
{
    [Fact(Timeout = 60_000)]
    public async Task Concurrent_callers_get_one_handle_per_account_and_tenants_never_share_one()
    {
        var directory = new AccountDirectory();
        var ids = Enumerable.Range(0, 20_000).Select(i => "acct-" + (i * 7919 % 20_000)).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var tenant = directory.For(worker % 2 == 0 ? "alpha" : "beta");
            var handles = new int[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                handles[i] = tenant.GetOrAdd(ids[(i + worker * 997) % ids.Length]);
            }

            return (Tenant: tenant.Tenant, Worker: worker, Handles: handles);
        })));

        Assert.Equal(2 * ids.Length, directory.Count);
        var alpha = directory.For("alpha");
        var beta = directory.For("beta");
        foreach (var id in ids)
        {
            Assert.True(alpha.TryGet(id, out var a));
            Assert.True(beta.TryGet(id, out var b));
            Assert.NotEqual(a, b);
            Assert.Equal(id, directory.IdOf(a));
            Assert.Equal("alpha", directory[a].Tenant.Tenant);
            Assert.Equal(GrainKeys.Account("beta", id), directory[b].GrainId);
        }

        foreach (var (tenant, worker, handles) in results)
        {
            var accounts = directory.For(tenant);
            for (var i = 0; i < handles.Length; i++)
            {
                Assert.True(accounts.TryGet(ids[(i + worker * 997) % ids.Length], out var expected));
                Assert.Equal(expected, handles[i]);
            }
        }

        Assert.False(alpha.TryGet("never-seen", out _));
        Assert.True(directory.IdOrder.Compare(alpha.GetOrAdd("Zed"), alpha.GetOrAdd("amy")) < 0); // ordinal: 'Z' < 'a'
    }

    [Fact]
    public void Ids_are_found_by_string_and_by_characters_across_growth_and_near_misses_are_not()
    {
        var directory = new AccountDirectory();
        var accounts = directory.For("acme");
        // Ids that share prefixes, differ in case or only in their last char, empty-adjacent ones, non-ASCII.
        var ids = Enumerable.Range(0, 50_000).Select(i => (i % 5) switch
        {
            0 => "u" + i,
            1 => "U" + i,
            2 => "u" + i + "x",
            3 => "é" + i + "日本",
            _ => new string('a', 1 + i % 40) + i,
        }).ToArray();
        var handles = ids.Select(id => accounts.GetOrAdd(id)).ToArray();

        Assert.Equal(ids.Length, accounts.Count);
        Assert.Equal(ids.Length, handles.Distinct().Count());
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.True(accounts.TryGet(ids[i], out var byString));
            Assert.Equal(handles[i], byString);
            // As ingest looks ids up: hash, hints step by step (also for an id not indexed), then the lookup.
            var hash = TenantAccounts.Hash(ids[i]);
            var absent = TenantAccounts.Hash(ids[i] + "?");
            for (var step = 0; step < TenantAccounts.PrefetchSteps; step++)
            {
                accounts.Prefetch(hash, step);
                accounts.Prefetch(absent, step);
            }

            Assert.Equal(handles[i], accounts.GetOrAdd(ids[i].AsSpan(), hash));
            Assert.Equal(ids[i], directory.IdOf(byString));
        }

        Assert.False(accounts.TryGet("u0x0", out _));
        Assert.False(accounts.TryGet("u", out _));
        Assert.False(accounts.TryGet("", out _));
        Assert.Equal(ids.Length, accounts.Count); // lookups add nothing
    }

    [Fact]
    public void The_stable_hash_of_a_relationship_is_that_of_its_grain_id_in_either_order()
    {
        var directory = new AccountDirectory();
        var accounts = directory.For("acme");
        var type = new RelationshipGrainType(directory);
        var key = new RelationshipKey(accounts.GetOrAdd("zoe"), accounts.GetOrAdd("adam"));

        Assert.Equal(GrainKeys.Relationship("acme", "adam", "zoe"), type.GrainIdOf(key));
        Assert.Equal(GrainKeys.Relationship("acme", "zoe", "adam").StableHash, type.StableHashOf(key));
        Assert.Equal(type.StableHashOf(key), GrainKeys.RelationshipStableHash(accounts.KeyPrefix, "zoe", "adam"));
        Assert.Equal(type.PlacementHash(key), type.PlacementHash(new RelationshipKey(key.Hi, key.Lo)));
    }
}
